/// @file image/detail/separable_3d.hpp
/// @brief Internals of the image module: the separable Gaussian-derivative Hessian of a volume,
/// slice by slice, on the 1-D kernels and the 2-D sweep of separable.hpp; validation of volume
/// arguments.
#ifndef SPECTRAKIT_IMAGE_DETAIL_SEPARABLE_3D_HPP
#define SPECTRAKIT_IMAGE_DETAIL_SEPARABLE_3D_HPP

#include <Eigen/Core>
#include <array>
#include <cmath>
#include <sstream>
#include <vector>

#include "../../detail/validate.hpp"
#include "../types.hpp"
#include "../volume.hpp"
#include "separable.hpp"

namespace spectrakit {
namespace detail {

/// A volume argument: not empty, every voxel finite.
template <typename Scalar>
void require_volume(const VolumeView<Scalar>& v, const char* function, const char* argument) {
  static_check_real_scalar<Scalar>();
  if (v.empty()) {
    std::ostringstream os;
    os << "must not be empty, got " << v.nx() << "x" << v.ny() << "x" << v.nz();
    fail(function, argument, os.str());
  }
  require_finite(v.values(), function, argument);
}

/// The six Hessian components of a volume, one z-slice at a time. For output slice z the input
/// slices z - r .. z + r (read through the boundary rule) are combined into three z-filtered
/// slices Z0 = g0, Z1 = g1, Z2 = g2s along z (one pass, shared loads); each is then a 2-D
/// nx x ny image (rows along x, columns along y) filtered by separable_filter_2d():
///   Z0 -> xx = g2s(x) g0(y), xy = g1s(x) g1(y), yy = g0(x) g2s(y);
///   Z1 -> xz = g1s(x) g0(y), yz = g0(x) g1s(y);   Z2 -> zz = g0(x) g0(y).
/// Outside the volume (BoundaryMode::constant) the z-filtered slices are cval times the z-kernel
/// sums, which is the cval of their 2-D filtering. `target(z)` returns the six output slices
/// (xx, xy, xz, yy, yz, zz; nx * ny entries each, x fastest); `done(z)` is called once they are
/// filled. Working memory: three slices plus the 2-D sweep's columns.
template <typename Scalar, typename Target, typename Done>
void separable_hessian_3d(const VolumeView<Scalar>& v, const HessianKernels<Scalar>& k, BoundaryMode mode, Scalar cval,
                          Target&& target, Done&& done) {
  using Array = Eigen::Array<Scalar, Eigen::Dynamic, 1>;
  const Eigen::Index nx = v.nx(), ny = v.ny(), nz = v.nz(), n = nx * ny;
  const Eigen::Index r = k.g0.radius();
  const Array constant_slice = Array::Constant(mode == BoundaryMode::constant ? n : 0, cval);
  std::vector<const Scalar*> slice(static_cast<std::size_t>(nz + 2 * r));  // index z + r
  for (Eigen::Index z = -r; z < nz + r; ++z) {
    const Eigen::Index src = boundary_index(z, nz, mode);
    slice[std::size_t(z + r)] = src < 0 ? constant_slice.data() : v.data() + src * n;
  }
  Array z0(n), z1(n), z2(n);
  const Scalar cval0 = cval * k.g0.total(), cval2 = cval * k.g2s.total();  // the odd g1 sums to 0
  Scalar* const p0 = z0.data();
  Scalar* const p1 = z1.data();
  Scalar* const p2 = z2.data();
  for (Eigen::Index z = 0; z < nz; ++z) {
    const Scalar* centre = slice[std::size_t(z + r)];
    const Scalar c0 = k.g0.w[0], c2 = k.g2s.w[0];
    for (Eigen::Index i = 0; i < n; ++i) {
      p0[i] = c0 * centre[i];
      p1[i] = Scalar(0);
      p2[i] = c2 * centre[i];
    }
    for (Eigen::Index j = 1; j <= r; ++j) {
      const Scalar* below = slice[std::size_t(z + r - j)];
      const Scalar* above = slice[std::size_t(z + r + j)];
      const Scalar w0 = k.g0.w[std::size_t(j)], w1 = k.g1.w[std::size_t(j)], w2 = k.g2s.w[std::size_t(j)];
      for (Eigen::Index i = 0; i < n; ++i) {
        const Scalar a = below[i], b = above[i];
        const Scalar sum = a + b, difference = a - b;
        p0[i] += w0 * sum;
        p1[i] += w1 * difference;
        p2[i] += w2 * sum;
      }
    }
    const std::array<Scalar*, 6> out = target(z);  // xx, xy, xz, yy, yz, zz
    // Slices are nx x ny column-major images: "down" filters along x, "across" along y.
    const std::array<SeparablePass<Scalar>, 3> from_z0 = {{{&k.g0, &k.g2s, out[0]},    // xx
                                                           {&k.g1, &k.g1s, out[1]},    // xy
                                                           {&k.g2s, &k.g0, out[3]}}};  // yy
    const std::array<SeparablePass<Scalar>, 2> from_z1 = {{{&k.g0, &k.g1s, out[2]},    // xz
                                                           {&k.g1s, &k.g0, out[4]}}};  // yz
    const std::array<SeparablePass<Scalar>, 1> from_z2 = {{{&k.g0, &k.g0, out[5]}}};   // zz
    separable_filter_2d(p0, nx, ny, from_z0, mode, cval0);
    separable_filter_2d(p1, nx, ny, from_z1, mode, Scalar(0));
    separable_filter_2d(p2, nx, ny, from_z2, mode, cval2);
    done(z);
  }
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_IMAGE_DETAIL_SEPARABLE_3D_HPP
