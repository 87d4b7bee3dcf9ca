// Symmetric NMF, A ~ H H^T with H >= 0, as a graph clustering method.
//
// 1. The notes' worked example (seed 003) step by step: A = [[2,1],[1,2]], k = 1,
//    H0 = [1,1]^T, one projected-gradient step with eta = 0.01.
// 2. Zachary's karate club with k = 2: every algorithm from the same start, the clusters
//    (row argmax of H) against the two factions, and the objective histories written to
//    symnmf_objective_history.svg (one line per algorithm).
#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <spectrakit/nmf.hpp>
#include <string>
#include <vector>

namespace {

// Zachary's karate club (networkx.karate_club_graph numbering) and its two factions
// (0 = Mr. Hi, 1 = Officer).
const int karate_edges[78][2] = {
    {1, 0},   {2, 0},   {3, 0},   {4, 0},   {5, 0},   {6, 0},   {7, 0},   {8, 0},   {10, 0},  {11, 0},
    {12, 0},  {13, 0},  {17, 0},  {19, 0},  {21, 0},  {31, 0},  {2, 1},   {3, 1},   {7, 1},   {13, 1},
    {17, 1},  {19, 1},  {21, 1},  {30, 1},  {3, 2},   {7, 2},   {8, 2},   {9, 2},   {13, 2},  {27, 2},
    {28, 2},  {32, 2},  {7, 3},   {12, 3},  {13, 3},  {6, 4},   {10, 4},  {6, 5},   {10, 5},  {16, 5},
    {16, 6},  {30, 8},  {32, 8},  {33, 8},  {33, 9},  {33, 13}, {32, 14}, {33, 14}, {32, 15}, {33, 15},
    {32, 18}, {33, 18}, {33, 19}, {32, 20}, {33, 20}, {32, 22}, {33, 22}, {25, 23}, {27, 23}, {29, 23},
    {32, 23}, {33, 23}, {25, 24}, {27, 24}, {31, 24}, {31, 25}, {29, 26}, {33, 26}, {33, 27}, {31, 28},
    {33, 28}, {32, 29}, {33, 29}, {32, 30}, {33, 30}, {32, 31}, {33, 31}, {33, 32}};
const int factions[34] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0,
                          0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

struct Run {
  std::string name;
  std::vector<double> objective;
  const char* color;
};

// Objective histories against the iteration (log scale on both axes: iteration + 1 and f - f*
// where f* is slightly below the best value reached).
void write_svg(const std::vector<Run>& runs, const std::string& path) {
  const double w = 720, h = 440, left = 70, right = 170, top = 30, bottom = 50;
  double fmin = 1e300, fmax = -1e300;
  std::size_t nmax = 1;
  for (const Run& r : runs) {
    for (double f : r.objective) {
      fmin = std::min(fmin, f);
      fmax = std::max(fmax, f);
    }
    nmax = std::max(nmax, r.objective.size());
  }
  const double floor_value = fmin - 1e-6 * std::max(1.0, std::abs(fmin));
  const double ylo = std::log10(fmin - floor_value), yhi = std::log10(fmax - floor_value);
  const double xhi = std::log10(double(nmax));
  auto px = [&](std::size_t i) { return left + (w - left - right) * std::log10(double(i) + 1) / xhi; };
  auto py = [&](double f) {
    return top + (h - top - bottom) * (1 - (std::log10(f - floor_value) - ylo) / (yhi - ylo));
  };
  std::ofstream out(path);
  out << "<svg xmlns='http://www.w3.org/2000/svg' width='" << w << "' height='" << h
      << "' font-family='sans-serif' font-size='12'>\n<rect width='100%' height='100%' fill='white'/>\n";
  out << "<text x='" << left << "' y='18'>symmetric NMF on the karate club, k = 2: f(H) - f* against the "
      << "iteration (log-log)</text>\n";
  out << "<line x1='" << left << "' y1='" << h - bottom << "' x2='" << w - right << "' y2='" << h - bottom
      << "' stroke='black'/>\n<line x1='" << left << "' y1='" << top << "' x2='" << left << "' y2='" << h - bottom
      << "' stroke='black'/>\n";
  for (int e = 0; e <= int(xhi); ++e) {
    const double x = px(std::size_t(std::pow(10.0, e)) - 1);
    out << "<text x='" << x - 8 << "' y='" << h - bottom + 16 << "'>" << (e == 0 ? 0 : int(std::pow(10.0, e)) - 1)
        << "</text>\n";
  }
  out << "<text x='" << (w - right) / 2 << "' y='" << h - 12 << "'>iteration</text>\n";
  out << "<text x='6' y='" << top + 10 << "'>f - f*</text>\n";
  for (int e = int(std::ceil(ylo)); e <= int(std::floor(yhi)); ++e) {
    const double y = py(floor_value + std::pow(10.0, e));
    out << "<text x='" << 8 << "' y='" << y + 4 << "'>1e" << e << "</text><line x1='" << left - 4 << "' y1='" << y
        << "' x2='" << left << "' y2='" << y << "' stroke='black'/>\n";
  }
  int row = 0;
  for (const Run& r : runs) {
    out << "<polyline fill='none' stroke-width='2' stroke='" << r.color << "' points='";
    for (std::size_t i = 0; i < r.objective.size(); ++i) out << px(i) << "," << py(r.objective[i]) << " ";
    out << "'/>\n";
    const double y = top + 20 + 20 * row++;
    out << "<line x1='" << w - right + 10 << "' y1='" << y << "' x2='" << w - right + 35 << "' y2='" << y
        << "' stroke-width='2' stroke='" << r.color << "'/><text x='" << w - right + 40 << "' y='" << y + 4 << "'>"
        << r.name << "</text>\n";
  }
  out << "</svg>\n";
}

}  // namespace

int main() {
  using spectrakit::SymNMFAlgorithm;
  std::printf("1. The notes' worked example: A = [[2,1],[1,2]], k = 1, H0 = [1,1]^T, eta = 0.01\n");
  Eigen::Matrix2d a;
  a << 2, 1, 1, 2;
  const Eigen::Vector2d h0(1, 1);
  const Eigen::MatrixXd g = spectrakit::symnmf_gradient(a, h0);
  std::printf("   f(H0) = 1/2 ||A - H0 H0^T||_F^2          = %.8g\n", spectrakit::symnmf_objective(a, h0));
  std::printf("   grad f(H0) = 2 (H H^T H - A H)          = [%g, %g]^T\n", g(0, 0), g(1, 0));
  spectrakit::SymNMFOptions step;
  step.algorithm = SymNMFAlgorithm::projected_gradient;
  step.step = 0.01;
  step.max_iterations = 1;
  step.initial = h0;
  const auto one = spectrakit::symnmf(a, 1, step);
  std::printf(
      "   H1 = max(0, H0 - eta grad f(H0))        = [%.8g, %.8g]^T   (the notes print 1.04: factor 2 "
      "applied twice)\n",
      one.H(0, 0), one.H(1, 0));
  std::printf(
      "   f(H1)                                   = %.8g   (the notes print 0.8464, which fits neither "
      "step)\n",
      one.objective.back());
  step.step = 0;
  step.max_iterations = 1000;
  step.tolerance = 1e-8;
  const auto full = spectrakit::symnmf(a, 1, step);
  std::printf(
      "   run to convergence (Armijo steps): %ld iterations, H = [%.8f, %.8f]^T (sqrt(3/2) = %.8f), f = "
      "%.8g\n\n",
      long(full.iterations), full.H(0, 0), full.H(1, 0), std::sqrt(1.5), full.final_objective());

  std::printf("2. Zachary's karate club (34 members, 78 friendships), k = 2\n");
  std::vector<Eigen::Triplet<double>> t;
  for (const auto& e : karate_edges) {
    t.emplace_back(e[0], e[1], 1.0);
    t.emplace_back(e[1], e[0], 1.0);
  }
  Eigen::SparseMatrix<double> club(34, 34);
  club.setFromTriplets(t.begin(), t.end());

  std::vector<Run> runs;
  const struct {
    SymNMFAlgorithm algorithm;
    const char* color;
  } algorithms[] = {{SymNMFAlgorithm::projected_gradient, "#1f77b4"},
                    {SymNMFAlgorithm::hals, "#d62728"},
                    {SymNMFAlgorithm::hals_extrapolated, "#9467bd"},
                    {SymNMFAlgorithm::multiplicative, "#2ca02c"}};
  std::printf("   %-20s %10s %14s %12s %11s %s\n", "algorithm", "iterations", "status", "f(H)", "time [ms]",
              "agreement with the factions");
  for (const auto& alg : algorithms) {
    spectrakit::SymNMFOptions o;
    o.algorithm = alg.algorithm;
    o.seed = 0;  // the same Kuang start 2 sqrt(mean(A)/k) U(0,1) for every algorithm
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = spectrakit::symnmf(club, 2, o);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const auto labels = r.labels();
    int same = 0;
    for (int i = 0; i < 34; ++i) same += (labels(i) == factions[i]);
    const int agree = std::max(same, 34 - same);  // cluster numbering is arbitrary
    std::printf("   %-20s %10ld %14s %12.6f %11.3f %d / 34\n", spectrakit::to_string(alg.algorithm), long(r.iterations),
                spectrakit::to_string(r.status), double(r.final_objective()), ms, agree);
    runs.push_back(
        {spectrakit::to_string(alg.algorithm), std::vector<double>(r.objective.begin(), r.objective.end()), alg.color});
    if (alg.algorithm == SymNMFAlgorithm::hals_extrapolated) {  // the default
      std::printf("      labels: ");
      const int flip = same >= 17 ? 0 : 1;
      for (int i = 0; i < 34; ++i) std::printf("%ld", long(labels(i) < 0 ? labels(i) : labels(i) ^ flip));
      std::printf("\n      faction: ");
      for (int i = 0; i < 34; ++i) std::printf("%d", factions[i]);
      std::printf("\n");
    }
  }
  write_svg(runs, "symnmf_objective_history.svg");
  std::printf("   objective histories written to symnmf_objective_history.svg\n");
  return 0;
}
