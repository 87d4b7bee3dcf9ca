/// @file image/types.hpp
/// @brief The image types of the image module: Image, ImageHessian, BoundaryMode and the options
/// of the Gaussian-derivative Hessian.
#ifndef SPECTRAKIT_IMAGE_TYPES_HPP
#define SPECTRAKIT_IMAGE_TYPES_HPP

#include <Eigen/Core>

namespace spectrakit {

/// @brief A two-dimensional image: entry (r, c) is the pixel in row r (the y coordinate, growing
/// downwards) and column c (the x coordinate, growing to the right). Column-major, like every
/// Eigen array.
/// @tparam Scalar float or double
template <typename Scalar>
using Image = Eigen::Array<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

/// @brief The three distinct entries of the symmetric 2 x 2 Hessian [[xx, xy], [xy, yy]] at every
/// pixel, each an array of the image's shape.
///
/// x is the column index and y the row index, so `xx` = d^2 I / dx^2 differentiates along a row
/// (across columns) and `yy` = d^2 I / dy^2 along a column. scikit-image's
/// `hessian_matrix(..., order='rc')` returns the same three arrays in the order (yy, xy, xx)
/// (its Hrr, Hrc, Hcc).
/// @tparam Scalar float or double
template <typename Scalar>
struct ImageHessian {
  Image<Scalar> xx;  ///< d^2 I / dx^2 (x = column index).
  Image<Scalar> xy;  ///< d^2 I / dx dy, the mixed derivative.
  Image<Scalar> yy;  ///< d^2 I / dy^2 (y = row index).
};

/// @brief How an image is extended beyond its border, named as in scipy.ndimage and
/// scikit-image. With pixels a b c d:
enum class BoundaryMode {
  reflect,   ///< Half-sample symmetric: (d c b a | a b c d | d c b a); the edge pixel repeats.
  mirror,    ///< Whole-sample symmetric: (d c b | a b c d | c b a); the edge pixel does not repeat.
  nearest,   ///< Replicate the edge pixel: (a a a a | a b c d | d d d d).
  wrap,      ///< Periodic: (a b c d | a b c d | a b c d).
  constant,  ///< A constant value outside the image (`cval` in the options): (k k k k | a b c d | k k k k).
};

/// @brief A readable name of a boundary mode: "reflect", "mirror", "nearest", "wrap", "constant".
/// @param mode the mode to name
/// @return a static string
inline const char* to_string(BoundaryMode mode) noexcept {
  switch (mode) {
    case BoundaryMode::reflect:
      return "reflect";
    case BoundaryMode::mirror:
      return "mirror";
    case BoundaryMode::nearest:
      return "nearest";
    case BoundaryMode::wrap:
      return "wrap";
    case BoundaryMode::constant:
      return "constant";
  }
  return "unknown";
}

/// @brief How the Gaussian derivative kernels are discretized.
enum class DerivativeKernel {
  /// The sampled Gaussian g(k) = exp(-k^2 / 2 sigma^2), |k| <= radius, with its derivative
  /// kernels rescaled so that the discrete moments are exact: the smoothing kernel sums to 1, the
  /// first-derivative kernel maps x to 1 and the second-derivative kernel maps 1 to 0 and x^2 to
  /// 2. Derivatives of polynomials of degree <= 2 are then exact (away from the border) for every
  /// sigma, and sigma -> 0 gives the 3-point differences [1, -2, 1] and [-1/2, 0, 1/2].
  moment_matched,
  /// The sampled Gaussian normalized to sum 1, multiplied by the derivative polynomials
  /// -k / sigma^2 and k^2 / sigma^4 - 1 / sigma^2: the kernels of scipy.ndimage.gaussian_filter
  /// (order = 1, 2), reproduced to rounding. Their moments are off by the truncated tail, about
  /// 1e-3 relative at truncate = 4.
  sampled,
};

/// @brief Options of image_hessian().
struct ImageHessianOptions {
  /// How the image is extended beyond its border. Default BoundaryMode::reflect (scipy.ndimage's
  /// and ITK's choice for derivatives; scikit-image 0.19's `hessian_matrix` defaults to
  /// `constant`).
  BoundaryMode boundary = BoundaryMode::reflect;
  /// The value outside the image for BoundaryMode::constant; finite. Default 0.
  double cval = 0.0;
  /// The kernels are truncated at radius = max(1, floor(truncate * sigma + 1/2)) pixels, as in
  /// scipy.ndimage. Positive and finite, truncate * sigma <= 1e6. Default 4 (the Gaussian's mass
  /// beyond 4 sigma is 6e-5).
  double truncate = 4.0;
  /// Multiply the Hessian by sigma^2 (Lindeberg's scale normalization of second derivatives,
  /// gamma = 1), so that responses at different scales compare. Default false (plain derivatives
  /// of the smoothed image).
  bool scale_normalized = false;
  /// The discretization of the derivative kernels. Default DerivativeKernel::moment_matched.
  DerivativeKernel kernel = DerivativeKernel::moment_matched;
};

}  // namespace spectrakit

#endif  // SPECTRAKIT_IMAGE_TYPES_HPP
