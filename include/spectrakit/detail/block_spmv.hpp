/// @file detail/block_spmv.hpp
/// @brief Internals (solver layer): products of a sparse matrix with a block of k vectors stored
/// row by row (the multigrid cycle's and LOBPCG's kernel).
///
/// Layout. With X stored row-major (row j of X contiguous: k scalars), each nonzero a_ij reads
/// one short contiguous row of X, so a product with k vectors costs one pass over A and k times
/// fewer cache misses than k column-major passes (measured 2x on a Barabasi-Albert graph of
/// 100k vertices, k = 5). The width k is a compile-time constant up to 8 (the sums live in
/// registers), a run-time one above.
///
/// Reproducibility. Row i of the result is computed by one thread in a fixed order, so the
/// output does not depend on the thread count. Threads: Eigen::nbThreads() when compiled with
/// OpenMP, outside a parallel region, and when the block has at least 20000 entries.
///
/// Reference: the row-by-row ("CSR times multivector") kernel of e.g. R. Vuduc, J. Demmel and
/// K. Yelick, "OSKI: a library of automatically tuned sparse matrix kernels", J. Phys.: Conf.
/// Ser. 16 (2005), sec. 3 (multiple vectors).
#ifndef SPECTRAKIT_DETAIL_BLOCK_SPMV_HPP
#define SPECTRAKIT_DETAIL_BLOCK_SPMV_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cstddef>
#include <vector>

#include "huge_page_allocator.hpp"

#ifdef _OPENMP
#include <omp.h>
#endif

namespace spectrakit {
namespace detail {

/// A block of vectors stored row by row (n x k, row-major).
template <typename Scalar>
using RowBlock = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Work storage of the iterative solvers: grown, never shrunk, and backed by transparent huge
/// pages when large (a fresh 4 KiB-page mapping costs ~3 us per page on first touch on the
/// virtual machines we measure: 145 ms for 48 MB; so the iterations reuse their buffers).
template <typename Scalar>
using WorkBuffer = std::vector<Scalar, HugePageAllocator<Scalar>>;

/// The first `size` scalars of `buffer`, grown when needed.
template <typename Scalar>
Scalar* reserve(WorkBuffer<Scalar>& buffer, std::size_t size) {
  if (buffer.size() < size) buffer.resize(size);
  return buffer.data();
}

namespace block_impl {

// Number of threads for a pass over m rows of a k-wide block.
inline int threads_for(Eigen::Index m, Eigen::Index k) {
#ifdef _OPENMP
  return (omp_in_parallel() || m * k < 20000) ? 1 : std::max(1, Eigen::nbThreads());
#else
  (void)m;
  (void)k;
  return 1;
#endif
}

// op(i, s) for each column i of a (i = 0 .. a.cols()-1), s = sum_p value[p] x.row(inner[p]):
// row i of A^T X, k = K scalars (K > 0) or k (K = 0).
template <int K, typename Scalar, typename RowOp>
void product_rows_fixed(const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>& a, const Scalar* x,
                        Eigen::Index kdyn, RowOp& op) {
  const Eigen::Index m = a.outerSize();
  const Eigen::Index k = K > 0 ? Eigen::Index(K) : kdyn;
  const int* outer = a.outerIndexPtr();
  const int* inner = a.innerIndexPtr();
  const int* nnz = a.innerNonZeroPtr();
  const Scalar* values = a.valuePtr();
#ifdef _OPENMP
  const int threads = threads_for(m, k);
#pragma omp parallel num_threads(threads)
#endif
  {
    std::vector<Scalar> heap(K > 0 ? 0 : std::size_t(k));
    Scalar fixed[K > 0 ? K : 1];
    Scalar* s = K > 0 ? fixed : heap.data();
#ifdef _OPENMP
#pragma omp for schedule(static, 512)
#endif
    for (Eigen::Index i = 0; i < m; ++i) {
      const int begin = outer[i];
      const int end = nnz ? begin + nnz[i] : outer[i + 1];
      for (Eigen::Index c = 0; c < k; ++c) s[c] = Scalar(0);
      for (int p = begin; p < end; ++p) {
        const Scalar v = values[p];
        const Scalar* xr = x + std::size_t(inner[p]) * std::size_t(k);
        for (Eigen::Index c = 0; c < k; ++c) s[c] += v * xr[c];
      }
      op(i, static_cast<const Scalar*>(s));
    }
  }
}

}  // namespace block_impl

/// Calls op(i, s) for every column i of a, with s (k scalars) the row i of A^T X; X is n x k
/// row-major, n = a.rows(), given by its data pointer. For a symmetric A (both triangles stored)
/// s is row i of A X. op may write row i of any block but must not read what other rows write.
/// Cost: 2 nnz(A) k flops plus op.
template <typename Scalar, typename RowOp>
void for_each_product_row(const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>& a, const Scalar* x, Eigen::Index k,
                          RowOp op) {
  using namespace block_impl;
  switch (k) {
    case 1: product_rows_fixed<1>(a, x, k, op); break;
    case 2: product_rows_fixed<2>(a, x, k, op); break;
    case 3: product_rows_fixed<3>(a, x, k, op); break;
    case 4: product_rows_fixed<4>(a, x, k, op); break;
    case 5: product_rows_fixed<5>(a, x, k, op); break;
    case 6: product_rows_fixed<6>(a, x, k, op); break;
    case 7: product_rows_fixed<7>(a, x, k, op); break;
    case 8: product_rows_fixed<8>(a, x, k, op); break;
    default: product_rows_fixed<0>(a, x, k, op); break;
  }
}

/// Y = A^T X (accumulate: Y += A^T X) for row-major blocks given by their data: X is
/// a.rows() x k, Y a.cols() x k, distinct. For symmetric A, Y = A X. Cost: 2 nnz(A) k flops.
template <typename Scalar>
void product_rows(const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>& a, const Scalar* x, Eigen::Index k,
                  Scalar* y, bool accumulate = false) {
  const std::size_t width = std::size_t(k);
  if (accumulate) {
    for_each_product_row(a, x, k, [y, width](Eigen::Index i, const Scalar* s) {
      Scalar* yi = y + std::size_t(i) * width;
      for (std::size_t c = 0; c < width; ++c) yi[c] += s[c];
    });
  } else {
    for_each_product_row(a, x, k, [y, width](Eigen::Index i, const Scalar* s) {
      Scalar* yi = y + std::size_t(i) * width;
      for (std::size_t c = 0; c < width; ++c) yi[c] = s[c];
    });
  }
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_DETAIL_BLOCK_SPMV_HPP
