/// @file distributed/partition.hpp
/// @brief Spectral and recursive bisection of a DistributedGraph; each rank gets its labels.
#ifndef SPECTRAKIT_DISTRIBUTED_PARTITION_HPP
#define SPECTRAKIT_DISTRIBUTED_PARTITION_HPP

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "spectrakit/distributed/spectral.hpp"
#include "spectrakit/graph/partition.hpp"

namespace spectrakit {
namespace distributed {
namespace detail {

/// Serial bisect(): the split of the Fiedler vector (D^{-1/2} v when normalized), by sign with
/// the n eps max|y| zero band, or by the median (gathered) when asked or when one side is empty.
inline Eigen::VectorXi split_fiedler(const DistributedGraph& g, const DistributedFiedlerResult& f, const BisectionOptions& o) {
  MPI_Comm comm = g.comm();
  Eigen::VectorXd y = f.vector;
  if (o.fiedler.normalized) {
    const Eigen::VectorXd d = degrees_of(g);
    for (Eigen::Index i = 0; i < y.size(); ++i)
      if (d(i) > 0) y(i) /= std::sqrt(d(i));
  }
  const double n = double(g.nodes());
  const double zero = n * std::numeric_limits<double>::epsilon() * max_abs_all(comm, y.size() ? y.cwiseAbs().maxCoeff() : 0.0);
  long long neg = 0, all = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) neg += y(i) < -zero ? 1 : 0;
  MPI_Allreduce(&neg, &all, 1, MPI_LONG_LONG, MPI_SUM, comm);
  if (o.split == BisectionSplit::sign && all > 0 && all < g.nodes()) {
    Eigen::VectorXi labels(y.size());
    for (Eigen::Index i = 0; i < y.size(); ++i) labels(i) = y(i) < -zero ? 1 : 0;
    return labels;
  }
  const Eigen::VectorXd whole = allgather(comm, y);
  return spectrakit::detail::split_vector(whole, BisectionSplit::median).segment(g.global_offset(), g.local_nodes());
}

/// Fiedler pair, then its split; the solve's status is merged into `status`.
inline Eigen::VectorXi bisect(const DistributedGraph& g, const BisectionOptions& o, const SolverOptions& so, Status& status) {
  const DistributedFiedlerResult f = fiedler_of(g, o.fiedler, so);
  if (f.status != Status::success) status = f.status;
  return split_fiedler(g, f, o);
}

}  // namespace detail

/// @brief Spectral bisection of a distributed graph: serial spectral_bisection()'s rule.
/// @param g the graph (n >= 2)
/// @param options Fiedler options and split rule
/// @param solver SLEPc options
/// @return this rank's labels in {0, 1}
/// @throws invalid_input on every rank as fiedler_vector()
[[nodiscard]] inline Eigen::VectorXi spectral_bisection(const DistributedGraph& g, const BisectionOptions& options = {},
                                                        const SolverOptions& solver = {}) {
  detail::require_initialized("spectral_bisection");
  detail::check_solver_options(solver, "spectral_bisection");
  spectrakit::detail::check_solver_options(options.fiedler, "distributed::spectral_bisection");
  if (g.nodes() < 2) detail::fail("spectral_bisection", "graph", "must have at least 2 nodes");
  Status status = Status::success;
  return detail::bisect(g, options, solver, status);
}

/// @brief Recursive spectral bisection into `parts` parts: serial recursive_bisection()'s rule
/// (the largest part, lowest label among ties, is bisected on its induced subgraph, built with
/// MatCreateSubMatrix; labels renumbered by first appearance).
/// @param g the graph
/// @param parts 1 <= parts <= n, the same on every rank
/// @param options Fiedler options and split rule (as serial)
/// @param solver SLEPc options
/// @return this rank's labels in 0..parts-1
/// @throws invalid_input on every rank when parts is out of range or differs between ranks
[[nodiscard]] inline Eigen::VectorXi recursive_bisection(const DistributedGraph& g, Eigen::Index parts,
                                                         const BisectionOptions& options = {},
                                                         const SolverOptions& solver = {}) {
  detail::require_initialized("recursive_bisection");
  detail::check_solver_options(solver, "recursive_bisection");
  MPI_Comm comm = g.comm();
  long long mm[2] = {parts, -parts}, ext[2] = {0, 0};
  MPI_Allreduce(mm, ext, 2, MPI_LONG_LONG, MPI_MAX, comm);
  if (ext[0] != -ext[1]) detail::fail("recursive_bisection", "parts", "must be the same on every rank");
  if (parts < 1 || parts > g.nodes())
    detail::fail("recursive_bisection", "parts",
                 "must be in [1, " + std::to_string(g.nodes()) + "], got " + std::to_string(parts));
  spectrakit::detail::check_solver_options(options.fiedler, "distributed::recursive_bisection");
  const Eigen::Index m = g.local_nodes(), b = g.global_offset();
  Eigen::VectorXi labels = Eigen::VectorXi::Zero(m);
  Status status = Status::success;
  for (Eigen::Index count = 1; count < parts; ++count) {
    std::vector<long long> mine(static_cast<std::size_t>(count), 0), size(static_cast<std::size_t>(count), 0);
    for (Eigen::Index i = 0; i < m; ++i) ++mine[static_cast<std::size_t>(labels(i))];
    MPI_Allreduce(mine.data(), size.data(), static_cast<int>(count), MPI_LONG_LONG, MPI_SUM, comm);
    std::size_t big = 0;
    for (std::size_t q = 1; q < size.size(); ++q)
      if (size[q] > size[big]) big = q;
    std::vector<PetscInt> rows;
    for (Eigen::Index i = 0; i < m; ++i)
      if (labels(i) == static_cast<int>(big)) rows.push_back(static_cast<PetscInt>(b + i));
    const DistributedGraph sub = detail::subgraph(g, rows);
    const Eigen::VectorXi side = detail::bisect(sub, options, solver, status);
    for (std::size_t k = 0; k < rows.size(); ++k)
      if (side(static_cast<Eigen::Index>(k)) == 1) labels(rows[k] - b) = static_cast<int>(count);
  }
  // Renumber by first appearance: order the labels by their smallest node.
  std::vector<long long> first(static_cast<std::size_t>(parts), std::numeric_limits<long long>::max()),
      gfirst(static_cast<std::size_t>(parts));
  for (Eigen::Index i = m - 1; i >= 0; --i) first[static_cast<std::size_t>(labels(i))] = b + i;
  MPI_Allreduce(first.data(), gfirst.data(), static_cast<int>(parts), MPI_LONG_LONG, MPI_MIN, comm);
  std::vector<int> order(static_cast<std::size_t>(parts)), map(static_cast<std::size_t>(parts));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int x, int y) { return gfirst[x] < gfirst[y]; });
  for (std::size_t r = 0; r < order.size(); ++r) map[static_cast<std::size_t>(order[r])] = static_cast<int>(r);
  for (Eigen::Index i = 0; i < m; ++i) labels(i) = map[static_cast<std::size_t>(labels(i))];
  return labels;
}

/// @brief The weight of the edges cut by a partition (serial cut_weight()): the sum over
/// i < j with labels(i) != labels(j) of a_ij. Collective.
/// @param g the graph
/// @param labels this rank's labels (local_nodes() entries)
/// @return the cut weight, the same on every rank
/// @throws invalid_input on every rank when some rank's labels do not have local_nodes() entries
/// @par Cost
/// O(nnz / p) per rank plus one exchange of the labels of the columns owned by other ranks.
[[nodiscard]] inline double cut_weight(const DistributedGraph& g, const Eigen::VectorXi& labels) {
  detail::require_initialized("cut_weight");
  MPI_Comm comm = g.comm();
  detail::collectively(comm, [&] {
    if (labels.size() != g.local_nodes())
      detail::fail("cut_weight", "labels", "must have local_nodes() = " + std::to_string(g.local_nodes()) +
                                               " entries on this rank, got " + std::to_string(labels.size()));
  });
  const PetscInt b = static_cast<PetscInt>(g.global_offset()), m = static_cast<PetscInt>(g.local_nodes());
  std::vector<PetscInt> ghosts;
  detail::for_each_row(g.mat(), b, b + m, [&](PetscInt, PetscInt nc, const PetscInt* c, const PetscScalar*) {
    for (PetscInt k = 0; k < nc; ++k)
      if (c[k] < b || c[k] >= b + m) ghosts.push_back(c[k]);
  });
  std::sort(ghosts.begin(), ghosts.end());
  ghosts.erase(std::unique(ghosts.begin(), ghosts.end()), ghosts.end());
  const detail::OwnedVec lab = detail::vec_from(g.mat(), labels.cast<double>());
  const Eigen::VectorXd ghost_labels = detail::values_at(lab.get(), ghosts);
  double mine = 0, cut = 0;
  detail::for_each_row(g.mat(), b, b + m, [&](PetscInt gi, PetscInt nc, const PetscInt* c, const PetscScalar* v) {
    const double li = double(labels(gi - b));
    for (PetscInt k = 0; k < nc; ++k) {
      const double lj = (c[k] >= b && c[k] < b + m)
                            ? double(labels(c[k] - b))
                            : ghost_labels(std::lower_bound(ghosts.begin(), ghosts.end(), c[k]) - ghosts.begin());
      if (c[k] < gi && lj != li) mine += v[k];  // i > j: each edge once (A symmetric)
    }
  });
  MPI_Allreduce(&mine, &cut, 1, MPI_DOUBLE, MPI_SUM, comm);
  return cut;
}

}  // namespace distributed
}  // namespace spectrakit

#endif  // SPECTRAKIT_DISTRIBUTED_PARTITION_HPP
