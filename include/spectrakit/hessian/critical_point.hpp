/// @file hessian/critical_point.hpp
/// @brief The optimal gradient step on a quadratic model and the classification of critical
/// points by the signs of the Hessian's eigenvalues.
#ifndef SPECTRAKIT_HESSIAN_CRITICAL_POINT_HPP
#define SPECTRAKIT_HESSIAN_CRITICAL_POINT_HPP

#include <Eigen/Core>
#include <algorithm>
#include <limits>
#include <type_traits>

#include "../detail/eval.hpp"
#include "../detail/validate.hpp"
#include "detail/symmetric_eigen.hpp"

namespace spectrakit {

/// @brief The exact line minimizer of the quadratic model along -g (the notes' eps*).
///
/// For f(x - eps g) ~ f(x) - eps g^T g + eps^2/2 g^T H g the minimizer is
/// eps* = g^T g / g^T H g, and since g^T H g <= lambda_max g^T g, eps* >= 1/lambda_max
/// (the notes' inequality; equality when g is an eigenvector of lambda_max).
///
/// @param g the gradient, a vector of size n
/// @param h the Hessian, n x n (g^T H g only sees its symmetric part)
/// @return eps*; +infinity when g^T H g <= 0 (the model is unbounded below along -g, or g = 0)
/// @throws invalid_input if H is empty or not square, g has the wrong size, or either has
///   NaN/Inf entries
/// @par Cost
/// One matrix-vector product, 2 n^2 flops.
/// @par Reference
/// Goodfellow, Bengio & Courville, Deep Learning (2016), Sec. 4.3.1, eq. (4.10).
template <typename DerivedG, typename DerivedH>
[[nodiscard]] typename DerivedH::Scalar optimal_step_size(const Eigen::MatrixBase<DerivedG>& g,
                                                          const Eigen::MatrixBase<DerivedH>& h) {
  using Scalar = typename DerivedH::Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  static_assert(std::is_same<Scalar, typename DerivedG::Scalar>::value,
                "spectrakit::optimal_step_size: g and H must have the same scalar type");
  detail::static_check_real_scalar<Scalar>();
  constexpr const char* function = "optimal_step_size";
  detail::require_not_empty(h, function, "H");
  detail::require_square(h, function, "H");
  detail::require_vector_size(g, h.rows(), function, "g");
  const detail::nested_t<DerivedH> m(h.derived());
  detail::require_finite(m, function, "H");
  detail::require_finite(g, function, "g");
  const Vector v = g.derived().reshaped();
  const Scalar gg = v.squaredNorm();
  const Scalar curvature = v.dot(m * v);
  if (!(curvature > Scalar(0))) return std::numeric_limits<Scalar>::infinity();
  return gg / curvature;
}

/// @brief The kind of a critical point (grad f = 0), from the eigenvalues of the Hessian.
enum class CriticalPoint {
  minimum,     ///< All eigenvalues positive: a strict local minimum.
  maximum,     ///< All eigenvalues negative: a strict local maximum.
  saddle,      ///< Eigenvalues of both signs: a saddle point (whatever the zero ones).
  degenerate,  ///< Some eigenvalues zero, the others of one sign: the second-order test is
               ///< inconclusive (e.g. x^4 + y^2 at the origin).
};

/// @brief The enumerator's name, e.g. `"saddle"`.
/// @param kind the value to name
/// @return a static string
inline const char* to_string(CriticalPoint kind) noexcept {
  switch (kind) {
    case CriticalPoint::minimum:
      return "minimum";
    case CriticalPoint::maximum:
      return "maximum";
    case CriticalPoint::saddle:
      return "saddle";
    case CriticalPoint::degenerate:
      return "degenerate";
  }
  return "unknown";
}

/// @brief Classifies a critical point by the signs of the Hessian's eigenvalues.
///
/// An eigenvalue counts as zero when |lambda| <= tol * max|lambda_i| with tol =
/// max(tolerance, 10 n eps); the zero matrix is degenerate. Both signs present: saddle (even
/// with zero eigenvalues); otherwise any zero: degenerate; else minimum or maximum.
///
/// @param h the symmetric Hessian at the critical point (float or double)
/// @param tolerance relative tolerance in [0, 1) (default 1e-8)
/// @return the kind of the point
/// @throws invalid_input if H is empty, not square, not symmetric, has NaN/Inf entries, or
///   tolerance is out of range
/// @par Cost
/// The eigenvalues only: tridiagonalization (4n^3/3 flops) and O(n^2).
/// @par Reference
/// Nocedal & Wright, Numerical Optimization, 2nd ed., Theorems 2.3 and 2.4.
template <typename Derived>
[[nodiscard]] CriticalPoint classify_critical_point(const Eigen::MatrixBase<Derived>& h, double tolerance = 1e-8) {
  using Scalar = typename Derived::Scalar;
  detail::static_check_real_scalar<Scalar>();
  constexpr const char* function = "classify_critical_point";
  if (!(tolerance >= 0.0 && tolerance < 1.0)) {
    std::ostringstream os;
    os << "must be in [0, 1), got " << tolerance;
    detail::fail(function, "tolerance", os.str());
  }
  detail::require_not_empty(h, function, "H");
  const detail::nested_t<Derived> m(h.derived());
  detail::require_symmetric(m, function, "H");
  const Eigen::Index n = m.rows();
  detail::SymmetricEigen<Scalar> eig(detail::symmetric_part(m));
  const auto& lambda = eig.values();
  const Scalar sigma1 = lambda.cwiseAbs().maxCoeff();
  if (sigma1 == Scalar(0)) return CriticalPoint::degenerate;
  const Scalar tol =
      static_cast<Scalar>(std::max(tolerance, 10.0 * double(n) * std::numeric_limits<Scalar>::epsilon())) * sigma1;
  const bool positive = (lambda.array() > tol).any();
  const bool negative = (lambda.array() < -tol).any();
  const bool zero = (lambda.array().abs() <= tol).any();
  if (positive && negative) return CriticalPoint::saddle;
  if (zero) return CriticalPoint::degenerate;
  return positive ? CriticalPoint::minimum : CriticalPoint::maximum;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_HESSIAN_CRITICAL_POINT_HPP
