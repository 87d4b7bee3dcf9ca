/// @file graph/embedding.hpp
/// @brief Spectral embedding: the eigenvectors after the null vector, as node coordinates.
#ifndef SPECTRAKIT_GRAPH_EMBEDDING_HPP
#define SPECTRAKIT_GRAPH_EMBEDDING_HPP

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <string>

#include "../detail/config.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "../solver_method.hpp"
#include "components.hpp"
#include "detail/adjacency.hpp"
#include "detail/lowest_eigenpairs.hpp"
#include "fiedler.hpp"
#include "laplacian.hpp"

namespace spectrakit {

/// @brief Options of spectral_embedding(): the eigen-solver's (GraphSolverOptions, as for
/// fiedler_vector()) and the Laplacian's.
struct EmbeddingOptions : GraphSolverOptions {
  /// false (default): eigenvectors of L = D - A; true: eigenvectors of L_sym.
  bool normalized = false;
};

/// @brief A spectral embedding with the eigenvalues of its columns and how it was computed.
/// @tparam Scalar float or double
template <typename Scalar>
struct SpectralEmbedding {
  /// n x dims coordinates: column k is the eigenvector of eigenvalues(k).
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> coordinates;
  /// The dims eigenvalues lambda_2 <= ... <= lambda_{dims+1}.
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> eigenvalues;
  /// Connected components of the graph.
  Components components;
  /// Relative residual max_k ||L x_k - lambda_k x_k|| / ||L||_1.
  Scalar residual = 0;
  /// Linear solves of shift-invert or LOBPCG iterations (0 on the dense path).
  Eigen::Index iterations = 0;
  /// success, not_converged, numerical_issue or out_of_memory_budget (see FiedlerResult::status).
  Status status = Status::success;
  /// The eigen-solver that ran (dense, shift_invert or lobpcg).
  EigsMethod method = EigsMethod::dense;
  /// Bytes of the shift-invert factor; 0 for the other methods.
  std::size_t factor_bytes = 0;
  /// Predicted peak bytes of the shift-invert factorization when predicted, else 0.
  std::size_t predicted_factor_bytes = 0;
  /// Why the solve did not run (out_of_memory_budget), empty otherwise.
  std::string message;
  /// @brief True when status == Status::success.
  [[nodiscard]] bool converged() const { return status == Status::success; }
};

namespace detail {

/// The `count` smallest eigenpairs of L (or L_sym) outside the null space span(Z), by the
/// method of `request` (lowest_pairs()).
template <typename Real>
LowestPairs<Real> nonnull_pairs(const SparseGraph<Real>& l, const MatX<Real>& z, Eigen::Index count, Real tol,
                                std::uint64_t seed, Eigen::Index max_ops, const SolverRequest& request);

/// The spectral embedding of a validated graph (computed in double, returned in Scalar).
template <typename Scalar>
SpectralEmbedding<Scalar> embedding_of(const SparseGraph<double>& a, Eigen::Index dims, const EmbeddingOptions& o,
                                       double tol);

/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_EMBEDDING_INSTANTIATIONS(prefix)                                                              \
  prefix LowestPairs<double> nonnull_pairs<double>(const SparseGraph<double>&, const MatX<double>&, Eigen::Index, \
                                                   double, std::uint64_t, Eigen::Index, const SolverRequest&);     \
  prefix SpectralEmbedding<float> embedding_of<float>(const SparseGraph<double>&, Eigen::Index,                   \
                                                      const EmbeddingOptions&, double);                          \
  prefix SpectralEmbedding<double> embedding_of<double>(const SparseGraph<double>&, Eigen::Index,                 \
                                                        const EmbeddingOptions&, double);
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_EMBEDDING_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

#if SPECTRAKIT_DEFINE_CORES

/// The `count` smallest eigenpairs of L (or L_sym) outside the null space span(Z).
template <typename Real>
LowestPairs<Real> nonnull_pairs(const SparseGraph<Real>& l, const MatX<Real>& z, Eigen::Index count, Real tol,
                                 std::uint64_t seed, Eigen::Index max_ops, const SolverRequest& request) {
  return lowest_pairs(l, z, count, tol, seed, max_ops, request);
}

/// Orthonormal basis of span(Z) orthogonal to the global null vector z0 (c - 1 columns).
template <typename Real>
MatX<Real> null_contrasts(const MatX<Real>& z, const VecX<Real>& z0) {
  MatX<Real> q(z.rows(), z.cols());
  q.col(0) = z0;
  Eigen::Index r = 1;
  for (Eigen::Index k = 0; k < z.cols() && r < z.cols(); ++k) {
    VecX<Real> v = z.col(k);
    for (int pass = 0; pass < 2; ++pass) v -= q.leftCols(r) * (q.leftCols(r).transpose() * v);
    const Real nv = v.norm();
    if (nv > Real(1e-8)) q.col(r++) = v / nv;
  }
  return q.middleCols(1, r - 1);
}

template <typename Scalar>
SpectralEmbedding<Scalar> embedding_of(const SparseGraph<double>& a, Eigen::Index dims, const EmbeddingOptions& o,
                                       double tol) {
  SpectralEmbedding<Scalar> out;
  const Eigen::Index n = a.rows();
  const Eigen::VectorXd d = degrees_of(a);
  out.components = components_of(a);
  const SparseGraph<double> l =
      laplacian_of(a, o.normalized ? LaplacianKind::symmetric_normalized : LaplacianKind::unnormalized);
  const Eigen::MatrixXd z = null_basis(out.components, d, o.normalized);
  Eigen::VectorXd z0(n);
  double vol = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    z0(i) = o.normalized ? std::sqrt(d(i)) : 1.0;
    vol += z0(i);
  }
  if (vol == 0) z0.setOnes();
  z0.normalize();
  const Eigen::MatrixXd contrasts = null_contrasts(z, z0);
  const Eigen::Index from_null = std::min<Eigen::Index>(dims, contrasts.cols());
  const LowestPairs<double> p = nonnull_pairs(l, z, dims - from_null, tol, o.seed, o.max_iterations,
                                              solver_request(o));
  out.method = p.method;
  out.factor_bytes = p.factor_bytes;
  out.predicted_factor_bytes = p.predicted_factor_bytes;
  out.message = p.message;
  Eigen::MatrixXd x(n, dims);
  Eigen::VectorXd values = Eigen::VectorXd::Zero(dims);
  x.leftCols(from_null) = contrasts.leftCols(from_null);
  x.rightCols(dims - from_null) = p.vectors;
  values.tail(dims - from_null) = p.values;
  double residual = 0;
  const double scale = std::max(norm1(l), 1e-300);
  for (Eigen::Index k = 0; k < dims; ++k) {
    fix_sign(x.col(k));
    residual = std::max(residual, (l * x.col(k) - values(k) * x.col(k)).norm() / scale);
  }
  out.coordinates = x.cast<Scalar>();
  out.eigenvalues = values.cast<Scalar>();
  out.residual = static_cast<Scalar>(residual);
  out.iterations = p.operations;
  out.status = p.status;
  return out;
}
#endif  // SPECTRAKIT_DEFINE_CORES

}  // namespace detail

/// @brief Spectral embedding with its eigenvalues and convergence report (see spectral_embedding()).
/// @param a symmetric nonnegative adjacency, dense or sparse (n x n, n >= 2)
/// @param dims number of coordinates, 1 <= dims <= n - 1
/// @param options normalization and solver options
/// @return coordinates, eigenvalues, components, residual, iterations, status
/// @throws invalid_input when dims is out of [1, n - 1], or as laplacian()
template <typename Derived>
[[nodiscard]] SpectralEmbedding<typename Derived::Scalar> spectral_embedding_pairs(const Eigen::EigenBase<Derived>& a,
                                                                                   Eigen::Index dims,
                                                                                   const EmbeddingOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  detail::check_solver_options(options, "spectral_embedding");
  auto g = detail::checked_any(a, "spectral_embedding");
  if (g.rows() < 2) detail::fail("spectral_embedding", "A", "must have at least 2 nodes, got " + detail::shape_of(g));
  detail::require_index_in(dims, 1, g.rows() - 1, "spectral_embedding", "dims");
  const detail::SparseGraph<double> gd = detail::to_double(std::move(g));
  return detail::embedding_of<Scalar>(gd, dims, options, detail::resolved_tolerance<Scalar>(options.tolerance));
}

/// @brief Spectral embedding (Laplacian eigenmaps): the eigenvectors 2..dims+1 of L (or L_sym)
/// as the columns of an n x dims coordinate matrix; the null vector is dropped.
///
/// Column k is the unit eigenvector of the (k+2)-th smallest eigenvalue, sign fixed so that
/// its largest-magnitude entry is positive. On a disconnected graph with c components the
/// null space has dimension c: the first min(dims, c - 1) columns are an orthonormal basis of
/// the null space orthogonal to the null vector (built from the component indicators, in
/// component order: exact and deterministic), then the eigenvectors of the nonzero eigenvalues.
/// The column of lambda_2 is the Fiedler vector.
///
/// @param a symmetric nonnegative adjacency, dense or sparse (n x n, n >= 2)
/// @param dims number of coordinates, 1 <= dims <= n - 1
/// @param options normalization and solver options
/// @return the n x dims coordinates
/// @throws invalid_input when dims is out of [1, n - 1], or as laplacian()
/// @par Cost
/// As fiedler_vector() with dims + 1 wanted pairs.
/// @par Reference
/// Belkin & Niyogi, "Laplacian eigenmaps for dimensionality reduction and data representation",
/// Neural Computation 15 (2003).
template <typename Derived>
[[nodiscard]] Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, Eigen::Dynamic> spectral_embedding(
    const Eigen::EigenBase<Derived>& a, Eigen::Index dims, const EmbeddingOptions& options = {}) {
  return spectral_embedding_pairs(a, dims, options).coordinates;
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_GRAPH_EMBEDDING_HPP
