// Seeded graph generators for the benchmarks (and the AMG/LOBPCG tests): Barabasi-Albert
// scale-free graphs, 2-D and 3-D grids, as weighted edge lists, their Laplacians and adjacencies.
// Reproducible bit for bit from the seed on every platform (raw std::mt19937_64 output only,
// no std distributions, whose algorithms are implementation-defined).
#ifndef SPECTRAKIT_BENCH_GENERATORS_HPP
#define SPECTRAKIT_BENCH_GENERATORS_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace spectrakit_bench {

struct Edge {
  int u, v;
  double w;
};

// Uniform integer in [0, bound) by rejection (no modulo bias), from the raw stream.
inline std::uint64_t uniform_below(std::mt19937_64& rng, std::uint64_t bound) {
  const std::uint64_t limit = ~std::uint64_t(0) - (~std::uint64_t(0) % bound);
  std::uint64_t r;
  do r = rng(); while (r >= limit);
  return r % bound;
}

// Barabasi-Albert preferential attachment: starts from a clique on m + 1 vertices, then each new
// vertex links to m distinct existing vertices chosen with probability proportional to their
// degree (the "repeated endpoints" list of Batagelj and Brandes 2005). n * m edges about.
inline std::vector<Edge> barabasi_albert_edges(int n, int m, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Edge> edges;
  std::vector<int> ends;  // every edge contributes both endpoints
  const int m0 = std::min(n, m + 1);
  for (int i = 0; i < m0; ++i)
    for (int j = i + 1; j < m0; ++j) {
      edges.push_back({i, j, 1.0});
      ends.push_back(i);
      ends.push_back(j);
    }
  std::vector<int> chosen;
  for (int v = m0; v < n; ++v) {
    chosen.clear();
    while (int(chosen.size()) < m) {
      const int t = ends[std::size_t(uniform_below(rng, ends.size()))];
      if (std::find(chosen.begin(), chosen.end(), t) == chosen.end()) chosen.push_back(t);
    }
    for (int t : chosen) {
      edges.push_back({v, t, 1.0});
      ends.push_back(v);
      ends.push_back(t);
    }
  }
  return edges;
}

// nx x ny x nz grid, 7-point (6 neighbours) unit weights; nz = 1 gives the 2-D 5-point grid.
inline std::vector<Edge> grid_edges(int nx, int ny, int nz) {
  std::vector<Edge> edges;
  auto id = [&](int x, int y, int z) { return (z * ny + y) * nx + x; };
  for (int z = 0; z < nz; ++z)
    for (int y = 0; y < ny; ++y)
      for (int x = 0; x < nx; ++x) {
        if (x + 1 < nx) edges.push_back({id(x, y, z), id(x + 1, y, z), 1.0});
        if (y + 1 < ny) edges.push_back({id(x, y, z), id(x, y + 1, z), 1.0});
        if (z + 1 < nz) edges.push_back({id(x, y, z), id(x, y, z + 1), 1.0});
      }
  return edges;
}

// Multiplies each weight by 10^(u * decades - decades/2), u uniform in [0, 1): weights spanning
// the given number of decades around 1.
inline void randomize_weights(std::vector<Edge>& edges, double decades, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  for (Edge& e : edges) {
    const double u = double(rng() >> 11) * 0x1.0p-53;
    e.w *= std::pow(10.0, u * decades - decades / 2);
  }
}

// The combinatorial Laplacian D - W of an undirected weighted edge list on n vertices (both
// triangles stored, compressed; duplicate edges add up).
template <typename Scalar>
Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int> laplacian_from_edges(int n, const std::vector<Edge>& edges) {
  std::vector<Eigen::Triplet<Scalar, int>> t;
  t.reserve(4 * edges.size() + std::size_t(n));
  std::vector<double> degree(std::size_t(n), 0.0);
  for (const Edge& e : edges) {
    if (e.u == e.v) continue;
    t.emplace_back(e.u, e.v, Scalar(-e.w));
    t.emplace_back(e.v, e.u, Scalar(-e.w));
    degree[std::size_t(e.u)] += e.w;
    degree[std::size_t(e.v)] += e.w;
  }
  for (int i = 0; i < n; ++i) t.emplace_back(i, i, Scalar(degree[std::size_t(i)]));
  Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int> l(n, n);
  l.setFromTriplets(t.begin(), t.end());
  l.makeCompressed();
  return l;
}

// The adjacency matrix W of an undirected weighted edge list on n vertices (both triangles
// stored, compressed; duplicate edges add up; self-loops dropped).
template <typename Scalar>
Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int> adjacency_from_edges(int n, const std::vector<Edge>& edges) {
  std::vector<Eigen::Triplet<Scalar, int>> t;
  t.reserve(2 * edges.size());
  for (const Edge& e : edges) {
    if (e.u == e.v) continue;
    t.emplace_back(e.u, e.v, Scalar(e.w));
    t.emplace_back(e.v, e.u, Scalar(e.w));
  }
  Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int> a(n, n);
  a.setFromTriplets(t.begin(), t.end());
  a.makeCompressed();
  return a;
}

}  // namespace spectrakit_bench

#endif  // SPECTRAKIT_BENCH_GENERATORS_HPP
