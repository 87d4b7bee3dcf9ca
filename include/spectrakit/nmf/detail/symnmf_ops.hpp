/// @file nmf/detail/symnmf_ops.hpp
/// @brief Internals of the symmetric NMF module: the matrix A behind one interface (dense or
/// sparse), input checks for sparse matrices, the objective pieces, Kuang's random start.
#ifndef SPECTRAKIT_NMF_DETAIL_SYMNMF_OPS_HPP
#define SPECTRAKIT_NMF_DETAIL_SYMNMF_OPS_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../../detail/validate.hpp"

namespace spectrakit {
namespace detail {

/// Dense column-major matrix of a scalar.
template <typename Scalar>
using DenseMat = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

/// Compressed column-major sparse matrix of a scalar (Eigen's default index type, so that a
/// user's Eigen::SparseMatrix<Scalar> binds without a copy).
template <typename Scalar>
using SparseMat = Eigen::SparseMatrix<Scalar, Eigen::ColMajor>;

/// Statistics of A that the checks and the solvers need, gathered in one pass.
template <typename Scalar>
struct SymNMFMatrixStats {
  Scalar squared_norm = 0;  ///< ||A||_F^2
  Scalar abs_sum = 0;       ///< sum |a_ij| over all n^2 entries (zeros included)
  Scalar max_entry = 0;     ///< max a_ij (0 for an all-zero or all-negative A)
  Scalar min_entry = 0;     ///< min a_ij over the stored entries (0 when there are none)
};

/// A dense A seen through the small interface the solvers use (no copy of a plain matrix).
template <typename Scalar>
class DenseSymOp {
 public:
  using Ref = Eigen::Ref<const DenseMat<Scalar>>;
  /// Binds a plain column-major matrix without a copy; evaluates any other expression once
  /// into storage owned by the Ref member (so this object must not be copied).
  template <typename Derived>
  explicit DenseSymOp(const Eigen::MatrixBase<Derived>& a) : a_(a.derived()) {}
  DenseSymOp(const DenseSymOp&) = delete;
  DenseSymOp& operator=(const DenseSymOp&) = delete;
  Eigen::Index rows() const { return a_.rows(); }
  /// In the solvers' transposed layout (X^T is k x n): out = X^T A = (A X)^T, A symmetric.
  void multiply_transposed(const DenseMat<Scalar>& xt, DenseMat<Scalar>& out) const { out.noalias() = xt * a_; }
  /// Columns j0 .. j0 + nb - 1 of X^T A only (the template parameter is unused for dense A).
  template <int K>
  void multiply_transposed_cols(const DenseMat<Scalar>& xt, Eigen::Index j0, Eigen::Index nb,
                                DenseMat<Scalar>& out) const {
    out.middleCols(j0, nb).noalias() = xt * a_.middleCols(j0, nb);
  }
  SymNMFMatrixStats<Scalar> stats() const {
    SymNMFMatrixStats<Scalar> s;
    if (a_.size() == 0) return s;
    s.squared_norm = a_.squaredNorm();
    s.abs_sum = a_.cwiseAbs().sum();
    s.max_entry = std::max(Scalar(0), a_.maxCoeff());
    s.min_entry = a_.minCoeff();
    return s;
  }
  const Ref& matrix() const { return a_; }

 private:
  Ref a_;
};

/// A sparse A (compressed, column-major) seen through the same interface.
template <typename Scalar>
class SparseSymOp {
 public:
  explicit SparseSymOp(const SparseMat<Scalar>& a) : a_(a) {}
  Eigen::Index rows() const { return a_.rows(); }
  /// In the solvers' transposed layout (X^T is k x n): out = X^T A = (A X)^T, A symmetric.
  /// Column j of out is sum_i a_ij x_i over the stored entries of column j of A: a gather of
  /// contiguous k-vectors, unrolled for k in {1, 2, 3, 4, 5, 8, 10, 16} (5x faster than Eigen's sparse-dense product
  /// for k = 10, which walks A once per column of X).
  void multiply_transposed(const DenseMat<Scalar>& xt, DenseMat<Scalar>& out) const {
    switch (xt.rows()) {
      case 1:
        return gather<1>(xt, out);
      case 2:
        return gather<2>(xt, out);
      case 3:
        return gather<3>(xt, out);
      case 4:
        return gather<4>(xt, out);
      case 5:
        return gather<5>(xt, out);
      case 8:
        return gather<8>(xt, out);
      case 10:
        return gather<10>(xt, out);
      case 16:
        return gather<16>(xt, out);
      default:
        return gather<Eigen::Dynamic>(xt, out);
    }
  }
  SymNMFMatrixStats<Scalar> stats() const {
    SymNMFMatrixStats<Scalar> s;
    const Eigen::Index nnz = a_.nonZeros();
    if (nnz == 0) return s;
    Eigen::Map<const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>> v(a_.valuePtr(), nnz);
    s.squared_norm = v.squaredNorm();
    s.abs_sum = v.cwiseAbs().sum();
    s.max_entry = std::max(Scalar(0), v.maxCoeff());
    s.min_entry = std::min(Scalar(0), v.minCoeff());
    return s;
  }
  const SparseMat<Scalar>& matrix() const { return a_; }
  /// Columns j0 .. j0 + nb - 1 of X^T A only, with k = K rows unrolled (K = Eigen::Dynamic for
  /// any k).
  template <int K>
  void multiply_transposed_cols(const DenseMat<Scalar>& xt, Eigen::Index j0, Eigen::Index nb,
                                DenseMat<Scalar>& out) const {
    using Vec = Eigen::Matrix<Scalar, K, 1>;
    const Eigen::Index k = xt.rows();
    const auto* outer = a_.outerIndexPtr();
    const auto* inner = a_.innerIndexPtr();
    const Scalar* values = a_.valuePtr();
    const Scalar* x = xt.data();
    Scalar* y = out.data();
    if constexpr (K > 8 && K < 16) {
      // Eigen would use 2-wide packets for a 10-vector: split it into 8 + (K - 8) instead.
      using Head = Eigen::Matrix<Scalar, 8, 1>;
      using Tail = Eigen::Matrix<Scalar, K - 8, 1>;
      // Two accumulators each, so that consecutive entries do not wait for each other's sums.
      for (Eigen::Index j = j0; j < j0 + nb; ++j) {
        Head head0 = Head::Zero(), head1 = Head::Zero();
        Tail tail0 = Tail::Zero(), tail1 = Tail::Zero();
        auto p = outer[j];
        const auto end = outer[j + 1];
        for (; p + 1 < end; p += 2) {
          const Scalar* x0 = x + static_cast<Eigen::Index>(inner[p]) * K;
          const Scalar* x1 = x + static_cast<Eigen::Index>(inner[p + 1]) * K;
          head0.noalias() += values[p] * Eigen::Map<const Head>(x0);
          tail0.noalias() += values[p] * Eigen::Map<const Tail>(x0 + 8);
          head1.noalias() += values[p + 1] * Eigen::Map<const Head>(x1);
          tail1.noalias() += values[p + 1] * Eigen::Map<const Tail>(x1 + 8);
        }
        if (p < end) {
          const Scalar* x0 = x + static_cast<Eigen::Index>(inner[p]) * K;
          head0.noalias() += values[p] * Eigen::Map<const Head>(x0);
          tail0.noalias() += values[p] * Eigen::Map<const Tail>(x0 + 8);
        }
        Eigen::Map<Head>(y + j * K) = head0 + head1;
        Eigen::Map<Tail>(y + j * K + 8) = tail0 + tail1;
      }
      return;
    }
    Vec acc = Vec::Zero(k);
    for (Eigen::Index j = j0; j < j0 + nb; ++j) {
      acc.setZero();
      for (auto p = outer[j]; p < outer[j + 1]; ++p)
        acc.noalias() += values[p] * Eigen::Map<const Vec>(x + static_cast<Eigen::Index>(inner[p]) * k, k);
      Eigen::Map<Vec>(y + j * k, k) = acc;
    }
  }

 private:
  template <int K>
  void gather(const DenseMat<Scalar>& xt, DenseMat<Scalar>& out) const {
    multiply_transposed_cols<K>(xt, 0, a_.outerSize(), out);
  }

  const SparseMat<Scalar>& a_;
};

/// A sparse argument as a compressed column-major SparseMatrix: a reference when it already is
/// one, a converted copy otherwise.
template <typename Scalar>
class SparseHolder {
 public:
  explicit SparseHolder(const SparseMat<Scalar>& a) : ptr_(&a) {
    if (!a.isCompressed()) {
      copy_ = a;
      copy_.makeCompressed();
      ptr_ = &copy_;
    }
  }
  template <typename Derived>
  explicit SparseHolder(const Eigen::SparseMatrixBase<Derived>& a) : copy_(a.derived()), ptr_(&copy_) {
    copy_.makeCompressed();
  }
  SparseHolder(const SparseHolder&) = delete;
  SparseHolder& operator=(const SparseHolder&) = delete;
  const SparseMat<Scalar>& get() const { return *ptr_; }

 private:
  SparseMat<Scalar> copy_;
  const SparseMat<Scalar>* ptr_;
};

/// Square, finite, symmetric (||A - A^T||_F <= 100 n eps ||A||_F) check for a sparse matrix.
template <typename Scalar>
void require_symmetric_sparse(const SparseMat<Scalar>& a, const char* function, const char* argument) {
  require_square(a, function, argument);
  const Eigen::Index nnz = a.nonZeros();
  Eigen::Map<const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>> v(a.valuePtr(), nnz);
  if (!v.allFinite()) fail(function, argument, "has NaN or Inf entries");
  const Scalar norm = v.norm();
  if (norm == Scalar(0)) return;
  const SparseMat<Scalar> t = a.transpose();
  const Scalar asym = SparseMat<Scalar>(a - t).norm() / norm;
  const Scalar tol = Scalar(100) * Scalar(a.rows()) * std::numeric_limits<Scalar>::epsilon();
  if (asym > tol) {
    std::ostringstream os;
    os << "must be symmetric: ||A - A^T||_F / ||A||_F = " << asym << " exceeds " << tol;
    fail(function, argument, os.str());
  }
}

/// A (named 'A') non-empty, square, finite and symmetric: the dense check, or the sparse one for
/// the compressed matrix a SparseHolder exposes.
template <typename MatrixA>
void require_symmetric_input(const MatrixA& a, const char* function) {
  require_not_empty(a, function, "A");
  if constexpr (std::is_base_of<Eigen::SparseMatrixBase<MatrixA>, MatrixA>::value) {
    require_symmetric_sparse(a, function, "A");
  } else {
    require_symmetric(a, function, "A");
  }
}

/// A matrix whose entries are all >= 0 (message names the first negative entry's value).
template <typename Scalar>
void require_nonnegative_value(Scalar min_entry, const char* function, const char* argument, const char* hint) {
  if (min_entry < Scalar(0)) {
    std::ostringstream os;
    os << "must have nonnegative entries, found " << min_entry << hint;
    fail(function, argument, os.str());
  }
}

/// H is n x k with the scalar of A, finite.
template <typename Derived>
void require_factor_shape(const Eigen::MatrixBase<Derived>& h, Eigen::Index n, const char* function,
                          const char* argument) {
  if (h.rows() != n || h.cols() < 1) {
    std::ostringstream os;
    os << "must be n x k with n = " << n << " rows and k >= 1 columns, got " << shape_of(h);
    fail(function, argument, os.str());
  }
  require_finite(h, function, argument);
}

/// f(H) = 1/2 ||A||^2 - <H, AH> + 1/2 ||H^T H||^2, given AH and G = H^T H (not clamped).
template <typename Scalar, typename MH, typename MAH, typename MG>
Scalar symnmf_objective_from_parts(Scalar squared_norm_a, const MH& h, const MAH& ah, const MG& g) {
  return Scalar(0.5) * squared_norm_a - h.cwiseProduct(ah).sum() + Scalar(0.5) * g.squaredNorm();
}

/// The exact f(H) = 1/2 ||A - H H^T||_F^2 for dense A, 256 columns at a time: accurate down to
/// f = 0 (no cancellation against ||A||^2) without ever holding the n x n matrix H H^T.
template <typename Scalar, typename MA, typename MH>
Scalar symnmf_objective_dense_direct(const MA& a, const MH& h) {
  constexpr Eigen::Index block = 256;
  const Eigen::Index n = a.rows();
  Scalar total(0);
  DenseMat<Scalar> r(n, std::min(block, n));
  for (Eigen::Index j0 = 0; j0 < n; j0 += block) {
    const Eigen::Index nj = std::min(block, n - j0);
    auto rb = r.leftCols(nj);
    rb = a.middleCols(j0, nj);
    rb.noalias() -= h * h.middleRows(j0, nj).transpose();
    total += rb.squaredNorm();
  }
  return Scalar(0.5) * total;
}

/// Projected gradient of f at H for the constraint H >= 0: g_ij where h_ij > 0, min(g_ij, 0)
/// where h_ij = 0. Returns its Frobenius norm.
template <typename Scalar, typename MH, typename MG>
Scalar projected_gradient_norm(const MH& h, const MG& grad) {
  Scalar s(0);
  const Eigen::Index size = h.size();
  const Scalar* hp = h.data();
  const Scalar* gp = grad.data();
  for (Eigen::Index i = 0; i < size; ++i) {
    const Scalar v = hp[i] > Scalar(0) ? gp[i] : std::min(gp[i], Scalar(0));
    s += v * v;
  }
  return std::sqrt(s);
}

/// Calls F::template run<K>(args...) with K = k for the common k in {1, 2, 3, 4, 5, 8, 10, 16}
/// (each fixed K is compiled separately, so the list is kept short), Eigen::Dynamic otherwise.
template <typename F, typename... Args>
auto dispatch_k(Eigen::Index k, Args&&... args) {
  switch (k) {
    case 1:
      return F::template run<1>(std::forward<Args>(args)...);
    case 2:
      return F::template run<2>(std::forward<Args>(args)...);
    case 3:
      return F::template run<3>(std::forward<Args>(args)...);
    case 4:
      return F::template run<4>(std::forward<Args>(args)...);
    case 5:
      return F::template run<5>(std::forward<Args>(args)...);
    case 8:
      return F::template run<8>(std::forward<Args>(args)...);
    case 10:
      return F::template run<10>(std::forward<Args>(args)...);
    case 16:
      return F::template run<16>(std::forward<Args>(args)...);
    default:
      return F::template run<Eigen::Dynamic>(std::forward<Args>(args)...);
  }
}

/// Columns j0 .. j0 + nb - 1 of X^T A for a fused HALS pass, behind a plain function pointer,
/// so that hals_pass is compiled once per scalar type and k, not once more per matrix type.
template <typename Scalar>
struct BlockProduct {
  const void* op = nullptr;  ///< the DenseSymOp or SparseSymOp
  /// out.middleCols(j0, nb) = (X^T A).middleCols(j0, nb)
  void (*run)(const void* op, const DenseMat<Scalar>& xt, Eigen::Index j0, Eigen::Index nb,
              DenseMat<Scalar>& out) = nullptr;
};

/// dispatch_k functor: Op::multiply_transposed_cols<K>.
template <typename Scalar, typename Op>
struct MultiplyCols {
  template <int K>
  static int run(const Op& op, const DenseMat<Scalar>& xt, Eigen::Index j0, Eigen::Index nb, DenseMat<Scalar>& out) {
    op.template multiply_transposed_cols<K>(xt, j0, nb, out);
    return 0;
  }
};

/// The BlockProduct of an operator (DenseSymOp or SparseSymOp), k-specialized inside.
template <typename Scalar, typename Op>
BlockProduct<Scalar> block_product_of(const Op& op) {
  BlockProduct<Scalar> p;
  p.op = &op;
  p.run = [](const void* o, const DenseMat<Scalar>& xt, Eigen::Index j0, Eigen::Index nb, DenseMat<Scalar>& out) {
    const Op& a = *static_cast<const Op*>(o);
    static_cast<void>(dispatch_k<MultiplyCols<Scalar, Op>>(xt.rows(), a, xt, j0, nb, out));
  };
  return p;
}

/// The extrapolation step of a fused HALS pass: x_hat = max(0, x + beta (x - previous)).
template <typename Scalar>
struct HalsExtrapolation {
  const DenseMat<Scalar>* previous = nullptr;  ///< the previous (not extrapolated) iterate
  Scalar beta = 0;                             ///< the extrapolation weight, >= 0
  DenseMat<Scalar>* x_hat = nullptr;           ///< output, k x n
  DenseMat<Scalar>* gram_hat = nullptr;        ///< output, x_hat x_hat^T
};

/// What a fused HALS pass measures at the factor y whose product it forms (see hals_pass).
template <typename Scalar>
struct HalsPassStats {
  Scalar inner = 0;              ///< <y, A y> = tr(Y^T A Y)
  Scalar projected_squared = 0;  ///< ||P grad f(Y)||_F^2, grad f = 2 (Y Y^T Y - A Y)
};

/// One fused HALS pass over the nodes on the transposed factors (k x n, each node's k-vector
/// contiguous), in blocks of 128 nodes. For each block:
///  1. if `product`, the columns of ay = y^T A for the block (y is final, so a node's product
///     depends only on its own column of A);
///  2. if `stats`, the block's share of <y, A y> and of ||P grad f(y)||^2 with grad f(y)^T =
///     2 (G_y y - ay), G_y = y y^T (the objective and the stopping test at y, for free);
///  3. the HALS update of x given y: for each j in turn, column j of the n x k factor becomes
///       x_:j = max(0, (c_:j - sum_{l != j} x_:l g_lj) / (g_jj + lambda)),  c = A y + lambda y;
///     entry (i, j) depends only on row i of the factor, so the block is transposed into a
///     small n_b x k matrix (in L1), the residual R = C - X G is formed with one small product
///     and each column update is a vectorized pass over the block plus a rank-1 update of the
///     columns of R still to come (the classic column-by-column HALS, up to rounding);
///  4. the Gram matrix x_out x_out^T accumulated from the updated block;
///  5. if `extrapolation` is given, the extrapolated point x_hat = max(0, x_out + beta (x_out -
///     previous)) and its Gram matrix (Ang & Gillis 2019), from the block still in L1.
/// x_in and x_out may be the same matrix. One pass reads A once and the factors once.
template <typename Scalar, int K>
void hals_pass(const BlockProduct<Scalar>& op, const DenseMat<Scalar>& y, DenseMat<Scalar>& ay, bool product,
               const DenseMat<Scalar>& gy, Scalar lambda, const DenseMat<Scalar>& x_in, DenseMat<Scalar>& x_out,
               DenseMat<Scalar>& gram_out, HalsPassStats<Scalar>* stats, HalsExtrapolation<Scalar>* extrapolation) {
  using Block = Eigen::Matrix<Scalar, Eigen::Dynamic, K>;
  using Gram = Eigen::Matrix<Scalar, K, K>;
  using Col = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  constexpr Eigen::Index block = 128;
  const Eigen::Index k = y.rows(), n = y.cols();
  const Gram gm = gy;
  Gram gacc = Gram::Zero(k, k), hacc = Gram::Zero(k, k);
  auto accumulate_gram = [k](Gram& acc, const auto& b) {
    for (Eigen::Index j = 0; j < k; ++j)
      for (Eigen::Index l = 0; l <= j; ++l) acc(l, j) += b.col(l).dot(b.col(j));
  };
  Eigen::Matrix<Scalar, K, 1> inv_d(k);
  for (Eigen::Index j = 0; j < k; ++j) inv_d(j) = Scalar(1) / (gm(j, j) + lambda);
  Block w(block, k), r(block, k);
  Block grad(block, k);
  Col updated(block), delta(block);
  Scalar inner(0), projected(0);
  for (Eigen::Index i0 = 0; i0 < n; i0 += block) {
    const Eigen::Index nb = std::min(block, n - i0);
    if (product) op.run(op.op, y, i0, nb, ay);
    const auto yb = y.middleCols(i0, nb);
    const auto ayb = ay.middleCols(i0, nb);
    auto wb = w.topRows(nb);
    auto rb = r.topRows(nb);
    auto ub = updated.head(nb);
    auto db = delta.head(nb);
    if (stats) {
      // In the n_b x k layout, so that the arithmetic runs along the nodes (full vectors).
      auto yt = w.topRows(nb);  // w is free until the update below
      auto gt = grad.topRows(nb);
      yt = yb.transpose();
      rb = ayb.transpose();
      inner += yt.cwiseProduct(rb).sum();
      gt = yt.lazyProduct(gm) - rb;  // half the gradient of f at y
      projected +=
          Scalar(4) * (yt.array() > Scalar(0)).select(gt.array(), gt.array().min(Scalar(0))).matrix().squaredNorm();
      rb += lambda * yt;
    } else {
      rb = (ayb + lambda * yb).transpose();
    }
    wb = x_in.middleCols(i0, nb).transpose();
    rb -= wb.lazyProduct(gm);
    for (Eigen::Index j = 0; j < k; ++j) {
      ub = ((rb.col(j) + gm(j, j) * wb.col(j)) * inv_d(j)).cwiseMax(Scalar(0));
      db = ub - wb.col(j);
      wb.col(j) = ub;
      // Only the columns still to be updated need the change of column j.
      const Eigen::Index rest = k - j - 1;
      if (rest > 0) rb.rightCols(rest).noalias() -= db * gm.row(j).tail(rest);
    }
    accumulate_gram(gacc, wb);
    x_out.middleCols(i0, nb) = wb.transpose();
    if (extrapolation) {
      auto hb = r.topRows(nb);  // r is free now
      hb = (wb + extrapolation->beta * (wb - extrapolation->previous->middleCols(i0, nb).transpose()))
               .cwiseMax(Scalar(0));
      accumulate_gram(hacc, hb);
      extrapolation->x_hat->middleCols(i0, nb) = hb.transpose();
    }
  }
  gram_out = gacc.template selfadjointView<Eigen::Upper>();
  if (extrapolation) *extrapolation->gram_hat = hacc.template selfadjointView<Eigen::Upper>();
  if (stats) {
    stats->inner = inner;
    stats->projected_squared = projected;
  }
}

/// dispatch_k functor: hals_pass.
template <typename Scalar>
struct HalsPass {
  template <int K>
  static int run(const BlockProduct<Scalar>& op, const DenseMat<Scalar>& y, DenseMat<Scalar>& ay, bool product,
                 const DenseMat<Scalar>& gy, Scalar lambda, const DenseMat<Scalar>& x_in, DenseMat<Scalar>& x_out,
                 DenseMat<Scalar>& gram_out, HalsPassStats<Scalar>* stats, HalsExtrapolation<Scalar>* extrapolation) {
    hals_pass<Scalar, K>(op, y, ay, product, gy, lambda, x_in, x_out, gram_out, stats, extrapolation);
    return 0;
  }
};

/// Factor size (bytes) from which a sparse A is renumbered for locality (about the L2 size).
constexpr Eigen::Index reorder_threshold_bytes = Eigen::Index(512) * 1024;

/// Breadth-first order of the nodes of the graph of A (both triangles stored): order[new] = old.
/// Each connected component is visited from its lowest-numbered node; neighbours in storage
/// order. O(n + nnz), iterative (no recursion).
template <typename Scalar>
std::vector<int> breadth_first_order(const SparseMat<Scalar>& a) {
  const Eigen::Index n = a.outerSize();
  std::vector<int> order;
  order.reserve(static_cast<std::size_t>(n));
  std::vector<char> seen(static_cast<std::size_t>(n), 0);
  const auto* outer = a.outerIndexPtr();
  const auto* inner = a.innerIndexPtr();
  for (Eigen::Index root = 0; root < n; ++root) {
    if (seen[static_cast<std::size_t>(root)]) continue;
    seen[static_cast<std::size_t>(root)] = 1;
    std::size_t head = order.size();
    order.push_back(static_cast<int>(root));
    while (head < order.size()) {
      const int v = order[head++];
      for (auto q = outer[v]; q < outer[v + 1]; ++q) {
        const int w = static_cast<int>(inner[q]);
        if (!seen[static_cast<std::size_t>(w)]) {
          seen[static_cast<std::size_t>(w)] = 1;
          order.push_back(w);
        }
      }
    }
  }
  return order;
}

/// A uniform double in [0, 1) from 53 bits of the generator: the same on every platform
/// (std::uniform_real_distribution is implementation-defined).
inline double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0); }

/// Kuang's start H0 = 2 sqrt(mean|A| / k) U(0,1), filled column by column.
template <typename Scalar>
DenseMat<Scalar> kuang_initial(Eigen::Index n, Eigen::Index k, double mean_abs, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const double scale = 2.0 * std::sqrt(mean_abs / static_cast<double>(k));
  DenseMat<Scalar> h(n, k);
  for (Eigen::Index j = 0; j < k; ++j)
    for (Eigen::Index i = 0; i < n; ++i) h(i, j) = static_cast<Scalar>(scale * uniform01(rng));
  return h;
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_NMF_DETAIL_SYMNMF_OPS_HPP
