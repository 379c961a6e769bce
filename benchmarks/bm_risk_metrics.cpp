// SPDX-License-Identifier: MIT
// Risk metrics kernels (peers in peers/risk_metrics.py, on bit-identical inputs):
//   risk/max_drawdown            max_drawdown over 10^7 returns, validation included
//                                (read-only streaming: roofline=sum); peer: numpy cumprod,
//                                running maximum and ratio (empyrical's formula)
//   risk/sharpe_sortino          both ratios in one pass (roofline=sum); peer: numpy mean,
//                                std(ddof=1) and the downside sum of squares
//   risk/historical_var_es       exact type-7 VaR and ES at 95% (roofline=sum); peer:
//                                np.quantile plus the mean of the values below it
//   risk/rolling_var_252         rolling 95% VaR over 10^6 returns, W = 252; peer: pandas
//   risk/rolling_var_16384       the same with W = 16384      rolling(W).quantile(0.05)
//   risk/rolling_var_es_update   one streaming rolling_var_es update (W = 252), allocations
//                                counted; no peer
//   risk/accumulator_set_update  one update of moments, drawdown, Sharpe, Sortino together
#include <cstddef>
#include <cstdint>
#include <vector>

#include <benchmark/benchmark.h>

#include "bulwark/risk/drawdown.hpp"
#include "bulwark/risk/returns_metrics.hpp"
#include "bulwark/risk/rolling.hpp"
#include "bulwark/risk/streaming.hpp"
#include "bulwark/risk/var.hpp"
#include "support/bench.hpp"

namespace {

void set_streaming_counters(benchmark::State& state, std::size_t n) {
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * sizeof(double)));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  bulwark::bench::roofline(state, "sum");
}

void max_drawdown(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> r = bulwark::bench::uniform_returns(n);
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) benchmark::DoNotOptimize(bulwark::risk::max_drawdown(r));
  probe.report(state);
  set_streaming_counters(state, n);
}

void sharpe_sortino(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> r = bulwark::bench::uniform_returns(n);
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        bulwark::risk::sharpe_sortino(r, 0.0001, 0.0, bulwark::trading_days_per_year));
  }
  probe.report(state);
  set_streaming_counters(state, n);
}

void historical_var_es(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> r = bulwark::bench::uniform_returns(n);
  for (auto _ : state) benchmark::DoNotOptimize(bulwark::risk::historical_var_es(r, 0.95));
  set_streaming_counters(state, n);
}

void rolling_var(benchmark::State& state, std::size_t window) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> r = bulwark::bench::uniform_returns(n);
  std::vector<double> out(n - window + 1);
  for (auto _ : state) {
    bulwark::risk::rolling_historical_var(r, window, 0.95, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void rolling_var_252(benchmark::State& state) { rolling_var(state, 252); }
void rolling_var_16384(benchmark::State& state) {
  rolling_var(state, bulwark::bench::smoke() ? 1024 : 16384);
}

void rolling_var_es_update(benchmark::State& state) {
  const std::vector<double> r = bulwark::bench::uniform_returns(1 << 16);
  bulwark::risk::rolling_var_es v{252, 0.95};
  std::size_t i = 0;
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    v.add(r[i]);
    benchmark::DoNotOptimize(v.var());
    i = (i + 1) & ((1 << 16) - 1);
  }
  probe.report(state);
  state.SetItemsProcessed(state.iterations());
}

void accumulator_set_update(benchmark::State& state) {
  const std::vector<double> r = bulwark::bench::uniform_returns(1 << 16);
  const auto p = bulwark::trading_days_per_year;
  bulwark::risk::accumulator_set set{bulwark::risk::running_moments{},
                                     bulwark::risk::running_drawdown{},
                                     bulwark::risk::running_sharpe{0.0001, p},
                                     bulwark::risk::running_sortino{0.0, p}};
  std::size_t i = 0;
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    set.add(r[i]);
    benchmark::DoNotOptimize(set.get<bulwark::risk::running_drawdown>().value());
    i = (i + 1) & ((1 << 16) - 1);
  }
  probe.report(state);
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(max_drawdown)->Name("risk/max_drawdown")->Arg(bulwark::bench::streaming_size());
BENCHMARK(sharpe_sortino)->Name("risk/sharpe_sortino")->Arg(bulwark::bench::streaming_size());
BENCHMARK(historical_var_es)->Name("risk/historical_var_es")->Arg(bulwark::bench::streaming_size());
BENCHMARK(rolling_var_252)->Name("risk/rolling_var_252")->Arg(bulwark::bench::size(1'000'000));
BENCHMARK(rolling_var_16384)->Name("risk/rolling_var_16384")->Arg(bulwark::bench::size(1'000'000));
BENCHMARK(rolling_var_es_update)->Name("risk/rolling_var_es_update");
BENCHMARK(accumulator_set_update)->Name("risk/accumulator_set_update");
