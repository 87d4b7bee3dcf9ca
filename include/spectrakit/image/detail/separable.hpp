/// @file image/detail/separable.hpp
/// @brief Internals of the image module: boundary extension, Gaussian derivative kernels and the
/// fused separable second-derivative filter.
#ifndef SPECTRAKIT_IMAGE_DETAIL_SEPARABLE_HPP
#define SPECTRAKIT_IMAGE_DETAIL_SEPARABLE_HPP

#include <Eigen/Core>
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

/// The three second-order separable filters of a 2-D image in one sweep over the columns:
///   xx = Kx2 (x) Ky0, xy = Kx1 (x) Ky1, yy = Kx0 (x) Ky2 (k1y is the y first-derivative kernel),
/// where Kx* filter along x (across columns) and Ky* along y (down a column). For every output
/// column the three x-filtered columns are formed from the 2r + 1 input columns around it, padded
/// in y by the boundary rule, and filtered in y. Working memory: three padded columns.
template <typename Scalar>
void separable_hessian(const Image<Scalar>& image, const SymmetricKernel<Scalar>& k0, const SymmetricKernel<Scalar>& k1,
                       const SymmetricKernel<Scalar>& k2, const SymmetricKernel<Scalar>& k1y, BoundaryMode mode,
                       Scalar cval, ImageHessian<Scalar>& h) {
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  const Eigen::Index rows = image.rows(), cols = image.cols();
  const Eigen::Index r = k0.radius();  // all three kernels share the radius
  h.xx.resize(rows, cols);
  h.xy.resize(rows, cols);
  h.yy.resize(rows, cols);
  const Vector constant_column = Vector::Constant(rows, cval);
  // Column pointers of the x-extended image: index c + r for c in [-r, cols + r).
  std::vector<const Scalar*> column(static_cast<std::size_t>(cols + 2 * r));
  for (Eigen::Index c = -r; c < cols + r; ++c) {
    const Eigen::Index src = boundary_index(c, cols, mode);
    column[std::size_t(c + r)] = src < 0 ? constant_column.data() : image.data() + src * rows;
  }
  // x-filtered columns, padded by r entries on both ends for the y pass.
  Vector p0(rows + 2 * r), p1(rows + 2 * r), p2(rows + 2 * r);
  // Values of the x-filtered constant region (BoundaryMode::constant): cval times the kernel sum.
  const Scalar outside0 = cval * k0.total(), outside1 = Scalar(0), outside2 = cval * k2.total();
  std::vector<Eigen::Index> row_source(static_cast<std::size_t>(2 * r));
  for (Eigen::Index t = 0; t < r; ++t) {
    row_source[std::size_t(t)] = boundary_index(t - r, rows, mode);         // above the top
    row_source[std::size_t(r + t)] = boundary_index(rows + t, rows, mode);  // below the bottom
  }
  auto pad = [&](Vector& p, Scalar outside) {
    for (Eigen::Index t = 0; t < r; ++t) {
      const Eigen::Index top = row_source[std::size_t(t)], bottom = row_source[std::size_t(r + t)];
      p(t) = top < 0 ? outside : p(r + top);
      p(r + rows + t) = bottom < 0 ? outside : p(r + bottom);
    }
  };
  // y pass: out = sum_k w(k) p(i - k) on the padded column (even or odd kernel).
  auto filter_y = [&](const Vector& p, const SymmetricKernel<Scalar>& k, Scalar* out_data) {
    Eigen::Map<Vector> out(out_data, rows);
    if (k.odd) {
      out.setZero();
      for (Eigen::Index j = 1; j <= r; ++j)
        out += k.w[std::size_t(j)] * (p.segment(r - j, rows) - p.segment(r + j, rows));
    } else {
      out = k.w[0] * p.segment(r, rows);
      for (Eigen::Index j = 1; j <= r; ++j)
        out += k.w[std::size_t(j)] * (p.segment(r - j, rows) + p.segment(r + j, rows));
    }
  };
  for (Eigen::Index c = 0; c < cols; ++c) {
    // x pass: the three kernels share the loads of the columns c - j and c + j.
    auto x0 = p0.segment(r, rows);
    auto x1 = p1.segment(r, rows);
    auto x2 = p2.segment(r, rows);
    const Eigen::Map<const Vector> centre(column[std::size_t(c + r)], rows);
    x0 = k0.w[0] * centre;
    x2 = k2.w[0] * centre;
    x1.setZero();
    for (Eigen::Index j = 1; j <= r; ++j) {
      const Eigen::Map<const Vector> left(column[std::size_t(c + r - j)], rows);
      const Eigen::Map<const Vector> right(column[std::size_t(c + r + j)], rows);
      const Scalar w0 = k0.w[std::size_t(j)], w1 = k1.w[std::size_t(j)], w2 = k2.w[std::size_t(j)];
      for (Eigen::Index i = 0; i < rows; ++i) {
        const Scalar a = left(i), b = right(i);
        const Scalar s = a + b;
        x0(i) += w0 * s;
        x2(i) += w2 * s;
        x1(i) += w1 * (a - b);
      }
    }
    pad(p0, outside0);
    pad(p1, outside1);
    pad(p2, outside2);
    filter_y(p2, k0, h.xx.data() + c * rows);   // x: second derivative, y: smoothing
    filter_y(p1, k1y, h.xy.data() + c * rows);  // x: first, y: first
    filter_y(p0, k2, h.yy.data() + c * rows);   // x: smoothing, y: second derivative
  }
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_IMAGE_DETAIL_SEPARABLE_HPP
