/// @file graph/reconstruction.hpp
/// @brief Spectral reconstruction A = sum_i lambda_i x_i x_i^T and its rank-r truncation.
#ifndef SPECTRAKIT_GRAPH_RECONSTRUCTION_HPP
#define SPECTRAKIT_GRAPH_RECONSTRUCTION_HPP

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "../detail/validate.hpp"

namespace spectrakit {

/// @brief The spectral reconstruction sum_i lambda_i x_i x_i^T = X diag(lambda) X^T.
///
/// For a symmetric A with eigen-decomposition A = Q Lambda Q^T, passing all n pairs gives A
/// back (to rounding); passing a subset gives the sum over that subset (the notes' "network
/// reconstruction" from predicted spectral parameters). The result is symmetrized exactly.
///
/// @param values the m eigenvalues lambda_i (finite)
/// @param vectors n x m, column i the eigenvector x_i (finite; orthonormality is not required)
/// @return the symmetric n x n matrix
/// @throws invalid_input when the sizes disagree or an entry is NaN/Inf
/// @par Cost
/// O(n^2 m).
template <typename DerivedV, typename DerivedX>
[[nodiscard]] Eigen::Matrix<typename DerivedX::Scalar, Eigen::Dynamic, Eigen::Dynamic> spectral_reconstruction(
    const Eigen::MatrixBase<DerivedV>& values, const Eigen::MatrixBase<DerivedX>& vectors) {
  using Scalar = typename DerivedX::Scalar;
  detail::static_check_real_scalar<Scalar>();
  const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> x = vectors;
  detail::require_vector_size(values, x.cols(), "spectral_reconstruction", "values");
  const Eigen::Matrix<Scalar, Eigen::Dynamic, 1> lambda = values.derived().reshaped().template cast<Scalar>();
  detail::require_finite(lambda, "spectral_reconstruction", "values");
  detail::require_finite(x, "spectral_reconstruction", "vectors");
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> a = x * lambda.asDiagonal() * x.transpose();
  a = (Scalar(0.5) * (a + a.transpose())).eval();
  return a;
}

/// @brief The rank-r spectral truncation: the sum over the r pairs of largest |lambda_i| (ties:
/// lower index). For orthonormal X this is the best rank-r approximation of X diag(lambda) X^T
/// in the 2- and Frobenius norms (Eckart-Young for symmetric matrices).
/// @param values the m eigenvalues (finite)
/// @param vectors n x m eigenvectors (finite)
/// @param rank number of kept terms, 0 <= rank <= m
/// @return the symmetric n x n truncation
/// @throws invalid_input when the sizes disagree, an entry is NaN/Inf or rank is out of [0, m]
/// @par Cost
/// O(n^2 r + m log m).
template <typename DerivedV, typename DerivedX>
[[nodiscard]] Eigen::Matrix<typename DerivedX::Scalar, Eigen::Dynamic, Eigen::Dynamic> spectral_reconstruction(
    const Eigen::MatrixBase<DerivedV>& values, const Eigen::MatrixBase<DerivedX>& vectors, Eigen::Index rank) {
  using Scalar = typename DerivedX::Scalar;
  detail::require_vector_size(values, vectors.cols(), "spectral_reconstruction", "values");
  detail::require_index_in(rank, 0, vectors.cols(), "spectral_reconstruction", "rank");
  const Eigen::Matrix<Scalar, Eigen::Dynamic, 1> lambda = values.derived().reshaped().template cast<Scalar>();
  detail::require_finite(lambda, "spectral_reconstruction", "values");
  std::vector<Eigen::Index> order(static_cast<std::size_t>(lambda.size()));
  std::iota(order.begin(), order.end(), Eigen::Index(0));
  std::stable_sort(order.begin(), order.end(),
                   [&](Eigen::Index p, Eigen::Index q) { return std::abs(lambda(p)) > std::abs(lambda(q)); });
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> kept(rank);
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> x(vectors.rows(), rank);
  for (Eigen::Index r = 0; r < rank; ++r) {
    kept(r) = lambda(order[static_cast<std::size_t>(r)]);
    x.col(r) = vectors.col(order[static_cast<std::size_t>(r)]);
  }
  if (rank == 0) {
    const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> check = vectors;
    detail::require_finite(check, "spectral_reconstruction", "vectors");
    return Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>::Zero(vectors.rows(), vectors.rows());
  }
  return spectral_reconstruction(kept, x);
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_GRAPH_RECONSTRUCTION_HPP
