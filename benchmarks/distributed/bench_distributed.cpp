// Benchmark of the distributed module against the serial spectrakit (not a timed test; see
// docs/distributed.md and benchmarks/distributed/run.sh):
//
//   bench_distributed serial GRAPH                      the serial fiedler_vector, one process
//   mpirun -np P bench_distributed distributed GRAPH    read_matrix_market(comm) + fiedler_vector
//
// GRAPH: a Matrix Market file, or "scale-free-1M" (a Barabasi-Albert graph, 10^6 nodes, m = 2,
// seed 7, written once to scale_free_1M.mtx in the current directory and read from there).
// Prints one line: the phase times (wall clock, the slowest rank), lambda_2, the residual, the
// status and the peak resident memory of each rank (getrusage; the serial reader holds the whole
// file's text once, the parallel one 1/P of it per rank).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <spectrakit/distributed.hpp>
#include <spectrakit/graph/fiedler.hpp>
#include <spectrakit/io/matrix_market.hpp>

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double peak_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_maxrss) / 1024.0;  // Linux: KiB
}

/// Writes the Barabasi-Albert graph (lower triangle, symmetric file) once.
std::string scale_free_file(int n, int links, std::uint64_t seed) {
  const std::string path = "scale_free_1M.mtx";
  if (std::ifstream(path)) return path;
  std::mt19937_64 rng(seed);
  std::vector<int> ends;
  std::vector<std::pair<int, int>> edges;
  for (int i = 0; i <= links; ++i)
    for (int j = 0; j < i; ++j) edges.emplace_back(i, j), ends.push_back(i), ends.push_back(j);
  for (int v = links + 1; v < n; ++v) {
    int chosen[8];
    int got = 0;
    while (got < links) {
      const int u = ends[std::uniform_int_distribution<std::size_t>(0, ends.size() - 1)(rng)];
      if (std::find(chosen, chosen + got, u) == chosen + got) chosen[got++] = u;
    }
    for (int k = 0; k < got; ++k) edges.emplace_back(v, chosen[k]), ends.push_back(v), ends.push_back(chosen[k]);
  }
  std::FILE* f = std::fopen((path + ".tmp").c_str(), "w");
  std::fprintf(f, "%%%%MatrixMarket matrix coordinate pattern symmetric\n%d %d %zu\n", n, n, edges.size());
  for (const auto& e : edges) std::fprintf(f, "%d %d\n", e.first + 1, e.second + 1);
  std::fclose(f);
  std::rename((path + ".tmp").c_str(), path.c_str());
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_distributed serial|distributed GRAPH\n";
    return 2;
  }
  const std::string mode = argv[1];
  std::string path = argv[2];
  spectrakit::FiedlerOptions o;
  o.tolerance = 1e-8;  // both paths: ||L v - lambda v|| <= 1e-8 ||L||_1
  if (mode == "serial") {
    if (path == "scale-free-1M") path = scale_free_file(1000000, 2, 7);
    const double t0 = now();
    const Eigen::SparseMatrix<double> a = spectrakit::read_matrix_market(path);
    const double t1 = now();
    const auto f = spectrakit::fiedler_vector(a, o);
    const double t2 = now();
    std::printf("serial      %-28s n=%-8ld read %6.2f s  fiedler %7.2f s  lambda_2 %.10g  residual %.1e  %s  peak %.0f MiB\n",
                path.c_str(), long(a.rows()), t1 - t0, t2 - t1, f.value, f.residual, spectrakit::to_string(f.status),
                peak_mib());
    return 0;
  }
  spectrakit::distributed::Environment env(&argc, &argv);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(PETSC_COMM_WORLD, &rank);
  MPI_Comm_size(PETSC_COMM_WORLD, &ranks);
  if (path == "scale-free-1M") {
    if (rank == 0) path = scale_free_file(1000000, 2, 7);
    MPI_Barrier(PETSC_COMM_WORLD);
    path = "scale_free_1M.mtx";
  }
  MPI_Barrier(PETSC_COMM_WORLD);
  const double t0 = now();
  double t1 = 0, t2 = 0;
  spectrakit::distributed::DistributedFiedlerResult f;
  Eigen::Index n = 0;
  {
    const spectrakit::distributed::DistributedGraph g = spectrakit::distributed::read_matrix_market(PETSC_COMM_WORLD, path);
    n = g.nodes();
    MPI_Barrier(PETSC_COMM_WORLD);
    t1 = now();
    spectrakit::distributed::SolverOptions so;
    if (argc > 3) so.petsc_options = argv[3];
    f = spectrakit::distributed::fiedler_vector(g, o, so);
    MPI_Barrier(PETSC_COMM_WORLD);
    t2 = now();
  }
  const double mine = peak_mib();
  std::vector<double> peaks(static_cast<std::size_t>(ranks));
  MPI_Gather(&mine, 1, MPI_DOUBLE, peaks.data(), 1, MPI_DOUBLE, 0, PETSC_COMM_WORLD);
  if (rank == 0) {
    std::string mem;
    for (double p : peaks) mem += " " + std::to_string(static_cast<long>(p));
    std::printf("distributed %-28s n=%-8ld ranks %d  read %6.2f s  fiedler %7.2f s  lambda_2 %.10g  residual %.1e  %s  "
                "%ld SLEPc iterations  peak per rank (MiB)%s\n",
                path.c_str(), long(n), ranks, t1 - t0, t2 - t1, f.value, f.residual, spectrakit::to_string(f.status),
                long(f.iterations), mem.c_str());
  }
  return 0;
}
