// Tests of the hessian module, part 1: repair_hessian (six methods), newton_direction,
// optimal_step_size and classify_critical_point. The notes' closed forms (seeds 000 and 001),
// properties on random matrices with chosen spectra, edge cases and bad input.
#include <Eigen/Dense>
#include <cmath>
#include <limits>
#include <spectrakit/hessian.hpp>
#include <type_traits>
#include <vector>

#include "spectrakit_catch.hpp"
#include "test_util.hpp"

using namespace spectrakit_test;
using spectrakit::RepairMethod;
using spectrakit::RepairOptions;

namespace {

const RepairMethod all_methods[] = {RepairMethod::floor_singular_values, RepairMethod::truncate_singular_values,
                                    RepairMethod::clip_eigenvalues,      RepairMethod::absolute_eigenvalues,
                                    RepairMethod::shift_identity,        RepairMethod::modified_cholesky};

bool promises_pd(RepairMethod m) {
  return m == RepairMethod::clip_eigenvalues || m == RepairMethod::absolute_eigenvalues ||
         m == RepairMethod::shift_identity || m == RepairMethod::modified_cholesky;
}

// The notes' matrix (seed 000): symmetric, indefinite, det = -1, full rank.
template <typename Scalar>
Matrix<Scalar> notes_matrix() {
  Matrix<Scalar> h(3, 3);
  h << 1, 2, 3, 2, 4, 5, 3, 5, 6;
  return h;
}

// Its eigenvalues in closed form: the roots of det(lambda I - H) = lambda^3 - 11 lambda^2 -
// 4 lambda + 1 (trace 11, principal 2x2 minors sum to -4, det -1), by the trigonometric
// formula for three real roots, ascending.
std::vector<double> notes_eigenvalues() {
  // lambda = 11/3 + 2 sqrt(-p/3) cos(phi - 2 pi k / 3) with t = lambda - 11/3: t^3 + p t + q.
  const long double a = -11, b = -4, c = 1;
  const long double p = b - a * a / 3;
  const long double q = 2 * a * a * a / 27 - a * b / 3 + c;
  const long double r = std::sqrt(-p / 3);
  const long double phi = std::acos(-q / (2 * r * r * r)) / 3;
  const long double pi = 3.14159265358979323846264338327950288L;
  std::vector<double> roots;
  for (int k = 0; k < 3; ++k) roots.push_back(static_cast<double>(-a / 3 + 2 * r * std::cos(phi - 2 * pi * k / 3)));
  std::sort(roots.begin(), roots.end());
  return roots;
}

template <typename Scalar>
Scalar tol_for(Eigen::Index n, Scalar scale, Scalar c = Scalar(20)) {
  return c * Scalar(n) * eps<Scalar>() * scale;
}

}  // namespace

TEMPLATE_TEST_CASE("notes' matrix: eigenvalues in closed form, full rank, indefinite", "[hessian][notes]", float,
                   double) {
  const Matrix<TestType> h = notes_matrix<TestType>();
  const auto exact = notes_eigenvalues();
  // Sanity of the closed form: trace 11, det -1.
  CHECK(exact[0] + exact[1] + exact[2] == Catch::Approx(11.0).epsilon(1e-14));
  CHECK(exact[0] * exact[1] * exact[2] == Catch::Approx(-1.0).epsilon(1e-13));
  const auto r = spectrakit::repair_hessian(h, RepairOptions{RepairMethod::clip_eigenvalues});
  for (int i = 0; i < 3; ++i)
    CHECK(std::abs(r.eigenvalues(i) - TestType(exact[i])) <= tol_for<TestType>(3, TestType(11.35)));
  // The notes call the Hessian rank deficient and the NumPy snippet asks for H.rank (no such
  // attribute): H has full rank 3 (np.linalg.matrix_rank(H) == 3).
  CHECK(r.rank == 3);
  CHECK(r.eigenvalues(0) < 0);  // indefinite: the notes' "symmetric positive definite" is wrong
  CHECK(spectrakit::classify_critical_point(h) == spectrakit::CriticalPoint::saddle);
}

TEMPLATE_TEST_CASE("notes' matrix through every method: closed forms and promised properties", "[hessian][notes]",
                   float, double) {
  using M = Matrix<TestType>;
  const M h = notes_matrix<TestType>();
  const auto ex = notes_eigenvalues();
  const TestType l1 = TestType(ex[0]), l2 = TestType(ex[1]), l3 = TestType(ex[2]);
  const TestType tol = tol_for<TestType>(3, l3);
  const TestType delta_eff = std::max(TestType(1e-8), TestType(12) * eps<TestType>());
  const TestType f = delta_eff * l3;

  SECTION("clip_eigenvalues: lambda_1 -> f, ||H~ - H||_F = f - lambda_1") {
    const auto r = spectrakit::repair_hessian(h, RepairOptions{RepairMethod::clip_eigenvalues});
    CHECK(r.modified);
    CHECK(r.modified_count == 1);
    CHECK(std::abs(r.floor - f) <= tol);
    CHECK(std::abs(r.repaired_eigenvalues(0) - f) <= tol);
    CHECK(std::abs(r.repaired_eigenvalues(1) - l2) <= tol);
    CHECK(std::abs(r.repaired_eigenvalues(2) - l3) <= tol);
    CHECK(std::abs((r.matrix - h).norm() - (f - l1)) <= tol);
    CHECK(r.matrix == r.matrix.transpose());
    CHECK(cholesky_succeeds(r.matrix));
    CHECK(r.shift == 0);
  }
  SECTION("absolute_eigenvalues: lambda_1 -> |lambda_1|, ||H~ - H||_F = 2 |lambda_1|") {
    const auto r = spectrakit::repair_hessian(h);  // the default method
    CHECK(r.modified);
    CHECK(std::abs(r.repaired_eigenvalues(0) - l2) <= tol);
    CHECK(std::abs(r.repaired_eigenvalues(1) + l1) <= tol);
    CHECK(std::abs(r.repaired_eigenvalues(2) - l3) <= tol);
    CHECK(std::abs((r.matrix - h).norm() - 2 * std::abs(l1)) <= tol);
    const Vector<TestType> computed = reference_eigenvalues(r.matrix);
    CHECK((computed - r.repaired_eigenvalues).cwiseAbs().maxCoeff() <= tol);
    CHECK(cholesky_succeeds(r.matrix));
    CHECK(r.condition_number == Catch::Approx(l3 / l2).epsilon(TestType(1e-5)));
  }
  SECTION("shift_identity: tau = f - lambda_1, H~ = H + tau I") {
    const auto r = spectrakit::repair_hessian(h, RepairOptions{RepairMethod::shift_identity});
    CHECK(std::abs(r.shift - (f - l1)) <= tol);
    CHECK((r.matrix - (h + r.shift * M::Identity(3, 3))).norm() == 0);
    CHECK(std::abs(r.repaired_eigenvalues(0) - f) <= tol);
    CHECK(std::abs(r.repaired_eigenvalues(2) - (l3 - l1 + f)) <= tol);
    CHECK(cholesky_succeeds(r.matrix));
  }
  SECTION("floor_singular_values (the notes' method): nothing to do at delta = 1e-8") {
    // sigma_min = lambda_2 = 0.1709 > 1e-8 sigma_1: the notes' own example is not singular.
    const auto r = spectrakit::repair_hessian(h, RepairOptions{RepairMethod::floor_singular_values});
    CHECK_FALSE(r.modified);
    CHECK(r.matrix == h);
    CHECK(std::abs(r.condition_number - l3 / l2) <= TestType(1e-4) * l3 / l2);
  }
  SECTION("floor_singular_values at delta = 0.05 keeps the signs: still indefinite") {
    RepairOptions o{RepairMethod::floor_singular_values, 0.05};
    const auto r = spectrakit::repair_hessian(h, o);
    const TestType floor = TestType(0.05) * l3;
    CHECK(r.modified_count == 2);
    CHECK(std::abs(r.repaired_eigenvalues(0) + floor) <= tol);  // -0.5157 -> -0.567: sign kept
    CHECK(std::abs(r.repaired_eigenvalues(1) - floor) <= tol);  // 0.1709 -> 0.567
    CHECK(std::abs(r.repaired_eigenvalues(2) - l3) <= tol);
    CHECK(r.condition_number <= TestType(1 / 0.05) * (1 + tol));
    CHECK_FALSE(cholesky_succeeds(r.matrix));  // documented: not positive definite
    // U max(Sigma, f) V^T through an explicit SVD gives the same matrix.
    Eigen::JacobiSVD<M> svd(h, Eigen::ComputeFullU | Eigen::ComputeFullV);
    const Vector<TestType> s = svd.singularValues().cwiseMax(floor);
    const M via_svd = svd.matrixU() * s.asDiagonal() * svd.matrixV().transpose();
    CHECK((via_svd - r.matrix).norm() <= tol);
  }
  SECTION("truncate_singular_values to rank 2: Eckart-Young, error sigma_3 = lambda_2") {
    RepairOptions o{RepairMethod::truncate_singular_values};
    o.rank = 2;
    const auto r = spectrakit::repair_hessian(h, o);
    CHECK(r.modified);
    CHECK(std::abs(r.repaired_eigenvalues(0) - l1) <= tol);
    CHECK(r.repaired_eigenvalues(1) == 0);
    CHECK(std::abs((h - r.matrix).norm() - l2) <= tol);
    const Vector<TestType> sv = reference_singular_values(r.matrix);
    CHECK(sv(2) <= tol);  // rank 2
    CHECK(std::isinf(r.condition_number));
    o.rank = -1;  // the epsilon-rank (3): nothing to truncate
    CHECK_FALSE(spectrakit::repair_hessian(h, o).modified);
    o.rank = 0;
    CHECK(spectrakit::repair_hessian(h, o).matrix.norm() <= tol);
  }
  SECTION("modified_cholesky: H~ = P^T L |D| L^T P, one negative pivot flipped, shift = ||H~ - H||_F") {
    const auto r = spectrakit::repair_hessian(h, RepairOptions{RepairMethod::modified_cholesky});
    CHECK(r.modified);
    CHECK(r.eigenvalues.size() == 0);
    CHECK(r.rank == -1);
    CHECK(r.modified_count == 1);  // Sylvester: one negative eigenvalue, one negative pivot
    const M e = r.matrix - h;
    CHECK(std::abs(r.shift - e.norm()) <= tol);
    // The correction has rank 1 (no pivot needed lifting here): 2 |d_j| l_j l_j^T.
    const Vector<TestType> sv = reference_singular_values(e);
    CHECK(sv(1) <= tol);
    CHECK(r.matrix == r.matrix.transpose());
    CHECK(cholesky_succeeds(r.matrix));
    // Positive definite with the notes' H: lambda_min(H~) = 0.1385 here.
    CHECK(reference_eigenvalues(r.matrix)(0) > TestType(0.1));
  }
}

TEST_CASE("notes' NumPy snippet: its bugs, reproduced and corrected", "[hessian][notes]") {
  using M = Matrix<double>;
  const M h = notes_matrix<double>();
  Eigen::JacobiSVD<M> svd(h, Eigen::ComputeFullU | Eigen::ComputeFullV);
  const M u = svd.matrixU();
  const M vt = svd.matrixV().transpose();  // what np.linalg.svd returns as its third output
  // Bug 1: the snippet names the third output V and multiplies by V.T = (V^T)^T = V, so with
  // the true singular values it does not even rebuild H.
  const M rebuilt_bug = u * svd.singularValues().asDiagonal() * vt.transpose();
  const M rebuilt_ok = u * svd.singularValues().asDiagonal() * vt;
  CHECK((rebuilt_ok - h).norm() <= 1e-13);
  CHECK((rebuilt_bug - h).norm() > 1.0);
  // Bug 2: Sigma = diag(ones(r)) replaces every singular value by 1, giving the orthogonal
  // polar factor U V^T, not a repair of H (its eigenvalues all have modulus 1).
  const M polar = u * vt;
  CHECK((polar.transpose() * polar - M::Identity(3, 3)).norm() <= 1e-13);
  CHECK((polar - h).norm() > 5.0);
  // Bug 3: H.rank does not exist; the rank is 3, so with r < n the snippet's shapes would not
  // even conform. spectrakit's floor method keeps H (no singular value below delta sigma_1).
  CHECK(spectrakit::repair_hessian(h, RepairOptions{RepairMethod::floor_singular_values}).rank == 3);
}

TEMPLATE_TEST_CASE("random spectra: every method keeps its promise", "[hessian][random]", float, double) {
  using M = Matrix<TestType>;
  struct Case {
    const char* name;
    Vector<double> spectrum;
  };
  std::vector<Case> cases;
  auto linspace = [](Eigen::Index n, double lo, double hi) { return Vector<double>::LinSpaced(n, lo, hi); };
  {
    Vector<double> d = linspace(40, -3, 5);
    cases.push_back({"indefinite n=40", d});
  }
  {
    Vector<double> d = linspace(30, 0.5, 4);
    d.head(4).setZero();
    cases.push_back({"singular PSD n=30", d});
  }
  {
    Vector<double> d = linspace(36, 1, 2);
    d.head(6).setConstant(-1e-3);
    cases.push_back({"clustered negative n=36", d});
  }
  {
    Vector<double> d(32);
    for (Eigen::Index i = 0; i < 32; ++i) d(i) = std::pow(10.0, -6.0 + 12.0 * double(i) / 31.0);
    d(0) = -d(0);
    d(5) = -d(5);
    cases.push_back({"ill-conditioned n=32", d});
  }
  {
    // Larger than the blocking crossover and with few changes: the blocked tridiagonalization
    // and inverse iteration (with a cluster of repeated negative eigenvalues) are exercised.
    Vector<double> d = linspace(220, 1, 30);
    d.head(4).setConstant(-2.0);
    d(4) = -1e-9;
    d(5) = 0;
    cases.push_back({"n=220, 6 offending (4 repeated)", d});
  }
  {
    // Inverse iteration for many vectors: half the spectrum negative, and a large exact cluster.
    Vector<double> d = linspace(120, -4, 4);
    cases.push_back({"n=120, half negative", d});
    Vector<double> e = linspace(100, 0.1, 3);
    e.head(30).setConstant(-0.5);
    cases.push_back({"n=100, 30 equal negative eigenvalues", e});
  }
  std::uint64_t seed = 10;
  for (const auto& c : cases) {
    const M h = symmetric_with_spectrum<TestType>(c.spectrum, ++seed);
    const Eigen::Index n = h.rows();
    const TestType norm = TestType(c.spectrum.cwiseAbs().maxCoeff());
    const TestType tol = tol_for<TestType>(n, norm, TestType(40));
    for (RepairMethod method : all_methods) {
      INFO(c.name << ", method " << spectrakit::to_string(method) << ", seed " << seed);
      RepairOptions o{method};
      const auto r = spectrakit::repair_hessian(h, o);
      CHECK(r.matrix == r.matrix.transpose());
      if (promises_pd(method)) {
        CHECK(cholesky_succeeds(r.matrix));
        // The eigen-methods and the shift lift lambda_min to the floor; modified Cholesky only
        // its pivots d_j (its lambda_min may be smaller: Gill-Murray-Wright bound E, not lambda).
        const Vector<TestType> computed = reference_eigenvalues(r.matrix);
        if (method != RepairMethod::modified_cholesky) CHECK(computed(0) >= r.floor - tol);
        CHECK(computed(0) > 0);
      }
      if (method == RepairMethod::modified_cholesky) continue;
      const Vector<TestType> computed = reference_eigenvalues(r.matrix);
      CHECK((computed - r.repaired_eigenvalues).cwiseAbs().maxCoeff() <= tol);
      const Vector<TestType> before = reference_eigenvalues(h);
      CHECK((before - r.eigenvalues).cwiseAbs().maxCoeff() <= tol);
      // Only the offending eigenvalues move: ||H~ - H||_F = ||lambda~ - lambda|| (same order).
      if (method == RepairMethod::clip_eigenvalues || method == RepairMethod::shift_identity) {
        CHECK(std::abs((r.matrix - h).norm() - (r.repaired_eigenvalues - r.eigenvalues).norm()) <= tol);
      }
      // The Newton direction solves H~ p = -g and descends when H~ is positive definite.
      const Vector<TestType> g = random_normal<TestType>(n, 1, seed + 100);
      const Vector<TestType> p = spectrakit::newton_direction(h, g, o);
      if (method == RepairMethod::truncate_singular_values) continue;
      const Vector<TestType> residual = r.matrix * p + g;
      CHECK(residual.norm() <= tol * TestType(10) * r.condition_number * g.norm() / norm);
      if (promises_pd(method)) CHECK(g.dot(p) < 0);
    }
  }
}

TEST_CASE("large clip and absolute-value repairs: threaded kernels agree with one thread", "[hessian][random][threads]") {
  // n = 640 is above the size (512) where the tridiagonalization's symmetric products and
  // rank-2k updates and the reconstruction's rank-k update are shared out among threads (in
  // OpenMP builds: the gcc CI build runs the tests with OMP_NUM_THREADS=2).
  Vector<double> d = Vector<double>::LinSpaced(640, -3.0, 5.0);
  const Matrix<double> h = symmetric_with_spectrum<double>(d, 99);
  const double tol = tol_for<double>(640, 5.0, 40.0);
  for (RepairMethod method : {RepairMethod::clip_eigenvalues, RepairMethod::absolute_eigenvalues}) {
    INFO("method " << spectrakit::to_string(method));
    RepairOptions o{method};
    const int threads_before = Eigen::nbThreads();
    Eigen::setNbThreads(1);
    const auto one = spectrakit::repair_hessian(h, o);
    Eigen::setNbThreads(threads_before);
    const auto many = spectrakit::repair_hessian(h, o);
    INFO("Eigen::nbThreads() = " << threads_before);
    CHECK((one.eigenvalues - d).cwiseAbs().maxCoeff() <= tol);
    CHECK((many.eigenvalues - d).cwiseAbs().maxCoeff() <= tol);
    CHECK((one.matrix - many.matrix).cwiseAbs().maxCoeff() <= tol);
    CHECK(many.matrix == many.matrix.transpose());
    const Vector<double> computed = reference_eigenvalues(many.matrix);
    CHECK((computed - many.repaired_eigenvalues).cwiseAbs().maxCoeff() <= tol);
    if (method == RepairMethod::clip_eigenvalues)  // clipping keeps the order of the eigenvalues
      CHECK(std::abs((many.matrix - h).norm() - (many.repaired_eigenvalues - many.eigenvalues).norm()) <= tol);
  }
}

TEMPLATE_TEST_CASE("positive definite input comes back unchanged from every PD method", "[hessian]", float, double) {
  using M = Matrix<TestType>;
  Vector<double> d = Vector<double>::LinSpaced(25, 0.5, 10);
  const M h = symmetric_with_spectrum<TestType>(d, 77);
  for (RepairMethod method : all_methods) {
    INFO(spectrakit::to_string(method));
    RepairOptions o{method};
    const auto r = spectrakit::repair_hessian(h, o);
    CHECK_FALSE(r.modified);
    CHECK(r.modified_count == 0);
    CHECK(r.shift == 0);
    CHECK(r.matrix == TestType(0.5) * (h + h.transpose()));
  }
  // And the Newton direction is the plain Newton step H^{-1}(-g).
  const Vector<TestType> g = random_normal<TestType>(25, 1, 5);
  const Vector<TestType> plain = h.ldlt().solve(-g);
  for (RepairMethod method : all_methods) {
    INFO(spectrakit::to_string(method));
    const Vector<TestType> p = spectrakit::newton_direction(h, g, RepairOptions{method});
    CHECK((p - plain).norm() <= tol_for<TestType>(25, TestType(20)) * plain.norm());
  }
}

TEMPLATE_TEST_CASE("edge cases: 1x1, zero matrix, identity, expressions", "[hessian]", float, double) {
  using M = Matrix<TestType>;
  SECTION("1x1") {
    M neg(1, 1);
    neg << -4;
    auto r = spectrakit::repair_hessian(neg);
    CHECK(r.matrix(0, 0) == TestType(4));
    r = spectrakit::repair_hessian(neg, RepairOptions{RepairMethod::clip_eigenvalues});
    CHECK(r.matrix(0, 0) == r.floor);
    CHECK(r.floor == TestType(4) * std::max(TestType(1e-8), TestType(4) * eps<TestType>()));
    r = spectrakit::repair_hessian(neg, RepairOptions{RepairMethod::modified_cholesky});
    CHECK(r.matrix(0, 0) > 0);
    Vector<TestType> g(1);
    g << 2;
    CHECK(spectrakit::newton_direction(neg, g)(0) == Catch::Approx(-0.5));
    M zero1 = M::Zero(1, 1);
    CHECK(spectrakit::repair_hessian(zero1).matrix(0, 0) == 1);
  }
  SECTION("zero matrix: no scale, repaired to the identity; never NaN") {
    const M zero = M::Zero(4, 4);
    for (RepairMethod method : all_methods) {
      INFO(spectrakit::to_string(method));
      const auto r = spectrakit::repair_hessian(zero, RepairOptions{method});
      CHECK(r.matrix.allFinite());
      if (promises_pd(method)) {
        CHECK(cholesky_succeeds(r.matrix));
        CHECK(r.modified);
      }
      const Vector<TestType> g = Vector<TestType>::Ones(4);
      const Vector<TestType> p = spectrakit::newton_direction(zero, g, RepairOptions{method});
      CHECK(p.allFinite());
      if (promises_pd(method)) CHECK((p + g).norm() <= TestType(1e-5));
    }
    CHECK(spectrakit::repair_hessian(zero).rank == 0);
    RepairOptions o{RepairMethod::clip_eigenvalues};
    o.absolute_floor = 0.25;
    CHECK(spectrakit::repair_hessian(zero, o).matrix == TestType(0.25) * M::Identity(4, 4));
  }
  SECTION("identity and expression input") {
    const M eye = M::Identity(5, 5);
    CHECK_FALSE(spectrakit::repair_hessian(eye).modified);
    const auto r = spectrakit::repair_hessian(TestType(-2) * eye);
    CHECK((r.matrix - TestType(2) * eye).norm() <= tol_for<TestType>(5, 2));
    const M a = random_normal<TestType>(6, 6, 3);
    const auto s = spectrakit::repair_hessian(a + a.transpose(), RepairOptions{RepairMethod::clip_eigenvalues});
    CHECK(cholesky_succeeds(s.matrix));
  }
}

TEST_CASE("newton_direction: pseudo-inverse for truncation, never NaN", "[hessian]") {
  Vector<double> d(4);
  d << -2, 0, 1e-20, 3;
  const Matrix<double> h = symmetric_with_spectrum<double>(d, 9);
  const Vector<double> g = random_normal<double>(4, 1, 1);
  RepairOptions o{RepairMethod::truncate_singular_values};
  const Vector<double> p = spectrakit::newton_direction(h, g, o);
  const auto r = spectrakit::repair_hessian(h, o);
  CHECK(r.rank == 2);
  const Matrix<double> pinv = r.matrix.completeOrthogonalDecomposition().pseudoInverse();
  CHECK((p + pinv * g).norm() <= 1e-12 * g.norm());
}

TEMPLATE_TEST_CASE("optimal_step_size: exact line minimizer on a quadratic, >= 1/lambda_max", "[hessian][notes]", float,
                   double) {
  using M = Matrix<TestType>;
  Vector<double> d = Vector<double>::LinSpaced(8, 0.5, 20);
  const M a = symmetric_with_spectrum<TestType>(d, 4);
  const Vector<TestType> b = random_normal<TestType>(8, 1, 5);
  auto f = [&](const Vector<TestType>& x) { return TestType(0.5) * x.dot(a * x) - b.dot(x); };
  const Vector<TestType> x = random_normal<TestType>(8, 1, 6);
  const Vector<TestType> g = a * x - b;
  const TestType step = spectrakit::optimal_step_size(g, a);
  // d/d eps f(x - eps g) = -g^T g + eps g^T A g = 0 at eps*.
  CHECK(std::abs(-g.squaredNorm() + step * g.dot(a * g)) <= TestType(100) * eps<TestType>() * g.squaredNorm());
  CHECK(f(x - step * g) <= f(x - TestType(0.9) * step * g));
  CHECK(f(x - step * g) <= f(x - TestType(1.1) * step * g));
  CHECK(step >= TestType(1 / 20.0) * (1 - 10 * eps<TestType>()));
  // Equality when g is the eigenvector of lambda_max.
  const Vector<TestType> top = reference_eigenvectors(a).col(7);
  CHECK(spectrakit::optimal_step_size(top, a) == Catch::Approx(1 / 20.0).epsilon(100 * eps<TestType>()));
  // The notes restrict eps to (0, 1): the optimal step exceeds 1 whenever lambda_max < 1.
  const M half = TestType(0.5) * M::Identity(8, 8);
  CHECK(spectrakit::optimal_step_size(g, half) == Catch::Approx(2.0).epsilon(10 * eps<TestType>()));
  // Non-positive curvature along g: unbounded model, +infinity.
  CHECK(std::isinf(spectrakit::optimal_step_size(top, TestType(-1) * a)));
  CHECK(std::isinf(spectrakit::optimal_step_size(Vector<TestType>::Zero(8), a)));
}

TEST_CASE("the notes' canyon: gradient descent with eps* slows with the condition number; Newton takes one step",
          "[hessian][notes]") {
  std::vector<int> iterations;
  for (double kappa : {10.0, 100.0, 1000.0}) {
    Vector<double> d(2);
    d << 1, kappa;
    const Matrix<double> a = symmetric_with_spectrum<double>(d, 3);
    // Start on the worst case of steepest descent: components 1/lambda_i along the eigenvectors.
    const Matrix<double> q = reference_eigenvectors(a);
    Vector<double> x = q.col(0) * kappa + q.col(1);
    int it = 0;
    while ((a * x).norm() > 1e-8 * kappa && it < 100000) {
      const Vector<double> g = a * x;
      x -= spectrakit::optimal_step_size(g, a) * g;
      ++it;
    }
    iterations.push_back(it);
    // Newton: one step from anywhere to the minimizer 0 of the quadratic.
    Vector<double> y = random_normal<double>(2, 1, 7);
    y += spectrakit::newton_direction(a, Vector<double>(a * y));
    CHECK(y.norm() <= 1e-12 * kappa);
  }
  INFO("iterations for kappa = 10, 100, 1000: " << iterations[0] << ", " << iterations[1] << ", " << iterations[2]);
  CHECK(iterations[0] < iterations[1]);
  CHECK(iterations[1] < iterations[2]);
  CHECK(iterations[2] > 5 * iterations[0]);
}

TEMPLATE_TEST_CASE("classify_critical_point at the origin of the notes' examples", "[hessian][notes]", float, double) {
  using M = Matrix<TestType>;
  using spectrakit::CriticalPoint;
  auto hessian_at_origin = [](auto f) { return spectrakit::finite_difference_hessian(f, Vector<TestType>::Zero(2)); };
  auto bowl = [](const Vector<TestType>& v) { return v(0) * v(0) + v(1) * v(1); };
  auto cap = [](const Vector<TestType>& v) { return -v(0) * v(0) - v(1) * v(1); };
  auto saddle = [](const Vector<TestType>& v) { return v(0) * v(0) - v(1) * v(1); };
  auto quartic = [](const Vector<TestType>& v) { return v(0) * v(0) * v(0) * v(0) + v(1) * v(1); };
  const TestType tol = std::sqrt(eps<TestType>()) * 10;
  CHECK(spectrakit::classify_critical_point(hessian_at_origin(bowl), tol) == CriticalPoint::minimum);
  CHECK(spectrakit::classify_critical_point(hessian_at_origin(cap), tol) == CriticalPoint::maximum);
  CHECK(spectrakit::classify_critical_point(hessian_at_origin(saddle), tol) == CriticalPoint::saddle);
  CHECK(spectrakit::classify_critical_point(hessian_at_origin(quartic), tol) == CriticalPoint::degenerate);
  // Exact Hessians.
  M h(2, 2);
  h << 2, 0, 0, 2;
  CHECK(spectrakit::classify_critical_point(h) == CriticalPoint::minimum);
  h << 0, 0, 0, 2;
  CHECK(spectrakit::classify_critical_point(h) == CriticalPoint::degenerate);
  CHECK(spectrakit::classify_critical_point(M(M::Zero(3, 3))) == CriticalPoint::degenerate);
  M s(3, 3);
  s << 1, 0, 0, 0, 0, 0, 0, 0, -1;  // both signs and a zero: still a saddle
  CHECK(spectrakit::classify_critical_point(s) == CriticalPoint::saddle);
  CHECK(std::string(spectrakit::to_string(CriticalPoint::degenerate)) == "degenerate");
}

TEST_CASE("bad input throws invalid_input naming the argument", "[hessian][errors]") {
  using M = Matrix<double>;
  const M h = notes_matrix<double>();
  const Vector<double> g = Vector<double>::Ones(3);
  M asym = h;
  asym(0, 1) += 1e-3;
  M nan = h;
  nan(1, 1) = std::numeric_limits<double>::quiet_NaN();
  M inf = h;
  inf(2, 0) = inf(0, 2) = std::numeric_limits<double>::infinity();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::repair_hessian(M(3, 4)), "argument 'H' must be square");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::repair_hessian(M(0, 0)), "argument 'H' must not be empty");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::repair_hessian(asym), "argument 'H' must be symmetric");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::repair_hessian(nan), "argument 'H' has NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::repair_hessian(inf), "argument 'H' has NaN or Inf");
  for (double delta : {0.0, 1.0, -1e-8, 2.0, std::numeric_limits<double>::quiet_NaN()}) {
    RepairOptions o;
    o.delta = delta;
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::repair_hessian(h, o), "option 'delta' must be in (0, 1)");
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::newton_direction(h, g, o), "option 'delta'");
  }
  for (Eigen::Index rank : {Eigen::Index(-2), Eigen::Index(4)}) {
    RepairOptions o{RepairMethod::truncate_singular_values};
    o.rank = rank;
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::repair_hessian(h, o), "option 'rank' must be -1 or in [0, 3]");
  }
  RepairOptions bad_floor;
  bad_floor.absolute_floor = -1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::repair_hessian(h, bad_floor), "option 'absolute_floor'");
  RepairOptions bad_method;
  bad_method.method = static_cast<RepairMethod>(42);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::repair_hessian(h, bad_method), "option 'method'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::newton_direction(h, Vector<double>::Ones(2)),
                             "newton_direction: argument 'g' must be a vector of size 3");
  Vector<double> gnan = g;
  gnan(1) = std::numeric_limits<double>::quiet_NaN();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::newton_direction(h, gnan), "argument 'g' has NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::newton_direction(asym, g), "newton_direction: argument 'H' must be symmetric");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::optimal_step_size(Vector<double>::Ones(2), h), "argument 'g'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::optimal_step_size(g, M(3, 2)), "argument 'H' must be square");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::optimal_step_size(g, nan), "argument 'H' has NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::classify_critical_point(asym), "argument 'H' must be symmetric");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::classify_critical_point(h, 1.5), "argument 'tolerance'");
  CHECK(std::string(spectrakit::to_string(RepairMethod::shift_identity)) == "shift_identity");
}

// Regressions of the defects the property tests found (tests/test_rapidcheck.cpp, K3, K7).

TEMPLATE_TEST_CASE("repair_hessian, modified_cholesky: entries near 1e+-200 (float 1e+-25) give a finite PD matrix",
                   "[hessian]", float, double) {
  // theta^2 / beta^2 and c_ij^2 / d_j overflowed: a NaN matrix for entries beyond 1e154.
  const bool single = std::is_same<TestType, float>::value;
  const Eigen::Index n = 40;
  Vector<double> d(n);
  for (Eigen::Index i = 0; i < n; ++i) d(i) = (i % 3 == 0 ? -1.0 : 1.0) * (0.5 + double(i) / double(n));
  for (double scale : {single ? 1e25 : 1e200, single ? 1e-25 : 1e-200}) {
    const Matrix<TestType> h = (symmetric_with_spectrum<double>(d, 5) * scale).cast<TestType>();
    RepairOptions o;
    o.method = RepairMethod::modified_cholesky;
    const auto r = spectrakit::repair_hessian(h, o);
    INFO("scale " << scale);
    REQUIRE(r.matrix.allFinite());
    CHECK(r.modified);
    CHECK(r.matrix == r.matrix.transpose());
    const Matrix<double> t = r.matrix.template cast<double>() / scale;
    const Vector<double> lambda = reference_eigenvalues(t);
    CHECK(lambda.minCoeff() >= -16.0 * double(n) * double(eps<TestType>()) * t.norm());
    // the same factorization as at scale 1 (powers of two aside): A~ scales with A
    const Matrix<TestType> h1 = symmetric_with_spectrum<double>(d, 5).cast<TestType>();
    const auto r1 = spectrakit::repair_hessian(h1, o);
    CHECK((t - r1.matrix.template cast<double>()).norm() <= 1e-3 * r1.matrix.template cast<double>().norm());
    // and its Newton step descends
    const Vector<TestType> g = (Vector<double>::Ones(n) * scale).cast<TestType>();
    const Vector<TestType> p = spectrakit::newton_direction(h, g, o);
    REQUIRE(p.allFinite());
    CHECK(g.template cast<double>().stableNormalized().dot(p.template cast<double>().stableNormalized()) < 0);
  }
}

TEMPLATE_TEST_CASE("newton_direction: a subnormal floor f = delta sigma_1 gives the representable direction", "[hessian]",
                   float, double) {
  // 1/f overflowed to Inf (then NaN) though p = -H~^{-1} g is of order 1 when g is of the order of H.
  const bool single = std::is_same<TestType, float>::value;
  const Eigen::Index n = 12;
  Vector<double> d(n);
  for (Eigen::Index i = 0; i < n; ++i) d(i) = (i % 4 == 0 ? -1.0 : 1.0) * std::pow(10.0, -3.0 * double(i) / double(n));
  d(n - 1) = 0;  // a zero eigenvalue: lifted to the floor
  const double tiny = single ? 1e-35 : 1e-306;  // f = delta sigma_1 subnormal (delta = 1e-4)
  const Matrix<double> h64 = symmetric_with_spectrum<double>(d, 3);
  const Matrix<TestType> h = (h64 * tiny).cast<TestType>();
  const Vector<double> g64 = random_normal_double(n, 1, 4);
  const Vector<TestType> g = (g64 * tiny).cast<TestType>();
  for (auto method : {RepairMethod::clip_eigenvalues, RepairMethod::absolute_eigenvalues, RepairMethod::shift_identity,
                      RepairMethod::modified_cholesky}) {
    RepairOptions o;
    o.method = method;
    o.delta = 1e-4;
    INFO("method " << spectrakit::to_string(method));
    const Vector<TestType> p = spectrakit::newton_direction(h, g, o);
    REQUIRE(p.allFinite());
    // The same direction as for H and g scaled to order 1 (f scales with sigma_1): H, g and f
    // are the scaled ones up to the rounding of the (coarse) subnormal entries of H.
    const Vector<double> ref = spectrakit::newton_direction(h.template cast<double>() / tiny, g.template cast<double>() / tiny, o);
    CHECK((p.template cast<double>() - ref).norm() <= 1e-2 * ref.norm());
    CHECK(g.template cast<double>().dot(p.template cast<double>()) < 0);
  }
}
