/// @file solver_method.hpp
/// @brief EigsMethod: the algorithm of the smallest (and largest) eigenpair solvers of the eigen
/// and graph modules (EigsOptions::method, FiedlerOptions::method, ...). The rule of `automatic`
/// is in detail/method_choice.hpp and docs/solvers.md.
#ifndef SPECTRAKIT_SOLVER_METHOD_HPP
#define SPECTRAKIT_SOLVER_METHOD_HPP

namespace spectrakit {

/// @brief The algorithm of the smallest (and largest) eigenpair solvers: EigsOptions::method,
/// FiedlerOptions::method and the options of the graph routines built on fiedler_vector() and
/// spectral_embedding().
enum class EigsMethod {
  automatic,     ///< Chosen by size, predicted factor size and cost, and the memory budget.
  dense,         ///< Form the dense matrix and use Eigen's SelfAdjointEigenSolver (O(n^3), 4 n^2 scalars).
  lanczos,       ///< Thick-restart Lanczos on A itself (eigen module; the graph module has no
                 ///< factorization-free Lanczos and runs its shift-invert block Lanczos instead,
                 ///< reporting shift_invert).
  shift_invert,  ///< Lanczos on (A - sigma I)^{-1} with one sparse Cholesky (LDL^T) factorization.
  lobpcg,        ///< Block LOBPCG preconditioned by aggregation AMG (sparse matrices, smallest pairs).
};

/// @brief A readable name: `"automatic"`, `"dense"`, `"lanczos"`, `"shift_invert"`, `"lobpcg"`.
/// @param method the method to name
/// @return a static string
inline const char* to_string(EigsMethod method) noexcept {
  switch (method) {
    case EigsMethod::automatic:
      return "automatic";
    case EigsMethod::dense:
      return "dense";
    case EigsMethod::lanczos:
      return "lanczos";
    case EigsMethod::shift_invert:
      return "shift_invert";
    case EigsMethod::lobpcg:
      return "lobpcg";
  }
  return "unknown";
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_SOLVER_METHOD_HPP
