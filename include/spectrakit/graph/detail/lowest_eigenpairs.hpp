/// @file graph/detail/lowest_eigenpairs.hpp
/// @brief Internals of the graph module: the smallest eigenpairs of a graph Laplacian outside
/// its (known) null space, by a dense solver for small graphs, and for large ones either by a
/// shift-invert block Krylov-Schur (thick-restart block Lanczos) iteration on a sparse Cholesky
/// factorization (the built-in supernodal Cholesky, or CHOLMOD when built in) or by LOBPCG
/// preconditioned by aggregation AMG, chosen by the solver layer's rule
/// (detail/method_choice.hpp) under a memory budget: lowest_pairs().
#ifndef SPECTRAKIT_GRAPH_DETAIL_LOWEST_EIGENPAIRS_HPP
#define SPECTRAKIT_GRAPH_DETAIL_LOWEST_EIGENPAIRS_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "../../detail/config.hpp"
#include "../../detail/method_choice.hpp"
#include "../../error.hpp"
#include "../components.hpp"
#include "adjacency.hpp"

#if SPECTRAKIT_DEFINE_CORES
#include <Eigen/Eigenvalues>
#include <random>
#include <vector>

#include "../../detail/huge_page_allocator.hpp"
#include "../../detail/sparse_spd_solver.hpp"
#endif

namespace spectrakit {
namespace detail {

/// The wanted eigenpairs (ascending eigenvalues), how many operator applications they took and
/// how the iteration ended; `residual` is max_i ||L y_i - lambda_i y_i|| / ||L||_1. `method`:
/// the algorithm that ran; `factor_bytes`: the shift-invert factor's bytes (0 otherwise);
/// `predicted_factor_bytes`: the prediction of the factorization's peak bytes when one was made
/// (automatic above the dense threshold, shift_invert), else 0; `message`: why it did not run
/// (out_of_memory_budget).
template <typename Real>
struct LowestPairs {
  Eigen::Matrix<Real, Eigen::Dynamic, 1> values;
  Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic> vectors;
  Eigen::Index operations = 0;
  Status status = Status::success;
  Real residual = 0;
  EigsMethod method = EigsMethod::dense;
  std::size_t factor_bytes = 0;
  std::size_t predicted_factor_bytes = 0;
  std::string message;
};

/// The solver knobs of a graph routine's options: method, memory budget, dense threshold.
struct SolverRequest {
  EigsMethod method = EigsMethod::automatic;
  std::size_t memory_budget = 0;
  Eigen::Index dense_threshold = 300;
};

/// ||L||_1 = max column sum of |l_ij| (>= ||L||_2): the scale of every tolerance.
template <typename Real>
Real norm1(const SparseGraph<Real>& l) {
  Real best = 0;
  for (Eigen::Index j = 0; j < l.outerSize(); ++j) {
    Real s = 0;
    for (typename SparseGraph<Real>::InnerIterator it(l, j); it; ++it) s += std::abs(it.value());
    best = std::max(best, s);
  }
  return best;
}

/// An orthonormal basis of the null space of a Laplacian, known combinatorially: one vector per
/// component, the indicator (unnormalized) or the indicator times sqrt(d) (normalized; an
/// isolated node, whose row of L_sym is zero, gets its unit vector).
template <typename Real>
MatX<Real> null_basis(const Components& comps, const VecX<Real>& d, bool normalized) {
  const Eigen::Index n = comps.labels.size();
  MatX<Real> z = MatX<Real>::Zero(n, comps.count);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Real w = normalized ? std::sqrt(std::max(d(i), Real(0))) : Real(1);
    z(i, comps.labels(i)) = w;
  }
  for (Eigen::Index k = 0; k < comps.count; ++k) {
    const Real nk = z.col(k).stableNorm();  // sqrt(d_i) entries: no squares of huge degrees
    if (nk > 0) {
      z.col(k) /= nk;
    } else {  // zero volume (isolated nodes without self-loop): the indicator itself
      for (Eigen::Index i = 0; i < n; ++i)
        if (comps.labels(i) == k) z(i, k) = Real(1);
      z.col(k).normalize();
    }
  }
  return z;
}

/// Deterministic sign: the first entry whose magnitude is within a relative 1e-3 of the largest
/// is made positive (the tolerance makes the rule agree between solvers whose results differ
/// by their convergence tolerance when several entries tie in magnitude, as on symmetric
/// graphs: at the float input's tolerance eps_float^{2/3} the tied end entries of a grid's
/// Fiedler vector differ by 2e-4 relative, at double's by 1e-9).
template <typename Derived>
void fix_sign(const Eigen::MatrixBase<Derived>& v_out) {
  using Real = typename Derived::Scalar;
  auto& v = const_cast<Eigen::MatrixBase<Derived>&>(v_out);  // Eigen's idiom for writable temporaries (blocks)
  if (v.size() == 0) return;
  const Real big = v.cwiseAbs().maxCoeff();
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (std::abs(v(i)) >= big * (1 - Real(1e-3))) {
      if (v(i) < 0) v = -v;
      return;
    }
}

/// Dense path: the `nev` smallest eigenpairs of L (n x n) on the orthogonal complement of the
/// orthonormal columns of Z, the known null space (nev <= n - Z.cols()).
template <typename Real>
LowestPairs<Real> lowest_pairs_dense(const SparseGraph<Real>& l, const MatX<Real>& z, Eigen::Index nev);

/// Sparse path: the same by shift-invert thick-restart block Lanczos on a sparse Cholesky of
/// L + delta I; `tol` is the relative residual, `max_ops` bounds the linear solves; `order`
/// (optional): the fill-reducing order of L's pattern, when the caller computed it already.
template <typename Real>
LowestPairs<Real> lowest_pairs_lanczos(const SparseGraph<Real>& l, const MatX<Real>& z_in, Eigen::Index nev, Real tol,
                                       std::uint64_t seed, Eigen::Index max_ops,
                                       const std::vector<int>* order = nullptr);

/// The `nev` smallest pairs of L outside span(Z) by the method of `request`
/// (choose_smallest_method(): dense, shift-invert block Lanczos or LOBPCG + AMG; `lanczos` is
/// the shift-invert block Lanczos here). An explicit shift_invert or dense request predicted
/// over the budget returns Status::out_of_memory_budget (zero values and vectors of the right
/// sizes, the predicted size in `predicted_factor_bytes` and `message`) without allocating.
/// `tol`: relative residual ||L y - lambda y|| <= tol ||L||_1; `max_ops`: bound on the linear
/// solves (shift-invert) or iterations (LOBPCG).
template <typename Real>
LowestPairs<Real> lowest_pairs(const SparseGraph<Real>& l, const MatX<Real>& z, Eigen::Index nev, Real tol,
                               std::uint64_t seed, Eigen::Index max_ops, const SolverRequest& request);

/// The explicit instantiations of the compiled mode (the graph module computes in double).
#define SPECTRAKIT_LOWEST_PAIRS_INSTANTIATIONS(prefix)                                                          \
  prefix LowestPairs<double> lowest_pairs_dense<double>(const SparseGraph<double>&, const MatX<double>&,       \
                                                        Eigen::Index);                                          \
  prefix LowestPairs<double> lowest_pairs_lanczos<double>(const SparseGraph<double>&, const MatX<double>&,     \
                                                          Eigen::Index, double, std::uint64_t, Eigen::Index,    \
                                                          const std::vector<int>*);                             \
  prefix LowestPairs<double> lowest_pairs<double>(const SparseGraph<double>&, const MatX<double>&, Eigen::Index, \
                                                  double, std::uint64_t, Eigen::Index, const SolverRequest&);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_LOWEST_PAIRS_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

#if SPECTRAKIT_DEFINE_CORES

/// Dense path: the `nev` smallest eigenpairs of L on the orthogonal complement of span(Z), from
/// the eigen-decomposition of L + mu Z Z^T with mu = 2 ||L||_1 >= 2 lambda_max(L). Z spans the
/// null space exactly (L Z = 0), so the pairs of L on span(Z)^perp are unchanged and the null
/// directions move to mu, above the spectrum: the nev smallest pairs of the shifted matrix are
/// the wanted ones (needs nev <= n - Z.cols()). One SelfAdjointEigenSolver, no basis of the
/// complement to build; rounding of the order eps ||L||_1.
template <typename Real>
LowestPairs<Real> lowest_pairs_dense(const SparseGraph<Real>& l, const MatX<Real>& z, Eigen::Index nev) {
  const Eigen::Index n = l.rows();
  const Real norm_l = norm1(l);
  MatX<Real> t = MatX<Real>(l);
  if (z.cols() > 0) t.noalias() += (norm_l > 0 ? 2 * norm_l : Real(1)) * (z * z.transpose());
  Eigen::SelfAdjointEigenSolver<MatX<Real>> es(t);
  LowestPairs<Real> out;
  if (es.info() != Eigen::Success) {
    out.status = Status::numerical_issue;
    out.values = VecX<Real>::Zero(nev);
    out.vectors = MatX<Real>::Zero(n, nev);
    return out;
  }
  out.values = es.eigenvalues().head(nev).cwiseMax(Real(0));
  out.vectors = es.eigenvectors().leftCols(nev);
  if (z.cols() > 0) out.vectors -= z * (z.transpose() * out.vectors);  // rounding-level components
  const Real scale = std::max(norm_l, std::numeric_limits<Real>::min());
  for (Eigen::Index i = 0; i < nev; ++i) {
    out.vectors.col(i).normalize();
    const VecX<Real> r = l * out.vectors.col(i) - out.values(i) * out.vectors.col(i);
    out.residual = std::max(out.residual, r.norm() / scale);
  }
  return out;
}

/// Classical Gram-Schmidt twice (CGS2) of a block w of a few columns against the orthonormal
/// columns of z and of basis (z orthogonal to basis): w <- (I - Q Q^T)^2 w with Q = [z basis]; `coeff` gets
/// basis^T w, both passes summed. The rows are swept in chunks that stay in the L1/L2 cache, and
/// the first pass's update shares a sweep with the second pass's products, so Q (the tall,
/// memory-bound operand) is read three times in all, each time together with w's chunk.
template <typename Real>
void project_out_twice(const MatX<Real>& z, const Eigen::Ref<const MatX<Real>>& basis, Eigen::Ref<MatX<Real>> w,
                       MatX<Real>& coeff) {
  using Eigen::Index;
  const Index n = w.rows(), bs = w.cols(), cz = z.cols(), cb = basis.cols();
  MatX<Real> hz1 = MatX<Real>::Zero(cz, bs), hb1 = MatX<Real>::Zero(cb, bs);
  MatX<Real> hz2 = hz1, hb2 = hb1;
  constexpr Index chunk = 512;
  auto add_products = [&](Index r0, Index len, MatX<Real>& hz, MatX<Real>& hb) {
    const auto wc = w.middleRows(r0, len);
    for (Index c = 0; c < cz; ++c) hz.row(c).noalias() += z.col(c).segment(r0, len).transpose() * wc;
    for (Index c = 0; c < cb; ++c) hb.row(c).noalias() += basis.col(c).segment(r0, len).transpose() * wc;
  };
  auto subtract = [&](Index r0, Index len, const MatX<Real>& hz, const MatX<Real>& hb) {
    auto wc = w.middleRows(r0, len);
    for (Index c = 0; c < cz; ++c) wc.noalias() -= z.col(c).segment(r0, len) * hz.row(c);
    for (Index c = 0; c < cb; ++c) wc.noalias() -= basis.col(c).segment(r0, len) * hb.row(c);
  };
  for (Index r0 = 0; r0 < n; r0 += chunk) add_products(r0, std::min(chunk, n - r0), hz1, hb1);
  for (Index r0 = 0; r0 < n; r0 += chunk) {
    const Index len = std::min(chunk, n - r0);
    subtract(r0, len, hz1, hb1);
    add_products(r0, len, hz2, hb2);
  }
  for (Index r0 = 0; r0 < n; r0 += chunk) subtract(r0, std::min(chunk, n - r0), hz2, hb2);
  coeff = hb1 + hb2;
}

/// Orthonormalizes the columns of w against z and basis (twice, classical Gram-Schmidt with
/// reorthogonalization) and among themselves; columns that vanish are dropped. Returns the
/// number r of kept columns (moved to the front); `coeff` gets basis^T w (both passes summed)
/// and `r_factor` the r x w.cols() triangular factor.
template <typename Real>
Eigen::Index orthonormalize_block(Eigen::Ref<MatX<Real>> w, const MatX<Real>& z, const Eigen::Ref<const MatX<Real>>& basis,
                                  MatX<Real>& coeff, MatX<Real>& r_factor) {
  const Eigen::Index bs = w.cols();
  r_factor.setZero(bs, bs);
  VecX<Real> before(bs);
  for (Eigen::Index j = 0; j < bs; ++j) before(j) = w.col(j).norm();
  project_out_twice<Real>(z, basis, w, coeff);
  Eigen::Index r = 0;
  for (Eigen::Index j = 0; j < bs; ++j) {
    for (int pass = 0; pass < 2; ++pass) {
      for (Eigen::Index i = 0; i < r; ++i) {
        const Real h = w.col(i).dot(w.col(j));
        w.col(j) -= h * w.col(i);
        r_factor(i, j) += h;
      }
    }
    const Real nj = w.col(j).norm();
    if (nj > Real(1e-10) * std::max(before(j), std::numeric_limits<Real>::min()) && nj > 0) {
      w.col(j) /= nj;
      if (r != j) {
        w.col(r) = w.col(j);
        r_factor.row(r) = r_factor.row(j);  // (row j is still zero below the diagonal)
      }
      r_factor(r, j) = nj;
      ++r;
    }
  }
  r_factor.conservativeResize(r, bs);
  return r;
}

/// Sparse path: the `nev` smallest eigenpairs of L (symmetric positive semidefinite, null
/// space exactly span(Z)) on the complement of span(Z). The operator is
/// P (L + delta I)^{-1} P with P the projector on span(Z)^perp and delta = 1e-9 ||L||_1 (a
/// shift below 0, never onto the singular point); its largest eigenvalues theta give
/// lambda = 1/theta - delta. Thick-restart block Lanczos with full reorthogonalization (block
/// size 2, so a Real eigenvalue such as the square grid's lambda_2 is seen twice), stopped
/// when every wanted Ritz pair has ||L y - lambda y|| <= tol ||L||_1 (a bound computed from
/// the Krylov residual, then checked explicitly). `max_ops` bounds the linear solves.
template <typename Real>
LowestPairs<Real> lowest_pairs_lanczos(const SparseGraph<Real>& l, const MatX<Real>& z_in, Eigen::Index nev, Real tol,
                                       std::uint64_t seed, Eigen::Index max_ops, const std::vector<int>* order) {
  using Eigen::Index;
  using MatrixXd = MatX<Real>;
  using VectorXd = VecX<Real>;
  const Index n = l.rows(), dim = n - z_in.cols();
  LowestPairs<Real> out;
  const Real norm_l = norm1(l);
  const Real delta = Real(1e-9) * norm_l;
  // Factorization of P M P^T, M = L + delta I positive definite (SparseSymmetricSolver: the
  // supernodal Cholesky of detail/supernodal_cholesky.hpp in a nested-dissection or AMD order,
  // or CHOLMOD's when built in; the AMDOrdering argument only concerns its LDL^T fallback for
  // indefinite systems, never taken here). The iteration runs in the permuted
  // coordinates, so every solve is a pair of in-place triangular solves of the whole block: no
  // permutation, no temporary (first touches of fresh pages are costly on large graphs).
  DefiniteSparseSolver<Real> solver;
  {
    SparseGraph<Real> m = l;
    for (Index i = 0; i < n; ++i) m.coeffRef(i, i) += delta;
    m.makeCompressed();
    if (!solver.compute(m, +1, order) || solver.negative_pivots() > 0) {
      out.status = Status::numerical_issue;
      out.values = VectorXd::Zero(nev);
      out.vectors = MatrixXd::Zero(n, nev);
      return out;
    }
  }
  const Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int>& perm = solver.permutation();
  const MatrixXd z = perm * z_in;
  const Index b = std::min<Index>(2, dim);
  const Index cap = std::min<Index>(dim, std::max<Index>(2 * nev + 16, 3 * nev));
  // The Krylov basis (n x (cap + b), the largest array of the iteration) on huge pages.
  std::vector<Real, HugePageAllocator<Real>> v_storage(static_cast<std::size_t>(n * (cap + b)));
  Eigen::Map<MatrixXd> v(v_storage.data(), n, cap + b);
  MatrixXd h = MatrixXd::Zero(cap + b, cap + b), w(n, b), coeff, rf;
  std::mt19937_64 rng(seed);
  std::normal_distribution<Real> normal(Real(0), Real(1));
  auto random_block = [&](Index cols) {
    MatrixXd g(n, cols);
    for (Index j = 0; j < cols; ++j)
      for (Index i = 0; i < n; ++i) g(i, j) = normal(rng);
    return g;
  };
  Index size = 0, cur = 0;
  {
    MatrixXd g = random_block(b);
    for (int attempt = 0; attempt < 8 && size < b; ++attempt) {
      const Index r = orthonormalize_block<Real>(g, z, v.leftCols(size), coeff, rf);
      v.middleCols(size, r) = g.leftCols(r);
      size += r;
      if (size < b) g = random_block(b - size);
    }
    if (size == 0) {
      out.status = Status::numerical_issue;
      out.values = VectorXd::Zero(nev);
      out.vectors = MatrixXd::Zero(n, nev);
      return out;
    }
  }
  Eigen::SelfAdjointEigenSolver<MatrixXd> es;
  bool converged = false;
  Index ops = 0;
  const Index max_cycles = 4 * max_ops + 8;  // every cycle applies the operator at least once
  for (Index cycle = 0; cycle < max_cycles; ++cycle) {
    const Index bs = size - cur;
    w.resize(n, bs);
    w = v.middleCols(cur, bs);
    solver.solve_permuted_in_place(w);  // the whole block in one call
    ops += bs;
    const Index r = orthonormalize_block<Real>(w, z, v.leftCols(size), coeff, rf);
    h.block(0, cur, size, bs) = coeff;
    // Ritz pairs of the projected matrix (upper triangle is complete up to column size - 1).
    MatrixXd t = h.topLeftCorner(size, size).template selfadjointView<Eigen::Upper>();
    es.compute(t);
    const VectorXd& theta = es.eigenvalues();
    const MatrixXd& s = es.eigenvectors();
    const Index want = std::min(nev, size);
    converged = want == nev;
    for (Index i = 0; i < want && converged; ++i) {
      const Index col = size - 1 - i;
      const Real rho = r > 0 ? (rf * s.block(cur, col, bs, 1)).norm() : Real(0);
      const Real th = theta(col);
      if (!(th > 0) || rho > tol * th * norm_l / (norm_l + delta)) converged = false;
    }
    if (r == 0 && size == dim) converged = want == nev;  // the whole complement: exact
    if (converged || ops >= max_ops) break;
    Index rr = r;
    if (r == 0) {  // invariant subspace: continue with fresh random directions
      MatrixXd g = random_block(b);
      rr = orthonormalize_block<Real>(g, z, v.leftCols(size), coeff, rf);
      if (rr == 0) break;
      w = g.leftCols(rr);
      rf = MatrixXd::Zero(rr, bs);
    }
    if (size + rr <= cap + b) {
      v.middleCols(size, rr) = w.leftCols(rr);
      cur = size;
      size += rr;
      continue;
    }
    // Thick restart: keep the kk leading Ritz vectors, then the residual block.
    const Index kk = std::min<Index>(size - 1, std::max<Index>(nev + (size - nev) / 2, nev));
    const MatrixXd y = v.leftCols(size) * s.rightCols(kk);
    v.leftCols(kk) = y;
    h.setZero();
    for (Index i = 0; i < kk; ++i) h(i, i) = theta(size - kk + i);
    v.middleCols(kk, rr) = w.leftCols(rr);
    cur = kk;
    size = kk + rr;
  }
  // Ritz vectors (largest theta first = smallest lambda first).
  MatrixXd t = h.topLeftCorner(size, size).template selfadjointView<Eigen::Upper>();
  es.compute(t);
  const Index want = std::min(nev, size);
  out.values = VectorXd::Zero(nev);
  out.vectors = MatrixXd::Zero(n, nev);
  for (Index i = 0; i < want; ++i) {
    VectorXd y = v.leftCols(size) * es.eigenvectors().col(size - 1 - i);
    if (z.cols() > 0) y -= z * (z.transpose() * y);
    y = perm.transpose() * y;  // back to the original node order
    y.normalize();
    out.vectors.col(i) = y;
    out.values(i) = std::max(Real(0), y.dot(l * y));  // Rayleigh quotient (y is a unit vector)
  }
  // Order ascending (Rayleigh quotients may swap nearly equal neighbours).
  for (Index i = 1; i < want; ++i)
    for (Index j = i; j > 0 && out.values(j) < out.values(j - 1); --j) {
      std::swap(out.values(j), out.values(j - 1));
      out.vectors.col(j).swap(out.vectors.col(j - 1));
    }
  const Real scale = std::max(norm_l, std::numeric_limits<Real>::min());
  for (Index i = 0; i < want; ++i) {
    const VectorXd res = l * out.vectors.col(i) - out.values(i) * out.vectors.col(i);
    out.residual = std::max(out.residual, res.norm() / scale);
  }
  out.operations = ops;
  out.status = converged && want == nev ? Status::success : Status::not_converged;
  out.method = EigsMethod::shift_invert;
  out.factor_bytes = solver.factor_bytes();
  return out;
}

template <typename Real>
LowestPairs<Real> lowest_pairs(const SparseGraph<Real>& l, const MatX<Real>& z, Eigen::Index nev, Real tol,
                               std::uint64_t seed, Eigen::Index max_ops, const SolverRequest& request) {
  const Eigen::Index n = l.rows();
  if (nev <= 0) {
    LowestPairs<Real> p;
    p.values.resize(0);
    p.vectors.resize(n, 0);
    return p;
  }
  // Scaling: weights far from 1 (||L||_1 beyond 2^+-128, about 1e+-38) made the 2-norms of the
  // iterations overflow or flush to zero (Inf residuals, wrong pairs with status success, from
  // about 1e+-150 on). L is then solved as 2^-e L, ||2^-e L||_1 in [1, 2): exact (powers of
  // two; entries below 2^-1022 ||L||_1 turn subnormal, far below the rounding of L), the same
  // vectors, the values times 2^e, the residual (relative to ||L||_1) unchanged.
  {
    const Real norm_l = norm1(l);
    const int e = norm_l > Real(0) && std::isfinite(norm_l) ? std::ilogb(norm_l) : 0;
    constexpr int safe = std::numeric_limits<Real>::max_exponent / 8;
    if (e > safe || e < -safe) {
      const SparseGraph<Real> scaled = l * std::ldexp(Real(1), -e);
      LowestPairs<Real> p = lowest_pairs(scaled, z, nev, tol, seed, max_ops, request);
      p.values *= std::ldexp(Real(1), e);
      return p;
    }
  }
  // The graph module's only Lanczos is the shift-invert one.
  const EigsMethod requested = request.method == EigsMethod::lanczos ? EigsMethod::shift_invert : request.method;
  // L's pattern (diagonal always stored) is that of L + delta I, the matrix shift-invert factors.
  MethodChoice choice = choose_smallest_method(l, nev, requested, request.memory_budget, request.dense_threshold);
  LowestPairs<Real> out;
  if (choice.over_budget) {
    out.status = Status::out_of_memory_budget;
    out.values = VecX<Real>::Zero(nev);
    out.vectors = MatX<Real>::Zero(n, nev);
    out.method = choice.method;
    out.predicted_factor_bytes = std::size_t(choice.predicted_bytes);
    out.message = std::move(choice.message);
    return out;
  }
  if (choice.method == EigsMethod::dense) {
    out = lowest_pairs_dense(l, z, nev);
  } else if (choice.method == EigsMethod::shift_invert) {
    out = lowest_pairs_lanczos(l, z, nev, tol, seed, max_ops, &choice.order);
  } else {
    const LobpcgResult<Real> r = lobpcg_amg_smallest<Real>(l, z, nev, tol, Real(0), seed, max_ops, MatX<Real>());
    out.values = r.values.cwiseMax(Real(0));
    out.vectors = r.vectors;
    if (out.values.size() < nev) {  // a breakdown before the first Ritz vectors
      out.values = VecX<Real>::Zero(nev);
      out.vectors = MatX<Real>::Zero(n, nev);
    }
    const Real scale = std::max(r.norm_l1, std::numeric_limits<Real>::min());
    for (Eigen::Index i = 0; i < r.residuals.size(); ++i) out.residual = std::max(out.residual, r.residuals(i) / scale);
    out.operations = r.iterations;
    out.status = r.status == LobpcgStatus::converged       ? Status::success
                 : r.status == LobpcgStatus::not_converged ? Status::not_converged
                                                           : Status::numerical_issue;
    out.method = EigsMethod::lobpcg;
  }
  if (choice.predicted) out.predicted_factor_bytes = std::size_t(choice.predicted_bytes);
  return out;
}

#endif  // SPECTRAKIT_DEFINE_CORES

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_GRAPH_DETAIL_LOWEST_EIGENPAIRS_HPP
