/// @file norms.hpp
/// @brief Module norms: Frobenius, spectral and nuclear norms, traces, singular values and
/// condition numbers. See docs/norms.md.
#ifndef SPECTRAKIT_NORMS_HPP
#define SPECTRAKIT_NORMS_HPP

#include "error.hpp"
#include "norms/frobenius.hpp"
#include "norms/singular_values.hpp"
#include "norms/trace.hpp"
#include "version.hpp"

#endif  // SPECTRAKIT_NORMS_HPP
