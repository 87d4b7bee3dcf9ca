// The README's quick start, verbatim.
#include <iostream>
#include <spectrakit/spectrakit.hpp>

int main() {
  const Eigen::MatrixXd h = spectrakit::hilbert_matrix(1000);          // H_jk = 1/(j+k-1)
  std::cout << "rank_eps(H_1000) at 1e-15: " << spectrakit::epsilon_rank(h, 1e-15) << '\n';
  const auto best = spectrakit::low_rank_approximation(h, 10);          // Eckart-Young
  std::cout << "||H - H_10||_2 = " << best.error_spectral << ", storage " << best.storage()
            << " numbers instead of " << h.size() << '\n';
  Eigen::Matrix2d a;
  a << 3, 0, 0, -4;
  std::cout << "||A||_F = " << spectrakit::frobenius_norm(a) << ", cond(A) = " << spectrakit::condition_number(a)
            << ", tr(A^T A) = " << spectrakit::trace_of_product(a.transpose(), a) << '\n';
}
