// Benchmarks of the eigen module against Spectra (same binary, same inputs, same tolerance).
//
//   cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DSPECTRAKIT_BUILD_BENCHMARKS=ON
//   cmake --build build/bench --target bench_eigen
//   build/bench/benchmarks/bench_eigen --benchmark_filter=grid300
//
// Cases (inputs from SPECTRAKIT_PEERS_DATA_DIR, the peers' files):
//   power_iteration per iteration on the 1000x1000 grid adjacency vs a bare Eigen sparse
//   product plus a normalization;
//   top_eigenpairs(A, 10) on the adjacency and smallest_eigenpairs(L, 2) on the Laplacian
//   L = D - A of grid300, grid400x225, grid1000 and knn100k, against Spectra's
//   SymEigsSolver (Lanczos) and SymEigsShiftSolver (shift-invert with SimplicialLDLT, the
//   faster of the peers' two shift-invert operators), tolerance 1e-10 for all.
// The timed region includes every factorization; reading the file and building L are outside.
// Counters: value (the eigenvalue reported: lambda_1 for top, lambda_2 for smallest),
// ops (products or solves), resid (max ||A v - lambda v||), conv (1 when converged).
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
#include <spectrakit/eigen.hpp>

#ifdef SPECTRAKIT_HAVE_ZLIB
#include <zlib.h>
#endif
#ifdef SPECTRAKIT_HAVE_SPECTRA
#include <Spectra/MatOp/SparseSymMatProd.h>
#include <Spectra/SymEigsShiftSolver.h>
#include <Spectra/SymEigsSolver.h>
#endif

#ifndef SPECTRAKIT_PEERS_DATA_DIR
#define SPECTRAKIT_PEERS_DATA_DIR "../shared/peers/data"
#endif

namespace {

using SpMat = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;
using Vec = Eigen::VectorXd;

// ---- benchmark-local Matrix Market reader: coordinate real/integer/pattern, general or
// symmetric (lower triangle mirrored), 1-based, optionally gzipped ----------------------------
class LineReader {
 public:
  explicit LineReader(const std::string& path) {
#ifdef SPECTRAKIT_HAVE_ZLIB
    gz_ = gzopen(path.c_str(), "rb");
    if (gz_ == nullptr) throw std::runtime_error("cannot open " + path);
    gzbuffer(gz_, 1 << 20);
#else
    if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0)
      throw std::runtime_error(path + ": gzip needs zlib (SPECTRAKIT_HAVE_ZLIB)");
    file_ = std::fopen(path.c_str(), "rb");
    if (file_ == nullptr) throw std::runtime_error("cannot open " + path);
#endif
  }
  ~LineReader() {
#ifdef SPECTRAKIT_HAVE_ZLIB
    if (gz_ != nullptr) gzclose(gz_);
#else
    if (file_ != nullptr) std::fclose(file_);
#endif
  }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;
  bool next(std::vector<char>& line) {
#ifdef SPECTRAKIT_HAVE_ZLIB
    return gzgets(gz_, line.data(), int(line.size())) != nullptr;
#else
    return std::fgets(line.data(), int(line.size()), file_) != nullptr;
#endif
  }

 private:
#ifdef SPECTRAKIT_HAVE_ZLIB
  gzFile gz_ = nullptr;
#else
  std::FILE* file_ = nullptr;
#endif
};

SpMat read_matrix_market(const std::string& path) {
  LineReader in(path);
  std::vector<char> line(1 << 16);
  if (!in.next(line)) throw std::runtime_error("empty file " + path);
  std::istringstream header(line.data());
  std::string banner, object, format, field, symmetry;
  header >> banner >> object >> format >> field >> symmetry;
  if (banner != "%%MatrixMarket" || object != "matrix" || format != "coordinate")
    throw std::runtime_error(path + ": not a coordinate Matrix Market file");
  const bool pattern = field == "pattern";
  const bool symmetric = symmetry == "symmetric";
  long long rows = 0, cols = 0, nnz = 0;
  while (in.next(line)) {
    if (line[0] == '%' || line[0] == '\n') continue;
    if (std::sscanf(line.data(), "%lld %lld %lld", &rows, &cols, &nnz) != 3)
      throw std::runtime_error(path + ": bad size line");
    break;
  }
  std::vector<Eigen::Triplet<double, int>> t;
  t.reserve(std::size_t(nnz) * (symmetric ? 2 : 1));
  while (in.next(line)) {
    char* p = line.data();
    if (*p == '%' || *p == '\n' || *p == 0) continue;
    char* end = nullptr;
    const long i = std::strtol(p, &end, 10);
    p = end;
    const long j = std::strtol(p, &end, 10);
    p = end;
    const double v = pattern ? 1.0 : std::strtod(p, &end);
    if (i < 1 || j < 1 || i > rows || j > cols) throw std::runtime_error(path + ": index out of range");
    t.emplace_back(int(i - 1), int(j - 1), v);
    if (symmetric && i != j) t.emplace_back(int(j - 1), int(i - 1), v);
  }
  SpMat a(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  a.setFromTriplets(t.begin(), t.end());
  a.makeCompressed();
  return a;
}

// L = D - A, self-loops ignored (SciPy's convention, as the peers).
SpMat laplacian(const SpMat& a) {
  const Eigen::Index n = a.rows();
  Vec deg = Vec::Zero(n);
  std::vector<Eigen::Triplet<double, int>> t;
  t.reserve(std::size_t(a.nonZeros() + n));
  for (Eigen::Index j = 0; j < a.outerSize(); ++j)
    for (SpMat::InnerIterator it(a, j); it; ++it) {
      if (it.row() == it.col()) continue;
      t.emplace_back(int(it.row()), int(it.col()), -it.value());
      deg(it.col()) += it.value();
    }
  for (Eigen::Index i = 0; i < n; ++i) t.emplace_back(int(i), int(i), deg(i));
  SpMat l(n, n);
  l.setFromTriplets(t.begin(), t.end());
  l.makeCompressed();
  return l;
}

const std::map<std::string, std::string>& files() {
  static const std::map<std::string, std::string> f = {{"grid300", "grid300.mtx"},
                                                       {"grid400x225", "grid400x225.mtx"},
                                                       {"grid1000", "grid1000.mtx.gz"},
                                                       {"knn100k", "knn100k.mtx.gz"}};
  return f;
}

struct Graph {
  SpMat a, l;
};

const Graph& graph(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Graph>> cache;
  auto& slot = cache[name];
  if (!slot) {
    slot = std::make_unique<Graph>();
    slot->a = read_matrix_market(std::string(SPECTRAKIT_PEERS_DATA_DIR) + "/" + files().at(name));
    slot->l = laplacian(slot->a);
  }
  return *slot;
}

constexpr double kTol = 1e-10;
constexpr double kFiedlerShift = -1e-5;  // the peers' shift

double max_residual(const SpMat& a, const Vec& values, const Eigen::MatrixXd& vectors) {
  double r = 0;
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    const Vec v = vectors.col(i) / vectors.col(i).norm();
    r = std::max(r, (a * v - values(i) * v).norm());
  }
  return r;
}

// ---- power iteration: per-iteration cost ----------------------------------------------------
void BM_power_iteration_per_iteration(benchmark::State& state) {
  const SpMat& a = graph("grid1000").a;
  spectrakit::PowerOptions o;
  o.max_iterations = 100;
  o.tolerance = 1e-300;  // run all iterations (raised to 4 eps internally)
  Eigen::Index iterations = 0;
  for (auto _ : state) {
    const auto r = spectrakit::power_iteration(a, o);
    iterations = r.iterations;
    benchmark::DoNotOptimize(r.value);
  }
  state.counters["iterations"] = double(iterations);
  state.counters["s_per_iter"] =
      benchmark::Counter(double(iterations) * double(state.iterations()), benchmark::Counter::kIsRate |
                                                                              benchmark::Counter::kInvert);
}
BENCHMARK(BM_power_iteration_per_iteration)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_bare_product_and_normalize(benchmark::State& state) {
  const SpMat& a = graph("grid1000").a;
  const Eigen::Index n = a.rows();
  Vec x = Vec::Ones(n) / std::sqrt(double(n)), y(n);
  const int iterations = 100;
  for (auto _ : state) {
    for (int i = 0; i < iterations; ++i) {
      y.noalias() = a * x;
      x = y / y.norm();
    }
    benchmark::DoNotOptimize(x.data());
  }
  state.counters["iterations"] = iterations;
  state.counters["s_per_iter"] =
      benchmark::Counter(double(iterations) * double(state.iterations()), benchmark::Counter::kIsRate |
                                                                              benchmark::Counter::kInvert);
}
BENCHMARK(BM_bare_product_and_normalize)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// ---- top_eigenpairs(A, 10) and smallest_eigenpairs(L, 2) ------------------------------------
void report(benchmark::State& state, double value, double ops, double resid, bool conv) {
  state.counters["value"] = value;
  state.counters["ops"] = ops;
  state.counters["resid"] = resid;
  state.counters["conv"] = conv ? 1 : 0;
}

void BM_spectrakit_top10(benchmark::State& state, const std::string& name, spectrakit::EigsMethod method) {
  const SpMat& a = graph(name).a;
  spectrakit::EigsOptions o;
  o.tolerance = kTol;
  o.method = method;
  spectrakit::EigenPairs<double> r;
  for (auto _ : state) r = spectrakit::top_eigenpairs(a, 10, o);
  report(state, r.values(0), double(r.operations), r.residuals.maxCoeff(), r.converged());
  state.SetLabel(spectrakit::to_string(r.method));
}

void BM_spectrakit_smallest2(benchmark::State& state, const std::string& name, spectrakit::EigsMethod method,
                             bool deflate) {
  const SpMat& l = graph(name).l;
  spectrakit::EigsOptions o;
  o.tolerance = kTol;
  o.method = method;
  if (deflate) o.null_space = Eigen::VectorXd::Ones(l.rows());
  spectrakit::EigenPairs<double> r;
  for (auto _ : state) r = spectrakit::smallest_eigenpairs(l, 2, o);
  report(state, r.values(1), double(r.operations), r.residuals.maxCoeff(), r.converged());
  state.SetLabel(spectrakit::to_string(r.method));
}

#ifdef SPECTRAKIT_HAVE_SPECTRA
// y = +-(A - sigma I)^{-1} x with SimplicialLDLT + AMD (the peers' faster shift-invert operator).
class LdltShiftSolve {
 public:
  using Scalar = double;
  explicit LdltShiftSolve(const SpMat& a) : a_(a) {}
  Eigen::Index rows() const { return a_.rows(); }
  Eigen::Index cols() const { return a_.cols(); }
  void set_shift(const Scalar& sigma) {
    SpMat id(a_.rows(), a_.cols());
    id.setIdentity();
    solver_.compute(SpMat(a_ - sigma * id));
    if (solver_.info() != Eigen::Success) throw std::runtime_error("SimplicialLDLT failed");
  }
  void perform_op(const Scalar* x_in, Scalar* y_out) const {
    Eigen::Map<const Vec> x(x_in, a_.rows());
    Eigen::Map<Vec> y(y_out, a_.rows());
    y.noalias() = solver_.solve(x);
  }

 private:
  const SpMat& a_;
  Eigen::SimplicialLDLT<SpMat, Eigen::Lower, Eigen::AMDOrdering<int>> solver_;
};

void BM_spectra_top10_lanczos(benchmark::State& state, const std::string& name) {
  const SpMat& a = graph(name).a;
  double value = NAN, resid = NAN, ops = 0;
  bool conv = false;
  for (auto _ : state) {
    Spectra::SparseSymMatProd<double> op(a);
    Spectra::SymEigsSolver<Spectra::SparseSymMatProd<double>> eigs(op, 10, 21);
    eigs.init();
    const Eigen::Index nconv = eigs.compute(Spectra::SortRule::LargestAlge, 100000, kTol);
    conv = nconv == 10 && eigs.info() == Spectra::CompInfo::Successful;
    ops = double(eigs.num_operations());
    if (conv) {
      value = eigs.eigenvalues()(0);
      resid = max_residual(a, eigs.eigenvalues(), eigs.eigenvectors());
    }
  }
  report(state, value, ops, resid, conv);
}

void BM_spectra_top10_shift_invert(benchmark::State& state, const std::string& name) {
  const SpMat& a = graph(name).a;
  // sigma above lambda_max: the max absolute row sum (Gershgorin), as the peers' dominant case.
  double sigma = 0;
  for (Eigen::Index j = 0; j < a.outerSize(); ++j) {
    double s = 0;
    for (SpMat::InnerIterator it(a, j); it; ++it) s += std::abs(it.value());
    sigma = std::max(sigma, s);
  }
  sigma *= 1.001;
  double value = NAN, resid = NAN, ops = 0;
  bool conv = false;
  for (auto _ : state) {
    LdltShiftSolve op(a);
    Spectra::SymEigsShiftSolver<LdltShiftSolve> eigs(op, 10, 21, sigma);
    eigs.init();
    const Eigen::Index nconv = eigs.compute(Spectra::SortRule::LargestMagn, 100000, kTol);
    conv = nconv == 10 && eigs.info() == Spectra::CompInfo::Successful;
    ops = double(eigs.num_operations());
    if (conv) {
      value = eigs.eigenvalues()(0);
      resid = max_residual(a, eigs.eigenvalues(), eigs.eigenvectors());
    }
  }
  report(state, value, ops, resid, conv);
}

void BM_spectra_smallest2_shift_invert(benchmark::State& state, const std::string& name) {
  const SpMat& l = graph(name).l;
  double value = NAN, resid = NAN, ops = 0;
  bool conv = false;
  for (auto _ : state) {
    LdltShiftSolve op(l);
    Spectra::SymEigsShiftSolver<LdltShiftSolve> eigs(op, 2, 20, kFiedlerShift);
    eigs.init();
    const Eigen::Index nconv = eigs.compute(Spectra::SortRule::LargestMagn, 100000, kTol);
    conv = nconv == 2 && eigs.info() == Spectra::CompInfo::Successful;
    ops = double(eigs.num_operations());
    if (conv) {
      value = eigs.eigenvalues()(0);  // sorted descending: [lambda_2, ~0]
      resid = max_residual(l, eigs.eigenvalues(), eigs.eigenvectors());
    }
  }
  report(state, value, ops, resid, conv);
}
#endif

// Runs a benchmark body with Eigen's thread count set (meaningful when the program is built
// with OpenMP: the products by rows of top_eigenpairs/smallest_eigenpairs and the dense
// level-3 kernels then use that many threads).
template <typename Body, typename... Args>
void with_threads(benchmark::State& state, int threads, Body body, Args... args) {
  Eigen::setNbThreads(threads);
  body(state, args...);
  Eigen::setNbThreads(1);
}

int register_all() {
  using spectrakit::EigsMethod;
#ifdef _OPENMP
  const std::vector<int> thread_counts = {1, 2};
#else
  const std::vector<int> thread_counts = {1};
#endif
  for (const int threads : thread_counts) {
    const std::string suffix = "/threads:" + std::to_string(threads);
    for (const std::string name : {"grid300", "grid400x225", "knn100k", "grid1000"}) {
      const bool huge = name == "grid1000";
      auto tune = [&](benchmark::internal::Benchmark* b) {
        b->Unit(benchmark::kSecond)->Iterations(1)->Repetitions(huge ? 1 : 3)->ReportAggregatesOnly(!huge);
      };
      auto add = [&](const std::string& case_name, auto body, auto... args) {
        tune(benchmark::RegisterBenchmark((case_name + suffix).c_str(), with_threads<decltype(body), decltype(args)...>,
                                          threads, body, args...));
      };
      // Plain (not shift-inverted) Lanczos runs only on knn100k: the grids' top eigenvalues are
      // 1e-5 of the spectrum width apart, where it needs thousands of products (spectrakit's:
      // 7237, not converged, 16 s on grid300; Spectra's: over 5 minutes; docs/eigen.md).
      const bool plain_lanczos = name == "knn100k";
      add("top10/" + name + "/spectrakit", BM_spectrakit_top10, name, EigsMethod::automatic);
      if (plain_lanczos) add("top10/" + name + "/spectrakit_lanczos", BM_spectrakit_top10, name, EigsMethod::lanczos);
      add("top10/" + name + "/spectrakit_shift_invert", BM_spectrakit_top10, name, EigsMethod::shift_invert);
      add("smallest2/" + name + "/spectrakit", BM_spectrakit_smallest2, name, EigsMethod::automatic, false);
      add("smallest2/" + name + "/spectrakit_deflated", BM_spectrakit_smallest2, name, EigsMethod::automatic, true);
#ifdef SPECTRAKIT_HAVE_SPECTRA
      // Spectra's own kernels are sequential (its dense restarts use Eigen's threaded GEMM), so
      // its 2-thread runs on grid1000 (minutes) are left out.
      if (huge && threads > 1) continue;
      if (plain_lanczos) add("top10/" + name + "/Spectra_lanczos", BM_spectra_top10_lanczos, name);
      add("top10/" + name + "/Spectra_shift_invert", BM_spectra_top10_shift_invert, name);
      add("smallest2/" + name + "/Spectra_shift_invert", BM_spectra_smallest2_shift_invert, name);
#endif
    }
  }
  return 0;
}
const int registered = register_all();

}  // namespace

BENCHMARK_MAIN();
