/// @file hessian/newton.hpp
/// @brief Modified Newton minimization: repaired Hessian, bounded Armijo backtracking and
/// negative-curvature steps out of saddle points.
#ifndef SPECTRAKIT_HESSIAN_NEWTON_HPP
#define SPECTRAKIT_HESSIAN_NEWTON_HPP

#include <Eigen/Core>
#include <cmath>
#include <functional>
#include <limits>
#include <sstream>
#include <vector>

#include "../detail/validate.hpp"
#include "../error.hpp"
#include "repair.hpp"

namespace spectrakit {

/// @brief What newton_minimize reports to the callback after each iteration.
struct NewtonProgress {
  Eigen::Index iteration = 0;       ///< Iterations done so far (1 after the first step).
  double value = 0;                 ///< f at the new iterate.
  double gradient_norm = 0;         ///< ||grad f||_2 at the new iterate.
  double step_size = 0;             ///< The accepted step length alpha (1 = full Newton step).
  bool negative_curvature = false;  ///< The step followed a negative-curvature direction.
  Eigen::VectorXd x;                ///< The new iterate (converted to double).
};

/// @brief Options of newton_minimize.
struct NewtonOptions {
  /// How the Hessian is repaired at each iterate (default: absolute eigenvalues).
  RepairOptions repair;
  /// Stop when ||grad f||_2 <= gradient_tolerance * max(1, ||grad f(x0)||_2). Negative
  /// (default -1) selects eps^(2/3) of the scalar type (3.7e-11 in double, 2.4e-5 in float).
  double gradient_tolerance = -1.0;
  /// Iteration limit, >= 0 (default 200); reaching it gives Status::not_converged.
  Eigen::Index max_iterations = 200;
  /// Backtracking steps per line search, >= 1 (default 60); exhausting them ends the run with
  /// Status::not_converged (no decrease possible at working precision).
  Eigen::Index max_backtracks = 60;
  /// Armijo sufficient-decrease constant c1 in (0, 1) (default 1e-4).
  double armijo = 1e-4;
  /// Step reduction factor of the backtracking, in (0, 1) (default 0.5).
  double backtrack_factor = 0.5;
  /// When the gradient is negligible but the Hessian has an eigenvalue below -floor (a
  /// saddle), step along its eigenvector instead of stopping (default true).
  bool escape_saddles = true;
  /// Called after every iteration; returning false stops the run (Status::not_converged).
  std::function<bool(const NewtonProgress&)> callback;
};

/// @brief The result of newton_minimize.
/// @tparam Scalar float or double
template <typename Scalar>
struct NewtonResult {
  /// Dense vector type.
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  Vector x;                               ///< The last iterate (the best one: f never increases).
  Scalar value = 0;                       ///< f(x).
  Scalar gradient_norm = 0;               ///< ||grad f(x)||_2.
  Eigen::Index iterations = 0;            ///< Accepted steps.
  Eigen::Index function_evaluations = 0;  ///< Calls of f.
  Status status = Status::not_converged;  ///< How the run ended.
  std::vector<Scalar> history;            ///< f at x0 and after every iteration.
  /// @brief True when the gradient tolerance was met at a point without negative curvature.
  [[nodiscard]] bool converged() const { return status == Status::success; }
};

namespace detail {

inline void validate_newton_options(const NewtonOptions& o, Eigen::Index n) {
  constexpr const char* function = "newton_minimize";
  validate_repair_options(o.repair, n, function);
  if (std::isnan(o.gradient_tolerance)) fail_option(function, "gradient_tolerance", "must not be NaN");
  if (o.max_iterations < 0) fail_option(function, "max_iterations", "must be >= 0");
  if (o.max_backtracks < 1) fail_option(function, "max_backtracks", "must be >= 1");
  if (!(o.armijo > 0.0 && o.armijo < 1.0)) fail_option(function, "armijo", "must be in (0, 1)");
  if (!(o.backtrack_factor > 0.0 && o.backtrack_factor < 1.0))
    fail_option(function, "backtrack_factor", "must be in (0, 1)");
}

}  // namespace detail

/// @brief Minimizes f by Newton's method with a repaired Hessian and Armijo backtracking.
///
/// At x_k: H~_k = repair(H(x_k)) (options.repair), p_k = -H~_k^{-1} g_k (newton_direction;
/// p_k = -g_k if p_k is not a descent direction, possible with floor_singular_values or
/// truncate_singular_values), then alpha = 1, b, b^2, ... until f(x_k + alpha p_k) <= f(x_k) +
/// c1 alpha g_k^T p_k. Near a minimum the full step is accepted and convergence is quadratic.
/// When the gradient is negligible and H has an eigenvalue lambda_min < -floor, the point is a
/// saddle: the step then follows the eigenvector q of lambda_min (sign chosen with g^T q <= 0)
/// until f(x + alpha q) < f(x) + c1 alpha^2 lambda_min / 2. Plain Newton would stay at (or be
/// drawn to) the saddle.
///
/// @param f callable Scalar(const Vector&), the objective
/// @param gradient callable returning its gradient (an Eigen vector of size n)
/// @param hessian callable returning its Hessian (an n x n symmetric Eigen matrix)
/// @param x0 the start, a vector of size n (float or double)
/// @param options repair, tolerances, limits and callback (see NewtonOptions)
/// @return the last iterate, its value and gradient norm, iterations, status and history
/// @throws invalid_input if x0 is empty or non-finite, f or the gradient are not finite at x0,
///   sizes mismatch, an option is out of range, or a Hessian is not symmetric. Non-finite
///   values met later end the run with Status::numerical_issue.
/// @par Cost
/// Per iteration one Hessian, one gradient, one newton_direction and the f calls of the line
/// search (at most max_backtracks).
/// @par Reference
/// Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithm 3.2 (line search Newton with
/// modification), Sec. 3.4 and 3.5; More & Sorensen, Math. Programming 16 (1979).
template <typename F, typename G, typename H, typename Derived>
[[nodiscard]] NewtonResult<typename Derived::Scalar> newton_minimize(F&& f, G&& gradient, H&& hessian,
                                                                     const Eigen::MatrixBase<Derived>& x0,
                                                                     const NewtonOptions& options = NewtonOptions()) {
  using Scalar = typename Derived::Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  detail::static_check_real_scalar<Scalar>();
  constexpr const char* function = "newton_minimize";
  if (x0.size() == 0 || (x0.rows() != 1 && x0.cols() != 1))
    detail::fail(function, "x0", "must be a non-empty vector, got " + detail::shape_of(x0));
  detail::require_finite(x0, function, "x0");
  const Eigen::Index n = x0.size();
  detail::validate_newton_options(options, n);

  NewtonResult<Scalar> result;
  Vector x = x0.derived().reshaped();
  auto value_at = [&](const Vector& point) {
    ++result.function_evaluations;
    return static_cast<Scalar>(f(point));
  };
  auto gradient_at = [&](const Vector& point) {
    Vector g = gradient(point);
    detail::require_vector_size(g, n, function, "gradient");
    return g;
  };
  Scalar fx = value_at(x);
  Vector g = gradient_at(x);
  if (!std::isfinite(fx)) detail::fail(function, "f", "is not finite at x0");
  if (!g.allFinite()) detail::fail(function, "gradient", "is not finite at x0");
  result.history.push_back(fx);
  const double eps = std::numeric_limits<Scalar>::epsilon();
  const double tol_rel = options.gradient_tolerance < 0 ? std::cbrt(eps * eps) : options.gradient_tolerance;
  const Scalar g_tol = static_cast<Scalar>(tol_rel * std::max(1.0, static_cast<double>(g.norm())));
  const Scalar c1 = static_cast<Scalar>(options.armijo);
  const Scalar shrink = static_cast<Scalar>(options.backtrack_factor);

  auto finish = [&](Status status) {
    result.status = status;
    result.x = x;
    result.value = fx;
    result.gradient_norm = g.norm();
    return result;
  };

  for (Eigen::Index iteration = 0;; ++iteration) {
    const Scalar gnorm = g.norm();
    const bool small_gradient = gnorm <= g_tol;
    if (small_gradient && !options.escape_saddles) return finish(Status::success);
    if (iteration >= options.max_iterations) return finish(small_gradient ? Status::success : Status::not_converged);
    Matrix hx = hessian(x);
    if (hx.rows() != n || hx.cols() != n) {
      std::ostringstream os;
      os << "must return an " << n << "x" << n << " matrix, got " << detail::shape_of(hx);
      detail::fail(function, "hessian", os.str());
    }
    if (!hx.allFinite()) return finish(Status::numerical_issue);

    Vector step;
    Scalar slope = 0;
    bool curvature_step = false;
    Scalar lambda_min = 0;
    if (small_gradient) {
      // Converged unless H has a direction of negative curvature: a saddle (or a maximum).
      detail::require_symmetric(hx, function, "hessian");
      detail::SymmetricEigen<Scalar> eig(detail::symmetric_part(hx));
      const Scalar sigma1 = eig.values().cwiseAbs().maxCoeff();
      const Scalar floor = detail::repair_floor<Scalar>(options.repair, n, sigma1);
      lambda_min = eig.values()(0);
      if (!(lambda_min < -floor)) return finish(Status::success);
      step = eig.vectors(0, 1).col(0);
      if (g.dot(step) > Scalar(0)) step = -step;
      curvature_step = true;
    } else {
      step = newton_direction(hx, g, options.repair);
      slope = g.dot(step);
      if (!(slope < Scalar(0)) || !step.allFinite()) {  // not a descent direction: steepest descent
        step = -g;
        slope = -gnorm * gnorm;
      }
    }

    Scalar alpha = 1;
    bool accepted = false;
    Vector trial(n);
    Scalar f_trial = fx;
    for (Eigen::Index k = 0; k < options.max_backtracks; ++k, alpha *= shrink) {
      trial = x + alpha * step;
      f_trial = value_at(trial);
      const Scalar bound = curvature_step ? fx + Scalar(0.5) * c1 * alpha * alpha * lambda_min + alpha * g.dot(step)
                                          : fx + c1 * alpha * slope;
      if (std::isfinite(f_trial) && f_trial <= bound && (f_trial < fx || !curvature_step)) {
        accepted = true;
        break;
      }
    }
    if (!accepted) return finish(small_gradient ? Status::success : Status::not_converged);
    Vector g_trial = gradient_at(trial);
    if (!g_trial.allFinite()) return finish(Status::numerical_issue);
    x = trial;
    fx = f_trial;
    g = std::move(g_trial);
    result.iterations = iteration + 1;
    result.history.push_back(fx);
    if (options.callback) {
      NewtonProgress progress;
      progress.iteration = result.iterations;
      progress.value = static_cast<double>(fx);
      progress.gradient_norm = static_cast<double>(g.norm());
      progress.step_size = static_cast<double>(alpha);
      progress.negative_curvature = curvature_step;
      progress.x = x.template cast<double>();
      if (!options.callback(progress)) return finish(Status::not_converged);
    }
  }
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_HESSIAN_NEWTON_HPP
