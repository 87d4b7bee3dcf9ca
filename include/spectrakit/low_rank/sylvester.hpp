/// @file low_rank/sylvester.hpp
/// @brief The Sylvester equation AX + XB = C (Bartels-Stewart on real Schur forms) and the
/// displacement rank of X with respect to (A, B).
#ifndef SPECTRAKIT_LOW_RANK_SYLVESTER_HPP
#define SPECTRAKIT_LOW_RANK_SYLVESTER_HPP

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <sstream>
#include <type_traits>
#include <vector>

#include "../detail/eval.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/real_schur.hpp"
#include "epsilon_rank.hpp"

namespace spectrakit {

/// @brief Options of solve_sylvester().
struct SylvesterOptions {
  /// The equation counts as singular (A and -B share an eigenvalue) when
  /// min |lambda_i(A) + mu_j(B)| <= singularity_tolerance * (||A||_F + ||B||_F). A negative value
  /// (the default) selects 10 epsilon of the scalar type: the level at which the eigenvalues
  /// themselves are uncertain after rounding. Must be < 1 and not NaN.
  double singularity_tolerance = -1.0;
  /// Whether to compute SylvesterResult::relative_residual (two more matrix products,
  /// 2 m n (m + n) flops, about 4 % of the time at m = n = 500); when false it is NaN. The
  /// overload that returns only X does not compute it.
  bool compute_residual = true;
};

/// @brief The solution of a Sylvester equation with its diagnostics.
/// @tparam Scalar float or double
template <typename Scalar>
struct SylvesterResult {
  /// Dense matrix type.
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  /// The solution X (m x n) of AX + XB = C; all NaN when status is not Status::success.
  Matrix X;
  /// Status::success, or Status::numerical_issue when a Schur decomposition did not converge.
  Status status = Status::success;
  /// min_ij |lambda_i(A) + mu_j(B)|, the distance of the equation from singularity measured on
  /// the eigenvalues (the separation sep(A, -B) is smaller for non-normal A or B).
  Scalar eigenvalue_gap = 0;
  /// ||AX + XB - C||_F / ((||A||_F + ||B||_F) ||X||_F + ||C||_F), of order epsilon for a backward
  /// stable solve; NaN when SylvesterOptions::compute_residual is false.
  Scalar relative_residual = 0;
  /// @brief true when status is Status::success.
  [[nodiscard]] bool converged() const { return status == Status::success; }
};

namespace detail {

template <typename Scalar>
using SylMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

/// Size (1 or 2) of the diagonal block of the quasi-triangular t that ends at row i.
template <typename M>
Eigen::Index block_ending_at(const M& t, Eigen::Index i) {
  return (i > 0 && t(i, i - 1) != typename M::Scalar(0)) ? 2 : 1;
}

/// Size (1 or 2) of the diagonal block of the quasi-triangular t that starts at row i.
template <typename M>
Eigen::Index block_starting_at(const M& t, Eigen::Index i) {
  return (i + 1 < t.rows() && t(i + 1, i) != typename M::Scalar(0)) ? 2 : 1;
}

/// Solves s Y + Y t = r for p x p s and q x q t (p, q in {1, 2}), overwriting r: the Kronecker
/// system (I (x) s + t^T (x) I) vec(Y) = vec(r) of order pq <= 4, by full pivoting LU.
template <typename Scalar, typename MS, typename MT, typename MR>
void small_sylvester(const MS& s, const MT& t, MR&& r) {
  const Eigen::Index p = s.rows(), q = t.rows();
  if (p == 1 && q == 1) {
    r(0, 0) /= s(0, 0) + t(0, 0);
    return;
  }
  using Small = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, 0, 4, 4>;
  using SmallVec = Eigen::Matrix<Scalar, Eigen::Dynamic, 1, 0, 4, 1>;
  const Eigen::Index n = p * q;
  Small k = Small::Zero(n, n);
  SmallVec rhs(n);
  for (Eigen::Index j = 0; j < q; ++j)
    for (Eigen::Index i = 0; i < p; ++i) {
      const Eigen::Index row = i + p * j;
      rhs(row) = r(i, j);
      for (Eigen::Index l = 0; l < p; ++l) k(row, l + p * j) += s(i, l);  // (sY)_ij
      for (Eigen::Index l = 0; l < q; ++l) k(row, i + p * l) += t(l, j);  // (Yt)_ij
    }
  const SmallVec y = Eigen::FullPivLU<Small>(k).solve(rhs);
  for (Eigen::Index j = 0; j < q; ++j)
    for (Eigen::Index i = 0; i < p; ++i) r(i, j) = y(i + p * j);
}

/// Column-by-column solve of s Y + Y t = f (s, t upper quasi-triangular), f overwritten by Y.
template <typename Scalar>
void quasi_triangular_sylvester_unblocked(const Eigen::Ref<const SylMatrix<Scalar>>& s,
                                          const Eigen::Ref<const SylMatrix<Scalar>>& t,
                                          Eigen::Ref<SylMatrix<Scalar>> f) {
  const Eigen::Index m = s.rows(), n = t.rows();
  for (Eigen::Index j = 0; j < n;) {
    const Eigen::Index q = block_starting_at(t, j);
    if (j > 0) f.middleCols(j, q).noalias() -= f.leftCols(j) * t.block(0, j, j, q);
    for (Eigen::Index i = m - 1; i >= 0;) {
      const Eigen::Index p = block_ending_at(s, i);
      const Eigen::Index i0 = i - p + 1;
      small_sylvester<Scalar>(s.block(i0, i0, p, p), t.block(j, j, q, q), f.block(i0, j, p, q));
      if (i0 > 0) f.block(0, j, i0, q).noalias() -= s.block(0, i0, i0, p) * f.block(i0, j, p, q);
      i = i0 - 1;
    }
    j += q;
  }
}

/// A split point h of a quasi-triangular matrix of order > 2 that does not cut a 2 x 2 block.
template <typename M>
Eigen::Index quasi_triangular_split(const M& t) {
  Eigen::Index h = t.rows() / 2;
  if (t(h, h - 1) != typename M::Scalar(0)) ++h;
  return h;
}

/// Recursive blocked solve of s Y + Y t = f (Jonsson & Kagstrom's recursive Bartels-Stewart):
/// split the larger of s and t in two, solve one half, update the other half with one matrix
/// product, recurse. Almost all flops are in the products.
template <typename Scalar>
void quasi_triangular_sylvester(const Eigen::Ref<const SylMatrix<Scalar>>& s,
                                const Eigen::Ref<const SylMatrix<Scalar>>& t, Eigen::Ref<SylMatrix<Scalar>> f,
                                int depth = 0) {
  constexpr Eigen::Index block = 48;
  const Eigen::Index m = s.rows(), n = t.rows();
  if ((m <= block && n <= block) || depth > 60) {
    quasi_triangular_sylvester_unblocked<Scalar>(s, t, f);
    return;
  }
  if (m >= n) {
    const Eigen::Index h = quasi_triangular_split(s);
    quasi_triangular_sylvester<Scalar>(s.bottomRightCorner(m - h, m - h), t, f.bottomRows(m - h), depth + 1);
    f.topRows(h).noalias() -= s.topRightCorner(h, m - h) * f.bottomRows(m - h);
    quasi_triangular_sylvester<Scalar>(s.topLeftCorner(h, h), t, f.topRows(h), depth + 1);
  } else {
    const Eigen::Index h = quasi_triangular_split(t);
    quasi_triangular_sylvester<Scalar>(s, t.topLeftCorner(h, h), f.leftCols(h), depth + 1);
    f.rightCols(n - h).noalias() -= f.leftCols(h) * t.topRightCorner(h, n - h);
    quasi_triangular_sylvester<Scalar>(s, t.bottomRightCorner(n - h, n - h), f.rightCols(n - h), depth + 1);
  }
}

/// a = u s u^T with s upper quasi-triangular (real Schur form by francis_real_schur(); diagonal
/// when a is exactly symmetric, by the faster symmetric eigensolver). Returns false when the
/// iteration failed.
template <typename Scalar>
bool real_schur_form(const SylMatrix<Scalar>& a, SylMatrix<Scalar>& u, SylMatrix<Scalar>& s) {
  if (a == a.transpose()) {
    Eigen::SelfAdjointEigenSolver<SylMatrix<Scalar>> eig(a, Eigen::ComputeEigenvectors);
    if (eig.info() != Eigen::Success) return false;
    u = eig.eigenvectors();
    s = eig.eigenvalues().asDiagonal();
    return true;
  }
  return francis_real_schur<Scalar>(a, u, s);
}

/// The eigenvalues of a quasi-triangular s from its 1 x 1 and 2 x 2 diagonal blocks.
template <typename Scalar>
std::vector<std::complex<Scalar>> quasi_triangular_eigenvalues(const SylMatrix<Scalar>& s) {
  std::vector<std::complex<Scalar>> out;
  out.reserve(static_cast<std::size_t>(s.rows()));
  for (Eigen::Index i = 0; i < s.rows();) {
    if (block_starting_at(s, i) == 1) {
      out.emplace_back(s(i, i), Scalar(0));
      ++i;
      continue;
    }
    const Scalar a = s(i, i), b = s(i, i + 1), c = s(i + 1, i), d = s(i + 1, i + 1);
    const Scalar mean = (a + d) / 2, half = (a - d) / 2;
    const Scalar disc = half * half + b * c;
    if (disc >= 0) {
      const Scalar r = std::sqrt(disc);
      out.emplace_back(mean + r, Scalar(0));
      out.emplace_back(mean - r, Scalar(0));
    } else {
      const Scalar r = std::sqrt(-disc);
      out.emplace_back(mean, r);
      out.emplace_back(mean, -r);
    }
    i += 2;
  }
  return out;
}

/// The explicit instantiations of the compiled mode (the recursive quasi-triangular solve and
/// the Schur form; the rest of the module is thin).
#define SPECTRAKIT_SYLVESTER_INSTANTIATIONS(prefix)                                                          \
  prefix void quasi_triangular_sylvester<float>(const Eigen::Ref<const SylMatrix<float>>&,                  \
                                                const Eigen::Ref<const SylMatrix<float>>&,                  \
                                                Eigen::Ref<SylMatrix<float>>, int);                         \
  prefix void quasi_triangular_sylvester<double>(const Eigen::Ref<const SylMatrix<double>>&,                \
                                                 const Eigen::Ref<const SylMatrix<double>>&,                \
                                                 Eigen::Ref<SylMatrix<double>>, int);                       \
  prefix bool real_schur_form<float>(const SylMatrix<float>&, SylMatrix<float>&, SylMatrix<float>&);         \
  prefix bool real_schur_form<double>(const SylMatrix<double>&, SylMatrix<double>&, SylMatrix<double>&);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_SYLVESTER_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace detail

/// @brief Solves the Sylvester equation AX + XB = C, with diagnostics.
///
/// Bartels-Stewart: real Schur forms A = U S U^T and B = V T V^T (Eigen's Hessenberg reduction,
/// then Francis QR with small-bulge multishift sweeps whose reflectors are applied in
/// cache-blocked batches, about twice as fast as Eigen's RealSchur; LAPACK xGEES when
/// SPECTRAKIT_USE_LAPACKE is defined; the symmetric eigensolver, giving a diagonal form, when A or
/// B is exactly symmetric), then S Y + Y T = U^T C V by a
/// recursive blocked substitution over the 1 x 1 and 2 x 2 diagonal blocks (Jonsson-Kagstrom),
/// whose flops are almost all matrix products, and X = U Y V^T. The solution is unique exactly
/// when A and -B have no common eigenvalue (the notes' condition); the equation is rejected as
/// singular when min |lambda_i(A) + mu_j(B)| <= tol (||A||_F + ||B||_F). The notes' form
/// AX - XB = C is solve_sylvester(A, -B, C).
///
/// @param a the m x m matrix A
/// @param b the n x n matrix B
/// @param c the m x n right-hand side C
/// @param options the singularity tolerance
/// @return X, status, the eigenvalue gap and the relative residual
/// @throws invalid_input when A or B is empty or not square, C is not m x n, an entry is NaN/Inf,
/// the tolerance is invalid, or A and -B share an eigenvalue within the tolerance
/// @par Cost
/// Two real Schur decompositions (about 25 m^3 + 25 n^3 flops), 2 m n (m + n) flops for the
/// triangular solve, 4 m n (m + n) for the transformations and 2 m n (m + n) for the residual
/// (unless options.compute_residual is false).
/// @par Reference
/// R. H. Bartels, G. W. Stewart, "Solution of the matrix equation AX + XB = C", CACM 15 (1972);
/// K. Braman, R. Byers, R. Mathias, "The multishift QR algorithm. Part I: maintaining well-focused
/// shifts and level 3 performance", SIMAX 23 (2002);
/// I. Jonsson, B. Kagstrom, "Recursive blocked algorithms for solving triangular systems, part I",
/// ACM TOMS 28 (2002); Golub & Van Loan, 4th ed., section 7.6.3.
template <typename DerivedA, typename DerivedB, typename DerivedC>
[[nodiscard]] SylvesterResult<typename DerivedA::Scalar> solve_sylvester(const Eigen::MatrixBase<DerivedA>& a,
                                                                         const Eigen::MatrixBase<DerivedB>& b,
                                                                         const Eigen::MatrixBase<DerivedC>& c,
                                                                         const SylvesterOptions& options) {
  using Scalar = typename DerivedA::Scalar;
  static_assert(
      std::is_same<Scalar, typename DerivedB::Scalar>::value && std::is_same<Scalar, typename DerivedC::Scalar>::value,
      "spectrakit::solve_sylvester: A, B and C must have the same scalar type");
  detail::static_check_real_scalar<Scalar>();
  using Matrix = detail::SylMatrix<Scalar>;
  const char* fn = "solve_sylvester";
  detail::require_not_empty(a, fn, "A");
  detail::require_square(a, fn, "A");
  detail::require_not_empty(b, fn, "B");
  detail::require_square(b, fn, "B");
  if (c.rows() != a.rows() || c.cols() != b.rows()) {
    std::ostringstream os;
    os << "must be " << a.rows() << "x" << b.rows() << " (rows of A x rows of B), got " << detail::shape_of(c);
    detail::fail(fn, "C", os.str());
  }
  if (std::isnan(options.singularity_tolerance) || options.singularity_tolerance >= 1.0) {
    std::ostringstream os;
    os << "must be < 1 (negative for the default), got " << options.singularity_tolerance;
    detail::fail_option(fn, "singularity_tolerance", os.str());
  }
  const Matrix am = a, bm = b, cm = c;
  detail::require_finite(am, fn, "A");
  detail::require_finite(bm, fn, "B");
  detail::require_finite(cm, fn, "C");

  SylvesterResult<Scalar> result;
  Matrix u, s, v, t;
  if (!detail::real_schur_form(am, u, s) || !detail::real_schur_form(bm, v, t)) {
    result.status = Status::numerical_issue;
    result.X = Matrix::Constant(cm.rows(), cm.cols(), std::numeric_limits<Scalar>::quiet_NaN());
    result.eigenvalue_gap = std::numeric_limits<Scalar>::quiet_NaN();
    result.relative_residual = std::numeric_limits<Scalar>::quiet_NaN();
    return result;
  }

  // Distance from singularity on the eigenvalues: min |lambda_i + mu_j|.
  const auto lambda = detail::quasi_triangular_eigenvalues(s);
  const auto mu = detail::quasi_triangular_eigenvalues(t);
  Scalar gap = std::numeric_limits<Scalar>::infinity();
  std::complex<Scalar> worst_lambda, worst_mu;
  for (const auto& l : lambda)
    for (const auto& m : mu) {
      const Scalar g = std::abs(l + m);
      if (g < gap) {
        gap = g;
        worst_lambda = l;
        worst_mu = m;
      }
    }
  result.eigenvalue_gap = gap;
  // stableNorm: a plain 2-norm squares the entries, and ||A||_F or ||B||_F overflowing to Inf
  // (entries beyond 1e154 in double) made the threshold Inf and every equation "singular".
  const Scalar norm_a = am.stableNorm(), norm_b = bm.stableNorm();
  const Scalar tol_rel = options.singularity_tolerance < 0 ? Scalar(10) * std::numeric_limits<Scalar>::epsilon()
                                                           : Scalar(options.singularity_tolerance);
  const Scalar threshold = tol_rel * (norm_a + norm_b);
  if (!(gap > threshold)) {
    std::ostringstream os;
    os << "makes the equation singular: A has the eigenvalue " << worst_lambda << " and -B the eigenvalue " << -worst_mu
       << ", |lambda + mu| = " << gap << " <= " << threshold
       << " (singularity_tolerance * (||A||_F + ||B||_F)); the solution is not unique";
    detail::fail(fn, "B", os.str());
  }

  Matrix f = u.transpose() * cm * v;
  detail::quasi_triangular_sylvester<Scalar>(s, t, f);
  result.X.noalias() = u * f * v.transpose();

  if (!options.compute_residual) {
    result.relative_residual = std::numeric_limits<Scalar>::quiet_NaN();
    return result;
  }
  Matrix r = cm;
  r.noalias() -= am * result.X;
  r.noalias() -= result.X * bm;
  const Scalar denom = (norm_a + norm_b) * result.X.stableNorm() + cm.stableNorm();
  result.relative_residual = denom > Scalar(0) ? r.stableNorm() / denom : Scalar(0);
  return result;
}

/// @brief Solves the Sylvester equation AX + XB = C and returns X.
///
/// The same as solve_sylvester(a, b, c, options) with the default options, returning only X
/// (all NaN in the never observed case that a Schur iteration does not converge; use the
/// overload with options to read the status).
/// @param a the m x m matrix A
/// @param b the n x n matrix B
/// @param c the m x n right-hand side C
/// @return X (m x n)
/// @throws invalid_input when A or B is empty or not square, C is not m x n, an entry is NaN/Inf,
/// or A and -B share an eigenvalue (within 10 epsilon (||A||_F + ||B||_F))
/// @par Cost
/// As the overload with options, without the residual.
template <typename DerivedA, typename DerivedB, typename DerivedC>
[[nodiscard]] Eigen::Matrix<typename DerivedA::Scalar, Eigen::Dynamic, Eigen::Dynamic> solve_sylvester(
    const Eigen::MatrixBase<DerivedA>& a, const Eigen::MatrixBase<DerivedB>& b, const Eigen::MatrixBase<DerivedC>& c) {
  SylvesterOptions options;
  options.compute_residual = false;
  return solve_sylvester(a, b, c, options).X;
}

/// @brief The displacement rank of X with respect to (A, B): the epsilon-rank of AX - XB.
///
/// Matrices with a small displacement rank have rapidly decaying singular values when the
/// spectra of A and B are well separated (Beckermann & Townsend:
/// sigma_{rk+1}(X) <= Z_k(E, F) sigma_1(X) for normal A, B with eigenvalues in E and F and
/// r = rank(AX - XB), Z_k the Zolotarev number). The notes' examples: the Hilbert matrix with
/// A = diag(i - 1/2), B = diag(-j + 1/2) (AH - HB = ones: rank 1), the Vandermonde matrix with
/// A = diag(x) and B the down-shift with -1 in the corner (rank 1).
///
/// @param a the m x m matrix A
/// @param b the n x n matrix B
/// @param x the m x n matrix X
/// @param eps the relative threshold of epsilon_rank(), 0 < eps < 1
/// @return rank_eps(AX - XB) in [0, min(m, n)]
/// @throws invalid_input when A or B is not square, X is not m x n, an entry is NaN/Inf, or eps is
/// not in (0, 1)
/// @par Cost
/// 2 m n (m + n) flops for AX - XB, then one SVD without vectors, O(m n min(m, n)).
/// @par Reference
/// B. Beckermann, A. Townsend, "On the singular values of matrices with displacement
/// structure", SIMAX 38 (2017).
template <typename DerivedA, typename DerivedB, typename DerivedX>
[[nodiscard]] Eigen::Index displacement_rank(const Eigen::MatrixBase<DerivedA>& a, const Eigen::MatrixBase<DerivedB>& b,
                                             const Eigen::MatrixBase<DerivedX>& x, double eps) {
  using Scalar = typename DerivedA::Scalar;
  static_assert(
      std::is_same<Scalar, typename DerivedB::Scalar>::value && std::is_same<Scalar, typename DerivedX::Scalar>::value,
      "spectrakit::displacement_rank: A, B and X must have the same scalar type");
  detail::static_check_real_scalar<Scalar>();
  const char* fn = "displacement_rank";
  detail::require_square(a, fn, "A");
  detail::require_square(b, fn, "B");
  if (x.rows() != a.rows() || x.cols() != b.rows()) {
    std::ostringstream os;
    os << "must be " << a.rows() << "x" << b.rows() << " (rows of A x rows of B), got " << detail::shape_of(x);
    detail::fail(fn, "X", os.str());
  }
  detail::require_open_interval(eps, 0.0, 1.0, fn, "eps");
  const detail::SylMatrix<Scalar> am = a, bm = b, xm = x;
  detail::require_finite(am, fn, "A");
  detail::require_finite(bm, fn, "B");
  detail::require_finite(xm, fn, "X");
  detail::SylMatrix<Scalar> d = am * xm;
  d.noalias() -= xm * bm;
  return epsilon_rank(d, eps);
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_LOW_RANK_SYLVESTER_HPP
