/// @file nmf/objective.hpp
/// @brief The symmetric NMF objective f(H) = 1/2 ||A - H H^T||_F^2 and its gradient, for dense
/// and sparse A, without forming the n x n product H H^T.
#ifndef SPECTRAKIT_NMF_OBJECTIVE_HPP
#define SPECTRAKIT_NMF_OBJECTIVE_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <type_traits>

#include "../detail/eval.hpp"
#include "../detail/validate.hpp"
#include "detail/symnmf_ops.hpp"

namespace spectrakit {

namespace detail {

/// The argument checks the objective and the gradient share: one real scalar type, A n x n,
/// non-empty, symmetric and finite (dense A, or the sparse matrix a holder exposes), H n x k finite.
template <typename MatrixA, typename DerivedH>
void check_symnmf_arguments(const MatrixA& a, const Eigen::MatrixBase<DerivedH>& h, const char* function) {
  using Scalar = typename MatrixA::Scalar;
  static_check_real_scalar<Scalar>();
  static_assert(std::is_same<Scalar, typename DerivedH::Scalar>::value,
                "spectrakit::symnmf_objective/symnmf_gradient: A and H must have the same scalar type");
  require_symmetric_input(a, function);
  require_factor_shape(h, a.rows(), function, "H");
}

/// grad f(H) = 2 (H (H^T H) - A H) from H and the product A H.
template <typename Scalar>
DenseMat<Scalar> symnmf_gradient_from_product(const DenseMat<Scalar>& h, const DenseMat<Scalar>& ah) {
  const DenseMat<Scalar> g = h.transpose() * h;
  DenseMat<Scalar> grad = h * g;
  grad -= ah;
  return Scalar(2) * grad;
}

}  // namespace detail

/// @brief The symmetric NMF objective f(H) = 1/2 ||A - H H^T||_F^2 for a dense symmetric A.
///
/// Computed exactly as the sum of squares of A - H H^T, 256 columns at a time, so that the
/// value is accurate down to f = 0 (no cancellation against ||A||_F^2) while the n x n matrix
/// H H^T is never held in memory. H may have negative entries (the objective is defined for
/// every H); A may have negative entries.
///
/// @param a dense symmetric n x n matrix (float or double)
/// @param h n x k factor of the same scalar type, k >= 1
/// @return 1/2 ||A - H H^T||_F^2 (>= 0)
/// @throws invalid_input when A is empty, not square, not symmetric or has NaN/Inf entries
/// (argument 'A'), or when H is not n x k or has NaN/Inf entries (argument 'H')
/// @par Cost
/// 2 n^2 k flops, O(n) extra memory per 256 columns.
/// @par Reference
/// Kuang, Ding & Park, "Symmetric nonnegative matrix factorization for graph clustering",
/// SDM 2012, eq. (1).
template <typename DerivedA, typename DerivedH>
[[nodiscard]] typename DerivedA::Scalar symnmf_objective(const Eigen::MatrixBase<DerivedA>& a,
                                                         const Eigen::MatrixBase<DerivedH>& h) {
  using Scalar = typename DerivedA::Scalar;
  detail::check_symnmf_arguments(a.derived(), h, "symnmf_objective");
  const detail::nested_t<DerivedA> am(a.derived());
  const detail::nested_t<DerivedH> hm(h.derived());
  return detail::symnmf_objective_dense_direct<Scalar>(am, hm);
}

/// @brief The symmetric NMF objective f(H) = 1/2 ||A - H H^T||_F^2 for a sparse symmetric A.
///
/// Uses ||A - H H^T||_F^2 = ||A||_F^2 - 2 tr(H^T A H) + ||H^T H||_F^2, so that only the n x k
/// product A H and the k x k Gram matrix H^T H are formed. The three terms cancel when the fit
/// is close, so the absolute error is about eps ||A||_F^2 (the dense overload is exact to
/// rounding of the residual instead); the result is clamped at 0.
///
/// @param a sparse symmetric n x n matrix (any Eigen sparse expression; float or double)
/// @param h dense n x k factor of the same scalar type, k >= 1
/// @return 1/2 ||A - H H^T||_F^2 (>= 0)
/// @throws invalid_input as the dense overload
/// @par Cost
/// O(nnz(A) k + n k^2) flops, O(n k) memory.
template <typename DerivedA, typename DerivedH>
[[nodiscard]] typename DerivedA::Scalar symnmf_objective(const Eigen::SparseMatrixBase<DerivedA>& a,
                                                         const Eigen::MatrixBase<DerivedH>& h) {
  using Scalar = typename DerivedA::Scalar;
  detail::static_check_real_scalar<Scalar>();
  const detail::SparseHolder<Scalar> holder(a.derived());
  detail::check_symnmf_arguments(holder.get(), h, "symnmf_objective");
  const detail::DenseMat<Scalar> hm = h;
  const detail::DenseMat<Scalar> ah = holder.get() * hm;
  const detail::DenseMat<Scalar> g = hm.transpose() * hm;
  const detail::SparseSymOp<Scalar> op(holder.get());
  const Scalar f = detail::symnmf_objective_from_parts(op.stats().squared_norm, hm, ah, g);
  return std::max(f, Scalar(0));
}

/// @brief The gradient of the symmetric NMF objective, grad f(H) = 2 (H H^T H - A H).
///
/// With f(H) = 1/2 ||A - H H^T||_F^2 and A symmetric, d f = -2 tr((A - H H^T) H dH^T) gives
/// grad f(H) = 2 (H (H^T H) - A H). Evaluated as H times the k x k Gram matrix, never forming
/// H H^T.
///
/// @param a dense symmetric n x n matrix (float or double)
/// @param h n x k factor of the same scalar type
/// @return the n x k gradient
/// @throws invalid_input as symnmf_objective
/// @par Cost
/// 2 n^2 k + 4 n k^2 flops (O(nnz k + n k^2) for the sparse overload).
template <typename DerivedA, typename DerivedH>
[[nodiscard]] Eigen::Matrix<typename DerivedA::Scalar, Eigen::Dynamic, Eigen::Dynamic> symnmf_gradient(
    const Eigen::MatrixBase<DerivedA>& a, const Eigen::MatrixBase<DerivedH>& h) {
  using Scalar = typename DerivedA::Scalar;
  detail::check_symnmf_arguments(a.derived(), h, "symnmf_gradient");
  const detail::DenseMat<Scalar> hm = h;
  return detail::symnmf_gradient_from_product<Scalar>(hm, a * hm);
}

/// @brief The gradient grad f(H) = 2 (H H^T H - A H) for a sparse symmetric A.
/// @param a sparse symmetric n x n matrix (float or double)
/// @param h dense n x k factor of the same scalar type
/// @return the n x k gradient
/// @throws invalid_input as symnmf_objective
/// @par Cost
/// O(nnz(A) k + n k^2) flops.
template <typename DerivedA, typename DerivedH>
[[nodiscard]] Eigen::Matrix<typename DerivedA::Scalar, Eigen::Dynamic, Eigen::Dynamic> symnmf_gradient(
    const Eigen::SparseMatrixBase<DerivedA>& a, const Eigen::MatrixBase<DerivedH>& h) {
  using Scalar = typename DerivedA::Scalar;
  detail::static_check_real_scalar<Scalar>();
  const detail::SparseHolder<Scalar> holder(a.derived());
  detail::check_symnmf_arguments(holder.get(), h, "symnmf_gradient");
  const detail::DenseMat<Scalar> hm = h;
  return detail::symnmf_gradient_from_product<Scalar>(hm, holder.get() * hm);
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_NMF_OBJECTIVE_HPP
