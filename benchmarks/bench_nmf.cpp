// Benchmarks of the nmf module (symmetric NMF) against its peers, on the peers' shared inputs:
//   digits_knn10.mtx (n = 1797, sparse, k = 10) from symnmf_init_digits_knn10_k10.mtx, the
//   start the NumPy reference used; knn100k.mtx.gz (n = 100,000, sparse, k = 10), default start.
// The peers (NumPy projected gradient with Armijo backtracking, scikit-learn's NMF with the cd
// solver) run in the same program run through /usr/bin/python3 and the peers' own peerlib.py,
// timed by Python itself (median of 3 runs after a warm-up) and reported as manual times.
//
//   cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DSPECTRAKIT_BUILD_BENCHMARKS=ON
//   cmake --build build/bench --target bench_nmf && build/bench/benchmarks/bench_nmf
#include <benchmark/benchmark.h>

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <spectrakit/nmf.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
#ifdef SPECTRAKIT_HAVE_ZLIB
#include <zlib.h>
#endif

namespace {

const std::string data_dir = SPECTRAKIT_PEERS_DATA_DIR;

// The whole file as text (gzip-compressed files need zlib).
std::string slurp(const std::string& path) {
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) {
#ifdef SPECTRAKIT_HAVE_ZLIB
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) throw std::runtime_error("cannot open " + path);
    std::string out;
    char buf[1 << 16];
    int got;
    while ((got = gzread(f, buf, sizeof buf)) > 0) out.append(buf, std::size_t(got));
    gzclose(f);
    return out;
#else
    throw std::runtime_error("zlib not available to read " + path);
#endif
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Matrix Market "coordinate real|pattern symmetric|general": the lower triangle of a symmetric
// file is mirrored.
Eigen::SparseMatrix<double> read_graph(const std::string& path) {
  std::istringstream in(slurp(path));
  std::string line;
  std::getline(in, line);
  const bool symmetric = line.find("symmetric") != std::string::npos;
  const bool pattern = line.find("pattern") != std::string::npos;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '%') break;
  long rows = 0, cols = 0, nnz = 0;
  std::istringstream(line) >> rows >> cols >> nnz;
  std::vector<Eigen::Triplet<double>> t;
  t.reserve(std::size_t(2 * nnz));
  for (long e = 0; e < nnz; ++e) {
    long i = 0, j = 0;
    double v = 1;
    in >> i >> j;
    if (!pattern) in >> v;
    t.emplace_back(i - 1, j - 1, v);
    if (symmetric && i != j) t.emplace_back(j - 1, i - 1, v);
  }
  Eigen::SparseMatrix<double> a(rows, cols);
  a.setFromTriplets(t.begin(), t.end());
  a.makeCompressed();
  return a;
}

// Matrix Market "array real general", column-major.
Eigen::MatrixXd read_dense(const std::string& path) {
  std::istringstream in(slurp(path));
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '%') break;
  long rows = 0, cols = 0;
  std::istringstream(line) >> rows >> cols;
  Eigen::MatrixXd m(rows, cols);
  for (long j = 0; j < cols; ++j)
    for (long i = 0; i < rows; ++i) in >> m(i, j);
  return m;
}

struct Digits {
  Eigen::SparseMatrix<double> a;
  Eigen::MatrixXd h0;
  Eigen::MatrixXd dense;
};

const Digits& digits() {
  static const Digits d = [] {
    Digits x;
    x.a = read_graph(data_dir + "/digits_knn10.mtx");
    x.h0 = read_dense(data_dir + "/symnmf_init_digits_knn10_k10.mtx");
    x.dense = Eigen::MatrixXd(x.a);
    return x;
  }();
  return d;
}

spectrakit::SymNMFOptions digits_options(spectrakit::SymNMFAlgorithm algorithm) {
  spectrakit::SymNMFOptions o;
  o.algorithm = algorithm;
  o.initial = digits().h0;
  o.tolerance = 1e-4;  // as the NumPy reference
  o.max_iterations = 10000;
  if (algorithm == spectrakit::SymNMFAlgorithm::projected_gradient) o.initial_step = 2;  // its first trial step
  return o;
}

void report(benchmark::State& state, const spectrakit::SymNMFResult<double>& r, const Eigen::MatrixXd& dense) {
  state.counters["iterations"] = double(r.iterations);
  state.counters["products"] = double(r.matrix_products);
  state.counters["converged"] = r.converged() ? 1 : 0;
  if (dense.size() > 0) {
    // ||A - H H^T||_F of the returned H, formed densely (independent of the solver's own
    // bookkeeping), and its relative distance to the NumPy reference's 117.0146153 (RESULTS.md).
    const double residual = (dense - r.H * r.H.transpose()).norm();
    state.counters["residual_F"] = residual;
    state.counters["rel_to_reference"] = std::abs(residual - 117.0146153) / 117.0146153;
  }
  state.SetLabel(std::string(spectrakit::to_string(r.algorithm)) + " " + spectrakit::to_string(r.status));
}

// ||A - H H^T||_F on digits: the NumPy reference reaches 117.0146153 (RESULTS.md).
void BM_symnmf_digits(benchmark::State& state) {
  const auto algorithm = static_cast<spectrakit::SymNMFAlgorithm>(state.range(0));
  const Digits& d = digits();
  const auto o = digits_options(algorithm);
  spectrakit::SymNMFResult<double> r;
  for (auto _ : state) {
    r = spectrakit::symnmf(d.a, 10, o);
    benchmark::DoNotOptimize(r.H.data());
  }
  report(state, r, d.dense);
}
BENCHMARK(BM_symnmf_digits)
    ->Arg(int(spectrakit::SymNMFAlgorithm::projected_gradient))
    ->Arg(int(spectrakit::SymNMFAlgorithm::hals))
    ->Arg(int(spectrakit::SymNMFAlgorithm::hals_extrapolated))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);

// The multiplicative rule for reference (it does not reach the tolerance within 10,000
// iterations on this input).
void BM_symnmf_digits_multiplicative(benchmark::State& state) {
  const Digits& d = digits();
  auto o = digits_options(spectrakit::SymNMFAlgorithm::multiplicative);
  o.max_iterations = 1000;
  spectrakit::SymNMFResult<double> r;
  for (auto _ : state) {
    r = spectrakit::symnmf(d.a, 10, o);
    benchmark::DoNotOptimize(r.H.data());
  }
  report(state, r, d.dense);
}
BENCHMARK(BM_symnmf_digits_multiplicative)->Unit(benchmark::kMillisecond)->Iterations(3);

// One product A H and the objective: the per-iteration building blocks on digits.
void BM_symnmf_objective_digits(benchmark::State& state) {
  const Digits& d = digits();
  double f = 0;
  for (auto _ : state) {
    f = spectrakit::symnmf_objective(d.a, d.h0);
    benchmark::DoNotOptimize(f);
  }
  state.counters["f"] = f;
}
BENCHMARK(BM_symnmf_objective_digits)->Unit(benchmark::kMicrosecond);

// knn100k (n = 100,000, 1.24 M stored entries), k = 10, A sparse, default options and start.
void BM_symnmf_knn100k(benchmark::State& state) {
  static const Eigen::SparseMatrix<double> a = read_graph(data_dir + "/knn100k.mtx.gz");
  spectrakit::SymNMFOptions o;
  o.algorithm = static_cast<spectrakit::SymNMFAlgorithm>(state.range(0));
  spectrakit::SymNMFResult<double> r;
  for (auto _ : state) {
    r = spectrakit::symnmf(a, 10, o);
    benchmark::DoNotOptimize(r.H.data());
  }
  report(state, r, Eigen::MatrixXd());
  state.counters["f"] = r.final_objective();
  state.counters["pg_rel"] = double(r.projected_gradient_norm / r.initial_projected_gradient_norm);
}
BENCHMARK(BM_symnmf_knn100k)
    ->Arg(int(spectrakit::SymNMFAlgorithm::hals_extrapolated))  // the default
    ->Arg(int(spectrakit::SymNMFAlgorithm::hals))
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

// A peer run by Python in this same program run: the script prints the median seconds of
// 3 runs after a warm-up and the value it reached.
void run_python_peer(benchmark::State& state, const std::string& body) {
  const std::string peers = data_dir + "/..";
  const std::string script =
      "import sys, time, statistics\n"
      "sys.path.insert(0, '" +
      peers +
      "')\n"
      "import numpy as np, peerlib as P\n"
      "A = P.read_mtx('" +
      data_dir +
      "/digits_knn10.mtx', use_cache=False)\n"
      "H0 = P.read_mtx('" +
      data_dir +
      "/symnmf_init_digits_knn10_k10.mtx', use_cache=False)\n"
      "Ad = A.toarray()\n" +
      body +
      "run()\n"
      "ts = []\n"
      "for _ in range(3):\n"
      "    t = time.perf_counter(); out = run(); ts.append(time.perf_counter() - t)\n"
      "print(statistics.median(ts), value(out))\n";
  const std::string path = "bench_nmf_peer.py";
  {
    std::ofstream f(path);
    f << script;
  }
  for (auto _ : state) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(("/usr/bin/python3 " + path + " 2>&1").c_str(), "r"), pclose);
    if (!pipe) {
      state.SkipWithError("cannot start /usr/bin/python3");
      break;
    }
    std::string out;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, pipe.get())) out += buf;
    double seconds = -1, value = 0;
    if (std::sscanf(out.c_str(), "%lf %lf", &seconds, &value) != 2 || seconds <= 0) {
      state.SkipWithError(("python peer failed: " + out.substr(0, 200)).c_str());
      break;
    }
    state.SetIterationTime(seconds);
    state.counters["residual_F"] = value;
  }
  std::remove(path.c_str());
}

void BM_peer_numpy_symnmf_pgd_digits(benchmark::State& state) {
  run_python_peer(state,
                  "def run(): return P.symnmf_pgd(A, H0, tol=1e-4, max_iter=10000)\n"
                  "def value(r): return float(np.linalg.norm(Ad - r['H'] @ r['H'].T))\n");
}
BENCHMARK(BM_peer_numpy_symnmf_pgd_digits)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_peer_sklearn_nmf_digits(benchmark::State& state) {
  run_python_peer(
      state,
      "from sklearn.decomposition import NMF\n"
      "def run():\n"
      "    m = NMF(n_components=10, init='nndsvda', solver='cd', tol=1e-6, max_iter=10000, random_state=0)\n"
      "    W = m.fit_transform(Ad)\n"
      "    return W, m.components_\n"
      "def value(r): return float(np.linalg.norm(Ad - r[0] @ r[1]))\n");
}
BENCHMARK(BM_peer_sklearn_nmf_digits)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
