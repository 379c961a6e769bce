// SPDX-License-Identifier: MIT
// Core kernels:
//   core/simple_returns   bulwark::simple_returns over a price path, validation included
//                         (read + write, so read against roofline/triad, though on this
//                         machine the divide throughput, ~4 cycles per element, bounds it
//                         first); peer: numpy p[1:] / p[:-1] - 1 (no validation)
//   core/uniform          counter_rng::fill_uniform; peer: numpy Generator(Philox).random
//   core/reference_price  market_snapshot lookups over 500 symbols (latency; no peer)
#include <chrono>
#include <cstddef>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "bulwark/core/market.hpp"
#include "bulwark/core/random.hpp"
#include "bulwark/core/returns.hpp"
#include "support/bench.hpp"

namespace {

void simple_returns(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> p = bulwark::bench::price_path(n + 1);
  std::vector<double> r(n);
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    bulwark::simple_returns(p, r);
    benchmark::DoNotOptimize(r.data());
    benchmark::ClobberMemory();
  }
  probe.report(state);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(2 * n * sizeof(double)));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  bulwark::bench::roofline(state, "triad");
}

void uniform(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<double> u(n);
  const bulwark::counter_rng rng{1, 0};
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    rng.fill_uniform(u);
    benchmark::DoNotOptimize(u.data());
    benchmark::ClobberMemory();
  }
  probe.report(state);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * sizeof(double)));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void reference_price(benchmark::State& state) {
  using namespace std::chrono_literals;
  constexpr std::size_t symbols = 500;
  std::vector<bulwark::symbol> universe;
  bulwark::market_snapshot market{symbols};
  const bulwark::timestamp now = bulwark::from_unix_seconds(1'717'425'000);
  const bulwark::counter_rng rng{3, 0};
  for (std::size_t j = 0; j < symbols; ++j) {
    universe.emplace_back(std::string_view{fmt::format("SYM{}", j)});
    const double mid = 10.0 + 100.0 * rng.uniform(j);
    market.set_quote(universe.back(), mid - 0.01, mid + 0.01, now - 1s);
  }
  std::size_t j = 0;
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    benchmark::DoNotOptimize(market.reference_price(universe[j], now, 5s));
    j = j + 1 == symbols ? 0 : j + 1;
  }
  probe.report(state);
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(simple_returns)->Name("core/simple_returns")->Arg(bulwark::bench::streaming_size());
BENCHMARK(uniform)->Name("core/uniform")->Arg(bulwark::bench::size(1'000'000));
BENCHMARK(reference_price)->Name("core/reference_price");
