/// @file image/gaussian_hessian.hpp
/// @brief The Hessian of an image at scale sigma by Gaussian derivative kernels.
#ifndef SPECTRAKIT_IMAGE_GAUSSIAN_HESSIAN_HPP
#define SPECTRAKIT_IMAGE_GAUSSIAN_HESSIAN_HPP

#include <Eigen/Core>

#include "../detail/validate.hpp"
#include "detail/image_arg.hpp"
#include "detail/separable.hpp"
#include "types.hpp"

namespace spectrakit {

/// @brief The Hessian of the image smoothed at scale sigma, by separable convolution with
/// Gaussian derivative kernels.
///
/// With G_sigma the Gaussian of standard deviation sigma (pixels), the entries are
///   xx = I * d^2 G / dx^2,   xy = I * d^2 G / dx dy,   yy = I * d^2 G / dy^2,
/// i.e. the second derivatives of I * G_sigma (linear scale space: differentiating the smoothed
/// image is convolving with the differentiated kernel). Each 2-D kernel is a product of 1-D
/// kernels g0, g1, g2 (smoothing, first and second derivative), sampled on |k| <= radius with
/// radius = max(1, floor(options.truncate * sigma + 1/2)) and discretized as options.kernel says:
/// by default with exact moments, so the Hessian of a quadratic image
/// a x^2 + b x y + c y^2 is exactly (2a, b, 2c) at pixels farther than radius from the border.
/// x is the column index and y the row index; pixels beyond the border are read through
/// options.boundary (reflect by default). With options.scale_normalized the result is multiplied
/// by sigma^2 (Lindeberg's gamma-normalized derivatives, gamma = 1), as Frangi's filter needs.
///
/// `DerivativeKernel::sampled` reproduces `scipy.ndimage.gaussian_filter(I, sigma, order=o,
/// mode=..., truncate=...)` with o = (0, 2), (1, 1), (2, 0) for xx, xy, yy (row-major NumPy
/// image, axis 0 = y).
///
/// @param image the image (any dense 2-D Eigen array or matrix expression of float or double)
/// @param sigma the scale in pixels, > 0
/// @param options boundary rule, cval, truncation, scale normalization, kernel discretization
/// @return xx, xy, yy, each of the image's shape
/// @throws invalid_input when the image is empty or has a NaN/Inf, sigma <= 0 or not finite, or an
/// option is out of range
/// @par Cost
/// One fused sweep: about 6 (radius + 1) multiply-adds per pixel, vectorized, with three padded
/// columns of working memory.
/// @par Reference
/// T. Lindeberg, "Feature detection with automatic scale selection", IJCV 30 (1998);
/// A. F. Frangi et al., "Multiscale vessel enhancement filtering", MICCAI 1998.
template <typename Derived>
[[nodiscard]] ImageHessian<typename Derived::Scalar> image_hessian(const Eigen::DenseBase<Derived>& image, double sigma,
                                                                   const ImageHessianOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  const char* fn = "image_hessian";
  const detail::ImageArg<Derived> arg(image, fn, "image");
  detail::require_scale(sigma, options.truncate, fn, "sigma");
  detail::require_finite_value(options.cval, fn, "options.cval");
  // The normalization factor sigma^2 is in g2s and g1s: one factor of each product kernel.
  const detail::HessianKernels<Scalar> k(sigma, options);
  ImageHessian<Scalar> h;
  detail::separable_hessian(arg.get(), k.g0, k.g1, k.g2s, k.g1s, options.boundary, Scalar(options.cval), h);
  return h;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_IMAGE_GAUSSIAN_HESSIAN_HPP
