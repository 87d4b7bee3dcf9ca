// Tests of the io module: Matrix Market and edge-list files (round trips, every header
// variant, the peers' symmetric lower-triangle convention, error messages with file and line)
// and a fuzz-style robustness test of the readers on malformed input.
#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <cstdio>
#include <fstream>
#include <random>
#include <spectrakit/io.hpp>
#include <string>

#include "spectrakit_catch.hpp"
#include "test_util.hpp"

using Sparse = Eigen::SparseMatrix<double>;

namespace {

/// A scratch file in the working directory, removed at the end of the scope.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& name, const std::string& content = "")
      : path("spectrakit_test_io_" + name) {
    std::ofstream out(path, std::ios::binary);
    out << content;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

#define REQUIRE_IO_ERROR(expr, text) SPECTRAKIT_REQUIRE_THROWS_CONTAINING(expr, spectrakit::io_error, text)

}  // namespace

TEST_CASE("read_matrix_market: the karate club (symmetric lower triangle, mirrored)", "[io]") {
  const Sparse a = spectrakit::read_matrix_market(SPECTRAKIT_TEST_DATA_DIR "/graph/karate.mtx");
  CHECK(a.rows() == 34);
  CHECK(a.cols() == 34);
  CHECK(a.nonZeros() == 156);  // 78 edges, both directions
  CHECK(Eigen::MatrixXd(a) == Eigen::MatrixXd(a).transpose());
  CHECK(a.coeff(1, 0) == 1.0);
  CHECK(a.coeff(0, 1) == 1.0);
  const auto h = spectrakit::read_matrix_market_header(SPECTRAKIT_TEST_DATA_DIR "/graph/karate.mtx");
  CHECK(h.coordinate);
  CHECK(h.symmetry == spectrakit::MatrixMarketSymmetry::symmetric);
  CHECK(h.entries == 78);
}

TEST_CASE("read_matrix_market: formats, fields, symmetries, comments, CRLF, duplicates", "[io]") {
  {
    TempFile f("pattern.mtx",
               "%%MatrixMarket matrix coordinate pattern general\r\n% comment\r\n\r\n3 4 3\r\n1 1\r\n3 4\r\n  2 2  \r\n");
    const Eigen::MatrixXd a = Eigen::MatrixXd(spectrakit::read_matrix_market(f.path));
    Eigen::MatrixXd e = Eigen::MatrixXd::Zero(3, 4);
    e(0, 0) = e(2, 3) = e(1, 1) = 1;
    CHECK(a == e);
  }
  {
    TempFile f("int.mtx", "%%MATRIXMARKET Matrix Coordinate Integer Symmetric\n3 3 4\n1 1 5\n2 1 -2\n3 2 7\n2 1 1\n");
    const Eigen::MatrixXd a = Eigen::MatrixXd(spectrakit::read_matrix_market(f.path));
    Eigen::Matrix3d e;
    e << 5, -1, 0, -1, 0, 7, 0, 7, 0;  // duplicates summed: -2 + 1
    CHECK(a == e);
  }
  {
    TempFile f("skew.mtx", "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 1 1.5e0\n");
    const Eigen::MatrixXd a = Eigen::MatrixXd(spectrakit::read_matrix_market(f.path));
    CHECK(a(1, 0) == 1.5);
    CHECK(a(0, 1) == -1.5);
  }
  {
    TempFile f("array.mtx", "%%MatrixMarket matrix array real general\n2 3\n1\n2\n3\n4\n5\n6\n");
    Eigen::Matrix<double, 2, 3> e;
    e << 1, 3, 5, 2, 4, 6;
    CHECK(spectrakit::read_matrix_market_dense(f.path) == Eigen::MatrixXd(e));
    CHECK(Eigen::MatrixXd(spectrakit::read_matrix_market(f.path)) == Eigen::MatrixXd(e));
  }
  {
    TempFile f("arraysym.mtx", "%%MatrixMarket matrix array real symmetric\n3 3\n1\n2\n3\n4\n5\n6\n");
    Eigen::Matrix3d e;
    e << 1, 2, 3, 2, 4, 5, 3, 5, 6;
    CHECK(spectrakit::read_matrix_market_dense(f.path) == Eigen::MatrixXd(e));
  }
  {
    TempFile f("empty.mtx", "%%MatrixMarket matrix coordinate real general\n0 0 0\n");
    CHECK(spectrakit::read_matrix_market(f.path).rows() == 0);
  }
}

TEST_CASE("write_matrix_market: round trips are exact (sparse, symmetric, integer, pattern, dense)", "[io]") {
  const Eigen::MatrixXd g = spectrakit_test::random_normal(6, 5, 3);
  Sparse s = g.sparseView();
  s.coeffRef(2, 3) = 0.1;  // a value without a short binary form
  s.coeffRef(0, 0) = 1e-310;  // subnormal
  TempFile f("rt.mtx");
  spectrakit::write_matrix_market(f.path, s);
  CHECK(Eigen::MatrixXd(spectrakit::read_matrix_market(f.path)) == Eigen::MatrixXd(s));

  const Eigen::MatrixXd sym = g.leftCols(5).topRows(5) + g.leftCols(5).topRows(5).transpose();
  spectrakit::MatrixMarketWriteOptions o;
  o.symmetry = spectrakit::MatrixMarketSymmetry::symmetric;
  o.comment = "two\nlines";
  spectrakit::write_matrix_market(f.path, Sparse(sym.sparseView()), o);
  CHECK(spectrakit::read_matrix_market_header(f.path).entries == 15);
  CHECK(Eigen::MatrixXd(spectrakit::read_matrix_market(f.path)) == sym);
  spectrakit::write_matrix_market(f.path, sym, o);  // dense: array symmetric
  CHECK(!spectrakit::read_matrix_market_header(f.path).coordinate);
  CHECK(spectrakit::read_matrix_market_dense(f.path) == sym);

  Eigen::MatrixXf ints(2, 2);
  ints << 1, -2, 3, 40000;
  spectrakit::MatrixMarketWriteOptions oi;
  oi.field = spectrakit::MatrixMarketField::integer;
  spectrakit::write_matrix_market(f.path, ints, oi);
  CHECK(spectrakit::read_matrix_market_dense(f.path) == ints.cast<double>());
  spectrakit::MatrixMarketWriteOptions op;
  op.field = spectrakit::MatrixMarketField::pattern;
  spectrakit::write_matrix_market(f.path, Eigen::SparseMatrix<float>(ints.sparseView()), op);
  CHECK(Eigen::MatrixXd(spectrakit::read_matrix_market(f.path)) == Eigen::MatrixXd::Ones(2, 2));

  // Bad requests.
  Eigen::MatrixXd asym(2, 2);
  asym << 1, 2, 3, 4;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::write_matrix_market(f.path, asym, o), "argument 'A' must be square and exactly symmetric");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::write_matrix_market(f.path, Sparse(asym.sparseView()), o), "exactly symmetric");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::write_matrix_market(f.path, g, oi), "option 'field' integer needs integer values");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::write_matrix_market(f.path, g, op), "option 'field' pattern needs a sparse matrix");
  Eigen::MatrixXd nan = asym;
  nan(0, 0) = std::numeric_limits<double>::quiet_NaN();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::write_matrix_market(f.path, nan), "NaN or Inf");
  REQUIRE_IO_ERROR(spectrakit::write_matrix_market("/nonexistent-dir/x.mtx", asym), "cannot open for writing");
}

TEST_CASE("read_matrix_market: malformed files name the file and the line", "[io][errors]") {
  struct Case {
    const char* content;
    const char* message;
  };
  const Case cases[] = {
      {"", "is empty"},
      {"%%MatrixMarket matrix coordinate real general\n", "line 1: ends before the size line"},
      {"%MatrixMarket matrix coordinate real general\n1 1 0\n", "line 1: not a Matrix Market header"},
      {"%%MatrixMarket matrix coordinate complex general\n1 1 0\n", "complex matrices are not supported"},
      {"%%MatrixMarket matrix sparse real general\n1 1 0\n", "unknown format 'sparse'"},
      {"%%MatrixMarket matrix coordinate real upper\n1 1 0\n", "unknown symmetry 'upper'"},
      {"%%MatrixMarket matrix array pattern general\n1 1\n", "cannot be 'pattern'"},
      {"%%MatrixMarket matrix coordinate real general\n2 2\n", "line 2: size line: missing the entry count"},
      {"%%MatrixMarket matrix coordinate real general\n2 -2 1\n", "line 2: size line: negative size"},
      {"%%MatrixMarket matrix coordinate real general\n2 2 1 9\n", "unexpected text after the sizes"},
      {"%%MatrixMarket matrix coordinate real symmetric\n2 3 1\n", "must be square"},
      {"%%MatrixMarket matrix coordinate real general\n99999999999 2 1\n", "too large for 32-bit"},
      {"%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n", "line 3: row index 3 outside [1, 2]"},
      {"%%MatrixMarket matrix coordinate real general\n2 2 1\n1 0 1.0\n", "line 3: column index 0 outside [1, 2]"},
      {"%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 abc\n", "line 3: expected a number value, got 'abc'"},
      {"%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 nan\n", "line 3: value is not finite"},
      {"%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1e999\n", "line 3: value overflows a double"},
      {"%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1\n", "line 3: missing the value"},
      {"%%MatrixMarket matrix coordinate real general\n2 2 1\n1.5 1 1\n", "expected an integer row index, got '1.5'"},
      {"%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 1 2.5\n", "expected an integer value"},
      {"%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n", "line 3: ends after 1 of the 2 announced entries"},
      {"%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n2 2 2\n", "line 4: more entries than the size line announces"},
      {"%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1 7\n", "unexpected text after the entry"},
      {"%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n1 1 1\n", "zero diagonal"},
      {"%%MatrixMarket matrix array real general\n2 1\n1\n", "ends after 1 of the 2 announced values"},
      {"%%MatrixMarket matrix array real general\n1 1\n1 2\n", "one value per line"},
  };
  int k = 0;
  for (const Case& c : cases) {
    INFO("case " << k << ": " << c.content);
    TempFile f("bad" + std::to_string(k++) + ".mtx", c.content);
    REQUIRE_IO_ERROR(spectrakit::read_matrix_market(f.path), c.message);
    REQUIRE_IO_ERROR(spectrakit::read_matrix_market(f.path), "file '" + f.path + "'");
  }
  REQUIRE_IO_ERROR(spectrakit::read_matrix_market("/nonexistent/graph.mtx"), "cannot open");
}

TEST_CASE("readers: a header cannot make them allocate what the file does not justify", "[io][errors]") {
  // 2e9 x 2e9 with one entry: the index arrays alone would be 16 GB. Rejected at the size line,
  // naming the file, the line and the bytes, before anything of that size is allocated.
  TempFile huge("huge.mtx", "%%MatrixMarket matrix coordinate real general\n2000000000 2000000000 1\n1 1 1\n");
  REQUIRE_IO_ERROR(spectrakit::read_matrix_market(huge.path), "file '" + huge.path + "' line 2: size line: the index arrays would need 16000000008 bytes");
  REQUIRE_IO_ERROR(spectrakit::read_matrix_market(huge.path), "more than a file of 76 bytes can justify (at most 67108864");
  REQUIRE_IO_ERROR(spectrakit::read_matrix_market_dense(huge.path), "line 2: size line: the dense matrix would need");
  // An announced entry count far beyond the file: reserved only up to what the file can hold,
  // then the count mismatch is reported.
  TempFile many("many.mtx", "%%MatrixMarket matrix coordinate real general\n10 10 2000000000\n1 1 1\n");
  REQUIRE_IO_ERROR(spectrakit::read_matrix_market(many.path), "line 2: size line: more entries than the matrix has");
  TempFile many_sym("manysym.mtx", "%%MatrixMarket matrix coordinate pattern symmetric\n2000000 2000000 2000000000\n2 1\n");
  REQUIRE_IO_ERROR(spectrakit::read_matrix_market(many_sym.path), "line 3: ends after 1 of the 2000000000 announced entries");
  // A dense array header: 8 rows cols bytes.
  TempFile arr("hugearray.mtx", "%%MatrixMarket matrix array real general\n100000 100000\n1\n");
  REQUIRE_IO_ERROR(spectrakit::read_matrix_market(arr.path), "line 2: size line: the dense array would need 80000000000 bytes");
  REQUIRE_IO_ERROR(spectrakit::read_matrix_market_dense(arr.path), "the dense array would need");
  // Inside the floor (64 MiB) any header is fine: a million nodes and no entry.
  TempFile big_empty("bigempty.mtx", "%%MatrixMarket matrix coordinate pattern symmetric\n1000000 1000000 0\n");
  CHECK(spectrakit::read_matrix_market(big_empty.path).cols() == 1000000);
  // The budget grows with the file: 64 bytes per byte of file.
  CHECK(spectrakit::detail::header_budget(0) == (std::size_t(1) << 26));
  CHECK(spectrakit::detail::header_budget(std::size_t(1) << 30) == (std::size_t(1) << 36));
  CHECK(spectrakit::detail::header_budget(std::numeric_limits<std::size_t>::max()) > (std::size_t(1) << 60));
}

TEST_CASE("read_edge_list: ids remapped by first appearance, weights, comments, duplicates", "[io]") {
  TempFile f("edges.txt",
             "# a comment\n% another\n\n10 20\n20\t-5 2.5   # trailing comment\n-5 10 0.5\n7 7 3\n20 10 4\n");
  const auto g = spectrakit::read_edge_list(f.path);
  REQUIRE(g.node_ids == std::vector<std::int64_t>{10, 20, -5, 7});
  CHECK(g.lines_read == 5);
  Eigen::Matrix4d e;
  e << 0, 4, 0.5, 0, 4, 0, 2.5, 0, 0.5, 2.5, 0, 0, 0, 0, 0, 3;  // 20 10 4 replaces 10 20 (last wins)
  CHECK(Eigen::MatrixXd(g.adjacency) == Eigen::MatrixXd(e));
  spectrakit::EdgeListOptions sum;
  sum.duplicates = spectrakit::DuplicateEdges::sum;
  CHECK(spectrakit::read_edge_list(f.path, sum).adjacency.coeff(0, 1) == 5.0);
  spectrakit::EdgeListOptions mx;
  mx.duplicates = spectrakit::DuplicateEdges::max;
  mx.default_weight = 6;
  CHECK(spectrakit::read_edge_list(f.path, mx).adjacency.coeff(0, 1) == 6.0);
  spectrakit::EdgeListOptions bad;
  bad.default_weight = -1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::read_edge_list(f.path, bad), "option 'default_weight'");
  TempFile empty("empty.txt", "# nothing\n");
  CHECK(spectrakit::read_edge_list(empty.path).adjacency.rows() == 0);
  const std::pair<const char*, const char*> errors[] = {
      {"1 2\n3\n", "line 2: expected two node ids, found one"},
      {"1 2\nx 3\n", "line 2: expected an integer node id, got 'x'"},
      {"1 2 -1\n", "line 1: negative weight"},
      {"1 2 inf\n", "line 1: weight is not finite"},
      {"1 2 1 4\n", "line 1: unexpected text"},
      {"1 99999999999999999999\n", "line 1: node id is out of range"},
  };
  TempFile overflow("overflow.txt", "1 2 1e308\n2 1 1e308\n");
  CHECK(spectrakit::read_edge_list(overflow.path).adjacency.coeff(0, 1) == 1e308);  // last wins
  REQUIRE_IO_ERROR(spectrakit::read_edge_list(overflow.path, sum), "the weights of edge 1 2 add up beyond the largest double");
  int k = 0;
  for (const auto& [content, message] : errors) {
    INFO(content);
    TempFile b("badedges" + std::to_string(k++) + ".txt", content);
    REQUIRE_IO_ERROR(spectrakit::read_edge_list(b.path), message);
  }
}

TEST_CASE("readers survive random corruption of valid files (fuzz)", "[io][fuzz]") {
  // Mutate a valid file byte by byte (replace, insert, delete, truncate) many times: every read
  // must either succeed with a consistent matrix or throw io_error; never crash, hang or throw
  // anything else (run under ASan/UBSan in CI).
  const std::string mtx =
      "%%MatrixMarket matrix coordinate real symmetric\n% karate excerpt\n5 5 6\n2 1 1\n3 1 2.5\n3 2 1e-3\n4 3 7\n5 4 "
      "1\n5 5 3\n";
  const std::string arr = "%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n";
  const std::string edges = "# x\n1 2\n2 3 0.5\n3 1\n10 -4 2\n";
  const char alphabet[] = "0123456789 .-+eE%\n\t\rxX#";
  std::mt19937_64 rng(2024);
  int ok = 0, rejected = 0;
  for (int trial = 0; trial < 1500; ++trial) {
    const std::string& base = trial % 3 == 0 ? mtx : (trial % 3 == 1 ? arr : edges);
    std::string s = base;
    const int edits = 1 + int(rng() % 4);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const std::size_t pos = rng() % s.size();
      const char c = alphabet[rng() % (sizeof(alphabet) - 1)];
      switch (rng() % 4) {
        case 0: s[pos] = c; break;
        case 1: s.insert(s.begin() + std::ptrdiff_t(pos), c); break;
        case 2: s.erase(pos, 1); break;
        default: s.resize(pos); break;
      }
    }
    TempFile f("fuzz.txt", s);
    try {
      if (trial % 3 == 2) {
        const auto g = spectrakit::read_edge_list(f.path);
        CHECK(g.adjacency.rows() == Eigen::Index(g.node_ids.size()));
      } else {
        const Sparse a = spectrakit::read_matrix_market(f.path);
        CHECK(a.rows() >= 0);
        for (Eigen::Index k = 0; k < a.nonZeros(); ++k) CHECK(std::isfinite(a.valuePtr()[k]));
      }
      ++ok;
    } catch (const spectrakit::io_error&) {
      ++rejected;
    }
  }
  CHECK(ok > 50);
  CHECK(rejected > 500);
}
