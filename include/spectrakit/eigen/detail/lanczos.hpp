/// @file eigen/detail/lanczos.hpp
/// @brief Internals: thick-restart Lanczos (Wu & Simon) with full reorthogonalization and
/// explicit deflation, for the largest eigenvalues of a symmetric operator.
#ifndef SPECTRAKIT_EIGEN_DETAIL_LANCZOS_HPP
#define SPECTRAKIT_EIGEN_DETAIL_LANCZOS_HPP

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
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

/// The nev algebraically largest eigenpairs of a symmetric operator `apply` (y = Op x) on the
/// orthogonal complement of the orthonormal columns of Y. `is_converged(theta, estimate)` decides
/// convergence of one Ritz pair from its value and residual estimate |beta s_m,i|.
template <typename Scalar, typename Apply, typename Converged>
LanczosResult<Scalar> lanczos_largest(Apply&& apply, Eigen::Index n, Eigen::Index nev, Eigen::Index ncv,
                                      Eigen::Index max_restarts,
                                      const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& y,
                                      Eigen::Matrix<Scalar, Eigen::Dynamic, 1> v0, std::mt19937_64& rng,
                                      Converged&& is_converged, Eigen::Index check_every = 4,
                                      const std::function<Scalar(const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>&)>&
                                          residual_scale = {}) {
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Real = Scalar;
  const Real eps = std::numeric_limits<Real>::epsilon();
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
      if (m >= nev && m < ncv && (m - k) % check_every == 0) {
        const Eigen::Index nconv = ritz(m);
        if (nconv >= nev) {
          output(m, nconv, restart);
          return out;
        }
      }
    }
    const Eigen::Index nconv = ritz(ncv);
    if (nconv >= nev || restart >= max_restarts) {
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

}  // namespace eig
}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_EIGEN_DETAIL_LANCZOS_HPP
