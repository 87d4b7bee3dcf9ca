// libspectrakit (compiled mode): the symmetric NMF solver for dense and sparse A in float (the
// solver's unrolled kernels make it the library's largest instantiation: one file per scalar,
// so that a parallel build uses two cores).
#include <spectrakit/nmf.hpp>

namespace spectrakit {
namespace detail {

SPECTRAKIT_SYMNMF_INSTANTIATIONS_FOR(template, float)

}  // namespace detail
}  // namespace spectrakit
