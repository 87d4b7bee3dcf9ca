// Benchmarks of the hessian module against the peers, measured in the same run on the same input.
//
// Inputs: a Wigner matrix A (symmetric, entries N(0, 1), seed fixed; half of its eigenvalues
// negative) and A + s I with s chosen so that 2 % of the eigenvalues stay negative (the usual
// Hessian near a minimum), n = 100, 500, 1000, 2000.
//
// Peers in this binary: Eigen's SelfAdjointEigenSolver (+ clip), Eigen's LLT on a positive
// definite matrix of the same size, re-inversion against Sherman-Morrison. NumPy (eigh + clip,
// the reference repair of ../shared/peers/peerlib.py) is timed by a /usr/bin/python3 (Debian's,
// with python3-numpy) subprocess on the very same matrix (written to a temporary file); its
// median of 5 runs after a warm-up is reported as the manual time of the `numpy_*` cases
// (skipped with a message when numpy is missing).
//
// Threads: built with OpenMP (benchmarks/CMakeLists.txt), spectrakit's cases run at 1 thread and,
// for n >= 1000, at 2 threads (third argument); NumPy's OpenBLAS uses its default (2 here).
//
// Build: cmake -DSPECTRAKIT_BUILD_BENCHMARKS=ON; add -DSPECTRAKIT_WITH_LAPACKE=ON for the
// LAPACK back end. Run: ./bench_hessian
// [--benchmark_filter=...].
#include <benchmark/benchmark.h>

#include <unistd.h>
#include <Eigen/Dense>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <spectrakit/hessian.hpp>
#include <string>

namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

struct Inputs {
  Matrix wigner, shifted, pd;
  Vector g;
};

// Wigner matrix and its 2 %-negative shift, cached per n (the shift needs the eigenvalues).
const Inputs& inputs(Eigen::Index n) {
  static std::map<Eigen::Index, Inputs> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  Inputs in;
  std::mt19937_64 rng(20240611ULL + std::uint64_t(n));
  std::normal_distribution<double> normal(0.0, 1.0);
  in.wigner.resize(n, n);
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = j; i < n; ++i) in.wigner(i, j) = in.wigner(j, i) = normal(rng);
  const Vector lambda = Eigen::SelfAdjointEigenSolver<Matrix>(in.wigner, Eigen::EigenvaluesOnly).eigenvalues();
  const Eigen::Index negative = std::max<Eigen::Index>(1, n / 50);
  const double s = -0.5 * (lambda(negative - 1) + lambda(negative));  // exactly `negative` stay < 0
  in.shifted = in.wigner + s * Matrix::Identity(n, n);
  in.pd = in.wigner + (1.0 - lambda(0)) * Matrix::Identity(n, n);
  in.g.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) in.g(i) = normal(rng);
  return cache.emplace(n, std::move(in)).first->second;
}

const Matrix& pick(const Inputs& in, int which) { return which == 0 ? in.wigner : in.shifted; }
const char* name_of(int which) { return which == 0 ? "wigner" : "shifted2pct"; }

// Eigen's thread count for one benchmark (the third argument; 1 when absent). Meaningful in
// OpenMP builds, where Eigen's GEMM and spectrakit's tridiagonalization and reconstruction
// kernels share their work out among that many threads.
struct ThreadScope {
  explicit ThreadScope(const benchmark::State& state) { Eigen::setNbThreads(state.range(2) > 0 ? int(state.range(2)) : 1); }
  ~ThreadScope() { Eigen::setNbThreads(1); }
  ThreadScope(const ThreadScope&) = delete;
  ThreadScope& operator=(const ThreadScope&) = delete;
};

// Every case that does not set its thread count runs on one thread (OpenMP's default is all cores).
const int single_threaded_by_default = (Eigen::setNbThreads(1), 0);

std::string label(const benchmark::State& state) {
  return std::string(name_of(int(state.range(1)))) + ", threads " + std::to_string(Eigen::nbThreads());
}

void repair(benchmark::State& state, spectrakit::RepairMethod method) {
  const ThreadScope threads(state);
  const Eigen::Index n = state.range(0);
  const Matrix& h = pick(inputs(n), int(state.range(1)));
  spectrakit::RepairOptions o{method};
  Eigen::Index changed = 0;
  for (auto _ : state) {
    auto r = spectrakit::repair_hessian(h, o);
    changed = r.modified_count;
    benchmark::DoNotOptimize(r.matrix.data());
  }
  state.counters["changed"] = double(changed);
  state.SetLabel(label(state));
}

void direction(benchmark::State& state, spectrakit::RepairMethod method) {
  const ThreadScope threads(state);
  const Eigen::Index n = state.range(0);
  const Inputs& in = inputs(n);
  const Matrix& h = pick(in, int(state.range(1)));
  spectrakit::RepairOptions o{method};
  for (auto _ : state) {
    Vector p = spectrakit::newton_direction(h, in.g, o);
    benchmark::DoNotOptimize(p.data());
  }
  state.SetLabel(label(state));
}

void BM_repair_clip(benchmark::State& s) { repair(s, spectrakit::RepairMethod::clip_eigenvalues); }
void BM_repair_abs(benchmark::State& s) { repair(s, spectrakit::RepairMethod::absolute_eigenvalues); }
void BM_repair_shift(benchmark::State& s) { repair(s, spectrakit::RepairMethod::shift_identity); }
void BM_repair_modified_cholesky(benchmark::State& s) { repair(s, spectrakit::RepairMethod::modified_cholesky); }
void BM_newton_direction_abs(benchmark::State& s) { direction(s, spectrakit::RepairMethod::absolute_eigenvalues); }
void BM_newton_direction_clip(benchmark::State& s) { direction(s, spectrakit::RepairMethod::clip_eigenvalues); }
void BM_newton_direction_modified_cholesky(benchmark::State& s) {
  direction(s, spectrakit::RepairMethod::modified_cholesky);
}

// The eigen-solve inside the clip repair without the reconstruction: the reduction and all
// eigenvalues, then the eigenvectors of the smaller of the two sets the repair may use (below
// or above the floor). BM_repair_clip minus this is the reconstruction overhead.
void BM_eigensolve_for_clip(benchmark::State& state) {
  const ThreadScope threads(state);
  const Matrix& h = pick(inputs(state.range(0)), int(state.range(1)));
  const Eigen::Index n = h.rows();
  Eigen::Index vectors = 0;
  for (auto _ : state) {
    spectrakit::detail::SymmetricEigen<double> eig(h);
    const Vector& lambda = eig.values();
    const double floor = 1e-8 * lambda.cwiseAbs().maxCoeff();
    const Eigen::Index below = (lambda.array() < floor).count();
    const Matrix v = below <= n - below ? eig.vectors(0, below) : eig.vectors(below, n - below);
    vectors = v.cols();
    benchmark::DoNotOptimize(v.data());
  }
  state.counters["vectors"] = double(vectors);
  state.SetLabel(label(state));
}

// Peer: Eigen's own eigen-solver, alone and with the clip reconstruction Q max(L, d) Q^T.
void BM_peer_eigen_selfadjoint(benchmark::State& state) {
  const ThreadScope threads(state);
  const Matrix& h = pick(inputs(state.range(0)), int(state.range(1)));
  for (auto _ : state) {
    Eigen::SelfAdjointEigenSolver<Matrix> es(h);
    benchmark::DoNotOptimize(es.eigenvectors().data());
  }
  state.SetLabel(name_of(int(state.range(1))));
}
void BM_peer_eigen_selfadjoint_clip(benchmark::State& state) {
  const ThreadScope threads(state);
  const Matrix& h = pick(inputs(state.range(0)), int(state.range(1)));
  for (auto _ : state) {
    Eigen::SelfAdjointEigenSolver<Matrix> es(h);
    const double delta = 1e-8 * es.eigenvalues().cwiseAbs().maxCoeff();
    const Matrix qd = es.eigenvectors() * es.eigenvalues().cwiseMax(delta).asDiagonal();
    Matrix r = qd * es.eigenvectors().transpose();
    benchmark::DoNotOptimize(r.data());
  }
  state.SetLabel(name_of(int(state.range(1))));
}
// Reference for modified Cholesky: Eigen's LLT of a positive definite matrix of the same size.
void BM_peer_eigen_llt_pd(benchmark::State& state) {
  const Inputs& in = inputs(state.range(0));
  for (auto _ : state) {
    Eigen::LLT<Matrix> llt(in.pd);
    Vector p = llt.solve(in.g);
    benchmark::DoNotOptimize(p.data());
  }
}

void BM_sherman_morrison(benchmark::State& state) {
  const Inputs& in = inputs(state.range(0));
  const Matrix ainv = in.pd.inverse();
  const Vector u = in.g, v = in.g.reverse();
  for (auto _ : state) {
    Matrix r = spectrakit::sherman_morrison(ainv, u, v);
    benchmark::DoNotOptimize(r.data());
  }
}
void BM_peer_reinvert(benchmark::State& state) {
  const Inputs& in = inputs(state.range(0));
  const Vector u = in.g, v = in.g.reverse();
  for (auto _ : state) {
    Matrix r = Matrix(in.pd + u * v.transpose()).inverse();
    benchmark::DoNotOptimize(r.data());
  }
}

// Peer: NumPy + its BLAS, timed by a python3 subprocess on the same matrix.
// Returns the median wall-clock seconds; `cpu` receives the median process CPU seconds (all
// BLAS threads), the fair comparison on a machine shared with other work.
double numpy_seconds(const Matrix& h, const std::string& mode, double& cpu) {
  char path[] = "/tmp/spectrakit_bench_hessian_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return -1;
  close(fd);
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(h.data()), std::streamsize(sizeof(double) * std::size_t(h.size())));
  }
  const std::string script =
      "import sys,time,numpy as np\n"
      "n=int(sys.argv[2]); A=np.fromfile(sys.argv[1]).reshape(n,n)\n"
      "def clip(A):\n"
      "  w,V=np.linalg.eigh(A); d=1e-8*np.max(np.abs(w)); return (V*np.maximum(w,d))@V.T\n"
      "def absval(A):\n"
      "  w,V=np.linalg.eigh(A); d=1e-8*np.max(np.abs(w)); return (V*np.maximum(np.abs(w),d))@V.T\n"
      "f={'clip':clip,'abs':absval,'eigh':np.linalg.eigh}[sys.argv[3]]\n"
      "f(A); t=[]; c=[]\n"
      "for _ in range(5):\n"
      "  s=time.perf_counter(); p=time.process_time(); f(A)\n"
      "  t.append(time.perf_counter()-s); c.append(time.process_time()-p)\n"
      "print(sorted(t)[2], sorted(c)[2])\n";
  const std::string command = "/usr/bin/python3 -c \"" +
                              [&] {
                                std::string s;
                                for (char c : script) {
                                  if (c == '"')
                                    s += "\\\"";
                                  else
                                    s += c;
                                }
                                return s;
                              }() +
                              "\" " + path + " " + std::to_string(h.rows()) + " " + mode + " 2>/dev/null";
  double seconds = -1;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    if (std::fscanf(pipe, "%lf %lf", &seconds, &cpu) != 2) seconds = -1;
    pclose(pipe);
  }
  std::remove(path);
  return seconds;
}

void numpy_case(benchmark::State& state, const std::string& mode) {
  const Matrix& h = pick(inputs(state.range(0)), int(state.range(1)));
  double cpu = 0;
  const double seconds = numpy_seconds(h, mode, cpu);
  if (seconds < 0) {
    state.SkipWithError("python3 with numpy not available");
    return;
  }
  for (auto _ : state) state.SetIterationTime(seconds);
  state.counters["cpu_ms"] = cpu * 1e3;
  state.SetLabel(name_of(int(state.range(1))));
}
void BM_peer_numpy_eigh_clip(benchmark::State& s) { numpy_case(s, "clip"); }
void BM_peer_numpy_eigh_abs(benchmark::State& s) { numpy_case(s, "abs"); }
void BM_peer_numpy_eigh(benchmark::State& s) { numpy_case(s, "eigh"); }

// {n, matrix (1: 2 % negative, 0: Wigner), threads}; 2 threads only in OpenMP builds.
void sizes(benchmark::internal::Benchmark* b) {
  for (int which : {1, 0})
    for (int n : {100, 500, 1000, 2000}) {
      b->Args({n, which, 1});
#ifdef _OPENMP
      if (n >= 1000) b->Args({n, which, 2});
#endif
    }
  b->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();
}
// Eigen's own solver as a peer: one thread.
void peer_eigen_sizes(benchmark::internal::Benchmark* b) {
  for (int which : {1, 0})
    for (int n : {100, 500, 1000, 2000}) b->Args({n, which, 1});
  b->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();
}
void peer_sizes(benchmark::internal::Benchmark* b) {
  for (int which : {1, 0})
    for (int n : {100, 500, 1000, 2000}) b->Args({n, which});
  b->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(1);
}

}  // namespace

BENCHMARK(BM_repair_clip)->Apply(sizes);
BENCHMARK(BM_repair_abs)->Apply(sizes);
BENCHMARK(BM_newton_direction_clip)->Apply(sizes);
BENCHMARK(BM_newton_direction_abs)->Apply(sizes);
BENCHMARK(BM_repair_shift)->Apply(sizes);
BENCHMARK(BM_eigensolve_for_clip)->Apply(sizes);
BENCHMARK(BM_repair_modified_cholesky)->Apply(sizes);
BENCHMARK(BM_newton_direction_modified_cholesky)->Apply(sizes);
BENCHMARK(BM_peer_numpy_eigh_clip)->Apply(peer_sizes);
BENCHMARK(BM_peer_numpy_eigh_abs)->Apply(peer_sizes);
BENCHMARK(BM_peer_numpy_eigh)->Apply(peer_sizes);
BENCHMARK(BM_peer_eigen_selfadjoint)->Apply(peer_eigen_sizes);
BENCHMARK(BM_peer_eigen_selfadjoint_clip)->Apply(peer_eigen_sizes);
BENCHMARK(BM_peer_eigen_llt_pd)->Arg(500)->Arg(1000)->Arg(2000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_sherman_morrison)->Arg(1000)->Arg(2000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_peer_reinvert)->Arg(1000)->Arg(2000)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
