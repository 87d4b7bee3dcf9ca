/// @file norms/singular_values.hpp
/// @brief Singular values and the norms and condition numbers built on them.
#ifndef SPECTRAKIT_NORMS_SINGULAR_VALUES_HPP
#define SPECTRAKIT_NORMS_SINGULAR_VALUES_HPP

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <limits>

#include "../detail/eval.hpp"
#include "../detail/validate.hpp"

namespace spectrakit {

/// @brief The singular values of A, in descending order.
///
/// sigma_1 >= sigma_2 >= ... >= sigma_p >= 0 with p = min(m, n): the square roots of the
/// eigenvalues of A^T A (the notes' route), computed without forming A^T A, by Eigen's
/// divide-and-conquer SVD (`BDCSVD`, which itself uses one-sided Jacobi below 16 columns) without
/// the singular vectors. Eigen scales the matrix by its largest entry first, so entries near
/// 1e+-300 are safe.
///
/// @param a any dense Eigen expression (m x n), float or double; empty gives an empty vector
/// @return the min(m, n) singular values, descending
/// @throws invalid_input when A has a NaN or Inf entry (argument 'A')
/// @par Cost
/// O(mn min(m, n)) flops.
/// @par Reference
/// Golub & Van Loan, Matrix Computations, 4th ed., sec. 2.4 and 8.6.
template <typename Derived>
[[nodiscard]] detail::real_vector_of_t<Derived> singular_values(const Eigen::MatrixBase<Derived>& a) {
  using Real = typename Derived::RealScalar;
  detail::static_check_real_scalar<Real>();
  if (a.size() == 0) return detail::real_vector_of_t<Derived>();
  const detail::nested_t<Derived> m(a.derived());
  detail::require_finite(m, "singular_values", "A");
  Eigen::BDCSVD<detail::matrix_of_t<Derived>> svd(m);
  return svd.singularValues();
}

/// @brief The spectral norm ||A||_2 = sigma_1, the largest singular value.
/// @param a any dense Eigen expression; empty gives 0
/// @return sigma_1
/// @throws invalid_input when A has a NaN or Inf entry
/// @par Cost
/// One SVD without vectors, O(mn min(m, n)).
template <typename Derived>
[[nodiscard]] typename Derived::RealScalar spectral_norm(const Eigen::MatrixBase<Derived>& a) {
  using Real = typename Derived::RealScalar;
  const auto sigma = singular_values(a);
  return sigma.size() == 0 ? Real(0) : sigma(0);
}

/// @brief The nuclear (trace) norm ||A||_* = sum_i sigma_i.
/// @param a any dense Eigen expression; empty gives 0
/// @return the sum of the singular values
/// @throws invalid_input when A has a NaN or Inf entry
/// @par Cost
/// One SVD without vectors, O(mn min(m, n)).
template <typename Derived>
[[nodiscard]] typename Derived::RealScalar nuclear_norm(const Eigen::MatrixBase<Derived>& a) {
  return singular_values(a).sum();
}

/// @brief The 2-norm condition number kappa(A) = sigma_max / sigma_min.
///
/// For a rectangular A, sigma_min is the smallest of the min(m, n) singular values. A matrix is
/// reported singular, with +infinity (never NaN, also for the zero matrix), when
/// sigma_min <= max(m, n) * epsilon * sigma_max: below that the computed sigma_min is rounding
/// noise of the SVD and so would be the ratio.
///
/// @param a a non-empty dense Eigen expression
/// @return kappa(A) >= 1, or +infinity for a (numerically) singular matrix
/// @throws invalid_input when A is empty or has a NaN or Inf entry
/// @par Cost
/// One SVD without vectors, O(mn min(m, n)).
template <typename Derived>
[[nodiscard]] typename Derived::RealScalar condition_number(const Eigen::MatrixBase<Derived>& a) {
  using Real = typename Derived::RealScalar;
  detail::require_not_empty(a, "condition_number", "A");
  const auto sigma = singular_values(a);
  const Real smax = sigma(0);
  const Real smin = sigma(sigma.size() - 1);
  const Real floor = Real(std::max(a.rows(), a.cols())) * std::numeric_limits<Real>::epsilon() * smax;
  if (!(smin > floor)) return std::numeric_limits<Real>::infinity();
  return smax / smin;
}

/// @brief The notes' condition number of a symmetric matrix, max|lambda| / min|lambda|.
///
/// For symmetric S the eigenvalues are real and sigma_i = |lambda_i|, so this equals
/// condition_number(S); it is computed with the symmetric eigen-solver (eigenvalues only),
/// which is cheaper than an SVD. Singular (min|lambda| <= n * epsilon * max|lambda|, or S = 0)
/// gives +infinity.
///
/// @param s a non-empty square symmetric dense Eigen expression
///          (||S - S^T||_F <= 100 n epsilon ||S||_F; the symmetric part is used)
/// @return max|lambda| / min|lambda|, or +infinity
/// @throws invalid_input when S is empty, not square, not symmetric, or has a NaN/Inf entry
/// @par Cost
/// About 4n^3/3 flops (tridiagonalization).
template <typename Derived>
[[nodiscard]] typename Derived::RealScalar eigenvalue_condition_number(const Eigen::MatrixBase<Derived>& s) {
  using Real = typename Derived::RealScalar;
  detail::static_check_real_scalar<Real>();
  detail::require_not_empty(s, "eigenvalue_condition_number", "S");
  detail::require_symmetric(s, "eigenvalue_condition_number", "S");
  Eigen::SelfAdjointEigenSolver<detail::matrix_of_t<Derived>> solver(detail::symmetric_part(s),
                                                                     Eigen::EigenvaluesOnly);
  const auto abs_lambda = solver.eigenvalues().cwiseAbs();
  const Real lmax = abs_lambda.maxCoeff();
  const Real lmin = abs_lambda.minCoeff();
  const Real floor = Real(s.rows()) * std::numeric_limits<Real>::epsilon() * lmax;
  if (!(lmin > floor)) return std::numeric_limits<Real>::infinity();
  return lmax / lmin;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_NORMS_SINGULAR_VALUES_HPP
