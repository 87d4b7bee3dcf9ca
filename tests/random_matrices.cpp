// The random generators and reference decompositions declared in test_util.hpp, compiled once
// for the whole suite.
#include "test_util.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <Eigen/SVD>

namespace spectrakit_test {

Matrix<double> random_normal_double(Eigen::Index m, Eigen::Index n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  Matrix<double> a(m, n);
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = 0; i < m; ++i) a(i, j) = normal(rng);
  return a;
}

Matrix<double> random_orthogonal_double(Eigen::Index n, std::uint64_t seed) {
  const Eigen::HouseholderQR<Matrix<double>> qr(random_normal_double(n, n, seed));
  Matrix<double> q = qr.householderQ();
  const Vector<double> d = qr.matrixQR().diagonal();
  for (Eigen::Index j = 0; j < n; ++j)
    if (d(j) < 0) q.col(j) = -q.col(j);
  return q;
}

Matrix<double> symmetric_with_spectrum_double(const Vector<double>& d, std::uint64_t seed) {
  const Matrix<double> q = random_orthogonal_double(d.size(), seed);
  Matrix<double> a = q * d.asDiagonal() * q.transpose();
  a = (0.5 * (a + a.transpose())).eval();
  return a;
}

Matrix<double> matrix_with_singular_values_double(Eigen::Index m, Eigen::Index n, const Vector<double>& s,
                                                  std::uint64_t seed) {
  const Matrix<double> u = random_orthogonal_double(m, seed);
  const Matrix<double> v = random_orthogonal_double(n, seed + 1);
  const Eigen::Index p = s.size();
  return u.leftCols(p) * s.asDiagonal() * v.leftCols(p).transpose();
}

namespace {

template <typename Scalar>
Vector<Scalar> eigenvalues_of(const Matrix<Scalar>& m) {
  return Eigen::SelfAdjointEigenSolver<Matrix<Scalar>>(m, Eigen::EigenvaluesOnly).eigenvalues();
}
template <typename Scalar>
Matrix<Scalar> eigenvectors_of(const Matrix<Scalar>& m) {
  return Eigen::SelfAdjointEigenSolver<Matrix<Scalar>>(m).eigenvectors();
}
template <typename Scalar>
Vector<Scalar> singular_values_of(const Matrix<Scalar>& m) {
  return Eigen::JacobiSVD<Matrix<Scalar>>(m).singularValues();
}
template <typename Scalar>
bool llt_succeeds(const Matrix<Scalar>& m) {
  return Eigen::LLT<Matrix<Scalar>>(m).info() == Eigen::Success;
}

}  // namespace

Vector<float> reference_eigenvalues(const Matrix<float>& m) { return eigenvalues_of(m); }
Vector<double> reference_eigenvalues(const Matrix<double>& m) { return eigenvalues_of(m); }
Matrix<float> reference_eigenvectors(const Matrix<float>& m) { return eigenvectors_of(m); }
Matrix<double> reference_eigenvectors(const Matrix<double>& m) { return eigenvectors_of(m); }
Vector<float> reference_singular_values(const Matrix<float>& m) { return singular_values_of(m); }
Vector<double> reference_singular_values(const Matrix<double>& m) { return singular_values_of(m); }
bool cholesky_succeeds(const Matrix<float>& m) { return llt_succeeds(m); }
bool cholesky_succeeds(const Matrix<double>& m) { return llt_succeeds(m); }

}  // namespace spectrakit_test
