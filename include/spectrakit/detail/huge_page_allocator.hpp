/// @file detail/huge_page_allocator.hpp
/// @brief A std::allocator for large work arrays that asks Linux for transparent huge pages.
#ifndef SPECTRAKIT_DETAIL_HUGE_PAGE_ALLOCATOR_HPP
#define SPECTRAKIT_DETAIL_HUGE_PAGE_ALLOCATOR_HPP

#include <cstddef>
#include <cstdlib>
#include <limits>
#include <memory>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace spectrakit {
namespace detail {

/// Allocates arrays of 4 MiB to 128 MiB aligned to 2 MiB and advises the kernel to back them
/// with transparent huge pages (madvise MADV_HUGEPAGE, Linux); other sizes, and other systems,
/// get plain operator new. Why: a fresh large allocation is mapped on first touch one 4 KiB page
/// at a time, and on virtual machines each such fault costs microseconds; the factor of a sparse
/// Cholesky (tens of MB, written once per factorization) then pays tens of milliseconds of
/// faults, 512 times fewer with 2 MiB pages (fiedler_vector on knn100k: 566 -> 510 ms). Above
/// the cap the kernel has to find fresh contiguous memory, which on the VM we measure cost more
/// than the faults it saves (grid1000, 1M nodes: +1.5 s on a process's first call). With THP
/// set to "never" the advice is ignored.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t huge_page = std::size_t(2) << 20;
  static constexpr std::size_t threshold = std::size_t(4) << 20;
  static constexpr std::size_t cap = std::size_t(128) << 20;
  static bool advised(std::size_t bytes) { return bytes >= threshold && bytes <= cap; }

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t count) {
    if (count > std::numeric_limits<std::size_t>::max() / sizeof(T)) throw std::bad_array_new_length();
    const std::size_t bytes = count * sizeof(T);
#if defined(__linux__)
    if (advised(bytes)) {
      const std::size_t rounded = (bytes + huge_page - 1) / huge_page * huge_page;
      void* p = std::aligned_alloc(huge_page, rounded);
      if (p == nullptr) throw std::bad_alloc();
      static_cast<void>(madvise(p, rounded, MADV_HUGEPAGE));  // advice only: failure is harmless
      return static_cast<T*>(p);
    }
#endif
    return static_cast<T*>(::operator new(bytes));
  }

  void deallocate(T* p, std::size_t count) noexcept {
#if defined(__linux__)
    if (advised(count * sizeof(T))) {
      std::free(p);
      return;
    }
#endif
    ::operator delete(static_cast<void*>(p));
    static_cast<void>(count);
  }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const noexcept {
    return false;
  }
};

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_DETAIL_HUGE_PAGE_ALLOCATOR_HPP
