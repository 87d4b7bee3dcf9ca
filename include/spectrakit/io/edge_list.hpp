/// @file io/edge_list.hpp
/// @brief Edge-list files: one edge `u v [weight]` a line, arbitrary integer node ids.
#ifndef SPECTRAKIT_IO_EDGE_LIST_HPP
#define SPECTRAKIT_IO_EDGE_LIST_HPP

#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "../detail/config.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/text_file.hpp"

namespace spectrakit {

/// @brief How read_edge_list() combines an edge listed more than once (in either direction).
enum class DuplicateEdges {
  last,  ///< The last line wins (NetworkX `read_edgelist` into a `Graph`).
  sum,   ///< The weights add up (a multigraph collapsed; SciPy's COO-to-CSR convention).
  max,   ///< The largest weight wins.
};

/// @brief Options of read_edge_list().
struct EdgeListOptions {
  /// How repeated edges combine; `u v` and `v u` are the same undirected edge. Default `last`.
  DuplicateEdges duplicates = DuplicateEdges::last;
  /// Weight of a line without a third column. Default 1; must be finite and >= 0.
  double default_weight = 1.0;
};

/// @brief A graph read from an edge list: its adjacency and the original node ids.
struct EdgeListGraph {
  /// Symmetric n x n weighted adjacency; node k is the k-th distinct id in order of first
  /// appearance in the file. Self-loops `u u w` are kept on the diagonal.
  Eigen::SparseMatrix<double> adjacency;
  /// node_ids[k] is the id the file uses for node k (size n).
  std::vector<std::int64_t> node_ids;
  /// Number of edge lines read (before duplicates were combined).
  std::size_t lines_read = 0;
};

/// @brief Reads an undirected graph from an edge-list file.
///
/// Each data line holds `u v` or `u v w`: two integer node ids (any 64-bit integers, not
/// necessarily contiguous or 0-based) and an optional nonnegative finite weight, separated by
/// blanks (spaces or tabs). Lines starting with `#` or `%` and blank lines are skipped; text
/// after a `#` or `%` at the end of a data line is a comment. Ids are remapped densely to
/// 0..n-1 in order of first appearance, and the mapping is returned. Each line is an
/// undirected edge; repeated edges combine as `options.duplicates` says. Gzip-compressed
/// files are read as read_matrix_market() explains.
///
/// @param path the file
/// @param options duplicate handling and the default weight
/// @return the symmetric adjacency, the id of every node and the number of edge lines
/// @throws io_error naming the file and the line: cannot open, a non-integer id, a missing
/// second id, a negative, NaN or infinite weight, extra columns, more than 2^31 - 1 nodes,
/// weights of a repeated edge that add up beyond the largest double (DuplicateEdges::sum), out
/// of memory (the line and the bytes asked for are named). Nothing is allocated from an
/// announced size: memory grows with the lines actually read.
/// @throws invalid_input when options.default_weight is negative or not finite
/// @par Cost
/// O(file size + m log m) for m edge lines.
[[nodiscard]] SPECTRAKIT_IO_INLINE EdgeListGraph read_edge_list(const std::string& path, const EdgeListOptions& options = {});
#if SPECTRAKIT_DEFINE_IO
SPECTRAKIT_IO_INLINE EdgeListGraph read_edge_list(const std::string& path, const EdgeListOptions& options) {
  const char* fn = "read_edge_list";
  if (!(options.default_weight >= 0) || !std::isfinite(options.default_weight))
    detail::fail_option(fn, "default_weight", "must be finite and nonnegative");
  const std::string text = detail::load_text_file(fn, path);
  detail::LineCursor cursor(text, fn, path);
  struct Edge {
    int u, v;
    double w;
    std::size_t order;
  };
  std::vector<Edge> edges;
  EdgeListGraph g;
  std::unordered_map<std::int64_t, int> index;
  auto node = [&](long long id) {
    auto it = index.find(id);
    if (it != index.end()) return it->second;
    if (g.node_ids.size() >= static_cast<std::size_t>(std::numeric_limits<int>::max()))
      cursor.fail("more than 2^31 - 1 distinct nodes");
    const int k = static_cast<int>(g.node_ids.size());
    index.emplace(id, k);
    g.node_ids.push_back(id);
    return k;
  };
  const char* b = nullptr;
  const char* e = nullptr;
  while (cursor.next(b, e)) {
    const char* p = detail::skip_blanks(b, e);
    if (p == e || *p == '#' || *p == '%') continue;
    // Cut a trailing comment.
    const char* end = p;
    while (end < e && *end != '#' && *end != '%') ++end;
    long long u = 0, v = 0;
    detail::parse_integer(p, end, u, cursor, "node id");
    if (!detail::parse_integer(p, end, v, cursor, "node id")) cursor.fail("expected two node ids, found one");
    double w = options.default_weight;
    if (detail::parse_real(p, end, w, cursor, "weight") && !(w >= 0)) cursor.fail("negative weight");
    if (!detail::blank_line(p, end)) cursor.fail("unexpected text after 'u v weight'");
    detail::with_memory(cursor, 40.0L * (edges.size() + g.node_ids.size() + 2), "the edges and node ids", [&] {
      const int a = node(u), c = node(v);
      edges.push_back({std::min(a, c), std::max(a, c), w, edges.size()});
    });
  }
  g.lines_read = edges.size();
  std::stable_sort(edges.begin(), edges.end(),
                   [](const Edge& x, const Edge& y) { return x.u != y.u ? x.u < y.u : x.v < y.v; });
  std::vector<Eigen::Triplet<double, int>> triplets;
  const long double bytes = 56.0L * edges.size() + 8.0L * g.node_ids.size();
  detail::with_memory(cursor, bytes, "the adjacency", [&] { triplets.reserve(2 * edges.size()); });
  for (std::size_t k = 0; k < edges.size();) {
    std::size_t l = k;
    double w = edges[k].w;
    while (++l < edges.size() && edges[l].u == edges[k].u && edges[l].v == edges[k].v) {
      if (options.duplicates == DuplicateEdges::sum)
        w += edges[l].w;
      else if (options.duplicates == DuplicateEdges::max)
        w = std::max(w, edges[l].w);
      else
        w = edges[l].w;  // stable sort: file order within a pair
    }
    if (!(w <= std::numeric_limits<double>::max()))
      detail::io_fail(fn, path, 0,
                      "the weights of edge " + std::to_string(g.node_ids[static_cast<std::size_t>(edges[k].u)]) + " " +
                          std::to_string(g.node_ids[static_cast<std::size_t>(edges[k].v)]) +
                          " add up beyond the largest double");
    triplets.emplace_back(edges[k].u, edges[k].v, w);
    if (edges[k].u != edges[k].v) triplets.emplace_back(edges[k].v, edges[k].u, w);
    k = l;
  }
  const auto n = static_cast<Eigen::Index>(g.node_ids.size());
  detail::with_memory(cursor, bytes, "the adjacency", [&] {
    g.adjacency.resize(n, n);
    g.adjacency.setFromTriplets(triplets.begin(), triplets.end());
  });
  return g;
}
#endif

}  // namespace spectrakit

#endif  // SPECTRAKIT_IO_EDGE_LIST_HPP
