// Tests of the image module's volumes: Volume and VolumeView, the Gaussian-derivative Hessian of
// a volume on closed forms, against the 2-D Hessian and under permutations of the axes, the
// closed-form 3 x 3 eigenvalues against Eigen's solvers, and Frangi's 3-D vesselness on tubes,
// plates and blobs.
#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <limits>
#include <random>
#include <spectrakit/image.hpp>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "spectrakit_catch.hpp"
#include "test_util.hpp"

using namespace spectrakit_test;
using spectrakit::BoundaryMode;
using spectrakit::Image;
using spectrakit::Volume;

namespace {

// f(x, y, z) on an nx x ny x nz grid.
template <typename Scalar, typename F>
Volume<Scalar> make_volume(Eigen::Index nx, Eigen::Index ny, Eigen::Index nz, F f) {
  Volume<Scalar> v(nx, ny, nz);
  for (Eigen::Index z = 0; z < nz; ++z)
    for (Eigen::Index y = 0; y < ny; ++y)
      for (Eigen::Index x = 0; x < nx; ++x) v(x, y, z) = static_cast<Scalar>(f(double(x), double(y), double(z)));
  return v;
}

template <typename Scalar>
Volume<Scalar> random_volume(Eigen::Index nx, Eigen::Index ny, Eigen::Index nz, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  return make_volume<Scalar>(nx, ny, nz, [&](double, double, double) { return normal(rng); });
}

template <typename Scalar>
Scalar max_abs_difference(const Volume<Scalar>& a, const Volume<Scalar>& b) {
  REQUIRE(a.same_shape(b));
  return (a.values() - b.values()).abs().maxCoeff();
}

// A Gaussian tube of width w through the point c along the unit direction u:
// amplitude * exp(-d^2 / 2 w^2), d the distance to the axis.
template <typename Scalar>
Volume<Scalar> tube(Eigen::Index n, std::array<double, 3> c, std::array<double, 3> u, double w, double amplitude) {
  return make_volume<Scalar>(n, n, n, [&](double x, double y, double z) {
    const double px = x - c[0], py = y - c[1], pz = z - c[2];
    const double t = px * u[0] + py * u[1] + pz * u[2];
    const double d2 = px * px + py * py + pz * pz - t * t;
    return amplitude * std::exp(-d2 / (2 * w * w));
  });
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Volume and VolumeView

TEST_CASE("Volume: layout x fastest, checked access, views of a caller's buffer", "[image][3d]") {
  Volume<double> v(2, 3, 4);
  CHECK(v.size() == 24);
  CHECK(v.values().maxCoeff() == 0.0);  // zero-initialized
  for (Eigen::Index i = 0; i < v.size(); ++i) v.data()[i] = double(i);
  // voxel (x, y, z) is entry x + nx (y + ny z)
  CHECK(v(1, 0, 0) == 1.0);
  CHECK(v(0, 1, 0) == 2.0);
  CHECK(v(0, 0, 1) == 6.0);
  CHECK(v(1, 2, 3) == 1.0 + 2.0 * (2.0 + 3.0 * 3.0));
  CHECK(v.index(1, 2, 3) == 23);
  CHECK(v.at(1, 2, 3) == 23.0);
  v.at(0, 0, 0) = -1.0;
  CHECK(v(0, 0, 0) == -1.0);
  CHECK_THROWS_AS(v.at(2, 0, 0), std::out_of_range);
  CHECK_THROWS_AS(v.at(0, -1, 0), std::out_of_range);
  CHECK_THROWS_AS(static_cast<const Volume<double>&>(v).at(0, 0, 4), std::out_of_range);
  // slice(z) is nx x ny with entry (x, y)
  CHECK(v.slice(2).rows() == 2);
  CHECK(v.slice(2).cols() == 3);
  CHECK(v.slice(2)(1, 2) == v(1, 2, 2));
  v.slice(1).setConstant(7.0);
  CHECK(v(1, 1, 1) == 7.0);
  CHECK(v(1, 1, 2) == 1.0 + 2.0 * (1.0 + 3.0 * 2.0));
  // Constant fill, adoption of a flat array, a copy of a view.
  const Volume<float> c(3, 1, 2, 2.5f);
  CHECK(c.values().minCoeff() == 2.5f);
  Eigen::ArrayXd flat = Eigen::ArrayXd::LinSpaced(6, 0, 5);
  const Volume<double> adopted(3, 2, 1, flat);
  CHECK(adopted(2, 1, 0) == 5.0);
  std::vector<double> buffer(24, 1.5);
  const spectrakit::VolumeView<double> view(buffer.data(), 4, 3, 2);
  CHECK(view(3, 2, 1) == 1.5);
  CHECK(view.values().size() == 24);
  const Volume<double> copy(view);
  CHECK(copy.same_shape(view));
  CHECK(copy(3, 2, 1) == 1.5);
  CHECK(Volume<double>().empty());
  SPECTRAKIT_REQUIRE_INVALID(Volume<double>(3, 2, 2, flat), "argument 'values' must have nx * ny * nz = 12 entries");
  SPECTRAKIT_REQUIRE_INVALID(Volume<double>(-1, 2, 2), "argument 'nx, ny, nz' must be >= 0");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::VolumeView<double>(nullptr, 2, 2, 2), "argument 'data' must not be null");
  const Eigen::Index big = Eigen::Index(1) << 40;
  SPECTRAKIT_REQUIRE_INVALID(Volume<double>(big, big, 2), "more than an Eigen::Index holds");
}

// ---------------------------------------------------------------------------------------------
// Hessian

TEMPLATE_TEST_CASE("image_hessian_3d of a quadratic volume is exact away from the border", "[image][3d]", float,
                   double) {
  // V = a x^2 + b y^2 + c z^2 + d xy + e xz + f yz + linear: H = [[2a, d, e], [d, 2b, f], [e, f, 2c]].
  const double a = 0.3, b = -0.7, c = 1.1, d = 0.45, e = -0.25, f = 0.6;
  const Eigen::Index nx = 20, ny = 18, nz = 16;
  const auto vol = make_volume<TestType>(nx, ny, nz, [&](double x, double y, double z) {
    return a * x * x + b * y * y + c * z * z + d * x * y + e * x * z + f * y * z + 0.5 * x - y + 2;
  });
  const TestType scale = vol.values().abs().maxCoeff();
  for (const double sigma : {0.5, 1.0, 1.6}) {
    for (const bool normalized : {false, true}) {
      spectrakit::ImageHessianOptions o;
      o.scale_normalized = normalized;
      const auto h = spectrakit::image_hessian_3d(vol, sigma, o);
      const Eigen::Index r = std::max<Eigen::Index>(1, Eigen::Index(std::floor(4.0 * sigma + 0.5)));
      const double g = normalized ? sigma * sigma : 1.0;
      const TestType tol = TestType(64) * eps<TestType>() * scale * TestType(g) * TestType(1 + 1 / (sigma * sigma));
      INFO("sigma " << sigma << " normalized " << normalized << " tol " << tol);
      const std::array<std::pair<const Volume<TestType>*, double>, 6> expected = {
          {{&h.xx, 2 * a}, {&h.xy, d}, {&h.xz, e}, {&h.yy, 2 * b}, {&h.yz, f}, {&h.zz, 2 * c}}};
      for (const auto& [component, value] : expected) {
        TestType worst = 0;
        for (Eigen::Index z = r; z < nz - r; ++z)
          for (Eigen::Index y = r; y < ny - r; ++y)
            for (Eigen::Index x = r; x < nx - r; ++x)
              worst = std::max(worst, std::abs((*component)(x, y, z) - TestType(value * g)));
        INFO("expected " << value * g);
        CHECK(worst <= tol);
      }
    }
  }
}

TEMPLATE_TEST_CASE("image_hessian_3d of a volume constant along z is the 2-D image_hessian", "[image][3d]", float,
                   double) {
  // V(x, y, z) = I(y, x) for every z: xx, xy, yy are the 2-D Hessian's (Image is indexed (y, x)),
  // xz = yz = zz = 0 (the z-smoothing of a constant is the constant up to rounding).
  const auto img = spectrakit_test::random_normal<double>(13, 11, 5).array().eval();  // 13 rows (y), 11 columns (x)
  for (const Eigen::Index nz : {Eigen::Index(1), Eigen::Index(6)}) {
    const auto vol = make_volume<TestType>(
        11, 13, nz, [&](double x, double y, double) { return img(Eigen::Index(y), Eigen::Index(x)); });
    for (const auto mode : {BoundaryMode::reflect, BoundaryMode::mirror, BoundaryMode::nearest, BoundaryMode::wrap}) {
      spectrakit::ImageHessianOptions o;
      o.boundary = mode;
      o.scale_normalized = true;
      const double sigma = 1.4;
      const auto h2 = spectrakit::image_hessian(img.template cast<TestType>().eval(), sigma, o);
      const auto h3 = spectrakit::image_hessian_3d(vol, sigma, o);
      const TestType tol = TestType(64) * eps<TestType>() * img.abs().maxCoeff();
      INFO("nz " << nz << " mode " << spectrakit::to_string(mode));
      TestType dxx = 0, dxy = 0, dyy = 0;
      for (Eigen::Index z = 0; z < nz; ++z)
        for (Eigen::Index y = 0; y < 13; ++y)
          for (Eigen::Index x = 0; x < 11; ++x) {
            dxx = std::max(dxx, std::abs(h3.xx(x, y, z) - h2.xx(y, x)));
            dxy = std::max(dxy, std::abs(h3.xy(x, y, z) - h2.xy(y, x)));
            dyy = std::max(dyy, std::abs(h3.yy(x, y, z) - h2.yy(y, x)));
          }
      CHECK(dxx <= tol);
      CHECK(dxy <= tol);
      CHECK(dyy <= tol);
      CHECK(h3.xz.values().abs().maxCoeff() == TestType(0));  // odd z-kernel on equal slices: exactly 0
      CHECK(h3.yz.values().abs().maxCoeff() == TestType(0));
      CHECK(h3.zz.values().abs().maxCoeff() <= tol);
    }
  }
}

TEST_CASE("image_hessian_3d: permuting the axes permutes the components", "[image][3d]") {
  const auto v = random_volume<double>(9, 11, 7, 11);
  // W(X, Y, Z) = V(x = Z, y = X, z = Y): W is ny x nz x nx.
  Volume<double> w(11, 7, 9);
  for (Eigen::Index Z = 0; Z < 9; ++Z)
    for (Eigen::Index Y = 0; Y < 7; ++Y)
      for (Eigen::Index X = 0; X < 11; ++X) w(X, Y, Z) = v(Z, X, Y);
  // V transposed in x and y: T(X, Y, Z) = V(Y, X, Z).
  Volume<double> t(11, 9, 7);
  for (Eigen::Index Z = 0; Z < 7; ++Z)
    for (Eigen::Index Y = 0; Y < 9; ++Y)
      for (Eigen::Index X = 0; X < 11; ++X) t(X, Y, Z) = v(Y, X, Z);
  for (const auto mode : {BoundaryMode::reflect, BoundaryMode::wrap, BoundaryMode::constant}) {
    spectrakit::ImageHessianOptions o;
    o.boundary = mode;
    o.cval = 0.75;
    const auto hv = spectrakit::image_hessian_3d(v, 1.3, o);
    const auto hw = spectrakit::image_hessian_3d(w, 1.3, o);
    const auto ht = spectrakit::image_hessian_3d(t, 1.3, o);
    const double tol = 64 * eps<double>() * v.values().abs().maxCoeff();
    INFO("mode " << spectrakit::to_string(mode));
    double err_w = 0, err_t = 0;
    for (Eigen::Index z = 0; z < 7; ++z)
      for (Eigen::Index y = 0; y < 11; ++y)
        for (Eigen::Index x = 0; x < 9; ++x) {
          // d/dX = d/dy, d/dY = d/dz, d/dZ = d/dx at W(y, z, x) = V(x, y, z).
          const std::array<double, 12> pairs = {hw.xx(y, z, x), hv.yy(x, y, z), hw.xy(y, z, x), hv.yz(x, y, z),
                                                hw.xz(y, z, x), hv.xy(x, y, z), hw.yy(y, z, x), hv.zz(x, y, z),
                                                hw.yz(y, z, x), hv.xz(x, y, z), hw.zz(y, z, x), hv.xx(x, y, z)};
          for (std::size_t i = 0; i < 12; i += 2) err_w = std::max(err_w, std::abs(pairs[i] - pairs[i + 1]));
          // T(y, x, z) = V(x, y, z): xx <-> yy, xz <-> yz, xy and zz fixed.
          const std::array<double, 12> tp = {ht.xx(y, x, z), hv.yy(x, y, z), ht.yy(y, x, z), hv.xx(x, y, z),
                                             ht.xz(y, x, z), hv.yz(x, y, z), ht.yz(y, x, z), hv.xz(x, y, z),
                                             ht.xy(y, x, z), hv.xy(x, y, z), ht.zz(y, x, z), hv.zz(x, y, z)};
          for (std::size_t i = 0; i < 12; i += 2) err_t = std::max(err_t, std::abs(tp[i] - tp[i + 1]));
        }
    CHECK(err_w <= tol);
    CHECK(err_t <= tol);
  }
}

TEST_CASE("image_hessian_3d: constant mode is the volume padded with cval", "[image][3d]") {
  // Pad V by the kernel radius with cval on every side; any boundary rule then reads only the
  // padding, so the interior of the padded result is the constant-mode Hessian of V.
  const auto v = random_volume<double>(6, 5, 7, 21);
  const double sigma = 0.9, cval = -1.25;
  const Eigen::Index r = 4;                                      // floor(4 * 0.9 + 0.5)
  Volume<double> padded(6 + 4 * r, 5 + 4 * r, 7 + 4 * r, cval);  // 2r: reflect cannot reach V
  for (Eigen::Index z = 0; z < 7; ++z)
    for (Eigen::Index y = 0; y < 5; ++y)
      for (Eigen::Index x = 0; x < 6; ++x) padded(x + 2 * r, y + 2 * r, z + 2 * r) = v(x, y, z);
  spectrakit::ImageHessianOptions o;
  o.boundary = BoundaryMode::constant;
  o.cval = cval;
  const auto h = spectrakit::image_hessian_3d(v, sigma, o);
  const auto hp = spectrakit::image_hessian_3d(padded, sigma);
  const double tol = 64 * eps<double>() * 4.0;
  double err = 0;
  for (Eigen::Index z = 0; z < 7; ++z)
    for (Eigen::Index y = 0; y < 5; ++y)
      for (Eigen::Index x = 0; x < 6; ++x) {
        const Eigen::Index X = x + 2 * r, Y = y + 2 * r, Z = z + 2 * r;
        err = std::max({err, std::abs(h.xx(x, y, z) - hp.xx(X, Y, Z)), std::abs(h.xy(x, y, z) - hp.xy(X, Y, Z)),
                        std::abs(h.xz(x, y, z) - hp.xz(X, Y, Z)), std::abs(h.yy(x, y, z) - hp.yy(X, Y, Z)),
                        std::abs(h.yz(x, y, z) - hp.yz(X, Y, Z)), std::abs(h.zz(x, y, z) - hp.zz(X, Y, Z))});
      }
  CHECK(err <= tol);
  // A constant volume equal to cval: zero Hessian in every mode.
  const Volume<double> flat(5, 6, 7, cval);
  for (const auto mode : {BoundaryMode::reflect, BoundaryMode::mirror, BoundaryMode::nearest, BoundaryMode::wrap,
                          BoundaryMode::constant}) {
    o.boundary = mode;
    const auto hf = spectrakit::image_hessian_3d(flat, 1.7, o);
    INFO("mode " << spectrakit::to_string(mode));
    for (const auto* c : {&hf.xx, &hf.xy, &hf.xz, &hf.yy, &hf.yz, &hf.zz})
      CHECK(c->values().abs().maxCoeff() <= 16 * eps<double>() * std::abs(cval));
  }
}

TEMPLATE_TEST_CASE("image_hessian_3d: float agrees with double, views agree with volumes", "[image][3d]", float,
                   double) {
  const auto vd = make_volume<double>(10, 9, 8, [](double x, double y, double z) {
    return 10.0 * std::sin(0.3 * x + 0.2 * y - 0.4 * z) + 0.1 * x * z;
  });
  const Volume<TestType> v(vd.nx(), vd.ny(), vd.nz(), vd.values().template cast<TestType>().eval());
  const auto h = spectrakit::image_hessian_3d(v, 1.5);
  const Volume<double> back(v.nx(), v.ny(), v.nz(), v.values().template cast<double>().eval());
  const auto hd = spectrakit::image_hessian_3d(back, 1.5);
  const double tol = 64 * double(eps<TestType>()) * 10.0;
  CHECK((h.xx.values().template cast<double>() - hd.xx.values()).abs().maxCoeff() <= tol);
  CHECK((h.xz.values().template cast<double>() - hd.xz.values()).abs().maxCoeff() <= tol);
  CHECK((h.zz.values().template cast<double>() - hd.zz.values()).abs().maxCoeff() <= tol);
  // A view of a std::vector gives bit-identical results.
  std::vector<TestType> buffer(v.data(), v.data() + v.size());
  const auto hv = spectrakit::image_hessian_3d(spectrakit::VolumeView<TestType>(buffer.data(), 10, 9, 8), 1.5);
  CHECK(max_abs_difference(hv.yz, h.yz) == TestType(0));
}

namespace {

// A volume stored flat (x fastest, one value per line) in tests/data/image/volume/.
Volume<double> read_volume(const std::string& name, Eigen::Index nx, Eigen::Index ny, Eigen::Index nz) {
  const std::string path = std::string(SPECTRAKIT_TEST_DATA_DIR) + "/image/volume/" + name;
  std::ifstream in(path);
  INFO("reading " << path);
  REQUIRE(in.good());
  std::vector<double> values;
  double v;
  while (in >> v) values.push_back(v);
  REQUIRE(Eigen::Index(values.size()) == nx * ny * nz);
  return Volume<double>(nx, ny, nz, Eigen::Map<const Eigen::ArrayXd>(values.data(), nx * ny * nz));
}

}  // namespace

TEST_CASE("image_hessian_3d with sampled kernels reproduces scipy.ndimage.gaussian_filter", "[image][3d][peers]") {
  // make_reference_3d.py: ndi.gaussian_filter(V, sigma=1.2, order=(oz, oy, ox), mode=MODE,
  // cval=0, truncate=4) on the NumPy array V[z, y, x] (C order = the Volume's memory order):
  // xx = (0, 0, 2), xy = (0, 1, 1), xz = (1, 0, 1), yy = (0, 2, 0), yz = (1, 1, 0), zz = (2, 0, 0).
  const Volume<double> v = read_volume("input.txt", 7, 6, 5);
  const std::vector<std::pair<BoundaryMode, std::string>> modes = {
      {BoundaryMode::reflect, "reflect"}, {BoundaryMode::wrap, "wrap"}, {BoundaryMode::constant, "constant"}};
  for (const auto& [mode, name] : modes) {
    spectrakit::ImageHessianOptions o;
    o.boundary = mode;
    o.kernel = spectrakit::DerivativeKernel::sampled;
    const auto h = spectrakit::image_hessian_3d(v, 1.2, o);
    INFO("mode " << name);
    const double tol = 64 * eps<double>();
    const std::array<std::pair<const Volume<double>*, const char*>, 6> components = {
        {{&h.xx, "xx"}, {&h.xy, "xy"}, {&h.xz, "xz"}, {&h.yy, "yy"}, {&h.yz, "yz"}, {&h.zz, "zz"}}};
    for (const auto& [component, suffix] : components) {
      INFO("component " << suffix);
      CHECK(max_abs_difference(*component, read_volume("ndimage_" + name + "_" + suffix + ".txt", 7, 6, 5)) <= tol);
    }
  }
}

TEST_CASE("frangi_vesselness_3d: Frangi's formula on scipy.ndimage derivatives and LAPACK eigenvalues",
          "[image][3d][peers]") {
  // make_reference_3d.py's frangi_ndimage_3d(): the formula evaluated by NumPy on
  // scipy.ndimage.gaussian_filter derivatives (sigma^2-normalized, mode='reflect') with
  // np.linalg.eigvalsh per voxel.
  const Volume<double> v = read_volume("input.txt", 7, 6, 5);
  spectrakit::FrangiOptions3D o;
  o.kernel = spectrakit::DerivativeKernel::sampled;
  o.sigmas = {0.8, 1.5};  // alpha = beta = 0.5, c = 0 (max S / 2 per scale), dark tubes
  const auto got = spectrakit::frangi_vesselness_3d(v, o);
  CHECK(max_abs_difference(got, read_volume("frangi_ndimage_auto_c.txt", 7, 6, 5)) <= 1e-12);
  CHECK(got.values().maxCoeff() > 0.6);
  o.sigmas = {1.0};
  o.alpha = 0.7;
  o.beta = 0.4;
  o.c = 0.02;
  o.black_ridges = false;
  const auto bright = spectrakit::frangi_vesselness_3d(v, o);
  CHECK(max_abs_difference(bright, read_volume("frangi_ndimage_bright_c02.txt", 7, 6, 5)) <= 1e-12);
  CHECK(bright.values().maxCoeff() > 0.3);
}

// ---------------------------------------------------------------------------------------------
// Eigenvalues

namespace {

// The eigenvalues by Eigen's QL solver in double, sorted by value.
std::array<double, 3> reference_eigenvalues(const Eigen::Matrix3d& m) {
  const Eigen::Vector3d ev = Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(m, Eigen::EigenvaluesOnly).eigenvalues();
  return {ev(0), ev(1), ev(2)};
}

template <typename Scalar>
void set_voxel(spectrakit::ImageHessian3D<Scalar>& h, Eigen::Index i, const Eigen::Matrix3d& m) {
  h.xx.data()[i] = Scalar(m(0, 0));
  h.xy.data()[i] = Scalar(m(0, 1));
  h.xz.data()[i] = Scalar(m(0, 2));
  h.yy.data()[i] = Scalar(m(1, 1));
  h.yz.data()[i] = Scalar(m(1, 2));
  h.zz.data()[i] = Scalar(m(2, 2));
}

template <typename Scalar>
Eigen::Matrix3d get_voxel(const spectrakit::ImageHessian3D<Scalar>& h, Eigen::Index i) {
  Eigen::Matrix3d m;
  m << h.xx.data()[i], h.xy.data()[i], h.xz.data()[i], h.xy.data()[i], h.yy.data()[i], h.yz.data()[i], h.xz.data()[i],
      h.yz.data()[i], h.zz.data()[i];
  return m;
}

}  // namespace

TEMPLATE_TEST_CASE("hessian_eigenvalues_3d: closed form against Eigen's solvers", "[image][3d]", float, double) {
  const Eigen::Index n = 400;
  spectrakit::ImageHessian3D<TestType> h{Volume<TestType>(n, 1, 1), Volume<TestType>(n, 1, 1),
                                         Volume<TestType>(n, 1, 1), Volume<TestType>(n, 1, 1),
                                         Volume<TestType>(n, 1, 1), Volume<TestType>(n, 1, 1)};
  std::mt19937_64 rng(17);
  std::normal_distribution<double> normal(0.0, 1.0);
  Eigen::Index i = 0;
  // Random symmetric matrices of several magnitudes.
  for (; i < 200; ++i) {
    Eigen::Matrix3d g;
    for (int k = 0; k < 9; ++k) g(k) = normal(rng);
    set_voxel(h, i, (g + g.transpose()) * std::pow(10.0, double(i % 7) - 3.0));
  }
  // Q diag(d) Q^T with repeated, zero and sign-mirrored eigenvalues.
  const std::vector<Eigen::Vector3d> spectra = {{1, 1, 2},  {2, 2, 2},     {0, 0, 5},   {0, 0, 0},  {1, -1, 2},
                                                {-3, 3, 3}, {1e-6, 1, 1},  {-4, -4, 1}, {7, 7, -7}, {1, 1 + 1e-7, 3},
                                                {0, 1, -1}, {1e-9, -2, 2}, {5, 5, 5.5}, {-1, 0, 0}, {3, -3, -3}};
  for (std::size_t s = 0; s < spectra.size(); ++s)
    for (int rep = 0; rep < 8; ++rep, ++i) {
      const Eigen::Matrix3d q = random_orthogonal<double>(3, 100 + 10 * s + std::uint64_t(rep));
      const Eigen::Matrix3d m = rep == 0 ? Eigen::Matrix3d(spectra[s].asDiagonal())  // diagonal, exact
                                         : Eigen::Matrix3d(q * spectra[s].asDiagonal() * q.transpose());
      set_voxel(h, i, m);
    }
  REQUIRE(i <= n);
  const auto e = spectrakit::hessian_eigenvalues_3d(h);
  double worst_direct = 0;
  for (Eigen::Index k = 0; k < i; ++k) {
    const Eigen::Matrix3d m = get_voxel(h, k);  // the matrix as stored (rounded to TestType)
    const auto ref = reference_eigenvalues(m);
    Eigen::Matrix3d direct_m = m;
    const Eigen::Vector3d direct =
        Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>().computeDirect(direct_m, Eigen::EigenvaluesOnly).eigenvalues();
    std::array<double, 3> got = {double(e.lambda1.data()[k]), double(e.lambda2.data()[k]), double(e.lambda3.data()[k])};
    INFO("voxel " << k << "\n" << m);
    CHECK(std::abs(got[0]) <= std::abs(got[1]));
    CHECK(std::abs(got[1]) <= std::abs(got[2]));
    std::sort(got.begin(), got.end());
    const double norm = m.cwiseAbs().maxCoeff();
    // A few ulps of the largest entry, in TestType's precision (float rounds the result once).
    const double tol = 8 * double(eps<TestType>()) * norm + 8 * eps<double>() * norm;
    for (int j = 0; j < 3; ++j) {
      CHECK(std::abs(got[std::size_t(j)] - ref[std::size_t(j)]) <= tol);
      // Eigen's computeDirect (the plain trigonometric form) loses half the digits where two
      // eigenvalues meet: acos is ill-conditioned at +-1.
      const double direct_error = std::abs(direct(j) - ref[std::size_t(j)]);
      CHECK(direct_error <= 1e-7 * norm);
      worst_direct = std::max(worst_direct, direct_error / norm);
    }
  }
  // The repeated spectra show it (in double; float rounding hides it).
  if (std::is_same<TestType, double>::value) CHECK(worst_direct > 1e-10);
  // Exact cases: the zero matrix, multiples of the identity, diagonal matrices.
  const Eigen::Index zero = 200 + 3 * 8, ident = 200 + 1 * 8;
  CHECK(e.lambda1.data()[zero] == TestType(0));
  CHECK(e.lambda3.data()[zero] == TestType(0));
  CHECK(e.lambda1.data()[ident] == TestType(2));
  CHECK(e.lambda2.data()[ident] == TestType(2));
  CHECK(e.lambda3.data()[ident] == TestType(2));
  const Eigen::Index diag005 = 200 + 2 * 8;
  CHECK(e.lambda3.data()[diag005] == TestType(5));
  CHECK(e.lambda2.data()[diag005] == TestType(0));
}

TEST_CASE("hessian_eigenvalues_3d: huge, tiny and subnormal entries are scaled, not lost", "[image][3d]") {
  for (const double s : {1e300, 1.5e-300, 4e-310, 1.0}) {
    const Eigen::Matrix3d q = random_orthogonal<double>(3, 5);
    const Eigen::Matrix3d m = q * Eigen::Vector3d(1, -2, 3).asDiagonal() * q.transpose();
    spectrakit::ImageHessian3D<double> h{Volume<double>(1, 1, 1), Volume<double>(1, 1, 1), Volume<double>(1, 1, 1),
                                         Volume<double>(1, 1, 1), Volume<double>(1, 1, 1), Volume<double>(1, 1, 1)};
    set_voxel(h, 0, m * s);
    const auto e = spectrakit::hessian_eigenvalues_3d(h);
    INFO("scale " << s);
    const double tol = s >= 1e-300 ? 1e-14 : 1e-5;  // subnormal entries carry few digits
    CHECK(e.lambda1(0, 0, 0) / s == Catch::Approx(1).epsilon(tol));
    CHECK(e.lambda2(0, 0, 0) / s == Catch::Approx(-2).epsilon(tol));
    CHECK(e.lambda3(0, 0, 0) / s == Catch::Approx(3).epsilon(tol));
  }
}

TEMPLATE_TEST_CASE("Hessian eigenvalues tell a tube from a plate from a blob", "[image][3d]", float, double) {
  const double w = 2.0;
  const Eigen::Index n = 24;
  const double c = 12;
  // Bright tube along z: lambda1 ~ 0, lambda2 ~ lambda3 < 0 on the axis.
  const auto t = tube<TestType>(n, {c, c, 0}, {0, 0, 1}, w, 1.0);
  const auto et = spectrakit::hessian_eigenvalues_3d(spectrakit::image_hessian_3d(t, 2.0));
  CHECK(et.lambda3(12, 12, 12) < TestType(-0.05));
  CHECK(std::abs(et.lambda2(12, 12, 12) - et.lambda3(12, 12, 12)) <= TestType(1e-4) * std::abs(et.lambda3(12, 12, 12)));
  CHECK(std::abs(et.lambda1(12, 12, 12)) <= TestType(1e-4) * std::abs(et.lambda3(12, 12, 12)));
  // Bright plate z = c: lambda1 ~ lambda2 ~ 0, lambda3 < 0.
  const auto p = make_volume<TestType>(
      n, n, n, [&](double, double, double z) { return std::exp(-(z - c) * (z - c) / (2 * w * w)); });
  const auto ep = spectrakit::hessian_eigenvalues_3d(spectrakit::image_hessian_3d(p, 2.0));
  CHECK(ep.lambda3(5, 7, 12) < TestType(-0.05));
  CHECK(std::abs(ep.lambda2(5, 7, 12)) <= TestType(1e-4) * std::abs(ep.lambda3(5, 7, 12)));
  // Bright blob: three equal negative eigenvalues at its centre.
  const auto b = make_volume<TestType>(n, n, n, [&](double x, double y, double z) {
    return std::exp(-((x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c)) / (2 * w * w));
  });
  const auto eb = spectrakit::hessian_eigenvalues_3d(spectrakit::image_hessian_3d(b, 2.0));
  CHECK(eb.lambda3(12, 12, 12) < TestType(-0.02));
  CHECK(std::abs(eb.lambda1(12, 12, 12) - eb.lambda3(12, 12, 12)) <= TestType(1e-4) * std::abs(eb.lambda3(12, 12, 12)));
}

// ---------------------------------------------------------------------------------------------
// Frangi vesselness

TEMPLATE_TEST_CASE("frangi_vesselness_3d: high on tubes along an axis and a diagonal, low off them", "[image][3d]",
                   float, double) {
  const Eigen::Index n = 32;
  const double w = 1.5;
  spectrakit::FrangiOptions3D o;  // black ridges: dark tubes
  o.sigmas = {1.0, 1.5, 2.0};
  const double r3 = 1.0 / std::sqrt(3.0);
  for (const auto& u : {std::array<double, 3>{0, 0, 1}, std::array<double, 3>{r3, r3, r3}}) {
    INFO("direction " << u[0] << " " << u[1] << " " << u[2]);
    const auto dark = tube<TestType>(n, {16, 16, 16}, u, w, -1.0);
    const auto v = spectrakit::frangi_vesselness_3d(dark, o);
    // The centreline: R_A = 1, R_B = 0: (1 - e^-2) (1 - exp(-S^2 / 2c^2)) with S near max S.
    for (const Eigen::Index t : {Eigen::Index(10), Eigen::Index(16), Eigen::Index(22)}) {
      const Eigen::Index x = u[2] == 1 ? 16 : t, y = x, z = t;
      CHECK(v(x, y, z) > TestType(0.6));
      CHECK(v(x, y, z) < TestType(1));
    }
    CHECK(v.values().minCoeff() >= TestType(0));
    CHECK(v.values().maxCoeff() < TestType(1));
    // Far from the axis (more than 4 widths): near zero.
    Eigen::Index far = 0;
    TestType far_max = 0;
    for (Eigen::Index z = 0; z < n; ++z)
      for (Eigen::Index y = 0; y < n; ++y)
        for (Eigen::Index x = 0; x < n; ++x) {
          const double px = double(x) - 16, py = double(y) - 16, pz = double(z) - 16;
          const double s = px * u[0] + py * u[1] + pz * u[2];
          if (px * px + py * py + pz * pz - s * s > 36) {
            ++far;
            far_max = std::max(far_max, v(x, y, z));
          }
        }
    CHECK(far > 1000);
    CHECK(far_max < TestType(0.01));
    // Polarity: the same tube bright is invisible to black_ridges, seen with false.
    const auto bright = tube<TestType>(n, {16, 16, 16}, u, w, 1.0);
    const Eigen::Index x = u[2] == 1 ? 16 : 16;
    CHECK(spectrakit::frangi_vesselness_3d(bright, o)(x, 16, 16) == TestType(0));
    auto ob = o;
    ob.black_ridges = false;
    CHECK(spectrakit::frangi_vesselness_3d(bright, ob)(x, 16, 16) == Catch::Approx(double(v(x, 16, 16))).epsilon(1e-5));
  }
}

TEMPLATE_TEST_CASE("frangi_vesselness_3d suppresses plates and blobs, is zero on flat volumes", "[image][3d]", float,
                   double) {
  const Eigen::Index n = 24;
  const double w = 2.0, c = 12;
  spectrakit::FrangiOptions3D o;
  o.sigmas = {1.5, 2.0, 2.5};
  o.black_ridges = false;  // bright structures
  const auto t = tube<TestType>(n, {c, c, 0}, {0, 0, 1}, w, 1.0);
  const auto plate = make_volume<TestType>(
      n, n, n, [&](double, double, double z) { return std::exp(-(z - c) * (z - c) / (2 * w * w)); });
  const auto blob = make_volume<TestType>(n, n, n, [&](double x, double y, double z) {
    return std::exp(-((x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c)) / (2 * w * w));
  });
  o.c = 0.1;  // one contrast scale for the three structures
  const TestType vt = spectrakit::frangi_vesselness_3d(t, o)(12, 12, 12);
  const TestType vp = spectrakit::frangi_vesselness_3d(plate, o)(12, 12, 12);
  const TestType vb = spectrakit::frangi_vesselness_3d(blob, o)(12, 12, 12);
  CHECK(vt > TestType(0.6));
  // The plate: R_A = |lambda2| / |lambda3| ~ 0 (zero up to rounding).
  CHECK(vp < TestType(1e-3));
  // The blob: R_A = R_B = 1, V <= (1 - e^-2) e^-2 = 0.117.
  CHECK(vb <= TestType(0.118));
  CHECK(vb < vt / 4);
  // A flat volume: with a fixed c the rounding-level curvature gives at most ~(eps / c)^2; with
  // c = 0 (max S / 2 per scale) exactly 0, not rounding noise blown up to O(1).
  const Volume<TestType> flat(8, 9, 10, TestType(3));
  CHECK(spectrakit::frangi_vesselness_3d(flat, o).values().maxCoeff() <= TestType(1e-6));
  o.c = 0;
  CHECK(spectrakit::frangi_vesselness_3d(flat, o).values().maxCoeff() == TestType(0));
}

TEMPLATE_TEST_CASE("frangi_vesselness_3d is Frangi's formula on hessian_eigenvalues_3d", "[image][3d]", float, double) {
  // The fused slice-by-slice implementation against the formula evaluated on the public
  // image_hessian_3d + hessian_eigenvalues_3d, voxel by voxel, for c fixed and c = max S / 2.
  const auto v = random_volume<TestType>(12, 10, 9, 33);
  for (const double c : {0.0, 0.3}) {
    spectrakit::FrangiOptions3D o;
    o.sigmas = {1.0, 1.7};
    o.alpha = 0.4;
    o.beta = 0.6;
    o.c = c;
    o.black_ridges = c == 0;
    const auto got = spectrakit::frangi_vesselness_3d(v, o);
    std::vector<double> expected(std::size_t(v.size()), 0.0);
    for (const double sigma : o.sigmas) {
      spectrakit::ImageHessianOptions ho;
      ho.scale_normalized = true;
      const auto e = spectrakit::hessian_eigenvalues_3d(spectrakit::image_hessian_3d(v, sigma, ho));
      double cc = c;
      if (cc == 0) {
        for (Eigen::Index i = 0; i < v.size(); ++i) {
          const double l1 = e.lambda1.data()[i], l2 = e.lambda2.data()[i], l3 = e.lambda3.data()[i];
          cc = std::max(cc, std::sqrt(l1 * l1 + l2 * l2 + l3 * l3) / 2);
        }
      }
      const double sign = o.black_ridges ? 1 : -1;
      for (Eigen::Index i = 0; i < v.size(); ++i) {
        const double l1 = e.lambda1.data()[i], l2 = e.lambda2.data()[i], l3 = e.lambda3.data()[i];
        if (!(sign * l2 > 0 && sign * l3 > 0)) continue;
        const double ra = l2 / l3, rb = std::abs(l1) / std::sqrt(std::abs(l2 * l3));
        const double s2 = l1 * l1 + l2 * l2 + l3 * l3;
        const double vs = (1 - std::exp(-ra * ra / (2 * o.alpha * o.alpha))) *
                          std::exp(-rb * rb / (2 * o.beta * o.beta)) * (1 - std::exp(-s2 / (2 * cc * cc)));
        expected[std::size_t(i)] = std::max(expected[std::size_t(i)], vs);
      }
    }
    double err = 0;
    Eigen::Index positive = 0;
    for (Eigen::Index i = 0; i < v.size(); ++i) {
      err = std::max(err, std::abs(double(got.data()[i]) - expected[std::size_t(i)]));
      positive += expected[std::size_t(i)] > 0.1;
    }
    INFO("c " << c);
    CHECK(positive > 10);
    CHECK(err <= 64 * double(eps<TestType>()));
  }
}

// ---------------------------------------------------------------------------------------------
// Bad input

TEST_CASE("image module 3-D: bad input names the argument", "[image][3d][errors]") {
  const Volume<double> empty(3, 0, 2);
  Volume<double> vol(4, 4, 4, 1.0);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::image_hessian_3d(empty, 1.0),
                             "argument 'volume' must not be empty, got 3x0x2");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::frangi_vesselness_3d(empty), "argument 'volume' must not be empty");
  Volume<double> bad = vol;
  bad(1, 2, 3) = std::numeric_limits<double>::quiet_NaN();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::image_hessian_3d(bad, 1.0), "argument 'volume' has NaN or Inf");
  bad(1, 2, 3) = -std::numeric_limits<double>::infinity();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::frangi_vesselness_3d(bad), "argument 'volume' has NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::image_hessian_3d(vol, 0.0), "argument 'sigma' must be positive");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::image_hessian_3d(vol, -2.0), "argument 'sigma' must be positive");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::image_hessian_3d(vol, std::nan("")), "argument 'sigma' must be positive");
  spectrakit::ImageHessianOptions ho;
  ho.truncate = -1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::image_hessian_3d(vol, 1.0, ho), "option 'truncate'");
  ho.truncate = 4;
  ho.cval = std::numeric_limits<double>::infinity();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::image_hessian_3d(vol, 1.0, ho), "argument 'options.cval' must be finite");

  spectrakit::FrangiOptions3D o;
  o.sigmas.clear();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::frangi_vesselness_3d(vol, o), "option 'sigmas' must not be empty");
  o.sigmas = {1.0, -1.0};
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::frangi_vesselness_3d(vol, o), "sigmas[1] = -1");
  o.sigmas = {1.0};
  o.alpha = 0;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::frangi_vesselness_3d(vol, o), "option 'alpha' must be positive");
  o.alpha = -0.5;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::frangi_vesselness_3d(vol, o), "option 'alpha'");
  o.alpha = 0.5;
  o.beta = 0;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::frangi_vesselness_3d(vol, o), "option 'beta' must be positive");
  o.beta = 0.5;
  o.c = -0.1;
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::frangi_vesselness_3d(vol, o), "option 'c' must be >= 0");
  o.c = std::numeric_limits<double>::infinity();
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::frangi_vesselness_3d(vol, o), "option 'c'");
  o.c = 0;
  o.cval = std::nan("");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::frangi_vesselness_3d(vol, o), "argument 'options.cval' must be finite");

  auto h = spectrakit::image_hessian_3d(vol, 1.0);
  h.yz = Volume<double>(4, 4, 3);
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::hessian_eigenvalues_3d(h), "argument 'h.yz' must have the shape of 'h.xx'");
  h = spectrakit::image_hessian_3d(vol, 1.0);
  h.xz(0, 1, 2) = std::nan("");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::hessian_eigenvalues_3d(h), "argument 'h.xz' has NaN or Inf");
  SPECTRAKIT_REQUIRE_INVALID(spectrakit::hessian_eigenvalues_3d(spectrakit::ImageHessian3D<float>{}),
                             "argument 'h.xx' must not be empty");
}
