// SPDX-License-Identifier: MIT
// Signal kernels:
//   signal/zscore_long_short  the cross-sectional z-score of each row of a time x symbol
//                             panel (3000 symbols), then a top-50 / bottom-50 equal-weight
//                             book from it, weights written to an output panel; read +
//                             write streaming (roofline/triad). Peer: numpy over the whole
//                             panel, (x - mean) / std(ddof=1) by row, argpartition by row,
//                             put_along_axis. Arg: elements (2520 days x 3000 symbols).
//   signal/percentile_rank    rank(pct=True) of each row of the same panel; peer:
//                             pandas DataFrame.rank(axis=1, pct=True).
//   signal/rolling_zscore     the 60-value rolling z-score of a 10^7 series of returns;
//                             peer: pandas (x - x.rolling(60).mean()) / x.rolling(60).std().
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <benchmark/benchmark.h>

#include "bulwark/signal/long_short.hpp"
#include "bulwark/signal/normalize.hpp"
#include "bulwark/signal/rank.hpp"
#include "bulwark/signal/rolling_zscore.hpp"
#include "support/bench.hpp"

namespace {

// Symbols per row, through bench::size like every size (a compile-time row length also
// lets GCC 12 warn, wrongly, about the never-run tail loop of core's sums).
const auto symbols = static_cast<std::size_t>(bulwark::bench::size(3000));
constexpr std::int64_t panel_elements = 2520 * 3000;

// Rows of the benchmark panel: at least one, so smoke runs (4096 elements) still run.
std::size_t panel_rows(std::size_t elements) { return elements / symbols > 0 ? elements / symbols : 1; }

void zscore_long_short(benchmark::State& state) {
  const std::size_t rows = panel_rows(static_cast<std::size_t>(state.range(0)));
  const std::size_t n = rows * symbols;
  const std::vector<double> scores = bulwark::bench::uniform_returns(n, 7, 0);
  std::vector<double> weights(n);
  std::vector<double> z(symbols);  // one row of z-scores, reused
  bulwark::signal::top_bottom_selector book{{.n_long = 50, .n_short = 50}, symbols};
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    for (std::size_t t = 0; t < rows; ++t) {
      const std::span<const double> row(scores.data() + t * symbols, symbols);
      bulwark::signal::zscore{}.apply(row, z);
      book.select(z, std::span<double>(weights.data() + t * symbols, symbols));
    }
    benchmark::DoNotOptimize(weights.data());
    benchmark::ClobberMemory();
  }
  probe.report(state);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(2 * n * sizeof(double)));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  bulwark::bench::roofline(state, "triad");
}

void percentile_rank(benchmark::State& state) {
  const std::size_t rows = panel_rows(static_cast<std::size_t>(state.range(0)));
  const std::size_t n = rows * symbols;
  const std::vector<double> scores = bulwark::bench::uniform_returns(n, 7, 0);
  std::vector<double> ranks(n);
  for (auto _ : state) {
    for (std::size_t t = 0; t < rows; ++t) {
      bulwark::signal::percentile_rank{}.apply(std::span<const double>(scores.data() + t * symbols, symbols),
                                               std::span<double>(ranks.data() + t * symbols, symbols));
    }
    benchmark::DoNotOptimize(ranks.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(2 * n * sizeof(double)));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  bulwark::bench::roofline(state, "triad");
}

void rolling_zscore(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  // Returns, not a price path: 10^7 compounded steps drift a price to 1e-303, where the
  // window's variance underflows and every update recomputes (and pandas' too degrades).
  const std::vector<double> x = bulwark::bench::uniform_returns(n, 3, 0);
  std::vector<double> z(n);
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    bulwark::signal::rolling_zscore_series(x, 60, z);
    benchmark::DoNotOptimize(z.data());
    benchmark::ClobberMemory();
  }
  probe.report(state);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(2 * n * sizeof(double)));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  bulwark::bench::roofline(state, "triad");
}

}  // namespace

BENCHMARK(zscore_long_short)->Name("signal/zscore_long_short")->Arg(bulwark::bench::size(panel_elements))
    ->Unit(benchmark::kMillisecond);
BENCHMARK(percentile_rank)->Name("signal/percentile_rank")->Arg(bulwark::bench::size(panel_elements))
    ->Unit(benchmark::kMillisecond);
BENCHMARK(rolling_zscore)->Name("signal/rolling_zscore")->Arg(bulwark::bench::streaming_size())
    ->Unit(benchmark::kMillisecond);
