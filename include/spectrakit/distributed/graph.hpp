/// @file distributed/graph.hpp
/// @brief DistributedGraph: a symmetric nonnegative adjacency in contiguous row blocks over an
/// MPI communicator, owning a PETSc MPIAIJ matrix.
#ifndef SPECTRAKIT_DISTRIBUTED_GRAPH_HPP
#define SPECTRAKIT_DISTRIBUTED_GRAPH_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <sstream>
#include <utility>
#include <string>
#include <vector>

#include "spectrakit/distributed/detail/petsc.hpp"

namespace spectrakit {
namespace distributed {

/// @brief An owned distributed PETSc matrix (MPIAIJ) with contiguous row blocks; RAII, movable,
/// not copyable. The Laplacians are returned as this type.
class DistributedMatrix {
 public:
  DistributedMatrix() = default;
  /// @brief Takes ownership of an assembled PETSc matrix.
  explicit DistributedMatrix(Mat m) : m_(m) {
    if (m) {
      PetscInt b = 0, e = 0, n = 0;
      detail::check(MatGetOwnershipRange(m, &b, &e), "MatGetOwnershipRange");
      detail::check(MatGetSize(m, &n, nullptr), "MatGetSize");
      begin_ = b;
      local_ = e - b;
      rows_ = n;
    }
  }
  /// @brief The PETSc matrix (still owned by this object).
  [[nodiscard]] Mat mat() const noexcept { return m_.get(); }
  /// @brief The communicator of the matrix.
  [[nodiscard]] MPI_Comm comm() const noexcept { return m_ ? PetscObjectComm(reinterpret_cast<PetscObject>(m_.get())) : MPI_COMM_NULL; }
  /// @brief Global number of rows (= columns).
  [[nodiscard]] Eigen::Index rows() const noexcept { return rows_; }
  /// @brief Number of rows this rank owns.
  [[nodiscard]] Eigen::Index local_rows() const noexcept { return local_; }
  /// @brief Global index of this rank's first row (its rows are row_begin() .. row_begin()+local_rows()-1).
  [[nodiscard]] Eigen::Index row_begin() const noexcept { return begin_; }
  /// @brief Gives up ownership of the PETSc matrix.
  Mat release() noexcept { return m_.release(); }

 private:
  detail::OwnedMat m_;
  Eigen::Index rows_ = 0, local_ = 0, begin_ = 0;
};

/// @brief A symmetric nonnegative adjacency distributed by contiguous row blocks: rank r owns
/// the rows it was built from (rank order = row order). Owns a PETSc MPIAIJ matrix; RAII,
/// movable, not copyable. Must be destroyed before the Environment.
class DistributedGraph {
 public:
  DistributedGraph() = default;
  /// @brief The PETSc adjacency matrix (owned by the graph; do not destroy it).
  [[nodiscard]] Mat mat() const noexcept { return a_.mat(); }
  /// @brief The communicator.
  [[nodiscard]] MPI_Comm comm() const noexcept { return a_.comm(); }
  /// @brief Global number of nodes.
  [[nodiscard]] Eigen::Index nodes() const noexcept { return a_.rows(); }
  /// @brief Nodes (rows) owned by this rank.
  [[nodiscard]] Eigen::Index local_nodes() const noexcept { return a_.local_rows(); }
  /// @brief Global index of this rank's first node.
  [[nodiscard]] Eigen::Index global_offset() const noexcept { return a_.row_begin(); }

  /// Internal: wraps a matrix already known to be a valid adjacency (a submatrix of one).
  static DistributedGraph adopt(Mat m) {
    DistributedGraph g;
    g.a_ = DistributedMatrix(m);
    return g;
  }

 private:
  DistributedMatrix a_;
};

namespace detail {

/// Validates this rank's CSR rows locally (throws invalid_input), then sorts each row and sums
/// duplicates into (ia, ja, va) for MatCreateMPIAIJWithArrays.
inline void local_csr(const char* function, std::int64_t n, const std::vector<PetscInt>& row_ptr,
                      const std::vector<PetscInt>& cols, const std::vector<double>& vals, std::vector<PetscInt>& ia,
                      std::vector<PetscInt>& ja, std::vector<PetscScalar>& va) {
  if (row_ptr.empty() || row_ptr.front() != 0) fail(function, "row_ptr", "must start with 0 (local_rows + 1 entries)");
  const std::size_t m = row_ptr.size() - 1;
  for (std::size_t i = 0; i < m; ++i)
    if (row_ptr[i + 1] < row_ptr[i]) fail(function, "row_ptr", "must be nondecreasing");
  if (static_cast<std::size_t>(row_ptr.back()) != cols.size() || cols.size() != vals.size())
    fail(function, "cols", "and 'vals' must have row_ptr.back() entries each");
  for (std::size_t k = 0; k < cols.size(); ++k) {
    if (cols[k] < 0 || cols[k] >= n)
      fail(function, "cols", "holds column " + std::to_string(cols[k]) + " outside [0, " + std::to_string(n) + ")");
    if (!std::isfinite(vals[k])) fail(function, "A", "has NaN or Inf entries");
    if (vals[k] < 0) {
      std::ostringstream os;
      os << "must have nonnegative weights (an adjacency matrix), got " << vals[k] << " in row "
         << (std::upper_bound(row_ptr.begin(), row_ptr.end(), static_cast<PetscInt>(k)) - row_ptr.begin() - 1)
         << " of this rank";
      fail(function, "A", os.str());
    }
  }
  ia.assign(1, 0);
  ja.clear();
  va.clear();
  ja.reserve(cols.size());
  va.reserve(cols.size());
  std::vector<std::pair<PetscInt, double>> row;
  for (std::size_t i = 0; i < m; ++i) {
    row.clear();
    for (PetscInt k = row_ptr[i]; k < row_ptr[i + 1]; ++k) row.emplace_back(cols[k], vals[k]);
    std::stable_sort(row.begin(), row.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (k > 0 && row[k].first == row[k - 1].first) {
        va.back() += row[k].second;
      } else {
        ja.push_back(row[k].first);
        va.push_back(row[k].second);
      }
    }
    ia.push_back(static_cast<PetscInt>(ja.size()));
  }
}

/// Symmetry check of an assembled adjacency with the library-wide rule
/// ||A - A^T||_F <= 100 n eps ||A||_F (the serial validation's; A is kept as given, as the
/// serial routines keep it). Collective; every rank sees the same norms, so all throw together.
inline void require_symmetric(const OwnedMat& a, std::int64_t n, const char* function) {
  PetscReal norm = 0;
  check(MatNorm(a.get(), NORM_FROBENIUS, &norm), "MatNorm");
  OwnedMat d;  // A^T - A
  check(MatTranspose(a.get(), MAT_INITIAL_MATRIX, d.out()), "MatTranspose");
  check(MatAXPY(d.get(), -1.0, a.get(), DIFFERENT_NONZERO_PATTERN), "MatAXPY");
  PetscReal asym = 0;
  check(MatNorm(d.get(), NORM_FROBENIUS, &asym), "MatNorm");
  const double tol = 100.0 * double(n) * std::numeric_limits<double>::epsilon();
  if (asym > tol * norm) {
    std::ostringstream os;
    os << "must be symmetric (an undirected graph): ||A - A^T||_F / ||A||_F = " << (norm > 0 ? asym / norm : asym)
       << " exceeds " << tol;
    fail(function, "A", os.str());
  }
}

}  // namespace detail

/// @brief Builds a distributed graph from this rank's rows in CSR form with global column
/// indices. Collective over `comm`; rank r's rows follow rank r-1's.
///
/// @param comm the communicator (every rank calls)
/// @param n the global number of nodes (same on every rank)
/// @param row_ptr local_rows + 1 offsets into cols/vals, starting at 0
/// @param cols global column indices in [0, n) (any order; duplicates are summed)
/// @param vals the weights, finite and >= 0
/// @return the graph (A as given, like the serial routines: within the symmetry tolerance, not symmetrized)
/// @throws invalid_input on every rank when any rank's rows are malformed, a weight is negative,
/// NaN or Inf, the local row counts do not add up to n, n differs between ranks, or A is not
/// symmetric (||A - A^T||_F > 100 n eps ||A||_F); petsc_error when PETSc fails
/// @par Cost
/// O(nnz log(row length)) local work plus one distributed transpose for the symmetry check.
[[nodiscard]] inline DistributedGraph graph_from_csr(MPI_Comm comm, Eigen::Index n, const std::vector<PetscInt>& row_ptr,
                                                     const std::vector<PetscInt>& cols, const std::vector<double>& vals) {
  const char* function = "graph_from_csr";
  detail::require_initialized(function);
  std::vector<PetscInt> ia, ja;
  std::vector<PetscScalar> va;
  detail::collectively(comm, [&] {
    if (n < 1) detail::fail(function, "n", "must be >= 1, got " + std::to_string(n));
    if (n > std::numeric_limits<PetscInt>::max())
      detail::fail(function, "n", "exceeds PETSc's index range (" + std::to_string(sizeof(PetscInt) * 8) + "-bit PetscInt)");
    detail::local_csr(function, n, row_ptr, cols, vals, ia, ja, va);
  });
  long long counts[2] = {static_cast<long long>(ia.size() - 1), 0};
  long long nn[2] = {static_cast<long long>(n), -static_cast<long long>(n)};
  long long total = 0, ext[2] = {0, 0};
  MPI_Allreduce(&counts[0], &total, 1, MPI_LONG_LONG, MPI_SUM, comm);
  MPI_Allreduce(nn, ext, 2, MPI_LONG_LONG, MPI_MAX, comm);
  if (ext[0] != -ext[1]) detail::fail(function, "n", "must be the same on every rank");
  if (total != n)
    detail::fail(function, "row_ptr", "the ranks' rows add up to " + std::to_string(total) + ", not n = " + std::to_string(n));
  const auto m = static_cast<PetscInt>(ia.size() - 1);
  detail::OwnedMat a;
  detail::check(MatCreateMPIAIJWithArrays(comm, m, m, static_cast<PetscInt>(n), static_cast<PetscInt>(n), ia.data(),
                                          ja.data(), va.data(), a.out()),
                "MatCreateMPIAIJWithArrays");
  detail::require_symmetric(a, n, function);
  return DistributedGraph::adopt(a.release());
}

/// @brief Builds a distributed graph from this rank's rows as an Eigen sparse matrix
/// (local_rows x n, global column indices). See graph_from_csr() for the rules and throws.
/// @param comm the communicator
/// @param local_rows this rank's rows of the adjacency (either storage order)
template <typename Derived>
[[nodiscard]] DistributedGraph graph_from_local_rows(MPI_Comm comm, const Eigen::SparseMatrixBase<Derived>& local_rows) {
  const Eigen::SparseMatrix<double, Eigen::RowMajor, PetscInt> r = local_rows.derived().template cast<double>();
  std::vector<PetscInt> ptr(static_cast<std::size_t>(r.rows()) + 1, 0), cols;
  std::vector<double> vals;
  cols.reserve(static_cast<std::size_t>(r.nonZeros()));
  vals.reserve(static_cast<std::size_t>(r.nonZeros()));
  for (Eigen::Index i = 0; i < r.outerSize(); ++i) {
    for (typename decltype(r)::InnerIterator it(r, i); it; ++it) {
      cols.push_back(static_cast<PetscInt>(it.col()));
      vals.push_back(it.value());
    }
    ptr[static_cast<std::size_t>(i) + 1] = static_cast<PetscInt>(cols.size());
  }
  return graph_from_csr(comm, r.cols(), ptr, cols, vals);
}

/// @brief The whole matrix on every rank (for tests and small graphs): O(nnz) memory per rank.
/// @param m a distributed matrix (adjacency or Laplacian)
/// @return the n x n matrix, column-major
template <typename M>
[[nodiscard]] Eigen::SparseMatrix<double> gather_matrix(const M& m) {
  Mat a = m.mat();
  MPI_Comm comm = PetscObjectComm(reinterpret_cast<PetscObject>(a));
  PetscInt b = 0, e = 0, n = 0;
  detail::check(MatGetOwnershipRange(a, &b, &e), "MatGetOwnershipRange");
  detail::check(MatGetSize(a, &n, nullptr), "MatGetSize");
  std::vector<double> mine;  // (row, col, value) triples
  detail::for_each_row(a, b, e, [&](PetscInt i, PetscInt nc, const PetscInt* c, const PetscScalar* v) {
    for (PetscInt k = 0; k < nc; ++k) {
      mine.push_back(double(i));
      mine.push_back(double(c[k]));
      mine.push_back(v[k]);
    }
  });
  const int p = detail::comm_size(comm);
  int count = static_cast<int>(mine.size());
  std::vector<int> counts(static_cast<std::size_t>(p)), displs(static_cast<std::size_t>(p), 0);
  MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, comm);
  for (int r = 1; r < p; ++r) displs[r] = displs[r - 1] + counts[r - 1];
  std::vector<double> all(static_cast<std::size_t>(displs[p - 1] + counts[p - 1]));
  MPI_Allgatherv(mine.data(), count, MPI_DOUBLE, all.data(), counts.data(), displs.data(), MPI_DOUBLE, comm);
  std::vector<Eigen::Triplet<double, int>> t;
  t.reserve(all.size() / 3);
  for (std::size_t k = 0; k + 2 < all.size(); k += 3) t.emplace_back(int(all[k]), int(all[k + 1]), all[k + 2]);
  Eigen::SparseMatrix<double> out(n, n);
  out.setFromTriplets(t.begin(), t.end());
  return out;
}

}  // namespace distributed
}  // namespace spectrakit

#endif  // SPECTRAKIT_DISTRIBUTED_GRAPH_HPP
