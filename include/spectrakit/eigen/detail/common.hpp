/// @file eigen/detail/common.hpp
/// @brief Internals shared by the eigen-solvers: argument dispatch to an operator, validation,
/// seeded start vectors, sign normalization.
#ifndef SPECTRAKIT_EIGEN_DETAIL_COMMON_HPP
#define SPECTRAKIT_EIGEN_DETAIL_COMMON_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>

#include "../../detail/config.hpp"
#include "../../detail/eval.hpp"
#include "../../detail/validate.hpp"
#include "../operators.hpp"

namespace spectrakit {
namespace detail {
namespace eig {

/// The scalar of an accepted argument (double for a rejected one, so that the static_assert
/// in the function body is the error the user sees).
template <typename T, bool = operator_traits<T>::accepted>
struct operator_scalar {
  using type = double;
};
template <typename T>
struct operator_scalar<T, true> {
  using type = typename operator_traits<T>::Scalar;
};
template <typename T>
using operator_scalar_t = typename operator_scalar<T>::type;

/// The dense matrix view every dense argument is solved through: one type per scalar, so that
/// the solvers instantiate once per scalar (and the compiled mode holds them all).
template <typename Scalar>
using DenseView = Eigen::Ref<const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>>;
/// The sparse matrix type every sparse argument is solved through.
template <typename Scalar>
using SparseCanonical = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;

/// Validates the argument (square, non-empty, finite entries for explicit matrices), wraps it as an
/// operator and calls f(op). A dense argument stored column-major with unit inner stride (a
/// matrix, Map, Ref or block of one, fixed-size or not) is viewed in place as DenseView; any
/// other dense expression (row-major, transposed, a sum) is evaluated once into a plain matrix.
/// A column-major `SparseMatrix<Scalar, ColMajor, int>` is used in place; any other sparse
/// argument (row-major, Map, Ref, an expression) is copied once into one (O(nnz)).
template <typename A, typename F>
decltype(auto) with_operator(const A& a, const char* function, F&& f) {
  static_check_operator<A>();
  using Scalar = operator_scalar_t<A>;
  static_check_real_scalar<Scalar>();
  if (a.rows() != a.cols()) {
    std::ostringstream os;
    os << "must be square, got " << a.rows() << "x" << a.cols();
    fail(function, "A", os.str());
  }
  if (a.rows() == 0) fail(function, "A", "must not be empty, got 0x0");
  if constexpr (is_dense_v<A>) {
    const DenseView<Scalar> m(a.derived());
    require_finite(m, function, "A");
    return f(DenseOp<DenseView<Scalar>>(m));
  } else if constexpr (is_sparse_v<A>) {
    if constexpr (std::is_same<A, SparseCanonical<Scalar>>::value) {
      for (Eigen::Index j = 0; j < a.outerSize(); ++j)
        for (typename A::InnerIterator it(a, j); it; ++it)
          if (!std::isfinite(it.value())) fail(function, "A", "has NaN or Inf entries");
      return f(SparseOp<A>(a));
    } else {
      const SparseCanonical<Scalar> m(a);
      return with_operator(m, function, std::forward<F>(f));
    }
  } else {
    return f(a);
  }
}

/// A reproducible vector with entries uniform in [-1, 1): 53 bits of each std::mt19937_64 draw,
/// so the same seed gives the same bits with every standard library.
template <typename Scalar>
Eigen::Matrix<Scalar, Eigen::Dynamic, 1> random_vector(Eigen::Index n, std::mt19937_64& rng) {
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> v(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;  // [0, 1)
    v(i) = static_cast<Scalar>(2.0 * u - 1.0);
  }
  return v;
}

/// Flips v so that its largest-magnitude entry (the first one on ties) is positive.
template <typename Derived>
void normalize_sign(Eigen::MatrixBase<Derived>&& v) {
  if (v.size() == 0) return;
  Eigen::Index imax = 0;
  v.cwiseAbs().maxCoeff(&imax);
  if (v(imax) < 0) v = -v;
}
template <typename Derived>
void normalize_sign(Eigen::MatrixBase<Derived>& v) {
  normalize_sign(std::move(v));
}

/// True for the SparseOp adapter (an explicit sparse matrix that can be factorized).
template <typename Op>
struct is_sparse_op : std::false_type {};
template <typename M>
struct is_sparse_op<SparseOp<M>> : std::true_type {};
template <typename Op>
constexpr bool is_sparse_op_v = is_sparse_op<Op>::value;

/// True for DenseOp and SparseOp (the matrix is available), false for a matrix-free operator.
template <typename Op>
struct is_explicit_op : is_sparse_op<Op> {};
template <typename M>
struct is_explicit_op<DenseOp<M>> : std::true_type {};
template <typename Op>
constexpr bool explicit_op_v = is_explicit_op<Op>::value;

/// Checks a scalar tolerance option: positive and finite.
inline void require_tolerance(double tolerance, const char* function) {
  require_option(tolerance > 0 && std::isfinite(tolerance), function, "tolerance", "must be positive and finite",
                 tolerance);
}

/// Checks an iteration-count option: at least 1.
inline void require_iterations(Eigen::Index iterations, const char* function, const char* name) {
  if (iterations < 1) {
    std::ostringstream os;
    os << "must be at least 1, got " << iterations;
    fail_option(function, name, os.str());
  }
}

/// Checks a user start vector and returns it in the operator's scalar type.
template <typename Scalar>
Eigen::Matrix<Scalar, Eigen::Dynamic, 1> checked_initial(const Eigen::VectorXd& initial, Eigen::Index n,
                                                         const char* function) {
  if (initial.size() != n) {
    std::ostringstream os;
    os << "must be empty or have size n = " << n << ", got " << initial.size();
    fail_option(function, "initial", os.str());
  }
  if (!initial.allFinite()) fail_option(function, "initial", "has NaN or Inf entries");
  const Eigen::Matrix<Scalar, Eigen::Dynamic, 1> x = initial.cast<Scalar>();
  if (!(x.norm() > 0)) fail_option(function, "initial", "must not be the zero vector");
  return x;
}

/// The operators whose eigen-solvers the compiled mode instantiates: the dense view and the
/// column-major sparse matrix of float and double, which every dense and sparse argument
/// resolves to (with_operator). Matrix-free operators instantiate in the caller's file, in
/// either mode.
#define SPECTRAKIT_EIG_OPERATORS(X, prefix)       \
  X(prefix, DenseOp<DenseView<float>>)            \
  X(prefix, DenseOp<DenseView<double>>)           \
  X(prefix, SparseOp<Eigen::SparseMatrix<float>>) \
  X(prefix, SparseOp<Eigen::SparseMatrix<double>>)

}  // namespace eig
}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_EIGEN_DETAIL_COMMON_HPP
