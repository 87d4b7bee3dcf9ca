/// @file eigen.hpp
/// @brief Module eigen: power iteration, Rayleigh quotient, inverse iteration, and the k largest /
/// smallest eigenpairs of symmetric operators (dense, sparse or matrix-free). See docs/eigen.md.
#ifndef SPECTRAKIT_EIGEN_HPP
#define SPECTRAKIT_EIGEN_HPP

#include "eigen/operators.hpp"
#include "eigen/power_iteration.hpp"
#include "eigen/symmetric_eigs.hpp"
#include "error.hpp"
#include "version.hpp"

#endif  // SPECTRAKIT_EIGEN_HPP
