// SPDX-License-Identifier: MIT
// The global operator new, replaced by one that counts; see allocation_counter.hpp. Under
// AddressSanitizer or ThreadSanitizer the sanitizer's own operator new is kept (so ASan
// still catches new/free and new[]/delete mismatches), and the count stays 0.
#include "allocation_counter.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define BULWARK_COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define BULWARK_COUNT_ALLOCATIONS 0
#endif
#endif
#ifndef BULWARK_COUNT_ALLOCATIONS
#define BULWARK_COUNT_ALLOCATIONS 1
#endif

namespace {
std::atomic<std::uint64_t> allocation_count{0};
}

std::uint64_t bulwark::test::allocations() noexcept {
  return allocation_count.load(std::memory_order_relaxed);
}

#if BULWARK_COUNT_ALLOCATIONS
void* operator new(std::size_t size) {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc{};
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
// Over-aligned allocations (alignas beyond the default) are counted too.
void* operator new(std::size_t size, std::align_val_t alignment) {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  const auto a = static_cast<std::size_t>(alignment);
  if (void* p = std::aligned_alloc(a, (size + a - 1) / a * a + (size == 0 ? a : 0))) return p;
  throw std::bad_alloc{};
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return ::operator new(size, alignment);
}
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
#endif
