// libspectrakit (compiled mode): the dense cores, compiled once: the Hessian repair and Newton
// direction cores with their symmetric eigen-solver, the real Schur form and the quasi-triangular Sylvester solve.
#include <spectrakit/hessian.hpp>
#include <spectrakit/low_rank.hpp>

namespace spectrakit {
namespace detail {

SPECTRAKIT_SYMMETRIC_EIGEN_INSTANTIATIONS(template)
SPECTRAKIT_REPAIR_INSTANTIATIONS(template)
SPECTRAKIT_REAL_SCHUR_INSTANTIATIONS(template)
SPECTRAKIT_SYLVESTER_INSTANTIATIONS(template)

}  // namespace detail
}  // namespace spectrakit
