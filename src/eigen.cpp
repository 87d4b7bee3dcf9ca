// libspectrakit (compiled mode): the eigen module's solvers for dense and sparse float/double
// matrices, compiled once. One file, not a dense and a sparse half: the two halves instantiate
// the same dense kernels (Rayleigh-Ritz, Arnoldi's Hessenberg eigen-solver, the products), and
// compiled apart they took 1.75x the compiler-seconds under clang++ -O1 with the sanitizers
// (265 s against 151 s, both measured in one session), and about 1.3x under g++ -O2 (the
// sparse half's ~120 s there is an earlier session's figure; the merged file took 159 s).
#include <spectrakit/eigen.hpp>

namespace spectrakit {
namespace detail {
namespace eig {

SPECTRAKIT_EIG_OPERATORS(SPECTRAKIT_SYMMETRIC_EIGS_ONE, template)
SPECTRAKIT_EIG_OPERATORS(SPECTRAKIT_POWER_ITERATION_ONE, template)

}  // namespace eig
}  // namespace detail
}  // namespace spectrakit
