/// @file image/detail/symmetric3x3.hpp
/// @brief Internals of the image module: the closed-form (trigonometric) eigenvalues of a
/// symmetric 3 x 3 matrix, ordered by magnitude.
#ifndef SPECTRAKIT_IMAGE_DETAIL_SYMMETRIC3X3_HPP
#define SPECTRAKIT_IMAGE_DETAIL_SYMMETRIC3X3_HPP

#include <Eigen/Core>
#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "image_arg.hpp"

namespace spectrakit {
namespace detail {

/// Sorts three values by magnitude, |l1| <= |l2| <= |l3| (ties keep the order given).
inline void sort_by_magnitude(double& l1, double& l2, double& l3) {
  // Branch-free compare-exchanges (the order of Hessian eigenvalues is unpredictable).
  auto exchange = [](double& a, double& b) {
    const bool swap = std::abs(b) < std::abs(a);
    const double lo = swap ? b : a, hi = swap ? a : b;
    a = lo;
    b = hi;
  };
  exchange(l1, l2);
  exchange(l2, l3);
  exchange(l1, l2);
}

/// The eigenvalues of [[a, d, e], [d, b, f], [e, f, c]] (in no particular order) for entries
/// whose squares and cubes neither overflow nor underflow harmfully (max |entry| in [1/2, 1)
/// after scaling, or float entries widened to double).
///
/// Smith's trigonometric form (CACM 4, 1961): with q = trace / 3, p = sqrt(tr((A - q I)^2) / 6)
/// and B = (A - q I) / p, the eigenvalues of B are 2 cos(phi + 2 pi k / 3), k = 0, 1, 2, with
/// phi = acos(det(B) / 2) / 3 in [0, pi / 3]. acos is ill-conditioned at +-1, which is where two
/// eigenvalues meet: there the pair that meets is wrong by sqrt(epsilon) (Eigen's computeDirect
/// has this weakness), while the third, isolated one (2 cos phi for det(B) >= 0, else
/// 2 cos(phi + 2 pi / 3)) is at least 1.7 away from the others and accurate. So only that one is
/// taken from the formula; its eigenvector v is the largest cross product of two rows of
/// B - mu I, and the other two are the eigenvalues of B restricted to the plane orthogonal to v,
/// a 2 x 2 symmetric matrix solved by the cancellation-free closed form of the 2-D module. All
/// three then have an absolute error of a few ulps of max |entry|, repeated or not. A diagonal
/// matrix returns its diagonal exactly; a multiple of the identity (p = 0) returns q.
inline void symmetric3x3_eigenvalues_core(double a, double b, double c, double d, double e, double f, double& e0,
                                          double& e1, double& e2) {
  if (d == 0.0 && e == 0.0 && f == 0.0) {  // diagonal: exact
    e0 = a;
    e1 = b;
    e2 = c;
    return;
  }
  const double q = (a + b + c) / 3.0;
  const double a0 = a - q, b0 = b - q, c0 = c - q;
  const double p = std::sqrt((a0 * a0 + b0 * b0 + c0 * c0 + 2.0 * (d * d + e * e + f * f)) / 6.0);  // > 0
  const double inv = 1.0 / p;
  const double ba = a0 * inv, bb = b0 * inv, bc = c0 * inv, bd = d * inv, be = e * inv, bf = f * inv;
  const double det = ba * (bb * bc - bf * bf) - bd * (bd * bc - bf * be) + be * (bd * bf - bb * be);
  const double r = std::min(1.0, std::max(-1.0, det / 2.0));
  // The isolated eigenvalue of B: 2 cos(phi) for r >= 0, 2 cos(phi + 2 pi / 3) for r < 0.
  constexpr double two_pi_over_3 = 2.0943951023931954923;
  const double mu = 2.0 * std::cos(std::acos(r) / 3.0 + (r >= 0.0 ? 0.0 : two_pi_over_3));
  // Its eigenvector: the largest cross product of two rows of B - mu I (rank 2).
  const Eigen::Vector3d r0(ba - mu, bd, be), r1(bd, bb - mu, bf), r2(be, bf, bc - mu);
  Eigen::Vector3d v = r0.cross(r1);
  double best = v.squaredNorm();
  const Eigen::Vector3d v02 = r0.cross(r2), v12 = r1.cross(r2);
  if (v02.squaredNorm() > best) {
    v = v02;
    best = v02.squaredNorm();
  }
  if (v12.squaredNorm() > best) {
    v = v12;
    best = v12.squaredNorm();
  }
  if (!(best > 0.0)) {  // cannot happen for p > 0 and finite entries: B has 3 distinct eigenvalue groups
    e0 = e1 = e2 = q + p * mu;
    return;
  }
  v /= std::sqrt(best);
  // An orthonormal basis u, w of the plane orthogonal to v.
  Eigen::Index k = 0;
  v.cwiseAbs().minCoeff(&k);
  Eigen::Vector3d u = v.cross(Eigen::Vector3d::Unit(k));
  u.normalize();
  const Eigen::Vector3d w = v.cross(u);
  Eigen::Matrix3d bm;
  bm << ba, bd, be, bd, bb, bf, be, bf, bc;
  const Eigen::Vector3d bu = bm * u, bw = bm * w;
  double small = 0.0, large = 0.0;
  symmetric2x2_eigenvalues_core(u.dot(bu), 0.5 * (w.dot(bu) + u.dot(bw)), w.dot(bw), small, large);
  e0 = q + p * mu;
  e1 = q + p * small;
  e2 = q + p * large;
}

/// Eigenvalues of the symmetric [[a, d, e], [d, b, f], [e, f, c]] with |l1| <= |l2| <= |l3|.
/// Double entries are scaled by a power of two (exact) so that the largest lies in [1/2, 1);
/// float entries are widened to double, where nothing can overflow or underflow harmfully.
template <typename Scalar>
void symmetric3x3_eigenvalues(Scalar a, Scalar b, Scalar c, Scalar d, Scalar e, Scalar f, Scalar& l1, Scalar& l2,
                              Scalar& l3) {
  double e0 = 0.0, e1 = 0.0, e2 = 0.0;  // the three eigenvalues, unordered until sorted
  if constexpr (std::is_same<Scalar, float>::value) {
    symmetric3x3_eigenvalues_core(a, b, c, d, e, f, e0, e1, e2);
  } else {
    const double s = std::max({std::abs(a), std::abs(b), std::abs(c), std::abs(d), std::abs(e), std::abs(f)});
    if (s == 0.0) {
      l1 = l2 = l3 = Scalar(0);
      return;
    }
    int ex = 0;
    std::frexp(s, &ex);             // s = m 2^ex, m in [1/2, 1)
    if (ex > -1000 && ex < 1000) {  // 2^-ex is a normal number: scale by one exact product each
      const double down = std::ldexp(1.0, -ex);
      symmetric3x3_eigenvalues_core(a * down, b * down, c * down, d * down, e * down, f * down, e0, e1, e2);
    } else {
      symmetric3x3_eigenvalues_core(std::ldexp(double(a), -ex), std::ldexp(double(b), -ex), std::ldexp(double(c), -ex),
                                    std::ldexp(double(d), -ex), std::ldexp(double(e), -ex), std::ldexp(double(f), -ex),
                                    e0, e1, e2);
    }
    e0 = std::ldexp(e0, ex);
    e1 = std::ldexp(e1, ex);
    e2 = std::ldexp(e2, ex);
  }
  sort_by_magnitude(e0, e1, e2);  // now |e0| <= |e1| <= |e2|
  l1 = static_cast<Scalar>(e0);
  l2 = static_cast<Scalar>(e1);
  l3 = static_cast<Scalar>(e2);
}

/// The number of matrices symmetric3x3_eigenvalues_chunk() takes at once (its ~60 temporaries of
/// this length live on the stack: 60 KiB).
constexpr int symmetric3x3_chunk = 128;

/// The eigenvalues of n symmetric 3 x 3 matrices with entries within [2^-300, 2^300] in
/// magnitude (or zero; any float), by the method of symmetric3x3_eigenvalues_core() in
/// structure-of-arrays form: Eigen array expressions (SIMD, branch-free selects) for everything
/// but acos and cos, which are libm calls per voxel. n <= symmetric3x3_chunk.
template <typename Scalar>
void symmetric3x3_eigenvalues_chunk(const Scalar* xx, const Scalar* xy, const Scalar* xz, const Scalar* yy,
                                    const Scalar* yz, const Scalar* zz, Scalar* l1, Scalar* l2, Scalar* l3,
                                    Eigen::Index n) {
  // At most symmetric3x3_chunk entries: storage inside the object, no allocation per temporary.
  using A = Eigen::Array<double, Eigen::Dynamic, 1, Eigen::ColMajor, symmetric3x3_chunk, 1>;
  using In = Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>>;
  using Out = Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>>;
  const A a = In(xx, n).template cast<double>(), b = In(yy, n).template cast<double>();
  const A c = In(zz, n).template cast<double>(), d = In(xy, n).template cast<double>();
  const A e = In(xz, n).template cast<double>(), f = In(yz, n).template cast<double>();
  const A q = (a + b + c) / 3.0;
  A ba = a - q, bb = b - q, bc = c - q;
  const A p = ((ba.square() + bb.square() + bc.square() + 2.0 * (d.square() + e.square() + f.square())) / 6.0).sqrt();
  const A inv = (p > 0.0).select(p.inverse(), 0.0);  // p = 0: a multiple of the identity
  ba *= inv;
  bb *= inv;
  bc *= inv;
  const A bd = d * inv, be = e * inv, bf = f * inv;
  const A r =
      ((ba * (bb * bc - bf * bf) - bd * (bd * bc - bf * be) + be * (bd * bf - bb * be)) / 2.0).min(1.0).max(-1.0);
  // The isolated eigenvalue of B (libm, per voxel).
  A mu(n);
  constexpr double two_pi_over_3 = 2.0943951023931954923;
  for (Eigen::Index i = 0; i < n; ++i)
    mu(i) = 2.0 * std::cos(std::acos(r(i)) / 3.0 + (r(i) >= 0.0 ? 0.0 : two_pi_over_3));
  // Rows of B - mu I and their cross products; v = the largest.
  const A r0x = ba - mu, r1y = bb - mu, r2z = bc - mu;
  // r0 = (r0x, bd, be), r1 = (bd, r1y, bf), r2 = (be, bf, r2z)
  A vx = bd * bf - be * r1y, vy = be * bd - r0x * bf, vz = r0x * r1y - bd * bd;  // r0 x r1
  A best = vx.square() + vy.square() + vz.square();
  auto keep_larger = [&](const A& cx, const A& cy, const A& cz) {
    const A cn = cx.square() + cy.square() + cz.square();
    const auto take = cn > best;
    vx = take.select(cx, vx);
    vy = take.select(cy, vy);
    vz = take.select(cz, vz);
    best = take.select(cn, best);
  };
  keep_larger(bd * r2z - be * bf, be * be - r0x * r2z, r0x * bf - bd * be);  // r0 x r2
  keep_larger(r1y * r2z - bf * bf, bf * be - bd * r2z, bd * bf - r1y * be);  // r1 x r2
  const A vinv = (best > 0.0).select(best.sqrt().inverse(), 0.0);
  vx *= vinv;
  vy *= vinv;
  vz *= vinv;
  // u = v x e_k for the axis k of the smallest |v_k|, normalized; w = v x u.
  const A ax = vx.abs(), ay = vy.abs(), az = vz.abs();
  const auto kx = (ax <= ay) && (ax <= az);
  const auto ky = !kx && (ay <= az);
  // v x e_x = (0, vz, -vy), v x e_y = (-vz, 0, vx), v x e_z = (vy, -vx, 0)
  A ux = kx.select(0.0, ky.select(-vz, vy));
  A uy = kx.select(vz, ky.select(0.0, -vx));
  A uz = kx.select(-vy, ky.select(vx, 0.0));
  const A un = ux.square() + uy.square() + uz.square();
  const A uinv = (un > 0.0).select(un.sqrt().inverse(), 0.0);
  ux *= uinv;
  uy *= uinv;
  uz *= uinv;
  const A wx = vy * uz - vz * uy, wy = vz * ux - vx * uz, wz = vx * uy - vy * ux;
  // The 2 x 2 compression [[u'Bu, u'Bw], [u'Bw, w'Bw]] and its eigenvalues (closed form).
  const A bux = ba * ux + bd * uy + be * uz, buy = bd * ux + bb * uy + bf * uz, buz = be * ux + bf * uy + bc * uz;
  const A bwx = ba * wx + bd * wy + be * wz, bwy = bd * wx + bb * wy + bf * wz, bwz = be * wx + bf * wy + bc * wz;
  const A c11 = ux * bux + uy * buy + uz * buz, c22 = wx * bwx + wy * bwy + wz * bwz;
  const A c12 = 0.5 * ((wx * bux + wy * buy + wz * buz) + (ux * bwx + uy * bwy + uz * bwz));
  const A m = 0.5 * c11 + 0.5 * c22;
  const A rad = ((0.5 * c11 - 0.5 * c22).square() + c12.square()).sqrt();
  const A large = (m >= 0.0).select(m + rad, m - rad);
  A small(n);
  for (Eigen::Index i = 0; i < n; ++i)
    small(i) = large(i) != 0.0 ? det2_symmetric(c11(i), c12(i), c22(i)) / large(i) : 0.0;
  const auto diagonal = (d == 0.0) && (e == 0.0) && (f == 0.0);  // exact
  A e0 = diagonal.select(a, q + p * mu), e1 = diagonal.select(b, q + p * small), e2 = diagonal.select(c, q + p * large);
  // Sort by magnitude: three branch-free compare-exchanges.
  auto exchange = [](A& x, A& y) {
    const auto swap = y.abs() < x.abs();
    const A lo = swap.select(y, x);
    y = swap.select(x, y);
    x = lo;
  };
  exchange(e0, e1);
  exchange(e1, e2);
  exchange(e0, e1);
  Out(l1, n) = e0.template cast<Scalar>();
  Out(l2, n) = e1.template cast<Scalar>();
  Out(l3, n) = e2.template cast<Scalar>();
}

/// The eigenvalues at n voxels (the six Hessian entries -> l1, l2, l3 ordered by magnitude), in
/// chunks: chunks whose entries are all within [2^-300, 2^300] in magnitude (or zero; always
/// for float) take the SIMD path, others the scalar path that scales each matrix by a power of
/// two.
template <typename Scalar>
void symmetric3x3_eigenvalues_n(const Scalar* xx, const Scalar* xy, const Scalar* xz, const Scalar* yy,
                                const Scalar* yz, const Scalar* zz, Scalar* l1, Scalar* l2, Scalar* l3,
                                Eigen::Index n) {
  constexpr Eigen::Index chunk = symmetric3x3_chunk;
  for (Eigen::Index start = 0; start < n; start += chunk) {
    const Eigen::Index len = std::min(chunk, n - start);
    bool in_range = true;
    if constexpr (std::is_same<Scalar, double>::value) {
      double hi = 0.0, lo = std::numeric_limits<double>::infinity();
      for (const Scalar* comp : {xx, xy, xz, yy, yz, zz}) {
        const Eigen::Map<const Eigen::ArrayXd> x(comp + start, len);
        hi = std::max(hi, x.abs().maxCoeff());
        lo = std::min(lo, (x == 0.0).select(std::numeric_limits<double>::infinity(), x.abs()).minCoeff());
      }
      in_range = hi <= 0x1p300 && lo >= 0x1p-300;
    }
    if (in_range) {
      symmetric3x3_eigenvalues_chunk(xx + start, xy + start, xz + start, yy + start, yz + start, zz + start, l1 + start,
                                     l2 + start, l3 + start, len);
    } else {
      for (Eigen::Index i = start; i < start + len; ++i)
        symmetric3x3_eigenvalues(xx[i], yy[i], zz[i], xy[i], xz[i], yz[i], l1[i], l2[i], l3[i]);
    }
  }
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_IMAGE_DETAIL_SYMMETRIC3X3_HPP
