/// @file image/volume.hpp
/// @brief The 3-D types of the image module: Volume (an owning voxel grid), VolumeView (a
/// read-only view of a caller's buffer) and ImageHessian3D.
#ifndef SPECTRAKIT_IMAGE_VOLUME_HPP
#define SPECTRAKIT_IMAGE_VOLUME_HPP

#include <Eigen/Core>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

#include "../detail/validate.hpp"

namespace spectrakit {

namespace detail {

/// nx, ny, nz >= 0 and nx * ny * nz representable; returns the product.
inline Eigen::Index checked_volume_size(Eigen::Index nx, Eigen::Index ny, Eigen::Index nz, const char* function) {
  if (nx < 0 || ny < 0 || nz < 0) {
    std::ostringstream os;
    os << "must be >= 0, got " << nx << "x" << ny << "x" << nz;
    fail(function, "nx, ny, nz", os.str());
  }
  const Eigen::Index max = std::numeric_limits<Eigen::Index>::max();
  if ((ny > 0 && nx > max / ny) || (nz > 0 && nx * ny > max / nz)) {
    std::ostringstream os;
    os << "give " << nx << "x" << ny << "x" << nz << " voxels, more than an Eigen::Index holds";
    fail(function, "nx, ny, nz", os.str());
  }
  return nx * ny * nz;
}

}  // namespace detail

/// @brief A read-only, non-owning view of a 3-D voxel grid in a caller's buffer (the Eigen::Map
/// of Volume): it keeps the pointer, so the buffer must outlive the view.
///
/// Layout as Volume: voxel (x, y, z) is `data[x + nx * (y + ny * z)]` (x fastest). This is the
/// memory of a C-order NumPy array of shape (nz, ny, nx) indexed [z, y, x], of ITK and VTK image
/// buffers and of NIfTI files, so such buffers are used without a copy.
/// @tparam Scalar float or double
template <typename Scalar>
class VolumeView {
 public:
  /// @brief A view of nx * ny * nz voxels at `data`, x fastest.
  /// @param data the first voxel; may be null only when a dimension is 0
  /// @param nx voxels along x (>= 0)
  /// @param ny voxels along y (>= 0)
  /// @param nz voxels along z (>= 0)
  /// @throws invalid_input when a dimension is negative, the product overflows, or data is null
  /// for a non-empty volume
  VolumeView(const Scalar* data, Eigen::Index nx, Eigen::Index ny, Eigen::Index nz)
      : data_(data), nx_(nx), ny_(ny), nz_(nz) {
    const Eigen::Index n = detail::checked_volume_size(nx, ny, nz, "VolumeView");
    if (n > 0 && data == nullptr) detail::fail("VolumeView", "data", "must not be null for a non-empty volume");
  }

  /// @brief Voxels along x (the fastest index).
  /// @return nx
  Eigen::Index nx() const noexcept { return nx_; }
  /// @brief Voxels along y.
  /// @return ny
  Eigen::Index ny() const noexcept { return ny_; }
  /// @brief Voxels along z (the slowest index).
  /// @return nz
  Eigen::Index nz() const noexcept { return nz_; }
  /// @brief The number of voxels.
  /// @return nx * ny * nz
  Eigen::Index size() const noexcept { return nx_ * ny_ * nz_; }
  /// @brief Whether the volume has no voxel.
  /// @return size() == 0
  bool empty() const noexcept { return size() == 0; }
  /// @brief The first voxel.
  /// @return the pointer the view was built from
  const Scalar* data() const noexcept { return data_; }
  /// @brief Voxel (x, y, z), unchecked (an eigen_assert in debug builds).
  /// @param x index along x, in [0, nx)
  /// @param y index along y, in [0, ny)
  /// @param z index along z, in [0, nz)
  /// @return the voxel value
  Scalar operator()(Eigen::Index x, Eigen::Index y, Eigen::Index z) const {
    eigen_assert(x >= 0 && x < nx_ && y >= 0 && y < ny_ && z >= 0 && z < nz_);
    return data_[x + nx_ * (y + ny_ * z)];
  }
  /// @brief All voxels as one Eigen array, in memory order.
  /// @return a read-only map of size() entries
  Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>> values() const {
    return Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>>(data_, size());
  }

 private:
  const Scalar* data_;
  Eigen::Index nx_, ny_, nz_;
};

/// @brief A three-dimensional image (voxel grid) of nx x ny x nz voxels, owning its storage.
///
/// Memory layout: voxel (x, y, z) is entry x + nx * (y + ny * z) of one contiguous array (x
/// fastest, z slowest), as ITK, VTK, NIfTI and a C-order NumPy array of shape (nz, ny, nx)
/// indexed [z, y, x]. Unit voxel spacing. A z-slice is an nx x ny column-major Eigen array with
/// entry (x, y) (slice()); note that the 2-D Image is indexed (y, x), so slice(z) is the
/// transpose of the Image with the same pixels.
/// @tparam Scalar float or double
template <typename Scalar>
class Volume {
 public:
  /// The flat storage: an Eigen column vector array of nx * ny * nz voxels.
  using Array = Eigen::Array<Scalar, Eigen::Dynamic, 1>;
  /// A z-slice: nx x ny, column-major, entry (x, y).
  using Slice = Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, Eigen::Dynamic>>;
  /// A read-only z-slice.
  using ConstSlice = Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, Eigen::Dynamic>>;

  /// @brief An empty volume (0 x 0 x 0).
  Volume() = default;

  /// @brief nx x ny x nz voxels, all equal to `value`.
  /// @param nx voxels along x (>= 0)
  /// @param ny voxels along y (>= 0)
  /// @param nz voxels along z (>= 0)
  /// @param value the initial value of every voxel (default 0)
  /// @throws invalid_input when a dimension is negative or the product overflows
  Volume(Eigen::Index nx, Eigen::Index ny, Eigen::Index nz, Scalar value = Scalar(0))
      : values_(Array::Constant(detail::checked_volume_size(nx, ny, nz, "Volume"), value)), nx_(nx), ny_(ny), nz_(nz) {}

  /// @brief nx x ny x nz voxels taken over from a flat array in the layout of the class (moved
  /// in, no copy when passed an rvalue).
  /// @param nx voxels along x (>= 0)
  /// @param ny voxels along y (>= 0)
  /// @param nz voxels along z (>= 0)
  /// @param values nx * ny * nz voxels, x fastest
  /// @throws invalid_input when a dimension is negative or values.size() != nx * ny * nz
  Volume(Eigen::Index nx, Eigen::Index ny, Eigen::Index nz, Array values)
      : values_(std::move(values)), nx_(nx), ny_(ny), nz_(nz) {
    const Eigen::Index n = detail::checked_volume_size(nx, ny, nz, "Volume");
    if (values_.size() != n) {
      std::ostringstream os;
      os << "must have nx * ny * nz = " << n << " entries, got " << values_.size();
      detail::fail("Volume", "values", os.str());
    }
  }

  /// @brief A copy of the voxels of a view.
  /// @param view the voxels to copy
  explicit Volume(const VolumeView<Scalar>& view)
      : values_(view.values()), nx_(view.nx()), ny_(view.ny()), nz_(view.nz()) {}

  /// @brief Voxels along x (the fastest index).
  /// @return nx
  Eigen::Index nx() const noexcept { return nx_; }
  /// @brief Voxels along y.
  /// @return ny
  Eigen::Index ny() const noexcept { return ny_; }
  /// @brief Voxels along z (the slowest index).
  /// @return nz
  Eigen::Index nz() const noexcept { return nz_; }
  /// @brief The number of voxels.
  /// @return nx * ny * nz
  Eigen::Index size() const noexcept { return values_.size(); }
  /// @brief Whether the volume has no voxel.
  /// @return size() == 0
  bool empty() const noexcept { return values_.size() == 0; }
  /// @brief Whether two volumes have the same dimensions.
  /// @param other the volume to compare with
  /// @return nx, ny and nz all equal
  template <typename Other>
  bool same_shape(const Other& other) const noexcept {
    return nx_ == other.nx() && ny_ == other.ny() && nz_ == other.nz();
  }
  /// @brief The first voxel.
  /// @return a pointer to size() contiguous voxels, x fastest
  Scalar* data() noexcept { return values_.data(); }
  /// @brief The first voxel.
  /// @return a pointer to size() contiguous voxels, x fastest
  const Scalar* data() const noexcept { return values_.data(); }

  /// @brief The flat index of voxel (x, y, z).
  /// @param x index along x
  /// @param y index along y
  /// @param z index along z
  /// @return x + nx * (y + ny * z)
  Eigen::Index index(Eigen::Index x, Eigen::Index y, Eigen::Index z) const noexcept { return x + nx_ * (y + ny_ * z); }
  /// @brief Voxel (x, y, z), unchecked (an eigen_assert in debug builds).
  /// @param x index along x, in [0, nx)
  /// @param y index along y, in [0, ny)
  /// @param z index along z, in [0, nz)
  /// @return a reference to the voxel
  Scalar& operator()(Eigen::Index x, Eigen::Index y, Eigen::Index z) {
    eigen_assert(in_range(x, y, z));
    return values_.data()[index(x, y, z)];
  }
  /// @brief Voxel (x, y, z), unchecked (an eigen_assert in debug builds).
  /// @param x index along x, in [0, nx)
  /// @param y index along y, in [0, ny)
  /// @param z index along z, in [0, nz)
  /// @return the voxel value
  Scalar operator()(Eigen::Index x, Eigen::Index y, Eigen::Index z) const {
    eigen_assert(in_range(x, y, z));
    return values_.data()[index(x, y, z)];
  }
  /// @brief Voxel (x, y, z), bounds-checked.
  /// @param x index along x
  /// @param y index along y
  /// @param z index along z
  /// @return a reference to the voxel
  /// @throws std::out_of_range when the index is outside the volume
  Scalar& at(Eigen::Index x, Eigen::Index y, Eigen::Index z) {
    check(x, y, z);
    return values_.data()[index(x, y, z)];
  }
  /// @brief Voxel (x, y, z), bounds-checked.
  /// @param x index along x
  /// @param y index along y
  /// @param z index along z
  /// @return the voxel value
  /// @throws std::out_of_range when the index is outside the volume
  Scalar at(Eigen::Index x, Eigen::Index y, Eigen::Index z) const {
    check(x, y, z);
    return values_.data()[index(x, y, z)];
  }

  /// @brief All voxels as one Eigen array in memory order, for whole-volume arithmetic
  /// (`v.values() *= 2`, `v.values().maxCoeff()`); its size cannot change.
  /// @return a writable map of size() entries
  Eigen::Map<Array> values() noexcept { return Eigen::Map<Array>(values_.data(), values_.size()); }
  /// @brief All voxels as one Eigen array in memory order.
  /// @return a read-only map of size() entries
  Eigen::Map<const Array> values() const noexcept { return Eigen::Map<const Array>(values_.data(), values_.size()); }

  /// @brief The z-slice z as an nx x ny Eigen array with entry (x, y).
  /// @param z index along z, in [0, nz) (an eigen_assert in debug builds)
  /// @return a writable map into the volume
  Slice slice(Eigen::Index z) {
    eigen_assert(z >= 0 && z < nz_);
    return Slice(values_.data() + nx_ * ny_ * z, nx_, ny_);
  }
  /// @brief The z-slice z as an nx x ny Eigen array with entry (x, y).
  /// @param z index along z, in [0, nz) (an eigen_assert in debug builds)
  /// @return a read-only map into the volume
  ConstSlice slice(Eigen::Index z) const {
    eigen_assert(z >= 0 && z < nz_);
    return ConstSlice(values_.data() + nx_ * ny_ * z, nx_, ny_);
  }

  /// @brief A read-only view of this volume (valid while the volume lives and is not resized).
  /// @return the view
  VolumeView<Scalar> view() const { return VolumeView<Scalar>(values_.data(), nx_, ny_, nz_); }

 private:
  bool in_range(Eigen::Index x, Eigen::Index y, Eigen::Index z) const noexcept {
    return x >= 0 && x < nx_ && y >= 0 && y < ny_ && z >= 0 && z < nz_;
  }
  void check(Eigen::Index x, Eigen::Index y, Eigen::Index z) const {
    if (!in_range(x, y, z)) {
      std::ostringstream os;
      os << "spectrakit::Volume::at: voxel (" << x << ", " << y << ", " << z << ") outside the " << nx_ << "x" << ny_
         << "x" << nz_ << " volume";
      throw std::out_of_range(os.str());
    }
  }

  Array values_;
  Eigen::Index nx_ = 0, ny_ = 0, nz_ = 0;
};

/// @brief The six distinct entries of the symmetric 3 x 3 Hessian
/// [[xx, xy, xz], [xy, yy, yz], [xz, yz, zz]] at every voxel, each a Volume of the input's shape.
///
/// x, y, z are the Volume's indices (x fastest in memory). scikit-image 0.19.3's
/// `hessian_matrix(V, ..., order='rc')` on the NumPy array V[z, y, x] returns its six outputs in
/// this order, (xx, xy, xz, yy, yz, zz) (checked; its documentation promises the derivatives
/// along the axes (0, 0), (0, 1), ..., (2, 2), i.e. the reverse order).
/// @tparam Scalar float or double
template <typename Scalar>
struct ImageHessian3D {
  Volume<Scalar> xx;  ///< d^2 V / dx^2.
  Volume<Scalar> xy;  ///< d^2 V / dx dy.
  Volume<Scalar> xz;  ///< d^2 V / dx dz.
  Volume<Scalar> yy;  ///< d^2 V / dy^2.
  Volume<Scalar> yz;  ///< d^2 V / dy dz.
  Volume<Scalar> zz;  ///< d^2 V / dz^2.
};

}  // namespace spectrakit

#endif  // SPECTRAKIT_IMAGE_VOLUME_HPP
