// Deterministic benchmark inputs shared by bench_image.cpp and bench_sylvester.cpp, reproduced
// bit for bit by benchmarks/peers_image_sylvester.py (SciPy / scikit-image on the same data).
#ifndef SPECTRAKIT_BENCH_COMMON_INPUTS_HPP
#define SPECTRAKIT_BENCH_COMMON_INPUTS_HPP

#include <Eigen/Core>
#include <cmath>
#include <cstdint>

namespace spectrakit_bench {

// A 64-bit LCG (Knuth's MMIX constants); uniform in [-1/2, 1/2) from the top 53 bits.
struct Lcg {
  std::uint64_t state;
  explicit Lcg(std::uint64_t seed) : state(seed) {}
  double next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return double(state >> 11) / 9007199254740992.0 - 0.5;
  }
};

// The benchmark image: n x n float, two dark crossing vessels on a bright background plus
// uniform noise of amplitude 0.1; filled in row-major order (y outer, x inner).
inline Eigen::ArrayXXf vessel_image(Eigen::Index n) {
  Eigen::ArrayXXf img(n, n);
  Lcg rng(12345);
  const double c = double(n) / 2;
  for (Eigen::Index y = 0; y < n; ++y)
    for (Eigen::Index x = 0; x < n; ++x) {
      const double d1 = double(y) - (c + double(n) / 6 * std::sin(double(x) / (double(n) / 6)));
      const double d2 = (double(x) - c) * 0.8660254037844386 - (double(y) - c) * 0.5;
      const double v = 0.6 * std::exp(-d1 * d1 / 4.5) + 0.6 * std::exp(-d2 * d2 / 32.0);
      img(y, x) = float(1.0 - std::min(v, 0.9) + 0.1 * rng.next());
    }
  return img;
}

// An m x n matrix with uniform entries in [-1/2, 1/2), filled column by column.
inline Eigen::MatrixXd uniform_matrix(Eigen::Index m, Eigen::Index n, std::uint64_t seed) {
  Eigen::MatrixXd a(m, n);
  Lcg rng(seed);
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = 0; i < m; ++i) a(i, j) = rng.next();
  return a;
}

}  // namespace spectrakit_bench

#endif  // SPECTRAKIT_BENCH_COMMON_INPUTS_HPP
