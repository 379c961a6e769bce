// SPDX-License-Identifier: MIT
// This machine's limits, measured with the same compiler flags as the kernels, so every
// kernel reads as a fraction of what the hardware gives code built this way:
//   roofline/sum    read-only streaming (sum with independent accumulators): bytes/s
//   roofline/triad  read two arrays, write one (STREAM triad a = b + s*c): bytes/s
//   roofline/fma    multiply-add chains in registers: flops/s
#include <array>
#include <cstddef>
#include <vector>

#include <benchmark/benchmark.h>

#include "support/bench.hpp"

namespace {

void roofline_sum(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> x = bulwark::bench::uniform_returns(n);
  for (auto _ : state) {
    // Eight independent partial sums let g++ -O2 vectorise without reassociating.
    std::array<double, 8> acc{};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      for (std::size_t j = 0; j < 8; ++j) acc[j] += x[i + j];
    }
    for (; i < n; ++i) acc[0] += x[i];
    benchmark::DoNotOptimize(acc);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * sizeof(double)));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void roofline_triad(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> b = bulwark::bench::uniform_returns(n, 1, 0);
  const std::vector<double> c = bulwark::bench::uniform_returns(n, 1, 1);
  std::vector<double> a(n);
  const double s = 1.0001;
  for (auto _ : state) {
    for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
    benchmark::DoNotOptimize(a.data());
    benchmark::ClobberMemory();
  }
  // STREAM's convention: 3 arrays of 8 bytes per element (the write-allocate read of `a`
  // is not counted).
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(3 * n * sizeof(double)));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void roofline_fma(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  // 24 independent chains (12 SSE2 registers) hide the multiply and add latencies.
  constexpr std::size_t chains = 24;
  std::array<double, chains> x{};
  for (std::size_t j = 0; j < chains; ++j) x[j] = 1.0 + 1e-3 * static_cast<double>(j);
  double m = 0.9999999;
  double c = 1e-7;
  benchmark::DoNotOptimize(m);
  benchmark::DoNotOptimize(c);
  for (auto _ : state) {
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < chains; ++j) x[j] = x[j] * m + c;
    }
    benchmark::DoNotOptimize(x);
  }
  state.counters["flops"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * 2.0 * chains * static_cast<double>(n),
      benchmark::Counter::kIsRate);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n * chains));
}

}  // namespace

BENCHMARK(roofline_sum)->Name("roofline/sum")->Arg(bulwark::bench::streaming_size());
BENCHMARK(roofline_triad)->Name("roofline/triad")->Arg(bulwark::bench::streaming_size());
BENCHMARK(roofline_fma)->Name("roofline/fma")->Arg(bulwark::bench::size(1 << 20));
