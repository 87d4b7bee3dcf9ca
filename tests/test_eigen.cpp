// Tests of the eigen module: power iteration, Rayleigh quotient, inverse iteration,
// top_eigenpairs and smallest_eigenpairs on dense, sparse and matrix-free operators.
// Closed forms from seed note 003 (the 2x2 examples, the 3-node path Laplacian) and from the
// path and grid spectra; invariants on Q diag(d) Q^T matrices with chosen gaps.
#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>
#include <spectrakit/eigen.hpp>
#include <vector>

#include "../benchmarks/bench_generators.hpp"
#include "spectrakit_catch.hpp"
#include "test_util.hpp"

using namespace spectrakit_test;
using Catch::Approx;

namespace {

const double pi = std::acos(-1.0);

/// Adjacency of the path P_n (bipartite: spectrum symmetric about 0, 2 cos(pi j / (n + 1))).
template <typename Scalar = double>
Eigen::SparseMatrix<Scalar> path_adjacency(Eigen::Index n) {
  std::vector<Eigen::Triplet<Scalar>> t;
  for (Eigen::Index i = 0; i + 1 < n; ++i) {
    t.emplace_back(i, i + 1, Scalar(1));
    t.emplace_back(i + 1, i, Scalar(1));
  }
  Eigen::SparseMatrix<Scalar> a(n, n);
  a.setFromTriplets(t.begin(), t.end());
  return a;
}

/// Laplacian of the m x n grid P_m x P_n; eigenvalues (2 - 2cos(pi i/m)) + (2 - 2cos(pi j/n)).
template <typename Scalar = double>
Eigen::SparseMatrix<Scalar> grid_laplacian(Eigen::Index m, Eigen::Index n) {
  std::vector<Eigen::Triplet<Scalar>> t;
  auto id = [&](Eigen::Index i, Eigen::Index j) { return i * n + j; };
  std::vector<Scalar> deg(std::size_t(m * n), Scalar(0));
  auto edge = [&](Eigen::Index a, Eigen::Index b) {
    t.emplace_back(a, b, Scalar(-1));
    t.emplace_back(b, a, Scalar(-1));
    deg[std::size_t(a)] += 1;
    deg[std::size_t(b)] += 1;
  };
  for (Eigen::Index i = 0; i < m; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      if (i + 1 < m) edge(id(i, j), id(i + 1, j));
      if (j + 1 < n) edge(id(i, j), id(i, j + 1));
    }
  for (Eigen::Index v = 0; v < m * n; ++v) t.emplace_back(v, v, deg[std::size_t(v)]);
  Eigen::SparseMatrix<Scalar> l(m * n, m * n);
  l.setFromTriplets(t.begin(), t.end());
  return l;
}

/// Sorted closed-form spectrum of the grid Laplacian.
std::vector<double> grid_spectrum(Eigen::Index m, Eigen::Index n) {
  std::vector<double> s;
  for (Eigen::Index i = 0; i < m; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      s.push_back((2 - 2 * std::cos(pi * double(i) / double(m))) + (2 - 2 * std::cos(pi * double(j) / double(n))));
  std::sort(s.begin(), s.end());
  return s;
}

/// Random sparse symmetric matrix (about `per_row` entries per row), reproducible.
Eigen::SparseMatrix<double> random_sparse_symmetric(Eigen::Index n, int per_row, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<Eigen::Index> col(0, n - 1);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<Eigen::Triplet<double>> t;
  for (Eigen::Index i = 0; i < n; ++i) {
    t.emplace_back(i, i, normal(rng));
    for (int e = 0; e < per_row / 2; ++e) {
      const Eigen::Index j = col(rng);
      const double v = normal(rng);
      t.emplace_back(i, j, v);
      t.emplace_back(j, i, v);
    }
  }
  Eigen::SparseMatrix<double> a(n, n);
  a.setFromTriplets(t.begin(), t.end());
  return a;
}

/// ||A v - lambda v|| for a dense matrix.
template <typename M, typename V, typename S>
S residual_of(const M& a, const V& v, S lambda) {
  return (a * v - lambda * v).norm();
}

}  // namespace

// ------------------------------------------------------------------------------------------
// The notes' worked examples
// ------------------------------------------------------------------------------------------

TEMPLATE_TEST_CASE("power_iteration: the notes' A = [2 1; 0 3] has dominant pair (3, [1 1]/sqrt 2)", "[eigen]",
                   float, double) {
  Eigen::Matrix<TestType, 2, 2> a;
  a << 2, 1, 0, 3;
  const auto r = spectrakit::power_iteration(a);
  REQUIRE(r.converged());
  CHECK(r.message.empty());
  const TestType tol = TestType(64) * eps<TestType>() * TestType(3);
  const TestType s = std::sqrt(TestType(0.5));
  CHECK(std::abs(r.value - TestType(3)) <= std::max(tol, TestType(1e-9)));
  CHECK(std::abs(r.vector(0) - s) <= TestType(1e-5));
  CHECK(std::abs(r.vector(1) - s) <= TestType(1e-5));
  CHECK(r.vector.norm() == Approx(1).epsilon(double(8 * eps<TestType>())));
  // |lambda_2 / lambda_1| = 2/3: about log(tol) / log(2/3) iterations.
  const double tol_used = std::max(1e-10, 4.0 * double(eps<TestType>()));
  const double predicted = std::log(tol_used) / std::log(2.0 / 3.0);
  CHECK(double(r.iterations) <= 1.5 * predicted + 5);
  CHECK(double(r.iterations) >= 0.5 * predicted);
}

TEST_CASE("inverse_iteration: the notes' A = [2 1; 0 3], eigenpair nearest to the shift", "[eigen]") {
  Eigen::Matrix2d a;
  a << 2, 1, 0, 3;
  const auto r2 = spectrakit::inverse_iteration(a, 1.8);
  REQUIRE(r2.converged());
  CHECK(r2.value == Approx(2.0).epsilon(1e-9));  // non-normal A: eigenvalue error ~ residual
  CHECK(std::abs(r2.vector(0) - 1.0) <= 1e-10);  // v1 = [1, 0] (notes: x2 = 0)
  CHECK(std::abs(r2.vector(1)) <= 1e-10);
  const auto r3 = spectrakit::inverse_iteration(a, 2.9);
  REQUIRE(r3.converged());
  CHECK(r3.value == Approx(3.0).epsilon(1e-9));
  CHECK(r3.vector(0) == Approx(std::sqrt(0.5)).epsilon(1e-9));  // v2 = [1, 1] (notes: x2 = x1)
  CHECK(r3.vector(1) == Approx(std::sqrt(0.5)).epsilon(1e-9));
  // A shift exactly on an eigenvalue: singular A - shift I is handled.
  const auto exact = spectrakit::inverse_iteration(a, 3.0);
  REQUIRE(exact.converged());
  CHECK(exact.value == Approx(3.0).epsilon(1e-12));
}

TEST_CASE("the notes' diagonal D = diag(d1, d2): eigenvalues d1, d2, eigenvectors e1, e2", "[eigen]") {
  Eigen::Matrix2d d;
  d << 5, 0, 0, 2;
  const auto r = spectrakit::power_iteration(d);
  REQUIRE(r.converged());
  CHECK(r.value == Approx(5.0).epsilon(1e-12));
  CHECK(std::abs(r.vector(1)) <= 1e-9);
  const auto all = spectrakit::top_eigenpairs(d, 2);
  REQUIRE(all.converged());
  CHECK(all.values(0) == 5.0);
  CHECK(all.values(1) == 2.0);
  CHECK(all.vectors(0, 0) == 1.0);
  CHECK(all.vectors(1, 1) == 1.0);
  // The notes' singular-value example: A^T A = diag(9, 16) has eigenvalues 16 and 9.
  Eigen::Matrix2d ata;
  ata << 9, 0, 0, 16;
  const auto s = spectrakit::top_eigenpairs(ata, 2);
  CHECK(s.values(0) == 16.0);
  CHECK(s.values(1) == 9.0);
}

TEST_CASE("the notes' 3-node path Laplacian: L 1 = 0, spectrum {0, 1, 3}", "[eigen]") {
  Eigen::Matrix3d l;
  l << 1, -1, 0, -1, 2, -1, 0, -1, 1;
  CHECK(spectrakit::rayleigh_quotient(l, Eigen::Vector3d(1, 1, 1)) == 0.0);
  const auto r = spectrakit::smallest_eigenpairs(l, 3);
  REQUIRE(r.converged());
  CHECK(std::abs(r.values(0)) <= 1e-14);
  CHECK(r.values(1) == Approx(1.0).epsilon(1e-14));
  CHECK(r.values(2) == Approx(3.0).epsilon(1e-14));
  CHECK(r.vectors.col(0).cwiseAbs().minCoeff() == Approx(1 / std::sqrt(3.0)).epsilon(1e-14));
  CHECK(spectrakit::power_iteration(l).value == Approx(3.0).epsilon(1e-10));
}

TEST_CASE("the notes' spectral decomposition A = sum lambda_i x_i x_i^T needs unit eigenvectors", "[eigen]") {
  Eigen::Matrix2d a;  // the notes' SymNMF example matrix: eigenpairs (3, [1 1]), (1, [1 -1])
  a << 2, 1, 1, 2;
  const auto all = spectrakit::top_eigenpairs(a, 2);
  REQUIRE(all.converged());
  CHECK(all.values(0) == Approx(3.0).epsilon(1e-15));
  CHECK(all.values(1) == Approx(1.0).epsilon(1e-15));
  const Eigen::Matrix2d rebuilt = all.vectors * all.values.asDiagonal() * all.vectors.transpose();
  CHECK((rebuilt - a).norm() <= 8 * eps<double>() * 3);
  // With the unnormalized eigenvectors [1 1] and [1 -1] the notes' sum gives 2A, not A.
  const Eigen::Vector2d x1(1, 1), x2(1, -1);
  const Eigen::Matrix2d naive = 3 * x1 * x1.transpose() + 1 * x2 * x2.transpose();
  CHECK((naive - 2 * a).norm() == 0.0);
}

// ------------------------------------------------------------------------------------------
// power_iteration: convergence theory and residuals
// ------------------------------------------------------------------------------------------

TEMPLATE_TEST_CASE("power_iteration on Q diag(d) Q^T: iteration count follows log(tol) / log|l2/l1|", "[eigen]",
                   float, double) {
  const Eigen::Index n = 40;
  for (double ratio : {0.5, 0.8, 0.95}) {
    Vector<double> d = Vector<double>::LinSpaced(n, -0.3, 0.3);
    d(0) = 10.0;
    d(1) = 10.0 * ratio;
    const Matrix<TestType> a = symmetric_with_spectrum<TestType>(d, 7);
    spectrakit::PowerOptions o;
    o.tolerance = std::is_same<TestType, float>::value ? 1e-5 : 1e-10;
    const auto r = spectrakit::power_iteration(a, o);
    INFO("ratio " << ratio);
    REQUIRE(r.converged());
    CHECK(r.value == Approx(10.0).epsilon(std::is_same<TestType, float>::value ? 1e-5 : 1e-12));
    // Residual tolerance met: ||Av - lambda v|| <= tol |lambda|.
    CHECK(residual_of(a, r.vector, r.value) <= TestType(1.01 * o.tolerance * 10.0 + 64 * n * eps<TestType>() * 10));
    const double predicted = std::log(o.tolerance) / std::log(ratio);
    CHECK(double(r.iterations) <= 2.0 * predicted + 10);
    CHECK(double(r.iterations) >= 0.3 * predicted);
    CHECK(r.residual_history.size() == std::size_t(r.iterations));
  }
}

TEMPLATE_TEST_CASE("power_iteration at the tightest tolerance: residual <= c n eps ||A||", "[eigen]", float, double) {
  const Eigen::Index n = 30;
  Vector<double> d = Vector<double>::LinSpaced(n, -1.0, 1.0);
  d(0) = 4.0;
  const Matrix<TestType> a = symmetric_with_spectrum<TestType>(d, 3);
  spectrakit::PowerOptions o;
  o.tolerance = 1e-300;  // raised to 4 eps internally
  o.max_iterations = 2000;
  const auto r = spectrakit::power_iteration(a, o);
  REQUIRE(r.converged());
  CHECK(residual_of(a, r.vector, r.value) <= TestType(8) * TestType(n) * eps<TestType>() * TestType(4));
  CHECK(std::abs(r.value - TestType(4)) <= TestType(8) * TestType(n) * eps<TestType>() * TestType(4));
}

TEST_CASE("power_iteration: dense, sparse (both orders) and matrix-free give the same pair", "[eigen]") {
  Vector<double> d = Vector<double>::LinSpaced(25, -1.0, 1.5);
  d(3) = 3.0;
  const Matrix<double> a = symmetric_with_spectrum(d, 11);
  const Eigen::SparseMatrix<double, Eigen::ColMajor> sc = a.sparseView();
  const Eigen::SparseMatrix<double, Eigen::RowMajor> sr = a.sparseView();
  const auto op = spectrakit::make_operator(25, [&](const Eigen::VectorXd& x, Eigen::VectorXd& y) { y = a * x; });
  const auto op_ref = spectrakit::make_operator(
      25, [&](const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> y) { y = a * x; });
  const auto rd = spectrakit::power_iteration(a);
  const auto rc = spectrakit::power_iteration(sc);
  const auto rr = spectrakit::power_iteration(sr);
  const auto rf = spectrakit::power_iteration(op);
  const auto rg = spectrakit::power_iteration(op_ref);
  for (const auto* r : {&rd, &rc, &rr, &rf, &rg}) {
    REQUIRE(r->converged());
    CHECK(r->value == Approx(3.0).epsilon(1e-12));
    CHECK((r->vector - rd.vector).norm() <= 1e-9);
  }
  // Expressions are evaluated once.
  const auto re = spectrakit::power_iteration(2.0 * a);
  CHECK(re.value == Approx(6.0).epsilon(1e-12));
  CHECK(spectrakit::rayleigh_quotient(sc, rd.vector) == Approx(rd.value).epsilon(1e-14));
  CHECK(spectrakit::rayleigh_quotient(op, rd.vector) == Approx(rd.value).epsilon(1e-14));
}

TEST_CASE("power_iteration: a +-lambda dominant pair (bipartite graph) is reported promptly with a shift", "[eigen]") {
  const Eigen::SparseMatrix<double> a = path_adjacency(12);  // eigenvalues +-2cos(pi j/13)
  const double lmax = 2 * std::cos(pi / 13);
  const auto r = spectrakit::power_iteration(a);
  CHECK(r.status == spectrakit::Status::not_converged);
  CHECK(!r.converged());
  CHECK(r.iterations < 300);  // promptly, not max_iterations = 10000
  CHECK(r.message.find("equal modulus") != std::string::npos);
  CHECK(r.message.find("shift") != std::string::npos);
  CHECK(r.vector.size() == 12);
  CHECK(r.vector.norm() == Approx(1.0));
  CHECK(std::isfinite(r.residual));
  // The advised shift separates the pair.
  spectrakit::PowerOptions o;
  o.shift = -lmax / 2;
  const auto fixed = spectrakit::power_iteration(a, o);
  REQUIRE(fixed.converged());
  CHECK(fixed.value == Approx(lmax).epsilon(1e-10));
  o.shift = lmax / 2;
  const auto neg = spectrakit::power_iteration(a, o);
  REQUIRE(neg.converged());
  CHECK(neg.value == Approx(-lmax).epsilon(1e-10));
}

TEST_CASE("power_iteration: a complex dominant pair (rotation) is reported promptly", "[eigen]") {
  const double c = std::cos(pi / 4), s = std::sin(pi / 4);
  Eigen::Matrix2d u;  // the notes' 45-degree rotation: eigenvalues e^{+-i pi/4}
  u << c, -s, s, c;
  const auto r = spectrakit::power_iteration(u);
  CHECK(r.status == spectrakit::Status::not_converged);
  CHECK(r.iterations < 100);
  CHECK(r.message.find("complex") != std::string::npos);
  // A 3x3 with the rotation block dominating a real eigenvalue 0.5.
  Eigen::Matrix3d b = Eigen::Matrix3d::Zero();
  b.topLeftCorner<2, 2>() = 2 * u;
  b(2, 2) = 0.5;
  const auto rb = spectrakit::power_iteration(b);
  CHECK(rb.status == spectrakit::Status::not_converged);
  CHECK(rb.message.find("complex") != std::string::npos);
}

TEST_CASE("power_iteration edge cases: zero matrix, 1x1, identity, callback, seeds", "[eigen]") {
  const auto z = spectrakit::power_iteration(Matrix<double>::Zero(5, 5));
  REQUIRE(z.converged());
  CHECK(z.value == 0.0);
  CHECK(z.residual == 0.0);
  CHECK(z.iterations == 1);
  Eigen::Matrix<double, 1, 1> one;
  one << -3.0;
  const auto r1 = spectrakit::power_iteration(one);
  REQUIRE(r1.converged());
  CHECK(r1.value == -3.0);
  CHECK(r1.vector(0) == 1.0);
  const auto id = spectrakit::power_iteration(Matrix<double>::Identity(6, 6));
  REQUIRE(id.converged());
  CHECK(id.value == Approx(1.0).epsilon(1e-15));
  CHECK(id.iterations == 1);
  // Shift: A = 0 with shift 2 iterates on -2 I and reports lambda = 0.
  spectrakit::PowerOptions o;
  o.shift = 2;
  const auto zs = spectrakit::power_iteration(Matrix<double>::Zero(3, 3), o);
  REQUIRE(zs.converged());
  CHECK(std::abs(zs.value) <= 1e-15);
  // Callback: called every iteration, false stops.
  std::vector<double> seen;
  spectrakit::PowerOptions oc;
  oc.callback = [&](Eigen::Index it, double est, double res) {
    seen.push_back(res);
    CHECK(it == Eigen::Index(seen.size()));
    CHECK(std::isfinite(est));
    return it < 3;
  };
  Vector<double> d = Vector<double>::LinSpaced(10, 0.0, 1.0);
  d(0) = 1.1;
  const Matrix<double> a = symmetric_with_spectrum(d, 5);
  const auto stopped = spectrakit::power_iteration(a, oc);
  CHECK(stopped.status == spectrakit::Status::not_converged);
  CHECK(stopped.iterations == 3);
  CHECK(seen.size() == 3);
  CHECK(stopped.message.find("callback") != std::string::npos);
  // Iteration limit: not converged, best vector returned with its exact residual.
  spectrakit::PowerOptions few;
  few.max_iterations = 4;
  const auto limited = spectrakit::power_iteration(a, few);
  CHECK(limited.status == spectrakit::Status::not_converged);
  CHECK(limited.message.find("max_iterations") != std::string::npos);
  CHECK(limited.residual == Approx(residual_of(a, limited.vector, limited.value)).epsilon(1e-10));
  // Same seed: bit-identical; another seed: a different start.
  spectrakit::PowerOptions s1, s2;
  s2.seed = 99;
  const auto a1 = spectrakit::power_iteration(a, s1), a2 = spectrakit::power_iteration(a, s1);
  const auto a3 = spectrakit::power_iteration(a, s2);
  CHECK(a1.vector == a2.vector);
  CHECK(a1.value == a2.value);
  CHECK(a1.iterations == a2.iterations);
  CHECK(a3.value == Approx(a1.value).epsilon(1e-10));
}

TEST_CASE("power_iteration: start vectors that are eigenvectors or orthogonal to the dominant one", "[eigen]") {
  Vector<double> d(4);
  d << 3, 2, 1, 0.5;
  const Matrix<double> q = random_orthogonal(4, 17);
  const Matrix<double> a = q * d.asDiagonal() * q.transpose();
  // Already the dominant eigenvector: converged in one iteration.
  spectrakit::PowerOptions o;
  o.initial = q.col(0);
  const auto r = spectrakit::power_iteration(a, o);
  REQUIRE(r.converged());
  CHECK(r.iterations == 1);
  CHECK(r.value == Approx(3.0).epsilon(1e-14));
  // Orthogonal to the dominant eigenvector (here the second eigenvector itself): the dominant
  // pair is still found.
  o.initial = q.col(1);
  const auto r2 = spectrakit::power_iteration(a, o);
  REQUIRE(r2.converged());
  CHECK(r2.value == Approx(3.0).epsilon(1e-10));
  o.initial = q.col(1) + q.col(2);
  const auto r3 = spectrakit::power_iteration(a, o);
  REQUIRE(r3.converged());
  CHECK(r3.value == Approx(3.0).epsilon(1e-10));
}

TEST_CASE("power_iteration: a repeated dominant eigenvalue, any vector of the eigenspace", "[eigen]") {
  Vector<double> d(8);
  d << 5, 5, 5, 1, 0.5, -0.5, -1, 0.2;
  const Matrix<double> q = random_orthogonal(8, 23);
  const Matrix<double> a = q * d.asDiagonal() * q.transpose();
  const auto r = spectrakit::power_iteration(a);
  REQUIRE(r.converged());
  CHECK(r.value == Approx(5.0).epsilon(1e-12));
  const Matrix<double> q1 = q.leftCols(3);
  CHECK((r.vector - q1 * (q1.transpose() * r.vector)).norm() <= 1e-9);  // in the eigenspace
}

// ------------------------------------------------------------------------------------------
// top_eigenpairs and smallest_eigenpairs
// ------------------------------------------------------------------------------------------

TEST_CASE("top_eigenpairs and smallest_eigenpairs against SelfAdjointEigenSolver on random sparse matrices",
          "[eigen]") {
  const Eigen::Index n = 500;
  const Eigen::SparseMatrix<double> a = random_sparse_symmetric(n, 6, 31);
  const Matrix<double> dense(a);
  Eigen::SelfAdjointEigenSolver<Matrix<double>> es(dense);
  const Vector<double> ev = es.eigenvalues();
  const double anorm = ev.cwiseAbs().maxCoeff();
  for (auto method : {spectrakit::EigsMethod::lanczos, spectrakit::EigsMethod::shift_invert,
                      spectrakit::EigsMethod::dense, spectrakit::EigsMethod::automatic}) {
    spectrakit::EigsOptions o;
    o.method = method;
    INFO("method " << spectrakit::to_string(method));
    const auto top = spectrakit::top_eigenpairs(a, 6, o);
    REQUIRE(top.converged());
    CHECK(top.method != spectrakit::EigsMethod::automatic);
    for (Eigen::Index i = 0; i < 6; ++i) {
      CHECK(std::abs(top.values(i) - ev(n - 1 - i)) <= 1e-9 * anorm);
      CHECK(top.residuals(i) <= std::max(1e-10 * std::abs(top.values(i)), 1e-13 * anorm));
    }
    CHECK((top.vectors.transpose() * top.vectors - Matrix<double>::Identity(6, 6)).norm() <= 1e-10);
  }
  // smallest_eigenpairs needs PSD: shift the spectrum.
  const Eigen::SparseMatrix<double> psd = [&] {
    Eigen::SparseMatrix<double> id(n, n);
    id.setIdentity();
    Eigen::SparseMatrix<double> s = a - ev(0) * id;
    return s;
  }();
  for (auto method : {spectrakit::EigsMethod::lanczos, spectrakit::EigsMethod::shift_invert,
                      spectrakit::EigsMethod::automatic}) {
    spectrakit::EigsOptions o;
    o.method = method;
    INFO("method " << spectrakit::to_string(method));
    const auto low = spectrakit::smallest_eigenpairs(psd, 4, o);
    REQUIRE(low.converged());
    for (Eigen::Index i = 0; i < 4; ++i) CHECK(std::abs(low.values(i) - (ev(i) - ev(0))) <= 1e-9 * anorm);
  }
}

TEST_CASE("smallest_eigenpairs on path and grid Laplacians: closed-form spectra", "[eigen]") {
  // Path P_n: 2 - 2cos(pi k / n).
  const Eigen::Index n = 800;
  const Eigen::SparseMatrix<double> grid_line = grid_laplacian(1, n);
  const auto r = spectrakit::smallest_eigenpairs(grid_line, 5);
  REQUIRE(r.converged());
  CHECK(r.method == spectrakit::EigsMethod::shift_invert);
  for (Eigen::Index k = 0; k < 5; ++k)
    CHECK(std::abs(r.values(k) - (2 - 2 * std::cos(pi * double(k) / double(n)))) <= 64 * eps<double>() * 4);
  // Grid P_30 x P_20 (the two smallest non-zero eigenvalues are distinct).
  const Eigen::SparseMatrix<double> g = grid_laplacian(30, 20);
  const auto spec = grid_spectrum(30, 20);
  spectrakit::EigsOptions o;
  o.null_space = Eigen::VectorXd::Ones(600);
  const auto f = spectrakit::smallest_eigenpairs(g, 4, o);
  REQUIRE(f.converged());
  CHECK(std::abs(f.values(0)) <= 1e-14);
  for (Eigen::Index k = 1; k < 4; ++k) CHECK(std::abs(f.values(k) - spec[std::size_t(k)]) <= 1e-13);
  CHECK(f.vectors.col(0).minCoeff() == Approx(1 / std::sqrt(600.0)).epsilon(1e-14));
  CHECK(std::abs(f.vectors.col(1).sum()) <= 1e-10);  // the Fiedler vector is orthogonal to 1
  CHECK(f.method == spectrakit::EigsMethod::shift_invert);  // automatic on a 2-D grid
  CHECK(f.factor_bytes > 0);
  CHECK(f.predicted_factor_bytes > 0);
  // LOBPCG + AMG, the null vector as a constraint: the same pairs and vectors.
  {
    spectrakit::EigsOptions lo = o;
    lo.method = spectrakit::EigsMethod::lobpcg;
    const auto fl = spectrakit::smallest_eigenpairs(g, 4, lo);
    REQUIRE(fl.converged());
    CHECK(fl.method == spectrakit::EigsMethod::lobpcg);
    CHECK(fl.factor_bytes == 0);
    for (Eigen::Index k = 1; k < 4; ++k) CHECK(std::abs(fl.values(k) - spec[std::size_t(k)]) <= 1e-13);
    for (Eigen::Index k = 0; k < 4; ++k)  // up to sign: the grid's vectors tie in magnitude
      CHECK(std::min((fl.vectors.col(k) - f.vectors.col(k)).norm(), (fl.vectors.col(k) + f.vectors.col(k)).norm()) <= 1e-6);
    // A memory budget below the predicted factor: explicit shift_invert returns the status and
    // the prediction without factorizing; automatic takes LOBPCG (smallest) or Lanczos (top).
    lo.method = spectrakit::EigsMethod::shift_invert;
    lo.memory_budget = 1000;
    const auto ob = spectrakit::smallest_eigenpairs(g, 4, lo);
    CHECK(ob.status == spectrakit::Status::out_of_memory_budget);
    CHECK(ob.method == spectrakit::EigsMethod::shift_invert);
    CHECK(ob.predicted_factor_bytes == f.predicted_factor_bytes);
    CHECK(ob.message.find("memory_budget") != std::string::npos);
    CHECK(ob.values.size() == 4);
    spectrakit::EigsOptions to;
    to.method = spectrakit::EigsMethod::shift_invert;
    to.memory_budget = 1000;
    CHECK(spectrakit::top_eigenpairs(g, 3, to).status == spectrakit::Status::out_of_memory_budget);
    to.method = spectrakit::EigsMethod::dense;
    CHECK(spectrakit::top_eigenpairs(g, 3, to).status == spectrakit::Status::out_of_memory_budget);
    to.method = spectrakit::EigsMethod::automatic;
    const auto ta = spectrakit::top_eigenpairs(g, 3, to);
    REQUIRE(ta.converged());
    CHECK(ta.method == spectrakit::EigsMethod::lanczos);
    lo.method = spectrakit::EigsMethod::automatic;
    const auto la = spectrakit::smallest_eigenpairs(g, 4, lo);
    REQUIRE(la.converged());
    CHECK(la.method == spectrakit::EigsMethod::lobpcg);
    CHECK(std::abs(la.values(1) - spec[1]) <= 1e-13);
  }
  // automatic on a scale-free graph: LOBPCG + AMG (the predicted factor fills in).
  {
    const Eigen::SparseMatrix<double> ba =
        spectrakit_bench::laplacian_from_edges<double>(5000, spectrakit_bench::barabasi_albert_edges(5000, 5, 2026));
    spectrakit::EigsOptions bo;
    bo.null_space = Eigen::VectorXd::Ones(5000);
    const auto rb = spectrakit::smallest_eigenpairs(ba, 3, bo);
    REQUIRE(rb.converged());
    CHECK(rb.method == spectrakit::EigsMethod::lobpcg);
    CHECK(rb.predicted_factor_bytes > 0);
    CHECK(rb.values(1) > 1.0);  // BA graphs with m = 5 are expanders: lambda_2 ~ 2.8
  }
  // The same without deflation, and from the top (lambda_max).
  const auto u = spectrakit::smallest_eigenpairs(g, 3);
  REQUIRE(u.converged());
  for (Eigen::Index k = 0; k < 3; ++k) CHECK(std::abs(u.values(k) - spec[std::size_t(k)]) <= 1e-12);
  const auto t = spectrakit::top_eigenpairs(g, 3);
  REQUIRE(t.converged());
  for (Eigen::Index k = 0; k < 3; ++k) CHECK(std::abs(t.values(k) - spec[spec.size() - 1 - std::size_t(k)]) <= 1e-9);
  // Matrix-free Laplacian: Lanczos on -A.
  const auto op = spectrakit::make_operator(600, [&](const Eigen::VectorXd& x, Eigen::VectorXd& y) { y = g * x; });
  const auto m = spectrakit::smallest_eigenpairs(op, 2, o);
  REQUIRE(m.converged());
  CHECK(m.method == spectrakit::EigsMethod::lanczos);
  CHECK(std::abs(m.values(1) - spec[1]) <= 1e-10);
}

TEMPLATE_TEST_CASE("top_eigenpairs and smallest_eigenpairs in float and double, dense path, k = n", "[eigen]", float,
                   double) {
  const Eigen::Index n = 12;
  Vector<double> d = Vector<double>::LinSpaced(n, 0.0, 11.0);
  const Matrix<TestType> a = symmetric_with_spectrum<TestType>(d, 2);
  const auto all = spectrakit::top_eigenpairs(a, n);
  REQUIRE(all.converged());
  CHECK(all.method == spectrakit::EigsMethod::dense);
  const TestType tol = TestType(32) * TestType(n) * eps<TestType>() * TestType(11);
  for (Eigen::Index i = 0; i < n; ++i) CHECK(std::abs(all.values(i) - TestType(11 - i)) <= tol);
  const auto low = spectrakit::smallest_eigenpairs(a, n);
  for (Eigen::Index i = 0; i < n; ++i) CHECK(std::abs(low.values(i) - TestType(i)) <= tol);
  // 1x1.
  Eigen::Matrix<TestType, 1, 1> one;
  one << TestType(2);
  CHECK(spectrakit::top_eigenpairs(one, 1).values(0) == TestType(2));
  CHECK(spectrakit::smallest_eigenpairs(one, 1).vectors(0, 0) == TestType(1));
  // Zero matrix and identity (repeated eigenvalues) through Lanczos.
  const Eigen::Index big = 400;
  Eigen::SparseMatrix<TestType> id(big, big);
  id.setIdentity();
  spectrakit::EigsOptions o;
  o.method = spectrakit::EigsMethod::lanczos;
  const auto ri = spectrakit::top_eigenpairs(id, 3, o);
  REQUIRE(ri.converged());
  for (Eigen::Index i = 0; i < 3; ++i) CHECK(std::abs(ri.values(i) - TestType(1)) <= TestType(8) * eps<TestType>());
  CHECK((ri.vectors.transpose() * ri.vectors - Matrix<TestType>::Identity(3, 3)).norm() <= TestType(64) * eps<TestType>());
  const Eigen::SparseMatrix<TestType> zero(big, big);
  const auto rz = spectrakit::smallest_eigenpairs(zero, 2);
  REQUIRE(rz.converged());
  CHECK(rz.values(0) == TestType(0));
  // LOBPCG + AMG and shift-invert agree on a grid Laplacian, the constant vector deflated.
  const Eigen::SparseMatrix<TestType> gl = grid_laplacian<TestType>(20, 19);
  const auto spec = grid_spectrum(20, 19);
  spectrakit::EigsOptions lo;
  lo.null_space = Eigen::VectorXd::Ones(380);
  lo.tolerance = std::is_same<TestType, float>::value ? 1e-3 : 1e-10;
  lo.method = spectrakit::EigsMethod::lobpcg;
  const auto rl = spectrakit::smallest_eigenpairs(gl, 4, lo);
  lo.method = spectrakit::EigsMethod::shift_invert;
  const auto rs = spectrakit::smallest_eigenpairs(gl, 4, lo);
  REQUIRE(rl.converged());
  REQUIRE(rs.converged());
  CHECK(rl.method == spectrakit::EigsMethod::lobpcg);
  const TestType vtol = std::is_same<TestType, float>::value ? TestType(1e-4) : TestType(1e-12);
  for (Eigen::Index k = 1; k < 4; ++k) {
    CHECK(std::abs(double(rl.values(k)) - spec[std::size_t(k)]) <= double(vtol));
    CHECK(std::abs(rl.values(k) - rs.values(k)) <= vtol);
  }
  for (Eigen::Index k = 0; k < 4; ++k)  // up to sign: the grid's vectors tie in magnitude
    CHECK(std::min((rl.vectors.col(k) - rs.vectors.col(k)).norm(), (rl.vectors.col(k) + rs.vectors.col(k)).norm()) <=
          (std::is_same<TestType, float>::value ? TestType(1e-2) : TestType(1e-6)));
}

TEST_CASE("top_eigenpairs: Lanczos, shift-invert and matrix-free agree on a grid", "[eigen]") {
  const Eigen::SparseMatrix<double> g = grid_laplacian(25, 24);
  const auto spec = grid_spectrum(25, 24);
  const Eigen::SparseMatrix<double, Eigen::RowMajor> gr = g;
  const auto op = spectrakit::make_operator(600, [&](const Eigen::VectorXd& x, Eigen::VectorXd& y) { y = g * x; });
  spectrakit::EigsOptions o;
  const auto a = spectrakit::top_eigenpairs(g, 4, o);
  const auto b = spectrakit::top_eigenpairs(gr, 4, o);
  const auto c = spectrakit::top_eigenpairs(op, 4, o);
  o.method = spectrakit::EigsMethod::shift_invert;
  const auto s = spectrakit::top_eigenpairs(g, 4, o);
  for (const auto* r : {&a, &b, &c, &s}) {
    REQUIRE(r->converged());
    for (Eigen::Index k = 0; k < 4; ++k) CHECK(std::abs(r->values(k) - spec[spec.size() - 1 - std::size_t(k)]) <= 1e-9);
  }
}

// ------------------------------------------------------------------------------------------
// Bad input
// ------------------------------------------------------------------------------------------

namespace {
struct NonSquareOp {
  using Scalar = double;
  Eigen::Index rows() const { return 3; }
  Eigen::Index cols() const { return 4; }
  void apply(const Eigen::VectorXd& x, Eigen::VectorXd& y) const { y = Eigen::VectorXd::Zero(3) * x.sum(); }
};
}  // namespace

TEST_CASE("eigen: bad input throws invalid_input naming the argument", "[eigen]") {
  const Matrix<double> rect = Matrix<double>::Ones(3, 4);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::power_iteration(rect), "argument 'A' must be square, got 3x4");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::power_iteration(Matrix<double>(0, 0)), "argument 'A' must not be empty");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::power_iteration(NonSquareOp{}), "argument 'A' must be square");
  Matrix<double> nan = Matrix<double>::Identity(3, 3);
  nan(1, 2) = std::numeric_limits<double>::quiet_NaN();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::power_iteration(nan), "argument 'A' has NaN or Inf");
  Eigen::SparseMatrix<double> snan = nan.sparseView();
  snan.coeffRef(0, 0) = std::numeric_limits<double>::infinity();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::top_eigenpairs(snan, 1), "argument 'A' has NaN or Inf");
  const Matrix<double> a = Matrix<double>::Identity(3, 3);
  spectrakit::PowerOptions o;
  o.initial = Eigen::VectorXd::Ones(2);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::power_iteration(a, o), "option 'initial' must be empty or have size n = 3");
  o.initial = Eigen::VectorXd::Zero(3);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::power_iteration(a, o), "option 'initial' must not be the zero vector");
  o.initial = Eigen::VectorXd::Constant(3, std::numeric_limits<double>::quiet_NaN());
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::power_iteration(a, o), "option 'initial' has NaN or Inf");
  o = {};
  o.tolerance = 0;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::power_iteration(a, o), "option 'tolerance' must be positive");
  o.tolerance = -1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::inverse_iteration(a, 0.5, o), "option 'tolerance' must be positive");
  o = {};
  o.max_iterations = 0;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::power_iteration(a, o), "option 'max_iterations' must be at least 1");
  o = {};
  o.shift = std::numeric_limits<double>::infinity();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::power_iteration(a, o), "option 'shift' must be finite");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::inverse_iteration(a, std::nan("")), "argument 'shift' must be finite");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::rayleigh_quotient(a, Eigen::Vector2d(1, 1)), "argument 'x' must be a vector of size 3");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::rayleigh_quotient(a, Eigen::Vector3d::Zero()), "argument 'x' must not be the zero vector");
  // k out of range, asymmetric, indefinite, options.
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::top_eigenpairs(a, 0), "argument 'k' must be in [1, 3], got 0");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::smallest_eigenpairs(a, 4), "argument 'k' must be in [1, 3], got 4");
  Matrix<double> asym = Matrix<double>::Identity(3, 3);
  asym(0, 1) = 1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::top_eigenpairs(asym, 1), "argument 'A' must be symmetric");
  const Eigen::SparseMatrix<double> sasym = asym.sparseView();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::top_eigenpairs(sasym, 1), "argument 'A' must be symmetric");
  const auto opasym = spectrakit::make_operator(3, [&](const Eigen::VectorXd& x, Eigen::VectorXd& y) { y = asym * x; });
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::top_eigenpairs(opasym, 1), "argument 'A' must be symmetric");
  const Matrix<double> indef = -Matrix<double>::Identity(3, 3);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::smallest_eigenpairs(indef, 1), "argument 'A' must be positive semidefinite");
  const Eigen::SparseMatrix<double> sindef = -grid_laplacian(20, 20);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::smallest_eigenpairs(sindef, 2), "argument 'A' must be positive semidefinite");
  spectrakit::EigsOptions e;
  e.tolerance = 0;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::top_eigenpairs(a, 1, e), "option 'tolerance'");
  e = {};
  e.krylov_dimension = 2;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::top_eigenpairs(a, 2, e), "option 'krylov_dimension'");
  e = {};
  e.null_space = Eigen::VectorXd::Ones(3);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::top_eigenpairs(a, 1, e), "option 'null_space'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::smallest_eigenpairs(a, 1, e), "option 'null_space' column 0 is not a null vector");
  e.null_space = Eigen::VectorXd::Ones(4);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::smallest_eigenpairs(a, 1, e), "option 'null_space' must have n = 3 rows");
  const auto opsmall = spectrakit::make_operator(3, [&](const Eigen::VectorXd& x, Eigen::VectorXd& y) { y = x; });
  e = {};
  e.method = spectrakit::EigsMethod::shift_invert;
  e.dense_threshold = 0;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::smallest_eigenpairs(opsmall, 1, e), "option 'method'");
  // method and memory_budget values; lobpcg needs a sparse matrix and the smallest pairs.
  e = {};
  e.method = static_cast<spectrakit::EigsMethod>(17);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::smallest_eigenpairs(a, 1, e), "option 'method' must be automatic");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::top_eigenpairs(a, 1, e), "option 'method' must be automatic");
  e = {};
  e.memory_budget = static_cast<std::size_t>(-1);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::smallest_eigenpairs(a, 1, e), "option 'memory_budget'");
  e = {};
  e.method = spectrakit::EigsMethod::lobpcg;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::smallest_eigenpairs(a, 1, e), "option 'method' lobpcg needs an Eigen::SparseMatrix");
  const Eigen::SparseMatrix<double> sa = a.sparseView();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::top_eigenpairs(sa, 1, e), "option 'method' lobpcg computes the smallest");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::make_operator(-1, [](const Eigen::VectorXd&, Eigen::VectorXd&) {}), "argument 'n'");
}

// ------------------------------------------------------------------------------------------
// Regressions of the defects the property tests found (tests/test_rapidcheck.cpp, K1, K2, K9).

TEST_CASE("top_eigenpairs and smallest_eigenpairs, lanczos and shift_invert: repeated wanted eigenvalues keep their "
          "multiplicity",
          "[eigen]") {
  // Single-vector Krylov holds one vector of each eigenspace: it used to return a repeated
  // eigenvalue once, the next one in the other slot, with status success. The cases are those
  // the property test found (its generator: each eigenvalue repeats the previous one, is a
  // 1e-9 relative neighbour of it, is 0 or is uniform in [-1, 1), |.| for the smallest pairs).
  struct Case {
    std::uint64_t seed;
    Eigen::Index n, k;
    bool smallest;
    spectrakit::EigsMethod method;
  };
  using M = spectrakit::EigsMethod;
  const Case cases[] = {{0, 7, 2, true, M::lanczos},        {2, 7, 2, false, M::shift_invert},
                        {2, 7, 4, false, M::lanczos},       {2, 7, 3, true, M::shift_invert},
                        {0, 12, 4, true, M::lanczos},       {1, 40, 4, true, M::lanczos},
                        {2, 40, 3, false, M::shift_invert}, {2, 40, 4, true, M::lanczos}};
  for (const Case& c : cases) {
    std::mt19937_64 rng(c.seed + 11);
    std::uniform_int_distribution<int> pick(0, 3);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    Vector<double> d(c.n);
    for (Eigen::Index i = 0; i < c.n; ++i) {
      const int kind = pick(rng);
      d(i) = kind == 0 && i > 0 ? d(i - 1) : kind == 1 && i > 0 ? d(i - 1) * (1 + 1e-9) : kind == 2 ? 0.0 : u(rng);
      if (c.smallest) d(i) = std::abs(d(i));
    }
    const Matrix<double> a = symmetric_with_spectrum_double(d, c.seed);
    const Eigen::SparseMatrix<double> as = a.sparseView(0.0, 0.0);
    std::vector<double> want(d.data(), d.data() + c.n);
    std::sort(want.begin(), want.end());
    if (!c.smallest) std::reverse(want.begin(), want.end());
    spectrakit::EigsOptions o;
    o.method = c.method;
    o.seed = c.seed;
    o.tolerance = 4 * eps<double>();
    for (int sparse = 0; sparse < 2; ++sparse) {
      INFO("seed " << c.seed << ", n = " << c.n << ", k = " << c.k << (c.smallest ? ", smallest, " : ", top, ")
                   << spectrakit::to_string(c.method) << (sparse ? ", sparse" : ", dense"));
      const auto r = sparse ? (c.smallest ? spectrakit::smallest_eigenpairs(as, c.k, o) : spectrakit::top_eigenpairs(as, c.k, o))
                            : (c.smallest ? spectrakit::smallest_eigenpairs(a, c.k, o) : spectrakit::top_eigenpairs(a, c.k, o));
      INFO("values " << r.values.transpose() << ", " << r.message);
      REQUIRE(r.converged());
      const double tol = 16.0 * double(c.n) * eps<double>();
      for (Eigen::Index j = 0; j < c.k; ++j) {
        CHECK(std::abs(r.values(j) - want[std::size_t(j)]) <= tol);
        CHECK(r.residuals(j) <= tol);
      }
      CHECK((r.vectors.transpose() * r.vectors - Matrix<double>::Identity(c.k, c.k)).cwiseAbs().maxCoeff() <= tol);
    }
  }
}

TEMPLATE_TEST_CASE("top_eigenpairs and smallest_eigenpairs, iterative methods: entries near 1e+-200 (float 1e+-20)",
                   "[eigen]", float, double) {
  // 2-norms of vectors of such entries overflow or flush to zero: a zero vector or a residual
  // far above its bound used to come with status success.
  const bool single = std::is_same<TestType, float>::value;
  const Eigen::Index n = 40;
  const Vector<double> d = Vector<double>::LinSpaced(n, 0.1, 2.0);
  for (double scale : {single ? 1e20 : 1e200, single ? 1e-20 : 1e-200}) {
    const Matrix<TestType> a = (symmetric_with_spectrum<double>(d, 9) * scale).cast<TestType>();
    const Eigen::SparseMatrix<TestType> as = a.sparseView(TestType(0), TestType(0));
    const double tol = 16.0 * double(n) * double(eps<TestType>());
    const Matrix<double> a64 = a.template cast<double>();
    const double norm = a64.cwiseAbs().colwise().sum().maxCoeff();
    auto check_pairs = [&](const spectrakit::EigenPairs<TestType>& r, bool smallest) {
      INFO("scale " << scale << ", method " << spectrakit::to_string(r.method) << ", " << r.message);
      REQUIRE(r.converged());
      for (Eigen::Index j = 0; j < r.values.size(); ++j) {
        const Vector<double> v = r.vectors.col(j).template cast<double>();
        CHECK(std::abs(v.stableNorm() - 1.0) <= tol);
        CHECK((a64 * v - double(r.values(j)) * v).stableNorm() <= tol * norm);
        CHECK(double(r.residuals(j)) <= tol * norm);
        const double want = (smallest ? d(j) : d(n - 1 - j)) * scale;
        CHECK(std::abs(double(r.values(j)) - want) <= tol * norm);
      }
    };
    for (auto method : {spectrakit::EigsMethod::lanczos, spectrakit::EigsMethod::shift_invert}) {
      spectrakit::EigsOptions o;
      o.method = method;
      o.tolerance = 4 * double(eps<TestType>());
      check_pairs(spectrakit::top_eigenpairs(a, 2, o), false);
      check_pairs(spectrakit::smallest_eigenpairs(a, 2, o), true);
      check_pairs(spectrakit::top_eigenpairs(as, 2, o), false);
      check_pairs(spectrakit::smallest_eigenpairs(as, 2, o), true);
    }
    spectrakit::EigsOptions o;
    o.method = spectrakit::EigsMethod::lobpcg;
    o.tolerance = 4 * double(eps<TestType>());
    check_pairs(spectrakit::smallest_eigenpairs(as, 2, o), true);
  }
}

TEST_CASE("smallest_eigenpairs, shift_invert, dense zero matrix: the zero pairs, not 'not positive semidefinite'",
          "[eigen]") {
  // The shift -sqrt(eps) ||A||_1 was 0 for A = 0 and the Cholesky of A - 0 I failed.
  spectrakit::EigsOptions o;
  o.method = spectrakit::EigsMethod::shift_invert;
  const Matrix<double> zero = Matrix<double>::Zero(40, 40);
  const auto r = spectrakit::smallest_eigenpairs(zero, 3, o);
  REQUIRE(r.converged());
  CHECK(r.values.cwiseAbs().maxCoeff() == 0.0);
  CHECK((r.vectors.transpose() * r.vectors - Matrix<double>::Identity(3, 3)).cwiseAbs().maxCoeff() <= 1e-14);
  const Matrix<float> zf = Matrix<float>::Zero(7, 7);
  REQUIRE(spectrakit::smallest_eigenpairs(zf, 2, o).converged());
}

TEST_CASE("eigen: an overflowing or infinite matrix terminates (no endless rescaling)", "[eigen][scaling]") {
  // ||A||_1 = Inf from finite entries is rescaled once; an Inf entry cannot be and is solved as
  // given. Either way the call returns (or rejects A), it does not recurse without end.
  const double big = 0.6 * std::numeric_limits<double>::max();  // ||A||_1 = 1.2 max: Inf
  Eigen::MatrixXd a(2, 2);
  a << big, big, big, -big;  // eigenvalues +-sqrt(2) big = +-0.85 max
  const auto finite = spectrakit::top_eigenpairs(a, 1);
  REQUIRE(finite.converged());
  CHECK(std::abs(finite.values(0) - std::sqrt(2.0) * big) <= 1e-14 * std::sqrt(2.0) * big);
  a(1, 1) = std::numeric_limits<double>::infinity();
  try {
    static_cast<void>(spectrakit::top_eigenpairs(a, 1));
    static_cast<void>(spectrakit::smallest_eigenpairs(a, 1));
  } catch (const spectrakit::invalid_input& e) {
    SUCCEED(e.what());
  }
}
