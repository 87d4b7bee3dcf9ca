/// @file hessian/rank_one.hpp
/// @brief Rank-one corrections of an inverse: Sherman-Morrison, and the SR1 and BFGS updates of
/// an inverse Hessian approximation.
#ifndef SPECTRAKIT_HESSIAN_RANK_ONE_HPP
#define SPECTRAKIT_HESSIAN_RANK_ONE_HPP

#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <sstream>
#include <type_traits>

#include "../detail/eval.hpp"
#include "../detail/validate.hpp"

namespace spectrakit {
namespace detail {

// Checks an in-place inverse-Hessian update's arguments.
template <typename DerivedH, typename DerivedS, typename DerivedY>
void check_inverse_update(const Eigen::MatrixBase<DerivedH>& hinv, const Eigen::MatrixBase<DerivedS>& s,
                          const Eigen::MatrixBase<DerivedY>& y, const char* function) {
  static_check_real_scalar<typename DerivedH::Scalar>();
  require_not_empty(hinv, function, "Hinv");
  require_symmetric(hinv, function, "Hinv");
  require_vector_size(s, hinv.rows(), function, "s");
  require_vector_size(y, hinv.rows(), function, "y");
  require_finite(s, function, "s");
  require_finite(y, function, "y");
}

// hinv := sym(hinv) + (lower-triangle) update, mirrored, so the result is exactly symmetric.
template <typename DerivedH, typename Update>
void symmetric_assign(Eigen::MatrixBase<DerivedH>& hinv, const Update& update) {
  using Matrix = Eigen::Matrix<typename DerivedH::Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  Matrix next = symmetric_part(hinv);
  next.template triangularView<Eigen::Lower>() += update;
  next.template triangularView<Eigen::StrictlyUpper>() = next.transpose();
  hinv.derived() = next;
}

}  // namespace detail

/// @brief (A + u v^T)^{-1} from A^{-1} in O(n^2) (Sherman-Morrison).
///
/// (A + u v^T)^{-1} = A^{-1} - (A^{-1} u)(v^T A^{-1}) / (1 + v^T A^{-1} u). The update is
/// refused when the denominator vanishes to rounding, |1 + v^T A^{-1} u| <= 100 n eps (1 +
/// |v^T A^{-1} u|): then A + u v^T is singular (to working precision).
///
/// @param ainv A^{-1}, n x n (float or double)
/// @param u, v vectors of size n
/// @return (A + u v^T)^{-1}
/// @throws invalid_input if Ainv is empty, not square, or a size does not match, an entry is
///   NaN/Inf, or the updated matrix is singular (argument 'v' named)
/// @par Cost
/// Two matrix-vector products and a rank-one update: 6 n^2 flops (re-inverting: ~2 n^3).
/// Repeated updates accumulate rounding; refactor from time to time.
/// @par Reference
/// Sherman & Morrison, Ann. Math. Statist. 21 (1950); Golub & Van Loan, 4th ed., Sec. 2.1.5.
template <typename DerivedA, typename DerivedU, typename DerivedV>
[[nodiscard]] Eigen::Matrix<typename DerivedA::Scalar, Eigen::Dynamic, Eigen::Dynamic> sherman_morrison(
    const Eigen::MatrixBase<DerivedA>& ainv, const Eigen::MatrixBase<DerivedU>& u,
    const Eigen::MatrixBase<DerivedV>& v) {
  using Scalar = typename DerivedA::Scalar;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  static_assert(
      std::is_same<Scalar, typename DerivedU::Scalar>::value && std::is_same<Scalar, typename DerivedV::Scalar>::value,
      "spectrakit::sherman_morrison: Ainv, u and v must have the same scalar type");
  detail::static_check_real_scalar<Scalar>();
  constexpr const char* function = "sherman_morrison";
  detail::require_not_empty(ainv, function, "Ainv");
  detail::require_square(ainv, function, "Ainv");
  const Eigen::Index n = ainv.rows();
  detail::require_vector_size(u, n, function, "u");
  detail::require_vector_size(v, n, function, "v");
  Matrix result = ainv;
  detail::require_finite(result, function, "Ainv");
  detail::require_finite(u, function, "u");
  detail::require_finite(v, function, "v");
  const Vector uu = u.derived().reshaped();
  const Vector vv = v.derived().reshaped();
  const Vector au = result * uu;
  const Vector va = result.transpose() * vv;
  const Scalar vau = vv.dot(au);
  const Scalar denominator = Scalar(1) + vau;
  const Scalar tol = Scalar(100) * Scalar(n) * std::numeric_limits<Scalar>::epsilon() * (Scalar(1) + std::abs(vau));
  if (!(std::abs(denominator) > tol)) {
    std::ostringstream os;
    os << "makes A + u v^T singular: |1 + v^T A^{-1} u| = " << std::abs(denominator) << " <= " << tol;
    detail::fail(function, "v", os.str());
  }
  result.noalias() -= (au / denominator) * va.transpose();
  return result;
}

/// @brief The symmetric rank-one (SR1) update of an inverse Hessian approximation, in place.
///
/// With d = s - Hinv y: Hinv += d d^T / (d^T y), so that the secant condition Hinv_new y = s
/// holds. Skipped (Hinv untouched, returns false) when |d^T y| < r ||d|| ||y|| (Nocedal &
/// Wright eq. 6.26), and when d = 0 (the secant condition already holds).
///
/// @param hinv the symmetric inverse Hessian approximation, updated in place (exactly
///   symmetric afterwards)
/// @param s the step x_{k+1} - x_k
/// @param y the gradient change grad f_{k+1} - grad f_k
/// @param r the skip threshold of eq. 6.26, in [0, 1) (default 1e-8)
/// @return true if Hinv was updated
/// @throws invalid_input on a size mismatch, NaN/Inf entries, an asymmetric Hinv, or r out of
///   range
/// @par Cost
/// One matrix-vector product and a symmetric rank-one update, 3 n^2 flops.
/// @par Reference
/// Nocedal & Wright, Numerical Optimization, 2nd ed., Sec. 6.2, eqs. (6.25)-(6.26).
template <typename DerivedH, typename DerivedS, typename DerivedY>
bool sr1_inverse_update(Eigen::MatrixBase<DerivedH>& hinv, const Eigen::MatrixBase<DerivedS>& s,
                        const Eigen::MatrixBase<DerivedY>& y, double r = 1e-8) {
  using Scalar = typename DerivedH::Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  constexpr const char* function = "sr1_inverse_update";
  detail::check_inverse_update(hinv, s, y, function);
  if (!(r >= 0.0 && r < 1.0)) {
    std::ostringstream os;
    os << "must be in [0, 1), got " << r;
    detail::fail(function, "r", os.str());
  }
  const Vector sv = s.derived().reshaped();
  const Vector yv = y.derived().reshaped();
  const Vector d = sv - hinv * yv;
  const Scalar dy = d.dot(yv);
  const Scalar dn = d.norm();
  if (dn == Scalar(0) || std::abs(dy) < Scalar(r) * dn * yv.norm() || dy == Scalar(0)) return false;
  detail::symmetric_assign(hinv, (d / dy) * d.transpose());
  return true;
}

/// @brief The BFGS update of an inverse Hessian approximation, in place.
///
/// With rho = 1 / (s^T y): Hinv_new = (I - rho s y^T) Hinv (I - rho y s^T) + rho s s^T, computed
/// as the symmetric rank-two update Hinv - rho (s w^T + w s^T) + (rho^2 y^T w + rho) s s^T,
/// w = Hinv y. Hinv_new y = s (secant condition); positive definiteness is kept. Skipped (Hinv
/// untouched, returns false) when s^T y <= 0: the curvature condition fails.
///
/// @param hinv the symmetric inverse Hessian approximation, updated in place
/// @param s the step x_{k+1} - x_k
/// @param y the gradient change grad f_{k+1} - grad f_k
/// @return true if Hinv was updated
/// @throws invalid_input on a size mismatch, NaN/Inf entries or an asymmetric Hinv
/// @par Cost
/// One matrix-vector product and a symmetric rank-two update, 4 n^2 flops.
/// @par Reference
/// Nocedal & Wright, Numerical Optimization, 2nd ed., Sec. 6.1, eq. (6.17).
template <typename DerivedH, typename DerivedS, typename DerivedY>
bool bfgs_inverse_update(Eigen::MatrixBase<DerivedH>& hinv, const Eigen::MatrixBase<DerivedS>& s,
                         const Eigen::MatrixBase<DerivedY>& y) {
  using Scalar = typename DerivedH::Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  constexpr const char* function = "bfgs_inverse_update";
  detail::check_inverse_update(hinv, s, y, function);
  const Vector sv = s.derived().reshaped();
  const Vector yv = y.derived().reshaped();
  const Scalar sy = sv.dot(yv);
  if (!(sy > Scalar(0))) return false;
  const Scalar rho = Scalar(1) / sy;
  if (!std::isfinite(rho)) return false;
  const Vector w = hinv * yv;
  const Scalar c = rho * rho * yv.dot(w) + rho;
  detail::symmetric_assign(hinv, c * sv * sv.transpose() - rho * (sv * w.transpose() + w * sv.transpose()));
  return true;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_HESSIAN_RANK_ONE_HPP
