/// @file graph/partition.hpp
/// @brief Spectral bisection by the Fiedler vector, recursive bisection into k parts, cut weight.
#ifndef SPECTRAKIT_GRAPH_PARTITION_HPP
#define SPECTRAKIT_GRAPH_PARTITION_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <limits>
#include <numeric>
#include <vector>

#include "../detail/config.hpp"
#include "../detail/validate.hpp"
#include "fiedler.hpp"

namespace spectrakit {

/// @brief How spectral_bisection() splits the Fiedler vector.
enum class BisectionSplit {
  sign,    ///< By sign: v_i >= 0 on side 0 (which holds the largest-magnitude entry), v_i < 0 on side 1.
  median,  ///< By rank: the ceil(n/2) largest entries on side 0 (ties by node index), the rest on side 1.
};

/// @brief Options of spectral_bisection() and recursive_bisection().
struct BisectionOptions {
  /// The Fiedler solver's options (normalization, tolerance, seed, ...).
  FiedlerOptions fiedler;
  /// Sign (default) or median split.
  BisectionSplit split = BisectionSplit::sign;
};

namespace detail {

/// Labels 0/1 from a Fiedler vector (already sign-fixed); both sides non-empty for n >= 2.
/// For the sign split an entry counts as negative only below -n eps max|y_i|: an entry that is
/// zero in exact arithmetic (the middle node of a path) has no sign a solver can be trusted
/// with, and goes to side 0 like an exact zero.
inline Eigen::VectorXi split_vector(const Eigen::VectorXd& y, BisectionSplit split) {
  const Eigen::Index n = y.size();
  Eigen::VectorXi labels = Eigen::VectorXi::Zero(n);
  const double zero = n > 0 ? double(n) * std::numeric_limits<double>::epsilon() * y.cwiseAbs().maxCoeff() : 0.0;
  Eigen::Index negatives = 0;
  for (Eigen::Index i = 0; i < n; ++i) negatives += y(i) < -zero ? 1 : 0;
  if (split == BisectionSplit::sign && negatives > 0 && negatives < n) {
    for (Eigen::Index i = 0; i < n; ++i) labels(i) = y(i) < -zero ? 1 : 0;
    return labels;
  }
  // Median split (also the fallback when every entry has one sign, e.g. a null vector
  // supported on one isolated node).
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index(0));
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index p, Eigen::Index q) { return y(p) > y(q); });
  const Eigen::Index keep = (n + 1) / 2;
  for (Eigen::Index r = keep; r < n; ++r) labels(order[static_cast<std::size_t>(r)]) = 1;
  return labels;
}

/// The vector whose split is used: the Fiedler vector, or D^{-1/2} v (the generalized
/// eigenvector L y = lambda D y) when normalized.
template <typename Real>
VecX<Real> split_values(const SparseGraph<Real>& a, const FiedlerResult<Real>& f, bool normalized) {
  if (!normalized) return f.vector;
  const VecX<Real> d = degrees_of(a);
  VecX<Real> y = f.vector;
  for (Eigen::Index i = 0; i < y.size(); ++i)
    if (d(i) > 0) y(i) /= std::sqrt(d(i));
  return y;
}

/// Two parts of a validated graph by the signs (or the median) of its Fiedler vector; the
/// Fiedler solve's status and solves are merged into `status` and `iterations`. A Fiedler solve
/// that could not run within the memory budget (Status::out_of_memory_budget: an explicit
/// shift_invert or dense method) throws invalid_input naming `function` and the option, since
/// labels have no status to carry it.
template <typename Real>
Eigen::VectorXi bisect(const SparseGraph<Real>& a, const BisectionOptions& o, Real tol, Status& status,
                       Eigen::Index& iterations, const char* function);

/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_BISECT_INSTANTIATIONS(prefix)                                                        \
  prefix Eigen::VectorXi bisect<double>(const SparseGraph<double>&, const BisectionOptions&, double, Status&, \
                                        Eigen::Index&, const char*);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_BISECT_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

#if SPECTRAKIT_DEFINE_CORES

template <typename Real>
Eigen::VectorXi bisect(const SparseGraph<Real>& a, const BisectionOptions& o, Real tol, Status& status,
                       Eigen::Index& iterations, const char* function) {
  const FiedlerResult<Real> f = fiedler_of(a, o.fiedler, tol);
  if (f.status == Status::out_of_memory_budget) fail_option(function, "fiedler.memory_budget", f.message);
  if (f.status != Status::success) status = f.status;
  iterations += f.iterations;
  return split_vector(split_values(a, f, o.fiedler.normalized), o.split);
}

#endif  // SPECTRAKIT_DEFINE_CORES

/// Renumbers labels by first appearance (node 0 gets label 0, ...).
inline Eigen::VectorXi canonical_labels(const Eigen::VectorXi& labels, Eigen::Index count) {
  std::vector<int> map(static_cast<std::size_t>(count), -1);
  int next = 0;
  Eigen::VectorXi out(labels.size());
  for (Eigen::Index i = 0; i < labels.size(); ++i) {
    int& m = map[static_cast<std::size_t>(labels(i))];
    if (m < 0) m = next++;
    out(i) = m;
  }
  return out;
}

}  // namespace detail

/// @brief Two parts from a given vector, by the rule spectral_bisection() applies to the
/// Fiedler vector (for callers that already hold the vector, e.g. from spectral_embedding()).
/// @param v one value per node (n >= 2), finite
/// @param split sign (v_i >= 0 on side 0, v_i < 0 on side 1, where entries with
///        |v_i| <= n eps max|v| count as 0; the median split when one side would be empty) or median (the ceil(n/2) largest values on side 0, ties by index)
/// @return labels(i) in {0, 1}, both sides non-empty
/// @throws invalid_input when v has fewer than 2 entries or a NaN/Inf entry
/// @par Cost
/// O(n) (O(n log n) for the median).
template <typename Derived>
[[nodiscard]] Eigen::VectorXi bisect_by_vector(const Eigen::MatrixBase<Derived>& v,
                                               BisectionSplit split = BisectionSplit::sign) {
  const Eigen::VectorXd x = v.derived().reshaped().template cast<double>();
  if (x.size() < 2) detail::fail("bisect_by_vector", "v", "must have at least 2 entries");
  detail::require_finite(x, "bisect_by_vector", "v");
  return detail::split_vector(x, split);
}

/// @brief Spectral bisection: two parts from the Fiedler vector.
///
/// Labels 0/1 by the sign of the Fiedler vector (side 0 holds its largest-magnitude entry,
/// zeros go to side 0) or by its median (`options.split`). With `options.fiedler.normalized`
/// the split uses D^{-1/2} v, the Shi-Malik relaxation of the normalized cut. Both sides are
/// always non-empty: when every entry has one sign the median split is used. A disconnected
/// graph splits into component 0 and the rest (see fiedler_vector()). Deterministic: the same
/// options give the same labels.
///
/// @param a symmetric nonnegative adjacency, dense or sparse (n x n, n >= 2)
/// @param options Fiedler options and split rule
/// @return labels(i) in {0, 1}
/// @throws invalid_input as fiedler_vector(), and when an explicit shift_invert or dense
///         options.fiedler.method is predicted to need more than options.fiedler.memory_budget
/// @par Cost
/// One fiedler_vector() plus O(n) (O(n log n) for the median).
/// @par Reference
/// Pothen, Simon & Liou, "Partitioning sparse matrices with eigenvectors of graphs", SIMAX 11 (1990);
/// Shi & Malik, "Normalized cuts and image segmentation", IEEE TPAMI 22 (2000).
template <typename Derived>
[[nodiscard]] Eigen::VectorXi spectral_bisection(const Eigen::EigenBase<Derived>& a, const BisectionOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  detail::check_solver_options(options.fiedler, "spectral_bisection");
  auto g = detail::checked_any(a, "spectral_bisection");
  if (g.rows() < 2) detail::fail("spectral_bisection", "A", "must have at least 2 nodes, got " + detail::shape_of(g));
  const detail::SparseGraph<double> gd = detail::to_double(std::move(g));
  Status status = Status::success;
  Eigen::Index iterations = 0;
  return detail::bisect(gd, options, detail::resolved_tolerance<Scalar>(options.fiedler.tolerance), status, iterations,
                        "spectral_bisection");
}

/// @brief Recursive spectral bisection into `parts` parts.
///
/// Starting from the whole graph, the part with the most nodes (the lowest label among ties) is
/// bisected with spectral_bisection() on its induced subgraph, until there are `parts` parts.
/// Disconnected pieces are handled: a disconnected part is first split between its component
/// 0 and the rest. Labels are renumbered by first appearance (node 0 is in part 0). No
/// recursion on the call stack.
///
/// @param a symmetric nonnegative adjacency, dense or sparse (n x n)
/// @param parts the number of parts, 1 <= parts <= n
/// @param options Fiedler options and split rule (BisectionSplit::median gives balanced parts)
/// @return labels(i) in 0..parts-1, every part non-empty
/// @throws invalid_input when parts is out of [1, n] (in particular parts > n), or as fiedler_vector(),
///         or when an explicit shift_invert or dense options.fiedler.method is predicted to need
///         more than options.fiedler.memory_budget
/// @par Cost
/// parts - 1 Fiedler solves on shrinking subgraphs.
template <typename Derived>
[[nodiscard]] Eigen::VectorXi recursive_bisection(const Eigen::EigenBase<Derived>& a, Eigen::Index parts,
                                                  const BisectionOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  detail::check_solver_options(options.fiedler, "recursive_bisection");
  auto g = detail::checked_any(a, "recursive_bisection");
  const Eigen::Index n = g.rows();
  detail::require_index_in(parts, 1, n, "recursive_bisection", "parts");
  const detail::SparseGraph<double> gd = detail::to_double(std::move(g));
  const double tol = detail::resolved_tolerance<Scalar>(options.fiedler.tolerance);
  std::vector<std::vector<int>> members(1);
  members[0].resize(static_cast<std::size_t>(n));
  std::iota(members[0].begin(), members[0].end(), 0);
  Status status = Status::success;
  Eigen::Index iterations = 0;
  while (static_cast<Eigen::Index>(members.size()) < parts) {  // parts - 1 splits
    std::size_t big = 0;
    for (std::size_t p = 1; p < members.size(); ++p)
      if (members[p].size() > members[big].size()) big = p;
    std::vector<int> local;
    const detail::SparseGraph<double> sub = detail::induced_subgraph(gd, members[big], local);
    const Eigen::VectorXi side = detail::bisect(sub, options, tol, status, iterations, "recursive_bisection");
    std::vector<int> zero, one;
    for (std::size_t k = 0; k < members[big].size(); ++k)
      (side(static_cast<Eigen::Index>(k)) == 0 ? zero : one).push_back(members[big][k]);
    members[big] = std::move(zero);
    members.push_back(std::move(one));
  }
  Eigen::VectorXi labels(n);
  for (std::size_t p = 0; p < members.size(); ++p)
    for (int i : members[p]) labels(i) = static_cast<int>(p);
  return detail::canonical_labels(labels, static_cast<Eigen::Index>(members.size()));
}

/// @brief The weight of the edges cut by a partition: sum over i < j with labels(i) != labels(j)
/// of a_ij.
/// @param a symmetric nonnegative adjacency, dense or sparse (n x n)
/// @param labels one label per node
/// @return the cut weight (each undirected edge counted once)
/// @throws invalid_input when labels does not have n entries, or as laplacian()
/// @par Cost
/// O(nnz(A)).
template <typename Derived>
[[nodiscard]] typename Derived::Scalar cut_weight(const Eigen::EigenBase<Derived>& a, const Eigen::VectorXi& labels) {
  using Scalar = typename Derived::Scalar;
  auto g = detail::checked_any(a, "cut_weight");
  detail::require_vector_size(labels, g.rows(), "cut_weight", "labels");
  Scalar cut(0);
  for (Eigen::Index j = 0; j < g.outerSize(); ++j)
    for (typename std::decay_t<decltype(g)>::InnerIterator it(g, j); it; ++it)
      if (it.index() < j && labels(it.index()) != labels(j)) cut += it.value();
  return cut;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_GRAPH_PARTITION_HPP
