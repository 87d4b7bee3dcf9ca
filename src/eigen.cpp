// libspectrakit (compiled mode): the eigen module's solvers for dense and sparse float/double
// matrices, compiled once.
#include <spectrakit/eigen.hpp>

namespace spectrakit {
namespace detail {
namespace eig {

SPECTRAKIT_SYMMETRIC_EIGS_INSTANTIATIONS(template)
SPECTRAKIT_POWER_ITERATION_INSTANTIATIONS(template)

}  // namespace eig
}  // namespace detail
}  // namespace spectrakit
