/// @file image/finite_difference.hpp
/// @brief The notes' 3-point finite-difference Hessian of an image.
#ifndef SPECTRAKIT_IMAGE_FINITE_DIFFERENCE_HPP
#define SPECTRAKIT_IMAGE_FINITE_DIFFERENCE_HPP

#include <Eigen/Core>

#include "../detail/validate.hpp"
#include "detail/image_arg.hpp"
#include "detail/separable.hpp"
#include "types.hpp"

namespace spectrakit {

/// @brief Which difference finite_difference_image_hessian() uses for the mixed derivative.
enum class MixedDifference {
  /// (I(y+1, x+1) - I(y-1, x+1) - I(y+1, x-1) + I(y-1, x-1)) / 4: centred at the pixel, exact on
  /// quadratics and second-order accurate, like the 3-point xx and yy.
  centered,
  /// I(y+1, x+1) - I(y, x+1) - I(y+1, x) + I(y, x): the notes' formula. It is the mixed derivative
  /// at the half-pixel point (x + 1/2, y + 1/2), not at (x, y): on I = x^2 y it gives 2x + 1
  /// where the derivative is 2x.
  forward,
};

/// @brief Options of finite_difference_image_hessian().
struct FiniteDifferenceOptions {
  /// How the image is extended beyond its border (default BoundaryMode::reflect, for which
  /// xx at the first column is I(y, 1) - I(y, 0): a zero-flux Neumann border).
  BoundaryMode boundary = BoundaryMode::reflect;
  /// The value outside the image for BoundaryMode::constant; finite. Default 0.
  double cval = 0.0;
  /// The mixed-derivative formula (default MixedDifference::centered).
  MixedDifference mixed = MixedDifference::centered;
};

/// @brief The Hessian of an image by the notes' 3-point differences, at every pixel:
///   xx(y, x) = I(y, x+1) - 2 I(y, x) + I(y, x-1),
///   yy(y, x) = I(y+1, x) - 2 I(y, x) + I(y-1, x),
///   xy(y, x) = the centred (default) or the notes' forward mixed difference (MixedDifference),
/// with unit pixel spacing, x the column index and y the row index (the notes write I_{i,j} with
/// i along x). Pixels beyond the border are read through options.boundary.
///
/// These differences are exact on quadratic images but amplify noise (the notes' reason for
/// image_hessian(), which reduces to them as sigma -> 0).
///
/// @param image the image (any dense 2-D Eigen array or matrix expression of float or double)
/// @param options boundary rule, cval, mixed difference
/// @return xx, xy, yy, each of the image's shape
/// @throws invalid_input when the image is empty or has a NaN/Inf, or cval is not finite
/// @par Cost
/// About 10 flops per pixel, one pass.
template <typename Derived>
[[nodiscard]] ImageHessian<typename Derived::Scalar> finite_difference_image_hessian(
    const Eigen::DenseBase<Derived>& image, const FiniteDifferenceOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  const char* fn = "finite_difference_image_hessian";
  const detail::ImageArg<Derived> arg(image, fn, "image");
  detail::require_finite_value(options.cval, fn, "options.cval");
  const Image<Scalar>& in = arg.get();
  detail::SymmetricKernel<Scalar> k0, k1, k2;
  k0.w = {Scalar(1), Scalar(0)};
  k1.w = {Scalar(0), Scalar(-0.5)};  // (f(i+1) - f(i-1)) / 2
  k1.odd = true;
  k2.w = {Scalar(-2), Scalar(1)};
  ImageHessian<Scalar> h;
  detail::separable_hessian(in, k0, k1, k2, k1, options.boundary, Scalar(options.cval), h);
  if (options.mixed == MixedDifference::forward) {
    const Eigen::Index rows = in.rows(), cols = in.cols();
    const Scalar cval = Scalar(options.cval);
    auto at = [&](Eigen::Index y, Eigen::Index x) {
      const Eigen::Index yy = detail::boundary_index(y, rows, options.boundary);
      const Eigen::Index xx = detail::boundary_index(x, cols, options.boundary);
      return (yy < 0 || xx < 0) ? cval : in(yy, xx);
    };
    for (Eigen::Index x = 0; x < cols; ++x)
      for (Eigen::Index y = 0; y < rows; ++y) h.xy(y, x) = at(y + 1, x + 1) - at(y, x + 1) - at(y + 1, x) + in(y, x);
  }
  return h;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_IMAGE_FINITE_DIFFERENCE_HPP
