/// @file graph/components.hpp
/// @brief Connected components of an undirected graph: iterative, linear time.
#ifndef SPECTRAKIT_GRAPH_COMPONENTS_HPP
#define SPECTRAKIT_GRAPH_COMPONENTS_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <type_traits>
#include <vector>

#include "detail/adjacency.hpp"

namespace spectrakit {

/// @brief The connected components of a graph.
struct Components {
  /// Number of components c (1 for a connected graph; an isolated node is a component).
  Eigen::Index count = 0;
  /// labels(i) in 0..c-1 is the component of node i, numbered by first appearance: node 0 is in
  /// component 0, and the first node outside components 0..k-1 is in component k.
  Eigen::VectorXi labels;
  /// sizes(k) is the number of nodes of component k (sum = n).
  Eigen::VectorXi sizes;
};

namespace detail {

/// Components of a sparse matrix's pattern (entries are edges regardless of their values),
/// by breadth-first search with an explicit queue: no recursion, O(n + nnz).
template <typename Scalar>
Components components_of(const AdjacencyView<Scalar>& a) {
  const Eigen::Index n = a.n;
  Components c;
  c.labels = Eigen::VectorXi::Constant(n, -1);
  std::vector<int>& queue = a.scratch;  // (the validation's cursors, no longer needed)
  queue.resize(static_cast<std::size_t>(n));
  std::vector<int> sizes;
  const int* inner = a.inner;
  const Scalar* value = a.value;
  int* label = c.labels.data();
  // Without explicit zeros every stored entry is an edge and the values need not be read.
  const bool zeros = a.explicit_zeros;
  for (Eigen::Index s = 0; s < n; ++s) {
    if (label[s] >= 0) continue;
    const int id = static_cast<int>(sizes.size());
    std::size_t head = 0, tail = 0;
    queue[tail++] = static_cast<int>(s);
    label[s] = id;
    while (head < tail) {  // each node enters the queue once
      const int j = queue[head++];
      for (int k = a.begin(j), e = a.end(j); k < e; ++k) {
        const int i = inner[k];
        if (label[i] < 0 && (!zeros || value[k] != Scalar(0))) {
          label[i] = id;
          queue[tail++] = i;
        }
      }
    }
    sizes.push_back(static_cast<int>(tail));
  }
  c.count = static_cast<Eigen::Index>(sizes.size());
  c.sizes = Eigen::Map<const Eigen::VectorXi>(sizes.data(), c.count);
  return c;
}

template <typename Scalar>
Components components_of(const SparseGraph<Scalar>& a) {
  AdjacencyView<Scalar> v;
  v.point_to(a);
  return components_of(v);
}

}  // namespace detail

/// @brief The connected components of an undirected graph.
///
/// Two nodes are in the same component when a path of edges (nonzero entries) joins them.
/// Breadth-first search with an explicit queue (no recursion: no stack overflow on graphs of
/// millions of nodes). The number of components is the multiplicity of the eigenvalue 0 of
/// every Laplacian of the graph.
///
/// @param a symmetric nonnegative adjacency, dense or sparse (n x n, n >= 1); explicit zeros
///          are not edges, self-loops do not matter
/// @return count, labels 0..count-1 by first appearance, sizes
/// @throws invalid_input when A is empty, not square, not symmetric, has a negative or NaN/Inf entry
/// @par Cost
/// O(n + nnz(A)) time (plus the validation of A), O(n) extra memory.
template <typename Derived>
[[nodiscard]] Components connected_components(const Eigen::EigenBase<Derived>& a) {
  using Base = std::conditional_t<std::is_base_of<Eigen::SparseMatrixBase<Derived>, Derived>::value,
                                  Eigen::SparseMatrixBase<Derived>, Eigen::MatrixBase<Derived>>;
  detail::AdjacencyView<typename Derived::Scalar> view;
  detail::make_checked_view(static_cast<const Base&>(a.derived()), "connected_components", "A", view);
  return detail::components_of(view);
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_GRAPH_COMPONENTS_HPP
