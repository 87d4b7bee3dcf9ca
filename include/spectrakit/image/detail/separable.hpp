/// @file image/detail/separable.hpp
/// @brief Internals of the image module: boundary extension, Gaussian derivative kernels and the
/// fused separable second-derivative filter.
#ifndef SPECTRAKIT_IMAGE_DETAIL_SEPARABLE_HPP
#define SPECTRAKIT_IMAGE_DETAIL_SEPARABLE_HPP

#include <Eigen/Core>
#include <array>
#include <cmath>
#include <vector>

#include "../types.hpp"

namespace spectrakit {
namespace detail {

/// The index in [0, n) that position i (any integer) reads under `mode`, or -1 for "outside"
/// (BoundaryMode::constant). n >= 1. Repeats the reflection as often as needed, so kernels wider
/// than the image are handled as scipy.ndimage does.
inline Eigen::Index boundary_index(Eigen::Index i, Eigen::Index n, BoundaryMode mode) {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case BoundaryMode::reflect: {
      const Eigen::Index period = 2 * n;
      Eigen::Index k = i % period;
      if (k < 0) k += period;
      return k < n ? k : period - 1 - k;
    }
    case BoundaryMode::mirror: {
      if (n == 1) return 0;
      const Eigen::Index period = 2 * n - 2;
      Eigen::Index k = i % period;
      if (k < 0) k += period;
      return k < n ? k : period - k;
    }
    case BoundaryMode::nearest:
      return i < 0 ? 0 : n - 1;
    case BoundaryMode::wrap: {
      Eigen::Index k = i % n;
      return k < 0 ? k + n : k;
    }
    case BoundaryMode::constant:
      return -1;
  }
  return -1;
}

/// A symmetric (even) or antisymmetric (odd) 1-D kernel w(-r..r) stored as w(0..r); the filter is
/// the convolution out(i) = sum_k w(k) in(i - k) with w(-k) = +-w(k).
template <typename Scalar>
struct SymmetricKernel {
  std::vector<Scalar> w;  // w[0..radius]
  bool odd = false;       // w(-k) = -w(k)
  Eigen::Index radius() const { return static_cast<Eigen::Index>(w.size()) - 1; }
  /// sum_k w(k) over -r..r (0 for odd kernels).
  Scalar total() const {
    if (odd) return Scalar(0);
    Scalar s = w[0];
    for (std::size_t k = 1; k < w.size(); ++k) s += Scalar(2) * w[k];
    return s;
  }
};

/// The kernel radius used for sigma: max(1, floor(truncate sigma + 1/2)), as scipy.ndimage.
inline Eigen::Index gaussian_radius(double sigma, double truncate) {
  const double r = std::floor(truncate * sigma + 0.5);
  return r < 1.0 ? Eigen::Index(1) : static_cast<Eigen::Index>(r);
}

/// The smoothing (order 0), first- (order 1) and second-derivative (order 2) Gaussian kernels,
/// computed in double, then multiplied by `factor` and rounded to Scalar.
template <typename Scalar>
SymmetricKernel<Scalar> gaussian_kernel(double sigma, Eigen::Index radius, int order, DerivativeKernel kind,
                                        double factor) {
  std::vector<double> g(static_cast<std::size_t>(radius) + 1);
  const double s2 = sigma * sigma;
  for (Eigen::Index k = 0; k <= radius; ++k) g[std::size_t(k)] = std::exp(-0.5 * double(k * k) / s2);
  double m0 = g[0], m2 = 0.0, m4 = 0.0;  // sums over -r..r of g, k^2 g, k^4 g
  for (Eigen::Index k = 1; k <= radius; ++k) {
    const double kk = double(k * k), gk = g[std::size_t(k)];
    m0 += 2.0 * gk;
    m2 += 2.0 * kk * gk;
    m4 += 2.0 * kk * kk * gk;
  }
  SymmetricKernel<Scalar> out;
  out.odd = (order == 1);
  out.w.resize(g.size());
  for (Eigen::Index k = 0; k <= radius; ++k) {
    const double kd = double(k), gk = g[std::size_t(k)];
    double v = 0.0;
    if (order == 0) {
      v = gk / m0;
    } else if (order == 1) {
      // moment_matched: sum_k (-k) w(k) = 1 exactly; sampled: -k / sigma^2 * g / m0.
      v = kind == DerivativeKernel::moment_matched ? -kd * gk / m2 : -kd / s2 * gk / m0;
    } else {
      if (kind == DerivativeKernel::moment_matched) {
        // w = alpha (k^2 - beta) g with sum w = 0 and sum k^2 w = 2.
        const double beta = m2 / m0;
        const double alpha = 2.0 / (m4 - beta * m2);
        v = alpha * (kd * kd - beta) * gk;
      } else {
        v = (kd * kd / (s2 * s2) - 1.0 / s2) * gk / m0;
      }
    }
    out.w[std::size_t(k)] = static_cast<Scalar>(v * factor);
  }
  return out;
}

/// The 1-D kernels of the Hessian (2-D and 3-D) at one scale: smoothing g0, first derivative g1,
/// and the first and second derivatives times the scale normalization factor (sigma^2 or 1),
/// g1s and g2s. Every product kernel of the Hessian has exactly one factor g1s or g2s (xx: g2s
/// g0 [g0], xy: g1s g1 [g0], ...), so each component is multiplied by the factor once.
template <typename Scalar>
struct HessianKernels {
  SymmetricKernel<Scalar> g0, g1, g1s, g2s;

  HessianKernels(double sigma, const ImageHessianOptions& options) {
    const Eigen::Index radius = gaussian_radius(sigma, options.truncate);
    const double factor = options.scale_normalized ? sigma * sigma : 1.0;
    g0 = gaussian_kernel<Scalar>(sigma, radius, 0, options.kernel, 1.0);
    g1 = gaussian_kernel<Scalar>(sigma, radius, 1, options.kernel, 1.0);
    g1s = gaussian_kernel<Scalar>(sigma, radius, 1, options.kernel, factor);
    g2s = gaussian_kernel<Scalar>(sigma, radius, 2, options.kernel, factor);
  }
};

/// One output of separable_filter_2d(): out = across (x) down applied to the image, where
/// `across` filters across the columns (along a row) and `down` down each column; `out` points to
/// rows * cols entries, column-major.
template <typename Scalar>
struct SeparablePass {
  const SymmetricKernel<Scalar>* across = nullptr;
  const SymmetricKernel<Scalar>* down = nullptr;
  Scalar* out = nullptr;
};

/// N separable filters of one column-major rows x cols image (`image` points to its entries) in
/// one sweep over the columns: for every output column the N across-filtered columns are formed
/// from the 2r + 1 input columns around it (the N kernels share the loads and the folded sums
/// and differences of the columns c - j and c + j), padded in the row direction by the boundary
/// rule, and filtered down into the outputs. Pixels beyond the border are read through `mode`
/// (`cval` outside for BoundaryMode::constant). All kernels share one radius r. Working memory:
/// N padded columns.
template <typename Scalar, std::size_t N>
void separable_filter_2d(const Scalar* image, Eigen::Index rows, Eigen::Index cols,
                         const std::array<SeparablePass<Scalar>, N>& passes, BoundaryMode mode, Scalar cval) {
  static_assert(N >= 1, "separable_filter_2d needs at least one pass");
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  const Eigen::Index r = passes[0].across->radius();
  const Vector constant_column = Vector::Constant(mode == BoundaryMode::constant ? rows : 0, cval);
  // Column pointers of the extended image: index c + r for c in [-r, cols + r).
  std::vector<const Scalar*> column(static_cast<std::size_t>(cols + 2 * r));
  for (Eigen::Index c = -r; c < cols + r; ++c) {
    const Eigen::Index src = boundary_index(c, cols, mode);
    column[std::size_t(c + r)] = src < 0 ? constant_column.data() : image + src * rows;
  }
  // Across-filtered columns, padded by r entries on both ends for the down pass; the values of
  // the filtered constant region (BoundaryMode::constant) are cval times the kernel sums.
  std::array<Vector, N> p;
  std::array<Scalar, N> outside;
  std::array<bool, N> odd;
  for (std::size_t k = 0; k < N; ++k) {
    p[k].resize(rows + 2 * r);
    outside[k] = cval * passes[k].across->total();
    odd[k] = passes[k].across->odd;
  }
  std::vector<Eigen::Index> row_source(static_cast<std::size_t>(2 * r));
  for (Eigen::Index t = 0; t < r; ++t) {
    row_source[std::size_t(t)] = boundary_index(t - r, rows, mode);         // above the top
    row_source[std::size_t(r + t)] = boundary_index(rows + t, rows, mode);  // below the bottom
  }
  auto pad = [&](Vector& q, Scalar outside_value) {
    for (Eigen::Index t = 0; t < r; ++t) {
      const Eigen::Index top = row_source[std::size_t(t)], bottom = row_source[std::size_t(r + t)];
      q(t) = top < 0 ? outside_value : q(r + top);
      q(r + rows + t) = bottom < 0 ? outside_value : q(r + bottom);
    }
  };
  // Down pass: out = sum_k w(k) q(i - k) on the padded column (even or odd kernel).
  auto filter_down = [&](const Vector& q, const SymmetricKernel<Scalar>& k, Scalar* out_data) {
    Eigen::Map<Vector> out(out_data, rows);
    if (k.odd) {
      out.setZero();
      for (Eigen::Index j = 1; j <= r; ++j)
        out += k.w[std::size_t(j)] * (q.segment(r - j, rows) - q.segment(r + j, rows));
    } else {
      out = k.w[0] * q.segment(r, rows);
      for (Eigen::Index j = 1; j <= r; ++j)
        out += k.w[std::size_t(j)] * (q.segment(r - j, rows) + q.segment(r + j, rows));
    }
  };
  std::array<Scalar*, N> x;
  for (std::size_t k = 0; k < N; ++k) x[k] = p[k].data() + r;
  for (Eigen::Index c = 0; c < cols; ++c) {
    const Scalar* centre = column[std::size_t(c + r)];
    for (std::size_t k = 0; k < N; ++k) {
      const Scalar w0 = odd[k] ? Scalar(0) : passes[k].across->w[0];
      for (Eigen::Index i = 0; i < rows; ++i) x[k][i] = w0 * centre[i];
    }
    for (Eigen::Index j = 1; j <= r; ++j) {
      const Scalar* left = column[std::size_t(c + r - j)];
      const Scalar* right = column[std::size_t(c + r + j)];
      std::array<Scalar, N> w;
      for (std::size_t k = 0; k < N; ++k) w[k] = passes[k].across->w[std::size_t(j)];
      for (Eigen::Index i = 0; i < rows; ++i) {
        const Scalar u = left[i], v = right[i];
        const Scalar sum = u + v, difference = u - v;  // shared by the even and the odd kernels
        for (std::size_t k = 0; k < N; ++k) x[k][i] += w[k] * (odd[k] ? difference : sum);
      }
    }
    for (std::size_t k = 0; k < N; ++k) {
      pad(p[k], outside[k]);
      filter_down(p[k], *passes[k].down, passes[k].out + c * rows);
    }
  }
}

/// The three second-order separable filters of a 2-D image in one sweep over the columns:
///   xx = Kx2 (x) Ky0, xy = Kx1 (x) Ky1, yy = Kx0 (x) Ky2 (k1y is the y first-derivative kernel),
/// where Kx* filter along x (across columns) and Ky* along y (down a column).
template <typename Scalar>
void separable_hessian(const Image<Scalar>& image, const SymmetricKernel<Scalar>& k0, const SymmetricKernel<Scalar>& k1,
                       const SymmetricKernel<Scalar>& k2, const SymmetricKernel<Scalar>& k1y, BoundaryMode mode,
                       Scalar cval, ImageHessian<Scalar>& h) {
  h.xx.resize(image.rows(), image.cols());
  h.xy.resize(image.rows(), image.cols());
  h.yy.resize(image.rows(), image.cols());
  const std::array<SeparablePass<Scalar>, 3> passes = {{{&k2, &k0, h.xx.data()},    // x: second, y: smoothing
                                                        {&k1, &k1y, h.xy.data()},   // x: first, y: first
                                                        {&k0, &k2, h.yy.data()}}};  // x: smoothing, y: second
  separable_filter_2d(image.data(), image.rows(), image.cols(), passes, mode, cval);
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_IMAGE_DETAIL_SEPARABLE_HPP
