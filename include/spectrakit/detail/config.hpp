/// @file detail/config.hpp
/// @brief Internals: header-only (the default) or compiled mode.
///
/// spectrakit is header-only by default. Its numerical cores (the graph module's eigen-solvers,
/// the supernodal Cholesky, the real Schur form, the k-means core, ...) are templates on the
/// scalar type only, so a translation unit instantiates just the cores it calls.
///
/// With `SPECTRAKIT_COMPILED` defined (the CMake target `spectrakit::spectrakit_compiled`, built
/// with `-DSPECTRAKIT_BUILD_LIBRARY=ON`), the cores are compiled once into the library
/// `libspectrakit`, explicitly instantiated for float and double (double alone where a module
/// computes in double): the headers then declare them, mark them `extern template` and hide
/// their definitions, so a user's file compiles against declarations only. The public templates
/// (thin adapters from Eigen expressions to the cores) stay in the headers in both modes.
/// The library's own sources define `SPECTRAKIT_COMPILING_LIBRARY` to see the definitions.
#ifndef SPECTRAKIT_DETAIL_CONFIG_HPP
#define SPECTRAKIT_DETAIL_CONFIG_HPP

/// 1 when the cores' definitions are compiled in this translation unit: header-only mode, or
/// the library's own sources. 0 in a user's file of the compiled mode.
#if defined(SPECTRAKIT_COMPILED) && !defined(SPECTRAKIT_COMPILING_LIBRARY)
#define SPECTRAKIT_DEFINE_CORES 0
#else
#define SPECTRAKIT_DEFINE_CORES 1
#endif

/// `extern template` in the compiled mode (user files and library alike: the library follows
/// each declaration with the explicit instantiation definition), nothing in header-only mode.
/// Used through the SPECTRAKIT_*_INSTANTIATIONS(prefix) lists of each header, so that the
/// declarations and the library's definitions are one list.
#if defined(SPECTRAKIT_COMPILED)
#define SPECTRAKIT_EXTERN_TEMPLATE extern template
#define SPECTRAKIT_IS_COMPILED 1
#else
#define SPECTRAKIT_IS_COMPILED 0
#endif

/// The readers (io.hpp) are plain functions: `inline` in header-only mode; in the compiled mode
/// declared only, and defined once in the library's src/io.cpp (SPECTRAKIT_COMPILING_IO), which
/// is compiled with zlib when CMake finds it.
#if !defined(SPECTRAKIT_COMPILED)
#define SPECTRAKIT_DEFINE_IO 1
#define SPECTRAKIT_IO_INLINE inline
#elif defined(SPECTRAKIT_COMPILING_IO)
#define SPECTRAKIT_DEFINE_IO 1
#define SPECTRAKIT_IO_INLINE
#else
#define SPECTRAKIT_DEFINE_IO 0
#define SPECTRAKIT_IO_INLINE
#endif

#endif  // SPECTRAKIT_DETAIL_CONFIG_HPP
