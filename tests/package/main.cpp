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
  bool ok = std::abs(fro - 5.0) < 1e-15 && std::abs(sigma1 - 4.0) < 1e-15;
#ifdef SPECTRAKIT_COMPILED
  // Against libspectrakit: a core that only the library defines (the path P4: 2 - sqrt(2)).
  Eigen::Matrix4d p4 = Eigen::Matrix4d::Zero();
  for (int i = 0; i < 3; ++i) p4(i, i + 1) = p4(i + 1, i) = 1;
  const double lambda2 = spectrakit::fiedler_vector(p4).value;
  std::cout << "compiled mode: lambda_2(P4) = " << lambda2 << '\n';
  ok = ok && std::abs(lambda2 - (2 - std::sqrt(2.0))) < 1e-14;
#endif
  return ok ? 0 : 1;
}
