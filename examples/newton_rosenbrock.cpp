// Repaired Newton against gradient descent with the notes' optimal step eps* = g^T g / g^T H g
// (seed 001) on Rosenbrock's function from (-1.2, 1): the iterates of both, side by side.
#include <Eigen/Dense>
#include <cmath>
#include <cstdio>
#include <limits>
#include <spectrakit/hessian.hpp>
#include <vector>

namespace {

double rosenbrock(const Eigen::VectorXd& v) {
  return (1 - v(0)) * (1 - v(0)) + 100 * (v(1) - v(0) * v(0)) * (v(1) - v(0) * v(0));
}
Eigen::VectorXd gradient(const Eigen::VectorXd& v) {
  Eigen::VectorXd g(2);
  g << -2 * (1 - v(0)) - 400 * v(0) * (v(1) - v(0) * v(0)), 200 * (v(1) - v(0) * v(0));
  return g;
}
Eigen::MatrixXd hessian(const Eigen::VectorXd& v) {
  Eigen::MatrixXd h(2, 2);
  h << 2 - 400 * (v(1) - 3 * v(0) * v(0)), -400 * v(0), -400 * v(0), 200;
  return h;
}

}  // namespace

int main() {
  Eigen::VectorXd x0(2);
  x0 << -1.2, 1;
  const double tolerance = 1e-8;

  // Repaired Newton (saddle-free: absolute eigenvalues), every iterate recorded by the callback.
  std::vector<Eigen::VectorXd> newton_path{x0};
  spectrakit::NewtonOptions options;
  options.gradient_tolerance = tolerance / gradient(x0).norm();
  options.callback = [&](const spectrakit::NewtonProgress& p) {
    newton_path.push_back(p.x);
    return true;
  };
  const auto result = spectrakit::newton_minimize(rosenbrock, gradient, hessian, x0, options);

  // Gradient descent with eps* (the exact minimizer of the quadratic model along -g), halved
  // until f decreases (eps* is exact only for quadratics; it is +inf where g^T H g <= 0).
  std::vector<Eigen::VectorXd> descent_path{x0};
  Eigen::VectorXd x = x0;
  int descent_iterations = 0;
  const int descent_limit = 100000;
  while (gradient(x).norm() > tolerance && descent_iterations < descent_limit) {
    const Eigen::VectorXd g = gradient(x);
    double step = spectrakit::optimal_step_size(g, hessian(x));
    if (!std::isfinite(step)) step = 1.0;
    const double fx = rosenbrock(x);
    for (int k = 0; k < 60 && !(rosenbrock(x - step * g) < fx); ++k) step *= 0.5;
    x -= step * g;
    ++descent_iterations;
    if (descent_iterations <= 12) descent_path.push_back(x);
  }

  std::printf("Rosenbrock f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 from (-1.2, 1); minimum f(1, 1) = 0.\n\n");
  std::printf("%4s | %-36s | %-36s\n", "k", "repaired Newton (x, y)  f", "gradient descent with eps*  f");
  const std::size_t rows = std::max<std::size_t>(newton_path.size(), descent_path.size());
  for (std::size_t k = 0; k < rows && k <= 24; ++k) {
    char left[64] = "", right[64] = "";
    if (k < newton_path.size())
      std::snprintf(left, sizeof left, "(%9.6f, %9.6f)  %.3e", newton_path[k](0), newton_path[k](1),
                    rosenbrock(newton_path[k]));
    if (k < descent_path.size())
      std::snprintf(right, sizeof right, "(%9.6f, %9.6f)  %.3e", descent_path[k](0), descent_path[k](1),
                    rosenbrock(descent_path[k]));
    std::printf("%4zu | %-36s | %-36s\n", k, left, right);
  }
  std::printf("\nrepaired Newton: %s after %ld iterations, x = (%.12f, %.12f), |grad f| = %.2e\n",
              spectrakit::to_string(result.status), long(result.iterations), result.x(0), result.x(1),
              result.gradient_norm);
  std::printf("gradient descent with eps*: %d iterations%s, x = (%.12f, %.12f), |grad f| = %.2e\n", descent_iterations,
              descent_iterations >= descent_limit ? " (limit reached)" : "", x(0), x(1), gradient(x).norm());
  std::printf(
      "At the minimum the Hessian's condition number is %.0f: the notes' narrow canyon, where\n"
      "eps* <= 1/lambda_min zig-zags and Newton's curvature-scaled step goes straight down.\n",
      [] {
        const Eigen::VectorXd e =
            Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(hessian(Eigen::Vector2d(1, 1))).eigenvalues();
        return e(1) / e(0);
      }());
  return 0;
}
