/// @file nmf/symnmf.hpp
/// @brief Symmetric nonnegative matrix factorization A ~ H H^T, H >= 0: the notes' projected
/// gradient (fixed step or bounded Armijo line search), a faster alternating HALS method and a
/// damped multiplicative rule with guarded denominators; cluster labels by row argmax.
#ifndef SPECTRAKIT_NMF_SYMNMF_HPP
#define SPECTRAKIT_NMF_SYMNMF_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../detail/config.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/symnmf_ops.hpp"

namespace spectrakit {

/// @brief The algorithm symnmf() runs. All of them keep H >= 0 at every iterate and stop on
/// the same criterion (projected-gradient norm of f relative to its value at the start).
enum class SymNMFAlgorithm {
  /// The notes' method: H <- max(0, H - eta grad f(H)). With SymNMFOptions::step > 0, eta is
  /// that fixed step; with step = 0 it is chosen by a bounded Armijo backtracking line search
  /// along the projection arc (Lin 2007, Bertsekas 1976), so that f never increases.
  /// Cost per iteration: one A H product and O(n k^2) per line-search trial.
  projected_gradient,
  /// Alternating HALS on the penalized problem min_{W,H >= 0} ||A - W H^T||_F^2 +
  /// lambda ||W - H||_F^2 (Zhu, Li, Liu, Tang, NeurIPS 2018, "SymHALS"; the splitting of Kuang,
  /// Ding & Park's ANLS): each column of W, then of H, is the exact minimizer with the others
  /// fixed. No step size, no line search; usually several times fewer iterations than projected
  /// gradient. Cost per iteration: two A X products and O(n k^2).
  hals,
  /// hals with extrapolation (Ang & Gillis, Neural Comput. 31, 2019): after each update of H,
  /// the next iterate is Hhat = max(0, H + beta (H - H_previous)), accepted when f decreases;
  /// otherwise the plain HALS iterate is used and beta shrinks (beta starts at
  /// SymNMFOptions::extrapolation_beta, grows by 1.05 per success up to a cap that grows by
  /// 1.01 up to 1, and is divided by 1.5 on a failure). The default: 2.5-3x fewer iterations
  /// than hals on digits and knn100k for the same cost per iteration, plus one product per
  /// rejected step. Like hals, f is not guaranteed to decrease at every iteration (the
  /// penalized objective is what the HALS updates decrease).
  hals_extrapolated,
  /// Damped multiplicative rule H <- H .* (1 - beta + beta (A H) ./ max(H H^T H, epsilon))
  /// (Ding, He & Simon, SDM 2005, beta = 1/2) with the denominators guarded against zero. Keeps
  /// zeros of H at zero (so the stopping test may never be met when the start has zeros where
  /// the gradient is negative); requires A >= 0. Cost per iteration: one A H product and
  /// O(n k^2).
  multiplicative,
};

/// @brief A readable name: `"projected_gradient"`, `"hals"`, `"hals_extrapolated"`, `"multiplicative"`.
/// @param algorithm the algorithm to name
/// @return a static string
inline const char* to_string(SymNMFAlgorithm algorithm) noexcept {
  switch (algorithm) {
    case SymNMFAlgorithm::projected_gradient:
      return "projected_gradient";
    case SymNMFAlgorithm::hals:
      return "hals";
    case SymNMFAlgorithm::hals_extrapolated:
      return "hals_extrapolated";
    case SymNMFAlgorithm::multiplicative:
      return "multiplicative";
  }
  return "unknown";
}

/// @brief Options of symnmf(). Every field is checked on entry (invalid_input naming it).
struct SymNMFOptions {
  /// Dense matrix type of the user start (double; cast to the scalar type of A).
  using Matrix = Eigen::MatrixXd;
  /// Called after every iteration with (iteration, objective f(H), projected-gradient norm);
  /// returning false stops the run (status not_converged).
  using Callback = std::function<bool(Eigen::Index iteration, double objective, double projected_gradient_norm)>;

  /// Which method runs. Default: hals_extrapolated, the fastest in our measurements
  /// (docs/nmf.md).
  SymNMFAlgorithm algorithm = SymNMFAlgorithm::hals_extrapolated;
  /// Iteration limit, >= 0 (0 returns the start). Reaching it gives Status::not_converged.
  Eigen::Index max_iterations = 1000;
  /// Stop when ||P grad f(H)||_F <= tolerance * ||P grad f(H0)||_F, where P is the projection
  /// onto the feasible directions at H (the criterion of Kuang et al. and of Lin 2007).
  /// Finite and >= 0; 0 runs until the limit or an exact stationary point. Relative to the
  /// start, so a badly scaled start does not stop the run at once.
  double tolerance = 1e-4;
  /// projected_gradient only: step > 0 is the notes' fixed step eta; step = 0 (default) picks
  /// each step by the bounded Armijo line search. Must be finite and >= 0; a positive step
  /// with another algorithm is rejected.
  double step = 0;
  /// The start H0 (n x k, finite, >= 0, not all zero). Empty (default): Kuang's rule
  /// H0 = 2 sqrt(mean(A) / k) U(0,1), seeded by `seed` (H = 0 is a stationary point, so a
  /// random positive start is needed).
  Matrix initial;
  /// Seed of the std::mt19937_64 stream that draws the default start. Same seed, same result,
  /// bit for bit.
  std::uint64_t seed = 0;
  /// Optional progress callback, see Callback. Empty by default.
  Callback callback;

  /// Accept A with negative entries (for non-clustering uses). Default false: negative entries
  /// are rejected. Not allowed with the multiplicative algorithm.
  bool allow_negative = false;
  /// Armijo sufficient-decrease constant sigma in (0, 1): accept the trial H+ when
  /// f(H+) - f(H) <= sigma <grad f(H), H+ - H>. Default 0.01.
  double armijo_sigma = 0.01;
  /// Backtracking factor in (0, 1): a rejected trial step is multiplied by it. Default 0.5.
  double armijo_beta = 0.5;
  /// Each iteration starts its line search at step_growth times the previous accepted step;
  /// >= 1. Default 2.
  double step_growth = 2;
  /// First trial step of the line search; 0 (default) means 1 / ||A||_F (scale-invariant).
  /// Finite and >= 0.
  double initial_step = 0;
  /// Bound on the trial steps of one line search, >= 1. When it is used up without sufficient
  /// decrease (the objective no longer decreases in floating point) the run stops with the
  /// last iterate and Status::not_converged. Default 60.
  Eigen::Index max_backtracks = 60;
  /// hals and hals_extrapolated: the coupling lambda of ||W - H||_F^2. 0 (default) means max |a_ij| (1 when
  /// A = 0), which scales with A; finite and >= 0.
  double penalty = 0;
  /// Sparse A only: when the factor is larger than 512 KiB (n k sizeof(Scalar)), renumber the
  /// nodes internally in breadth-first order so that the sparse products read nearby rows of H
  /// (about 2x faster on a randomly numbered 100,000-node graph). H and labels are returned in
  /// the original order; results differ from an unreordered run only by rounding. Default true.
  bool reorder_nodes = true;
  /// hals_extrapolated only: the first extrapolation weight beta, in [0, 1] (0 gives plain
  /// hals iterates). Default 0.5 (Ang & Gillis).
  double extrapolation_beta = 0.5;
  /// multiplicative only: the damping beta in (0, 1]. Default 0.5 (Ding et al.).
  double multiplicative_beta = 0.5;
  /// multiplicative only: the floor of the denominators (H H^T H)_ij. 0 (default) means
  /// eps * max |a_ij| (eps of the scalar type), or the smallest normal number when A = 0.
  double multiplicative_epsilon = 0;
};

/// @brief The result of symnmf(): the factor, the objective history and how the run ended.
/// @tparam Scalar float or double
template <typename Scalar>
struct SymNMFResult {
  /// Dense matrix type.
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  /// Label vector type (row argmax, -1 for an all-zero row).
  using Labels = Eigen::Matrix<Eigen::Index, Eigen::Dynamic, 1>;

  /// n x k, every entry >= 0: the factor with A ~ H H^T.
  Matrix H;
  /// f(H) = 1/2 ||A - H H^T||_F^2 after each iteration, starting with f(H0): iterations + 1
  /// values. Evaluated with the trace formula (absolute error about eps ||A||_F^2).
  std::vector<Scalar> objective;
  /// Iterations run.
  Eigen::Index iterations = 0;
  /// success when the projected-gradient criterion was met; not_converged at the iteration
  /// limit, when the callback stopped the run, or when the line search found no decrease;
  /// numerical_issue when an iterate became non-finite (the last finite one is kept).
  Status status = Status::not_converged;
  /// The algorithm that ran.
  SymNMFAlgorithm algorithm = SymNMFAlgorithm::hals_extrapolated;
  /// ||P grad f(H)||_F at the returned H.
  Scalar projected_gradient_norm = 0;
  /// ||P grad f(H0)||_F at the start (the reference of the stopping test).
  Scalar initial_projected_gradient_norm = 0;
  /// Evaluations of A X (products with A), the dominant cost.
  Eigen::Index matrix_products = 0;

  /// @brief True when the stopping criterion was met (status == Status::success).
  [[nodiscard]] bool converged() const { return status == Status::success; }

  /// @brief The final objective f(H) (the last history entry).
  [[nodiscard]] Scalar final_objective() const { return objective.empty() ? Scalar(0) : objective.back(); }

  /// @brief Cluster labels: the column of the largest entry of each row of H (first one on a
  /// tie), or -1 for a row that is all zero (a node no cluster claims, e.g. an isolated one).
  /// @return n labels in [-1, k)
  [[nodiscard]] Labels labels() const {
    Labels out(H.rows());
    for (Eigen::Index i = 0; i < H.rows(); ++i) {
      Eigen::Index best = -1;
      Scalar value(0);
      for (Eigen::Index j = 0; j < H.cols(); ++j) {
        if (H(i, j) > value) {
          value = H(i, j);
          best = j;
        }
      }
      out(i) = best;
    }
    return out;
  }
};

namespace detail {

/// Checks the options that do not depend on A.
inline void check_symnmf_options(const SymNMFOptions& o, const char* fn) {
  if (o.algorithm != SymNMFAlgorithm::projected_gradient && o.algorithm != SymNMFAlgorithm::hals &&
      o.algorithm != SymNMFAlgorithm::hals_extrapolated && o.algorithm != SymNMFAlgorithm::multiplicative)
    fail_option(fn, "algorithm", "is not a SymNMFAlgorithm value");
  if (o.max_iterations < 0) fail_option(fn, "max_iterations", "must be >= 0, got " + std::to_string(o.max_iterations));
  auto nonneg = [fn](double v, const char* name) {
    if (!(v >= 0) || !std::isfinite(v)) {
      std::ostringstream os;
      os << "must be finite and >= 0, got " << v;
      fail_option(fn, name, os.str());
    }
  };
  auto open01 = [fn](double v, const char* name, bool closed_right) {
    if (!(v > 0) || !(closed_right ? v <= 1 : v < 1)) {
      std::ostringstream os;
      os << "must be in (0, 1" << (closed_right ? "]" : ")") << ", got " << v;
      fail_option(fn, name, os.str());
    }
  };
  nonneg(o.tolerance, "tolerance");
  nonneg(o.step, "step");
  nonneg(o.initial_step, "initial_step");
  nonneg(o.penalty, "penalty");
  nonneg(o.multiplicative_epsilon, "multiplicative_epsilon");
  open01(o.armijo_sigma, "armijo_sigma", false);
  open01(o.armijo_beta, "armijo_beta", false);
  open01(o.multiplicative_beta, "multiplicative_beta", true);
  require_option(o.extrapolation_beta >= 0 && o.extrapolation_beta <= 1, fn, "extrapolation_beta", "must be in [0, 1]",
                 o.extrapolation_beta);
  require_option(o.step_growth >= 1 && std::isfinite(o.step_growth), fn, "step_growth", "must be finite and >= 1",
                 o.step_growth);
  if (o.max_backtracks < 1) fail_option(fn, "max_backtracks", "must be >= 1, got " + std::to_string(o.max_backtracks));
  if (o.step > 0 && o.algorithm != SymNMFAlgorithm::projected_gradient)
    fail_option(fn, "step",
                "a fixed step applies only to SymNMFAlgorithm::projected_gradient, got algorithm " +
                    std::string(to_string(o.algorithm)));
  if (o.allow_negative && o.algorithm == SymNMFAlgorithm::multiplicative)
    fail_option(fn, "allow_negative", "is not supported by SymNMFAlgorithm::multiplicative (needs A >= 0)");
}

/// The solver shared by the dense and sparse entry points. `op` wraps A (DenseSymOp/SparseSymOp).
template <typename Scalar, typename Op>
SymNMFResult<Scalar> symnmf_run(const Op& op, Eigen::Index k, const SymNMFOptions& o, const char* fn,
                                const std::vector<int>* order = nullptr) {
  using Mat = DenseMat<Scalar>;
  using Eigen::Index;
  const Index n = op.rows();
  const SymNMFMatrixStats<Scalar> st = op.stats();
  if (!o.allow_negative)
    require_nonnegative_value(st.min_entry, fn, "A", " (set SymNMFOptions::allow_negative for non-clustering uses)");

  SymNMFResult<Scalar> r;
  r.algorithm = o.algorithm;
  // The start.
  if (o.initial.size() == 0) {
    const double mean_abs = static_cast<double>(st.abs_sum) / (static_cast<double>(n) * static_cast<double>(n));
    r.H = kuang_initial<Scalar>(n, k, mean_abs, o.seed);
  } else {
    if (o.initial.rows() != n || o.initial.cols() != k) {
      std::ostringstream os;
      os << "must be n x k = " << n << "x" << k << ", got " << shape_of(o.initial);
      fail_option(fn, "initial", os.str());
    }
    if (!o.initial.allFinite()) fail_option(fn, "initial", "has NaN or Inf entries");
    if (o.initial.minCoeff() < 0) fail_option(fn, "initial", "must be >= 0 entrywise");
    if (o.initial.maxCoeff() == 0)
      fail_option(fn, "initial", "must not be all zero (H = 0 is a stationary point of the objective)");
    r.H = o.initial.cast<Scalar>();
    if (!r.H.allFinite()) fail_option(fn, "initial", "overflows the scalar type of A");
  }

  // The iteration works on the transposed factor X = H^T (k x n): each node's k-vector is
  // contiguous, which makes the sparse product a gather (see SparseSymOp::multiply_transposed).
  // With a node order (order[new] = old, A renumbered accordingly), node new is column new.
  Mat X(k, n);
  if (order) {
    for (Index i = 0; i < n; ++i) X.col(i) = r.H.row((*order)[static_cast<std::size_t>(i)]).transpose();
  } else {
    X = r.H.transpose();
  }
  Mat AX(k, n), G(k, k), GX(k, n), grad(k, n), Xn(k, n), AXn(k, n), Gn(k, k);
  const Scalar norm2 = st.squared_norm;

  auto evaluate = [&](const Mat& x, Mat& ax, Mat& gx) -> Scalar {
    op.multiply_transposed(x, ax);
    ++r.matrix_products;
    gx.noalias() = x * x.transpose();
    return Scalar(0.5) * norm2 - x.cwiseProduct(ax).sum() + Scalar(0.5) * gx.squaredNorm();
  };
  // grad f = 2 (H H^T H - A H), transposed: 2 (G X - X A).
  auto gradient = [&](const Mat& x, const Mat& ax, const Mat& gx) -> Scalar {
    GX.noalias() = gx * x;
    grad = Scalar(2) * (GX - ax);
    return projected_gradient_norm<Scalar>(x, grad);
  };
  auto clamp0 = [](Scalar v) { return std::max(v, Scalar(0)); };
  auto finish = [&]() {
    if (order) {
      for (Index i = 0; i < n; ++i) r.H.row((*order)[static_cast<std::size_t>(i)]) = X.col(i).transpose();
    } else {
      r.H = X.transpose();
    }
  };

  Scalar f = evaluate(X, AX, G);
  Scalar pg = gradient(X, AX, G);
  r.objective.reserve(static_cast<std::size_t>(std::min<Index>(o.max_iterations, 100000)) + 1);
  r.objective.push_back(clamp0(f));
  r.initial_projected_gradient_norm = pg;
  r.projected_gradient_norm = pg;
  if (!std::isfinite(f) || !std::isfinite(pg)) {
    r.status = Status::numerical_issue;
    return r;
  }
  const Scalar target = static_cast<Scalar>(o.tolerance) * pg;
  if (pg <= target || pg == Scalar(0)) {
    r.status = Status::success;
    return r;
  }

  // Records iteration `it` at the current f and pg; true when the run stops there (converged,
  // a non-finite projected gradient, or the callback asked to).
  auto record = [&](Index it) {
    r.iterations = it;
    r.objective.push_back(clamp0(f));
    r.projected_gradient_norm = pg;
    if (!std::isfinite(pg)) {
      r.status = Status::numerical_issue;
      return true;
    }
    const bool done = pg <= target;
    r.status = done ? Status::success : Status::not_converged;
    const bool go_on = !o.callback || o.callback(it, static_cast<double>(clamp0(f)), static_cast<double>(pg));
    return done || !go_on;
  };

  // Algorithm state.
  const Scalar norm_a = std::sqrt(norm2);
  Scalar alpha =
      o.initial_step > 0 ? static_cast<Scalar>(o.initial_step) : (norm_a > 0 ? Scalar(1) / norm_a : Scalar(1));
  bool first_step = true;
  const Scalar max_abs = std::max(st.max_entry, -st.min_entry);
  const Scalar lambda = o.penalty > 0 ? static_cast<Scalar>(o.penalty) : (max_abs > 0 ? max_abs : Scalar(1));
  const Scalar mu_beta = static_cast<Scalar>(o.multiplicative_beta);
  const Scalar mu_eps = o.multiplicative_epsilon > 0 ? static_cast<Scalar>(o.multiplicative_epsilon)
                                                     : (max_abs > 0 ? std::numeric_limits<Scalar>::epsilon() * max_abs
                                                                    : std::numeric_limits<Scalar>::min());
  if (o.algorithm == SymNMFAlgorithm::hals || o.algorithm == SymNMFAlgorithm::hals_extrapolated) {
    // Fused passes (detail::hals_pass): each reads A and the factors once, in blocks of nodes,
    // and does the product, the Gram matrix, the HALS update and, for H, the objective and the
    // projected gradient together. The pass that measures the new H also updates the next W
    // (wasted only at the very last iteration).
    const bool extrapolate = o.algorithm == SymNMFAlgorithm::hals_extrapolated;
    Mat W = X, Wn(k, n), AW(k, n), Gw(k, k), Gwn(k, k);
    Mat previous, Xhat, AXhat, Ghat;  // extrapolation only
    if (extrapolate) {
      previous = X;
      Xhat.resize(k, n);
      AXhat.resize(k, n);
      Ghat.resize(k, k);
    }
    // Ang & Gillis's schedule: beta grows by 1.05 per successful step up to beta_max, which
    // grows by 1.01 up to 1; a step that increases f is redone without extrapolation and
    // divides beta by 1.5 (beta_max becomes the beta that failed).
    Scalar beta = static_cast<Scalar>(o.extrapolation_beta), beta_max = 1;
    const BlockProduct<Scalar> product_cols = block_product_of<Scalar>(op);
    auto pass = [&](const Mat& y, Mat& ay, bool product, const Mat& gy, const Mat& x_in, Mat& x_out, Mat& gram_out,
                    HalsPassStats<Scalar>* stats, HalsExtrapolation<Scalar>* ex) {
      static_cast<void>(
          dispatch_k<HalsPass<Scalar>>(k, product_cols, y, ay, product, gy, lambda, x_in, x_out, gram_out, stats, ex));
      if (product) ++r.matrix_products;
    };
    auto objective_of = [&](const HalsPassStats<Scalar>& s, const Mat& gram) {
      return Scalar(0.5) * norm2 - s.inner + Scalar(0.5) * gram.squaredNorm();
    };
    pass(X, AX, false, G, W, W, Gw, nullptr, nullptr);  // W given H0 (A H0 and H0^T H0 are known)
    for (Index it = 1; it <= o.max_iterations; ++it) {
      // H given W; with extrapolation also Xhat = max(0, Xn + beta (Xn - previous)).
      HalsExtrapolation<Scalar> ex{&previous, beta, &Xhat, &Ghat};
      pass(W, AW, true, Gw, X, Xn, Gn, nullptr, extrapolate ? &ex : nullptr);
      // f and P grad f at the candidate (Xhat or Xn); the next W given it.
      HalsPassStats<Scalar> stats;
      bool use_hat = extrapolate;
      Scalar fn_value(0);
      if (extrapolate) {
        pass(Xhat, AXhat, true, Ghat, W, Wn, Gwn, &stats, nullptr);
        fn_value = objective_of(stats, Ghat);
        if (fn_value <= f) {
          beta = std::min(beta_max, Scalar(1.05) * beta);
          beta_max = std::min(Scalar(1), Scalar(1.01) * beta_max);
        } else {  // restart from the plain HALS iterate (also when fn_value is NaN)
          use_hat = false;
          beta_max = beta;
          beta /= Scalar(1.5);
        }
      }
      if (!use_hat) {
        pass(Xn, AXn, true, Gn, W, Wn, Gwn, &stats, nullptr);
        fn_value = objective_of(stats, Gn);
      }
      const Scalar pg_new = std::sqrt(stats.projected_squared);
      if (!std::isfinite(fn_value) || !std::isfinite(pg_new)) {
        r.status = Status::numerical_issue;
        break;
      }
      if (use_hat) {
        X.swap(Xhat);
        AX.swap(AXhat);
        G.swap(Ghat);
        previous.swap(Xn);
      } else {
        if (extrapolate) previous = Xn;
        X.swap(Xn);
        AX.swap(AXn);
        G.swap(Gn);
      }
      W.swap(Wn);
      Gw.swap(Gwn);
      f = fn_value;
      pg = pg_new;
      if (record(it)) break;
    }
    finish();
    return r;
  }

  for (Index it = 1; it <= o.max_iterations; ++it) {
    Scalar fn_value = 0;
    bool stop_line_search = false;
    switch (o.algorithm) {
      case SymNMFAlgorithm::projected_gradient: {
        if (o.step > 0) {
          Xn = (X - static_cast<Scalar>(o.step) * grad).cwiseMax(Scalar(0));
          fn_value = evaluate(Xn, AXn, Gn);
        } else {
          if (!first_step) alpha *= static_cast<Scalar>(o.step_growth);
          first_step = false;
          bool accepted = false;
          for (Index b = 0; b < o.max_backtracks; ++b) {
            Xn = (X - alpha * grad).cwiseMax(Scalar(0));
            const Scalar decrease = grad.cwiseProduct(Xn - X).sum();  // <grad, H+ - H> <= 0
            if (!(decrease < 0)) {
              if (!std::isfinite(decrease)) {  // overflow of a huge trial step: shorten it
                alpha *= static_cast<Scalar>(o.armijo_beta);
                continue;
              }
              break;  // the step no longer moves H in floating point
            }
            fn_value = evaluate(Xn, AXn, Gn);
            if (fn_value - f <= static_cast<Scalar>(o.armijo_sigma) * decrease) {
              accepted = true;
              break;
            }
            alpha *= static_cast<Scalar>(o.armijo_beta);
          }
          if (!accepted) stop_line_search = true;
        }
        break;
      }
      case SymNMFAlgorithm::multiplicative: {
        // GX = (H H^T H)^T is current from the last gradient evaluation.
        Xn = X.binaryExpr(AX.binaryExpr(GX, [mu_eps](Scalar num, Scalar den) { return num / std::max(den, mu_eps); }),
                          [mu_beta](Scalar h, Scalar ratio) {
                            return h > Scalar(0) ? h * ((Scalar(1) - mu_beta) + mu_beta * ratio) : Scalar(0);
                          });
        fn_value = evaluate(Xn, AXn, Gn);
        break;
      }
      case SymNMFAlgorithm::hals:  // handled above
      case SymNMFAlgorithm::hals_extrapolated:
        break;
    }
    if (stop_line_search) {
      r.status = Status::not_converged;
      break;
    }
    if (!std::isfinite(fn_value) || !Xn.allFinite()) {
      r.status = Status::numerical_issue;
      break;
    }
    X.swap(Xn);
    AX.swap(AXn);
    G.swap(Gn);
    f = fn_value;
    pg = gradient(X, AX, G);
    if (record(it)) break;
  }
  finish();
  return r;
}

/// The explicit instantiations of the compiled mode: the solver for dense and sparse A, one
/// scalar at a time (the library compiles them in two files).
#define SPECTRAKIT_SYMNMF_INSTANTIATIONS_FOR(prefix, Scalar)                                                \
  prefix SymNMFResult<Scalar> symnmf_run<Scalar, DenseSymOp<Scalar>>(const DenseSymOp<Scalar>&, Eigen::Index, \
                                                                     const SymNMFOptions&, const char*,       \
                                                                     const std::vector<int>*);                \
  prefix SymNMFResult<Scalar> symnmf_run<Scalar, SparseSymOp<Scalar>>(const SparseSymOp<Scalar>&,            \
                                                                      Eigen::Index, const SymNMFOptions&,     \
                                                                      const char*, const std::vector<int>*);
/// Both scalars of SPECTRAKIT_SYMNMF_INSTANTIATIONS_FOR.
#define SPECTRAKIT_SYMNMF_INSTANTIATIONS(prefix)        \
  SPECTRAKIT_SYMNMF_INSTANTIATIONS_FOR(prefix, float) \
  SPECTRAKIT_SYMNMF_INSTANTIATIONS_FOR(prefix, double)
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_SYMNMF_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace detail

/// @brief Symmetric NMF of a dense symmetric matrix: H >= 0 (n x k) minimizing
/// f(H) = 1/2 ||A - H H^T||_F^2.
///
/// The gradient is grad f(H) = 2 (H H^T H - A H); a point is stationary when the projected
/// gradient P grad f(H) (g_ij where h_ij > 0, min(g_ij, 0) where h_ij = 0) vanishes. The run
/// stops when ||P grad f(H)||_F <= tolerance ||P grad f(H0)||_F (Status::success), at
/// max_iterations (Status::not_converged), or when the callback returns false. The problem is
/// non-convex: the result is a stationary point, which depends on the start. For graph
/// clustering (A an affinity matrix), labels() of the result are the clusters (Kuang et al.).
///
/// @param a dense symmetric n x n matrix, entries >= 0 unless options.allow_negative (float or
/// double)
/// @param k the number of columns of H (clusters), 1 <= k <= n
/// @param options algorithm, stopping rule, start, seed, callback (see SymNMFOptions)
/// @return H, the objective history, iterations, status, labels()
/// @throws invalid_input when A is empty, not square, not symmetric, has NaN/Inf or negative
/// entries (argument 'A'), k is outside [1, n] (argument 'k'), or an option is invalid
/// (option 'initial' of the wrong shape, negative, all zero or not finite; 'step' < 0; ...)
/// @par Cost
/// Per iteration O(n^2 k) for dense A (the products A H), plus O(n k^2); memory O(n k).
/// @par Reference
/// D. Kuang, C. Ding, H. Park, "Symmetric nonnegative matrix factorization for graph
/// clustering", SDM 2012; D. Kuang, S. Yun, H. Park, J. Glob. Optim. 62 (2015);
/// Z. Zhu, X. Li, K. Liu, Q. Li, "Dropping symmetry for fast symmetric nonnegative matrix
/// factorization", NeurIPS 2018; C.-J. Lin, Neural Comput. 19 (2007).
template <typename Derived>
[[nodiscard]] SymNMFResult<typename Derived::Scalar> symnmf(const Eigen::MatrixBase<Derived>& a, Eigen::Index k,
                                                            const SymNMFOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  detail::static_check_real_scalar<Scalar>();
  detail::require_symmetric_input(a.derived(), "symnmf");
  detail::require_index_in(k, 1, a.rows(), "symnmf", "k");
  detail::check_symnmf_options(options, "symnmf");
  const detail::DenseSymOp<Scalar> op(a.derived());
  return detail::symnmf_run<Scalar>(op, k, options, "symnmf");
}

/// @brief Symmetric NMF of a sparse symmetric matrix (the graph-clustering case): as the dense
/// overload, with A kept sparse.
///
/// Every product is A X with X n x k, so an iteration costs O(nnz(A) k + n k^2) and memory is
/// O(nnz(A) + n k): no n x n dense matrix is ever formed.
///
/// @param a sparse symmetric n x n matrix (any Eigen sparse expression; both triangles stored),
/// entries >= 0 unless options.allow_negative
/// @param k the number of columns of H, 1 <= k <= n
/// @param options see SymNMFOptions
/// @return as the dense overload
/// @throws invalid_input as the dense overload
/// @par Cost
/// Per iteration O(nnz(A) k + n k^2) flops.
template <typename Derived>
[[nodiscard]] SymNMFResult<typename Derived::Scalar> symnmf(const Eigen::SparseMatrixBase<Derived>& a, Eigen::Index k,
                                                            const SymNMFOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  detail::static_check_real_scalar<Scalar>();
  const detail::SparseHolder<Scalar> holder(a.derived());
  detail::require_symmetric_input(holder.get(), "symnmf");
  detail::require_index_in(k, 1, a.rows(), "symnmf", "k");
  detail::check_symnmf_options(options, "symnmf");
  const Eigen::Index n = a.rows();
  if (options.reorder_nodes && n * k * Eigen::Index(sizeof(Scalar)) >= detail::reorder_threshold_bytes) {
    // Renumber the nodes in breadth-first order so that the gathers of A H read nearby rows.
    const std::vector<int> order = detail::breadth_first_order(holder.get());
    Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> p(n);
    for (Eigen::Index i = 0; i < n; ++i) p.indices()(order[static_cast<std::size_t>(i)]) = int(i);
    detail::SparseMat<Scalar> renumbered = p * holder.get() * p.transpose();
    renumbered.makeCompressed();
    const detail::SparseSymOp<Scalar> op(renumbered);
    return detail::symnmf_run<Scalar>(op, k, options, "symnmf", &order);
  }
  const detail::SparseSymOp<Scalar> op(holder.get());
  return detail::symnmf_run<Scalar>(op, k, options, "symnmf");
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_NMF_SYMNMF_HPP
