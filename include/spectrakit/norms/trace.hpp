/// @file norms/trace.hpp
/// @brief The trace, and the trace of a product without forming the product.
#ifndef SPECTRAKIT_NORMS_TRACE_HPP
#define SPECTRAKIT_NORMS_TRACE_HPP

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <string>
#include <type_traits>

#include "../detail/eval.hpp"
#include "../detail/validate.hpp"

namespace spectrakit {
namespace detail {

// sum_ij a(i,j) * b(j,i) over 64x64 tiles, so that the transposed reads of B stay in cache.
template <typename MatA, typename MatB>
typename MatA::Scalar tiled_trace_of_product(const MatA& a, const MatB& b, typename MatA::Scalar scale_a,
                                             typename MatA::Scalar scale_b) {
  using Scalar = typename MatA::Scalar;
  using Eigen::Index;
  constexpr Index tile = 64;
  const Index m = a.rows();
  const Index n = a.cols();
  Scalar total(0);
  for (Index j0 = 0; j0 < n; j0 += tile) {
    const Index nj = std::min(tile, n - j0);
    for (Index i0 = 0; i0 < m; i0 += tile) {
      const Index ni = std::min(tile, m - i0);
      if (scale_a == Scalar(1) && scale_b == Scalar(1)) {
        total += a.block(i0, j0, ni, nj).cwiseProduct(b.block(j0, i0, nj, ni).transpose()).sum();
      } else {
        total += (a.block(i0, j0, ni, nj) * scale_a).cwiseProduct(b.block(j0, i0, nj, ni).transpose() * scale_b).sum();
      }
    }
  }
  return total;
}

}  // namespace detail

/// @brief The trace tr(A) = sum_i a_ii of a square matrix.
///
/// Equal to the sum of the eigenvalues. Only the diagonal is read. If the plain sum overflows
/// although every diagonal entry is finite, it is recomputed scaled by max|a_ii|, so the result
/// is Inf only when the trace itself is out of range.
///
/// @param a a square dense Eigen expression; the 0x0 matrix gives 0
/// @return tr(A)
/// @throws invalid_input when A is not square or has a NaN/Inf diagonal entry (argument 'A')
/// @par Cost
/// n additions.
template <typename Derived>
[[nodiscard]] typename Derived::Scalar trace(const Eigen::MatrixBase<Derived>& a) {
  using Scalar = typename Derived::Scalar;
  detail::static_check_real_scalar<Scalar>();
  detail::require_square(a, "trace", "A");
  if (a.size() == 0) return Scalar(0);
  const detail::nested_t<Derived> m(a.derived());
  const Scalar t = m.diagonal().sum();
  if (std::isfinite(t)) return t;
  detail::require_finite(m.diagonal(), "trace", "A");
  const Scalar scale = m.diagonal().cwiseAbs().maxCoeff();
  return (m.diagonal() / scale).sum() * scale;
}

/// @brief tr(AB) = sum_ij a_ij b_ji without forming the product AB.
///
/// The notes' identity tr(AB) = tr(BA) holds for any A (m x n) and B (n x m); with it
/// tr(ABC) = tr(CAB) = tr(BCA) (cyclic), but in general tr(ABC) != tr(BAC). The sum runs over
/// 64 x 64 tiles so that reading B transposed stays in cache. If it overflows or meets Inf - Inf
/// although every entry is finite, it is recomputed with A and B scaled by their largest
/// entries, so an Inf result means the trace itself is out of range, never a spurious NaN.
///
/// @param a an m x n dense Eigen expression
/// @param b an n x m dense Eigen expression of the same scalar
/// @return tr(AB)
/// @throws invalid_input when the shapes do not fit (argument 'B') or an entry is NaN/Inf
/// @par Cost
/// 2mn flops and one read of each matrix, against 2m^2 n flops to form AB.
template <typename DerivedA, typename DerivedB>
[[nodiscard]] typename DerivedA::Scalar trace_of_product(const Eigen::MatrixBase<DerivedA>& a,
                                                         const Eigen::MatrixBase<DerivedB>& b) {
  using Scalar = typename DerivedA::Scalar;
  static_assert(std::is_same<Scalar, typename DerivedB::Scalar>::value,
                "spectrakit::trace_of_product: A and B must have the same scalar type");
  detail::static_check_real_scalar<Scalar>();
  if (b.rows() != a.cols() || b.cols() != a.rows())
    detail::fail("trace_of_product", "B",
                 "must be " + std::to_string(a.cols()) + "x" + std::to_string(a.rows()) +
                     " to match A (" + detail::shape_of(a) + "), got " + detail::shape_of(b));
  if (a.size() == 0) return Scalar(0);
  const detail::nested_t<DerivedA> ma(a.derived());
  const detail::nested_t<DerivedB> mb(b.derived());
  const Scalar t = detail::tiled_trace_of_product(ma, mb, Scalar(1), Scalar(1));
  if (std::isfinite(t)) return t;
  detail::require_finite(ma, "trace_of_product", "A");
  detail::require_finite(mb, "trace_of_product", "B");
  const Scalar sa = ma.cwiseAbs().maxCoeff();
  const Scalar sb = mb.cwiseAbs().maxCoeff();
  const Scalar scaled = detail::tiled_trace_of_product(ma, mb, Scalar(1) / sa, Scalar(1) / sb);
  // Multiply the smaller scale in first so that an intermediate cannot overflow needlessly.
  return sa >= sb ? (scaled * sb) * sa : (scaled * sa) * sb;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_NORMS_TRACE_HPP
