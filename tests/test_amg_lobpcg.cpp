// Tests of the solver layer's multigrid preconditioner, LOBPCG and the Cholesky factor-size
// prediction (issue 15). Instantiates AmgPreconditioner, lobpcg_smallest (with the AMG) for
// float and double, and the prediction for double only.
#include <spectrakit/detail/amg.hpp>
#include <spectrakit/detail/factor_prediction.hpp>
#include <spectrakit/detail/lobpcg.hpp>
#include <spectrakit/detail/method_choice.hpp>
#include <spectrakit/detail/ordering.hpp>
#include <spectrakit/detail/supernodal_cholesky.hpp>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "../benchmarks/bench_generators.hpp"
#include "amg_test_util.hpp"
#include "spectrakit_catch.hpp"

namespace {

using spectrakit_bench::Edge;
using spectrakit_test::component_basis;
using spectrakit_test::vcycle_factor;

template <typename Scalar>
using SpMat = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;
template <typename Scalar>
using Mat = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

struct Family {
  std::string name;
  int n;
  std::vector<Edge> edges;
};

// Small graphs of every family: 2-D and 3-D grids, scale-free with hubs, disconnected pieces
// (a grid, a BA graph, a path and two isolated vertices), and BA with weights over 16 decades.
std::vector<Family> small_families() {
  using namespace spectrakit_bench;
  std::vector<Family> f;
  f.push_back({"grid2d 18x17", 18 * 17, grid_edges(18, 17, 1)});
  f.push_back({"grid3d 7x7x6", 7 * 7 * 6, grid_edges(7, 7, 6)});
  f.push_back({"barabasi-albert 400 m=3", 400, barabasi_albert_edges(400, 3, 11)});
  {
    std::vector<Edge> e = grid_edges(10, 10, 1);
    for (const Edge& b : barabasi_albert_edges(150, 2, 5)) e.push_back({b.u + 100, b.v + 100, b.w});
    for (int i = 0; i < 9; ++i) e.push_back({250 + i, 251 + i, 1.0});
    f.push_back({"disconnected", 262, e});  // 260, 261 isolated
  }
  {
    std::vector<Edge> e = barabasi_albert_edges(350, 4, 23);
    randomize_weights(e, 16.0, 99);
    f.push_back({"barabasi-albert 350, weights 1e-8..1e8", 350, e});
  }
  return f;
}

}  // namespace

TEST_CASE("AMG V-cycle converges fast on Poisson and scale-free graphs", "[amg]") {
  using namespace spectrakit_bench;
  struct Case {
    std::string name;
    int n;
    std::vector<Edge> edges;
  };
  const std::vector<Case> cases = {{"poisson2d 64x64", 64 * 64, grid_edges(64, 64, 1)},
                                   {"poisson3d 16^3", 16 * 16 * 16, grid_edges(16, 16, 16)},
                                   {"barabasi-albert 5000 m=5", 5000, barabasi_albert_edges(5000, 5, 7)}};
  for (const Case& c : cases) {
    const SpMat<double> l = laplacian_from_edges<double>(c.n, c.edges);
    const spectrakit::detail::AmgPreconditioner<double> amg(l);
    const double factor = vcycle_factor(l, amg, 2024);
    INFO(c.name << ": levels " << amg.levels() << ", operator complexity " << amg.operator_complexity()
                << ", grid complexity " << amg.grid_complexity() << ", factor " << factor);
    CHECK(factor < 0.5);
    CHECK(amg.levels() >= 2);
    CHECK(amg.operator_complexity() < 3.0);
    CHECK(amg.grid_complexity() < 2.0);
  }
}

TEMPLATE_TEST_CASE("LOBPCG + AMG matches the dense solver on every graph family", "[lobpcg]", float, double) {
  using Scalar = TestType;
  const Scalar eps = std::numeric_limits<Scalar>::epsilon();
  for (const Family& f : small_families()) {
    const SpMat<Scalar> l = spectrakit_bench::laplacian_from_edges<Scalar>(f.n, f.edges);
    const Mat<Scalar> y = component_basis(l);
    const Eigen::Index nev = 4, n = l.rows(), c = y.cols();
    const spectrakit::detail::AmgPreconditioner<Scalar> amg(l);
    const Scalar tol = Scalar(n) * eps;
    const auto res = spectrakit::detail::lobpcg_smallest(l, y, nev, amg, tol, 42, 500);
    const Mat<double> dense = Mat<double>(l.template cast<double>());
    const Eigen::SelfAdjointEigenSolver<Mat<double>> eig(dense, Eigen::EigenvaluesOnly);
    const double norm1 = double(res.norm_l1);
    INFO(f.name << ": n " << n << ", components " << c << ", iterations " << res.iterations << ", levels "
                << amg.levels() << ", complexity " << amg.operator_complexity());
    REQUIRE(res.converged());
    REQUIRE(res.values.size() == nev);
    // True residuals, orthonormality, orthogonality to the null space.
    const Mat<Scalar> v = res.vectors;
    const Mat<Scalar> lv = l * v;
    for (Eigen::Index j = 0; j < nev; ++j) {
      const double r = double((lv.col(j) - res.values(j) * v.col(j)).norm());
      CHECK(r <= 2 * double(tol) * norm1);
      const double exact = eig.eigenvalues()(c + j);
      INFO("pair " << j << ": " << res.values(j) << " vs dense " << exact << ", residual " << r);
      CHECK(std::abs(double(res.values(j)) - exact) <= r + 20.0 * double(n) * double(eps) * norm1);
    }
    CHECK((v.transpose() * v - Mat<Scalar>::Identity(nev, nev)).norm() <= Scalar(10 * n) * eps);
    CHECK((y.transpose() * v).norm() <= Scalar(10 * n) * eps);
  }
}

TEMPLATE_TEST_CASE("LOBPCG: the same seed gives bit-identical output", "[lobpcg]", float, double) {
  using Scalar = TestType;
  const std::vector<Edge> e = spectrakit_bench::barabasi_albert_edges(600, 3, 3);
  const SpMat<Scalar> l = spectrakit_bench::laplacian_from_edges<Scalar>(600, e);
  const Mat<Scalar> y = component_basis(l);
  const spectrakit::detail::AmgPreconditioner<Scalar> amg(l);
  const Scalar tol = Scalar(600) * std::numeric_limits<Scalar>::epsilon();
  const auto a = spectrakit::detail::lobpcg_smallest(l, y, 3, amg, tol, 7, 300);
  const auto b = spectrakit::detail::lobpcg_smallest(l, y, 3, amg, tol, 7, 300);
  REQUIRE(a.converged());
  CHECK(a.iterations == b.iterations);
  CHECK(a.values == b.values);
  CHECK(a.vectors == b.vectors);
  const auto other = spectrakit::detail::lobpcg_smallest(l, y, 3, amg, tol, 8, 300);
  CHECK(other.converged());
}

TEST_CASE("LOBPCG edge cases: iteration limit, nev = 0, nev beyond the space", "[lobpcg]") {
  const std::vector<Edge> e = spectrakit_bench::grid_edges(30, 30, 1);
  const SpMat<double> l = spectrakit_bench::laplacian_from_edges<double>(900, e);
  const Mat<double> y = component_basis(l);
  const spectrakit::detail::AmgPreconditioner<double> amg(l);
  const auto limited = spectrakit::detail::lobpcg_smallest(l, y, 2, amg, 1e-14, 1, 1);
  CHECK(limited.status == spectrakit::detail::LobpcgStatus::not_converged);
  CHECK(limited.iterations == 1);
  CHECK(limited.values.size() == 2);
  const auto none = spectrakit::detail::lobpcg_smallest(l, y, 0, amg, 1e-10, 1, 10);
  CHECK(none.converged());
  CHECK(none.vectors.cols() == 0);
  // A 4-vertex path: 3 pairs beyond the null space, asked for 10.
  const std::vector<Edge> path = {{0, 1, 1.0}, {1, 2, 1.0}, {2, 3, 1.0}};
  const SpMat<double> lp = spectrakit_bench::laplacian_from_edges<double>(4, path);
  const Mat<double> yp = component_basis(lp);
  const spectrakit::detail::AmgPreconditioner<double> amgp(lp);
  const auto all = spectrakit::detail::lobpcg_smallest(lp, yp, 10, amgp, 1e-12, 1, 50);
  REQUIRE(all.converged());
  REQUIRE(all.values.size() == 3);
  const double pi = std::acos(-1.0);
  for (int j = 0; j < 3; ++j) CHECK(std::abs(all.values(j) - 2 * (1 - std::cos(pi * (j + 1) / 4))) <= 1e-12);
}

TEST_CASE("Cholesky factor prediction equals the supernodal factor's column counts", "[factor_prediction]") {
  using namespace spectrakit_bench;
  struct Case {
    std::string name;
    int n;
    std::vector<Edge> edges;
  };
  const std::vector<Case> cases = {{"grid2d 40x40", 1600, grid_edges(40, 40, 1)},
                                   {"grid3d 12^3", 1728, grid_edges(12, 12, 12)},
                                   {"barabasi-albert 2000 m=5", 2000, barabasi_albert_edges(2000, 5, 1)},
                                   {"one vertex", 1, {}}};
  for (const Case& c : cases) {
    SpMat<double> s = laplacian_from_edges<double>(c.n, c.edges);
    SpMat<double> id(c.n, c.n);
    id.setIdentity();
    s = (s + id).eval();  // positive definite, same pattern
    s.makeCompressed();
    const std::vector<int> order = spectrakit::detail::fill_reducing_order(s);
    const auto predicted = spectrakit::detail::predict_cholesky_factor(s, order);
    spectrakit::detail::SupernodalCholesky<double> chol;
    REQUIRE(chol.compute(s, order));
    Eigen::Index sum = 0;
    double flops = 0;
    for (Eigen::Index cnt : chol.column_counts()) {
      sum += cnt;
      flops += double(cnt) * double(cnt);
    }
    INFO(c.name << ": predicted nnz(L) " << predicted.nnz_l << ", factor_size " << chol.factor_size());
    CHECK(predicted.nnz_l == sum);
    CHECK(predicted.flops == flops);
    CHECK(chol.factor_size() >= predicted.nnz_l);
    // Relaxed supernodes store explicit zeros (dense diagonal blocks): at most ~2x on these.
    CHECK(double(chol.factor_size()) <= 2.5 * double(predicted.nnz_l));
    CHECK(predicted.height >= 1);
    Eigen::Index cmax = 0;
    for (Eigen::Index cnt : chol.column_counts()) cmax = std::max(cmax, cnt);
    CHECK(predicted.max_column_count == cmax);
    // The predicted peak covers the factor's storage.
    CHECK(spectrakit::detail::predicted_factorization_bytes(predicted, sizeof(double)) >= double(chol.storage_bytes()) * 0.99);
  }
}

TEST_CASE("Method choice: shift-invert on 2-D grids, LOBPCG + AMG on 3-D grids and scale-free graphs", "[method_choice]") {
  using namespace spectrakit_bench;
  using spectrakit::EigsMethod;
  struct Case {
    std::string name;
    int n;
    std::vector<Edge> edges;
    EigsMethod expected;
  };
  // The benchmark families at sizes where the prediction is cheap (the ordering and the column
  // counts only; nothing is factorized).
  const std::vector<Case> cases = {{"grid2d 200x200", 200 * 200, grid_edges(200, 200, 1), EigsMethod::shift_invert},
                                   {"grid3d 40^3", 40 * 40 * 40, grid_edges(40, 40, 40), EigsMethod::lobpcg},
                                   {"barabasi-albert 10000 m=5", 10000, barabasi_albert_edges(10000, 5, 2026),
                                    EigsMethod::lobpcg}};
  for (const Case& c : cases) {
    const SpMat<double> l = laplacian_from_edges<double>(c.n, c.edges);
    const auto choice = spectrakit::detail::choose_smallest_method(l, 2, EigsMethod::automatic, 0, 300);
    INFO(c.name << ": nnz(L) " << choice.prediction.nnz_l << ", flops " << choice.prediction.flops
                << ", cost shift-invert " << choice.costs.shift_invert << ", LOBPCG " << choice.costs.lobpcg);
    CHECK(choice.predicted);
    CHECK(choice.method == c.expected);
    CHECK(!choice.over_budget);
    CHECK(choice.order.empty() == (c.expected == EigsMethod::lobpcg));  // the factorization reuses it
    // An explicit shift-invert under a budget below the prediction is refused, with the size.
    const auto refused = spectrakit::detail::choose_smallest_method(l, 2, EigsMethod::shift_invert, 4096, 300);
    CHECK(refused.over_budget);
    CHECK(refused.predicted_bytes == choice.predicted_bytes);
    CHECK(refused.message.find("predicted to need") != std::string::npos);
  }
  CHECK(spectrakit::detail::default_memory_budget() > 0);
  CHECK(spectrakit::detail::resolved_memory_budget(123) == 123u);
}
