/// @file graph/clustering.hpp
/// @brief Spectral clustering (Ng-Jordan-Weiss or Shi-Malik) of a similarity graph.
#ifndef SPECTRAKIT_GRAPH_CLUSTERING_HPP
#define SPECTRAKIT_GRAPH_CLUSTERING_HPP

#include <Eigen/Core>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "../detail/validate.hpp"
#include "../error.hpp"
#include "../solver_method.hpp"
#include "components.hpp"
#include "embedding.hpp"
#include "kmeans.hpp"
#include "laplacian.hpp"
#include "partition.hpp"

namespace spectrakit {

/// @brief Which spectral clustering algorithm spectral_clustering() runs.
enum class SpectralClusteringVariant {
  /// Ng, Jordan & Weiss (2002): the k smallest eigenvectors of L_sym, rows normalized to unit
  /// length, then k-means.
  ng_jordan_weiss,
  /// Shi & Malik (2000): the k smallest generalized eigenvectors L y = lambda D y (that is
  /// y = D^{-1/2} x for the eigenvectors x of L_sym), then k-means on the rows (no
  /// normalization; scikit-learn's `spectral_clustering` computes this embedding).
  shi_malik,
};

/// @brief Options of spectral_clustering(): the eigen-solver's (GraphSolverOptions, as for
/// fiedler_vector()), the algorithm and k-means'.
struct SpectralClusteringOptions : GraphSolverOptions {
  /// The algorithm (default Ng-Jordan-Weiss).
  SpectralClusteringVariant variant = SpectralClusteringVariant::ng_jordan_weiss;
  /// k-means options (restarts, iterations, seed).
  KMeansOptions kmeans;
};

/// @brief The result of spectral_clustering().
/// @tparam Scalar float or double
template <typename Scalar>
struct SpectralClustering {
  /// labels(i) in 0..k-1, numbered by first appearance.
  Eigen::VectorXi labels;
  /// The n x k matrix k-means ran on (after row normalization for Ng-Jordan-Weiss).
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> embedding;
  /// The k smallest eigenvalues of L_sym (0 repeated once per component, then ascending).
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> eigenvalues;
  /// The connected components of W. When count > 1 the clustering is still well defined: the
  /// null space of L_sym is spanned by the (D^{1/2}-weighted) component indicators, which
  /// are used exactly; when count >= k, the k - 1 largest components are clusters 0..k-2
  /// (before renumbering) and the others together form the last cluster, without k-means.
  Components components;
  /// Inertia of the k-means step (0 when count >= k).
  Scalar inertia = 0;
  /// Linear solves of the eigen-solver.
  Eigen::Index iterations = 0;
  /// success, or the eigen-solver's (or k-means') not_converged / numerical_issue, or
  /// out_of_memory_budget (the eigen-solver did not run: labels all 0, no k-means).
  Status status = Status::success;
  /// The eigen-solver that ran (dense, shift_invert or lobpcg; dense when none was needed).
  EigsMethod method = EigsMethod::dense;
  /// Bytes of the shift-invert factor; 0 for the other methods.
  std::size_t factor_bytes = 0;
  /// Why the eigen-solver did not run (out_of_memory_budget), empty otherwise.
  std::string message;
  /// @brief True when status == Status::success.
  [[nodiscard]] bool converged() const { return status == Status::success; }
};

/// @brief Spectral clustering of a weighted graph into k clusters.
///
/// 1. Components of W (union-find) and degrees d (row sums, self-loops once).
/// 2. The k smallest eigenvectors of L_sym = I - D^{-1/2} W D^{-1/2}: the null space exactly
///    (one D^{1/2}-weighted indicator per component, so a disconnected W is no problem), then
///    the k - c smallest others (options.method, as for fiedler_vector(): dense for small
///    graphs, then shift-invert block Lanczos or LOBPCG + AMG by the predicted factor).
/// 3. Ng-Jordan-Weiss: each row scaled to unit length (zero rows stay zero); Shi-Malik:
///    rows multiplied by d_i^{-1/2} (isolated nodes: 1).
/// 4. k-means (k-means++ seeding, restarts) on the rows; labels renumbered by first appearance.
///
/// @param w symmetric nonnegative similarity (affinity) matrix, dense or sparse (n x n)
/// @param k number of clusters, 1 <= k <= n
/// @param options variant, k-means and eigen-solver options
/// @return labels, embedding, eigenvalues, components, inertia, iterations, status
/// @throws invalid_input when k is out of [1, n], W is not square, not symmetric, has a negative
///         or NaN/Inf entry, or an option is out of range
/// @par Cost
/// One eigen-solve for k vectors plus k-means on n x k data.
/// @par Reference
/// Ng, Jordan & Weiss, "On spectral clustering: analysis and an algorithm", NIPS 2001;
/// Shi & Malik, IEEE TPAMI 22 (2000); von Luxburg, Statistics and Computing 17 (2007).
template <typename Derived>
[[nodiscard]] SpectralClustering<typename Derived::Scalar> spectral_clustering(
    const Eigen::EigenBase<Derived>& w, Eigen::Index k, const SpectralClusteringOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  const char* fn = "spectral_clustering";
  detail::check_solver_options(options, fn);
  if (options.kmeans.restarts < 1) detail::fail_option(fn, "kmeans.restarts", "must be >= 1");
  if (options.kmeans.max_iterations < 1) detail::fail_option(fn, "kmeans.max_iterations", "must be >= 1");
  auto g = detail::checked_any(w, fn);
  const Eigen::Index n = g.rows();
  detail::require_index_in(k, 1, n, fn, "k");
  const detail::SparseGraph<double> a = detail::to_double(std::move(g));
  SpectralClustering<Scalar> out;
  const Eigen::VectorXd d = detail::degrees_of(a);
  out.components = detail::components_of(a);
  const Eigen::Index c = out.components.count;
  const Eigen::MatrixXd z = detail::null_basis(out.components, d, true);
  Eigen::MatrixXd u(n, k);
  Eigen::VectorXd values = Eigen::VectorXd::Zero(k);
  if (c >= k) {
    // The k - 1 largest components (ties: lower label) are clusters; the rest is one cluster.
    std::vector<int> order(static_cast<std::size_t>(c));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int p, int q) { return out.components.sizes(p) > out.components.sizes(q); });
    std::vector<int> cluster_of(static_cast<std::size_t>(c), static_cast<int>(k - 1));
    for (Eigen::Index r = 0; r + 1 < k; ++r) cluster_of[static_cast<std::size_t>(order[static_cast<std::size_t>(r)])] = static_cast<int>(r);
    Eigen::VectorXi raw(n);
    u.setZero();
    for (Eigen::Index i = 0; i < n; ++i) {
      raw(i) = cluster_of[static_cast<std::size_t>(out.components.labels(i))];
      u(i, raw(i)) = 1;
    }
    out.labels = detail::canonical_labels(raw, k);
    out.embedding = u.cast<Scalar>();
    out.eigenvalues = values.cast<Scalar>();
    return out;
  }
  const detail::SparseGraph<double> l = detail::laplacian_of(a, LaplacianKind::symmetric_normalized);
  const detail::LowestPairs<double> p =
      detail::nonnull_pairs(l, z, k - c, detail::resolved_tolerance<Scalar>(options.tolerance), options.seed,
                            options.max_iterations, detail::solver_request(options));
  out.method = p.method;
  out.factor_bytes = p.factor_bytes;
  out.message = p.message;
  if (p.status == Status::out_of_memory_budget) {
    out.status = p.status;
    out.labels = Eigen::VectorXi::Zero(n);
    return out;
  }
  u.leftCols(c) = z;
  u.rightCols(k - c) = p.vectors;
  values.tail(k - c) = p.values;
  for (Eigen::Index j = c; j < k; ++j) detail::fix_sign(u.col(j));
  out.iterations = p.operations;
  out.status = p.status;
  if (options.variant == SpectralClusteringVariant::ng_jordan_weiss) {
    for (Eigen::Index i = 0; i < n; ++i) {
      const double r = u.row(i).norm();
      if (r > 0) u.row(i) /= r;
    }
  } else {
    for (Eigen::Index i = 0; i < n; ++i)
      if (d(i) > 0) u.row(i) /= std::sqrt(d(i));
  }
  const KMeansResult<double> km = kmeans(u, k, options.kmeans);
  out.labels = km.labels;
  out.inertia = static_cast<Scalar>(km.inertia);
  if (out.status == Status::success && !km.converged()) out.status = km.status;
  out.embedding = u.cast<Scalar>();
  out.eigenvalues = values.cast<Scalar>();
  return out;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_GRAPH_CLUSTERING_HPP
