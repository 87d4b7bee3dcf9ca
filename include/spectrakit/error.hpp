/// @file error.hpp
/// @brief The exceptions and the status codes spectrakit reports.
#ifndef SPECTRAKIT_ERROR_HPP
#define SPECTRAKIT_ERROR_HPP

#include <stdexcept>
#include <string>

namespace spectrakit {

/// @brief Thrown when an argument is invalid: wrong shape, empty, NaN/Inf entries, asymmetric
/// where symmetry is required, a count or an option out of range.
///
/// The message names the argument and the problem, e.g.
/// `"spectrakit::trace: argument 'A' must be square, got 3x4"`.
class invalid_input : public std::invalid_argument {
 public:
  /// @brief Creates the exception with its full message.
  /// @param message what is wrong, naming the function and the argument
  explicit invalid_input(const std::string& message) : std::invalid_argument(message) {}
};

/// @brief Thrown when a file cannot be opened, read, parsed or written.
class io_error : public std::runtime_error {
 public:
  /// @brief Creates the exception with its full message.
  /// @param message what failed, naming the file
  explicit io_error(const std::string& message) : std::runtime_error(message) {}
};

/// @brief How an iterative routine ended. Non-convergence is reported here, never thrown.
enum class Status {
  success,          ///< The stopping criterion was met.
  not_converged,    ///< The iteration limit was reached, or the iteration was stopped early
                    ///< (callback, detected stagnation); the result holds the best iterate.
  numerical_issue,  ///< A breakdown (NaN, a failed factorization) stopped the computation.
  out_of_memory_budget,  ///< The method asked for (an explicit shift-invert or dense solve) was
                         ///< predicted to need more memory than the options' memory_budget;
                         ///< nothing was allocated for it. The result's message and
                         ///< predicted_factor_bytes give the predicted size.
};

/// @brief A readable name for a status: `"success"`, `"not_converged"`, `"numerical_issue"`,
/// `"out_of_memory_budget"`.
/// @param status the status to name
/// @return a static string
inline const char* to_string(Status status) noexcept {
  switch (status) {
    case Status::success:
      return "success";
    case Status::not_converged:
      return "not_converged";
    case Status::numerical_issue:
      return "numerical_issue";
    case Status::out_of_memory_budget:
      return "out_of_memory_budget";
  }
  return "unknown";
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_ERROR_HPP
