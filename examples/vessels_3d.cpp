// Frangi vesselness in 3-D on a synthetic 64^3 angiogram: two bright vessels of different widths
// (one along y, one oblique), a bright blob and a bright plate, plus noise, on a dark background.
// Prints the Hessian eigenvalues at the centre of each structure (tube: lambda1 ~ 0,
// lambda2 ~ lambda3 << 0; plate: only lambda3 << 0; blob: all three << 0) and the mean
// vesselness per region; writes maximum-intensity projections of the volume and of the
// vesselness as mip_input.pgm and mip_vesselness.pgm (projections along x: the plate, seen
// edge-on, is a bright line in the input and gone in the vesselness).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <random>
#include <spectrakit/image.hpp>
#include <string>
#include <vector>

namespace {

using Volume = spectrakit::Volume<float>;

struct Point {
  double x, y, z;
};

// Distance from p to the line through c with unit direction u.
double line_distance(const Point& p, const Point& c, const Point& u) {
  const double dx = p.x - c.x, dy = p.y - c.y, dz = p.z - c.z;
  const double t = dx * u.x + dy * u.y + dz * u.z;
  return std::sqrt(std::max(0.0, dx * dx + dy * dy + dz * dz - t * t));
}

const Point wide_centre{16, 0, 12}, wide_axis{0, 1, 0};                     // width 2.5, along y
const Point thin_centre{32, 32, 32}, thin_axis{2.0 / 3, 2.0 / 3, 1.0 / 3};  // width 1.2, oblique
const Point blob_centre{46, 16, 36};                                        // width 3
const double plate_z = 56;                                                  // width 1.5

// The maximum over x of each (y, z) line (a maximum-intensity projection along x), mapped from
// [lo, hi] to 8-bit gray; written as PGM with y to the right and z downwards.
void write_mip(const std::string& path, const Volume& v, float lo, float hi) {
  std::vector<std::uint8_t> g(static_cast<std::size_t>(v.ny() * v.nz()));
  for (Eigen::Index z = 0; z < v.nz(); ++z)
    for (Eigen::Index y = 0; y < v.ny(); ++y) {
      float m = v(0, y, z);
      for (Eigen::Index x = 1; x < v.nx(); ++x) m = std::max(m, v(x, y, z));
      const float t = std::clamp((m - lo) / (hi - lo), 0.0f, 1.0f);
      g[static_cast<std::size_t>(z * v.ny() + y)] = static_cast<std::uint8_t>(std::lround(255.0f * t));
    }
  std::ofstream out(path, std::ios::binary);
  out << "P5\n" << v.ny() << " " << v.nz() << "\n255\n";
  out.write(reinterpret_cast<const char*>(g.data()), static_cast<std::streamsize>(g.size()));
}

}  // namespace

int main() {
  const Eigen::Index n = 64;
  Volume vol(n, n, n);
  std::mt19937_64 rng(2026);
  std::normal_distribution<double> noise(0.0, 0.05);
  for (Eigen::Index z = 0; z < n; ++z)
    for (Eigen::Index y = 0; y < n; ++y)
      for (Eigen::Index x = 0; x < n; ++x) {
        const Point p{double(x), double(y), double(z)};
        const double dw = line_distance(p, wide_centre, wide_axis), dt = line_distance(p, thin_centre, thin_axis);
        const double db2 = (p.x - blob_centre.x) * (p.x - blob_centre.x) +
                           (p.y - blob_centre.y) * (p.y - blob_centre.y) +
                           (p.z - blob_centre.z) * (p.z - blob_centre.z);
        const double dp = p.z - plate_z;
        const double v = std::exp(-dw * dw / (2 * 2.5 * 2.5)) + std::exp(-dt * dt / (2 * 1.2 * 1.2)) +
                         std::exp(-db2 / (2 * 3.0 * 3.0)) + std::exp(-dp * dp / (2 * 1.5 * 1.5));
        vol(x, y, z) = float(std::min(v, 1.0) + noise(rng));
      }

  // The Hessian's eigenvalues at the centre of each structure, at scale sigma = 2.
  spectrakit::ImageHessianOptions ho;
  ho.scale_normalized = true;
  const auto ev = spectrakit::hessian_eigenvalues_3d(spectrakit::image_hessian_3d(vol, 2.0, ho));
  std::printf("eigenvalues of sigma^2 H at sigma = 2 (|l1| <= |l2| <= |l3|):\n");
  const std::array<std::pair<const char*, std::array<Eigen::Index, 3>>, 5> probes = {{{"wide vessel", {16, 32, 12}},
                                                                                      {"thin vessel", {32, 32, 32}},
                                                                                      {"blob", {46, 16, 36}},
                                                                                      {"plate", {32, 40, 56}},
                                                                                      {"background", {50, 50, 20}}}};
  for (const auto& [name, at] : probes)
    std::printf("  %-12s  l1 %7.3f  l2 %7.3f  l3 %7.3f\n", name, ev.lambda1(at[0], at[1], at[2]),
                ev.lambda2(at[0], at[1], at[2]), ev.lambda3(at[0], at[1], at[2]));

  spectrakit::FrangiOptions3D opt;
  opt.sigmas = {1.0, 1.5, 2.0, 3.0};
  opt.black_ridges = false;  // bright vessels on a dark background, as in angiography
  const Volume v = spectrakit::frangi_vesselness_3d(vol, opt);

  // Mean vesselness by region.
  std::array<double, 5> sum{};
  std::array<long, 5> count{};
  for (Eigen::Index z = 0; z < n; ++z)
    for (Eigen::Index y = 0; y < n; ++y)
      for (Eigen::Index x = 0; x < n; ++x) {
        const Point p{double(x), double(y), double(z)};
        const double dw = line_distance(p, wide_centre, wide_axis), dt = line_distance(p, thin_centre, thin_axis);
        const double db =
            std::sqrt((p.x - blob_centre.x) * (p.x - blob_centre.x) + (p.y - blob_centre.y) * (p.y - blob_centre.y) +
                      (p.z - blob_centre.z) * (p.z - blob_centre.z));
        const double dp = std::abs(p.z - plate_z);
        int region = -1;
        if (dw < 1.0 && dt > 6)
          region = 0;
        else if (dt < 0.75 && dw > 6)
          region = 1;
        else if (db < 2.0)
          region = 2;
        else if (dp < 0.5 && dt > 6 && dw > 6)
          region = 3;
        else if (dw > 10 && dt > 8 && db > 12 && dp > 8)
          region = 4;
        if (region < 0) continue;
        sum[std::size_t(region)] += double(v(x, y, z));
        ++count[std::size_t(region)];
      }
  const std::array<const char*, 5> names = {"wide vessel (centre line)", "thin vessel (centre line)", "blob (centre)",
                                            "plate (mid-plane)", "background"};
  std::printf("\nmean vesselness by region (sigmas 1, 1.5, 2, 3; alpha = beta = 0.5; c = max S / 2 per scale):\n");
  for (std::size_t i = 0; i < names.size(); ++i)
    std::printf("  %-27s %6.3f  (%ld voxels)\n", names[i], sum[i] / double(std::max(count[i], 1L)), count[i]);

  write_mip("mip_input.pgm", vol, 0.0f, 1.0f);
  write_mip("mip_vesselness.pgm", v, 0.0f, v.values().maxCoeff());
  std::printf("\nwrote mip_input.pgm and mip_vesselness.pgm (maximum-intensity projections along x)\n");
  return 0;
}
