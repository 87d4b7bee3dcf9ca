// Benchmarks of the graph and io modules on the peers' inputs (../shared/peers/data), with
// Spectra's shift-invert Fiedler solver (the fastest C++ peer) measured in the same binary.
//
//   bench_graph --benchmark_filter=Fiedler      (see docs/graph.md for the figures)
//
// Fiedler pairs are computed to a relative residual of 1e-8 (||L v - lambda v|| <= 1e-8 ||L||_1).
// Counters: lambda2, gap, residual, solves; for clustering the NMI against the digit labels.
// The sparse backend (CHOLMOD with -DSPECTRAKIT_WITH_CHOLMOD=ON, else Eigen) is printed in the
// context; BM_SpdFactor / BM_SpdSolve2 time its factorization of L + delta I and one solve with a
// block of 2 right-hand sides in the factorization's coordinates (what the Fiedler solver does).
#include <benchmark/benchmark.h>

#include <Eigen/SparseCholesky>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <spectrakit/detail/sparse_spd_solver.hpp>
#include <spectrakit/graph.hpp>
#include <spectrakit/io.hpp>
#include <string>
#include <vector>

#if defined(SPECTRAKIT_HAVE_SPECTRA)
#include <Spectra/SymEigsShiftSolver.h>
#endif

namespace {

using Sparse = Eigen::SparseMatrix<double>;

const Sparse& graph(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Sparse>> cache;
  auto& slot = cache[name];
  if (!slot) {
    std::string path = std::string(SPECTRAKIT_PEERS_DATA_DIR) + "/" + name;
    slot = std::make_unique<Sparse>(spectrakit::read_matrix_market(path));
  }
  return *slot;
}

bool available(const std::string& name) {
#if !defined(SPECTRAKIT_HAVE_ZLIB)
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0) return false;
#endif
  return std::ifstream(std::string(SPECTRAKIT_PEERS_DATA_DIR) + "/" + name).good();
}

void BM_ReadMatrixMarket(benchmark::State& state, std::string name) {
  if (!available(name)) return state.SkipWithError("input not available");
  const std::string path = std::string(SPECTRAKIT_PEERS_DATA_DIR) + "/" + name;
  for (auto _ : state) benchmark::DoNotOptimize(spectrakit::read_matrix_market(path));
}

void BM_ConnectedComponents(benchmark::State& state, std::string name) {
  if (!available(name)) return state.SkipWithError("input not available");
  const Sparse& a = graph(name);
  for (auto _ : state) benchmark::DoNotOptimize(spectrakit::connected_components(a).count);
}

void BM_Laplacian(benchmark::State& state, std::string name) {
  if (!available(name)) return state.SkipWithError("input not available");
  const Sparse& a = graph(name);
  for (auto _ : state) benchmark::DoNotOptimize(spectrakit::laplacian(a).nonZeros());
}

void BM_Fiedler(benchmark::State& state, std::string name) {
  if (!available(name)) return state.SkipWithError("input not available");
  const Sparse& a = graph(name);
  spectrakit::FiedlerOptions o;
  o.tolerance = 1e-8;
  spectrakit::FiedlerResult<double> r;
  for (auto _ : state) r = spectrakit::fiedler_vector(a, o);
  state.counters["lambda2"] = r.value;
  state.counters["gap"] = r.gap;
  state.counters["residual"] = r.residual;
  state.counters["solves"] = double(r.iterations);
  if (!r.converged()) state.SkipWithError("not converged");
}

Sparse shifted_laplacian(const std::string& name) {
  Sparse m = spectrakit::laplacian(graph(name));
  for (Eigen::Index i = 0; i < m.rows(); ++i) m.coeffRef(i, i) += 1e-9 * 8;
  m.makeCompressed();
  return m;
}

void BM_SpdFactor(benchmark::State& state, std::string name) {
  if (!available(name)) return state.SkipWithError("input not available");
  const Sparse m = shifted_laplacian(name);
  for (auto _ : state) {
    spectrakit::detail::SparseSymmetricSolver<double, Eigen::AMDOrdering<int>> solver;
    if (!solver.compute(m, +1)) return state.SkipWithError("factorization failed");
    benchmark::DoNotOptimize(solver.pivot_ratio());
  }
}

void BM_SpdSolve2(benchmark::State& state, std::string name) {
  if (!available(name)) return state.SkipWithError("input not available");
  const Sparse m = shifted_laplacian(name);
  spectrakit::detail::SparseSymmetricSolver<double, Eigen::AMDOrdering<int>> solver;
  if (!solver.compute(m, +1)) return state.SkipWithError("factorization failed");
  Eigen::MatrixXd x = Eigen::MatrixXd::Ones(m.rows(), 2);
  for (auto _ : state) {
    solver.solve_permuted_in_place(x);
    x.col(0) /= x.col(0).norm();
    x.col(1) /= x.col(1).norm();
  }
}

#if defined(SPECTRAKIT_HAVE_SPECTRA)
// Spectra 1.0 shift-invert with SimplicialLDLT + AMD at sigma = -1e-5, nev = 2, ncv = 20: the
// peers' fastest configuration (../shared/peers/spectra_bench.cpp); factorization timed.
class LdltShiftSolve {
 public:
  using Scalar = double;
  LdltShiftSolve(const Sparse& l, double sigma) : n_(l.rows()) {
    Sparse m = l;
    for (Eigen::Index i = 0; i < n_; ++i) m.coeffRef(i, i) -= sigma;
    solver_.compute(m);
  }
  Eigen::Index rows() const { return n_; }
  Eigen::Index cols() const { return n_; }
  void set_shift(double) {}
  void perform_op(const double* x, double* y) const {
    Eigen::Map<Eigen::VectorXd>(y, n_) = solver_.solve(Eigen::Map<const Eigen::VectorXd>(x, n_));
  }

 private:
  Eigen::Index n_;
  Eigen::SimplicialLDLT<Sparse, Eigen::Lower, Eigen::AMDOrdering<int>> solver_;
};

void BM_SpectraFiedler(benchmark::State& state, std::string name) {
  if (!available(name)) return state.SkipWithError("input not available");
  const Sparse l = spectrakit::laplacian(graph(name));
  double lambda2 = 0;
  for (auto _ : state) {
    LdltShiftSolve op(l, -1e-5);
    Spectra::SymEigsShiftSolver<LdltShiftSolve> eigs(op, 2, 20, -1e-5);
    eigs.init();
    eigs.compute(Spectra::SortRule::LargestMagn, 1000, 1e-10);
    lambda2 = eigs.eigenvalues()(0);  // the two eigenvalues nearest -1e-5: lambda_2 and 0, descending
  }
  state.counters["lambda2"] = lambda2;
}
#endif

double nmi(const Eigen::VectorXi& a, const std::vector<int>& b) {
  const int n = int(a.size());
  std::map<std::pair<int, int>, double> joint;
  std::map<int, double> pa, pb;
  for (int i = 0; i < n; ++i) {
    joint[{a(i), b[std::size_t(i)]}] += 1.0 / n;
    pa[a(i)] += 1.0 / n;
    pb[b[std::size_t(i)]] += 1.0 / n;
  }
  double mi = 0, ha = 0, hb = 0;
  for (const auto& [k, p] : joint) mi += p * std::log(p / (pa[k.first] * pb[k.second]));
  for (const auto& [k, p] : pa) ha -= p * std::log(p);
  for (const auto& [k, p] : pb) hb -= p * std::log(p);
  return mi / (0.5 * (ha + hb));  // arithmetic normalization, scikit-learn's default
}

void BM_SpectralClusteringDigits(benchmark::State& state, spectrakit::SpectralClusteringVariant variant) {
  if (!available("digits_knn10.mtx")) return state.SkipWithError("input not available");
  const Sparse& w = graph("digits_knn10.mtx");
  std::vector<int> truth;
  std::ifstream in(std::string(SPECTRAKIT_PEERS_DATA_DIR) + "/digits_labels.txt");
  for (int x = 0; in >> x;) truth.push_back(x);
  spectrakit::SpectralClusteringOptions o;
  o.variant = variant;
  o.tolerance = 1e-8;
  spectrakit::SpectralClustering<double> r;
  for (auto _ : state) r = spectrakit::spectral_clustering(w, 10, o);
  state.counters["NMI"] = nmi(r.labels, truth);
  state.counters["solves"] = double(r.iterations);
}

}  // namespace

BENCHMARK_CAPTURE(BM_ReadMatrixMarket, grid1000_gz, std::string("grid1000.mtx.gz"))->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_ConnectedComponents, grid1000, std::string("grid1000.mtx.gz"))->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Laplacian, grid1000, std::string("grid1000.mtx.gz"))->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Fiedler, karate, std::string("karate.mtx"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK_CAPTURE(BM_Fiedler, digits_knn10, std::string("digits_knn10.mtx"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK_CAPTURE(BM_Fiedler, grid300, std::string("grid300.mtx"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(5);
BENCHMARK_CAPTURE(BM_Fiedler, grid400x225, std::string("grid400x225.mtx"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(5);
BENCHMARK_CAPTURE(BM_Fiedler, knn100k, std::string("knn100k.mtx.gz"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(5);
BENCHMARK_CAPTURE(BM_Fiedler, grid1000, std::string("grid1000.mtx.gz"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(1);
BENCHMARK_CAPTURE(BM_SpdFactor, grid300, std::string("grid300.mtx"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(5);
BENCHMARK_CAPTURE(BM_SpdFactor, knn100k, std::string("knn100k.mtx.gz"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(5);
BENCHMARK_CAPTURE(BM_SpdFactor, grid1000, std::string("grid1000.mtx.gz"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(1);
BENCHMARK_CAPTURE(BM_SpdSolve2, grid300, std::string("grid300.mtx"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(20);
BENCHMARK_CAPTURE(BM_SpdSolve2, knn100k, std::string("knn100k.mtx.gz"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(20);
BENCHMARK_CAPTURE(BM_SpdSolve2, grid1000, std::string("grid1000.mtx.gz"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(5);
#if defined(SPECTRAKIT_HAVE_SPECTRA)
BENCHMARK_CAPTURE(BM_SpectraFiedler, grid300, std::string("grid300.mtx"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(5);
BENCHMARK_CAPTURE(BM_SpectraFiedler, grid400x225, std::string("grid400x225.mtx"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(5);
BENCHMARK_CAPTURE(BM_SpectraFiedler, knn100k, std::string("knn100k.mtx.gz"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(5);
BENCHMARK_CAPTURE(BM_SpectraFiedler, grid1000, std::string("grid1000.mtx.gz"))->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(1);
#endif
BENCHMARK_CAPTURE(BM_SpectralClusteringDigits, njw, spectrakit::SpectralClusteringVariant::ng_jordan_weiss)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_SpectralClusteringDigits, shi_malik, spectrakit::SpectralClusteringVariant::shi_malik)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char** argv) {
  benchmark::AddCustomContext("sparse_backend", spectrakit::detail::sparse_backend_name<double>());
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
