/// @file graph/fiedler.hpp
/// @brief The Fiedler vector and the algebraic connectivity lambda_2 of a graph.
#ifndef SPECTRAKIT_GRAPH_FIEDLER_HPP
#define SPECTRAKIT_GRAPH_FIEDLER_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../detail/config.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "../solver_method.hpp"
#include "components.hpp"
#include "detail/adjacency.hpp"
#include "detail/lowest_eigenpairs.hpp"
#include "laplacian.hpp"

namespace spectrakit {

/// @brief The eigen-solver options that the graph module's spectral routines share
/// (fiedler_vector(), spectral_embedding(), spectral_clustering() and the partitioning routines
/// built on them): their options structs derive from it.
struct GraphSolverOptions {
  /// Relative residual: stop when ||L v - lambda v|| <= tolerance * ||L||_1 for every wanted pair
  /// (for the Fiedler vector, the Fiedler pair and the next one: the gap needs both). 0 (default)
  /// selects eps^{2/3} of the input's scalar type (3.7e-11 for double, 4.9e-5 for float);
  /// otherwise in (0, 1).
  double tolerance = 0;
  /// Seed of the random start block of the iterative solver (std::mt19937_64); the same seed
  /// gives bit-identical results.
  std::uint64_t seed = 42;
  /// Bound on the linear solves of the iterative solver (>= 1, default 1000); reaching it gives
  /// Status::not_converged with the best vectors found.
  Eigen::Index max_iterations = 1000;
  /// Graphs with at most this many nodes take the dense eigen-solver path with method
  /// automatic (>= 0, default 300).
  Eigen::Index dense_threshold = 300;
  /// The eigen-solver (default automatic): dense; shift_invert (block Lanczos on a sparse
  /// Cholesky factor of L + delta I); lobpcg (block LOBPCG preconditioned by aggregation AMG, the
  /// null vectors as constraints); lanczos is the same as shift_invert here (the graph module
  /// has no factorization-free Lanczos; the result reports shift_invert). automatic: dense up to
  /// dense_threshold nodes, otherwise shift-invert when its factor, predicted from the symbolic
  /// analysis before anything is factorized, fits memory_budget and is predicted cheaper than
  /// LOBPCG + AMG (2-D meshes, kNN graphs), else LOBPCG + AMG (scale-free graphs, 3-D meshes);
  /// see docs/graph.md, "Solver choice".
  EigsMethod method = EigsMethod::automatic;
  /// Memory budget in bytes of the factorization (shift_invert, automatic) or of the dense path
  /// (dense): 0 (default) selects half of the physical memory (or of the cgroup limit, when
  /// lower); at most 2^62. An explicit shift_invert or dense request predicted above it returns
  /// Status::out_of_memory_budget without allocating; automatic then takes LOBPCG.
  std::size_t memory_budget = 0;
};

/// @brief Options of fiedler_vector() (and of the partitioning routines built on it): the
/// eigen-solver's (GraphSolverOptions) and the Laplacian's.
struct FiedlerOptions : GraphSolverOptions {
  /// false (default): lambda_2 of L = D - A; true: lambda_2 of L_sym = I - D^{-1/2} A D^{-1/2}.
  bool normalized = false;
};

/// @brief The Fiedler pair of a graph: lambda_2 (the algebraic connectivity) and its eigenvector.
/// @tparam Scalar float or double (the input's scalar)
template <typename Scalar>
struct FiedlerResult {
  /// Dense vector type.
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  /// lambda_2 >= 0, the second smallest eigenvalue (exactly 0 when the graph is disconnected).
  Scalar value = 0;
  /// The Fiedler vector: unit 2-norm, orthogonal to the null vector (1, or D^{1/2} 1 when
  /// normalized), sign fixed so that its entry of largest magnitude (the first among near-ties,
  /// within 1e-3 relative) is positive. For a disconnected graph see fiedler_vector().
  Vector vector;
  /// lambda_3 - lambda_2 >= 0. When it is 0 (or tiny relative to lambda_2) the Fiedler vector is
  /// not unique: any unit vector of the eigenspace is one, and the one returned depends on the
  /// seed. +Inf for n = 2 (there is no lambda_3; the vector is unique up to sign).
  Scalar gap = 0;
  /// Relative residual ||L v - lambda_2 v|| / ||L||_1 of the returned pair.
  Scalar residual = 0;
  /// Linear solves of shift-invert, or LOBPCG iterations (one AMG V-cycle each); 0 for the
  /// closed form and the dense path.
  Eigen::Index iterations = 0;
  /// Number of connected components of the graph (decided combinatorially).
  Eigen::Index components = 0;
  /// success, not_converged (max_iterations reached: value and vector are the best found),
  /// numerical_issue (the factorization failed) or out_of_memory_budget (an explicit
  /// shift_invert or dense request predicted above memory_budget: nothing was computed, value 0,
  /// vector zero; see message and predicted_factor_bytes).
  Status status = Status::success;
  /// The eigen-solver that ran: dense (also for the closed forms: n = 2, disconnected graphs
  /// without a sub-solve), shift_invert or lobpcg; never automatic.
  EigsMethod method = EigsMethod::dense;
  /// Bytes of the shift-invert factor (values and indices); 0 for the other methods.
  std::size_t factor_bytes = 0;
  /// The predicted peak bytes of the shift-invert factorization when a prediction was made
  /// (automatic above dense_threshold, shift_invert), else 0. When automatic chose lobpcg from
  /// the cores' screen (large graphs ordered by AMD, e.g. scale-free ones: docs/solvers.md) it
  /// is the factorization of the graph's densest core only, a lower bound for the whole graph's.
  std::size_t predicted_factor_bytes = 0;
  /// Why the solve did not run (out_of_memory_budget), empty otherwise.
  std::string message;

  /// @brief True when status == Status::success.
  [[nodiscard]] bool converged() const { return status == Status::success; }
};

namespace detail {

/// Validates the shared eigen-solver options of the graph module's spectral routines.
inline void check_solver_options(const GraphSolverOptions& o, const char* function) {
  if (!(o.tolerance >= 0 && o.tolerance < 1))
    fail_option(function, "tolerance", "must be in [0, 1) (0 selects the default), got " + std::to_string(o.tolerance));
  if (o.max_iterations < 1) fail_option(function, "max_iterations", "must be >= 1");
  if (o.dense_threshold < 0) fail_option(function, "dense_threshold", "must be >= 0");
  require_method(o.method, function);
  require_memory_budget(o.memory_budget, function);
}

/// The method-choice knobs of the shared eigen-solver options.
inline SolverRequest solver_request(const GraphSolverOptions& o) {
  return SolverRequest{o.method, o.memory_budget, o.dense_threshold};
}

template <typename Scalar>
double resolved_tolerance(double tolerance) {
  return tolerance > 0 ? tolerance : std::pow(double(std::numeric_limits<Scalar>::epsilon()), 2.0 / 3.0);
}

/// The subgraph induced by `nodes` (local index k = nodes[k]).
template <typename Scalar>
SparseGraph<Scalar> induced_subgraph(const SparseGraph<Scalar>& a, const std::vector<int>& nodes,
                                     std::vector<int>& local) {
  local.assign(static_cast<std::size_t>(a.cols()), -1);
  for (std::size_t k = 0; k < nodes.size(); ++k) local[static_cast<std::size_t>(nodes[k])] = static_cast<int>(k);
  std::vector<Eigen::Triplet<Scalar, int>> t;
  for (std::size_t k = 0; k < nodes.size(); ++k)
    for (typename SparseGraph<Scalar>::InnerIterator it(a, nodes[k]); it; ++it) {
      const int li = local[static_cast<std::size_t>(it.index())];
      if (li >= 0) t.emplace_back(li, static_cast<int>(k), it.value());
    }
  const auto m = static_cast<Eigen::Index>(nodes.size());
  SparseGraph<Scalar> s(m, m);
  s.setFromTriplets(t.begin(), t.end());
  return s;
}

/// Fiedler pair of a validated adjacency (the graph module computes in double), `tol` the
/// resolved relative residual tolerance.
template <typename Real>
FiedlerResult<Real> fiedler_of(const SparseGraph<Real>& a, const FiedlerOptions& o, Real tol);

/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_FIEDLER_INSTANTIATIONS(prefix) \
  prefix FiedlerResult<double> fiedler_of<double>(const SparseGraph<double>&, const FiedlerOptions&, double);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_FIEDLER_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

#if SPECTRAKIT_DEFINE_CORES

/// Fiedler pair of a validated adjacency (the graph module computes in double).
template <typename Real>
FiedlerResult<Real> fiedler_of(const SparseGraph<Real>& a, const FiedlerOptions& o, Real tol) {
  FiedlerResult<Real> r;
  const Eigen::Index n = a.cols();
  const VecX<Real> d = degrees_of(a);
  const Components comps = components_of(a);
  r.components = comps.count;
  if (n == 2) {  // closed form
    Real w = 0;
    for (typename SparseGraph<Real>::InnerIterator it(a, 0); it; ++it)
      if (it.index() == 1) w = it.value();
    r.gap = std::numeric_limits<Real>::infinity();
    r.vector = VecX<Real>::Constant(2, Real(1) / std::sqrt(Real(2)));
    r.vector(1) = -r.vector(1);
    if (w > 0) {
      if (o.normalized) {
        r.value = w / d(0) + w / d(1);
        r.vector(0) = std::sqrt(d(1) / (d(0) + d(1)));
        r.vector(1) = -std::sqrt(d(0) / (d(0) + d(1)));
      } else {
        r.value = 2 * w;
      }
    } else if (o.normalized && d(0) == 0) {
      r.vector << 1, 0;  // node 0 isolated: its unit vector is a null vector
    } else if (o.normalized && d(1) == 0) {
      r.vector << 0, 1;
    }
    fix_sign(r.vector);
    return r;
  }
  if (comps.count > 1) {
    // Disconnected: lambda_2 = 0 exactly. The vector separates component 0 from the rest.
    r.value = 0;
    VecX<Real> x(n);
    Real vol0 = 0, vol = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const Real wi = o.normalized ? d(i) : Real(1);
      vol += wi;
      if (comps.labels(i) == 0) vol0 += wi;
    }
    if (vol0 > 0 && vol - vol0 > 0) {
      // sqrt(d_i) times a volume overflowed (or underflowed) for weights beyond 1e+-100: both
      // are formed from 2^-e d, max 2^-e d_i in [1, 2) (the vector's direction is unchanged).
      const int e = o.normalized ? std::ilogb(d.maxCoeff()) : 0;
      const Real s2 = std::ldexp(Real(1), -e);
      Real svol = 0, svol0 = 0;
      for (Eigen::Index i = 0; i < n; ++i) {
        const Real wi = o.normalized ? d(i) * s2 : Real(1);
        svol += wi;
        if (comps.labels(i) == 0) svol0 += wi;
      }
      for (Eigen::Index i = 0; i < n; ++i) {
        const Real s = o.normalized ? std::sqrt(d(i) * s2) : Real(1);
        x(i) = s * (comps.labels(i) == 0 ? (svol - svol0) : -svol0);
      }
    } else {  // normalized with a zero-volume side: a unit vector on that side is a null vector
      x.setZero();
      for (Eigen::Index i = 0; i < n; ++i)
        if ((vol0 == 0) == (comps.labels(i) == 0) && d(i) == 0) {
          x(i) = 1;
          break;
        }
    }
    x = x.stableNormalized();
    fix_sign(x);
    r.vector = x;
    // gap = lambda_3 - 0: 0 with >= 3 components, else the smaller lambda_2 of the two parts.
    if (comps.count >= 3) {
      r.gap = 0;
    } else {
      r.gap = std::numeric_limits<Real>::infinity();
      for (int part = 0; part < 2; ++part) {
        std::vector<int> nodes, local;
        for (Eigen::Index i = 0; i < n; ++i)
          if (comps.labels(i) == part) nodes.push_back(static_cast<int>(i));
        if (nodes.size() < 2) continue;
        const FiedlerResult<Real> sub = fiedler_of(induced_subgraph(a, nodes, local), o, tol);
        r.gap = std::min(r.gap, sub.value);
        r.iterations += sub.iterations;
        if (sub.status != Status::success) r.status = sub.status;
        if (sub.method != EigsMethod::dense) r.method = sub.method;
        r.factor_bytes = std::max(r.factor_bytes, sub.factor_bytes);
        r.predicted_factor_bytes = std::max(r.predicted_factor_bytes, sub.predicted_factor_bytes);
        if (!sub.message.empty()) r.message = sub.message;
      }
    }
    const SparseGraph<Real> l =
        laplacian_of(a, o.normalized ? LaplacianKind::symmetric_normalized : LaplacianKind::unnormalized);
    r.residual = (l * r.vector).stableNorm() / std::max(norm1(l), std::numeric_limits<Real>::min());
    return r;
  }
  const SparseGraph<Real> l =
      laplacian_of(a, o.normalized ? LaplacianKind::symmetric_normalized : LaplacianKind::unnormalized);
  const MatX<Real> z = null_basis(comps, d, o.normalized);
  const LowestPairs<Real> p = lowest_pairs(l, z, 2, tol, o.seed, o.max_iterations, solver_request(o));
  r.method = p.method;
  r.factor_bytes = p.factor_bytes;
  r.predicted_factor_bytes = p.predicted_factor_bytes;
  r.message = p.message;
  r.status = p.status;
  if (p.status == Status::out_of_memory_budget) {
    r.value = 0;
    r.gap = 0;
    r.vector = VecX<Real>::Zero(n);
    return r;
  }
  r.value = p.values(0);
  r.vector = p.vectors.col(0);
  fix_sign(r.vector);
  r.gap = std::max(Real(0), p.values(1) - p.values(0));
  r.residual = (l * r.vector - r.value * r.vector).stableNorm() / std::max(norm1(l), std::numeric_limits<Real>::min());
  r.iterations = p.operations;
  r.status = p.status;
  return r;
}

#endif  // SPECTRAKIT_DEFINE_CORES

/// The validated graph in double precision (moved, not copied, when it already is double).
template <typename Scalar>
SparseGraph<double> to_double(SparseGraph<Scalar>&& g) {
  if constexpr (std::is_same<Scalar, double>::value) {
    return std::move(g);
  } else {
    return g.template cast<double>();
  }
}

/// Dispatch on dense/sparse input to the validated sparse work format.
template <typename Derived>
auto checked_any(const Eigen::EigenBase<Derived>& a, const char* function) {
  using Base = std::conditional_t<std::is_base_of<Eigen::SparseMatrixBase<Derived>, Derived>::value,
                                  Eigen::SparseMatrixBase<Derived>, Eigen::MatrixBase<Derived>>;
  return checked_adjacency(static_cast<const Base&>(a.derived()), function);
}

}  // namespace detail

/// @brief The Fiedler vector and the algebraic connectivity lambda_2 of an undirected graph.
///
/// lambda_2 is the second smallest eigenvalue of L = D - A (or of L_sym with
/// `options.normalized`); lambda_2 > 0 if and only if the graph is connected, and the signs of
/// the Fiedler vector split the graph into two well-connected halves (spectral bisection).
///
/// Method, by case:
/// - n < 2: invalid_input. n = 2: closed form (lambda_2 = 2 a_01, or a_01/d_0 + a_01/d_1 normalized).
/// - Connectivity is decided combinatorially first (union-find, never by testing an
///   eigenvalue against 0). A disconnected graph has `value == 0` exactly (NetworkX's
///   `algebraic_connectivity` convention; its `fiedler_vector` raises instead) and `vector` is the
///   null vector that is constant on component 0 (the one holding node 0) and constant on the
///   rest, orthogonal to 1 (D^{1/2}-weighted when normalized; a unit vector on an isolated node
///   when that side has zero volume): its sign split separates component 0 from the rest.
/// - Otherwise by options.method (automatic by default: dense up to dense_threshold nodes, then
///   shift-invert or LOBPCG + AMG by the predicted factor size and cost, see FiedlerOptions::method):
/// - dense: the eigen-decomposition of L + 2 ||L||_1 Z Z^T (Z the orthonormal null vectors,
///   which this moves above the spectrum) with Eigen's SelfAdjointEigenSolver.
/// - shift_invert: block Lanczos (block size 2, thick restarts, full reorthogonalization) on a
///   sparse Cholesky factorization of L + delta I (positive definite), delta = 1e-9 ||L||_1 (the
///   built-in supernodal multifrontal Cholesky in a nested-dissection or AMD order, or
///   SuiteSparse CHOLMOD when built with SPECTRAKIT_WITH_CHOLMOD), with the known null vector
///   deflated exactly; stopped on the residual of lambda_2 and lambda_3.
/// - lobpcg: block LOBPCG (Knyazev) preconditioned by one smoothed-aggregation AMG V-cycle of L,
///   the null vectors as constraints; stopped on the same residuals. Memory O(nnz + n).
/// Float input is computed in double and rounded at the end.
///
/// @param a symmetric nonnegative adjacency, dense or sparse (n x n, n >= 2); self-loops do not
///          change L, explicit zeros are not edges
/// @param options normalization, tolerance, seed, iteration bound, dense threshold, method,
///          memory budget
/// @return value, vector, gap, residual, iterations, components, status, method, factor_bytes
/// @throws invalid_input when n < 2, A is not square, not symmetric, has a negative or NaN/Inf
///         entry, or an option is out of range
/// @par Cost
/// Dense path O(n^3). Shift-invert: one sparse factorization (O(n^{3/2}) for planar graphs with
/// a nested-dissection ordering) plus, per iteration, one block triangular solve pair for the two
/// vectors and O(n m) for the basis of m <= 2*2+16 vectors; typically 10-30 solves. LOBPCG: AMG
/// setup O(nnz) plus per iteration one V-cycle and one product with L on a block of 5 vectors;
/// typically 15-30 iterations on meshes, 100 on scale-free graphs.
/// @par Reference
/// M. Fiedler, "Algebraic connectivity of graphs", Czech. Math. J. 23 (1973); Stewart,
/// "A Krylov-Schur algorithm for large eigenproblems", SIMAX 23 (2001).
template <typename Derived>
[[nodiscard]] FiedlerResult<typename Derived::Scalar> fiedler_vector(const Eigen::EigenBase<Derived>& a,
                                                                     const FiedlerOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  detail::check_solver_options(options, "fiedler_vector");
  auto g = detail::checked_any(a, "fiedler_vector");
  if (g.rows() < 2) detail::fail("fiedler_vector", "A", "must have at least 2 nodes, got " + detail::shape_of(g));
  const detail::SparseGraph<double> gd = detail::to_double(std::move(g));
  const FiedlerResult<double> r = detail::fiedler_of(gd, options, detail::resolved_tolerance<Scalar>(options.tolerance));
  FiedlerResult<Scalar> out;
  out.value = static_cast<Scalar>(r.value);
  out.vector = r.vector.cast<Scalar>();
  out.gap = static_cast<Scalar>(r.gap);
  out.residual = static_cast<Scalar>(r.residual);
  out.iterations = r.iterations;
  out.components = r.components;
  out.status = r.status;
  out.method = r.method;
  out.factor_bytes = r.factor_bytes;
  out.predicted_factor_bytes = r.predicted_factor_bytes;
  out.message = r.message;
  return out;
}

/// @brief The algebraic connectivity lambda_2 alone (NetworkX's `algebraic_connectivity`):
/// 0 exactly for a disconnected graph. See fiedler_vector() for the method and the throws.
/// @param a symmetric nonnegative adjacency (n x n, n >= 2)
/// @param options as for fiedler_vector()
/// @return lambda_2 >= 0
/// @throws invalid_input as fiedler_vector()
template <typename Derived>
[[nodiscard]] typename Derived::Scalar algebraic_connectivity(const Eigen::EigenBase<Derived>& a,
                                                              const FiedlerOptions& options = {}) {
  return fiedler_vector(a, options).value;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_GRAPH_FIEDLER_HPP
