/// @file detail/supernodal_cholesky.hpp
/// @brief Internals: a supernodal multifrontal sparse Cholesky factorization P S P^T = L L^T of
/// a symmetric positive definite matrix, in pure Eigen, with block triangular solves.
///
/// Why it exists: the shift-invert eigen-solvers factor one matrix and then solve a few dozen
/// times with a block of 1-2 right-hand sides. Eigen's SimplicialLLT/LDLT are up-looking
/// (scalar loops, no dense kernels) and solve one right-hand side at a time; CHOLMOD's
/// supernodal factorization calls the BLAS once per pair of supernodes, which on the graphs
/// of these solvers (2-D meshes, kNN graphs: many small supernodes) costs more than the
/// arithmetic. A multifrontal factorization works on one dense frontal matrix per supernode
/// (Eigen's LLT, triangular solve and rank-k update), and the solves read each supernode's
/// dense block once for the whole block of right-hand sides.
///
/// References: J. W. H. Liu, "The multifrontal method for sparse matrix solution: theory and
/// practice", SIAM Review 34 (1992); T. A. Davis, "Direct Methods for Sparse Linear Systems",
/// SIAM 2006 (elimination tree, column counts by row subtrees); C. Ashcraft and R. Grimes,
/// "The influence of relaxed supernode partitions on the multifrontal method", ACM TOMS 15
/// (1989) (relaxed amalgamation; the thresholds are tighter than CHOLMOD's defaults, see
/// symbolic()).
#ifndef SPECTRAKIT_DETAIL_SUPERNODAL_CHOLESKY_HPP
#define SPECTRAKIT_DETAIL_SUPERNODAL_CHOLESKY_HPP

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "config.hpp"
#include "huge_page_allocator.hpp"

namespace spectrakit {
namespace detail {

/// Supernodal multifrontal Cholesky factorization of a sparse symmetric positive definite
/// matrix S (compressed, column-major, both triangles stored) in a given fill-reducing order.
/// The factorization runs in the elimination-tree postorder of that order (same fill, contiguous
/// supernodes); `permutation()` returns the resulting P, and solves work in P's coordinates.
template <typename Scalar>
class SupernodalCholesky {
 public:
  using Index = Eigen::Index;
  using SpMat = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Permutation = Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int>;

  /// Factorizes sign * S with S's rows and columns taken in `order` (order[k] = the vertex
  /// eliminated k-th; a permutation of 0..n-1). Returns false when sign * S is not positive
  /// definite (a pivot <= 0 or not finite); the object is then empty.
  bool compute(const SpMat& s, const std::vector<int>& order, Scalar sign = Scalar(1)) {
    clear();
    n_ = s.rows();
    if (n_ == 0) return true;
    symbolic(s, order);
    return numeric(s, sign);
  }

  /// The permutation P of the factorization L L^T = P S P^T (P x lists x in elimination order).
  const Permutation& permutation() const { return perm_; }

  /// min over j of L(j, j)^2 / max over j of L(j, j)^2: the spread of the pivots.
  Scalar pivot_ratio() const { return pivot_max_ > 0 ? pivot_min_ / pivot_max_ : Scalar(1); }

  /// Number of nonzeros stored in L (explicit zeros of relaxed supernodes included).
  Index factor_size() const { return Index(values_.size()); }

  /// Bytes held by the factor: its values and its row structure.
  std::size_t storage_bytes() const { return values_.size() * sizeof(Scalar) + rows_.size() * sizeof(int); }

  /// Number of supernodes.
  Index supernodes() const { return Index(first_.size()) - 1; }

  /// The nonzero count of each column of L (diagonal included; the true structure, before
  /// the relaxed supernodes add explicit zeros), in elimination order (P's coordinates).
  const std::vector<Index>& column_counts() const { return counts_; }

  /// Solves (sign P S P^T) Y = X in place for a block X (n x k): forward then backward
  /// substitution, each reading every supernode's block of L once for all k columns (the
  /// right-hand sides are interleaved row by row in a workspace, so that a row of L touches
  /// one cache line of them). The workspace belongs to the object: one object must not solve
  /// from two threads at once.
  template <typename Derived>
  void solve_in_place(Eigen::MatrixBase<Derived>& x) const {
    const Index k = x.cols();
    if (n_ == 0 || k == 0) return;
    Matrix& w = solve_work_;
    w = x.transpose();  // k x n: column i holds row i of X
    switch (k) {
      case 1: substitute<1>(w.data(), 1); break;
      case 2: substitute<2>(w.data(), 2); break;
      default: substitute<Eigen::Dynamic>(w.data(), k); break;
    }
    x = w.transpose();
  }

 private:
  /// Forward and backward substitution on k interleaved right-hand sides (w[j + k i] is
  /// entry (i, j)); K = k when known at compile time. Per supernode, the triangle works on
  /// its own (contiguous) rows, and the rows below meet L21 through one dense block t of
  /// m - nc rows: in the forward pass t = L21 X1 is accumulated column by column and
  /// scattered once; in the backward pass t gathers X2 once and X1 -= L21^T t by dot products.
  template <int K>
  void substitute(Scalar* w, Index k_runtime) const {
    using Col = Eigen::Map<const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>>;
    const Index k = K == Eigen::Dynamic ? k_runtime : Index(K);
    const Index ns = supernodes();
    solve_block_.resize(max_front_ * k);  // t below: one buffer, never reallocated per supernode
    using Block = Eigen::Map<Matrix>;
    for (Index sn = 0; sn < ns; ++sn) {  // L Z = X
      const Index f = first_[std::size_t(sn)], nc = first_[std::size_t(sn + 1)] - f;
      const Index m = rows_ptr_[std::size_t(sn + 1)] - rows_ptr_[std::size_t(sn)], below = m - nc;
      const Scalar* l = values_.data() + values_ptr_[std::size_t(sn)];
      Scalar* x1 = w + f * k;
      Block t(solve_block_.data(), below, k);
      if (nc >= kDenseColumns) {  // wide supernode: Eigen's blocked triangular solve and GEMM
        const Eigen::Map<const Matrix> lm(l, m, nc);
        Eigen::Map<Matrix> x1t(x1, k, nc);  // X1^T
        lm.topRows(nc).template triangularView<Eigen::Lower>().transpose().template solveInPlace<Eigen::OnTheRight>(x1t);
        if (below > 0) t.noalias() = lm.bottomRows(below) * x1t.transpose();
      } else {
        t.setZero();
        for (Index c = 0; c < nc; ++c) {
          const Scalar* lc = l + c * m;
          Scalar* xc = x1 + c * k;
          const Scalar inv = Scalar(1) / lc[c];
          for (Index j = 0; j < k; ++j) xc[j] *= inv;
          for (Index i = c + 1; i < nc; ++i)
            for (Index j = 0; j < k; ++j) x1[i * k + j] -= lc[i] * xc[j];
          if (below > 0) {
            const Col l21(lc + nc, below);
            for (Index j = 0; j < k; ++j) t.col(j) += xc[j] * l21;
          }
        }
      }
      const int* rows = rows_.data() + rows_ptr_[std::size_t(sn)] + nc;
      for (Index i = 0; i < below; ++i) {
        Scalar* wi = w + Index(rows[i]) * k;
        for (Index j = 0; j < k; ++j) wi[j] -= t(i, j);
      }
    }
    for (Index sn = ns - 1; sn >= 0; --sn) {  // L^T Y = Z
      const Index f = first_[std::size_t(sn)], nc = first_[std::size_t(sn + 1)] - f;
      const Index m = rows_ptr_[std::size_t(sn + 1)] - rows_ptr_[std::size_t(sn)], below = m - nc;
      const Scalar* l = values_.data() + values_ptr_[std::size_t(sn)];
      Scalar* x1 = w + f * k;
      Block t(solve_block_.data(), below, k);
      if (below > 0) {
        const int* rows = rows_.data() + rows_ptr_[std::size_t(sn)] + nc;
        for (Index i = 0; i < below; ++i) {
          const Scalar* wi = w + Index(rows[i]) * k;
          for (Index j = 0; j < k; ++j) t(i, j) = wi[j];
        }
      }
      if (nc >= kDenseColumns) {
        const Eigen::Map<const Matrix> lm(l, m, nc);
        Eigen::Map<Matrix> x1t(x1, k, nc);
        if (below > 0) x1t.noalias() -= t.transpose() * lm.bottomRows(below);
        lm.topRows(nc).template triangularView<Eigen::Lower>().template solveInPlace<Eigen::OnTheRight>(x1t);
        continue;
      }
      for (Index c = nc - 1; c >= 0; --c) {
        const Scalar* lc = l + c * m;
        Scalar* xc = x1 + c * k;
        for (Index j = 0; j < k; ++j) {
          Scalar sum = xc[j];
          if (below > 0) sum -= Col(lc + nc, below).dot(t.col(j));
          for (Index i = c + 1; i < nc; ++i) sum -= lc[i] * x1[i * k + j];
          xc[j] = sum / lc[c];
        }
      }
    }
  }

  void clear() {
    n_ = 0;
    first_.assign(1, 0);
    rows_ptr_.assign(1, 0);
    values_ptr_.assign(1, 0);
    rows_.clear();
    values_.clear();
    counts_.clear();
    perm_.resize(0);
    pivot_min_ = pivot_max_ = 0;
  }

  /// Ordering, elimination tree and its postorder, relaxed supernodes and their row structures.
  void symbolic(const SpMat& s, const std::vector<int>& order) {
    const Index n = n_;
    // inv[v] = the position of vertex v in `order` (S's rows and columns are read through it).
    std::vector<int> inv(std::size_t(n), 0);
    for (Index k = 0; k < n; ++k) inv[std::size_t(order[std::size_t(k)])] = int(k);
    std::vector<int> parent(std::size_t(n), -1);
    {
      // Liu's algorithm with path compression; reads, for each k, the entries i < k of column k.
      std::vector<int> ancestor(std::size_t(n), -1);
      for (Index k = 0; k < n; ++k) {
        const int col = order[std::size_t(k)];
        for (typename SpMat::InnerIterator it(s, col); it; ++it) {
          int i = inv[std::size_t(it.index())];
          while (i != -1 && i < k) {
            const int next = ancestor[std::size_t(i)];
            ancestor[std::size_t(i)] = int(k);
            if (next == -1) parent[std::size_t(i)] = int(k);
            i = next;
          }
        }
      }
    }
    // Postorder (children in increasing order; iterative depth-first search).
    std::vector<int> head(std::size_t(n), -1), next(std::size_t(n), -1), post(static_cast<std::size_t>(n));
    for (Index j = n - 1; j >= 0; --j) {
      const int p = parent[std::size_t(j)];
      if (p != -1) {
        next[std::size_t(j)] = head[std::size_t(p)];
        head[std::size_t(p)] = int(j);
      }
    }
    {
      std::vector<int> stack;
      Index k = 0;
      for (Index root = 0; root < n; ++root) {
        if (parent[std::size_t(root)] != -1) continue;
        stack.push_back(int(root));
        while (!stack.empty()) {
          const int p = stack.back();
          const int c = head[std::size_t(p)];
          if (c == -1) {
            stack.pop_back();
            post[std::size_t(k++)] = p;
          } else {
            head[std::size_t(p)] = next[std::size_t(c)];
            stack.push_back(c);
          }
        }
      }
    }
    // Compose: the factorization order is order[post[k]]; relabel the tree.
    std::vector<int> where(static_cast<std::size_t>(n));  // where[old position] = new position
    for (Index k = 0; k < n; ++k) where[std::size_t(post[std::size_t(k)])] = int(k);
    std::vector<int> parent2(std::size_t(n), -1);
    perm_.resize(n);
    order_.resize(static_cast<std::size_t>(n));
    for (Index k = 0; k < n; ++k) {
      const int old = post[std::size_t(k)];
      const int p = parent[std::size_t(old)];
      parent2[std::size_t(k)] = p == -1 ? -1 : where[std::size_t(p)];
      order_[std::size_t(k)] = order[std::size_t(old)];
    }
    parent.swap(parent2);
    for (Index k = 0; k < n; ++k) {
      inv[std::size_t(order_[std::size_t(k)])] = int(k);
      perm_.indices()(order_[std::size_t(k)]) = int(k);
    }
    inv_ = inv;
    // Column counts of L (diagonal included) in O(nnz(S) alpha(n)) by the skeleton-matrix
    // algorithm of Gilbert, Ng and Peyton (1994), as in Davis, "Direct Methods for Sparse Linear
    // Systems", section 4.5: row i of L is the row subtree spanned by the leaves j (columns with
    // s_ij != 0, i > j, that are not descendants of an earlier such j); each leaf adds one to its
    // own count and, from the second leaf of a row on, takes one from the least common ancestor
    // with the row's previous leaf (found by union-find on the already finished subtrees); the
    // counts are then the sums of these deltas over the subtrees. The labels are a postorder
    // (parent > child), so the subtree of j spans first[j]..j.
    std::vector<Index> count(std::size_t(n), 0);
    std::vector<int> children(std::size_t(n), 0);
    {
      std::vector<int> first(std::size_t(n), -1), max_first(std::size_t(n), -1), prev_leaf(std::size_t(n), -1),
          ancestor(static_cast<std::size_t>(n));
      for (Index k = 0; k < n; ++k) {
        if (first[std::size_t(k)] == -1) count[std::size_t(k)] = 1;  // a leaf of the tree
        for (Index j = k; j != -1 && first[std::size_t(j)] == -1; j = parent[std::size_t(j)])
          first[std::size_t(j)] = int(k);
        ancestor[std::size_t(k)] = int(k);
      }
      for (Index j = 0; j < n; ++j) {
        const int p = parent[std::size_t(j)];
        if (p != -1) {
          --count[std::size_t(p)];
          ++children[std::size_t(p)];
        }
        for (typename SpMat::InnerIterator it(s, order_[std::size_t(j)]); it; ++it) {
          const int i = inv[std::size_t(it.index())];
          if (i <= j || first[std::size_t(j)] <= max_first[std::size_t(i)]) continue;  // j is no leaf of row i
          max_first[std::size_t(i)] = first[std::size_t(j)];
          const int previous = prev_leaf[std::size_t(i)];
          prev_leaf[std::size_t(i)] = int(j);
          ++count[std::size_t(j)];
          if (previous == -1) continue;  // the first leaf of row i
          int q = previous;
          while (q != ancestor[std::size_t(q)]) q = ancestor[std::size_t(q)];
          for (int v = previous; v != q;) {  // path compression
            const int up = ancestor[std::size_t(v)];
            ancestor[std::size_t(v)] = q;
            v = up;
          }
          --count[std::size_t(q)];  // q = the least common ancestor of j and the previous leaf
        }
        if (p != -1) ancestor[std::size_t(j)] = p;
      }
      for (Index j = 0; j < n; ++j)
        if (parent[std::size_t(j)] != -1) count[std::size_t(parent[std::size_t(j)])] += count[std::size_t(j)];
    }
    // Fundamental supernodes (chains j-1 -> j with nested structure), then each merged with
    // the child supernode that ends right before it while the explicit zeros stay few: <= 4
    // columns always; <= 16 columns with < 30 % zeros; <= 48 with < 5 %; any size with < 1 %.
    // (CHOLMOD's 80 % / 10 % / 5 % made the factor 13 % larger and the solves, which dominate
    // a shift-invert eigen-solver, 10-25 % slower on the 300 x 300 grid and knn100k.)
    struct Node {
      Index first, cols, rows;  // rows: of the first column = the supernode's row count
      double nonzeros;          // true nonzeros of its columns (sum of column counts)
    };
    std::vector<Node> fundamental;
    for (Index j = 0; j < n; ++j) {
      if (j > 0 && parent[std::size_t(j - 1)] == j && children[std::size_t(j)] == 1 &&
          count[std::size_t(j - 1)] == count[std::size_t(j)] + 1) {
        ++fundamental.back().cols;
        fundamental.back().nonzeros += double(count[std::size_t(j)]);
      } else {
        fundamental.push_back(Node{j, 1, count[std::size_t(j)], double(count[std::size_t(j)])});
      }
    }
    auto trapezoid = [](double cols, double rows) { return cols * rows - cols * (cols - 1) / 2; };
    std::vector<Node> relaxed;
    for (const Node& p : fundamental) {
      if (!relaxed.empty() && parent[std::size_t(p.first - 1)] == p.first) {
        const Node& c = relaxed.back();  // a child of p (its last column's parent is p's first)
        const Node merged{c.first, c.cols + p.cols, c.cols + p.rows, c.nonzeros + p.nonzeros};
        const double total = trapezoid(double(merged.cols), double(merged.rows));
        const double zeros = (total - merged.nonzeros) / total;
        const Index cols = merged.cols;
        if (cols <= 4 || (cols <= 16 && zeros < 0.3) || (cols <= 48 && zeros < 0.05) || zeros < 0.01) {
          relaxed.back() = merged;
          continue;
        }
      }
      relaxed.push_back(p);
    }
    std::vector<Index> sn_first;
    for (const Node& node : relaxed) sn_first.push_back(node.first);
    const Index ns = Index(sn_first.size());
    first_.assign(sn_first.begin(), sn_first.end());
    first_.push_back(n);
    std::vector<int> sn_of(static_cast<std::size_t>(n));
    for (Index sn = 0; sn < ns; ++sn)
      for (Index j = first_[std::size_t(sn)]; j < first_[std::size_t(sn + 1)]; ++j) sn_of[std::size_t(j)] = int(sn);
    std::vector<int> sn_parent(std::size_t(ns), -1);
    for (Index sn = 0; sn < ns; ++sn) {
      const int p = parent[std::size_t(first_[std::size_t(sn + 1)] - 1)];
      sn_parent[std::size_t(sn)] = p == -1 ? -1 : sn_of[std::size_t(p)];
    }
    // Row structures: own columns, then the entries of S below them and the children's rows
    // below them, sorted.
    std::vector<std::vector<int>> kids(static_cast<std::size_t>(ns));
    for (Index sn = 0; sn < ns; ++sn)
      if (sn_parent[std::size_t(sn)] != -1) kids[std::size_t(sn_parent[std::size_t(sn)])].push_back(int(sn));
    rows_ptr_.assign(1, 0);
    rows_.clear();
    std::vector<int> mark(std::size_t(n), -1);
    for (Index sn = 0; sn < ns; ++sn) {
      const Index f = first_[std::size_t(sn)], l = first_[std::size_t(sn + 1)];
      const std::size_t start = rows_.size();
      for (Index j = f; j < l; ++j) {
        rows_.push_back(int(j));
        mark[std::size_t(j)] = int(sn);
      }
      for (Index j = f; j < l; ++j)
        for (typename SpMat::InnerIterator it(s, order_[std::size_t(j)]); it; ++it) {
          const int i = inv[std::size_t(it.index())];
          if (i >= l && mark[std::size_t(i)] != sn) {
            mark[std::size_t(i)] = int(sn);
            rows_.push_back(i);
          }
        }
      for (int c : kids[std::size_t(sn)]) {
        const Index cs = rows_ptr_[std::size_t(c)] + (first_[std::size_t(c + 1)] - first_[std::size_t(c)]);
        for (Index q = cs; q < rows_ptr_[std::size_t(c + 1)]; ++q) {
          const int i = rows_[std::size_t(q)];
          if (i >= l && mark[std::size_t(i)] != sn) {
            mark[std::size_t(i)] = int(sn);
            rows_.push_back(i);
          }
        }
      }
      std::sort(rows_.begin() + std::ptrdiff_t(start) + (l - f), rows_.end());
      rows_ptr_.push_back(Index(rows_.size()));
    }
    // Storage of L (one dense m x nc block per supernode), the largest front and the peak of
    // the stack of update matrices.
    values_ptr_.assign(1, 0);
    max_front_ = 0;
    Index stack = 0;
    peak_stack_ = 0;
    std::vector<Index> update_size(std::size_t(ns), 0);
    for (Index sn = 0; sn < ns; ++sn) {
      const Index nc = first_[std::size_t(sn + 1)] - first_[std::size_t(sn)];
      const Index m = rows_ptr_[std::size_t(sn + 1)] - rows_ptr_[std::size_t(sn)];
      values_ptr_.push_back(values_ptr_.back() + m * nc);
      max_front_ = std::max(max_front_, m);
      for (int c : kids[std::size_t(sn)]) stack -= update_size[std::size_t(c)];
      update_size[std::size_t(sn)] = (m - nc) * (m - nc);
      stack += update_size[std::size_t(sn)];
      peak_stack_ = std::max(peak_stack_, stack);
    }
    kids_ = std::move(kids);
    counts_ = std::move(count);
  }

  /// The multifrontal factorization proper.
  bool numeric(const SpMat& s, Scalar sign) {
    const Index ns = supernodes();
    values_.assign(std::size_t(values_ptr_.back()), Scalar(0));
    std::vector<Scalar> front(std::size_t(max_front_ * max_front_));
    std::vector<Scalar> stack(static_cast<std::size_t>(peak_stack_));
    std::vector<Index> stack_offset(std::size_t(ns), 0);  // where a supernode's update matrix sits
    Index top = 0;
    std::vector<int> local(std::size_t(n_), -1);
    pivot_min_ = std::numeric_limits<Scalar>::infinity();
    pivot_max_ = 0;
    for (Index sn = 0; sn < ns; ++sn) {
      const Index f = first_[std::size_t(sn)], l = first_[std::size_t(sn + 1)], nc = l - f;
      const Index m = rows_ptr_[std::size_t(sn + 1)] - rows_ptr_[std::size_t(sn)];
      const int* rows = rows_.data() + rows_ptr_[std::size_t(sn)];
      Eigen::Map<Matrix> fm(front.data(), m, m);
      for (Index j = 0; j < m; ++j) fm.col(j).tail(m - j).setZero();
      for (Index i = 0; i < m; ++i) local[std::size_t(rows[i])] = int(i);
      // Entries of sign * S in the supernode's columns (lower part).
      for (Index j = f; j < l; ++j)
        for (typename SpMat::InnerIterator it(s, order_[std::size_t(j)]); it; ++it) {
          const int i = inv_[std::size_t(it.index())];
          if (i >= j) fm(local[std::size_t(i)], j - f) += sign * it.value();
        }
      // Extend-add of the children's update matrices (on top of the stack, last child last).
      const std::vector<int>& kids = kids_[std::size_t(sn)];
      for (int c : kids) {
        const Index cnc = first_[std::size_t(c + 1)] - first_[std::size_t(c)];
        const Index cm = rows_ptr_[std::size_t(c + 1)] - rows_ptr_[std::size_t(c)] - cnc;
        const int* crows = rows_.data() + rows_ptr_[std::size_t(c)] + cnc;
        const Scalar* u = stack.data() + stack_offset[std::size_t(c)];
        for (Index j = 0; j < cm; ++j) {
          const Index lj = local[std::size_t(crows[j])];
          Scalar* dst = fm.data() + lj * m;
          const Scalar* src = u + j * cm;
          for (Index i = j; i < cm; ++i) dst[local[std::size_t(crows[i])]] += src[i];
        }
      }
      if (!kids.empty()) top = stack_offset[std::size_t(kids.front())];
      // Dense partial factorization: L11 L11^T = F11, L21 = F21 L11^-T, U = F22 - L21 L21^T.
      auto f11 = fm.topLeftCorner(nc, nc);
      if (Eigen::internal::llt_inplace<Scalar, Eigen::Lower>::blocked(f11) != -1) return fail();
      for (Index j = 0; j < nc; ++j) {
        const Scalar d = f11(j, j) * f11(j, j);
        if (!(d > 0) || !(d <= std::numeric_limits<Scalar>::max())) return fail();
        pivot_min_ = std::min(pivot_min_, d);
        pivot_max_ = std::max(pivot_max_, d);
      }
      Eigen::Map<Matrix> block(values_.data() + values_ptr_[std::size_t(sn)], m, nc);
      if (m > nc) {
        auto f21 = fm.bottomLeftCorner(m - nc, nc);
        f11.template triangularView<Eigen::Lower>().adjoint().template solveInPlace<Eigen::OnTheRight>(f21);
        Eigen::Map<Matrix> u(stack.data() + top, m - nc, m - nc);
        const auto f22 = fm.bottomRightCorner(m - nc, m - nc);
        for (Index j = 0; j < m - nc; ++j) u.col(j).tail(m - nc - j) = f22.col(j).tail(m - nc - j);
        u.template selfadjointView<Eigen::Lower>().rankUpdate(f21, Scalar(-1));
        stack_offset[std::size_t(sn)] = top;
        top += (m - nc) * (m - nc);
      }
      for (Index j = 0; j < nc; ++j) block.col(j).tail(m - j) = fm.col(j).tail(m - j);
    }
    return true;
  }

  bool fail() {
    clear();
    return false;
  }

  static constexpr Index kDenseColumns = 16;  // supernodes this wide solve through Eigen's kernels

  Index n_ = 0;
  std::vector<Index> counts_;         // column counts of L (column_counts())
  std::vector<Index> first_{0};       // supernode sn = columns first_[sn] .. first_[sn+1]-1
  std::vector<Index> rows_ptr_{0};    // its rows: rows_[rows_ptr_[sn] .. rows_ptr_[sn+1]-1]
  std::vector<int> rows_;             //   (own columns first, then the rows below, ascending)
  std::vector<Index> values_ptr_{0};  // its m x nc column-major block of L
  std::vector<Scalar, HugePageAllocator<Scalar>> values_;
  std::vector<std::vector<int>> kids_;
  std::vector<int> order_, inv_;
  Index max_front_ = 0, peak_stack_ = 0;
  Permutation perm_;
  Scalar pivot_min_ = 0, pivot_max_ = 0;
  mutable Matrix solve_work_;
  mutable std::vector<Scalar> solve_block_;
};

/// The explicit instantiations of the compiled mode (float and double; the block solve on the
/// Eigen::Ref that DefiniteSparseSolver passes).
#define SPECTRAKIT_SUPERNODAL_CHOLESKY_INSTANTIATIONS(prefix)                                             \
  prefix class SupernodalCholesky<float>;                                                                \
  prefix class SupernodalCholesky<double>;                                                               \
  prefix void SupernodalCholesky<float>::solve_in_place<Eigen::Ref<SupernodalCholesky<float>::Matrix>>(  \
      Eigen::MatrixBase<Eigen::Ref<SupernodalCholesky<float>::Matrix>>&) const;                          \
  prefix void SupernodalCholesky<double>::solve_in_place<Eigen::Ref<SupernodalCholesky<double>::Matrix>>( \
      Eigen::MatrixBase<Eigen::Ref<SupernodalCholesky<double>::Matrix>>&) const;
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_SUPERNODAL_CHOLESKY_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_DETAIL_SUPERNODAL_CHOLESKY_HPP
