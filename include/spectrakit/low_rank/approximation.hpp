/// @file low_rank/approximation.hpp
/// @brief The best rank-k approximation (Eckart-Young) with its error.
#ifndef SPECTRAKIT_LOW_RANK_APPROXIMATION_HPP
#define SPECTRAKIT_LOW_RANK_APPROXIMATION_HPP

#include <Eigen/Core>
#include <Eigen/SVD>
#include <algorithm>

#include "../detail/config.hpp"
#include "../detail/eval.hpp"
#include "../detail/validate.hpp"

namespace spectrakit {

/// @brief A truncated SVD A_k = U diag(sigma) V^T: the best rank-k approximation of A.
/// @tparam Scalar float or double
template <typename Scalar>
struct LowRankApproximation {
  /// Dense matrix type.
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  /// Dense vector type.
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  Matrix U;                ///< m x k, orthonormal columns: the leading left singular vectors.
  Vector singular_values;  ///< sigma_1 >= ... >= sigma_k, descending.
  Matrix V;                ///< n x k, orthonormal columns: the leading right singular vectors.
  Scalar error_spectral = 0;   ///< ||A - A_k||_2 = sigma_{k+1} (0 when k = min(m, n)).
  Scalar error_frobenius = 0;  ///< ||A - A_k||_F = sqrt(sum_{i>k} sigma_i^2).

  /// @brief The rank (number of kept terms) k.
  [[nodiscard]] Eigen::Index rank() const { return singular_values.size(); }

  /// @brief Numbers to store the factors: k (m + n) (+ k for sigma), the notes' "2nk" for n x n.
  [[nodiscard]] Eigen::Index storage() const { return rank() * (U.rows() + V.rows()); }

  /// @brief The approximation A_k = U diag(sigma) V^T as a dense m x n matrix.
  /// @return A_k (cost 2 m n k flops)
  [[nodiscard]] Matrix matrix() const { return U * singular_values.asDiagonal() * V.transpose(); }
};

namespace detail {

/// low_rank_approximation's core: the thin SVD of a non-empty finite m x n matrix, truncated.
template <typename Scalar>
LowRankApproximation<Scalar> truncated_svd(const Eigen::Ref<const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>>& m,
                                           Eigen::Index k) {
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  const Eigen::Index p = std::min(m.rows(), m.cols());
  const unsigned int thin = Eigen::ComputeThinU | Eigen::ComputeThinV;
  const Eigen::BDCSVD<Matrix> bdc(m, thin);
  // Eigen 3.4's BDCSVD is not backward stable on repeated or strongly graded singular values
  // (its deflation): ||A V - U Sigma|| reached 1e6 eps sigma_1, and so did the errors of A_k and
  // of sigma_{k+1}. Its result is therefore checked, A V = U Sigma and U, V orthonormal to
  // 8 max(m, n) eps sigma_1 (2mnp + 2(m + n)p^2 flops, a fraction of the SVD's), and replaced by
  // JacobiSVD (the one BDCSVD itself uses for small matrices: backward stable, slower) when the
  // check fails. stableNorm: the entries may be near the overflow threshold.
  const Scalar tol = Scalar(8) * Scalar(std::max(m.rows(), m.cols())) * Eigen::NumTraits<Scalar>::epsilon();
  const Scalar s1 = bdc.singularValues()(0);
  const Matrix residual = m * bdc.matrixV() - bdc.matrixU() * bdc.singularValues().asDiagonal();
  const Matrix identity = Matrix::Identity(p, p);
  const bool stable = residual.stableNorm() <= tol * s1 &&
                      (bdc.matrixU().transpose() * bdc.matrixU() - identity).stableNorm() <= tol &&
                      (bdc.matrixV().transpose() * bdc.matrixV() - identity).stableNorm() <= tol;
  Eigen::JacobiSVD<Matrix> jacobi;
  if (!stable) jacobi.compute(m, thin);
  const Matrix& u = stable ? bdc.matrixU() : jacobi.matrixU();
  const Matrix& v = stable ? bdc.matrixV() : jacobi.matrixV();
  const auto& sigma = stable ? bdc.singularValues() : jacobi.singularValues();
  LowRankApproximation<Scalar> result;
  result.U = u.leftCols(k);
  result.V = v.leftCols(k);
  result.singular_values = sigma.head(k);
  result.error_spectral = k < p ? sigma(k) : Scalar(0);
  result.error_frobenius = k < p ? sigma.tail(p - k).stableNorm() : Scalar(0);
  return result;
}

/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_LOW_RANK_INSTANTIATIONS(prefix)                                                         \
  prefix LowRankApproximation<float> truncated_svd<float>(const Eigen::Ref<const Eigen::MatrixXf>&, Eigen::Index); \
  prefix LowRankApproximation<double> truncated_svd<double>(const Eigen::Ref<const Eigen::MatrixXd>&, Eigen::Index);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_LOW_RANK_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace detail

/// @brief The best rank-k approximation A_k of A in the 2-norm and the Frobenius norm.
///
/// Eckart-Young-Mirsky: for every B of rank <= k, ||A - B|| >= ||A - A_k|| in both norms, with
/// ||A - A_k||_2 = sigma_{k+1} and ||A - A_k||_F = sqrt(sum_{i>k} sigma_i^2). A_k is the SVD
/// truncated after k terms, computed with Eigen's `BDCSVD` (thin U and V), checked for backward
/// stability (||A V - U Sigma|| and the orthonormality of U, V to 8 max(m, n) eps sigma_1) and
/// recomputed with `JacobiSVD` when the check fails (Eigen 3.4's BDCSVD loses up to 1e6 eps
/// sigma_1 on repeated or strongly graded singular values).
///
/// @param a any dense Eigen expression (m x n)
/// @param k the rank, 0 <= k <= min(m, n) (k = 0 gives the zero matrix, k = min(m, n) gives A)
/// @return U, sigma, V and the two errors
/// @throws invalid_input when k is out of range or A has a NaN/Inf entry
/// @par Cost
/// One thin SVD, O(mn min(m, n)), plus the check (2mnp + 2(m + n)p^2 flops, p = min(m, n)); a
/// JacobiSVD (several times slower) when the check fails.
/// @par Reference
/// Eckart & Young, Psychometrika 1 (1936); Golub & Van Loan, 4th ed., Theorem 2.4.8.
template <typename Derived>
[[nodiscard]] LowRankApproximation<typename Derived::Scalar> low_rank_approximation(const Eigen::MatrixBase<Derived>& a,
                                                                                     Eigen::Index k) {
  using Scalar = typename Derived::Scalar;
  detail::static_check_real_scalar<Scalar>();
  const Eigen::Index p = std::min(a.rows(), a.cols());
  detail::require_index_in(k, 0, p, "low_rank_approximation", "k");
  const Eigen::Ref<const detail::matrix_of_t<Derived>> m(a.derived());
  detail::require_finite(m, "low_rank_approximation", "A");
  if (p == 0) {
    LowRankApproximation<Scalar> result;
    result.U.resize(a.rows(), 0);
    result.V.resize(a.cols(), 0);
    return result;
  }
  return detail::truncated_svd<Scalar>(m, k);
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_LOW_RANK_APPROXIMATION_HPP
