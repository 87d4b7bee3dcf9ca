/// @file hessian/detail/tridiagonal.hpp
/// @brief Internal: blocked Householder tridiagonalization of a symmetric matrix and inverse
/// iteration for selected eigenvectors of a symmetric tridiagonal matrix.
#ifndef SPECTRAKIT_HESSIAN_DETAIL_TRIDIAGONAL_HPP
#define SPECTRAKIT_HESSIAN_DETAIL_TRIDIAGONAL_HPP

#include <Eigen/Core>
#include <Eigen/Householder>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace spectrakit {
namespace detail {

// Threads for the level-2/3 kernels below: Eigen's setting (OpenMP builds only; 1 otherwise),
// and 1 inside an enclosing parallel region (no nested parallelism).
inline int kernel_threads() {
#ifdef _OPENMP
  return omp_in_parallel() ? 1 : std::max(1, Eigen::nbThreads());
#else
  return 1;
#endif
}

// Column boundaries that split the lower triangle of an r x r matrix into `parts` pieces of
// about equal area (column c holds r - c entries).
inline std::vector<Eigen::Index> triangle_split(Eigen::Index r, int parts) {
  std::vector<Eigen::Index> bounds(static_cast<std::size_t>(parts) + 1, r);
  bounds[0] = 0;
  const double total = 0.5 * double(r) * double(r + 1);
  for (int p = 1; p < parts; ++p) {
    // area of columns [0, c) = c r - c (c - 1) / 2 = p total / parts
    const double target = total * double(p) / double(parts);
    const double c = (double(r) + 0.5) - std::sqrt((double(r) + 0.5) * (double(r) + 0.5) - 2.0 * target);
    bounds[static_cast<std::size_t>(p)] = std::clamp<Eigen::Index>(Eigen::Index(c), bounds[static_cast<std::size_t>(p) - 1], r);
  }
  return bounds;
}

// y = A x for the symmetric A stored in the lower triangle of the square block `a`. With more
// than one thread, each thread takes a band of columns of about equal area and accumulates
// its part in a column of `work` (r x threads); the parts are then summed. One read of the
// triangle either way (the product is memory-bound at large r).
template <typename Block, typename X, typename Y, typename Work>
void symmetric_lower_product(const Block& a, const X& x, Y&& y, Work& work, int threads) {
  const Eigen::Index r = a.rows();
  if (threads <= 1 || r < 512) {
    y.noalias() = a.template selfadjointView<Eigen::Lower>() * x;
    return;
  }
#ifdef _OPENMP
  const std::vector<Eigen::Index> bounds = triangle_split(r, threads);
  if (work.rows() < r || work.cols() < threads) work.resize(std::max<Eigen::Index>(work.rows(), r), threads);
#pragma omp parallel for num_threads(threads) schedule(static, 1)
  for (int t = 0; t < threads; ++t) {
    const Eigen::Index c0 = bounds[static_cast<std::size_t>(t)], c1 = bounds[static_cast<std::size_t>(t) + 1];
    auto part = work.col(t).head(r);
    part.head(c0).setZero();
    if (c1 <= c0) {
      part.tail(r - c0).setZero();
      continue;
    }
    const Eigen::Index w = c1 - c0, below = r - c1;
    part.segment(c0, w).noalias() = a.block(c0, c0, w, w).template selfadjointView<Eigen::Lower>() * x.segment(c0, w);
    if (below > 0) {
      part.tail(below).noalias() = a.block(c1, c0, below, w) * x.segment(c0, w);
      part.segment(c0, w).noalias() += a.block(c1, c0, below, w).transpose() * x.tail(below);
    }
  }
  y = work.col(0).head(r);
  for (int t = 1; t < threads; ++t) y += work.col(t).head(r);
#else
  static_cast<void>(work);
#endif
}

// Runs update(c0, width) over the bands of 64 columns of an r x r lower triangle, shared out
// among the threads (largest bands first).
template <typename Update>
void for_each_lower_band(Eigen::Index r, int threads, Update&& update) {
  constexpr Eigen::Index band = 64;
  const Eigen::Index bands = (r + band - 1) / band;
#ifdef _OPENMP
  if (threads > 1 && r >= 512) {
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
    for (Eigen::Index b = 0; b < bands; ++b) update(b * band, std::min(band, r - b * band));
    return;
  }
#else
  static_cast<void>(threads);
#endif
  for (Eigen::Index b = 0; b < bands; ++b) update(b * band, std::min(band, r - b * band));
}

// The lower triangle of the r x r block `a` minus (V W^T + W V^T), V and W r x k: one pair of
// GEMMs per band of columns (the bands' strictly upper corners are updated too and never read).
template <typename Block, typename V, typename W>
void symmetric_lower_rank2k_update(Block a, const V& v, const W& w, int threads) {
  const Eigen::Index r = a.rows();
  for_each_lower_band(r, threads, [&](Eigen::Index c0, Eigen::Index width) {
    const Eigen::Index height = r - c0;
    auto target = a.block(c0, c0, height, width);
    target.noalias() -= v.middleRows(c0, height) * w.middleRows(c0, width).transpose();
    target.noalias() -= w.middleRows(c0, height) * v.middleRows(c0, width).transpose();
  });
}

// The lower triangle of the n x n matrix `a` plus X Y^T (X Y^T symmetric, X and Y n x k), one
// GEMM per band of columns; the bands' strictly upper corners are updated too and must be
// overwritten by the caller.
template <typename Matrix, typename X, typename Y>
void symmetric_lower_rank_k_update(Matrix& a, const X& x, const Y& y, int threads) {
  const Eigen::Index n = a.rows();
  for_each_lower_band(n, threads, [&](Eigen::Index c0, Eigen::Index width) {
    const Eigen::Index height = n - c0;
    a.block(c0, c0, height, width).noalias() += x.middleRows(c0, height) * y.middleRows(c0, width).transpose();
  });
}

// One panel of the blocked reduction (LAPACK's xLATRD, lower case): reduces the first `nb`
// columns of the m x m lower-stored block `a` and returns W such that the trailing block must
// be updated as A22 -= V W^T + W V^T (V: the Householder vectors, unit entries in place).
template <typename Block, typename WBlock, typename Vector, typename Work>
void tridiagonal_panel(Block a, Eigen::Index nb, WBlock w, Vector& e, Vector& tau, Eigen::Index offset, Work& work,
                       int threads) {
  using Scalar = typename Vector::Scalar;
  using Col = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  const Eigen::Index m = a.rows();
  Col tmp(nb);
  for (Eigen::Index j = 0; j < nb; ++j) {
    if (j > 0) {  // bring column j up to date with the reflectors of this panel
      a.col(j).tail(m - j).noalias() -= a.block(j, 0, m - j, j) * w.row(j).head(j).transpose();
      a.col(j).tail(m - j).noalias() -= w.block(j, 0, m - j, j) * a.row(j).head(j).transpose();
    }
    if (j + 1 >= m) continue;
    const Eigen::Index r = m - j - 1;
    Scalar t;
    Scalar beta;
    a.col(j).tail(r).makeHouseholderInPlace(t, beta);
    e(offset + j) = beta;
    tau(offset + j) = t;
    a(j + 1, j) = Scalar(1);
    auto v = a.col(j).tail(r);
    auto wj = w.col(j).tail(r);
    symmetric_lower_product(a.bottomRightCorner(r, r), v, wj, work, threads);
    if (j > 0) {
      tmp.head(j).noalias() = w.block(j + 1, 0, r, j).transpose() * v;
      wj.noalias() -= a.block(j + 1, 0, r, j) * tmp.head(j);
      tmp.head(j).noalias() = a.block(j + 1, 0, r, j).transpose() * v;
      wj.noalias() -= w.block(j + 1, 0, r, j) * tmp.head(j);
    }
    wj *= t;
    const Scalar alpha = Scalar(-0.5) * t * wj.dot(v);
    wj += alpha * v;
  }
}

/// Householder reduction A = Q T Q^T of the symmetric matrix stored in the lower triangle of
/// `a` (LAPACK's blocked xSYTRD, lower case): d and e receive the diagonal and subdiagonal of T
/// (e(n-1) = 0), and a and tau the reflectors in the layout of Eigen's Tridiagonalization
/// (H_k = I - tau_k v v^T, v = [1; a(k+2:n, k)], Q = H_0 ... H_{n-2}). Half of the 4n^3/3 flops
/// are matrix-matrix products (the trailing rank-2k updates).
template <typename Matrix, typename Vector>
void tridiagonalize_blocked(Matrix& a, Vector& d, Vector& e, Vector& tau) {
  using Scalar = typename Matrix::Scalar;
  const Eigen::Index n = a.rows();
  d.resize(n);
  e.setZero(n);
  tau.setZero(n);
  const Eigen::Index nb = 32;
  const Eigen::Index crossover = 96;
  Matrix w(n, nb);
  const int threads = kernel_threads();
  Matrix work;  // per-thread partial products of the symmetric matrix-vector products
  Eigen::Index i = 0;
  for (; n - i > crossover; i += nb) {
    const Eigen::Index m = n - i;
    tridiagonal_panel(a.bottomRightCorner(m, m), nb, w.topRows(m), e, tau, i, work, threads);
    const Eigen::Index r = m - nb;
    symmetric_lower_rank2k_update(a.bottomRightCorner(r, r), a.block(i + nb, i, r, nb), w.block(nb, 0, r, nb), threads);
    for (Eigen::Index j = i; j < i + nb; ++j) d(j) = a(j, j);
  }
  const Eigen::Index m = n - i;
  Matrix wlast(m, m);
  tridiagonal_panel(a.bottomRightCorner(m, m), m, wlast.leftCols(m), e, tau, i, work, threads);
  for (Eigen::Index j = i; j < n; ++j) d(j) = a(j, j);
  (void)sizeof(Scalar);
}

// LU factorization with partial pivoting of the tridiagonal T - lambda I (LAPACK's xLAGTF):
// pivots below `tiny` are replaced by +-tiny so that inverse iteration never divides by zero.
template <typename Scalar>
struct ShiftedTridiagonalLU {
  std::vector<Scalar> u0, u1, u2, mult;
  std::vector<char> swapped;

  void factor(const Scalar* d, const Scalar* e, Eigen::Index n, Scalar lambda, Scalar tiny) {
    u0.assign(n, 0);
    u1.assign(n, 0);
    u2.assign(n, 0);
    mult.assign(n, 0);
    swapped.assign(n, 0);
    Scalar p0 = d[0] - lambda;
    Scalar p1 = n > 1 ? e[0] : Scalar(0);
    for (Eigen::Index i = 0; i + 1 < n; ++i) {
      const Scalar c = e[i];
      const Scalar a1 = d[i + 1] - lambda;
      const Scalar b1 = i + 2 < n ? e[i + 1] : Scalar(0);
      if (std::abs(p0) >= std::abs(c)) {
        if (std::abs(p0) < tiny) p0 = p0 < 0 ? -tiny : tiny;
        u0[i] = p0;
        u1[i] = p1;
        u2[i] = 0;
        mult[i] = c / p0;
        p0 = a1 - mult[i] * p1;
        p1 = b1;
      } else {
        swapped[i] = 1;
        u0[i] = c;
        u1[i] = a1;
        u2[i] = b1;
        mult[i] = p0 / c;
        p0 = p1 - mult[i] * a1;
        p1 = -mult[i] * b1;
      }
    }
    if (std::abs(p0) < tiny) p0 = p0 < 0 ? -tiny : tiny;
    u0[n - 1] = p0;
  }

  // x := (T - lambda I)^{-1} x
  template <typename Vec>
  void solve(Vec& x) const {
    const Eigen::Index n = x.size();
    Scalar cur = x(0);
    for (Eigen::Index i = 0; i + 1 < n; ++i) {
      if (!swapped[i]) {
        const Scalar next = x(i + 1) - mult[i] * cur;
        x(i) = cur;
        cur = next;
      } else {
        const Scalar next = cur - mult[i] * x(i + 1);
        x(i) = x(i + 1);
        cur = next;
      }
    }
    x(n - 1) = cur;
    for (Eigen::Index i = n - 1; i >= 0; --i) {
      Scalar s = x(i);
      if (i + 1 < n) s -= u1[i] * x(i + 1);
      if (i + 2 < n) s -= u2[i] * x(i + 2);
      x(i) = s / u0[i];
    }
  }
};

/// Orthonormal eigenvectors of the symmetric tridiagonal T = tridiag(e, d, e) for its
/// eigenvalues lambda(first), ..., lambda(first + count - 1) (lambda: all eigenvalues of T,
/// ascending), by inverse iteration as in LAPACK's xSTEIN: each vector is reorthogonalized
/// (modified Gram-Schmidt, twice in the last iteration) against the vectors whose eigenvalues lie within 1e-3 ||T||
/// of its own, the only ones inverse iteration cannot separate to working accuracy (for gaps
/// above that the contamination is below 1e3 eps); the computed range is widened by the same
/// margin so that the returned vectors are orthogonal to their unreturned neighbours as well.
/// Coincident eigenvalues get shifts separated by 10 eps |lambda|. Start vectors are seeded.
template <typename Vector>
Eigen::Matrix<typename Vector::Scalar, Eigen::Dynamic, Eigen::Dynamic> tridiagonal_eigenvectors(
    const Vector& d, const Vector& e, const Vector& lambda, Eigen::Index first, Eigen::Index count) {
  using Scalar = typename Vector::Scalar;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Col = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  const Eigen::Index n = d.size();
  const Scalar eps = std::numeric_limits<Scalar>::epsilon();
  Scalar norm = n > 0 ? std::max(std::abs(lambda(0)), std::abs(lambda(n - 1))) : Scalar(0);  // ||T||_2
  if (norm == Scalar(0)) norm = Scalar(1);
  const Scalar gap = Scalar(1e-3) * norm;
  const Scalar tiny = eps * norm;
  Eigen::Index lo = first, hi = first + count;
  while (lo > 0 && lambda(first) - lambda(lo - 1) <= gap) --lo;
  while (hi < n && lambda(hi) - lambda(first + count - 1) <= gap) ++hi;

  Matrix z(n, hi - lo);
  ShiftedTridiagonalLU<Scalar> lu;
  std::mt19937_64 rng(0x5eedULL);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  Col x(n);
  Eigen::Index window = 0;  // first column whose eigenvalue is within `gap` of the current one
  Scalar previous_shift = 0;
  for (Eigen::Index k = lo; k < hi; ++k) {
    const Eigen::Index col = k - lo;
    while (window < col && lambda(k) - lambda(lo + window) > gap) ++window;
    Scalar shift = lambda(k);
    const Scalar separation = Scalar(10) * eps * std::abs(shift) + tiny;
    if (col > 0 && shift - previous_shift < separation) shift = previous_shift + separation;
    previous_shift = shift;
    lu.factor(d.data(), e.data(), n, shift, tiny);
    for (Eigen::Index i = 0; i < n; ++i) x(i) = static_cast<Scalar>(uniform(rng));
    for (int iteration = 0; iteration < 3; ++iteration) {
      x /= x.template lpNorm<Eigen::Infinity>();
      lu.solve(x);
      for (int pass = 0; pass < (iteration == 2 ? 2 : 1); ++pass)
        for (Eigen::Index j = window; j < col; ++j) x -= z.col(j).dot(x) * z.col(j);
      const Scalar size = x.template lpNorm<Eigen::Infinity>();
      if (!(size > 0) || !std::isfinite(size))  // cannot happen for finite T; restart safely
        for (Eigen::Index i = 0; i < n; ++i) x(i) = static_cast<Scalar>(uniform(rng));
    }
    x.normalize();
    z.col(col) = x;
  }
  return z.middleCols(first - lo, count);
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_HESSIAN_DETAIL_TRIDIAGONAL_HPP
