// SPDX-License-Identifier: MIT
// The gate as a whole: fail-closed steps, the trading state, verdicts and messages, the
// audit trail, the per-check breakdown, counters, review and liquidation.
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "bulwark/risk/circuit_breaker.hpp"
#include "bulwark/risk/gate.hpp"
#include "bulwark/risk/throttle.hpp"
#include "gate_fixture.hpp"
#include "support/allocation_counter.hpp"
#include "support/catch.hpp"

namespace gate_test {

using namespace gate_fixture;
using namespace bulwark::risk;
using bulwark::order;
using bulwark::price_status;
using bulwark::side;

// Counts what it is told: a user-written AuditSink.
struct counting_sink {
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  void record(const order&, const verdict& v) noexcept { ++(v.ok() ? accepted : rejected); }
};

TEST_CASE("the gate fails closed on every unusable price", "[risk][gate]") {
  desk d;
  risk_gate gate{fresh(), max_order_quantity{.max_quantity = 1e6}};
  const auto status_of = [&](bulwark::symbol s) {
    const verdict v = gate.check(limit(1, s, side::buy, 10, 100.0), d.state());
    return std::pair{v.reason, v.price_problem()};
  };
  const auto t = d.clock.now();
  d.market.set_quote("EMPTY", missing, missing, t);
  d.market.set_quote("NAN", missing, 100.0, t);
  d.market.set_last("ZERO", 0.0, t);
  d.market.set_quote("CROSSED", 100.2, 100.0, t);
  d.market.set_last("FUTURE", 100.0, t + 1ms);
  d.market.set_quote("OLD", 99.9, 100.1, t - 6s);
  // More than 292 years old: an age that overflows a signed difference is still old.
  d.market.set_quote("NEVER", 99.9, 100.1, bulwark::timestamp::min());

  using R = reject_reason;
  CHECK(status_of("NONE") == std::pair{R::price_unavailable, price_status::unknown_symbol});
  CHECK(status_of("EMPTY") == std::pair{R::price_unavailable, price_status::no_price});
  CHECK(status_of("NAN") == std::pair{R::price_unavailable, price_status::non_finite});
  CHECK(status_of("ZERO") == std::pair{R::price_unavailable, price_status::non_positive});
  CHECK(status_of("CROSSED") == std::pair{R::price_unavailable, price_status::crossed});
  CHECK(status_of("FUTURE") == std::pair{R::price_unavailable, price_status::from_future});
  CHECK(status_of("OLD") == std::pair{R::stale_market_data, price_status::stale});
  CHECK(status_of("NEVER") == std::pair{R::stale_market_data, price_status::stale});
  // Its age: 2^63 ns to the epoch, then the clock's 1,717,425,000 s (a multiple of
  // 2^12 ns, so the sum is exact in a double).
  REQUIRE(t == bulwark::from_unix_seconds(1'717'425'000));
  const double never_age = (0x1p63 + 1'717'425'000e9) / 1e9;
  CHECK(gate.check(limit(2, "NEVER", side::buy, 10, 100.0), d.state()).value == never_age);
  CHECK(status_of("AAPL") == std::pair{R::accepted, price_status::ok});
}

TEST_CASE("a stale price is reported with its age and the limit", "[risk][gate]") {
  desk d;
  risk_gate gate{fresh(), max_order_quantity{.max_quantity = 1e6}};
  d.clock.advance(5s);  // exactly 5 s old: still fresh
  CHECK(gate.check(limit(1, "AAPL", side::buy, 10, 150.0), d.state()).ok());
  d.clock.advance(2500ms);
  const verdict v = gate.check(limit(2, "AAPL", side::buy, 10, 150.0), d.state());
  CHECK(v.reason == reject_reason::stale_market_data);
  CHECK(v.value == 7.5);
  CHECK(v.limit == 5.0);
  CHECK(v.check_index == 0);
  CHECK(v.message() ==
        "#2 rejected by stale_market_data: the newest price is 7.5 s old; the limit is 5 s");
  // A fresh trade that cannot be used (price 0) leaves the verdict to the quote, 7.5 s old.
  d.market.set_last("AAPL", 0.0, d.clock.now());
  CHECK(gate.check(limit(4, "AAPL", side::buy, 10, 150.0), d.state()).value == 7.5);
  // A fresh trade rescues a stale quote: the reference falls back to the last price.
  d.market.set_last("AAPL", 150.02, d.clock.now());
  const verdict w = gate.check(limit(3, "AAPL", side::buy, 10, 150.0), d.state());
  CHECK(w.ok());
  CHECK(w.reference_price == 150.02);
}

TEST_CASE("a malformed order is rejected with its own reason code", "[risk][gate]") {
  desk d;
  risk_gate gate{fresh(), max_order_quantity{.max_quantity = 1e6}};
  order zero = limit(5, "AAPL", side::buy, 0.0, 150.0);
  order no_price = limit(6, "AAPL", side::buy, 10, missing);
  order unnamed = market_order(7, {}, side::sell, 10);
  const verdict a = gate.check(zero, d.state());
  CHECK(a.reason == reject_reason::malformed_order);
  CHECK(a.defect() == bulwark::order_defect::bad_quantity);
  CHECK(a.check_index == verdict::gate_step);
  CHECK(a.message() ==
        "#5 rejected by malformed_order: malformed order: quantity must be finite and > 0");
  CHECK(gate.check(no_price, d.state()).defect() == bulwark::order_defect::missing_limit_price);
  CHECK(gate.check(unnamed, d.state()).defect() == bulwark::order_defect::no_symbol);
  CHECK(gate.rejected(reject_reason::malformed_order) == 3);
}

TEST_CASE("HALTED rejects everything until an explicit reset", "[risk][gate][state]") {
  desk d;
  risk_gate gate{fresh(), max_order_quantity{.max_quantity = 1e6}};
  d.hold("AAPL", 100);
  CHECK(gate.halt(d.clock.now()));
  CHECK_FALSE(gate.halt(d.clock.now()));  // latched: a second halt changes nothing
  for (const order& o : {limit(1, "AAPL", side::buy, 10, 150.0),
                         limit(2, "AAPL", side::sell, 10, 150.0),  // even a reducing order
                         market_order(3, "NONE", side::sell, 1)}) {
    const verdict v = gate.check(o, d.state());
    CHECK(v.reason == reject_reason::halted);
    CHECK(v.state == trading_state::halted);
  }
  CHECK_FALSE(gate.reduce(d.clock.now()));  // no way down from HALTED but reset
  CHECK(gate.state() == trading_state::halted);
  d.clock.advance(1s);
  CHECK(gate.reset(d.clock.now()));
  CHECK(gate.last_transition() == state_transition{trading_state::halted, trading_state::active,
                                                   reject_reason::operator_request,
                                                   d.clock.now()});
  CHECK(gate.check(limit(4, "AAPL", side::buy, 10, 150.0), d.state()).ok());
}

TEST_CASE("REDUCING lets through only orders that shrink the position", "[risk][gate][state]") {
  desk d;
  risk_gate gate{fresh(), max_order_quantity{.max_quantity = 1e6}};
  d.hold("AAPL", 100);
  CHECK(gate.reduce(d.clock.now()));

  const verdict add = gate.check(limit(1, "AAPL", side::buy, 10, 150.0), d.state());
  CHECK(add.reason == reject_reason::reducing_only);
  CHECK(add.value == 110);  // post-trade position
  CHECK(add.limit == 100);  // position before
  CHECK(add.message() == "#1 rejected by reducing_only: trading is REDUCING and the order would "
                         "take the position from 100 to 110");
  CHECK(gate.check(limit(2, "AAPL", side::sell, 150, 150.0), d.state()).reason ==
        reject_reason::reducing_only);  // crosses zero into a short
  CHECK(gate.check(limit(3, "MSFT", side::sell, 1, 400.0), d.state()).reason ==
        reject_reason::reducing_only);  // opens a short in a flat symbol
  CHECK(gate.check(limit(4, "AAPL", side::sell, 100, 150.0), d.state()).ok());  // to flat

  // Working sells count: 80 already working, so 30 more could leave the book short.
  d.account.order_accepted(limit(5, "AAPL", side::sell, 80, 150.0), 150.0);
  const verdict over = gate.check(limit(6, "AAPL", side::sell, 30, 150.0), d.state());
  CHECK(over.reason == reject_reason::reducing_only);
  CHECK(over.value == -10);
  CHECK(over.limit == 20);
  CHECK(gate.check(limit(7, "AAPL", side::sell, 20, 150.0), d.state()).ok());
}

TEST_CASE("the verdict names the limit and the value", "[risk][gate][format]") {
  desk d;
  risk_gate gate{fresh(), max_order_quantity{.max_quantity = 5000},
                 max_order_notional{.max_notional = 100'000}};
  // Valued at the larger of the reference (150) and the limit price: 1000 x 150.05.
  const verdict v = gate.check(limit(7, "AAPL", side::buy, 1000, 150.05), d.state());
  CHECK(v.reason == reject_reason::max_order_notional);
  CHECK(v.check_index == 2);
  CHECK(v.limit == 100'000);
  CHECK_THAT(v.value, bulwark::test::WithinRel(150'050.0, 1e-15));
  CHECK(v.reference_price == 150.0);
  CHECK(v.time == d.clock.now());
  CHECK(fmt::format("{}", v) ==
        "#7 rejected by max_order_notional: order notional 150050 exceeds the limit 100000");
  const verdict ok = gate.check(limit(8, "AAPL", side::buy, 100, 150.05), d.state());
  CHECK(fmt::format("{}", ok) == "#8 accepted");
}

TEST_CASE("every decision reaches the audit sink", "[risk][gate][audit]") {
  desk d;
  risk_gate gate{fresh(), max_order_quantity{.max_quantity = 100}};
  audit_trail trail{2};
  counting_sink counts;
  const std::array orders{limit(1, "AAPL", side::buy, 10, 150.0),
                          limit(2, "AAPL", side::buy, 1000, 150.0),
                          market_order(3, "NONE", side::buy, 1)};
  std::vector<verdict> returned;
  for (const order& o : orders) returned.push_back(gate.check(o, d.state(), trail));
  for (const order& o : orders) static_cast<void>(gate.check(o, d.state(), counts));

  REQUIRE(trail.entries().size() == 2);
  CHECK(trail.dropped() == 1);
  CHECK(trail.entries()[0].ord == orders[0]);
  CHECK(trail.entries()[0].decision == returned[0]);
  CHECK(trail.entries()[1].decision.reason == reject_reason::max_order_quantity);
  CHECK(counts.accepted == 1);
  CHECK(counts.rejected == 2);
}

TEST_CASE("the first rejection decides and a rejected order spends nothing", "[risk][gate]") {
  desk d;
  risk_gate gate{fresh(), order_rate_throttle{.orders_per_second = 1, .burst = 1},
                 max_order_quantity{.max_quantity = 100}};
  const verdict big = gate.check(limit(1, "AAPL", side::buy, 200, 150.0), d.state());
  CHECK(big.reason == reject_reason::max_order_quantity);
  CHECK(big.check_index == 2);
  // The throttle passed that order but, as the gate rejected it, kept its token.
  CHECK(gate.check(limit(2, "AAPL", side::buy, 50, 150.0), d.state()).ok());
  const verdict third = gate.check(limit(3, "AAPL", side::buy, 50, 150.0), d.state());
  CHECK(third.reason == reject_reason::order_rate);
  CHECK(third.check_index == 1);
  CHECK(gate.accepted() == 1);
  CHECK(gate.rejected() == 2);
  CHECK(gate.rejected_by_check(1) == 1);
  CHECK(gate.rejected_by_check(2) == 1);
  CHECK(gate.rejected(reject_reason::order_rate) == 1);
  CHECK(gate.check_names() ==
        std::array<std::string_view, 3>{"stale_market_data", "order_rate_throttle",
                                        "max_order_quantity"});
  CHECK(gate.part<2>().max_quantity == 100);
  CHECK_THROWS_AS(gate.rejected_by_check(3), bulwark::contract_violation);
  gate.restart_session();  // a full bucket again
  CHECK(gate.check(limit(4, "AAPL", side::buy, 50, 150.0), d.state()).ok());
}

TEST_CASE("evaluate_all gives every check's finding", "[risk][gate]") {
  desk d;
  risk_gate gate{fresh(), max_order_quantity{.max_quantity = 100},
                 max_order_notional{.max_notional = 10'000},
                 price_collar{.max_deviation = bulwark::bps{50}}};
  const auto parts = gate.evaluate_all(limit(9, "AAPL", side::buy, 200, 160.0), d.state());
  CHECK(parts[0].ok());
  CHECK(parts[1] == check_result::reject(reject_reason::max_order_quantity, 200, 100));
  CHECK(parts[2] == check_result::reject(reject_reason::max_order_notional, 32'000, 10'000));
  CHECK(parts[3].reason == reject_reason::price_collar);
  CHECK_THAT(parts[3].value, bulwark::test::WithinRel(10.0 / 150.0 * 1e4, 1e-12));
  CHECK(gate.accepted() + gate.rejected() == 0);  // nothing decided, nothing counted

  const auto unpriced = gate.evaluate_all(limit(10, "NONE", side::buy, 1, 10.0), d.state());
  for (const check_result& r : unpriced) CHECK(r.reason == reject_reason::price_unavailable);
}

TEST_CASE("a misconfigured check fails at construction", "[risk][gate][config]") {
  using bulwark::test::throws_error;
  CHECK_THROWS_MATCHES((risk_gate{fresh(), max_order_quantity{}}), bulwark::config_error,
                       throws_error("bulwark.risk.checks", "max_order_quantity.max_quantity nan"));
  CHECK_THROWS_MATCHES((risk_gate{stale_market_data{.max_age = 5s}}), bulwark::config_error,
                       throws_error("bulwark.risk.checks", "stale_market_data.max_mark_age 0"));
  CHECK_THROWS_MATCHES((risk_gate{fresh(), price_collar{}}), bulwark::config_error,
                       throws_error("bulwark.risk.checks", "price_collar.max_deviation 0 bps must be > 0"));
}

TEST_CASE("review moves to REDUCING on a drawdown breach and asks for liquidation",
          "[risk][gate][state]") {
  desk d;
  risk_gate gate{fresh(), drawdown_limit{.max_drawdown = 0.10, .liquidate = true}};
  d.hold("AAPL", 1000);  // $150,000 of a $1,000,000 account
  CHECK(gate.review(d.state()).finding.ok());

  d.clock.advance(1s);
  d.quote("AAPL", 39.99, 40.01);  // equity 850,000 + 40,000 = 890,000: drawdown 0.11
  d.mark();
  const review_result r = gate.review(d.state());
  CHECK(r.finding.reason == reject_reason::max_drawdown);
  CHECK_THAT(r.finding.value, bulwark::test::WithinRel(0.11, 1e-12));
  CHECK(r.finding.limit == 0.10);
  CHECK(r.state == trading_state::reducing);
  CHECK(r.changed);
  CHECK(r.liquidate);
  CHECK(gate.last_transition().cause == reject_reason::max_drawdown);

  const auto orders = flatten_orders(d.account, 100, d.clock.now());
  REQUIRE(orders.size() == 1);
  order expected = market_order(100, "AAPL", side::sell, 1000);
  expected.created = d.clock.now();
  CHECK(orders[0] == expected);
  CHECK(gate.check(limit(1, "MSFT", side::buy, 1, 400.0), d.state()).reason ==
        reject_reason::reducing_only);
  CHECK(gate.check(orders[0], d.state()).ok());
  CHECK_FALSE(gate.review(d.state()).changed);  // already REDUCING
}

TEST_CASE("a loss limit breached on the order path escalates at once", "[risk][gate][state]") {
  desk d;
  risk_gate gate{fresh(), daily_loss_limit{.max_loss = 0.02, .on_breach = breach_action::halt}};
  d.hold("AAPL", 1000);
  d.account.start_day();
  d.quote("AAPL", 119.99, 120.01);  // equity 970,000: a 3 % loss on the day
  d.mark();
  const verdict v = gate.check(limit(1, "MSFT", side::buy, 1, 400.0), d.state());
  CHECK(v.reason == reject_reason::daily_loss);
  CHECK_THAT(v.value, bulwark::test::WithinRel(0.03, 1e-12));
  CHECK(v.state == trading_state::halted);
  CHECK(gate.check(limit(2, "AAPL", side::sell, 1000, 120.0), d.state()).reason ==
        reject_reason::halted);
}

TEST_CASE("checks that need the account reject while it cannot be valued", "[risk][gate]") {
  desk d;
  risk_gate gate{fresh(), leverage_limit{.max_leverage = 2.0}};
  bulwark::risk::account_state unmarked{1'000'000.0};
  const risk_state<bulwark::manual_clock> raw{unmarked, d.market, d.clock};
  const verdict v = gate.check(limit(1, "AAPL", side::buy, 10, 150.0), raw);
  CHECK(v.reason == reject_reason::account_unavailable);
  CHECK(v.account_problem() == account_status::not_marked);
  CHECK(v.message() ==
        "#1 rejected by account_unavailable: the account cannot be valued: never marked to "
        "market");

  CHECK(gate.check(limit(2, "AAPL", side::buy, 10, 150.0), d.state()).ok());
  d.clock.advance(61s);  // marks older than max_mark_age
  d.quote("AAPL", 149.99, 150.01);
  CHECK(gate.check(limit(3, "AAPL", side::buy, 10, 150.0), d.state()).account_problem() ==
        account_status::stale_marks);
}

TEST_CASE("every account-level check and review() fail closed on an account that cannot be valued",
          "[risk][gate]") {
  desk d;
  bulwark::risk::account_state unmarked{1'000'000.0};  // never marked to market
  const risk_state<bulwark::manual_clock> raw{unmarked, d.market, d.clock};
  const order buy = limit(1, "AAPL", side::buy, 10, 150.0);
  const auto unavailable = [&](auto check) {
    risk_gate gate{fresh(), check};
    const verdict v = gate.check(buy, raw);
    CHECK(v.reason == reject_reason::account_unavailable);
    CHECK(v.account_problem() == account_status::not_marked);
    CHECK(gate.check(buy, d.state()).ok());  // the same order on the valued account passes
  };
  unavailable(exposure_limit{.max_gross = 1e7});
  unavailable(daily_loss_limit{.max_loss = 0.05});
  unavailable(drawdown_limit{.max_drawdown = 0.10});

  // review() reports the account as unavailable and changes no state.
  risk_gate gate{fresh(), daily_loss_limit{.max_loss = 0.05}, drawdown_limit{.liquidate = true}};
  const review_result r = gate.review(raw);
  CHECK(r.finding.reason == reject_reason::account_unavailable);
  CHECK(r.finding.detail == static_cast<std::uint8_t>(account_status::not_marked));
  CHECK(r.state == trading_state::active);
  CHECK_FALSE(r.changed);
  CHECK_FALSE(r.liquidate);
  // Marks older than max_mark_age (60 s) are as good as none.
  d.clock.advance(61s);
  d.quote("AAPL", 149.99, 150.01);
  CHECK(gate.review(d.state()).finding.detail ==
        static_cast<std::uint8_t>(account_status::stale_marks));
}

TEST_CASE("a circuit breaker still warming up keeps the gate closed", "[risk][gate][breaker]") {
  desk d;
  // A volatility trigger needs 14 true ranges before it can judge a bar: until then the
  // breaker is warming_up and must not allow new risk.
  circuit_breaker breaker{{.volatility_spike = 4.0, .cooldown = 5min}};
  REQUIRE(breaker.state(d.clock.now()) == breaker_state::warming_up);
  risk_gate gate{fresh(), circuit_breaker_check{.breaker = &breaker}};
  const verdict v = gate.check(limit(1, "AAPL", side::buy, 10, 150.0), d.state());
  CHECK(v.reason == reject_reason::circuit_breaker);
  CHECK(std::isinf(v.value));  // no re-arm time is known
  d.hold("AAPL", 100);
  CHECK(gate.check(limit(2, "AAPL", side::sell, 100, 150.0), d.state()).ok());  // reduces
  risk_gate strict{fresh(), circuit_breaker_check{.breaker = &breaker, .allow_reducing = false}};
  CHECK(strict.check(limit(3, "AAPL", side::sell, 100, 150.0), d.state()).reason ==
        reject_reason::circuit_breaker);
}

TEST_CASE("checking orders allocates nothing, accepted or rejected", "[risk][gate]") {
  using namespace bulwark::literals;
  desk d;
  d.hold("AAPL", 500);
  risk_gate gate{fresh(),
                 max_order_quantity{.max_quantity = 1000},
                 max_order_notional{.max_notional = 200'000},
                 price_collar{.max_deviation = 50_bps},
                 tick_size{},
                 position_limit{.max_quantity = 2000, .max_notional = 400'000},
                 exposure_limit{.max_gross = 900'000, .max_net = 900'000},
                 leverage_limit{.max_leverage = 2.0},
                 daily_loss_limit{.max_loss = 0.05},
                 drawdown_limit{.max_drawdown = 0.10},
                 order_rate_throttle{.orders_per_second = 1e3, .burst = 100,
                                     .expected_symbols = 8},
                 duplicate_order_filter{.window = 1s, .max_orders_in_window = 256,
                                        .expected_orders = 4096}};
  // The stateful checks sized their memory when the gate was built, off the order path.
  const bulwark::test::allocations_since probe;
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  for (std::uint64_t i = 0; i < 2000; ++i) {
    d.clock.advance(100us);
    // Sizes that pass, sizes over the limits, and a symbol with no price; ids repeat.
    const double quantity = i % 5 == 0 ? 5000.0 : 10.0 + static_cast<double>(i % 7);
    const bulwark::symbol s = i % 11 == 0 ? bulwark::symbol{"NONE"} : bulwark::symbol{"AAPL"};
    const verdict v = gate.check(limit(1 + i % 1500, s, side::buy, quantity, 150.0), d.state());
    ++(v.ok() ? accepted : rejected);
  }
  CHECK(probe.count() == 0);
  CHECK(accepted > 0);
  CHECK(rejected > 0);
}

}  // namespace gate_test
