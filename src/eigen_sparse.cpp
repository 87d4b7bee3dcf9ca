// libspectrakit (compiled mode): the eigen module's solvers for sparse float/double matrices,
// compiled once (the dense and sparse halves are two files, so that a parallel build uses two
// cores).
#include <spectrakit/eigen.hpp>

namespace spectrakit {
namespace detail {
namespace eig {

SPECTRAKIT_EIG_SPARSE_OPERATORS(SPECTRAKIT_SYMMETRIC_EIGS_ONE, template)
SPECTRAKIT_EIG_SPARSE_OPERATORS(SPECTRAKIT_POWER_ITERATION_ONE, template)

}  // namespace eig
}  // namespace detail
}  // namespace spectrakit
