// Tests of the kernels behind the multigrid-preconditioned LOBPCG's speed (issue 15): the
// row-major block product (detail/block_spmv.hpp) against a plain sparse product, the
// degree-2 Chebyshev smoother that the LOBPCG driver uses (convergence factor and symmetry of
// the V-cycle, block against column by column), and the cores' screen of the automatic method
// choice (detail/fill_screen.hpp: the peeling order, the lower bound, the verdicts).
// Every helper sits in the named namespace amg_kernels_test (the suite may be built as one
// translation unit).
#include <spectrakit/detail/amg.hpp>
#include <spectrakit/detail/block_spmv.hpp>
#include <spectrakit/detail/factor_prediction.hpp>
#include <spectrakit/detail/fill_screen.hpp>
#include <spectrakit/detail/lobpcg.hpp>
#include <spectrakit/detail/method_choice.hpp>
#include <spectrakit/detail/ordering.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "../benchmarks/bench_generators.hpp"
#include "amg_test_util.hpp"
#include "spectrakit_catch.hpp"

namespace amg_kernels_test {

template <typename Scalar>
using KernelSparse = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;
template <typename Scalar>
using KernelDense = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

// A random rows x cols sparse matrix with about `per_column` entries per column in [-1, 1];
// uncompressed (inner non-zero counts in use) when `compressed` is false.
template <typename Scalar>
KernelSparse<Scalar> kernel_random_sparse(Eigen::Index rows, Eigen::Index cols, int per_column, std::uint64_t seed,
                                          bool compressed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<Eigen::Index> row(0, rows - 1);
  std::uniform_real_distribution<double> value(-1.0, 1.0);
  KernelSparse<Scalar> a(rows, cols);
  a.reserve(Eigen::VectorXi::Constant(cols, per_column + 2));
  for (Eigen::Index j = 0; j < cols; ++j) {
    std::vector<Eigen::Index> used;
    for (int e = 0; e < per_column; ++e) {
      const Eigen::Index i = row(rng);
      if (std::find(used.begin(), used.end(), i) != used.end()) continue;
      used.push_back(i);
      a.insert(i, j) = Scalar(value(rng));
    }
  }
  if (compressed) a.makeCompressed();
  return a;
}

struct KernelGraph {
  std::string name;
  int n;
  std::vector<spectrakit_bench::Edge> edges;
};

// The cost the automatic choice gives shift-invert (detail/method_choice.hpp).
inline double kernel_cost(const spectrakit::detail::FactorPrediction& p) {
  return spectrakit::detail::shift_invert_cost(p);
}

}  // namespace amg_kernels_test

TEMPLATE_TEST_CASE("Block product: row-major kernel equals the plain sparse product for every width", "[block_spmv]",
                   float, double) {
  using namespace amg_kernels_test;
  using Scalar = TestType;
  using Rows = spectrakit::detail::RowBlock<Scalar>;
  const Scalar eps = std::numeric_limits<Scalar>::epsilon();
  for (const bool compressed : {true, false}) {
    // Rectangular: the kernel computes A^T X (X has a.rows() rows).
    const KernelSparse<Scalar> a = kernel_random_sparse<Scalar>(700, 530, 9, compressed ? 5 : 6, compressed);
    REQUIRE(a.isCompressed() == compressed);
    const KernelDense<Scalar> ad = KernelDense<Scalar>(a);
    for (const Eigen::Index k : {1, 2, 3, 4, 5, 6, 7, 8, 9, 13}) {
      INFO("width " << k << (compressed ? ", compressed" : ", uncompressed"));
      const Rows x = spectrakit::detail::lobpcg_impl::start_block<Scalar>(a.rows(), k, std::uint64_t(k));
      const KernelDense<Scalar> expected = ad.transpose() * KernelDense<Scalar>(x);
      // Entries are sums of at most ~25 products of magnitude <= 1 * |x|max.
      const Scalar bound = Scalar(40) * eps * std::max(Scalar(1), x.cwiseAbs().maxCoeff()) * Scalar(25);
      Rows y = Rows::Constant(a.cols(), k, Scalar(7));
      spectrakit::detail::product_rows(a, x.data(), k, y.data());
      CHECK((KernelDense<Scalar>(y) - expected).cwiseAbs().maxCoeff() <= bound);
      // Accumulating form: Y += A^T X.
      const Rows y0 = Rows::Constant(a.cols(), k, Scalar(0.5));
      Rows acc = y0;
      spectrakit::detail::product_rows(a, x.data(), k, acc.data(), true);
      CHECK((KernelDense<Scalar>(acc - y0) - expected).cwiseAbs().maxCoeff() <= Scalar(2) * bound);
      // for_each_product_row visits each column once, with the same sums.
      std::vector<int> visits(std::size_t(a.cols()), 0);
      bool same = true;
      spectrakit::detail::for_each_product_row(a, x.data(), k, [&](Eigen::Index i, const Scalar* s) {
        ++visits[std::size_t(i)];
        for (Eigen::Index c = 0; c < k; ++c) same = same && s[c] == y(i, c);
      });
      CHECK(same);
      CHECK(std::all_of(visits.begin(), visits.end(), [](int v) { return v == 1; }));
    }
  }
  // A symmetric Laplacian: the kernel is A X.
  const KernelSparse<Scalar> l =
      spectrakit_bench::laplacian_from_edges<Scalar>(300, spectrakit_bench::barabasi_albert_edges(300, 3, 4));
  const Rows x = spectrakit::detail::lobpcg_impl::start_block<Scalar>(300, 5, 9);
  Rows y(300, 5);
  spectrakit::detail::product_rows(l, x.data(), 5, y.data());
  const KernelDense<Scalar> expected = l * KernelDense<Scalar>(x);
  CHECK((KernelDense<Scalar>(y) - expected).norm() <= Scalar(100) * eps * expected.norm());
}

TEST_CASE("AMG with the degree-2 and 3 Chebyshev smoothers: convergence factor, symmetric V-cycle",
          "[amg]") {
  using namespace amg_kernels_test;
  using namespace spectrakit_bench;
  std::vector<KernelGraph> cases;
  cases.push_back({"poisson2d 64x64", 64 * 64, grid_edges(64, 64, 1)});
  cases.push_back({"poisson3d 16^3", 16 * 16 * 16, grid_edges(16, 16, 16)});
  cases.push_back({"barabasi-albert 5000 m=5", 5000, barabasi_albert_edges(5000, 5, 7)});
  {
    std::vector<spectrakit_bench::Edge> e = barabasi_albert_edges(3000, 4, 31);
    randomize_weights(e, 16.0, 5);
    cases.push_back({"barabasi-albert 3000, weights 1e-8..1e8", 3000, e});
  }
  for (const KernelGraph& c : cases) {
    const KernelSparse<double> l = laplacian_from_edges<double>(c.n, c.edges);
    for (const int degree : {2, 3}) {
      spectrakit::detail::AmgOptions<double> options;
      options.degree = degree;
      const spectrakit::detail::AmgPreconditioner<double> amg(l, options);
      const double factor = spectrakit_test::vcycle_factor(l, amg, 77);
      INFO(c.name << ", degree " << degree << ": levels " << amg.levels() << ", operator complexity "
                  << amg.operator_complexity() << ", factor " << factor);
      // The linear solver's default degree 3 meets issue 15's < 0.5; the eigensolver's degree 2
      // (fewer products per cycle, fewer LOBPCG iterations on scale-free graphs: see
      // lobpcg_amg_smallest) is a weaker stationary iteration, measured 0.61-0.64 here. Weights
      // over 16 decades: measured 0.83 / 0.88, the same hierarchy as before the fused kernels.
      const bool spread = c.name.find("weights") != std::string::npos;
      CHECK(factor < (spread ? 0.95 : degree >= 3 ? 0.5 : 0.7));
      CHECK(amg.levels() >= 2);
      // The V-cycle is a symmetric operator (pre- and post-smoother the same symmetric
      // polynomial), which LOBPCG relies on: u^T B v = v^T B u.
      const KernelDense<double> uv = spectrakit::detail::lobpcg_impl::start_block<double>(c.n, 2, 3);
      KernelDense<double> buv(c.n, 2);
      amg.apply(uv, buv);
      const double uBv = uv.col(0).dot(buv.col(1)), vBu = uv.col(1).dot(buv.col(0));
      CHECK(std::abs(uBv - vBu) <= 1e-11 * buv.norm() * uv.norm());
      // A block of 6 columns gives each column's single-column result (up to the dense coarse
      // solve's rounding).
      const KernelDense<double> block = spectrakit::detail::lobpcg_impl::start_block<double>(c.n, 6, 8);
      KernelDense<double> out(c.n, 6), one(c.n, 1);
      amg.apply(block, out);
      for (Eigen::Index j = 0; j < 6; ++j) {
        amg.apply(block.col(j), one);
        CHECK((out.col(j) - one).norm() <= 1e-12 * one.norm());
      }
    }
  }
}

TEST_CASE("Cores' screen: the peeling order's suffixes are the k-cores", "[fill_screen]") {
  using namespace amg_kernels_test;
  using namespace spectrakit_bench;
  std::vector<Edge> e = barabasi_albert_edges(250, 3, 12);
  for (const Edge& g : grid_edges(8, 8, 1)) e.push_back({g.u + 250, g.v + 250, g.w});
  for (int i = 0; i < 6; ++i)  // a clique K6 (a 5-core) hanging off the grid
    for (int j = i + 1; j < 6; ++j) e.push_back({314 + i, 314 + j, 1.0});
  e.push_back({313, 314, 1.0});
  const int n = 250 + 64 + 6 + 1;  // and one isolated vertex
  const KernelSparse<double> l = laplacian_from_edges<double>(n, e);
  REQUIRE(l.isCompressed());
  const std::vector<int> order = spectrakit::detail::peeling_order(l.rows(), l.outerIndexPtr(), l.innerIndexPtr());
  REQUIRE(order.size() == std::size_t(n));
  std::vector<int> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < n; ++i) REQUIRE(sorted[std::size_t(i)] == i);
  // Core numbers by brute force: the k-core is what is left after deleting vertices of degree
  // below k until none is left.
  std::vector<int> core(std::size_t(n), 0);
  for (int k = 1; k <= n; ++k) {
    std::vector<bool> in(std::size_t(n), true);
    for (bool changed = true; changed;) {
      changed = false;
      for (int v = 0; v < n; ++v) {
        if (!in[std::size_t(v)]) continue;
        int d = 0;
        for (KernelSparse<double>::InnerIterator it(l, v); it; ++it)
          if (it.index() != v && in[std::size_t(it.index())]) ++d;
        if (d < k) {
          in[std::size_t(v)] = false;
          changed = true;
        }
      }
    }
    bool any = false;
    for (int v = 0; v < n; ++v)
      if (in[std::size_t(v)]) {
        core[std::size_t(v)] = k;
        any = true;
      }
    if (!any) break;
  }
  CHECK(*std::max_element(core.begin(), core.end()) == 5);  // the clique
  // Along the order: core numbers never decrease, and each vertex leaves with at most its core
  // number of neighbours not yet removed (so every suffix that starts a new core level is a core).
  std::vector<bool> removed(std::size_t(n), false);
  int decreases = 0, excess = 0;
  for (int k = 0; k < n; ++k) {
    const int v = order[std::size_t(k)];
    if (k > 0 && core[std::size_t(v)] < core[std::size_t(order[std::size_t(k - 1)])]) ++decreases;
    int d = 0;
    for (KernelSparse<double>::InnerIterator it(l, v); it; ++it)
      if (it.index() != v && !removed[std::size_t(it.index())]) ++d;
    if (d > core[std::size_t(v)]) ++excess;
    removed[std::size_t(v)] = true;
  }
  CHECK(decreases == 0);
  CHECK(excess == 0);
  // The densest last: the final 6 vertices are the clique.
  for (int k = n - 6; k < n; ++k) CHECK(order[std::size_t(k)] >= 314);
}

TEST_CASE("Cores' screen: a lower estimate of the factor, verdicts at the limit", "[fill_screen]") {
  using namespace amg_kernels_test;
  using namespace spectrakit_bench;
  const auto cost = [](const spectrakit::detail::FactorPrediction& p) { return kernel_cost(p); };
  const double infinite = std::numeric_limits<double>::infinity();
  SECTION("below 16384 vertices nothing is screened") {
    const KernelSparse<double> l = laplacian_from_edges<double>(10000, barabasi_albert_edges(10000, 5, 2026));
    const auto screen = spectrakit::detail::screen_fill(l, cost, 0.0);
    CHECK(!screen.exceeded);
    CHECK(screen.core == 0);
  }
  SECTION("scale-free: the core's factor costs less than the whole graph's; the limit decides") {
    const int n = 20000;
    const KernelSparse<double> l = laplacian_from_edges<double>(n, barabasi_albert_edges(n, 5, 2026));
    const auto screen = spectrakit::detail::screen_fill(l, cost, infinite);
    CHECK(!screen.exceeded);
    CHECK(screen.core == 4096);  // no limit can be reached: the growth bound stops at the first core
    const auto whole = spectrakit::detail::predict_cholesky_factor(l, spectrakit::detail::fill_reducing_order(l));
    INFO("core cost " << screen.cost << ", whole graph " << kernel_cost(whole));
    CHECK(screen.cost > 0);
    CHECK(screen.cost <= kernel_cost(whole));
    CHECK(screen.prediction.nnz_l <= whole.nnz_l);
    const auto at = spectrakit::detail::screen_fill(l, cost, screen.cost);
    CHECK(at.exceeded);
    CHECK(at.core == 4096);
    CHECK(at.cost == screen.cost);
    // Just above it the first core does not decide; a larger one (up to n / 2) may.
    const auto above = spectrakit::detail::screen_fill(l, cost, screen.cost * 1.001);
    CHECK((!above.exceeded || above.core > 4096));
    CHECK(above.core <= n / 2);
  }
  SECTION("2-D grid: no verdict against LOBPCG's cost, the growth bound stops early") {
    const int side = 130;  // 16900 vertices
    const KernelSparse<double> l = laplacian_from_edges<double>(side * side, grid_edges(side, side, 1));
    const double limit =
        spectrakit::detail::screen_margin * spectrakit::detail::lobpcg_cost(l.rows(), l.nonZeros(), 2);
    const auto screen = spectrakit::detail::screen_fill(l, cost, limit);
    CHECK(!screen.exceeded);
    CHECK(screen.core == 4096);
    CHECK(screen.cost < limit);
  }
}

TEST_CASE("Method choice: the screen decides LOBPCG on a large scale-free graph without the full ordering",
          "[method_choice][fill_screen]") {
  using namespace amg_kernels_test;
  using namespace spectrakit_bench;
  using spectrakit::EigsMethod;
  const int n = 100000;
  const KernelSparse<double> l = laplacian_from_edges<double>(n, barabasi_albert_edges(n, 5, 2026));
  const auto choice = spectrakit::detail::choose_smallest_method(l, 2, EigsMethod::automatic, 0, 300);
  INFO("core cost " << choice.costs.shift_invert << ", LOBPCG " << choice.costs.lobpcg);
  CHECK(choice.method == EigsMethod::lobpcg);
  CHECK(choice.screened);
  CHECK(choice.predicted);
  CHECK(choice.order.empty());
  CHECK(choice.costs.shift_invert >= spectrakit::detail::screen_margin * choice.costs.lobpcg);
  CHECK(!choice.over_budget);
  // The same graph at 10k vertices is below the screen's size: decided by the full prediction.
  const KernelSparse<double> small = laplacian_from_edges<double>(10000, barabasi_albert_edges(10000, 5, 2026));
  const auto small_choice = spectrakit::detail::choose_smallest_method(small, 2, EigsMethod::automatic, 0, 300);
  CHECK(small_choice.method == EigsMethod::lobpcg);
  CHECK(!small_choice.screened);
}
