// libspectrakit (compiled mode): the singular-value and truncated-SVD cores of the norms and
// low_rank modules.
#include <spectrakit/low_rank/approximation.hpp>
#include <spectrakit/norms.hpp>

namespace spectrakit {
namespace detail {

SPECTRAKIT_SINGULAR_VALUES_INSTANTIATIONS(template)
SPECTRAKIT_LOW_RANK_INSTANTIATIONS(template)

}  // namespace detail
}  // namespace spectrakit
