/// @file hessian/repair.hpp
/// @brief Repair of singular or indefinite Hessians (six strategies) and the Newton direction
/// of the repaired matrix.
#ifndef SPECTRAKIT_HESSIAN_REPAIR_HPP
#define SPECTRAKIT_HESSIAN_REPAIR_HPP

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <type_traits>
#include <vector>

#include "../detail/config.hpp"
#include "../detail/eval.hpp"
#include "../detail/validate.hpp"
#include "detail/modified_cholesky.hpp"
#include "detail/symmetric_eigen.hpp"

namespace spectrakit {

/// @brief How repair_hessian changes a symmetric matrix H = Q diag(lambda) Q^T.
///
/// f denotes the floor max(delta_eff * sigma_1, absolute_floor) (see RepairOptions), sigma_1 =
/// max |lambda_i|.
enum class RepairMethod {
  /// The notes' method: H = U Sigma V^T -> U max(Sigma, f) V^T. For symmetric H, sigma_i =
  /// |lambda_i| and U = Q sign(Lambda), so lambda_i -> sign(lambda_i) max(|lambda_i|, f) (zero
  /// eigenvalues, zero to working precision 4 n eps sigma_1, become +f). The result is invertible with condition number
  /// <= 1/delta, but the
  /// signs stay: an indefinite H stays indefinite, and its Newton direction need not descend.
  floor_singular_values,
  /// The best rank-r approximation (Eckart-Young): keep the r eigenvalues of largest |lambda|,
  /// set the others to 0. Singular (unless r = n); newton_direction uses its pseudo-inverse.
  truncate_singular_values,
  /// lambda -> max(lambda, f): the nearest positive semidefinite matrix in the Frobenius norm
  /// as delta -> 0 (Higham 1988), lifted to lambda_min >= f. Positive definite.
  clip_eigenvalues,
  /// lambda -> max(|lambda|, f): saddle-free Newton (Dauphin et al. 2014; Murray 2010):
  /// directions of negative curvature keep their magnitude and become ascent-free.
  /// Positive definite.
  absolute_eigenvalues,
  /// H + tau I with the smallest tau >= 0 such that lambda_min(H + tau I) >= f, tau = max(0,
  /// f - lambda_min) exactly from the eigenvalues (no eigenvectors). Positive definite.
  shift_identity,
  /// A modified Cholesky (LDL^T) factorization, O(n^3/3) and no eigen-decomposition: the fast
  /// path for large n. P (H + F) P^T = L D L^T with diagonal pivoting and Gill-Murray-Wright's
  /// bound |l_ij| sqrt(|d_j|) <= beta (1981, Sec. 4.4.2.2; F diagonal, nonzero only where a
  /// pivot is lifted to that bound or to f), then H~ = P^T L |D| L^T P (Cheng & Higham 1998,
  /// with 1x1 pivots): E = H~ - H is F plus a term of rank (number of negative pivots) = (number of negative
  /// eigenvalues of H + F). Positive definite (pivots |d_j| >= f; lambda_min is not controlled).
  modified_cholesky,
};

/// @brief The enumerator's name, e.g. `"clip_eigenvalues"`.
/// @param method the method to name
/// @return a static string
inline const char* to_string(RepairMethod method) noexcept {
  switch (method) {
    case RepairMethod::floor_singular_values:
      return "floor_singular_values";
    case RepairMethod::truncate_singular_values:
      return "truncate_singular_values";
    case RepairMethod::clip_eigenvalues:
      return "clip_eigenvalues";
    case RepairMethod::absolute_eigenvalues:
      return "absolute_eigenvalues";
    case RepairMethod::shift_identity:
      return "shift_identity";
    case RepairMethod::modified_cholesky:
      return "modified_cholesky";
  }
  return "unknown";
}

/// @brief Options of repair_hessian and newton_direction.
struct RepairOptions {
  /// The strategy (default: absolute_eigenvalues, saddle-free Newton).
  RepairMethod method = RepairMethod::absolute_eigenvalues;
  /// Relative floor in (0, 1): eigenvalues (singular values) are kept at or above delta *
  /// sigma_1, sigma_1 = max |lambda_i|; for modified_cholesky relative to max |h_ij|. The value
  /// used is delta_eff = max(delta, 4 n eps) with eps the scalar's machine epsilon, so that the
  /// floor stays above rounding (in float, 1e-8 is below the granularity of sigma_1). Also the
  /// threshold of the numerical rank.
  double delta = 1e-8;
  /// The kept rank r of truncate_singular_values, -1 <= rank <= n; -1 (default) selects the
  /// numerical rank of H at delta. Ignored by the other methods.
  Eigen::Index rank = -1;
  /// An absolute lower bound for the floor, >= 0 (default 0): f = max(delta_eff * sigma_1,
  /// absolute_floor). When f would be 0 (H = 0 and absolute_floor = 0) f = 1 is used: the zero
  /// Hessian carries no scale and is repaired to the identity (steepest descent).
  double absolute_floor = 0.0;
};

/// @brief What repair_hessian did: the repaired matrix and the spectra before and after.
/// @tparam Scalar float or double
template <typename Scalar>
struct HessianRepair {
  /// Dense matrix type.
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  /// Dense vector type.
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  /// The repaired matrix H~, exactly symmetric. Equal to (H + H^T)/2 when `modified` is false.
  Matrix matrix;
  /// The eigenvalues of H, ascending. Empty for modified_cholesky (no eigen-decomposition).
  Vector eigenvalues;
  /// The eigenvalues of H~, ascending (exact in the sense of the repair's definition; the
  /// computed H~ has them up to rounding). Empty for modified_cholesky.
  Vector repaired_eigenvalues;
  /// The numerical rank of H at delta: #{i : |lambda_i| > delta_eff * sigma_1}. For
  /// modified_cholesky (no eigenvalues) -1.
  Eigen::Index rank = 0;
  /// tau for shift_identity; ||E||_F = ||H~ - H||_F for modified_cholesky; 0 otherwise.
  Scalar shift = 0;
  /// False when H already satisfied the method's requirement and `matrix` is H itself.
  bool modified = false;
  /// The floor f used (see RepairOptions::delta and absolute_floor).
  Scalar floor = 0;
  /// How many eigenvalues were changed (for modified_cholesky: negative pivots flipped plus
  /// pivots lifted).
  Eigen::Index modified_count = 0;
  /// The 2-norm condition number max|lambda~| / min|lambda~| of H~; +infinity when H~ is
  /// singular, 0 when not computed (modified_cholesky).
  Scalar condition_number = 0;
};

namespace detail {

inline void validate_repair_options(const RepairOptions& options, Eigen::Index n, const char* function) {
  require_option(options.delta > 0.0 && options.delta < 1.0, function, "delta", "must be in (0, 1)", options.delta);
  require_option(options.absolute_floor >= 0.0 && std::isfinite(options.absolute_floor), function, "absolute_floor",
                 "must be finite and >= 0", options.absolute_floor);
  if (options.rank < -1 || options.rank > n) {
    std::ostringstream os;
    os << "must be -1 or in [0, " << n << "], got " << options.rank;
    fail_option(function, "rank", os.str());
  }
  switch (options.method) {
    case RepairMethod::floor_singular_values:
    case RepairMethod::truncate_singular_values:
    case RepairMethod::clip_eigenvalues:
    case RepairMethod::absolute_eigenvalues:
    case RepairMethod::shift_identity:
    case RepairMethod::modified_cholesky:
      return;
  }
  fail_option(function, "method", "is not a RepairMethod enumerator");
}

template <typename Scalar>
Scalar effective_delta(const RepairOptions& options, Eigen::Index n) {
  const double floor_eps = 4.0 * static_cast<double>(n) * std::numeric_limits<Scalar>::epsilon();
  return static_cast<Scalar>(std::max(options.delta, floor_eps));
}

template <typename Scalar>
Scalar repair_floor(const RepairOptions& options, Eigen::Index n, Scalar scale) {
  Scalar f = std::max(effective_delta<Scalar>(options, n) * scale, static_cast<Scalar>(options.absolute_floor));
  return f > Scalar(0) ? f : Scalar(1);
}

// The repaired eigenvalues, in the order of lambda (ascending input; output not sorted).
template <typename Vector>
Vector repaired_values(RepairMethod method, const Vector& lambda, typename Vector::Scalar f, Eigen::Index keep,
                       Eigen::Index& dropped_first, Eigen::Index& dropped_count) {
  using Scalar = typename Vector::Scalar;
  const Eigen::Index n = lambda.size();
  Vector out = lambda;
  dropped_first = 0;
  dropped_count = 0;
  switch (method) {
    case RepairMethod::floor_singular_values: {
      // Eigenvalues that are zero to working precision get +f: their sign is rounding noise,
      // and a cluster of them must not be split between -f and +f.
      const Scalar zero = Scalar(4) * Scalar(n) * std::numeric_limits<Scalar>::epsilon() *
                          (n > 0 ? lambda.cwiseAbs().maxCoeff() : Scalar(0));
      for (Eigen::Index i = 0; i < n; ++i)
        if (std::abs(lambda(i)) < f) out(i) = lambda(i) < -zero ? -f : f;
      break;
    }
    case RepairMethod::truncate_singular_values: {
      // Keep the `keep` largest |lambda|: they are the ends of the ascending list.
      Eigen::Index lo = 0, hi = n - 1;
      for (Eigen::Index kept = 0; kept < keep; ++kept) {
        if (std::abs(lambda(hi)) >= std::abs(lambda(lo)))
          --hi;
        else
          ++lo;
      }
      dropped_first = lo;
      dropped_count = hi - lo + 1;
      for (Eigen::Index i = lo; i <= hi; ++i) out(i) = Scalar(0);
      break;
    }
    case RepairMethod::clip_eigenvalues:
      for (Eigen::Index i = 0; i < n; ++i) out(i) = std::max(lambda(i), f);
      break;
    case RepairMethod::absolute_eigenvalues:
      for (Eigen::Index i = 0; i < n; ++i) out(i) = std::max(std::abs(lambda(i)), f);
      break;
    case RepairMethod::shift_identity: {
      const Scalar tau = std::max(Scalar(0), f - lambda(0));
      out.array() += tau;
      break;
    }
    case RepairMethod::modified_cholesky:
      break;
  }
  return out;
}

// H~ = alpha H + beta I + sum_{i in S} c_i q_i q_i^T with the smallest S among the three
// equivalent forms (alpha, beta) = (1, 0), (0, b), (-1, 0): only the eigenvectors in S are
// computed (for clip and absolute value with few negative eigenvalues, just those).
template <typename Scalar>
Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> reconstruct(
    const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& h, SymmetricEigen<Scalar>& eig,
    const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& lambda, const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& tilde,
    Scalar b) {
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  const Eigen::Index n = lambda.size();
  const Scalar alphas[3] = {Scalar(1), Scalar(0), Scalar(-1)};
  const Scalar betas[3] = {Scalar(0), b, Scalar(0)};
  int best = 0;
  Eigen::Index best_count = n + 1;
  Vector coefficients[3];
  for (int form = 0; form < 3; ++form) {
    coefficients[form] = tilde - alphas[form] * lambda - Vector::Constant(n, betas[form]);
    const Eigen::Index count = (coefficients[form].array() != Scalar(0)).count();
    if (count < best_count) {
      best_count = count;
      best = form;
    }
  }
  const Vector& c = coefficients[best];
  Matrix result(n, n);
  result = alphas[best] * h;  // all of it: the band updates below also touch the upper corners
  result.diagonal().array() += betas[best];
  const int threads = kernel_threads();
  for (Eigen::Index i = 0; i < n;) {  // each maximal run of nonzero coefficients
    if (c(i) == Scalar(0)) {
      ++i;
      continue;
    }
    Eigen::Index j = i;
    while (j < n && c(j) != Scalar(0)) ++j;
    const Matrix v = eig.vectors(i, j - i);
    const Matrix vc = v * c.segment(i, j - i).asDiagonal();
    symmetric_lower_rank_k_update(result, vc, v, threads);  // lower triangle += V C V^T
    i = j;
  }
  result.template triangularView<Eigen::StrictlyUpper>() = result.transpose();
  return result;
}

template <typename Vector>
typename Vector::Scalar condition_from(const Vector& values) {
  using Scalar = typename Vector::Scalar;
  if (values.size() == 0) return Scalar(0);
  const Scalar largest = values.cwiseAbs().maxCoeff();
  const Scalar smallest = values.cwiseAbs().minCoeff();
  if (smallest == Scalar(0)) return std::numeric_limits<Scalar>::infinity();
  return largest / smallest;
}

template <typename Derived>
matrix_of_t<Derived> checked_symmetric(const Eigen::MatrixBase<Derived>& h, const char* function) {
  static_check_real_scalar<typename Derived::Scalar>();
  require_not_empty(h, function, "H");
  const nested_t<Derived> m(h.derived());
  require_symmetric(m, function, "H");
  return symmetric_part(m);
}

/// repair_hessian() on a validated symmetric matrix (the core of the public adapter).
template <typename Scalar>
HessianRepair<Scalar> repair_of(MatX<Scalar> a, const RepairOptions& options, const char* function) {
  using Matrix = MatX<Scalar>;
  using Vector = VecX<Scalar>;
  const Eigen::Index n = a.rows();
  validate_repair_options(options, n, function);

  HessianRepair<Scalar> result;
  if (options.method == RepairMethod::modified_cholesky) {
    const Scalar scale = a.cwiseAbs().maxCoeff();
    result.floor = repair_floor<Scalar>(options, n, scale);
    result.rank = -1;
    Eigen::LLT<Matrix> llt(a);
    if (llt.info() == Eigen::Success && llt.matrixLLT().diagonal().cwiseAbs2().minCoeff() >= result.floor) {
      result.matrix = std::move(a);
      return result;
    }
    ModifiedCholesky<Scalar> mc;
    mc.compute(a, result.floor);
    Matrix repaired = mc.repaired(a);
    result.shift = (repaired - a).norm();
    result.modified = true;
    result.modified_count = mc.negative_pivots() + (mc.f.array() != Scalar(0)).count();  // f of 2^-e H: same zeros
    result.matrix = std::move(repaired);
    return result;
  }

  SymmetricEigen<Scalar> eig(a);
  const Vector& lambda = eig.values();
  const Scalar sigma1 = lambda.cwiseAbs().maxCoeff();
  const Scalar f = repair_floor<Scalar>(options, n, sigma1);
  result.floor = f;
  result.eigenvalues = lambda;
  const Scalar rank_threshold = effective_delta<Scalar>(options, n) * sigma1;
  result.rank = (lambda.array().abs() > rank_threshold).count();
  const Eigen::Index keep = options.rank >= 0 ? options.rank : result.rank;
  Eigen::Index dropped_first = 0, dropped_count = 0;
  Vector tilde = repaired_values(options.method, lambda, f, keep, dropped_first, dropped_count);
  result.modified_count = (tilde.array() != lambda.array()).count();
  result.modified = result.modified_count > 0;
  if (options.method == RepairMethod::shift_identity) {
    result.shift = tilde(0) - lambda(0);
    if (result.modified) a.diagonal().array() += result.shift;
  } else if (result.modified) {
    const Scalar b = options.method == RepairMethod::clip_eigenvalues ? f : Scalar(0);
    a = reconstruct(a, eig, lambda, tilde, b);
  }
  result.matrix = std::move(a);
  std::sort(tilde.data(), tilde.data() + n);
  result.condition_number = condition_from(tilde);
  result.repaired_eigenvalues = std::move(tilde);
  return result;
}

}  // namespace detail

/// @brief Repairs a symmetric matrix (a Hessian) that is singular or indefinite.
///
/// The input is checked for symmetry (||H - H^T||_F <= 100 n eps ||H||_F) and its symmetric
/// part (H + H^T)/2 is used. The eigen-methods work from the symmetric eigen-decomposition
/// H = Q diag(lambda) Q^T (for symmetric H the SVD needs no separate solver: sigma_i =
/// |lambda_i|); only the eigenvalues that change are touched, H~ = H + sum (lambda~_i -
/// lambda_i) q_i q_i^T, so only their eigenvectors are computed (or those of the complement,
/// whichever set is smaller). See RepairMethod for each strategy and docs/hessian.md for the
/// mathematics.
///
/// @param h a square symmetric dense matrix expression (float or double), n >= 1
/// @param options method, delta, rank (see RepairOptions)
/// @return the repaired matrix, eigenvalues before and after, rank, shift, whether H changed
/// @throws invalid_input if H is empty, not square, not symmetric within the tolerance, has
///   NaN/Inf entries, or an option is out of range
/// @par Cost
/// Eigen-methods: Householder tridiagonalization (4n^3/3 flops, half of them matrix-matrix),
/// O(n^2) for the eigenvalues, O(n k) inverse iteration and 2 n^2 k flops for the k changed
/// eigenvectors, n^2 k for the update (if k > n/8 a full eigen-decomposition is used).
/// shift_identity: eigenvalues only. modified_cholesky: one Cholesky attempt (n^3/3) and,
/// if it fails, the modified factorization (n^3/3).
/// @par Reference
/// Nocedal & Wright, Numerical Optimization, 2nd ed., Sec. 3.4; Higham, Linear Algebra Appl.
/// 103 (1988) 103-118; Gill, Murray & Wright, Practical Optimization (1981), Sec. 4.4.2.2;
/// Dauphin et al., NeurIPS 2014 (saddle-free Newton).
template <typename Derived>
[[nodiscard]] HessianRepair<typename Derived::Scalar> repair_hessian(const Eigen::MatrixBase<Derived>& h,
                                                                     const RepairOptions& options = RepairOptions()) {
  using Scalar = typename Derived::Scalar;
  return detail::repair_of<Scalar>(detail::checked_symmetric(h, "repair_hessian"), options, "repair_hessian");
}

namespace detail {

/// newton_direction() on a validated symmetric matrix and right-hand side rhs = -g.
template <typename Scalar>
VecX<Scalar> newton_of(MatX<Scalar> a, const VecX<Scalar>& rhs, const RepairOptions& options, const char* function) {
  using Matrix = MatX<Scalar>;
  using Vector = VecX<Scalar>;
  const Eigen::Index n = a.rows();
  validate_repair_options(options, n, function);

  if (options.method == RepairMethod::modified_cholesky) {
    const Scalar floor = repair_floor<Scalar>(options, n, a.cwiseAbs().maxCoeff());
    Eigen::LLT<Matrix> llt(a);
    if (llt.info() == Eigen::Success && llt.matrixLLT().diagonal().cwiseAbs2().minCoeff() >= floor)
      return llt.solve(rhs);
    ModifiedCholesky<Scalar> mc;
    mc.compute(std::move(a), floor);
    return mc.solve(rhs);
  }

  SymmetricEigen<Scalar> eig(a);
  const Vector& lambda = eig.values();
  const Scalar sigma1 = lambda.cwiseAbs().maxCoeff();
  const Scalar f = repair_floor<Scalar>(options, n, sigma1);
  const Eigen::Index rank = (lambda.array().abs() > effective_delta<Scalar>(options, n) * sigma1).count();
  Eigen::Index dropped_first = 0, dropped_count = 0;
  const Eigen::Index keep = options.rank >= 0 ? options.rank : rank;
  const Vector tilde = repaired_values(options.method, lambda, f, keep, dropped_first, dropped_count);

  if (options.method == RepairMethod::shift_identity) {
    const Scalar tau = tilde(0) - lambda(0);
    a.diagonal().array() += tau;
    Eigen::LLT<Matrix> llt(a);
    if (llt.info() == Eigen::Success) return llt.solve(rhs);
    // lambda_min(H + tau I) >= f makes this unreachable; fall back to the spectral solve.
  }
  // p = Q diag(1/lambda~) Q^T rhs, formed as 2^-e Q diag(1/(2^-e lambda~)) Q^T rhs with
  // 2^-e sigma_1 in [1, 2): 1/f overflowed for a subnormal floor f = delta sigma_1 though p is
  // representable. Powers of two (exact); 2^-e is applied first when it shrinks (large H) and
  // last when it grows (small H), so no intermediate overflows when p is finite.
  const int e = sigma1 > Scalar(0) ? std::ilogb(sigma1) : 0;
  Vector weights(n);
  for (Eigen::Index i = 0; i < n; ++i)
    weights(i) = tilde(i) != Scalar(0) ? Scalar(1) / std::ldexp(tilde(i), -e) : Scalar(0);
  const Scalar before = std::ldexp(Scalar(1), -std::max(e, 0)), after = std::ldexp(Scalar(1), -std::min(e, 0));
  return eig.apply(rhs * before, weights) * after;
}

/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_REPAIR_INSTANTIATIONS(prefix)                                                              \
  prefix HessianRepair<float> repair_of<float>(MatX<float>, const RepairOptions&, const char*);              \
  prefix HessianRepair<double> repair_of<double>(MatX<double>, const RepairOptions&, const char*);           \
  prefix VecX<float> newton_of<float>(MatX<float>, const VecX<float>&, const RepairOptions&, const char*);    \
  prefix VecX<double> newton_of<double>(MatX<double>, const VecX<double>&, const RepairOptions&, const char*);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_REPAIR_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace detail

/// @brief The Newton direction p of the repaired Hessian: H~ p = -g.
///
/// p comes straight from the factorization, never from an explicit inverse and never by
/// forming H~ when a decomposition gives p directly: p = -Q diag(1/lambda~) Q^T g for the
/// eigen-methods (the pseudo-inverse, 1/0 := 0, for truncate_singular_values); a Cholesky
/// solve of H + tau I for shift_identity; the L D L^T solve for modified_cholesky. When the
/// method makes H~ positive definite (clip, absolute value, shift, modified Cholesky), p is a
/// descent direction: g^T p = -g^T H~^{-1} g < 0 for g != 0. floor_singular_values keeps the
/// signs of H and gives no such guarantee.
///
/// @param h a square symmetric dense matrix expression (float or double)
/// @param g the gradient, a vector of size n
/// @param options method, delta, rank (see RepairOptions)
/// @return p, size n
/// @throws invalid_input as repair_hessian, and if g has the wrong size or NaN/Inf entries
/// @par Cost
/// Eigen-methods: an eigen-decomposition (tridiagonalization plus all eigenvectors, with the
/// LAPACK back end only of the tridiagonal matrix) and O(n^2); shift: eigenvalues and a
/// Cholesky factorization; modified Cholesky: n^3/3 (two attempts at most), O(n^2) solves.
/// @par Reference
/// Nocedal & Wright, Numerical Optimization, 2nd ed., Sec. 3.4 (modified Newton).
template <typename Derived, typename DerivedG>
[[nodiscard]] Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, 1> newton_direction(
    const Eigen::MatrixBase<Derived>& h, const Eigen::MatrixBase<DerivedG>& g,
    const RepairOptions& options = RepairOptions()) {
  using Scalar = typename Derived::Scalar;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  static_assert(std::is_same<Scalar, typename DerivedG::Scalar>::value,
                "spectrakit::newton_direction: H and g must have the same scalar type");
  constexpr const char* function = "newton_direction";
  Matrix a = detail::checked_symmetric(h, function);
  detail::require_vector_size(g, a.rows(), function, "g");
  detail::require_finite(g, function, "g");
  return detail::newton_of<Scalar>(std::move(a), -g.derived().reshaped(), options, function);
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_HESSIAN_REPAIR_HPP
