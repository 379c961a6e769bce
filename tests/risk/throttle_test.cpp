// SPDX-License-Identifier: MIT
// The stateful checks: the throttle (GCRA inside), checked by hand and against the
// textbook token bucket in exact arithmetic; and the duplicate filter, checked by hand
// and against a brute-force scan of every accepted order.
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/risk/gate.hpp"
#include "bulwark/risk/throttle.hpp"
#include "gate_fixture.hpp"
#include "support/catch.hpp"

namespace throttle_test {

using namespace gate_fixture;
using namespace bulwark::risk;
using bulwark::order;
using bulwark::side;

TEST_CASE("the token bucket: burst, refill, cap", "[risk][throttle]") {
  desk d;
  risk_gate gate{fresh(), order_rate_throttle{.orders_per_second = 2, .burst = 3}};
  bulwark::order_id id = 0;
  const auto send = [&] { return gate.check(limit(++id, "AAPL", side::buy, 1, 150.0), d.state()); };
  CHECK(send().ok());
  CHECK(send().ok());
  CHECK(send().ok());
  const verdict v = send();
  CHECK(v.reason == reject_reason::order_rate);
  CHECK(v.value == 0);  // tokens left
  CHECK(v.limit == 2);  // orders per second
  d.clock.advance(500ms);  // one token back
  CHECK(send().ok());
  CHECK_FALSE(send().ok());
  d.clock.advance(250ms);  // half a token is not enough
  CHECK(send().value == 0.5);
  d.clock.advance(10s);  // refills to the cap of 3, not 20
  d.quote("AAPL", 149.99, 150.01);
  CHECK(send().ok());
  CHECK(send().ok());
  CHECK(send().ok());
  CHECK(send().reason == reject_reason::order_rate);
}

TEST_CASE("per-symbol buckets are separate", "[risk][throttle]") {
  desk d;
  risk_gate gate{fresh(), order_rate_throttle{.orders_per_second = 100, .burst = 100,
                                              .symbol_orders_per_second = 1, .symbol_burst = 2}};
  CHECK(gate.check(limit(1, "AAPL", side::buy, 1, 150.0), d.state()).ok());
  CHECK(gate.check(limit(2, "AAPL", side::sell, 1, 150.0), d.state()).ok());
  const verdict v = gate.check(limit(3, "AAPL", side::buy, 1, 150.0), d.state());
  CHECK(v.reason == reject_reason::symbol_order_rate);
  CHECK(v.limit == 1);
  CHECK(v.message() == "#3 rejected by symbol_order_rate: 0 order tokens left in the symbol; "
                       "the limit is 1 orders/s");
  CHECK(gate.check(limit(4, "MSFT", side::buy, 1, 400.0), d.state()).ok());
  d.clock.advance(1s);
  CHECK(gate.check(limit(5, "AAPL", side::buy, 1, 150.0), d.state()).ok());
}

TEST_CASE("the throttle agrees with an exact token bucket on random arrivals",
          "[risk][throttle][property]") {
  // The textbook token bucket (Turner 1986) in exact integer arithmetic, as the
  // independent reference for the throttle's GCRA form: arrivals on a 1/64 s grid and a
  // rate of 4 orders/s make every token count a whole number of sixteenths.
  constexpr std::int64_t grid_ns = 15'625'000;  // 1/64 s
  constexpr std::int64_t sixteenths_per_step = 1;  // 4 tokens/s x 1/64 s = 1/16 token
  constexpr std::int64_t burst = 5;
  constexpr std::int64_t full = 16 * burst;
  const bulwark::counter_rng rng{6, 1};
  desk d;
  risk_gate gate{fresh(), order_rate_throttle{.orders_per_second = 4, .burst = burst}};
  std::int64_t tokens = full;  // in sixteenths
  int accepted = 0;
  for (std::uint64_t i = 0; i < 3000; ++i) {
    const auto steps = static_cast<std::int64_t>(rng.below(i, 12));  // 0 .. 11 grid steps
    d.clock.advance(std::chrono::nanoseconds{steps * grid_ns});
    d.quote("AAPL", 149.99, 150.01);
    tokens = std::min(full, tokens + steps * sixteenths_per_step);
    const bool bucket = tokens >= 16;
    if (bucket) tokens -= 16;
    const verdict v = gate.check(limit(i + 1, "AAPL", side::buy, 1, 150.0), d.state());
    REQUIRE(v.ok() == bucket);
    if (!bucket) REQUIRE(v.value == static_cast<double>(tokens) / 16.0);  // tokens left
    accepted += bucket ? 1 : 0;
  }
  CHECK(accepted > 500);  // both outcomes happen often
  CHECK(accepted < 2900);
}

TEST_CASE("per-symbol buckets agree with exact token buckets, in the gate and alone",
          "[risk][throttle][property]") {
  // Per-symbol buckets of 4 orders/s and a burst of 3 for at most 3 symbols, orders over
  // 4 symbols: the reference is one textbook bucket per symbol in sixteenths of a token
  // (as above) and the set of symbols with a bucket. The gate records an accepted order
  // through the bucket its evaluate found (the hinted protocol); the same throttle driven
  // by hand through evaluate(ctx, s) and commit(ctx, s) must agree order by order.
  static_assert(bulwark::risk::detail::hinted_check<order_rate_throttle>,
                "the gate must take the throttle's hinted form (one lookup per order)");
  constexpr std::int64_t grid_ns = 15'625'000;  // 1/64 s: 1/16 token at 4 orders/s
  constexpr std::int64_t full = 16 * 3;
  const bulwark::symbol symbols[] = {"AAPL", "MSFT", "IBM", "XOM"};
  const order_rate_throttle throttle{.orders_per_second = 1e6, .burst = 1e6,
                                     .symbol_orders_per_second = 4, .symbol_burst = 3,
                                     .expected_symbols = 3};
  const bulwark::counter_rng rng{6, 2};
  desk d;
  risk_gate gate{fresh(), throttle};
  order_rate_throttle::state_type by_hand = throttle.make_state();
  std::int64_t tokens[4] = {full, full, full, full};
  bool has_bucket[4] = {};
  int buckets = 0;
  int accepted = 0;
  int refused_for_room = 0;
  for (std::uint64_t i = 0; i < 4000; ++i) {
    const auto steps = static_cast<std::int64_t>(rng.below(2 * i, 6));
    d.clock.advance(std::chrono::nanoseconds{steps * grid_ns});
    for (std::int64_t& t : tokens) t = std::min(full, t + steps);
    for (const bulwark::symbol& s : symbols) d.quote(s, 99.99, 100.01);
    const std::size_t k = rng.below(2 * i + 1, 4);
    const order o = limit(i + 1, symbols[k], side::buy, 1, 100.0);

    reject_reason expected = reject_reason::accepted;
    if (!has_bucket[k] && buckets == 3) {
      expected = reject_reason::check_capacity;
    } else if (tokens[k] < 16) {
      expected = reject_reason::symbol_order_rate;
    }
    if (expected == reject_reason::accepted) {
      tokens[k] -= 16;
      buckets += has_bucket[k] ? 0 : 1;
      has_bucket[k] = true;
    }

    const verdict v = gate.check(o, d.state());
    REQUIRE(v.reason == expected);
    if (expected == reject_reason::symbol_order_rate) {
      REQUIRE(v.value == static_cast<double>(tokens[k]) / 16.0);  // tokens left
    }
    const check_context ctx = make_check_context(o, d.account, d.market, d.clock.now(), 5s, 60s,
                                                 trading_state::active);
    const check_result alone = throttle.evaluate(ctx, std::as_const(by_hand));
    REQUIRE(alone.reason == expected);
    if (alone.ok()) throttle.commit(ctx, by_hand);
    accepted += v.ok() ? 1 : 0;
    refused_for_room += expected == reject_reason::check_capacity ? 1 : 0;
  }
  CHECK(accepted > 1000);  // every outcome happens often
  CHECK(accepted < 3000);
  CHECK(refused_for_room > 500);
}

TEST_CASE("duplicates: the same client id, or the same order inside the window",
          "[risk][throttle][duplicates]") {
  desk d;
  risk_gate gate{fresh(), duplicate_order_filter{.window = 1s},
                 max_order_quantity{.max_quantity = 1000}};
  CHECK(gate.check(limit(1, "AAPL", side::buy, 100, 150.0), d.state()).ok());
  d.clock.advance(500ms);
  const verdict same = gate.check(limit(2, "AAPL", side::buy, 100, 150.0), d.state());
  CHECK(same.reason == reject_reason::duplicate_order);
  CHECK(same.value == 0.5);
  CHECK(same.limit == 1);
  CHECK(same.message() == "#2 rejected by duplicate_order: the same symbol, side, quantity and "
                          "price were accepted 0.5 s ago, inside the 1 s window");
  CHECK(gate.check(limit(3, "AAPL", side::buy, 100, 150.01), d.state()).ok());  // other price
  CHECK(gate.check(limit(4, "AAPL", side::sell, 100, 150.0), d.state()).ok());  // other side
  CHECK(gate.check(market_order(5, "AAPL", side::buy, 100), d.state()).ok());
  CHECK(gate.check(market_order(6, "AAPL", side::buy, 100), d.state()).reason ==
        reject_reason::duplicate_order);
  // "No price" is NaN in any of its bit patterns: a negative NaN (0.0 / 0.0 on x86-64)
  // or one with a payload is still the same market order.
  for (const std::uint64_t bits : {0xfff8'0000'0000'0000ULL, 0x7ff0'0000'0000'0001ULL}) {
    bulwark::order repeat = market_order(8, "AAPL", side::buy, 100);
    repeat.stop_price = std::bit_cast<double>(bits);
    repeat.limit_price = std::bit_cast<double>(bits ^ 0x2ULL);
    REQUIRE(std::isnan(repeat.stop_price));
    REQUIRE(std::isnan(repeat.limit_price));
    CHECK(gate.check(repeat, d.state()).reason == reject_reason::duplicate_order);
  }
  d.clock.advance(500ms);  // order 1 is now exactly 1 s old: outside the window
  d.quote("AAPL", 149.99, 150.01);
  CHECK(gate.check(limit(7, "AAPL", side::buy, 100, 150.0), d.state()).ok());

  d.clock.advance(1h);
  d.quote("MSFT", 399.98, 400.02);
  const verdict reused = gate.check(limit(1, "MSFT", side::sell, 5, 400.0), d.state());
  CHECK(reused.reason == reject_reason::duplicate_client_id);
  CHECK(reused.message() == "#1 rejected by duplicate_client_id: client id 1 was already accepted");

  // A rejected order is not remembered: its id and content stay free.
  CHECK(gate.check(limit(50, "MSFT", side::buy, 2000, 400.0), d.state()).reason ==
        reject_reason::max_order_quantity);
  CHECK(gate.check(limit(50, "MSFT", side::buy, 200, 400.0), d.state()).ok());
}

TEST_CASE("the duplicate filter ages orders without overflow", "[risk][throttle][duplicates]") {
  // A simulated clock that starts at timestamp::min() ("never") and is then set to a real
  // time: the instants are more than 292 years apart, where now - then overflows.
  bulwark::manual_clock clock{bulwark::timestamp::min()};
  bulwark::market_snapshot market{4};
  const bulwark::risk::account_state account{1'000'000.0, 4};
  const bulwark::risk::risk_state<bulwark::manual_clock> s{account, market, clock};
  risk_gate gate{fresh(), duplicate_order_filter{.window = 1s}};
  market.set_quote("AAPL", 149.99, 150.01, clock.now());
  CHECK(gate.check(limit(1, "AAPL", side::buy, 100, 150.0), s).ok());
  clock.set(t0);
  market.set_quote("AAPL", 149.99, 150.01, clock.now());
  CHECK(gate.check(limit(2, "AAPL", side::buy, 100, 150.0), s).ok());  // centuries later
  const verdict again = gate.check(limit(3, "AAPL", side::buy, 100, 150.0), s);
  CHECK(again.reason == reject_reason::duplicate_order);
  CHECK(again.value == 0);
}

TEST_CASE("an order accepted at a later time than now counts as recent",
          "[risk][throttle][duplicates]") {
  // A clock set back (a wall clock stepped by NTP, say): the earlier order's stamp is
  // 2 s after now. It is inside the window whatever the window, so the repeat is
  // refused (fail closed), with its age as a negative number of seconds.
  bulwark::manual_clock later{t0 + 2s};
  bulwark::manual_clock earlier{t0};
  bulwark::market_snapshot market{4};
  const bulwark::risk::account_state account{1'000'000.0, 4};
  risk_gate gate{fresh(), duplicate_order_filter{.window = 1s}};
  market.set_quote("AAPL", 149.99, 150.01, t0);
  using state = bulwark::risk::risk_state<bulwark::manual_clock>;
  CHECK(gate.check(limit(1, "AAPL", side::buy, 100, 150.0), state{account, market, later}).ok());
  const verdict again =
      gate.check(limit(2, "AAPL", side::buy, 100, 150.0), state{account, market, earlier});
  CHECK(again.reason == reject_reason::duplicate_order);
  CHECK(again.value == -2);
  // Ages are whole nanoseconds divided by 1e9, as the window is: 0.3 s reads 0.3.
  bulwark::manual_clock clock{t0};
  risk_gate fresh_gate{fresh(), duplicate_order_filter{.window = 1s}};
  const state s{account, market, clock};
  CHECK(fresh_gate.check(limit(1, "AAPL", side::buy, 100, 150.0), s).ok());
  clock.advance(300ms);
  CHECK(fresh_gate.check(limit(2, "AAPL", side::buy, 100, 150.0), s).value == 0.3);
}

TEST_CASE("a full duplicate window fails closed", "[risk][throttle][duplicates]") {
  desk d;
  risk_gate gate{fresh(), duplicate_order_filter{.window = 1s, .max_orders_in_window = 3}};
  for (bulwark::order_id i = 1; i <= 3; ++i) {
    CHECK(gate.check(limit(i, "AAPL", side::buy, static_cast<double>(i), 150.0), d.state()).ok());
  }
  const verdict v = gate.check(limit(4, "AAPL", side::buy, 4, 150.0), d.state());
  CHECK(v.reason == reject_reason::duplicate_order);
  CHECK(std::isnan(v.value));
  d.clock.advance(1s);
  d.quote("AAPL", 149.99, 150.01);
  CHECK(gate.check(limit(4, "AAPL", side::buy, 4, 150.0), d.state()).ok());
}

TEST_CASE("the duplicate filter agrees with a brute-force scan", "[risk][throttle][property]") {
  // A small universe so that repeats are common, and a small window memory so that the
  // hash index expires entries (backward-shift deletion) all the time.
  const bulwark::counter_rng rng{6, 2};
  const bulwark::symbol names[] = {"AAPL", "MSFT"};
  const double prices[] = {150.0, 150.01, 149.99};
  struct sent {
    order o;
    bulwark::timestamp time;
  };
  constexpr std::size_t memory = 8;
  desk d;
  d.quote("MSFT", 149.98, 150.02);
  risk_gate gate{fresh(), duplicate_order_filter{.window = 300ms, .max_orders_in_window = memory}};
  std::vector<sent> accepted;
  int duplicates = 0;
  int full = 0;
  for (std::uint64_t i = 0; i < 4000; ++i) {
    d.clock.advance(std::chrono::milliseconds{rng.below(5 * i, 60)});
    for (const auto& s : names) d.quote(s, 149.98, 150.02);
    // Ids repeat now and then (one in 50), contents often.
    const bulwark::order_id id = rng.below(5 * i + 1, 50) == 0 ? rng.below(5 * i + 2, i + 1) + 1
                                                               : 1'000'000 + i;
    const order o = limit(id, names[rng.below(5 * i + 3, 2)],
                          rng.below(5 * i + 4, 2) == 0 ? side::buy : side::sell,
                          static_cast<double>(1 + rng.below(5 * i + 4, 3)), prices[i % 3]);
    const auto now = d.clock.now();
    bool id_seen = false;
    bool same_content = false;
    std::size_t live = 0;
    for (const sent& a : accepted) {
      id_seen = id_seen || a.o.client_id == id;
      if (now - a.time < 300ms) {
        ++live;
        same_content = same_content || (a.o.sym == o.sym && a.o.side == o.side &&
                                         a.o.quantity == o.quantity &&
                                         a.o.limit_price == o.limit_price);
      }
    }
    // The filter looks at the id first, then the content, then whether its memory is full.
    const reject_reason expected = id_seen                          ? reject_reason::duplicate_client_id
                                   : same_content || live == memory ? reject_reason::duplicate_order
                                                                    : reject_reason::accepted;
    full += !id_seen && !same_content && live == memory ? 1 : 0;
    const verdict v = gate.check(o, d.state());
    REQUIRE(v.reason == expected);
    if (v.ok()) accepted.push_back({o, now});
    duplicates += v.reason == reject_reason::duplicate_order ? 1 : 0;
  }
  CHECK(duplicates > 100);
  CHECK(full > 0);
  CHECK(accepted.size() > 1000);
}

TEST_CASE("the stateful checks have a fixed capacity and fail closed beyond it",
          "[risk][throttle][capacity]") {
  desk d;
  d.quote("IBM", 169.99, 170.01);
  // Per-symbol buckets for at most 2 symbols: a third symbol is refused, the two known
  // symbols keep trading.
  risk_gate throttle{fresh(), order_rate_throttle{.orders_per_second = 100, .burst = 100,
                                                  .symbol_orders_per_second = 10,
                                                  .symbol_burst = 10, .expected_symbols = 2}};
  CHECK(throttle.check(limit(1, "AAPL", side::buy, 1, 150.0), d.state()).ok());
  CHECK(throttle.check(limit(2, "MSFT", side::buy, 1, 400.0), d.state()).ok());
  const verdict full = throttle.check(limit(3, "IBM", side::buy, 1, 170.0), d.state());
  CHECK(full.reason == reject_reason::check_capacity);
  CHECK(full.value == 2);
  CHECK(full.limit == 2);
  CHECK(throttle.check(limit(4, "AAPL", side::buy, 1, 150.0), d.state()).ok());
  throttle.restart_session();
  CHECK(throttle.check(limit(5, "IBM", side::buy, 1, 170.0), d.state()).ok());

  // At most 3 client ids a session: the fourth new id is refused, a repeated id is still
  // reported as a duplicate, and a new session starts empty.
  risk_gate ids{fresh(), duplicate_order_filter{.window = 1ms, .expected_orders = 3}};
  for (bulwark::order_id id = 1; id <= 3; ++id) {
    d.clock.advance(1s);  // outside the content window
    d.quote("AAPL", 149.99, 150.01);
    REQUIRE(ids.check(limit(id, "AAPL", side::buy, 1, 150.0), d.state()).ok());
  }
  const verdict no_room = ids.check(limit(4, "AAPL", side::buy, 2, 150.0), d.state());
  CHECK(no_room.reason == reject_reason::check_capacity);
  CHECK(no_room.value == 3);
  CHECK(no_room.limit == 3);
  CHECK(no_room.message() ==
        "#4 rejected by check_capacity: the check's fixed memory for the session is full (3 "
        "of 3); restart the session");
  CHECK(ids.check(limit(2, "AAPL", side::buy, 2, 150.0), d.state()).reason ==
        reject_reason::duplicate_client_id);
  ids.restart_session();
  CHECK(ids.check(limit(4, "AAPL", side::buy, 2, 150.0), d.state()).ok());
}

TEST_CASE("throttles reject nonsense configuration", "[risk][throttle][config]") {
  using bulwark::test::throws_error;
  CHECK_THROWS_MATCHES((order_rate_throttle{.orders_per_second = 10, .burst = 0.5}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.risk.checks", "order_rate_throttle.burst 0.5"));
  CHECK_THROWS_MATCHES((order_rate_throttle{.orders_per_second = 1e-9, .burst = 2}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.risk.checks", "refill in 1e8 s at most"));
  CHECK_THROWS_MATCHES((order_rate_throttle{.orders_per_second = 10, .burst = 5,
                                            .symbol_orders_per_second = 1}
                            .validate()),
                       bulwark::config_error,
                       throws_error("bulwark.risk.checks", "must both be finite"));
  // NaN and -inf are not "no limit" (only +inf is): they name the field.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK_THROWS_MATCHES((order_rate_throttle{.orders_per_second = 10, .burst = 5,
                                            .symbol_orders_per_second = nan, .symbol_burst = nan}
                            .validate()),
                       bulwark::config_error,
                       throws_error("bulwark.risk.checks",
                                    "order_rate_throttle.symbol_orders_per_second nan outside"));
  CHECK_THROWS_MATCHES((order_rate_throttle{.orders_per_second = 10, .burst = 5,
                                            .symbol_orders_per_second = -inf, .symbol_burst = -inf}
                            .validate()),
                       bulwark::config_error,
                       throws_error("bulwark.risk.checks",
                                    "order_rate_throttle.symbol_orders_per_second -inf outside"));
  CHECK_THROWS_MATCHES((order_rate_throttle{.orders_per_second = 10, .burst = 5,
                                            .symbol_orders_per_second = 1, .symbol_burst = nan}
                            .validate()),
                       bulwark::config_error,
                       throws_error("bulwark.risk.checks", "order_rate_throttle.symbol_burst nan"));
  order_rate_throttle{.orders_per_second = 10, .burst = 5, .symbol_orders_per_second = inf,
                      .symbol_burst = inf}
      .validate();  // both +inf: no per-symbol limit
  CHECK_THROWS_MATCHES((order_rate_throttle{.orders_per_second = 2e9, .burst = 5}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.risk.checks",
                                    "order_rate_throttle.orders_per_second 2000000000 outside (0, 1e9]"));
  CHECK_THROWS_MATCHES((order_rate_throttle{.orders_per_second = 10, .burst = 5,
                                            .symbol_orders_per_second = 1, .symbol_burst = 1,
                                            .expected_symbols = 0}
                            .validate()),
                       bulwark::config_error,
                       throws_error("bulwark.risk.checks", "order_rate_throttle.expected_symbols 0"));
  CHECK_THROWS_MATCHES((duplicate_order_filter{.window = 1s, .expected_orders = 0}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.risk.checks", "duplicate_order_filter.expected_orders 0"));
  CHECK_THROWS_MATCHES((duplicate_order_filter{}.validate()), bulwark::config_error,
                       throws_error("bulwark.risk.checks", "duplicate_order_filter.window 0"));
  CHECK_THROWS_MATCHES((duplicate_order_filter{.window = bulwark::duration::max()}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.risk.checks", "outside (0, 1e8 s]"));
}

}  // namespace throttle_test
