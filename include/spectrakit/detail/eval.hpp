/// @file detail/eval.hpp
/// @brief Helpers to evaluate an Eigen expression once, and common typedefs.
#ifndef SPECTRAKIT_DETAIL_EVAL_HPP
#define SPECTRAKIT_DETAIL_EVAL_HPP

#include <Eigen/Core>

namespace spectrakit {
namespace detail {

/// The argument as something that is cheap to read `reads` times: plain objects, maps and
/// blocks by reference, costly expressions (products, sums) evaluated once into a temporary.
template <typename Derived, int reads = 2>
using nested_t = typename Eigen::internal::nested_eval<Derived, reads>::type;

/// Dynamic-size column-major matrix of the argument's scalar.
template <typename Derived>
using matrix_of_t = Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, Eigen::Dynamic>;

/// Dynamic-size column vector of the argument's real scalar.
template <typename Derived>
using real_vector_of_t = Eigen::Matrix<typename Derived::RealScalar, Eigen::Dynamic, 1>;

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_DETAIL_EVAL_HPP
