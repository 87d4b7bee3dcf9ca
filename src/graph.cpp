// libspectrakit (compiled mode, SPECTRAKIT_BUILD_LIBRARY): the graph module's cores, compiled
// once. Each header lists its instantiations in one SPECTRAKIT_*_INSTANTIATIONS macro, used
// there with `extern template` and here with `template`.
#include <spectrakit/graph.hpp>

namespace spectrakit {
namespace detail {

SPECTRAKIT_LOWEST_PAIRS_INSTANTIATIONS(template)
SPECTRAKIT_FIEDLER_INSTANTIATIONS(template)
SPECTRAKIT_BISECT_INSTANTIATIONS(template)
SPECTRAKIT_EMBEDDING_INSTANTIATIONS(template)
SPECTRAKIT_KMEANS_INSTANTIATIONS(template)

}  // namespace detail
}  // namespace spectrakit
