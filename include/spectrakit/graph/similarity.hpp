/// @file graph/similarity.hpp
/// @brief Similarity graphs from points: the Gaussian kernel and k-nearest-neighbour graphs.
#ifndef SPECTRAKIT_GRAPH_SIMILARITY_HPP
#define SPECTRAKIT_GRAPH_SIMILARITY_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "../detail/validate.hpp"

namespace spectrakit {

/// @brief How knn_graph() makes the directed k-nearest-neighbour relation symmetric.
enum class KnnMode {
  either,   ///< Union: i ~ j when j is among the k nearest of i or i among the k nearest of j (weight 1).
  mutual,   ///< Mutual: i ~ j when each is among the k nearest of the other (weight 1).
  average,  ///< scikit-learn's (C + C^T)/2: weight 1 for mutual neighbours, 1/2 for one-sided ones.
};

/// @brief The fully connected Gaussian similarity graph of the rows of X:
/// W_ij = exp(-||x_i - x_j||^2 / (2 sigma^2)) for i != j, W_ii = 0.
///
/// sigma is explicit (scikit-learn's `gamma` = 1/(2 sigma^2) is scale-blind by default). A
/// common heuristic is the median pairwise distance. Squared distances are computed
/// entry-by-entry (never as ||x||^2 + ||y||^2 - 2 x.y, which cancels), so W is exactly
/// symmetric with entries in [0, 1].
///
/// @param x n x p data, one point per row (n >= 1, p >= 1), finite
/// @param sigma kernel width > 0
/// @return the dense n x n symmetric similarity matrix with zero diagonal
/// @throws invalid_input when X is empty or has NaN/Inf, or sigma is not positive and finite
/// @par Cost
/// O(n^2 p) time, O(n^2) memory.
/// @par Reference
/// U. von Luxburg, "A tutorial on spectral clustering", Statistics and Computing 17 (2007), sec. 2.2.
template <typename Derived>
[[nodiscard]] Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, Eigen::Dynamic> gaussian_similarity(
    const Eigen::MatrixBase<Derived>& x, double sigma) {
  using Scalar = typename Derived::Scalar;
  detail::static_check_real_scalar<Scalar>();
  detail::require_not_empty(x, "gaussian_similarity", "X");
  detail::require_positive(sigma, "gaussian_similarity", "sigma");
  const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> xt = x.transpose();  // points as columns
  detail::require_finite(xt, "gaussian_similarity", "X");
  const Eigen::Index n = xt.cols();
  const Scalar scale = Scalar(-1) / Scalar(2 * sigma * sigma);
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> w(n, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    w(j, j) = Scalar(0);
    for (Eigen::Index i = j + 1; i < n; ++i) {
      const Scalar v = std::exp(scale * (xt.col(i) - xt.col(j)).squaredNorm());
      w(i, j) = v;
      w(j, i) = v;
    }
  }
  return w;
}

/// @brief The k-nearest-neighbour graph of the rows of X, symmetrized as `mode` says.
///
/// Neighbours by Euclidean distance, excluding the point itself; ties are broken by the lower
/// index, so the graph is deterministic. Exact (brute force) search.
///
/// @param x n x p data, one point per row, finite
/// @param k neighbours per point, 1 <= k <= n - 1
/// @param mode union (`either`), `mutual` or scikit-learn's `average`
/// @return the sparse symmetric n x n adjacency with zero diagonal
/// @throws invalid_input when X is empty or has NaN/Inf, or k is out of [1, n - 1]
/// @par Cost
/// O(n^2 p + n^2 log k) time, O(n k) memory for the result.
template <typename Derived>
[[nodiscard]] Eigen::SparseMatrix<typename Derived::Scalar, Eigen::ColMajor, int> knn_graph(
    const Eigen::MatrixBase<Derived>& x, Eigen::Index k, KnnMode mode = KnnMode::either) {
  using Scalar = typename Derived::Scalar;
  detail::static_check_real_scalar<Scalar>();
  detail::require_not_empty(x, "knn_graph", "X");
  const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> xt = x.transpose();
  detail::require_finite(xt, "knn_graph", "X");
  const Eigen::Index n = xt.cols();
  detail::require_index_in(k, 1, n - 1, "knn_graph", "k");
  // Directed relation C: C(i, j) = 1 when j is among the k nearest of i.
  std::vector<Eigen::Triplet<Scalar, int>> t;
  t.reserve(static_cast<std::size_t>(n * k));
  std::vector<std::pair<Scalar, int>> dist(static_cast<std::size_t>(n - 1));
  for (Eigen::Index i = 0; i < n; ++i) {
    std::size_t m = 0;
    for (Eigen::Index j = 0; j < n; ++j)
      if (j != i) dist[m++] = {(xt.col(i) - xt.col(j)).squaredNorm(), static_cast<int>(j)};
    std::partial_sort(dist.begin(), dist.begin() + k, dist.end());  // (distance, index) order
    for (Eigen::Index r = 0; r < k; ++r)
      t.emplace_back(static_cast<int>(i), dist[static_cast<std::size_t>(r)].second, Scalar(1));
  }
  Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int> c(n, n);
  c.setFromTriplets(t.begin(), t.end());
  const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int> ct = c.transpose();
  Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int> w;
  if (mode == KnnMode::either)
    w = c.cwiseMax(ct);
  else if (mode == KnnMode::mutual)
    w = c.cwiseMin(ct);
  else
    w = (c + ct) * Scalar(0.5);
  w.prune(Scalar(0), Scalar(0));
  w.makeCompressed();
  return w;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_GRAPH_SIMILARITY_HPP
