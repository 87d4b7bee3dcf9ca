/// @file image/hessian_eigenvalues.hpp
/// @brief The two eigenvalues of the image Hessian at every pixel, in closed form.
#ifndef SPECTRAKIT_IMAGE_HESSIAN_EIGENVALUES_HPP
#define SPECTRAKIT_IMAGE_HESSIAN_EIGENVALUES_HPP

#include <Eigen/Core>

#include "../detail/validate.hpp"
#include "detail/image_arg.hpp"
#include "types.hpp"

namespace spectrakit {

/// @brief The eigenvalues of the 2 x 2 Hessian at every pixel, ordered by magnitude.
/// @tparam Scalar float or double
template <typename Scalar>
struct HessianEigenvalues {
  Image<Scalar> lambda1;  ///< The eigenvalue of smaller magnitude, |lambda1| <= |lambda2|.
  Image<Scalar> lambda2;  ///< The eigenvalue of larger magnitude.
};

/// @brief The eigenvalues lambda1, lambda2 of [[xx, xy], [xy, yy]] at every pixel, with
/// |lambda1| <= |lambda2| (Frangi's order).
///
/// Closed form, no per-pixel solver: with m = (xx + yy)/2 and r = sqrt(((xx - yy)/2)^2 + xy^2),
/// lambda2 = m + sign(m) r (no cancellation) and lambda1 = det / lambda2 with
/// det = xx yy - xy^2 formed without cancellation (exact products for float, FMA for double when
/// the compiler targets it): both are accurate to a few ulps of their own size.
/// Reading: on a bright line lambda2 << 0 and lambda1 ~ 0 (a dark line: lambda2 >> 0); on a bright
/// blob lambda1 ~ lambda2 < 0; on a flat area both ~ 0; lambda1 lambda2 < 0 at a saddle.
///
/// @param h a Hessian from image_hessian() or finite_difference_image_hessian()
/// @return lambda1 and lambda2, each of the image's shape
/// @throws invalid_input when h.xx is empty, h.xy or h.yy has another shape, or an entry is NaN/Inf
/// @par Cost
/// About 15 flops and one square root per pixel.
template <typename Scalar>
[[nodiscard]] HessianEigenvalues<Scalar> hessian_eigenvalues(const ImageHessian<Scalar>& h) {
  detail::static_check_real_scalar<Scalar>();
  const char* fn = "hessian_eigenvalues";
  detail::require_not_empty(h.xx, fn, "h.xx");
  detail::require_same_shape(h.xy, h.xx, fn, "h.xy", "h.xx");
  detail::require_same_shape(h.yy, h.xx, fn, "h.yy", "h.xx");
  detail::require_finite(h.xx, fn, "h.xx");
  detail::require_finite(h.xy, fn, "h.xy");
  detail::require_finite(h.yy, fn, "h.yy");
  HessianEigenvalues<Scalar> e;
  e.lambda1.resize(h.xx.rows(), h.xx.cols());
  e.lambda2.resize(h.xx.rows(), h.xx.cols());
  detail::symmetric2x2_eigenvalues_n(h.xx.data(), h.xy.data(), h.yy.data(), e.lambda1.data(), e.lambda2.data(),
                                     h.xx.size());
  return e;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_IMAGE_HESSIAN_EIGENVALUES_HPP
