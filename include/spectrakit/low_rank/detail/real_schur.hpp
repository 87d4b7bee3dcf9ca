/// @file low_rank/detail/real_schur.hpp
/// @brief Internal: the real Schur decomposition A = U T U^T (used by solve_sylvester) by Francis
/// QR on the Hessenberg form: small-bulge multishift sweeps on large active blocks, double-shift
/// sweeps on small ones, with delayed, cache-blocked application of the reflectors.
#ifndef SPECTRAKIT_LOW_RANK_DETAIL_REAL_SCHUR_HPP
#define SPECTRAKIT_LOW_RANK_DETAIL_REAL_SCHUR_HPP

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <vector>

#include "../../detail/config.hpp"

#ifdef SPECTRAKIT_USE_LAPACKE
#include <lapacke.h>
#endif

namespace spectrakit {
namespace detail {

#ifdef SPECTRAKIT_USE_LAPACKE
// LAPACK xGEES (Schur vectors, no sorting) for float and double.
inline lapack_int lapacke_gees(lapack_int n, double* a, double* wr, double* wi, double* vs) {
  lapack_int sdim = 0;
  return LAPACKE_dgees(LAPACK_COL_MAJOR, 'V', 'N', nullptr, n, a, n, &sdim, wr, wi, vs, n);
}
inline lapack_int lapacke_gees(lapack_int n, float* a, float* wr, float* wi, float* vs) {
  lapack_int sdim = 0;
  return LAPACKE_sgees(LAPACK_COL_MAJOR, 'V', 'N', nullptr, n, a, n, &sdim, wr, wi, vs, n);
}
#endif

/// A Householder reflector I - tau w w^T with w = (1, v1, v2) acting on rows (or columns) k, k+1,
/// k+2; v2 = 0 for the final two-row reflector of a sweep.
template <typename Scalar>
struct BulgeReflector {
  Scalar v1;
  Scalar v2;
  Scalar tau;
};

/// Francis QR on an upper Hessenberg matrix, producing the real Schur form.
///
/// Deflation test, double-shift sweeps, exceptional shifts (after 10 and 30 sweeps without
/// deflation) and the splitting of converged 2 x 2 blocks follow EISPACK hqr2 / Eigen's
/// RealSchur. Two changes make it about twice as fast as Eigen's RealSchur at n = 500:
/// - Active blocks of order >= 60 get multishift sweeps (Braman, Byers & Mathias 2002, without
///   aggressive early deflation): the eigenvalues of the trailing 8 x 8 block give 4 shift pairs,
///   whose 4 bulges are chased down together, three rows apart.
/// - Reflectors are applied in batches. Inside the small diagonal window a batch touches they
///   are applied at once (the next reflector depends on it); outside it (the rest of T, and U)
///   afterwards, in one pass: right updates on chunks of rows that stay in L1 cache, keeping the
///   two columns shared by consecutive reflectors of a bulge in registers; left updates the same
///   way on a transposed copy of the rows concerned. The memory traffic per reflector, which is
///   what limits the classical algorithm, drops several-fold; the arithmetic is unchanged (left and
///   right updates are only reordered where they commute).
template <typename Scalar>
class FrancisSchur {
 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Index = Eigen::Index;

  /// Reduces the upper Hessenberg t to real Schur form in place, accumulating the orthogonal
  /// transformations into u (u <- u Z). Returns false if max_iterations double-shift sweeps did
  /// not suffice.
  bool run(Matrix& t, Matrix& u, Index max_iterations) {
    t_ = t.data();
    u_ = u.data();
    n_ = t.rows();
    ldt_ = t.outerStride();
    ldu_ = u.outerStride();
    un_ = u.rows();
    iterations = 0;
    const Index n = n_;
    if (n == 0) return true;
    Scalar norm(0);
    for (Index j = 0; j < n; ++j)
      for (Index i = 0; i <= std::min(n - 1, j + 1); ++i) norm += std::abs(at(i, j));
    if (norm == Scalar(0)) return true;
    const Scalar eps = std::numeric_limits<Scalar>::epsilon();
    const Scalar considered_zero = std::max(norm * eps * eps, (std::numeric_limits<Scalar>::min)());
    Index iu = n - 1, iter = 0;
    Scalar exshift(0);
    while (iu >= 0) {
      // Deflation: the largest il <= iu with a negligible subdiagonal entry at (il, il - 1).
      Index il = iu;
      while (il > 0) {
        const Scalar s = std::max((std::abs(at(il - 1, il - 1)) + std::abs(at(il, il))) * eps, considered_zero);
        if (std::abs(at(il, il - 1)) <= s) break;
        --il;
      }
      if (il == iu) {  // one eigenvalue converged
        at(iu, iu) += exshift;
        if (iu > 0) at(iu, iu - 1) = Scalar(0);
        --iu;
        iter = 0;
      } else if (il == iu - 1) {  // a 2 x 2 block converged
        split_off_two_rows(iu, exshift);
        iu -= 2;
        iter = 0;
      } else if (iu - il + 1 >= multishift_min && iter < 10 && multishift_sweep(il, iu)) {
        ++iter;
        if (++iterations > max_iterations) return false;
      } else {
        Scalar shift[3];
        compute_shift(iu, iter, exshift, shift);
        ++iter;
        if (++iterations > max_iterations) return false;
        Index im;
        Scalar first[3];
        init_step(il, iu, shift, im, first);
        sweep(il, im, iu, first);
      }
    }
    for (Index j = 0; j < n; ++j)
      for (Index i = j + 2; i < n; ++i) at(i, j) = Scalar(0);
    return true;
  }

  /// Number of double-shift sweeps of the last run().
  Index iterations = 0;

 private:
  static constexpr Index batch = 24;           // reflectors applied together in a double-shift sweep
  static constexpr Index max_shifts = 8;       // shifts of a multishift sweep (4 bulges)
  static constexpr Index multishift_min = 60;  // smallest active block for a multishift sweep

  Scalar& at(Index i, Index j) { return t_[i + j * ldt_]; }

  static void make_reflector(Scalar x0, Scalar x1, Scalar x2, BulgeReflector<Scalar>& r, Scalar& beta) {
    const Scalar tail = x1 * x1 + x2 * x2;
    if (tail <= (std::numeric_limits<Scalar>::min)()) {
      r = {Scalar(0), Scalar(0), Scalar(0)};
      beta = x0;
      return;
    }
    beta = std::sqrt(x0 * x0 + tail);
    if (x0 >= Scalar(0)) beta = -beta;
    const Scalar d = x0 - beta;
    r = {x1 / d, x2 / d, (beta - x0) / beta};
  }

  // Rows k, k+1 (and k+2 when three) of the columns [j0, j1) of T: x <- (I - tau w w^T) x.
  void left(const BulgeReflector<Scalar>& r, Index k, bool three, Index j0, Index j1) {
    if (r.tau == Scalar(0)) return;
    for (Index j = j0; j < j1; ++j) {
      Scalar* c = t_ + k + j * ldt_;
      if (three) {
        const Scalar p = r.tau * (c[0] + r.v1 * c[1] + r.v2 * c[2]);
        c[0] -= p;
        c[1] -= p * r.v1;
        c[2] -= p * r.v2;
      } else {
        const Scalar p = r.tau * (c[0] + r.v1 * c[1]);
        c[0] -= p;
        c[1] -= p * r.v1;
      }
    }
  }

  // Columns k, k+1, k+2 of the rows [i0, i1) of a column-major matrix a: x^T <- x^T (I - tau w w^T).
  static void right(Scalar* a, Index lda, const BulgeReflector<Scalar>& r, Index k, Index i0, Index i1) {
    if (r.tau == Scalar(0)) return;
    Scalar* __restrict c0 = a + k * lda;
    Scalar* __restrict c1 = c0 + lda;
    Scalar* __restrict c2 = c1 + lda;
    const Scalar tau = r.tau, v1 = r.v1, v2 = r.v2;
    for (Index i = i0; i < i1; ++i) {
      const Scalar p = tau * (c0[i] + v1 * c1[i] + v2 * c2[i]);
      c0[i] -= p;
      c1[i] -= p * v1;
      c2[i] -= p * v2;
    }
  }

  static void right2(Scalar* a, Index lda, const BulgeReflector<Scalar>& r, Index k, Index i0, Index i1) {
    if (r.tau == Scalar(0)) return;
    Scalar* __restrict c0 = a + k * lda;
    Scalar* __restrict c1 = c0 + lda;
    for (Index i = i0; i < i1; ++i) {
      const Scalar p = r.tau * (c0[i] + r.v1 * c1[i]);
      c0[i] -= p;
      c1[i] -= p * r.v1;
    }
  }

  // The reflectors rs[0, nr) (reflector q acting on the columns c0 + q, c0 + q + 1, c0 + q + 2)
  // applied in order from the right to the rows [i0, i1) of the column-major a. Each block of
  // `rows` rows keeps the two columns shared by consecutive reflectors in registers, so a
  // reflector costs one load and one store per row; the blocks are independent dependency
  // chains and vectorize.
  static void chain_right(Scalar* a, Index lda, Index c0, const BulgeReflector<Scalar>* rs, Index nr, Index i0,
                          Index i1) {
    Index i = i0;
    for (; i + chain_rows <= i1; i += chain_rows)
      chain_right_rows(a, lda, c0, rs, nr, i, std::integral_constant<Index, chain_rows>());
    if (i < i1) chain_right_rows(a, lda, c0, rs, nr, i, i1 - i);  // the last, partial block
  }

  // One block of chain_right: the rows [i, i + w), w <= chain_rows. A full block passes w as a
  // compile-time constant, so that its loops have a fixed trip count and vectorize.
  static constexpr Index chain_rows = 256 / Index(sizeof(Scalar));  // 32 doubles or 64 floats: 4 to 16 vectors
  template <typename Width>
  static void chain_right_rows(Scalar* a, Index lda, Index c0, const BulgeReflector<Scalar>* rs, Index nr, Index i,
                               Width w) {
    Scalar x0[chain_rows], x1[chain_rows];
    const Scalar* a0 = a + c0 * lda + i;
    for (Index r = 0; r < Index(w); ++r) {
      x0[r] = a0[r];
      x1[r] = a0[r + lda];
    }
    for (Index q = 0; q < nr; ++q) {
      Scalar* __restrict out = a + (c0 + q) * lda + i;
      const Scalar* __restrict in = a + (c0 + q + 2) * lda + i;
      const Scalar tau = rs[q].tau, v1 = rs[q].v1, v2 = rs[q].v2;
      for (Index r = 0; r < Index(w); ++r) {
        const Scalar x2 = in[r];
        const Scalar p = tau * (x0[r] + v1 * x1[r] + v2 * x2);
        out[r] = x0[r] - p;
        x0[r] = x1[r] - p * v1;
        x1[r] = x2 - p * v2;
      }
    }
    Scalar* __restrict e0 = a + (c0 + nr) * lda + i;
    Scalar* __restrict e1 = e0 + lda;
    for (Index r = 0; r < Index(w); ++r) {
      e0[r] = x0[r];
      e1[r] = x1[r];
    }
  }

  // The batch reflectors (for the rows k0, k0 + 1, ...) applied from the left to the columns
  // [j0, j1) of T: chunks of columns are transposed into a buffer, where the left update is a
  // right update by chain_right().
  void left_batch(Index k0, Index j0, Index j1) {
    const Index nr = Index(refl_.size());
    through_transpose(k0, nr + 2, j0, j1,
                      [&](Scalar* b, Index ldb, Index w) { chain_right(b, ldb, 0, refl_.data(), nr, 0, w); });
  }

  // A left update of the rows [r0, r0 + h) and columns [j0, j1) of T done as a right update:
  // chunks of 64 columns are transposed into a buffer (h rows of the buffer, leading dimension
  // 64), right_update(buffer, 64, width) runs on them, and they are copied back.
  template <typename RightUpdate>
  void through_transpose(Index r0, Index h, Index j0, Index j1, RightUpdate&& right_update) {
    constexpr Index cols = 64;
    buf_.resize(std::size_t(cols * h));
    Scalar* b = buf_.data();
    for (Index c = j0; c < j1; c += cols) {
      const Index w = std::min(cols, j1 - c);
      for (Index j = 0; j < w; ++j) {
        const Scalar* col = t_ + r0 + (c + j) * ldt_;
        for (Index r = 0; r < h; ++r) b[j + r * cols] = col[r];
      }
      right_update(b, cols, w);
      for (Index r = 0; r < h; ++r) {
        Scalar* row = t_ + r0 + r + c * ldt_;
        const Scalar* src = b + r * cols;
        for (Index j = 0; j < w; ++j) row[j * ldt_] = src[j];
      }
    }
  }

  // A reflector of a multi-bulge sweep: rows (or columns) pos, pos + 1 (and pos + 2 when three).
  struct PlacedReflector {
    BulgeReflector<Scalar> r;
    Index pos;
    bool three;
  };

  // Splits the recorded reflectors into runs: maximal sequences of three-row reflectors at
  // consecutive positions (one bulge moving down, applied by chain_right()), and single two-row
  // reflectors.
  void make_runs() {
    runs_.clear();
    flat_.clear();
    for (const PlacedReflector& pr : recs_) {
      const Index at_flat = Index(flat_.size());
      flat_.push_back(pr.r);
      if (pr.three && !runs_.empty() && runs_.back().three &&
          runs_.back().pos + runs_.back().count == pr.pos && runs_.back().first + runs_.back().count == at_flat) {
        ++runs_.back().count;
      } else {
        runs_.push_back({pr.pos, at_flat, 1, pr.three});
      }
    }
  }

  // The recorded reflectors (as runs, positions shifted by -offset), in order, applied from the
  // right to the rows [i0, i1) of a, in chunks of rows that stay in L1 cache while all
  // reflectors pass over them.
  void list_right(Scalar* a, Index lda, Index offset, Index i0, Index i1) const {
    constexpr Index rows = 256 / Index(sizeof(Scalar));
    for (Index c = i0; c < i1; c += rows) {
      const Index c1 = std::min(i1, c + rows);
      for (const Run& run : runs_) {
        const BulgeReflector<Scalar>* rs = flat_.data() + run.first;
        if (run.three) {
          chain_right(a, lda, run.pos - offset, rs, run.count, c, c1);
        } else if (rs->tau != Scalar(0)) {
          const Scalar tau = rs->tau, v1 = rs->v1;
          Scalar* __restrict x0 = a + (run.pos - offset) * lda;
          Scalar* __restrict x1 = x0 + lda;
          for (Index i = c; i < c1; ++i) {
            const Scalar p = tau * (x0[i] + v1 * x1[i]);
            x0[i] -= p;
            x1[i] -= p * v1;
          }
        }
      }
    }
  }

  // The recorded reflectors (rows in [lo, hi)) applied from the left to the columns [j0, j1) of
  // T, through a transposed buffer.
  void list_left(Index lo, Index hi, Index j0, Index j1) {
    through_transpose(lo, hi - lo, j0, j1, [&](Scalar* b, Index ldb, Index w) { list_right(b, ldb, lo, 0, w); });
  }

  // A multishift sweep over the active block [il, iu] (small-bulge multishift QR, Braman, Byers
  // & Mathias 2002, without aggressive early deflation): the shifts are the eigenvalues of the
  // trailing ns x ns block; ns / 2 bulges, three rows apart, are chased down together, and the
  // reflectors of each step are applied outside the small diagonal window they touch in one pass
  // over T and U. Returns false (nothing done) when the shifts could not be computed.
  bool multishift_sweep(Index il, Index iu) {
    const Index active = iu - il + 1;
    const Index ns = std::min<Index>(max_shifts, std::max<Index>(4, (active / 10) & ~Index(1)));
    using Small = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
    Small bottom(ns, ns);
    for (Index j = 0; j < ns; ++j)
      for (Index i = 0; i < ns; ++i) bottom(i, j) = at(iu - ns + 1 + i, iu - ns + 1 + j);
    Eigen::RealSchur<Small> schur(bottom, false);
    if (schur.info() != Eigen::Success) return false;
    const Small& st = schur.matrixT();
    // Shift pairs as (sum, product): complex conjugate pairs and pairs of real shifts.
    std::vector<Scalar> sums, prods, reals;
    for (Index i = 0; i < ns;) {
      if (i + 1 < ns && st(i + 1, i) != Scalar(0)) {
        const Scalar a = st(i, i), b = st(i, i + 1), c = st(i + 1, i), d = st(i + 1, i + 1);
        const Scalar mean = (a + d) / 2, half = (a - d) / 2, disc = half * half + b * c;
        if (disc < Scalar(0)) {
          sums.push_back(2 * mean);
          prods.push_back(mean * mean - disc);
        } else {
          const Scalar r = std::sqrt(disc);
          reals.push_back(mean + r);
          reals.push_back(mean - r);
        }
        i += 2;
      } else {
        reals.push_back(st(i, i));
        ++i;
      }
    }
    for (std::size_t i = 0; i + 1 < reals.size(); i += 2) {
      sums.push_back(reals[i] + reals[i + 1]);
      prods.push_back(reals[i] * reals[i + 1]);
    }
    const Index nb = Index(sums.size());
    if (nb == 0) return false;
    if (il > 0) at(il, il - 1) = Scalar(0);
    const Index n = n_;
    std::vector<Index> next(static_cast<std::size_t>(nb), il);  // next reflector position of each bulge
    constexpr Index advance = 32;  // steps per bulge and window
    while (next[std::size_t(nb - 1)] <= iu - 1) {
      recs_.clear();
      Index lo = iu + 1, hi = 0;
      // Plan: bulge b may use positions <= (last position done by bulge b - 1) - 3.
      std::vector<Index> from(static_cast<std::size_t>(nb)), to(static_cast<std::size_t>(nb));
      Index limit = iu - 1;  // bulge 0 is limited by the end of the block only
      for (Index b = 0; b < nb; ++b) {
        const Index f = next[std::size_t(b)];
        const Index t = std::min(f + advance - 1, limit);
        from[std::size_t(b)] = f;
        to[std::size_t(b)] = t;
        if (t >= f) {
          lo = std::min(lo, f);
          hi = std::max(hi, std::min(iu, t + 3) + 1);
        }
        const Index done = t >= f ? t : f - 1;  // last position done after this step
        limit = done >= iu - 1 ? iu - 1 : done - 3;
      }
      if (hi <= lo) break;  // cannot happen: bulge 0 or the first unfinished bulge always moves
      for (Index b = 0; b < nb; ++b) {
        for (Index k = from[std::size_t(b)]; k <= to[std::size_t(b)]; ++k) {
          BulgeReflector<Scalar> r;
          Scalar beta;
          const bool three = k <= iu - 2;
          if (k == il) {
            const Scalar h00 = at(il, il), h01 = at(il, il + 1), h10 = at(il + 1, il), h11 = at(il + 1, il + 1);
            const Scalar h21 = at(il + 2, il + 1);
            const Scalar sum = sums[std::size_t(b)], prod = prods[std::size_t(b)];
            const Scalar scale = std::abs(h00) + std::abs(h10) + std::abs(h01) + std::abs(h11) + std::abs(h21) +
                                 std::sqrt(std::abs(prod)) + std::abs(sum);
            const Scalar g00 = h00 / scale, g10 = h10 / scale, g01 = h01 / scale, g11 = h11 / scale, g21 = h21 / scale;
            const Scalar x0 = g00 * g00 + g01 * g10 - (sum / scale) * g00 + prod / (scale * scale);
            const Scalar x1 = g10 * (g00 + g11 - sum / scale);
            const Scalar x2 = g10 * g21;
            make_reflector(x0, x1, x2, r, beta);
          } else if (three) {
            make_reflector(at(k, k - 1), at(k + 1, k - 1), at(k + 2, k - 1), r, beta);
            at(k, k - 1) = beta;
            at(k + 1, k - 1) = Scalar(0);
            at(k + 2, k - 1) = Scalar(0);
          } else {
            make_reflector(at(k, k - 1), at(k + 1, k - 1), Scalar(0), r, beta);
            at(k, k - 1) = beta;
            at(k + 1, k - 1) = Scalar(0);
          }
          recs_.push_back({r, k, three});
          left(r, k, three, k, hi);
          if (three)
            right(t_, ldt_, r, k, lo, std::min(iu, k + 3) + 1);
          else
            right2(t_, ldt_, r, k, lo, iu + 1);
        }
        next[std::size_t(b)] = std::max(next[std::size_t(b)], to[std::size_t(b)] + 1);
      }
      make_runs();
      list_left(lo, hi, hi, n);
      list_right(t_, ldt_, 0, 0, lo);
      list_right(u_, ldu_, 0, 0, un_);
    }
    return true;
  }

  // One double-shift sweep over the active block [il, iu], chasing the bulge from row im.
  void sweep(Index il, Index im, Index iu, const Scalar first[3]) {
    const Index n = n_;
    for (Index k0 = im; k0 <= iu - 2; k0 += batch) {
      const Index k1 = std::min(k0 + batch, iu - 1);  // reflectors k0, ..., k1 - 1
      const Index e = std::min(iu, k1 + 2) + 1;       // the window [k0, e) they touch
      refl_.clear();
      for (Index k = k0; k < k1; ++k) {
        BulgeReflector<Scalar> r;
        Scalar beta;
        if (k == im) {
          make_reflector(first[0], first[1], first[2], r, beta);
          if (k > il) at(k, k - 1) *= Scalar(1) - r.tau;  // LAPACK dlahqr's form of -h(k, k-1)
        } else {
          make_reflector(at(k, k - 1), at(k + 1, k - 1), at(k + 2, k - 1), r, beta);
          at(k, k - 1) = beta;
          at(k + 1, k - 1) = Scalar(0);
          at(k + 2, k - 1) = Scalar(0);
        }
        refl_.push_back(r);
        left(r, k, true, k, e);
        right(t_, ldt_, r, k, k0, std::min(iu, k + 3) + 1);
      }
      const Index nr = Index(refl_.size());
      left_batch(k0, e, n);
      chain_right(t_, ldt_, k0, refl_.data(), nr, 0, k0);
      chain_right(u_, ldu_, k0, refl_.data(), nr, 0, un_);
    }
    // The final two-row reflector.
    BulgeReflector<Scalar> r;
    Scalar beta;
    make_reflector(at(iu - 1, iu - 2), at(iu, iu - 2), Scalar(0), r, beta);
    at(iu - 1, iu - 2) = beta;
    at(iu, iu - 2) = Scalar(0);
    left(r, iu - 1, false, iu - 1, n);
    right2(t_, ldt_, r, iu - 1, 0, iu + 1);
    right2(u_, ldu_, r, iu - 1, 0, un_);
  }

  // Splits off a converged 2 x 2 block ending at row iu; made upper triangular when its
  // eigenvalues are real (as Eigen's RealSchur does).
  void split_off_two_rows(Index iu, Scalar exshift) {
    const Index n = n_;
    const Scalar p = Scalar(0.5) * (at(iu - 1, iu - 1) - at(iu, iu));
    const Scalar q = p * p + at(iu, iu - 1) * at(iu - 1, iu);
    at(iu, iu) += exshift;
    at(iu - 1, iu - 1) += exshift;
    if (q >= Scalar(0)) {
      const Scalar z = std::sqrt(std::abs(q));
      Eigen::JacobiRotation<Scalar> rot;
      rot.makeGivens(p >= Scalar(0) ? p + z : p - z, at(iu, iu - 1));
      const Scalar c = rot.c(), s = rot.s();
      for (Index j = iu - 1; j < n; ++j) {  // rows iu-1, iu <- G^T rows
        const Scalar x = at(iu - 1, j), y = at(iu, j);
        at(iu - 1, j) = c * x - s * y;
        at(iu, j) = s * x + c * y;
      }
      auto cols = [&](Scalar* a, Index lda, Index rows) {
        Scalar* c0 = a + (iu - 1) * lda;
        Scalar* c1 = c0 + lda;
        for (Index i = 0; i < rows; ++i) {
          const Scalar x = c0[i], y = c1[i];
          c0[i] = c * x - s * y;
          c1[i] = s * x + c * y;
        }
      };
      cols(t_, ldt_, iu + 1);
      cols(u_, ldu_, un_);
      at(iu, iu - 1) = Scalar(0);
    }
    if (iu > 1) at(iu - 1, iu - 2) = Scalar(0);
  }

  // The shifts (as Eigen's RealSchur: Francis, with Wilkinson's and MATLAB's exceptional shifts
  // after 10 and 30 sweeps without deflation).
  void compute_shift(Index iu, Index iter, Scalar& exshift, Scalar shift[3]) {
    shift[0] = at(iu, iu);
    shift[1] = at(iu - 1, iu - 1);
    shift[2] = at(iu, iu - 1) * at(iu - 1, iu);
    if (iter == 10) {
      exshift += shift[0];
      for (Index i = 0; i <= iu; ++i) at(i, i) -= shift[0];
      const Scalar s = std::abs(at(iu, iu - 1)) + std::abs(at(iu - 1, iu - 2));
      shift[0] = Scalar(0.75) * s;
      shift[1] = Scalar(0.75) * s;
      shift[2] = Scalar(-0.4375) * s * s;
    }
    if (iter == 30) {
      Scalar s = (shift[1] - shift[0]) / Scalar(2);
      s = s * s + shift[2];
      if (s > Scalar(0)) {
        s = std::sqrt(s);
        if (shift[1] < shift[0]) s = -s;
        s = s + (shift[1] - shift[0]) / Scalar(2);
        s = shift[0] - shift[2] / s;
        exshift += s;
        for (Index i = 0; i <= iu; ++i) at(i, i) -= s;
        shift[0] = shift[1] = shift[2] = Scalar(0.964);
      }
    }
  }

  // The row im where the sweep starts (a small subdiagonal entry above it lets the bulge start
  // lower) and the first column of (H - s1 I)(H - s2 I) there.
  void init_step(Index il, Index iu, const Scalar shift[3], Index& im, Scalar v[3]) {
    const Scalar eps = std::numeric_limits<Scalar>::epsilon();
    for (im = iu - 2; im >= il; --im) {
      const Scalar tmm = at(im, im);
      const Scalar r = shift[0] - tmm;
      const Scalar s = shift[1] - tmm;
      v[0] = (r * s - shift[2]) / at(im + 1, im) + at(im, im + 1);
      v[1] = at(im + 1, im + 1) - tmm - r - s;
      v[2] = at(im + 2, im + 1);
      if (im == il) break;
      const Scalar lhs = at(im, im - 1) * (std::abs(v[1]) + std::abs(v[2]));
      const Scalar rhs = v[0] * (std::abs(at(im - 1, im - 1)) + std::abs(tmm) + std::abs(at(im + 1, im + 1)));
      if (std::abs(lhs) < eps * rhs) break;
    }
  }

  Scalar* t_ = nullptr;
  Scalar* u_ = nullptr;
  Index n_ = 0, ldt_ = 0, ldu_ = 0, un_ = 0;
  std::vector<BulgeReflector<Scalar>> refl_;
  std::vector<Scalar> buf_;
  // A run of reflectors for list_right(): flat_[first, first + count) at positions pos, pos + 1, ...
  struct Run {
    Index pos;
    Index first;
    Index count;
    bool three;
  };
  std::vector<PlacedReflector> recs_;
  std::vector<Run> runs_;
  std::vector<BulgeReflector<Scalar>> flat_;
};

/// a = u t u^T with t upper quasi-triangular: scaling by max |a_ij|, Eigen's Hessenberg
/// reduction, then FrancisSchur. Returns false when the QR iteration did not converge within
/// 100 n sweeps. With SPECTRAKIT_USE_LAPACKE defined, LAPACK's xGEES instead.
template <typename Scalar>
bool francis_real_schur(const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& a,
                        Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& u,
                        Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& t) {
  const Eigen::Index n = a.rows();
#ifdef SPECTRAKIT_USE_LAPACKE
  t = a;
  u.resize(n, n);
  std::vector<Scalar> wr(static_cast<std::size_t>(n)), wi(static_cast<std::size_t>(n));
  if (lapacke_gees(static_cast<lapack_int>(n), t.data(), wr.data(), wi.data(), u.data()) != 0) return false;
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = j + 2; i < n; ++i) t(i, j) = Scalar(0);
  return true;
#else
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  const Scalar scale = n > 0 ? a.cwiseAbs().maxCoeff() : Scalar(0);
  if (scale == Scalar(0)) {
    u = Matrix::Identity(n, n);
    t = Matrix::Zero(n, n);
    return true;
  }
  Eigen::HessenbergDecomposition<Matrix> hess(a / scale);
  u = hess.matrixQ();
  t = hess.matrixH();
  FrancisSchur<Scalar> qr;
  const bool ok = qr.run(t, u, 100 * n);
  t *= scale;
  return ok;
#endif
}

/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_REAL_SCHUR_INSTANTIATIONS(prefix)                                                \
  prefix class FrancisSchur<float>;                                                                \
  prefix class FrancisSchur<double>;                                                               \
  prefix bool francis_real_schur<float>(const Eigen::MatrixXf&, Eigen::MatrixXf&, Eigen::MatrixXf&); \
  prefix bool francis_real_schur<double>(const Eigen::MatrixXd&, Eigen::MatrixXd&, Eigen::MatrixXd&);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_REAL_SCHUR_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_LOW_RANK_DETAIL_REAL_SCHUR_HPP
