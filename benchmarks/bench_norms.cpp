// Benchmarks of the norms module: trace_of_product against forming the product, and
// frobenius_norm (overflow-safe) against Eigen's plain norm().
#include <benchmark/benchmark.h>

#include <Eigen/Dense>
#include <cstdint>
#include <random>
#include <spectrakit/norms.hpp>

namespace {

Eigen::MatrixXd random_matrix(Eigen::Index n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  Eigen::MatrixXd a(n, n);
  for (Eigen::Index i = 0; i < a.size(); ++i) a.data()[i] = uniform(rng);
  return a;
}

void BM_TraceOfProduct(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const Eigen::MatrixXd a = random_matrix(n, 1), b = random_matrix(n, 2);
  for (auto _ : state) benchmark::DoNotOptimize(spectrakit::trace_of_product(a, b));
}

// Forming AB (a full matrix product), then its trace: what the target compares against.
void BM_TraceOfFormedProduct(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const Eigen::MatrixXd a = random_matrix(n, 1), b = random_matrix(n, 2);
  Eigen::MatrixXd product(n, n);
  for (auto _ : state) {
    product.noalias() = a * b;
    benchmark::DoNotOptimize(product.trace());
  }
}

// Eigen's lazy (A*B).trace(): Eigen evaluates only the diagonal of the product expression,
// so this is O(n^2) as well; shown for honesty.
void BM_EigenLazyProductTrace(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const Eigen::MatrixXd a = random_matrix(n, 1), b = random_matrix(n, 2);
  for (auto _ : state) benchmark::DoNotOptimize((a * b).trace());
}

void BM_FrobeniusNorm(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const Eigen::MatrixXd a = random_matrix(n, 3);
  for (auto _ : state) benchmark::DoNotOptimize(spectrakit::frobenius_norm(a));
}

void BM_EigenNorm(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const Eigen::MatrixXd a = random_matrix(n, 3);
  for (auto _ : state) benchmark::DoNotOptimize(a.norm());
}

void BM_EigenStableNorm(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const Eigen::MatrixXd a = random_matrix(n, 3);
  for (auto _ : state) benchmark::DoNotOptimize(a.reshaped().stableNorm());
}

}  // namespace

BENCHMARK(BM_TraceOfProduct)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TraceOfFormedProduct)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EigenLazyProductTrace)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FrobeniusNorm)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EigenNorm)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EigenStableNorm)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
