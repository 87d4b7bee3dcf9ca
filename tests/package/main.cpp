// Uses spectrakit the way a consumer would, and checks a known value.
#include <Eigen/Dense>
#include <cmath>
#include <iostream>
#include <spectrakit/spectrakit.hpp>

int main() {
  Eigen::Matrix2d a;
  a << 3, 0, 0, -4;
  const double fro = spectrakit::frobenius_norm(a);
  const double sigma1 = spectrakit::spectral_norm(a);
  std::cout << "spectrakit " << SPECTRAKIT_VERSION_MAJOR << '.' << SPECTRAKIT_VERSION_MINOR << '.'
            << SPECTRAKIT_VERSION_PATCH << ": ||A||_F = " << fro << ", ||A||_2 = " << sigma1 << '\n';
  return (std::abs(fro - 5.0) < 1e-15 && std::abs(sigma1 - 4.0) < 1e-15) ? 0 : 1;
}
