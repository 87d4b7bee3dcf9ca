/// @file detail/prefetch.hpp
/// @brief Internals: the one wrapper of the compiler's software-prefetch hint.
#ifndef SPECTRAKIT_DETAIL_PREFETCH_HPP
#define SPECTRAKIT_DETAIL_PREFETCH_HPP

namespace spectrakit {
namespace detail {

/// Asks the processor to fetch the cache line holding `p` for reading, with the temporal
/// `locality` of __builtin_prefetch (3: keep in every cache level, 2: L2 and below, ...).
/// A hint only: no effect on compilers without the builtin, never a fault on any address.
template <int locality = 3>
inline void prefetch_read(const void* p) {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p, 0, locality);
#else
  static_cast<void>(p);
#endif
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_DETAIL_PREFETCH_HPP
