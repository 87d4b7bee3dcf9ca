/// @file distributed/spectral.hpp
/// @brief Degrees, Laplacians, connected components, the Fiedler vector and the smallest
/// Laplacian eigenpairs of a DistributedGraph (SLEPc).
#ifndef SPECTRAKIT_DISTRIBUTED_SPECTRAL_HPP
#define SPECTRAKIT_DISTRIBUTED_SPECTRAL_HPP

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "spectrakit/distributed/graph.hpp"
#include "spectrakit/error.hpp"
#include "spectrakit/graph/fiedler.hpp"
#include "spectrakit/graph/laplacian.hpp"

namespace spectrakit {
namespace distributed {

/// @brief The SLEPc eigen-solver behind fiedler_vector(), smallest_eigenpairs() and the bisections.
enum class EigenMethod {
  /// LOBPCG (EPSLOBPCG) with the preconditioner as STPRECOND's (KSPPREONLY): one AMG V-cycle per
  /// iteration, no inner solves. The default: the AMG cycle is the only parallel work beyond
  /// products with L.
  lobpcg,
  /// Krylov-Schur (EPSKRYLOVSCHUR) in shift-and-invert mode at sigma = -1e-9 ||L||_1 (below the
  /// spectrum: L - sigma I is positive definite), the inner systems solved by conjugate
  /// gradients with the preconditioner to a relative residual of 1e-12. Fewer outer iterations,
  /// each a full inner solve.
  krylov_schur,
};

/// @brief How SLEPc solves. The PETSc way of tuning (-eps_*, -st_*, -eps_view) reaches the
/// solver through `petsc_options` or the program's command line (Environment's argc/argv),
/// both applied last (EPSSetFromOptions), so they override these fields.
struct SolverOptions {
  /// The eigen-solver (default lobpcg).
  EigenMethod method = EigenMethod::krylov_schur;
  /// The preconditioner: "hypre" (BoomerAMG, the default; GAMG when PETSc was built without
  /// hypre), "gamg", "jacobi" or "none".
  std::string preconditioner = "hypre";
  /// PETSc options for this call, e.g. "-eps_type krylovschur -st_type sinvert" or
  /// "-eps_view". Inserted into PETSc's options database for the duration of the call and
  /// removed afterwards. Empty (default): none.
  std::string petsc_options;
};

/// @brief The Fiedler pair of a distributed graph: the serial FiedlerResult's semantics, with
/// `vector` holding this rank's rows (global rows global_offset .. global_offset + size - 1).
struct DistributedFiedlerResult {
  double value = 0;               ///< lambda_2 >= 0 (0 exactly when disconnected)
  Eigen::VectorXd vector;         ///< this rank's entries of the unit, sign-fixed Fiedler vector
  Eigen::Index global_offset = 0; ///< global index of vector(0)
  double gap = 0;                 ///< lambda_3 - lambda_2 (+Inf for n = 2)
  double residual = 0;            ///< ||L v - lambda_2 v|| / ||L||_1
  Eigen::Index iterations = 0;    ///< SLEPc iterations (0 on the gathered small-graph path)
  Eigen::Index components = 0;    ///< connected components
  Status status = Status::success;  ///< success, not_converged (SLEPc's iteration bound) or numerical_issue
  /// @brief True when status == Status::success.
  [[nodiscard]] bool converged() const { return status == Status::success; }
};

/// @brief Connected components of a distributed graph.
struct DistributedComponents {
  Eigen::Index count = 0;          ///< number of components
  Eigen::VectorXi labels;          ///< this rank's labels, 0..count-1 by first appearance (node 0 in 0)
  Eigen::Index global_offset = 0;  ///< global index of labels(0)
};

/// @brief The k smallest eigenpairs of a distributed Laplacian.
struct DistributedEigenpairs {
  Eigen::VectorXd values;          ///< ascending
  Eigen::MatrixXd vectors;         ///< this rank's rows of the unit eigenvectors
  Eigen::Index global_offset = 0;  ///< global index of vectors.row(0)
  Eigen::Index iterations = 0;     ///< SLEPc iterations
  Status status = Status::success; ///< not_converged when fewer than k pairs converged
  /// @brief True when status == Status::success.
  [[nodiscard]] bool converged() const { return status == Status::success; }
};

namespace detail {

inline Eigen::VectorXd local_copy(Vec v) {
  PetscInt m = 0;
  check(VecGetLocalSize(v, &m), "VecGetLocalSize");
  const PetscScalar* x = nullptr;
  check(VecGetArrayRead(v, &x), "VecGetArrayRead");
  Eigen::VectorXd out = Eigen::Map<const Eigen::VectorXd>(x, m);
  check(VecRestoreArrayRead(v, &x), "VecRestoreArrayRead");
  return out;
}

inline OwnedVec vec_from(Mat a, const Eigen::VectorXd& local) {
  OwnedVec v;
  check(MatCreateVecs(a, v.out(), nullptr), "MatCreateVecs");
  PetscScalar* x = nullptr;
  check(VecGetArray(v.get(), &x), "VecGetArray");
  Eigen::Map<Eigen::VectorXd>(x, local.size()) = local;
  check(VecRestoreArray(v.get(), &x), "VecRestoreArray");
  return v;
}

/// Values of a distributed vector at arbitrary global indices (a VecScatter).
inline Eigen::VectorXd values_at(Vec global, const std::vector<PetscInt>& indices) {
  OwnedIS is;
  check(ISCreateGeneral(PETSC_COMM_SELF, static_cast<PetscInt>(indices.size()), indices.data(), PETSC_COPY_VALUES, is.out()),
        "ISCreateGeneral");
  OwnedVec out;
  check(VecCreateSeq(PETSC_COMM_SELF, static_cast<PetscInt>(indices.size()), out.out()), "VecCreateSeq");
  OwnedScatter s;
  check(VecScatterCreate(global, is.get(), out.get(), nullptr, s.out()), "VecScatterCreate");
  check(VecScatterBegin(s.get(), global, out.get(), INSERT_VALUES, SCATTER_FORWARD), "VecScatterBegin");
  check(VecScatterEnd(s.get(), global, out.get(), INSERT_VALUES, SCATTER_FORWARD), "VecScatterEnd");
  return local_copy(out.get());
}

inline double max_abs_all(MPI_Comm comm, double v) {
  double r = 0;
  MPI_Allreduce(&v, &r, 1, MPI_DOUBLE, MPI_MAX, comm);
  return r;
}

/// The whole vector on every rank.
inline Eigen::VectorXd allgather(MPI_Comm comm, const Eigen::VectorXd& local) {
  const int p = comm_size(comm);
  int m = static_cast<int>(local.size());
  std::vector<int> counts(static_cast<std::size_t>(p)), displs(static_cast<std::size_t>(p), 0);
  MPI_Allgather(&m, 1, MPI_INT, counts.data(), 1, MPI_INT, comm);
  for (int r = 1; r < p; ++r) displs[r] = displs[r - 1] + counts[r - 1];
  Eigen::VectorXd all(displs[p - 1] + counts[p - 1]);
  MPI_Allgatherv(local.data(), m, MPI_DOUBLE, all.data(), counts.data(), displs.data(), MPI_DOUBLE, comm);
  return all;
}

/// Serial fix_sign, distributed: the first entry whose magnitude is within a relative 1e-6 of
/// the largest is made positive.
inline void fix_sign(MPI_Comm comm, Eigen::VectorXd& v, Eigen::Index offset) {
  const double big = max_abs_all(comm, v.size() ? v.cwiseAbs().maxCoeff() : 0.0);
  long long first = std::numeric_limits<long long>::max(), g = 0;
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (std::abs(v(i)) >= big * (1 - 1e-6)) {
      first = offset + i;
      break;
    }
  MPI_Allreduce(&first, &g, 1, MPI_LONG_LONG, MPI_MIN, comm);
  double s = (g >= offset && g < offset + v.size()) ? (v(g - offset) < 0 ? -1.0 : 1.0) : 0.0, sign = 0;
  MPI_Allreduce(&s, &sign, 1, MPI_DOUBLE, MPI_SUM, comm);
  if (sign < 0) v = -v;
}

inline Eigen::VectorXd degrees_of(const DistributedGraph& g) {
  OwnedVec d;
  check(MatCreateVecs(g.mat(), d.out(), nullptr), "MatCreateVecs");
  check(MatGetRowSum(g.mat(), d.get()), "MatGetRowSum");
  return local_copy(d.get());
}

}  // namespace detail

/// @brief Weighted degrees d_i = sum_j a_ij of this rank's nodes (self-loops included, as serial).
/// @param g the graph
/// @return local_nodes() degrees (global rows global_offset() ...)
[[nodiscard]] inline Eigen::VectorXd degrees(const DistributedGraph& g) { return detail::degrees_of(g); }

/// @brief The Laplacian of a distributed graph, with the serial laplacian()'s definitions:
/// L = D - A, L_sym = D^{-1/2} L D^{-1/2}, L_rw = D^{-1} L (1/0 := 0 for isolated nodes).
/// @param g the graph
/// @param kind unnormalized (default), symmetric_normalized or random_walk
/// @return the distributed Laplacian (same row distribution)
/// @par Cost
/// O(nnz / p) per rank, no communication beyond PETSc's assembly.
[[nodiscard]] inline DistributedMatrix laplacian(const DistributedGraph& g, LaplacianKind kind = LaplacianKind::unnormalized) {
  detail::require_initialized("laplacian");
  const Eigen::VectorXd d = detail::degrees_of(g);
  const PetscInt b = static_cast<PetscInt>(g.global_offset()), m = static_cast<PetscInt>(g.local_nodes());
  // L = D - A row by row (the pattern of A without its explicit zeros and self-loops, plus the
  // diagonal d_i - a_ii), then the normalizations as diagonal scalings.
  std::vector<PetscInt> ia(1, 0), ja;
  std::vector<PetscScalar> va;
  detail::for_each_row(g.mat(), b, b + m, [&](PetscInt gi, PetscInt nc, const PetscInt* c, const PetscScalar* v) {
    const Eigen::Index i = gi - b;
    double self = 0;
    for (PetscInt k = 0; k < nc; ++k)
      if (c[k] == gi) self += v[k];
    bool placed = false;
    for (PetscInt k = 0; k < nc; ++k) {
      if (!placed && c[k] >= gi) {
        ja.push_back(gi);
        va.push_back(d(i) - self);
        placed = true;
      }
      if (c[k] == gi || v[k] == 0) continue;
      ja.push_back(c[k]);
      va.push_back(-v[k]);
    }
    if (!placed) {
      ja.push_back(gi);
      va.push_back(d(i) - self);
    }
    ia.push_back(static_cast<PetscInt>(ja.size()));
  });
  const auto n = static_cast<PetscInt>(g.nodes());
  detail::OwnedMat l;
  detail::check(MatCreateMPIAIJWithArrays(g.comm(), m, m, n, n, ia.data(), ja.data(), va.data(), l.out()),
                "MatCreateMPIAIJWithArrays");
  if (kind != LaplacianKind::unnormalized) {
    Eigen::VectorXd s(m);
    for (PetscInt i = 0; i < m; ++i)
      s(i) = d(i) > 0 ? (kind == LaplacianKind::symmetric_normalized ? 1.0 / std::sqrt(d(i)) : 1.0 / d(i)) : 0.0;
    const detail::OwnedVec sv = detail::vec_from(l.get(), s);
    detail::check(MatDiagonalScale(l.get(), sv.get(), kind == LaplacianKind::symmetric_normalized ? sv.get() : nullptr),
                  "MatDiagonalScale");
  }
  return DistributedMatrix(l.release());
}

/// @brief Connected components, distributed.
///
/// Algorithm: min-label propagation in rounds, each round (1) fetching the labels of the ghost
/// nodes (columns owned by other ranks) with one VecScatter, (2) a union-find over this rank's
/// rows and ghosts that gives every local node the minimum label of its locally connected piece.
/// Labels only decrease; the loop stops when no rank changed one (MPI_Allreduce). A path needs
/// one round per change of owning rank along it, so the rounds are bounded by (number of rank
/// boundaries crossed by a shortest path) + 1 (at most a few rounds per rank for contiguous
/// blocks of a graph with locality), not by the diameter as plain label propagation would be.
/// Final labels (the minimum node of each component) are renumbered by first appearance.
/// @param g the graph
/// @return count and this rank's labels (serial components()' numbering)
[[nodiscard]] inline DistributedComponents connected_components(const DistributedGraph& g) {
  MPI_Comm comm = g.comm();
  const PetscInt b = static_cast<PetscInt>(g.global_offset()), m = static_cast<PetscInt>(g.local_nodes());
  // Local edges, ghost numbering m + k.
  std::vector<PetscInt> ghosts;
  std::vector<std::pair<PetscInt, PetscInt>> edges;  // (local i, global j)
  detail::for_each_row(g.mat(), b, b + m, [&](PetscInt gi, PetscInt nc, const PetscInt* c, const PetscScalar* v) {
    for (PetscInt k = 0; k < nc; ++k) {
      if (v[k] == 0 || c[k] == gi) continue;  // explicit zeros are not edges; self-loops join nothing
      edges.emplace_back(gi - b, c[k]);
      if (c[k] < b || c[k] >= b + m) ghosts.push_back(c[k]);
    }
  });
  std::sort(ghosts.begin(), ghosts.end());
  ghosts.erase(std::unique(ghosts.begin(), ghosts.end()), ghosts.end());
  auto slot = [&](PetscInt j) -> std::size_t {
    if (j >= b && j < b + m) return static_cast<std::size_t>(j - b);
    return static_cast<std::size_t>(m) + static_cast<std::size_t>(std::lower_bound(ghosts.begin(), ghosts.end(), j) - ghosts.begin());
  };
  std::vector<std::pair<std::size_t, std::size_t>> links;
  links.reserve(edges.size());
  for (const auto& e : edges) links.emplace_back(static_cast<std::size_t>(e.first), slot(e.second));
  std::vector<std::pair<PetscInt, PetscInt>>().swap(edges);
  const std::size_t total = static_cast<std::size_t>(m) + ghosts.size();
  std::vector<std::size_t> parent(total);
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::iota(parent.begin(), parent.end(), std::size_t(0));
  for (const auto& l : links) {
    const std::size_t x = find(l.first), y = find(l.second);
    if (x != y) parent[std::max(x, y)] = std::min(x, y);
  }
  Eigen::VectorXd label(m);
  for (PetscInt i = 0; i < m; ++i) label(i) = double(b + i);
  detail::OwnedVec lab = detail::vec_from(g.mat(), label);
  std::vector<double> best(total);
  for (int round = 0;; ++round) {
    const Eigen::VectorXd gl = ghosts.empty() ? Eigen::VectorXd() : detail::values_at(lab.get(), ghosts);
    std::fill(best.begin(), best.end(), std::numeric_limits<double>::infinity());
    for (std::size_t s = 0; s < total; ++s) {
      const double v = s < static_cast<std::size_t>(m) ? label(static_cast<Eigen::Index>(s)) : gl(static_cast<Eigen::Index>(s - m));
      const std::size_t r = find(s);
      best[r] = std::min(best[r], v);
    }
    int changed = 0, any = 0;
    for (PetscInt i = 0; i < m; ++i) {
      const double v = best[find(static_cast<std::size_t>(i))];
      if (v < label(i)) {
        label(i) = v;
        changed = 1;
      }
    }
    MPI_Allreduce(&changed, &any, 1, MPI_INT, MPI_MAX, comm);
    if (!any) break;
    lab = detail::vec_from(g.mat(), label);
  }
  // Roots (label == own index) numbered in global order = first appearance.
  long long roots = 0, before = 0, count = 0;
  for (PetscInt i = 0; i < m; ++i) roots += label(i) == double(b + i) ? 1 : 0;
  MPI_Exscan(&roots, &before, 1, MPI_LONG_LONG, MPI_SUM, comm);
  if (detail::comm_rank(comm) == 0) before = 0;
  MPI_Allreduce(&roots, &count, 1, MPI_LONG_LONG, MPI_SUM, comm);
  Eigen::VectorXd id = Eigen::VectorXd::Constant(m, -1.0);
  long long next = before;
  for (PetscInt i = 0; i < m; ++i)
    if (label(i) == double(b + i)) id(i) = double(next++);
  detail::OwnedVec ids = detail::vec_from(g.mat(), id);
  std::vector<PetscInt> at(static_cast<std::size_t>(m));
  for (PetscInt i = 0; i < m; ++i) at[static_cast<std::size_t>(i)] = static_cast<PetscInt>(label(i));
  const Eigen::VectorXd mine = detail::values_at(ids.get(), at);
  DistributedComponents out;
  out.count = count;
  out.global_offset = b;
  out.labels = mine.cast<int>();
  return out;
}

namespace detail {

/// Sets the preconditioner named by SolverOptions::preconditioner.
inline void set_preconditioner(PC pc, const std::string& name, const char* function) {
  if (name == "hypre") {
#if defined(PETSC_HAVE_HYPRE)
    check(PCSetType(pc, PCHYPRE), "PCSetType");
    check(PCHYPRESetType(pc, "boomeramg"), "PCHYPRESetType");
#else
    check(PCSetType(pc, PCGAMG), "PCSetType");
#endif
  } else if (name == "gamg") {
    check(PCSetType(pc, PCGAMG), "PCSetType");
  } else if (name == "jacobi") {
    check(PCSetType(pc, PCJACOBI), "PCSetType");
  } else if (name == "none") {
    check(PCSetType(pc, PCNONE), "PCSetType");
  } else {
    fail(function, "SolverOptions::preconditioner", "must be hypre, gamg, jacobi or none, got '" + name + "'");
  }
}

/// Validates SolverOptions on every rank (the same values everywhere: no communication).
inline void check_solver_options(const SolverOptions& so, const char* function) {
  if (so.method != EigenMethod::lobpcg && so.method != EigenMethod::krylov_schur)
    fail(function, "SolverOptions::method", "must be lobpcg or krylov_schur");
  if (so.preconditioner != "hypre" && so.preconditioner != "gamg" && so.preconditioner != "jacobi" &&
      so.preconditioner != "none")
    fail(function, "SolverOptions::preconditioner",
         "must be hypre, gamg, jacobi or none, got '" + so.preconditioner + "'");
}

/// Runs SLEPc on the symmetric L for its nev smallest eigenpairs orthogonal to `deflate`
/// (may be null), absolute residual tolerance tol_abs, start block from the seed.
inline DistributedEigenpairs run_eps(Mat l, PetscInt nev, std::vector<Vec> deflate, double tol_abs, PetscInt max_it,
                                     std::uint64_t seed, const SolverOptions& so) {
  MPI_Comm comm = PetscObjectComm(reinterpret_cast<PetscObject>(l));
  OwnedEPS eps;
  check(EPSCreate(comm, eps.out()), "EPSCreate");
  check(EPSSetOperators(eps.get(), l, nullptr), "EPSSetOperators");
  check(EPSSetProblemType(eps.get(), EPS_HEP), "EPSSetProblemType");
  ST st = nullptr;
  check(EPSGetST(eps.get(), &st), "EPSGetST");
  KSP ksp = nullptr;
  check(STGetKSP(st, &ksp), "STGetKSP");
  PC pc = nullptr;
  check(KSPGetPC(ksp, &pc), "KSPGetPC");
  if (so.method == EigenMethod::lobpcg) {
    check(EPSSetType(eps.get(), EPSLOBPCG), "EPSSetType");
    check(EPSSetWhichEigenpairs(eps.get(), EPS_SMALLEST_REAL), "EPSSetWhichEigenpairs");
    check(STSetType(st, STPRECOND), "STSetType");
    check(KSPSetType(ksp, KSPPREONLY), "KSPSetType");
  } else {
    PetscReal norm = 0;
    check(MatNorm(l, NORM_1, &norm), "MatNorm");
    check(EPSSetType(eps.get(), EPSKRYLOVSCHUR), "EPSSetType");
    check(EPSSetWhichEigenpairs(eps.get(), EPS_TARGET_REAL), "EPSSetWhichEigenpairs");
    check(EPSSetTarget(eps.get(), -1e-9 * norm), "EPSSetTarget");
    check(STSetType(st, STSINVERT), "STSetType");
    check(KSPSetType(ksp, KSPCG), "KSPSetType");
    check(KSPSetTolerances(ksp, 1e-12, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT), "KSPSetTolerances");
  }
  set_preconditioner(pc, so.preconditioner, "fiedler_vector");
  check(EPSSetDimensions(eps.get(), nev, PETSC_DEFAULT, PETSC_DEFAULT), "EPSSetDimensions");
  // Shift-and-invert estimates the residual of the inverted operator: a tenth of the tolerance
  // there gives the asked one on L (the returned residual is computed on L).
  check(EPSSetTolerances(eps.get(), so.method == EigenMethod::krylov_schur ? tol_abs / 10 : tol_abs, max_it),
        "EPSSetTolerances");
  check(EPSSetConvergenceTest(eps.get(), EPS_CONV_ABS), "EPSSetConvergenceTest");
  if (!deflate.empty())
    check(EPSSetDeflationSpace(eps.get(), static_cast<PetscInt>(deflate.size()), deflate.data()), "EPSSetDeflationSpace");
  // A start block from the seed, the same whatever the number of ranks.
  std::vector<OwnedVec> start(static_cast<std::size_t>(nev));
  std::vector<Vec> raw;
  PetscInt b = 0, e = 0;
  check(MatGetOwnershipRange(l, &b, &e), "MatGetOwnershipRange");
  for (PetscInt k = 0; k < nev; ++k) {
    Eigen::VectorXd x(e - b);
    for (PetscInt i = b; i < e; ++i)
      x(i - b) = hashed_uniform(seed + 7919ULL * static_cast<std::uint64_t>(k), static_cast<std::uint64_t>(i));
    start[static_cast<std::size_t>(k)] = vec_from(l, x);
    raw.push_back(start[static_cast<std::size_t>(k)].get());
  }
  check(EPSSetInitialSpace(eps.get(), nev, raw.data()), "EPSSetInitialSpace");
  const ScopedOptions scoped(so.petsc_options);
  check(EPSSetFromOptions(eps.get()), "EPSSetFromOptions");
  check(EPSSolve(eps.get()), "EPSSolve");
  PetscInt nconv = 0, its = 0;
  check(EPSGetConverged(eps.get(), &nconv), "EPSGetConverged");
  check(EPSGetIterationNumber(eps.get(), &its), "EPSGetIterationNumber");
  DistributedEigenpairs out;
  out.global_offset = b;
  out.iterations = its;
  out.status = nconv >= nev ? Status::success : Status::not_converged;
  const PetscInt got = std::min(nconv, nev);
  out.values.resize(got);
  out.vectors.resize(e - b, got);
  OwnedVec x;
  check(MatCreateVecs(l, x.out(), nullptr), "MatCreateVecs");
  for (PetscInt k = 0; k < got; ++k) {
    PetscScalar lambda = 0;
    check(EPSGetEigenpair(eps.get(), k, &lambda, nullptr, x.get(), nullptr), "EPSGetEigenpair");
    check(VecNormalize(x.get(), nullptr), "VecNormalize");
    out.values(k) = lambda;
    out.vectors.col(k) = local_copy(x.get());
  }
  return out;
}

inline double norm1(Mat l) {
  PetscReal v = 0;
  check(MatNorm(l, NORM_1, &v), "MatNorm");
  return v;
}

/// ||L v - lambda v|| / ||L||_1 of a local slice.
inline double relative_residual(Mat l, const Eigen::VectorXd& v, double lambda) {
  OwnedVec x = vec_from(l, v), y;
  check(MatCreateVecs(l, y.out(), nullptr), "MatCreateVecs");
  check(MatMult(l, x.get(), y.get()), "MatMult");
  check(VecAXPY(y.get(), -lambda, x.get()), "VecAXPY");
  PetscReal r = 0;
  check(VecNorm(y.get(), NORM_2, &r), "VecNorm");
  return r / std::max(norm1(l), 1e-300);
}

DistributedFiedlerResult fiedler_of(const DistributedGraph& g, const FiedlerOptions& o, const SolverOptions& so);

/// The induced subgraph on this rank's nodes with keep(i) (the order kept: serial numbering).
inline DistributedGraph subgraph(const DistributedGraph& g, const std::vector<PetscInt>& rows) {
  OwnedIS is;
  check(ISCreateGeneral(g.comm(), static_cast<PetscInt>(rows.size()), rows.data(), PETSC_COPY_VALUES, is.out()),
        "ISCreateGeneral");
  Mat sub = nullptr;
  check(MatCreateSubMatrix(g.mat(), is.get(), is.get(), MAT_INITIAL_MATRIX, &sub), "MatCreateSubMatrix");
  return DistributedGraph::adopt(sub);
}

inline DistributedFiedlerResult fiedler_of(const DistributedGraph& g, const FiedlerOptions& o, const SolverOptions& so) {
  MPI_Comm comm = g.comm();
  const Eigen::Index n = g.nodes(), b = g.global_offset(), m = g.local_nodes();
  DistributedFiedlerResult r;
  r.global_offset = b;
  if (n <= std::max<Eigen::Index>(o.dense_threshold, 16)) {
    // Small: every rank solves the gathered graph with the serial solver (identical results).
    const Eigen::SparseMatrix<double> a = gather_matrix(g);
    const FiedlerResult<double> s = spectrakit::fiedler_vector(a, o);
    r.value = s.value;
    r.vector = s.vector.segment(b, m);
    r.gap = s.gap;
    r.residual = s.residual;
    r.iterations = s.iterations;
    r.components = s.components;
    r.status = s.status;
    return r;
  }
  const DistributedComponents comps = connected_components(g);
  r.components = comps.count;
  const Eigen::VectorXd d = degrees_of(g);
  DistributedMatrix l = laplacian(g, o.normalized ? LaplacianKind::symmetric_normalized : LaplacianKind::unnormalized);
  if (comps.count > 1) {
    r.value = 0;
    double v[2] = {0, 0}, tot[2] = {0, 0};  // vol0, vol
    for (Eigen::Index i = 0; i < m; ++i) {
      const double wi = o.normalized ? d(i) : 1.0;
      v[1] += wi;
      if (comps.labels(i) == 0) v[0] += wi;
    }
    MPI_Allreduce(v, tot, 2, MPI_DOUBLE, MPI_SUM, comm);
    const double vol0 = tot[0], vol = tot[1];
    Eigen::VectorXd x = Eigen::VectorXd::Zero(m);
    if (vol0 > 0 && vol - vol0 > 0) {
      for (Eigen::Index i = 0; i < m; ++i)
        x(i) = (o.normalized ? std::sqrt(d(i)) : 1.0) * (comps.labels(i) == 0 ? (vol - vol0) : -vol0);
    } else {
      long long first = std::numeric_limits<long long>::max(), gfirst = 0;
      for (Eigen::Index i = 0; i < m; ++i)
        if ((vol0 == 0) == (comps.labels(i) == 0) && d(i) == 0) {
          first = b + i;
          break;
        }
      MPI_Allreduce(&first, &gfirst, 1, MPI_LONG_LONG, MPI_MIN, comm);
      if (gfirst >= b && gfirst < b + m) x(gfirst - b) = 1;
    }
    double sq = x.squaredNorm(), all = 0;
    MPI_Allreduce(&sq, &all, 1, MPI_DOUBLE, MPI_SUM, comm);
    x /= std::sqrt(all);
    fix_sign(comm, x, b);
    r.vector = x;
    if (comps.count >= 3) {
      r.gap = 0;
    } else {
      r.gap = std::numeric_limits<double>::infinity();
      for (int part = 0; part < 2; ++part) {
        std::vector<PetscInt> rows;
        for (Eigen::Index i = 0; i < m; ++i)
          if (comps.labels(i) == part) rows.push_back(static_cast<PetscInt>(b + i));
        long long mine = static_cast<long long>(rows.size()), size = 0;
        MPI_Allreduce(&mine, &size, 1, MPI_LONG_LONG, MPI_SUM, comm);
        if (size < 2) continue;
        const DistributedGraph sub = subgraph(g, rows);
        const DistributedFiedlerResult s = fiedler_of(sub, o, so);
        r.gap = std::min(r.gap, s.value);
        r.iterations += s.iterations;
        if (s.status != Status::success) r.status = s.status;
      }
    }
    r.residual = relative_residual(l.mat(), r.vector, 0.0);
    return r;
  }
  // Connected: the null vector 1 (D^{1/2} 1 normalized) deflated, two pairs for the gap.
  Eigen::VectorXd z = o.normalized ? Eigen::VectorXd(d.cwiseSqrt()) : Eigen::VectorXd::Ones(m);
  OwnedVec null = vec_from(l.mat(), z);
  check(VecNormalize(null.get(), nullptr), "VecNormalize");
  const double tol = spectrakit::detail::resolved_tolerance<double>(o.tolerance) * norm1(l.mat());
  const DistributedEigenpairs p =
      run_eps(l.mat(), 2, {null.get()}, tol, static_cast<PetscInt>(o.max_iterations), o.seed, so);
  r.iterations = p.iterations;
  r.status = p.status;
  if (p.values.size() == 0) {
    r.vector = Eigen::VectorXd::Zero(m);
    return r;
  }
  r.value = std::max(0.0, p.values(0));
  r.vector = p.vectors.col(0);
  fix_sign(comm, r.vector, b);
  r.gap = p.values.size() > 1 ? std::max(0.0, p.values(1) - p.values(0)) : 0.0;
  r.residual = relative_residual(l.mat(), r.vector, r.value);
  return r;
}

}  // namespace detail

/// @brief The Fiedler vector and lambda_2 of a distributed graph, with the serial
/// spectrakit::fiedler_vector()'s semantics (value, gap, residual, status, sign convention,
/// the disconnected-graph convention).
///
/// Method: graphs with n <= max(options.dense_threshold, 16) are gathered and solved by the
/// serial solver on every rank. Larger ones: components decided combinatorially
/// (connected_components()); a connected graph's two smallest nonzero pairs of L (or L_sym) by
/// SLEPc, by default LOBPCG preconditioned with hypre's BoomerAMG (GAMG when PETSc lacks hypre),
/// with the null vector deflated (EPSSetDeflationSpace) and the serial stopping rule
/// ||L v - lambda v|| <= tolerance ||L||_1 (EPS_CONV_ABS). `solver.petsc_options` reaches
/// EPSSetFromOptions (-eps_type, -st_type, -eps_view, ...).
/// @param g the graph (n >= 2)
/// @param options as serial (normalized, tolerance, seed, max_iterations = SLEPc's max_it,
///        dense_threshold)
/// @param solver preconditioner and PETSc options
/// @return the result; `vector` holds this rank's entries
/// @throws invalid_input on every rank when n < 2 or an option is out of range; petsc_error
[[nodiscard]] inline DistributedFiedlerResult fiedler_vector(const DistributedGraph& g, const FiedlerOptions& options = {},
                                                           const SolverOptions& solver = {}) {
  detail::require_initialized("fiedler_vector");
  detail::check_solver_options(solver, "fiedler_vector");
  spectrakit::detail::check_solver_options(options, "distributed::fiedler_vector");
  if (g.nodes() < 2) detail::fail("fiedler_vector", "graph", "must have at least 2 nodes");
  return detail::fiedler_of(g, options, solver);
}

/// @brief The k smallest eigenpairs of a Laplacian of the graph, the null vectors included.
///
/// The null space is known combinatorially (connected_components()): one eigenvalue 0 per
/// component, with its indicator vector (D^{1/2}-weighted and normalized for L_sym; a unit
/// vector on an isolated node), returned first; the remaining k - c pairs by SLEPc
/// (SolverOptions; Krylov-Schur shift-and-invert by default) with those vectors deflated.
/// @param g the graph
/// @param k 1 <= k <= n
/// @param kind unnormalized (default) or symmetric_normalized
/// @param tolerance relative residual (0: eps^{2/3}), ||L v - lambda v|| <= tolerance ||L||_1
/// @param solver method, preconditioner and PETSc options
/// @return ascending values, this rank's rows of the vectors, SLEPc's iterations, status
/// @throws invalid_input on every rank when k is out of range, kind is random_walk or an option
/// is out of range
/// @par Cost
/// One connected_components() and one SLEPc solve for k - c pairs (c + O(k) vectors of n/p).
[[nodiscard]] inline DistributedEigenpairs smallest_eigenpairs(const DistributedGraph& g, Eigen::Index k,
                                                               LaplacianKind kind = LaplacianKind::unnormalized,
                                                               double tolerance = 0, const SolverOptions& solver = {}) {
  detail::require_initialized("smallest_eigenpairs");
  detail::check_solver_options(solver, "smallest_eigenpairs");
  if (k < 1 || k > g.nodes())
    detail::fail("smallest_eigenpairs", "k", "must be in [1, " + std::to_string(g.nodes()) + "], got " + std::to_string(k));
  if (kind == LaplacianKind::random_walk) detail::fail("smallest_eigenpairs", "kind", "must be symmetric");
  if (!(tolerance >= 0 && tolerance < 1)) detail::fail("smallest_eigenpairs", "tolerance", "must be in [0, 1)");
  const DistributedMatrix l = laplacian(g, kind);
  const double tol = spectrakit::detail::resolved_tolerance<double>(tolerance) * detail::norm1(l.mat());
  // The null space is known (one vector per component: its indicator, D^{1/2}-weighted for
  // L_sym; a unit vector on an isolated node): returned as is and deflated from the solve.
  const DistributedComponents comps = connected_components(g);
  const Eigen::VectorXd d = detail::degrees_of(g);
  const Eigen::Index m = g.local_nodes(), c = comps.count, nulls = std::min(c, k);
  Eigen::MatrixXd z = Eigen::MatrixXd::Zero(m, c);
  for (Eigen::Index i = 0; i < m; ++i)
    z(i, comps.labels(i)) = kind == LaplacianKind::symmetric_normalized ? std::sqrt(d(i)) : 1.0;
  Eigen::VectorXd norms = z.colwise().squaredNorm().transpose(), all(c);
  MPI_Allreduce(norms.data(), all.data(), static_cast<int>(c), MPI_DOUBLE, MPI_SUM, g.comm());
  for (Eigen::Index q = 0; q < c; ++q) {
    if (all(q) > 0) {
      z.col(q) /= std::sqrt(all(q));
    } else {  // an isolated node of L_sym
      for (Eigen::Index i = 0; i < m; ++i) z(i, q) = comps.labels(i) == q ? 1.0 : 0.0;
    }
  }
  DistributedEigenpairs out;
  out.global_offset = g.global_offset();
  if (k <= c) {
    out.values = Eigen::VectorXd::Zero(k);
    out.vectors = z.leftCols(k);
    return out;
  }
  std::vector<detail::OwnedVec> owned;
  std::vector<Vec> deflate;
  for (Eigen::Index q = 0; q < c; ++q) {
    owned.push_back(detail::vec_from(l.mat(), z.col(q)));
    deflate.push_back(owned.back().get());
  }
  const DistributedEigenpairs p =
      detail::run_eps(l.mat(), static_cast<PetscInt>(k - c), deflate, tol, 1000, 42, solver);
  out.iterations = p.iterations;
  out.status = p.status;
  out.values.resize(nulls + p.values.size());
  out.values << Eigen::VectorXd::Zero(nulls), p.values;
  out.vectors.resize(m, out.values.size());
  out.vectors << z, p.vectors;
  return out;
}

}  // namespace distributed
}  // namespace spectrakit

#endif  // SPECTRAKIT_DISTRIBUTED_SPECTRAL_HPP
