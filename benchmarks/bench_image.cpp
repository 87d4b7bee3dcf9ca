// Benchmarks of the image module: image_hessian on a 2048 x 2048 float image at sigma = 2 and 4,
// frangi_vesselness with sigma = 1..4, and a same-run C++ baseline (an unfused separable
// convolution: six 1-D passes with full-size temporaries); image_hessian_3d, hessian_eigenvalues_3d
// and frangi_vesselness_3d on a 128^3 float volume. The peers (scikit-image 0.19.3 hessian_matrix
// and frangi on the same image and volume) are timed by benchmarks/peers_image_sylvester.py.
#include <benchmark/benchmark.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <spectrakit/image.hpp>
#include <vector>

#include "bench_common_inputs.hpp"

namespace {

const Eigen::ArrayXXf& input() {
  static const Eigen::ArrayXXf img = spectrakit_bench::vessel_image(2048);
  return img;
}

void BM_image_hessian(benchmark::State& state) {
  const double sigma = double(state.range(0));
  const auto& img = input();
  for (auto _ : state) {
    auto h = spectrakit::image_hessian(img, sigma);
    benchmark::DoNotOptimize(h.xx.data());
  }
  state.counters["pixels/s"] =
      benchmark::Counter(double(img.size()) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_image_hessian)->Arg(2)->Arg(4)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_frangi_vesselness_sigma_1_to_4(benchmark::State& state) {
  const auto& img = input();
  spectrakit::FrangiOptions o;
  o.sigmas = {1.0, 2.0, 3.0, 4.0};
  for (auto _ : state) {
    auto v = spectrakit::frangi_vesselness(img, o);
    benchmark::DoNotOptimize(v.data());
  }
}
BENCHMARK(BM_frangi_vesselness_sigma_1_to_4)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_hessian_eigenvalues(benchmark::State& state) {
  const auto h = spectrakit::image_hessian(input(), 2.0);
  for (auto _ : state) {
    auto e = spectrakit::hessian_eigenvalues(h);
    benchmark::DoNotOptimize(e.lambda1.data());
  }
}
BENCHMARK(BM_hessian_eigenvalues)->Unit(benchmark::kMillisecond)->UseRealTime();

// Baseline: the textbook separable filter, one 1-D pass at a time with reflect padding and
// full-size temporaries (what a straightforward implementation does).
void filter_axis(const Eigen::ArrayXXf& in, const std::vector<float>& w, int axis, Eigen::ArrayXXf& out) {
  const Eigen::Index rows = in.rows(), cols = in.cols(), r = Eigen::Index(w.size() / 2);
  out.resize(rows, cols);
  for (Eigen::Index c = 0; c < cols; ++c)
    for (Eigen::Index y = 0; y < rows; ++y) {
      float s = 0;
      for (Eigen::Index k = -r; k <= r; ++k) {
        Eigen::Index yy = y, cc = c;
        (axis == 0 ? yy : cc) -= k;
        const Eigen::Index n = axis == 0 ? rows : cols;
        Eigen::Index& i = axis == 0 ? yy : cc;
        i = spectrakit::detail::boundary_index(i, n, spectrakit::BoundaryMode::reflect);
        s += w[std::size_t(k + r)] * in(yy, cc);
      }
      out(y, c) = s;
    }
}

std::vector<float> full_kernel(const spectrakit::detail::SymmetricKernel<float>& k) {
  const Eigen::Index r = k.radius();
  std::vector<float> w(std::size_t(2 * r + 1));
  for (Eigen::Index j = -r; j <= r; ++j)
    w[std::size_t(j + r)] = j >= 0 ? k.w[std::size_t(j)] : (k.odd ? -k.w[std::size_t(-j)] : k.w[std::size_t(-j)]);
  return w;
}

void BM_baseline_unfused_separable(benchmark::State& state) {
  const double sigma = double(state.range(0));
  const auto& img = input();
  const Eigen::Index r = spectrakit::detail::gaussian_radius(sigma, 4.0);
  const auto kind = spectrakit::DerivativeKernel::moment_matched;
  const auto w0 = full_kernel(spectrakit::detail::gaussian_kernel<float>(sigma, r, 0, kind, 1.0));
  const auto w1 = full_kernel(spectrakit::detail::gaussian_kernel<float>(sigma, r, 1, kind, 1.0));
  const auto w2 = full_kernel(spectrakit::detail::gaussian_kernel<float>(sigma, r, 2, kind, 1.0));
  Eigen::ArrayXXf t0, t1, t2, xx, xy, yy;
  for (auto _ : state) {
    filter_axis(img, w0, 0, t0);
    filter_axis(img, w1, 0, t1);
    filter_axis(img, w2, 0, t2);
    filter_axis(t0, w2, 1, xx);
    filter_axis(t1, w1, 1, xy);
    filter_axis(t2, w0, 1, yy);
    benchmark::DoNotOptimize(xx.data());
  }
}
BENCHMARK(BM_baseline_unfused_separable)->Arg(2)->Arg(4)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---------------------------------------------------------------------------------------------
// Volumes: n^3 float, a bright background with two dark tubes (a wavy one along z of width 2 and
// a straight one along (1, 1, 1) of width 4) and uniform noise of amplitude 0.1, filled in memory
// order (z outer, x inner) from bench_common_inputs.hpp's Lcg; peers_image_sylvester.py's
// vessel_volume() builds the same volume.
spectrakit::Volume<float> vessel_volume(Eigen::Index n) {
  spectrakit::Volume<float> v(n, n, n);
  spectrakit_bench::Lcg rng(54321);
  const double c = double(n) / 2;
  for (Eigen::Index z = 0; z < n; ++z)
    for (Eigen::Index y = 0; y < n; ++y)
      for (Eigen::Index x = 0; x < n; ++x) {
        const double px = double(x) - c, py = double(y) - c, pz = double(z) - c;
        const double dx = px - double(n) / 12 * std::sin(double(z) / (double(n) / 8));
        const double d1 = dx * dx + py * py;  // squared distance to the wavy tube
        const double t = (px + py + pz) / 3;
        const double d2 = (px - t) * (px - t) + (py - t) * (py - t) + (pz - t) * (pz - t);
        const double w = 0.6 * std::exp(-d1 / 8.0) + 0.6 * std::exp(-d2 / 32.0);
        v(x, y, z) = float(1.0 - std::min(w, 0.9) + 0.1 * rng.next());
      }
  return v;
}

const spectrakit::Volume<float>& volume_input() {
  static const spectrakit::Volume<float> v = vessel_volume(128);
  return v;
}

void BM_image_hessian_3d_128(benchmark::State& state) {
  const double sigma = double(state.range(0));
  const auto& v = volume_input();
  for (auto _ : state) {
    auto h = spectrakit::image_hessian_3d(v, sigma);
    benchmark::DoNotOptimize(h.xx.data());
  }
  state.counters["voxels/s"] =
      benchmark::Counter(double(v.size()) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_image_hessian_3d_128)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_hessian_eigenvalues_3d_128(benchmark::State& state) {
  const auto h = spectrakit::image_hessian_3d(volume_input(), 2.0);
  for (auto _ : state) {
    auto e = spectrakit::hessian_eigenvalues_3d(h);
    benchmark::DoNotOptimize(e.lambda1.data());
  }
}
BENCHMARK(BM_hessian_eigenvalues_3d_128)->Unit(benchmark::kMillisecond);

// Baseline: Eigen's closed-form SelfAdjointEigenSolver::computeDirect per voxel (double), the
// eigenvalues sorted by magnitude as hessian_eigenvalues_3d does.
void BM_baseline_eigen_compute_direct_3d_128(benchmark::State& state) {
  const auto h = spectrakit::image_hessian_3d(volume_input(), 2.0);
  const Eigen::Index n = h.xx.size();
  Eigen::ArrayXf l1(n), l2(n), l3(n);
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> solver;
  for (auto _ : state) {
    for (Eigen::Index i = 0; i < n; ++i) {
      Eigen::Matrix3d m;
      m << h.xx.data()[i], h.xy.data()[i], h.xz.data()[i], h.xy.data()[i], h.yy.data()[i], h.yz.data()[i],
          h.xz.data()[i], h.yz.data()[i], h.zz.data()[i];
      Eigen::Vector3d e = solver.computeDirect(m, Eigen::EigenvaluesOnly).eigenvalues();
      std::sort(e.data(), e.data() + 3, [](double a, double b) { return std::abs(a) < std::abs(b); });
      l1(i) = float(e(0));
      l2(i) = float(e(1));
      l3(i) = float(e(2));
    }
    benchmark::DoNotOptimize(l1.data());
  }
}
BENCHMARK(BM_baseline_eigen_compute_direct_3d_128)->Unit(benchmark::kMillisecond);

void BM_frangi_vesselness_3d_128_sigma_1_to_3(benchmark::State& state) {
  const auto& v = volume_input();
  spectrakit::FrangiOptions3D o;
  o.sigmas = {1.0, 2.0, 3.0};
  for (auto _ : state) {
    auto f = spectrakit::frangi_vesselness_3d(v, o);
    benchmark::DoNotOptimize(f.data());
  }
}
BENCHMARK(BM_frangi_vesselness_3d_128_sigma_1_to_3)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
