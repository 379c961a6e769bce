// SPDX-License-Identifier: MIT
// Shared by every benchmark of bulwark_benchmarks:
//   - sizes that shrink in smoke runs (BULWARK_BENCH_SMOKE=1, used by CTest so the
//     benchmarks cannot rot without making the test suite slow);
//   - seeded input data that the numpy/pandas peers regenerate bit for bit;
//   - a count of heap allocations (operator new is replaced by allocation_counter.cpp);
//   - the roofline label that tells compare.py which roofline entry a kernel reads against.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "allocation_counter.hpp"
#include "bulwark/core/random.hpp"

namespace bulwark::bench {

/// True in a smoke run (environment BULWARK_BENCH_SMOKE set and not "0").
inline bool smoke() {
  const char* v = std::getenv("BULWARK_BENCH_SMOKE");
  return v != nullptr && std::string(v) != "0";
}

/// `n`, or at most 4096 in a smoke run. Use for every benchmark argument that is a size.
inline std::int64_t size(std::int64_t n) { return smoke() ? (n < 4096 ? n : 4096) : n; }

/// The default problem size of streaming kernels: 10^7 doubles (80 MB, beyond the caches).
inline std::int64_t streaming_size() { return size(10'000'000); }

/// Simple returns uniform in [-2%, +2%): r_i = 0.04 * (u_i - 0.5), u_i = counter_rng{seed,
/// stream}.uniform(i). Exact in IEEE arithmetic, so numpy reproduces it bit for bit:
/// 0.04 * (Generator(Philox(key=[seed, stream], counter=[2**64-1]*4)).random(n) - 0.5).
inline std::vector<double> uniform_returns(std::size_t n, std::uint64_t seed = 1,
                                           std::uint64_t stream = 0) {
  std::vector<double> r(n);
  counter_rng{seed, stream}.fill_uniform(r);
  for (double& x : r) x = 0.04 * (x - 0.5);
  return r;
}

/// Prices from those returns: p_0 = 100, p_i = p_{i-1} * (1 + r_i) (numpy:
/// 100 * np.cumprod(1 + r) with the first return replaced by 0).
inline std::vector<double> price_path(std::size_t n, std::uint64_t seed = 1,
                                      std::uint64_t stream = 0) {
  std::vector<double> p = uniform_returns(n, seed, stream);
  double level = 100.0;
  for (std::size_t i = 0; i < n; ++i) {
    level = i == 0 ? level : level * (1.0 + p[i]);
    p[i] = level;
  }
  return p;
}

/// Heap allocations since the program started (operator new is counted).
inline std::uint64_t allocations() noexcept { return test::allocations(); }

/// Counts allocations made inside a benchmark's timed loop; call report() after it.
class allocation_probe {
 public:
  allocation_probe() : start_(allocations()) {}
  /// Sets the counter `allocs_per_iter`.
  void report(benchmark::State& state) const {
    state.counters["allocs_per_iter"] = benchmark::Counter(
        static_cast<double>(allocations() - start_), benchmark::Counter::kAvgIterations);
  }

 private:
  std::uint64_t start_;
};

/// Labels a kernel with the roofline it is read against: "sum" (read-only streaming),
/// "triad" (read + write streaming), "fma" (flop-bound, the build's own instructions) or
/// "fma_avx2" (flop-bound, AVX2 + FMA chosen at run time). compare.py divides the kernel's
/// bytes/s (or flops/s for the fma entries) by that roofline's at the same size.
inline void roofline(benchmark::State& state, const char* kind) {
  state.SetLabel(std::string("roofline=") + kind);
}

}  // namespace bulwark::bench
