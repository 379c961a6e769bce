// SPDX-License-Identifier: MIT
// This machine's limits, measured with the same compiler flags as the kernels, so every
// kernel reads as a fraction of what the hardware gives code built this way:
//   roofline/sum            read-only streaming, one sequential pass: bytes/s
//   roofline/sum_4_streams  read-only streaming over four interleaved segments, which keeps
//                           more misses in flight: the core's read bandwidth (for reference)
//   roofline/triad          read two arrays, write one (STREAM triad a = b + s*c): bytes/s
//   roofline/clock          one chain of dependent integer additions: additions/s, the
//                           core's clock in the same run (an addition's latency is one
//                           cycle on every x86-64 and AArch64 core), so that a latency
//                           kernel (risk/gate_*) also reads in cycles per item
//   roofline/issue          eight independent chains of integer additions: additions/s,
//                           the integer-ALU instructions the core issues in the run
//                           (over roofline/clock, per cycle; the loop's own 3 per 32 are
//                           not counted). A kernel that also loads, stores, branches or
//                           computes in floating point can retire more. It drops when
//                           something else takes the core's issue slots, e.g. another
//                           guest on the same physical core of a virtual machine
//   roofline/fma            multiply-add chains in registers: flops/s. At the default flags
//                           (x86-64 baseline, SSE2) a multiply-add is two instructions.
//   roofline/fma_avx2       fused multiply-add chains of four lanes (AVX2 + FMA), where the
//                           processor has them: its FP64 peak, which the kernels compiled
//                           for it at run time (the Cholesky's) are read against. Registered
//                           only on such a processor.
//
// g++ -O2 (GCC 12's "very cheap" vectoriser) neither vectorises loops that need alias
// checks nor reassociates floating-point sums, so these loops use GCC/Clang vector types
// and explicit independent accumulators: a roofline must measure the machine, not the
// compiler's caution.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "bulwark/detail/isa.hpp"
#include "bulwark/detail/lanes.hpp"
#include "support/bench.hpp"

namespace {

using v2 = double __attribute__((vector_size(16)));

v2 load(const double* p) noexcept {
  v2 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <std::size_t Streams>
void roofline_sum(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> x = bulwark::bench::uniform_returns(n);
  const std::size_t segment = n / Streams / 4 * 4;
  for (auto _ : state) {
    v2 acc[Streams][2] = {};
    const double* p = x.data();
    for (std::size_t i = 0; i < segment; i += 4) {
      for (std::size_t s = 0; s < Streams; ++s) {
        acc[s][0] += load(p + s * segment + i);
        acc[s][1] += load(p + s * segment + i + 2);
      }
    }
    double tail = 0.0;
    for (std::size_t i = Streams * segment; i < n; ++i) tail += x[i];
    benchmark::DoNotOptimize(acc);
    benchmark::DoNotOptimize(tail);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * sizeof(double)));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void roofline_triad(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> b = bulwark::bench::uniform_returns(n, 1, 0);
  const std::vector<double> c = bulwark::bench::uniform_returns(n, 1, 1);
  std::vector<double> a(n);
  const v2 s = {1.0001, 1.0001};
  for (auto _ : state) {
    std::size_t i = 0;
    for (; i + 2 <= n; i += 2) {
      const v2 r = load(b.data() + i) + s * load(c.data() + i);
      std::memcpy(a.data() + i, &r, sizeof r);
    }
    for (; i < n; ++i) a[i] = b[i] + s[0] * c[i];
    benchmark::DoNotOptimize(a.data());
    benchmark::ClobberMemory();
  }
  // STREAM's convention: 3 arrays of 8 bytes per element (the write-allocate read of `a`
  // is not counted). Kernels count their bytes the same way.
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(3 * n * sizeof(double)));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

// Makes v opaque to the compiler (it must assume the value changed); emits no instruction.
void opaque(std::uint64_t& v) noexcept { asm volatile("" : "+r"(v)); }

void roofline_clock(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0)) / 16 * 16;
  std::uint64_t x = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < n; i += 16) {
      // 16 additions per loop trip, so that the loop's own branch (taken once a trip)
      // cannot be what limits the rate; x is opaque at every step, so the chain is
      // neither folded nor vectorised.
      [&]<std::size_t... K>(std::index_sequence<K...>) {
        ((opaque(x), x += K + 1), ...);
      }(std::make_index_sequence<16>{});
    }
  }
  benchmark::DoNotOptimize(x);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

#if defined(__x86_64__) || defined(__aarch64__)
#define BULWARK_BENCH_ISSUE 1
// One addition of 1 to each of eight registers: eight independent chains, more than the
// core has integer units, so their rate is what the core issues, not a latency. Written in
// assembly so that the compiler can neither vectorise nor spill them.
#if defined(__x86_64__)
#define BULWARK_BENCH_ADD_8 \
  "add $1, %0\n\t" "add $1, %1\n\t" "add $1, %2\n\t" "add $1, %3\n\t" \
  "add $1, %4\n\t" "add $1, %5\n\t" "add $1, %6\n\t" "add $1, %7\n\t"
#else
#define BULWARK_BENCH_ADD_8 \
  "add %0, %0, #1\n\t" "add %1, %1, #1\n\t" "add %2, %2, #1\n\t" "add %3, %3, #1\n\t" \
  "add %4, %4, #1\n\t" "add %5, %5, #1\n\t" "add %6, %6, #1\n\t" "add %7, %7, #1\n\t"
#endif
// Four rounds: 32 additions.
void add_32(std::uint64_t& a, std::uint64_t& b, std::uint64_t& c, std::uint64_t& d,
            std::uint64_t& e, std::uint64_t& f, std::uint64_t& g, std::uint64_t& h) noexcept {
  asm volatile(BULWARK_BENCH_ADD_8 BULWARK_BENCH_ADD_8 BULWARK_BENCH_ADD_8 BULWARK_BENCH_ADD_8
               : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e), "+r"(f), "+r"(g), "+r"(h)
               :
               : "cc");
}

void roofline_issue(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0)) / 32 * 32;
  std::uint64_t a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < n; i += 32) add_32(a, b, c, d, e, f, g, h);
  }
  benchmark::DoNotOptimize(a + b + c + d + e + f + g + h);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
#endif

// Counts `chains` chains of multiply-adds on `lanes` lanes, `n` steps each, per iteration:
// two flops and one item per lane and step.
void count_multiply_adds(benchmark::State& state, std::size_t chains, std::size_t lanes,
                         std::size_t n) {
  const double flops = 2.0 * static_cast<double>(chains * lanes * n);
  state.counters["flops"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * flops,
                         benchmark::Counter::kIsRate);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(chains * lanes * n));
}

void roofline_fma(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  // 14 independent vector chains plus the two constants fill the 16 SSE registers and
  // hide the multiply and add latencies.
  constexpr std::size_t chains = 14;
  double m_value = 0.9999999;
  double c_value = 1e-7;
  benchmark::DoNotOptimize(m_value);
  benchmark::DoNotOptimize(c_value);
  const v2 m = {m_value, m_value};
  const v2 c = {c_value, c_value};
  [&]<std::size_t... J>(std::index_sequence<J...>) {
    v2 x[chains] = {v2{1.0 + 1e-3 * J, 1.0 - 1e-3 * J}...};
    for (auto _ : state) {
      for (std::size_t i = 0; i < n; ++i) ((x[J] = x[J] * m + c), ...);
    }
    benchmark::DoNotOptimize(x);
  }(std::make_index_sequence<chains>{});
  count_multiply_adds(state, chains, 2, n);
}

// Where the library's kernels may choose AVX2 + FMA at run time (detail/isa.hpp).
#if BULWARK_DETAIL_ISA_DISPATCH
#define BULWARK_BENCH_FMA_AVX2 1
constexpr std::size_t avx2_chains = 12;

// Four-lane FMA chains, compiled for AVX2 + FMA whatever the build's flags (fused by the
// compiler's contraction at -O2, the benchmarks' flags). 12 chains: an FMA's latency
// (4 cycles on Zen 3 and Skylake) times its two pipes needs 8 in flight; 12 plus the two
// constants fit the 16 vector registers. The values pass as doubles: four lanes by value
// across a call would change the calling convention outside AVX code.
[[gnu::noinline, gnu::target("avx2,fma")]] void fma_chains_avx2(double* values, double m_value,
                                                                double c_value, std::size_t n) {
  using v4 = bulwark::detail::four_lanes;
  const v4 m = {m_value, m_value, m_value, m_value};
  const v4 c = {c_value, c_value, c_value, c_value};
  v4 x[avx2_chains];
  std::memcpy(x, values, sizeof x);
  for (std::size_t i = 0; i < n; ++i) {
#pragma GCC unroll 12
    for (std::size_t j = 0; j < avx2_chains; ++j) x[j] = x[j] * m + c;
  }
  std::memcpy(values, x, sizeof x);
}

void roofline_fma_avx2(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  double m_value = 0.9999999;
  double c_value = 1e-7;
  benchmark::DoNotOptimize(m_value);
  benchmark::DoNotOptimize(c_value);
  double values[avx2_chains * 4];
  for (std::size_t j = 0; j < avx2_chains * 4; ++j) {
    values[j] = 1.0 + 1e-3 * static_cast<double>(j);
  }
  for (auto _ : state) {
    fma_chains_avx2(values, m_value, c_value, n);
    benchmark::DoNotOptimize(values);
  }
  count_multiply_adds(state, avx2_chains, 4, n);
}

#endif
}  // namespace

BENCHMARK(roofline_sum<1>)->Name("roofline/sum")->Arg(bulwark::bench::streaming_size());
BENCHMARK(roofline_sum<4>)->Name("roofline/sum_4_streams")->Arg(bulwark::bench::streaming_size());
BENCHMARK(roofline_triad)->Name("roofline/triad")->Arg(bulwark::bench::streaming_size());
BENCHMARK(roofline_clock)->Name("roofline/clock")->Arg(bulwark::bench::size(1 << 20));
#if BULWARK_BENCH_ISSUE
BENCHMARK(roofline_issue)->Name("roofline/issue")->Arg(bulwark::bench::size(1 << 20));
#endif
BENCHMARK(roofline_fma)->Name("roofline/fma")->Arg(bulwark::bench::size(1 << 20));

#if BULWARK_BENCH_FMA_AVX2
namespace {
// After the entries above, so that it runs and prints after them.
[[maybe_unused]] const bool fma_avx2_registered = [] {
  const bulwark::detail::isa_extensions has = bulwark::detail::processor_extensions();
  if (!has.avx2 || !has.fma) return false;
  benchmark::RegisterBenchmark("roofline/fma_avx2", roofline_fma_avx2)
      ->Arg(bulwark::bench::size(1 << 20));
  return true;
}();
}  // namespace
#endif
