/// @file image/detail/image_arg.hpp
/// @brief Internals of the image module: reading an image argument once, validating it, and the
/// closed-form eigenvalues of a symmetric 2 x 2 matrix.
#ifndef SPECTRAKIT_IMAGE_DETAIL_IMAGE_ARG_HPP
#define SPECTRAKIT_IMAGE_DETAIL_IMAGE_ARG_HPP

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <type_traits>

#include "../../detail/validate.hpp"
#include "../types.hpp"

namespace spectrakit {
namespace detail {

/// A validated image argument as a plain column-major Image: the caller's object when it already
/// is one, otherwise an evaluated copy.
template <typename Derived>
class ImageArg {
 public:
  using Scalar = typename Derived::Scalar;

  ImageArg(const Eigen::DenseBase<Derived>& in, const char* function, const char* argument) {
    static_check_real_scalar<Scalar>();
    require_not_empty(in, function, argument);
    if constexpr (std::is_same<Derived, Image<Scalar>>::value) {
      ptr_ = &in.derived();
    } else {
      storage_ = in.derived().array();
      ptr_ = &storage_;
    }
    require_finite(*ptr_, function, argument);
  }
  ImageArg(const ImageArg&) = delete;
  ImageArg& operator=(const ImageArg&) = delete;

  const Image<Scalar>& get() const { return *ptr_; }

 private:
  Image<Scalar> storage_;
  const Image<Scalar>* ptr_ = nullptr;
};

/// sigma > 0, finite, and truncate * sigma within the supported radius.
inline void require_scale(double sigma, double truncate, const char* function, const char* argument) {
  require_positive(sigma, function, argument);
  require_option(truncate > 0 && std::isfinite(truncate), function, "truncate", "must be positive and finite",
                 truncate);
  if (truncate * sigma > 1e6) {
    std::ostringstream os;
    os << "gives a kernel radius truncate * sigma = " << truncate * sigma << " above the supported 1e6 pixels";
    fail(function, argument, os.str());
  }
}

/// a*d - b*b with one rounding when the hardware has FMA (Kahan's 2 x 2 determinant); exact
/// products when the entries are floats widened to double.
inline double det2_symmetric(double a, double b, double d) {
#ifdef __FMA__
  const double w = b * b;
  const double e = std::fma(-b, b, w);  // w - b*b, exactly
  const double f = std::fma(a, d, -w);
  return f + e;
#else
  return a * d - b * b;
#endif
}

/// The eigenvalues of [[a, b], [b, d]] for entries whose squares neither overflow nor underflow.
inline void symmetric2x2_eigenvalues_core(double a, double b, double d, double& small, double& large) {
  if (b == 0.0) {  // diagonal: exact
    const bool a_larger = std::abs(a) >= std::abs(d);
    large = a_larger ? a : d;
    small = a_larger ? d : a;
    return;
  }
  const double m = a / 2 + d / 2;
  const double h = a / 2 - d / 2;
  const double rad = std::sqrt(h * h + b * b);
  large = m >= 0 ? m + rad : m - rad;
  small = large == 0.0 ? 0.0 : det2_symmetric(a, b, d) / large;
}

/// Eigenvalues of [[a, b], [b, d]] with |small| <= |large|. large = m + sign(m) rad has no
/// cancellation (m = (a + d)/2, rad = sqrt(((a - d)/2)^2 + b^2)); small = det / large, with the
/// determinant accurate to a few ulps, so both are accurate to a few ulps of their own size
/// whenever the determinant is (always for float input, computed in double; with FMA for
/// double). Entries beyond 2^500 or below 2^-450 are scaled by a power of two first.
inline void symmetric2x2_eigenvalues(double a, double b, double d, double& small, double& large) {
  const double s = std::max({std::abs(a), std::abs(b), std::abs(d)});
  if (b != 0.0 && (s > 0x1p500 || (s < 0x1p-450 && s > 0.0))) {
    int e = 0;
    std::frexp(s, &e);
    symmetric2x2_eigenvalues_core(std::ldexp(a, -e), std::ldexp(b, -e), std::ldexp(d, -e), small, large);
    small = std::ldexp(small, e);
    large = std::ldexp(large, e);
    return;
  }
  symmetric2x2_eigenvalues_core(a, b, d, small, large);
}

/// The float version: computed in double (no overflow or underflow possible), rounded once.
inline void symmetric2x2_eigenvalues(float a, float b, float d, float& small, float& large) {
  double s = 0.0, l = 0.0;
  symmetric2x2_eigenvalues_core(double(a), double(b), double(d), s, l);
  small = static_cast<float>(s);
  large = static_cast<float>(l);
}

/// The eigenvalues at n pixels (xx, xy, yy -> small, large). A branch-free loop the compiler
/// vectorizes covers every pixel whose entries are within [2^-450, 2^500] in magnitude (or zero);
/// otherwise the careful per-pixel path scales by a power of two. float is computed in double.
template <typename Scalar>
void symmetric2x2_eigenvalues_n(const Scalar* xx, const Scalar* xy, const Scalar* yy, Scalar* small, Scalar* large,
                                Eigen::Index n) {
  bool in_range = true;
  if constexpr (std::is_same<Scalar, double>::value) {
    double hi = 0.0, lo = std::numeric_limits<double>::infinity();
    for (Eigen::Index i = 0; i < n; ++i) {
      const double s = std::max({std::abs(xx[i]), std::abs(xy[i]), std::abs(yy[i])});
      hi = std::max(hi, s);
      lo = s > 0.0 ? std::min(lo, s) : lo;
    }
    in_range = hi <= 0x1p500 && lo >= 0x1p-450;
  }
  if (!in_range) {
    for (Eigen::Index i = 0; i < n; ++i) symmetric2x2_eigenvalues(xx[i], xy[i], yy[i], small[i], large[i]);
    return;
  }
  if constexpr (std::is_same<Scalar, float>::value) {
    // Eigen's SIMD sqrt/division on chunks, in double: the products of floats are exact, so the
    // determinant has a single rounding.
    using ArrayD = Eigen::Array<double, Eigen::Dynamic, 1>;
    using ConstMapF = Eigen::Map<const Eigen::Array<float, Eigen::Dynamic, 1>>;
    using MapF = Eigen::Map<Eigen::Array<float, Eigen::Dynamic, 1>>;
    constexpr Eigen::Index chunk = 2048;
    ArrayD a(chunk), b(chunk), d(chunk), m(chunk), rad(chunk), l(chunk);
    for (Eigen::Index start = 0; start < n; start += chunk) {
      const Eigen::Index len = std::min(chunk, n - start);
      auto as = a.head(len), bs = b.head(len), ds = d.head(len), ms = m.head(len), rs = rad.head(len), ls = l.head(len);
      as = ConstMapF(xx + start, len).cast<double>();
      bs = ConstMapF(xy + start, len).cast<double>();
      ds = ConstMapF(yy + start, len).cast<double>();
      ms = 0.5 * as + 0.5 * ds;
      rs = ((0.5 * as - 0.5 * ds).square() + bs.square()).sqrt();
      ls = (ms >= 0.0).select(ms + rs, ms - rs);
      MapF(large + start, len) = ls.cast<float>();
      MapF(small + start, len) = (ls != 0.0).select((as * ds - bs * bs) / ls, 0.0).cast<float>();
    }
    return;
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    const double a = double(xx[i]), b = double(xy[i]), d = double(yy[i]);
    const double m = 0.5 * a + 0.5 * d;
    const double h = 0.5 * a - 0.5 * d;
    const double rad = std::sqrt(h * h + b * b);
    const double l = m + std::copysign(rad, m);
    const double det = det2_symmetric(a, b, d);
    const double q = det / l;
    large[i] = static_cast<Scalar>(l);
    small[i] = static_cast<Scalar>(l != 0.0 ? q : 0.0);
  }
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_IMAGE_DETAIL_IMAGE_ARG_HPP
