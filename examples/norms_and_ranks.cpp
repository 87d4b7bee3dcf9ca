// The notes' norm and trace identities on small matrices, then the epsilon-rank of Hilbert
// matrices n = 10, 100, 1000 at several eps, printed as a table.
#include <Eigen/Dense>
#include <cstdio>
#include <spectrakit/low_rank.hpp>
#include <spectrakit/norms.hpp>

int main() {
  std::printf("== Norms of the notes' A = [[3, 0], [0, -4]]\n");
  Eigen::Matrix2d a;
  a << 3, 0, 0, -4;
  const Eigen::Vector2d sigma = spectrakit::singular_values(a);
  std::printf("singular values          : %g, %g\n", sigma(0), sigma(1));
  std::printf("||A||_F from the entries : %.17g\n", spectrakit::frobenius_norm(a));
  std::printf("||A||_F = sqrt(sum s^2)  : %.17g\n", std::sqrt(sigma.squaredNorm()));
  std::printf("||A||_F = sqrt(tr(A^T A)): %.17g\n",
              std::sqrt(spectrakit::trace_of_product(Eigen::Matrix2d(a.transpose()), a)));
  std::printf("||A||_2 = sigma_1        : %g\n", spectrakit::spectral_norm(a));
  std::printf("||A||_* = sum sigma      : %g\n", spectrakit::nuclear_norm(a));
  std::printf("cond(A) = s_max / s_min  : %g\n\n", spectrakit::condition_number(a));

  std::printf("== Traces: cyclic permutations agree, a swap need not\n");
  Eigen::Matrix3d x, y, z;
  x << 1, 2, 0, 0, 1, 3, 4, 0, 1;
  y << 2, 0, 1, 1, 1, 0, 0, 3, 1;
  z << 1, 1, 0, 0, 2, 1, 1, 0, 3;
  std::printf("tr(XYZ) = %g, tr(ZXY) = %g, tr(YZX) = %g, but tr(YXZ) = %g\n",
              spectrakit::trace_of_product(Eigen::Matrix3d(x * y), z),
              spectrakit::trace_of_product(Eigen::Matrix3d(z * x), y),
              spectrakit::trace_of_product(Eigen::Matrix3d(y * z), x),
              spectrakit::trace_of_product(Eigen::Matrix3d(y * x), z));
  std::printf("tr(X) = %g = sum of its eigenvalues %g\n\n", spectrakit::trace(x),
              Eigen::EigenSolver<Eigen::Matrix3d>(x).eigenvalues().real().sum());

  std::printf("== Hilbert matrices H_jk = 1 / (j + k - 1) are numerically of low rank\n");
  std::printf("rank_eps(H_n) = number of singular values >= eps * sigma_1\n\n");
  const double epsilons[] = {1e-3, 1e-6, 1e-10, 1e-15};
  std::printf("%8s", "n");
  for (double e : epsilons) std::printf("  eps=%-7.0e", e);
  std::printf("  %10s  %12s\n", "cond(H_n)", "numeric rank");
  for (Eigen::Index n : {10, 100, 1000}) {
    const Eigen::MatrixXd h = spectrakit::hilbert_matrix(n);
    std::printf("%8ld", static_cast<long>(n));
    for (double e : epsilons) std::printf("  %11ld", static_cast<long>(spectrakit::epsilon_rank(h, e)));
    std::printf("  %10.3g  %12ld\n", spectrakit::condition_number(h), static_cast<long>(spectrakit::numerical_rank(h)));
  }
  std::printf("\nReade's bound quoted by the notes: rank_eps(H_1000) <= 719 at eps = 1e-15;\n"
              "the actual value is in the last column above (cond = inf: numerically singular).\n");
  return 0;
}
