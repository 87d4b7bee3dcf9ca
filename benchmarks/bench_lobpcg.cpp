// The solver layer's AMG preconditioner and LOBPCG (issue 15) on the graphs where shift-invert
// fills in: Barabasi-Albert n = 100k (m = 5) and the 3-D grid 64^3; the 2-D grid 1000^2 for
// comparison. Times: AMG setup alone, and the full Fiedler pair (setup + LOBPCG, nev = 1, the
// constant vector deflated, tolerance eps^(2/3) ||L||_1 as fiedler_vector's default). Counters:
// levels, operator complexity, iterations, lambda_2, and the process's peak RSS (MB) so far.
// Threads: Eigen::nbThreads() (set OMP_NUM_THREADS=1 or 2 when built with OpenMP).
//
// BM_FiedlerAutomatic: the public fiedler_vector() with its default options (method automatic,
// memory_budget 0 = half of physical memory) on Barabasi-Albert 10k / 100k and the 3-D grids
// 40^3 / 64^3: time, the method it chose, the predicted factorization peak and the factor bytes
// (shift-invert), lambda_2 and the peak RSS. The peak RSS is the process's so far: run one case
// per process for its own figure, e.g.
//   bench_lobpcg --benchmark_filter='BM_FiedlerAutomatic/1$'
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cmath>
#include <limits>
#include <string>
#include <spectrakit/detail/amg.hpp>
#include <spectrakit/detail/lobpcg.hpp>
#include <spectrakit/graph.hpp>

#include "bench_generators.hpp"

namespace {

using SpMat = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

const SpMat& graph(int which) {
  using namespace spectrakit_bench;
  static SpMat ba, grid3, grid2;
  if (which == 0 && ba.rows() == 0) ba = laplacian_from_edges<double>(100000, barabasi_albert_edges(100000, 5, 2026));
  if (which == 1 && grid3.rows() == 0) grid3 = laplacian_from_edges<double>(64 * 64 * 64, grid_edges(64, 64, 64));
  if (which == 2 && grid2.rows() == 0) grid2 = laplacian_from_edges<double>(1000 * 1000, grid_edges(1000, 1000, 1));
  return which == 0 ? ba : which == 1 ? grid3 : grid2;
}

const char* const names[] = {"barabasi_albert_100k", "grid3d_64", "grid2d_1000"};

void BM_AmgSetup(benchmark::State& state) {
  const SpMat& l = graph(int(state.range(0)));
  state.SetLabel(names[state.range(0)]);
  spectrakit::detail::AmgPreconditioner<double> amg;
  for (auto _ : state) {
    amg.compute(l);
    benchmark::DoNotOptimize(amg);
  }
  state.counters["levels"] = amg.levels();
  state.counters["op_complexity"] = amg.operator_complexity();
  state.counters["peak_rss_MB"] = peak_rss_mb();
}

void BM_FiedlerLobpcgAmg(benchmark::State& state) {
  const SpMat& l = graph(int(state.range(0)));
  state.SetLabel(names[state.range(0)]);
  const Eigen::Index n = l.rows();
  const Eigen::MatrixXd y = Eigen::MatrixXd::Constant(n, 1, 1.0 / std::sqrt(double(n)));
  const double tol = std::pow(std::numeric_limits<double>::epsilon(), 2.0 / 3.0);
  spectrakit::detail::LobpcgResult<double> result;
  for (auto _ : state) {
    const spectrakit::detail::AmgPreconditioner<double> amg(l);
    result = spectrakit::detail::lobpcg_smallest(l, y, 1, amg, tol, 1, 1000);
    benchmark::DoNotOptimize(result);
  }
  state.counters["iterations"] = double(result.iterations);
  state.counters["converged"] = result.converged() ? 1 : 0;
  state.counters["lambda2"] = result.values.size() ? result.values(0) : 0.0;
  state.counters["peak_rss_MB"] = peak_rss_mb();
}

// Adjacency matrices of the automatic-method cases.
const SpMat& adjacency(int which) {
  using namespace spectrakit_bench;
  static SpMat cache[4];
  SpMat& a = cache[which];
  if (a.rows() == 0) {
    if (which == 0) a = adjacency_from_edges<double>(10000, barabasi_albert_edges(10000, 5, 2026));
    if (which == 1) a = adjacency_from_edges<double>(100000, barabasi_albert_edges(100000, 5, 2026));
    if (which == 2) a = adjacency_from_edges<double>(40 * 40 * 40, grid_edges(40, 40, 40));
    if (which == 3) a = adjacency_from_edges<double>(64 * 64 * 64, grid_edges(64, 64, 64));
  }
  return a;
}

const char* const automatic_names[] = {"barabasi_albert_10k", "barabasi_albert_100k", "grid3d_40", "grid3d_64"};

void BM_FiedlerAutomatic(benchmark::State& state) {
  const SpMat& a = adjacency(int(state.range(0)));
  spectrakit::FiedlerResult<double> r;
  for (auto _ : state) {
    r = spectrakit::fiedler_vector(a);
    benchmark::DoNotOptimize(r);
  }
  state.SetLabel(std::string(automatic_names[state.range(0)]) + " method=" + spectrakit::to_string(r.method));
  state.counters["lobpcg"] = r.method == spectrakit::EigsMethod::lobpcg ? 1 : 0;
  state.counters["predicted_MB"] = double(r.predicted_factor_bytes) / 1e6;
  state.counters["factor_MB"] = double(r.factor_bytes) / 1e6;
  state.counters["iterations"] = double(r.iterations);
  state.counters["converged"] = r.converged() ? 1 : 0;
  state.counters["lambda2"] = r.value;
  state.counters["peak_rss_MB"] = peak_rss_mb();
}

}  // namespace

BENCHMARK(BM_AmgSetup)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_FiedlerLobpcgAmg)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_FiedlerAutomatic)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_MAIN();
