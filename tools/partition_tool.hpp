/// @file tools/partition_tool.hpp
/// @brief spectrakit-partition as a function: run_partition(argc, argv, out, err) does all the
/// tool does and returns its exit status, so that main() and the fuzz target
/// (tests/fuzz/fuzz_partition_tool.cpp) share every line of it. Nothing here calls std::exit,
/// and every exception is caught and turned into a message and an exit status.
///
/// Exit status (documented in the --help text and docs/errors.md):
///   0 success; 1 an internal error (a bug: please report it); 2 bad usage (unknown option,
///   bad value, --parts above n); 3 bad input (unreadable or malformed file, a graph with fewer
///   than 2 nodes or more than --max-nodes); 4 out of memory; 5 an output file cannot be written.
#ifndef SPECTRAKIT_TOOLS_PARTITION_TOOL_HPP
#define SPECTRAKIT_TOOLS_PARTITION_TOOL_HPP

// GCC 12 reports a false -Wmaybe-uninitialized inside Eigen 3.4's dense symmetric eigen-solver
// (SelfadjointMatrixVector.h, TriangularMatrixVector.h) when it is inlined here; the warning
// location is in Eigen's headers, so it is silenced before they are included.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/SparseCore>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <limits>
#include <iomanip>
#include <new>
#include <ostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <spectrakit/graph.hpp>
#include <spectrakit/io.hpp>
#include <spectrakit/version.hpp>

#define SPECTRAKIT_TOOL_STR(x) #x
#define SPECTRAKIT_TOOL_XSTR(x) SPECTRAKIT_TOOL_STR(x)

namespace spectrakit {
namespace tools {

/// Exit statuses of spectrakit-partition.
enum ExitStatus : int {
  exit_success = 0,        ///< Done.
  exit_internal = 1,       ///< An unexpected exception: a bug.
  exit_usage = 2,          ///< Bad command line.
  exit_input = 3,          ///< The graph file cannot be read or is not usable.
  exit_out_of_memory = 4,  ///< Memory ran out (reading or computing).
  exit_output = 5,         ///< An output file cannot be written.
};

/// Graphs above this many nodes are not drawn unless --svg-max-nodes says otherwise: the
/// stress layout costs O(n^2) memory and O(n^2) time per iteration.
constexpr long long kDefaultSvgMaxNodes = 2000;

namespace partition_detail {

// Zachary's karate club (W. W. Zachary, J. Anthropological Research 33 (1977) 452-473), the
// unweighted friendship graph as in NetworkX's karate_club_graph: 34 members, 78 edges,
// 0-based member numbers.
const int kKarateEdges[78][2] = {
    {0, 1},   {0, 2},   {0, 3},   {0, 4},   {0, 5},   {0, 6},   {0, 7},   {0, 8},   {0, 10},  {0, 11},
    {0, 12},  {0, 13},  {0, 17},  {0, 19},  {0, 21},  {0, 31},  {1, 2},   {1, 3},   {1, 7},   {1, 13},
    {1, 17},  {1, 19},  {1, 21},  {1, 30},  {2, 3},   {2, 7},   {2, 8},   {2, 9},   {2, 13},  {2, 27},
    {2, 28},  {2, 32},  {3, 7},   {3, 12},  {3, 13},  {4, 6},   {4, 10},  {5, 6},   {5, 10},  {5, 16},
    {6, 16},  {8, 30},  {8, 32},  {8, 33},  {9, 33},  {13, 33}, {14, 32}, {14, 33}, {15, 32}, {15, 33},
    {18, 32}, {18, 33}, {19, 33}, {20, 32}, {20, 33}, {22, 32}, {22, 33}, {23, 25}, {23, 27}, {23, 29},
    {23, 32}, {23, 33}, {24, 25}, {24, 27}, {24, 31}, {25, 31}, {26, 29}, {26, 33}, {27, 33}, {28, 31},
    {28, 33}, {29, 32}, {29, 33}, {30, 32}, {30, 33}, {31, 32}, {31, 33}, {32, 33}};
// The club's split after the fission: 0 = Mr. Hi's group, 1 = the Officer's.
const int kKarateFaction[34] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0,
                                0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

inline const char* usage_text() {
  return "usage: spectrakit-partition [GRAPH] [options]\n"
         "\n"
         "Spectral partitioning of an undirected graph (spectrakit " SPECTRAKIT_TOOL_XSTR(SPECTRAKIT_VERSION_MAJOR) "." SPECTRAKIT_TOOL_XSTR(
             SPECTRAKIT_VERSION_MINOR) "." SPECTRAKIT_TOOL_XSTR(SPECTRAKIT_VERSION_PATCH) ").\n"
         "\n"
         "GRAPH     a Matrix Market file (.mtx, or gzip-compressed .mtx.gz; 'coordinate' real, integer\n"
         "          or pattern, 'symmetric' or 'general' with a symmetric matrix) or an edge list\n"
         "          (one 'u v [weight]' per line, integer ids, '#' or '%' comments). Without GRAPH\n"
         "          the program runs on Zachary's karate club (34 nodes, 78 edges), built in.\n"
         "\n"
         "options:\n"
         "  --parts K      number of parts (default 2): spectral bisection for 2, recursive\n"
         "                 bisection of the largest part for more; 1 <= K <= n\n"
         "  --normalized   use the normalized Laplacian L_sym = I - D^-1/2 A D^-1/2 (Shi-Malik\n"
         "                 normalized cut) instead of L = D - A\n"
         "  --median       split each part at the median of the Fiedler vector (balanced parts)\n"
         "                 instead of by sign\n"
         "  --out FILE     write one label per node to FILE (default: NAME.parts in the current\n"
         "                 directory; for edge lists each line is 'id label'); '-' for stdout\n"
         "  --svg FILE     draw the graph (default: NAME.svg), parts coloured, laid out by stress\n"
         "                 majorization started from the 2nd and 3rd Laplacian eigenvectors, node\n"
         "                 numbers (0-based) in non-overlapping circles up to 100 nodes; 'none' to skip\n"
         "  --svg-max-nodes N  skip the picture (with a note) above N nodes (default 2000: the\n"
         "                 layout costs O(n^2) time and memory)\n"
         "  --max-nodes N  refuse graphs of more than N nodes (exit status 3); default: no limit\n"
         "  --seed S       seed of the eigen-solver's start vectors and of the layout (default 42)\n"
         "  --quiet        no progress lines on stderr (one per phase, with the elapsed time)\n"
         "  --distributed  run on PETSc/SLEPc under MPI (mpirun -np N spectrakit-partition\n"
         "                 --distributed GRAPH ...): Matrix Market files only, read in parallel;\n"
         "                 the same labels file; needs a build with SPECTRAKIT_WITH_SLEPC\n"
         "  --petsc-options S  PETSc options for the eigen-solver with --distributed, e.g.\n"
         "                 '-eps_type krylovschur -st_type sinvert' or '-eps_view'\n"
         "  --help         this text\n"
         "\n"
         "Output: n, edges, components, lambda_2 (algebraic connectivity) with the gap to lambda_3,\n"
         "the part sizes and the cut weight. Errors are one line on stderr,\n"
         "'spectrakit-partition: <what went wrong>', naming the file, line and size involved.\n"
         "Exit status: 0 success, 1 internal error (a bug), 2 bad usage, 3 bad input file or graph,\n"
         "4 out of memory, 5 an output file cannot be written.\n";
}

struct Options {
  std::string graph;
  Eigen::Index parts = 2;
  bool normalized = false;
  bool median = false;
  bool help = false;
  std::string out;
  std::string svg;
  long long svg_max_nodes = kDefaultSvgMaxNodes;
  long long max_nodes = 0;  // 0: no limit
  std::uint64_t seed = 42;
  bool quiet = false;
  bool distributed = false;   // --distributed (tools/partition_distributed.hpp)
  std::string petsc_options;  // --petsc-options
};

/// A failure with its exit status and message (without the "spectrakit-partition: " prefix).
struct Failure {
  int status;
  std::string message;
};

class Progress {
 public:
  Progress(bool on, std::ostream& err) : on_(on), err_(err), start_(std::chrono::steady_clock::now()) {}
  void step(const std::string& what) {
    if (!on_) return;
    const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    char buf[32];
    std::snprintf(buf, sizeof buf, "[%8.3f s] ", t);
    err_ << "spectrakit-partition: " << buf << what << std::endl;
  }

 private:
  bool on_;
  std::ostream& err_;
  std::chrono::steady_clock::time_point start_;
};

inline bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

inline std::string base_name(const std::string& path) {
  const std::size_t slash = path.find_last_of("/\\");
  std::string b = path.substr(slash == std::string::npos ? 0 : slash + 1);
  for (const char* ext : {".gz", ".mtx", ".txt", ".edges", ".edgelist", ".el", ".csv"})
    if (ends_with(b, ext)) b.resize(b.size() - std::strlen(ext));
  return b.empty() ? std::string("graph") : b;
}

inline bool looks_like_matrix_market(const std::string& path) {
  if (ends_with(path, ".mtx") || ends_with(path, ".mtx.gz")) return true;
  std::ifstream in(path, std::ios::binary);
  char head[14] = {};
  in.read(head, 14);
  return std::string(head, 14) == "%%MatrixMarke";
}

inline long long parse_count(const std::string& name, const std::string& v, long long lo, long long hi) {
  char* end = nullptr;
  errno = 0;
  const long long k = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || errno == ERANGE || k < lo || k > hi)
    throw Failure{exit_usage, name + " needs an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                                  "], got '" + v + "'"};
  return k;
}

inline Options parse_arguments(int argc, const char* const* argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i] ? argv[i] : "";
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc || !argv[i + 1]) throw Failure{exit_usage, std::string("option ") + name + " needs a value"};
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      o.help = true;
    } else if (a == "--parts" || a == "-k") {
      o.parts = static_cast<Eigen::Index>(parse_count("--parts", value("--parts"), 1, std::numeric_limits<int>::max()));
    } else if (a == "--normalized") {
      o.normalized = true;
    } else if (a == "--median") {
      o.median = true;
    } else if (a == "--out" || a == "-o") {
      o.out = value("--out");
      if (o.out.empty()) throw Failure{exit_usage, "--out needs a file name"};
    } else if (a == "--svg") {
      o.svg = value("--svg");
      if (o.svg.empty()) throw Failure{exit_usage, "--svg needs a file name"};
    } else if (a == "--svg-max-nodes") {
      o.svg_max_nodes = parse_count("--svg-max-nodes", value("--svg-max-nodes"), 0, std::numeric_limits<int>::max());
    } else if (a == "--max-nodes") {
      o.max_nodes = parse_count("--max-nodes", value("--max-nodes"), 1, std::numeric_limits<int>::max());
    } else if (a == "--seed") {
      const std::string v = value("--seed");
      char* end = nullptr;
      errno = 0;
      o.seed = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || v[0] == '-' || errno == ERANGE)
        throw Failure{exit_usage, "--seed needs a nonnegative 64-bit integer, got '" + v + "'"};
    } else if (a == "--distributed") {
      o.distributed = true;
    } else if (a == "--petsc-options") {
      o.petsc_options = value("--petsc-options");
    } else if (a == "--quiet" || a == "-q") {
      o.quiet = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      throw Failure{exit_usage, "unknown option '" + a + "'"};
    } else if (a.empty()) {
      throw Failure{exit_usage, "an empty GRAPH name"};
    } else if (o.graph.empty()) {
      o.graph = a;
    } else {
      throw Failure{exit_usage, "more than one GRAPH given ('" + o.graph + "' and '" + a + "')"};
    }
  }
  return o;
}

/// Distinct colours for up to 12 parts, then cycled.
inline const char* colour(int part) {
  static const char* const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                                        "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939"};
  return palette[static_cast<unsigned>(part) % 12u];
}

/// Hop distances between all pairs (BFS from every node); unreachable pairs get one more than
/// the largest finite distance, so that components are drawn apart but near.
inline Eigen::MatrixXf hop_distances(const Eigen::SparseMatrix<double>& a) {
  const Eigen::Index n = a.rows();
  Eigen::MatrixXf d = Eigen::MatrixXf::Constant(n, n, -1.0f);
  std::vector<Eigen::Index> queue(static_cast<std::size_t>(n));
  float longest = 1;
  for (Eigen::Index s = 0; s < n; ++s) {
    std::size_t head = 0, tail = 0;
    queue[tail++] = s;
    d(s, s) = 0;
    while (head < tail) {
      const Eigen::Index u = queue[head++];
      for (Eigen::SparseMatrix<double>::InnerIterator it(a, u); it; ++it) {
        const Eigen::Index v = it.index();
        if (d(v, s) < 0) {
          d(v, s) = d(u, s) + 1;
          longest = std::max(longest, d(v, s));
          queue[tail++] = v;
        }
      }
    }
  }
  d = (d.array() < 0).select(longest + 1, d);
  return d;
}

/// Stress majorization (Gansner, Koren & North, "Graph drawing by stress majorization", GD 2004),
/// the localized update x_i <- sum_j w_ij (x_j + d_ij (x_i - x_j) / |x_i - x_j|) / sum_j w_ij with
/// w_ij = d_ij^-2 and d_ij the hop distance, started from the spectral coordinates (scaled to unit
/// mean edge length, coincident nodes separated by a seeded jitter). Stops when the stress
/// changes by less than 1e-5 relatively, or after 300 sweeps. O(n^2) per sweep.
inline Eigen::MatrixXd stress_layout(const Eigen::SparseMatrix<double>& a, Eigen::MatrixXd xy, std::uint64_t seed) {
  const Eigen::Index n = a.rows();
  if (n < 2) return xy;
  const Eigen::MatrixXf d = hop_distances(a);
  double edge_sum = 0;
  Eigen::Index edge_count = 0;
  for (Eigen::Index j = 0; j < a.outerSize(); ++j)
    for (Eigen::SparseMatrix<double>::InnerIterator it(a, j); it; ++it)
      if (it.index() < j) edge_sum += (xy.row(it.index()) - xy.row(j)).norm(), ++edge_count;
  const double mean = edge_count > 0 ? edge_sum / double(edge_count) : 0;
  if (mean > 0 && std::isfinite(mean)) xy /= mean;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> jitter(-0.05, 0.05);
  for (Eigen::Index i = 0; i < n; ++i)
    for (int c = 0; c < 2; ++c) xy(i, c) = std::isfinite(xy(i, c)) ? xy(i, c) + jitter(rng) : jitter(rng);
  auto stress = [&] {
    double s = 0;
    for (Eigen::Index j = 0; j < n; ++j)
      for (Eigen::Index i = j + 1; i < n; ++i) {
        const double dij = d(i, j), r = (xy.row(i) - xy.row(j)).norm() - dij;
        s += r * r / (dij * dij);
      }
    return s;
  };
  double previous = stress();
  for (int sweep = 0; sweep < 300; ++sweep) {
    for (Eigen::Index i = 0; i < n; ++i) {
      double wsum = 0, x = 0, y = 0;
      for (Eigen::Index j = 0; j < n; ++j) {
        if (j == i) continue;
        const double dij = d(j, i), w = 1.0 / (dij * dij);
        const double dx = xy(i, 0) - xy(j, 0), dy = xy(i, 1) - xy(j, 1);
        const double len = std::sqrt(dx * dx + dy * dy);
        x += w * (xy(j, 0) + (len > 0 ? dij * dx / len : 0));
        y += w * (xy(j, 1) + (len > 0 ? dij * dy / len : 0));
        wsum += w;
      }
      xy(i, 0) = x / wsum;
      xy(i, 1) = y / wsum;
    }
    const double now = stress();
    if (std::abs(previous - now) <= 1e-5 * previous) break;
    previous = now;
  }
  return xy;
}

/// Picture coordinates: the layout fitted in [margin, size - margin]^2 with one scale for both
/// axes, then node circles of radius r pushed apart until no two overlap (gap of 2 px), a few
/// dozen passes at most. Returns the smallest distance between two centres.
inline double fit_to_picture(Eigen::MatrixXd& xy, double size, double margin, double r, bool separate) {
  const Eigen::Index n = xy.rows();
  const Eigen::RowVector2d lo = xy.colwise().minCoeff(), hi = xy.colwise().maxCoeff();
  const double span = std::max(hi(0) - lo(0), hi(1) - lo(1));
  const double scale = span > 0 ? (size - 2 * margin) / span : 1.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    xy(i, 0) = margin + (xy(i, 0) - lo(0)) * scale + (size - 2 * margin - (hi(0) - lo(0)) * scale) / 2;
    xy(i, 1) = margin + (xy(i, 1) - lo(1)) * scale + (size - 2 * margin - (hi(1) - lo(1)) * scale) / 2;
  }
  const double want = 2 * r + 2;
  auto closest = [&] {
    double m = std::numeric_limits<double>::infinity();
    for (Eigen::Index j = 0; j < n; ++j)
      for (Eigen::Index i = j + 1; i < n; ++i) m = std::min(m, (xy.row(i) - xy.row(j)).norm());
    return m;
  };
  if (!separate) return closest();
  for (int pass = 0; pass < 200 && closest() < want; ++pass) {
    for (Eigen::Index j = 0; j < n; ++j)
      for (Eigen::Index i = j + 1; i < n; ++i) {
        Eigen::RowVector2d v = xy.row(i) - xy.row(j);
        double len = v.norm();
        if (len >= want) continue;
        if (len == 0) v << 1, 0, len = 1e-9;
        const Eigen::RowVector2d push = v / std::max(len, 1e-9) * ((want - len) / 2 + 0.01);
        xy.row(i) += push;
        xy.row(j) -= push;
      }
    for (Eigen::Index i = 0; i < n; ++i)
      for (int c = 0; c < 2; ++c) xy(i, c) = std::min(std::max(xy(i, c), r + 1), size - r - 1);
  }
  return closest();
}

/// Writes the picture; returns the smallest distance between two node centres (pixels).
inline double write_svg(const std::string& path, const Eigen::SparseMatrix<double>& a, Eigen::MatrixXd xy,
                        const Eigen::VectorXi& labels, const std::string& title, std::uint64_t seed) {
  const Eigen::Index n = a.rows();
  const double size = 800, margin = 30;
  const bool numbered = n <= 100;
  const double r = n > 1000 ? 2.0 : (numbered ? 9.0 : 4.0);
  xy = stress_layout(a, std::move(xy), seed);
  const double closest = fit_to_picture(xy, size, margin, r, numbered);
  std::ofstream out(path);
  if (!out) throw Failure{exit_output, "cannot write '" + path + "': " + std::strerror(errno)};
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << size << "\" height=\"" << size + 30
      << "\" viewBox=\"0 0 " << size << " " << size + 30 << "\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << "<text x=\"10\" y=\"" << size + 20 << "\" font-family=\"sans-serif\" font-size=\"13\">" << title << "</text>\n";
  out << "<g stroke=\"#999\" stroke-opacity=\"0.6\" stroke-width=\"" << (n > 1000 ? 0.3 : 1.0) << "\">\n";
  char buf[200];
  for (Eigen::Index j = 0; j < a.outerSize(); ++j)
    for (Eigen::SparseMatrix<double>::InnerIterator it(a, j); it; ++it)
      if (it.index() < j) {
        const Eigen::Index i = it.index();
        std::snprintf(buf, sizeof buf, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", xy(i, 0), xy(i, 1),
                      xy(j, 0), xy(j, 1));
        out << buf;
      }
  out << "</g>\n<g stroke=\"white\" stroke-width=\"1\">\n";
  for (Eigen::Index i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>\n", xy(i, 0), xy(i, 1), r,
                  colour(labels(i)));
    out << buf;
  }
  out << "</g>\n";
  if (numbered) {
    out << "<g font-family=\"sans-serif\" font-size=\"9\" fill=\"white\" text-anchor=\"middle\">\n";
    for (Eigen::Index i = 0; i < n; ++i) {
      std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.1f\">%ld</text>\n", xy(i, 0), xy(i, 1) + 3.0, long(i));
      out << buf;
    }
    out << "</g>\n";
  }
  out << "</svg>\n";
  out.close();
  if (!out) throw Failure{exit_output, "error writing '" + path + "'"};
  return closest;
}

inline std::string xml_escape(const std::string& s) {
  std::string r;
  for (const char c : s) {
    if (c == '<') r += "&lt;";
    else if (c == '>') r += "&gt;";
    else if (c == '&') r += "&amp;";
    else if (c == '"') r += "&quot;";
    else if (static_cast<unsigned char>(c) < 0x20) r += '?';
    else r += c;
  }
  return r;
}

/// The tool's work once the arguments are parsed; throws Failure, spectrakit's exceptions or
/// std::bad_alloc. `phase` says what was going on when it throws (reading or writing).
inline int partition(const Options& o, std::ostream& out, Progress& progress, int& failure_status) {
  Eigen::SparseMatrix<double> a;
  std::vector<std::int64_t> ids;  // edge lists: the file's node ids
  std::string name;
  const bool karate = o.graph.empty();
  failure_status = exit_input;
  if (o.distributed)  // main() runs run_partition_distributed() instead when it is built in
    throw Failure{exit_usage, "--distributed: this spectrakit-partition was built without the distributed module "
                              "(configure spectrakit with -DSPECTRAKIT_WITH_SLEPC=ON)"};
  if (karate) {
    out << "No GRAPH given: running on Zachary's karate club (34 nodes, 78 edges), built into this program.\n"
           "(spectrakit-partition --help lists the options.)\n";
    std::vector<Eigen::Triplet<double>> t;
    for (const auto& e : kKarateEdges) t.emplace_back(e[0], e[1], 1.0), t.emplace_back(e[1], e[0], 1.0);
    a.resize(34, 34);
    a.setFromTriplets(t.begin(), t.end());
    name = "karate";
  } else {
    progress.step("reading " + o.graph);
    if (looks_like_matrix_market(o.graph)) {
      a = spectrakit::read_matrix_market(o.graph);
    } else {
      spectrakit::EdgeListGraph g = spectrakit::read_edge_list(o.graph);
      a = std::move(g.adjacency);
      ids = std::move(g.node_ids);
    }
    name = base_name(o.graph);
  }
  const Eigen::Index n = a.rows();
  if (a.rows() != a.cols())
    throw Failure{exit_input, "'" + o.graph + "' holds a " + std::to_string(a.rows()) + " x " + std::to_string(a.cols()) +
                                  " matrix; an adjacency matrix must be square"};
  if (n < 2)
    throw Failure{exit_input, "'" + o.graph + "': the graph has " + std::to_string(n) + " node(s); at least 2 are needed"};
  if (o.max_nodes > 0 && n > o.max_nodes)
    throw Failure{exit_input, "'" + o.graph + "': the graph has " + std::to_string(n) + " nodes, more than --max-nodes " +
                                  std::to_string(o.max_nodes)};
  if (o.parts > n)
    throw Failure{exit_usage, "--parts " + std::to_string(o.parts) + " exceeds the number of nodes (" + std::to_string(n) + ")"};
  progress.step("components (n = " + std::to_string(n) + ", " + std::to_string(a.nonZeros()) + " stored entries)");
  const spectrakit::Components comps = spectrakit::connected_components(a);  // validates: symmetric, >= 0, finite
  Eigen::Index edges = 0, loops = 0;
  for (Eigen::Index j = 0; j < a.outerSize(); ++j)
    for (Eigen::SparseMatrix<double>::InnerIterator it(a, j); it; ++it) {
      if (it.index() < j) ++edges;
      if (it.index() == j) ++loops;
    }
  progress.step("spectral embedding (lambda_2, lambda_3)");
  spectrakit::EmbeddingOptions eo;
  eo.normalized = o.normalized;
  eo.seed = o.seed;
  eo.tolerance = 1e-10;
  const Eigen::Index dims = std::min<Eigen::Index>(2, n - 1);
  const auto emb = spectrakit::spectral_embedding_pairs(a, dims, eo);
  progress.step("partitioning into " + std::to_string(o.parts) + " parts");
  spectrakit::BisectionOptions bo;
  bo.fiedler.normalized = o.normalized;
  bo.fiedler.seed = o.seed;
  bo.fiedler.tolerance = 1e-10;
  bo.split = o.median ? spectrakit::BisectionSplit::median : spectrakit::BisectionSplit::sign;
  Eigen::VectorXi labels;
  if (o.parts == 2) {
    Eigen::VectorXd v = emb.coordinates.col(0);
    if (o.normalized) {
      const Eigen::VectorXd d = spectrakit::degrees(a);
      for (Eigen::Index i = 0; i < n; ++i)
        if (d(i) > 0) v(i) /= std::sqrt(d(i));
    }
    labels = spectrakit::bisect_by_vector(v, bo.split);
  } else {
    labels = spectrakit::recursive_bisection(a, o.parts, bo);
  }
  const double cut = spectrakit::cut_weight(a, labels);
  Eigen::VectorXi sizes = Eigen::VectorXi::Zero(o.parts);
  for (Eigen::Index i = 0; i < n; ++i) ++sizes(labels(i));
  const double lambda2 = comps.count > 1 ? 0.0 : emb.eigenvalues(0);

  // Outputs.
  failure_status = exit_output;
  const std::string out_path = o.out.empty() ? name + ".parts" : o.out;
  const std::string svg_path = o.svg.empty() ? name + ".svg" : o.svg;
  progress.step("writing " + out_path);
  {
    std::ofstream file;
    std::ostream* os = &out;
    if (out_path != "-") {
      file.open(out_path);
      if (!file) throw Failure{exit_output, "cannot write '" + out_path + "': " + std::strerror(errno)};
      os = &file;
    }
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!ids.empty()) *os << ids[static_cast<std::size_t>(i)] << ' ';
      *os << labels(i) << '\n';
    }
    if (file.is_open()) file.close();
    if (!*os) throw Failure{exit_output, "error writing '" + out_path + "'"};
  }
  std::ostringstream title;
  title.precision(6);
  title << xml_escape(name) << ": n = " << n << ", " << edges << " edges, lambda_2 = " << lambda2 << ", " << o.parts
        << " parts, cut = " << cut << (o.normalized ? " (normalized)" : "");
  std::string picture;
  if (svg_path != "none" && n > o.svg_max_nodes) {
    picture = "skipped: " + std::to_string(n) + " nodes, more than --svg-max-nodes " + std::to_string(o.svg_max_nodes) +
              " (the layout costs O(n^2))";
  } else if (svg_path != "none") {
    progress.step("stress layout and " + svg_path);
    Eigen::MatrixXd xy(n, 2);
    xy.col(0) = emb.coordinates.col(0);
    xy.col(1) = dims > 1 ? Eigen::VectorXd(emb.coordinates.col(1)) : Eigen::VectorXd::Zero(n);
    const double closest = write_svg(svg_path, a, std::move(xy), labels, title.str(), o.seed);
    std::ostringstream s;
    s << svg_path << " (stress layout from the spectral coordinates; closest node centres " << std::fixed
      << std::setprecision(1) << closest << " px apart)";
    picture = s.str();
  }
  progress.step("done");

  const auto precision = out.precision(10);
  out << "graph        " << (karate ? std::string("Zachary's karate club (built in)") : o.graph) << "\n";
  out << "nodes        " << n << "\n";
  out << "edges        " << edges << (loops ? " (+ " + std::to_string(loops) + " self-loops, ignored by L)" : "") << "\n";
  out << "components   " << comps.count;
  if (comps.count > 1) out << " (largest " << comps.sizes.maxCoeff() << " nodes): lambda_2 = 0 exactly";
  out << "\n";
  out << "lambda_2     " << lambda2 << (o.normalized ? "  (of L_sym)" : "  (of L = D - A)");
  if (dims > 1) {
    const double gap = emb.eigenvalues(1) - emb.eigenvalues(0);
    out << "   lambda_3 - lambda_2 = " << gap;
    if (gap <= 1e-8 * std::max(1e-300, std::abs(emb.eigenvalues(1))))
      out << " (lambda_2 is repeated: the Fiedler vector is not unique)";
  }
  out << "\n";
  if (!emb.converged())
    out << "warning      the eigen-solver stopped with status " << spectrakit::to_string(emb.status) << " (residual "
        << emb.residual << ")\n";
  out << "parts        " << o.parts << ", sizes";
  for (Eigen::Index p = 0; p < o.parts; ++p) out << ' ' << sizes(p);
  out << "\n";
  out << "cut weight   " << cut << "\n";
  if (karate && o.parts == 2) {
    int differ = 0;
    std::string which;
    for (int i = 0; i < 34; ++i) differ += labels(i) != kKarateFaction[i] ? 1 : 0;
    const bool flipped = differ > 17;
    differ = 0;
    for (int i = 0; i < 34; ++i)
      if ((labels(i) != kKarateFaction[i]) != flipped) {
        ++differ;
        which += " " + std::to_string(i);
      }
    out << "factions     the split differs from the club's actual split in " << differ << " of 34 members"
        << (differ ? " (0-based:" + which + ")" : std::string()) << "\n";
  }
  if (out_path != "-")
    out << "labels       " << out_path << " (one label per node"
        << (ids.empty() ? ", node i on line i+1)" : ": 'id label')") << "\n";
  if (!picture.empty()) out << "picture      " << picture << "\n";
  out.precision(precision);
  return exit_success;
}

inline bool mentions_memory(const char* what) { return std::strstr(what, "out of memory") != nullptr; }

/// Runs the tool's work, `work()` (which sets `status` to the exit status of the phase it is in),
/// and turns what it throws into the `spectrakit-partition: ...` message on `err` and the exit
/// status; `out_of_memory()` is the message of a std::bad_alloc. One rule for run_partition and
/// run_partition_distributed.
template <class Work, class OutOfMemoryMessage>
int report_failures(const Options& o, std::ostream& err, const int& status, Work&& work,
                    OutOfMemoryMessage&& out_of_memory) {
  try {
    return work();
  } catch (const Failure& f) {
    err << "spectrakit-partition: " << f.message << "\n";
    if (f.status == exit_usage) err << "Try 'spectrakit-partition --help'.\n";
    return f.status;
  } catch (const spectrakit::io_error& e) {
    // The readers' messages name the function, file, line and size: "spectrakit::read_...".
    err << "spectrakit-partition: " << e.what() << "\n";
    return mentions_memory(e.what()) ? exit_out_of_memory : status;
  } catch (const spectrakit::invalid_input& e) {
    err << "spectrakit-partition: '" << (o.graph.empty() ? std::string("karate") : o.graph)
        << "' is not a usable graph: " << e.what() << "\n";
    return exit_input;
  } catch (const std::bad_alloc&) {
    err << "spectrakit-partition: " << out_of_memory() << "\n";
    return exit_out_of_memory;
  }
}

}  // namespace partition_detail

/// @brief Runs spectrakit-partition: argv[1..argc-1] are its arguments (argv[0] is ignored).
/// Results go to `out`; progress lines and the error message (`spectrakit-partition: ...`) go
/// to `err`. Never throws and never exits the process.
/// @return the exit status (see ExitStatus)
inline int run_partition(int argc, const char* const* argv, std::ostream& out, std::ostream& err) noexcept {
  using namespace partition_detail;
  int status = exit_internal;
  try {
    Options o;
    try {
      o = parse_arguments(argc, argv);
    } catch (const Failure& f) {
      err << "spectrakit-partition: " << f.message << "\nTry 'spectrakit-partition --help'.\n";
      return f.status;
    }
    if (o.help) {
      out << usage_text();
      return exit_success;
    }
    Progress progress(!o.quiet, err);
    return report_failures(
        o, err, status, [&] { return partition(o, out, progress, status); },
        [&] {
          return "out of memory while " + (status == exit_input ? "reading or partitioning '" + o.graph + "'"
                                                                 : std::string("writing the outputs"));
        });
  } catch (const std::bad_alloc&) {
    try {
      err << "spectrakit-partition: out of memory\n";
    } catch (...) {
    }
    return exit_out_of_memory;
  } catch (const std::exception& e) {
    try {
      err << "spectrakit-partition: internal error (please report it): " << e.what() << "\n";
    } catch (...) {
    }
    return exit_internal;
  } catch (...) {
    try {
      err << "spectrakit-partition: internal error (please report it): an unknown exception\n";
    } catch (...) {
    }
    return exit_internal;
  }
}

}  // namespace tools
}  // namespace spectrakit

#endif  // SPECTRAKIT_TOOLS_PARTITION_TOOL_HPP
