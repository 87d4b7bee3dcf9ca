/// @file detail/lobpcg.hpp
/// @brief Internals (solver layer): block LOBPCG for the smallest eigenpairs of a symmetric
/// positive semidefinite sparse matrix, with a preconditioner, soft locking and deflated
/// constraints.
///
/// Method (Knyazev 2001): with X the current block of Ritz vectors, R = L X - X Lambda the
/// residuals, W = T R the preconditioned residuals and P the previous search directions, the
/// next X is the block of the bs smallest Ritz vectors of L in span[X, W, P] (Rayleigh-Ritz).
/// Robustness (Hetmaniuk and Lehoucq 2006; Duersch, Shao, Yang and Gu 2018): the basis
/// S = [X, W, P] is kept orthonormal so that the Rayleigh-Ritz problem is a standard symmetric
/// one: X is orthonormal by construction (S C with C orthonormal); W is orthogonalized against
/// the constraints Y, X and P by two passes of block classical Gram-Schmidt and orthonormalized
/// by SVQB with drop (directions whose Gram eigenvalue is below bs eps times the largest are
/// dropped: they are what makes the classical implementation break down); P is formed and
/// orthonormalized in the coefficient space (P = S Z, Z = the W and P rows of C made orthogonal
/// to C, Hetmaniuk-Lehoucq), so it costs no product with L. L S is carried along (L X = (L S) C),
/// one block product with L per iteration (on W), and recomputed from scratch every 20
/// iterations and before convergence is declared, so the reported residuals are true ones.
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
/// application of T to it, and O(n bs^2) for the orthogonalizations and the update.
#ifndef SPECTRAKIT_DETAIL_LOBPCG_HPP
#define SPECTRAKIT_DETAIL_LOBPCG_HPP

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "amg.hpp"  // symmetric_spmv, AmgPreconditioner
#include "config.hpp"

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

// v <- v - Y (Y^T v), twice.
template <typename Scalar>
void project_out(const Matrix<Scalar>& y, Matrix<Scalar>& v) {
  if (y.cols() == 0 || v.cols() == 0) return;
  for (int pass = 0; pass < 2; ++pass) v.noalias() -= y * (y.transpose() * v);
}

// SVQB with drop (Stathopoulos-Wu; Duersch et al. 2018, alg. 4): v <- v D U Theta^{-1/2}
// restricted to Gram eigenvalues above drop * max. Returns the new column count.
template <typename Scalar>
Eigen::Index svqb(Matrix<Scalar>& v, Scalar drop) {
  if (v.cols() == 0) return 0;
  const Matrix<Scalar> g = v.transpose() * v;
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> d = g.diagonal();
  const Scalar dmax = d.maxCoeff();
  if (!(dmax > Scalar(0)) || !std::isfinite(dmax)) {
    v.resize(v.rows(), 0);
    return 0;
  }
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
  v = (v * c).eval();
  return v.cols();
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

  // Start block: random, projected, orthonormalized (again if rank was lost).
  Matrix x = start_block<Scalar>(n, bs, seed);
  if (start && start->rows() == n && start->cols() > 0) {
    const Index s0 = std::min(bs, start->cols());
    x.leftCols(s0) = start->leftCols(s0);
  }
  project_out(null_basis, x);
  svqb(x, drop);
  project_out(null_basis, x);
  svqb(x, drop);
  if (x.cols() < bs) {
    result.status = LobpcgStatus::numerical_issue;
    return result;
  }
  Matrix ax(n, bs);
  symmetric_spmv(l, x, ax);
  Vector lambda;
  {
    Matrix g = x.transpose() * ax;
    g = (Scalar(0.5) * (g + g.transpose())).eval();
    Eigen::SelfAdjointEigenSolver<Matrix> eig(g);
    lambda = eig.eigenvalues();
    x = (x * eig.eigenvectors()).eval();
    ax = (ax * eig.eigenvectors()).eval();
  }
  Matrix p(n, 0), ap(n, 0);
  Vector res(bs);
  Index since_refresh = 0;
  result.status = LobpcgStatus::not_converged;
  Index it = 0;
  for (;; ++it) {
    // Residuals; before declaring convergence they are recomputed from a fresh L X.
    Matrix r = ax - x * lambda.asDiagonal();
    for (Index j = 0; j < bs; ++j) res(j) = r.col(j).norm();
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
      symmetric_spmv(l, x, ax);
      since_refresh = 0;
      r = ax - x * lambda.asDiagonal();
      for (Index j = 0; j < bs; ++j) res(j) = r.col(j).norm();
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
    Matrix ra(n, Index(active.size()));
    for (std::size_t q = 0; q < active.size(); ++q) ra.col(Index(q)) = r.col(active[q]);
    Matrix w(n, ra.cols());
    t.apply(ra, w);
    // W orthogonal to Y, X, P; orthonormal.
    for (int pass = 0; pass < 2; ++pass) {
      project_out(null_basis, w);
      w.noalias() -= x * (x.transpose() * w);
      if (p.cols()) w.noalias() -= p * (p.transpose() * w);
      svqb(w, drop);
    }
    if (w.cols() == 0) {
      result.status = LobpcgStatus::numerical_issue;
      break;
    }
    Matrix aw(n, w.cols());
    symmetric_spmv(l, w, aw);
    ++since_refresh;
    // Rayleigh-Ritz on S = [X, W, P] (orthonormal).
    const Index nw = w.cols(), np = p.cols(), m = bs + nw + np;
    Matrix s(n, m), as(n, m);
    s << x, w, p;
    as << ax, aw, ap;
    Matrix g = s.transpose() * as;
    g = (Scalar(0.5) * (g + g.transpose())).eval();
    Eigen::SelfAdjointEigenSolver<Matrix> eig(g);
    if (eig.info() != Eigen::Success) {
      result.status = LobpcgStatus::numerical_issue;
      break;
    }
    const Matrix cx = eig.eigenvectors().leftCols(bs);
    lambda = eig.eigenvalues().head(bs);
    // New P: the W, P part of the active columns' coefficients, orthogonalized against the
    // new X in coefficient space (S is orthonormal), then orthonormalized.
    Matrix z = Matrix::Zero(m, Index(active.size()));
    for (std::size_t q = 0; q < active.size(); ++q) z.col(Index(q)).tail(m - bs) = cx.col(active[q]).tail(m - bs);
    for (int pass = 0; pass < 2; ++pass) {
      z.noalias() -= cx * (cx.transpose() * z);
      svqb(z, drop);
    }
    x = s * cx;
    ax = as * cx;
    p = s * z;
    ap = as * z;
    if (since_refresh >= 20) {
      symmetric_spmv(l, x, ax);
      since_refresh = 0;
    }
  }
  result.iterations = it;
  result.values = lambda.head(nev);
  result.vectors = x.leftCols(nev);
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
