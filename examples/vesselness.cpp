// Frangi vesselness on a synthetic image: two crossing dark vessels of different widths, a dark
// blob and noise on a bright background (seed note 001: image Hessians, Frangi's filter).
// Writes input.png, lambda2.png and vesselness.png (and the same as .pgm) to the working
// directory. The PNG writer below is self-contained (stored deflate blocks, no zlib).
#include <Eigen/Core>
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

using Image = spectrakit::Image<float>;

// 8-bit gray levels of an image mapped linearly from [lo, hi] to [0, 255].
std::vector<std::uint8_t> to_gray(const Image& a, float lo, float hi) {
  std::vector<std::uint8_t> g(static_cast<std::size_t>(a.size()));
  for (Eigen::Index y = 0; y < a.rows(); ++y)
    for (Eigen::Index x = 0; x < a.cols(); ++x) {
      const float t = std::clamp((a(y, x) - lo) / (hi - lo), 0.0f, 1.0f);
      g[static_cast<std::size_t>(y * a.cols() + x)] = static_cast<std::uint8_t>(std::lround(255.0f * t));
    }
  return g;
}

void write_pgm(const std::string& path, const std::vector<std::uint8_t>& g, Eigen::Index w, Eigen::Index h) {
  std::ofstream out(path, std::ios::binary);
  out << "P5\n" << w << " " << h << "\n255\n";
  out.write(reinterpret_cast<const char*>(g.data()), static_cast<std::streamsize>(g.size()));
}

std::uint32_t crc32(const std::uint8_t* data, std::size_t n, std::uint32_t crc = 0) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (std::size_t i = 0; i < n; ++i) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

void put32(std::vector<std::uint8_t>& v, std::uint32_t x) {
  for (int s = 24; s >= 0; s -= 8) v.push_back(static_cast<std::uint8_t>(x >> s));
}

void write_chunk(std::ofstream& out, const char* type, const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> buf;
  put32(buf, static_cast<std::uint32_t>(data.size()));
  buf.insert(buf.end(), type, type + 4);
  buf.insert(buf.end(), data.begin(), data.end());
  put32(buf, crc32(buf.data() + 4, buf.size() - 4));
  out.write(reinterpret_cast<const char*>(buf.data()), static_cast<std::streamsize>(buf.size()));
}

// An 8-bit grayscale PNG with uncompressed (stored) deflate blocks.
void write_png(const std::string& path, const std::vector<std::uint8_t>& g, Eigen::Index w, Eigen::Index h) {
  std::vector<std::uint8_t> raw;  // scanlines, each with filter byte 0
  for (Eigen::Index y = 0; y < h; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), g.begin() + y * w, g.begin() + (y + 1) * w);
  }
  std::vector<std::uint8_t> z = {0x78, 0x01};
  for (std::size_t pos = 0; pos < raw.size() || pos == 0;) {
    const std::size_t len = std::min<std::size_t>(65535, raw.size() - pos);
    const bool last = pos + len == raw.size();
    z.push_back(last ? 1 : 0);
    z.push_back(static_cast<std::uint8_t>(len & 0xFF));
    z.push_back(static_cast<std::uint8_t>(len >> 8));
    z.push_back(static_cast<std::uint8_t>(~len & 0xFF));
    z.push_back(static_cast<std::uint8_t>((~len >> 8) & 0xFF));
    z.insert(z.end(), raw.begin() + static_cast<std::ptrdiff_t>(pos),
             raw.begin() + static_cast<std::ptrdiff_t>(pos + len));
    pos += len;
    if (last) break;
  }
  std::uint32_t s1 = 1, s2 = 0;  // Adler-32
  for (std::uint8_t byte : raw) {
    s1 = (s1 + byte) % 65521;
    s2 = (s2 + s1) % 65521;
  }
  put32(z, (s2 << 16) | s1);
  std::vector<std::uint8_t> ihdr;
  put32(ihdr, static_cast<std::uint32_t>(w));
  put32(ihdr, static_cast<std::uint32_t>(h));
  ihdr.insert(ihdr.end(), {8, 0, 0, 0, 0});  // 8 bits, grayscale, deflate, no filter, no interlace
  std::ofstream out(path, std::ios::binary);
  const std::uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  out.write(reinterpret_cast<const char*>(signature), 8);
  write_chunk(out, "IHDR", ihdr);
  write_chunk(out, "IDAT", z);
  write_chunk(out, "IEND", {});
}

void save(const std::string& name, const Image& a, float lo, float hi) {
  const auto g = to_gray(a, lo, hi);
  write_png(name + ".png", g, a.cols(), a.rows());
  write_pgm(name + ".pgm", g, a.cols(), a.rows());
  std::printf("  wrote %s.png and %s.pgm (%ldx%ld, gray %.3g..%.3g)\n", name.c_str(), name.c_str(),
              static_cast<long>(a.cols()), static_cast<long>(a.rows()), double(lo), double(hi));
}

}  // namespace

int main() {
  const Eigen::Index n = 256;
  Image img(n, n);
  Eigen::Array<int, Eigen::Dynamic, Eigen::Dynamic> label =
      Eigen::Array<int, Eigen::Dynamic, Eigen::Dynamic>::Zero(n, n);
  std::mt19937_64 rng(2026);
  std::normal_distribution<float> noise(0.0f, 0.04f);
  for (Eigen::Index y = 0; y < n; ++y)
    for (Eigen::Index x = 0; x < n; ++x) {
      const double fx = double(x), fy = double(y);
      // A thin wavy vessel (Gaussian profile, width 1.5 px) running left to right ...
      const double d1 = fy - (128.0 + 40.0 * std::sin(fx / 40.0));
      // ... crossing a wide straight one (width 4 px) at 60 degrees ...
      const double d2 = (fx - 128.0) * std::sin(M_PI / 3) - (fy - 128.0) * std::cos(M_PI / 3);
      // ... and a dark blob of radius ~8 px in a corner.
      const double r2 = (fx - 200.0) * (fx - 200.0) + (fy - 50.0) * (fy - 50.0);
      const double v1 = 0.6 * std::exp(-d1 * d1 / (2 * 1.5 * 1.5));
      const double v2 = 0.6 * std::exp(-d2 * d2 / (2 * 4.0 * 4.0));
      const double b = 0.6 * std::exp(-r2 / (2 * 8.0 * 8.0));
      img(y, x) = static_cast<float>(1.0 - std::max({v1, v2, b})) + noise(rng);
      label(y, x) = std::abs(d1) < 1.5                                        ? 1
                    : std::abs(d2) < 4.0                                      ? 2
                    : r2 < 64.0                                               ? 3
                    : std::min({std::abs(d1), std::abs(d2)}) > 20 && r2 > 900 ? 4
                                                                              : 0;
    }

  std::printf("Frangi vesselness on a %ldx%ld synthetic image (dark vessels, bright background)\n", long(n), long(n));
  save("input", img, 0.2f, 1.2f);

  // The Hessian at sigma = 2, scale-normalized, and its eigenvalue of larger magnitude.
  spectrakit::ImageHessianOptions hopt;
  hopt.scale_normalized = true;
  const auto eig = spectrakit::hessian_eigenvalues(spectrakit::image_hessian(img, 2.0, hopt));
  const float span = eig.lambda2.abs().maxCoeff();
  save("lambda2", eig.lambda2, -span, span);  // mid gray = 0, bright = positive (dark lines)

  spectrakit::FrangiOptions opt;  // black_ridges = true: dark vessels
  opt.sigmas = {1.0, 2.0, 3.0, 4.0};
  const Image v = spectrakit::frangi_vesselness(img, opt);
  save("vesselness", v, 0.0f, v.maxCoeff());

  const char* names[] = {"", "thin vessel (centre line)", "wide vessel (centre band)", "blob", "background"};
  std::printf("\nmean vesselness by region (sigmas 1..4, beta 0.5, c = max S / 2 per scale):\n");
  for (int k = 1; k <= 4; ++k) {
    double sum = 0;
    long count = 0;
    for (Eigen::Index i = 0; i < v.size(); ++i)
      if (label(i) == k) {
        sum += v(i);
        ++count;
      }
    std::printf("  %-28s %6.3f  (%ld pixels)\n", names[k], count ? sum / double(count) : 0.0, count);
  }
  return 0;
}
