// libspectrakit (compiled mode): the solver layer, compiled once: the supernodal Cholesky and
// the sparse symmetric solvers built on it, for float and double.
#include <spectrakit/detail/sparse_spd_solver.hpp>
#include <spectrakit/detail/supernodal_cholesky.hpp>

namespace spectrakit {
namespace detail {

SPECTRAKIT_SUPERNODAL_CHOLESKY_INSTANTIATIONS(template)
SPECTRAKIT_SPARSE_SOLVER_INSTANTIATIONS(template)

}  // namespace detail
}  // namespace spectrakit
