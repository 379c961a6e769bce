// SPDX-License-Identifier: MIT
// The gate's thread model, run under ThreadSanitizer by the tsan preset: the kill switch
// from another thread, and one gate shared by several threads through synchronized_gate.
// Worker threads only record outcomes; every CHECK runs on the test's own thread.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include "bulwark/risk/gate.hpp"
#include "bulwark/risk/throttle.hpp"
#include "gate_fixture.hpp"
#include "support/catch.hpp"

namespace gate_threads_test {

using namespace gate_fixture;
using namespace bulwark::risk;
using bulwark::side;

TEST_CASE("a kill switch tripped on another thread stops the order thread", "[risk][thread]") {
  desk d;
  risk_gate gate{fresh(), max_order_quantity{.max_quantity = 1e6}};
  kill_switch ks = gate.make_kill_switch();
  std::atomic<std::uint64_t> decided{0};
  std::uint64_t accepted_before = 0;
  std::uint64_t halted_after = 0;
  std::uint64_t accepted_after = 0;

  std::thread orders([&] {
    bool seen_halt = false;
    // Runs until it has seen 1,000 halted verdicts; the officer halts after 1,000 decisions.
    for (std::uint64_t i = 1; halted_after < 1000; ++i) {
      const verdict v = gate.check(limit(i, "AAPL", side::buy, 1, 150.0), d.state());
      if (v.reason == reject_reason::halted) {
        seen_halt = true;
        ++halted_after;
      } else if (seen_halt) {
        ++accepted_after;  // must never happen: HALTED latches
      } else {
        ++accepted_before;
      }
      decided.fetch_add(1, std::memory_order_release);
    }
  });
  std::thread risk_officer([&] {
    while (decided.load(std::memory_order_acquire) < 1000) std::this_thread::yield();
    ks.trip(t0);
  });
  risk_officer.join();
  orders.join();

  CHECK(ks.tripped());
  CHECK(accepted_before >= 1000);
  CHECK(halted_after == 1000);
  CHECK(accepted_after == 0);
  CHECK(gate.last_transition().cause == reject_reason::operator_request);
}

TEST_CASE("one gate shared by threads keeps its limits exactly", "[risk][thread]") {
  desk d;
  // A bucket of 500 tokens that cannot refill (the clock stands still), and a duplicate
  // filter both threads race on with the same client ids. 800 distinct ids are sent, so
  // the bucket binds: exactly 500 orders pass, each id at most once, and every other
  // order is refused as a duplicate or by the throttle.
  constexpr std::uint64_t burst = 500;
  synchronized_gate<risk_gate<stale_market_data, order_rate_throttle, duplicate_order_filter>>
      shared{fresh(), order_rate_throttle{.orders_per_second = 1, .burst = burst},
             duplicate_order_filter{.window = 1s, .max_orders_in_window = 4096}};
  constexpr int threads = 3;
  constexpr std::uint64_t per_thread = 800;
  std::vector<std::vector<std::uint64_t>> accepted_ids(threads);
  std::vector<std::uint64_t> duplicates(threads, 0);
  std::vector<std::uint64_t> throttled(threads, 0);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      const auto k = static_cast<std::size_t>(t);
      for (std::uint64_t i = 1; i <= per_thread; ++i) {
        // Every thread sends ids 1..800; quantities differ, so only the ids repeat.
        const verdict v =
            shared.check(limit(i, "AAPL", side::buy, static_cast<double>(i * threads) + t, 150.0),
                         d.state());
        if (v.ok()) accepted_ids[k].push_back(i);
        if (v.reason == reject_reason::duplicate_client_id) ++duplicates[k];
        if (v.reason == reject_reason::order_rate) ++throttled[k];
      }
    });
  }
  for (std::thread& th : pool) th.join();

  std::vector<bool> seen(per_thread + 1, false);
  std::uint64_t total = 0;
  std::uint64_t twice = 0;
  std::uint64_t dup = 0;
  std::uint64_t rate = 0;
  for (int t = 0; t < threads; ++t) {
    const auto k = static_cast<std::size_t>(t);
    for (const std::uint64_t id : accepted_ids[k]) {
      if (seen[id]) ++twice;
      seen[id] = true;
      ++total;
    }
    dup += duplicates[k];
    rate += throttled[k];
  }
  CHECK(total == burst);  // exactly the throttle's burst
  CHECK(twice == 0);      // no client id accepted twice
  CHECK(dup + rate == threads * per_thread - burst);
  // The 300 ids never accepted cannot be duplicates: their 900 orders all met the throttle.
  CHECK(rate >= threads * (per_thread - burst));
  const auto counts = shared.with_lock([](const auto& g) {
    return std::array{g.accepted(), g.rejected(reject_reason::duplicate_client_id),
                      g.rejected(reject_reason::order_rate)};
  });
  CHECK(counts[0] == burst);
  CHECK(counts[1] == dup);
  CHECK(counts[2] == rate);
}

TEST_CASE("state changes under the gate's lock are seen by every thread", "[risk][thread]") {
  desk d;
  synchronized_gate<risk_gate<stale_market_data, leverage_limit>> shared{
      fresh(), leverage_limit{.max_leverage = 1.0}};
  std::atomic<bool> done{false};
  std::atomic<std::uint64_t> unvalued{0};
  std::thread checker([&] {
    for (std::uint64_t i = 1; !done.load(std::memory_order_acquire); ++i) {
      const verdict v = shared.check(limit(i, "AAPL", side::buy, 1, 150.0), d.state());
      if (!v.ok()) unvalued.fetch_add(1, std::memory_order_relaxed);
    }
  });
  for (int i = 0; i < 200; ++i) {
    shared.with_lock([&](auto&) {
      d.account.apply_fill({.sym = "AAPL", .side = side::buy, .quantity = 1, .price = 150.0});
      d.mark();
    });
  }
  done.store(true, std::memory_order_release);
  checker.join();
  CHECK(unvalued.load() == 0);
  CHECK(d.account.find("AAPL")->quantity == 200);
}

}  // namespace gate_threads_test
