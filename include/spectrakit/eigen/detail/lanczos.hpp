/// @file eigen/detail/lanczos.hpp
/// @brief Internals: thick-restart Lanczos (Wu & Simon) with full reorthogonalization and
/// explicit deflation, for the largest eigenvalues of a symmetric operator.
#ifndef SPECTRAKIT_EIGEN_DETAIL_LANCZOS_HPP
#define SPECTRAKIT_EIGEN_DETAIL_LANCZOS_HPP

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include "../../detail/huge_page_allocator.hpp"
#include "common.hpp"

namespace spectrakit {
namespace detail {
namespace eig {

template <typename Scalar>
struct LanczosResult {
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> values;                 // descending
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> vectors;   // n x nev
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> residual_estimates;     // |beta s_m,i|
  Eigen::Index restarts = 0;
  Eigen::Index products = 0;
  Eigen::Index converged = 0;
  bool breakdown = false;  // NaN from the operator
};

/// How a Lanczos run works: nev wanted pairs from a basis of ncv vectors, at most max_restarts
/// restarts, a convergence check every check_every steps (every step when products are costly);
/// residual_scale (optional) turns the estimate of a Ritz vector whose residual direction is the
/// unit vector v into the residual the caller means (shift-invert: ||(A - sigma I) v||).
template <typename Scalar>
struct LanczosSettings {
  using Scale = std::function<Scalar(const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>&)>;
  LanczosSettings(Eigen::Index wanted, Eigen::Index basis, Eigen::Index restarts, Eigen::Index check_interval = 4,
                  Scale scale = {})
      : nev(wanted), ncv(basis), max_restarts(restarts), check_every(check_interval), residual_scale(std::move(scale)) {}
  Eigen::Index nev;
  Eigen::Index ncv;
  Eigen::Index max_restarts;
  Eigen::Index check_every;
  Scale residual_scale;
};

/// aq = Op q, column by column (one product each, counted in out.products); false, with
/// out.breakdown set, when the operator gives NaN or Inf.
template <typename Scalar, typename Apply>
bool apply_columns(Apply& apply, const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& q,
                   Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& aq, LanczosResult<Scalar>& out) {
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> qj(q.rows()), w(q.rows());
  aq.resize(q.rows(), q.cols());
  for (Eigen::Index j = 0; j < q.cols(); ++j) {
    qj = q.col(j);
    apply(static_cast<const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>&>(qj), w);
    ++out.products;
    if (!w.allFinite()) {
      out.breakdown = true;
      return false;
    }
    aq.col(j) = w;
  }
  return true;
}

/// Orthogonalizes w against the columns of Y (if any) and V(:, 0..j), classical Gram-Schmidt
/// with one DGKS re-orthogonalization; accumulates the coefficients along V in h.
template <typename Scalar, typename VType, typename YType, typename HType>
void orthogonalize(Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& w, const VType& v, const YType& y, HType& h) {
  const Scalar norm0 = w.norm();
  h.noalias() = v.transpose() * w;
  w.noalias() -= v * h;
  if (y.cols() > 0) w.noalias() -= y * (y.transpose() * w);
  const Scalar norm1 = w.norm();
  if (norm1 < Scalar(0.7071) * norm0) {  // cancellation: one more pass (Daniel-Gragg-Kaufman-Stewart)
    Eigen::Matrix<Scalar, Eigen::Dynamic, 1> h2 = v.transpose() * w;
    w.noalias() -= v * h2;
    h += h2;
    if (y.cols() > 0) w.noalias() -= y * (y.transpose() * w);
  }
}

/// One thick-restart Lanczos run (lanczos_largest() without the multiplicity check): the nev
/// algebraically largest Ritz pairs of `apply` on the orthogonal complement of Y.
template <typename Scalar, typename Apply, typename Converged>
LanczosResult<Scalar> lanczos_run(Apply&& apply, Eigen::Index n, const LanczosSettings<Scalar>& settings,
                                  const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& y,
                                  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> v0, std::mt19937_64& rng,
                                  Converged&& is_converged) {
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Real = Scalar;
  const Real eps = std::numeric_limits<Real>::epsilon();
  const Eigen::Index nev = settings.nev, ncv = settings.ncv;
  const auto& residual_scale = settings.residual_scale;
  LanczosResult<Scalar> out;
  // The Krylov basis, the iteration's largest array, on huge pages (see HugePageAllocator).
  std::vector<Scalar, HugePageAllocator<Scalar>> v_storage(static_cast<std::size_t>(n * (ncv + 1)));
  Eigen::Map<Matrix> v(v_storage.data(), n, ncv + 1);
  Matrix t = Matrix::Zero(ncv, ncv);
  Vector w(n), x(n), h(ncv);

  auto start_vector = [&](Eigen::Index j, Vector s) -> bool {
    // A unit vector orthogonal to Y and V(:, 0..j-1), from s (random if it fails).
    for (int attempt = 0; attempt < 5; ++attempt) {
      if (attempt > 0 || s.size() != n) s = random_vector<Scalar>(n, rng);
      const Real s0 = s.norm();
      Eigen::Matrix<Scalar, Eigen::Dynamic, 1> hh(j);
      for (int pass = 0; pass < 2; ++pass) {
        if (y.cols() > 0) s.noalias() -= y * (y.transpose() * s);
        if (j > 0) {
          hh.noalias() = v.leftCols(j).transpose() * s;
          s.noalias() -= v.leftCols(j) * hh;
        }
      }
      const Real ns = s.norm();
      if (ns > Real(1e-2) * s0 || (ns > 0 && attempt == 4)) {
        v.col(j) = s / ns;
        return true;
      }
    }
    return false;
  };

  if (!start_vector(0, std::move(v0))) {
    out.values.resize(0);
    out.vectors.resize(n, 0);
    return out;
  }
  Eigen::Index k = 0;  // kept Ritz vectors at the start of the cycle
  Real beta = 0, tnorm = 0;
  Eigen::SelfAdjointEigenSolver<Matrix> es;
  Matrix work(n, ncv);  // restart buffer, allocated once (first touches of pages are costly)
  Vector theta;
  Matrix s;
  // Ritz pairs of T(0..m-1, 0..m-1); returns the number of converged wanted pairs.
  auto ritz = [&](Eigen::Index m) -> Eigen::Index {
    es.compute(t.topLeftCorner(m, m));
    theta = es.eigenvalues().reverse();
    s = es.eigenvectors().rowwise().reverse();
    // Residual estimates |beta s_m,i|, times the operator-specific factor of the next Lanczos
    // vector (shift-invert: ||(A - sigma I) v_m+1||, which turns them into residuals of A).
    Real factor = 1;
    if (residual_scale && beta != Real(0)) {
      x = v.col(m);
      factor = residual_scale(x);
    }
    Eigen::Index nconv = 0;
    for (Eigen::Index i = 0; i < std::min(nev, m); ++i)
      if (is_converged(theta(i), std::abs(beta * s(m - 1, i)) * factor)) ++nconv;
    return nconv;
  };
  auto output = [&](Eigen::Index m, Eigen::Index nconv, Eigen::Index restart) {
    out.values = theta.head(nev);
    out.vectors.noalias() = v.leftCols(m) * s.leftCols(nev);
    out.residual_estimates = (beta * s.row(m - 1).head(nev).transpose()).cwiseAbs();
    out.converged = nconv;
    out.restarts = restart;
  };
  for (Eigen::Index restart = 0;; ++restart) {
    for (Eigen::Index j = k; j < ncv; ++j) {
      x = v.col(j);
      apply(static_cast<const Vector&>(x), w);
      ++out.products;
      if (!w.allFinite()) {
        out.breakdown = true;
        out.values.resize(0);
        out.vectors.resize(n, 0);
        return out;
      }
      auto hj = h.head(j + 1);
      orthogonalize<Scalar>(w, v.leftCols(j + 1), y, hj);
      for (Eigen::Index i = 0; i <= j; ++i) {
        if (i < k && j > k) continue;  // exact zeros of the arrowhead form
        t(i, j) = hj(i);
        t(j, i) = hj(i);
      }
      tnorm = std::max(tnorm, std::abs(hj(j)) + std::abs(j > 0 ? hj(j - 1) : Real(0)));
      beta = w.norm();
      if (beta > Real(n) * eps * std::max(tnorm, std::numeric_limits<Real>::min())) {
        v.col(j + 1) = w / beta;
      } else {  // invariant subspace: continue with a fresh direction, no coupling
        beta = 0;
        start_vector(j + 1, Vector());
      }
      // Early exit inside the cycle: every step when products are costly, else every 4 steps.
      const Eigen::Index m = j + 1;
      if (m >= nev && m < ncv && (m - k) % settings.check_every == 0) {
        const Eigen::Index nconv = ritz(m);
        if (nconv >= nev) {
          output(m, nconv, restart);
          return out;
        }
      }
    }
    const Eigen::Index nconv = ritz(ncv);
    if (nconv >= nev || restart >= settings.max_restarts) {
      output(ncv, nconv, restart);
      return out;
    }
    // Thick restart: keep the kk best Ritz vectors and the residual direction.
    Eigen::Index kk = nev + std::min(nconv, (ncv - nev) / 2);
    if (kk == 1 && ncv >= 6) kk = ncv / 2;  // a single wanted pair: keep more for speed
    kk = std::min(kk, ncv - 1);
    work.leftCols(kk).noalias() = v.leftCols(ncv) * s.leftCols(kk);
    v.leftCols(kk) = work.leftCols(kk);
    v.col(kk) = v.col(ncv);
    t.setZero();
    for (Eigen::Index i = 0; i < kk; ++i) t(i, i) = theta(i);
    // Column kk of T (the coupling beta s_m,i of the kept vectors to the residual direction) is
    // computed by the next step's orthogonalization.
    k = kk;
  }
}

/// The settings.nev algebraically largest eigenpairs of a symmetric operator `apply` (y = Op x)
/// on the orthogonal complement of the orthonormal columns of Y. `is_converged(theta, estimate)`
/// decides convergence of one Ritz pair from its value and residual estimate |beta s_m,i| (times
/// settings.residual_scale when it is set).
///
/// Multiplicity check. A single-vector Krylov space holds one vector of each eigenspace in exact
/// arithmetic, so a run can converge with one copy of a repeated wanted eigenvalue and let the
/// next eigenvalue take the other slot; its residuals are small and nothing in the run can tell.
/// After a converged run this therefore looks for what it missed: it computes the largest pair
/// of the operator on the orthogonal complement of Y and of every vector found so far (a fresh
/// random start; exactly, by Rayleigh-Ritz on a basis of the complement, when that has at most
/// ncv dimensions). When that value exceeds the smallest wanted one by more than both residual
/// bounds (a certain miss: some eigenvalue lies within each bound of each Ritz value), the
/// found vectors and the new one are merged by Rayleigh-Ritz and the check repeats; it stops
/// when the complement holds nothing above the wanted ones. A check that does not converge in
/// max_restarts, or more than nev + 4 merges, leaves the run unconverged (never success on an
/// unverified answer). Cost: one more single-pair run per merge plus one, i.e. about one extra
/// single-pair run for a simple spectrum; a block start would avoid it only for multiplicities up
/// to the block size, and deflation is the one remedy that is exact for any multiplicity.
template <typename Scalar, typename Apply, typename Converged>
LanczosResult<Scalar> lanczos_largest(Apply&& apply, Eigen::Index n, const LanczosSettings<Scalar>& settings,
                                      const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& y,
                                      Eigen::Matrix<Scalar, Eigen::Dynamic, 1> v0, std::mt19937_64& rng,
                                      Converged&& is_converged) {
  LanczosResult<Scalar> out = lanczos_run<Scalar>(apply, n, settings, y, std::move(v0), rng, is_converged);
  const Eigen::Index nev = settings.nev, ncv = settings.ncv;
  if (out.breakdown || out.converged < nev || nev < 1) return out;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Real = Scalar;
  const Real eps = std::numeric_limits<Real>::epsilon();
  const auto& residual_scale = settings.residual_scale;
  Matrix extra(n, 0);  // vectors found and merged out of the wanted set (deflated as well)
  // The residual (in the caller's measure) of the unit vector u with Rayleigh quotient theta,
  // Op u = au: the raw ||au - theta u|| times residual_scale of its direction.
  auto measured = [&](const Vector& au, const Vector& u, Real theta, Real& raw) {
    const Vector r = au - theta * u;
    raw = r.stableNorm();
    if (!residual_scale || !(raw > 0)) return raw;
    return raw * residual_scale(Vector(r / raw));
  };
  for (Eigen::Index round = 0;; ++round) {
    const Eigen::Index nd = y.cols() + out.vectors.cols() + extra.cols();
    const Eigen::Index dim = n - nd;
    if (dim <= 0) return out;
    if (round > nev + 4) {
      out.converged = nev - 1;
      return out;
    }
    Matrix defl(n, nd);
    defl << y, out.vectors, extra;
    Real top = 0, top_raw = 0;
    Vector z;
    if (dim <= ncv) {
      // Small complement: a basis of it (random block projected twice, QR) and Rayleigh-Ritz.
      Matrix q(n, dim);
      for (Eigen::Index j = 0; j < dim; ++j) q.col(j) = random_vector<Scalar>(n, rng);
      for (int pass = 0; pass < 2; ++pass) q.noalias() -= defl * (defl.transpose() * q);
      const Eigen::HouseholderQR<Matrix> qr(q);
      q = qr.householderQ() * Matrix::Identity(n, dim);
      for (int pass = 0; pass < 2; ++pass) q.noalias() -= defl * (defl.transpose() * q);
      Matrix aq;
      if (!apply_columns<Scalar>(apply, q, aq, out)) return out;
      Matrix h = q.transpose() * aq;
      h = (Real(0.5) * (h + h.transpose())).eval();
      const Eigen::SelfAdjointEigenSolver<Matrix> es(h);
      top = es.eigenvalues()(dim - 1);
      z = q * es.eigenvectors().col(dim - 1);
      top_raw = (aq * es.eigenvectors().col(dim - 1) - top * z).stableNorm();
    } else {
      LanczosSettings<Scalar> one = settings;
      one.nev = 1;
      one.ncv = std::min(ncv, dim - 1);
      const LanczosResult<Scalar> check = lanczos_run<Scalar>(apply, n, one, defl, Vector(), rng, is_converged);
      out.products += check.products;
      out.restarts += check.restarts + 1;
      if (check.breakdown) {
        out.breakdown = true;
        return out;
      }
      if (check.vectors.cols() < 1) return out;  // no direction left: nothing was missed
      top = check.values(0);
      z = check.vectors.col(0);
      top_raw = check.residual_estimates(0);
      if (check.converged < 1) {
        // Unconverged: its Ritz value is a lower bound of the complement's top eigenvalue, so
        // a value above the wanted ones is still a certain miss; anything else is unverified.
        const Real kth = out.values(nev - 1);
        if (!(top - kth > top_raw + out.residual_estimates(nev - 1) + Real(4) * Real(n) * eps * std::abs(kth))) {
          out.converged = nev - 1;
          return out;
        }
      }
    }
    const Real kth = out.values(nev - 1);
    const Real slack = top_raw + out.residual_estimates(nev - 1) + Real(4) * Real(n) * eps * (std::abs(top) + std::abs(kth));
    if (!(top - kth > slack)) return out;  // nothing above the wanted pairs: verified
    // A miss: Rayleigh-Ritz on the found vectors and z; keep the nev largest.
    Matrix q(n, nev + 1);
    q << out.vectors, z;
    for (int pass = 0; pass < 2; ++pass) q.col(nev) -= q.leftCols(nev) * (q.leftCols(nev).transpose() * q.col(nev));
    q.col(nev).normalize();
    Matrix aq;
    if (!apply_columns<Scalar>(apply, q, aq, out)) return out;
    Matrix h = q.transpose() * aq;
    h = (Real(0.5) * (h + h.transpose())).eval();
    const Eigen::SelfAdjointEigenSolver<Matrix> es(h);
    const Vector theta = es.eigenvalues().reverse();
    const Matrix s = es.eigenvectors().rowwise().reverse();
    const Matrix u = q * s, au = aq * s;
    extra.conservativeResize(n, extra.cols() + 1);
    extra.col(extra.cols() - 1) = u.col(nev);
    out.vectors = u.leftCols(nev);
    out.values = theta.head(nev);
    out.converged = 0;
    for (Eigen::Index i = 0; i < nev; ++i) {
      Real raw = 0;
      const Real est = measured(Vector(au.col(i)), Vector(u.col(i)), theta(i), raw);
      out.residual_estimates(i) = raw;
      if (is_converged(theta(i), est)) ++out.converged;
    }
    if (out.converged < nev) return out;
  }
}

}  // namespace eig
}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_EIGEN_DETAIL_LANCZOS_HPP
