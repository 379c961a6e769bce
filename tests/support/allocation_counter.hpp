// SPDX-License-Identifier: MIT
// A count of heap allocations, for tests and benchmarks that show a hot path allocates
// nothing. Linking allocation_counter.cpp replaces the global operator new with one that
// counts (a relaxed atomic increment) and then calls malloc. Under ASan or TSan nothing is
// replaced and the count stays 0: the plain test build is where allocations are counted.
#pragma once

#include <cstdint>

namespace bulwark::test {

/// Heap allocations made through operator new since the program started, on every thread.
std::uint64_t allocations() noexcept;

/// Allocations made since construction: `allocations_since probe; ...; probe.count()`.
class allocations_since {
 public:
  allocations_since() noexcept : start_(allocations()) {}
  [[nodiscard]] std::uint64_t count() const noexcept { return allocations() - start_; }

 private:
  std::uint64_t start_;
};

}  // namespace bulwark::test
