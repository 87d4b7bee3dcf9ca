// Tests of the hessian module, part 2: Sherman-Morrison, the SR1 and BFGS inverse updates,
// finite differences and newton_minimize.
#include <Eigen/Dense>
#include <cmath>
#include <limits>
#include <spectrakit/hessian.hpp>
#include <vector>

#include "spectrakit_catch.hpp"
#include "test_util.hpp"

using namespace spectrakit_test;
using spectrakit::RepairMethod;

namespace {

// Rosenbrock's function, its gradient and Hessian.
template <typename Scalar>
Scalar rosenbrock(const Vector<Scalar>& v) {
  const Scalar a = Scalar(1) - v(0), b = v(1) - v(0) * v(0);
  return a * a + Scalar(100) * b * b;
}
template <typename Scalar>
Vector<Scalar> rosenbrock_gradient(const Vector<Scalar>& v) {
  Vector<Scalar> g(2);
  g << Scalar(-2) * (Scalar(1) - v(0)) - Scalar(400) * v(0) * (v(1) - v(0) * v(0)), Scalar(200) * (v(1) - v(0) * v(0));
  return g;
}
template <typename Scalar>
Matrix<Scalar> rosenbrock_hessian(const Vector<Scalar>& v) {
  Matrix<Scalar> h(2, 2);
  h << Scalar(2) - Scalar(400) * (v(1) - Scalar(3) * v(0) * v(0)), Scalar(-400) * v(0), Scalar(-400) * v(0),
      Scalar(200);
  return h;
}

}  // namespace

TEMPLATE_TEST_CASE("sherman_morrison agrees with a direct inverse", "[hessian][rank_one]", float, double) {
  using M = Matrix<TestType>;
  const Eigen::Index n = 30;
  Vector<double> s = Vector<double>::LinSpaced(n, 1, 10);
  const M a = matrix_with_singular_values<TestType>(n, n, s, 21);
  const Vector<TestType> u = random_normal<TestType>(n, 1, 22);
  const Vector<TestType> v = random_normal<TestType>(n, 1, 23);
  const M ainv = a.inverse();
  const M updated = spectrakit::sherman_morrison(ainv, u, v);
  const M direct = M(a + u * v.transpose()).inverse();
  const TestType cond = TestType(10) * (1 + u.norm() * v.norm());
  CHECK((updated - direct).norm() <= TestType(100) * TestType(n) * eps<TestType>() * cond * direct.norm());
  // Row-vector and expression arguments work too.
  const M again = spectrakit::sherman_morrison(ainv, u.transpose(), TestType(1) * v);
  CHECK((again - updated).norm() <= TestType(10) * eps<TestType>() * updated.norm());
}

TEST_CASE("sherman_morrison refuses a singular update and names it", "[hessian][rank_one][errors]") {
  const Matrix<double> ainv = Matrix<double>::Identity(3, 3);
  Vector<double> u(3), v(3);
  u << 1, 0, 0;
  v << -1, 0, 0;  // I + u v^T = diag(0, 1, 1)
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::sherman_morrison(ainv, u, v), "argument 'v' makes A + u v^T singular");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::sherman_morrison(ainv, Vector<double>::Ones(2), v), "argument 'u'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::sherman_morrison(Matrix<double>(3, 2), u, v), "argument 'Ainv'");
  Vector<double> nan = v;
  nan(0) = std::numeric_limits<double>::quiet_NaN();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::sherman_morrison(ainv, u, nan), "argument 'v' has NaN");
}

TEMPLATE_TEST_CASE("SR1 and BFGS inverse updates: secant condition, symmetry, skip rules", "[hessian][rank_one]", float,
                   double) {
  using M = Matrix<TestType>;
  const Eigen::Index n = 12;
  Vector<double> d = Vector<double>::LinSpaced(n, 1, 6);
  const M h_true = symmetric_with_spectrum<TestType>(d, 31);
  const Vector<TestType> s = random_normal<TestType>(n, 1, 32);
  const Vector<TestType> y = h_true * s;  // a quadratic's gradient change: s^T y > 0
  const TestType tol = TestType(200) * TestType(n) * eps<TestType>();

  M hinv = M::Identity(n, n);
  CHECK(spectrakit::bfgs_inverse_update(hinv, s, y));
  CHECK(hinv == hinv.transpose());
  CHECK((hinv * y - s).norm() <= tol * s.norm() * hinv.norm());
  CHECK(cholesky_succeeds(hinv));  // BFGS keeps positive definiteness

  M sr1 = M::Identity(n, n);
  CHECK(spectrakit::sr1_inverse_update(sr1, s, y));
  CHECK(sr1 == sr1.transpose());
  CHECK((sr1 * y - s).norm() <= tol * s.norm() * sr1.norm());

  // BFGS skips when s^T y <= 0.
  M before = hinv;
  CHECK_FALSE(spectrakit::bfgs_inverse_update(hinv, s, Vector<TestType>(-y)));
  CHECK(hinv == before);
  CHECK_FALSE(spectrakit::bfgs_inverse_update(hinv, s, Vector<TestType>::Zero(n)));
  CHECK(hinv == before);

  // SR1 skips when |(s - Hinv y)^T y| < r ||s - Hinv y|| ||y||: build y orthogonal to s - y (Hinv = I).
  Vector<TestType> y2 = Vector<TestType>::Zero(n);
  Vector<TestType> s2 = Vector<TestType>::Zero(n);
  y2(0) = 1;
  s2(0) = 1;
  s2(1) = 1;  // d = s2 - y2 = e_1, d^T y2 = 0
  M id = M::Identity(n, n);
  CHECK_FALSE(spectrakit::sr1_inverse_update(id, s2, y2));
  CHECK(id == M::Identity(n, n));
  // Nothing to update when the secant condition already holds (d = 0).
  CHECK_FALSE(spectrakit::sr1_inverse_update(id, y2, y2));
  // Just above the threshold it updates.
  s2(0) = TestType(1) + TestType(1e-2);
  CHECK(spectrakit::sr1_inverse_update(id, s2, y2));

  // On a quadratic, n BFGS updates along conjugate-free random steps approach the inverse.
  M approx = M::Identity(n, n);
  for (std::uint64_t k = 0; k < 3 * std::uint64_t(n); ++k) {
    const Vector<TestType> sk = random_normal<TestType>(n, 1, 100 + k);
    spectrakit::bfgs_inverse_update(approx, sk, Vector<TestType>(h_true * sk));
  }
  CHECK((approx - M(h_true.inverse())).norm() <= TestType(0.5) * M(h_true.inverse()).norm());
}

TEST_CASE("inverse updates: bad input", "[hessian][rank_one][errors]") {
  Matrix<double> h = Matrix<double>::Identity(3, 3);
  Vector<double> s = Vector<double>::Ones(3), y = Vector<double>::Ones(3);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::bfgs_inverse_update(h, Vector<double>::Ones(2), y), "argument 's'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::sr1_inverse_update(h, s, Vector<double>::Ones(4)), "argument 'y'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::sr1_inverse_update(h, s, y, 2.0), "argument 'r'");
  Matrix<double> asym = h;
  asym(0, 2) = 1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::bfgs_inverse_update(asym, s, y), "argument 'Hinv' must be symmetric");
  Matrix<double> rect(3, 2);
  rect.setZero();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::sr1_inverse_update(rect, s, y), "argument 'Hinv' must be square");
}

TEMPLATE_TEST_CASE("finite differences match analytic derivatives to the predicted accuracy", "[hessian][fd]", float,
                   double) {
  using V = Vector<TestType>;
  const TestType e = eps<TestType>();
  V x(2);
  x << TestType(-1.2), TestType(1);
  // Gradient: central differences, error ~ eps^(2/3) relative to the derivatives' scale.
  const V g = spectrakit::finite_difference_gradient(rosenbrock<TestType>, x);
  const V g_exact = rosenbrock_gradient<TestType>(x);
  const TestType scale = TestType(1000);  // |f'''| and |f| are O(100..1000) here
  CHECK((g - g_exact).norm() <= TestType(10) * std::cbrt(e * e) * scale);
  // Hessian: error ~ eps^(1/2) times the scale; exactly symmetric.
  const Matrix<TestType> h = spectrakit::finite_difference_hessian(rosenbrock<TestType>, x);
  CHECK(h == h.transpose());
  CHECK((h - rosenbrock_hessian<TestType>(x)).norm() <= TestType(10) * std::sqrt(e) * scale);
  // A quadratic: the central differences are exact up to rounding.
  Matrix<TestType> a(3, 3);
  a << 4, 1, 0, 1, 3, -1, 0, -1, 2;
  auto quad = [&](const V& v) { return TestType(0.5) * v.dot(a * v) + v.sum(); };
  V z(3);
  z << TestType(0.5), TestType(-2), TestType(3);
  CHECK((spectrakit::finite_difference_gradient(quad, z) - (a * z + V::Ones(3))).norm() <=
        TestType(100) * std::cbrt(e * e) * TestType(10));
  CHECK((spectrakit::finite_difference_hessian(quad, z) - a).norm() <= TestType(100) * std::sqrt(e) * TestType(10));
  // Jacobian of a vector function F(x) = (x0 x1, sin x0, x1^3): rows are the gradients.
  auto vec = [](const V& v) {
    V out(3);
    out << v(0) * v(1), std::sin(v(0)), v(1) * v(1) * v(1);
    return out;
  };
  Matrix<TestType> j_exact(3, 2);
  j_exact << x(1), x(0), std::cos(x(0)), 0, 0, 3 * x(1) * x(1);
  const Matrix<TestType> j = spectrakit::finite_difference_jacobian(vec, x);
  CHECK(j.rows() == 3);
  CHECK((j - j_exact).norm() <= TestType(10) * std::cbrt(e * e) * TestType(10));
  // The Jacobian of the gradient is the Hessian.
  const Matrix<TestType> jg = spectrakit::finite_difference_jacobian(rosenbrock_gradient<TestType>, x);
  CHECK((jg - rosenbrock_hessian<TestType>(x)).norm() <= TestType(10) * std::cbrt(e * e) * scale);
  // Steps scale with |x_i|: accurate far from the origin as well.
  V far(1);
  far << TestType(1e4);
  auto cube = [](const V& v) { return v(0) * v(0) * v(0); };
  const TestType d_exact = TestType(3e8);
  CHECK(std::abs(spectrakit::finite_difference_gradient(cube, far)(0) - d_exact) <=
        TestType(10) * std::cbrt(e * e) * d_exact);
}

TEST_CASE("finite differences: bad input", "[hessian][fd][errors]") {
  auto f = [](const Vector<double>& v) { return v.squaredNorm(); };
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::finite_difference_gradient(f, Vector<double>(0)), "argument 'x'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::finite_difference_hessian(f, Matrix<double>(2, 2)), "argument 'x'");
  Vector<double> nan = Vector<double>::Ones(2);
  nan(0) = std::numeric_limits<double>::quiet_NaN();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::finite_difference_gradient(f, nan), "argument 'x' has NaN");
  auto bad = [](const Vector<double>& v) { return v(0) > 1 ? std::numeric_limits<double>::infinity() : 0.0; };
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::finite_difference_gradient(bad, Vector<double>::Ones(2)),
                             "argument 'f' returned a non-finite value");
  auto ragged = [](const Vector<double>& v) { return Vector<double>(Vector<double>::Ones(v(0) > 1 ? 2 : 3)); };
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::finite_difference_jacobian(ragged, Vector<double>::Ones(2)),
                             "argument 'F' returned vectors of different sizes");
}

TEMPLATE_TEST_CASE("newton_minimize reaches Rosenbrock's minimum from (-1.2, 1)", "[hessian][newton]", float, double) {
  using V = Vector<TestType>;
  V x0(2);
  x0 << TestType(-1.2), TestType(1);
  for (RepairMethod method : {RepairMethod::absolute_eigenvalues, RepairMethod::clip_eigenvalues,
                              RepairMethod::shift_identity, RepairMethod::modified_cholesky}) {
    INFO(spectrakit::to_string(method));
    spectrakit::NewtonOptions o;
    o.repair.method = method;
    std::vector<double> seen;
    o.callback = [&](const spectrakit::NewtonProgress& p) {
      seen.push_back(p.value);
      return true;
    };
    const auto r = spectrakit::newton_minimize(rosenbrock<TestType>, rosenbrock_gradient<TestType>,
                                               rosenbrock_hessian<TestType>, x0, o);
    CHECK(r.converged());
    CHECK(r.status == spectrakit::Status::success);
    CHECK((r.x - V::Ones(2)).norm() <= TestType(100) * std::sqrt(eps<TestType>()));
    CHECK(r.iterations < 60);
    CHECK(r.history.size() == std::size_t(r.iterations) + 1);
    CHECK(seen.size() == std::size_t(r.iterations));
    for (std::size_t k = 1; k < r.history.size(); ++k) CHECK(r.history[k] <= r.history[k - 1]);  // monotone
  }
}

TEST_CASE("newton_minimize escapes a saddle where plain Newton stalls", "[hessian][newton]") {
  // f(x, y) = x^2 + y^4/4 - y^2/2: saddle at the origin, minima at (0, +-1) with f = -1/4.
  auto f = [](const Vector<double>& v) { return v(0) * v(0) + 0.25 * std::pow(v(1), 4) - 0.5 * v(1) * v(1); };
  auto g = [](const Vector<double>& v) {
    Vector<double> out(2);
    out << 2 * v(0), v(1) * v(1) * v(1) - v(1);
    return out;
  };
  auto h = [](const Vector<double>& v) {
    Matrix<double> out(2, 2);
    out << 2, 0, 0, 3 * v(1) * v(1) - 1;
    return out;
  };
  Vector<double> start(2);
  start << 0.5, 1e-3;
  // Plain Newton (H^{-1} g, no repair) jumps to the saddle and stays there.
  Vector<double> x = start;
  for (int k = 0; k < 20; ++k) x -= h(x).ldlt().solve(g(x));
  CHECK(x.norm() < 1e-8);
  CHECK(spectrakit::classify_critical_point(h(x)) == spectrakit::CriticalPoint::saddle);
  // Repaired Newton descends to a minimum, from near the saddle and from the saddle itself.
  for (const Vector<double>& x0 : {start, Vector<double>(Vector<double>::Zero(2))}) {
    const auto r = spectrakit::newton_minimize(f, g, h, x0);
    INFO("x0 = " << x0.transpose() << ", x = " << r.x.transpose());
    CHECK(r.converged());
    CHECK(r.value == Catch::Approx(-0.25).epsilon(1e-12));
    CHECK(std::abs(std::abs(r.x(1)) - 1) <= 1e-8);
    CHECK(spectrakit::classify_critical_point(h(r.x)) == spectrakit::CriticalPoint::minimum);
  }
  // Without the saddle escape, a start at the saddle is (correctly) a stationary point.
  spectrakit::NewtonOptions o;
  o.escape_saddles = false;
  const auto stuck = spectrakit::newton_minimize(f, g, h, Vector<double>(Vector<double>::Zero(2)), o);
  CHECK(stuck.iterations == 0);
}

TEST_CASE("newton_minimize: limits, callback stop, non-finite values, bad options", "[hessian][newton]") {
  using V = Vector<double>;
  V x0(2);
  x0 << -1.2, 1;
  spectrakit::NewtonOptions o;
  o.max_iterations = 2;
  auto r =
      spectrakit::newton_minimize(rosenbrock<double>, rosenbrock_gradient<double>, rosenbrock_hessian<double>, x0, o);
  CHECK(r.status == spectrakit::Status::not_converged);
  CHECK_FALSE(r.converged());
  CHECK(r.iterations == 2);
  o = spectrakit::NewtonOptions();
  o.callback = [](const spectrakit::NewtonProgress& p) { return p.iteration < 3; };
  r = spectrakit::newton_minimize(rosenbrock<double>, rosenbrock_gradient<double>, rosenbrock_hessian<double>, x0, o);
  CHECK(r.status == spectrakit::Status::not_converged);
  CHECK(r.iterations == 3);
  // A Hessian that turns NaN: numerical_issue, never an exception or a silent success.
  auto nan_hessian = [](const V& v) {
    Matrix<double> h = rosenbrock_hessian<double>(v);
    if (v(0) != -1.2) h(0, 0) = std::numeric_limits<double>::quiet_NaN();
    return h;
  };
  r = spectrakit::newton_minimize(rosenbrock<double>, rosenbrock_gradient<double>, nan_hessian, x0);
  CHECK(r.status == spectrakit::Status::numerical_issue);
  // Unbounded below: the iteration limit ends it.
  auto linear = [](const V& v) { return -v.sum(); };
  auto linear_g = [](const V& v) { return V(-V::Ones(v.size())); };
  auto linear_h = [](const V& v) { return Matrix<double>(Matrix<double>::Zero(v.size(), v.size())); };
  r = spectrakit::newton_minimize(linear, linear_g, linear_h, x0);
  CHECK(r.status == spectrakit::Status::not_converged);
  // Bad options and arguments.
  spectrakit::NewtonOptions bad;
  bad.armijo = 1.5;
  SPECTRAKIT_REQUIRE_INVALID(
      spectrakit::newton_minimize(rosenbrock<double>, rosenbrock_gradient<double>, rosenbrock_hessian<double>, x0, bad),
      "option 'armijo'");
  bad = spectrakit::NewtonOptions();
  bad.repair.delta = 0;
  SPECTRAKIT_REQUIRE_INVALID(
      spectrakit::newton_minimize(rosenbrock<double>, rosenbrock_gradient<double>, rosenbrock_hessian<double>, x0, bad),
      "newton_minimize: option 'delta'");
  bad = spectrakit::NewtonOptions();
  bad.max_backtracks = 0;
  SPECTRAKIT_REQUIRE_INVALID(
      spectrakit::newton_minimize(rosenbrock<double>, rosenbrock_gradient<double>, rosenbrock_hessian<double>, x0, bad),
      "option 'max_backtracks'");
  SPECTRAKIT_REQUIRE_INVALID(
      spectrakit::newton_minimize(rosenbrock<double>, rosenbrock_gradient<double>, rosenbrock_hessian<double>, V(0)),
      "argument 'x0'");
  auto wrong_size = [](const V&) { return V(V::Ones(3)); };
  SPECTRAKIT_REQUIRE_INVALID(
      spectrakit::newton_minimize(rosenbrock<double>, wrong_size, rosenbrock_hessian<double>, x0),
      "argument 'gradient'");
}
