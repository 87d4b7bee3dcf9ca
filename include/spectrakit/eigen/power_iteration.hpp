/// @file eigen/power_iteration.hpp
/// @brief Power iteration, the Rayleigh quotient and inverse iteration on dense, sparse and
/// matrix-free operators.
#ifndef SPECTRAKIT_EIGEN_POWER_ITERATION_HPP
#define SPECTRAKIT_EIGEN_POWER_ITERATION_HPP

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "../error.hpp"
#include "detail/common.hpp"
#include "detail/factorization.hpp"
#include "operators.hpp"

namespace spectrakit {

/// @brief Options of power_iteration() and inverse_iteration().
///
/// Plain struct with defaults; validated on entry (invalid values throw invalid_input naming the
/// option).
struct PowerOptions {
  /// Maximum number of iterations (matrix-vector products, or solves for inverse iteration),
  /// >= 1. Default 10000.
  Eigen::Index max_iterations = 10000;
  /// Relative residual tolerance, > 0: converged when ||A v - lambda v|| <= tolerance * |lambda|
  /// (with a floor of a few units of rounding, sqrt(n) * epsilon * ||A||, for lambda near 0).
  /// Values below 4 * epsilon of the scalar type are raised to it (so the default 1e-10 works
  /// for float, as 4.8e-7). Default 1e-10.
  double tolerance = 1e-10;
  /// Seed of the std::mt19937_64 that draws the random start vector when `initial` is empty.
  /// The same seed gives bit-identical results. Default 0.
  std::uint64_t seed = 0;
  /// Start vector (size n, finite, non-zero); empty (default): a seeded random vector with
  /// entries uniform in [-1, 1).
  Eigen::VectorXd initial;
  /// Shift sigma (finite): power iteration runs on A - sigma I and reports the eigenvalue of A;
  /// use it to separate a +-lambda pair or to speed up convergence. For inverse_iteration()
  /// the shift is its own argument and this field is ignored. Default 0.
  double shift = 0;
  /// Called after every iteration with (iteration, eigenvalue estimate, residual estimate);
  /// returning false stops the run (status not_converged). Empty (default): not called.
  std::function<bool(Eigen::Index iteration, double estimate, double residual)> callback;
};

/// @brief One eigenpair (lambda, v) with the report of the iteration that computed it.
/// @tparam Scalar float or double
template <typename Scalar>
struct EigenPair {
  /// Dense vector type.
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  Scalar value = 0;  ///< The eigenvalue estimate lambda = v^T A v (Rayleigh quotient), of A itself.
  Vector vector;     ///< The eigenvector estimate v: unit 2-norm, its largest-magnitude entry positive.
  Eigen::Index iterations = 0;    ///< Iterations done (one matrix-vector product or solve each).
  Scalar residual = 0;            ///< ||A v - lambda v||.
  Status status = Status::not_converged;  ///< success when the residual met the tolerance.
  std::string message;  ///< Why the run did not converge (empty on success), with advice.
  std::vector<Scalar> residual_history;  ///< The residual estimate after each iteration.

  /// @brief True when status == Status::success.
  [[nodiscard]] bool converged() const { return status == Status::success; }
};

/// @brief The Rayleigh quotient r(x) = x^T A x / x^T x.
///
/// For symmetric A it is the best eigenvalue estimate for the direction x (it minimizes
/// ||A x - r x|| over r) and its error is quadratic in the angle between x and an eigenvector.
/// @param a a square dense matrix, `Eigen::SparseMatrix` or operator (see make_operator())
/// @param x a non-zero vector of size n
/// @return x^T A x / x^T x
/// @throws invalid_input when A is not square or empty, has NaN/Inf entries, or x has the wrong
///         size, a NaN/Inf entry or is zero
/// @par Cost
/// One matrix-vector product.
template <typename A, typename XDerived>
[[nodiscard]] detail::eig::operator_scalar_t<A> rayleigh_quotient(const A& a, const Eigen::MatrixBase<XDerived>& x) {
  using Scalar = detail::eig::operator_scalar_t<A>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  return detail::eig::with_operator(a, "rayleigh_quotient", [&](const auto& op) {
    detail::require_vector_size(x, op.rows(), "rayleigh_quotient", "x");
    const Vector v = x.template cast<Scalar>();
    detail::require_finite(v, "rayleigh_quotient", "x");
    const Scalar scale = v.cwiseAbs().maxCoeff();
    if (!(scale > 0)) detail::fail("rayleigh_quotient", "x", "must not be the zero vector");
    const Vector u = v / scale;  // scaled: no overflow in x^T x
    Vector y(u.size());
    op.apply(u, y);
    return Scalar(u.dot(y) / u.squaredNorm());
  });
}

namespace detail {
namespace eig {

/// Roots of the 2x2 Ritz problem on span{x0, x1} (unit vectors, x1 = A x0 / nu0) with
/// g = x0.x1, h = x0.A x1, theta1 = x1.A x1. Returns false when the span is degenerate.
template <typename Real>
bool two_dim_ritz(Real nu0, Real g, Real h, Real theta1, bool& complex_pair, Real& m1, Real& m2) {
  const Real a = Real(1) - g * g;
  if (!(a > Real(1e-6))) return false;
  const Real M11 = nu0 * g, M12 = h, M21 = nu0, M22 = theta1;
  const Real b = M11 + M22 - g * (M12 + M21);
  const Real c = M11 * M22 - M12 * M21;
  const Real disc = b * b - Real(4) * a * c;
  if (disc < 0) {
    complex_pair = true;
    m1 = b / (Real(2) * a);              // real part
    m2 = std::sqrt(-disc) / (Real(2) * a);  // imaginary part
  } else {
    complex_pair = false;
    const Real s = std::sqrt(disc);
    m1 = (b + s) / (Real(2) * a);
    m2 = (b - s) / (Real(2) * a);
    if (std::abs(m2) > std::abs(m1)) std::swap(m1, m2);
  }
  return true;
}

template <typename Real>
std::string format_number(Real v) {
  std::ostringstream os;
  os.precision(8);
  os << v;
  return os.str();
}

/// True when (I - xx^T)(A - sigma I)(I - xx^T) has a Ritz value of modulus > |theta| (x unit);
/// u is then the (real part of the) unit Ritz vector, orthogonal to x.
template <typename Op>
bool larger_eigenvalue_elsewhere(const Op& op, const Eigen::Matrix<typename Op::Scalar, Eigen::Dynamic, 1>& x,
                                 typename Op::Scalar sigma, typename Op::Scalar theta, std::mt19937_64& rng,
                                 Eigen::Matrix<typename Op::Scalar, Eigen::Dynamic, 1>& u) {
  using Scalar = typename Op::Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  const Eigen::Index n = x.size();
  const Eigen::Index m = std::min<Eigen::Index>(n - 1, 20);
  const Scalar eps = std::numeric_limits<Scalar>::epsilon();
  Matrix v(n, m + 1);
  Matrix h = Matrix::Zero(m + 1, m);
  Vector w = random_vector<Scalar>(n, rng), tmp(n);
  w -= x * x.dot(w);
  w -= x * x.dot(w);
  if (!(w.norm() > 0)) return false;
  v.col(0) = w / w.norm();
  Eigen::Index steps = 0;
  Scalar hnorm = 0;
  for (Eigen::Index j = 0; j < m; ++j) {
    tmp = v.col(j);
    op.apply(tmp, w);
    if (sigma != Scalar(0)) w -= sigma * tmp;
    if (!w.allFinite()) return false;
    for (int pass = 0; pass < 2; ++pass) {
      w -= x * x.dot(w);
      const Vector c = v.leftCols(j + 1).transpose() * w;
      w -= v.leftCols(j + 1) * c;
      h.col(j).head(j + 1) += c;
    }
    h(j + 1, j) = w.norm();
    hnorm = std::max(hnorm, h.col(j).norm());
    steps = j + 1;
    if (!(h(j + 1, j) > Scalar(n) * eps * hnorm)) break;  // invariant subspace found
    v.col(j + 1) = w / h(j + 1, j);
  }
  if (steps == 0) return false;
  Eigen::EigenSolver<Matrix> es(h.topLeftCorner(steps, steps));
  if (es.info() != Eigen::Success) return false;
  Eigen::Index imax = 0;
  const Scalar mu = es.eigenvalues().cwiseAbs().maxCoeff(&imax);
  if (!(mu > std::abs(theta) * (Scalar(1) + Scalar(1e-6)) + Scalar(16) * eps * hnorm)) return false;
  u = v.leftCols(steps) * es.eigenvectors().col(imax).real();
  u -= x * x.dot(u);
  const Scalar nu = u.norm();
  if (!(nu > 0)) return false;
  u /= nu;
  return true;
}

template <typename Op>
EigenPair<typename Op::Scalar> power_iteration_impl(const Op& op, const PowerOptions& options) {
  using Scalar = typename Op::Scalar;
  using Real = Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  constexpr const char* fn = "power_iteration";
  const Eigen::Index n = op.rows();
  require_iterations(options.max_iterations, fn, "max_iterations");
  require_tolerance(options.tolerance, fn);
  if (!std::isfinite(options.shift)) fail_option(fn, "shift", "must be finite");
  const Real eps = std::numeric_limits<Real>::epsilon();
  const Real tol = std::max(Real(options.tolerance), Real(4) * eps);
  const Real sigma = Real(options.shift);
  const Real sqrt_n = std::sqrt(Real(n));

  EigenPair<Scalar> result;
  Vector buf[4] = {Vector(n), Vector(n), Vector(n), Vector(n)};
  std::mt19937_64 rng(options.seed);
  if (options.initial.size() == 0) {
    buf[0] = random_vector<Scalar>(n, rng);
  } else {
    buf[0] = checked_initial<Scalar>(options.initial, n, fn);
  }
  {
    const Real s = buf[0].cwiseAbs().maxCoeff();
    if (!(s > 0)) buf[0].setZero(), buf[0](0) = 1;  // a random draw of zeros (n = 1): e_1
    else buf[0] /= s;
    buf[0].normalize();
  }
  int cur = 0, prev = -1, best = 0;
  Real best_residual = std::numeric_limits<Real>::infinity();
  Real norm_est = 0, conv_value = 0, conv_residual = 0;
  result.residual_history.reserve(static_cast<std::size_t>(std::min<Eigen::Index>(options.max_iterations, 4096)));

  // Equal-modulus detection state (2-D Ritz values on span{x_k, x_{k+1}}, every check_every).
  constexpr Eigen::Index check_every = 8;
  bool have_pair = false, pair_complex = false;
  Real pair_m1 = 0, pair_m2 = 0, pair_residual = 0;
  Real prev_nu = 0;  // ||(A - sigma I) x_prev||

  auto free_buffer = [&]() {  // four buffers: current, previous, best, next
    for (int i = 0; i < 4; ++i)
      if (i != cur && i != best && i != prev) return i;
    return 3;
  };

  Status status = Status::not_converged;
  std::string message;
  Eigen::Index it = 1;
  const bool user_start = options.initial.size() != 0;
  for (int round = 0;; ++round) {
  for (; it <= options.max_iterations; ++it) {
    const int nxt = free_buffer();
    Vector& x = buf[cur];
    Vector& y = buf[nxt];
    op.apply(x, y);
    if (sigma != Real(0)) y -= sigma * x;
    // Pass 1: theta = x.y, ||y||^2 (and, on check iterations, the 2-D Ritz products).
    const bool check = prev >= 0 && it % check_every == 0 && n >= 2;
    Real theta, s2, g = 0, h = 0;
    if (check) {
      const Vector& x0 = buf[prev];
      theta = x.dot(y);
      s2 = y.squaredNorm();
      g = x0.dot(x);
      h = x0.dot(y);
    } else {
      theta = x.dot(y);
      s2 = y.squaredNorm();
    }
    if (!std::isfinite(s2) || !std::isfinite(theta)) {
      status = Status::numerical_issue;
      message = "the operator produced NaN or Inf (A x is not finite)";
      break;
    }
    const Real ny = std::sqrt(s2);
    norm_est = std::max(norm_est, ny + std::abs(sigma));
    const Real lambda = theta + sigma;
    const Real thr = std::max(tol * std::abs(lambda), Real(2) * sqrt_n * eps * norm_est);
    Real r2 = s2 - theta * theta;  // ||y - theta x||^2 for unit x (cancellation-prone near convergence)
    Real residual;
    const bool exact = !(r2 > Real(16) * thr * thr + Real(64) * eps * s2);
    if (exact) {
      residual = (y - theta * x).norm();
    } else {
      residual = std::sqrt(r2);
    }
    result.residual_history.push_back(residual);
    if (residual <= best_residual) {
      best_residual = residual;
      best = cur;
    }
    const bool go_on = !options.callback || options.callback(it, double(lambda), double(residual));
    if (exact && residual <= thr) {
      status = Status::success;
      conv_value = lambda;
      conv_residual = residual;
      break;
    }
    if (!go_on) {
      message = "stopped by the callback";
      break;
    }
    if (!(ny > 0)) {  // cannot happen without convergence (y = 0 gives residual 0), kept as a guard
      status = Status::numerical_issue;
      message = "the iterate was mapped to zero";
      break;
    }
    if (check) {
      bool cplx = false;
      Real m1 = 0, m2 = 0;
      if (two_dim_ritz(prev_nu, g, h, theta, cplx, m1, m2)) {
        const Real mod1 = cplx ? std::hypot(m1, m2) : std::abs(m1);
        const Real mod2 = cplx ? mod1 : std::abs(m2);
        const Real ratio = mod1 > 0 ? mod2 / mod1 : Real(0);
        const bool stable = have_pair && pair_complex == cplx &&
                            std::abs(mod1 - (pair_complex ? std::hypot(pair_m1, pair_m2) : std::abs(pair_m1))) <=
                                Real(1e-4) * mod1;
        const bool stagnating = residual > Real(0.5) * pair_residual;
        if (stable && stagnating && ratio > Real(0)) {
          const Real remaining = Real(options.max_iterations - it);
          const Real needed = (cplx || ratio >= Real(1)) ? std::numeric_limits<Real>::infinity()
                                                         : std::log(thr / residual) / std::log(ratio);
          if (needed > remaining) {
            std::ostringstream os;
            if (cplx) {
              os << "the dominant eigenvalues are a complex conjugate pair " << format_number(m1 + sigma) << " +- "
                 << format_number(m2) << "i (Ritz values on span{x, Ax}): real power iteration cannot converge "
                 << "to them; a shift (options.shift) changes which eigenvalue dominates, e.g. shift = "
                 << format_number(m1 + sigma) << ", and a complex eigen-solver finds the pair";
            } else {
              const Real l1 = m1 + sigma, l2 = m2 + sigma;
              os << "the two dominant eigenvalues " << format_number(l1) << " and " << format_number(l2)
                 << " have " << (ratio >= Real(1) ? "equal" : "nearly equal") << " modulus (ratio "
                 << format_number(ratio) << ", Ritz values on span{x, Ax})";
              if (ratio >= Real(1)) os << ": power iteration cannot separate them";
              else os << ": power iteration would need about " << format_number(needed) << " more iterations";
              if (l1 * l2 < 0) {
                const Real p = std::max(l1, l2), q = std::min(l1, l2);
                os << "; iterate on A - shift I: options.shift = " << format_number(Real(0.5) * q)
                   << " makes " << format_number(p) << " dominant, options.shift = " << format_number(Real(0.5) * p)
                   << " makes " << format_number(q) << " dominant";
              } else {
                os << "; use top_eigenpairs() (Lanczos) or inverse_iteration() near " << format_number(l1);
              }
            }
            message = os.str();
            break;
          }
        }
        have_pair = true;
        pair_complex = cplx;
        pair_m1 = m1;
        pair_m2 = m2;
        pair_residual = residual;
      }
    }
    // Pass 2: normalize y into the next iterate.
    y *= Real(1) / ny;
    prev_nu = ny;
    prev = cur;
    cur = nxt;
  }
  // A user start vector may lack the dominant component (orthogonal to v_1, or itself another
  // eigenvector): check that no eigenvalue of larger modulus remains on the complement of v
  // (Arnoldi on (I - vv^T)(A - sigma I)(I - vv^T)); if one does, restart from v plus its Ritz vector.
  if (status == Status::success && user_start && round < 3 && n >= 2) {
    Vector u;
    if (larger_eigenvalue_elsewhere(op, buf[cur], sigma, conv_value - sigma, rng, u)) {
      buf[0] = buf[cur] + u;
      buf[0].normalize();
      cur = 0;
      prev = -1;
      best = 0;
      best_residual = std::numeric_limits<Real>::infinity();
      have_pair = false;
      status = Status::not_converged;
      ++it;
      continue;
    }
  }
  break;
  }
  if (it > options.max_iterations) {
    it = options.max_iterations;
    std::ostringstream os;
    os << "reached max_iterations = " << options.max_iterations << " with residual " << format_number(best_residual);
    message = os.str();
  }
  result.iterations = it;
  result.status = status;
  if (status == Status::success) {
    result.vector = buf[cur];
    result.value = conv_value;
    result.residual = conv_residual;
  } else {
    // The best iterate, with its exact residual (one more product).
    result.vector = buf[best];
    Vector& w = buf[free_buffer()];
    op.apply(result.vector, w);
    result.value = result.vector.dot(w);
    result.residual = (w - result.value * result.vector).norm();
    if (!std::isfinite(result.residual)) status = Status::numerical_issue;
    result.status = status;
    if (message.empty()) message = "did not converge";
  }
  result.message = message;
  normalize_sign(result.vector);
  return result;
}

template <typename Op>
EigenPair<typename Op::Scalar> inverse_iteration_impl(const Op& op, double shift, const PowerOptions& options) {
  using Scalar = typename Op::Scalar;
  using Real = Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  constexpr const char* fn = "inverse_iteration";
  const Eigen::Index n = op.rows();
  if (!std::isfinite(shift)) fail(fn, "shift", "must be finite");
  require_iterations(options.max_iterations, fn, "max_iterations");
  require_tolerance(options.tolerance, fn);
  const Real eps = std::numeric_limits<Real>::epsilon();
  const Real tol = std::max(Real(options.tolerance), Real(4) * eps);

  Vector x;
  std::mt19937_64 rng(options.seed);
  if (options.initial.size() == 0) x = random_vector<Scalar>(n, rng);
  else x = checked_initial<Scalar>(options.initial, n, fn);
  x /= x.cwiseAbs().maxCoeff() > 0 ? x.cwiseAbs().maxCoeff() : Real(1);
  if (!(x.norm() > 0)) x(0) = 1;
  x.normalize();

  // One factorization of A - shift I. A shift on an eigenvalue makes it singular: move it by a
  // few units of rounding (the solves then amplify exactly the wanted direction).
  Real sigma = Real(shift);
  Real anorm;
  constexpr bool is_sparse_op = is_sparse_op_v<Op>;
  std::conditional_t<is_sparse_op, SparseShiftSolver<Scalar>, DenseShiftSolver<Scalar>> solver;
  bool ok = false;
  if constexpr (is_sparse_op) {
    const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int> m(op.matrix());
    anorm = norm1(m);
    const bool symmetric = sparse_is_symmetric(m);
    for (int attempt = 0; attempt < 4 && !ok; ++attempt) {
      ok = solver.compute(m, sigma, symmetric);
      if (!ok && symmetric) ok = solver.compute(m, sigma, false);  // indefinite breakdown: pivoted LU
      if (!ok) sigma += (attempt + 1) * Real(64) * eps * std::max(std::abs(sigma), anorm);
    }
  } else {
    if (!explicit_op_v<Op> && n > 4096)
      fail(fn, "A", "is a matrix-free operator of size " + std::to_string(n) +
                        " > 4096: inverse iteration needs a factorization; pass the (sparse) matrix");
    const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> m = dense_of(op);
    anorm = norm1(m);
    for (int attempt = 0; attempt < 4 && !ok; ++attempt) {
      ok = solver.compute(m, sigma);
      if (!ok) sigma += (attempt + 1) * Real(64) * eps * std::max(std::abs(sigma), anorm);
    }
  }
  EigenPair<Scalar> result;
  if (!ok) {
    result.status = Status::numerical_issue;
    result.message = "the factorization of A - shift I failed";
    result.vector = x;
    return result;
  }
  Vector y(n), ax(n);
  Real lambda = 0, residual = std::numeric_limits<Real>::infinity();
  Status status = Status::not_converged;
  std::string message;
  Eigen::Index it = 0;
  Vector best = x;
  Real best_value = 0, best_residual = residual;
  for (it = 1; it <= options.max_iterations; ++it) {
    solver.solve(x, y);
    const Real ny = y.norm();
    if (!std::isfinite(ny) || !(ny > 0)) {
      status = Status::numerical_issue;
      message = "a solve with A - shift I produced NaN, Inf or zero";
      break;
    }
    x = y / ny;
    op.apply(x, ax);
    lambda = x.dot(ax);
    residual = (ax - lambda * x).norm();
    result.residual_history.push_back(residual);
    if (residual < best_residual) {
      best_residual = residual;
      best_value = lambda;
      best = x;
    }
    const bool go_on = !options.callback || options.callback(it, double(lambda), double(residual));
    const Real thr = std::max(tol * std::abs(lambda), Real(2) * std::sqrt(Real(n)) * eps * anorm);
    if (residual <= thr) {
      status = Status::success;
      break;
    }
    if (!go_on) {
      message = "stopped by the callback";
      break;
    }
  }
  if (it > options.max_iterations) {
    it = options.max_iterations;
    message = "reached max_iterations = " + std::to_string(options.max_iterations) + " with residual " +
              format_number(best_residual);
  }
  result.iterations = it;
  result.status = status;
  result.message = message;
  result.vector = status == Status::success ? x : best;
  result.value = status == Status::success ? lambda : best_value;
  result.residual = status == Status::success ? residual : best_residual;
  normalize_sign(result.vector);
  return result;
}

/// One operator type of SPECTRAKIT_POWER_ITERATION_INSTANTIATIONS.
#define SPECTRAKIT_POWER_ITERATION_ONE(prefix, Op)                                            \
  prefix EigenPair<Op::Scalar> power_iteration_impl<Op>(const Op&, const PowerOptions&);      \
  prefix EigenPair<Op::Scalar> inverse_iteration_impl<Op>(const Op&, double, const PowerOptions&);
/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_POWER_ITERATION_INSTANTIATIONS(prefix) \
  SPECTRAKIT_EIG_OPERATORS(SPECTRAKIT_POWER_ITERATION_ONE, prefix)
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_POWER_ITERATION_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace eig
}  // namespace detail

/// @brief The dominant eigenpair (largest |lambda|) by power iteration: x <- A x / ||A x||.
///
/// The component of the start vector along the dominant eigenvector v_1 grows like
/// |lambda_1|^k against |lambda_2|^k (seed note 003), so the error falls like |lambda_2 / lambda_1|^k
/// and about log(tolerance) / log|lambda_2 / lambda_1| iterations are needed. The eigenvalue is
/// the Rayleigh quotient v^T A v; the run stops when ||A v - lambda v|| <= tolerance * |lambda|.
/// With `options.shift` = sigma the iteration runs on A - sigma I (the dominant eigenvalue of
/// the shifted matrix is reported as an eigenvalue of A).
///
/// Honest reporting: A = 0 (or A v = sigma v) gives lambda = sigma exactly with status success;
/// a dominant pair of equal modulus (+-lambda, as for a bipartite graph, or a complex pair, as
/// for a rotation) is detected from the 2-D Ritz values on span{x, A x} within a few tens of
/// iterations and reported as not_converged with a `message` that says why and which shift
/// helps; the best iterate so far (smallest residual) is always returned.
///
/// Each iteration costs one product, one fused pass x.y / y.y and one scaling pass (no
/// allocation); the residual is computed from these (exactly near convergence).
///
/// @param a a square dense Eigen matrix, an `Eigen::SparseMatrix` (either storage order) or an
///        operator (make_operator() or any type with Scalar, rows(), cols(), apply(x, y))
/// @param options iteration limit, tolerance, seed, start vector, shift and callback
/// @return the eigenpair, iterations, residual, status and message
/// @throws invalid_input when A is empty, not square, has NaN/Inf entries, or an option is
///         invalid (max_iterations < 1, tolerance <= 0, non-finite shift, `initial` of the wrong
///         size, non-finite or zero)
/// @par Cost
/// One product with A per iteration, plus 3n flops.
/// @par Reference
/// Golub & Van Loan, Matrix Computations, 4th ed., sec. 7.3.1 and 8.2.1.
template <typename A>
[[nodiscard]] EigenPair<detail::eig::operator_scalar_t<A>> power_iteration(const A& a, const PowerOptions& options = {}) {
  return detail::eig::with_operator(a, "power_iteration",
                               [&](const auto& op) { return detail::eig::power_iteration_impl(op, options); });
}

/// @brief The eigenpair nearest to `shift` by inverse iteration: x <- (A - shift I)^{-1} x, normalized.
///
/// A - shift I is factorized once (dense: LU with partial pivoting; sparse symmetric: simplicial
/// LDL^T with a fill-reducing ordering; sparse otherwise: SparseLU), then each iteration is one
/// solve, one product with A for the Rayleigh quotient lambda = v^T A v and the residual
/// ||A v - lambda v||. The error falls like |(lambda_1 - shift) / (lambda_2 - shift)|^k, with
/// lambda_1 the eigenvalue nearest to the shift. A shift exactly on an eigenvalue (singular
/// A - shift I) is moved by a few units of rounding and factorized again.
///
/// @param a a square dense matrix, `Eigen::SparseMatrix` or operator; a matrix-free operator is
///        turned into a dense matrix (n products), which is allowed up to n = 4096
/// @param shift the target sigma (finite)
/// @param options iteration limit, tolerance, seed, start vector and callback (`options.shift`
///        is not used)
/// @return the eigenpair nearest to the shift, iterations, residual, status and message
/// @throws invalid_input on invalid A or options (see power_iteration()), a non-finite shift,
///         or a matrix-free operator larger than 4096
/// @par Cost
/// One factorization (dense: 2n^3/3 flops) plus one solve and one product per iteration.
/// @par Reference
/// Golub & Van Loan, Matrix Computations, 4th ed., sec. 7.6.1 and 8.2.2.
template <typename A>
[[nodiscard]] EigenPair<detail::eig::operator_scalar_t<A>> inverse_iteration(const A& a, double shift,
                                                                        const PowerOptions& options = {}) {
  return detail::eig::with_operator(a, "inverse_iteration",
                               [&](const auto& op) { return detail::eig::inverse_iteration_impl(op, shift, options); });
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_EIGEN_POWER_ITERATION_HPP
