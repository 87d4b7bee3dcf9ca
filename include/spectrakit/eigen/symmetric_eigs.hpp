/// @file eigen/symmetric_eigs.hpp
/// @brief The k largest or smallest eigenpairs of a symmetric operator: top_eigenpairs() and
/// smallest_eigenpairs() (thick-restart Lanczos, shift-invert, or a dense solver).
#ifndef SPECTRAKIT_EIGEN_SYMMETRIC_EIGS_HPP
#define SPECTRAKIT_EIGEN_SYMMETRIC_EIGS_HPP

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "../detail/config.hpp"
#include "../detail/method_choice.hpp"
#include "../solver_method.hpp"
#include "../error.hpp"
#include "detail/common.hpp"
#include "detail/factorization.hpp"
#include "detail/lanczos.hpp"
#include "operators.hpp"

namespace spectrakit {

/// @brief Options of top_eigenpairs() and smallest_eigenpairs().
///
/// Plain struct with defaults; validated on entry (invalid values throw invalid_input naming the
/// option).
struct EigsOptions {
  /// Maximum number of Lanczos cycles (restarts + 1), >= 1. Default 1000.
  Eigen::Index max_iterations = 1000;
  /// Relative residual tolerance, > 0: each pair must satisfy ||A v - lambda v|| <=
  /// max(tolerance * |lambda|, c * epsilon * ||A||) (the second term is the rounding level of a
  /// product with A, c = 8 sqrt(entries per row)). Values below 4 epsilon of the scalar type
  /// are raised to it. Default 1e-10.
  double tolerance = 1e-10;
  /// Seed of the std::mt19937_64 drawing the start vector (and restart vectors). Default 0.
  std::uint64_t seed = 0;
  /// Krylov subspace dimension (ncv) of the Lanczos methods: 0 (default) for automatic
  /// (max(2k + 1, 20), capped by n), otherwise > k.
  Eigen::Index krylov_dimension = 0;
  /// The algorithm (EigsMethod, declared in solver_method.hpp and shared with the graph
  /// module); automatic by default. smallest_eigenpairs(): dense for n <= dense_threshold;
  /// for sparse matrices shift-invert when its Cholesky factor, predicted from the symbolic
  /// analysis before anything is factorized, fits memory_budget and is predicted cheaper than
  /// LOBPCG + AMG, else LOBPCG + AMG; shift-invert for dense matrices, Lanczos on -A for
  /// matrix-free operators. lobpcg: sparse matrices and smallest_eigenpairs() only.
  EigsMethod method = EigsMethod::automatic;
  /// Memory budget in bytes of a sparse shift-invert factorization (and of an explicit dense
  /// solve): 0 (default) selects half of the physical memory (or of the cgroup limit, when
  /// lower); at most 2^62. An explicit shift_invert or dense request predicted above it returns
  /// Status::out_of_memory_budget without allocating (message and predicted_factor_bytes give
  /// the prediction); automatic then takes LOBPCG (smallest) or Lanczos (top_eigenpairs).
  std::size_t memory_budget = 0;
  /// smallest_eigenpairs() only: known null vectors of A (n x p, linearly independent, e.g. the
  /// constant vector of a connected graph's Laplacian). They are deflated (the solver works on
  /// their orthogonal complement) and returned, orthonormalized, as the first p pairs. Empty
  /// (default): none.
  Eigen::MatrixXd null_space;
  /// Start vector of the Lanczos methods (size n; a warm start such as a previous eigenvector).
  /// Empty (default): seeded random.
  Eigen::VectorXd initial;
  /// With method automatic, problems with n <= dense_threshold use the dense solver. Default 300.
  Eigen::Index dense_threshold = 300;
};

/// @brief k eigenpairs of a symmetric operator with the report of the computation.
/// @tparam Scalar float or double
template <typename Scalar>
struct EigenPairs {
  /// Dense vector type.
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  /// Dense matrix type.
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

  /// The eigenvalues (Rayleigh quotients v^T A v): descending for top_eigenpairs(), ascending
  /// for smallest_eigenpairs().
  Vector values;
  /// n x k, column i the unit eigenvector of values(i), orthonormal, largest-magnitude entry positive.
  Matrix vectors;
  /// ||A v_i - lambda_i v_i|| for each pair (computed with A after the iteration).
  Vector residuals;
  /// Lanczos cycles (restarts + 1); 1 for the dense path.
  Eigen::Index iterations = 0;
  /// Products with A (or solves with A - sigma I for shift-invert) done by the iteration.
  Eigen::Index operations = 0;
  /// success when every pair met the tolerance.
  Status status = Status::not_converged;
  /// The algorithm that ran (never automatic).
  EigsMethod method = EigsMethod::automatic;
  /// The shift sigma of shift-invert (0 otherwise).
  double shift = 0;
  /// Bytes of the sparse shift-invert factor (values and indices); 0 for the other methods.
  std::size_t factor_bytes = 0;
  /// The predicted peak bytes of the sparse shift-invert factorization (or of the dense solve)
  /// when a prediction was made, else 0. When automatic chose lobpcg from the cores' screen
  /// (docs/solvers.md) it is the factorization of the densest core only, a lower bound.
  std::size_t predicted_factor_bytes = 0;
  /// Why the run did not converge or did not run (empty on success).
  std::string message;

  /// @brief True when status == Status::success.
  [[nodiscard]] bool converged() const { return status == Status::success; }
};

namespace detail {
namespace eig {

/// Max stored entries in a row (sparse) or n (dense and operators), for the rounding floor.
template <typename Op>
Eigen::Index entries_per_row(const Op& op) {
  if constexpr (is_sparse_op_v<Op>) {
    const auto& m = op.matrix();
    std::vector<Eigen::Index> count(static_cast<std::size_t>(m.rows()), 0);
    for (Eigen::Index j = 0; j < m.outerSize(); ++j)
      for (typename std::decay_t<decltype(m)>::InnerIterator it(m, j); it; ++it) ++count[std::size_t(it.row())];
    Eigen::Index best = 1;
    for (auto c : count) best = std::max(best, c);
    return best;
  } else {
    return op.rows();
  }
}

/// Symmetry check of the argument: dense and sparse exactly (||A - A^T||_F <= 100 n eps ||A||_F),
/// operators by two random products (|y^T A x - x^T A y| <= 100 n eps ||A x|| ||y||).
template <typename Op>
void require_symmetric_op(const Op& op, const char* fn) {
  using Scalar = typename Op::Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  if constexpr (is_sparse_op_v<Op>) {
    if (!sparse_is_symmetric(op.matrix())) fail(fn, "A", "must be symmetric (||A - A^T||_F > 100 n eps ||A||_F)");
  } else if constexpr (explicit_op_v<Op>) {
    require_symmetric(op.matrix(), fn, "A");
  } else {
    const Eigen::Index n = op.rows();
    std::mt19937_64 rng(0x5eed5eedULL);
    const Vector x = random_vector<Scalar>(n, rng), y = random_vector<Scalar>(n, rng);
    Vector ax(n), ay(n);
    op.apply(x, ax);
    op.apply(y, ay);
    if (!ax.allFinite() || !ay.allFinite()) fail(fn, "A", "produced NaN or Inf in a product");
    const Scalar lhs = y.dot(ax), rhs = x.dot(ay);
    const Scalar scale = std::max(ax.norm() * y.norm(), ay.norm() * x.norm());
    if (std::abs(lhs - rhs) > Scalar(100) * Scalar(n) * std::numeric_limits<Scalar>::epsilon() * scale)
      fail(fn, "A", "must be symmetric: y^T A x != x^T A y for random x, y");
  }
}

/// An upper bound of ||A||_2 for a symmetric operator: ||A||_1 for matrices, a few power steps
/// (times a safety factor) for operators.
template <typename Op>
typename Op::Scalar norm_bound(const Op& op) {
  using Scalar = typename Op::Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  if constexpr (explicit_op_v<Op>) {
    return norm1(op.matrix());
  } else {
    const Eigen::Index n = op.rows();
    std::mt19937_64 rng(0x6e6f726dULL);
    Vector x = random_vector<Scalar>(n, rng), y(n);
    x.normalize();
    Scalar est = 0;
    for (int i = 0; i < 12; ++i) {
      op.apply(x, y);
      const Scalar ny = y.stableNorm();
      est = std::max(est, ny);
      if (!(ny > 0)) break;
      x = y / ny;
    }
    return Scalar(2) * est;
  }
}

/// The sparse matrix as `SparseMatrix<Scalar, ColMajor, int>`: a reference when it already is
/// one, a converted copy otherwise.
template <typename Scalar, typename M>
decltype(auto) as_col_major(const M& m) {
  if constexpr (std::is_same<M, Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>>::value) {
    return (m);
  } else {
    return Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>(m);
  }
}

template <typename Op>
EigenPairs<typename Op::Scalar> symmetric_eigs(const Op& op, Eigen::Index k, const EigsOptions& o, bool largest,
                                               const char* fn, bool symmetry_checked = false, double unscale = 1) {
  using Scalar = typename Op::Scalar;
  using Real = Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  const Eigen::Index n = op.rows();
  const Real eps = std::numeric_limits<Real>::epsilon();

  // ---- validation -------------------------------------------------------------------------
  require_index_in(k, 1, n, fn, "k");
  require_iterations(o.max_iterations, fn, "max_iterations");
  require_tolerance(o.tolerance, fn);
  if (o.krylov_dimension != 0 && o.krylov_dimension <= k) {
    std::ostringstream os;
    os << "must be 0 (automatic) or greater than k = " << k << ", got " << o.krylov_dimension;
    fail_option(fn, "krylov_dimension", os.str());
  }
  if (o.dense_threshold < 0) fail_option(fn, "dense_threshold", "must be non-negative");
  require_method(o.method, fn);
  require_memory_budget(o.memory_budget, fn);
  if (o.method == EigsMethod::lobpcg && largest)
    fail_option(fn, "method", "lobpcg computes the smallest pairs only; use automatic, dense, lanczos or shift_invert");
  if (o.method == EigsMethod::lobpcg && !is_sparse_op_v<Op>)
    fail_option(fn, "method", "lobpcg needs an Eigen::SparseMatrix (it builds an AMG hierarchy of A)");
  Vector initial;
  if (o.initial.size() != 0) initial = checked_initial<Scalar>(o.initial, n, fn);
  if (largest && o.null_space.size() != 0)
    fail_option(fn, "null_space", "is only used by smallest_eigenpairs; leave it empty");
  if (!symmetry_checked) require_symmetric_op(op, fn);
  if constexpr (is_sparse_op_v<Op>) {
    // A is symmetric: let the products run by rows (multi-threaded under OpenMP).
    if (!op.symmetric()) return symmetric_eigs(Op(op.matrix(), true), k, o, largest, fn, true);
  }
  const Real tol = std::max(Real(o.tolerance), Real(4) * eps);
  const Real anorm = norm_bound(op);
  // Scaling. Entries far from 1 (beyond 2^+-(max_exponent / 8): 1e+-38 in double, 6e+-4 in
  // float) make the 2-norms the iterations form (squares of entries) overflow to Inf or flush to
  // zero, which gave zero vectors and residuals far above their bound with status success. An
  // explicit matrix is then solved as 2^-e A, ||2^-e A||_1 in [1, 2): a power of two, so the
  // scaling is exact (but for entries below 2^-1022 ||A|| that turn subnormal, far below the
  // rounding of A), and the pairs of A are those of 2^-e A with the values times 2^e.
  if constexpr (std::is_same<Op, DenseOp<DenseView<Scalar>>>::value || is_sparse_op_v<Op>) {
    constexpr int safe = std::numeric_limits<Real>::max_exponent / 8;
    int e = 0;
    if (std::isfinite(anorm) && anorm > 0) {
      e = std::ilogb(anorm);
    } else if (!std::isfinite(anorm)) {  // ||A||_1 overflowed: from the largest entry, times n
      Real big = 0;
      if constexpr (is_sparse_op_v<Op>) {
        const auto& m = op.matrix();
        for (Eigen::Index j = 0; j < m.outerSize(); ++j)
          for (typename std::decay_t<decltype(m)>::InnerIterator it(m, j); it; ++it) big = std::max(big, std::abs(it.value()));
      } else {
        big = op.matrix().cwiseAbs().maxCoeff();
      }
      // An Inf entry (big = Inf) cannot be scaled: solved as given (the iterations report it).
      if (std::isfinite(big) && big > 0) e = std::ilogb(big) + std::ilogb(Real(n)) + 1;
    }
    // unscale == 1: scaled once at most (the scaled copy's norm is in [1, 2) unless it rounds).
    if ((e > safe || e < -safe) && unscale == 1) {
      // 2^-e entry by entry (std::ldexp): 2^-e itself over- or underflows for |e| > max_exponent.
      const auto times_2_to = [](int p) { return [p](Real v) { return std::ldexp(v, p); }; };
      EigenPairs<Scalar> r;
      if constexpr (is_sparse_op_v<Op>) {
        const std::decay_t<decltype(op.matrix())> scaled = op.matrix().unaryExpr(times_2_to(-e));
        r = symmetric_eigs(Op(scaled, true), k, o, largest, fn, true, std::ldexp(unscale, e));
      } else {
        const Matrix scaled = op.matrix().unaryExpr(times_2_to(-e));
        const DenseView<Scalar> view(scaled);
        r = symmetric_eigs(Op(view), k, o, largest, fn, true, std::ldexp(unscale, e));
      }
      r.values = r.values.unaryExpr(times_2_to(e));
      r.residuals = r.residuals.unaryExpr(times_2_to(e));
      r.shift = std::ldexp(r.shift, e);
      return r;
    }
  }
  const Real floor = Real(8) * std::sqrt(Real(entries_per_row(op))) * eps * anorm;

  EigenPairs<Scalar> result;
  // ---- known null vectors (smallest only) --------------------------------------------------
  Matrix y(n, 0);
  if (o.null_space.size() != 0) {
    if (o.null_space.rows() != n) {
      std::ostringstream os;
      os << "must have n = " << n << " rows, got " << o.null_space.rows() << "x" << o.null_space.cols();
      fail_option(fn, "null_space", os.str());
    }
    if (o.null_space.cols() >= n) fail_option(fn, "null_space", "must have fewer than n columns");
    if (!o.null_space.allFinite()) fail_option(fn, "null_space", "has NaN or Inf entries");
    const Matrix raw = o.null_space.cast<Scalar>();
    Eigen::HouseholderQR<Matrix> qr(raw);
    const Eigen::Index p = raw.cols();
    const Vector rdiag = qr.matrixQR().diagonal().head(p).cwiseAbs();
    if (!(rdiag.minCoeff() > Real(n) * eps * std::max(rdiag.maxCoeff(), Real(0)))) 
      fail_option(fn, "null_space", "must have linearly independent, non-zero columns");
    y = qr.householderQ() * Matrix::Identity(n, p);
    Vector ay(n);
    for (Eigen::Index j = 0; j < p; ++j) {
      const Vector yj = y.col(j);
      op.apply(yj, ay);
      if (!(ay.norm() <= std::sqrt(eps) * std::max(anorm, Real(1e-300)))) {
        std::ostringstream os;
        os << "column " << j << " is not a null vector of A: ||A y|| / ||y|| = " << ay.norm() << " exceeds sqrt(eps) ||A||";
        fail_option(fn, "null_space", os.str());
      }
    }
  }
  const Eigen::Index p = y.cols();
  const Eigen::Index m = n - p;  // dimension of the space searched
  const Eigen::Index kk = k - p;  // pairs to compute

  auto finish = [&](Matrix vecs, Status status, std::string message) {
    // Prepend the null vectors; Rayleigh quotients and residuals with A; sort; signs.
    Matrix all(n, k);
    if (p > 0) all.leftCols(std::min(p, k)) = y.leftCols(std::min(p, k));
    if (kk > 0) all.rightCols(kk) = vecs;
    Vector values(k), residuals(k), av(n);
    for (Eigen::Index j = 0; j < k; ++j) {
      Vector v = all.col(j);
      const Real nv = v.stableNorm();
      if (nv > 0) v /= nv;
      op.apply(v, av);
      values(j) = v.dot(av);
      residuals(j) = (av - values(j) * v).stableNorm();
      all.col(j) = v;
    }
    std::vector<Eigen::Index> order(static_cast<std::size_t>(k));
    std::iota(order.begin(), order.end(), Eigen::Index(0));
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
      return largest ? values(a) > values(b) : values(a) < values(b);
    });
    result.values.resize(k);
    result.residuals.resize(k);
    result.vectors.resize(n, k);
    Eigen::Index bad = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
      const auto src = order[std::size_t(j)];
      result.values(j) = values(src);
      result.residuals(j) = residuals(src);
      result.vectors.col(j) = all.col(src);
      normalize_sign(result.vectors.col(j));
      if (!(residuals(src) <= std::max(tol * std::abs(values(src)), floor))) ++bad;
    }
    if (status == Status::success && bad > 0) {
      status = Status::not_converged;
      std::ostringstream os;
      os << bad << " of " << k << " pairs do not meet the tolerance (largest residual " << result.residuals.maxCoeff()
         << ")";
      message = os.str();
    }
    if (!result.values.allFinite()) status = Status::numerical_issue;
    result.status = status;
    result.message = std::move(message);
    return result;
  };

  if (kk <= 0) {
    result.method = EigsMethod::dense;
    return finish(Matrix(n, 0), Status::success, "");
  }

  // ---- method -------------------------------------------------------------------------------
  Eigen::Index ncv = o.krylov_dimension != 0 ? o.krylov_dimension : std::max<Eigen::Index>(2 * kk + 1, 20);
  ncv = std::min(ncv, m - 1);
  EigsMethod method = o.method;
  bool probe = false;  // largest of a sparse matrix: a short Lanczos run first
  const bool automatic = method == EigsMethod::automatic;
  if (method == EigsMethod::automatic) {
    if (n <= o.dense_threshold || ncv <= kk) method = EigsMethod::dense;
    else if (explicit_op_v<Op> && !largest) method = EigsMethod::shift_invert;
    else if (is_sparse_op_v<Op>) method = EigsMethod::shift_invert, probe = true;
    else method = EigsMethod::lanczos;
  }
  if (method == EigsMethod::shift_invert && !explicit_op_v<Op>)
    fail_option(fn, "method", "shift_invert needs an explicit (dense or sparse) matrix, not a matrix-free operator");
  if (method != EigsMethod::dense && ncv <= kk) method = EigsMethod::dense;  // Krylov space = whole space
  // Memory budget and, for the smallest pairs of a sparse matrix, the choice between
  // shift-invert and LOBPCG + AMG (detail/method_choice.hpp), before anything is factorized.
  MethodChoice choice;
  auto over_budget = [&](MethodChoice& c) {
    result.method = c.method;
    result.predicted_factor_bytes = std::size_t(c.predicted_bytes);
    result.status = Status::out_of_memory_budget;
    result.message = std::move(c.message);
    result.values = Vector::Zero(k);
    result.vectors = Matrix::Zero(n, k);
    result.residuals = Vector::Zero(k);
    return result;
  };
  if (method == EigsMethod::dense && !automatic) {
    choice.method = EigsMethod::dense;
    choice.budget = resolved_memory_budget(o.memory_budget);
    choice.predicted_bytes = predicted_dense_bytes(n, sizeof(Scalar));
    if (choice.predicted_bytes > double(choice.budget)) {
      choice.message = "the dense solver needs about " + format_bytes(choice.predicted_bytes) +
                       " (4 n^2 scalars), more than memory_budget = " + format_bytes(double(choice.budget));
      return over_budget(choice);
    }
    result.predicted_factor_bytes = std::size_t(choice.predicted_bytes);
  }
  if constexpr (is_sparse_op_v<Op>) {
    if (method == EigsMethod::shift_invert || method == EigsMethod::lobpcg) {
      const auto& a = as_col_major<Scalar>(op.matrix());
      const EigsMethod requested = automatic && !largest ? EigsMethod::automatic : method;
      choice = choose_smallest_method(a, kk, requested, o.memory_budget, -1);
      if (choice.over_budget) {
        if (!automatic) return over_budget(choice);
        method = EigsMethod::lanczos;  // top_eigenpairs: Lanczos on A needs no factor
        probe = false;
      } else {
        method = choice.method;
      }
      if (choice.predicted) result.predicted_factor_bytes = std::size_t(choice.predicted_bytes);
    }
  }
  result.method = method;

  // ---- dense path ---------------------------------------------------------------------------
  if (method == EigsMethod::dense) {
    Matrix a = dense_of(op);
    a = (Real(0.5) * (a + a.transpose())).eval();
    Matrix basis;
    if (p > 0) {
      Eigen::HouseholderQR<Matrix> qr(y);
      const Matrix q = qr.householderQ();
      basis = q.rightCols(m);
      a = (basis.transpose() * a * basis).eval();
    }
    Eigen::SelfAdjointEigenSolver<Matrix> es(a);
    if (es.info() != Eigen::Success) return finish(Matrix::Zero(n, kk), Status::numerical_issue, "the dense eigen-solver failed");
    if (!largest && es.eigenvalues()(0) < -Real(100) * Real(n) * eps * std::max(anorm, Real(1e-300)))
      fail(fn, "A", "must be positive semidefinite: its smallest eigenvalue is " + std::to_string(double(es.eigenvalues()(0)) * unscale));
    Matrix vecs = largest ? Matrix(es.eigenvectors().rightCols(kk).rowwise().reverse()) : Matrix(es.eigenvectors().leftCols(kk));
    if (p > 0) vecs = (basis * vecs).eval();
    result.iterations = 1;
    return finish(vecs, Status::success, "");
  }

  // ---- LOBPCG + AMG (smallest pairs of a sparse matrix) --------------------------------------
  if constexpr (is_sparse_op_v<Op>) {
    if (method == EigsMethod::lobpcg) {
      const auto& a = as_col_major<Scalar>(op.matrix());
      Matrix start;
      if (initial.size() != 0) start = initial;
      // Pair j: ||A v - lambda v|| <= max(tol |lambda|, floor), the criterion of finish().
      const LobpcgResult<Scalar> lr = lobpcg_amg_smallest<Scalar>(a, y, kk, floor / std::max(anorm, std::numeric_limits<Real>::min()), tol,
                                                                  o.seed, o.max_iterations, start);
      result.iterations = lr.iterations;
      result.operations = lr.iterations;
      if (lr.values.size() > 0 && lr.values(0) + lr.residuals(0) < -Real(100) * std::sqrt(Real(n)) * eps * anorm)
        fail(fn, "A", "must be positive semidefinite: LOBPCG found the eigenvalue " + std::to_string(double(lr.values(0)) * unscale));
      if (lr.vectors.cols() < kk)
        return finish(Matrix::Zero(n, kk), Status::numerical_issue, "LOBPCG lost the rank of its basis");
      const Status status = lr.converged() ? Status::success
                            : lr.status == LobpcgStatus::not_converged ? Status::not_converged
                                                                       : Status::numerical_issue;
      std::string message;
      if (status != Status::success) {
        std::ostringstream os;
        os << "LOBPCG " << (status == Status::not_converged ? "did not converge in max_iterations = " : "broke down after ")
           << (status == Status::not_converged ? o.max_iterations : lr.iterations) << " iterations";
        message = os.str();
      }
      return finish(lr.vectors, status, message);
    }
  }

  // ---- Lanczos paths --------------------------------------------------------------------------
  std::mt19937_64 rng(o.seed);
  const Eigen::Index max_restarts = o.max_iterations - 1;
  LanczosResult<Scalar> lr;
  Real sigma_hint = std::numeric_limits<Real>::infinity();
  Eigen::Index probe_products = 0;
  if (probe) {
    // Three Lanczos cycles on A. Well separated top eigenvalues (kNN graphs) converge here; for
    // clustered ones (grids) the run gives lambda_1 to a few digits, so that the shift-invert
    // shift can sit just above it, and a warm start.
    auto apply = [&](const Vector& x, Vector& w) { op.apply(x, w); };
    auto conv = [&](Real theta, Real est) { return est <= std::max(tol * std::abs(theta), floor); };
    lr = lanczos_largest<Scalar>(apply, n, {kk, ncv, std::min<Eigen::Index>(2, max_restarts)}, y, initial, rng, conv);
    probe_products = lr.products;
    if (lr.breakdown || lr.converged >= kk || max_restarts <= 2) {
      method = EigsMethod::lanczos;
      result.method = method;
    } else {
      // A tenth of the wanted range above lambda_1: close enough to separate the wanted pairs,
      // far enough that 1/(sigma - lambda_1) does not swamp the others.
      const Real spread = lr.values(0) - lr.values(kk - 1);
      sigma_hint = lr.values(0) + std::max({Real(2) * lr.residual_estimates(0), Real(0.1) * spread,
                                            std::sqrt(eps) * anorm});
      initial = lr.vectors.rowwise().sum();
    }
  }
  if (probe && method == EigsMethod::lanczos) {
    // done: the probe converged
  } else if (method == EigsMethod::lanczos) {
    auto apply = [&](const Vector& x, Vector& w) {
      op.apply(x, w);
      if (!largest) w = -w;
    };
    auto conv = [&](Real theta, Real est) { return est <= std::max(tol * std::abs(theta), floor); };
    lr = lanczos_largest<Scalar>(apply, n, {kk, ncv, max_restarts}, y, initial, rng, conv);
  } else {
    // shift_invert
    Real sigma;
    if constexpr (explicit_op_v<Op>) {
      // Both factorizations below: ||(A - lambda) y|| = |beta s_m| ||(A - sigma I) v_m+1|| / theta
      // exactly, with lambda = sigma -+ 1/theta: one product with A per check turns the Lanczos
      // estimate into the residual of A (sigma is set by the branch taken).
      Vector av(n);
      auto scale = [&](const Vector& vnext) -> Real {
        op.apply(vnext, av);
        return (av - sigma * vnext).norm();
      };
      auto conv = [&](Real theta, Real est) {
        if (!(theta > 0)) return false;
        const Real lambda = largest ? sigma - Real(1) / theta : sigma + Real(1) / theta;
        return est / theta <= std::max(tol * std::abs(lambda), floor);
      };
      if constexpr (is_sparse_op_v<Op>) {
        const auto& a = as_col_major<Scalar>(op.matrix());  // no copy for the common type
        SparseShiftSolver<Scalar> solver;
        bool ok = false;
        if (!largest) {
          // Smallest of a PSD matrix: sigma = -delta below 0, A + delta I positive definite.
          sigma = -std::sqrt(eps) * anorm;
          if (!(sigma < 0)) sigma = -std::sqrt(eps);
          ok = solver.compute(a, sigma, true, +1, choice.order.empty() ? nullptr : &choice.order);
          if (ok && solver.negative_pivots() > 0)
            fail(fn, "A", "must be positive semidefinite: A + " + std::to_string(double(-sigma) * unscale) +
                              " I has negative pivots");
        } else {
          // Largest: sigma just above the Gershgorin bound of lambda_max, A - sigma I negative
          // definite (checked by its inertia; moved up if not).
          const Real gershgorin = anorm * (Real(1) + Real(1e-6)) + std::numeric_limits<Real>::min();
          sigma = std::min(gershgorin, sigma_hint);
          for (int attempt = 0; attempt < 4; ++attempt) {
            ok = solver.compute(a, sigma, true, -1, choice.order.empty() ? nullptr : &choice.order);
            if (ok && solver.negative_pivots() == n) break;
            ok = false;
            sigma = sigma < gershgorin ? gershgorin : sigma + anorm * Real(1e-3) * Real(attempt + 1) + std::sqrt(eps);
          }
        }
        if (!ok) return finish(Matrix::Zero(n, kk), Status::numerical_issue, "the factorization of A - sigma I failed");
        result.shift = double(sigma);
        result.factor_bytes = solver.factor_bytes();
        const Real flip = largest ? Real(-1) : Real(1);
        auto apply = [&](const Vector& x, Vector& w) {
          solver.solve(x, w);
          if (flip < 0) w = -w;
        };
        lr = lanczos_largest<Scalar>(apply, n, {kk, ncv, max_restarts, 1, scale}, y, initial, rng, conv);
      } else {
        // Dense explicit matrix: Cholesky of +-(A - sigma I).
        const Matrix& ad = op.matrix();
        Matrix shifted = largest ? Matrix(-ad) : Matrix(ad);
        sigma = largest ? anorm * (Real(1) + Real(1e-3)) + std::sqrt(eps) : -std::sqrt(eps) * anorm;
        if (!largest && !(sigma < 0)) sigma = -std::sqrt(eps);  // A = 0: any shift below 0 will do
        shifted.diagonal().array() += std::abs(sigma);
        Eigen::LLT<Matrix> llt(shifted);
        if (llt.info() != Eigen::Success) {
          if (!largest) fail(fn, "A", "must be positive semidefinite (A + delta I is not positive definite)");
          return finish(Matrix::Zero(n, kk), Status::numerical_issue, "the factorization of A - sigma I failed");
        }
        result.shift = double(sigma);
        auto apply = [&](const Vector& x, Vector& w) { w = llt.solve(x); };
        lr = lanczos_largest<Scalar>(apply, n, {kk, ncv, max_restarts, 1, scale}, y, initial, rng, conv);
      }
    }
  }
  result.iterations = lr.restarts + 1;
  result.operations = lr.products + (method == EigsMethod::shift_invert ? probe_products : 0);
  if (lr.breakdown) return finish(Matrix::Zero(n, kk), Status::numerical_issue, "the operator produced NaN or Inf");
  Status status = lr.converged >= kk ? Status::success : Status::not_converged;
  std::string message;
  if (status != Status::success) {
    std::ostringstream os;
    os << lr.converged << " of " << kk << " pairs converged in max_iterations = " << o.max_iterations
       << " Lanczos cycles; increase max_iterations or krylov_dimension";
    message = os.str();
  }
  return finish(lr.vectors, status, message);
}

/// One operator type of SPECTRAKIT_SYMMETRIC_EIGS_INSTANTIATIONS.
#define SPECTRAKIT_SYMMETRIC_EIGS_ONE(prefix, Op)                                                         \
  prefix EigenPairs<Op::Scalar> symmetric_eigs<Op>(const Op&, Eigen::Index, const EigsOptions&, bool, const char*, \
                                                   bool, double);
/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_SYMMETRIC_EIGS_INSTANTIATIONS(prefix) SPECTRAKIT_EIG_OPERATORS(SPECTRAKIT_SYMMETRIC_EIGS_ONE, prefix)
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_SYMMETRIC_EIGS_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace eig
}  // namespace detail

/// @brief The k algebraically largest eigenpairs of a symmetric operator, values descending.
///
/// Methods (EigsOptions::method): for n <= dense_threshold, or when the Krylov space would be
/// the whole space (k close to n), the dense SelfAdjointEigenSolver; otherwise thick-restart
/// Lanczos (Wu & Simon) with full re-orthogonalization, the block-Krylov form of the notes'
/// power iteration with Rayleigh-Ritz and deflation of converged vectors (locking by thick
/// restart); shift_invert runs Lanczos on (sigma I - A)^{-1} with sigma above the Gershgorin
/// bound (one sparse LDL^T), which wins when the top eigenvalues are clustered.
/// Each returned pair satisfies ||A v - lambda v|| <= max(tolerance |lambda|, c eps ||A||) when
/// status is success; values are Rayleigh quotients, vectors orthonormal with their
/// largest-magnitude entry positive.
///
/// @param a a symmetric dense matrix, `Eigen::SparseMatrix` (either storage order) or operator
/// @param k number of pairs, 1 <= k <= n
/// @param options see EigsOptions (null_space must be empty)
/// @return values (descending), vectors, residuals, iterations, operations, status
/// @throws invalid_input when A is empty, not square, not symmetric, has NaN/Inf entries, k is
///         out of range or an option is invalid
/// @par Cost
/// Lanczos: per cycle (ncv - kept) products with A plus O(n ncv^2) for re-orthogonalization;
/// dense: O(n^3).
/// @par Reference
/// K. Wu & H. Simon, Thick-restart Lanczos method for large symmetric eigenvalue problems,
/// SIAM J. Matrix Anal. Appl. 22 (2000); Golub & Van Loan, 4th ed., sec. 10.1-10.3.
template <typename A>
[[nodiscard]] EigenPairs<detail::eig::operator_scalar_t<A>> top_eigenpairs(const A& a, Eigen::Index k,
                                                                      const EigsOptions& options = {}) {
  return detail::eig::with_operator(
      a, "top_eigenpairs", [&](const auto& op) { return detail::eig::symmetric_eigs(op, k, options, true, "top_eigenpairs"); });
}

/// @brief The k smallest eigenpairs of a symmetric positive semidefinite operator (a Laplacian),
/// values ascending.
///
/// Methods (EigsOptions::method, automatic by default): dense for small n or k close to n; for
/// sparse matrices shift-invert Lanczos on (A + delta I)^{-1}, delta = sqrt(eps) ||A||_1 (one
/// sparse LDL^T, positive definite for PSD A: never a shift exactly on the singular point),
/// which converges in one or two cycles even when lambda_2 / lambda_max is 1e-6 (grid
/// Laplacians), when its factor, predicted before factorizing, fits memory_budget and is
/// predicted cheaper, else block LOBPCG preconditioned by aggregation AMG (scale-free graphs,
/// 3-D meshes; docs/solvers.md); shift-invert for dense matrices; for matrix-free operators
/// Lanczos on -A. An explicit shift_invert or dense request predicted above memory_budget
/// returns Status::out_of_memory_budget.
/// `options.null_space` deflates known null vectors (e.g. the constant vector of a connected
/// graph's Laplacian): they are returned as the first pairs (value = their Rayleigh quotient,
/// about 0) and the solver searches their orthogonal complement, so
/// `smallest_eigenpairs(L, 2, {null_space = ones})` gives (0, 1) and the Fiedler pair.
///
/// @param a a symmetric positive semidefinite dense matrix, `Eigen::SparseMatrix` or operator
/// @param k number of pairs, 1 <= k <= n
/// @param options see EigsOptions
/// @return values (ascending), vectors, residuals, iterations, operations, status, method,
///         factor_bytes, predicted_factor_bytes, message
/// @throws invalid_input when A is empty, not square, not symmetric, has NaN/Inf entries, is
///         found indefinite (a negative pivot of A + delta I, or a negative dense eigenvalue),
///         k is out of range, or an option is invalid (a null_space column that is not a null
///         vector of A, dependent columns, wrong size)
/// @par Cost
/// Shift-invert: one sparse LDL^T (fill-reducing ordering) plus per cycle ncv solves and
/// O(n ncv^2); dense: O(n^3).
/// @par Reference
/// Ericsson & Ruhe, The spectral transformation Lanczos method, Math. Comp. 35 (1980);
/// Wu & Simon (2000).
template <typename A>
[[nodiscard]] EigenPairs<detail::eig::operator_scalar_t<A>> smallest_eigenpairs(const A& a, Eigen::Index k,
                                                                           const EigsOptions& options = {}) {
  return detail::eig::with_operator(a, "smallest_eigenpairs", [&](const auto& op) {
    return detail::eig::symmetric_eigs(op, k, options, false, "smallest_eigenpairs");
  });
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_EIGEN_SYMMETRIC_EIGS_HPP
