// The notes' spectral decomposition A = sum_i lambda_i x_i x_i^T, used for "network
// reconstruction": rebuild the karate club's adjacency from its eigenpairs, then from its
// r largest (in magnitude), and see how the error falls with r.
#include <Eigen/Dense>
#include <cstdio>
#include <iostream>
#include <spectrakit/graph.hpp>
#include <spectrakit/io.hpp>

int main() {
  const Eigen::MatrixXd a = Eigen::MatrixXd(spectrakit::read_matrix_market(SPECTRAKIT_EXAMPLE_DATA_DIR "/karate.mtx"));
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(a);
  std::printf("karate club adjacency A (34 x 34): eigenvalues from %.4f to %.4f\n\n", es.eigenvalues().minCoeff(),
              es.eigenvalues().maxCoeff());

  const Eigen::MatrixXd full = spectrakit::spectral_reconstruction(es.eigenvalues(), es.eigenvectors());
  std::printf("all 34 terms:  ||A - sum lambda_i x_i x_i^T||_F = %.2e (rounding only)\n\n", (a - full).norm());

  std::cout << "   r   ||A - A_r||_F / ||A||_F   edges read off A_r > 1/2\n";
  for (Eigen::Index r : {1, 2, 4, 8, 12, 16, 20, 24, 28, 34}) {
    const Eigen::MatrixXd ar = spectrakit::spectral_reconstruction(es.eigenvalues(), es.eigenvectors(), r);
    int wrong = 0;  // node pairs i < j whose edge/non-edge is mispredicted by A_r > 1/2
    for (int j = 0; j < 34; ++j)
      for (int i = 0; i < j; ++i) wrong += (ar(i, j) > 0.5) != (a(i, j) > 0.5);
    std::printf("%4ld   %22.4f   %4d wrong of the 561 node pairs\n", long(r), (a - ar).norm() / a.norm(), wrong);
  }
  std::cout << "\n(the terms kept are those of largest |lambda|: the best rank-r approximation, Eckart-Young)\n";

  // The notes' 3 x 3 example: the path Laplacian from its eigenpairs 0, 1, 3.
  Eigen::MatrixXd path(3, 3);
  path << 0, 1, 0, 1, 0, 1, 0, 1, 0;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> el(spectrakit::laplacian(path));
  std::cout << "\npath 1-2-3: L from its eigenpairs (eigenvalues " << el.eigenvalues().transpose() << "):\n"
            << spectrakit::spectral_reconstruction(el.eigenvalues(), el.eigenvectors()) << "\n";
}
