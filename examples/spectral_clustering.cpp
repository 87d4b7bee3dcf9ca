// The notes' spectral clustering example, step by step: six points 1, 2, 5, 6, 10, 11 on a
// line, the Gaussian similarity W (sigma = 2), the degrees D, L = D - W, the embedding by the
// smallest eigenvectors of L_sym, and k-means into three clusters.
#include <Eigen/Dense>
#include <cstdio>
#include <iostream>
#include <spectrakit/graph.hpp>

int main() {
  Eigen::MatrixXd x(6, 1);
  x << 1, 2, 5, 6, 10, 11;
  std::cout << "points: 1 2 5 6 10 11, Gaussian kernel sigma = 2 (W_ij = exp(-(x_i - x_j)^2 / 8))\n\n";

  const Eigen::MatrixXd w = spectrakit::gaussian_similarity(x, 2.0);
  const Eigen::IOFormat fmt(6, 0, "  ", "\n", "  ", "");
  std::cout << "1. similarity W (zero diagonal):\n" << w.format(fmt) << "\n";
  std::printf("   (W_16 = exp(-12.5) = %.2e: the notes print 0.00001)\n\n", w(0, 5));

  const Eigen::VectorXd d = spectrakit::degrees(w);
  std::cout << "2. degrees D_ii = sum_j W_ij:\n  ";
  for (int i = 0; i < 6; ++i) std::printf("%.4f  ", d(i));
  std::cout << "\n   (the notes print D_55 = 1.0617; it is 1.0621)\n\n";

  const Eigen::MatrixXd l = spectrakit::laplacian(w);
  std::cout << "3. L = D - W, first row:\n" << l.row(0).format(fmt) << "\n\n";

  const Eigen::MatrixXd lsym = spectrakit::laplacian(w, spectrakit::LaplacianKind::symmetric_normalized);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(lsym);
  std::cout << "4. eigenvalues of L_sym: " << es.eigenvalues().transpose().format(fmt)
            << "\n   three small ones, then a jump: three clusters\n\n";

  spectrakit::SpectralClusteringOptions o;  // Ng-Jordan-Weiss: rows of the 3 eigenvectors normalized
  const auto sc = spectrakit::spectral_clustering(w, 3, o);
  std::cout << "5. embedding (rows = points, unit length after NJW row normalization):\n"
            << sc.embedding.format(fmt) << "\n\n";
  std::cout << "6. k-means (k-means++ seeding, 10 restarts) on the rows: labels ";
  for (int i = 0; i < 6; ++i) std::cout << sc.labels(i) << ' ';
  std::cout << "\n   clusters:";
  for (int c = 0; c < 3; ++c) {
    std::cout << " {";
    for (int i = 0, first = 1; i < 6; ++i)
      if (sc.labels(i) == c) std::cout << (first ? "" : ", ") << x(i, 0), first = 0;
    std::cout << "}";
  }
  std::cout << "\n";
}
