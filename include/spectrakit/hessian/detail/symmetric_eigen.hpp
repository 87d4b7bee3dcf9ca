/// @file hessian/detail/symmetric_eigen.hpp
/// @brief Internal: the symmetric eigen-solver behind the Hessian repairs. All eigenvalues,
/// eigenvectors only for the index ranges asked for, and p = Q diag(w) Q^T g without forming
/// Q diag(w) Q^T.
///
/// Two back ends with one interface:
/// - default (pure Eigen): Householder tridiagonalization (blocked, see tridiagonal.hpp), the
///   eigenvalues by Eigen's implicit symmetric tridiagonal QR, and the eigenvectors asked for
///   by inverse iteration on the tridiagonal matrix, transformed back with Eigen's blocked
///   Householder application (for n <= 48 Eigen's tridiagonal QR gives all eigenvectors).
///   newton_direction never transforms the eigenvectors back: it applies Q to vectors only.
/// - `SPECTRAKIT_USE_LAPACKE` defined (link -llapacke and an optimized LAPACK such as
///   OpenBLAS): LAPACK xSYTRD + xSTERF for the eigenvalues, xSTEVR (MRRR) for the selected
///   eigenvectors of the tridiagonal matrix and xORMTR to transform them back.
#ifndef SPECTRAKIT_HESSIAN_DETAIL_SYMMETRIC_EIGEN_HPP
#define SPECTRAKIT_HESSIAN_DETAIL_SYMMETRIC_EIGEN_HPP

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <limits>
#include <vector>

#include "tridiagonal.hpp"
#include "../../detail/config.hpp"

#ifdef SPECTRAKIT_USE_LAPACKE
#include <lapacke.h>
#endif

namespace spectrakit {
namespace detail {

#ifdef SPECTRAKIT_USE_LAPACKE
// Overloads of the LAPACKE routines for float and double.
inline lapack_int lapacke_sytrd(lapack_int n, double* a, double* d, double* e, double* tau) {
  return LAPACKE_dsytrd(LAPACK_COL_MAJOR, 'L', n, a, n, d, e, tau);
}
inline lapack_int lapacke_sytrd(lapack_int n, float* a, float* d, float* e, float* tau) {
  return LAPACKE_ssytrd(LAPACK_COL_MAJOR, 'L', n, a, n, d, e, tau);
}
inline lapack_int lapacke_sterf(lapack_int n, double* d, double* e) { return LAPACKE_dsterf(n, d, e); }
inline lapack_int lapacke_sterf(lapack_int n, float* d, float* e) { return LAPACKE_ssterf(n, d, e); }
inline lapack_int lapacke_stevr(char range, lapack_int n, double* d, double* e, lapack_int il, lapack_int iu,
                                lapack_int* m, double* w, double* z, lapack_int* isuppz) {
  return LAPACKE_dstevr(LAPACK_COL_MAJOR, 'V', range, n, d, e, 0.0, 0.0, il, iu, 0.0, m, w, z, n, isuppz);
}
inline lapack_int lapacke_stevr(char range, lapack_int n, float* d, float* e, lapack_int il, lapack_int iu,
                                lapack_int* m, float* w, float* z, lapack_int* isuppz) {
  return LAPACKE_sstevr(LAPACK_COL_MAJOR, 'V', range, n, d, e, 0.0f, 0.0f, il, iu, 0.0f, m, w, z, n, isuppz);
}
inline lapack_int lapacke_ormtr(char trans, lapack_int n, lapack_int k, const double* a, const double* tau, double* c) {
  return LAPACKE_dormtr(LAPACK_COL_MAJOR, 'L', 'L', trans, n, k, a, n, tau, c, n);
}
inline lapack_int lapacke_ormtr(char trans, lapack_int n, lapack_int k, const float* a, const float* tau, float* c) {
  return LAPACKE_sormtr(LAPACK_COL_MAJOR, 'L', 'L', trans, n, k, a, n, tau, c, n);
}
#endif

/// Eigen-decomposition of a real symmetric matrix, with the eigenvectors computed on demand.
/// The matrix handed to the constructor must be symmetric (its lower triangle is reduced).
template <typename Scalar>
class SymmetricEigen {
 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  /// Reduces `a` (taken by value: it becomes the workspace) and computes all eigenvalues.
  /// A finite input always succeeds; ok() reports a breakdown of the tridiagonal QR.
  explicit SymmetricEigen(Matrix a) : n_(a.rows()) {
    if (n_ == 0) return;
    scale_ = a.cwiseAbs().maxCoeff();  // callers pass a symmetric matrix
    if (scale_ == Scalar(0)) {         // the zero matrix: Q = I, Lambda = 0
      values_ = Vector::Zero(n_);
      zero_ = true;
      return;
    }
    a /= scale_;  // entries of size 1: no overflow or underflow in the reduction
#ifdef SPECTRAKIT_USE_LAPACKE
    const lapack_int n = static_cast<lapack_int>(n_);
    diag_.resize(n_);
    sub_.resize(n_);
    tau_.resize(n_);
    lapacke_sytrd(n, a.data(), diag_.data(), sub_.data(), tau_.data());
    sub_(n_ - 1) = 0;  // xSYTRD writes n - 1 entries
    tau_(n_ - 1) = 0;
    reduced_ = std::move(a);
    values_ = diag_;
    Vector e = sub_;
    ok_ = lapacke_sterf(n, values_.data(), e.data()) == 0;
#else
    tridiagonalize_blocked(a, diag_, sub_, tau_);
    reduced_ = std::move(a);
    Eigen::SelfAdjointEigenSolver<Matrix> solver;
    solver.computeFromTridiagonal(diag_, sub_.head(n_ - 1), Eigen::EigenvaluesOnly);
    ok_ = solver.info() == Eigen::Success;
    values_ = solver.eigenvalues();
#endif
    values_ *= scale_;
  }

  /// The matrix order n.
  Eigen::Index size() const { return n_; }
  /// False when the tridiagonal QR did not converge (never seen for finite input).
  bool ok() const { return ok_; }
  /// All eigenvalues, ascending.
  const Vector& values() const { return values_; }

  /// Orthonormal eigenvectors for the eigenvalues values()(first), ..., values()(first+count-1).
  Matrix vectors(Eigen::Index first, Eigen::Index count) {
    if (count == 0) return Matrix(n_, 0);
    if (zero_) return Matrix::Identity(n_, n_).middleCols(first, count);
#ifdef SPECTRAKIT_USE_LAPACKE
    const lapack_int n = static_cast<lapack_int>(n_);
    Vector d = diag_, e = sub_, w(n_);
    Matrix z(n_, count);
    std::vector<lapack_int> support(2 * static_cast<std::size_t>(count) + 2);
    lapack_int found = 0;
    lapacke_stevr('I', n, d.data(), e.data(), static_cast<lapack_int>(first + 1),
                  static_cast<lapack_int>(first + count), &found, w.data(), z.data(), support.data());
    lapacke_ormtr('N', n, static_cast<lapack_int>(count), reduced_.data(), tau_.data(), z.data());
    return z;
#else
    if (small()) {
      compute_all();
      return full_.middleCols(first, count);
    }
    Matrix z = tridiagonal_eigenvectors(diag_, sub_, Vector(values_ / scale_), first, count);
    apply_q(z);
    return z;
#endif
  }

  /// Q diag(weights) Q^T g, with the weights in the order of values(); Q is never formed when a
  /// cheaper route exists (the LAPACK back end works on the tridiagonal matrix's eigenvectors).
  Vector apply(const Vector& g, const Vector& weights) {
    if (zero_) return weights.cwiseProduct(g);
#ifdef SPECTRAKIT_USE_LAPACKE
    const lapack_int n = static_cast<lapack_int>(n_);
    Vector d = diag_, e = sub_, w(n_);
    Matrix z(n_, n_);
    std::vector<lapack_int> support(2 * static_cast<std::size_t>(n_));
    lapack_int found = 0;
    lapacke_stevr('A', n, d.data(), e.data(), 0, 0, &found, w.data(), z.data(), support.data());
    Vector b = g;
    lapacke_ormtr('T', n, 1, reduced_.data(), tau_.data(), b.data());
    Vector c = z.transpose() * b;
    c = c.cwiseProduct(weights);
    b.noalias() = z * c;
    lapacke_ormtr('N', n, 1, reduced_.data(), tau_.data(), b.data());
    return b;
#else
    compute_tridiagonal_vectors();
    Vector b = g;
    apply_q_transpose(b);
    Vector c = tri_vectors_.transpose() * b;
    c = c.cwiseProduct(weights);
    b.noalias() = tri_vectors_ * c;
    apply_q(b);
    return b;
#endif
  }

 private:
#ifndef SPECTRAKIT_USE_LAPACKE
  // Small matrices: Eigen's tridiagonal QR with rotations (O(n^3), negligible here); otherwise
  // inverse iteration, O(n) per vector plus reorthogonalization within clusters.
  bool small() const { return n_ <= 48; }

  // z := Q z (transpose = false) or Q^T z, Q = H_0 ... H_{n-2} from the reduction. Eigen's
  // blocked application runs on one thread; with several threads (OpenMP builds) each takes
  // its own band of z's columns, which are independent.
  template <typename Dest>
  void apply_q(Dest& z, bool transpose = false) const {
    if (n_ < 2) return;
    // HouseholderSequence keeps references: both arguments must outlive it.
    const Vector coefficients = tau_.head(n_ - 1);
    Eigen::HouseholderSequence<Matrix, Vector> q(reduced_, coefficients);
    q.setLength(n_ - 1).setShift(1);
    auto apply = [&](auto&& part) {
      if (transpose)
        part.applyOnTheLeft(q.transpose());
      else
        part.applyOnTheLeft(q);
    };
#ifdef _OPENMP
    const int threads = kernel_threads();
    const Eigen::Index cols = z.cols();
    if (threads > 1 && cols >= 64 && n_ >= 256) {
#pragma omp parallel for num_threads(threads) schedule(static, 1)
      for (int t = 0; t < threads; ++t) {
        const Eigen::Index c0 = cols * t / threads, c1 = cols * (t + 1) / threads;
        apply(z.middleCols(c0, c1 - c0));
      }
      return;
    }
#endif
    apply(z);
  }
  template <typename Dest>
  void apply_q_transpose(Dest& z) const {
    apply_q(z, true);
  }

  // All eigenvectors of the tridiagonal matrix.
  void compute_tridiagonal_vectors() {
    if (tri_vectors_.cols() == n_) return;
    if (n_ == 1) {
      tri_vectors_ = Matrix::Ones(1, 1);
      return;
    }
    if (!small()) {
      tri_vectors_ = tridiagonal_eigenvectors(diag_, sub_, Vector(values_ / scale_), 0, n_);
      return;
    }
    Eigen::SelfAdjointEigenSolver<Matrix> solver;
    solver.computeFromTridiagonal(diag_, sub_.head(n_ - 1), Eigen::ComputeEigenvectors);
    ok_ = ok_ && solver.info() == Eigen::Success;
    tri_vectors_ = solver.eigenvectors();
  }

  void compute_all() {
    if (full_.cols() == n_) return;
    compute_tridiagonal_vectors();
    full_ = tri_vectors_;
    apply_q(full_);
  }

  Matrix full_, tri_vectors_;
#endif

  Eigen::Index n_ = 0;
  Scalar scale_ = 1;
  bool zero_ = false;
  bool ok_ = true;
  Vector values_, diag_, sub_, tau_;
  Matrix reduced_;
};

/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_SYMMETRIC_EIGEN_INSTANTIATIONS(prefix) \
  prefix class SymmetricEigen<float>;                    \
  prefix class SymmetricEigen<double>;
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_SYMMETRIC_EIGEN_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_HESSIAN_DETAIL_SYMMETRIC_EIGEN_HPP
