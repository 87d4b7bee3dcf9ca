/// @file norms/frobenius.hpp
/// @brief The Frobenius norm, safe from overflow and underflow.
#ifndef SPECTRAKIT_NORMS_FROBENIUS_HPP
#define SPECTRAKIT_NORMS_FROBENIUS_HPP

#include <Eigen/Core>
#include <cmath>
#include <limits>

#include "../detail/eval.hpp"
#include "../detail/validate.hpp"

namespace spectrakit {

/// @brief The Frobenius norm ||A||_F = sqrt(sum_ij a_ij^2), safe from overflow and underflow.
///
/// Equal to sqrt(sum_i sigma_i^2) and to sqrt(tr(A^T A)); see singular_values() and
/// trace_of_product(). The fast path is Eigen's `squaredNorm()` (vectorized, one pass); when the
/// sum of squares overflows or falls into the range where squares of small entries underflow
/// (sum < size * min_normal / epsilon), the norm is recomputed with Eigen's scaled
/// `stableNorm()`, so entries near 1e+-300 (double) or 1e+-30 (float) give the correctly rounded
/// result where the naive formula gives Inf or 0.
///
/// @param a any dense Eigen expression, float or double; empty gives 0 (as Eigen and NumPy)
/// @return ||A||_F
/// @throws invalid_input when A has a NaN or Inf entry (argument 'A')
/// @par Cost
/// One pass over the entries (two in the rare rescaled case).
/// @par Reference
/// Golub & Van Loan, Matrix Computations, 4th ed., sec. 2.3.1; Blue, ACM TOMS 4 (1978).
template <typename Derived>
[[nodiscard]] typename Derived::RealScalar frobenius_norm(const Eigen::MatrixBase<Derived>& a) {
  using Real = typename Derived::RealScalar;
  detail::static_check_real_scalar<Real>();
  if (a.size() == 0) return Real(0);
  const detail::nested_t<Derived> m(a.derived());
  const Real sum_of_squares = m.squaredNorm();
  const Real underflow_guard = Real(a.size()) * (std::numeric_limits<Real>::min() /
                                                 std::numeric_limits<Real>::epsilon());
  if (std::isfinite(sum_of_squares) && sum_of_squares >= underflow_guard) return std::sqrt(sum_of_squares);
  if (!std::isfinite(sum_of_squares)) detail::require_finite(m, "frobenius_norm", "A");
  // Scaled fallback: Eigen's stableNorm() per column (it is meant for vectors), then over the
  // column norms.
  Eigen::Matrix<Real, Eigen::Dynamic, 1> column_norms(m.cols());
  for (Eigen::Index j = 0; j < m.cols(); ++j) column_norms(j) = m.col(j).stableNorm();
  return column_norms.stableNorm();
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_NORMS_FROBENIUS_HPP
