/// @file low_rank/epsilon_rank.hpp
/// @brief The notes' epsilon-rank and the numerical rank.
#ifndef SPECTRAKIT_LOW_RANK_EPSILON_RANK_HPP
#define SPECTRAKIT_LOW_RANK_EPSILON_RANK_HPP

#include <Eigen/Core>
#include <algorithm>
#include <limits>

#include "../detail/validate.hpp"
#include "../norms/singular_values.hpp"

namespace spectrakit {

namespace detail {
template <typename Vector, typename Real>
Eigen::Index count_at_least(const Vector& sigma, Real threshold) {
  // sigma is descending: count the leading entries >= threshold.
  Eigen::Index k = 0;
  while (k < sigma.size() && sigma(k) >= threshold) ++k;
  return k;
}
}  // namespace detail

/// @brief The notes' epsilon-rank: the number of singular values sigma_k >= eps * sigma_1.
///
/// rank_eps(A) = k when sigma_k >= eps sigma_1 > sigma_{k+1}: A is within eps ||A||_2 (in the
/// 2-norm) of a matrix of rank k (Eckart-Young), and no closer to one of rank k - 1. The zero
/// matrix has epsilon-rank 0. Example: rank_eps(H_1000) at eps = 1e-15 is far below Reade's
/// bound 719 quoted by the notes (the exact figure is in docs/low_rank.md and in the tests).
///
/// Singular values below about min(m, n) * epsilon * sigma_1 are rounding noise of the SVD, so an
/// eps near machine epsilon counts noise; use numerical_rank() for "the rank in floating point".
///
/// @param a any dense Eigen expression; empty gives 0
/// @param eps the relative threshold, 0 < eps < 1
/// @return rank_eps(A) in [0, min(m, n)]
/// @throws invalid_input when eps is not in (0, 1) or A has a NaN/Inf entry
/// @par Cost
/// One SVD without vectors, O(mn min(m, n)).
/// @par Reference
/// Udell & Townsend, "Why are big data matrices approximately low rank?", SIMODS 1 (2019).
template <typename Derived>
[[nodiscard]] Eigen::Index epsilon_rank(const Eigen::MatrixBase<Derived>& a, double eps) {
  using Real = typename Derived::RealScalar;
  detail::require_open_interval(eps, 0.0, 1.0, "epsilon_rank", "eps");
  const auto sigma = detail::singular_values_of(a, "epsilon_rank");
  if (sigma.size() == 0 || sigma(0) == Real(0)) return 0;
  return detail::count_at_least(sigma, Real(eps) * sigma(0));
}

/// @brief The numerical rank: the number of singular values above
/// tol = max(m, n) * epsilon * sigma_1 (the NumPy/MATLAB default), or above a given tolerance.
/// @param a any dense Eigen expression; empty gives 0
/// @param tolerance absolute threshold; negative (the default) selects max(m, n) epsilon sigma_1
/// @return the number of sigma_k > tol
/// @throws invalid_input when A has a NaN/Inf entry or tolerance is NaN
/// @par Cost
/// One SVD without vectors, O(mn min(m, n)).
template <typename Derived>
[[nodiscard]] Eigen::Index numerical_rank(const Eigen::MatrixBase<Derived>& a, double tolerance = -1.0) {
  using Real = typename Derived::RealScalar;
  if (tolerance != tolerance) detail::fail("numerical_rank", "tolerance", "must not be NaN");
  const auto sigma = detail::singular_values_of(a, "numerical_rank");
  if (sigma.size() == 0 || sigma(0) == Real(0)) return 0;
  const Real tol = tolerance >= 0 ? Real(tolerance)
                                  : Real(std::max(a.rows(), a.cols())) * std::numeric_limits<Real>::epsilon() * sigma(0);
  Eigen::Index k = 0;
  while (k < sigma.size() && sigma(k) > tol) ++k;
  return k;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_LOW_RANK_EPSILON_RANK_HPP
