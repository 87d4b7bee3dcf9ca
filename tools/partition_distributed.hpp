/// @file tools/partition_distributed.hpp
/// @brief spectrakit-partition --distributed: the tool's work on PETSc/SLEPc under MPI
/// (spectrakit/distributed.hpp), compiled into the tool when spectrakit is configured with
/// SPECTRAKIT_WITH_SLEPC. Run it under mpirun: `mpirun -np 4 spectrakit-partition --distributed
/// GRAPH --parts K --out FILE`.
///
/// Every rank reads its share of the Matrix Market file (read_matrix_market(comm, path)), the
/// components, the Fiedler pair and the partition are computed distributed, and rank 0 gathers
/// the labels (4 bytes per node) and writes the same labels file as the serial tool. Rank 0
/// prints the summary and any error; every rank returns the same exit status (errors are
/// collective). Edge lists are not read in parallel (exit status 2). The picture is drawn only
/// for graphs of at most --svg-max-nodes nodes (default 2000), by rank 0 from the gathered graph
/// with the serial layout; above that it is skipped with a note, as in the serial tool.
#ifndef SPECTRAKIT_TOOLS_PARTITION_DISTRIBUTED_HPP
#define SPECTRAKIT_TOOLS_PARTITION_DISTRIBUTED_HPP

#include <spectrakit/distributed.hpp>

#include "partition_tool.hpp"

namespace spectrakit {
namespace tools {
namespace partition_detail {

/// The distributed run once the arguments are parsed; collective. Throws as partition() does
/// (Failure, spectrakit's exceptions, std::bad_alloc), on every rank together.
inline int partition_distributed(const Options& o, std::ostream& out, Progress& progress, int& failure_status) {
  namespace sd = spectrakit::distributed;
  MPI_Comm comm = PETSC_COMM_WORLD;
  int rank = 0, ranks = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &ranks);
  const bool karate = o.graph.empty();
  failure_status = exit_input;
  sd::DistributedGraph g;
  std::string name;
  if (karate) {
    if (rank == 0)
      out << "No GRAPH given: running on Zachary's karate club (34 nodes, 78 edges), built into this program.\n"
             "(spectrakit-partition --help lists the options.)\n";
    std::vector<Eigen::Triplet<double>> t;
    for (const auto& e : kKarateEdges) t.emplace_back(e[0], e[1], 1.0), t.emplace_back(e[1], e[0], 1.0);
    Eigen::SparseMatrix<double, Eigen::RowMajor> a(34, 34);
    a.setFromTriplets(t.begin(), t.end());
    const Eigen::Index b = sd::detail::block_begin(34, ranks, rank), e = sd::detail::block_begin(34, ranks, rank + 1);
    g = sd::graph_from_local_rows(comm, a.middleRows(b, e - b));
    name = "karate";
  } else {
    if (!looks_like_matrix_market(o.graph))
      throw Failure{exit_usage, "--distributed reads Matrix Market files (.mtx, .mtx.gz) only, not edge lists: '" +
                                    o.graph + "'"};
    progress.step("reading " + o.graph + " on " + std::to_string(ranks) + " rank(s)");
    g = sd::read_matrix_market(comm, o.graph);
    name = base_name(o.graph);
  }
  const Eigen::Index n = g.nodes();
  if (n < 2)
    throw Failure{exit_input, "'" + o.graph + "': the graph has " + std::to_string(n) + " node(s); at least 2 are needed"};
  if (o.max_nodes > 0 && n > o.max_nodes)
    throw Failure{exit_input, "'" + o.graph + "': the graph has " + std::to_string(n) + " nodes, more than --max-nodes " +
                                  std::to_string(o.max_nodes)};
  if (o.parts > n)
    throw Failure{exit_usage, "--parts " + std::to_string(o.parts) + " exceeds the number of nodes (" + std::to_string(n) + ")"};
  progress.step("components (n = " + std::to_string(n) + ")");
  const sd::DistributedComponents comps = sd::connected_components(g);
  long long counts[2] = {0, 0}, total[2] = {0, 0};  // edges (i > j), self-loops
  {
    const PetscInt b = static_cast<PetscInt>(g.global_offset());
    for (PetscInt i = b; i < b + static_cast<PetscInt>(g.local_nodes()); ++i) {
      PetscInt nc = 0;
      const PetscInt* c = nullptr;
      sd::detail::check(MatGetRow(g.mat(), i, &nc, &c, nullptr), "MatGetRow");
      for (PetscInt k = 0; k < nc; ++k) counts[c[k] < i ? 0 : 1] += c[k] <= i ? 1 : 0;
      sd::detail::check(MatRestoreRow(g.mat(), i, &nc, &c, nullptr), "MatRestoreRow");
    }
    MPI_Allreduce(counts, total, 2, MPI_LONG_LONG, MPI_SUM, comm);
  }
  progress.step("Fiedler vector (SLEPc)");
  spectrakit::BisectionOptions bo;
  bo.fiedler.normalized = o.normalized;
  bo.fiedler.seed = o.seed;
  bo.fiedler.tolerance = 1e-10;
  bo.split = o.median ? spectrakit::BisectionSplit::median : spectrakit::BisectionSplit::sign;
  sd::SolverOptions so;
  so.petsc_options = o.petsc_options;
  const sd::DistributedFiedlerResult f = sd::fiedler_vector(g, bo.fiedler, so);
  progress.step("partitioning into " + std::to_string(o.parts) + " parts");
  const Eigen::VectorXi local = o.parts == 2 ? sd::detail::split_fiedler(g, f, bo)
                                             : sd::recursive_bisection(g, o.parts, bo, so);
  const double cut = sd::cut_weight(g, local);
  std::vector<long long> mine(static_cast<std::size_t>(o.parts), 0), sizes(static_cast<std::size_t>(o.parts), 0);
  for (Eigen::Index i = 0; i < local.size(); ++i) ++mine[static_cast<std::size_t>(local(i))];
  MPI_Allreduce(mine.data(), sizes.data(), static_cast<int>(o.parts), MPI_LONG_LONG, MPI_SUM, comm);
  // Rank 0 gathers the labels and, for a small graph, the graph for the picture.
  const Eigen::VectorXi labels = sd::detail::allgather(comm, local.cast<double>()).cast<int>();
  const bool draw = !(o.svg == "none") && n <= o.svg_max_nodes;
  Eigen::SparseMatrix<double> whole;
  if (draw) whole = sd::gather_matrix(g);

  failure_status = exit_output;
  const std::string out_path = o.out.empty() ? name + ".parts" : o.out;
  const std::string svg_path = o.svg.empty() ? name + ".svg" : o.svg;
  std::string problem, picture;
  if (rank == 0) {  // the outputs; a failure is shared below so that every rank reports it
    try {
      progress.step("writing " + out_path);
      std::ofstream file;
      std::ostream* os = &out;
      if (out_path != "-") {
        file.open(out_path);
        if (!file) throw Failure{exit_output, "cannot write '" + out_path + "': " + std::strerror(errno)};
        os = &file;
      }
      for (Eigen::Index i = 0; i < n; ++i) *os << labels(i) << '\n';
      if (file.is_open()) file.close();
      if (!*os) throw Failure{exit_output, "error writing '" + out_path + "'"};
      std::ostringstream title;
      title.precision(6);
      title << xml_escape(name) << ": n = " << n << ", " << total[0] << " edges, lambda_2 = " << f.value << ", "
            << o.parts << " parts, cut = " << cut << (o.normalized ? " (normalized)" : "");
      if (svg_path != "none" && !draw) {
        picture = "skipped: " + std::to_string(n) + " nodes, more than --svg-max-nodes " +
                  std::to_string(o.svg_max_nodes) + " (the layout costs O(n^2))";
      } else if (draw) {
        progress.step("stress layout and " + svg_path);
        spectrakit::EmbeddingOptions eo;
        eo.normalized = o.normalized;
        eo.seed = o.seed;
        eo.tolerance = 1e-10;
        const Eigen::Index dims = std::min<Eigen::Index>(2, n - 1);
        const auto emb = spectrakit::spectral_embedding_pairs(whole, dims, eo);
        Eigen::MatrixXd xy(n, 2);
        xy.col(0) = emb.coordinates.col(0);
        xy.col(1) = dims > 1 ? Eigen::VectorXd(emb.coordinates.col(1)) : Eigen::VectorXd::Zero(n);
        const double closest = write_svg(svg_path, whole, std::move(xy), labels, title.str(), o.seed);
        std::ostringstream s;
        s << svg_path << " (stress layout from the spectral coordinates; closest node centres " << std::fixed
          << std::setprecision(1) << closest << " px apart)";
        picture = s.str();
      }
    } catch (const Failure& x) {
      problem = x.message;
    }
  }
  int length = static_cast<int>(problem.size());
  MPI_Bcast(&length, 1, MPI_INT, 0, comm);
  problem.resize(static_cast<std::size_t>(length));
  if (length > 0) MPI_Bcast(&problem[0], length, MPI_CHAR, 0, comm);
  if (!problem.empty()) throw Failure{exit_output, problem};
  progress.step("done");
  if (rank != 0) return exit_success;
  const auto precision = out.precision(10);
  out << "graph        " << (karate ? std::string("Zachary's karate club (built in)") : o.graph) << "\n";
  out << "ranks        " << ranks << " (PETSc/SLEPc, distributed)\n";
  out << "nodes        " << n << "\n";
  out << "edges        " << total[0]
      << (total[1] ? " (+ " + std::to_string(total[1]) + " self-loops, ignored by L)" : std::string()) << "\n";
  out << "components   " << comps.count;
  if (comps.count > 1) out << ": lambda_2 = 0 exactly";
  out << "\n";
  out << "lambda_2     " << f.value << (o.normalized ? "  (of L_sym)" : "  (of L = D - A)");
  if (std::isfinite(f.gap)) {
    out << "   lambda_3 - lambda_2 = " << f.gap;
    if (f.gap <= 1e-8 * std::max(1e-300, std::abs(f.value + f.gap)))
      out << " (lambda_2 is repeated: the Fiedler vector is not unique)";
  }
  out << "\n";
  if (!f.converged())
    out << "warning      the eigen-solver stopped with status " << spectrakit::to_string(f.status) << " (residual "
        << f.residual << ")\n";
  out << "parts        " << o.parts << ", sizes";
  for (long long s : sizes) out << ' ' << s;
  out << "\n";
  out << "cut weight   " << cut << "\n";
  if (out_path != "-") out << "labels       " << out_path << " (one label per node, node i on line i+1)\n";
  if (!picture.empty()) out << "picture      " << picture << "\n";
  out.precision(precision);
  return exit_success;
}

}  // namespace partition_detail

/// @brief spectrakit-partition --distributed: initializes MPI, PETSc and SLEPc, runs the tool's
/// work distributed and finalizes; the same options, outputs and exit statuses as
/// run_partition(), printed by rank 0 only. Never throws.
/// @return the exit status (the same on every rank)
inline int run_partition_distributed(int argc, char** argv, std::ostream& out, std::ostream& err) noexcept {
  using namespace partition_detail;
  int status = exit_internal;
  Options o;
  try {
    o = parse_arguments(argc, argv);
  } catch (const Failure& f) {
    err << "spectrakit-partition: " << f.message << "\nTry 'spectrakit-partition --help'.\n";
    return f.status;
  } catch (...) {
    return exit_internal;
  }
  if (o.help) {
    out << usage_text();
    return exit_success;
  }
  try {
    int no_args = 1;  // PETSc reads its options from --petsc-options, not from the command line
    char** no_argv = argv;
    spectrakit::distributed::Environment env(&no_args, &no_argv);
    int rank = 0;
    MPI_Comm_rank(PETSC_COMM_WORLD, &rank);
    std::ostringstream sink;
    std::ostream& my_err = rank == 0 ? err : sink;
    std::ostream& my_out = rank == 0 ? out : sink;
    Progress progress(!o.quiet && rank == 0, my_err);
    // Out of memory is not collective: a rank cannot tell the others; mpirun ends the job.
    return report_failures(
        o, my_err, status, [&] { return partition_distributed(o, my_out, progress, status); },
        [&] { return "out of memory on rank " + std::to_string(rank); });
  } catch (const std::exception& e) {
    try {
      err << "spectrakit-partition: internal error (please report it): " << e.what() << "\n";
    } catch (...) {
    }
    return exit_internal;
  } catch (...) {
    return exit_internal;
  }
}

}  // namespace tools
}  // namespace spectrakit

#endif  // SPECTRAKIT_TOOLS_PARTITION_DISTRIBUTED_HPP
