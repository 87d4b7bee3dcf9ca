// libspectrakit (compiled mode): the solver layer, compiled once: the supernodal Cholesky and
// the sparse symmetric solvers built on it, the factor-size prediction, the AMG preconditioner,
// LOBPCG preconditioned by it and the method choice, for float and double.
#include <spectrakit/detail/amg.hpp>
#include <spectrakit/detail/factor_prediction.hpp>
#include <spectrakit/detail/lobpcg.hpp>
#include <spectrakit/detail/method_choice.hpp>
#include <spectrakit/detail/sparse_spd_solver.hpp>
#include <spectrakit/detail/supernodal_cholesky.hpp>

namespace spectrakit {
namespace detail {

SPECTRAKIT_SUPERNODAL_CHOLESKY_INSTANTIATIONS(template)
SPECTRAKIT_SPARSE_SOLVER_INSTANTIATIONS(template)
SPECTRAKIT_FACTOR_PREDICTION_INSTANTIATIONS(template)
SPECTRAKIT_AMG_INSTANTIATIONS(template)
SPECTRAKIT_LOBPCG_INSTANTIATIONS(template)
SPECTRAKIT_METHOD_CHOICE_INSTANTIATIONS(template)

}  // namespace detail
}  // namespace spectrakit
