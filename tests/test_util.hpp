// Shared helpers for the spectrakit tests: seeded random matrices with chosen spectra,
// tolerances scaled by size and precision.
#ifndef SPECTRAKIT_TESTS_TEST_UTIL_HPP
#define SPECTRAKIT_TESTS_TEST_UTIL_HPP

#include <Eigen/Core>
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

// The generators are formed in double by non-template functions compiled once (random_matrices.cpp),
// so that no test file instantiates Eigen's QR for them; the templates only cast.
Matrix<double> random_normal_double(Eigen::Index m, Eigen::Index n, std::uint64_t seed);
Matrix<double> random_orthogonal_double(Eigen::Index n, std::uint64_t seed);
Matrix<double> symmetric_with_spectrum_double(const Vector<double>& d, std::uint64_t seed);
Matrix<double> matrix_with_singular_values_double(Eigen::Index m, Eigen::Index n, const Vector<double>& s,
                                                  std::uint64_t seed);

// Reference decompositions for the checks, by Eigen's solvers, compiled once
// (random_matrices.cpp, with the library's optimization): no test file instantiates them, and
// they keep their speed when the test files are compiled at -O0 (the sanitizer build).
/// Eigenvalues of the symmetric m (its lower triangle), ascending (SelfAdjointEigenSolver).
Vector<float> reference_eigenvalues(const Matrix<float>& m);
Vector<double> reference_eigenvalues(const Matrix<double>& m);
/// Orthonormal eigenvectors of the symmetric m, columns in the order of the ascending eigenvalues.
Matrix<float> reference_eigenvectors(const Matrix<float>& m);
Matrix<double> reference_eigenvectors(const Matrix<double>& m);
/// Singular values of m, descending (JacobiSVD).
Vector<float> reference_singular_values(const Matrix<float>& m);
Vector<double> reference_singular_values(const Matrix<double>& m);
/// Whether Eigen's LLT factorizes m (m numerically positive definite).
bool cholesky_succeeds(const Matrix<float>& m);
bool cholesky_succeeds(const Matrix<double>& m);

/// m x n matrix with independent standard normal entries, reproducible from the seed.
template <typename Scalar = double>
Matrix<Scalar> random_normal(Eigen::Index m, Eigen::Index n, std::uint64_t seed) {
  return random_normal_double(m, n, seed).cast<Scalar>();
}

/// A random n x n orthogonal matrix (Q of the QR of a Gaussian matrix, signs fixed).
template <typename Scalar = double>
Matrix<Scalar> random_orthogonal(Eigen::Index n, std::uint64_t seed) {
  return random_orthogonal_double(n, seed).cast<Scalar>();
}

/// Symmetric Q diag(d) Q^T with the given eigenvalues (formed in double, then cast).
template <typename Scalar = double>
Matrix<Scalar> symmetric_with_spectrum(const Vector<double>& d, std::uint64_t seed) {
  return symmetric_with_spectrum_double(d, seed).cast<Scalar>();
}

/// m x n matrix U diag(s) V^T with the given singular values (length min(m, n)).
template <typename Scalar = double>
Matrix<Scalar> matrix_with_singular_values(Eigen::Index m, Eigen::Index n, const Vector<double>& s,
                                           std::uint64_t seed) {
  return matrix_with_singular_values_double(m, n, s, seed).cast<Scalar>();
}

}  // namespace spectrakit_test

#endif  // SPECTRAKIT_TESTS_TEST_UTIL_HPP
