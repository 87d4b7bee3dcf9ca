// Shared helpers of the multigrid tests (test_amg_lobpcg.cpp, test_amg_kernels.cpp): the
// Laplacian's null-space basis and the measured convergence factor of an AMG V-cycle.
#ifndef SPECTRAKIT_TESTS_AMG_TEST_UTIL_HPP
#define SPECTRAKIT_TESTS_AMG_TEST_UTIL_HPP

#include <spectrakit/detail/amg.hpp>
#include <spectrakit/detail/lobpcg.hpp>

#include <cmath>
#include <cstdint>
#include <cstddef>
#include <vector>

namespace spectrakit_test {

/// Orthonormal indicator vectors of the connected components of the graph whose Laplacian (or
/// adjacency pattern) is `l`: the Laplacian's null space, one column per component.
template <typename Scalar>
Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> component_basis(
    const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>& l) {
  using SpMat = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;
  const Eigen::Index n = l.rows();
  std::vector<int> comp(std::size_t(n), -1);
  int count = 0;
  for (Eigen::Index s = 0; s < n; ++s) {
    if (comp[std::size_t(s)] != -1) continue;
    std::vector<Eigen::Index> stack{s};
    comp[std::size_t(s)] = count;
    while (!stack.empty()) {
      const Eigen::Index v = stack.back();
      stack.pop_back();
      for (typename SpMat::InnerIterator it(l, v); it; ++it)
        if (it.value() != Scalar(0) && comp[std::size_t(it.index())] == -1) {
          comp[std::size_t(it.index())] = count;
          stack.push_back(it.index());
        }
    }
    ++count;
  }
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> y = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>::Zero(n, count);
  for (Eigen::Index i = 0; i < n; ++i) y(i, comp[std::size_t(i)]) = Scalar(1);
  for (int c = 0; c < count; ++c) y.col(c).normalize();
  return y;
}

/// Convergence factor of the stationary iteration x <- x + B (b - L x), B the V-cycle, for a
/// random b (from `seed`) orthogonal to the null space: the geometric mean of the residual
/// reduction over iterations 3..12.
template <typename Scalar>
double vcycle_factor(const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>& l,
                     const spectrakit::detail::AmgPreconditioner<Scalar>& amg, std::uint64_t seed) {
  using Mat = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  const Eigen::Index n = l.rows();
  const Mat y = component_basis(l);
  Mat b = spectrakit::detail::lobpcg_impl::start_block<Scalar>(n, 1, seed);
  b -= y * (y.transpose() * b);
  Mat x = Mat::Zero(n, 1), r = b, z(n, 1);
  double r2 = 0, r12 = 0;
  for (int k = 1; k <= 12; ++k) {
    amg.apply(r, z);
    x += z;
    r = b - l * x;
    r -= y * (y.transpose() * r);
    if (k == 2) r2 = double(r.norm());
    if (k == 12) r12 = double(r.norm());
  }
  return std::pow(r12 / r2, 0.1);
}

}  // namespace spectrakit_test

#endif  // SPECTRAKIT_TESTS_AMG_TEST_UTIL_HPP
