/// @file detail/factor_prediction.hpp
/// @brief Internals (solver layer): the size and flop count of a sparse Cholesky factor,
/// predicted from the pattern and an elimination order before any numerical work.
///
/// For S (symmetric pattern, both triangles stored) eliminated in `order`, the column counts
/// c_j = nnz(L(:, j)) (diagonal included) follow from the elimination tree and the row subtrees
/// in O(nnz(S) alpha(n)) time and O(n) memory (Gilbert, Ng and Peyton 1994): the elimination
/// tree by Liu's algorithm with path compression, a postorder, then for each row i the leaves
/// of its row subtree, each adding 1 to its own count and subtracting 1 at the least common
/// ancestor with the row's previous leaf (union-find), and the counts as subtree sums of these
/// deltas. Then
///    nnz(L) = sum_j c_j,   flops(LL^T) = sum_j c_j^2  (one multiply-add counted as 2 flops:
///    the factorization costs sum_j (c_j - 1)(c_j + 2) ~ sum_j c_j^2 flops, Davis 2006, sec. 4.6).
/// A supernodal factorization stores a little more (explicit zeros of relaxed supernodes): for
/// spectrakit's SupernodalCholesky, factor_size() >= nnz_l, equal to it without amalgamation, and
/// its column_counts() sum to nnz_l exactly.
///
/// References: J. R. Gilbert, E. G. Ng and B. W. Peyton, "An efficient algorithm to compute row
/// and column counts for sparse Cholesky factorization", SIAM J. Matrix Anal. Appl. 15 (1994)
/// 1075-1091; J. W. H. Liu, "The role of elimination trees in sparse factorization", SIAM J.
/// Matrix Anal. Appl. 11 (1990); T. A. Davis, "Direct Methods for Sparse Linear Systems", SIAM
/// 2006, sec. 4.1-4.5.
#ifndef SPECTRAKIT_DETAIL_FACTOR_PREDICTION_HPP
#define SPECTRAKIT_DETAIL_FACTOR_PREDICTION_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cstddef>
#include <vector>

#include "config.hpp"

namespace spectrakit {
namespace detail {

/// Predicted size of the Cholesky factor L of P S P^T (see the file comment).
struct FactorPrediction {
  Eigen::Index nnz_l = 0;    ///< nonzeros of L, diagonal included
  double flops = 0;          ///< sum_j c_j^2: the factorization's flops (multiply-add = 2)
  double solve_flops = 0;    ///< 4 nnz(L): one forward and one backward solve, one right-hand side
  Eigen::Index height = 0;   ///< height of the elimination tree (longest root path, in vertices)
  Eigen::Index max_column_count = 0;  ///< max_j c_j: the order of the largest frontal matrix
  /// Bytes of the factor's values in a Scalar of `scalar_bytes` bytes (indices not counted).
  double bytes(std::size_t scalar_bytes) const { return double(nnz_l) * double(scalar_bytes); }
};

/// Predicts nnz(L) and the flops of the Cholesky factorization of S with its rows and columns
/// taken in `order` (order[k] = the vertex eliminated k-th; a permutation of 0..n-1, not
/// checked). Only the pattern of s is read (values ignored; s compressed or not, both triangles
/// stored). Cost: O(nnz(S) alpha(n)) time, 6 n ints of memory.
template <typename Scalar, typename StorageIndex>
FactorPrediction predict_cholesky_factor(const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>& s,
                                         const std::vector<StorageIndex>& order) {
  using Index = Eigen::Index;
  using SpMat = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;
  const Index n = s.rows();
  FactorPrediction out;
  if (n == 0) return out;
  auto at = [](Index i) { return std::size_t(i); };
  std::vector<int> inv(at(n));
  for (Index k = 0; k < n; ++k) inv[at(Index(order[at(k)]))] = int(k);
  // Elimination tree (Liu), in elimination positions.
  std::vector<int> parent(at(n), -1), ancestor(at(n), -1);
  for (Index k = 0; k < n; ++k) {
    for (typename SpMat::InnerIterator it(s, Index(order[at(k)])); it; ++it) {
      int i = inv[at(it.index())];
      while (i != -1 && i < k) {
        const int next = ancestor[at(i)];
        ancestor[at(i)] = int(k);
        if (next == -1) parent[at(i)] = int(k);
        i = next;
      }
    }
  }
  // Postorder (children in increasing order), iterative.
  std::vector<int> head(at(n), -1), next(at(n), -1), post(at(n));
  for (Index j = n - 1; j >= 0; --j) {
    const int p = parent[at(j)];
    if (p != -1) {
      next[at(j)] = head[at(p)];
      head[at(p)] = int(j);
    }
  }
  {
    std::vector<int> stack;
    Index k = 0;
    for (Index root = 0; root < n; ++root) {
      if (parent[at(root)] != -1) continue;
      stack.push_back(int(root));
      while (!stack.empty()) {
        const int p = stack.back();
        const int c = head[at(p)];
        if (c == -1) {
          stack.pop_back();
          post[at(k++)] = p;
        } else {
          head[at(p)] = next[at(c)];
          stack.push_back(c);
        }
      }
    }
  }
  // Relabel by the postorder: vertex of label k = order[post[k]], parents relabelled.
  std::vector<int> where(at(n));  // where[old position] = label
  for (Index k = 0; k < n; ++k) where[at(post[at(k)])] = int(k);
  std::vector<int> vertex(at(n)), tree(at(n), -1);
  for (Index k = 0; k < n; ++k) {
    const int old = post[at(k)];
    vertex[at(k)] = int(order[at(old)]);
    tree[at(k)] = parent[at(old)] == -1 ? -1 : where[at(parent[at(old)])];
  }
  for (Index k = 0; k < n; ++k) inv[at(vertex[at(k)])] = int(k);
  // Column counts (Gilbert-Ng-Peyton skeleton algorithm; labels are a postorder so the subtree
  // of j is first[j]..j). Reuses: head -> first, next -> max_first, ancestor, post -> prev_leaf.
  std::vector<Index> count(at(n), 0);
  std::vector<int>& first = head;
  std::vector<int>& max_first = next;
  std::vector<int>& prev_leaf = post;
  std::fill(first.begin(), first.end(), -1);
  std::fill(max_first.begin(), max_first.end(), -1);
  std::fill(prev_leaf.begin(), prev_leaf.end(), -1);
  std::vector<Index> depth(at(n), 1);
  for (Index k = 0; k < n; ++k) {
    if (first[at(k)] == -1) count[at(k)] = 1;  // a leaf of the tree
    for (Index j = k; j != -1 && first[at(j)] == -1; j = tree[at(j)]) first[at(j)] = int(k);
    ancestor[at(k)] = int(k);
  }
  for (Index j = 0; j < n; ++j) {
    const int p = tree[at(j)];
    if (p != -1) --count[at(p)];
    for (typename SpMat::InnerIterator it(s, Index(vertex[at(j)])); it; ++it) {
      const int i = inv[at(it.index())];
      if (i <= j || first[at(j)] <= max_first[at(i)]) continue;  // j is no leaf of row i
      max_first[at(i)] = first[at(j)];
      const int previous = prev_leaf[at(i)];
      prev_leaf[at(i)] = int(j);
      ++count[at(j)];
      if (previous == -1) continue;
      int q = previous;
      while (q != ancestor[at(q)]) q = ancestor[at(q)];
      for (int v = previous; v != q;) {
        const int up = ancestor[at(v)];
        ancestor[at(v)] = q;
        v = up;
      }
      --count[at(q)];
    }
    if (p != -1) ancestor[at(j)] = p;
  }
  for (Index j = 0; j < n; ++j)
    if (tree[at(j)] != -1) count[at(tree[at(j)])] += count[at(j)];
  for (Index j = n - 1; j >= 0; --j)  // parents have larger labels
    if (tree[at(j)] != -1) depth[at(j)] = depth[at(tree[at(j)])] + 1;
  for (Index j = 0; j < n; ++j) {
    const double c = double(count[at(j)]);
    out.nnz_l += count[at(j)];
    out.flops += c * c;
    out.height = std::max(out.height, depth[at(j)]);
    out.max_column_count = std::max(out.max_column_count, count[at(j)]);
  }
  out.solve_flops = 4.0 * double(out.nnz_l);
  return out;
}

/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_FACTOR_PREDICTION_INSTANTIATIONS(prefix)                                                   \
  prefix FactorPrediction predict_cholesky_factor<float, int>(const Eigen::SparseMatrix<float, Eigen::ColMajor, int>&, \
                                                              const std::vector<int>&);                      \
  prefix FactorPrediction predict_cholesky_factor<double, int>(                                              \
      const Eigen::SparseMatrix<double, Eigen::ColMajor, int>&, const std::vector<int>&);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_FACTOR_PREDICTION_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_DETAIL_FACTOR_PREDICTION_HPP
