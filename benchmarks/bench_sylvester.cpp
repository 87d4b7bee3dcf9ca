// Benchmarks of solve_sylvester at n = m = 500 (and 200), with same-run C++ baselines:
// Bartels-Stewart on complex Schur forms with Eigen's unsupported triangular Sylvester solver
// (what Eigen 3.4 offers), and the real Schur decomposition alone: Eigen's RealSchur against the
// one solve_sylvester uses (spectrakit::detail::francis_real_schur, multishift Francis QR with
// cache-blocked reflector application; LAPACK dgees in a SPECTRAKIT_WITH_LAPACKE build).
// The peer (SciPy 1.10 solve_sylvester: LAPACK dgees + dtrsyl, OpenBLAS) is timed by
// benchmarks/peers_image_sylvester.py on the same matrices. Compare CPU times on a shared machine.
#include <benchmark/benchmark.h>

#include <Eigen/Eigenvalues>
#include <spectrakit/low_rank.hpp>
#include <unsupported/Eigen/MatrixFunctions>

#include "bench_common_inputs.hpp"

namespace {

struct Problem {
  Eigen::MatrixXd a, b, c;
};

const Problem& problem(Eigen::Index n) {
  static Problem p500{spectrakit_bench::uniform_matrix(500, 500, 1), spectrakit_bench::uniform_matrix(500, 500, 2),
                      spectrakit_bench::uniform_matrix(500, 500, 3)};
  static Problem p200{spectrakit_bench::uniform_matrix(200, 200, 1), spectrakit_bench::uniform_matrix(200, 200, 2),
                      spectrakit_bench::uniform_matrix(200, 200, 3)};
  return n == 500 ? p500 : p200;
}

void BM_solve_sylvester(benchmark::State& state) {
  const Problem& p = problem(state.range(0));
  double residual = 0;
  for (auto _ : state) {
    auto r = spectrakit::solve_sylvester(p.a, p.b, p.c, spectrakit::SylvesterOptions{});
    residual = double(r.relative_residual);
    benchmark::DoNotOptimize(r.X.data());
  }
  state.counters["rel_residual"] = residual;
}
BENCHMARK(BM_solve_sylvester)->Arg(200)->Arg(500)->Unit(benchmark::kMillisecond)->UseRealTime();

// X only, like SciPy's solve_sylvester (no residual).
void BM_solve_sylvester_x_only(benchmark::State& state) {
  const Problem& p = problem(state.range(0));
  for (auto _ : state) {
    const Eigen::MatrixXd x = spectrakit::solve_sylvester(p.a, p.b, p.c);
    benchmark::DoNotOptimize(x.data());
  }
}
BENCHMARK(BM_solve_sylvester_x_only)->Arg(200)->Arg(500)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_baseline_eigen_complex_schur_sylvester(benchmark::State& state) {
  const Problem& p = problem(state.range(0));
  using CMatrix = Eigen::MatrixXcd;
  double residual = 0;
  for (auto _ : state) {
    Eigen::ComplexSchur<Eigen::MatrixXd> sa(p.a), sb(p.b);
    const CMatrix f = sa.matrixU().adjoint() * p.c.cast<std::complex<double>>() * sb.matrixU();
    const CMatrix y =
        Eigen::internal::matrix_function_solve_triangular_sylvester(CMatrix(sa.matrixT()), CMatrix(sb.matrixT()), f);
    const Eigen::MatrixXd x = (sa.matrixU() * y * sb.matrixU().adjoint()).real();
    residual = (p.a * x + x * p.b - p.c).norm() / ((p.a.norm() + p.b.norm()) * x.norm());
    benchmark::DoNotOptimize(x.data());
  }
  state.counters["rel_residual"] = residual;
}
BENCHMARK(BM_baseline_eigen_complex_schur_sylvester)->Arg(200)->Arg(500)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_eigen_real_schur_only(benchmark::State& state) {
  const Problem& p = problem(state.range(0));
  for (auto _ : state) {
    Eigen::RealSchur<Eigen::MatrixXd> s(p.a);
    benchmark::DoNotOptimize(s.matrixT().data());
  }
}
BENCHMARK(BM_eigen_real_schur_only)->Arg(200)->Arg(500)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_spectrakit_real_schur_only(benchmark::State& state) {
  const Problem& p = problem(state.range(0));
  for (auto _ : state) {
    Eigen::MatrixXd u, t;
    const bool ok = spectrakit::detail::francis_real_schur<double>(p.a, u, t);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(t.data());
  }
}
BENCHMARK(BM_spectrakit_real_schur_only)->Arg(200)->Arg(500)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
