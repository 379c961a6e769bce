// SPDX-License-Identifier: MIT
// Validation kernels:
//   validate/default_validator  the 13 default checks over 10^7 one-minute bars (time,
//                               OHLC and volume: 48 bytes a bar read, one mask byte
//                               written), reusing the report so a warm run allocates
//                               nothing; read against roofline/sum. Peer: numpy/pandas
//                               versions of the same checks (peers/validate.py).
//   validate/default_validator_build_lanes  the same with the build's own scans
//                               (scan_kernel::build: SSE2 at the default x86-64 flags),
//                               where the default run chooses the AVX2 ones.
//   validate/<check>            each default check alone, for the per-part breakdown.
// The bars are clean random-walk bars (see make_bars), as most real bars are: the cost
// measured is that of finding nothing, which is what a feed pays on every bar.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

#include <benchmark/benchmark.h>

#include "bulwark/validate.hpp"
#include "support/bench.hpp"

namespace {

// Bar i: open = p[i-1] (p[0] for i = 0), close = p[i], high = max(open, close) * (1 + 0.002 u1),
// low = min(open, close) * (1 - 0.002 u2), volume = 1e6 * (0.5 + u3), time = 60 s * i, with
// p = bench::price_path(n) and u1, u2, u3 = counter_rng{2, 1..3}.uniform(i); numpy
// rebuilds the same doubles (peers/validate.py).
bulwark::bar_series make_bars(std::size_t n) {
  const std::vector<double> p = bulwark::bench::price_path(n);
  std::vector<double> u1(n), u2(n), u3(n);
  bulwark::counter_rng{2, 1}.fill_uniform(u1);
  bulwark::counter_rng{2, 2}.fill_uniform(u2);
  bulwark::counter_rng{2, 3}.fill_uniform(u3);
  std::vector<bulwark::timestamp> t(n);
  std::vector<double> open(n), high(n), low(n), close(n), volume(n);
  for (std::size_t i = 0; i < n; ++i) {
    t[i] = bulwark::from_unix_seconds(static_cast<std::int64_t>(60 * i));
    open[i] = p[i == 0 ? 0 : i - 1];
    close[i] = p[i];
    high[i] = std::max(open[i], close[i]) * (1.0 + 0.002 * u1[i]);
    low[i] = std::min(open[i], close[i]) * (1.0 - 0.002 * u2[i]);
    volume[i] = 1e6 * (0.5 + u3[i]);
  }
  return bulwark::bar_series::from_columns("BENCH", std::move(t), std::move(open), std::move(high),
                                           std::move(low), std::move(close), std::move(volume));
}

constexpr std::int64_t bytes_per_bar = 6 * 8 + 1;  // time and OHLCV read, one mask byte written

// `whole`: the kernel reads every column, so its bytes are the roofline's measure; a single
// check reads only some, and is reported in bars per second only.
template <class Validator>
void run_validator(benchmark::State& state, const Validator& v, bool whole) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const bulwark::bar_series bars = make_bars(n);
  bulwark::validate::report r;
  v.run(bars, {}, r);  // warm: the report's memory is allocated once, here
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    v.run(bars, {}, r);
    benchmark::DoNotOptimize(r.findings().data());
    benchmark::ClobberMemory();
  }
  probe.report(state);
  state.counters["findings"] = static_cast<double>(r.findings().size());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  if (whole) {
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n) * bytes_per_bar);
    bulwark::bench::roofline(state, "sum");
  }
}

void default_validator(benchmark::State& state) {
  run_validator(state, bulwark::validate::default_validator(), true);
}

void default_validator_build_lanes(benchmark::State& state) {
  auto v = bulwark::validate::default_validator();
  v.kernel(bulwark::validate::scan_kernel::build);
  run_validator(state, v, true);
}

template <class Check>
void one_check(benchmark::State& state) {
  run_validator(state, bulwark::validate::validator{Check{}}, false);
}

}  // namespace

BENCHMARK(default_validator)->Name("validate/default_validator")->Arg(bulwark::bench::streaming_size())->Unit(benchmark::kMillisecond);
BENCHMARK(default_validator_build_lanes)->Name("validate/default_validator_build_lanes")->Arg(bulwark::bench::streaming_size())->Unit(benchmark::kMillisecond);

namespace {
using namespace bulwark::validate;
#define BULWARK_BENCH_CHECK(C) \
  BENCHMARK(one_check<C>)->Name("validate/" #C)->Arg(bulwark::bench::streaming_size())->Unit(benchmark::kMillisecond)
BULWARK_BENCH_CHECK(time_order);
BULWARK_BENCH_CHECK(duplicate_times);
BULWARK_BENCH_CHECK(positive_prices);
BULWARK_BENCH_CHECK(non_negative_volume);
BULWARK_BENCH_CHECK(ohlc_consistency);
BULWARK_BENCH_CHECK(bad_tick);
BULWARK_BENCH_CHECK(unit_error);
BULWARK_BENCH_CHECK(unexplained_split);
BULWARK_BENCH_CHECK(extreme_move);
BULWARK_BENCH_CHECK(return_spike);
BULWARK_BENCH_CHECK(stuck_price);
BULWARK_BENCH_CHECK(zero_volume_run);
BULWARK_BENCH_CHECK(volume_spike);
#undef BULWARK_BENCH_CHECK
}  // namespace
