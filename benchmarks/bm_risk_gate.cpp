// SPDX-License-Identifier: MIT
// The pre-trade gate's latency on a realistic state: 500 symbols quoted, 50 positions
// (some with working orders), orders spread over 100 symbols at prices a few ticks from
// the mid, almost all accepted (the common case a gate must be fast for). The orders come
// in an order that does not repeat (4096 orders drawn at random, 2^22 draws), as real
// order flow does not: a short cycle of orders lets the processor learn every branch
// (which side, held or not, where the symbol's slot is) and measures it too fast, by half
// on the machine of docs/risk_gate.md#performance.
//
//   risk/gate_stale_only      the one mandatory check: price lookup, position lookup,
//                             account health (the floor of any gate; compare with
//                             core/reference_price, the lookup alone)
//   risk/gate_ten_checks      the benchmark gate: stale data, order quantity, notional,
//                             collar, tick, lot, position, exposure, leverage, throttle
//   risk/gate_all_checks      fourteen checks: the ten plus restricted list, daily loss,
//                             drawdown and the duplicate filter
//   risk/gate_ten_checks_latency
//                             the ten-check gate timed order by order with the time-stamp
//                             counter; reports the distribution (p50, p90, p99, p99.9,
//                             max, in ns, timer overhead removed) as counters, and the
//                             counter's step (timer_step_ns), the quantiles' resolution;
//                             and mean_ns, the mean less the counter reads' mean, which
//                             the step does not limit
//   risk/throttle             order_rate_throttle alone (evaluate + commit, overall and
//                             per-symbol buckets) on contexts built beforehand, no gate
//
// No peer: these are latency kernels with no numpy form. Every kernel reports
// allocs_per_iter, which must be 0.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <tuple>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "bulwark/core/clock.hpp"
#include "bulwark/core/market.hpp"
#include "bulwark/core/random.hpp"
#include "bulwark/risk/gate.hpp"
#include "bulwark/risk/throttle.hpp"
#include "support/bench.hpp"

namespace {

using namespace std::chrono_literals;
namespace risk = bulwark::risk;

constexpr std::size_t quoted = 500;
constexpr std::size_t held = 50;
constexpr std::size_t traded = 100;
constexpr std::size_t order_count = 4096;
// Orders drawn from those, with replacement: a sequence longer than any branch history.
constexpr std::size_t draw_count = std::size_t{1} << 22;
// Simulated time between orders: 100 ns, i.e. 10 million orders per second.
constexpr bulwark::duration spacing{100};
// Orders per session (see `sessions` below).
constexpr std::uint64_t session_orders = std::uint64_t{1} << 16;

// Quotes, positions, orders, all seeded: counter_rng{7, stream}, one stream per attribute
// so that no two draw the same word.
class desk {
 public:
  desk() : market_(quoted), account_(10'000'000.0, 2 * traded) {
    enum stream : std::uint64_t { mids, held_sizes, symbols, sides, offsets, sizes, draws };
    const auto rng = [](stream k) { return bulwark::counter_rng{7, k}; };
    for (std::size_t j = 0; j < quoted; ++j) {
      symbols_.emplace_back(std::string_view{fmt::format("SYM{:03}", j)});
      mids_.push_back(std::round(100.0 * (20.0 + 200.0 * rng(mids).uniform(j))) / 100.0);
    }
    refresh();
    for (std::size_t j = 0; j < held; ++j) {
      const double q = 100.0 * static_cast<double>(1 + rng(held_sizes).below(j, 20));
      account_.apply_fill({.sym = symbols_[j], .side = j % 3 == 0 ? bulwark::side::sell
                                                                  : bulwark::side::buy,
                           .quantity = q, .price = mids_[j], .time = clock_.now()});
      if (j % 5 == 0) {
        account_.order_accepted({.client_id = j, .sym = symbols_[j], .side = bulwark::side::buy,
                                 .type = bulwark::order_type::limit, .quantity = 100,
                                 .limit_price = mids_[j] - 0.05},
                                mids_[j]);
      }
    }
    account_.mark_to_market(market_, clock_.now(), 5s);
    account_.start_day();
    for (std::size_t i = 0; i < order_count; ++i) {
      const std::size_t j = rng(symbols).below(i, traded);
      const auto s = rng(sides).below(i, 2) == 0 ? bulwark::side::buy : bulwark::side::sell;
      const double off = static_cast<double>(rng(offsets).below(i, 11)) - 5.0;
      orders_.push_back({.client_id = 100'000 + i, .sym = symbols_[j], .side = s,
                         .type = bulwark::order_type::limit,
                         .quantity = 100.0 * static_cast<double>(1 + rng(sizes).below(i, 5)),
                         .limit_price = std::round(100.0 * mids_[j] + off) / 100.0});
    }
    draws_.resize(draw_count);
    for (std::size_t k = 0; k < draw_count; ++k) {
      draws_[k] = static_cast<std::uint16_t>(rng(draws).below(k, order_count));
    }
  }

  // Quotes stamped now and a fresh mark, so prices and marks stay within their ages.
  void refresh() {
    for (std::size_t j = 0; j < quoted; ++j) {
      market_.set_quote(symbols_[j], mids_[j] - 0.01, mids_[j] + 0.01, clock_.now());
    }
    account_.mark_to_market(market_, clock_.now(), 5s);
  }

  [[nodiscard]] risk::risk_state<bulwark::manual_clock> state() const {
    return {account_, market_, clock_};
  }
  bulwark::manual_clock& clock() { return clock_; }
  // The i-th order drawn, with a client id unique in its session (for the duplicate filter).
  [[nodiscard]] bulwark::order order_at(std::uint64_t i) const {
    bulwark::order o = orders_[draws_[i % draw_count]];
    o.client_id = 1'000'000 + i;
    return o;
  }

 private:
  bulwark::manual_clock clock_{bulwark::from_unix_seconds(1'717'425'000)};
  std::vector<bulwark::symbol> symbols_;
  std::vector<double> mids_;
  bulwark::market_snapshot market_;
  risk::account_state account_;
  std::vector<bulwark::order> orders_;
  std::vector<std::uint16_t> draws_;
};

risk::stale_market_data fresh() { return {.max_age = 5s, .max_mark_age = 60s}; }

// The ten checks of the benchmark gate.
auto ten_parts() {
  using namespace bulwark::literals;
  return std::tuple{
      fresh(),
      risk::max_order_quantity{.max_quantity = 10'000},
      risk::max_order_notional{.max_notional = 1'000'000},
      risk::price_collar{.max_deviation = 50_bps},
      risk::tick_size{},
      risk::lot_size{.lot = 100},
      risk::position_limit{.max_quantity = 100'000, .max_notional = 5'000'000},
      risk::exposure_limit{.max_gross = 100'000'000, .max_net = 50'000'000},
      risk::leverage_limit{.max_leverage = 4.0},
      risk::order_rate_throttle{.orders_per_second = 2e7, .burst = 1e4,
                                .symbol_orders_per_second = 1e6, .symbol_burst = 100,
                                .expected_symbols = 2 * traded}};
}

auto ten_checks() {
  return std::apply([](auto... checks) { return risk::risk_gate{checks...}; }, ten_parts());
}

// The ten and every other shipped check.
auto all_checks() {
  return std::apply(
      [](auto... checks) {
        return risk::risk_gate{
            checks..., risk::restricted_list{.symbols = {"SYM900", "SYM901", "SYM902"}},
            risk::daily_loss_limit{.max_loss = 0.05}, risk::drawdown_limit{.max_drawdown = 0.10},
            // 10 us: the last 100 orders.
            risk::duplicate_order_filter{.window = 10us, .max_orders_in_window = 1024,
                                         .expected_orders = session_orders}};
      },
      ten_parts());
}

// Every 2^16 orders (6.5 ms of simulated time), untimed: quotes and marks are refreshed
// and a new session starts (throttles full, no client id remembered), as at the start of
// a trading day. Allocations made there are not the order path's and are not counted.

template <class Gate>
class sessions {
 public:
  sessions(desk& d, Gate& gate) : desk_(d), gate_(gate), start_(bulwark::bench::allocations()) {}

  void after_order(benchmark::State& state) {
    if (++orders_ % session_orders != 0) return;
    state.PauseTiming();
    const std::uint64_t before = bulwark::bench::allocations();
    desk_.refresh();
    gate_.restart_session();
    untimed_ += bulwark::bench::allocations() - before;
    state.ResumeTiming();
  }
  [[nodiscard]] std::uint64_t orders() const noexcept { return orders_; }
  // Heap allocations per order on the order path.
  void report(benchmark::State& state) const {
    state.counters["allocs_per_iter"] = benchmark::Counter(
        static_cast<double>(bulwark::bench::allocations() - start_ - untimed_),
        benchmark::Counter::kAvgIterations);
  }

 private:
  desk& desk_;
  Gate& gate_;
  std::uint64_t start_;
  std::uint64_t untimed_ = 0;
  std::uint64_t orders_ = 0;
};

template <class MakeGate>
void gate_throughput(benchmark::State& state, MakeGate make_gate) {
  desk d;
  auto gate = make_gate();
  const auto s = d.state();
  sessions session{d, gate};
  for (auto _ : state) {
    d.clock().advance(spacing);
    benchmark::DoNotOptimize(gate.check(d.order_at(session.orders()), s));
    session.after_order(state);
  }
  session.report(state);
  state.counters["accepted_fraction"] =
      static_cast<double>(gate.accepted()) / static_cast<double>(gate.accepted() + gate.rejected());
  state.SetItemsProcessed(state.iterations());
}

void gate_stale_only(benchmark::State& state) {
  gate_throughput(state, [] { return risk::risk_gate{fresh()}; });
}
void gate_ten_checks(benchmark::State& state) { gate_throughput(state, ten_checks); }
void gate_all_checks(benchmark::State& state) { gate_throughput(state, all_checks); }

// Time-stamp counter reads, fenced so the timed code neither starts early nor ends late.
std::uint64_t ticks_begin() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  _mm_lfence();
  const std::uint64_t t = __rdtsc();
  _mm_lfence();
  return t;
#else
  return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
#endif
}
std::uint64_t ticks_end() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  unsigned aux = 0;
  const std::uint64_t t = __rdtscp(&aux);
  _mm_lfence();
  return t;
#else
  return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
#endif
}

// A histogram of per-order latencies in counter ticks: one bucket per tick up to 8191,
// then an overflow bucket; the maximum is kept exactly.
class latency_histogram {
 public:
  void add(std::uint64_t ticks) noexcept {
    ++buckets_[std::min<std::uint64_t>(ticks, buckets_.size() - 1)];
    max_ = std::max(max_, ticks);
    sum_ += ticks;
    ++count_;
  }
  // The mean in ticks. Unlike the quantiles, finer than the counter's step: an order
  // starts at a random phase of the step, so a reading rounds up or down in proportion.
  // It includes, as the max does, the rare order an interrupt lands in.
  [[nodiscard]] double mean() const noexcept {
    return static_cast<double>(sum_) / static_cast<double>(std::max<std::uint64_t>(count_, 1));
  }
  // The q-quantile in ticks (nearest rank).
  [[nodiscard]] double quantile(double q) const noexcept {
    const auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
    std::uint64_t seen = 0;
    for (std::size_t b = 0; b < buckets_.size(); ++b) {
      seen += buckets_[b];
      if (seen >= std::max<std::uint64_t>(rank, 1)) {
        return b + 1 == buckets_.size() ? static_cast<double>(max_) : static_cast<double>(b);
      }
    }
    return static_cast<double>(max_);
  }
  [[nodiscard]] double max() const noexcept { return static_cast<double>(max_); }
  // The greatest common divisor of the samples below the overflow bucket: the counter's
  // step, when it advances several ticks at a time (as in some virtual machines), and so
  // the resolution of every quantile. 1 on a counter that advances tick by tick.
  [[nodiscard]] std::uint64_t step() const noexcept {
    std::uint64_t g = 0;
    for (std::size_t b = 1; b + 1 < buckets_.size(); ++b) {
      if (buckets_[b] != 0) g = std::gcd(g, std::uint64_t{b});
    }
    return g;
  }

 private:
  std::array<std::uint64_t, 8192> buckets_{};
  std::uint64_t max_ = 0;
  std::uint64_t sum_ = 0;
  std::uint64_t count_ = 0;
};

void gate_ten_checks_latency(benchmark::State& state) {
  desk d;
  auto gate = ten_checks();
  const auto s = d.state();
  // The cost of the two counter reads themselves, subtracted from every sample.
  latency_histogram empty;
  for (int k = 0; k < 100'000; ++k) {
    const auto t0 = ticks_begin();
    empty.add(ticks_end() - t0);
  }
  const double overhead = empty.quantile(0.5);

  latency_histogram latency;
  sessions session{d, gate};
  const auto wall_start = std::chrono::steady_clock::now();
  const auto tick_start = ticks_begin();
  for (auto _ : state) {
    d.clock().advance(spacing);
    const bulwark::order o = d.order_at(session.orders());
    const auto t0 = ticks_begin();
    benchmark::DoNotOptimize(gate.check(o, s));
    const auto t1 = ticks_end();
    latency.add(t1 - t0);
    session.after_order(state);
  }
  const auto tick_stop = ticks_end();
  const auto wall = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() -
                                                             wall_start);
  session.report(state);
  // Counter ticks per nanosecond, from the same run's wall time.
  const double per_ns = static_cast<double>(tick_stop - tick_start) / wall.count();
  const auto ns = [&](double ticks) { return std::max(0.0, ticks - overhead) / per_ns; };
  state.counters["mean_ns"] = std::max(0.0, latency.mean() - empty.mean()) / per_ns;
  state.counters["p50_ns"] = ns(latency.quantile(0.5));
  state.counters["p90_ns"] = ns(latency.quantile(0.9));
  state.counters["p99_ns"] = ns(latency.quantile(0.99));
  state.counters["p99.9_ns"] = ns(latency.quantile(0.999));
  state.counters["max_ns"] = ns(latency.max());
  state.counters["timer_overhead_ns"] = overhead / per_ns;
  state.counters["timer_step_ns"] =
      static_cast<double>(std::gcd(empty.step(), latency.step())) / per_ns;
  state.SetItemsProcessed(state.iterations());
}

void throttle(benchmark::State& state) {
  desk d;
  const auto s = d.state();
  const risk::order_rate_throttle t{.orders_per_second = 2e7, .burst = 1e4,
                                    .symbol_orders_per_second = 1e6, .symbol_burst = 100,
                                    .expected_symbols = 2 * traded};
  auto bucket = t.make_state();
  // The contexts are built before timing: this kernel is the throttle alone.
  std::vector<bulwark::order> orders;
  std::vector<risk::check_context> contexts;
  orders.reserve(order_count);
  for (std::uint64_t i = 0; i < order_count; ++i) orders.push_back(d.order_at(i));
  for (const bulwark::order& o : orders) {
    contexts.push_back(risk::make_check_context(o, s.account, s.market, d.clock().now(), 5s, 60s,
                                                risk::trading_state::active));
  }
  std::uint64_t i = 0;
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    d.clock().advance(spacing);
    risk::check_context ctx = contexts[i++ % order_count];
    ctx.now = d.clock().now();
    const risk::check_result r = t.evaluate(ctx, bucket);
    if (r.ok()) t.commit(ctx, bucket);
    benchmark::DoNotOptimize(r);
  }
  probe.report(state);
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(gate_stale_only)->Name("risk/gate_stale_only");
BENCHMARK(gate_ten_checks)->Name("risk/gate_ten_checks");
BENCHMARK(gate_all_checks)->Name("risk/gate_all_checks");
BENCHMARK(gate_ten_checks_latency)->Name("risk/gate_ten_checks_latency");
BENCHMARK(throttle)->Name("risk/throttle");
