// The notes' flag example: an n x n image of a disc in a square, its rank, its epsilon-ranks,
// and the storage 2nk against n^2 of the best rank-k approximation at a few errors.
// Writes flag.pgm and flag_rank_K.pgm (greyscale images) to the working directory.
#include <Eigen/Dense>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <spectrakit/low_rank.hpp>
#include <spectrakit/norms.hpp>
#include <string>

namespace {

void write_pgm(const std::string& path, const Eigen::MatrixXd& image) {
  std::ofstream out(path, std::ios::binary);
  out << "P5\n" << image.cols() << ' ' << image.rows() << "\n255\n";
  for (Eigen::Index i = 0; i < image.rows(); ++i)
    for (Eigen::Index j = 0; j < image.cols(); ++j) {
      const double v = std::min(1.0, std::max(0.0, image(i, j)));
      out.put(static_cast<char>(static_cast<unsigned char>(std::lround(255 * (1.0 - v)))));
    }
}

}  // namespace

int main() {
  const Eigen::Index n = 300;
  const double radius = 90;  // pixels
  Eigen::MatrixXd flag = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      const double y = double(i) + 0.5 - n / 2.0, x = double(j) + 0.5 - n / 2.0;
      if (x * x + y * y <= radius * radius) flag(i, j) = 1.0;
    }
  write_pgm("flag.pgm", flag);

  const Eigen::Index rank = spectrakit::numerical_rank(flag);
  std::printf("A %ldx%ld image of a disc of radius %g px in a square.\n", long(n), long(n), radius);
  std::printf("numerical rank: %ld   (the notes' symmetry estimate (2 - sqrt 2) r + 1 = %.1f)\n", long(rank),
              (2 - std::sqrt(2.0)) * radius + 1);
  std::printf("epsilon-ranks:");
  for (double e : {1e-1, 1e-2, 1e-3, 1e-6, 1e-12}) std::printf("  eps=%g: %ld", e, long(spectrakit::epsilon_rank(flag, e)));
  std::printf("\n\n");

  const Eigen::VectorXd sigma = spectrakit::singular_values(flag);
  const double total = spectrakit::frobenius_norm(flag);
  std::printf("%-28s %6s %12s %12s %10s %10s\n", "target ||A - A_k||_F/||A||_F", "k", "rel. error", "sigma_k+1/s1",
              "2nk", "2nk / n^2");
  for (double target : {0.3, 0.1, 0.03, 0.01, 0.001}) {
    // smallest k whose Frobenius error meets the target: sqrt(sum_{i>k} sigma_i^2) <= target ||A||_F
    Eigen::Index k = 0;
    while (k < sigma.size() && sigma.tail(sigma.size() - k).norm() > target * total) ++k;
    const auto approx = spectrakit::low_rank_approximation(flag, k);
    const double storage = 2.0 * double(n) * double(k);
    std::printf("%-28g %6ld %12.3e %12.3e %10.0f %10.3f\n", target, long(k), approx.error_frobenius / total,
                approx.error_spectral / sigma(0), storage, storage / double(n * n));
    if (target == 0.1 || target == 0.01)
      write_pgm("flag_rank_" + std::to_string(k) + ".pgm", approx.matrix());
  }
  std::printf("\nCompression pays when 2nk < n^2, i.e. k < n/2 = %ld.\n", long(n / 2));
  std::printf("Wrote flag.pgm and the rank-k approximations flag_rank_*.pgm.\n");
  return 0;
}
