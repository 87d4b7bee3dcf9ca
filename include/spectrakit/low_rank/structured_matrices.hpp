/// @file low_rank/structured_matrices.hpp
/// @brief The notes' numerically low-rank test matrices: Hilbert and Vandermonde.
#ifndef SPECTRAKIT_LOW_RANK_STRUCTURED_MATRICES_HPP
#define SPECTRAKIT_LOW_RANK_STRUCTURED_MATRICES_HPP

#include <Eigen/Core>
#include <string>

#include "../detail/validate.hpp"

namespace spectrakit {

/// @brief The n x n Hilbert matrix H_jk = 1 / (j + k - 1) (1-based j, k).
///
/// Symmetric positive definite, with singular values decaying geometrically: numerically of low
/// rank. It satisfies the displacement identity
/// diag(i - 1/2) H - H diag(-j + 1/2) = ones(n, n) (the notes' Sylvester example).
///
/// @tparam Scalar float or double (default double)
/// @param n the order, n >= 0
/// @return H_n
/// @throws invalid_input when n < 0
template <typename Scalar = double>
[[nodiscard]] Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> hilbert_matrix(Eigen::Index n) {
  detail::static_check_real_scalar<Scalar>();
  if (n < 0) detail::fail("hilbert_matrix", "n", "must be >= 0, got " + std::to_string(n));
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> h(n, n);
  for (Eigen::Index k = 0; k < n; ++k)
    for (Eigen::Index j = 0; j < n; ++j) h(j, k) = Scalar(1) / Scalar(j + k + 1);
  return h;
}

/// @brief The Vandermonde matrix V_ij = x_i^(j-1) (1-based), with `columns` columns
/// (default: square, as in the notes).
///
/// With A = diag(x), the "down-shift with -1 in the corner" B (B_{j+1,j} = 1, B_{1,n} = -1) and
/// C = AV - VB, C is zero except its last column, C_in = x_i^n + 1: V has displacement rank 1.
///
/// @param x the nodes x_1, ..., x_n (any dense vector expression, finite entries)
/// @param columns number of columns, >= 0; -1 (the default) gives n
/// @return V (n x columns), powers formed by repeated multiplication
/// @throws invalid_input when x is not a vector, has NaN/Inf, or columns < -1
template <typename Derived>
[[nodiscard]] Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, Eigen::Dynamic> vandermonde_matrix(
    const Eigen::MatrixBase<Derived>& x, Eigen::Index columns = -1) {
  using Scalar = typename Derived::Scalar;
  detail::static_check_real_scalar<Scalar>();
  if (x.size() > 0 && x.rows() != 1 && x.cols() != 1)
    detail::fail("vandermonde_matrix", "x", "must be a vector, got " + detail::shape_of(x));
  detail::require_finite(x, "vandermonde_matrix", "x");
  if (columns < -1) detail::fail("vandermonde_matrix", "columns", "must be >= 0 or -1, got " + std::to_string(columns));
  const Eigen::Index n = x.size();
  const Eigen::Index c = columns < 0 ? n : columns;
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> v(n, c);
  if (c > 0) v.col(0).setOnes();
  for (Eigen::Index j = 1; j < c; ++j) v.col(j) = v.col(j - 1).cwiseProduct(x.derived().reshaped());
  return v;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_LOW_RANK_STRUCTURED_MATRICES_HPP
