// Tests of the distributed module (spectrakit::distributed, PETSc/SLEPc under MPI), one
// translation unit. A plain main rather than Catch2: MPI must be initialized before anything
// runs, and every check runs on every rank; the run fails when any rank saw a failure (the
// failures are summed with MPI_Allreduce at the end, so every rank reaches it: an exception that
// reached only some ranks would hang there, and CTest's TIMEOUT turns that into a failure).
//
// Usage: spectrakit_test_distributed [SCRATCH_DIR]   (under mpiexec -n 1, 2, 3)
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <Eigen/Eigenvalues>
#include <spectrakit/distributed.hpp>
#include <spectrakit/graph/components.hpp>
#include <spectrakit/graph/fiedler.hpp>
#include <spectrakit/graph/laplacian.hpp>
#include <spectrakit/graph/partition.hpp>
#include <spectrakit/io/matrix_market.hpp>

#if defined(SPECTRAKIT_HAVE_ZLIB)
#include <zlib.h>
#endif

namespace sd = spectrakit::distributed;
using SpMat = Eigen::SparseMatrix<double>;

namespace {

int failures = 0;
int rank_ = 0, size_ = 1;
std::string scratch = ".";

void check(bool ok, const std::string& what) {
  if (!ok) {
    ++failures;
    std::cerr << "[rank " << rank_ << " of " << size_ << "] FAILED: " << what << std::endl;
  }
}

void say(const std::string& text) {
  if (rank_ == 0) std::cout << text << std::endl;
}

/// Contiguous blocks deliberately unbalanced (rank r gets weight r + 1) to exercise the offsets.
void my_block(Eigen::Index n, Eigen::Index& b, Eigen::Index& m) {
  const long long w = static_cast<long long>(size_) * (size_ + 1) / 2;
  const long long before = static_cast<long long>(rank_) * (rank_ + 1) / 2;
  b = n * before / w;
  m = n * (before + rank_ + 1) / w - b;
}

sd::DistributedGraph distribute(const SpMat& a) {
  Eigen::Index b = 0, m = 0;
  my_block(a.rows(), b, m);
  const Eigen::SparseMatrix<double, Eigen::RowMajor> r = a;
  return sd::graph_from_local_rows(MPI_COMM_WORLD, r.middleRows(b, m));
}

Eigen::VectorXd gather(const Eigen::VectorXd& local) { return sd::detail::allgather(MPI_COMM_WORLD, local); }
Eigen::VectorXi gather(const Eigen::VectorXi& local) {
  return sd::detail::allgather(MPI_COMM_WORLD, local.cast<double>()).cast<int>();
}

SpMat from_triplets(Eigen::Index n, const std::vector<Eigen::Triplet<double>>& t) {
  SpMat a(n, n);
  a.setFromTriplets(t.begin(), t.end());
  return a;
}

/// r x c grid, node id = i*c + j, 4-neighbour unit edges (the shared gridRxC files' numbering).
SpMat grid(int r, int c) {
  std::vector<Eigen::Triplet<double>> t;
  for (int i = 0; i < r; ++i)
    for (int j = 0; j < c; ++j) {
      const int v = i * c + j;
      if (j + 1 < c) t.emplace_back(v, v + 1, 1.0), t.emplace_back(v + 1, v, 1.0);
      if (i + 1 < r) t.emplace_back(v, v + c, 1.0), t.emplace_back(v + c, v, 1.0);
    }
  return from_triplets(Eigen::Index(r) * c, t);
}

/// Barabasi-Albert graph (each new node links to `links` existing ones, by degree), seeded.
SpMat scale_free(int n, int links, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<int> ends;
  std::vector<Eigen::Triplet<double>> t;
  for (int i = 0; i <= links; ++i)
    for (int j = 0; j < i; ++j) {
      t.emplace_back(i, j, 1.0), t.emplace_back(j, i, 1.0);
      ends.push_back(i), ends.push_back(j);
    }
  for (int v = links + 1; v < n; ++v) {
    std::vector<int> chosen;
    while (static_cast<int>(chosen.size()) < links) {
      const int u = ends[std::uniform_int_distribution<std::size_t>(0, ends.size() - 1)(rng)];
      if (std::find(chosen.begin(), chosen.end(), u) == chosen.end()) chosen.push_back(u);
    }
    for (int u : chosen) {
      t.emplace_back(v, u, 1.0), t.emplace_back(u, v, 1.0);
      ends.push_back(u), ends.push_back(v);
    }
  }
  return from_triplets(n, t);
}

/// A weighted graph of the size of Les Miserables' co-appearance network (77 nodes, 254 edges,
/// integer weights 1..10): a ring for connectivity plus random chords, seeded.
SpMat lesmis_sized(std::uint64_t seed) {
  const int n = 77;
  std::mt19937_64 rng(seed);
  std::vector<Eigen::Triplet<double>> t;
  std::vector<std::pair<int, int>> seen;
  auto add = [&](int i, int j, double w) {
    if (i == j || std::find(seen.begin(), seen.end(), std::make_pair(std::min(i, j), std::max(i, j))) != seen.end())
      return false;
    seen.emplace_back(std::min(i, j), std::max(i, j));
    t.emplace_back(i, j, w), t.emplace_back(j, i, w);
    return true;
  };
  std::uniform_int_distribution<int> node(0, n - 1), weight(1, 10);
  for (int i = 0; i < n; ++i) add(i, (i + 1) % n, weight(rng));
  while (seen.size() < 254) add(node(rng), node(rng), weight(rng));
  return from_triplets(n, t);
}

bool same_matrix(const SpMat& x, const SpMat& y) {
  if (x.rows() != y.rows() || x.cols() != y.cols() || x.nonZeros() != y.nonZeros()) return false;
  SpMat a = x, b = y;
  a.makeCompressed();
  b.makeCompressed();
  for (Eigen::Index k = 0; k < a.nonZeros(); ++k)
    if (a.innerIndexPtr()[k] != b.innerIndexPtr()[k] || a.valuePtr()[k] != b.valuePtr()[k]) return false;
  for (Eigen::Index j = 0; j <= a.cols(); ++j)
    if (a.outerIndexPtr()[j] != b.outerIndexPtr()[j]) return false;
  return true;
}

/// Runs f, which must throw E on this rank; returns the message ("" and a failure otherwise).
template <typename E, typename F>
std::string expect_throw(F&& f, const std::string& what) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    check(false, what + ": wrong exception type: " + e.what());
    return {};
  }
  check(false, what + ": did not throw");
  return {};
}

void expect_message(const std::string& message, const std::string& part, const std::string& what) {
  check(message.find(part) != std::string::npos, what + ": message '" + message + "' lacks '" + part + "'");
}

void write_file(const std::string& path, const std::string& text) {
  if (rank_ == 0) std::ofstream(path, std::ios::binary) << text;
  MPI_Barrier(MPI_COMM_WORLD);
}

std::string serial_error(const std::string& path) {
  try {
    (void)spectrakit::read_matrix_market(path);
  } catch (const spectrakit::io_error& e) {
    return e.what();
  }
  return "(no error)";
}

void compare_reader(const std::string& path, const std::string& name) {
  const SpMat s = spectrakit::read_matrix_market(path);
  const sd::DistributedGraph g = sd::read_matrix_market(MPI_COMM_WORLD, path);
  check(g.nodes() == s.rows(), name + ": node count");
  check(same_matrix(sd::gather_matrix(g), s), "the parallel reader differs from the serial one on " + name);
}

/// lambda_2, the Fiedler vector (up to sign, where it is unique), the gap and the partitions
/// against the serial solver.
void compare_fiedler(const std::string& name, const SpMat& a, bool vector_unique, const sd::SolverOptions& so = {}) {
  spectrakit::FiedlerOptions o;
  o.tolerance = 1e-10;
  const spectrakit::FiedlerResult<double> s = spectrakit::fiedler_vector(a, o);
  const sd::DistributedGraph g = distribute(a);
  spectrakit::FiedlerOptions od = o;
  od.dense_threshold = 0;  // SLEPc even on karate (the gathered dense path is the serial one)
  const sd::DistributedFiedlerResult d = sd::fiedler_vector(g, od, so);
  const double scale = (spectrakit::laplacian(a) * Eigen::VectorXd::Ones(a.rows())).cwiseAbs().maxCoeff() + 1;
  check(d.converged(), name + ": status " + spectrakit::to_string(d.status));
  check(std::abs(d.value - s.value) <= 1e-8 * std::max(s.value, 1e-12 * scale) + 1e-9 * scale,
        name + ": lambda_2 " + std::to_string(d.value) + " vs serial " + std::to_string(s.value));
  check(d.residual <= 1e-10 * 1.01, name + ": residual " + std::to_string(d.residual));
  check(d.components == s.components, name + ": components");
  check(d.global_offset == g.global_offset() && d.vector.size() == g.local_nodes(), name + ": local slice");
  const Eigen::VectorXd whole = gather(d.vector);
  check(std::abs(whole.norm() - 1) < 1e-12 && std::abs(whole.sum()) < 1e-8, name + ": unit, orthogonal to 1");
  std::ostringstream line;
  line.precision(10);
  line << "  " << name << " on " << size_ << " rank(s): lambda_2 " << d.value << " (serial " << s.value << "), gap "
       << d.gap << " (serial " << s.gap << "), residual " << d.residual << ", " << d.iterations << " SLEPc iterations";
  if (vector_unique) {
    const double err = (whole - s.vector).norm();  // both sign-fixed: no "up to sign" needed
    line << ", |v - v_serial| " << err;
    check(err < 1e-6, name + ": Fiedler vector differs from the serial one by " + std::to_string(err));
    check(std::abs(d.gap - s.gap) < 1e-6 * std::max(1.0, s.gap), name + ": gap");
    spectrakit::BisectionOptions bo;
    bo.fiedler = o;
    spectrakit::BisectionOptions bd = bo;
    bd.fiedler.dense_threshold = 0;
    const Eigen::VectorXi sl = spectrakit::spectral_bisection(a, bo);
    const Eigen::VectorXi dl = gather(sd::spectral_bisection(g, bd, so));
    check(sl == dl, name + ": spectral_bisection labels differ from the serial ones");
    const Eigen::VectorXi sr = spectrakit::recursive_bisection(a, 4, bo);
    const Eigen::VectorXi dr = gather(sd::recursive_bisection(g, 4, bd, so));
    check(sr == dr, name + ": recursive_bisection(4) labels differ at " +
                        std::to_string((sr.array() != dr.array()).count()) + " nodes");
  } else {  // a repeated lambda_2: any unit vector of the eigenspace; the gap is 0 for both
    check(d.gap < 1e-6 * s.value && s.gap < 1e-6 * s.value, name + ": repeated lambda_2 expected");
  }
  say(line.str());
}

void test_reader(const std::string& data, const std::string& peers) {
  compare_reader(data + "/graph/karate.mtx", "karate.mtx");
  for (const char* f : {"digits_knn10.mtx", "grid300.mtx", "grid400x225.mtx"}) {
    const std::string path = peers + "/" + f;
    if (std::ifstream(path)) compare_reader(path, f);
  }
  // The corners of the format: comments between entries, blank lines, CRLF, duplicates (summed
  // in file order), a pattern field, a symmetric file with a diagonal entry, a last line
  // without a newline; and a file of fewer bytes than lines per rank.
  const std::string tricky = scratch + "/tricky.mtx";
  write_file(tricky,
             "%%MatrixMarket matrix coordinate real symmetric\r\n% a comment\r\n\r\n6 6 9\r\n2 1 0.5\r\n% mid\r\n"
             "3 2 0.25\r\n\r\n4 3 1e-3\r\n2 1 0.125\r\n5 4 7\r\n5 5 2\r\n6 5 3\r\n6 1 0.1\r\n4 3 0.3");
  compare_reader(tricky, "a file with comments, CRLF, duplicates and no final newline");
  const std::string pattern = scratch + "/pattern.mtx";
  write_file(pattern, "%%MatrixMarket matrix coordinate pattern general\n3 3 4\n1 2\n2 1\n2 3\n3 2\n");
  compare_reader(pattern, "a pattern file");
  const std::string array = scratch + "/array.mtx";
  write_file(array, "%%MatrixMarket matrix array real symmetric\n3 3\n0\n1\n2\n0\n3\n0\n");
  compare_reader(array, "an array file");
#if defined(SPECTRAKIT_HAVE_ZLIB)
  const std::string gz = scratch + "/karate.mtx.gz";
  if (rank_ == 0) {
    std::ifstream in(data + "/graph/karate.mtx", std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    gzFile f = gzopen(gz.c_str(), "wb");
    gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
    gzclose(f);
  }
  MPI_Barrier(MPI_COMM_WORLD);
  compare_reader(gz, "karate.mtx.gz");
#endif

  // Malformed files fail on every rank with the serial reader's message (file and line).
  const std::string bad = scratch + "/bad.mtx";
  std::ostringstream text;
  text << "%%MatrixMarket matrix coordinate real symmetric\n% comment\n40 40 39\n";
  for (int i = 2; i <= 40; ++i) text << i << ' ' << i - 1 << (i == 37 ? " x\n" : " 1\n");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a bad value", text.str()},
      {"too few entries", "%%MatrixMarket matrix coordinate real symmetric\n4 4 5\n2 1 1\n3 2 1\n4 3 1\n"},
      {"too many entries", "%%MatrixMarket matrix coordinate real general\n3 3 2\n2 1 1\n1 2 1\n3 2 1\n2 3 1\n"},
      {"an index out of range", "%%MatrixMarket matrix coordinate real general\n3 3 2\n2 1 1\n1 4 1\n"},
      {"a bad banner", "%%MatrixMarket matrix coordinate complex general\n3 3 0\n"},
      {"a truncated size line", "%%MatrixMarket matrix coordinate real general\n3 3\n"},
      {"a huge header", "%%MatrixMarket matrix coordinate real general\n2000000000 2000000000 1\n1 1 1\n"},
  };
  for (const auto& c : cases) {
    write_file(bad, c.second);
    const std::string serial = serial_error(bad);
    const std::string m = expect_throw<spectrakit::io_error>([&] { (void)sd::read_matrix_market(MPI_COMM_WORLD, bad); },
                                                             "malformed file (" + c.first + ")");
    check(m.rfind(serial, 0) == 0, c.first + ": message '" + m + "' vs serial '" + serial + "'");
  }
  const std::string missing = expect_throw<spectrakit::io_error>(
      [&] { (void)sd::read_matrix_market(MPI_COMM_WORLD, scratch + "/no/such.mtx"); }, "missing file");
  expect_message(missing, "cannot open", "missing file");
  write_file(bad, "%%MatrixMarket matrix coordinate real general\n2 3 1\n1 2 1\n");
  expect_message(expect_throw<spectrakit::invalid_input>([&] { (void)sd::read_matrix_market(MPI_COMM_WORLD, bad); },
                                                         "rectangular file"),
                 "square", "rectangular file");
  write_file(bad, "%%MatrixMarket matrix coordinate real general\n3 3 2\n1 2 1\n3 2 1\n");
  expect_message(expect_throw<spectrakit::invalid_input>([&] { (void)sd::read_matrix_market(MPI_COMM_WORLD, bad); },
                                                         "asymmetric file"),
                 "must be symmetric", "asymmetric file");
  say("  reader: the same matrices and the same errors as the serial reader");
}

void test_bad_graphs() {
  const Eigen::Index n = 6;
  // A path 0-1-...-5 built from each rank's rows; `where` is the rank that spoils its last row.
  auto build = [&](double v01, double v10, int where, double spoil) {
    std::vector<PetscInt> ptr{0}, cols;
    std::vector<double> vals;
    Eigen::Index b = 0, m = 0;
    my_block(n, b, m);
    for (Eigen::Index i = b; i < b + m; ++i) {
      for (Eigen::Index j = 0; j < n; ++j)
        if (j == i + 1 || j + 1 == i) {
          double v = 1;
          if (i == 0 && j == 1) v = v01;
          if (i == 1 && j == 0) v = v10;
          if (where == rank_ && i == b + m - 1) v = spoil;
          cols.push_back(static_cast<PetscInt>(j));
          vals.push_back(v);
        }
      ptr.push_back(static_cast<PetscInt>(cols.size()));
    }
    return sd::graph_from_csr(MPI_COMM_WORLD, n, ptr, cols, vals);
  };
  const int last = size_ - 1;
  expect_message(expect_throw<spectrakit::invalid_input>([&] { (void)build(5, 1, -1, 1); }, "asymmetric graph"),
                 "argument 'A' must be symmetric", "asymmetric graph");
  expect_message(expect_throw<spectrakit::invalid_input>([&] { (void)build(1, 1, last, -1); }, "negative weight"),
                 "nonnegative", "negative weight");
  expect_message(expect_throw<spectrakit::invalid_input>([&] { (void)build(1, 1, last, std::nan("")); }, "NaN"),
                 "NaN", "NaN weight");
  expect_message(expect_throw<spectrakit::invalid_input>(
                     [&] {
                       std::vector<PetscInt> ptr{0};
                       (void)sd::graph_from_csr(MPI_COMM_WORLD, n + rank_, ptr, {}, {});
                     },
                     "n differs"),
                 "graph_from_csr: argument '", "n differs between ranks or rows do not add up");
  const sd::DistributedGraph ok = build(1, 1, -1, 1);
  expect_message(expect_throw<spectrakit::invalid_input>([&] { (void)sd::recursive_bisection(ok, 7); }, "parts > n"),
                 "argument 'parts'", "parts > n");
  expect_throw<spectrakit::invalid_input>([&] { (void)sd::recursive_bisection(ok, 0); }, "parts = 0");
  spectrakit::FiedlerOptions bad_tol;
  bad_tol.tolerance = 2;
  expect_message(expect_throw<spectrakit::invalid_input>([&] { (void)sd::fiedler_vector(ok, bad_tol); }, "tolerance"),
                 "tolerance", "tolerance out of range");
  sd::SolverOptions bad_pc;
  bad_pc.preconditioner = "ilu-please";
  expect_throw<spectrakit::invalid_input>([&] { (void)sd::fiedler_vector(ok, {}, bad_pc); }, "preconditioner");
  expect_throw<spectrakit::invalid_input>([&] { (void)sd::smallest_eigenpairs(ok, 7); }, "k > n");
  say("  bad input: invalid_input on every rank");
}

void test_matrices(const SpMat& karate) {
  const sd::DistributedGraph g = distribute(karate);
  check(gather(sd::degrees(g)).isApprox(spectrakit::degrees(karate), 1e-15), "degrees differ from the serial ones");
  for (auto kind : {spectrakit::LaplacianKind::unnormalized, spectrakit::LaplacianKind::symmetric_normalized,
                    spectrakit::LaplacianKind::random_walk}) {
    const Eigen::MatrixXd l = Eigen::MatrixXd(sd::gather_matrix(sd::laplacian(g, kind)));
    const Eigen::MatrixXd s = Eigen::MatrixXd(spectrakit::laplacian(karate, kind));
    check((l - s).cwiseAbs().maxCoeff() <= 1e-14 * s.cwiseAbs().maxCoeff(), "laplacian differs from the serial one");
  }
  // Components of a disconnected graph: a path, an isolated node, karate (renumbered).
  const Eigen::Index n = 50 + 1 + 34;
  std::vector<Eigen::Triplet<double>> t;
  for (int j = 0; j < karate.outerSize(); ++j)
    for (SpMat::InnerIterator it(karate, j); it; ++it) t.emplace_back(it.row() + 51, j + 51, it.value());
  for (int i = 0; i + 1 < 50; ++i) t.emplace_back(i, i + 1, 1.0), t.emplace_back(i + 1, i, 1.0);
  t.emplace_back(50, 52, 0.0), t.emplace_back(52, 50, 0.0);  // explicit zeros are not edges
  const SpMat a = from_triplets(n, t);
  const spectrakit::Components s = spectrakit::connected_components(a);
  const sd::DistributedGraph dg = distribute(a);
  const sd::DistributedComponents d = sd::connected_components(dg);
  check(d.count == s.count && gather(d.labels) == s.labels, "connected_components differ from the serial ones");
  for (bool normalized : {false, true}) {
    spectrakit::FiedlerOptions od;
    od.dense_threshold = 0;
    od.normalized = normalized;
    const sd::DistributedFiedlerResult f = sd::fiedler_vector(dg, od);
    const spectrakit::FiedlerResult<double> sf = spectrakit::fiedler_vector(a, od);
    check(f.value == 0 && (gather(f.vector) - sf.vector).norm() < 1e-12 && f.gap == sf.gap && f.components == 3,
          "the disconnected graph's Fiedler result differs from the serial one");
  }
  // smallest_eigenpairs: the dense spectrum of L.
  const sd::DistributedEigenpairs p = sd::smallest_eigenpairs(g, 3, spectrakit::LaplacianKind::unnormalized, 1e-10);
  const Eigen::VectorXd ev =
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(Eigen::MatrixXd(spectrakit::laplacian(karate))).eigenvalues();
  std::ostringstream got;
  got.precision(15);
  got << "smallest_eigenpairs of karate: status " << spectrakit::to_string(p.status) << ", values "
      << p.values.transpose() << " vs " << ev.head(3).transpose();
  check(p.converged() && p.values.size() == 3 && (p.values - ev.head(3)).cwiseAbs().maxCoeff() < 1e-8, got.str());
  check(p.vectors.rows() == g.local_nodes() && p.global_offset == g.global_offset(), "smallest_eigenpairs slice");
  // The PETSc pass-through reaches the solver (one iteration cannot converge: a status, not a
  // throw), and its options do not outlive the call.
  sd::SolverOptions one;
  one.petsc_options = "-eps_max_it 1";
  spectrakit::FiedlerOptions od;
  od.dense_threshold = 0;
  const sd::DistributedFiedlerResult stopped = sd::fiedler_vector(g, od, one);
  check(stopped.status == spectrakit::Status::not_converged && stopped.iterations == 1,
        std::string("petsc_options -eps_max_it 1: status ") + spectrakit::to_string(stopped.status));
  check(sd::fiedler_vector(g, od).converged(), "the petsc_options of a previous call leaked into the next one");
  say("  degrees, laplacians, components, smallest_eigenpairs, petsc_options: as serial");
}

}  // namespace

int main(int argc, char** argv) {
  sd::Environment env(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  if (argc > 1) scratch = argv[1];
  const std::string data = SPECTRAKIT_TEST_DATA_DIR, peers = SPECTRAKIT_PEERS_DATA_DIR;
  say("spectrakit distributed tests on " + std::to_string(size_) + " rank(s)");
  try {
    test_reader(data, peers);
    test_bad_graphs();
    const SpMat karate = spectrakit::read_matrix_market(data + "/graph/karate.mtx");
    test_matrices(karate);
    compare_fiedler("karate", karate, true);
    compare_fiedler("lesmis-sized (77 nodes, 254 weighted edges, seed 5)", lesmis_sized(5), true);
    compare_fiedler("scale-free (Barabasi-Albert n = 2000, m = 2, seed 7)", scale_free(2000, 2, 7), true);
    sd::SolverOptions lobpcg;
    lobpcg.method = sd::EigenMethod::lobpcg;
    compare_fiedler("lesmis-sized, LOBPCG", lesmis_sized(5), true, lobpcg);
    compare_fiedler("grid300 (300 x 300, lambda_2 double)", grid(300, 300), false);
  } catch (const std::exception& e) {
    check(false, std::string("unexpected exception: ") + e.what());
  }
  int all = 0;
  MPI_Allreduce(&failures, &all, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  say(all ? "FAILED: " + std::to_string(all) + " check(s)" : "all distributed checks passed");
  return all ? 1 : 0;
}
