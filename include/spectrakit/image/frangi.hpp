/// @file image/frangi.hpp
/// @brief Frangi's multiscale vesselness filter for 2-D images.
#ifndef SPECTRAKIT_IMAGE_FRANGI_HPP
#define SPECTRAKIT_IMAGE_FRANGI_HPP

#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include "../detail/validate.hpp"
#include "detail/image_arg.hpp"
#include "detail/separable.hpp"
#include "gaussian_hessian.hpp"
#include "types.hpp"

namespace spectrakit {

/// @brief Options of frangi_vesselness().
struct FrangiOptions {
  /// The scales sigma (pixels) at which the vesselness is evaluated; each > 0, at least one.
  /// Default {1, 3, 5, 7, 9}, scikit-image's `range(1, 10, 2)`. Vessels of radius w respond
  /// most near sigma = w / sqrt(3) (a Gaussian bar profile: sigma near its width parameter).
  std::vector<double> sigmas = {1.0, 3.0, 5.0, 7.0, 9.0};
  /// Frangi's beta: the sensitivity to blobs through R_B = lambda1 / lambda2; > 0. Default 0.5.
  double beta = 0.5;
  /// Frangi's c: the sensitivity to contrast through S = sqrt(lambda1^2 + lambda2^2); >= 0. The
  /// default 0 means "half the maximum Hessian norm S over the image at each scale", as Frangi
  /// suggests (scikit-image 0.19 uses a fixed gamma = 15 instead).
  double c = 0.0;
  /// true (the default, as scikit-image): detect dark ridges on a bright background
  /// (lambda2 > 0); false: bright ridges on a dark background (lambda2 < 0).
  bool black_ridges = true;
  /// How the image is extended beyond its border. Default BoundaryMode::reflect.
  BoundaryMode boundary = BoundaryMode::reflect;
  /// The value outside the image for BoundaryMode::constant; finite. Default 0.
  double cval = 0.0;
  /// Kernel truncation, as ImageHessianOptions::truncate. Default 4.
  double truncate = 4.0;
  /// The discretization of the derivative kernels, as ImageHessianOptions::kernel. Default
  /// DerivativeKernel::moment_matched.
  DerivativeKernel kernel = DerivativeKernel::moment_matched;
};

namespace detail {

/// The options Frangi's filters share (2-D and 3-D): a non-empty list of positive finite scales,
/// beta > 0, c >= 0, finite cval, and truncate * sigma within the supported radius.
inline void require_frangi_options(const FrangiOptions& options, const char* function) {
  if (options.sigmas.empty()) fail_option(function, "sigmas", "must not be empty");
  for (std::size_t i = 0; i < options.sigmas.size(); ++i) {
    const double s = options.sigmas[i];
    if (!(s > 0) || !std::isfinite(s)) {
      std::ostringstream os;
      os << "must hold positive finite scales, got sigmas[" << i << "] = " << s;
      fail_option(function, "sigmas", os.str());
    }
    require_scale(s, options.truncate, function, "options.sigmas");
  }
  require_option(options.beta > 0 && std::isfinite(options.beta), function, "beta", "must be positive and finite",
                 options.beta);
  require_option(options.c >= 0 && std::isfinite(options.c), function, "c", "must be >= 0 and finite", options.c);
  require_finite_value(options.cval, function, "options.cval");
}

/// The scale-normalized Hessian options of Frangi's filters.
inline ImageHessianOptions frangi_hessian_options(const FrangiOptions& options) {
  ImageHessianOptions h;
  h.boundary = options.boundary;
  h.cval = options.cval;
  h.truncate = options.truncate;
  h.scale_normalized = true;
  h.kernel = options.kernel;
  return h;
}

}  // namespace detail

/// @brief Frangi's vesselness of a 2-D image: the maximum over the scales of
///   V_sigma = exp(-R_B^2 / (2 beta^2)) (1 - exp(-S^2 / (2 c^2))),  R_B = lambda1 / lambda2,
///   S = sqrt(lambda1^2 + lambda2^2),
/// where |lambda1| <= |lambda2| are the eigenvalues of the scale-normalized Hessian
/// sigma^2 H_sigma (image_hessian() with scale_normalized), and V_sigma = 0 where lambda2 has the
/// wrong sign (lambda2 <= 0 for black ridges, lambda2 >= 0 for bright ones). The response is in
/// [0, 1): near 1 on a tube of the right polarity and width, small on blobs (R_B ~ 1), on flat
/// areas and on faint noise (S << c). With c = 0 each scale uses c = max S / 2 over the image;
/// a scale where the image has no curvature above rounding level (max S <= 100 epsilon max |I|,
/// e.g. a constant image) contributes 0 rather than amplifying rounding noise to O(1) responses.
///
/// Compared with scikit-image 0.19's `frangi(image, sigmas, beta=0.5, gamma=15,
/// black_ridges=True)`: the same formula with c = gamma; scikit-image forms the Hessian by
/// Gaussian smoothing followed by `np.gradient` twice, spectrakit by Gaussian derivative kernels.
///
/// @param image the image (any dense 2-D Eigen array or matrix expression of float or double)
/// @param options scales, beta, c, polarity, boundary rule
/// @return the vesselness, of the image's shape, in [0, 1)
/// @throws invalid_input when the image is empty or has a NaN/Inf, sigmas is empty or has an entry
/// <= 0, beta <= 0, c < 0, or an option is not finite
/// @par Cost
/// Per scale one image_hessian() and about 30 flops and two exponentials per pixel.
/// @par Reference
/// A. F. Frangi, W. J. Niessen, K. L. Vincken, M. A. Viergever, "Multiscale vessel enhancement
/// filtering", MICCAI 1998, LNCS 1496, pp. 130-137, eq. (13)-(15).
template <typename Derived>
[[nodiscard]] Image<typename Derived::Scalar> frangi_vesselness(const Eigen::DenseBase<Derived>& image,
                                                                const FrangiOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  using Array = Image<Scalar>;
  const char* fn = "frangi_vesselness";
  const detail::ImageArg<Derived> arg(image, fn, "image");
  detail::require_frangi_options(options, fn);

  const Array& in = arg.get();
  const ImageHessianOptions hopt = detail::frangi_hessian_options(options);
  // Curvature at or below this level is rounding noise of the filter (sigma^2-normalized kernels
  // have O(1) absolute sums).
  const Scalar noise_floor = Scalar(100) * std::numeric_limits<Scalar>::epsilon() * in.abs().maxCoeff();
  Array best = Array::Zero(in.rows(), in.cols());
  Array l1(in.rows(), in.cols()), l2(in.rows(), in.cols());
  const Scalar half_over_beta2 = Scalar(0.5 / (options.beta * options.beta));
  const Scalar sign = options.black_ridges ? Scalar(1) : Scalar(-1);
  for (const double sigma : options.sigmas) {
    const ImageHessian<Scalar> h = image_hessian(in, sigma, hopt);
    detail::symmetric2x2_eigenvalues_n(h.xx.data(), h.xy.data(), h.yy.data(), l1.data(), l2.data(), in.size());
    const Array s2 = l1.square() + l2.square();
    Scalar c = Scalar(options.c);
    if (c == Scalar(0)) {
      c = std::sqrt(s2.maxCoeff()) / 2;
      if (!(c > noise_floor)) continue;  // no curvature above rounding level at this scale
    }
    const Scalar half_over_c2 = Scalar(0.5) / (c * c);
    // lambda2 of the right sign is nonzero, so the ratio is defined where it is used.
    const auto right_sign = (sign * l2 > Scalar(0));
    const Array rb2 = (l1 / right_sign.select(l2, Array::Ones(in.rows(), in.cols()))).square();
    const Array v = (-half_over_beta2 * rb2).exp() * (-(-half_over_c2 * s2).expm1());
    best = right_sign.select(best.max(v), best);
  }
  return best;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_IMAGE_FRANGI_HPP
