/// @file eigen/operators.hpp
/// @brief The linear-operator contract of the eigen-solvers and its adapters for dense matrices,
/// sparse matrices and callables (`make_operator`).
#ifndef SPECTRAKIT_EIGEN_OPERATORS_HPP
#define SPECTRAKIT_EIGEN_OPERATORS_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <string>
#include <type_traits>
#include <utility>

#include "../detail/validate.hpp"

namespace spectrakit {

namespace detail {
namespace eig {

template <typename...>
using void_t = void;

/// True when T has the operator contract: T::Scalar, rows(), cols() and apply(x, y) callable with
/// x a `const Eigen::Matrix<Scalar, Dynamic, 1>&` and y a `Eigen::Matrix<Scalar, Dynamic, 1>&`.
template <typename T, typename = void>
struct is_linear_operator : std::false_type {};

template <typename T>
struct is_linear_operator<
    T, void_t<typename T::Scalar, decltype(std::declval<const T&>().rows()), decltype(std::declval<const T&>().cols()),
              decltype(std::declval<const T&>().apply(
                  std::declval<const Eigen::Matrix<typename T::Scalar, Eigen::Dynamic, 1>&>(),
                  std::declval<Eigen::Matrix<typename T::Scalar, Eigen::Dynamic, 1>&>()))>>
    : std::true_type {};

template <typename T>
constexpr bool is_dense_v = std::is_base_of<Eigen::MatrixBase<T>, T>::value;
template <typename T>
constexpr bool is_sparse_v = std::is_base_of<Eigen::SparseMatrixBase<T>, T>::value;

}  // namespace eig
}  // namespace detail

/// @brief A view of a dense Eigen matrix as a linear operator, y = A x.
///
/// Keeps a reference to the matrix (it is a view: the matrix must outlive it).
/// @tparam MatrixType a dense Eigen matrix type (float or double)
template <typename MatrixType>
class DenseOp {
 public:
  /// The scalar type of the matrix.
  using Scalar = typename MatrixType::Scalar;
  /// The vector type apply() reads and writes.
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  /// @brief Wraps a dense matrix (no copy).
  /// @param matrix the matrix, which must outlive the view
  explicit DenseOp(const MatrixType& matrix) : matrix_(matrix) {}
  /// @brief The number of rows of A.
  [[nodiscard]] Eigen::Index rows() const { return matrix_.rows(); }
  /// @brief The number of columns of A.
  [[nodiscard]] Eigen::Index cols() const { return matrix_.cols(); }
  /// @brief y = A x.
  /// @param x the input, of size cols()
  /// @param y the output, resized to rows()
  void apply(const Vector& x, Vector& y) const { y.noalias() = matrix_ * x; }
  /// @brief The wrapped matrix.
  [[nodiscard]] const MatrixType& matrix() const { return matrix_; }

 private:
  const MatrixType& matrix_;
};

/// @brief A view of an `Eigen::SparseMatrix` (either storage order) as a linear operator, y = A x.
///
/// Keeps a reference to the matrix (it is a view: the matrix must outlive it).
/// @tparam SparseType an `Eigen::SparseMatrix<Scalar, Options, StorageIndex>`
template <typename SparseType>
class SparseOp {
 public:
  /// The scalar type of the matrix.
  using Scalar = typename SparseType::Scalar;
  /// The vector type apply() reads and writes.
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  /// @brief Wraps a sparse matrix (no copy).
  /// @param matrix the matrix, which must outlive the view
  /// @param symmetric a promise that A = A^T: a column-major A is then applied as A^T x, a
  ///        traversal by rows that writes each y_i once and that Eigen runs on several threads
  ///        when OpenMP is enabled (`-fopenmp`, `Eigen::setNbThreads`); A x by columns scatters
  ///        into y and is always sequential. The symmetric solvers set it after checking.
  explicit SparseOp(const SparseType& matrix, bool symmetric = false) : matrix_(matrix), symmetric_(symmetric) {}
  /// @brief The number of rows of A.
  [[nodiscard]] Eigen::Index rows() const { return matrix_.rows(); }
  /// @brief The number of columns of A.
  [[nodiscard]] Eigen::Index cols() const { return matrix_.cols(); }
  /// @brief y = A x.
  /// @param x the input, of size cols()
  /// @param y the output, resized to rows()
  void apply(const Vector& x, Vector& y) const {
    if (symmetric_ && !bool(SparseType::IsRowMajor))
      y.noalias() = matrix_.transpose() * x;
    else
      y.noalias() = matrix_ * x;
  }
  /// @brief The wrapped matrix.
  [[nodiscard]] const SparseType& matrix() const { return matrix_; }
  /// @brief Whether the view was built with the promise A = A^T.
  [[nodiscard]] bool symmetric() const { return symmetric_; }

 private:
  const SparseType& matrix_;
  bool symmetric_ = false;
};

/// @brief A square matrix-free operator of size n x n given by a callable, y = A x.
///
/// The callable is stored by value and invoked as `apply(x, y)` with x a
/// `const Eigen::Matrix<Scalar, Dynamic, 1>&` of size n and y an `Eigen::Matrix<Scalar, Dynamic, 1>&`
/// already of size n: any callable accepting these (or `Eigen::Ref<const Vector>` and
/// `Eigen::Ref<Vector>`) works. It must write all of y.
/// @tparam ScalarType float or double
/// @tparam Apply the callable type
template <typename ScalarType, typename Apply>
class FunctionOp {
 public:
  /// The scalar type of the operator.
  using Scalar = ScalarType;
  /// The vector type apply() reads and writes.
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  /// @brief Wraps a callable as an n x n operator.
  /// @param n the size, n >= 0
  /// @param apply the callable, invoked as apply(x, y)
  FunctionOp(Eigen::Index n, Apply apply) : n_(n), apply_(std::move(apply)) {}
  /// @brief The number of rows, n.
  [[nodiscard]] Eigen::Index rows() const { return n_; }
  /// @brief The number of columns, n.
  [[nodiscard]] Eigen::Index cols() const { return n_; }
  /// @brief y = A x by the callable.
  /// @param x the input, of size n
  /// @param y the output, of size n
  void apply(const Vector& x, Vector& y) const {
    y.resize(n_);
    apply_(x, y);
  }

 private:
  Eigen::Index n_;
  Apply apply_;
};

/// @brief Wraps a callable `apply(x, y)` (y = A x) as an n x n matrix-free operator.
///
/// Example: `auto op = spectrakit::make_operator(n, [&](const Eigen::VectorXd& x, Eigen::VectorXd& y) { y = A * x; });`
/// Every solver of the eigen module accepts the result, with the same results as for the matrix.
/// @tparam Scalar the scalar type, double by default (write `make_operator<float>(n, f)` for float)
/// @param n the size of the square operator (n >= 1 for the solvers)
/// @param apply a callable invoked as apply(x, y) with x a `const Eigen::Matrix<Scalar, Dynamic, 1>&`
///        and y an `Eigen::Matrix<Scalar, Dynamic, 1>&` of size n
/// @return the operator, holding a copy of the callable
/// @throws invalid_input when n < 0
template <typename Scalar = double, typename Apply>
[[nodiscard]] FunctionOp<Scalar, std::decay_t<Apply>> make_operator(Eigen::Index n, Apply&& apply) {
  detail::static_check_real_scalar<Scalar>();
  if (n < 0) detail::fail("make_operator", "n", "must be non-negative, got " + std::to_string(n));
  return FunctionOp<Scalar, std::decay_t<Apply>>(n, std::forward<Apply>(apply));
}

namespace detail {
namespace eig {

/// The operator for any accepted argument: DenseOp / SparseOp for Eigen matrices (a plain matrix
/// is evaluated first for an expression), the argument itself for an operator.
template <typename T, typename = void>
struct operator_traits {
  static constexpr bool accepted = false;
};

template <typename T>
struct operator_traits<T, std::enable_if_t<is_dense_v<T>>> {
  static constexpr bool accepted = true;
  static constexpr bool explicit_matrix = true;
  static constexpr bool sparse = false;
  using Scalar = typename T::Scalar;
  using Plain = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
};

template <typename T>
struct operator_traits<T, std::enable_if_t<is_sparse_v<T>>> {
  static constexpr bool accepted = true;
  static constexpr bool explicit_matrix = true;
  static constexpr bool sparse = true;
  using Scalar = typename T::Scalar;
  using Plain = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;
};

template <typename T>
struct operator_traits<T, std::enable_if_t<!is_dense_v<T> && !is_sparse_v<T> && is_linear_operator<T>::value>> {
  static constexpr bool accepted = true;
  static constexpr bool explicit_matrix = false;
  static constexpr bool sparse = false;
  using Scalar = typename T::Scalar;
};

/// Compile-time check with a readable message.
template <typename T>
constexpr void static_check_operator() {
  static_assert(operator_traits<T>::accepted,
                "spectrakit: the argument 'A' must be a dense Eigen matrix, an Eigen::SparseMatrix, or an operator "
                "type with 'using Scalar = ...', 'Index rows() const', 'Index cols() const' and "
                "'void apply(const Eigen::Matrix<Scalar, -1, 1>& x, Eigen::Matrix<Scalar, -1, 1>& y) const' "
                "writing y = A x (see spectrakit::make_operator)");
}

}  // namespace eig
}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_EIGEN_OPERATORS_HPP
