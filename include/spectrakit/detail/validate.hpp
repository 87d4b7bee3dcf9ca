/// @file detail/validate.hpp
/// @brief Argument checks shared by every module. Each throws spectrakit::invalid_input with a
/// message of the form `spectrakit::FUNCTION: argument 'NAME' PROBLEM`.
#ifndef SPECTRAKIT_DETAIL_VALIDATE_HPP
#define SPECTRAKIT_DETAIL_VALIDATE_HPP

#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>

#include "../error.hpp"

namespace spectrakit {
namespace detail {

/// Dense matrix and vector of a real type (the cores' work types).
template <typename Real>
using MatX = Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic>;
/// @copydoc MatX
template <typename Real>
using VecX = Eigen::Matrix<Real, Eigen::Dynamic, 1>;

/// Throws invalid_input: "spectrakit::<function>: argument '<argument>' <problem>".
[[noreturn]] inline void fail(const char* function, const char* argument, const std::string& problem) {
  std::ostringstream os;
  os << "spectrakit::" << function << ": argument '" << argument << "' " << problem;
  throw invalid_input(os.str());
}

/// Throws an invalid_input that concerns the options struct or a relation between arguments.
[[noreturn]] inline void fail_option(const char* function, const char* option, const std::string& problem) {
  std::ostringstream os;
  os << "spectrakit::" << function << ": option '" << option << "' " << problem;
  throw invalid_input(os.str());
}

/// Throws invalid_input for option `option` of `function` unless `ok`: "<rule>, got <value>".
/// The one form of the option checks of every module (Options structs are validated on entry).
template <typename T>
void require_option(bool ok, const char* function, const char* option, const char* rule, const T& value) {
  if (ok) return;
  std::ostringstream os;
  os << rule << ", got " << value;
  fail_option(function, option, os.str());
}

/// "3x4", for messages.
template <typename Derived>
std::string shape_of(const Eigen::EigenBase<Derived>& a) {
  std::ostringstream os;
  os << a.rows() << "x" << a.cols();
  return os.str();
}

template <typename Derived>
void require_not_empty(const Eigen::EigenBase<Derived>& a, const char* function, const char* argument) {
  if (a.rows() == 0 || a.cols() == 0) fail(function, argument, "must not be empty, got " + shape_of(a));
}

template <typename Derived>
void require_square(const Eigen::EigenBase<Derived>& a, const char* function, const char* argument) {
  if (a.rows() != a.cols()) fail(function, argument, "must be square, got " + shape_of(a));
}

/// Every entry finite (no NaN, no +-Inf). Reads each entry once.
template <typename Derived>
void require_finite(const Eigen::DenseBase<Derived>& a, const char* function, const char* argument) {
  if (!a.derived().allFinite()) fail(function, argument, "has NaN or Inf entries");
}

/// Finite scalar option/argument.
template <typename T>
void require_finite_value(T value, const char* function, const char* argument) {
  if (!std::isfinite(static_cast<double>(value))) fail(function, argument, "must be finite");
}

/// The same shape as another argument.
template <typename D1, typename D2>
void require_same_shape(const Eigen::EigenBase<D1>& a, const Eigen::EigenBase<D2>& b, const char* function,
                        const char* argument, const char* other) {
  if (a.rows() != b.rows() || a.cols() != b.cols())
    fail(function, argument,
         "must have the shape of '" + std::string(other) + "' (" + shape_of(b) + "), got " + shape_of(a));
}

/// A vector (one column or one row) with `size` entries.
template <typename Derived>
void require_vector_size(const Eigen::EigenBase<Derived>& v, Eigen::Index size, const char* function,
                         const char* argument) {
  if ((v.cols() != 1 && v.rows() != 1) || v.size() != size) {
    std::ostringstream os;
    os << "must be a vector of size " << size << ", got " << shape_of(v);
    fail(function, argument, os.str());
  }
}

/// lo <= value <= hi for an integer count such as k.
inline void require_index_in(Eigen::Index value, Eigen::Index lo, Eigen::Index hi, const char* function,
                             const char* argument) {
  if (value < lo || value > hi) {
    std::ostringstream os;
    os << "must be in [" << lo << ", " << hi << "], got " << value;
    fail(function, argument, os.str());
  }
}

/// lo < value < hi (open interval) for a real parameter such as a relative tolerance.
inline void require_open_interval(double value, double lo, double hi, const char* function, const char* argument) {
  if (!(value > lo && value < hi)) {
    std::ostringstream os;
    os << "must be in (" << lo << ", " << hi << "), got " << value;
    fail(function, argument, os.str());
  }
}

/// value > 0 and finite.
inline void require_positive(double value, const char* function, const char* argument) {
  if (!(value > 0) || !std::isfinite(value)) {
    std::ostringstream os;
    os << "must be positive and finite, got " << value;
    fail(function, argument, os.str());
  }
}

/// Relative asymmetry ||A - A^T||_F / ||A||_F (0 for the zero matrix). A must be square.
template <typename Derived>
typename Derived::RealScalar relative_asymmetry(const Eigen::MatrixBase<Derived>& a) {
  using Real = typename Derived::RealScalar;
  Real norm = a.norm(), diff = (a - a.transpose()).norm();
  // The plain sums of squares overflow for norms beyond ~1e154 (double) and lose accuracy below
  // ~1e-146; there, Eigen's scaled stableNorm per column and over the columns.
  const Real small = std::sqrt(std::numeric_limits<Real>::min() / std::numeric_limits<Real>::epsilon());
  const Real big = std::sqrt(std::numeric_limits<Real>::max()) / Real(4);
  const bool plain_ok = norm >= small && norm <= big && diff <= big && (diff == Real(0) || diff >= small);
  if (!plain_ok) {
    using Plain = Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, Eigen::Dynamic>;
    auto stable = [](const Plain& x) {
      Eigen::Matrix<Real, Eigen::Dynamic, 1> columns(x.cols());
      for (Eigen::Index j = 0; j < x.cols(); ++j) columns(j) = x.col(j).stableNorm();
      return columns.stableNorm();
    };
    const Plain m = a;
    norm = stable(m);
    diff = stable(m - m.transpose());
  }
  if (norm == Real(0)) return Real(0);
  return diff / norm;
}

/// Square, finite and symmetric: ||A - A^T||_F <= factor * n * eps * ||A||_F.
/// The default factor 100 is the library-wide symmetry tolerance.
template <typename Derived>
void require_symmetric(const Eigen::MatrixBase<Derived>& a, const char* function, const char* argument,
                       double factor = 100.0) {
  using Real = typename Derived::RealScalar;
  require_square(a, function, argument);
  require_finite(a, function, argument);
  const Real tol = Real(factor) * Real(a.rows()) * std::numeric_limits<Real>::epsilon();
  const Real asym = relative_asymmetry(a);
  if (asym > tol) {
    std::ostringstream os;
    os << "must be symmetric: ||A - A^T||_F / ||A||_F = " << asym << " exceeds " << tol;
    fail(function, argument, os.str());
  }
}

/// The symmetric part (A + A^T)/2 of a matrix that passed require_symmetric, as a plain matrix.
template <typename Derived>
Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, Eigen::Dynamic> symmetric_part(
    const Eigen::MatrixBase<Derived>& a) {
  using Scalar = typename Derived::Scalar;
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> s = a;
  s = (s + s.transpose()).eval() * Scalar(0.5);
  return s;
}

/// Compile-time check that a scalar type is a real floating-point type spectrakit supports.
template <typename Scalar>
constexpr void static_check_real_scalar() {
  static_assert(std::is_floating_point<Scalar>::value,
                "spectrakit: the matrix scalar type must be a real floating-point type (float or double)");
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_DETAIL_VALIDATE_HPP
