// Tests of the nmf module (symmetric NMF): the notes' worked example (seed 003, with its two
// slips corrected), gradient and objective identities, exact recovery, invariants of every
// algorithm, clustering of planted communities and of the karate club, and bad input.
#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <spectrakit/nmf.hpp>
#include <vector>

#include "spectrakit_catch.hpp"
#include "test_util.hpp"

using namespace spectrakit_test;
using spectrakit::SymNMFAlgorithm;
using spectrakit::SymNMFOptions;

namespace {

const SymNMFAlgorithm all_algorithms[] = {SymNMFAlgorithm::projected_gradient, SymNMFAlgorithm::hals,
                                          SymNMFAlgorithm::hals_extrapolated, SymNMFAlgorithm::multiplicative};

/// ||P grad f(H)||_F computed from scratch (dense formulas), for checking what a run reports.
template <typename Scalar>
double projected_gradient_norm_of(const Matrix<Scalar>& a, const Matrix<Scalar>& h) {
  const Matrix<double> ad = a.template cast<double>(), hd = h.template cast<double>();
  const Matrix<double> g = 2.0 * (hd * (hd.transpose() * hd) - ad * hd);
  const Matrix<double> p = (hd.array() > 0).select(g, g.cwiseMin(0.0));
  return p.norm();
}

/// Random n x k matrix with entries U(0,1), reproducible.
Matrix<double> random_uniform(Eigen::Index n, Eigen::Index k, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Matrix<double> h(n, k);
  for (Eigen::Index j = 0; j < k; ++j)
    for (Eigen::Index i = 0; i < n; ++i) h(i, j) = u(rng);
  return h;
}

/// H* with disjoint supports: node i belongs to block i % k, entries in [0.5, 1.5).
Matrix<double> block_factor(Eigen::Index n, Eigen::Index k, std::uint64_t seed) {
  const Matrix<double> u = random_uniform(n, 1, seed);
  Matrix<double> h = Matrix<double>::Zero(n, k);
  for (Eigen::Index i = 0; i < n; ++i) h(i, i % k) = 0.5 + u(i, 0);
  return h;
}

/// Fraction of nodes whose label agrees with the truth under the best one-to-one matching of
/// labels (brute force over permutations; k <= 4 here).
double agreement(const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, 1>& labels, const std::vector<int>& truth, int k) {
  std::vector<int> perm(static_cast<std::size_t>(k));
  for (int i = 0; i < k; ++i) perm[static_cast<std::size_t>(i)] = i;
  double best = 0;
  do {
    int hits = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
      const Eigen::Index l = labels(static_cast<Eigen::Index>(i));
      if (l >= 0 && perm[static_cast<std::size_t>(l)] == truth[i]) ++hits;
    }
    best = std::max(best, double(hits) / double(truth.size()));
  } while (std::next_permutation(perm.begin(), perm.end()));
  return best;
}

template <typename Scalar>
Eigen::SparseMatrix<Scalar> to_sparse(const Matrix<Scalar>& a) {
  return a.sparseView();
}

// Zachary's karate club (networkx.karate_club_graph, 0-based) and its two factions.
const int karate_edges[78][2] = {
    {1, 0},   {2, 0},   {3, 0},   {4, 0},   {5, 0},   {6, 0},   {7, 0},   {8, 0},   {10, 0},  {11, 0},
    {12, 0},  {13, 0},  {17, 0},  {19, 0},  {21, 0},  {31, 0},  {2, 1},   {3, 1},   {7, 1},   {13, 1},
    {17, 1},  {19, 1},  {21, 1},  {30, 1},  {3, 2},   {7, 2},   {8, 2},   {9, 2},   {13, 2},  {27, 2},
    {28, 2},  {32, 2},  {7, 3},   {12, 3},  {13, 3},  {6, 4},   {10, 4},  {6, 5},   {10, 5},  {16, 5},
    {16, 6},  {30, 8},  {32, 8},  {33, 8},  {33, 9},  {33, 13}, {32, 14}, {33, 14}, {32, 15}, {33, 15},
    {32, 18}, {33, 18}, {33, 19}, {32, 20}, {33, 20}, {32, 22}, {33, 22}, {25, 23}, {27, 23}, {29, 23},
    {32, 23}, {33, 23}, {25, 24}, {27, 24}, {31, 24}, {31, 25}, {29, 26}, {33, 26}, {33, 27}, {31, 28},
    {33, 28}, {32, 29}, {33, 29}, {32, 30}, {33, 30}, {32, 31}, {33, 31}, {33, 32}};
const std::vector<int> karate_club = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0,
                                      0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

Eigen::SparseMatrix<double> karate() {
  std::vector<Eigen::Triplet<double>> t;
  for (const auto& e : karate_edges) {
    t.emplace_back(e[0], e[1], 1.0);
    t.emplace_back(e[1], e[0], 1.0);
  }
  Eigen::SparseMatrix<double> a(34, 34);
  a.setFromTriplets(t.begin(), t.end());
  return a;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The notes' worked example (seed 003): A = [[2,1],[1,2]], k = 1, H0 = [1,1]^T, eta = 0.01.
// grad f(H0) = 2 (H H^T H - A H) = 2([2,2] - [3,3]) = [-2,-2]; one step H1 = H0 - eta grad
// = [1.02, 1.02] (the notes print 1.04: the factor 2 applied twice); H1 H1^T = 1.0404 (all
// entries), f(H1) = 1/2 (2 * 0.9596^2 + 2 * 0.0404^2) = 0.92246432 (the notes print 0.8464,
// which matches neither H1 = 1.02 nor their own 1.04, for which f = 0.85011712).
TEMPLATE_TEST_CASE("symnmf: the notes' worked example, one projected-gradient step", "[nmf]", float, double) {
  using M = Matrix<TestType>;
  M a(2, 2);
  a << 2, 1, 1, 2;
  M h0(2, 1);
  h0 << 1, 1;
  const TestType tol = 16 * eps<TestType>();
  CHECK(spectrakit::symnmf_objective(a, h0) == TestType(1));
  const M g = spectrakit::symnmf_gradient(a, h0);
  CHECK(g(0, 0) == TestType(-2));
  CHECK(g(1, 0) == TestType(-2));

  SymNMFOptions o;
  o.algorithm = SymNMFAlgorithm::projected_gradient;
  o.step = 0.01;
  o.max_iterations = 1;
  o.initial = Eigen::MatrixXd::Ones(2, 1);
  for (int sparse = 0; sparse < 2; ++sparse) {
    INFO("sparse " << sparse);
    const auto r = sparse ? spectrakit::symnmf(to_sparse(a), 1, o) : spectrakit::symnmf(a, 1, o);
    REQUIRE(r.iterations == 1);
    CHECK(r.status == spectrakit::Status::not_converged);
    CHECK(std::abs(r.H(0, 0) - TestType(1.02)) <= tol);
    CHECK(std::abs(r.H(1, 0) - TestType(1.02)) <= tol);
    CHECK(std::abs(r.H(0, 0) - TestType(1.04)) > TestType(0.01));  // the notes' slip
    REQUIRE(r.objective.size() == 2);
    CHECK(std::abs(r.objective[0] - TestType(1)) <= tol);
    CHECK(std::abs(r.objective[1] - TestType(0.92246432)) <= 64 * eps<TestType>());
    CHECK(std::abs(r.objective[1] - TestType(0.8464)) > TestType(0.07));  // the notes' slip
    CHECK(std::abs(spectrakit::symnmf_objective(a, r.H) - TestType(0.92246432)) <= 16 * eps<TestType>());
  }
  // Their H = 1.04 would give 0.85011712, not 0.8464 either.
  M h104(2, 1);
  h104 << TestType(1.04), TestType(1.04);
  CHECK(std::abs(spectrakit::symnmf_objective(a, h104) - TestType(0.85011712)) <= 16 * eps<TestType>());
  // Run to the end: the optimum of this example is H = [sqrt(3/2), sqrt(3/2)], f = 1/2.
  o.max_iterations = 1000;
  o.step = 0;
  // Below about sqrt(eps) the decrease a line search must certify is under the rounding of f.
  o.tolerance = std::is_same<TestType, float>::value ? 1e-3 : 1e-6;
  for (SymNMFAlgorithm alg : all_algorithms) {
    o.algorithm = alg;
    INFO("algorithm " << spectrakit::to_string(alg));
    const auto r = spectrakit::symnmf(a, 1, o);
    CHECK(r.converged());
    CHECK(std::abs(r.H(0, 0) - std::sqrt(TestType(1.5))) <= TestType(1e-3));
    INFO("status " << spectrakit::to_string(r.status) << " after " << r.iterations);
    CHECK(std::abs(r.final_objective() - TestType(0.5)) <= TestType(1e-5));
  }
}

TEST_CASE("symnmf_gradient agrees with central finite differences of symnmf_objective", "[nmf]") {
  const Eigen::Index n = 9, k = 3;
  Matrix<double> b = random_uniform(n, n, 5);
  const Matrix<double> a = b + b.transpose();
  const Matrix<double> h = random_uniform(n, k, 6);
  const Matrix<double> g = spectrakit::symnmf_gradient(a, h);
  const double step = 1e-5;
  for (Eigen::Index j = 0; j < k; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) {
      Matrix<double> hp = h, hm = h;
      hp(i, j) += step;
      hm(i, j) -= step;
      const double fd = (spectrakit::symnmf_objective(a, hp) - spectrakit::symnmf_objective(a, hm)) / (2 * step);
      INFO("entry " << i << ", " << j);
      CHECK(std::abs(fd - g(i, j)) <= 1e-6 * (1 + std::abs(g(i, j))));
    }
  }
}

TEMPLATE_TEST_CASE("symnmf_objective and symnmf_gradient: sparse trace formula against the dense formula", "[nmf]",
                   float, double) {
  using M = Matrix<TestType>;
  const Eigen::Index n = 40, k = 4;
  Matrix<double> u = random_uniform(n, n, 7);
  Matrix<double> ad = (u.array() > 0.8).select(u, 0.0);
  ad = (ad + ad.transpose()).eval();
  const M a = ad.cast<TestType>();
  const M h = random_uniform(n, k, 8).cast<TestType>();
  const Eigen::SparseMatrix<TestType> as = to_sparse(a);
  const TestType dense_formula = TestType(0.5) * (a - h * h.transpose()).squaredNorm();
  const TestType scale = a.squaredNorm() + (h.transpose() * h).squaredNorm();
  CHECK(std::abs(spectrakit::symnmf_objective(a, h) - dense_formula) <= 8 * n * eps<TestType>() * scale);
  CHECK(std::abs(spectrakit::symnmf_objective(as, h) - dense_formula) <= 8 * n * eps<TestType>() * scale);
  const M gd = spectrakit::symnmf_gradient(a, h);
  const M gs = spectrakit::symnmf_gradient(as, h);
  const M expected = TestType(2) * (h * h.transpose() * h - a * h);
  CHECK((gd - expected).norm() <= 8 * n * eps<TestType>() * expected.norm());
  CHECK((gs - expected).norm() <= 8 * n * eps<TestType>() * expected.norm());
  // The dense overload is exact to rounding at a perfect fit (no cancellation against ||A||^2).
  const M exact = h * h.transpose();
  CHECK(spectrakit::symnmf_objective(exact, h) <= n * n * eps<TestType>() * eps<TestType>() * exact.squaredNorm());
  // Across the 256-column blocks of the dense formula.
  const Eigen::Index big = 300;
  const Matrix<double> hb = random_uniform(big, 2, 9);
  const Matrix<double> ab = hb * hb.transpose() + Matrix<double>::Identity(big, big);
  CHECK(spectrakit::symnmf_objective(ab, hb) == Catch::Approx(0.5 * big).epsilon(1e-10));
}

TEMPLATE_TEST_CASE("symnmf recovers a block-structured A = H* H*^T exactly, with every algorithm", "[nmf]", float,
                   double) {
  using M = Matrix<TestType>;
  const Eigen::Index n = 30, k = 3;
  const Matrix<double> hstar = block_factor(n, k, 11);
  const M a = (hstar * hstar.transpose()).cast<TestType>();
  std::vector<int> truth(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) truth[static_cast<std::size_t>(i)] = int(i % k);
  for (SymNMFAlgorithm alg : all_algorithms) {
    SymNMFOptions o;
    o.algorithm = alg;
    o.tolerance = std::is_same<TestType, float>::value ? 1e-3 : 1e-7;
    o.max_iterations = 5000;
    o.seed = 3;
    INFO("algorithm " << spectrakit::to_string(alg));
    const auto r = spectrakit::symnmf(a, k, o);
    INFO("status " << spectrakit::to_string(r.status) << " after " << r.iterations);
    CHECK(r.converged());
    CHECK(r.H.minCoeff() >= 0);
    const TestType rel = (a - r.H * r.H.transpose()).norm() / a.norm();
    CHECK(rel <= (std::is_same<TestType, float>::value ? TestType(1e-2) : TestType(1e-5)));
    CHECK(agreement(r.labels(), truth, int(k)) == 1.0);
  }
}

TEMPLATE_TEST_CASE("symnmf invariants: H >= 0, history, line search never increases f", "[nmf]", float, double) {
  using M = Matrix<TestType>;
  const Eigen::Index n = 25, k = 4;
  Matrix<double> u = random_uniform(n, n, 21);
  Matrix<double> ad = (u.array() > 0.6).select(u, 0.0);
  ad = (ad + ad.transpose()).eval();
  const M a = ad.cast<TestType>();
  for (SymNMFAlgorithm alg : all_algorithms) {
    SymNMFOptions o;
    o.algorithm = alg;
    o.max_iterations = 200;
    o.tolerance = 0;
    std::vector<double> seen;
    o.callback = [&seen](Eigen::Index it, double f, double pg) {
      CHECK(it == Eigen::Index(seen.size()) + 1);
      CHECK(pg >= 0);
      seen.push_back(f);
      return true;
    };
    INFO("algorithm " << spectrakit::to_string(alg));
    const auto r = spectrakit::symnmf(a, k, o);
    CHECK(r.H.minCoeff() >= 0);
    CHECK(r.H.allFinite());
    REQUIRE(r.objective.size() == std::size_t(r.iterations) + 1);
    REQUIRE(seen.size() == std::size_t(r.iterations));
    for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == double(r.objective[i + 1]));
    CHECK(r.objective.back() < r.objective.front());
    // Its own objective, recomputed: the history is the objective of the returned H.
    CHECK(std::abs(r.final_objective() - spectrakit::symnmf_objective(a, r.H)) <=
          64 * n * eps<TestType>() * a.squaredNorm());
    if (alg == SymNMFAlgorithm::projected_gradient) {
      for (std::size_t i = 1; i < r.objective.size(); ++i) CHECK(r.objective[i] <= r.objective[i - 1]);
    }
  }
}

TEMPLATE_TEST_CASE("symnmf reports the objective and the projected gradient of the H it returns (KKT at the end)",
                   "[nmf]", float, double) {
  // A noisy two-block graph: the run stops on the relative projected-gradient test, and what it
  // reports (computed inside the fused passes for HALS) must match a computation from scratch.
  using M = Matrix<TestType>;
  const Eigen::Index n = 40, k = 3;
  const Matrix<double> hstar = block_factor(n, k, 5);
  Matrix<double> noise = random_uniform(n, n, 6);
  noise = (0.1 * (noise + noise.transpose())).eval();
  const M a = (hstar * hstar.transpose() + noise).cast<TestType>();
  const bool single = std::is_same<TestType, float>::value;
  for (SymNMFAlgorithm alg : all_algorithms) {
    if (alg == SymNMFAlgorithm::multiplicative) continue;  // sublinear: no KKT point in a test's time
    SymNMFOptions o;
    o.algorithm = alg;
    o.tolerance = single ? 1e-3 : 1e-6;
    o.max_iterations = 5000;
    INFO("algorithm " << spectrakit::to_string(alg));
    const auto r = spectrakit::symnmf(a, k, o);
    INFO("status " << spectrakit::to_string(r.status) << " after " << r.iterations);
    REQUIRE(r.converged());
    CHECK(r.H.minCoeff() >= 0);
    const double pg = projected_gradient_norm_of(a, r.H);
    const double scale = double(a.norm()) * double(r.H.squaredNorm() + a.norm());
    CHECK(std::abs(pg - double(r.projected_gradient_norm)) <= 1e3 * n * double(eps<TestType>()) * scale);
    CHECK(double(r.projected_gradient_norm) <= o.tolerance * double(r.initial_projected_gradient_norm));
    CHECK(std::abs(double(r.final_objective()) - double(spectrakit::symnmf_objective(a, r.H))) <=
          64 * n * double(eps<TestType>()) * double(a.squaredNorm()));
    // Stationary: with the dense gradient, the relative KKT residual is small.
    CHECK(pg <= (single ? 1e-2 : 1e-4) * double(r.initial_projected_gradient_norm));
  }
}

TEST_CASE("symnmf hals_extrapolated: beta = 0 is hals exactly; the default needs fewer iterations", "[nmf]") {
  const Eigen::SparseMatrix<double> a = karate();
  SymNMFOptions o;
  o.algorithm = SymNMFAlgorithm::hals;
  o.tolerance = 1e-6;
  o.max_iterations = 3000;
  o.seed = 7;
  const auto plain = spectrakit::symnmf(a, 3, o);
  o.algorithm = SymNMFAlgorithm::hals_extrapolated;
  o.extrapolation_beta = 0;
  const auto zero = spectrakit::symnmf(a, 3, o);
  CHECK(zero.iterations == plain.iterations);
  CHECK(zero.H == plain.H);
  CHECK(zero.objective == plain.objective);
  o.extrapolation_beta = 0.5;
  const auto fast = spectrakit::symnmf(a, 3, o);
  const auto again = spectrakit::symnmf(a, 3, o);
  CHECK(fast.H == again.H);  // bit-reproducible
  CHECK(fast.algorithm == SymNMFAlgorithm::hals_extrapolated);
  INFO("hals " << plain.iterations << " iterations, hals_extrapolated " << fast.iterations);
  REQUIRE(plain.converged());
  REQUIRE(fast.converged());
  CHECK(fast.iterations < plain.iterations);
  CHECK(fast.matrix_products < plain.matrix_products);
  CHECK(fast.H.minCoeff() >= 0);
  // Both reach a stationary point of the same quality here.
  CHECK(std::abs(fast.final_objective() - plain.final_objective()) <= 1e-3 * plain.final_objective());
}

TEST_CASE("symnmf: dense and sparse input give the same factorization", "[nmf]") {
  const Eigen::SparseMatrix<double> as = karate();
  const Matrix<double> ad = Matrix<double>(as);
  for (SymNMFAlgorithm alg : all_algorithms) {
    SymNMFOptions o;
    o.algorithm = alg;
    o.max_iterations = 50;
    INFO("algorithm " << spectrakit::to_string(alg));
    const auto rd = spectrakit::symnmf(ad, 2, o);
    const auto rs = spectrakit::symnmf(as, 2, o);
    CHECK(rd.iterations == rs.iterations);
    CHECK((rd.H - rs.H).norm() <= 1e-10 * rd.H.norm());
    // A sparse expression and a row-major sparse matrix are accepted too.
    const Eigen::SparseMatrix<double, Eigen::RowMajor> row_major = as;
    const auto rr = spectrakit::symnmf(row_major, 2, o);
    CHECK((rr.H - rs.H).norm() <= 1e-10 * rs.H.norm());
    const auto re = spectrakit::symnmf(2.0 * as, 2, o);
    CHECK(re.H.allFinite());
  }
}

TEST_CASE("symnmf: same seed, same bits; another seed, another start", "[nmf]") {
  const Eigen::SparseMatrix<double> a = karate();
  SymNMFOptions o;
  o.seed = 42;
  const auto r1 = spectrakit::symnmf(a, 3, o);
  const auto r2 = spectrakit::symnmf(a, 3, o);
  CHECK(r1.H == r2.H);
  CHECK(r1.objective == r2.objective);
  o.seed = 43;
  const auto r3 = spectrakit::symnmf(a, 3, o);
  CHECK(r3.H != r1.H);
  // The default start follows Kuang's rule 2 sqrt(mean(A)/k) U(0,1): entries in [0, bound).
  o.max_iterations = 0;
  const auto r0 = spectrakit::symnmf(a, 3, o);
  const double bound = 2 * std::sqrt(a.sum() / (34.0 * 34.0) / 3);
  CHECK(r0.iterations == 0);
  CHECK(r0.H.minCoeff() >= 0);
  CHECK(r0.H.maxCoeff() < bound);
  CHECK(r0.H.maxCoeff() > 0.9 * bound);
  CHECK(r0.status == spectrakit::Status::not_converged);
  CHECK(r0.objective.size() == 1);
}

TEST_CASE("symnmf: zero rows of A give zero rows of H and label -1; A = 0 gives H = 0", "[nmf]") {
  // Two triangles and an isolated node (index 6).
  Matrix<double> a = Matrix<double>::Zero(7, 7);
  for (int b = 0; b < 2; ++b)
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j)
        if (i != j) a(3 * b + i, 3 * b + j) = 1;
  for (SymNMFAlgorithm alg : all_algorithms) {
    SymNMFOptions o;
    o.algorithm = alg;
    o.tolerance = 1e-6;
    o.max_iterations = 20000;
    INFO("algorithm " << spectrakit::to_string(alg));
    const auto r = spectrakit::symnmf(a, 2, o);
    INFO("status " << spectrakit::to_string(r.status) << " after " << r.iterations);
    CHECK(r.converged());
    CHECK(r.H.row(6).maxCoeff() <= 1e-6);  // the isolated node is driven to 0
    const auto labels = r.labels();
    CHECK(labels(0) == labels(1));
    CHECK(labels(1) == labels(2));
    CHECK(labels(3) == labels(4));
    CHECK(labels(0) != labels(3));
  }
  // labels(): an exactly zero row is -1; ties go to the first column.
  spectrakit::SymNMFResult<double> r;
  r.H.resize(3, 2);
  r.H << 0, 0, 1, 1, 0.5, 2;
  const auto l = r.labels();
  CHECK(l(0) == -1);
  CHECK(l(1) == 0);
  CHECK(l(2) == 1);

  const Matrix<double> zero = Matrix<double>::Zero(5, 5);
  const auto rz = spectrakit::symnmf(zero, 2);
  CHECK(rz.converged());
  CHECK(rz.iterations == 0);
  CHECK(rz.H.isZero(0));
  CHECK(rz.final_objective() == 0);
  CHECK((rz.labels().array() == -1).all());
}

TEST_CASE("symnmf: k = 1 and k = n, 1 x 1 input", "[nmf]") {
  const Eigen::SparseMatrix<double> a = karate();
  SymNMFOptions o;
  o.max_iterations = 3000;
  const auto r1 = spectrakit::symnmf(a, 1, o);
  CHECK(r1.converged());
  CHECK(r1.H.cols() == 1);
  CHECK((r1.labels().array() == 0).all());  // every node is connected, so every row is > 0
  const auto rn = spectrakit::symnmf(a, 34, o);
  CHECK(rn.H.cols() == 34);
  CHECK(rn.H.minCoeff() >= 0);
  CHECK(rn.final_objective() < rn.objective.front());
  CHECK(rn.labels().maxCoeff() < 34);
  // 1 x 1: A = [4] gives H = [2].
  Matrix<double> one(1, 1);
  one << 4;
  for (SymNMFAlgorithm alg : all_algorithms) {
    o.algorithm = alg;
    o.tolerance = 1e-10;
    INFO("algorithm " << spectrakit::to_string(alg));
    const auto r = spectrakit::symnmf(one, 1, o);
    CHECK(r.converged());
    CHECK(r.H(0, 0) == Catch::Approx(2.0).epsilon(1e-8));
  }
}

TEST_CASE("symnmf: a start with zeros leaves zero exactly where the gradient says so", "[nmf]") {
  // Path 0 - 1 - 2, k = 1, start [1, 0, 0]: grad_1 = 2 (0 - a_10 h_0) = -2 < 0 (moves up),
  // grad_2 = 0 (stays at 0 after one step).
  Matrix<double> a(3, 3);
  a << 0, 1, 0, 1, 0, 1, 0, 1, 0;
  SymNMFOptions o;
  o.algorithm = SymNMFAlgorithm::projected_gradient;
  o.initial = Eigen::Vector3d(1, 0, 0);
  o.step = 0.1;
  o.max_iterations = 1;
  const Matrix<double> g = spectrakit::symnmf_gradient(a, o.initial);
  CHECK(g(1, 0) == -2.0);
  CHECK(g(2, 0) == 0.0);
  CHECK(g(0, 0) == 2.0);
  const auto r = spectrakit::symnmf(a, 1, o);
  CHECK(r.H(0, 0) == Catch::Approx(0.8));
  CHECK(r.H(1, 0) == Catch::Approx(0.2));
  CHECK(r.H(2, 0) == 0.0);
  // k = 2, start [[1, 0], [0, 0], [0, 0]]: at entry (0, 1), grad = 2 (h_0 G_1 - (A H)_01) = 0
  // and at (1, 1) also 0, while (1, 0) has grad -2: only that zero moves.
  Eigen::MatrixXd start2 = Eigen::MatrixXd::Zero(3, 2);
  start2(0, 0) = 1;
  o.initial = start2;
  const auto r2 = spectrakit::symnmf(a, 2, o);
  CHECK(r2.H(1, 0) == Catch::Approx(0.2));
  CHECK(r2.H(0, 1) == 0.0);
  CHECK(r2.H(1, 1) == 0.0);
  CHECK(r2.H(2, 1) == 0.0);
  // The multiplicative rule never leaves zero (the known trap; documented), projected gradient
  // and HALS do.
  o.initial = Eigen::Vector3d(1, 0, 0);
  o.step = 0;
  o.max_iterations = 20;
  o.algorithm = SymNMFAlgorithm::multiplicative;
  CHECK(spectrakit::symnmf(a, 1, o).H(1, 0) == 0.0);
  o.algorithm = SymNMFAlgorithm::hals;
  CHECK(spectrakit::symnmf(a, 1, o).H(1, 0) > 0.0);
  o.algorithm = SymNMFAlgorithm::hals_extrapolated;
  CHECK(spectrakit::symnmf(a, 1, o).H(1, 0) > 0.0);
  o.algorithm = SymNMFAlgorithm::projected_gradient;
  CHECK(spectrakit::symnmf(a, 1, o).H(1, 0) > 0.0);
}

TEST_CASE("symnmf clusters a stochastic block model exactly", "[nmf]") {
  const int n = 90, k = 3;
  std::mt19937_64 rng(2024);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<int> truth(n);
  for (int i = 0; i < n; ++i) truth[static_cast<std::size_t>(i)] = (i * 7) % k;  // interleaved blocks
  std::vector<Eigen::Triplet<double>> t;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < i; ++j) {
      const double p = truth[static_cast<std::size_t>(i)] == truth[static_cast<std::size_t>(j)] ? 0.5 : 0.04;
      if (u(rng) < p) {
        t.emplace_back(i, j, 1.0);
        t.emplace_back(j, i, 1.0);
      }
    }
  Eigen::SparseMatrix<double> a(n, n);
  a.setFromTriplets(t.begin(), t.end());
  for (SymNMFAlgorithm alg : all_algorithms) {
    SymNMFOptions o;
    o.algorithm = alg;
    o.seed = 1;
    INFO("algorithm " << spectrakit::to_string(alg));
    const auto r = spectrakit::symnmf(a, k, o);
    CHECK(agreement(r.labels(), truth, k) == 1.0);
  }
}

TEST_CASE("symnmf on the karate club with k = 2 finds the two factions", "[nmf]") {
  const Eigen::SparseMatrix<double> a = karate();
  for (SymNMFAlgorithm alg : all_algorithms) {
    SymNMFOptions o;
    o.algorithm = alg;
    const auto r = spectrakit::symnmf(a, 2, o);
    const double agree = agreement(r.labels(), karate_club, 2);
    WARN("karate club, " << spectrakit::to_string(alg) << ": " << r.iterations << " iterations, status "
                         << spectrakit::to_string(r.status) << ", agreement with the factions " << agree);
    CHECK(agree >= 0.9);
  }
}

TEST_CASE("symnmf: callback stops the run; iteration limit; float and double agree", "[nmf]") {
  const Eigen::SparseMatrix<double> a = karate();
  SymNMFOptions o;
  int calls = 0;
  o.callback = [&calls](Eigen::Index, double, double) { return ++calls < 3; };
  const auto r = spectrakit::symnmf(a, 2, o);
  CHECK(calls == 3);
  CHECK(r.iterations == 3);
  CHECK(r.status == spectrakit::Status::not_converged);
  CHECK(!r.converged());
  o.callback = nullptr;
  o.max_iterations = 5;
  o.tolerance = 0;
  const auto r5 = spectrakit::symnmf(a, 2, o);
  CHECK(r5.iterations == 5);
  CHECK(r5.status == spectrakit::Status::not_converged);
  CHECK(r5.algorithm == SymNMFAlgorithm::hals_extrapolated);  // the default
  // Two products per iteration plus the start, and one more per rejected extrapolation.
  CHECK(r5.matrix_products >= 11);
  CHECK(r5.matrix_products <= 16);
  o.algorithm = SymNMFAlgorithm::hals;
  CHECK(spectrakit::symnmf(a, 2, o).matrix_products == 11);
  o.algorithm = SymNMFAlgorithm::hals_extrapolated;
  o.max_iterations = 200;
  o.tolerance = 1e-3;
  const Eigen::SparseMatrix<float> af = a.cast<float>();
  const auto rd = spectrakit::symnmf(a, 2, o);
  const auto rf = spectrakit::symnmf(af, 2, o);
  CHECK(rd.converged());
  CHECK(rf.converged());
  CHECK(std::abs(double(rf.final_objective()) - rd.final_objective()) <= 1e-3 * rd.final_objective());
}

TEST_CASE("symnmf: negative entries only with allow_negative", "[nmf]") {
  Matrix<double> a(3, 3);
  a << 2, -0.5, 1, -0.5, 2, 1, 1, 1, 2;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(a, 2), "argument 'A' must have nonnegative entries");
  SymNMFOptions o;
  o.allow_negative = true;
  o.max_iterations = 2000;
  const auto r = spectrakit::symnmf(a, 2, o);
  CHECK(r.H.minCoeff() >= 0);
  CHECK(r.final_objective() < r.objective.front());
  o.algorithm = SymNMFAlgorithm::projected_gradient;
  CHECK(spectrakit::symnmf(a, 2, o).H.minCoeff() >= 0);
  o.algorithm = SymNMFAlgorithm::multiplicative;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(a, 2, o), "option 'allow_negative'");
}

TEST_CASE("symnmf, symnmf_objective, symnmf_gradient: bad input names the argument", "[nmf]") {
  Matrix<double> a(3, 3);
  a << 2, 1, 0, 1, 2, 1, 0, 1, 2;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(Matrix<double>(3, 2), 1), "argument 'A' must be square");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(Matrix<double>(0, 0), 1), "argument 'A' must not be empty");
  Matrix<double> asym = a;
  asym(0, 2) = 1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(asym, 1), "argument 'A' must be symmetric");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(to_sparse(asym), 1), "argument 'A' must be symmetric");
  Matrix<double> nan = a;
  nan(1, 1) = std::numeric_limits<double>::quiet_NaN();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(nan, 1), "argument 'A' has NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(to_sparse(nan), 1), "argument 'A' has NaN or Inf");
  Matrix<double> inf = a;
  inf(0, 0) = std::numeric_limits<double>::infinity();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(inf, 1), "argument 'A' has NaN or Inf");
  Matrix<double> neg = a;
  neg(0, 1) = neg(1, 0) = -1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(to_sparse(neg), 1), "argument 'A' must have nonnegative");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(a, 0), "argument 'k' must be in [1, 3], got 0");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(a, 4), "argument 'k' must be in [1, 3], got 4");

  SymNMFOptions o;
  o.initial = Eigen::MatrixXd::Ones(3, 1);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(a, 2, o), "option 'initial' must be n x k = 3x2, got 3x1");
  o.initial = -Eigen::MatrixXd::Ones(3, 2);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(a, 2, o), "option 'initial' must be >= 0");
  o.initial = Eigen::MatrixXd::Zero(3, 2);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(a, 2, o), "option 'initial' must not be all zero");
  o.initial = Eigen::MatrixXd::Ones(3, 2);
  o.initial(2, 1) = std::numeric_limits<double>::quiet_NaN();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(a, 2, o), "option 'initial' has NaN or Inf");
  o.initial = Eigen::MatrixXd::Constant(3, 2, 1e300);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(a.cast<float>().eval(), 2, o), "option 'initial' overflows");

  auto bad = [&a](void (*set)(SymNMFOptions&), const char* text) {
    SymNMFOptions b;
    set(b);
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf(a, 2, b), text);
  };
  bad([](SymNMFOptions& b) { b.step = -0.1; }, "option 'step' must be finite and >= 0");
  bad([](SymNMFOptions& b) { b.step = std::numeric_limits<double>::infinity(); }, "option 'step'");
  bad([](SymNMFOptions& b) { b.step = 0.1; }, "option 'step' a fixed step applies only to");
  bad([](SymNMFOptions& b) { b.tolerance = -1; }, "option 'tolerance'");
  bad([](SymNMFOptions& b) { b.tolerance = std::numeric_limits<double>::quiet_NaN(); }, "option 'tolerance'");
  bad([](SymNMFOptions& b) { b.max_iterations = -1; }, "option 'max_iterations' must be >= 0");
  bad([](SymNMFOptions& b) { b.armijo_sigma = 1; }, "option 'armijo_sigma' must be in (0, 1)");
  bad([](SymNMFOptions& b) { b.armijo_beta = 0; }, "option 'armijo_beta'");
  bad([](SymNMFOptions& b) { b.step_growth = 0.5; }, "option 'step_growth' must be finite and >= 1");
  bad([](SymNMFOptions& b) { b.max_backtracks = 0; }, "option 'max_backtracks' must be >= 1");
  bad([](SymNMFOptions& b) { b.penalty = -1; }, "option 'penalty'");
  bad([](SymNMFOptions& b) { b.initial_step = -1; }, "option 'initial_step'");
  bad([](SymNMFOptions& b) { b.multiplicative_beta = 1.5; }, "option 'multiplicative_beta' must be in (0, 1]");
  bad([](SymNMFOptions& b) { b.multiplicative_epsilon = -1; }, "option 'multiplicative_epsilon'");
  bad([](SymNMFOptions& b) { b.extrapolation_beta = 1.5; }, "option 'extrapolation_beta' must be in [0, 1], got 1.5");
  bad([](SymNMFOptions& b) { b.extrapolation_beta = -0.1; }, "option 'extrapolation_beta'");
  bad([](SymNMFOptions& b) { b.extrapolation_beta = std::numeric_limits<double>::quiet_NaN(); },
      "option 'extrapolation_beta'");
  bad([](SymNMFOptions& b) { b.algorithm = static_cast<SymNMFAlgorithm>(17); }, "option 'algorithm'");

  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf_objective(a, Matrix<double>(2, 1)), "argument 'H' must be n x k");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf_objective(to_sparse(a), Matrix<double>(3, 0)),
                             "argument 'H' must be n x k");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf_gradient(asym, Matrix<double>::Ones(3, 1)),
                             "spectrakit::symnmf_gradient: argument 'A' must be symmetric");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf_gradient(to_sparse(a), Matrix<double>(4, 1)), "argument 'H'");
  Matrix<double> hnan = Matrix<double>::Ones(3, 1);
  hnan(0, 0) = std::numeric_limits<double>::quiet_NaN();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::symnmf_objective(a, hnan), "argument 'H' has NaN or Inf");
}

TEST_CASE("symnmf: a fixed step that is too long is reported, never a silent NaN", "[nmf]") {
  const Eigen::SparseMatrix<double> a = karate();
  SymNMFOptions o;
  o.algorithm = SymNMFAlgorithm::projected_gradient;
  o.step = 10;
  o.max_iterations = 1000;
  const auto r = spectrakit::symnmf(a, 2, o);
  CHECK(!r.converged());
  CHECK(r.H.allFinite());
  CHECK(r.H.minCoeff() >= 0);
  for (double f : r.objective) CHECK(std::isfinite(f));
}

TEST_CASE("symnmf: the internal breadth-first renumbering of a large sparse A changes nothing but rounding", "[nmf]") {
  // A 60 x 110 grid (6600 nodes) with shuffled node numbers plus 20 isolated nodes: with k = 10
  // the factor is 528 KiB, above the renumbering threshold.
  const int rows = 60, cols = 110, n = rows * cols + 20;
  std::vector<int> label(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) label[static_cast<std::size_t>(i)] = i;
  std::shuffle(label.begin(), label.end(), std::mt19937_64(5));
  std::vector<Eigen::Triplet<double>> t;
  auto edge = [&](int u, int v) {
    t.emplace_back(label[static_cast<std::size_t>(u)], label[static_cast<std::size_t>(v)], 1.0);
    t.emplace_back(label[static_cast<std::size_t>(v)], label[static_cast<std::size_t>(u)], 1.0);
  };
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      if (c + 1 < cols) edge(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows) edge(r * cols + c, (r + 1) * cols + c);
    }
  Eigen::SparseMatrix<double> a(n, n);
  a.setFromTriplets(t.begin(), t.end());
  SymNMFOptions o;
  o.max_iterations = 4;
  for (SymNMFAlgorithm alg : all_algorithms) {
    o.algorithm = alg;
    INFO("algorithm " << spectrakit::to_string(alg));
    o.reorder_nodes = true;
    const auto r1 = spectrakit::symnmf(a, 10, o);
    o.reorder_nodes = false;
    const auto r2 = spectrakit::symnmf(a, 10, o);
    CHECK(r1.iterations == r2.iterations);
    CHECK((r1.H - r2.H).norm() <= 1e-10 * r2.H.norm());
    CHECK(std::abs(r1.final_objective() - r2.final_objective()) <= 1e-12 * r2.final_objective());
    // The labels agree except where a row's two largest entries tie to the rounding level of
    // the H check above (the grid's symmetry makes such rows; the last bits decide them).
    const auto l1 = r1.labels(), l2 = r2.labels();
    REQUIRE(l1.size() == l2.size());
    Eigen::Index decided_differently = 0;
    for (Eigen::Index i = 0; i < l1.size(); ++i) {
      if (l1(i) == l2(i)) continue;
      const double a = l1(i) < 0 ? 0.0 : r2.H(i, l1(i)), b = l2(i) < 0 ? 0.0 : r2.H(i, l2(i));
      if (!(std::abs(a - b) <= 2e-10 * r2.H.norm())) ++decided_differently;
    }
    CHECK(decided_differently == 0);
  }
}
