// Shared helpers for the spectrakit tests: seeded random matrices with chosen spectra,
// tolerances scaled by size and precision.
#ifndef SPECTRAKIT_TESTS_TEST_UTIL_HPP
#define SPECTRAKIT_TESTS_TEST_UTIL_HPP

#include <Eigen/Dense>
#include <cstdint>
#include <limits>
#include <random>

namespace spectrakit_test {

template <typename Scalar>
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
template <typename Scalar>
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

/// Machine epsilon of the scalar type.
template <typename Scalar>
constexpr Scalar eps() {
  return std::numeric_limits<Scalar>::epsilon();
}

/// m x n matrix with independent standard normal entries, reproducible from the seed.
template <typename Scalar = double>
Matrix<Scalar> random_normal(Eigen::Index m, Eigen::Index n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  Matrix<Scalar> a(m, n);
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = 0; i < m; ++i) a(i, j) = static_cast<Scalar>(normal(rng));
  return a;
}

/// A random n x n orthogonal matrix (Q of the QR of a Gaussian matrix, signs fixed).
template <typename Scalar = double>
Matrix<Scalar> random_orthogonal(Eigen::Index n, std::uint64_t seed) {
  const Matrix<double> g = random_normal<double>(n, n, seed);
  Eigen::HouseholderQR<Matrix<double>> qr(g);
  Matrix<double> q = qr.householderQ();
  const Vector<double> d = qr.matrixQR().diagonal();
  for (Eigen::Index j = 0; j < n; ++j)
    if (d(j) < 0) q.col(j) = -q.col(j);
  return q.cast<Scalar>();
}

/// Symmetric Q diag(d) Q^T with the given eigenvalues (formed in double, then cast).
template <typename Scalar = double>
Matrix<Scalar> symmetric_with_spectrum(const Vector<double>& d, std::uint64_t seed) {
  const Matrix<double> q = random_orthogonal<double>(d.size(), seed);
  Matrix<double> a = q * d.asDiagonal() * q.transpose();
  a = (0.5 * (a + a.transpose())).eval();
  return a.cast<Scalar>();
}

/// m x n matrix U diag(s) V^T with the given singular values (length min(m, n)).
template <typename Scalar = double>
Matrix<Scalar> matrix_with_singular_values(Eigen::Index m, Eigen::Index n, const Vector<double>& s,
                                           std::uint64_t seed) {
  const Matrix<double> u = random_orthogonal<double>(m, seed);
  const Matrix<double> v = random_orthogonal<double>(n, seed + 1);
  const Eigen::Index p = s.size();
  Matrix<double> a = u.leftCols(p) * s.asDiagonal() * v.leftCols(p).transpose();
  return a.cast<Scalar>();
}

}  // namespace spectrakit_test

#endif  // SPECTRAKIT_TESTS_TEST_UTIL_HPP
