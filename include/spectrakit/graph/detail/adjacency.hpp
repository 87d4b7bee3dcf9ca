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
  bool explicit_zeros = true;  // false once a check has seen none (then `value` need not be read)
  SparseGraph<Scalar> owned;
  /// n ints of work space shared by the validation (column cursors) and a traversal (its
  /// queue): one allocation, its pages touched once (first touches cost ~15 us per page on VMs).
  mutable std::vector<int> scratch;

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

/// Validates a sparse adjacency without copying it when it is a SparseMatrix with int indices
/// (either storage order: the matrix must be symmetric, so rows and columns agree): square,
/// non-empty, finite, nonnegative, ||A - A^T||_F <= 100 n eps ||A||_F. O(nnz) (columns must be
/// sorted, as Eigen keeps them); allocates one cursor per column, copies nothing for plain input.
template <typename Derived>
void make_checked_view(const Eigen::SparseMatrixBase<Derived>& a, const char* function, const char* argument,
                       AdjacencyView<typename Derived::Scalar>& view) {
  using Scalar = typename Derived::Scalar;
  static_check_real_scalar<Scalar>();
  require_not_empty(a, function, argument);
  require_square(a, function, argument);
  if (a.rows() > std::numeric_limits<int>::max()) fail(function, argument, "has more than 2^31 - 1 nodes");
  if constexpr (is_plain_sparse_int<Derived>::value) {
    view.point_to(a.derived());
  } else {
    view.owned = a.derived();
    view.point_to(view.owned);
  }
  // One pass over the columns in order, with a cursor per column: the mirror (j, i) of a
  // strictly lower entry (i, j) is the next unvisited entry of column i above its diagonal,
  // since the columns j are visited in increasing order and rows are sorted. Entries above the
  // diagonal that no lower entry claims have a zero mirror.
  double total = 0, lower_diff = 0;
  Eigen::Index zeros = 0;
  std::vector<int>& cursor = view.scratch;
  cursor.resize(static_cast<std::size_t>(view.n));
  for (Eigen::Index j = 0; j < view.n; ++j) cursor[std::size_t(j)] = view.begin(j);
  for (Eigen::Index j = 0; j < view.n; ++j) {
    double column_total = 0;
    for (int k = view.begin(j); k < view.end(j); ++k) {
      const Scalar v = view.value[k];
      if (!(v >= Scalar(0) && v <= std::numeric_limits<Scalar>::max())) {  // negative, NaN or Inf
        if (!std::isfinite(v)) fail(function, argument, "has NaN or Inf entries");
        std::ostringstream os;
        os << "must have nonnegative weights (an adjacency matrix), got " << v;
        fail(function, argument, os.str());
      }
      column_total += double(v) * double(v);
      zeros += v == Scalar(0);
      const int i = view.inner[k];
      if (i <= j) continue;
      int& c = cursor[std::size_t(i)];
      const int stop = view.end(i);
      for (; c < stop && view.inner[c] < j; ++c) lower_diff += double(view.value[c]) * double(view.value[c]);
      double mirror = 0;
      if (c < stop && view.inner[c] == j) mirror = double(view.value[c++]);
      lower_diff += (double(v) - mirror) * (double(v) - mirror);
    }
    total += column_total;
  }
  for (Eigen::Index i = 0; i < view.n; ++i)  // unclaimed entries above the diagonal
    for (int c = cursor[std::size_t(i)]; c < view.end(i) && view.inner[c] < i; ++c)
      lower_diff += double(view.value[c]) * double(view.value[c]);
  const double diff = 2 * lower_diff;  // ||A - A^T||_F^2 counts each pair twice
  view.explicit_zeros = zeros > 0;
  const double tol = 100.0 * double(view.n) * double(std::numeric_limits<Scalar>::epsilon());
  if (diff > tol * tol * total) {
    std::ostringstream os;
    os << "must be symmetric (an undirected graph): ||A - A^T||_F / ||A||_F = " << std::sqrt(diff / total)
       << " exceeds " << tol;
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
