// SPDX-License-Identifier: MIT
// Data kernels:
//   data/parse_bars      bulwark::data::parse_bars over an in-memory CSV of n minute bars
//                        (epoch-millisecond times, prices in cents, integer volumes), the
//                        same bytes peers/data.py builds; bytes = the text's size; read
//                        against roofline/sum. Peer: pandas.read_csv on the same bytes.
//   data/parse_bars_iso  the same bars with ISO 8601 UTC times (2020-09-13T12:26:40Z);
//                        peer: pandas.read_csv(..., parse_dates=["timestamp"]).
//   data/adjust          bulwark::data::adjust of n daily bars by a 100-row factor table
//                        (read + write, against roofline/triad; no peer).
// The readers allocate their output columns once per file (allocs_per_iter counts those,
// a handful per call, none per row).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/data/adjust.hpp"
#include "bulwark/data/bar_reader.hpp"
#include "support/bench.hpp"

namespace {

/// n minute bars from counter_rng{8, 0} uniforms u[4i..4i+3]: open and close cents
/// 5000 + floor(10000 u), high/low = max/min(open, close) +- floor(100 u), volume
/// floor(1e7 u). Integer arithmetic only, so peers/data.py writes the same bytes.
std::string bar_csv(std::size_t n, bool iso) {
  std::vector<double> u(4 * n);
  bulwark::counter_rng{8, 0}.fill_uniform(u);
  std::string text = "timestamp,open,high,low,close,volume\n";
  text.reserve(56 * n + 64);
  const auto cents = [](double x, double scale) { return static_cast<std::int64_t>(x * scale); };
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t open = 5000 + cents(u[4 * i], 10000.0);
    const std::int64_t close = 5000 + cents(u[4 * i + 1], 10000.0);
    const std::int64_t wick = cents(u[4 * i + 2], 100.0);
    const std::int64_t high = std::max(open, close) + wick;
    const std::int64_t low = std::min(open, close) - wick;
    const std::int64_t volume = cents(u[4 * i + 3], 1e7);
    const std::int64_t millis = 1'600'000'000'000 + 60'000 * static_cast<std::int64_t>(i);
    if (iso) {
      fmt::format_to(std::back_inserter(text), "{}", bulwark::iso8601(bulwark::from_unix_millis(millis)));
    } else {
      fmt::format_to(std::back_inserter(text), "{}", millis);
    }
    fmt::format_to(std::back_inserter(text), ",{}.{:02},{}.{:02},{}.{:02},{}.{:02},{}\n", open / 100,
                   open % 100, high / 100, high % 100, low / 100, low % 100, close / 100,
                   close % 100, volume);
  }
  return text;
}

void parse(benchmark::State& state, bool iso) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::string text = bar_csv(n, iso);
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    auto bars = bulwark::data::parse_bars(text);
    benchmark::DoNotOptimize(bars.bars.close().data());
  }
  probe.report(state);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  bulwark::bench::roofline(state, "sum");
}

void parse_bars(benchmark::State& state) { parse(state, false); }
void parse_bars_iso(benchmark::State& state) { parse(state, true); }

void adjust(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> close = bulwark::bench::price_path(n, 9);
  std::vector<date::sys_days> dates(n);
  std::vector<bulwark::timestamp> times(n);
  std::vector<bulwark::data::corporate_action> events;
  for (std::size_t i = 0; i < n; ++i) {
    dates[i] = date::sys_days{date::days{static_cast<int>(i)}};
    times[i] = bulwark::timestamp{dates[i]};
    if (i > 0 && i % (n / 100 + 1) == 0) events.push_back({.ex_date = dates[i], .split_ratio = 1.0, .dividend = 0.001 * close[i]});
  }
  const auto bars = bulwark::bar_series::from_columns("X", times, close, close, close, close, close);
  const auto table = bulwark::data::make_factor_table(dates, close, events);
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    auto adjusted = bulwark::data::adjust(bars, table, dates);
    benchmark::DoNotOptimize(adjusted.close().data());
  }
  probe.report(state);
  // Read: a date, a time and five values per bar; written: a time and five values.
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * (4 + 48 + 48)));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  bulwark::bench::roofline(state, "triad");
}

}  // namespace

BENCHMARK(parse_bars)->Name("data/parse_bars")->Arg(bulwark::bench::size(1'000'000))->Unit(benchmark::kMillisecond);
BENCHMARK(parse_bars_iso)->Name("data/parse_bars_iso")->Arg(bulwark::bench::size(1'000'000))->Unit(benchmark::kMillisecond);
BENCHMARK(adjust)->Name("data/adjust")->Arg(bulwark::bench::size(1'000'000))->Unit(benchmark::kMillisecond);
