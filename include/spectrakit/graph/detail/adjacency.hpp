/// @file graph/detail/adjacency.hpp
/// @brief Internals of the graph module: validation of adjacency matrices and conversion to a
/// compressed sparse form.
#ifndef SPECTRAKIT_GRAPH_DETAIL_ADJACENCY_HPP
#define SPECTRAKIT_GRAPH_DETAIL_ADJACENCY_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <type_traits>
#include <utility>
#include <vector>

#include "../../detail/prefetch.hpp"
#include "../../detail/validate.hpp"

namespace spectrakit {
namespace detail {

/// Compressed column-major sparse matrix with 32-bit indices: the graph module's work format.
template <typename Scalar>
using SparseGraph = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;

/// The same for a dense adjacency: validated, then converted to the sparse work format.
template <typename Derived>
SparseGraph<typename Derived::Scalar> checked_adjacency(const Eigen::MatrixBase<Derived>& a, const char* function,
                                                        const char* argument = "A") {
  using Scalar = typename Derived::Scalar;
  static_check_real_scalar<Scalar>();
  require_not_empty(a, function, argument);
  require_square(a, function, argument);
  const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> m = a;
  require_finite(m, function, argument);
  if ((m.array() < Scalar(0)).any()) {
    std::ostringstream os;
    os << "must have nonnegative weights (an adjacency matrix), got " << m.minCoeff();
    fail(function, argument, os.str());
  }
  require_symmetric(m, function, argument);
  return m.sparseView(Scalar(0), Scalar(0));
}


/// A read-only view of a column-compressed adjacency (outer/inner/value arrays, optionally an
/// uncompressed nnz array). It points into the caller's SparseMatrix when that has 32-bit
/// indices, otherwise into `owned`, a converted copy. Explicit zeros are stored but are not edges.
template <typename Scalar>
struct AdjacencyView {
  Eigen::Index n = 0;
  const int* outer = nullptr;
  const int* nnz = nullptr;  // null when compressed
  const int* inner = nullptr;
  const Scalar* value = nullptr;
  SparseGraph<Scalar> owned;

  AdjacencyView() = default;
  AdjacencyView(const AdjacencyView&) = delete;
  AdjacencyView& operator=(const AdjacencyView&) = delete;

  int begin(Eigen::Index j) const { return outer[j]; }
  int end(Eigen::Index j) const { return nnz ? outer[j] + nnz[j] : outer[j + 1]; }

  template <int Options>
  void point_to(const Eigen::SparseMatrix<Scalar, Options, int>& m) {
    n = m.outerSize();
    outer = m.outerIndexPtr();
    nnz = m.innerNonZeroPtr();
    inner = m.innerIndexPtr();
    value = m.valuePtr();
  }

  /// The stored value at (row i, column j), 0 when absent (binary search: columns are sorted).
  Scalar find(Eigen::Index i, Eigen::Index j) const {
    const int* lo = inner + begin(j);
    const int* hi = inner + end(j);
    const int* p = std::lower_bound(lo, hi, static_cast<int>(i));
    return (p != hi && *p == i) ? value[p - inner] : Scalar(0);
  }
};

template <typename Derived>
struct is_plain_sparse_int : std::false_type {};
template <typename Scalar, int Options>
struct is_plain_sparse_int<Eigen::SparseMatrix<Scalar, Options, int>> : std::true_type {};

/// Non-empty, square, at most 2^31 - 1 nodes (the work format's indices are int).
template <typename Derived>
void require_graph_shape(const Eigen::EigenBase<Derived>& a, const char* function, const char* argument) {
  require_not_empty(a, function, argument);
  require_square(a, function, argument);
  if (a.rows() > std::numeric_limits<int>::max()) fail(function, argument, "has more than 2^31 - 1 nodes");
}

/// sqrt(sum of x^2) over the values added, as scale * sqrt(sum), without overflow or underflow
/// (LAPACK's xLASSQ): weights near the largest or the smallest double still compare correctly.
struct SumOfSquares {
  double scale = 0, sum = 1;
  void add(double x) {
    x = std::abs(x);
    if (x == 0) return;
    if (scale < x) {
      sum = 1 + sum * (scale / x) * (scale / x);
      scale = x;
    } else {
      sum += (x / scale) * (x / scale);
    }
  }
};

/// Ignores the edges reported by make_checked_view.
struct NoEdgeVisitor {
  void operator()(int, int) const {}
};

/// Validates a sparse adjacency without copying it when it is a SparseMatrix with int indices
/// (either storage order: the matrix must be symmetric, so rows and columns agree): square,
/// non-empty, finite, nonnegative, ||A - A^T||_F <= 100 n eps ||A||_F. One O(n + nnz) pass
/// (columns must be sorted, as Eigen keeps them) that reports each edge {i, j}, i > j, once to
/// `on_edge(i, j)` (an edge: a nonzero entry on either side); self-loops are not reported.
/// Allocates one cursor per column; copies nothing for plain input.
template <typename Derived, typename EdgeVisitor = NoEdgeVisitor>
void make_checked_view(const Eigen::SparseMatrixBase<Derived>& a, const char* function, const char* argument,
                       AdjacencyView<typename Derived::Scalar>& view, EdgeVisitor&& on_edge = EdgeVisitor()) {
  using Scalar = typename Derived::Scalar;
  static_check_real_scalar<Scalar>();
  require_graph_shape(a, function, argument);
  if constexpr (is_plain_sparse_int<Derived>::value) {
    view.point_to(a.derived());
  } else {
    view.owned = a.derived();
    view.point_to(view.owned);
  }
  const int n = static_cast<int>(view.n);
  const int* inner = view.inner;
  const Scalar* value = view.value;
  auto check = [&](Scalar v) {
    if (!(v >= Scalar(0) && v <= std::numeric_limits<Scalar>::max())) {  // negative, NaN or Inf
      if (!std::isfinite(v)) fail(function, argument, "has NaN or Inf entries");
      std::ostringstream os;
      os << "must have nonnegative weights (an adjacency matrix), got " << v;
      fail(function, argument, os.str());
    }
  };
  // Columns in increasing order, with a cursor per column: the mirror (j, i) of a strictly lower
  // entry (i, j) is the next unvisited entry of column i, since rows are sorted and the columns
  // j are visited in increasing order. Entries above the diagonal that no lower entry claims
  // have a zero mirror. Each stored entry is read once: lower and diagonal entries from their
  // column, upper ones through the cursors. The common case, an exactly equal mirror, costs two
  // comparisons; the squared differences are summed only for the others.
  SumOfSquares lower_diff;  // over i > j of (a_ij - a_ji)^2
  auto unclaimed = [&](int row, int column, Scalar v) {  // a_{row,column} stored, its mirror not
    check(v);
    lower_diff.add(double(v));
    if (v != Scalar(0)) on_edge(std::max(row, column), std::min(row, column));
  };
  std::vector<int> cursor(static_cast<std::size_t>(n));
  for (int j = 0; j < n; ++j) cursor[std::size_t(j)] = view.begin(j);
  // Entries of a column a little ahead of j are read along its cursor as j advances (on a
  // grid numbered row by row, column j + width is such a stream): the hardware prefetcher does
  // not keep up with a few dozen streams advancing a few entries per column, so the entries a
  // few columns down each near stream are requested ahead. Far columns are random accesses,
  // where a prefetch would only waste bandwidth.
  constexpr int near_columns = 4096, ahead = 256;
  const int last = view.end(n - 1) - 1;  // the arrays' last entry in use (-1 when empty)
  for (int j = 0; j < n; ++j) {
    int k = cursor[std::size_t(j)];
    const int e = view.end(j);
    for (; k < e && inner[k] < j; ++k) unclaimed(inner[k], j, value[k]);
    if (k < e && inner[k] == j) {  // the diagonal
      check(value[k]);
      ++k;
    }
    for (; k < e; ++k) {
      const int i = inner[k];
      const Scalar v = value[k];
      int& c = cursor[std::size_t(i)];
      const int stop = view.end(i);
      if (i - j < near_columns) {
        const int p = c + std::min(ahead, last - c);
        prefetch_read(value + p);
        prefetch_read(inner + p);
      }
      if (c < stop && inner[c] == j && value[c] == v && v >= Scalar(0) && v <= std::numeric_limits<Scalar>::max()) {
        ++c;  // an exactly symmetric pair of valid weights
        if (v != Scalar(0)) on_edge(i, j);
        continue;
      }
      for (; c < stop && inner[c] < j; ++c) unclaimed(inner[c], i, value[c]);
      check(v);
      Scalar mirror = 0;
      if (c < stop && inner[c] == j) {
        mirror = value[c++];
        check(mirror);
      }
      lower_diff.add(double(v) - double(mirror));
      if (v != Scalar(0) || mirror != Scalar(0)) on_edge(i, j);
    }
  }
  if (lower_diff.scale == 0) return;  // exactly symmetric
  SumOfSquares total;  // ||A||_F^2, needed only now (> 0: some entry differs from its mirror)
  for (int j = 0; j < n; ++j)
    for (int k = view.begin(j); k < view.end(j); ++k) total.add(double(value[k]));
  // ||A - A^T||_F / ||A||_F; ||A - A^T||_F^2 counts each pair twice. The entries are
  // nonnegative, so each difference is at most the largest entry: the ratio of scales is <= 1.
  const double ratio = lower_diff.scale / total.scale * std::sqrt(2 * lower_diff.sum / total.sum);
  const double tol = 100.0 * double(n) * double(std::numeric_limits<Scalar>::epsilon());
  if (ratio > tol) {
    std::ostringstream os;
    os << "must be symmetric (an undirected graph): ||A - A^T||_F / ||A||_F = " << ratio << " exceeds " << tol;
    fail(function, argument, os.str());
  }
}

/// The same for a dense adjacency: validated, converted to sparse and viewed.
template <typename Derived>
void make_checked_view(const Eigen::MatrixBase<Derived>& a, const char* function, const char* argument,
                       AdjacencyView<typename Derived::Scalar>& view) {
  view.owned = checked_adjacency(a, function, argument);
  view.point_to(view.owned);
}

/// Validates a sparse adjacency (see make_checked_view) and returns it compressed in the work
/// format, explicit zeros dropped.
template <typename Derived>
SparseGraph<typename Derived::Scalar> checked_adjacency(const Eigen::SparseMatrixBase<Derived>& a,
                                                        const char* function, const char* argument = "A") {
  using Scalar = typename Derived::Scalar;
  AdjacencyView<Scalar> view;
  make_checked_view(a, function, argument, view);
  SparseGraph<Scalar> m;
  if (view.owned.rows() > 0)
    m = std::move(view.owned);
  else
    m = a.derived();
  m.prune(Scalar(0), Scalar(0));  // explicit zeros are not edges
  m.makeCompressed();
  return m;
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_GRAPH_DETAIL_ADJACENCY_HPP
