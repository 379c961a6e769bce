// SPDX-License-Identifier: MIT
// The benchmark runner: Google Benchmark's main, plus a global operator new that counts
// allocations so benchmarks can show their hot paths allocate nothing.
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

#include <benchmark/benchmark.h>

#include "support/bench.hpp"

namespace {
std::atomic<std::uint64_t> allocation_count{0};
}

std::uint64_t bulwark::bench::allocations() noexcept {
  return allocation_count.load(std::memory_order_relaxed);
}

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

BENCHMARK_MAIN();
