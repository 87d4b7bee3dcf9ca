/// @file graph/laplacian.hpp
/// @brief Degrees and the three graph Laplacians L = D - A, L_sym and L_rw.
#ifndef SPECTRAKIT_GRAPH_LAPLACIAN_HPP
#define SPECTRAKIT_GRAPH_LAPLACIAN_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <cmath>
#include <vector>

#include "../detail/validate.hpp"
#include "detail/adjacency.hpp"

namespace spectrakit {

/// @brief Which graph Laplacian laplacian() builds.
enum class LaplacianKind {
  unnormalized,          ///< L = D - A: symmetric positive semidefinite, L 1 = 0.
  symmetric_normalized,  ///< L_sym = D^{-1/2} L D^{-1/2} = I - D^{-1/2} A D^{-1/2}: spectrum in [0, 2].
  random_walk,           ///< L_rw = D^{-1} L = I - D^{-1} A: not symmetric, the spectrum of L_sym.
};

namespace detail {

/// Row sums of a validated adjacency (symmetric, so column sums).
template <typename Scalar>
Eigen::Matrix<Scalar, Eigen::Dynamic, 1> degrees_of(const AdjacencyView<Scalar>& a) {
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> d(a.n);
  for (Eigen::Index j = 0; j < a.n; ++j) {
    Scalar s(0);
    for (int k = a.begin(j); k < a.end(j); ++k) s += a.value[k];
    d(j) = s;
  }
  return d;
}

template <typename Scalar>
Eigen::Matrix<Scalar, Eigen::Dynamic, 1> degrees_of(const SparseGraph<Scalar>& a) {
  AdjacencyView<Scalar> v;
  v.point_to(a);
  return degrees_of(v);
}

/// D^{-1/2} with the isolated-node convention 1/sqrt(0) := 0.
template <typename Scalar>
Eigen::Matrix<Scalar, Eigen::Dynamic, 1> inverse_sqrt_degrees(const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& d) {
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> s(d.size());
  for (Eigen::Index i = 0; i < d.size(); ++i) s(i) = d(i) > Scalar(0) ? Scalar(1) / std::sqrt(d(i)) : Scalar(0);
  return s;
}

/// The Laplacian of a validated adjacency, in one pass over its columns. The diagonal of L is
/// sum_{j != i} a_ij (self-loops cancel in D - A); the pattern is the pattern of the nonzero
/// entries of A plus the whole diagonal.
template <typename Scalar>
SparseGraph<Scalar> laplacian_of(const AdjacencyView<Scalar>& a, LaplacianKind kind) {
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  const Eigen::Index n = a.n;
  const Vector d = degrees_of(a);
  Vector s, t;  // L_out = diag(s) L diag(t); empty = identity
  if (kind == LaplacianKind::symmetric_normalized) {
    s = inverse_sqrt_degrees(d);
    t = s;
  } else if (kind == LaplacianKind::random_walk) {
    s.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) s(i) = d(i) > Scalar(0) ? Scalar(1) / d(i) : Scalar(0);
  }
  const bool scale_rows = s.size() > 0, scale_cols = t.size() > 0;
  const int* inner = a.inner;
  const Scalar* val = a.value;
  SparseGraph<Scalar> l(n, n);
  // Count: the off-diagonal nonzeros of A plus the diagonal.
  std::vector<int> cols(static_cast<std::size_t>(n) + 1, 0);
  for (Eigen::Index j = 0; j < n; ++j) {
    int count = 1;
    for (int k = a.begin(j); k < a.end(j); ++k) count += (inner[k] != j && val[k] != Scalar(0)) ? 1 : 0;
    cols[static_cast<std::size_t>(j) + 1] = cols[static_cast<std::size_t>(j)] + count;
  }
  l.resizeNonZeros(cols.back());
  int* lo = l.outerIndexPtr();
  int* li = l.innerIndexPtr();
  Scalar* lv = l.valuePtr();
  for (Eigen::Index j = 0; j <= n; ++j) lo[j] = cols[static_cast<std::size_t>(j)];
  for (Eigen::Index j = 0; j < n; ++j) {
    int p = lo[j];
    Scalar self(0);
    for (int k = a.begin(j); k < a.end(j); ++k)
      if (inner[k] == j) self += val[k];
    const Scalar diag = d(j) - self;  // sum of the off-diagonal weights of column j
    const Scalar tj = scale_cols ? t(j) : Scalar(1);
    bool placed = false;
    for (int k = a.begin(j); k < a.end(j); ++k) {
      const int i = inner[k];
      if (!placed && i >= j) {
        li[p] = static_cast<int>(j);
        lv[p++] = (scale_rows ? s(j) : Scalar(1)) * diag * tj;
        placed = true;
      }
      if (i == j || val[k] == Scalar(0)) continue;
      li[p] = i;
      lv[p++] = -(scale_rows ? s(i) : Scalar(1)) * val[k] * tj;
    }
    if (!placed) {
      li[p] = static_cast<int>(j);
      lv[p++] = (scale_rows ? s(j) : Scalar(1)) * diag * tj;
    }
  }
  return l;
}

template <typename Scalar>
SparseGraph<Scalar> laplacian_of(const SparseGraph<Scalar>& a, LaplacianKind kind) {
  AdjacencyView<Scalar> v;
  v.point_to(a);
  return laplacian_of(v, kind);
}

}  // namespace detail

/// @brief The weighted degrees d_i = sum_j a_ij (row sums) of an adjacency matrix.
///
/// Convention: a self-loop a_ii counts once in d_i (it is a row sum; NetworkX's `degree` counts
/// an unweighted self-loop twice, its Laplacians count it once, as here).
///
/// @param a symmetric nonnegative adjacency, dense or sparse (n x n, n >= 1)
/// @return the n degrees
/// @throws invalid_input when A is empty, not square, not symmetric, has a negative or NaN/Inf entry
/// @par Cost
/// O(nnz(A)) (O(n^2) for dense input), plus the validation of the same order.
template <typename Derived>
[[nodiscard]] Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, 1> degrees(const Eigen::EigenBase<Derived>& a) {
  using Base = std::conditional_t<std::is_base_of<Eigen::SparseMatrixBase<Derived>, Derived>::value,
                                  Eigen::SparseMatrixBase<Derived>, Eigen::MatrixBase<Derived>>;
  detail::AdjacencyView<typename Derived::Scalar> view;
  detail::make_checked_view(static_cast<const Base&>(a.derived()), "degrees", "A", view);
  return detail::degrees_of(view);
}

/// @brief A graph Laplacian of a weighted undirected graph: L = D - A, L_sym or L_rw.
///
/// With D = diag(degrees(A)):
/// - `unnormalized`: L = D - A; x^T L x = sum over edges {i, j} of a_ij (x_i - x_j)^2 >= 0;
///   L 1 = 0; the multiplicity of the eigenvalue 0 is the number of connected components.
/// - `symmetric_normalized`: L_sym = D^{-1/2} L D^{-1/2}, equal to I - D^{-1/2} A D^{-1/2} on
///   nodes with d_i > 0; eigenvalues in [0, 2], null vector D^{1/2} 1.
/// - `random_walk`: L_rw = D^{-1} L = I - D^{-1} A, similar to L_sym (same real spectrum).
///
/// Conventions (NetworkX's and SciPy's): self-loops cancel in D - A, so they do not change L,
/// but they do count in the degrees that normalize L_sym and L_rw; an isolated node (d_i = 0)
/// gets D^{-1/2}_ii := 0 and D^{-1}_ii := 0, so its row and column are zero (never Inf/NaN).
/// Explicit zero entries of a sparse A are not edges.
///
/// @param a symmetric nonnegative adjacency (n x n, n >= 1); dense in gives dense out, sparse in
///          gives sparse out (column-major, 32-bit indices, the pattern of A plus the diagonal)
/// @param kind which Laplacian (default: unnormalized)
/// @return the n x n Laplacian
/// @throws invalid_input when A is empty, not square, not symmetric (||A - A^T||_F > 100 n eps
///         ||A||_F), has a negative or NaN/Inf entry
/// @par Cost
/// O(nnz(A)) time and memory (O(n^2) for dense input).
/// @par Reference
/// U. von Luxburg, "A tutorial on spectral clustering", Statistics and Computing 17 (2007), sec. 3.
template <typename Derived>
[[nodiscard]] Eigen::SparseMatrix<typename Derived::Scalar, Eigen::ColMajor, int> laplacian(
    const Eigen::SparseMatrixBase<Derived>& a, LaplacianKind kind = LaplacianKind::unnormalized) {
  detail::AdjacencyView<typename Derived::Scalar> view;
  detail::make_checked_view(a, "laplacian", "A", view);
  return detail::laplacian_of(view, kind);
}

/// @brief The graph Laplacian of a dense adjacency, as a dense matrix (see the sparse overload
/// for the definitions and conventions).
/// @param a symmetric nonnegative adjacency (n x n, n >= 1)
/// @param kind which Laplacian (default: unnormalized)
/// @return the dense n x n Laplacian
/// @throws invalid_input as the sparse overload
/// @par Cost
/// O(n^2).
template <typename Derived>
[[nodiscard]] Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, Eigen::Dynamic> laplacian(
    const Eigen::MatrixBase<Derived>& a, LaplacianKind kind = LaplacianKind::unnormalized) {
  return Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, Eigen::Dynamic>(
      detail::laplacian_of(detail::checked_adjacency(a, "laplacian"), kind));
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_GRAPH_LAPLACIAN_HPP
