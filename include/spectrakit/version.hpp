/// @file version.hpp
/// @brief The spectrakit version. CMake reads these three macros to set `project(VERSION)`,
/// so this header is the single source of truth for the version number.
#ifndef SPECTRAKIT_VERSION_HPP
#define SPECTRAKIT_VERSION_HPP

/// Major version: incremented on incompatible API changes.
#define SPECTRAKIT_VERSION_MAJOR 0
/// Minor version: incremented when functionality is added compatibly.
#define SPECTRAKIT_VERSION_MINOR 1
/// Patch version: incremented on compatible bug fixes.
#define SPECTRAKIT_VERSION_PATCH 0

/// The version as one integer, `major * 10000 + minor * 100 + patch`, for `#if` comparisons.
#define SPECTRAKIT_VERSION \
  (SPECTRAKIT_VERSION_MAJOR * 10000 + SPECTRAKIT_VERSION_MINOR * 100 + SPECTRAKIT_VERSION_PATCH)

#endif  // SPECTRAKIT_VERSION_HPP
