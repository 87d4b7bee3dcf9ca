// spectrakit-partition: spectral partitioning of a graph file from the command line.
//
//   spectrakit-partition GRAPH [--parts K] [--normalized] [--median] [--svg FILE] [--out FILE]
//                        [--seed S] [--quiet] [--help]
//
// Reads a Matrix Market (.mtx, .mtx.gz) or edge-list file, prints the size, the components,
// the algebraic connectivity lambda_2, the partition sizes and the cut weight, writes one label
// per node and draws the graph laid out by its spectral embedding as an SVG picture. With no
// GRAPH it runs on Zachary's karate club, embedded below.
// GCC 12 reports a false -Wmaybe-uninitialized inside Eigen 3.4's dense symmetric eigen-solver
// (SelfadjointMatrixVector.h, TriangularMatrixVector.h) when main() inlines it; the warning
// location is in Eigen's headers, so it is silenced before they are included.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/SparseCore>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <spectrakit/graph.hpp>
#include <spectrakit/io.hpp>
#include <spectrakit/version.hpp>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#define SPECTRAKIT_TOOL_ISATTY(fd) isatty(fd)
#else
#define SPECTRAKIT_TOOL_ISATTY(fd) 0
#endif

#define SPK_STR(x) #x
#define SPK_XSTR(x) SPK_STR(x)

namespace {

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

const char* const kUsage =
    "usage: spectrakit-partition [GRAPH] [options]\n"
    "\n"
    "Spectral partitioning of an undirected graph (spectrakit " SPK_XSTR(SPECTRAKIT_VERSION_MAJOR) "." SPK_XSTR(
    SPECTRAKIT_VERSION_MINOR) "." SPK_XSTR(SPECTRAKIT_VERSION_PATCH) ").\n"
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
    "  --svg FILE     draw the graph laid out by the 2nd and 3rd Laplacian eigenvectors, parts\n"
    "                 coloured (default: NAME.svg; graphs over 4000 nodes or 20000 edges are\n"
    "                 drawn from a sample); 'none' to skip\n"
    "  --seed S       seed of the eigen-solver's start vectors (default 42)\n"
    "  --quiet        no progress messages on stderr (they appear only on a terminal anyway)\n"
    "  --help         this text\n"
    "\n"
    "Output: n, edges, components, lambda_2 (algebraic connectivity) with the gap to lambda_3,\n"
    "the part sizes and the cut weight. Exit status 0 on success, 1 on a bad file, 2 on bad usage.\n";

struct Options {
  std::string graph;
  Eigen::Index parts = 2;
  bool normalized = false;
  bool median = false;
  std::string out;
  std::string svg;
  std::uint64_t seed = 42;
  bool quiet = false;
};

class Progress {
 public:
  explicit Progress(bool on) : on_(on), start_(std::chrono::steady_clock::now()) {}
  void step(const std::string& what) {
    if (!on_) return;
    const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::fprintf(stderr, "\r\033[K[%7.2f s] %s", t, what.c_str());
    std::fflush(stderr);
  }
  void done() {
    if (on_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool on_;
  std::chrono::steady_clock::time_point start_;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string base_name(const std::string& path) {
  std::string b = path.substr(path.find_last_of("/\\") == std::string::npos ? 0 : path.find_last_of("/\\") + 1);
  for (const char* ext : {".gz", ".mtx", ".txt", ".edges", ".edgelist", ".el", ".csv"})
    if (ends_with(b, ext)) b.resize(b.size() - std::strlen(ext));
  return b.empty() ? std::string("graph") : b;
}

bool looks_like_matrix_market(const std::string& path) {
  if (ends_with(path, ".mtx") || ends_with(path, ".mtx.gz")) return true;
  std::ifstream in(path, std::ios::binary);
  char head[14] = {};
  in.read(head, 14);
  return std::string(head, 14) == "%%MatrixMarke";
}

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "spectrakit-partition: " << message << "\nTry 'spectrakit-partition --help'.\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) usage_error(std::string("option ") + name + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else if (a == "--parts" || a == "-k") {
      const std::string v = value("--parts");
      char* end = nullptr;
      const long long k = std::strtoll(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || k < 1) usage_error("--parts needs a positive integer, got '" + v + "'");
      o.parts = static_cast<Eigen::Index>(k);
    } else if (a == "--normalized") {
      o.normalized = true;
    } else if (a == "--median") {
      o.median = true;
    } else if (a == "--out" || a == "-o") {
      o.out = value("--out");
    } else if (a == "--svg") {
      o.svg = value("--svg");
    } else if (a == "--seed") {
      const std::string v = value("--seed");
      char* end = nullptr;
      o.seed = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0') usage_error("--seed needs a nonnegative integer, got '" + v + "'");
    } else if (a == "--quiet" || a == "-q") {
      o.quiet = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      usage_error("unknown option '" + a + "'");
    } else if (o.graph.empty()) {
      o.graph = a;
    } else {
      usage_error("more than one GRAPH given ('" + o.graph + "' and '" + a + "')");
    }
  }
  return o;
}

/// Distinct colours for up to 12 parts, then cycled.
const char* colour(int part) {
  static const char* const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                                        "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939"};
  return palette[part % 12];
}

void write_svg(const std::string& path, const Eigen::SparseMatrix<double>& a, const Eigen::MatrixXd& xy,
               const Eigen::VectorXi& labels, const std::string& title, std::uint64_t seed) {
  const Eigen::Index n = a.rows();
  const Eigen::Index max_nodes = 4000, max_edges = 20000;
  // A deterministic sample of nodes for large graphs, and of the edges among them.
  std::vector<char> keep(static_cast<std::size_t>(n), 1);
  if (n > max_nodes) {
    std::mt19937_64 rng(seed);
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
    std::shuffle(order.begin(), order.end(), rng);
    std::fill(keep.begin(), keep.end(), 0);
    for (Eigen::Index r = 0; r < max_nodes; ++r) keep[static_cast<std::size_t>(order[static_cast<std::size_t>(r)])] = 1;
  }
  std::vector<std::pair<int, int>> edges;
  for (Eigen::Index j = 0; j < a.outerSize(); ++j)
    for (Eigen::SparseMatrix<double>::InnerIterator it(a, j); it; ++it)
      if (it.index() < j && keep[static_cast<std::size_t>(it.index())] && keep[static_cast<std::size_t>(j)])
        edges.emplace_back(static_cast<int>(it.index()), static_cast<int>(j));
  if (static_cast<Eigen::Index>(edges.size()) > max_edges) {
    std::mt19937_64 rng(seed + 1);
    std::shuffle(edges.begin(), edges.end(), rng);
    edges.resize(static_cast<std::size_t>(max_edges));
  }
  const double size = 800, margin = 40;
  const Eigen::Vector2d lo = xy.colwise().minCoeff().transpose(), hi = xy.colwise().maxCoeff().transpose();
  auto px = [&](Eigen::Index i, int c) {
    const double span = hi(c) - lo(c);
    const double t = span > 0 ? (xy(i, c) - lo(c)) / span : 0.5;
    return c == 0 ? margin + t * (size - 2 * margin) : size - margin - t * (size - 2 * margin);
  };
  std::ofstream out(path);
  if (!out) throw spectrakit::io_error("spectrakit-partition: cannot write '" + path + "'");
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << size << "\" height=\"" << size + 30
      << "\" viewBox=\"0 0 " << size << " " << size + 30 << "\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << "<text x=\"10\" y=\"" << size + 20 << "\" font-family=\"sans-serif\" font-size=\"13\">" << title << "</text>\n";
  out << "<g stroke=\"#999\" stroke-opacity=\"0.5\" stroke-width=\"" << (n > 1000 ? 0.3 : 1.0) << "\">\n";
  char buf[160];
  for (const auto& e : edges) {
    std::snprintf(buf, sizeof buf, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", px(e.first, 0),
                  px(e.first, 1), px(e.second, 0), px(e.second, 1));
    out << buf;
  }
  out << "</g>\n<g stroke=\"white\" stroke-width=\"0.5\">\n";
  const double r = n > 1000 ? 2.0 : (n > 100 ? 4.0 : 9.0);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!keep[static_cast<std::size_t>(i)]) continue;
    std::snprintf(buf, sizeof buf, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>\n", px(i, 0), px(i, 1), r,
                  colour(labels(i)));
    out << buf;
  }
  out << "</g>\n";
  if (n <= 100) {
    out << "<g font-family=\"sans-serif\" font-size=\"9\" fill=\"white\" text-anchor=\"middle\">\n";
    for (Eigen::Index i = 0; i < n; ++i) {
      std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.1f\">%ld</text>\n", px(i, 0), px(i, 1) + 3.0, long(i));
      out << buf;
    }
    out << "</g>\n";
  }
  out << "</svg>\n";
  if (!out) throw spectrakit::io_error("spectrakit-partition: error writing '" + path + "'");
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  Progress progress(!o.quiet && SPECTRAKIT_TOOL_ISATTY(2));
  try {
    Eigen::SparseMatrix<double> a;
    std::vector<std::int64_t> ids;  // edge lists: the file's node ids
    std::string name;
    const bool karate = o.graph.empty();
    if (karate) {
      std::cout << "No GRAPH given: running on Zachary's karate club (34 nodes, 78 edges), built into this program.\n"
                   "(spectrakit-partition --help lists the options.)\n";
      std::vector<Eigen::Triplet<double>> t;
      for (const auto& e : kKarateEdges) t.emplace_back(e[0], e[1], 1.0), t.emplace_back(e[1], e[0], 1.0);
      a.resize(34, 34);
      a.setFromTriplets(t.begin(), t.end());
      name = "karate";
    } else {
      progress.step("reading " + o.graph + " ...");
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
    if (n < 2) throw spectrakit::invalid_input("the graph has " + std::to_string(n) + " node(s); at least 2 are needed");
    if (o.parts > n)
      usage_error("--parts " + std::to_string(o.parts) + " exceeds the number of nodes (" + std::to_string(n) + ")");
    progress.step("components ...");
    const spectrakit::Components comps = spectrakit::connected_components(a);
    Eigen::Index edges = 0, loops = 0;
    for (Eigen::Index j = 0; j < a.outerSize(); ++j)
      for (Eigen::SparseMatrix<double>::InnerIterator it(a, j); it; ++it) {
        if (it.index() < j) ++edges;
        if (it.index() == j) ++loops;
      }
    progress.step("spectral embedding (lambda_2, lambda_3) ...");
    spectrakit::EmbeddingOptions eo;
    eo.normalized = o.normalized;
    eo.seed = o.seed;
    eo.tolerance = 1e-10;
    const Eigen::Index dims = std::min<Eigen::Index>(2, n - 1);
    const auto emb = spectrakit::spectral_embedding_pairs(a, dims, eo);
    progress.step("partitioning ...");
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
    const std::string out_path = o.out.empty() ? name + ".parts" : o.out;
    const std::string svg_path = o.svg.empty() ? name + ".svg" : o.svg;
    progress.step("writing " + out_path + " ...");
    {
      std::ofstream file;
      std::ostream* os = &std::cout;
      if (out_path != "-") {
        file.open(out_path);
        if (!file) throw spectrakit::io_error("spectrakit-partition: cannot write '" + out_path + "'");
        os = &file;
      }
      for (Eigen::Index i = 0; i < n; ++i) {
        if (!ids.empty()) *os << ids[static_cast<std::size_t>(i)] << ' ';
        *os << labels(i) << '\n';
      }
      if (!*os) throw spectrakit::io_error("spectrakit-partition: error writing '" + out_path + "'");
    }
    std::ostringstream title;
    title.precision(6);
    title << name << ": n = " << n << ", " << edges << " edges, lambda_2 = " << lambda2 << ", " << o.parts
          << " parts, cut = " << cut << (o.normalized ? " (normalized)" : "");
    if (svg_path != "none") {
      progress.step("writing " + svg_path + " ...");
      Eigen::MatrixXd xy(n, 2);
      xy.col(0) = emb.coordinates.col(0);
      xy.col(1) = dims > 1 ? Eigen::VectorXd(emb.coordinates.col(1)) : Eigen::VectorXd::Zero(n);
      write_svg(svg_path, a, xy, labels, title.str(), o.seed);
    }
    progress.done();

    std::cout.precision(10);
    std::cout << "graph        " << (karate ? std::string("Zachary's karate club (built in)") : o.graph) << "\n";
    std::cout << "nodes        " << n << "\n";
    std::cout << "edges        " << edges << (loops ? " (+ " + std::to_string(loops) + " self-loops, ignored by L)" : "")
              << "\n";
    std::cout << "components   " << comps.count;
    if (comps.count > 1) std::cout << " (largest " << comps.sizes.maxCoeff() << " nodes): lambda_2 = 0 exactly";
    std::cout << "\n";
    std::cout << "lambda_2     " << lambda2 << (o.normalized ? "  (of L_sym)" : "  (of L = D - A)");
    if (dims > 1) {
      const double gap = emb.eigenvalues(1) - emb.eigenvalues(0);
      std::cout << "   lambda_3 - lambda_2 = " << gap;
      if (gap <= 1e-8 * std::max(1e-300, std::abs(emb.eigenvalues(1))))
        std::cout << " (lambda_2 is repeated: the Fiedler vector is not unique)";
    }
    std::cout << "\n";
    if (!emb.converged())
      std::cout << "warning      the eigen-solver stopped with status " << spectrakit::to_string(emb.status)
                << " (residual " << emb.residual << ")\n";
    std::cout << "parts        " << o.parts << ", sizes";
    for (Eigen::Index p = 0; p < o.parts; ++p) std::cout << ' ' << sizes(p);
    std::cout << "\n";
    std::cout << "cut weight   " << cut << "\n";
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
      std::cout << "factions     the split differs from the club's actual split in " << differ << " of 34 members"
                << (differ ? " (0-based:" + which + ")" : std::string()) << "\n";
    }
    if (out_path != "-") std::cout << "labels       " << out_path << " (one label per node"
                                   << (ids.empty() ? ", node i on line i+1)" : ": 'id label')") << "\n";
    if (svg_path != "none") std::cout << "picture      " << svg_path << "\n";
    return 0;
  } catch (const spectrakit::io_error& e) {
    progress.done();
    std::cerr << e.what() << "\n";
    return 1;
  } catch (const spectrakit::invalid_input& e) {
    progress.done();
    std::cerr << "spectrakit-partition: " << e.what() << "\n";
    return 1;
  }
}
