/// @file detail/method_choice.hpp
/// @brief Solver layer: the choice between the dense solver, shift-invert on a sparse Cholesky
/// factor and LOBPCG preconditioned by aggregation AMG for the smallest eigenpairs of a sparse
/// symmetric positive semidefinite matrix (a graph Laplacian), under a memory budget; and the
/// LOBPCG + AMG driver. One rule and one driver for the eigen module's smallest_eigenpairs()
/// and every solver of the graph module (fiedler_vector, spectral_embedding,
/// spectral_clustering, spectral_bisection, recursive_bisection).
///
/// The public enum EigsMethod is declared in solver_method.hpp (both capability modules take it
/// in their options, and neither includes the other).
///
/// The choice (EigsMethod::automatic), before anything is factorized:
///  1. n <= dense_threshold: the dense solver.
///  2. Otherwise, on a graph that AMD would order (not nested dissection, at least 16384
///     vertices), the cores' screen (detail/fill_screen.hpp): the factors of the graph's densest
///     cores of 4096, 8192, ... vertices, each a lower estimate of the whole factor; when one
///     costs screen_margin (4) times LOBPCG (item 4), LOBPCG + AMG without further work (BA 100k:
///     0.3-0.5 s instead of 1.5 s for the ordering and column counts, CPU time on the loaded
///     2-core machine). Then
///     the fill-reducing order of the matrix to factorize (the one the factorization
///     then uses) and the column counts of its Cholesky factor (detail/factor_prediction.hpp,
///     O(nnz alpha(n))) give nnz(L), the largest column count c_max and the flops sum_j c_j^2.
///  3. Predicted peak memory of the supernodal factorization (values only; see
///     predicted_factorization_bytes()): s (2 nnz(L) + 4 c_max^2) bytes for s-byte scalars: the
///     factor with the explicit zeros of relaxed supernodes (measured 1.25-2.0 nnz(L)), the
///     largest frontal matrix and the stack of update matrices (at most about 3 c_max^2 on the
///     benchmark graphs). Measured against peak RSS: BA 10k 420 MB predicted / 380 MB, BA 20k
///     1.67 GB / 1.52 GB, 3-D grid 40^3 340 MB / 239 MB.
///  4. Predicted cost, in units of one factorization flop (cost_model()):
///        shift-invert  flops + 600 nnz(L)         (factorization overhead and ~15 block solves)
///        LOBPCG + AMG  6000 bs (nnz(A) + n)       (bs = the LOBPCG block size, nev + min(nev, 4) + 1)
///     calibrated on the 2-core development machine: the factorization runs at ~1e10 flop/s,
///     each nonzero of L costs ~20 ns to factor plus ~2.5 ns per block solve, and LOBPCG + AMG
///     took 1.4-4.5 us per nonzero of A (+ n) for nev = 2 (bs = 5) on the benchmark graphs (2-D grids,
///     kNN, 3-D grids, Barabasi-Albert). With these constants the 2-D grids (300^2 ... 1414^2)
///     and the kNN graphs keep shift-invert (predicted 4-10x cheaper), the 3-D grids (40^3 and
///     up) and the Barabasi-Albert graphs (5k and up) take LOBPCG.
///  5. Shift-invert when its predicted memory fits the budget and its predicted cost is at most
///     LOBPCG's; LOBPCG + AMG otherwise.
/// An explicit shift_invert (or dense) request whose predicted memory exceeds the budget is not
/// run: the caller reports Status::out_of_memory_budget with the predicted size.
#ifndef SPECTRAKIT_DETAIL_METHOD_CHOICE_HPP
#define SPECTRAKIT_DETAIL_METHOD_CHOICE_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

#include "../error.hpp"
#include "../solver_method.hpp"
#include "amg.hpp"
#include "config.hpp"
#include "factor_prediction.hpp"
#include "fill_screen.hpp"
#include "lobpcg.hpp"
#include "ordering.hpp"
#include "validate.hpp"

namespace spectrakit {
namespace detail {

/// Throws invalid_input unless `method` is one of the EigsMethod enumerators.
inline void require_method(EigsMethod method, const char* function, const char* option = "method") {
  const int v = static_cast<int>(method);
  if (v < static_cast<int>(EigsMethod::automatic) || v > static_cast<int>(EigsMethod::lobpcg)) {
    std::ostringstream os;
    os << "must be automatic, dense, lanczos, shift_invert or lobpcg, got the value " << v;
    fail_option(function, option, os.str());
  }
}

/// Largest accepted memory_budget: 2^62 bytes. Larger values are what a negative number
/// converted to std::size_t gives, and are rejected.
constexpr std::size_t max_memory_budget = std::size_t(1) << 62;

/// Throws invalid_input when `budget` exceeds max_memory_budget (0 selects the default).
inline void require_memory_budget(std::size_t budget, const char* function, const char* option = "memory_budget") {
  require_option(budget <= max_memory_budget, function, option,
                 "must be 0 (the default: half of the physical memory) or at most 2^62 bytes", budget);
}

/// The default memory budget: half of the memory this process may use, that is of the smaller
/// of the physical memory (sysconf) and the cgroup limit (cgroup v2 memory.max, or v1
/// memory.limit_in_bytes, when readable); 4 GiB when neither is known. Read once per process.
inline std::size_t default_memory_budget() {
  static const std::size_t budget = [] {
    double total = 0;
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0) total = double(pages) * double(page);
#endif
    for (const char* path : {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
      if (std::FILE* f = std::fopen(path, "r")) {
        unsigned long long limit = 0;
        if (std::fscanf(f, "%llu", &limit) == 1 && limit > 0 && (total == 0 || double(limit) < total))
          total = double(limit);  // "max" (no limit) does not parse
        std::fclose(f);
      }
    }
    if (!(total > 0)) total = 8.0 * double(std::size_t(1) << 30);
    return std::size_t(std::min(total / 2, double(max_memory_budget)));
  }();
  return budget;
}

/// The budget in force: `budget`, or default_memory_budget() for 0.
inline std::size_t resolved_memory_budget(std::size_t budget) { return budget ? budget : default_memory_budget(); }

/// Predicted peak bytes of the supernodal factorization for scalars of `scalar_bytes` bytes:
/// s (2 nnz(L) + 4 c_max^2) (see the file comment).
inline double predicted_factorization_bytes(const FactorPrediction& p, std::size_t scalar_bytes) {
  const double cmax = double(p.max_column_count);
  return double(scalar_bytes) * (2.0 * double(p.nnz_l) + 4.0 * cmax * cmax);
}

/// Bytes of the dense path: 4 n^2 scalars (the matrix, its eigenvectors, the solver's work).
inline double predicted_dense_bytes(Eigen::Index n, std::size_t scalar_bytes) {
  return 4.0 * double(n) * double(n) * double(scalar_bytes);
}

/// LOBPCG's block size for nev wanted pairs (as lobpcg_smallest() chooses it, before capping).
inline Eigen::Index lobpcg_block_size(Eigen::Index nev) { return nev + std::min<Eigen::Index>(nev, 4) + 1; }

/// The predicted costs of the two sparse methods, in factorization flops (file comment, 4.).
struct MethodCosts {
  double shift_invert = 0;
  double lobpcg = 0;
};
inline double shift_invert_cost(const FactorPrediction& p) { return p.flops + 600.0 * double(p.nnz_l); }
inline double lobpcg_cost(Eigen::Index n, Eigen::Index nnz_a, Eigen::Index nev) {
  return 6000.0 * double(lobpcg_block_size(nev)) * double(nnz_a + n);
}
inline MethodCosts cost_model(const FactorPrediction& p, Eigen::Index n, Eigen::Index nnz_a, Eigen::Index nev) {
  MethodCosts c;
  c.shift_invert = shift_invert_cost(p);
  c.lobpcg = lobpcg_cost(n, nnz_a, nev);
  return c;
}

/// The margin of the cores' screen (detail/fill_screen.hpp): automatic takes LOBPCG without the
/// full ordering when a core's factor alone is predicted to cost this many times LOBPCG. It
/// covers the ordering heuristic's distance from the optimum on the core (the screen's bound is
/// the core's optimal factor; AMD's is typically within tens of percent of it).
constexpr double screen_margin = 4.0;

/// "1.23 GB" (decimal units), for messages.
inline std::string format_bytes(double bytes) {
  std::ostringstream os;
  os.precision(3);
  if (bytes >= 1e9) os << bytes / 1e9 << " GB";
  else if (bytes >= 1e6) os << bytes / 1e6 << " MB";
  else if (bytes >= 1e3) os << bytes / 1e3 << " kB";
  else os << bytes << " B";
  return os.str();
}

/// The outcome of choose_smallest_method().
struct MethodChoice {
  EigsMethod method = EigsMethod::dense;  ///< dense, shift_invert or lobpcg (never automatic)
  bool over_budget = false;       ///< the explicit request was predicted over the budget: do not run
  bool predicted = false;         ///< order and prediction below were computed
  /// The prediction is that of the graph's densest core (the screen decided, detail/fill_screen.hpp):
  /// a lower estimate of the whole factor, and no order was computed.
  bool screened = false;
  std::vector<int> order;         ///< the fill-reducing order (the factorization must reuse it)
  FactorPrediction prediction;    ///< the factor of that order
  double predicted_bytes = 0;     ///< predicted peak bytes of the factorization (or of the dense path)
  std::size_t budget = 0;         ///< the budget in force (bytes)
  MethodCosts costs;              ///< when predicted
  std::string message;            ///< why an over-budget request was not run (empty otherwise)
};

/// Chooses the method for the nev smallest pairs of the sparse matrix whose factorization
/// shift-invert would compute: `s` (compressed, both triangles, diagonal stored; only its pattern
/// is read). `requested`: automatic, dense, shift_invert or lobpcg (lanczos is the caller's
/// business); `budget` as in the options (0 = default). Cost: the ordering plus O(nnz alpha(n))
/// when a prediction is needed (automatic above dense_threshold, or shift_invert).
template <typename Scalar>
MethodChoice choose_smallest_method(const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>& s, Eigen::Index nev,
                                    EigsMethod requested, std::size_t budget, Eigen::Index dense_threshold);

/// The nev smallest pairs of the symmetric positive semidefinite l outside span(null_basis)
/// (orthonormal columns), by LOBPCG preconditioned by AmgPreconditioner(l): pair j converged
/// when ||l v - lambda v|| <= max(tol ||l||_1, relative_tol |lambda|). `start` (may be empty):
/// warm-start columns. Cost: the AMG setup (O(nnz) per level) plus the LOBPCG iterations.
template <typename Scalar>
LobpcgResult<Scalar> lobpcg_amg_smallest(const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>& l,
                                         const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& null_basis,
                                         Eigen::Index nev, Scalar tol, Scalar relative_tol, std::uint64_t seed,
                                         Eigen::Index max_iterations,
                                         const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& start);

/// The explicit instantiations of the compiled mode (float and double).
#define SPECTRAKIT_METHOD_CHOICE_INSTANTIATIONS(prefix)                                                           \
  prefix MethodChoice choose_smallest_method<float>(const Eigen::SparseMatrix<float, Eigen::ColMajor, int>&,      \
                                                    Eigen::Index, EigsMethod, std::size_t, Eigen::Index);         \
  prefix MethodChoice choose_smallest_method<double>(const Eigen::SparseMatrix<double, Eigen::ColMajor, int>&,    \
                                                     Eigen::Index, EigsMethod, std::size_t, Eigen::Index);        \
  prefix LobpcgResult<float> lobpcg_amg_smallest<float>(const Eigen::SparseMatrix<float, Eigen::ColMajor, int>&,  \
                                                        const Eigen::MatrixXf&, Eigen::Index, float, float,       \
                                                        std::uint64_t, Eigen::Index, const Eigen::MatrixXf&);     \
  prefix LobpcgResult<double> lobpcg_amg_smallest<double>(const Eigen::SparseMatrix<double, Eigen::ColMajor, int>&, \
                                                          const Eigen::MatrixXd&, Eigen::Index, double, double,   \
                                                          std::uint64_t, Eigen::Index, const Eigen::MatrixXd&);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_METHOD_CHOICE_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

#if SPECTRAKIT_DEFINE_CORES

template <typename Scalar>
MethodChoice choose_smallest_method(const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>& s, Eigen::Index nev,
                                    EigsMethod requested, std::size_t budget, Eigen::Index dense_threshold) {
  MethodChoice c;
  const Eigen::Index n = s.rows();
  c.budget = resolved_memory_budget(budget);
  const double limit = double(c.budget);
  if (requested == EigsMethod::dense || (requested == EigsMethod::automatic && n <= dense_threshold)) {
    c.method = EigsMethod::dense;
    c.predicted_bytes = predicted_dense_bytes(n, sizeof(Scalar));
    if (requested == EigsMethod::dense && c.predicted_bytes > limit) {
      c.over_budget = true;
      c.message = "the dense solver needs about " + format_bytes(c.predicted_bytes) + " (4 n^2 scalars), more than memory_budget = " +
                  format_bytes(limit);
    }
    return c;
  }
  if (requested == EigsMethod::lobpcg) {
    c.method = EigsMethod::lobpcg;
    return c;
  }
  // automatic on a graph that AMD would order: the cores' screen first. A core whose factor
  // alone costs screen_margin times LOBPCG decides without the ordering of the whole graph.
  if (requested == EigsMethod::automatic && !prefer_nested_dissection(n, s.nonZeros())) {
    const double lobpcg = lobpcg_cost(n, s.nonZeros(), nev);
    const FillScreen screen = screen_fill(s, shift_invert_cost, screen_margin * lobpcg);
    if (screen.exceeded) {
      c.method = EigsMethod::lobpcg;
      c.predicted = true;
      c.screened = true;
      c.prediction = screen.prediction;
      c.predicted_bytes = predicted_factorization_bytes(screen.prediction, sizeof(Scalar));
      c.costs.shift_invert = screen.cost;
      c.costs.lobpcg = lobpcg;
      return c;
    }
  }
  // automatic or shift_invert: predict the factor before anything is factorized.
  c.order = fill_reducing_order(s);
  c.prediction = predict_cholesky_factor(s, c.order);
  c.predicted = true;
  c.predicted_bytes = predicted_factorization_bytes(c.prediction, sizeof(Scalar));
  c.costs = cost_model(c.prediction, n, s.nonZeros(), nev);
  const bool fits = c.predicted_bytes <= limit;
  if (requested == EigsMethod::shift_invert) {
    c.method = EigsMethod::shift_invert;
    if (!fits) {
      c.over_budget = true;
      std::ostringstream os;
      os << "shift-invert was not run: its Cholesky factor is predicted to need " << format_bytes(c.predicted_bytes)
         << " (nnz(L) = " << c.prediction.nnz_l << ", largest front " << c.prediction.max_column_count
         << "), more than memory_budget = " << format_bytes(limit) << "; use method lobpcg or automatic";
      c.message = os.str();
    }
    return c;
  }
  c.method = fits && c.costs.shift_invert <= c.costs.lobpcg ? EigsMethod::shift_invert : EigsMethod::lobpcg;
  if (c.method == EigsMethod::lobpcg) {
    c.order.clear();
    c.order.shrink_to_fit();
  }
  return c;
}

template <typename Scalar>
LobpcgResult<Scalar> lobpcg_amg_smallest(const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>& l,
                                         const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& null_basis,
                                         Eigen::Index nev, Scalar tol, Scalar relative_tol, std::uint64_t seed,
                                         Eigen::Index max_iterations,
                                         const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& start) {
  // As an eigensolver's preconditioner the degree-2 smoother beats the linear solver's default
  // (3): measured, LOBPCG iterations for the Fiedler pair with degree 2 / 3: Barabasi-Albert
  // 100k 45 / 63, 10k 67 / 91; 3-D grids 64^3 21 / 17, 40^3 22 / 17; each cycle with 2 products
  // with each level's matrix fewer (4 instead of 6 on the finest).
  AmgOptions<Scalar> options;
  options.degree = 2;
  const AmgPreconditioner<Scalar> amg(l, options);
  return lobpcg_smallest(l, null_basis, nev, amg, tol, seed, max_iterations, relative_tol,
                         start.size() != 0 ? &start : nullptr);
}

#endif  // SPECTRAKIT_DEFINE_CORES

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_DETAIL_METHOD_CHOICE_HPP
