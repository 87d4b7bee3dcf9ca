/// @file hessian/detail/modified_cholesky.hpp
/// @brief Internal: blocked modified LDL^T factorization with diagonal pivoting (Gill-Murray-Wright
/// bound on L, Cheng-Higham |D| repair).
#ifndef SPECTRAKIT_HESSIAN_DETAIL_MODIFIED_CHOLESKY_HPP
#define SPECTRAKIT_HESSIAN_DETAIL_MODIFIED_CHOLESKY_HPP

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace spectrakit {
namespace detail {

/// A modified LDL^T factorization with diagonal pivoting:
///   P (A + F) P^T = L D L^T,   A~ = P^T L |D| L^T P  positive definite,
/// F diagonal. Pivot order: the largest remaining |c_ii| first (Gill, Murray & Wright 1981,
/// Sec. 4.4.2.2). With c_j the j-th column of the Schur complement and theta_j =
/// max_{i>j} |c_ij|, the pivot keeps its sign but is bounded away from zero,
///   d_j = sign(c_jj) max(|c_jj|, theta_j^2 / beta^2, floor),
///   beta^2 = max(gamma, xi / sqrt(n^2 - 1), eps)  (gamma, xi: largest diagonal and
///   off-diagonal magnitude of A),
/// which is Gill-Murray-Wright's bound |l_ij| sqrt(|d_j|) <= beta (so L and the modification
/// stay bounded); the Schur complement is updated with the signed pivot, so by Sylvester's law
/// of inertia D has as many negative entries as A + F has negative eigenvalues, and the final
/// D -> |D| (Cheng & Higham 1998, with 1x1 pivots) changes A by F + P^T L (|D| - D) L^T P, of rank
/// #negative pivots plus the small diagonal F. (GMW's own d_j = max(|c_jj|, ...) updates with
/// |c_jj| and lets one negative pivot spoil the whole remaining Schur complement: E grows to
/// O(100 ||A||) on matrices with a few negative eigenvalues.) Right-looking and blocked: the
/// trailing updates are matrix-matrix products (n^3/3 flops); the pivot search uses a separately
/// updated diagonal, as LAPACK's pivoted Cholesky xPSTRF does.
/// Scaling: the factorization runs on 2^-e A with max |a_ij| in [1, 2) (theta^2 and c_ij^2 / d_j
/// overflowed to Inf, then NaN, for entries beyond 1e154 in double, and underflowed for tiny
/// ones); d and f are stored for 2^-e A and scaled back by 2^e where A~ or A~^{-1} b is formed,
/// so a subnormal floor never makes 1/d overflow when A~^{-1} b itself is representable.
template <typename Scalar>
struct ModifiedCholesky {
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  Matrix l;                        ///< unit lower triangular factor in the strict lower triangle
  Vector d;                        ///< the signed pivots D (the repaired matrix uses |D|)
  Vector f;                        ///< F in the original order (pivots lifted to the bound)
  std::vector<Eigen::Index> perm;  ///< position j of the factorization holds row perm[j] of A
  int exponent = 0;                ///< e: d and f are those of 2^-e A (power-of-two scaling)

  /// Factors the symmetric matrix `a` (lower triangle read).
  void compute(Matrix a, Scalar floor) {
    const Eigen::Index n = a.rows();
    d.resize(n);
    f.setZero(n);
    perm.resize(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) perm[static_cast<std::size_t>(i)] = i;
    const Scalar biggest = n > 0 ? a.cwiseAbs().maxCoeff() : Scalar(0);
    exponent = biggest > Scalar(0) ? std::ilogb(biggest) : 0;
    if (exponent != 0) {  // exact, but for entries below 2^-1022 max |a_ij| that turn subnormal
      a *= std::ldexp(Scalar(1), -exponent);
      floor = std::ldexp(floor, -exponent);
    }
    Scalar gamma = 0, xi = 0;
    for (Eigen::Index j = 0; j < n; ++j) {
      gamma = std::max(gamma, std::abs(a(j, j)));
      for (Eigen::Index i = j + 1; i < n; ++i) xi = std::max(xi, std::abs(a(i, j)));
    }
    const Scalar eps = std::numeric_limits<Scalar>::epsilon();
    Scalar beta2 = std::max(gamma, eps);
    if (n > 1) beta2 = std::max(beta2, xi / std::sqrt(Scalar(n) * Scalar(n) - Scalar(1)));
    Vector diagonal = a.diagonal();  // the Schur complement's diagonal, always up to date
    const Eigen::Index nb = 64;
    Vector scaled(nb);
    for (Eigen::Index k0 = 0; k0 < n; k0 += nb) {
      const Eigen::Index kb = std::min(nb, n - k0);
      for (Eigen::Index j = k0; j < k0 + kb; ++j) {
        Eigen::Index q = j;
        diagonal.tail(n - j).cwiseAbs().maxCoeff(&q);
        q += j;
        if (q != j) symmetric_swap(a, diagonal, j, q);
        const Eigen::Index r = n - j;
        if (j > k0) {  // panel-local update: c_j -= L(j:n, k0:j) D L(j, k0:j)^T
          const Eigen::Index w = j - k0;
          scaled.head(w) = a.row(j).segment(k0, w).transpose().cwiseProduct(d.segment(k0, w));
          a.col(j).tail(r).noalias() -= a.block(j, k0, r, w) * scaled.head(w);
        }
        const Scalar c = a(j, j);
        const Scalar theta = r > 1 ? a.col(j).tail(r - 1).cwiseAbs().maxCoeff() : Scalar(0);
        const Scalar size = std::max({std::abs(c), theta * theta / beta2, floor});
        const Scalar dj = c < Scalar(0) ? -size : size;
        d(j) = dj;
        f(perm[static_cast<std::size_t>(j)]) = dj - c;
        if (r > 1) {
          diagonal.tail(r - 1) -= a.col(j).tail(r - 1).cwiseAbs2() / dj;
          a.col(j).tail(r - 1) /= dj;
        }
      }
      const Eigen::Index rest = n - k0 - kb;
      if (rest > 0) {  // trailing update A22 -= L21 D1 L21^T (lower triangle only)
        const Matrix ld = a.block(k0 + kb, k0, rest, kb) * d.segment(k0, kb).asDiagonal();
        a.bottomRightCorner(rest, rest).template triangularView<Eigen::Lower>() -=
            ld * a.block(k0 + kb, k0, rest, kb).transpose();
      }
    }
    l = std::move(a);
  }

  /// Number of negative pivots (the rank of the |D| correction).
  Eigen::Index negative_pivots() const { return (d.array() < Scalar(0)).count(); }

  /// The repaired matrix A~ = A + F + P^T L (|D| - D) L^T P, exactly symmetric.
  Matrix repaired(const Matrix& a) const {
    const Eigen::Index n = a.rows();
    Matrix result = a;
    result.diagonal() += f * std::ldexp(Scalar(1), exponent);
    const Eigen::Index k = negative_pivots();
    if (k > 0) {
      Matrix w = Matrix::Zero(n, k);  // columns l_j (original row order) of the negative pivots
      Vector c(k);
      Eigen::Index m = 0;
      for (Eigen::Index j = 0; j < n; ++j) {
        if (!(d(j) < Scalar(0))) continue;
        w(perm[static_cast<std::size_t>(j)], m) = Scalar(1);
        for (Eigen::Index i = j + 1; i < n; ++i) w(perm[static_cast<std::size_t>(i)], m) = l(i, j);
        c(m++) = Scalar(-2) * std::ldexp(d(j), exponent);
      }
      const Matrix wc = w * c.asDiagonal();
      result.template triangularView<Eigen::Lower>() += wc * w.transpose();
    }
    result.template triangularView<Eigen::StrictlyUpper>() = result.transpose();
    return result;
  }

  /// Solves A~ x = b from the factors (with |D|).
  Vector solve(const Vector& b) const {
    const Eigen::Index n = b.size();
    Vector x(n);
    // A~^{-1} b = 2^-e (2^-e A)~^{-1} b: the factor 2^-e applied first when it shrinks (large A)
    // and last when it grows (small A), so that no intermediate overflows when the result is finite.
    const Scalar before = std::ldexp(Scalar(1), -std::max(exponent, 0)), after = std::ldexp(Scalar(1), -std::min(exponent, 0));
    for (Eigen::Index j = 0; j < n; ++j) x(j) = b(perm[static_cast<std::size_t>(j)]) * before;
    l.template triangularView<Eigen::UnitLower>().solveInPlace(x);
    x = x.cwiseQuotient(d.cwiseAbs());
    l.template triangularView<Eigen::UnitLower>().transpose().solveInPlace(x);
    Vector out(n);
    for (Eigen::Index j = 0; j < n; ++j) out(perm[static_cast<std::size_t>(j)]) = x(j);
    return out * after;
  }

 private:
  // Symmetric interchange of positions j < q in the lower-stored matrix: rows of the computed
  // columns of L, and rows and columns of the (partially updated) remainder.
  void symmetric_swap(Matrix& a, Vector& diagonal, Eigen::Index j, Eigen::Index q) {
    a.row(j).head(j).swap(a.row(q).head(j));
    std::swap(a(j, j), a(q, q));
    for (Eigen::Index i = j + 1; i < q; ++i) std::swap(a(i, j), a(q, i));
    const Eigen::Index below = a.rows() - q - 1;
    if (below > 0) a.col(j).tail(below).swap(a.col(q).tail(below));
    std::swap(diagonal(j), diagonal(q));
    std::swap(perm[static_cast<std::size_t>(j)], perm[static_cast<std::size_t>(q)]);
  }
};

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_HESSIAN_DETAIL_MODIFIED_CHOLESKY_HPP
