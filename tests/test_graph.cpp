// Tests of the graph module: the notes' closed forms (seed 003: path 1-2-3, D = diag(4, 9, 16),
// the six points 1, 2, 5, 6, 10, 11 with sigma = 2, A = sum lambda_i x_i x_i^T), closed-form
// spectra (path, cycle, complete, star, grids), the karate club, edge cases and bad input.
#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <cmath>
#include <fstream>
#include <limits>
#include <random>
#include <utility>
#include <set>
#include <cstring>
#include <spectrakit/detail/sparse_spd_solver.hpp>
#include <spectrakit/eigen/detail/factorization.hpp>
#include <spectrakit/graph.hpp>
#include <spectrakit/io.hpp>
#include <string>
#include <vector>

#include "../benchmarks/bench_generators.hpp"
#include "spectrakit_catch.hpp"
#include "test_util.hpp"

using namespace spectrakit_test;
using Catch::Approx;
using Sparse = Eigen::SparseMatrix<double>;

namespace {

const double kPi = 3.14159265358979323846;

template <typename Scalar = double>
Matrix<Scalar> path_graph(Eigen::Index n) {
  Matrix<Scalar> a = Matrix<Scalar>::Zero(n, n);
  for (Eigen::Index i = 0; i + 1 < n; ++i) a(i, i + 1) = a(i + 1, i) = 1;
  return a;
}

Matrix<double> cycle_graph(Eigen::Index n) {
  Matrix<double> a = path_graph(n);
  a(0, n - 1) = a(n - 1, 0) = 1;
  return a;
}

Matrix<double> complete_graph(Eigen::Index n) {
  Matrix<double> a = Matrix<double>::Ones(n, n);
  a.diagonal().setZero();
  return a;
}

Matrix<double> star_graph(Eigen::Index n) {  // node 0 is the hub
  Matrix<double> a = Matrix<double>::Zero(n, n);
  for (Eigen::Index i = 1; i < n; ++i) a(0, i) = a(i, 0) = 1;
  return a;
}

/// P_rows x P_cols grid, node id r * cols + c (the peers' convention).
Sparse grid_graph(int rows, int cols) {
  std::vector<Eigen::Triplet<double>> t;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const int id = r * cols + c;
      if (c + 1 < cols) t.emplace_back(id, id + 1, 1), t.emplace_back(id + 1, id, 1);
      if (r + 1 < rows) t.emplace_back(id, id + cols, 1), t.emplace_back(id + cols, id, 1);
    }
  Sparse a(rows * cols, rows * cols);
  a.setFromTriplets(t.begin(), t.end());
  return a;
}

Vector<double> sorted_eigenvalues(const Matrix<double>& l) {
  return Eigen::SelfAdjointEigenSolver<Matrix<double>>(l).eigenvalues();
}

Sparse karate() { return spectrakit::read_matrix_market(SPECTRAKIT_TEST_DATA_DIR "/graph/karate.mtx"); }

std::vector<int> karate_factions() {
  std::ifstream in(SPECTRAKIT_TEST_DATA_DIR "/graph/karate_club.txt");
  std::vector<int> f;
  int x = 0;
  while (in >> x) f.push_back(x);
  return f;
}

}  // namespace

// ---------------------------------------------------------------- Laplacians (the notes)

TEMPLATE_TEST_CASE("laplacian: the notes' path 1-2-3", "[graph][laplacian]", float, double) {
  const Matrix<TestType> a = path_graph<TestType>(3);
  Matrix<TestType> expected(3, 3);
  expected << 1, -1, 0, -1, 2, -1, 0, -1, 1;
  const Matrix<TestType> l = spectrakit::laplacian(a);
  CHECK(l == expected);
  CHECK(spectrakit::degrees(a) == Vector<TestType>(Eigen::Vector3f(1, 2, 1).cast<TestType>()));
  CHECK((l * Vector<TestType>::Ones(3)).isZero(0));  // L 1 = 0 exactly
  // Sparse in, sparse out, same values.
  const Eigen::SparseMatrix<TestType> as = a.sparseView();
  CHECK(Matrix<TestType>(spectrakit::laplacian(as)) == expected);
  // Eigenvalues 0, 1, 3; Fiedler vector +-(1, 0, -1)/sqrt(2).
  const Vector<double> ev = sorted_eigenvalues(l.template cast<double>());
  CHECK(std::abs(ev(0)) < 1e-6);
  CHECK(ev(1) == Approx(1.0).epsilon(1e-6));
  CHECK(ev(2) == Approx(3.0).epsilon(1e-6));
  const auto f = spectrakit::fiedler_vector(a);
  const TestType tol = TestType(16) * eps<TestType>();
  CHECK(std::abs(f.value - TestType(1)) <= tol * 3);
  CHECK(std::abs(f.vector(0) - TestType(1 / std::sqrt(2.0))) <= tol * 3);
  CHECK(std::abs(f.vector(1)) <= tol * 3);
  CHECK(std::abs(f.vector(2) + TestType(1 / std::sqrt(2.0))) <= tol * 3);
  CHECK(std::abs(f.gap - TestType(2)) <= tol * 6);
  CHECK(f.converged());
  CHECK(f.components == 1);
}

TEST_CASE("laplacian: x^T L x = sum over edges of w_ij (x_i - x_j)^2", "[graph][laplacian]") {
  Matrix<double> a = Matrix<double>::Zero(5, 5);
  a(0, 1) = a(1, 0) = 2.5;
  a(1, 2) = a(2, 1) = 0.5;
  a(2, 3) = a(3, 2) = 1;
  a(0, 4) = a(4, 0) = 3;
  a(3, 3) = 7;  // a self-loop does not change L
  const Matrix<double> l = spectrakit::laplacian(a);
  const Vector<double> x = random_normal(5, 1, 3);
  double edges = 0;
  for (int i = 0; i < 5; ++i)
    for (int j = i + 1; j < 5; ++j) edges += a(i, j) * (x(i) - x(j)) * (x(i) - x(j));
  CHECK(x.dot(l * x) == Approx(edges).epsilon(1e-14));
  CHECK(l(3, 3) == 1.0);
  CHECK(spectrakit::degrees(a)(3) == 8.0);  // the self-loop counts once in the degree
}

TEST_CASE("laplacian: the notes' D = diag(4, 9, 16) normalization", "[graph][laplacian]") {
  // The notes give D = diag(4, 9, 16) and D^{-1/2} = diag(1/2, 1/3, 1/4) without a graph. No
  // 3-node graph without self-loops has these degrees (16 > 4 + 9); this one has a self-loop.
  Matrix<double> a(3, 3);
  a << 0, 1, 3, 1, 0, 8, 3, 8, 5;
  CHECK(spectrakit::degrees(a) == Eigen::Vector3d(4, 9, 16));
  const Matrix<double> l = spectrakit::laplacian(a);
  const Matrix<double> lsym = spectrakit::laplacian(a, spectrakit::LaplacianKind::symmetric_normalized);
  const Eigen::Vector3d dm12(1.0 / 2, 1.0 / 3, 1.0 / 4);
  const Matrix<double> expected = dm12.asDiagonal() * l * dm12.asDiagonal();
  CHECK((lsym - expected).norm() <= 4 * eps<double>());
  // I - D^{-1/2} A D^{-1/2} agrees on nodes with positive degree.
  const Matrix<double> other = Matrix<double>::Identity(3, 3) - dm12.asDiagonal() * a * dm12.asDiagonal();
  CHECK((lsym - other).norm() <= 8 * eps<double>());
  CHECK(lsym(0, 1) == Approx(-1.0 / 6));
  CHECK(lsym(1, 2) == Approx(-8.0 / 12));
  // L_rw = D^{-1} L, spectrum equal to L_sym's.
  const Matrix<double> lrw = spectrakit::laplacian(a, spectrakit::LaplacianKind::random_walk);
  CHECK((lrw - Eigen::Vector3d(1.0 / 4, 1.0 / 9, 1.0 / 16).asDiagonal() * l).norm() <= 4 * eps<double>());
  Eigen::EigenSolver<Matrix<double>> es(lrw);
  Vector<double> rw = es.eigenvalues().real();
  std::sort(rw.data(), rw.data() + 3);
  CHECK((rw - sorted_eigenvalues(lsym)).norm() <= 64 * eps<double>());
}

TEST_CASE("laplacian: L_sym spectrum in [0, 2]; zero multiplicity = components; isolated nodes", "[graph][laplacian]") {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    // Random weighted graph with 3 blocks (3 components) and an isolated node.
    const Eigen::Index n = 13;
    Matrix<double> a = Matrix<double>::Zero(n, n);
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    const int block[n] = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3};
    for (int i = 0; i < 12; ++i)
      for (int j = i + 1; j < 12; ++j)
        if (block[i] == block[j] && (j == i + 1 || u(rng) < 0.5)) a(i, j) = a(j, i) = 0.1 + u(rng);
    const auto comps = spectrakit::connected_components(a);
    CHECK(comps.count == 4);
    for (auto kind : {spectrakit::LaplacianKind::unnormalized, spectrakit::LaplacianKind::symmetric_normalized}) {
      const Matrix<double> l = spectrakit::laplacian(a, kind);
      CHECK(l.allFinite());
      const Vector<double> ev = sorted_eigenvalues(l);
      const double tol = 64 * n * eps<double>() * std::max(1.0, l.norm());
      int zeros = 0;
      for (int i = 0; i < n; ++i) zeros += std::abs(ev(i)) <= tol ? 1 : 0;
      INFO("seed " << seed);
      CHECK(zeros == 4);
      CHECK(ev(0) >= -tol);
      if (kind == spectrakit::LaplacianKind::symmetric_normalized) CHECK(ev(n - 1) <= 2 + tol);
    }
    // The isolated node: D^{-1/2} := 0, so its row of L_sym and L_rw is zero, never NaN.
    const Matrix<double> ls = spectrakit::laplacian(a, spectrakit::LaplacianKind::symmetric_normalized);
    const Matrix<double> lr = spectrakit::laplacian(a, spectrakit::LaplacianKind::random_walk);
    CHECK(ls.row(12).isZero(0));
    CHECK(lr.row(12).isZero(0));
  }
  // An edgeless graph: every Laplacian is 0, no NaN.
  const Matrix<double> zero = Matrix<double>::Zero(4, 4);
  CHECK(spectrakit::laplacian(zero, spectrakit::LaplacianKind::symmetric_normalized).isZero(0));
  CHECK(spectrakit::laplacian(zero, spectrakit::LaplacianKind::random_walk).isZero(0));
  // 1 x 1.
  CHECK(spectrakit::laplacian(Matrix<double>::Constant(1, 1, 3.0))(0, 0) == 0.0);
}

TEST_CASE("laplacian: sparse keeps the pattern, explicit zeros are not edges", "[graph][laplacian]") {
  std::vector<Eigen::Triplet<double>> t = {{0, 1, 2.0}, {1, 0, 2.0}, {1, 2, 0.0}, {2, 1, 0.0}, {2, 2, 4.0}};
  Sparse a(3, 3);
  a.setFromTriplets(t.begin(), t.end());
  const auto l = spectrakit::laplacian(a);
  Matrix<double> expected(3, 3);
  expected << 2, -2, 0, -2, 2, 0, 0, 0, 0;
  CHECK(Matrix<double>(l) == expected);
  CHECK(l.nonZeros() == 5);  // 2 off-diagonal + 3 diagonal
  CHECK(spectrakit::connected_components(a).count == 2);
}

TEST_CASE("symmetry check: every kind of asymmetry is found in either storage order", "[graph][errors]") {
  // A random symmetric weighted graph (60 nodes), then one defect at a time: an entry without
  // mirror above or below the diagonal, in the first or last column, or a mirror with another
  // weight. Rounding-level differences (1e-15 relative) pass.
  std::mt19937_64 rng(77);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const int n = 60;
  Matrix<double> a = Matrix<double>::Zero(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j)
      if (u(rng) < 0.1) a(i, j) = a(j, i) = 0.5 + u(rng);
  a(0, n - 1) = a(n - 1, 0) = 0;
  using RowSparse = Eigen::SparseMatrix<double, Eigen::RowMajor, int>;
  CHECK(spectrakit::laplacian(Sparse(a.sparseView())).rows() == n);
  Matrix<double> noisy = a;
  noisy(3, 4) *= 1 + 1e-15;
  CHECK(spectrakit::laplacian(Sparse(noisy.sparseView())).rows() == n);
  const std::vector<std::pair<int, int>> defects = {{0, n - 1}, {n - 1, 0}, {5, 40}, {40, 5}, {n - 1, n - 2}};
  for (const auto& d : defects) {
    Matrix<double> bad = a;
    bad(d.first, d.second) += 0.25;  // either a new one-sided entry or a changed mirror
    INFO("defect at (" << d.first << ", " << d.second << ")");
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::laplacian(Sparse(bad.sparseView())), "must be symmetric");
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::laplacian(RowSparse(bad.sparseView())), "must be symmetric");
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::fiedler_vector(Sparse(bad.sparseView())), "must be symmetric");
  }
  // An explicit zero whose mirror is absent is symmetric (zeros are not edges).
  REQUIRE(a(2, 50) == 0);
  REQUIRE(a(50, 2) == 0);
  Sparse z = a.sparseView();
  z.coeffRef(2, 50) = 0;
  z.makeCompressed();
  CHECK(spectrakit::laplacian(z).rows() == n);
}

TEST_CASE("symmetry check: weights near the largest and the smallest double", "[graph][errors]") {
  // ||A - A^T||_F / ||A||_F must not overflow (1e300^2) nor underflow (1e-200^2) into a pass.
  using RowSparse = Eigen::SparseMatrix<double, Eigen::RowMajor, int>;
  for (const double w : {1e300, 1e-200, 1e-310}) {
    INFO("weight " << w);
    Matrix<double> a = path_graph(4) * w;  // symmetric: accepted
    CHECK(spectrakit::connected_components(Sparse(a.sparseView())).count == 1);
    CHECK(spectrakit::connected_components(a).count == 1);
    Matrix<double> bad = a;
    bad(0, 1) = 0.5 * w;  // the mirror keeps w: asymmetric at every scale
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::connected_components(Sparse(bad.sparseView())), "must be symmetric");
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::connected_components(RowSparse(bad.sparseView())), "must be symmetric");
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::connected_components(bad), "must be symmetric");
    Matrix<double> one_sided = a;
    one_sided(0, 3) = w;  // an entry without mirror
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::laplacian(Sparse(one_sided.sparseView())), "must be symmetric");
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::laplacian(one_sided), "must be symmetric");
  }
  // Rounding-level asymmetry of huge weights passes.
  Matrix<double> near = path_graph(4) * 1e300;
  near(1, 2) *= 1 + 4 * std::numeric_limits<double>::epsilon();
  CHECK(spectrakit::connected_components(Sparse(near.sparseView())).count == 1);
  CHECK(spectrakit::connected_components(near).count == 1);
}

TEST_CASE("laplacian and friends reject bad adjacency matrices", "[graph][errors]") {
  Matrix<double> a = path_graph(3);
  Matrix<double> neg = a;
  neg(0, 1) = neg(1, 0) = -1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::laplacian(neg), "argument 'A' must have nonnegative weights");
  Matrix<double> asym = a;
  asym(0, 2) = 1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::laplacian(asym), "argument 'A' must be symmetric");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::laplacian(Sparse(asym.sparseView())), "must be symmetric");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::laplacian(Sparse(neg.sparseView())), "nonnegative");
  Matrix<double> nan = a;
  nan(0, 1) = nan(1, 0) = std::numeric_limits<double>::quiet_NaN();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::degrees(nan), "NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::laplacian(Sparse(nan.sparseView())), "NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::connected_components(Matrix<double>(2, 3)), "must be square");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::laplacian(Matrix<double>(0, 0)), "must not be empty");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::fiedler_vector(Matrix<double>::Zero(1, 1)), "at least 2 nodes");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::fiedler_vector(asym), "spectrakit::fiedler_vector: argument 'A'");
  spectrakit::FiedlerOptions bad;
  bad.tolerance = -1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::fiedler_vector(a, bad), "option 'tolerance'");
  bad = {};
  bad.max_iterations = 0;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::fiedler_vector(a, bad), "option 'max_iterations'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::recursive_bisection(a, 4), "argument 'parts' must be in [1, 3], got 4");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::recursive_bisection(a, 0), "argument 'parts'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::spectral_embedding(a, 3), "argument 'dims'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::spectral_clustering(a, 4), "argument 'k'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::cut_weight(a, Eigen::VectorXi::Zero(2)), "argument 'labels'");
}

// ---------------------------------------------------------------- components

TEST_CASE("connected_components: labels by first appearance, sizes, big path without recursion", "[graph][components]") {
  Matrix<double> a = Matrix<double>::Zero(7, 7);
  a(0, 5) = a(5, 0) = 1;
  a(2, 3) = a(3, 2) = 1;
  a(3, 6) = a(6, 3) = 1;
  a(4, 4) = 1;  // self-loop only: a component of its own
  const auto c = spectrakit::connected_components(a);
  CHECK(c.count == 4);
  CHECK(c.labels == (Eigen::VectorXi(7) << 0, 1, 2, 2, 3, 0, 2).finished());
  CHECK(c.sizes == (Eigen::VectorXi(4) << 2, 1, 3, 1).finished());
  // A 300 000-node path: recursive DFS would overflow the stack.
  const int n = 300000;
  std::vector<Eigen::Triplet<double>> t;
  for (int i = 0; i + 1 < n; ++i) t.emplace_back(i, i + 1, 1), t.emplace_back(i + 1, i, 1);
  Sparse p(n, n);
  p.setFromTriplets(t.begin(), t.end());
  const auto cp = spectrakit::connected_components(p);
  CHECK(cp.count == 1);
  CHECK(cp.sizes(0) == n);
}

namespace {

// Components by breadth-first search over a dense pattern (either side of the diagonal is an
// edge), labels by first appearance: the reference for the union-find.
spectrakit::Components reference_components(const Matrix<double>& a) {
  const Eigen::Index n = a.rows();
  spectrakit::Components c;
  c.labels = Eigen::VectorXi::Constant(n, -1);
  std::vector<int> sizes;
  for (Eigen::Index s = 0; s < n; ++s) {
    if (c.labels(s) >= 0) continue;
    std::vector<Eigen::Index> queue{s};
    c.labels(s) = static_cast<int>(sizes.size());
    for (std::size_t h = 0; h < queue.size(); ++h)
      for (Eigen::Index i = 0; i < n; ++i)
        if (c.labels(i) < 0 && (a(i, queue[h]) != 0 || a(queue[h], i) != 0)) {
          c.labels(i) = c.labels(s);
          queue.push_back(i);
        }
    sizes.push_back(static_cast<int>(queue.size()));
  }
  c.count = static_cast<Eigen::Index>(sizes.size());
  c.sizes = Eigen::Map<const Eigen::VectorXi>(sizes.data(), c.count);
  return c;
}

void check_same_components(const spectrakit::Components& got, const spectrakit::Components& want) {
  CHECK(got.count == want.count);
  CHECK(got.labels == want.labels);
  CHECK(got.sizes == want.sizes);
}

}  // namespace

TEST_CASE("connected_components: the union-find agrees with breadth-first search on every input form",
          "[graph][components]") {
  // Random weighted graphs from nearly empty (hundreds of components) to connected, with
  // randomly numbered nodes, as dense, column- and row-major, uncompressed and float input.
  std::mt19937_64 rng(2026);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  using RowSparse = Eigen::SparseMatrix<double, Eigen::RowMajor, int>;
  for (const double density : {0.0005, 0.002, 0.005, 0.02}) {
    const int n = 400;
    Matrix<double> a = Matrix<double>::Zero(n, n);
    for (int i = 0; i < n; ++i)
      for (int j = i; j < n; ++j)
        if (u(rng) < density) a(i, j) = a(j, i) = 0.25 + u(rng);
    INFO("density " << density);
    const spectrakit::Components want = reference_components(a);
    check_same_components(spectrakit::connected_components(a), want);
    check_same_components(spectrakit::connected_components(Sparse(a.sparseView())), want);
    check_same_components(spectrakit::connected_components(RowSparse(a.sparseView())), want);
    check_same_components(spectrakit::connected_components(Eigen::SparseMatrix<float>(a.cast<float>().sparseView())),
                          want);
    Sparse loose(n, n);  // uncompressed: slack after every column
    loose.reserve(Eigen::VectorXi::Constant(n, 12));
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i)
        if (a(i, j) != 0) loose.insert(i, j) = a(i, j);
    REQUIRE(!loose.isCompressed());
    check_same_components(spectrakit::connected_components(loose), want);
  }
}

TEST_CASE("connected_components: explicit zeros, one-sided rounding-level entries, defects on either side",
          "[graph][components]") {
  // 0 - 1 joined by explicit zeros only (not an edge); 2 - 3 by a weight stored on one side only
  // but far below the symmetry tolerance (an edge: a nonzero entry on either side); 4 - 5 an
  // ordinary edge.
  const int n = 6;
  Sparse a(n, n);
  a.insert(1, 0) = 0;
  a.insert(0, 1) = 0;
  a.insert(3, 2) = 1e-300;
  a.insert(5, 4) = 2;
  a.insert(4, 5) = 2;
  a.insert(2, 2) = 1;  // a heavy self-loop so that the 1e-300 is rounding-level
  a.makeCompressed();
  const auto c = spectrakit::connected_components(a);
  CHECK(c.count == 4);
  CHECK(c.labels == (Eigen::VectorXi(n) << 0, 1, 2, 2, 3, 3).finished());
  Sparse upper = a;  // the one-sided weight above the diagonal instead
  upper.coeffRef(3, 2) = 0;
  upper.insert(2, 3) = 1e-300;
  upper.prune(0.0, 0.0);
  check_same_components(spectrakit::connected_components(upper), spectrakit::connected_components(Sparse(upper.transpose())));
  CHECK(spectrakit::connected_components(upper).count == 4);
  // A NaN or a negative weight on the upper side only, the mirror being fine.
  Matrix<double> d = path_graph(4);
  for (const double bad : {std::numeric_limits<double>::quiet_NaN(), -1.0}) {
    Sparse s = d.sparseView();
    s.coeffRef(1, 2) = bad;
    const char* what = std::isnan(bad) ? "NaN or Inf" : "nonnegative";
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::connected_components(s), what);
    SPECTRAKIT_REQUIRE_INVALID(spectrakit::connected_components(Sparse(s.transpose())), what);
  }
}

// ---------------------------------------------------------------- closed-form spectra

TEST_CASE("fiedler_vector: path, cycle, complete and star graphs (dense and sparse paths)", "[graph][fiedler]") {
  spectrakit::FiedlerOptions sparse_path;
  sparse_path.dense_threshold = 0;
  for (const auto& o : {spectrakit::FiedlerOptions{}, sparse_path}) {
    INFO("dense_threshold " << o.dense_threshold);
    for (Eigen::Index n : {3, 5, 8, 17}) {
      INFO("n = " << n);
      const double tol = 1e-9;
      // Path: lambda_k = 2 - 2 cos(pi k / n); Fiedler vector cos(pi (i + 1/2) / n).
      const auto p = spectrakit::fiedler_vector(path_graph(n), o);
      CHECK(p.value == Approx(2 - 2 * std::cos(kPi / double(n))).epsilon(tol));
      CHECK(p.gap == Approx(2 * std::cos(kPi / double(n)) - 2 * std::cos(2 * kPi / double(n))).epsilon(1e-8));
      Vector<double> expected(n);
      for (Eigen::Index i = 0; i < n; ++i) expected(i) = std::cos(kPi * (double(i) + 0.5) / double(n));
      expected.normalize();
      CHECK((p.vector - expected).norm() <= 1e-8);  // sign fixed: the first entry (largest, tie) > 0
      CHECK(p.residual <= 1e-10);
      CHECK(p.converged());
      // Cycle: lambda_2 = lambda_3 = 2 - 2 cos(2 pi / n) (n >= 3): gap 0, the vector is not unique.
      const auto c = spectrakit::fiedler_vector(cycle_graph(n), o);
      CHECK(c.value == Approx(2 - 2 * std::cos(2 * kPi / double(n))).epsilon(tol));
      if (n > 3) CHECK(c.gap <= 1e-9);
      CHECK(std::abs(c.vector.sum()) <= 1e-9);
      CHECK(c.vector.norm() == Approx(1.0).epsilon(1e-12));
      // Complete graph: lambda_2 = ... = lambda_n = n.
      const auto k = spectrakit::fiedler_vector(complete_graph(n), o);
      CHECK(k.value == Approx(double(n)).epsilon(tol));
      CHECK(k.gap <= 1e-8 * double(n));
      // Star with n nodes: eigenvalues 0, 1 (n - 2 times), n.
      const auto s = spectrakit::fiedler_vector(star_graph(n), o);
      CHECK(s.value == Approx(1.0).epsilon(tol));
      if (n > 3) CHECK(s.gap <= 1e-9);
      if (n == 3) CHECK(s.gap == Approx(2.0).epsilon(tol));
    }
  }
}

TEST_CASE("fiedler_vector: rectangular grids P_m x P_n have lambda_2 = 4 sin^2(pi / (2 max(m, n)))", "[graph][fiedler]") {
  for (auto [rows, cols] : {std::pair<int, int>{8, 5}, {4, 9}, {30, 21}}) {
    const Sparse a = grid_graph(rows, cols);
    const int big = std::max(rows, cols);
    const double s = std::sin(kPi / (2.0 * big));
    spectrakit::FiedlerOptions o;
    o.dense_threshold = 100;  // the 30 x 21 grid takes the sparse path
    const auto f = spectrakit::fiedler_vector(a, o);
    INFO(rows << " x " << cols);
    CHECK(f.value == Approx(4 * s * s).epsilon(1e-9));
    // lambda_3 is the smaller of 4 sin^2(pi / max) (2nd mode of the long side) and
    // 4 sin^2(pi / (2 min)) (1st mode of the short side).
    const double l3 = std::min(4 * std::pow(std::sin(kPi / big), 2), 4 * std::pow(std::sin(kPi / (2.0 * std::min(rows, cols))), 2));
    CHECK(f.gap == Approx(l3 - 4 * s * s).epsilon(1e-7));
    // Fiedler vector: cos(pi (r + 1/2) / rows) when rows is the long side, constant along the short one.
    Vector<double> expected(rows * cols);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c)
        expected(r * cols + c) = rows > cols ? std::cos(kPi * (r + 0.5) / rows) : std::cos(kPi * (c + 0.5) / cols);
    expected.normalize();
    if (expected.dot(f.vector) < 0) expected = -expected;
    CHECK((f.vector - expected).norm() <= 1e-6);
    CHECK(f.residual <= 1e-9);
  }
  // A square grid: lambda_2 is double, and the gap says so.
  spectrakit::FiedlerOptions o;
  o.dense_threshold = 10;
  const auto sq = spectrakit::fiedler_vector(grid_graph(12, 12), o);
  CHECK(sq.value == Approx(4 * std::pow(std::sin(kPi / 24), 2)).epsilon(1e-9));
  CHECK(sq.gap <= 1e-9);
  CHECK(sq.converged());
}

TEST_CASE("sparse backend: the build's backend is the one used (CHOLMOD builds cannot fall back silently)", "[graph][backend]") {
#if SPECTRAKIT_USE_CHOLMOD
  const std::string expected = "cholmod";
#else
  const std::string expected = "supernodal";
#endif
  CHECK(std::string(spectrakit::detail::sparse_backend_name<double>()) == expected);
  CHECK(std::string(spectrakit::detail::sparse_backend_name<float>()) == "supernodal");  // CHOLMOD 3: double only
  // L + delta I of a 9 x 7 grid (AMD ordering) and of a 150 x 150 grid (nested dissection).
  for (int side : {9, 150}) {
    const Sparse a = grid_graph(side, side == 9 ? 7 : side);
    Sparse m = spectrakit::laplacian(a);
    const Eigen::Index n = m.rows();
    for (Eigen::Index i = 0; i < n; ++i) m.coeffRef(i, i) += 1e-3;
    m.makeCompressed();
    INFO("n = " << n);
    spectrakit::detail::SparseSymmetricSolver<double> solver;
    REQUIRE(solver.compute(m, +1));
    CHECK(std::string(solver.backend()) == expected);
    CHECK(solver.negative_pivots() == 0);
    CHECK(solver.pivot_ratio() > 0);
    // A block of 2 right-hand sides, in original and in permuted coordinates.
    const Matrix<double> b = Matrix<double>::NullaryExpr(n, 2, [](Eigen::Index i, Eigen::Index j) {
      return std::sin(0.37 * double(i + 1) + 1.3 * double(j));
    });
    Matrix<double> x = b;
    solver.solve_in_place(x);
    const double cond = 8.0 / 1e-3;  // ||M|| ||M^{-1}|| bound
    const double tol = 100 * cond * std::numeric_limits<double>::epsilon();
    CHECK((m * x - b).norm() <= tol * b.norm());
    Matrix<double> y = solver.permutation() * b;
    solver.solve_permuted_in_place(y);
    CHECK((solver.permutation().transpose() * y - x).norm() <= tol * x.norm());
    // The same matrix negated, declared negative definite: all pivots negative.
    const Sparse neg = -m;
    REQUIRE(solver.compute(neg, -1));
    CHECK(std::string(solver.backend()) == expected);
    CHECK(solver.negative_pivots() == n);
    Matrix<double> xn = b;
    solver.solve_in_place(xn);
    CHECK((xn + x).norm() <= tol * x.norm());
  }
  // An indefinite matrix declared definite: the LDL^T takes over and its inertia is right.
  Sparse ind = spectrakit::laplacian(grid_graph(6, 5));
  for (Eigen::Index i = 0; i < ind.rows(); ++i) ind.coeffRef(i, i) -= 0.5;  // eigenvalues from -0.5 up
  ind.makeCompressed();
  const Eigen::Index expected_negative =
      (sorted_eigenvalues(Matrix<double>(ind)).array() < 0).count();  // 0, 0.268, 0.382 minus 0.5
  REQUIRE(expected_negative == 3);
  spectrakit::detail::SparseSymmetricSolver<double> s2;
  REQUIRE(s2.compute(ind, +1));
  CHECK(std::string(s2.backend()) == "eigen");
  CHECK(s2.negative_pivots() == expected_negative);
  // The eigen module's shift-invert factorization goes through the same backend.
  spectrakit::detail::eig::SparseShiftSolver<double> shift;
  Sparse l = spectrakit::laplacian(grid_graph(9, 7));
  l.makeCompressed();
  REQUIRE(shift.compute(l, -1e-3, true, +1));
  CHECK(std::string(shift.backend()) == expected);
  CHECK(shift.negative_pivots() == 0);
  spectrakit::detail::eig::SparseShiftSolver<float> shift_float;
  REQUIRE(shift_float.compute(spectrakit::laplacian(grid_graph(9, 7)).cast<float>(), -1e-3f, true, +1));
  CHECK(std::string(shift_float.backend()) == "supernodal");
}

TEST_CASE("fiedler_vector: the sparse path agrees with the dense path on random weighted graphs", "[graph][fiedler]") {
  for (std::uint64_t seed : {7u, 8u}) {
    const int n = 120;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    Matrix<double> a = Matrix<double>::Zero(n, n);
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j)
        if (j == i + 1 || u(rng) < 0.05) a(i, j) = a(j, i) = 0.2 + u(rng);
    for (bool normalized : {false, true}) {
      spectrakit::FiedlerOptions dense, sparse;
      dense.normalized = sparse.normalized = normalized;
      sparse.dense_threshold = 0;
      const auto fd = spectrakit::fiedler_vector(a, dense);
      const auto fs = spectrakit::fiedler_vector(Sparse(a.sparseView()), sparse);
      INFO("seed " << seed << " normalized " << normalized);
      const double scale = normalized ? 2.0 : 2 * spectrakit::degrees(a).maxCoeff();
      CHECK(std::abs(fd.value - fs.value) <= 1e-10 * scale);
      CHECK(std::abs(fd.gap - fs.gap) <= 1e-8 * scale);
      CHECK((fd.vector - fs.vector).norm() <= 1e-6);
      CHECK(fs.iterations > 0);
      CHECK(fs.residual <= 1e-10);
      const Matrix<double> l = spectrakit::laplacian(
          a, normalized ? spectrakit::LaplacianKind::symmetric_normalized : spectrakit::LaplacianKind::unnormalized);
      CHECK((l * fs.vector - fs.value * fs.vector).norm() <= 1e-9 * scale);
      const Vector<double> null = normalized ? Vector<double>(spectrakit::degrees(a).cwiseSqrt()) : Vector<double>::Ones(n);
      CHECK(std::abs(fs.vector.dot(null)) <= 1e-10 * null.norm());
    }
  }
}

// ---------------------------------------------------------------- edge cases

TEST_CASE("fiedler_vector: n = 2 closed form, single edge, weights", "[graph][fiedler]") {
  Matrix<double> a(2, 2);
  a << 0, 3, 3, 0;
  const auto f = spectrakit::fiedler_vector(a);
  CHECK(f.value == 6.0);
  CHECK(f.vector(0) == Approx(1 / std::sqrt(2.0)));
  CHECK(f.vector(1) == Approx(-1 / std::sqrt(2.0)));
  CHECK(std::isinf(f.gap));
  spectrakit::FiedlerOptions o;
  o.normalized = true;
  a(0, 0) = 1;  // degrees 4 and 3: lambda_2 = 3/4 + 3/3
  const auto fn = spectrakit::fiedler_vector(a, o);
  CHECK(fn.value == Approx(0.75 + 1.0).epsilon(1e-15));
  CHECK(std::abs(fn.vector.dot(Eigen::Vector2d(2, std::sqrt(3.0)))) <= 1e-15);
  // No edge: disconnected, value 0.
  const auto z = spectrakit::fiedler_vector(Matrix<double>::Zero(2, 2));
  CHECK(z.value == 0.0);
  CHECK(z.components == 2);
  // A weighted triangle against the dense eigen-decomposition.
  Matrix<double> w(3, 3);
  w << 0, 1, 4, 1, 0, 2, 4, 2, 0;
  const Vector<double> ev = sorted_eigenvalues(spectrakit::laplacian(w));
  const auto fw = spectrakit::fiedler_vector(w);
  CHECK(fw.value == Approx(ev(1)).epsilon(1e-14));
  CHECK(fw.gap == Approx(ev(2) - ev(1)).epsilon(1e-13));
}

TEST_CASE("fiedler_vector: disconnected graphs give exactly 0 and a documented vector", "[graph][fiedler]") {
  // Two triangles {0, 1, 2} and {3, 4} + isolated node 5.
  Matrix<double> a = Matrix<double>::Zero(6, 6);
  a(0, 1) = a(1, 0) = a(1, 2) = a(2, 1) = a(0, 2) = a(2, 0) = 1;
  a(3, 4) = a(4, 3) = 2;
  for (bool normalized : {false, true}) {
    spectrakit::FiedlerOptions o;
    o.normalized = normalized;
    const auto f = spectrakit::fiedler_vector(a, o);
    INFO("normalized " << normalized);
    CHECK(f.value == 0.0);
    CHECK(f.components == 3);
    CHECK(f.gap == 0.0);  // >= 3 components: lambda_3 = 0 too
    CHECK(f.vector.allFinite());
    CHECK(f.vector.norm() == Approx(1.0));
    const Matrix<double> l = spectrakit::laplacian(
        a, normalized ? spectrakit::LaplacianKind::symmetric_normalized : spectrakit::LaplacianKind::unnormalized);
    CHECK((l * f.vector).norm() <= 1e-14);  // a null vector
    CHECK(f.vector(0) * f.vector(3) < 0);  // component 0 against the rest
    CHECK(f.vector(0) * f.vector(2) > 0);
    CHECK(std::abs(f.vector(0)) + std::abs(f.vector(3)) > 0.1);
    const auto labels = spectrakit::spectral_bisection(a, {o, spectrakit::BisectionSplit::sign});
    CHECK(labels(0) == labels(1));
    CHECK(labels(1) == labels(2));
    CHECK(labels(0) != labels(3));
  }
  // Two components: gap = the smaller lambda_2 of the parts (path 0-1-2: 1; edge 3-4 of weight 2: 4).
  Matrix<double> b = Matrix<double>::Zero(5, 5);
  b(0, 1) = b(1, 0) = b(1, 2) = b(2, 1) = 1;
  b(3, 4) = b(4, 3) = 2;
  const auto f2 = spectrakit::fiedler_vector(b);
  CHECK(f2.value == 0.0);
  CHECK(f2.gap == Approx(1.0).epsilon(1e-14));
  CHECK(spectrakit::algebraic_connectivity(b) == 0.0);
}

TEST_CASE("fiedler_vector: self-loops do not change L; the 4-cycle has lambda_2 = lambda_3", "[graph][fiedler]") {
  Matrix<double> a = cycle_graph(4);
  const auto f = spectrakit::fiedler_vector(a);
  a.diagonal() << 1, 2, 3, 4;
  const auto g = spectrakit::fiedler_vector(a);
  CHECK(f.value == Approx(2.0).epsilon(1e-14));
  CHECK(g.value == Approx(2.0).epsilon(1e-14));
  CHECK(f.gap <= 1e-14);
}

TEST_CASE("fiedler_vector: determinism, seeds and float", "[graph][fiedler]") {
  const Sparse a = grid_graph(24, 17);
  spectrakit::FiedlerOptions o;
  o.dense_threshold = 0;
  const auto f1 = spectrakit::fiedler_vector(a, o);
  const auto f2 = spectrakit::fiedler_vector(a, o);
  CHECK(f1.value == f2.value);
  CHECK(f1.vector == f2.vector);  // bit-identical
  CHECK(f1.iterations == f2.iterations);
  o.seed = 12345;
  const auto f3 = spectrakit::fiedler_vector(a, o);
  CHECK(f3.value == Approx(f1.value).epsilon(1e-10));
  CHECK((f3.vector - f1.vector).norm() <= 1e-6);  // simple lambda_2: same vector, same sign
  // Float input: computed in double, tolerance eps_float^{2/3}.
  const Eigen::SparseMatrix<float> af = a.cast<float>();
  const auto ff = spectrakit::fiedler_vector(af, o);
  CHECK(ff.value == Approx(float(f1.value)).epsilon(1e-4));
  CHECK((ff.vector.cast<double>() - f1.vector).norm() <= 1e-3);
  // LOBPCG + AMG: bit-identical for a seed, the same pair, float input too.
  o.method = spectrakit::EigsMethod::lobpcg;
  const auto l1 = spectrakit::fiedler_vector(a, o);
  const auto l2 = spectrakit::fiedler_vector(a, o);
  REQUIRE(l1.converged());
  CHECK(l1.method == spectrakit::EigsMethod::lobpcg);
  CHECK(l1.value == l2.value);
  CHECK(l1.vector == l2.vector);
  CHECK(l1.value == Approx(f1.value).epsilon(1e-9));
  CHECK((l1.vector - f1.vector).norm() <= 1e-6);
  const auto lf = spectrakit::fiedler_vector(af, o);
  REQUIRE(lf.converged());
  CHECK(lf.method == spectrakit::EigsMethod::lobpcg);
  CHECK(lf.value == Approx(float(f1.value)).epsilon(1e-4));
  CHECK((lf.vector.cast<double>() - f1.vector).norm() <= 1e-3);
}

namespace {
Sparse adjacency_from_edges(int n, const std::vector<spectrakit_bench::Edge>& edges) {
  std::vector<Eigen::Triplet<double>> t;
  for (const auto& e : edges) t.emplace_back(e.u, e.v, e.w), t.emplace_back(e.v, e.u, e.w);
  Sparse a(n, n);
  a.setFromTriplets(t.begin(), t.end());
  return a;
}
}  // namespace

TEST_CASE("fiedler_vector and friends: method choice, memory budget, the result's method", "[graph][fiedler][method]") {
  using spectrakit::EigsMethod;
  using spectrakit::Status;
  // A small Barabasi-Albert graph (hubs): every method gives the same pair.
  const Sparse ba = adjacency_from_edges(400, spectrakit_bench::barabasi_albert_edges(400, 3, 11));
  spectrakit::FiedlerOptions o;
  o.method = EigsMethod::dense;
  const auto ref = spectrakit::fiedler_vector(ba, o);
  REQUIRE(ref.converged());
  CHECK(ref.method == EigsMethod::dense);
  for (const EigsMethod m : {EigsMethod::shift_invert, EigsMethod::lobpcg, EigsMethod::automatic}) {
    o.method = m;
    o.dense_threshold = 0;
    const auto r = spectrakit::fiedler_vector(ba, o);
    INFO("method " << spectrakit::to_string(m));
    REQUIRE(r.converged());
    CHECK(r.method != EigsMethod::automatic);
    CHECK(r.value == Approx(ref.value).epsilon(1e-9));
    CHECK(r.gap == Approx(ref.gap).epsilon(1e-6));
    CHECK((r.vector - ref.vector).norm() <= 1e-6);
  }
  // automatic: LOBPCG + AMG on a scale-free graph, shift-invert on a 2-D grid (the choice is
  // made from the predicted factor, before factorizing).
  const Sparse big_ba = adjacency_from_edges(5000, spectrakit_bench::barabasi_albert_edges(5000, 5, 2026));
  const auto fb = spectrakit::fiedler_vector(big_ba);
  REQUIRE(fb.converged());
  CHECK(fb.method == EigsMethod::lobpcg);
  CHECK(fb.factor_bytes == 0);
  CHECK(fb.predicted_factor_bytes > 0);
  const Sparse grid = grid_graph(60, 50);
  const auto fg = spectrakit::fiedler_vector(grid);
  REQUIRE(fg.converged());
  CHECK(fg.method == EigsMethod::shift_invert);
  CHECK(fg.factor_bytes > 0);
  CHECK(fg.predicted_factor_bytes >= fg.factor_bytes / 2);
  CHECK(fg.value == Approx(4 * std::pow(std::sin(kPi / 120), 2)).epsilon(1e-9));
  // A budget below the predicted factor: automatic takes LOBPCG, an explicit shift_invert (or
  // dense) returns out_of_memory_budget with the predicted size, without allocating.
  spectrakit::FiedlerOptions tiny;
  tiny.memory_budget = 1000;
  const auto fa = spectrakit::fiedler_vector(grid, tiny);
  REQUIRE(fa.converged());
  CHECK(fa.method == EigsMethod::lobpcg);
  CHECK(fa.value == Approx(fg.value).epsilon(1e-8));
  tiny.method = EigsMethod::shift_invert;
  const auto fo = spectrakit::fiedler_vector(grid, tiny);
  CHECK(fo.status == Status::out_of_memory_budget);
  CHECK(!fo.converged());
  CHECK(fo.method == EigsMethod::shift_invert);
  CHECK(fo.factor_bytes == 0);
  CHECK(fo.predicted_factor_bytes > 1000);
  CHECK(fo.predicted_factor_bytes == fg.predicted_factor_bytes);
  CHECK(fo.message.find("memory_budget") != std::string::npos);
  CHECK(fo.vector.size() == grid.rows());
  CHECK(std::string(spectrakit::to_string(fo.status)) == "out_of_memory_budget");
  tiny.method = EigsMethod::dense;
  CHECK(spectrakit::fiedler_vector(grid, tiny).status == Status::out_of_memory_budget);
  tiny.method = EigsMethod::shift_invert;
  spectrakit::EmbeddingOptions eo;
  eo.method = EigsMethod::shift_invert;
  eo.memory_budget = 1000;
  const auto eb = spectrakit::spectral_embedding_pairs(grid, 3, eo);
  CHECK(eb.status == Status::out_of_memory_budget);
  CHECK(eb.predicted_factor_bytes > 1000);
  eo.method = EigsMethod::lobpcg;
  const auto el = spectrakit::spectral_embedding_pairs(grid, 3, eo);
  REQUIRE(el.converged());
  CHECK(el.method == EigsMethod::lobpcg);
  CHECK(el.eigenvalues(0) == Approx(fg.value).epsilon(1e-8));
  spectrakit::SpectralClusteringOptions co;
  co.method = EigsMethod::shift_invert;
  co.memory_budget = 1000;
  const auto cl = spectrakit::spectral_clustering(grid, 3, co);
  CHECK(cl.status == Status::out_of_memory_budget);
  CHECK(cl.labels.size() == grid.rows());
  co.method = EigsMethod::lobpcg;
  const auto cg = spectrakit::spectral_clustering(grid, 3, co);
  CHECK(cg.converged());
  CHECK(cg.method == EigsMethod::lobpcg);
  spectrakit::BisectionOptions bo;
  bo.fiedler = tiny;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::recursive_bisection(grid, 3, bo), "option 'fiedler.memory_budget'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::spectral_bisection(grid, bo), "shift-invert was not run");
  bo.fiedler.method = EigsMethod::lobpcg;
  const Eigen::VectorXi parts = spectrakit::recursive_bisection(grid, 3, bo);
  CHECK(parts.maxCoeff() == 2);
  // Invalid values.
  spectrakit::FiedlerOptions bad;
  bad.method = static_cast<EigsMethod>(42);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::fiedler_vector(grid, bad), "option 'method' must be automatic");
  bad = {};
  bad.memory_budget = static_cast<std::size_t>(-1);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::fiedler_vector(grid, bad), "option 'memory_budget'");
  eo = {};
  eo.method = static_cast<EigsMethod>(-1);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::spectral_embedding(grid, 2, eo), "option 'method'");
  co = {};
  co.memory_budget = static_cast<std::size_t>(-5);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::spectral_clustering(grid, 2, co), "option 'memory_budget'");
}

TEST_CASE("fiedler_vector: max_iterations reached is a status, not an exception", "[graph][fiedler]") {
  spectrakit::FiedlerOptions o;
  o.dense_threshold = 0;
  o.max_iterations = 2;
  o.tolerance = 1e-14;
  const auto f = spectrakit::fiedler_vector(grid_graph(20, 20), o);
  CHECK(f.status == spectrakit::Status::not_converged);
  CHECK(!f.converged());
  CHECK(f.vector.allFinite());
  CHECK(f.iterations <= 2 + 2);
}

// ---------------------------------------------------------------- karate club

TEST_CASE("karate club: lambda_2, bisection against the factions", "[graph][karate]") {
  const Sparse a = karate();
  REQUIRE(a.rows() == 34);
  REQUIRE(a.nonZeros() == 156);
  // lambda_2 of the unweighted karate club: 0.4685252267 (peers/RESULTS.md: NumPy eigh and
  // Spectra shift-invert agree to 10 digits; NetworkX 2.8's karate_club_graph is weighted).
  const auto f = spectrakit::fiedler_vector(a);
  CHECK(f.value == Approx(0.4685252267).epsilon(1e-9));
  spectrakit::FiedlerOptions sp;
  sp.dense_threshold = 0;
  CHECK(spectrakit::fiedler_vector(a, sp).value == Approx(f.value).epsilon(1e-12));
  // Every method gives the same pair (the vector's sign is fixed); lanczos is the shift-invert
  // block Lanczos in the graph module.
  using spectrakit::EigsMethod;
  for (const EigsMethod m : {EigsMethod::dense, EigsMethod::shift_invert, EigsMethod::lanczos, EigsMethod::lobpcg}) {
    sp.method = m;
    const auto fm = spectrakit::fiedler_vector(a, sp);
    INFO("method " << spectrakit::to_string(m));
    REQUIRE(fm.converged());
    CHECK(fm.method == (m == EigsMethod::lanczos ? EigsMethod::shift_invert : m));
    CHECK((fm.factor_bytes > 0) == (fm.method == EigsMethod::shift_invert));
    CHECK(fm.value == Approx(f.value).epsilon(1e-9));
    CHECK((fm.vector - f.vector).norm() <= 1e-6);
    CHECK(fm.residual <= 1e-10);
  }
  sp.method = EigsMethod::automatic;
  const std::vector<int> factions = karate_factions();
  REQUIRE(factions.size() == 34);
  const Eigen::VectorXi labels = spectrakit::spectral_bisection(a);
  int same = 0;
  for (int i = 0; i < 34; ++i) same += labels(i) == factions[std::size_t(i)] ? 1 : 0;
  // Side 0 (the positive side) is Mr. Hi's. The split differs from the factions in exactly two
  // nodes (0-based): 8 (Zachary's member 9, who sided with Mr. Hi for a personal reason although
  // his ties lean to the Officer, as Zachary reports) and 2 (member 3, a near-zero entry
  // -0.023 with 5 friends on each side).
  CHECK(same == 32);
  for (int i = 0; i < 34; ++i) {
    INFO("node " << i);
    CHECK((labels(i) != factions[std::size_t(i)]) == (i == 2 || i == 8));
  }
  // Every label is 0 or 1, both sides non-empty; the cut is small.
  CHECK(labels.minCoeff() == 0);
  CHECK(labels.maxCoeff() == 1);
  CHECK(spectrakit::cut_weight(a, labels) == 10.0);
  // The normalized (Shi-Malik) bisection: lambda_2(L_sym) = 0.1322721, the same two nodes differ.
  spectrakit::BisectionOptions bn;
  bn.fiedler.normalized = true;
  CHECK(spectrakit::fiedler_vector(a, bn.fiedler).value == Approx(0.1322721).epsilon(1e-5));
  const Eigen::VectorXi ln = spectrakit::spectral_bisection(a, bn);
  for (int i = 0; i < 34; ++i) CHECK((ln(i) != factions[std::size_t(i)]) == (i == 2 || i == 8));
}

TEST_CASE("spectral_bisection: median split, ties, both sides non-empty", "[graph][partition]") {
  spectrakit::BisectionOptions o;
  o.split = spectrakit::BisectionSplit::median;
  const Eigen::VectorXi l5 = spectrakit::spectral_bisection(path_graph(5), o);
  CHECK(l5 == (Eigen::VectorXi(5) << 0, 0, 0, 1, 1).finished());  // the middle node (v = 0) goes to side 0
  const Eigen::VectorXi s5 = spectrakit::spectral_bisection(path_graph(5));
  CHECK(s5 == (Eigen::VectorXi(5) << 0, 0, 0, 1, 1).finished());  // sign: 0 counts as side 0
  // The notes' idea: positive part and negative part, two dense blocks joined by one edge.
  Matrix<double> a = Matrix<double>::Zero(6, 6);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      if (i != j) a(i, j) = a(i + 3, j + 3) = 1;
  a(2, 3) = a(3, 2) = 1;
  const Eigen::VectorXi l = spectrakit::spectral_bisection(a);
  CHECK(l == (Eigen::VectorXi(6) << 0, 0, 0, 1, 1, 1).finished());
  CHECK(spectrakit::cut_weight(a, l) == 1.0);
  const auto f = spectrakit::fiedler_vector(a);
  CHECK(std::abs(f.vector.sum()) <= 1e-14);  // orthogonal to 1 (the notes' example vector is not)
}

TEST_CASE("recursive_bisection: k parts, disconnected pieces, parts = n", "[graph][partition]") {
  const Sparse a = karate();
  for (Eigen::Index parts : {1, 2, 3, 4, 7}) {
    const Eigen::VectorXi l = spectrakit::recursive_bisection(a, parts);
    CHECK(l.minCoeff() == 0);
    CHECK(l.maxCoeff() == parts - 1);
    CHECK(l(0) == 0);
    std::set<int> distinct(l.data(), l.data() + l.size());
    CHECK(Eigen::Index(distinct.size()) == parts);
  }
  const Eigen::VectorXi all = spectrakit::recursive_bisection(path_graph(6), 6);
  CHECK(all == (Eigen::VectorXi(6) << 0, 1, 2, 3, 4, 5).finished());
  // Two paths without an edge between them: 2 parts = the 2 components.
  Matrix<double> b = Matrix<double>::Zero(8, 8);
  for (int i = 0; i < 3; ++i) b(i, i + 1) = b(i + 1, i) = b(i + 4, i + 5) = b(i + 5, i + 4) = 1;
  CHECK(spectrakit::recursive_bisection(b, 2) == (Eigen::VectorXi(8) << 0, 0, 0, 0, 1, 1, 1, 1).finished());
  const Eigen::VectorXi b4 = spectrakit::recursive_bisection(b, 4);
  CHECK(b4 == (Eigen::VectorXi(8) << 0, 0, 1, 1, 2, 2, 3, 3).finished());
  spectrakit::BisectionOptions med;
  med.split = spectrakit::BisectionSplit::median;
  const Eigen::VectorXi g = spectrakit::recursive_bisection(grid_graph(16, 16), 8, med);
  std::vector<int> sizes(8, 0);
  for (int i = 0; i < 256; ++i) ++sizes[std::size_t(g(i))];
  for (int s : sizes) CHECK(s == 32);
}

// ---------------------------------------------------------------- embedding

TEST_CASE("spectral_embedding: eigenvectors 2..dims+1, null vector dropped, components", "[graph][embedding]") {
  const Matrix<double> a = path_graph(7);
  const Matrix<double> x = spectrakit::spectral_embedding(a, 3);
  CHECK(x.rows() == 7);
  CHECK(x.cols() == 3);
  const Matrix<double> l = spectrakit::laplacian(a);
  for (int k = 0; k < 3; ++k) {
    const double lambda = 2 - 2 * std::cos(kPi * (k + 1) / 7.0);
    CHECK((l * x.col(k) - lambda * x.col(k)).norm() <= 1e-12);
    CHECK(std::abs(x.col(k).sum()) <= 1e-12);
  }
  CHECK((x.transpose() * x - Matrix<double>::Identity(3, 3)).norm() <= 1e-12);
  const auto f = spectrakit::fiedler_vector(a);
  CHECK((x.col(0) - f.vector).norm() <= 1e-12);
  // Sparse path gives the same embedding.
  spectrakit::EmbeddingOptions o;
  o.dense_threshold = 0;
  const auto e = spectrakit::spectral_embedding_pairs(Sparse(a.sparseView()), 3, o);
  CHECK((e.coordinates - x).norm() <= 1e-8);
  CHECK(e.converged());
  // Disconnected: 3 components, the first 2 columns span the null space, orthogonal to 1.
  Matrix<double> b = Matrix<double>::Zero(7, 7);
  b(0, 1) = b(1, 0) = b(2, 3) = b(3, 2) = b(3, 4) = b(4, 3) = b(5, 6) = b(6, 5) = 1;
  const auto eb = spectrakit::spectral_embedding_pairs(b, 3);
  CHECK(eb.components.count == 3);
  CHECK(eb.eigenvalues(0) == 0.0);
  CHECK(eb.eigenvalues(1) == 0.0);
  CHECK(eb.eigenvalues(2) == Approx(1.0).epsilon(1e-12));  // path 2-3-4: lambda_2 = 1
  CHECK((spectrakit::laplacian(b) * eb.coordinates.leftCols(2)).norm() <= 1e-14);
  CHECK(std::abs(eb.coordinates.col(0).sum()) <= 1e-14);
}

TEST_CASE("spectral_embedding: many vectors need thick restarts; sparse and dense paths agree", "[graph][embedding]") {
  // A 30 x 29 grid with uneven horizontal weights (no symmetry, simple eigenvalues).
  const int rows = 30, cols = 29;
  std::vector<Eigen::Triplet<double>> t;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const int id = r * cols + c;
      const double w = 1.0 + 0.1 * ((r * 7 + c) % 5);
      if (c + 1 < cols) t.emplace_back(id, id + 1, w), t.emplace_back(id + 1, id, w);
      if (r + 1 < rows) t.emplace_back(id, id + cols, 1.0), t.emplace_back(id + cols, id, 1.0);
    }
  Sparse a(rows * cols, rows * cols);
  a.setFromTriplets(t.begin(), t.end());
  spectrakit::EmbeddingOptions sparse, dense;
  sparse.dense_threshold = 0;
  dense.dense_threshold = 100000;
  const auto es = spectrakit::spectral_embedding_pairs(a, 20, sparse);
  const auto ed = spectrakit::spectral_embedding_pairs(a, 20, dense);
  CHECK(es.converged());
  CHECK(es.iterations > 2 * 20 + 16);  // more solves than the basis holds: restarted
  CHECK((es.eigenvalues - ed.eigenvalues).norm() <= 1e-12);
  CHECK(es.residual <= 1e-10);
  CHECK((es.coordinates - ed.coordinates).norm() <= 1e-8);  // same vectors, same signs
  sparse.method = spectrakit::EigsMethod::lobpcg;
  const auto el = spectrakit::spectral_embedding_pairs(a, 20, sparse);
  CHECK(el.converged());
  CHECK(el.method == spectrakit::EigsMethod::lobpcg);
  CHECK((el.eigenvalues - ed.eigenvalues).norm() <= 1e-10);
  CHECK((el.coordinates - ed.coordinates).norm() <= 1e-6);
}

// ---------------------------------------------------------------- similarity graphs, k-means, clustering

TEMPLATE_TEST_CASE("the notes' six points 1, 2, 5, 6, 10, 11 with sigma = 2", "[graph][clustering]", float, double) {
  Matrix<TestType> x(6, 1);
  x << 1, 2, 5, 6, 10, 11;
  const Matrix<TestType> w = spectrakit::gaussian_similarity(x, 2.0);
  CHECK(w.diagonal().isZero(0));
  CHECK(w == w.transpose());
  // The W entries the notes print, to their digits (W_16 is a slip: exp(-12.5) = 3.7e-6, not 1e-5).
  const double printed[6][6] = {{0, 0.8825, 0.1353, 0.0439, 0.00004, 0.0000037},
                                {0.8825, 0, 0.3247, 0.1353, 0.000335, 0.00004},
                                {0.1353, 0.3247, 0, 0.8825, 0.0439, 0.0111},
                                {0.0439, 0.1353, 0.8825, 0, 0.1353, 0.0439},
                                {0.00004, 0.000335, 0.0439, 0.1353, 0, 0.8825},
                                {0.0000037, 0.00004, 0.0111, 0.0439, 0.8825, 0}};
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 6; ++j) {
      INFO(i << "," << j);
      const double half_unit = printed[i][j] >= 0.01 ? 0.5e-4 : (printed[i][j] >= 1e-4 ? 0.5e-6 : 0.5e-6);
      CHECK(std::abs(double(w(i, j)) - printed[i][j]) <= half_unit + 1e-7);
    }
  CHECK(std::abs(double(w(0, 5)) - 0.00001) > 0.5e-5);  // the notes' value is off
  // Degrees: the notes print 1.0617, 1.3429, 1.3975, 1.241, 1.0617, 0.9375; the correct values
  // to 4 decimals are 1.0618, 1.3429, 1.3975, 1.2410, 1.0621, 0.9376.
  const Vector<TestType> d = spectrakit::degrees(w);
  const double d_true[6] = {1.0618, 1.3429, 1.3975, 1.2410, 1.0621, 0.9376};
  for (int i = 0; i < 6; ++i) CHECK(std::abs(double(d(i)) - d_true[i]) <= 0.5e-4);
  CHECK(std::abs(double(d(4)) - 1.0617) > 0.3e-3);  // the notes' D_55 slip
  // Spectrum of L: 0, 0.1486959, 0.6758530 (then 1.88, 2.08, 2.25): two small, then a jump.
  const auto f = spectrakit::fiedler_vector(w);
  CHECK(double(f.value) == Approx(0.14869589).epsilon(1e-5));
  // Clusters {1, 2}, {5, 6}, {10, 11} with both variants.
  for (auto variant : {spectrakit::SpectralClusteringVariant::ng_jordan_weiss, spectrakit::SpectralClusteringVariant::shi_malik}) {
    spectrakit::SpectralClusteringOptions o;
    o.variant = variant;
    const auto sc = spectrakit::spectral_clustering(w, 3, o);
    CHECK(sc.labels == (Eigen::VectorXi(6) << 0, 0, 1, 1, 2, 2).finished());
    CHECK(sc.components.count == 1);
    CHECK(sc.eigenvalues.size() == 3);
    CHECK(double(sc.eigenvalues(1)) == Approx(0.13944954).epsilon(1e-4));  // L_sym
    CHECK(double(sc.eigenvalues(2)) == Approx(0.54900909).epsilon(1e-4));
    CHECK(sc.converged());
  }
}

TEST_CASE("knn_graph: self excluded, symmetrization modes, ties by index", "[graph][similarity]") {
  Matrix<double> x(5, 1);
  x << 0, 1, 3, 7, 8;
  const auto u = spectrakit::knn_graph(x, 1, spectrakit::KnnMode::either);
  const auto m = spectrakit::knn_graph(x, 1, spectrakit::KnnMode::mutual);
  const auto av = spectrakit::knn_graph(x, 1, spectrakit::KnnMode::average);
  // Nearest: 0->1, 1->0, 2->1, 3->4, 4->3.
  Matrix<double> eu = Matrix<double>::Zero(5, 5);
  eu(0, 1) = eu(1, 0) = eu(1, 2) = eu(2, 1) = eu(3, 4) = eu(4, 3) = 1;
  CHECK(Matrix<double>(u) == eu);
  Matrix<double> em = eu;
  em(1, 2) = em(2, 1) = 0;
  CHECK(Matrix<double>(m) == em);
  Matrix<double> ea = eu;
  ea(1, 2) = ea(2, 1) = 0.5;
  CHECK(Matrix<double>(av) == ea);
  CHECK(Matrix<double>(u).diagonal().isZero(0));
  // Equidistant neighbours: the lower index wins.
  Matrix<double> y(3, 1);
  y << 0, -1, 1;
  const auto t = spectrakit::knn_graph(y, 1, spectrakit::KnnMode::mutual);
  CHECK(t.coeff(0, 1) == 1.0);
  CHECK(t.coeff(0, 2) == 0.0);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::knn_graph(x, 5), "argument 'k'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::gaussian_similarity(x, 0.0), "argument 'sigma'");
  Matrix<double> bad = x;
  bad(2, 0) = std::numeric_limits<double>::infinity();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::gaussian_similarity(bad, 1.0), "argument 'X' has NaN or Inf");
}

TEMPLATE_TEST_CASE("kmeans: separated blobs, k = n, duplicates, determinism", "[graph][kmeans]", float, double) {
  Matrix<TestType> y(9, 2);
  y << 0, 0, 0.1, 0, 0, 0.1, 5, 5, 5.1, 5, 5, 5.1, -5, 5, -5.1, 5, -5, 5.1;
  const auto r = spectrakit::kmeans(y, 3);
  CHECK(r.labels == (Eigen::VectorXi(9) << 0, 0, 0, 1, 1, 1, 2, 2, 2).finished());
  CHECK(r.converged());
  CHECK(r.centers.rows() == 3);
  CHECK(double(r.centers(1, 0)) == Approx(5.0333333).epsilon(1e-5));
  CHECK(double(r.inertia) == Approx(0.04).epsilon(1e-5));  // 3 blobs x (2 + 5 + 5) / 900
  const auto r2 = spectrakit::kmeans(y, 3);
  CHECK(r2.labels == r.labels);
  CHECK(r2.centers == r.centers);
  const auto all = spectrakit::kmeans(y, 9);
  CHECK(all.labels == (Eigen::VectorXi(9) << 0, 1, 2, 3, 4, 5, 6, 7, 8).finished());
  CHECK(double(all.inertia) == 0.0);
  // Fewer distinct points than clusters: still k non-empty clusters.
  const Matrix<TestType> dup = Matrix<TestType>::Ones(5, 2);
  const auto rd = spectrakit::kmeans(dup, 3);
  std::set<int> distinct(rd.labels.data(), rd.labels.data() + 5);
  CHECK(distinct.size() == 3);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::kmeans(y, 10), "argument 'k'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::kmeans(y, 0), "argument 'k'");
  spectrakit::KMeansOptions bad;
  bad.restarts = 0;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::kmeans(y, 2, bad), "option 'restarts'");
  Matrix<TestType> nan = y;
  nan(0, 0) = std::numeric_limits<TestType>::quiet_NaN();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::kmeans(nan, 2), "argument 'Y' has NaN or Inf");
}

TEST_CASE("spectral_clustering: disconnected W, k = n, k = 1, sparse path, determinism", "[graph][clustering]") {
  // Three cliques, no edges between them, plus an isolated node: 4 components.
  Matrix<double> w = Matrix<double>::Zero(10, 10);
  for (int b = 0; b < 3; ++b)
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j)
        if (i != j) w(3 * b + i, 3 * b + j) = 1;
  const auto c3 = spectrakit::spectral_clustering(w, 3);
  CHECK(c3.components.count == 4);
  // k = 3 < 4 components: the 2 largest components and the rest.
  CHECK(c3.labels == (Eigen::VectorXi(10) << 0, 0, 0, 1, 1, 1, 2, 2, 2, 2).finished());
  const auto c4 = spectrakit::spectral_clustering(w, 4);
  CHECK(c4.labels == (Eigen::VectorXi(10) << 0, 0, 0, 1, 1, 1, 2, 2, 2, 3).finished());
  CHECK(c4.embedding.allFinite());
  const auto c1 = spectrakit::spectral_clustering(w, 1);
  CHECK(c1.labels.isZero());
  const auto cn = spectrakit::spectral_clustering(w, 10);
  CHECK(cn.labels.maxCoeff() == 9);
  // Two clusters joined weakly, with k > components: k-means on a connected graph, sparse path.
  const int n = 400;
  std::mt19937_64 rng(5);
  std::normal_distribution<double> g(0, 1);
  Matrix<double> pts(n, 2);
  for (int i = 0; i < n; ++i) {
    const double cx = (i % 4) * 6.0, cy = (i % 4 >= 2) ? 6.0 : 0.0;
    pts(i, 0) = cx + g(rng);
    pts(i, 1) = cy + g(rng);
  }
  const auto knn = spectrakit::knn_graph(pts, 8, spectrakit::KnnMode::either);
  spectrakit::SpectralClusteringOptions o;
  o.dense_threshold = 0;
  const auto sc = spectrakit::spectral_clustering(knn, 4, o);
  const auto sc2 = spectrakit::spectral_clustering(knn, 4, o);
  CHECK(sc.labels == sc2.labels);
  CHECK(sc.embedding == sc2.embedding);
  CHECK(sc.converged());
  int correct = 0;
  for (int i = 0; i < n; ++i) correct += sc.labels(i) == sc.labels(i % 4) ? 1 : 0;
  CHECK(correct >= n - 8);
}

// ---------------------------------------------------------------- reconstruction

TEMPLATE_TEST_CASE("spectral_reconstruction: A = sum lambda_i x_i x_i^T and rank-r truncation", "[graph][reconstruction]", float, double) {
  Vector<double> spectrum(5);
  spectrum << 4, -3, 2, 0.5, 0;
  const Matrix<TestType> a = symmetric_with_spectrum<TestType>(spectrum, 9);
  Eigen::SelfAdjointEigenSolver<Matrix<TestType>> es(a);
  const Matrix<TestType> back = spectrakit::spectral_reconstruction(es.eigenvalues(), es.eigenvectors());
  CHECK((back - a).norm() <= TestType(40) * eps<TestType>() * a.norm());
  CHECK(back == back.transpose());
  // Rank 2 keeps 4 and -3: the error is ||diag(2, 0.5, 0)||.
  const Matrix<TestType> r2 = spectrakit::spectral_reconstruction(es.eigenvalues(), es.eigenvectors(), 2);
  CHECK(double((a - r2).norm()) == Approx(std::sqrt(4.25)).epsilon(double(100 * eps<TestType>())));
  const Matrix<TestType> r0 = spectrakit::spectral_reconstruction(es.eigenvalues(), es.eigenvectors(), 0);
  CHECK(r0.isZero(0));
  // The notes' path Laplacian rebuilt from its eigenpairs 0, 1, 3.
  Matrix<TestType> q(3, 3);
  const TestType s2 = TestType(1 / std::sqrt(2.0)), s3 = TestType(1 / std::sqrt(3.0)), s6 = TestType(1 / std::sqrt(6.0));
  q << s3, s2, s6, s3, 0, -2 * s6, s3, -s2, s6;
  const Matrix<TestType> l = spectrakit::spectral_reconstruction(Vector<TestType>(Eigen::Vector3f(0, 1, 3).cast<TestType>()), q);
  Matrix<TestType> expected(3, 3);
  expected << 1, -1, 0, -1, 2, -1, 0, -1, 1;
  CHECK((l - expected).norm() <= TestType(16) * eps<TestType>());
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::spectral_reconstruction(Vector<TestType>::Ones(2), q), "argument 'values'");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::spectral_reconstruction(Vector<TestType>::Ones(3), q, 4), "argument 'rank'");
}

// Regressions of the defects the property tests found (tests/test_rapidcheck.cpp, K5, K6).
TEST_CASE("fiedler_vector: weights near 1e+-200, every method, connected and disconnected", "[graph][fiedler]") {
  // A weighted 6 x 7 grid (lambda_2 simple) and two disjoint copies of it.
  Matrix<double> g = Matrix<double>(grid_graph(6, 7));
  for (Eigen::Index j = 0; j < g.cols(); ++j)
    for (Eigen::Index i = j + 1; i < g.rows(); ++i) g(i, j) = g(j, i) = g(i, j) * (1.0 + 0.3 * double((i * 7 + j) % 5));
  const Eigen::Index n = g.rows();
  Matrix<double> two = Matrix<double>::Zero(2 * n, 2 * n);
  two.topLeftCorner(n, n) = g;
  two.bottomRightCorner(n, n) = g;
  for (double scale : {1e200, 1e-200, 1e250, 1e-250}) {
    for (bool normalized : {false, true}) {
      // Connected (K6: shift_invert and LOBPCG gave status success with a wrong pair, an Inf
      // residual for large weights): the pair of the scaled graph is that of g, the value scaled.
      for (auto method : {spectrakit::EigsMethod::dense, spectrakit::EigsMethod::shift_invert, spectrakit::EigsMethod::lobpcg}) {
        spectrakit::FiedlerOptions o;
        o.normalized = normalized;
        o.method = method;
        INFO("scale " << scale << (normalized ? ", normalized" : "") << ", method " << spectrakit::to_string(method));
        const auto ref = spectrakit::fiedler_vector(g, o);
        const Matrix<double> a = g * scale;
        const auto r = spectrakit::fiedler_vector(a, o);
        REQUIRE(ref.converged());
        REQUIRE(r.converged());
        REQUIRE(r.vector.allFinite());
        CHECK(std::abs(r.vector.stableNorm() - 1.0) <= 1e-13);
        CHECK(r.residual <= 1e-8);
        const double value = normalized ? ref.value : ref.value * scale;
        CHECK(std::abs(r.value - value) <= 1e-8 * std::abs(value));
        CHECK(std::min((r.vector - ref.vector).norm(), (r.vector + ref.vector).norm()) <= 1e-6);
      }
      // Disconnected (K5, normalized: sqrt(d_i) * volume was normalized with a plain 2-norm: a
      // zero, NaN or non-normalized vector): the vector of the graph at scale 1.
      spectrakit::FiedlerOptions o;
      o.normalized = normalized;
      INFO("disconnected, scale " << scale << (normalized ? ", normalized" : ""));
      const auto ref = spectrakit::fiedler_vector(two, o);
      const Matrix<double> a = two * scale;
      const auto r = spectrakit::fiedler_vector(a, o);
      CHECK(r.value == 0.0);
      REQUIRE(r.vector.allFinite());
      CHECK(std::abs(r.vector.stableNorm() - 1.0) <= 1e-13);
      CHECK((r.vector - ref.vector).norm() <= 1e-13);
      CHECK(r.residual <= 1e-13);
    }
  }
}
