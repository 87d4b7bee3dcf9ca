// Tests of the low_rank module: the notes' closed forms (seed 002), Eckart-Young on random
// matrices, Hilbert and Vandermonde displacement identities, and bad input.
#include <Eigen/Dense>
#include <cmath>
#include <limits>
#include <spectrakit/low_rank.hpp>
#include <spectrakit/norms.hpp>

#include "spectrakit_catch.hpp"
#include "test_util.hpp"

using namespace spectrakit_test;
using Catch::Approx;

TEST_CASE("the notes' X_jk = 1 + j + jk has rank 2 (the notes only bound it by 3)", "[low_rank]") {
  for (Eigen::Index n : {2, 3, 10, 60}) {
    Matrix<double> x(n, n);
    for (Eigen::Index j = 1; j <= n; ++j)
      for (Eigen::Index k = 1; k <= n; ++k) x(j - 1, k - 1) = double(1 + j + j * k);
    INFO("n = " << n);
    // X = (1 + j) 1^T + j k^T: two rank-one terms, since 1 1^T + j 1^T = (1 + j) 1^T.
    CHECK(spectrakit::numerical_rank(x) == 2);
    CHECK(spectrakit::epsilon_rank(x, 1e-12) == 2);
  }
}

TEST_CASE("epsilon_rank of Hilbert matrices: H_1000 at 1e-15 is 27, far below Reade's bound 719", "[low_rank]") {
  const Matrix<double> h = spectrakit::hilbert_matrix(1000);
  const Eigen::Index r = spectrakit::epsilon_rank(h, 1e-15);
  CHECK(r <= 719);
  CHECK(r == 27);
  // Independent check: H is symmetric positive definite, so its singular values are its
  // eigenvalues; the symmetric eigen-solver counts the same. (Verified in long double too:
  // sigma_27 / sigma_1 = 2.781e-15, sigma_28 / sigma_1 = 6.196e-16.)
  const Vector<double> lambda = reference_eigenvalues(h).reverse();
  Eigen::Index count = 0;
  while (lambda(count) >= 1e-15 * lambda(0)) ++count;
  CHECK(count == 27);
  const Vector<double> sigma = spectrakit::singular_values(h);
  CHECK(sigma(26) / sigma(0) == Approx(2.781e-15).epsilon(1e-2));  // absolute error ~ 0.03 eps sigma_1
  CHECK(sigma(27) / sigma(0) < 1e-15);

  // Smaller orders against known ranks.
  CHECK(spectrakit::epsilon_rank(spectrakit::hilbert_matrix(10), 1e-15) == 10);
  CHECK(spectrakit::epsilon_rank(spectrakit::hilbert_matrix(100), 1e-10) == 14);
  CHECK(spectrakit::epsilon_rank(spectrakit::hilbert_matrix(100), 1e-3) == 5);
}

TEMPLATE_TEST_CASE("epsilon_rank on chosen singular values and edge cases", "[low_rank]", float, double) {
  Vector<double> s(6);
  s << 1, 0.5, 1e-2, 1e-3, 1e-5, 0;
  const Matrix<TestType> a = matrix_with_singular_values<TestType>(8, 6, s, 3);
  CHECK(spectrakit::epsilon_rank(a, 0.9) == 1);
  CHECK(spectrakit::epsilon_rank(a, 0.4) == 2);
  CHECK(spectrakit::epsilon_rank(a, 5e-3) == 3);
  CHECK(spectrakit::epsilon_rank(a, 5e-4) == 4);
  CHECK(spectrakit::numerical_rank(a, 1e-4) == 4);
  CHECK(spectrakit::epsilon_rank(Matrix<TestType>::Zero(4, 3), 0.5) == 0);
  CHECK(spectrakit::numerical_rank(Matrix<TestType>::Zero(4, 3)) == 0);
  CHECK(spectrakit::epsilon_rank(Matrix<TestType>(0, 0), 0.5) == 0);
  CHECK(spectrakit::numerical_rank(Matrix<TestType>::Identity(5, 5)) == 5);
  Eigen::Matrix<TestType, 1, 1> one(TestType(-3));
  CHECK(spectrakit::epsilon_rank(one, 0.5) == 1);
}

TEMPLATE_TEST_CASE("low_rank_approximation: Eckart-Young on random matrices", "[low_rank]", float, double) {
  using M = Matrix<TestType>;
  const Eigen::Index m = 12, n = 9;
  const M a = random_normal<TestType>(m, n, 42);
  const auto sigma = spectrakit::singular_values(a);
  const TestType tol = TestType(16) * TestType(m) * eps<TestType>() * sigma(0);
  for (Eigen::Index k : {0, 1, 3, 8, 9}) {
    INFO("k = " << k);
    const auto approx = spectrakit::low_rank_approximation(a, k);
    REQUIRE(approx.rank() == k);
    REQUIRE(approx.U.rows() == m);
    REQUIRE(approx.U.cols() == k);
    REQUIRE(approx.V.rows() == n);
    REQUIRE(approx.V.cols() == k);
    CHECK((approx.U.transpose() * approx.U - M::Identity(k, k)).norm() <= tol / sigma(0));
    CHECK((approx.V.transpose() * approx.V - M::Identity(k, k)).norm() <= tol / sigma(0));
    CHECK((approx.singular_values - sigma.head(k)).norm() <= tol);
    const M residual = a - approx.matrix();
    // ||A - A_k||_2 = sigma_{k+1}, ||A - A_k||_F = sqrt(sum_{i>k} sigma_i^2)
    CHECK(std::abs(spectrakit::spectral_norm(residual) - approx.error_spectral) <= tol);
    CHECK(std::abs(spectrakit::frobenius_norm(residual) - approx.error_frobenius) <= tol);
    CHECK(std::abs(approx.error_spectral - (k < n ? sigma(k) : TestType(0))) <= tol);
    CHECK(approx.storage() == k * (m + n));
    // No random rank-k matrix beats A_k (Eckart-Young), in either norm.
    if (k > 0 && k < n) {
      for (std::uint64_t trial = 0; trial < 20; ++trial) {
        const M b = random_normal<TestType>(m, k, 1000 + trial) * random_normal<TestType>(k, n, 2000 + trial);
        // also rank-k perturbations of A_k itself, which come close
        const M c = approx.matrix() + TestType(0.01) * random_normal<TestType>(m, 1, 3000 + trial) *
                                          random_normal<TestType>(1, n, 4000 + trial);
        const M c_k = spectrakit::low_rank_approximation(c, k).matrix();
        CHECK(spectrakit::spectral_norm(M(a - b)) >= approx.error_spectral - tol);
        CHECK(spectrakit::spectral_norm(M(a - c_k)) >= approx.error_spectral - tol);
        CHECK(spectrakit::frobenius_norm(a - c_k) >= approx.error_frobenius - tol);
      }
    }
  }
  // k = min(m, n) reproduces A; k = 0 is the zero matrix with the full norms as errors.
  CHECK((spectrakit::low_rank_approximation(a, n).matrix() - a).norm() <= tol);
  const auto zero = spectrakit::low_rank_approximation(a, 0);
  CHECK(zero.matrix().norm() == TestType(0));
  CHECK(zero.error_spectral == Approx(sigma(0)).epsilon(16 * eps<TestType>()));
  CHECK(zero.error_frobenius == Approx(a.norm()).epsilon(64 * eps<TestType>()));
}

TEST_CASE("low_rank_approximation of an exactly low-rank matrix has zero error", "[low_rank]") {
  Vector<double> s(3);
  s << 5, 2, 1;
  const Matrix<double> a = matrix_with_singular_values(7, 7, (Vector<double>(7) << s, Vector<double>::Zero(4)).finished(), 9);
  const auto approx = spectrakit::low_rank_approximation(a, 3);
  CHECK(approx.error_spectral <= 32 * 7 * eps<double>() * 5);
  CHECK((approx.matrix() - a).norm() <= 32 * 7 * eps<double>() * 5);
  CHECK(spectrakit::numerical_rank(a) == 3);
}

TEST_CASE("Hilbert displacement identity: diag(i - 1/2) H - H diag(-j + 1/2) = ones", "[low_rank]") {
  const Eigen::Index n = 50;
  const Matrix<double> h = spectrakit::hilbert_matrix(n);
  Vector<double> left(n), right(n);
  for (Eigen::Index i = 1; i <= n; ++i) {
    left(i - 1) = double(i) - 0.5;
    right(i - 1) = -double(i) + 0.5;
  }
  const Matrix<double> c = left.asDiagonal() * h - h * right.asDiagonal();
  CHECK((c - Matrix<double>::Ones(n, n)).cwiseAbs().maxCoeff() <= 4 * eps<double>());
  CHECK(spectrakit::numerical_rank(c) == 1);  // displacement rank 1
  CHECK(h(0, 0) == 1.0);
  CHECK(h(2, 3) == 1.0 / 6.0);
  CHECK((h - h.transpose()).norm() == 0.0);
  CHECK(spectrakit::hilbert_matrix<float>(3)(1, 2) == 0.25f);
  CHECK(spectrakit::hilbert_matrix(0).size() == 0);
}

TEST_CASE("Vandermonde displacement identity: A V - V B = C, zero but its last column", "[low_rank]") {
  const Eigen::Index n = 6;
  Vector<double> x(n);
  x << -1.0, -0.5, 0.25, 0.5, 0.75, 1.0;
  const Matrix<double> v = spectrakit::vandermonde_matrix(x);
  REQUIRE(v.rows() == n);
  REQUIRE(v.cols() == n);
  CHECK(v(3, 2) == 0.25);  // x_4^2
  // A = diag(x); B = down-shift (B_{j+1,j} = 1) with B_{1,n} = -1; C = A V - V B.
  Matrix<double> b = Matrix<double>::Zero(n, n);
  for (Eigen::Index j = 0; j + 1 < n; ++j) b(j + 1, j) = 1.0;
  b(0, n - 1) = -1.0;
  const Matrix<double> c = x.asDiagonal() * v - v * b;
  Matrix<double> expected = Matrix<double>::Zero(n, n);
  for (Eigen::Index i = 0; i < n; ++i) expected(i, n - 1) = std::pow(x(i), double(n)) + 1.0;
  CHECK((c - expected).cwiseAbs().maxCoeff() <= 4 * eps<double>());
  CHECK(spectrakit::numerical_rank(c) == 1);
  // Rectangular and row-vector input
  const Eigen::RowVector3d row(1, 2, 3);
  const Matrix<double> w = spectrakit::vandermonde_matrix(row, 4);
  CHECK(w.rows() == 3);
  CHECK(w.cols() == 4);
  CHECK(w(2, 3) == 27.0);
  // numerically low rank in the sense of decaying singular values (real nodes in [0, 1])
  Vector<double> nodes = Vector<double>::LinSpaced(100, 0.0, 1.0);
  CHECK(spectrakit::epsilon_rank(spectrakit::vandermonde_matrix(nodes), 1e-15) < 40);
}

TEST_CASE("low_rank: bad input throws invalid_input naming the argument", "[low_rank][errors]") {
  const Matrix<double> a = random_normal(4, 3, 1);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::low_rank_approximation(a, 4), "'k' must be in [0, 3], got 4");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::low_rank_approximation(a, -1), "'k'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::epsilon_rank(a, 0.0), "'eps' must be in (0, 1)");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::epsilon_rank(a, 1.0), "'eps'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::epsilon_rank(a, std::nan("")), "'eps'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::numerical_rank(a, std::nan("")), "'tolerance'");
  Matrix<double> bad = a;
  bad(1, 1) = std::numeric_limits<double>::infinity();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::low_rank_approximation(bad, 1), "'A' has NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::epsilon_rank(bad, 0.1), "NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::hilbert_matrix(-1), "'n' must be >= 0");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::vandermonde_matrix(a), "'x' must be a vector");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::vandermonde_matrix(Vector<double>::Ones(3), -2), "'columns'");
  Vector<double> nan_x = Vector<double>::Ones(3);
  nan_x(0) = std::nan("");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::vandermonde_matrix(nan_x), "'x' has NaN or Inf");
}

// Regression of a defect the property tests found (tests/test_rapidcheck.cpp, K8).
TEST_CASE("low_rank_approximation: repeated and strongly graded singular values, error = sigma_{k+1}", "[low_rank]") {
  // Eigen 3.4's BDCSVD missed sigma_{k+1} by up to 4e6 eps sigma_1 on these (seeds 68, 145, 152
  // of the property's generator: steps sigma_{i+1} / sigma_i of 10^{-j/4}, j in [0, 8]).
  const Eigen::Index n = 40;
  for (std::uint64_t seed : {68u, 145u, 152u}) {
    Vector<double> s(n);
    std::mt19937_64 rng(seed + 5);
    std::uniform_int_distribution<int> step(0, 8);
    for (Eigen::Index i = 0; i < n; ++i) s(i) = i == 0 ? 1.0 : s(i - 1) * std::pow(10.0, -0.25 * step(rng));
    const Matrix<double> a = matrix_with_singular_values_double(n, n, s, seed);
    const double tol = 16.0 * double(n) * eps<double>();
    for (Eigen::Index k = 0; k < n; ++k) {
      INFO("seed " << seed << ", k = " << k);
      const auto r = spectrakit::low_rank_approximation(a, k);
      CHECK(std::abs(r.error_spectral - s(k)) <= tol);
      CHECK(std::abs(spectrakit::spectral_norm(Matrix<double>(a - r.matrix())) - s(k)) <= tol);
      CHECK(std::abs(r.error_frobenius - s.tail(n - k).stableNorm()) <= tol);
    }
  }
}
