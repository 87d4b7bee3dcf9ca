/// @file hessian/finite_difference.hpp
/// @brief Gradients, Jacobians and Hessians by central differences.
#ifndef SPECTRAKIT_HESSIAN_FINITE_DIFFERENCE_HPP
#define SPECTRAKIT_HESSIAN_FINITE_DIFFERENCE_HPP

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "../detail/eval.hpp"
#include "../detail/validate.hpp"

namespace spectrakit {
namespace detail {

template <typename Derived>
Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, 1> checked_point(const Eigen::MatrixBase<Derived>& x,
                                                                         const char* function) {
  static_check_real_scalar<typename Derived::Scalar>();
  if (x.size() == 0 || (x.rows() != 1 && x.cols() != 1))
    fail(function, "x", "must be a non-empty vector, got " + shape_of(x));
  require_finite(x, function, "x");
  return x.derived().reshaped();
}

// The step h = c max(1, |x_i|), rounded so that x_i + h - x_i == h exactly.
template <typename Scalar>
Scalar difference_step(Scalar xi, Scalar c) {
  const Scalar h = c * std::max(Scalar(1), std::abs(xi));
  volatile Scalar shifted = xi + h;  // volatile: keep the rounding of x_i + h
  return shifted - xi;
}

template <typename Scalar>
Scalar checked_value(Scalar value, const char* function) {
  if (!std::isfinite(value)) fail(function, "f", "returned a non-finite value");
  return value;
}

// Central differences along each coordinate: for i = 0..n-1, store(i, (F(x + h_i e_i) -
// F(x - h_i e_i)) / (2 h_i)) with h_i = difference_step(x_i, c); evaluate() returns F at `point`
// (a scalar or a vector), which is x again on return.
template <typename Scalar, typename Evaluate, typename Store>
void central_differences(Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& point, Scalar c, Evaluate&& evaluate,
                         Store&& store) {
  for (Eigen::Index i = 0; i < point.size(); ++i) {
    const Scalar xi = point(i);
    const Scalar h = difference_step(xi, c);
    point(i) = xi + h;
    const auto forward = evaluate();
    point(i) = xi - h;
    const auto backward = evaluate();
    point(i) = xi;
    store(i, (forward - backward) / (Scalar(2) * h));
  }
}

}  // namespace detail

/// @brief The gradient of f at x by central differences.
///
/// g_i = (f(x + h_i e_i) - f(x - h_i e_i)) / (2 h_i), h_i = eps^(1/3) max(1, |x_i|): the
/// truncation error h^2 |f'''| / 6 and the rounding error eps |f| / h balance at h ~ eps^(1/3),
/// so g is accurate to about eps^(2/3) (relative to the scale of f and its derivatives).
///
/// @param f a callable Scalar(const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>&)
/// @param x the point, a vector of size n (float or double)
/// @return the gradient, size n
/// @throws invalid_input if x is empty, not a vector, or has NaN/Inf entries, or f returns a
///   non-finite value
/// @par Cost
/// 2 n evaluations of f.
/// @par Reference
/// Nocedal & Wright, Numerical Optimization, 2nd ed., Sec. 8.1, eq. (8.7).
template <typename Function, typename Derived>
[[nodiscard]] Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, 1> finite_difference_gradient(
    Function&& f, const Eigen::MatrixBase<Derived>& x) {
  using Scalar = typename Derived::Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  constexpr const char* function = "finite_difference_gradient";
  Vector point = detail::checked_point(x, function);
  const Scalar c = std::cbrt(std::numeric_limits<Scalar>::epsilon());
  Vector g(point.size());
  detail::central_differences(
      point, c,
      [&] { return detail::checked_value(static_cast<Scalar>(f(static_cast<const Vector&>(point))), function); },
      [&](Eigen::Index i, Scalar d) { g(i) = d; });
  return g;
}

/// @brief The Jacobian J_ij = dF_i/dx_j of a vector function at x by central differences.
///
/// Column j is (F(x + h_j e_j) - F(x - h_j e_j)) / (2 h_j), h_j = eps^(1/3) max(1, |x_j|)
/// (see finite_difference_gradient for the step).
///
/// @param F a callable returning an Eigen vector (size m, the same at every point) from
///   `const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>&`
/// @param x the point, a vector of size n
/// @return the m x n Jacobian
/// @throws invalid_input if x is empty, not a vector, or has NaN/Inf entries, or F returns
///   vectors of different sizes or non-finite entries (argument 'F' named)
/// @par Cost
/// 2 n + 1 evaluations of F.
/// @par Reference
/// Nocedal & Wright, Numerical Optimization, 2nd ed., Sec. 8.1, eq. (8.12).
template <typename Function, typename Derived>
[[nodiscard]] Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, Eigen::Dynamic> finite_difference_jacobian(
    Function&& F, const Eigen::MatrixBase<Derived>& x) {
  using Scalar = typename Derived::Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  constexpr const char* function = "finite_difference_jacobian";
  Vector point = detail::checked_point(x, function);
  auto evaluate = [&](Eigen::Index expected) {
    Vector value = F(static_cast<const Vector&>(point));
    if (expected >= 0 && value.size() != expected) {
      std::ostringstream os;
      os << "returned vectors of different sizes (" << expected << " and " << value.size() << ")";
      detail::fail(function, "F", os.str());
    }
    if (!value.allFinite()) detail::fail(function, "F", "returned a non-finite value");
    return value;
  };
  const Eigen::Index m = evaluate(-1).size();
  const Scalar c = std::cbrt(std::numeric_limits<Scalar>::epsilon());
  Matrix j(m, point.size());
  detail::central_differences(
      point, c, [&] { return evaluate(m); }, [&](Eigen::Index i, const Vector& d) { j.col(i) = d; });
  return j;
}

/// @brief The Hessian of f at x by central differences; exactly symmetric.
///
/// H_ii = (f(x + h_i e_i) - 2 f(x) + f(x - h_i e_i)) / h_i^2 and, for i != j,
/// H_ij = (f(x + h_i e_i + h_j e_j) - f(x + h_i e_i - h_j e_j) - f(x - h_i e_i + h_j e_j)
///        + f(x - h_i e_i - h_j e_j)) / (4 h_i h_j), h_i = eps^(1/4) max(1, |x_i|):
/// truncation O(h^2) and rounding O(eps / h^2) balance at h ~ eps^(1/4), accuracy about
/// eps^(1/2). Only i <= j is evaluated; H_ji = H_ij.
///
/// @param f a callable Scalar(const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>&)
/// @param x the point, a vector of size n
/// @return the symmetric n x n Hessian
/// @throws invalid_input if x is empty, not a vector, or has NaN/Inf entries, or f returns a
///   non-finite value
/// @par Cost
/// 2 n^2 + 1 evaluations of f.
/// @par Reference
/// Nocedal & Wright, Numerical Optimization, 2nd ed., Sec. 8.1, eq. (8.21).
template <typename Function, typename Derived>
[[nodiscard]] Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, Eigen::Dynamic> finite_difference_hessian(
    Function&& f, const Eigen::MatrixBase<Derived>& x) {
  using Scalar = typename Derived::Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  constexpr const char* function = "finite_difference_hessian";
  Vector point = detail::checked_point(x, function);
  const Eigen::Index n = point.size();
  auto value = [&]() {
    return detail::checked_value(static_cast<Scalar>(f(static_cast<const Vector&>(point))), function);
  };
  const Scalar c = std::sqrt(std::sqrt(std::numeric_limits<Scalar>::epsilon()));
  Vector h(n);
  for (Eigen::Index i = 0; i < n; ++i) h(i) = detail::difference_step(point(i), c);
  const Scalar center = value();
  Matrix hess(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Scalar xi = point(i);
    point(i) = xi + h(i);
    const Scalar plus = value();
    point(i) = xi - h(i);
    const Scalar minus = value();
    point(i) = xi;
    hess(i, i) = ((plus - center) + (minus - center)) / (h(i) * h(i));
    for (Eigen::Index j = i + 1; j < n; ++j) {
      const Scalar xj = point(j);
      Scalar corner[4];
      int k = 0;
      for (int si : {1, -1})
        for (int sj : {1, -1}) {
          point(i) = xi + Scalar(si) * h(i);
          point(j) = xj + Scalar(sj) * h(j);
          corner[k++] = value();
        }
      point(i) = xi;
      point(j) = xj;
      hess(i, j) = hess(j, i) = ((corner[0] - corner[1]) - (corner[2] - corner[3])) / (Scalar(4) * h(i) * h(j));
    }
  }
  return hess;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_HESSIAN_FINITE_DIFFERENCE_HPP
