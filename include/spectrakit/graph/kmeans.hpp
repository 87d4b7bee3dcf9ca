/// @file graph/kmeans.hpp
/// @brief k-means clustering (Lloyd) with k-means++ seeding, restarts and empty-cluster reseeding.
#ifndef SPECTRAKIT_GRAPH_KMEANS_HPP
#define SPECTRAKIT_GRAPH_KMEANS_HPP

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "../detail/config.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"

namespace spectrakit {

/// @brief Options of kmeans().
struct KMeansOptions {
  /// Independent k-means++ starts; the run with the smallest inertia wins (>= 1, default 10).
  Eigen::Index restarts = 10;
  /// Bound on the Lloyd iterations of each start (>= 1, default 300).
  Eigen::Index max_iterations = 300;
  /// Seed of std::mt19937_64 for the seeding; the same seed gives bit-identical results.
  std::uint64_t seed = 42;
};

/// @brief The result of kmeans().
/// @tparam Scalar float or double
template <typename Scalar>
struct KMeansResult {
  /// labels(i) in 0..k-1, numbered by first appearance (point 0 is in cluster 0); every cluster
  /// is non-empty.
  Eigen::VectorXi labels;
  /// k x p cluster centers (row c is the mean of cluster c).
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> centers;
  /// Sum of squared distances of the points to their centers.
  Scalar inertia = 0;
  /// Lloyd iterations of the winning start.
  Eigen::Index iterations = 0;
  /// success when the winning start reached a fixed point (no label changed), not_converged
  /// when it stopped at max_iterations.
  Status status = Status::success;
  /// @brief True when status == Status::success.
  [[nodiscard]] bool converged() const { return status == Status::success; }
};

namespace detail {

template <typename Real>
struct KMeansRun {
  std::vector<int> labels;
  MatX<Real> centers;  // p x k (columns)
  Real inertia = 0;
  Eigen::Index iterations = 0;
  bool converged = false;
};

/// The k-means core on points as columns (validated, k in [1, n]): `restarts` seeded starts of
/// k-means++ and Lloyd, the one of smallest inertia (the first among ties) returned.
template <typename Real>
KMeansRun<Real> kmeans_columns(const MatX<Real>& yt, Eigen::Index k, const KMeansOptions& options);

/// The explicit instantiations of the compiled mode (k-means computes in double).
#define SPECTRAKIT_KMEANS_INSTANTIATIONS(prefix) \
  prefix KMeansRun<double> kmeans_columns<double>(const MatX<double>&, Eigen::Index, const KMeansOptions&);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_KMEANS_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

#if SPECTRAKIT_DEFINE_CORES

/// Greedy k-means++ (2 + floor(ln k) candidates per step, as scikit-learn).
template <typename Real>
MatX<Real> kmeanspp(const MatX<Real>& y, Eigen::Index k, std::mt19937_64& rng) {
  const Eigen::Index n = y.cols();
  MatX<Real> c(y.rows(), k);
  std::uniform_int_distribution<Eigen::Index> pick(0, n - 1);
  std::uniform_real_distribution<Real> unit(Real(0), Real(1));
  c.col(0) = y.col(pick(rng));
  VecX<Real> d2(n);
  for (Eigen::Index i = 0; i < n; ++i) d2(i) = (y.col(i) - c.col(0)).squaredNorm();
  const int trials = 2 + static_cast<int>(std::log(Real(k)));
  VecX<Real> cand_d2(n), best_d2(n);
  for (Eigen::Index j = 1; j < k; ++j) {
    const Real total = d2.sum();
    Eigen::Index best = -1;
    Real best_pot = std::numeric_limits<Real>::infinity();
    for (int t = 0; t < trials; ++t) {
      Eigen::Index cand = 0;
      if (total > 0) {
        Real u = unit(rng) * total, acc = 0;
        cand = n - 1;
        for (Eigen::Index i = 0; i < n; ++i) {
          acc += d2(i);
          if (acc > u) {
            cand = i;
            break;
          }
        }
      } else {
        cand = pick(rng);
      }
      Real pot = 0;
      for (Eigen::Index i = 0; i < n; ++i) {
        cand_d2(i) = std::min(d2(i), (y.col(i) - y.col(cand)).squaredNorm());
        pot += cand_d2(i);
      }
      if (pot < best_pot) {
        best_pot = pot;
        best = cand;
        best_d2 = cand_d2;
      }
    }
    c.col(j) = y.col(best);
    d2 = best_d2;
  }
  return c;
}

template <typename Real>
KMeansRun<Real> lloyd(const MatX<Real>& y, MatX<Real> centers, Eigen::Index max_iterations) {
  const Eigen::Index n = y.cols(), k = centers.cols();
  KMeansRun<Real> run;
  run.labels.assign(static_cast<std::size_t>(n), -1);
  std::vector<Real> dist(static_cast<std::size_t>(n));
  Eigen::VectorXi counts(k);
  for (Eigen::Index it = 0; it < max_iterations; ++it) {
    bool changed = false;
    for (Eigen::Index i = 0; i < n; ++i) {
      int best = 0;
      Real bd = std::numeric_limits<Real>::infinity();
      for (Eigen::Index c = 0; c < k; ++c) {
        const Real dd = (y.col(i) - centers.col(c)).squaredNorm();
        if (dd < bd) {
          bd = dd;
          best = static_cast<int>(c);
        }
      }
      if (run.labels[static_cast<std::size_t>(i)] != best) changed = true;
      run.labels[static_cast<std::size_t>(i)] = best;
      dist[static_cast<std::size_t>(i)] = bd;
    }
    // Empty clusters take the point farthest from its center among clusters with >= 2 points.
    counts.setZero();
    for (int l : run.labels) ++counts(l);
    for (Eigen::Index c = 0; c < k; ++c) {
      if (counts(c) > 0) continue;
      Eigen::Index far = -1;
      for (Eigen::Index i = 0; i < n; ++i) {
        const int l = run.labels[static_cast<std::size_t>(i)];
        if (counts(l) >= 2 && (far < 0 || dist[static_cast<std::size_t>(i)] > dist[static_cast<std::size_t>(far)])) far = i;
      }
      if (far < 0) break;  // cannot happen when k <= n
      --counts(run.labels[static_cast<std::size_t>(far)]);
      run.labels[static_cast<std::size_t>(far)] = static_cast<int>(c);
      dist[static_cast<std::size_t>(far)] = 0;
      counts(c) = 1;
      changed = true;
    }
    centers.setZero();
    for (Eigen::Index i = 0; i < n; ++i) centers.col(run.labels[static_cast<std::size_t>(i)]) += y.col(i);
    for (Eigen::Index c = 0; c < k; ++c) centers.col(c) /= Real(counts(c));
    run.iterations = it + 1;
    if (!changed) {
      run.converged = true;
      break;
    }
  }
  run.inertia = 0;
  for (Eigen::Index i = 0; i < n; ++i) run.inertia += (y.col(i) - centers.col(run.labels[static_cast<std::size_t>(i)])).squaredNorm();
  run.centers = centers;
  return run;
}

/// The k-means core on points as columns (validated, k in [1, n]): `restarts` seeded starts,
/// the one of smallest inertia (the first among ties) returned.
template <typename Real>
KMeansRun<Real> kmeans_columns(const MatX<Real>& yt, Eigen::Index k, const KMeansOptions& options) {
  std::mt19937_64 rng(options.seed);
  KMeansRun<Real> best;
  best.inertia = std::numeric_limits<Real>::infinity();
  for (Eigen::Index r = 0; r < options.restarts; ++r) {
    KMeansRun<Real> run = lloyd(yt, kmeanspp(yt, k, rng), options.max_iterations);
    if (run.inertia < best.inertia) best = std::move(run);
  }
  return best;
}

#endif  // SPECTRAKIT_DEFINE_CORES

}  // namespace detail

/// @brief k-means clustering of the rows of Y: k-means++ seeding, Lloyd iterations, restarts.
///
/// Minimizes the inertia sum_i ||y_i - c_{label(i)}||^2. Each of `restarts` starts seeds with
/// greedy k-means++ (2 + floor(ln k) candidates per center, as scikit-learn) and runs Lloyd's
/// algorithm until no label changes (or max_iterations); a cluster that becomes empty takes
/// the point farthest from its center (among clusters with at least two points), so exactly k
/// non-empty clusters are returned. The start with the smallest inertia wins (the first among
/// ties); labels are renumbered by first appearance. Computed in double; one random stream
/// (std::mt19937_64 from options.seed), so results are bit-identical for the same seed.
///
/// @param y n x p data, one point per row, finite (n >= 1, p >= 1)
/// @param k number of clusters, 1 <= k <= n
/// @param options restarts, iteration bound, seed
/// @return labels, centers, inertia, iterations, status
/// @throws invalid_input when Y is empty or has NaN/Inf, k is out of [1, n], or an option is out of range
/// @par Cost
/// O(restarts * (k n p log k + iterations * n k p)).
/// @par Reference
/// Arthur & Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007.
template <typename Derived>
[[nodiscard]] KMeansResult<typename Derived::Scalar> kmeans(const Eigen::MatrixBase<Derived>& y, Eigen::Index k,
                                                            const KMeansOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  detail::static_check_real_scalar<Scalar>();
  if (options.restarts < 1) detail::fail_option("kmeans", "restarts", "must be >= 1");
  if (options.max_iterations < 1) detail::fail_option("kmeans", "max_iterations", "must be >= 1");
  detail::require_not_empty(y, "kmeans", "Y");
  const Eigen::MatrixXd yt = y.transpose().template cast<double>();  // points as columns
  detail::require_finite(yt, "kmeans", "Y");
  const Eigen::Index n = yt.cols();
  detail::require_index_in(k, 1, n, "kmeans", "k");
  const detail::KMeansRun<double> best = detail::kmeans_columns(yt, k, options);
  // Canonical labels: by first appearance.
  std::vector<int> map(static_cast<std::size_t>(k), -1);
  int next = 0;
  KMeansResult<Scalar> out;
  out.labels.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    int& m = map[static_cast<std::size_t>(best.labels[static_cast<std::size_t>(i)])];
    if (m < 0) m = next++;
    out.labels(i) = m;
  }
  out.centers.resize(k, yt.rows());
  for (Eigen::Index c = 0; c < k; ++c) out.centers.row(map[static_cast<std::size_t>(c)]) = best.centers.col(c).transpose().template cast<Scalar>();
  out.inertia = static_cast<Scalar>(best.inertia);
  out.iterations = best.iterations;
  out.status = best.converged ? Status::success : Status::not_converged;
  return out;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_GRAPH_KMEANS_HPP
