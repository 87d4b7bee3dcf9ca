/// @file eigen/detail/factorization.hpp
/// @brief Internals: one factorization of A - sigma I (dense LU, sparse LDL^T or LU) with solves,
/// the inertia of a sparse LDL^T, and the dense matrix of a matrix-free operator.
#ifndef SPECTRAKIT_EIGEN_DETAIL_FACTORIZATION_HPP
#define SPECTRAKIT_EIGEN_DETAIL_FACTORIZATION_HPP

#include <Eigen/Core>
#include <Eigen/LU>
#include <Eigen/OrderingMethods>
#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>
#include <Eigen/SparseLU>
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <type_traits>
#include <vector>

#include "../../detail/sparse_spd_solver.hpp"
#include "../operators.hpp"
#include "common.hpp"
#include "../../detail/ordering.hpp"

namespace spectrakit {
namespace detail {
namespace eig {

/// ||M||_1 (max column abs sum) of a dense or sparse matrix.
template <typename Derived>
typename Derived::RealScalar norm1(const Eigen::MatrixBase<Derived>& m) {
  return m.cwiseAbs().colwise().sum().maxCoeff();
}
template <typename Derived>
typename Derived::RealScalar norm1(const Eigen::SparseMatrixBase<Derived>& m) {
  using Real = typename Derived::RealScalar;
  const auto& d = m.derived();
  Eigen::Matrix<Real, Eigen::Dynamic, 1> sums = Eigen::Matrix<Real, Eigen::Dynamic, 1>::Zero(d.cols());
  for (Eigen::Index j = 0; j < d.outerSize(); ++j)
    for (typename Derived::InnerIterator it(d, j); it; ++it) sums(it.col()) += std::abs(it.value());
  return d.cols() == 0 ? Real(0) : sums.maxCoeff();
}

/// The dense matrix of an operator (n products with the unit vectors).
template <typename Op>
Eigen::Matrix<typename Op::Scalar, Eigen::Dynamic, Eigen::Dynamic> dense_of(const Op& op) {
  using Scalar = typename Op::Scalar;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  const Eigen::Index n = op.rows();
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> m(n, n);
  Vector e = Vector::Zero(n), y(n);
  for (Eigen::Index j = 0; j < n; ++j) {
    e(j) = 1;
    op.apply(e, y);
    m.col(j) = y;
    e(j) = 0;
  }
  return m;
}
template <typename M>
Eigen::Matrix<typename M::Scalar, Eigen::Dynamic, Eigen::Dynamic> dense_of(const DenseOp<M>& op) {
  return op.matrix();
}
template <typename M>
Eigen::Matrix<typename M::Scalar, Eigen::Dynamic, Eigen::Dynamic> dense_of(const SparseOp<M>& op) {
  return Eigen::Matrix<typename M::Scalar, Eigen::Dynamic, Eigen::Dynamic>(op.matrix());
}

/// Dense factorization of M - sigma I by LU with partial pivoting.
template <typename Scalar>
class DenseShiftSolver {
 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  /// Factorizes; returns false when the shifted matrix is numerically singular.
  template <typename Derived>
  bool compute(const Eigen::MatrixBase<Derived>& m, Scalar sigma) {
    Matrix s = m;
    s.diagonal().array() -= sigma;
    lu_.compute(s);
    const Scalar rc = lu_.rcond();
    return std::isfinite(rc) && rc > Scalar(4) * std::numeric_limits<Scalar>::epsilon();
  }
  void solve(const Vector& x, Vector& y) const { y = lu_.solve(x); }

 private:
  Eigen::PartialPivLU<Matrix> lu_;
};

/// Sparse factorization of M - sigma I: SparseSymmetricSolver for symmetric M (CHOLMOD's LL^T
/// when the caller knows the shifted matrix is definite and the backend is built in, else
/// SimplicialLDLT with a fill-reducing ordering), SparseLU otherwise. Reports the inertia
/// (negative pivots) of the symmetric factorization.
template <typename Scalar>
class SparseShiftSolver {
 public:
  using SpMat = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  /// Factorizes; returns false on a breakdown (zero pivot, singular). `definite` (symmetric
  /// only): +1 when M - sigma I is expected positive definite, -1 negative definite, 0 unknown;
  /// a definite matrix may take the CHOLMOD backend (see SparseSymmetricSolver), and an
  /// expectation that turns out wrong falls back to the LDL^T, whose inertia tells.
  /// `order` (optional): the fill-reducing order of the symmetric factorization, when the
  /// caller computed it already (for the factor-size prediction).
  bool compute(const SpMat& m, Scalar sigma, bool symmetric, int definite = 0, const std::vector<int>* order = nullptr) {
    const Eigen::Index n = m.rows();
    SpMat s = m;
    if (sigma != Scalar(0)) {
      bool full_diagonal = s.isCompressed();
      for (Eigen::Index j = 0; j < n && full_diagonal; ++j) {
        const int* first = s.innerIndexPtr() + s.outerIndexPtr()[j];
        const int* last = s.innerIndexPtr() + s.outerIndexPtr()[j + 1];
        const int* hit = std::lower_bound(first, last, int(j));
        full_diagonal = hit != last && *hit == int(j);
      }
      if (full_diagonal) {
        s.diagonal() -= Vector::Constant(n, sigma);  // in place, no temporary matrix
      } else {
        SpMat id(n, n);
        id.setIdentity();
        s -= sigma * id;
      }
    }
    s.makeCompressed();
    symmetric_ = symmetric;
    if (symmetric) {
      if (!sym_) sym_ = std::make_unique<Symmetric>();
      if (!sym_->compute(s, definite, order)) return false;
      negative_ = sym_->negative_pivots();
      return sym_->pivot_ratio() > Scalar(n) * std::numeric_limits<Scalar>::epsilon();
    }
    lu_ = std::make_unique<Eigen::SparseLU<SpMat, Eigen::COLAMDOrdering<int>>>();
    lu_->compute(s);
    if (lu_->info() != Eigen::Success) return false;
    return true;
  }
  void solve(const Vector& x, Vector& y) const {
    if (symmetric_) {
      y = x;
      sym_->solve_in_place(y);
    } else {
      y = lu_->solve(x);
    }
  }
  /// Number of negative eigenvalues of M - sigma I (Sylvester's inertia; symmetric only).
  Eigen::Index negative_pivots() const { return negative_; }
  /// Bytes held by the symmetric factorization's factor (0 for the LU).
  std::size_t factor_bytes() const { return symmetric_ && sym_ ? sym_->factor_bytes() : 0; }
  /// The backend of the symmetric factorization: "cholmod" or "eigen".
  const char* backend() const { return symmetric_ && sym_ ? sym_->backend() : "eigen"; }

 private:
  using Symmetric = SparseSymmetricSolver<Scalar, FillReducingOrdering<int>>;
  bool symmetric_ = true;
  Eigen::Index negative_ = 0;
  std::unique_ptr<Symmetric> sym_;
  std::unique_ptr<Eigen::SparseLU<SpMat, Eigen::COLAMDOrdering<int>>> lu_;
};

/// ||A - A^T||_F <= 100 n eps ||A||_F for a sparse matrix.
template <typename SpMat>
bool sparse_is_symmetric(const SpMat& m) {
  using Real = typename SpMat::RealScalar;
  using StorageIndex = typename SpMat::StorageIndex;
  if (m.isCompressed()) {
    // Without temporaries (page faults cost more than the arithmetic): each stored a_ij against
    // a_ji found by binary search in its sorted outer vector.
    const StorageIndex* outer = m.outerIndexPtr();
    const StorageIndex* inner = m.innerIndexPtr();
    const auto* values = m.valuePtr();
    bool sorted = true;
    for (Eigen::Index j = 0; j < m.outerSize() && sorted; ++j)
      for (StorageIndex p = outer[j] + 1; p < outer[j + 1]; ++p)
        if (inner[p - 1] >= inner[p]) {
          sorted = false;
          break;
        }
    if (sorted) {
      Real norm2 = 0, asym2 = 0;
      for (Eigen::Index j = 0; j < m.outerSize(); ++j)
        for (StorageIndex p = outer[j]; p < outer[j + 1]; ++p) {
          const StorageIndex i = inner[p];
          const Real v = values[p];
          norm2 += v * v;
          if (i == StorageIndex(j)) continue;
          const StorageIndex* first = inner + outer[i];
          const StorageIndex* last = inner + outer[i + 1];
          const StorageIndex* hit = std::lower_bound(first, last, StorageIndex(j));
          const Real w = (hit != last && *hit == StorageIndex(j)) ? Real(values[hit - inner]) : Real(0);
          asym2 += (v - w) * (v - w);
        }
      if (norm2 == Real(0)) return true;
      const Real tol = Real(100) * Real(m.rows()) * std::numeric_limits<Real>::epsilon();
      return std::sqrt(asym2) <= tol * std::sqrt(norm2);
    }
  }
  const Real norm = m.norm();
  if (norm == Real(0)) return true;
  const SpMat t = m.transpose();
  const Real asym = (m - t).norm();
  return asym <= Real(100) * Real(m.rows()) * std::numeric_limits<Real>::epsilon() * norm;
}

}  // namespace eig
}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_EIGEN_DETAIL_FACTORIZATION_HPP
