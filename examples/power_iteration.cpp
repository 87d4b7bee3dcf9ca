// Power iteration with its convergence history, an SVG plot of the residual, and the +-lambda
// case (a bipartite graph) with the message spectrakit gives and the shift that fixes it.
//
// Writes power_iteration_residual.svg to the working directory.
#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <spectrakit/eigen.hpp>
#include <string>
#include <vector>

namespace {

struct Step {
  Eigen::Index iteration;
  double estimate, residual;
};

// A log-scale line plot of residual against iteration, as a standalone SVG file.
void write_svg(const std::string& path, const std::vector<Step>& history, double tolerance_line) {
  const double width = 640, height = 400, left = 70, right = 20, top = 30, bottom = 50;
  double lo = tolerance_line, hi = 0;
  for (const auto& s : history) {
    if (s.residual > 0) lo = std::min(lo, s.residual);
    hi = std::max(hi, s.residual);
  }
  const double ylo = std::floor(std::log10(lo)), yhi = std::ceil(std::log10(hi));
  const double xmax = double(history.empty() ? 1 : history.back().iteration);
  auto px = [&](double it) { return left + (width - left - right) * it / xmax; };
  auto py = [&](double r) {
    const double l = std::log10(std::max(r, std::pow(10.0, ylo)));
    return top + (height - top - bottom) * (yhi - l) / (yhi - ylo);
  };
  std::ofstream out(path);
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << width / 2 << "\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">"
      << "power iteration: residual ||Av - lambda v|| against iteration</text>\n";
  for (double e = ylo; e <= yhi; e += 1) {  // grid lines, one per decade
    out << "<line x1=\"" << left << "\" x2=\"" << width - right << "\" y1=\"" << py(std::pow(10.0, e)) << "\" y2=\""
        << py(std::pow(10.0, e)) << "\" stroke=\"#ddd\"/>\n"
        << "<text x=\"" << left - 6 << "\" y=\"" << py(std::pow(10.0, e)) + 4 << "\" text-anchor=\"end\">1e"
        << int(e) << "</text>\n";
  }
  for (int i = 0; i <= 5; ++i) {
    const double it = xmax * i / 5;
    out << "<text x=\"" << px(it) << "\" y=\"" << height - bottom + 18 << "\" text-anchor=\"middle\">"
        << int(std::round(it)) << "</text>\n";
  }
  out << "<text x=\"" << (left + width - right) / 2 << "\" y=\"" << height - 12
      << "\" text-anchor=\"middle\">iteration</text>\n"
      << "<line x1=\"" << left << "\" x2=\"" << width - right << "\" y1=\"" << py(tolerance_line) << "\" y2=\""
      << py(tolerance_line) << "\" stroke=\"#c33\" stroke-dasharray=\"6 4\"/>\n"
      << "<text x=\"" << width - right - 4 << "\" y=\"" << py(tolerance_line) - 6
      << "\" text-anchor=\"end\" fill=\"#c33\">tolerance * |lambda|</text>\n"
      << "<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" points=\"";
  for (const auto& s : history) out << px(double(s.iteration)) << "," << py(s.residual) << " ";
  out << "\"/>\n"
      << "<line x1=\"" << left << "\" x2=\"" << left << "\" y1=\"" << top << "\" y2=\"" << height - bottom
      << "\" stroke=\"black\"/>\n"
      << "<line x1=\"" << left << "\" x2=\"" << width - right << "\" y1=\"" << height - bottom << "\" y2=\""
      << height - bottom << "\" stroke=\"black\"/>\n</svg>\n";
}

}  // namespace

int main() {
  // 1. A symmetric 6x6 matrix with eigenvalues 5, 4, 2, 1, -1, -3: the error falls like (4/5)^k.
  Eigen::VectorXd d(6);
  d << 5, 4, 2, 1, -1, -3;
  Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(
                          Eigen::MatrixXd::NullaryExpr(6, 6, [](Eigen::Index i, Eigen::Index j) {
                            return std::sin(double(3 * i + 7 * j + 1));
                          }))
                          .householderQ();
  const Eigen::MatrixXd a = q * d.asDiagonal() * q.transpose();

  std::vector<Step> history;
  spectrakit::PowerOptions options;
  options.tolerance = 1e-10;
  options.callback = [&](Eigen::Index it, double estimate, double residual) {
    history.push_back({it, estimate, residual});
    return true;
  };
  const auto pair = spectrakit::power_iteration(a, options);

  std::printf("Power iteration on a 6x6 symmetric matrix with eigenvalues 5, 4, 2, 1, -1, -3\n\n");
  std::printf("%9s  %20s  %12s\n", "iteration", "estimate", "residual");
  for (const auto& s : history)
    if (s.iteration <= 5 || s.iteration % 10 == 0 || s.iteration == pair.iterations)
      std::printf("%9ld  %20.15f  %12.3e\n", long(s.iteration), s.estimate, s.residual);
  std::printf("\nstatus %s after %ld iterations: lambda = %.15f, ||Av - lambda v|| = %.2e\n",
              spectrakit::to_string(pair.status), long(pair.iterations), pair.value, pair.residual);
  std::printf("theory: log(1e-10) / log(4/5) = %.0f iterations\n", std::log(1e-10) / std::log(0.8));
  write_svg("power_iteration_residual.svg", history, options.tolerance * std::abs(pair.value));
  std::printf("wrote power_iteration_residual.svg (residual against iteration, log scale)\n\n");

  // 2. A bipartite graph (the path on 8 nodes): eigenvalues come in pairs +-lambda, so plain power
  // iteration cannot converge; spectrakit says so promptly and suggests a shift.
  const Eigen::Index n = 8;
  Eigen::SparseMatrix<double> path(n, n);
  for (Eigen::Index i = 0; i + 1 < n; ++i) {
    path.insert(i, i + 1) = 1;
    path.insert(i + 1, i) = 1;
  }
  const auto stuck = spectrakit::power_iteration(path);
  std::printf("Path graph P_8 (bipartite), adjacency matrix:\n");
  std::printf("status %s after %ld iterations (max_iterations = 10000)\nmessage: %s\n\n",
              spectrakit::to_string(stuck.status), long(stuck.iterations), stuck.message.c_str());

  const double lambda_max = 2 * std::cos(std::acos(-1.0) / double(n + 1));
  spectrakit::PowerOptions shifted;
  shifted.shift = -lambda_max / 2;  // A + (lambda/2) I: +lambda becomes dominant
  const auto fixed = spectrakit::power_iteration(path, shifted);
  std::printf("with options.shift = %.6f: status %s after %ld iterations, lambda = %.15f\n",
              shifted.shift, spectrakit::to_string(fixed.status), long(fixed.iterations), fixed.value);
  std::printf("closed form 2 cos(pi / 9)                                        = %.15f\n", lambda_max);
  return pair.converged() && fixed.converged() ? 0 : 1;
}
