// Tests of solve_sylvester and displacement_rank (low_rank module): residuals on random
// equations, the notes' Hilbert and Vandermonde displacement identities (seed 002), the
// Beckermann-Townsend bound, singular equations and bad input.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <type_traits>
#include <vector>
#include <spectrakit/low_rank.hpp>

#include "spectrakit_catch.hpp"
#include "test_util.hpp"

using namespace spectrakit_test;

namespace {

// Relative residual ||AX + XB - C||_F / ((||A||_F + ||B||_F) ||X||_F), computed in double.
template <typename Scalar>
double residual(const Matrix<Scalar>& a, const Matrix<Scalar>& b, const Matrix<Scalar>& c, const Matrix<Scalar>& x) {
  const Matrix<double> ad = a.template cast<double>(), bd = b.template cast<double>();
  const Matrix<double> cd = c.template cast<double>(), xd = x.template cast<double>();
  return (ad * xd + xd * bd - cd).norm() / ((ad.norm() + bd.norm()) * xd.norm());
}

// The notes' down-shift with -1 in the corner: B(j+1, j) = 1, B(0, n-1) = -1.
template <typename Scalar>
Matrix<Scalar> shift_with_corner(Eigen::Index n) {
  Matrix<Scalar> b = Matrix<Scalar>::Zero(n, n);
  for (Eigen::Index j = 0; j + 1 < n; ++j) b(j + 1, j) = 1;
  b(0, n - 1) = -1;
  return b;
}

}  // namespace

TEMPLATE_TEST_CASE("solve_sylvester: backward stable on random equations", "[sylvester]", float, double) {
  const std::vector<std::pair<Eigen::Index, Eigen::Index>> shapes = {{1, 1}, {5, 3}, {2, 9}, {60, 70}, {130, 97}};
  std::uint64_t seed = 10;
  for (const auto& [m, n] : shapes) {
    const Matrix<TestType> a = random_normal<TestType>(m, m, ++seed);
    const Matrix<TestType> b = random_normal<TestType>(n, n, ++seed);
    const Matrix<TestType> c = random_normal<TestType>(m, n, ++seed);
    const auto r = spectrakit::solve_sylvester(a, b, c, spectrakit::SylvesterOptions{});
    INFO("m " << m << " n " << n << " seed " << seed);
    REQUIRE(r.converged());
    REQUIRE(r.X.rows() == m);
    REQUIRE(r.X.cols() == n);
    const double tol = 10.0 * double(m + n) * double(eps<TestType>());
    CHECK(residual(a, b, c, r.X) <= tol);
    CHECK(double(r.relative_residual) <= tol);
    CHECK(r.eigenvalue_gap > 0);
    // The plain overload returns the same X.
    const Matrix<TestType> x = spectrakit::solve_sylvester(a, b, c);
    CHECK((x - r.X).norm() == TestType(0));
    spectrakit::SylvesterOptions no_residual;
    no_residual.compute_residual = false;
    const auto r2 = spectrakit::solve_sylvester(a, b, c, no_residual);
    CHECK(std::isnan(r2.relative_residual));
    CHECK((r2.X - r.X).norm() == TestType(0));
  }
}

namespace {

// Checks a = u t u^T, u orthogonal, t upper quasi-triangular with 2 x 2 blocks only for complex
// conjugate pairs, and the eigenvalues against Eigen's EigenSolver.
template <typename Scalar>
void check_real_schur(const Matrix<Scalar>& a) {
  const Eigen::Index n = a.rows();
  Matrix<Scalar> u, t;
  REQUIRE(spectrakit::detail::francis_real_schur<Scalar>(a, u, t));
  const Matrix<double> ad = a.template cast<double>(), ud = u.template cast<double>(), td = t.template cast<double>();
  const double tol = 20.0 * double(n) * double(eps<Scalar>());
  INFO("n " << n);
  CHECK((ud * td * ud.transpose() - ad).norm() <= tol * std::max(ad.norm(), 1e-300));
  CHECK((ud.transpose() * ud - Matrix<double>::Identity(n, n)).norm() <= tol);
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = j + 2; i < n; ++i) REQUIRE(t(i, j) == Scalar(0));
  std::vector<std::complex<double>> ours;
  for (Eigen::Index i = 0; i < n;) {
    if (i + 1 < n && t(i + 1, i) != Scalar(0)) {
      REQUIRE((i + 2 >= n || t(i + 2, i + 1) == Scalar(0)));  // no two 2 x 2 blocks overlap
      const double p = 0.5 * (td(i, i) - td(i + 1, i + 1));
      const double disc = p * p + td(i + 1, i) * td(i, i + 1);
      CHECK(disc < 0);  // 2 x 2 blocks only for complex pairs
      const double mean = 0.5 * (td(i, i) + td(i + 1, i + 1)), im = std::sqrt(std::max(-disc, 0.0));
      ours.emplace_back(mean, im);
      ours.emplace_back(mean, -im);
      i += 2;
    } else {
      ours.emplace_back(td(i, i), 0.0);
      ++i;
    }
  }
  // Each reference eigenvalue has one of ours nearby (well-conditioned random spectra).
  const Eigen::VectorXcd ref = Eigen::EigenSolver<Matrix<double>>(ad, false).eigenvalues();
  double worst = 0;
  for (Eigen::Index k = 0; k < n; ++k) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& z : ours) best = std::min(best, std::abs(z - ref(k)));
    worst = std::max(worst, best);
  }
  CHECK(worst <= 1e3 * double(n) * double(eps<Scalar>()) * std::max(ad.norm(), 1.0));
}

}  // namespace

TEMPLATE_TEST_CASE("the real Schur decomposition behind solve_sylvester", "[sylvester][schur]", float, double) {
  // Sizes below and above the multishift threshold (60) and the sweep batch (24).
  for (const Eigen::Index n : {Eigen::Index(1), Eigen::Index(2), Eigen::Index(3), Eigen::Index(7), Eigen::Index(30),
                               Eigen::Index(61), Eigen::Index(150)})
    check_real_schur<TestType>(random_normal<TestType>(n, n, std::uint64_t(100 + n)));
  // Orthogonal: all eigenvalues on the unit circle (complex pairs of equal modulus, the hard case
  // for shifted QR).
  check_real_schur<TestType>(random_orthogonal<TestType>(90, 7));
  // Zero, identity, a nilpotent shift (defective), an already triangular matrix, a block
  // diagonal matrix (zero subdiagonal entries from the start).
  check_real_schur<TestType>(Matrix<TestType>::Zero(70, 70));
  check_real_schur<TestType>(Matrix<TestType>::Identity(70, 70));
  Matrix<TestType> shift = Matrix<TestType>::Zero(65, 65);
  for (Eigen::Index i = 0; i + 1 < 65; ++i) shift(i + 1, i) = 1;
  {
    Matrix<TestType> u, t;
    REQUIRE(spectrakit::detail::francis_real_schur<TestType>(shift, u, t));
    CHECK((u * t * u.transpose() - shift).norm() <= 100 * 65 * eps<TestType>());
  }
  check_real_schur<TestType>(Matrix<TestType>(random_normal<TestType>(80, 80, 3).template triangularView<Eigen::Upper>()));
  Matrix<TestType> blocks = Matrix<TestType>::Zero(100, 100);
  blocks.topLeftCorner(40, 40) = random_normal<TestType>(40, 40, 4);
  blocks.bottomRightCorner(60, 60) = random_normal<TestType>(60, 60, 5);
  check_real_schur<TestType>(blocks);
  // Widely scaled entries: the scaling by max |a_ij| keeps the iteration in range.
  check_real_schur<TestType>(Matrix<TestType>(random_normal<TestType>(64, 64, 6) * TestType(1e15)));
}

TEMPLATE_TEST_CASE("solve_sylvester: larger non-symmetric equations (multishift Schur, recursive solve)",
                   "[sylvester]", float, double) {
  // m != n, both above the multishift threshold and the recursion's leaf size; B orthogonal plus
  // a shift gives many 2 x 2 blocks.
  const Eigen::Index m = 160, n = 121;
  const Matrix<TestType> a = random_normal<TestType>(m, m, 31);
  const Matrix<TestType> b =
      random_orthogonal<TestType>(n, 32) * TestType(4) + TestType(2) * Matrix<TestType>::Identity(n, n);
  const Matrix<TestType> c = random_normal<TestType>(m, n, 33);
  const auto r = spectrakit::solve_sylvester(a, b, c, spectrakit::SylvesterOptions{});
  REQUIRE(r.converged());
  const double tol = 10.0 * double(m + n) * double(eps<TestType>());
  CHECK(residual(a, b, c, r.X) <= tol);
  CHECK(double(r.relative_residual) <= tol);
  // Both symmetric (two symmetric eigensolver paths, a Lyapunov equation A X + X A = C).
  Vector<double> d(m);
  for (Eigen::Index i = 0; i < m; ++i) d(i) = 0.5 + double(i) / 10;
  const Matrix<TestType> s = symmetric_with_spectrum<TestType>(d, 34);
  const Matrix<TestType> cs = random_normal<TestType>(m, m, 35);
  CHECK(residual(s, s, cs, spectrakit::solve_sylvester(s, s, cs)) <= 10.0 * double(2 * m) * double(eps<TestType>()));
  // B = -A^T shares every eigenvalue of A with -B: singular, rejected.
  const Matrix<TestType> minus_at = -a.transpose();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(a, minus_at, Matrix<TestType>(random_normal<TestType>(m, m, 36))),
                             "argument 'B' makes the equation singular");
}

TEST_CASE("solve_sylvester agrees with the Kronecker solve on small equations", "[sylvester]") {
  // vec(AX + XB) = (I (x) A + B^T (x) I) vec(X), solved densely.
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const Eigen::Index m = 6, n = 4;
    const Matrix<double> a = random_normal(m, m, seed), b = random_normal(n, n, seed + 100);
    const Matrix<double> c = random_normal(m, n, seed + 200);
    Matrix<double> k = Matrix<double>::Zero(m * n, m * n);
    for (Eigen::Index j = 0; j < n; ++j) {
      k.block(j * m, j * m, m, m) += a;
      for (Eigen::Index l = 0; l < n; ++l) k.block(j * m, l * m, m, m) += b(l, j) * Matrix<double>::Identity(m, m);
    }
    const Vector<double> vx = k.fullPivLu().solve(Eigen::Map<const Vector<double>>(c.data(), m * n));
    const Matrix<double> x = spectrakit::solve_sylvester(a, b, c);
    const double cond = k.jacobiSvd().singularValues()(0) / k.jacobiSvd().singularValues()(m * n - 1);
    INFO("seed " << seed << " cond " << cond);
    CHECK((Eigen::Map<const Vector<double>>(x.data(), m * n) - vx).norm() <= 10 * cond * eps<double>() * vx.norm());
  }
}

TEMPLATE_TEST_CASE("solve_sylvester: symmetric, orthogonal (all 2x2 blocks) and triangular inputs", "[sylvester]",
                   float, double) {
  const Eigen::Index m = 57, n = 51;
  // Symmetric A (the eigensolver path) with a non-symmetric B.
  Vector<double> d(m);
  for (Eigen::Index i = 0; i < m; ++i) d(i) = 1.0 + double(i) / 4;
  const Matrix<TestType> a = symmetric_with_spectrum<TestType>(d, 5);
  // An orthogonal B has its eigenvalues on the unit circle: complex pairs, 2 x 2 Schur blocks.
  // A + B shifted by 3 keeps the spectra of A and -B apart.
  const Matrix<TestType> q = random_orthogonal<TestType>(n, 6);
  const Matrix<TestType> b = q + TestType(3) * Matrix<TestType>::Identity(n, n);
  const Matrix<TestType> c = random_normal<TestType>(m, n, 7);
  const double tol = 10.0 * double(m + n) * double(eps<TestType>());
  CHECK(residual(a, b, c, spectrakit::solve_sylvester(a, b, c)) <= tol);
  CHECK(residual(q, b, c.topRows(n).eval(), spectrakit::solve_sylvester(q, b, c.topRows(n).eval())) <= tol);
  // Lyapunov-type A X + X A^T = C.
  const Matrix<TestType> g = random_normal<TestType>(m, m, 8) + TestType(20) * Matrix<TestType>::Identity(m, m);
  const Matrix<TestType> sq = random_normal<TestType>(m, m, 9);
  const Matrix<TestType> gt = g.transpose();
  CHECK(residual(g, gt, sq, spectrakit::solve_sylvester(g, gt, sq)) <= tol);
  // Upper triangular inputs (already in Schur form).
  const Matrix<TestType> ua = Matrix<TestType>(g.template triangularView<Eigen::Upper>());
  CHECK(residual(ua, ua, sq, spectrakit::solve_sylvester(ua, ua, sq)) <= tol);
}

TEMPLATE_TEST_CASE("solve_sylvester: 1x1, identity and zero right-hand side", "[sylvester]", float, double) {
  Matrix<TestType> a(1, 1), b(1, 1), c(1, 1);
  a << 2;
  b << 3;
  c << 10;
  CHECK(spectrakit::solve_sylvester(a, b, c)(0, 0) == TestType(2));
  const Matrix<TestType> i4 = Matrix<TestType>::Identity(4, 4);
  const Matrix<TestType> c4 = random_normal<TestType>(4, 4, 3);
  CHECK((spectrakit::solve_sylvester(i4, i4, c4) - c4 / TestType(2)).norm() <= 4 * eps<TestType>() * c4.norm());
  const Matrix<TestType> z = Matrix<TestType>::Zero(4, 4);
  CHECK(spectrakit::solve_sylvester(i4, i4, z).norm() == TestType(0));
  const auto r = spectrakit::solve_sylvester(i4, i4, z, spectrakit::SylvesterOptions{});
  CHECK(r.relative_residual == TestType(0));
  CHECK(r.eigenvalue_gap == TestType(2));
}

TEMPLATE_TEST_CASE("solve_sylvester: the notes' Hilbert identity solves back to H", "[sylvester][notes]", float,
                   double) {
  // diag(i - 1/2) H - H diag(-j + 1/2) = ones(n, n): AX + XB = ones with A = B = diag(i - 1/2).
  for (const Eigen::Index n : {Eigen::Index(12), Eigen::Index(100)}) {
    Vector<TestType> d(n);
    for (Eigen::Index i = 0; i < n; ++i) d(i) = TestType(i) + TestType(0.5);
    const Matrix<TestType> a = d.asDiagonal();
    const Matrix<TestType> h = spectrakit::hilbert_matrix<TestType>(n);
    const Matrix<TestType> ones = Matrix<TestType>::Ones(n, n);
    // The identity itself (the note's form, with B' = -B).
    const Matrix<TestType> bn = (-d).asDiagonal();
    CHECK((a * h - h * bn - ones).cwiseAbs().maxCoeff() <= 2 * eps<TestType>());
    const Matrix<TestType> x = spectrakit::solve_sylvester(a, a, ones);
    INFO("n " << n);
    // Each entry is 1 / (i + j - 1) up to a few roundings.
    CHECK(((x - h).array() / h.array()).abs().maxCoeff() <= 8 * eps<TestType>());
    CHECK(spectrakit::displacement_rank(a, bn, h, 1e-4) == 1);
  }
}

TEST_CASE("solve_sylvester: the notes' Vandermonde displacement has rank 1", "[sylvester][notes]") {
  // A = diag(x), B = the down-shift with -1 in the corner: AV - VB is zero except its last
  // column x_i^n + 1.
  const Eigen::Index n = 8;
  Vector<double> x(n);
  for (Eigen::Index i = 0; i < n; ++i) x(i) = std::cos(M_PI * (double(i) + 0.5) / double(n));  // Chebyshev points
  const Matrix<double> v = spectrakit::vandermonde_matrix(x);
  const Matrix<double> a = x.asDiagonal();
  const Matrix<double> b = shift_with_corner<double>(n);
  const Matrix<double> c = a * v - v * b;
  CHECK(c.leftCols(n - 1).cwiseAbs().maxCoeff() <= 4 * eps<double>());
  for (Eigen::Index i = 0; i < n; ++i)
    CHECK(c(i, n - 1) == Catch::Approx(std::pow(x(i), double(n)) + 1.0).epsilon(1e-15));
  CHECK(spectrakit::displacement_rank(a, b, v, 1e-10) == 1);
  // V itself has full rank (distinct nodes): it is ill-conditioned, not low-rank as the notes
  // say; its singular values decay geometrically for real nodes.
  CHECK(spectrakit::numerical_rank(v) == n);
  // Solved back: AV + V(-B) = C. The eigenvalues of B are the n-th roots of -1 (non-real for
  // even n), those of A real: the equation is regular with gap sin(pi / 2n) or more.
  const auto r = spectrakit::solve_sylvester(a, Matrix<double>(-b), c, spectrakit::SylvesterOptions{});
  CHECK(r.eigenvalue_gap >= std::sin(M_PI / double(2 * n)) - 1e-12);
  CHECK((r.X - v).norm() <= 1e-12 * v.norm());
  // Float too.
  const Matrix<float> vf = v.cast<float>();
  CHECK(spectrakit::displacement_rank(Matrix<float>(a.cast<float>()), Matrix<float>(b.cast<float>()), vf, 1e-5) == 1);
}

TEST_CASE("displacement ranks: Hilbert 1, a random matrix n", "[sylvester]") {
  const Eigen::Index n = 30;
  Vector<double> d(n);
  for (Eigen::Index i = 0; i < n; ++i) d(i) = double(i) + 0.5;
  CHECK(spectrakit::displacement_rank(Matrix<double>(d.asDiagonal()), Matrix<double>((-d).asDiagonal()),
                                      spectrakit::hilbert_matrix(n), 1e-12) == 1);
  const Matrix<double> a = random_normal(n, n, 1), b = random_normal(n, n, 2), x = random_normal(n, n, 3);
  CHECK(spectrakit::displacement_rank(a, b, x, 1e-12) == n);
  // Rectangular X and the zero displacement (X = 0).
  const Matrix<double> b2 = random_normal(12, 12, 4);
  CHECK(spectrakit::displacement_rank(a, b2, random_normal(n, 12, 5), 1e-12) == 12);
  CHECK(spectrakit::displacement_rank(a, b2, Matrix<double>::Zero(n, 12), 1e-12) == 0);
}

TEST_CASE("Beckermann-Townsend: the Hilbert singular values obey the Zolotarev bound", "[sylvester][notes]") {
  // A = diag(i - 1/2) and B = diag(-j + 1/2) are normal with spectra in E = [1/2, n - 1/2] and
  // F = -E, and AH - HB has rank r = 1, so sigma_{k+1}(H) <= Z_k(E, F) sigma_1(H) with
  // Z_k(E, F) <= 4 exp(-pi^2 k / log(4 b / a)) for E = [a, b], F = -E (Beckermann-Townsend 2017,
  // Corollary 3.2).
  const Eigen::Index n = 60;
  const Matrix<double> h = spectrakit::hilbert_matrix(n);
  const Vector<double> s = spectrakit::singular_values(h);
  const double a = 0.5, b = double(n) - 0.5;
  for (Eigen::Index k = 1; k < n; ++k) {
    const double bound = 4.0 * std::exp(-M_PI * M_PI * double(k) / std::log(4.0 * b / a));
    INFO("k " << k);
    CHECK(s(k) <= (bound + 4.0 * double(n) * eps<double>()) * s(0));
  }
  // Hence the epsilon-rank is at most ceil(log(4 / eps) log(4b/a) / pi^2): 23 for n = 60 at
  // eps = 1e-12.
  const double eps_rank_bound = std::ceil(std::log(4.0 / 1e-12) * std::log(4.0 * b / a) / (M_PI * M_PI));
  CHECK(double(spectrakit::epsilon_rank(h, 1e-12)) <= eps_rank_bound);
}

TEST_CASE("the notes' sampled functions: P(x, y) = 1 + x + xy has rank 2, not 3", "[sylvester][notes][errata]") {
  // X_jk = P(j, k) = 1 + j + j k = 1 * 1^T + j * (1 + k)^T: rank 2 (the notes: rank <= 3).
  const Eigen::Index n = 20;
  Matrix<double> x(n, n);
  for (Eigen::Index k = 0; k < n; ++k)
    for (Eigen::Index j = 0; j < n; ++j) x(j, k) = 1.0 + double(j + 1) + double(j + 1) * double(k + 1);
  CHECK(spectrakit::numerical_rank(x) == 2);
  // p(x, y) = sum_{s,t < m} a_st x^s y^t gives X = V_x A V_y^T: rank <= m (the notes: m^2).
  const Eigen::Index m = 3;
  const Matrix<double> coeff = random_normal(m, m, 42);
  Vector<double> nodes(n);
  for (Eigen::Index i = 0; i < n; ++i) nodes(i) = double(i + 1) / double(n);
  const Matrix<double> vx = spectrakit::vandermonde_matrix(nodes, m);
  const Matrix<double> p = vx * coeff * vx.transpose();
  CHECK(spectrakit::numerical_rank(p) == m);
}

TEST_CASE("solve_sylvester rejects singular equations", "[sylvester][errors]") {
  Matrix<double> a = Vector<double>::LinSpaced(3, 1, 3).asDiagonal();
  Matrix<double> b(2, 2);
  b << -2, 0, 0, 5;  // -B has the eigenvalue 2 of A
  const Matrix<double> c = Matrix<double>::Ones(3, 2);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(a, b, c), "argument 'B' makes the equation singular");
  // Complex pairs: A = B = rotation by 90 degrees (eigenvalues +-i): i + (-i) = 0.
  Matrix<double> r(2, 2);
  r << 0, 1, -1, 0;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(r, r, Matrix<double>::Ones(2, 2)),
                             "makes the equation singular");
  // Nearly singular within the tolerance, and accepted with a smaller one.
  b(0, 0) = -2.0 + 1e-9;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(a, b, c, spectrakit::SylvesterOptions{1e-8}), "singular");
  const auto ok = spectrakit::solve_sylvester(a, b, c, spectrakit::SylvesterOptions{1e-12});
  CHECK(ok.eigenvalue_gap == Catch::Approx(1e-9).epsilon(1e-6));
  CHECK(ok.X(1, 0) == Catch::Approx(1e9).epsilon(1e-6));
  // Float: the default tolerance is 10 eps of float.
  Matrix<float> af = a.cast<float>(), bf = b.cast<float>();
  bf(0, 0) = -2.0f;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(af, bf, Matrix<float>(c.cast<float>())), "singular");
}

TEST_CASE("solve_sylvester and displacement_rank: bad input names the argument", "[sylvester][errors]") {
  const Matrix<double> a = random_normal(3, 3, 1), b = random_normal(2, 2, 2), c = random_normal(3, 2, 3);
  const Matrix<double> rect = random_normal(3, 4, 4), empty(0, 0);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(rect, b, c), "argument 'A' must be square, got 3x4");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(a, rect, c), "argument 'B' must be square");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(empty, b, c), "argument 'A' must not be empty");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(a, empty, c), "argument 'B' must not be empty");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(a, b, rect),
                             "argument 'C' must be 3x2 (rows of A x rows of B), got 3x4");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(a, b, Matrix<double>(c.transpose())),
                             "argument 'C' must be 3x2");
  Matrix<double> bad = a;
  bad(1, 1) = std::numeric_limits<double>::quiet_NaN();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(bad, b, c), "argument 'A' has NaN or Inf");
  Matrix<double> badc = c;
  badc(0, 0) = std::numeric_limits<double>::infinity();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(a, b, badc), "argument 'C' has NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(a, b, c, spectrakit::SylvesterOptions{1.0}),
                             "option 'singularity_tolerance'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::solve_sylvester(a, b, c, spectrakit::SylvesterOptions{std::nan("")}),
                             "option 'singularity_tolerance'");

  SPECTRAKIT_REQUIRE_INVALID(spectrakit::displacement_rank(rect, b, c, 1e-8), "argument 'A' must be square");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::displacement_rank(a, rect, c, 1e-8), "argument 'B' must be square");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::displacement_rank(a, b, rect, 1e-8), "argument 'X' must be 3x2");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::displacement_rank(a, b, c, 0.0), "argument 'eps' must be in (0, 1)");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::displacement_rank(a, b, c, 1.0), "argument 'eps'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::displacement_rank(a, b, badc, 1e-8), "argument 'X' has NaN or Inf");
}

// Regression of a defect the property tests found (tests/test_rapidcheck.cpp, K4).
TEMPLATE_TEST_CASE("solve_sylvester: ||A||_F, ||B||_F beyond the square root of the largest number", "[sylvester]",
                   float, double) {
  // The plain Frobenius norms overflowed to Inf, so the singularity threshold was Inf and every
  // equation was rejected as singular.
  const bool single = std::is_same<TestType, float>::value;
  const double big = single ? 1e25 : 1e200, tiny = single ? 1e-25 : 1e-200;
  const Eigen::Index m = 9, n = 7;
  auto shifted = [](Eigen::Index size, std::uint64_t seed) {
    Matrix<double> g = random_normal_double(size, size, seed);
    g.diagonal().array() += g.norm() + 1.0;  // eigenvalues with positive real part
    return g;
  };
  for (double scale : {big, tiny}) {
    const Matrix<TestType> a = (shifted(m, 1) * scale).template cast<TestType>(), b = (shifted(n, 2) * scale).template cast<TestType>();
    const Matrix<TestType> c = (random_normal_double(m, n, 3) * scale).cast<TestType>();
    INFO("scale " << scale);
    const auto r = spectrakit::solve_sylvester(a, b, c, spectrakit::SylvesterOptions());
    REQUIRE(r.converged());
    REQUIRE(r.X.allFinite());
    // X is of order 1: the residual in double, everything divided by the scale first
    const Matrix<double> x = r.X.template cast<double>(), as = a.template cast<double>() / scale,
                         bs = b.template cast<double>() / scale, cs = c.template cast<double>() / scale;
    const double tol = 32.0 * double(m + n) * double(eps<TestType>());
    CHECK((as * x + x * bs - cs).norm() <= tol * ((as.norm() + bs.norm()) * x.norm() + cs.norm()));
    CHECK(double(r.relative_residual) <= tol);
  }
}
