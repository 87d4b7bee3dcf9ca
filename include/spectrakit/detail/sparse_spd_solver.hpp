/// @file detail/sparse_spd_solver.hpp
/// @brief Internals: the one sparse symmetric factorization behind every shift-invert solver
/// (the graph module's Fiedler/embedding solver and the eigen module's smallest/largest
/// eigenpairs). For matrices known to be definite: spectrakit's supernodal multifrontal
/// Cholesky (detail/supernodal_cholesky.hpp), or SuiteSparse CHOLMOD when the library is built
/// with it (`SPECTRAKIT_USE_CHOLMOD=1`, double only); otherwise Eigen's SimplicialLDLT, which
/// also reports the inertia of an indefinite matrix.
#ifndef SPECTRAKIT_DETAIL_SPARSE_SPD_SOLVER_HPP
#define SPECTRAKIT_DETAIL_SPARSE_SPD_SOLVER_HPP

#include <Eigen/Core>
#include <Eigen/OrderingMethods>
#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <type_traits>
#include <vector>

#include "config.hpp"
#include "ordering.hpp"
#include "supernodal_cholesky.hpp"

#if !defined(SPECTRAKIT_USE_CHOLMOD)
#define SPECTRAKIT_USE_CHOLMOD 0
#endif
#if SPECTRAKIT_USE_CHOLMOD
#include <cholmod.h>
#endif

namespace spectrakit {
namespace detail {

/// True when sparse definite factorizations of `Scalar` matrices go through CHOLMOD (the
/// library is built with SPECTRAKIT_USE_CHOLMOD and CHOLMOD supports the scalar: double only
/// in SuiteSparse 5).
template <typename Scalar>
inline constexpr bool cholmod_backend_v = SPECTRAKIT_USE_CHOLMOD != 0 && std::is_same<Scalar, double>::value;

/// The name of the backend that factorizes sparse definite `Scalar` matrices: "cholmod" or
/// "supernodal".
template <typename Scalar = double>
constexpr const char* sparse_backend_name() {
  return cholmod_backend_v<Scalar> ? "cholmod" : "supernodal";
}

#if SPECTRAKIT_USE_CHOLMOD
/// CHOLMOD's workspace, its factor and the reusable solve buffers (one set per block width, so
/// that alternating widths never reallocate). Owned through a unique_ptr: not copyable.
struct CholmodState {
  static constexpr int widths = 4;
  cholmod_common common;
  cholmod_factor* factor = nullptr;
  cholmod_dense* x[widths] = {};
  cholmod_dense* y[widths] = {};
  cholmod_dense* e[widths] = {};

  CholmodState() {
    cholmod_start(&common);
    common.print = 0;  // failures are reported through the return values, never printed
    common.error_handler = nullptr;
  }
  CholmodState(const CholmodState&) = delete;
  CholmodState& operator=(const CholmodState&) = delete;
  ~CholmodState() {
    release_factor();
    cholmod_finish(&common);
  }
  void release_factor() {
    for (int k = 0; k < widths; ++k) {
      if (x[k]) cholmod_free_dense(&x[k], &common);
      if (y[k]) cholmod_free_dense(&y[k], &common);
      if (e[k]) cholmod_free_dense(&e[k], &common);
    }
    if (factor) cholmod_free_factor(&factor, &common);
  }
};
#endif

/// One Cholesky factorization of a sparse symmetric matrix known to be definite, and block
/// solves with it: the LL^T of definite * S in a fill-reducing order (fill_reducing_order():
/// nested dissection for large low-degree graphs, AMD otherwise) by spectrakit's
/// SupernodalCholesky, or CHOLMOD's supernodal factorization converted to a simplicial factor when
/// the library is built with CHOLMOD and Scalar is double. compute() returns false when S is not
/// definite after all; nothing of Eigen's LDL^T is compiled in (SparseSymmetricSolver adds it).
/// Solves never allocate after the first of a given block width.
template <typename Scalar>
class DefiniteSparseSolver {
 public:
  using SpMat = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Permutation = Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int>;

  DefiniteSparseSolver() = default;

  /// Factorizes definite * S (definite = +1 or -1; S compressed, n >= 1, both triangles stored:
  /// the ordering reads the whole pattern, the factorization the lower triangle). Returns false,
  /// leaving the object empty, when definite * S is not positive definite, S is empty or not
  /// compressed, or CHOLMOD fails.
  /// `order` (optional): the elimination order to use, as fill_reducing_order(s) gives it
  /// (computed here when null or empty; the CHOLMOD backend chooses its own).
  bool compute(const SpMat& s, int definite, const std::vector<int>* order = nullptr) {
    n_ = s.rows();
    sign_ = definite < 0 ? -1 : 1;
    ok_ = false;
    supernodal_.reset();
    if (definite == 0 || n_ == 0 || !s.isCompressed()) return false;
#if SPECTRAKIT_USE_CHOLMOD
    if constexpr (cholmod_backend_v<Scalar>) {
      ok_ = cholmod_compute(s, definite);
      return ok_;
    }
#endif
    supernodal_ = std::make_unique<SupernodalCholesky<Scalar>>();
    const bool given = order && Eigen::Index(order->size()) == n_;
    if (!supernodal_->compute(s, given ? *order : fill_reducing_order(s), Scalar(sign_))) {
      supernodal_.reset();
      return false;
    }
    perm_ = supernodal_->permutation();
    ok_ = true;
    return true;
  }

  /// True after a successful compute().
  bool factorized() const { return ok_; }

  /// Bytes held by the factor (values and row indices; 0 before a successful compute()).
  std::size_t factor_bytes() const {
    if (!ok_) return 0;
#if SPECTRAKIT_USE_CHOLMOD
    if constexpr (cholmod_backend_v<Scalar>) {
      const cholmod_factor* f = cholmod_->factor;
      return f ? std::size_t(f->nzmax) * (sizeof(double) + sizeof(int)) : 0;
    }
#endif
    return supernodal_ ? supernodal_->storage_bytes() : 0;
  }

  /// "cholmod" or "supernodal": the backend that produced the factorization.
  const char* backend() const { return cholmod_backend_v<Scalar> ? "cholmod" : "supernodal"; }

  /// Number of negative eigenvalues of S: 0, or n for a negative definite S.
  Eigen::Index negative_pivots() const { return sign_ > 0 ? 0 : n_; }

  /// min over j of L(j, j)^2 / max over j of L(j, j)^2.
  Scalar pivot_ratio() const {
#if SPECTRAKIT_USE_CHOLMOD
    if constexpr (cholmod_backend_v<Scalar>) return pivot_ratio_;
#endif
    return supernodal_ ? supernodal_->pivot_ratio() : Scalar(1);
  }

  /// The fill-reducing permutation P: the factor is that of P S P^T; P x is x in the
  /// factorization's coordinates.
  const Permutation& permutation() const { return perm_; }

  /// Solves (P S P^T) Y = X for a block X (n x k, contiguous columns), Y overwriting X: the
  /// solve in the factorization's coordinates, with no permutation.
  void solve_permuted_in_place(Eigen::Ref<Matrix> x) {
#if SPECTRAKIT_USE_CHOLMOD
    if constexpr (cholmod_backend_v<Scalar>) {
      cholmod_solve_block(x, CHOLMOD_LDLt);
      return;
    }
#endif
    supernodal_->solve_in_place(x);
    if (sign_ < 0) x = -x;
  }

  /// Solves S Y = X in the original coordinates, Y overwriting X (n x k, contiguous columns).
  void solve_in_place(Eigen::Ref<Matrix> x) {
#if SPECTRAKIT_USE_CHOLMOD
    if constexpr (cholmod_backend_v<Scalar>) {
      cholmod_solve_block(x, CHOLMOD_A);
      return;
    }
#endif
    work_.noalias() = perm_ * x;
    solve_permuted_in_place(work_);
    x.noalias() = perm_.transpose() * work_;
  }

 private:
#if SPECTRAKIT_USE_CHOLMOD
  /// LL^T of definite * S by CHOLMOD; false when S is not definite or CHOLMOD fails.
  bool cholmod_compute(const SpMat& s, int definite) {
    if constexpr (!cholmod_backend_v<Scalar>) {  // CHOLMOD is double only; the explicit
      static_cast<void>(s), static_cast<void>(definite);
      return false;  // float instantiation of the compiled mode never calls it
    } else {
      if (!s.isCompressed()) return false;
      if (!cholmod_) cholmod_ = std::make_unique<CholmodState>();
      CholmodState& st = *cholmod_;
      st.release_factor();
      cholmod_common& c = st.common;
      cholmod_sparse a{};
      a.nrow = a.ncol = static_cast<std::size_t>(n_);
      a.nzmax = static_cast<std::size_t>(s.nonZeros());
      a.p = const_cast<int*>(s.outerIndexPtr());
      a.i = const_cast<int*>(s.innerIndexPtr());
      a.x = const_cast<double*>(s.valuePtr());  // the analysis reads the pattern only
      a.stype = -1;  // symmetric, lower triangle used
      a.itype = CHOLMOD_INT;
      a.xtype = CHOLMOD_REAL;
      a.dtype = CHOLMOD_DOUBLE;
      a.sorted = 1;
      a.packed = 1;
      c.nmethods = 1;
      c.postorder = 1;
      if (prefer_nested_dissection(n_, s.nonZeros())) {
        const std::vector<int> order = nested_dissection_order<int>(n_, s.outerIndexPtr(), s.innerIndexPtr());
        c.method[0].ordering = CHOLMOD_GIVEN;
        st.factor = cholmod_analyze_p(&a, const_cast<int*>(order.data()), nullptr, 0, &c);
      } else {
        c.method[0].ordering = CHOLMOD_AMD;
        st.factor = cholmod_analyze(&a, &c);
      }
      if (!st.factor || c.status < CHOLMOD_OK) return release(st);
      if (definite < 0) {
        negated_.assign(s.valuePtr(), s.valuePtr() + s.nonZeros());
        for (double& v : negated_) v = -v;
        a.x = negated_.data();
      }
      const int ok = cholmod_factorize(&a, st.factor, &c);
      negated_.clear();
      negated_.shrink_to_fit();
      if (!ok || c.status != CHOLMOD_OK || st.factor->minor < st.factor->n) return release(st);
      // A supernodal LL^T is converted to a simplicial one: its solves beat the supernodal ones
      // for the few right-hand sides of an eigen-solver (the conversion costs about one solve).
      // (Small matrices get CHOLMOD's simplicial LDL^T directly; it is kept as it is.)
      if (st.factor->is_super &&
          (!cholmod_change_factor(CHOLMOD_REAL, 1, 0, 1, 1, st.factor, &c) || c.status != CHOLMOD_OK))
        return release(st);
      const bool ll = st.factor->is_ll != 0;
      const int* lp = static_cast<const int*>(st.factor->p);
      const double* lx = static_cast<const double*>(st.factor->x);
      double lo = std::numeric_limits<double>::infinity(), hi = 0;
      for (Eigen::Index j = 0; j < n_; ++j) {
        const double l = lx[lp[j]];  // L(j, j) of an LL^T, D(j) of an LDL^T
        const double d = ll ? l * l : l;
        if (!(d > 0) || !std::isfinite(d)) return release(st);  // not definite after all
        lo = std::min(lo, d);
        hi = std::max(hi, d);
      }
      pivot_ratio_ = lo / hi;
      const int* p = static_cast<const int*>(st.factor->Perm);
      perm_.resize(n_);
      for (Eigen::Index k = 0; k < n_; ++k) perm_.indices()(p[k]) = static_cast<int>(k);
      return true;
    }
  }

  bool release(CholmodState& st) {
    st.release_factor();
    negated_.clear();
    return false;
  }

  /// X := (sign * S)^{-1} X (system `sys`: CHOLMOD_A in original coordinates, CHOLMOD_LDLt
  /// in the permuted ones), through CHOLMOD's reusable workspace.
  void cholmod_solve_block(Eigen::Ref<Matrix> x, int sys) {
    if constexpr (!cholmod_backend_v<Scalar>) {  // CHOLMOD is double only; the explicit
      static_cast<void>(x), static_cast<void>(sys);
      return;  // float instantiation of the compiled mode never calls it
    } else {
      CholmodState& st = *cholmod_;
      const Eigen::Index k = x.cols();
      if (k == 0) return;
      eigen_assert(x.outerStride() == x.rows() || k == 1);
      cholmod_dense b{};
      b.nrow = static_cast<std::size_t>(x.rows());
      b.ncol = static_cast<std::size_t>(k);
      b.d = static_cast<std::size_t>(k == 1 ? x.rows() : x.outerStride());
      b.nzmax = b.d * b.ncol;
      b.x = x.data();
      b.xtype = CHOLMOD_REAL;
      b.dtype = CHOLMOD_DOUBLE;
      const int slot = static_cast<int>(std::min<Eigen::Index>(k, CholmodState::widths) - 1);
      if (!cholmod_solve2(sys, st.factor, &b, nullptr, &st.x[slot], nullptr, &st.y[slot], &st.e[slot], &st.common)) {
        x.setConstant(std::numeric_limits<double>::quiet_NaN());  // out of memory: a visible breakdown
        return;
      }
      const Eigen::Map<const Matrix> y(static_cast<const double*>(st.x[slot]->x), x.rows(), k);
      if (sign_ > 0) x = y;
      else x = -y;
    }
  }

  std::unique_ptr<CholmodState> cholmod_;
  std::vector<double> negated_;
  Scalar pivot_ratio_ = 1;
#endif

  Eigen::Index n_ = 0;
  int sign_ = 1;
  bool ok_ = false;
  std::unique_ptr<SupernodalCholesky<Scalar>> supernodal_;
  Permutation perm_;
  Matrix work_;
};

/// One factorization of a sparse symmetric matrix S and block solves with it.
///
/// compute(s, definite): `definite` = +1 (S is expected positive definite), -1 (negative
/// definite) or 0 (unknown). With definite != 0, DefiniteSparseSolver's Cholesky of
/// definite * S. If S turns out not definite, or definite == 0: Eigen's SimplicialLDLT (ordering
/// `EigenOrdering`), whose pivots give the inertia. Solves never allocate after the first of a
/// given block width.
template <typename Scalar, typename EigenOrdering = FillReducingOrdering<int>>
class SparseSymmetricSolver {
 public:
  using SpMat = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using Permutation = Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int>;

  SparseSymmetricSolver() = default;

  /// Factorizes S (compressed, both triangles stored). Returns false on a breakdown (Eigen's
  /// LDL^T failed or produced a non-finite pivot).
  /// `order` (optional) as for DefiniteSparseSolver::compute().
  bool compute(const SpMat& s, int definite, const std::vector<int>* order = nullptr) {
    negative_ = 0;
    ldlt_.reset();
    if (definite_.compute(s, definite, order)) return true;
    ldlt_ = std::make_unique<Ldlt>();
    ldlt_->compute(s);
    if (ldlt_->info() != Eigen::Success) return false;
    const auto& d = ldlt_->vectorD();
    if (!d.allFinite()) return false;
    for (Eigen::Index i = 0; i < d.size(); ++i)
      if (d(i) < 0) ++negative_;
    inv_d_ = d.cwiseInverse();
    perm_ = ldlt_->permutationP();
    if (perm_.size() != s.rows()) perm_.setIdentity(s.rows());
    return true;
  }

  /// "cholmod", "supernodal" or "eigen": the backend that produced the current factorization.
  const char* backend() const { return definite_.factorized() ? definite_.backend() : "eigen"; }

  /// Bytes held by the factor (values and indices).
  std::size_t factor_bytes() const {
    if (definite_.factorized()) return definite_.factor_bytes();
    return ldlt_ ? std::size_t(ldlt_->matrixL().nestedExpression().nonZeros()) * (sizeof(Scalar) + sizeof(int)) : 0;
  }

  /// Number of negative eigenvalues of S (Sylvester's law of inertia).
  Eigen::Index negative_pivots() const { return definite_.factorized() ? definite_.negative_pivots() : negative_; }

  /// min |pivot| / max |pivot| (pivots of the LDL^T, or the squared diagonal of L in LL^T): a
  /// value of order n eps means S is numerically singular.
  Scalar pivot_ratio() const {
    if (definite_.factorized()) return definite_.pivot_ratio();
    const Vector ad = inv_d_.cwiseInverse().cwiseAbs();
    return ad.size() == 0 ? Scalar(1) : ad.minCoeff() / ad.maxCoeff();
  }

  /// The fill-reducing permutation P: the factor is that of P S P^T.
  const Permutation& permutation() const { return definite_.factorized() ? definite_.permutation() : perm_; }

  /// Solves (P S P^T) Y = X for a block X (n x k, contiguous columns), Y overwriting X.
  void solve_permuted_in_place(Eigen::Ref<Matrix> x) {
    if (definite_.factorized()) {
      definite_.solve_permuted_in_place(x);
      return;
    }
    ldlt_->matrixL().solveInPlace(x);
    x.array().colwise() *= inv_d_.array();
    ldlt_->matrixU().solveInPlace(x);
  }

  /// Solves S Y = X in the original coordinates, Y overwriting X (n x k, contiguous columns).
  void solve_in_place(Eigen::Ref<Matrix> x) {
    if (definite_.factorized()) {
      definite_.solve_in_place(x);
      return;
    }
    work_.noalias() = perm_ * x;
    solve_permuted_in_place(work_);
    x.noalias() = perm_.transpose() * work_;
  }

 private:
  using Ldlt = Eigen::SimplicialLDLT<SpMat, Eigen::Lower, EigenOrdering>;

  DefiniteSparseSolver<Scalar> definite_;
  Eigen::Index negative_ = 0;
  std::unique_ptr<Ldlt> ldlt_;
  Vector inv_d_;
  Permutation perm_;
  Matrix work_;
};

/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_SPARSE_SOLVER_INSTANTIATIONS(prefix) \
  prefix class DefiniteSparseSolver<float>;             \
  prefix class DefiniteSparseSolver<double>;            \
  prefix class SparseSymmetricSolver<float>;            \
  prefix class SparseSymmetricSolver<double>;
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_SPARSE_SOLVER_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_DETAIL_SPARSE_SPD_SOLVER_HPP
