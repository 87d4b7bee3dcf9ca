/// @file detail/lobpcg.hpp
/// @brief Internals (solver layer): block LOBPCG for the smallest eigenpairs of a symmetric
/// positive semidefinite sparse matrix, with a preconditioner, soft locking and deflated
/// constraints.
///
/// Method (Knyazev 2001): with X the current block of Ritz vectors, R = L X - X Lambda the
/// residuals, W = T R the preconditioned residuals and P the previous search directions, the
/// next X is the block of the bs smallest Ritz vectors of L in span[X, W, P] (Rayleigh-Ritz).
/// Robustness (Hetmaniuk and Lehoucq 2006; Duersch, Shao, Yang and Gu 2018): the basis
/// S = [X, P, W] is kept orthonormal so that the Rayleigh-Ritz problem is a standard symmetric
/// one: X is orthonormal by construction (S C with C orthonormal); W is orthogonalized against
/// the constraints Y, X and P by two passes of block classical Gram-Schmidt and orthonormalized
/// by SVQB with drop (directions whose Gram eigenvalue is below bs eps times the largest are
/// dropped: they are what makes the classical implementation break down); P is formed and
/// orthonormalized in the coefficient space (P = S Z, Z = the P and W rows of C made orthogonal
/// to C, Hetmaniuk-Lehoucq), so it costs no product with L. L S is carried along (L X = (L S) C),
/// one block product with L per iteration (on W), and recomputed from scratch every 20
/// iterations and before convergence is declared, so the reported residuals are true ones.
/// The Gram matrix G = S^T L S: its [X, P] block is carried in the coefficient space too
/// ([C, Z]^T G [C, Z], Duersch et al.'s implicit product update; recomputed with L X), only the
/// new columns S^T (L W) are formed.
/// Soft locking: converged columns stay in X (and in the Rayleigh-Ritz problem) but get no W or
/// P columns. Constraints: the columns of Y (orthonormal; e.g. the constant vector of each
/// connected component of a Laplacian) are projected out of the start block and of every W,
/// so the pairs found are the smallest of L restricted to Y's orthogonal complement.
///
/// Block size bs = nev + guard (guard = min(nev, 4) + 1, bounded by the space available):
/// the guard vectors speed up convergence of the last wanted pair (convergence rate depends on
/// lambda_nev / lambda_{bs+1}).
///
/// References: A. V. Knyazev, "Toward the optimal preconditioned eigensolver: locally optimal
/// block preconditioned conjugate gradient method", SIAM J. Sci. Comput. 23 (2001) 517-541;
/// U. Hetmaniuk and R. Lehoucq, "Basis selection in LOBPCG", J. Comput. Phys. 218 (2006)
/// 324-332; J. A. Duersch, M. Shao, C. Yang and M. Gu, "A robust and efficient implementation
/// of LOBPCG", SIAM J. Sci. Comput. 40 (2018) C655-C676.
///
/// Cost per iteration: one product of L with the active block (2 nnz(L) a flops), one
/// application of T to it, and about 70 n bs^2 / 5 flops for the orthogonalizations, the Gram
/// block and the update, as tall-skinny products by blocks of rows (lobpcg_impl::times_small,
/// transpose_times) in one work array allocated per call (huge pages: see WorkBuffer).
/// Threads: the products with L and the tall-skinny products share rows among
/// Eigen::nbThreads() OpenMP threads with a fixed association of rows and partial sums, so the
/// output is the same for any thread count.
#ifndef SPECTRAKIT_DETAIL_LOBPCG_HPP
#define SPECTRAKIT_DETAIL_LOBPCG_HPP

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstddef>
#include <limits>
#include <new>
#include <random>
#include <utility>
#include <vector>

#include "amg.hpp"         // AmgPreconditioner
#include "block_spmv.hpp"  // RowBlock, product_rows
#include "config.hpp"

#ifdef _OPENMP
#include <omp.h>
#endif

namespace spectrakit {
namespace detail {

/// Outcome of lobpcg_smallest().
enum class LobpcgStatus { converged, not_converged, numerical_issue };

/// Result of lobpcg_smallest(): the nev smallest pairs found, ascending.
template <typename Scalar>
struct [[nodiscard]] LobpcgResult {
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  Vector values;                 ///< the eigenvalue estimates, ascending (nev)
  Matrix vectors;                ///< orthonormal Ritz vectors, n x nev, orthogonal to Y
  Vector residuals;              ///< ||L v_j - lambda_j v_j|| (true residuals, recomputed)
  Eigen::Index iterations = 0;   ///< iterations performed
  LobpcgStatus status = LobpcgStatus::not_converged;
  Scalar norm_l1 = Scalar(0);    ///< ||L||_1, the residual scale
  std::vector<Scalar> history;   ///< max relative residual of the wanted pairs per iteration
  bool converged() const { return status == LobpcgStatus::converged; }
};

/// The identity preconditioner (plain LOBPCG): y = x.
template <typename Scalar>
struct IdentityPreconditioner {
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  void apply(const Eigen::Ref<const Matrix>& x, Eigen::Ref<Matrix> y) const { y = x; }
};

namespace lobpcg_impl {

template <typename Scalar>
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

// Reproducible uniform numbers in [-1, 1) from the raw 64-bit stream (std's distributions are
// implementation-defined; the raw mt19937_64 stream is specified by the standard).
template <typename Scalar>
Matrix<Scalar> start_block(Eigen::Index n, Eigen::Index k, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Matrix<Scalar> x(n, k);
  for (Eigen::Index j = 0; j < k; ++j)
    for (Eigen::Index i = 0; i < n; ++i) x(i, j) = Scalar(double(rng() >> 11) * 0x1.0p-52 - 1.0);
  return x;
}

// The tall-skinny products of the iteration (n x m blocks, m <= 3 bs, times small matrices),
// by blocks of rows: each block's operands stay in cache, nothing is allocated (Eigen's
// general product packs the whole n x m operand into a buffer it allocates on each call), and
// the blocks are shared among threads with a fixed association of rows and partial sums, so
// the result does not depend on the thread count.
constexpr Eigen::Index row_chunk = 256;       // rows per cache block
constexpr Eigen::Index reduction_rows = 4096;  // rows per partial sum of s^T w

inline int dense_threads(Eigen::Index rows, Eigen::Index cols) {
#ifdef _OPENMP
  return (omp_in_parallel() || rows * cols < 100000) ? 1 : std::max(1, Eigen::nbThreads());
#else
  (void)rows;
  (void)cols;
  return 1;
#endif
}

// out = s c, or out -= s c when subtract; out and s distinct.
template <typename Scalar>
void times_small(const Eigen::Ref<const Matrix<Scalar>>& s, const Eigen::Ref<const Matrix<Scalar>>& c,
                 Eigen::Ref<Matrix<Scalar>> out, bool subtract = false) {
  const Eigen::Index n = s.rows();
  if (s.cols() == 0) {
    if (!subtract) out.setZero();
    return;
  }
  const Eigen::Index chunks = (n + row_chunk - 1) / row_chunk;
#ifdef _OPENMP
#pragma omp parallel for num_threads(dense_threads(n, s.cols() * c.cols())) schedule(static)
#endif
  for (Eigen::Index b = 0; b < chunks; ++b) {
    const Eigen::Index i = b * row_chunk, len = std::min(row_chunk, n - i);
    if (subtract)
      out.middleRows(i, len).noalias() -= s.middleRows(i, len).lazyProduct(c);
    else
      out.middleRows(i, len).noalias() = s.middleRows(i, len).lazyProduct(c);
  }
}

// s^T w, the partial sums of consecutive reduction_rows rows added in order.
template <typename Scalar>
Matrix<Scalar> transpose_times(const Eigen::Ref<const Matrix<Scalar>>& s, const Eigen::Ref<const Matrix<Scalar>>& w) {
  const Eigen::Index n = s.rows();
  const Eigen::Index parts = (n + reduction_rows - 1) / reduction_rows;
  std::vector<Matrix<Scalar>> partial(std::size_t(std::max<Eigen::Index>(parts, 1)), Matrix<Scalar>::Zero(s.cols(), w.cols()));
#ifdef _OPENMP
#pragma omp parallel for num_threads(dense_threads(n, s.cols() * w.cols())) schedule(static)
#endif
  for (Eigen::Index b = 0; b < parts; ++b) {
    const Eigen::Index end = std::min(n, (b + 1) * reduction_rows);
    for (Eigen::Index i = b * reduction_rows; i < end; i += row_chunk) {
      const Eigen::Index len = std::min(row_chunk, end - i);
      partial[std::size_t(b)].noalias() += s.middleRows(i, len).transpose().lazyProduct(w.middleRows(i, len));
    }
  }
  for (std::size_t b = 1; b < partial.size(); ++b) partial[0] += partial[b];
  return partial[0];
}


// SVQB with drop (Stathopoulos-Wu; Duersch et al. 2018, alg. 4): the coefficients C such that
// v C is orthonormal, v C = v D U Theta^{-1/2} restricted to the Gram eigenvalues above
// drop * max (D = diag(v^T v)^{-1/2}). C has v.cols() rows and the kept count of columns.
template <typename Scalar>
Matrix<Scalar> svqb_coefficients(const Eigen::Ref<const Matrix<Scalar>>& v, Scalar drop) {
  if (v.cols() == 0) return Matrix<Scalar>(0, 0);
  const Matrix<Scalar> g = transpose_times<Scalar>(v, v);
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> d = g.diagonal();
  const Scalar dmax = d.maxCoeff();
  if (!(dmax > Scalar(0)) || !std::isfinite(dmax)) return Matrix<Scalar>(v.cols(), 0);
  for (Eigen::Index j = 0; j < d.size(); ++j)
    d(j) = d(j) > drop * dmax ? Scalar(1) / std::sqrt(d(j)) : Scalar(0);
  const Matrix<Scalar> gs = d.asDiagonal() * g * d.asDiagonal();
  Eigen::SelfAdjointEigenSolver<Matrix<Scalar>> eig(gs);
  const auto& theta = eig.eigenvalues();
  const Scalar top = theta.size() ? theta.maxCoeff() : Scalar(0);
  std::vector<Eigen::Index> keep;
  for (Eigen::Index j = theta.size() - 1; j >= 0; --j)
    if (theta(j) > drop * top) keep.push_back(j);
  Matrix<Scalar> c(v.cols(), Eigen::Index(keep.size()));
  for (std::size_t q = 0; q < keep.size(); ++q)
    c.col(Eigen::Index(q)) = d.asDiagonal() * eig.eigenvectors().col(keep[q]) / std::sqrt(theta(keep[q]));
  return c;
}

// v <- v C (SVQB with drop). Returns the new column count.
template <typename Scalar>
Eigen::Index svqb(Matrix<Scalar>& v, Scalar drop) {
  if (v.cols() == 0) return 0;
  const Matrix<Scalar> c = svqb_coefficients<Scalar>(v, drop);
  v = (v * c).eval();
  return v.cols();
}

// (G + G^T) / 2 in place.
template <typename Scalar>
void symmetrize(Matrix<Scalar>& g) {
  g = (Scalar(0.5) * (g + g.transpose())).eval();
}

}  // namespace lobpcg_impl

/// The nev smallest eigenpairs of the symmetric positive semidefinite matrix l restricted to
/// the orthogonal complement of span(null_basis), by block LOBPCG preconditioned by t.
///
/// @param l      n x n, symmetric, both triangles stored (not checked).
/// @param null_basis n x c with orthonormal columns (c >= 0; e.g. the normalized constant
///               vector of a connected Laplacian): deflated constraints.
/// @param nev    number of pairs wanted, 1 <= nev <= n - c (clamped otherwise).
/// @param t      preconditioner: `t.apply(const Eigen::Ref<const Matrix>& x, Eigen::Ref<Matrix> y)`
///               writing y = T x for an n x k block, T symmetric positive definite
///               (AmgPreconditioner, IdentityPreconditioner).
/// @param tol    pair j is converged when ||L v_j - lambda_j v_j|| <= tol ||L||_1.
/// @param seed   seed of the start block (std::mt19937_64): the same seed gives bit-identical
///               output for the same thread count of the preconditioner (AmgPreconditioner's
///               output does not depend on it).
/// @param max_iterations iteration limit (>= 1).
/// @param relative_tol pair j is also converged when ||L v_j - lambda_j v_j|| <= relative_tol
///               |lambda_j| (0, the default: the absolute test alone).
/// @param start  optional start columns (n x s, s <= the block size; nullptr or empty: none):
///               they replace the first columns of the random start block (a warm start).
/// @return values ascending, vectors, true residuals, iterations and status: converged, or
///         not_converged at the limit (best estimates returned), or numerical_issue (the basis
///         lost rank or non-finite numbers appeared before convergence).
/// Small problems (n - c <= 3 bs) are not worth iterating on; the caller should use a dense
/// solver there (this function still works, the block just covers the space).
template <typename Scalar, typename Precond>
LobpcgResult<Scalar> lobpcg_smallest(const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>& l,
                                     const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& null_basis,
                                     Eigen::Index nev, const Precond& t, Scalar tol, std::uint64_t seed,
                                     Eigen::Index max_iterations, Scalar relative_tol = Scalar(0),
                                     const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>* start = nullptr) {
  using Index = Eigen::Index;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using namespace lobpcg_impl;
  const Index n = l.rows();
  const Index c = null_basis.cols();
  const Scalar eps = std::numeric_limits<Scalar>::epsilon();
  LobpcgResult<Scalar> result;
  const Index space = std::max<Index>(0, n - c);
  nev = std::min(std::max<Index>(nev, 0), space);
  Scalar norm1 = Scalar(0);
  for (Index j = 0; j < l.outerSize(); ++j) {
    Scalar s = Scalar(0);
    for (typename Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>::InnerIterator it(l, j); it; ++it)
      s += std::abs(it.value());
    norm1 = std::max(norm1, s);
  }
  result.norm_l1 = norm1;
  if (nev == 0) {
    result.status = LobpcgStatus::converged;
    result.vectors.resize(n, 0);
    return result;
  }
  const Index bs = std::min(space, nev + std::min<Index>(nev, 4) + 1);
  const Scalar drop = Scalar(bs) * eps;
  const Scalar threshold = tol * (norm1 > Scalar(0) ? norm1 : Scalar(1));
  // W <- W - Y (Y^T W) - Q (Q^T W) for the constraints Y and the columns Q of the basis.
  auto project = [&](Eigen::Ref<Matrix> w, const Eigen::Ref<const Matrix>& q) {
    if (c > 0) times_small<Scalar>(null_basis, transpose_times<Scalar>(null_basis, w), w, true);
    if (q.cols() > 0) times_small<Scalar>(q, transpose_times<Scalar>(q, w), w, true);
  };
  // The work storage, allocated once (see WorkBuffer): the basis S = [X, P, W] and A S as
  // column blocks of two n x 3bs arrays, their next versions (swapped each iteration;
  // X = S(:, 0:bs), P = S(:, bs:q), W = S(:, q:m)), the residuals R, the new directions W and
  // a copy, and two row-major n x bs blocks for the products with L.
  using Map = Eigen::Map<Matrix>;
  const std::size_t block = std::size_t(n) * std::size_t(bs);
  WorkBuffer<Scalar> work(18 * block);
  Scalar* basis[4];
  for (int b = 0; b < 4; ++b) basis[b] = work.data() + std::size_t(b) * 3 * block;
  Scalar* const r_data = work.data() + 12 * block;
  Scalar* w_data = work.data() + 13 * block;
  Scalar* tmp_data = work.data() + 14 * block;
  Scalar* const rows_in = work.data() + 15 * block;
  Scalar* const rows_out = work.data() + 16 * block;
  Map s(basis[0], n, 3 * bs), as(basis[1], n, 3 * bs);
  auto swap_next = [&]() {  // S <-> S_next, A S <-> (A S)_next
    std::swap(basis[0], basis[2]);
    std::swap(basis[1], basis[3]);
    new (&s) Map(basis[0], n, 3 * bs);
    new (&as) Map(basis[1], n, 3 * bs);
  };
  auto s_next = [&]() { return Map(basis[2], n, 3 * bs); };
  auto as_next = [&]() { return Map(basis[3], n, 3 * bs); };
  // Y = L X through row-major copies (the block kernel's layout).
  auto multiply = [&](const Eigen::Ref<const Matrix>& x, Eigen::Ref<Matrix> y) {
    const Index k = x.cols();
    Eigen::Map<RowBlock<Scalar>> in(rows_in, n, k), out(rows_out, n, k);
    in = x;
    product_rows(l, rows_in, k, rows_out);
    y = out;
  };

  // Start block: random, projected, orthonormalized (again if rank was lost).
  {
    Matrix x = start_block<Scalar>(n, bs, seed);
    if (start && start->rows() == n && start->cols() > 0) {
      const Index s0 = std::min(bs, start->cols());
      x.leftCols(s0) = start->leftCols(s0);
    }
    for (int pass = 0; pass < 2; ++pass) {
      project(x, s.leftCols(0));
      svqb(x, drop);
    }
    if (x.cols() < bs) {
      result.status = LobpcgStatus::numerical_issue;
      return result;
    }
    s.leftCols(bs) = x;
  }
  Vector lambda;
  // gqq = Q^T A Q for the columns Q = [X, P] of S: computed explicitly at the start and at
  // every refresh, carried in the coefficient space in between.
  Matrix gqq;
  Index q = bs;  // columns of [X, P]
  // Fresh A X, and Q^T A Q from it.
  auto refresh = [&]() {
    multiply(s.leftCols(bs), as.leftCols(bs));
    gqq = transpose_times<Scalar>(s.leftCols(q), as.leftCols(q));
    symmetrize(gqq);
  };
  refresh();
  {
    Eigen::SelfAdjointEigenSolver<Matrix> eig(gqq);
    lambda = eig.eigenvalues();
    times_small<Scalar>(s.leftCols(bs), eig.eigenvectors(), s_next().leftCols(bs));
    times_small<Scalar>(as.leftCols(bs), eig.eigenvectors(), as_next().leftCols(bs));
    swap_next();
    gqq = lambda.asDiagonal();
  }
  Vector res(bs);
  Map r(r_data, n, bs);
  Index since_refresh = 0;
  result.status = LobpcgStatus::not_converged;
  Index it = 0;
  for (;; ++it) {
    // Residuals; before declaring convergence they are recomputed from a fresh L X.
    auto residuals = [&]() {
      new (&r) Map(r_data, n, bs);
      r.noalias() = as.leftCols(bs) - s.leftCols(bs) * lambda.asDiagonal();
      res = r.colwise().norm().transpose();
    };
    residuals();
    if (!res.allFinite() || !lambda.allFinite()) {
      result.status = LobpcgStatus::numerical_issue;
      break;
    }
    auto met = [&](Index j) { return res(j) <= std::max(threshold, relative_tol * std::abs(lambda(j))); };
    auto all_met = [&]() {
      for (Index j = 0; j < nev; ++j)
        if (!met(j)) return false;
      return true;
    };
    bool done = all_met();
    if (done && since_refresh > 0) {
      refresh();
      since_refresh = 0;
      residuals();
      done = all_met();
    }
    result.history.push_back(res.head(nev).maxCoeff() / (norm1 > Scalar(0) ? norm1 : Scalar(1)));
    if (done) {
      result.status = LobpcgStatus::converged;
      break;
    }
    if (it >= max_iterations) break;
    // Soft locking: only the unconverged columns get new directions.
    std::vector<Index> active;
    for (Index j = 0; j < bs; ++j)
      if (!met(j)) active.push_back(j);
    const Index na = Index(active.size());
    if (na < bs) {
      for (Index j = 0; j < na; ++j)
        if (active[std::size_t(j)] != j) r.col(j) = r.col(active[std::size_t(j)]);
      new (&r) Map(r_data, n, na);
    }
    Map w(w_data, n, na);
    t.apply(r, w);
    // W orthogonal to Y, X, P (classical Gram-Schmidt, twice) and orthonormal (SVQB).
    for (int pass = 0; pass < 2; ++pass) {
      project(w, s.leftCols(q));
      const Matrix cw = svqb_coefficients<Scalar>(w, drop);
      Map tmp(tmp_data, n, cw.cols());
      times_small<Scalar>(w, cw, tmp);
      std::swap(w_data, tmp_data);
      new (&w) Map(w_data, n, cw.cols());
    }
    const Index nw = w.cols();
    if (nw == 0) {
      result.status = LobpcgStatus::numerical_issue;
      break;
    }
    const Index m = q + nw;
    s.middleCols(q, nw) = w;
    multiply(w, as.middleCols(q, nw));
    ++since_refresh;
    // Rayleigh-Ritz on S = [X, P, W] (orthonormal): G = S^T A S from Q^T A Q (carried) and
    // the one new block S^T A W.
    Matrix g(m, m);
    g.topLeftCorner(q, q) = gqq;
    g.rightCols(nw) = transpose_times<Scalar>(s.leftCols(m), as.middleCols(q, nw));
    g.bottomLeftCorner(nw, q) = g.topRightCorner(q, nw).transpose();
    {
      Matrix gww = g.bottomRightCorner(nw, nw);
      symmetrize(gww);
      g.bottomRightCorner(nw, nw) = gww;
    }
    Eigen::SelfAdjointEigenSolver<Matrix> eig(g);
    if (eig.info() != Eigen::Success) {
      result.status = LobpcgStatus::numerical_issue;
      break;
    }
    lambda = eig.eigenvalues().head(bs);
    // New P: the P, W part of the active columns' coefficients, orthogonalized against the
    // new X in coefficient space (S is orthonormal), then orthonormalized (Hetmaniuk-Lehoucq).
    Matrix coef(m, bs + na);  // [C_X, Z]
    coef.leftCols(bs) = eig.eigenvectors().leftCols(bs);
    {
      Matrix z = Matrix::Zero(m, na);
      for (Index j = 0; j < na; ++j) z.col(j).tail(m - bs) = coef.col(active[std::size_t(j)]).tail(m - bs);
      for (int pass = 0; pass < 2; ++pass) {
        z.noalias() -= coef.leftCols(bs) * (coef.leftCols(bs).transpose() * z);
        svqb(z, drop);
      }
      coef.conservativeResize(Eigen::NoChange, bs + z.cols());
      coef.rightCols(z.cols()) = z;
    }
    // [X, P] <- S [C_X, Z], A [X, P] <- (A S) [C_X, Z]; Q^T A Q in the coefficient space.
    const Index q_next = coef.cols();
    times_small<Scalar>(s.leftCols(m), coef, s_next().leftCols(q_next));
    times_small<Scalar>(as.leftCols(m), coef, as_next().leftCols(q_next));
    swap_next();
    gqq.noalias() = coef.transpose() * (g * coef);
    symmetrize(gqq);
    q = q_next;
    if (since_refresh >= 20) {
      refresh();
      since_refresh = 0;
    }
  }
  result.iterations = it;
  result.values = lambda.head(nev);
  result.vectors = s.leftCols(nev);
  result.residuals = res.head(nev);
  return result;
}

/// The explicit instantiations of the compiled mode: LOBPCG preconditioned by the AMG, float
/// and double.
#define SPECTRAKIT_LOBPCG_INSTANTIATIONS(prefix)                                                               \
  prefix LobpcgResult<float> lobpcg_smallest<float, AmgPreconditioner<float>>(                                 \
      const Eigen::SparseMatrix<float, Eigen::ColMajor, int>&, const Eigen::MatrixXf&, Eigen::Index,           \
      const AmgPreconditioner<float>&, float, std::uint64_t, Eigen::Index, float, const Eigen::MatrixXf*);     \
  prefix LobpcgResult<double> lobpcg_smallest<double, AmgPreconditioner<double>>(                              \
      const Eigen::SparseMatrix<double, Eigen::ColMajor, int>&, const Eigen::MatrixXd&, Eigen::Index,          \
      const AmgPreconditioner<double>&, double, std::uint64_t, Eigen::Index, double, const Eigen::MatrixXd*);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_LOBPCG_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_DETAIL_LOBPCG_HPP
