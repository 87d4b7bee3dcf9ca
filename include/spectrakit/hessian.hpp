/// @file hessian.hpp
/// @brief Module hessian: repair of singular or indefinite Hessians (six strategies), Newton
/// directions, the optimal gradient step, critical-point classification, rank-one inverse
/// updates (Sherman-Morrison, SR1, BFGS), finite differences and modified Newton minimization.
/// See docs/hessian.md.
#ifndef SPECTRAKIT_HESSIAN_HPP
#define SPECTRAKIT_HESSIAN_HPP

#include "error.hpp"
#include "hessian/critical_point.hpp"
#include "hessian/finite_difference.hpp"
#include "hessian/newton.hpp"
#include "hessian/rank_one.hpp"
#include "hessian/repair.hpp"
#include "version.hpp"

#endif  // SPECTRAKIT_HESSIAN_HPP
