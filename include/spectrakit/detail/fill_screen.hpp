/// @file detail/fill_screen.hpp
/// @brief Internals (solver layer): a cheap test that a graph's Cholesky factor is expensive,
/// from the factors of its densest cores, before the full fill-reducing ordering is computed.
///
/// Why. The method choice (detail/method_choice.hpp) compares the predicted cost of
/// shift-invert (the factorization) with LOBPCG's. The exact prediction needs the ordering, and
/// on the graphs that fill in most the ordering alone costs more than the eigen-solver that then
/// runs instead: AMD takes 0.03 s on a Barabasi-Albert graph of 10k vertices, 0.13 s at 30k,
/// 0.7 s at 100k and about 20 s at 1M (it grows like n^1.5 there).
///
/// The test. For every elimination order pi of a graph G and every vertex set U, the filled
/// graph of G under pi contains the filled graph of the induced subgraph G[U] under pi
/// restricted to U (a fill edge u-w of G[U] is a path between u and w through vertices of U
/// eliminated before both, which is one of G too: Rose, Tarjan and Lueker 1976, lemma 4), so the
/// factor of G costs at least as much, column by column restricted to U, as that of G[U] under
/// the restricted order, hence at least the optimum of G[U]. The screen takes for U the cores
/// of G, the last vertices of the degeneracy (peeling) order of Batagelj and Zaversnik (repeatedly
/// remove a vertex of minimum degree), where a scale-free graph's fill concentrates, of 4096,
/// 8192, ... vertices (at most n/2), and predicts each core's factor for its own fill-reducing
/// order (fill_reducing_order(), the same rule as the factorization's; the order is close to
/// optimal on G[U], within the margin the caller allows). It stops
///   - with a verdict when a core's predicted cost reaches `limit` (the factor of G costs at
///     least that, up to the ordering heuristic's distance from the optimum);
///   - without one when even cubic growth from the core to the whole graph, cost(U) (n/|U|)^3,
///     could not reach the limit (the cost of a factor grows at most like the cube of the
///     vertex count: flops <= n^3 / 3), or at the size cap.
/// Measured (2-core machine, loaded, CPU times; nev = 2): Barabasi-Albert 100k (m = 5) is decided
/// at the core of 32768 vertices (its cost 5.7e11 against the limit 1.4e11; the core of 16384
/// costs 7.6e10, so a cap of n/4 decided nothing) in 0.3-0.5 s, where the full ordering and
/// column counts take 1.5 s; BA 50k at 16384 (0.13 s); BA 30k runs the cores of 4096 and 8192
/// without a verdict (0.05 s) before the full prediction; knn100k stops after the core of 4096
/// by the growth bound (about 20 ms with the peeling).
///
/// References: V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores decomposition of
/// networks", arXiv cs/0310049 (2003); D. J. Rose, R. E. Tarjan and G. S. Lueker, "Algorithmic
/// aspects of vertex elimination on graphs", SIAM J. Comput. 5 (1976) 266-283.
#ifndef SPECTRAKIT_DETAIL_FILL_SCREEN_HPP
#define SPECTRAKIT_DETAIL_FILL_SCREEN_HPP

#include <Eigen/SparseCore>
#include <algorithm>
#include <cstddef>
#include <functional>
#include <vector>

#include "factor_prediction.hpp"
#include "ordering.hpp"

namespace spectrakit {
namespace detail {

/// The degeneracy (peeling) order of the graph of a symmetric pattern (column-major, both
/// triangles; the diagonal ignored): order[k] = the k-th vertex removed (Batagelj-Zaversnik,
/// bucket sort, O(n + nnz)). Degrees are counted in what is left but never below the core level
/// reached (the largest minimum degree so far), so each vertex is removed with at most its core
/// number of neighbours left, core numbers never decrease along the order, and its suffixes are
/// the graph's k-cores, densest last.
template <typename StorageIndex>
std::vector<StorageIndex> peeling_order(Eigen::Index n, const StorageIndex* outer, const StorageIndex* inner) {
  auto at = [](Eigen::Index i) { return std::size_t(i); };
  std::vector<Eigen::Index> degree(at(n), 0);
  Eigen::Index top = 0;
  for (Eigen::Index j = 0; j < n; ++j) {
    for (StorageIndex p = outer[j]; p < outer[j + 1]; ++p)
      if (Eigen::Index(inner[p]) != j) ++degree[at(j)];
    top = std::max(top, degree[at(j)]);
  }
  // bin[d] = the first position of degree d in `vertex`, sorted by degree.
  std::vector<Eigen::Index> bin(at(top) + 1, 0), position(at(n));
  std::vector<StorageIndex> vertex(at(n));
  for (Eigen::Index j = 0; j < n; ++j) ++bin[at(degree[at(j)])];
  for (Eigen::Index d = 0, start = 0; d <= top; ++d) {
    const Eigen::Index count = bin[at(d)];
    bin[at(d)] = start;
    start += count;
  }
  for (Eigen::Index j = 0; j < n; ++j) {
    position[at(j)] = bin[at(degree[at(j)])]++;
    vertex[at(position[at(j)])] = StorageIndex(j);
  }
  for (Eigen::Index d = top; d > 0; --d) bin[at(d)] = bin[at(d - 1)];
  bin[0] = 0;
  for (Eigen::Index k = 0; k < n; ++k) {
    const Eigen::Index v = vertex[at(k)];
    for (StorageIndex p = outer[v]; p < outer[v + 1]; ++p) {
      const Eigen::Index u = inner[p];
      if (u == v || degree[at(u)] <= degree[at(v)]) continue;
      // Move u to the front of its degree's bucket, then shrink the bucket by one.
      const Eigen::Index du = degree[at(u)], pu = position[at(u)], pw = bin[at(du)];
      const Eigen::Index w = vertex[at(pw)];
      if (u != w) {
        position[at(u)] = pw;
        vertex[at(pu)] = StorageIndex(w);
        position[at(w)] = pu;
        vertex[at(pw)] = StorageIndex(u);
      }
      ++bin[at(du)];
      --degree[at(u)];
    }
  }
  return vertex;
}

/// Outcome of screen_fill().
struct FillScreen {
  bool exceeded = false;       ///< a core's predicted cost reached the limit
  Eigen::Index core = 0;       ///< vertices of the last core predicted (0: none)
  FactorPrediction prediction; ///< that core's factor (a lower estimate for the whole graph's)
  double cost = 0;             ///< its cost, cost_of(prediction)
};

/// Screens the symmetric pattern s (compressed, both triangles stored) for an expensive factor:
/// see the file comment. `cost_of` maps a prediction to the caller's cost (e.g. flops +
/// 600 nnz(L)); `limit` is the cost that decides. Cost: O(n + nnz) for the peeling plus the
/// orderings and predictions of cores of geometrically growing size, the last at most n/2.
template <typename Scalar>
FillScreen screen_fill(const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>& s,
                       const std::function<double(const FactorPrediction&)>& cost_of, double limit) {
  FillScreen out;
  const Eigen::Index n = s.rows();
  if (n < 4 * 4096 || !s.isCompressed()) return out;
  const int* outer = s.outerIndexPtr();
  const int* inner = s.innerIndexPtr();
  const std::vector<int> peel = peeling_order(n, outer, inner);
  std::vector<int> local(std::size_t(n), -1);
  for (Eigen::Index m = 4096; m <= n / 2; m *= 2) {
    // The core: the last m vertices of the peeling order, numbered in that order.
    std::fill(local.begin(), local.end(), -1);
    for (Eigen::Index i = 0; i < m; ++i) local[std::size_t(peel[std::size_t(n - m + i)])] = int(i);
    std::vector<Eigen::Triplet<Scalar, int>> entries;
    for (Eigen::Index i = 0; i < m; ++i) {
      const int v = peel[std::size_t(n - m + i)];
      for (int p = outer[v]; p < outer[v + 1]; ++p)
        if (local[std::size_t(inner[p])] >= 0) entries.emplace_back(local[std::size_t(inner[p])], int(i), Scalar(1));
    }
    Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int> core(m, m);
    core.setFromTriplets(entries.begin(), entries.end());
    out.core = m;
    out.prediction = predict_cholesky_factor(core, fill_reducing_order(core));
    out.cost = cost_of(out.prediction);
    if (out.cost >= limit) {
      out.exceeded = true;
      return out;
    }
    const double growth = double(n) / double(m);
    if (out.cost * growth * growth * growth < limit) return out;
  }
  return out;
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_DETAIL_FILL_SCREEN_HPP
