// Tests of the norms module: the notes' closed forms (seed 003), identities on random
// matrices, overflow/underflow safety and bad input.
#include <Eigen/Dense>
#include <cmath>
#include <limits>
#include <spectrakit/norms.hpp>

#include "spectrakit_catch.hpp"
#include "test_util.hpp"

using namespace spectrakit_test;
using Catch::Approx;

TEMPLATE_TEST_CASE("frobenius_norm: the notes' vector [3, -4] has norm 5", "[norms]", float, double) {
  Eigen::Matrix<TestType, 2, 1> w(3, -4);
  CHECK(spectrakit::frobenius_norm(w) == TestType(5));
}

TEMPLATE_TEST_CASE("frobenius_norm three ways: entries, singular values, trace of A^T A", "[norms]", float,
                   double) {
  using M = Matrix<TestType>;
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const Eigen::Index m = 7 + Eigen::Index(seed), n = 5;
    const M a = random_normal<TestType>(m, n, seed);
    const TestType fro = spectrakit::frobenius_norm(a);
    const TestType via_sigma = std::sqrt(spectrakit::singular_values(a).squaredNorm());
    const TestType via_trace = std::sqrt(spectrakit::trace_of_product(M(a.transpose()), a));
    const TestType tol = TestType(4) * TestType(m * n) * eps<TestType>() * fro;
    INFO("seed " << seed);
    CHECK(std::abs(fro - via_sigma) <= tol);
    CHECK(std::abs(fro - via_trace) <= tol);
    CHECK(std::abs(fro - a.norm()) <= tol);
  }
}

TEST_CASE("frobenius_norm is safe from overflow and underflow", "[norms]") {
  Eigen::Matrix2d big;
  big << 3e300, 0, 0, -4e300;
  CHECK(big.norm() == std::numeric_limits<double>::infinity());  // the naive formula overflows
  CHECK(spectrakit::frobenius_norm(big) == Approx(5e300).epsilon(1e-15));
  Eigen::Matrix2d tiny;
  tiny << 3e-300, 0, 0, -4e-300;
  CHECK(tiny.norm() == 0.0);  // the naive formula underflows
  CHECK(spectrakit::frobenius_norm(tiny) == Approx(5e-300).epsilon(1e-15));
  Eigen::Vector2f bigf(3e30f, -4e30f);
  CHECK(spectrakit::frobenius_norm(bigf) == Approx(5e30f).epsilon(1e-6));
  Eigen::Vector2f tinyf(3e-30f, -4e-30f);
  CHECK(spectrakit::frobenius_norm(tinyf) == Approx(5e-30f).epsilon(1e-6));
  // Mixed scales: the huge entry dominates, the tiny one must not turn into NaN.
  Eigen::Vector3d mixed(1e300, 1e-300, 0);
  CHECK(spectrakit::frobenius_norm(mixed) == 1e300);
}

TEST_CASE("frobenius_norm accepts expressions, blocks, maps and row-major storage", "[norms]") {
  const Matrix<double> a = random_normal(6, 4, 11);
  const double expected = a.norm();
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> r = a;
  Eigen::Map<const Matrix<double>> map(a.data(), 6, 4);
  CHECK(spectrakit::frobenius_norm(r) == Approx(expected).epsilon(1e-15));
  CHECK(spectrakit::frobenius_norm(map) == Approx(expected).epsilon(1e-15));
  CHECK(spectrakit::frobenius_norm(a.block(1, 1, 3, 2)) == Approx(a.block(1, 1, 3, 2).norm()).epsilon(1e-15));
  CHECK(spectrakit::frobenius_norm(2.0 * a) == Approx(2 * expected).epsilon(1e-15));
  CHECK(spectrakit::frobenius_norm(a * a.transpose()) == Approx((a * a.transpose()).norm()).epsilon(1e-14));
  CHECK(spectrakit::frobenius_norm(Matrix<double>(0, 0)) == 0.0);
  CHECK(spectrakit::frobenius_norm(Matrix<double>::Zero(3, 3)) == 0.0);
}

TEST_CASE("trace and trace_of_product", "[norms]") {
  Eigen::Matrix3d a;
  a << 1, 2, 3, 4, 5, 6, 7, 8, 10;
  CHECK(spectrakit::trace(a) == 16.0);
  CHECK(spectrakit::trace(Matrix<double>(0, 0)) == 0.0);

  // tr(AB) without AB, against the product, on rectangular shapes and across the tile edge.
  for (Eigen::Index m : {1, 3, 64, 65, 130}) {
    const Matrix<double> x = random_normal(m, 70, 100 + std::uint64_t(m));
    const Matrix<double> y = random_normal(70, m, 200 + std::uint64_t(m));
    const double expected = (x * y).trace();
    const double tol = 8.0 * 70 * eps<double>() * (x.norm() * y.norm());
    INFO("m = " << m);
    CHECK(std::abs(spectrakit::trace_of_product(x, y) - expected) <= tol);
    CHECK(std::abs(spectrakit::trace_of_product(y, x) - expected) <= tol);  // tr(AB) = tr(BA)
  }
}

TEMPLATE_TEST_CASE("trace_of_product on every storage order, blocks and expressions", "[norms]", float, double) {
  using RowMajor = Eigen::Matrix<TestType, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Matrix<TestType> x = random_normal<TestType>(37, 21, 5);
  const Matrix<TestType> y = random_normal<TestType>(21, 37, 6);
  const TestType expected = (x.template cast<double>() * y.template cast<double>()).trace();
  const TestType tol = TestType(8) * TestType(21) * eps<TestType>() * x.norm() * y.norm();
  const RowMajor xr = x, yr = y;
  CHECK(std::abs(spectrakit::trace_of_product(x, y) - expected) <= tol);
  CHECK(std::abs(spectrakit::trace_of_product(xr, y) - expected) <= tol);
  CHECK(std::abs(spectrakit::trace_of_product(x, yr) - expected) <= tol);
  CHECK(std::abs(spectrakit::trace_of_product(xr, yr) - expected) <= tol);
  CHECK(std::abs(spectrakit::trace_of_product(y.transpose().transpose(), x) - expected) <= tol);
  const Matrix<TestType> big = random_normal<TestType>(50, 50, 7);
  const TestType block_expected = (big.block(3, 5, 20, 17) * big.block(10, 2, 17, 20)).trace();
  CHECK(std::abs(spectrakit::trace_of_product(big.block(3, 5, 20, 17), big.block(10, 2, 17, 20)) - block_expected) <=
        TestType(8) * TestType(17) * eps<TestType>() * big.norm() * big.norm());
  // ||A||_F^2 = tr(A^T A) with A^T an expression
  CHECK(std::abs(spectrakit::trace_of_product(x.transpose(), x) - x.squaredNorm()) <= tol);
  // Maps with outer and inner strides (the kernel prefetches B through its strides), tall enough
  // that the prefetch runs ahead of the panel loop, with a ragged last panel.
  // storage: 151 x 80; A reads up to entry 148 + 68*151, B up to 1 + 68*2 + 74*150 = 11237 < 12080.
  Matrix<TestType> storage = random_normal<TestType>(2 * 75 + 1, 80, 8);
  using Strided = Eigen::Map<const Matrix<TestType>, 0, Eigen::Stride<Eigen::Dynamic, 2>>;
  const Strided a_map(storage.data(), 75, 69, Eigen::Stride<Eigen::Dynamic, 2>(storage.rows(), 2));
  const Strided b_map(storage.data() + 1, 69, 75, Eigen::Stride<Eigen::Dynamic, 2>(storage.rows() - 1, 2));
  const Matrix<TestType> a_plain = a_map, b_plain = b_map;
  const TestType map_expected = (a_plain.template cast<double>() * b_plain.template cast<double>()).trace();
  const TestType map_tol = TestType(8) * TestType(69) * eps<TestType>() * a_plain.norm() * b_plain.norm();
  CHECK(std::abs(spectrakit::trace_of_product(a_map, b_map) - map_expected) <= map_tol);
  CHECK(std::abs(spectrakit::trace_of_product(b_map, a_map) - map_expected) <= map_tol);
}

TEST_CASE("trace identities from the notes: cyclic, but tr(ABC) != tr(BAC) in general", "[norms]") {
  const Matrix<double> a = random_normal(4, 4, 21), b = random_normal(4, 4, 22), c = random_normal(4, 4, 23);
  const double abc = spectrakit::trace_of_product(Matrix<double>(a * b), c);
  const double cab = spectrakit::trace_of_product(Matrix<double>(c * a), b);
  const double bca = spectrakit::trace_of_product(Matrix<double>(b * c), a);
  const double tol = 64 * eps<double>() * a.norm() * b.norm() * c.norm();
  CHECK(std::abs(abc - cab) <= tol);
  CHECK(std::abs(abc - bca) <= tol);
  // A concrete counterexample: A = E12, B = E21, C = E11: tr(ABC) = 1, tr(BAC) = 0.
  Eigen::Matrix2d e12, e21, e11;
  e12 << 0, 1, 0, 0;
  e21 << 0, 0, 1, 0;
  e11 << 1, 0, 0, 0;
  CHECK(spectrakit::trace(Eigen::Matrix2d(e12 * e21 * e11)) == 1.0);
  CHECK(spectrakit::trace(Eigen::Matrix2d(e21 * e12 * e11)) == 0.0);
  // For symmetric A, B, C the two do agree (the notes' "special conditions").
  const Matrix<double> sa = a + a.transpose(), sb = b + b.transpose(), sc = c + c.transpose();
  CHECK(spectrakit::trace(Matrix<double>(sa * sb * sc)) ==
        Approx(spectrakit::trace(Matrix<double>(sb * sa * sc))).epsilon(1e-12));
}

TEST_CASE("trace_of_product does not overflow spuriously and is not fooled into NaN", "[norms]") {
  Eigen::Matrix2d a, b;
  a << 1e200, 0, 0, 1e200;
  b << 1e200, 0, 0, -1e200;
  // The products overflow; the naive sum is Inf - Inf = NaN, the true trace is 0.
  CHECK(std::isnan((a.cwiseProduct(b.transpose())).sum()));
  CHECK(spectrakit::trace_of_product(a, b) == 0.0);
  b << 1e200, 0, 0, 1e200;
  CHECK(spectrakit::trace_of_product(a, b) == std::numeric_limits<double>::infinity());  // truly out of range
  a << 1e300, 0, 0, 0;
  b << 1e-300, 0, 0, 0;
  CHECK(spectrakit::trace_of_product(a, b) == Approx(1.0));
  Eigen::Matrix2d d;
  d << 1e308, 0, 0, 1e308;
  CHECK(spectrakit::trace(d) == std::numeric_limits<double>::infinity());
  d << 1e308, 0, 0, -1e308;
  CHECK(spectrakit::trace(d) == 0.0);
}

TEMPLATE_TEST_CASE("singular values of the notes' [[3,0],[0,-4]] are 4 and 3", "[norms]", float, double) {
  Eigen::Matrix<TestType, 2, 2> a;
  a << 3, 0, 0, -4;
  const auto s = spectrakit::singular_values(a);
  REQUIRE(s.size() == 2);
  CHECK(s(0) == Approx(4).epsilon(4 * eps<TestType>()));
  CHECK(s(1) == Approx(3).epsilon(4 * eps<TestType>()));
  CHECK(spectrakit::spectral_norm(a) == Approx(4).epsilon(4 * eps<TestType>()));
  CHECK(spectrakit::nuclear_norm(a) == Approx(7).epsilon(4 * eps<TestType>()));
  CHECK(spectrakit::condition_number(a) == Approx(4.0 / 3.0).epsilon(8 * eps<TestType>()));
  CHECK(spectrakit::eigenvalue_condition_number(a) == Approx(4.0 / 3.0).epsilon(8 * eps<TestType>()));
}

TEST_CASE("singular values on random matrices with chosen singular values", "[norms]") {
  Vector<double> s(5);
  s << 1e3, 10, 1, 0.1, 1e-4;
  const Matrix<double> a = matrix_with_singular_values(9, 5, s, 7);
  const Vector<double> computed = spectrakit::singular_values(a);
  REQUIRE(computed.size() == 5);
  for (Eigen::Index i = 0; i < 5; ++i)
    CHECK(std::abs(computed(i) - s(i)) <= 32 * 9 * eps<double>() * s(0));
  CHECK(spectrakit::condition_number(a) == Approx(1e7).epsilon(1e-6));
  // wide as well as tall
  const Vector<double> wide = spectrakit::singular_values(Matrix<double>(a.transpose()));
  CHECK((wide - computed).norm() <= 32 * 9 * eps<double>() * s(0));
  // large entries: scaled internally, no overflow
  const Matrix<double> huge = a * 1e300;
  CHECK(spectrakit::spectral_norm(huge) == Approx(1e303).epsilon(1e-13));
}

TEST_CASE("condition numbers: +infinity for singular matrices, never NaN", "[norms]") {
  Eigen::Matrix2d singular;
  singular << 1, 2, 2, 4;
  CHECK(spectrakit::condition_number(singular) == std::numeric_limits<double>::infinity());
  CHECK(spectrakit::eigenvalue_condition_number(singular) == std::numeric_limits<double>::infinity());
  CHECK(spectrakit::condition_number(Eigen::Matrix3d::Zero()) == std::numeric_limits<double>::infinity());
  CHECK(spectrakit::eigenvalue_condition_number(Eigen::Matrix3d::Zero()) ==
        std::numeric_limits<double>::infinity());
  CHECK(spectrakit::condition_number(Eigen::Matrix3d::Identity()) == Approx(1.0));
  Eigen::Matrix<double, 1, 1> one(-2.0);
  CHECK(spectrakit::condition_number(one) == 1.0);
  // Symmetric indefinite: max|lambda| / min|lambda| from the eigenvalues.
  Vector<double> d(4);
  d << -8, -1, 0.5, 2;
  const Matrix<double> s = symmetric_with_spectrum(d, 5);
  CHECK(spectrakit::eigenvalue_condition_number(s) == Approx(16.0).epsilon(1e-13));
  CHECK(spectrakit::condition_number(s) == Approx(16.0).epsilon(1e-13));
}

TEST_CASE("the notes' worked eigen example [[2,1],[0,3]] and the 45-degree rotation", "[norms]") {
  Eigen::Matrix2d a;
  a << 2, 1, 0, 3;
  Eigen::EigenSolver<Eigen::Matrix2d> es(a);
  Eigen::Vector2d lambda = es.eigenvalues().real();
  std::sort(lambda.data(), lambda.data() + 2);
  CHECK(lambda(0) == Approx(2.0));
  CHECK(lambda(1) == Approx(3.0));
  const Eigen::Vector2d v1(1, 0), v2(1, 1);  // the notes' eigenvectors
  CHECK((a * v1 - 2 * v1).norm() == 0.0);
  CHECK((a * v2 - 3 * v2).norm() == 0.0);
  CHECK(spectrakit::trace(a) == lambda.sum());

  const double c = std::sqrt(2.0) / 2;
  Eigen::Matrix2d u;
  u << c, -c, c, c;
  CHECK((u.transpose() * u - Eigen::Matrix2d::Identity()).norm() <= 4 * eps<double>());
  const Eigen::Vector2d sigma = spectrakit::singular_values(u);
  CHECK(sigma(0) == Approx(1.0).epsilon(4 * eps<double>()));
  CHECK(sigma(1) == Approx(1.0).epsilon(4 * eps<double>()));
  CHECK(spectrakit::condition_number(u) == Approx(1.0).epsilon(8 * eps<double>()));
}

TEST_CASE("norms: bad input throws invalid_input naming the argument", "[norms][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  Eigen::Matrix2d bad;
  bad << 1, nan, 0, 1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::frobenius_norm(bad), "'A' has NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::singular_values(bad), "'A' has NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::condition_number(bad), "'A'");
  bad << 1, 0, 0, inf;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::frobenius_norm(bad), "NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::trace(bad), "NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::trace_of_product(bad, Eigen::Matrix2d::Identity()), "'A'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::trace_of_product(Eigen::Matrix2d::Identity(), bad), "'B'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::trace(Matrix<double>(2, 3)), "'A' must be square, got 2x3");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::trace_of_product(Matrix<double>::Ones(2, 3), Matrix<double>::Ones(2, 3)),
                             "'B' must be 3x2");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::condition_number(Matrix<double>(0, 0)), "'A' must not be empty");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::eigenvalue_condition_number(Matrix<double>(0, 0)), "'S' must not be empty");
  Eigen::Matrix2d asym;
  asym << 1, 2, 0, 1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::eigenvalue_condition_number(asym), "'S' must be symmetric");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::eigenvalue_condition_number(Matrix<double>::Ones(2, 3)), "'S' must be square");
  // a norm of an empty matrix is 0, as in Eigen and NumPy
  CHECK(spectrakit::spectral_norm(Matrix<double>(0, 3)) == 0.0);
  CHECK(spectrakit::nuclear_norm(Matrix<double>(0, 0)) == 0.0);
  CHECK(spectrakit::singular_values(Matrix<double>(3, 0)).size() == 0);
}
