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

#include "../detail/config.hpp"
#include "../detail/eval.hpp"
#include "../detail/validate.hpp"

namespace spectrakit {
namespace detail {

// Singular values by Householder bidiagonalization (Eigen's blocked UpperBidiagonalization,
// the first stage of its BDCSVD) followed by symmetric tridiagonal QR on the Golub-Kahan matrix
// [[0, B], [B^T, 0]], whose eigenvalues are +-sigma_i. Unlike BDCSVD's deflation, which floors
// tiny singular values near 8 epsilon sigma_1, the tridiagonal QR keeps the noise floor at a
// few epsilon sigma_1 (needed for epsilon-ranks at eps ~ 1e-15), and it is faster.
// The core of every routine built on singular values, one instantiation per scalar.
template <typename Real>
Eigen::Matrix<Real, Eigen::Dynamic, 1> golub_kahan_singular_values(Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic> work) {
  using Matrix = Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic>;
  using RealVector = Eigen::Matrix<Real, Eigen::Dynamic, 1>;
  const Eigen::Index p = work.cols();  // work is tall: rows >= cols >= 1
  const Real scale = work.cwiseAbs().maxCoeff();
  if (scale == Real(0)) return RealVector::Zero(p);
  work /= scale;
  const Eigen::internal::UpperBidiagonalization<Matrix> bidiagonalization(work);
  // Band storage of the upper bidiagonal B: row 1 holds the diagonal, row 0 the superdiagonal
  // shifted by one column.
  const auto& band = bidiagonalization.bidiagonal().coeffs();
  RealVector off_diagonal(2 * p - 1);
  for (Eigen::Index i = 0; i < p; ++i) {
    off_diagonal(2 * i) = band(1, i);
    if (i + 1 < p) off_diagonal(2 * i + 1) = band(0, i + 1);
  }
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic>> solver;
  solver.computeFromTridiagonal(RealVector::Zero(2 * p), off_diagonal, Eigen::EigenvaluesOnly);
  // The p largest eigenvalues are the singular values (ascending); zero ones may carry a sign.
  RealVector sigma = solver.eigenvalues().tail(p).reverse().cwiseAbs() * scale;
  std::sort(sigma.data(), sigma.data() + p, [](Real x, Real y) { return x > y; });
  return sigma;
}

/// singular_values() for `function`, which its errors name (the routines built on it).
template <typename Derived>
real_vector_of_t<Derived> singular_values_of(const Eigen::MatrixBase<Derived>& a, const char* function) {
  using Real = typename Derived::RealScalar;
  static_check_real_scalar<Real>();
  if (a.size() == 0) return real_vector_of_t<Derived>();
  const nested_t<Derived> m(a.derived());
  require_finite(m, function, "A");
  using Matrix = matrix_of_t<Derived>;
  if (a.rows() >= a.cols()) return golub_kahan_singular_values<Real>(Matrix(m));
  return golub_kahan_singular_values<Real>(Matrix(m.transpose()));
}

/// max|lambda| / min|lambda| of a symmetric matrix (eigenvalue_condition_number's core).
template <typename Real>
Real symmetric_condition_number(const Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic>& s) {
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic>> solver(
      s, Eigen::EigenvaluesOnly);
  const auto abs_lambda = solver.eigenvalues().cwiseAbs();
  const Real lmax = abs_lambda.maxCoeff();
  const Real lmin = abs_lambda.minCoeff();
  const Real floor = Real(s.rows()) * std::numeric_limits<Real>::epsilon() * lmax;
  if (!(lmin > floor)) return std::numeric_limits<Real>::infinity();
  return lmax / lmin;
}

/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_SINGULAR_VALUES_INSTANTIATIONS(prefix)                                               \
  prefix Eigen::VectorXf golub_kahan_singular_values<float>(Eigen::MatrixXf);                          \
  prefix Eigen::VectorXd golub_kahan_singular_values<double>(Eigen::MatrixXd);                         \
  prefix float symmetric_condition_number<float>(const Eigen::MatrixXf&);                              \
  prefix double symmetric_condition_number<double>(const Eigen::MatrixXd&);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_SINGULAR_VALUES_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace detail

/// @brief The singular values of A, in descending order.
///
/// sigma_1 >= sigma_2 >= ... >= sigma_p >= 0 with p = min(m, n): the square roots of the
/// eigenvalues of A^T A (the notes' route), computed without forming A^T A: the matrix is
/// scaled by its largest entry (so entries near 1e+-300 are safe), reduced to upper bidiagonal
/// form B by Householder reflections (Eigen's blocked bidiagonalization), and the singular values
/// of B are the positive eigenvalues of the Golub-Kahan matrix [[0, B], [B^T, 0]], found by
/// Eigen's symmetric tridiagonal QR. Backward stable: each sigma_i has an absolute error of a
/// few epsilon * sigma_1 (Eigen's BDCSVD floors tiny values near 8 epsilon sigma_1 instead,
/// which breaks epsilon-ranks at eps ~ 1e-15).
///
/// @param a any dense Eigen expression (m x n), float or double; empty gives an empty vector
/// @return the min(m, n) singular values, descending
/// @throws invalid_input when A has a NaN or Inf entry (argument 'A')
/// @par Cost
/// 4mn^2 - 4n^3/3 flops for m >= n (bidiagonalization), plus O(n^2) for the tridiagonal QR.
/// @par Reference
/// Golub & Van Loan, Matrix Computations, 4th ed., sec. 5.4.8 and 8.6.1; Golub & Kahan,
/// SIAM J. Numer. Anal. B 2 (1965).
template <typename Derived>
[[nodiscard]] detail::real_vector_of_t<Derived> singular_values(const Eigen::MatrixBase<Derived>& a) {
  return detail::singular_values_of(a, "singular_values");
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
  const auto sigma = detail::singular_values_of(a, "spectral_norm");
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
  return detail::singular_values_of(a, "nuclear_norm").sum();
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
  const auto sigma = detail::singular_values_of(a, "condition_number");
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
  return detail::symmetric_condition_number<Real>(detail::matrix_of_t<Derived>(detail::symmetric_part(s)));
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_NORMS_SINGULAR_VALUES_HPP
