// SPDX-License-Identifier: MIT
// The account the checks read: average-cost P&L by hand, the accounting identity over
// random fills, fail-closed marking, working orders and liquidation orders.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/risk/account.hpp"
#include "gate_fixture.hpp"
#include "support/catch.hpp"

namespace account_test {

using namespace gate_fixture;
using namespace bulwark::risk;
using bulwark::fill;
using bulwark::side;
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;

fill trade(side s, double quantity, double price, double fees = 0.0, bulwark::symbol sym = "AAPL") {
  return {.client_id = 1, .sym = sym, .side = s, .quantity = quantity, .price = price,
          .fees = fees};
}

TEST_CASE("average cost, realised P&L net of fees, flips", "[risk][account]") {
  account_state a{1'000'000.0};
  CHECK(a.apply_fill(trade(side::buy, 100, 150, 1)) == -1);
  CHECK(a.apply_fill(trade(side::buy, 50, 156, 1)) == -1);
  const position* p = a.find("AAPL");
  REQUIRE(p != nullptr);
  CHECK(p->quantity == 150);
  CHECK(p->average_price == 152);  // (100 x 150 + 50 x 156) / 150
  CHECK(a.apply_fill(trade(side::sell, 120, 160, 1)) == 959);  // 120 x (160 - 152) - 1
  CHECK(p->quantity == 30);
  CHECK(p->average_price == 152);
  CHECK(a.apply_fill(trade(side::sell, 50, 158)) == 180);  // closes 30 x 6, opens 20 short
  CHECK(p->quantity == -20);
  CHECK(p->average_price == 158);
  CHECK(a.cash() == 1'004'297);  // 1e6 - 15001 - 7801 + 19199 + 7900
  CHECK(a.equity() == 1'001'137);  // cash - 20 x 158
  CHECK(a.realised_pnl() == 1137);
  CHECK(a.gross_exposure() == 3160);
  CHECK(a.net_exposure() == -3160);
  CHECK(a.apply_fill(trade(side::buy, 20, 155)) == 60);  // a short covered 3 lower
  CHECK(p->quantity == 0);
  CHECK(std::isnan(p->average_price));
  CHECK(a.equity() == 1'001'197);
  CHECK(a.gross_exposure() == 0);
}

TEST_CASE("equity = cash + marks = initial + realised + unrealised, over random fills",
          "[risk][account][property]") {
  const bulwark::counter_rng rng{6, 3};
  const bulwark::symbol names[] = {"AAPL", "MSFT", "SPY", "BRK.B"};
  account_state a{250'000.0, 8};
  for (std::uint64_t i = 0; i < 2000; ++i) {
    const auto k = rng.below(4 * i, 4);
    const double price = std::round(100.0 * (50.0 + 100.0 * rng.uniform(4 * i + 1))) / 100.0;
    const double quantity = static_cast<double>(1 + rng.below(4 * i + 2, 300));
    const double fees = std::round(100.0 * rng.uniform(4 * i + 3)) / 100.0;
    a.apply_fill(trade(rng.below(4 * i + 3, 2) == 0 ? side::buy : side::sell, quantity, price,
                       fees, names[k]));
    double value = 0.0;
    double gross = 0.0;
    for (const auto& [sym, p] : a.positions()) {
      value += p.quantity * (p.quantity == 0 ? 0.0 : p.mark_price);
      gross += std::abs(p.quantity == 0 ? 0.0 : p.quantity * p.mark_price);
    }
    REQUIRE_THAT(a.equity(), WithinAbs(a.cash() + value, 1e-6));
    REQUIRE_THAT(a.gross_exposure(), WithinAbs(gross, 1e-6));
    REQUIRE_THAT(a.equity(), WithinAbs(250'000.0 + a.realised_pnl() + a.unrealised_pnl(), 1e-6));
  }
}

TEST_CASE("marking fails closed and the high-water mark follows valued equity",
          "[risk][account]") {
  desk d;
  d.hold("AAPL", 100);
  d.hold("MSFT", -10);
  auto& a = d.account;
  CHECK(a.status() == account_status::ok);
  CHECK(a.marked_at() == t0);
  CHECK(a.health(t0 + 60s, 60s) == account_status::ok);
  CHECK(a.health(t0 + 61s, 60s) == account_status::stale_marks);

  d.clock.advance(10s);
  d.quote("AAPL", 159.99, 160.01);  // MSFT's quote is now 10 s old
  CHECK(a.mark_to_market(d.market, d.clock.now(), 5s) == account_status::price_unavailable);
  CHECK(a.unpriced_symbol() == bulwark::symbol{"MSFT"});
  CHECK(a.unpriced_status() == bulwark::price_status::stale);
  CHECK(a.find("MSFT")->mark_price == 400);  // kept, never invented
  CHECK(a.find("AAPL")->mark_price == 160);
  CHECK(a.marked_at() == t0);  // the last successful mark
  CHECK(a.health(d.clock.now(), 60s) == account_status::price_unavailable);
  CHECK(a.high_water_mark() == 1'000'000);  // not raised by an unvalued equity
  CHECK_THROWS_MATCHES(a.start_day(), bulwark::input_error,
                       throws_error("bulwark.risk.account", "a position could not be priced"));

  d.quote("MSFT", 399.98, 400.02);
  CHECK(a.mark_to_market(d.market, d.clock.now(), 5s) == account_status::ok);
  CHECK(a.equity() == 1'001'000);  // 100 x (160 - 150)
  CHECK(a.high_water_mark() == 1'001'000);
  CHECK(a.drawdown() == 0);
  a.start_day();
  CHECK(a.day_start_equity() == 1'001'000);

  CHECK(account_state{10.0}.health(t0, 1s) == account_status::not_marked);
  // Marks more than 292 years old, whose age overflows a signed difference, are stale.
  account_state ancient{10.0};
  REQUIRE(ancient.mark_to_market(d.market, bulwark::make_timestamp(date::year{1700} / 1 / 1),
                                 5s) == account_status::ok);  // nothing to price
  CHECK(ancient.health(t0, 60s) == account_status::stale_marks);

  // Equity must be finite and > 0: zero, negative and overflowed equity are reported.
  const auto health_of = [&](account_state acct) {
    acct.mark_to_market(d.market, d.clock.now(), 5s);
    return acct.health(d.clock.now(), 60s);
  };
  CHECK(health_of(account_state{0.0}) == account_status::non_positive_equity);
  CHECK(health_of(account_state{-1.0}) == account_status::non_positive_equity);
  CHECK(health_of(account_state{1e-300}) == account_status::ok);
  account_state overflowed{1.0};
  overflowed.apply_fill({.sym = "AAPL", .side = side::buy, .quantity = 1e300, .price = 1e300,
                         .time = d.clock.now()});  // cash -inf
  CHECK(health_of(overflowed) == account_status::non_finite);
  // A long and a short marked near the largest double: net exposure 0 and equity finite,
  // but gross exposure 2e308 = inf, which would pass every gross and leverage limit.
  desk huge;
  huge.quote("AAA", 99.99, 100.01);
  huge.quote("BBB", 99.99, 100.01);
  huge.hold("AAA", 1);
  huge.hold("BBB", -1);
  huge.quote("AAA", 1e308, 1e308);
  huge.quote("BBB", 1e308, 1e308);
  huge.mark();
  REQUIRE(huge.account.net_exposure() == 0.0);
  REQUIRE(huge.account.equity() == 1'000'000.0);
  REQUIRE(std::isinf(huge.account.gross_exposure()));
  CHECK(huge.account.health(t0, 60s) == account_status::non_finite);
  CHECK(fmt::format("{}", account_status::non_finite) == "equity or an exposure is not finite");
}

TEST_CASE("working orders and liquidation orders", "[risk][account]") {
  desk d;
  d.hold("AAPL", 100);
  d.hold("MSFT", -30);
  auto& a = d.account;
  a.order_accepted(limit(1, "AAPL", side::sell, 40, 151.0), 150.0);
  a.order_accepted(limit(2, "AAPL", side::buy, 10, 149.0), 150.0);
  CHECK(a.find("AAPL")->working_sell == 40);
  CHECK(a.find("AAPL")->working_buy == 10);
  a.apply_fill(trade(side::sell, 15, 151.0));
  CHECK(a.find("AAPL")->working_sell == 25);
  a.order_finished("AAPL", side::buy, 10);
  CHECK(a.find("AAPL")->working_buy == 0);

  // AAPL: 85 long with 25 already working to sell -> sell 60; MSFT: 30 short -> buy 30.
  const auto orders = flatten_orders(a, 7, d.clock.now());
  REQUIRE(orders.size() == 2);
  CHECK(orders[0].sym == bulwark::symbol{"AAPL"});
  CHECK(orders[0].side == side::sell);
  CHECK(orders[0].quantity == 60);
  CHECK(orders[0].client_id == 7);
  CHECK(orders[1].sym == bulwark::symbol{"MSFT"});
  CHECK(orders[1].side == side::buy);
  CHECK(orders[1].quantity == 30);
  CHECK(orders[1].client_id == 8);
  CHECK(orders[1].type == bulwark::order_type::market);
}

TEST_CASE("working orders are valued at their symbol's mark, each at its worst",
          "[risk][account]") {
  desk d;
  d.quote("TSLA", 199.99, 200.01);  // mid 200
  d.hold("AAPL", 100);              // 15,000 at 150
  d.hold("MSFT", -30);              // -12,000 at 400
  auto& a = d.account;
  a.order_accepted(limit(1, "AAPL", side::buy, 50, 149.0), 150.0);
  a.order_accepted(limit(2, "AAPL", side::sell, 200, 151.0), 150.0);
  a.order_accepted(limit(3, "MSFT", side::sell, 20, 401.0), 400.0);
  a.order_accepted(limit(4, "TSLA", side::buy, 10, 199.0), 200.0);  // flat: marked at 200
  // Positions only: unchanged by working orders.
  CHECK(a.gross_exposure() == 27'000);
  CHECK(a.net_exposure() == 3'000);
  // AAPL: 150 x 150 = 22,500 if the buys fill, -100 x 150 = -15,000 if the sells do;
  // MSFT: -30 x 400 = -12,000 or -50 x 400 = -20,000; TSLA: 10 x 200 = 2,000 or 0.
  CHECK(a.net_exposure_if_buys_fill() == 22'500 - 12'000 + 2'000);
  CHECK(a.net_exposure_if_sells_fill() == -15'000 - 20'000 + 0);
  CHECK(a.worst_case_gross_exposure() == 22'500 + 20'000 + 2'000);
  CHECK(a.find("TSLA")->worst_case_gross() == 2'000);

  // A finished order no longer counts: AAPL's sells gone, -> 100 x 150 = 15,000.
  a.order_finished("AAPL", side::sell, 200);
  CHECK(a.net_exposure_if_sells_fill() == 15'000 - 20'000 + 0);
  CHECK(a.worst_case_gross_exposure() == 22'500 + 20'000 + 2'000);
  a.order_finished("AAPL", side::buy, 50);
  CHECK(a.worst_case_gross_exposure() == 15'000 + 20'000 + 2'000);

  // mark_to_market re-marks a symbol with working orders even when flat ...
  d.clock.advance(1s);
  d.quote("AAPL", 149.99, 150.01);
  d.quote("MSFT", 399.98, 400.02);
  d.quote("TSLA", 209.99, 210.01);
  REQUIRE(a.mark_to_market(d.market, d.clock.now(), 5s) == account_status::ok);
  CHECK(a.find("TSLA")->mark_price == 210);
  CHECK(a.worst_case_gross_exposure() == 15'000 + 20'000 + 2'100);
  // ... and one it cannot price leaves the account unvalued, as a position would.
  d.clock.advance(10s);
  d.quote("AAPL", 149.99, 150.01);
  d.quote("MSFT", 399.98, 400.02);  // TSLA's quote is now 10 s old
  CHECK(a.mark_to_market(d.market, d.clock.now(), 5s) == account_status::price_unavailable);
  CHECK(a.unpriced_symbol() == bulwark::symbol{"TSLA"});
  // Nothing working, nothing held: it needs no price.
  a.order_finished("TSLA", side::buy, 10);
  CHECK(a.mark_to_market(d.market, d.clock.now(), 5s) == account_status::ok);
  CHECK(a.worst_case_gross_exposure() == 15'000 + 20'000);
}

TEST_CASE("a worst case that overflows leaves the account unvalued", "[risk][account]") {
  desk d;
  auto& a = d.account;
  // 1.7e308 shares at 150 are worth more than the largest double if the buy fills; the
  // positions' gross and equity stay finite.
  a.order_accepted(limit(1, "AAPL", side::buy, 1.7e308, 149.0), 150.0);
  REQUIRE(a.gross_exposure() == 0.0);
  REQUIRE(std::isinf(a.worst_case_gross_exposure()));
  CHECK(a.health(t0, 60s) == account_status::non_finite);
  // Taking it out again would leave inf - inf = NaN in the sum: it is summed afresh.
  a.order_finished("AAPL", side::buy, 1.7e308);
  CHECK(a.worst_case_gross_exposure() == 0.0);
  CHECK(a.health(t0, 60s) == account_status::ok);
}

TEST_CASE("the sums stay exact when a large term leaves them or a difference overflows",
          "[risk][account]") {
  // A working order 1e20 x 150 = 1.5e22 absorbs a 900,000 one (below its rounding step);
  // taking it out again must leave 900,000, not 0.
  desk d;
  auto& a = d.account;
  a.order_accepted(limit(1, "MSFT", side::buy, 2'250, 400.0), 400.0);
  a.order_accepted(limit(2, "AAPL", side::buy, 1e20, 150.0), 150.0);
  a.order_finished("AAPL", side::buy, 1e20);
  CHECK(a.worst_case_gross_exposure() == 900'000);
  CHECK(a.net_exposure_if_buys_fill() == 900'000);
  CHECK(a.gross_exposure() == 0);

  // A chain of removals, each under 2^20 times what it leaves, carries the first one's
  // error down: 1.5e22, then 2^19 and 2^38 times less, on a book of 2,900,000.
  desk chain;
  chain.hold("AAPL", 6'000);  // 900,000
  auto& c = chain.account;
  const double sizes[] = {1.45e20, 2.175e22 / 0x1p19 / 100, 2.175e22 / 0x1p38 / 100};
  const bulwark::symbol names[] = {"AAA", "BBB", "CCC"};
  for (int i = 0; i < 3; ++i) {
    c.order_accepted(limit(10 + static_cast<bulwark::order_id>(i), names[i], side::buy,
                           sizes[i], 100.0), i == 0 ? 150.0 : 100.0);
  }
  c.order_accepted(limit(13, "EEE", side::buy, 20'000, 100.0), 100.0);  // 2,000,000
  for (int i = 0; i < 3; ++i) c.order_finished(names[i], side::buy, sizes[i]);
  CHECK(c.worst_case_gross_exposure() == 2'900'000);
  CHECK(c.net_exposure_if_buys_fill() == 2'900'000);

  // Nothing held or worked: every sum is exactly 0.
  desk flat;
  flat.account.order_accepted(limit(14, "AAPL", side::buy, 0.1, 150.0), 150.0);
  flat.account.order_finished("AAPL", side::buy, 0.1);
  CHECK(flat.account.worst_case_gross_exposure() == 0);
  CHECK(flat.account.net_exposure_if_sells_fill() == 0);

  // An infinite working quantity stays infinite (and the account unvalued) when part of
  // it is finished.
  desk inf;
  inf.account.order_accepted(limit(15, "AAPL", side::buy, 1e308, 150.0), 150.0);
  inf.account.order_accepted(limit(16, "AAPL", side::buy, 1e308, 150.0), 150.0);
  REQUIRE(std::isinf(inf.account.find("AAPL")->working_buy));
  inf.account.order_finished("AAPL", side::buy, 1.0);
  CHECK(std::isinf(inf.account.find("AAPL")->working_buy));
  CHECK(inf.account.health(t0, 60s) == account_status::non_finite);

  // A long marked at 1.5e308 with 2 working to sell: if the sells fill, -1 x 1.5e308. The
  // position then goes (sold at 100) and the order with it: a term's change of -3e308
  // overflows, though every term is finite. The account must neither keep -inf (a net
  // limit would pass every order: inf <= inf) nor call it healthy.
  desk e;
  auto& b = e.account;
  e.quote("HUGE", 100, 100);
  b.apply_fill({.sym = "HUGE", .side = side::buy, .quantity = 1, .price = 100,
                .time = e.clock.now()});
  e.quote("HUGE", 1.5e308, 1.5e308);
  e.mark();
  REQUIRE(b.health(t0, 60s) == account_status::ok);
  b.order_accepted(limit(3, "HUGE", side::sell, 2, 1.5e308), 1.5e308);
  CHECK(b.net_exposure_if_sells_fill() == -1.5e308);
  CHECK(b.health(t0, 60s) == account_status::ok);
  b.apply_fill({.sym = "HUGE", .side = side::sell, .quantity = 1, .price = 100,
                .time = e.clock.now()});
  b.order_finished("HUGE", side::sell, 1);
  CHECK(b.net_exposure_if_sells_fill() == 0);
  CHECK(b.worst_case_gross_exposure() == 0);
  CHECK(b.health(t0, 60s) == account_status::ok);
}

TEST_CASE("working quantity left by rounding counts as none", "[risk][account]") {
  desk d;
  d.quote("BTC-USD", 59'999.0, 60'001.0);
  auto& a = d.account;
  a.order_accepted(limit(1, "BTC-USD", side::buy, 0.1, 59'000.0), 60'000.0);
  a.order_accepted(limit(2, "BTC-USD", side::buy, 0.2, 58'000.0), 60'000.0);
  a.order_finished("BTC-USD", side::buy, 0.1);
  a.order_finished("BTC-USD", side::buy, 0.2);  // 0.1 + 0.2 - 0.1 - 0.2 is 2.8e-17
  CHECK(a.find("BTC-USD")->working_buy == 0);
  CHECK_FALSE(a.find("BTC-USD")->needs_mark());
  // Flat with nothing working, it needs no price: its quote going stale does not stop the
  // account from being valued.
  d.clock.advance(10s);
  d.quote("AAPL", 149.99, 150.01);
  d.quote("MSFT", 399.98, 400.02);
  CHECK(a.mark_to_market(d.market, d.clock.now(), 5s) == account_status::ok);
  // Orders of very different sizes can leave more than 1e-12 of what was working; with no
  // order left on the side, finishing what remains clears it.
  a.order_accepted(limit(4, "BTC-USD", side::buy, 1e6, 59'000.0), 60'000.0);
  a.order_accepted(limit(5, "BTC-USD", side::buy, 0.3, 59'000.0), 60'000.0);
  a.order_accepted(limit(6, "BTC-USD", side::buy, 0.3, 59'000.0), 60'000.0);
  for (const double q : {1e6, 0.3, 0.3}) a.order_finished("BTC-USD", side::buy, q);
  const double left = a.find("BTC-USD")->working(side::buy);
  CHECK(left > 0.0);
  CHECK(left < 1e-9);
  a.order_finished("BTC-USD", side::buy, left);
  CHECK_FALSE(a.find("BTC-USD")->needs_mark());
  // A real remainder stays: 1 BTC working, 0.99999999 finished.
  a.order_accepted(limit(3, "BTC-USD", side::sell, 1.0, 61'000.0), 60'000.0);
  a.order_finished("BTC-USD", side::sell, 0.99999999);
  CHECK_THAT(a.find("BTC-USD")->working_sell, WithinAbs(1e-8, 1e-15));
}

TEST_CASE("a position left by rounding is closed", "[risk][account]") {
  desk d;
  d.quote("BTC-USD", 59'999.0, 60'001.0);
  auto& a = d.account;
  const auto btc = [](side s, double q) {
    return trade(s, q, 60'000.0, 0.0, "BTC-USD");
  };
  a.apply_fill(btc(side::buy, 0.1));
  a.apply_fill(btc(side::buy, 0.2));
  a.apply_fill(btc(side::sell, 0.3));  // 0.1 + 0.2 - 0.3 is 5.6e-17
  CHECK(a.find("BTC-USD")->quantity == 0);
  CHECK(std::isnan(a.find("BTC-USD")->average_price));
  CHECK_FALSE(a.find("BTC-USD")->needs_mark());
  // The other way: a sell that overshoots by the same rounding does not open a short.
  a.apply_fill(btc(side::sell, 0.3));
  a.apply_fill(btc(side::buy, 0.1));
  a.apply_fill(btc(side::buy, 0.2));  // -0.3 + 0.1 + 0.2 leaves the same dust
  CHECK(a.find("BTC-USD")->quantity == 0);
  // A real remainder stays.
  a.apply_fill(btc(side::buy, 1.0));
  a.apply_fill(btc(side::sell, 0.99999999));
  CHECK_THAT(a.find("BTC-USD")->quantity, WithinAbs(1e-8, 1e-15));
}

TEST_CASE("an accepted order's mark moves equity, not the high-water mark",
          "[risk][account]") {
  desk d;
  d.hold("AAPL", 1'000);  // at 150
  auto& a = d.account;
  REQUIRE(a.high_water_mark() == 1'000'000);
  a.order_accepted(limit(1, "AAPL", side::sell, 1, 160.0), 160.0);
  CHECK(a.find("AAPL")->mark_price == 160);
  CHECK(a.equity() == 1'010'000);
  CHECK(a.high_water_mark() == 1'000'000);
  d.quote("AAPL", 159.99, 160.01);  // a mark raises it
  d.mark();
  CHECK(a.high_water_mark() == 1'010'000);
}

TEST_CASE("the worst-case sums follow fills, orders and marks", "[risk][account][property]") {
  // Each sum kept as the book changes equals the sum over positions written out from its
  // definition here.
  const bulwark::counter_rng rng{6, 4};
  const bulwark::symbol names[] = {"AAPL", "MSFT", "SPY", "BRK.B"};
  desk d;
  for (const auto& name : names) d.quote(name, 99.99, 100.01);
  d.mark();
  auto& a = d.account;
  for (std::uint64_t i = 0; i < 3000; ++i) {
    const auto k = names[rng.below(5 * i, 4)];
    const side s = rng.below(5 * i + 1, 2) == 0 ? side::buy : side::sell;
    const double price = std::round(100.0 * (50.0 + 100.0 * rng.uniform(5 * i + 2))) / 100.0;
    const double quantity = static_cast<double>(1 + rng.below(5 * i + 3, 300));
    switch (rng.below(5 * i + 4, 4)) {
      case 0: a.apply_fill(trade(s, quantity, price, 0.0, k)); break;
      case 1: a.order_accepted(limit(i, k, s, quantity, price), price); break;
      case 2: a.order_finished(k, s, quantity); break;
      default:
        d.quote(k, price - 0.01, price + 0.01);
        a.mark_to_market(d.market, d.clock.now(), 5s);
    }
    double if_buys = 0.0;
    double if_sells = 0.0;
    double worst = 0.0;
    for (const auto& [sym, p] : a.positions()) {
      const double high = (p.quantity + p.working_buy) * p.mark_price;
      const double low = (p.quantity - p.working_sell) * p.mark_price;
      if_buys += high;
      if_sells += low;
      worst += std::max(std::abs(high), std::abs(low));
    }
    REQUIRE_THAT(a.net_exposure_if_buys_fill(), WithinAbs(if_buys, 1e-6));
    REQUIRE_THAT(a.net_exposure_if_sells_fill(), WithinAbs(if_sells, 1e-6));
    REQUIRE_THAT(a.worst_case_gross_exposure(), WithinAbs(worst, 1e-6));
    REQUIRE(a.net_exposure_if_sells_fill() <= a.net_exposure() + 1e-6);
    REQUIRE(a.net_exposure() <= a.net_exposure_if_buys_fill() + 1e-6);
    REQUIRE(a.gross_exposure() <= a.worst_case_gross_exposure() + 1e-6);
  }
}

TEST_CASE("the account refuses malformed fills and orders", "[risk][account]") {
  account_state a{1000.0};
  CHECK_THROWS_MATCHES(a.apply_fill(trade(side::buy, 0, 10)), bulwark::input_error,
                       throws_error("bulwark.risk.account", "quantity 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES(a.apply_fill(trade(side::buy, 1, missing)), bulwark::input_error,
                       throws_error("bulwark.risk.account", "price nan must be finite and > 0"));
  CHECK_THROWS_MATCHES(a.apply_fill(trade(side::buy, 1, 10, -1)), bulwark::input_error,
                       throws_error("bulwark.risk.account", "fees -1 must be finite and >= 0"));
  fill unnamed = trade(side::buy, 1, 10);
  unnamed.sym = {};
  CHECK_THROWS_MATCHES(a.apply_fill(unnamed), bulwark::input_error,
                       throws_error("bulwark.risk.account", "has no symbol"));
  CHECK_THROWS_MATCHES(a.order_finished("AAPL", side::buy, -1), bulwark::input_error,
                       throws_error("bulwark.risk.account", "unfilled quantity -1"));
  CHECK_THROWS_AS(a.order_accepted(market_order(1, "AAPL", side::buy, 0), 150.0),
                  bulwark::input_error);
  for (const double bad : {missing, 0.0, -150.0, unlimited}) {
    CHECK_THROWS_MATCHES(a.order_accepted(market_order(1, "AAPL", side::buy, 10), bad),
                         bulwark::input_error,
                         throws_error("bulwark.risk.account",
                                      fmt::format("order #1 of AAPL: reference price {} must "
                                                  "be finite and > 0",
                                                  bad)));
  }
  CHECK(a.find("AAPL") == nullptr);  // nothing was recorded
  CHECK_THROWS_MATCHES(account_state{unlimited}, bulwark::input_error,
                       throws_error("bulwark.risk.account", "cash inf must be finite"));
  CHECK(a.cash() == 1000);  // nothing was booked
}

TEST_CASE("positions and accounts format for people", "[risk][account][format]") {
  account_state a{1000.0};
  a.apply_fill(trade(side::buy, 2, 100, 1));
  CHECK(fmt::format("{}", *a.find("AAPL")) ==
        "2 @ avg 100 mark 100 (working buy 0 sell 0, realised -1)");
  CHECK(fmt::format("{}", a) == "equity 999 cash 799 gross 200 net 200 (never marked to market)");
}

}  // namespace account_test
