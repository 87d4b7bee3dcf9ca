/// @file image/hessian_3d.hpp
/// @brief The Hessian of a volume at scale sigma by Gaussian derivative kernels, and its three
/// eigenvalues per voxel in closed form.
#ifndef SPECTRAKIT_IMAGE_HESSIAN_3D_HPP
#define SPECTRAKIT_IMAGE_HESSIAN_3D_HPP

#include <Eigen/Core>
#include <array>
#include <sstream>
#include <utility>

#include "../detail/validate.hpp"
#include "detail/image_arg.hpp"
#include "detail/separable.hpp"
#include "detail/separable_3d.hpp"
#include "detail/symmetric3x3.hpp"
#include "types.hpp"
#include "volume.hpp"

namespace spectrakit {

/// @brief The Hessian of a volume smoothed at scale sigma, by separable convolution with
/// Gaussian derivative kernels: the 3-D counterpart of image_hessian().
///
/// With G_sigma(x, y, z) = g(x) g(y) g(z) the Gaussian of standard deviation sigma (voxels),
///   xx = V * g2(x) g0(y) g0(z),  xy = V * g1(x) g1(y) g0(z),  xz = V * g1(x) g0(y) g1(z),
///   yy = V * g0(x) g2(y) g0(z),  yz = V * g0(x) g1(y) g1(z),  zz = V * g0(x) g0(y) g2(z),
/// the second derivatives of V * G_sigma, with the same 1-D kernels g0, g1, g2 as image_hessian()
/// (radius max(1, floor(truncate sigma + 1/2)), discretized as options.kernel says: by default
/// with exact moments, so the Hessian of a quadratic polynomial volume is exact at voxels
/// farther than the radius from the border). Voxels beyond the border are read through
/// options.boundary (reflect by default; constant: the volume extended by cval). With
/// options.scale_normalized the result is multiplied by sigma^2.
///
/// `DerivativeKernel::sampled` reproduces `scipy.ndimage.gaussian_filter(V, sigma, order=o)` on
/// the NumPy array V[z, y, x] with o = (0, 0, 2) for xx, (0, 1, 1) for xy, ..., (2, 0, 0) for zz.
///
/// @param volume the volume (see Volume for the layout)
/// @param sigma the scale in voxels, > 0
/// @param options boundary rule, cval, truncation, scale normalization, kernel discretization
/// @return the six components, each of the volume's shape
/// @throws invalid_input when the volume is empty or has a NaN/Inf, sigma <= 0 or not finite, or
/// an option is out of range
/// @par Cost
/// One sweep over the z-slices: about 20 radius additions and multiply-adds per voxel, vectorized, with
/// three slices of working memory besides the output.
/// @par Reference
/// T. Lindeberg, "Feature detection with automatic scale selection", IJCV 30 (1998).
template <typename Scalar>
[[nodiscard]] ImageHessian3D<Scalar> image_hessian_3d(const VolumeView<Scalar>& volume, double sigma,
                                                      const ImageHessianOptions& options = {}) {
  const char* fn = "image_hessian_3d";
  detail::require_volume(volume, fn, "volume");
  detail::require_scale(sigma, options.truncate, fn, "sigma");
  detail::require_finite_value(options.cval, fn, "options.cval");
  const Eigen::Index nx = volume.nx(), ny = volume.ny(), nz = volume.nz(), n = nx * ny;
  using Array = typename Volume<Scalar>::Array;
  ImageHessian3D<Scalar> h{
      Volume<Scalar>(nx, ny, nz, Array(volume.size())), Volume<Scalar>(nx, ny, nz, Array(volume.size())),
      Volume<Scalar>(nx, ny, nz, Array(volume.size())), Volume<Scalar>(nx, ny, nz, Array(volume.size())),
      Volume<Scalar>(nx, ny, nz, Array(volume.size())), Volume<Scalar>(nx, ny, nz, Array(volume.size()))};
  const detail::HessianKernels<Scalar> kernels(sigma, options);
  detail::separable_hessian_3d(
      volume, kernels, options.boundary, Scalar(options.cval),
      [&](Eigen::Index z) {
        return std::array<Scalar*, 6>{h.xx.data() + z * n, h.xy.data() + z * n, h.xz.data() + z * n,
                                      h.yy.data() + z * n, h.yz.data() + z * n, h.zz.data() + z * n};
      },
      [](Eigen::Index) {});
  return h;
}

/// @brief image_hessian_3d() of a Volume.
/// @param volume the volume
/// @param sigma the scale in voxels, > 0
/// @param options boundary rule, cval, truncation, scale normalization, kernel discretization
/// @return the six components, each of the volume's shape
/// @throws invalid_input as image_hessian_3d(const VolumeView<Scalar>&, double, const ImageHessianOptions&)
template <typename Scalar>
[[nodiscard]] ImageHessian3D<Scalar> image_hessian_3d(const Volume<Scalar>& volume, double sigma,
                                                      const ImageHessianOptions& options = {}) {
  return image_hessian_3d(volume.view(), sigma, options);
}

/// @brief The eigenvalues of the 3 x 3 Hessian at every voxel, ordered by magnitude.
/// @tparam Scalar float or double
template <typename Scalar>
struct HessianEigenvalues3D {
  Volume<Scalar> lambda1;  ///< The eigenvalue of smallest magnitude.
  Volume<Scalar> lambda2;  ///< The middle one, |lambda1| <= |lambda2| <= |lambda3|.
  Volume<Scalar> lambda3;  ///< The eigenvalue of largest magnitude.
};

/// @brief The eigenvalues lambda1, lambda2, lambda3 of the symmetric 3 x 3 Hessian at every voxel,
/// with |lambda1| <= |lambda2| <= |lambda3| (Frangi's order).
///
/// Closed form, no per-voxel iteration (Smith 1961): with q = trace / 3 and
/// p = sqrt(tr((H - q I)^2) / 6), the eigenvalues are q + 2 p cos(phi + 2 pi k / 3), k = 0, 1, 2,
/// phi = acos(det((H - q I) / p) / 2) / 3. Double entries are first scaled by a power of two
/// (exact), float entries are computed in double; multiples of the identity (including the zero
/// matrix) are exact, and repeated eigenvalues come out equal to rounding. Each eigenvalue has
/// an absolute error of a few ulps of the largest entry |H|, like any backward-stable method.
/// Reading (bright structures): a tube has lambda1 ~ 0 and lambda2 ~ lambda3 << 0; a plate
/// lambda1 ~ lambda2 ~ 0, lambda3 << 0; a blob lambda1 ~ lambda2 ~ lambda3 << 0.
///
/// @param h a Hessian from image_hessian_3d() (or any six volumes of one shape)
/// @return lambda1, lambda2, lambda3, each of the volume's shape
/// @throws invalid_input when h.xx is empty, another component has another shape, or an entry is
/// NaN/Inf
/// @par Cost
/// About 60 flops, a square root, an arccosine, a sine and a cosine per voxel.
/// @par Reference
/// O. K. Smith, "Eigenvalues of a symmetric 3 x 3 matrix", Commun. ACM 4(4), 168 (1961).
template <typename Scalar>
[[nodiscard]] HessianEigenvalues3D<Scalar> hessian_eigenvalues_3d(const ImageHessian3D<Scalar>& h) {
  const char* fn = "hessian_eigenvalues_3d";
  detail::require_volume(h.xx.view(), fn, "h.xx");
  const std::array<std::pair<const Volume<Scalar>*, const char*>, 5> others = {
      {{&h.xy, "h.xy"}, {&h.xz, "h.xz"}, {&h.yy, "h.yy"}, {&h.yz, "h.yz"}, {&h.zz, "h.zz"}}};
  for (const auto& [v, name] : others) {
    if (!v->same_shape(h.xx)) {
      std::ostringstream os;
      os << "must have the shape of 'h.xx' (" << h.xx.nx() << "x" << h.xx.ny() << "x" << h.xx.nz() << "), got "
         << v->nx() << "x" << v->ny() << "x" << v->nz();
      detail::fail(fn, name, os.str());
    }
    detail::require_finite(v->values(), fn, name);
  }
  const Eigen::Index nx = h.xx.nx(), ny = h.xx.ny(), nz = h.xx.nz();
  HessianEigenvalues3D<Scalar> e{Volume<Scalar>(nx, ny, nz), Volume<Scalar>(nx, ny, nz), Volume<Scalar>(nx, ny, nz)};
  detail::symmetric3x3_eigenvalues_n(h.xx.data(), h.xy.data(), h.xz.data(), h.yy.data(), h.yz.data(), h.zz.data(),
                                     e.lambda1.data(), e.lambda2.data(), e.lambda3.data(), h.xx.size());
  return e;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_IMAGE_HESSIAN_3D_HPP
