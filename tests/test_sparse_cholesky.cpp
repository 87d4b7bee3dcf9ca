// Tests of the supernodal multifrontal Cholesky factorization behind the shift-invert
// eigen-solvers (detail/supernodal_cholesky.hpp): solves against dense Cholesky on random sparse
// SPD matrices of many shapes (forests, chains, dense blocks, grids in several orders), float
// and double, blocks of 1-5 right-hand sides, definiteness failures and the backend switch of
// SparseSymmetricSolver.
#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>
#include <spectrakit/detail/sparse_spd_solver.hpp>
#include <spectrakit/detail/supernodal_cholesky.hpp>
#include <spectrakit/detail/ordering.hpp>

#include "spectrakit_catch.hpp"
#include "test_util.hpp"

using namespace spectrakit_test;

namespace {

template <typename Scalar>
using SpMatrix = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;

// Symmetric positive definite matrix with the given off-diagonal pattern (pairs i < j) and
// random weights: a weighted Laplacian plus a positive diagonal (so S >= diag_shift I).
template <typename Scalar>
SpMatrix<Scalar> spd_from_edges(int n, const std::vector<std::pair<int, int>>& edges, double diag_shift,
                              std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> weight(0.1, 2.0);
  std::vector<Eigen::Triplet<double>> t;
  std::vector<double> diag(std::size_t(n), diag_shift);
  for (const auto& e : edges) {
    const double w = weight(rng);
    t.emplace_back(e.first, e.second, -w);
    t.emplace_back(e.second, e.first, -w);
    diag[std::size_t(e.first)] += w;
    diag[std::size_t(e.second)] += w;
  }
  for (int i = 0; i < n; ++i) t.emplace_back(i, i, diag[std::size_t(i)] * (1.0 + 0.5 * weight(rng)));
  SpMatrix<double> s(n, n);
  s.setFromTriplets(t.begin(), t.end());
  s.makeCompressed();
  return s.cast<Scalar>();
}

std::vector<std::pair<int, int>> grid_edges(int rows, int cols) {
  std::vector<std::pair<int, int>> e;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const int v = r * cols + c;
      if (c + 1 < cols) e.emplace_back(v, v + 1);
      if (r + 1 < rows) e.emplace_back(v, v + cols);
    }
  return e;
}

std::vector<std::pair<int, int>> random_edges(int n, int count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> node(0, n - 1);
  std::vector<std::pair<int, int>> e;
  for (int k = 0; k < count; ++k) {
    const int a = node(rng), b = node(rng);
    if (a != b) e.emplace_back(std::min(a, b), std::max(a, b));
  }
  std::sort(e.begin(), e.end());
  e.erase(std::unique(e.begin(), e.end()), e.end());
  return e;
}

std::vector<int> identity_order(int n) {
  std::vector<int> o(static_cast<std::size_t>(n));
  std::iota(o.begin(), o.end(), 0);
  return o;
}

std::vector<int> random_order(int n, std::uint64_t seed) {
  std::vector<int> o = identity_order(n);
  std::mt19937_64 rng(seed);
  std::shuffle(o.begin(), o.end(), rng);
  return o;
}

// Factorizes s in `order`, solves for k right-hand sides and checks the backward error of
// the solution in the original coordinates against the dense Cholesky's own.
template <typename Scalar>
void check_solves(const SpMatrix<Scalar>& s, const std::vector<int>& order, const char* what) {
  INFO(what << ", n = " << s.rows());
  spectrakit::detail::SupernodalCholesky<Scalar> chol;
  REQUIRE(chol.compute(s, order));
  const Eigen::Index n = s.rows();
  const Matrix<Scalar> dense = Matrix<Scalar>(s);
  const double norm = dense.template cast<double>().cwiseAbs().colwise().sum().maxCoeff();
  CHECK(chol.pivot_ratio() > 0);
  CHECK(chol.pivot_ratio() <= 1);
  CHECK(chol.factor_size() >= n);
  for (Eigen::Index k : {1, 2, 3, 5}) {
    const Matrix<Scalar> b = random_normal<Scalar>(n, k, std::uint64_t(n * 10 + k));
    Matrix<Scalar> y = chol.permutation() * b;
    chol.solve_in_place(y);
    const Matrix<Scalar> x = chol.permutation().transpose() * y;
    const Matrix<double> r = s.template cast<double>() * x.template cast<double>() - b.template cast<double>();
    // Backward error of a Cholesky solve: |r| <= c n eps |S| |x| (Higham, Thm 10.4).
    const double bound = 20.0 * double(n) * double(eps<Scalar>()) * norm * x.template cast<double>().norm();
    INFO("k = " << k);
    CHECK(r.norm() <= bound);
    // The same solve as one right-hand side at a time.
    if (k > 1) {
      Matrix<Scalar> y1 = chol.permutation() * b.col(k - 1);
      chol.solve_in_place(y1);
      CHECK((y1 - y.col(k - 1)).norm() <= bound / std::max(norm, 1e-300));
    }
  }
}

}  // namespace

TEMPLATE_TEST_CASE("supernodal Cholesky: solves match on matrices of many shapes", "[sparse][cholesky]", float, double) {
  using Scalar = TestType;
  // 1 x 1, a diagonal matrix (n roots), a path (one chain: one fundamental supernode), a star.
  check_solves<Scalar>(spd_from_edges<Scalar>(1, {}, 1.0, 1), identity_order(1), "1 x 1");
  check_solves<Scalar>(spd_from_edges<Scalar>(17, {}, 1.0, 2), random_order(17, 3), "diagonal");
  std::vector<std::pair<int, int>> path, star;
  for (int i = 0; i + 1 < 60; ++i) path.emplace_back(i, i + 1);
  for (int i = 1; i < 60; ++i) star.emplace_back(0, i);
  check_solves<Scalar>(spd_from_edges<Scalar>(60, path, 0.01, 4), identity_order(60), "path");
  check_solves<Scalar>(spd_from_edges<Scalar>(60, path, 0.01, 5), random_order(60, 6), "path, random order");
  check_solves<Scalar>(spd_from_edges<Scalar>(60, star, 0.01, 7), identity_order(60), "star, hub first");
  check_solves<Scalar>(spd_from_edges<Scalar>(60, star, 0.01, 8), random_order(60, 9), "star, random order");
  // A dense matrix (one wide supernode: the blocked dense kernels of the solve).
  std::vector<std::pair<int, int>> complete;
  for (int i = 0; i < 50; ++i)
    for (int j = i + 1; j < 50; ++j) complete.emplace_back(i, j);
  check_solves<Scalar>(spd_from_edges<Scalar>(50, complete, 0.1, 10), random_order(50, 11), "complete");
  // Disconnected pieces (a forest of elimination trees) in a random order.
  std::vector<std::pair<int, int>> pieces = grid_edges(6, 7);
  for (int i = 0; i + 1 < 20; ++i) pieces.emplace_back(42 + i, 43 + i);
  check_solves<Scalar>(spd_from_edges<Scalar>(80, pieces, 0.001, 12), random_order(80, 13), "forest");
  // Grids in natural, random, AMD and nested-dissection order; random sparse graphs.
  for (int side : {12, 45}) {
    const int cols = side + 3 * (side % 2);  // 12 x 12 and 45 x 48
    const SpMatrix<Scalar> g = spd_from_edges<Scalar>(side * cols, grid_edges(side, cols), 1e-3, 14);
    check_solves<Scalar>(g, identity_order(int(g.rows())), "grid, natural order");
    check_solves<Scalar>(g, random_order(int(g.rows()), 15), "grid, random order");
    check_solves<Scalar>(g, spectrakit::detail::fill_reducing_order(g), "grid, fill-reducing order");
    check_solves<Scalar>(
        g, spectrakit::detail::nested_dissection_order<int>(g.rows(), g.outerIndexPtr(), g.innerIndexPtr()),
        "grid, nested dissection");
  }
  for (std::uint64_t seed : {21u, 22u}) {
    const int n = 300;
    const SpMatrix<Scalar> r = spd_from_edges<Scalar>(n, random_edges(n, 3 * n, seed), 0.01, seed);
    check_solves<Scalar>(r, spectrakit::detail::fill_reducing_order(r), "random graph, AMD");
  }
}

// The column counts of L (diagonal included) by symbolic elimination of the dense pattern of
// P S P^T: the reference for the skeleton-matrix column counts.
std::vector<Eigen::Index> reference_counts(const SpMatrix<double>& s,
                                           const Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int>& p) {
  const Eigen::Index n = s.rows();
  std::vector<std::vector<char>> b(std::size_t(n), std::vector<char>(std::size_t(n), 0));
  for (Eigen::Index j = 0; j < n; ++j)
    for (SpMatrix<double>::InnerIterator it(s, j); it; ++it)
      b[std::size_t(p.indices()(it.index()))][std::size_t(p.indices()(j))] = 1;
  std::vector<Eigen::Index> count(std::size_t(n), 1);
  for (Eigen::Index k = 0; k < n; ++k) {
    std::vector<Eigen::Index> below;
    for (Eigen::Index i = k + 1; i < n; ++i)
      if (b[std::size_t(i)][std::size_t(k)]) below.push_back(i);
    count[std::size_t(k)] += Eigen::Index(below.size());
    for (Eigen::Index i : below)
      for (Eigen::Index j : below) b[std::size_t(i)][std::size_t(j)] = 1;  // fill
  }
  return count;
}

TEST_CASE("supernodal Cholesky: column counts equal those of symbolic elimination", "[sparse][cholesky]") {
  std::vector<std::pair<int, int>> path, star;
  for (int i = 0; i + 1 < 40; ++i) path.emplace_back(i, i + 1);
  for (int i = 1; i < 40; ++i) star.emplace_back(0, i);
  std::vector<std::pair<int, int>> forest = grid_edges(5, 6);
  for (int i = 0; i + 1 < 15; ++i) forest.emplace_back(30 + i, 31 + i);
  struct Case {
    const char* what;
    SpMatrix<double> s;
    std::vector<int> order;
  };
  std::vector<Case> cases;
  cases.push_back({"path", spd_from_edges<double>(40, path, 0.1, 1), random_order(40, 2)});
  cases.push_back({"star, hub first", spd_from_edges<double>(40, star, 0.1, 3), identity_order(40)});
  cases.push_back({"star, hub last", spd_from_edges<double>(40, star, 0.1, 3), random_order(40, 4)});
  cases.push_back({"forest", spd_from_edges<double>(45, forest, 0.1, 5), random_order(45, 6)});
  const SpMatrix<double> grid = spd_from_edges<double>(13 * 11, grid_edges(13, 11), 0.1, 7);
  cases.push_back({"grid, natural", grid, identity_order(13 * 11)});
  cases.push_back({"grid, random", grid, random_order(13 * 11, 8)});
  cases.push_back({"grid, fill-reducing", grid, spectrakit::detail::fill_reducing_order(grid)});
  for (std::uint64_t seed : {9u, 10u, 11u}) {
    const SpMatrix<double> r = spd_from_edges<double>(120, random_edges(120, 200, seed), 0.1, seed);
    cases.push_back({"random graph, random order", r, random_order(120, seed)});
    cases.push_back({"random graph, AMD", r, spectrakit::detail::fill_reducing_order(r)});
  }
  for (const Case& c : cases) {
    INFO(c.what);
    spectrakit::detail::SupernodalCholesky<double> chol;
    REQUIRE(chol.compute(c.s, c.order));
    const std::vector<Eigen::Index> want = reference_counts(c.s, chol.permutation());
    CHECK(chol.column_counts() == want);
    CHECK(chol.factor_size() >= std::accumulate(want.begin(), want.end(), Eigen::Index(0)));
  }
}

TEST_CASE("supernodal Cholesky: the factor of a tridiagonal matrix is its closed form", "[sparse][cholesky]") {
  // S = tridiag(-1, 2, -1) (n = 5): L(j, j) = sqrt((j + 2) / (j + 1)), L(j + 1, j) = -sqrt((j + 1) / (j + 2)),
  // so det S = n + 1 and the pivot ratio is L(n-1,n-1)^2 / L(0,0)^2 = ((n + 1) / n) / 2.
  std::vector<Eigen::Triplet<double>> t;
  const int n = 5;
  for (int i = 0; i < n; ++i) {
    t.emplace_back(i, i, 2.0);
    if (i + 1 < n) {
      t.emplace_back(i, i + 1, -1.0);
      t.emplace_back(i + 1, i, -1.0);
    }
  }
  SpMatrix<double> s(n, n);
  s.setFromTriplets(t.begin(), t.end());
  spectrakit::detail::SupernodalCholesky<double> chol;
  REQUIRE(chol.compute(s, identity_order(n)));
  CHECK(chol.pivot_ratio() == Approx((6.0 / 5.0) / 2.0).epsilon(1e-14));
  CHECK(chol.supernodes() >= 1);
  CHECK(chol.factor_size() >= 2 * n - 1);  // the bidiagonal L, plus the zeros of relaxed supernodes
  Vector<double> x = Vector<double>::Ones(n);  // S^{-1} 1 = (j + 1)(n - j) / 2
  chol.solve_in_place(x);
  for (int j = 0; j < n; ++j) CHECK(x(j) == Approx(0.5 * (j + 1) * (n - j)).epsilon(1e-14));
}

TEST_CASE("supernodal Cholesky: not definite, NaN and empty input", "[sparse][cholesky]") {
  spectrakit::detail::SupernodalCholesky<double> chol;
  // Indefinite: one negative diagonal entry.
  SpMatrix<double> ind = spd_from_edges<double>(30, grid_edges(5, 6), 0.0, 31);
  ind.coeffRef(17, 17) = -1.0;
  CHECK_FALSE(chol.compute(ind, identity_order(30)));
  CHECK(chol.supernodes() == 0);
  // Singular: the Laplacian of the unit-weight path, whose last pivot is exactly 0.
  std::vector<Eigen::Triplet<double>> t;
  for (int i = 0; i + 1 < 40; ++i) {
    t.emplace_back(i, i + 1, -1.0);
    t.emplace_back(i + 1, i, -1.0);
    t.emplace_back(i, i, 1.0);
    t.emplace_back(i + 1, i + 1, 1.0);
  }
  SpMatrix<double> lap(40, 40);
  lap.setFromTriplets(t.begin(), t.end());
  CHECK_FALSE(chol.compute(lap, identity_order(40)));
  std::vector<std::pair<int, int>> path;
  for (int i = 0; i + 1 < 40; ++i) path.emplace_back(i, i + 1);
  // Negative definite with sign -1: the factorization of -S.
  const SpMatrix<double> spd = spd_from_edges<double>(40, path, 0.1, 33);
  const SpMatrix<double> neg = -spd;
  REQUIRE(chol.compute(neg, identity_order(40), -1.0));
  Vector<double> x = Vector<double>::Ones(40);
  chol.solve_in_place(x);  // the factor is that of -(-S) = S
  CHECK((spd * x - Vector<double>::Ones(40)).norm() <= 1e-12 * x.norm());
  // NaN on the diagonal.
  SpMatrix<double> bad = spd;
  bad.coeffRef(7, 7) = std::numeric_limits<double>::quiet_NaN();
  CHECK_FALSE(chol.compute(bad, identity_order(40)));
  // n = 0.
  SpMatrix<double> empty(0, 0);
  CHECK(chol.compute(empty, {}));
  Matrix<double> none(0, 2);
  chol.solve_in_place(none);
  CHECK(none.size() == 0);
}

TEMPLATE_TEST_CASE("SparseSymmetricSolver: definite matrices take the supernodal factorization", "[sparse][cholesky]",
                   float, double) {
  using Scalar = TestType;
  const SpMatrix<Scalar> s = spd_from_edges<Scalar>(400, grid_edges(20, 20), 1e-2, 41);
  spectrakit::detail::SparseSymmetricSolver<Scalar> solver;
  REQUIRE(solver.compute(s, +1));
  const std::string expected = spectrakit::detail::cholmod_backend_v<Scalar> ? "cholmod" : "supernodal";
  CHECK(std::string(solver.backend()) == expected);
  CHECK(std::string(spectrakit::detail::sparse_backend_name<Scalar>()) == expected);
  Matrix<Scalar> b = random_normal<Scalar>(400, 2, 42), x = b;
  solver.solve_in_place(x);
  // Backward error of a Cholesky solve: |r| <= c n eps ||S|| ||x|| (||S||_1 of a grid Laplacian
  // plus a diagonal is at most about 16).
  const double norm = Matrix<double>(s.template cast<double>()).cwiseAbs().colwise().sum().maxCoeff();
  const double tol = 20.0 * 400 * double(eps<Scalar>()) * norm;
  CHECK((s.template cast<double>() * x.template cast<double>() - b.template cast<double>()).norm() <=
        tol * x.template cast<double>().norm());
  // Declared definite but indefinite: Eigen's LDL^T takes over and counts the negative pivots.
  SpMatrix<Scalar> ind = s;
  for (int i = 0; i < 3; ++i) ind.coeffRef(i, i) = Scalar(-100);
  REQUIRE(solver.compute(ind, +1));
  CHECK(std::string(solver.backend()) == "eigen");
  CHECK(solver.negative_pivots() == 3);
}
