// SPDX-License-Identifier: MIT
// Stops for long and short positions by fraction, offset, level and ATR; bar and tick
// triggering; the trailing stop's reset; and the loss a stop books.
#include <chrono>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "bulwark/core/bar.hpp"
#include "bulwark/risk/account.hpp"
#include "bulwark/risk/gate.hpp"
#include "bulwark/risk/stops.hpp"
#include "gate_fixture.hpp"
#include "support/catch.hpp"

namespace stops_test {

using namespace gate_fixture;
using namespace bulwark::risk;
using bulwark::bar;
using bulwark::side;
using bulwark::test::throws_error;
using bulwark::test::WithinRel;

// A bar stamped after every bar made before it, from t0 on: a feed stamps each interval
// once, and a bar with the last one's stamp would be an update of it.
bar ohlc(double o, double h, double l, double c) {
  static std::int64_t made = 0;
  return {.time = t0 + std::chrono::nanoseconds{made++}, .open = o, .high = h, .low = l,
          .close = c, .volume = 1};
}

exit_tracker tracker(exit_rules rules, side s, double entry, double quantity = 100) {
  exit_tracker x{rules};
  x.open(s, entry, quantity, t0);
  return x;
}

TEST_CASE("a long at 150 with a 3% stop triggers at 145.50 and not at 146", "[risk][stops]") {
  exit_tracker x = tracker({.stop_loss = exit_distance::fraction(0.03)}, side::buy, 150.0);
  CHECK(x.stop_loss_level() == 145.5);
  CHECK(x.on_price(146.0, t0).kind == exit_kind::none);
  CHECK(x.on_price(145.51, t0).kind == exit_kind::none);
  const exit_signal s = x.on_price(145.50, t0 + 1s);
  CHECK(s.kind == exit_kind::stop_loss);
  CHECK(s.exit_side == side::sell);
  CHECK(s.price == 145.5);
  CHECK(s.pnl == -450);  // 100 x (145.50 - 150)
  CHECK(s.time == t0 + 1s);
  CHECK(x.is_open());  // armed until the exit is accepted and the caller closes it
  CHECK(x.on_price(140.0, t0).kind == exit_kind::stop_loss);  // still beyond: fires again
  x.close();
  CHECK_FALSE(x.is_open());
  CHECK(x.on_price(140.0, t0).kind == exit_kind::none);  // closed: fires no more
}

TEST_CASE("a short at 150 with a 3% stop triggers at 154.50 and not at 154", "[risk][stops]") {
  exit_tracker x = tracker({.stop_loss = exit_distance::fraction(0.03)}, side::sell, 150.0);
  CHECK(x.stop_loss_level() == 154.5);
  CHECK(x.on_price(154.0, t0).kind == exit_kind::none);
  CHECK(x.on_price(145.5, t0).kind == exit_kind::none);  // a long's stop level is a profit here
  const exit_signal s = x.on_price(154.50, t0);
  CHECK(s.kind == exit_kind::stop_loss);
  CHECK(s.exit_side == side::buy);
  CHECK(s.pnl == -450);
}

TEST_CASE("take profit for long and short", "[risk][stops]") {
  exit_tracker lx = tracker({.take_profit = exit_distance::fraction(0.05)}, side::buy, 150.0);
  CHECK(lx.take_profit_level() == 157.5);
  CHECK(lx.on_price(157.4, t0).kind == exit_kind::none);
  const exit_signal l = lx.on_price(157.5, t0);
  CHECK(l.kind == exit_kind::take_profit);
  CHECK(l.pnl == 750);

  exit_tracker sx = tracker({.take_profit = exit_distance::fraction(0.05)}, side::sell, 150.0);
  CHECK(sx.take_profit_level() == 142.5);
  CHECK(sx.on_price(142.6, t0).kind == exit_kind::none);
  const exit_signal s = sx.on_price(142.0, t0);
  CHECK(s.kind == exit_kind::take_profit);
  CHECK(s.pnl == 800);  // 100 x (150 - 142)
}

TEST_CASE("stops by price offset and by absolute level", "[risk][stops]") {
  const exit_tracker off = tracker({.stop_loss = exit_distance::offset(2.5),
                                    .take_profit = exit_distance::offset(4.0)},
                                   side::sell, 150.0);
  CHECK(off.stop_loss_level() == 152.5);
  CHECK(off.take_profit_level() == 146.0);
  const exit_tracker lvl = tracker({.stop_loss = exit_distance::at_price(145.0),
                                    .take_profit = exit_distance::at_price(160.0)},
                                   side::buy, 150.0);
  CHECK(lvl.stop_loss_level() == 145.0);
  CHECK(lvl.take_profit_level() == 160.0);
  exit_tracker wrong{{.stop_loss = exit_distance::at_price(155.0)}};
  CHECK_THROWS_MATCHES(wrong.open(side::buy, 150.0, 1, t0), bulwark::input_error,
                       throws_error("bulwark.risk.stops",
                                    "stop_loss level 155 is not a positive price on the lower side "
                                    "of the buy entry 150"));
  CHECK_FALSE(wrong.is_open());

  // A level within the matching tolerance of the entry would fire at the entry price:
  // 150 x (1 - 1e-13) is 1.5e-11 below it, inside 1e-12 x 150 = 1.5e-10.
  exit_tracker hair{{.stop_loss = exit_distance::fraction(1e-13)}};
  CHECK_THROWS_MATCHES(hair.open(side::buy, 150.0, 1, t0), bulwark::input_error,
                       throws_error("bulwark.risk.stops", "stop_loss level 149.999999999985 is "
                                                          "within 1e-12 (relative) of the buy "
                                                          "entry 150"));
  CHECK_FALSE(hair.is_open());
  exit_tracker near_target{{.take_profit = exit_distance::at_price(149.99999999999)}};
  CHECK_THROWS_MATCHES(near_target.open(side::sell, 150.0, 1, t0), bulwark::input_error,
                       throws_error("bulwark.risk.stops", "within 1e-12 (relative) of the sell "
                                                          "entry 150"));
  // 1.5e-9 away is farther than 1.5e-10: it opens, and the entry price does not fire it.
  exit_tracker close = tracker({.stop_loss = exit_distance::fraction(1e-11)}, side::buy, 150.0);
  CHECK(close.on_price(150.0, t0 + 1s).kind == exit_kind::none);
  CHECK(close.on_price(149.999999998, t0 + 2s).kind == exit_kind::stop_loss);
}

TEST_CASE("stops by ATR multiple use Wilder's ATR at entry", "[risk][stops]") {
  // The six bars of the core ATR test; window 3 gives ATR 86.5 / 45 after the last.
  const double h[] = {10, 11, 12, 11.5, 13, 12.5};
  const double l[] = {9, 10, 10.5, 10, 11.5, 11};
  const double c[] = {9.5, 10.8, 11.0, 10.2, 12.9, 11.2};
  exit_tracker x{{.stop_loss = exit_distance::atr(2.0), .trailing_stop = exit_distance::atr(3.0),
                  .atr_window = 3}};
  for (int i = 0; i < 3; ++i) x.on_bar(ohlc(c[i], h[i], l[i], c[i]));
  CHECK_THROWS_MATCHES(x.open(side::buy, 11.0, 10, t0), bulwark::input_error,
                       throws_error("bulwark.risk.stops", "needs 4 bars"));
  for (int i = 3; i < 6; ++i) x.on_bar(ohlc(c[i], h[i], l[i], c[i]));
  const double atr = 86.5 / 45.0;
  CHECK_THAT(x.atr(), WithinRel(atr, 1e-14));
  x.open(side::sell, 11.2, 10, t0);
  CHECK_THAT(x.stop_loss_level(), WithinRel(11.2 + 2.0 * atr, 1e-14));
  CHECK_THAT(x.trailing_level(), WithinRel(11.2 + 3.0 * atr, 1e-14));
  // The distance stays the entry's ATR while the ATR itself moves on.
  x.on_bar(ohlc(10.0, 10.5, 9.0, 9.2));
  CHECK(x.atr() != atr);
  CHECK_THAT(x.trailing_level(), WithinRel(9.0 + 3.0 * atr, 1e-14));
}

TEST_CASE("the trailing stop follows the best price, for long and short", "[risk][stops]") {
  exit_tracker lx = tracker({.trailing_stop = exit_distance::fraction(0.10)}, side::buy, 100.0);
  CHECK(lx.trailing_level() == 90);
  lx.on_price(110.0, t0);
  lx.on_price(120.0, t0);
  CHECK(lx.best_price() == 120);
  CHECK(lx.trailing_level() == 108);
  CHECK(lx.on_price(115.0, t0).kind == exit_kind::none);
  CHECK(lx.trailing_level() == 108);  // a lower price never lowers the stop
  const exit_signal l = lx.on_price(108.0, t0);
  CHECK(l.kind == exit_kind::trailing_stop);
  CHECK(l.pnl == 800);

  exit_tracker sx = tracker({.trailing_stop = exit_distance::offset(5.0)}, side::sell, 100.0);
  sx.on_price(90.0, t0);
  sx.on_price(80.0, t0);
  CHECK(sx.trailing_level() == 85);
  CHECK(sx.on_price(84.0, t0).kind == exit_kind::none);
  CHECK(sx.on_price(85.0, t0).kind == exit_kind::trailing_stop);
}

TEST_CASE("a new position resets the trailing stop's high-water mark", "[risk][stops]") {
  exit_tracker x{{.trailing_stop = exit_distance::fraction(0.10)}};
  x.open(side::buy, 100.0, 10, t0);
  x.on_price(120.0, t0);
  CHECK(x.trailing_level() == 108);
  x.close();  // closed at 115 by the strategy
  x.open(side::buy, 90.0, 10, t0 + 1h);
  CHECK(x.best_price() == 90);
  CHECK(x.trailing_level() == 81);
  // With the old mark of 120 the stop would sit at 108 and fire at once.
  CHECK(x.on_price(95.0, t0 + 1h).kind == exit_kind::none);
  CHECK(x.is_open());
  // And after a stop fired, the next position starts from its own entry too.
  CHECK(x.on_price(81.0, t0 + 2h).kind == exit_kind::trailing_stop);
  x.open(side::sell, 70.0, 10, t0 + 3h);
  CHECK(x.best_price() == 70);
  CHECK(x.trailing_level() == 77);
}

TEST_CASE("bars: gaps exit at the open, touches at the level, stops before targets",
          "[risk][stops]") {
  const exit_rules rules{.stop_loss = exit_distance::fraction(0.03),
                         .take_profit = exit_distance::fraction(0.05)};
  const auto first = [&](bar b) { return tracker(rules, side::buy, 150.0).on_bar(b); };
  const exit_signal gap = first(ohlc(144, 146, 143, 145));
  CHECK(gap.kind == exit_kind::stop_loss);
  CHECK(gap.price == 144);
  CHECK(gap.level == 145.5);
  CHECK(gap.pnl == -600);
  const exit_signal touch = first(ohlc(148, 149, 145, 146));
  CHECK(touch.kind == exit_kind::stop_loss);
  CHECK(touch.price == 145.5);
  const exit_signal target = first(ohlc(150, 158, 149, 157));
  CHECK(target.kind == exit_kind::take_profit);
  CHECK(target.price == 157.5);
  CHECK(first(ohlc(150, 158, 145, 150)).kind == exit_kind::stop_loss);  // both inside
  const exit_signal gap_up = first(ohlc(158, 159, 157, 158));
  CHECK(gap_up.kind == exit_kind::take_profit);
  CHECK(gap_up.price == 158);
  CHECK(first(ohlc(150, 152, 149, 151)).kind == exit_kind::none);

  // Short: the high is the adverse side.
  exit_tracker s = tracker(rules, side::sell, 150.0);
  const exit_signal up = s.on_bar(ohlc(151, 155, 150, 154));
  CHECK(up.kind == exit_kind::stop_loss);
  CHECK(up.price == 154.5);
  CHECK(up.exit_side == side::buy);
}

TEST_CASE("a bar's own high does not trail its stop into its low", "[risk][stops]") {
  exit_tracker x = tracker({.trailing_stop = exit_distance::fraction(0.10)}, side::buy, 100.0);
  CHECK(x.on_bar(ohlc(100, 120, 99, 118)).kind == exit_kind::none);  // checked at level 90
  CHECK(x.trailing_level() == 108);
  const exit_signal s = x.on_bar(ohlc(115, 116, 107, 110));
  CHECK(s.kind == exit_kind::trailing_stop);
  CHECK(s.price == 108);
}

TEST_CASE("unusable prices are reported and change nothing", "[risk][stops]") {
  exit_tracker x = tracker({.stop_loss = exit_distance::fraction(0.03)}, side::buy, 150.0);
  CHECK(x.on_price(missing, t0).kind == exit_kind::invalid_price);
  CHECK(x.on_price(-1.0, t0).kind == exit_kind::invalid_price);
  CHECK(x.on_bar(ohlc(150, 140, 160, 150)).kind == exit_kind::invalid_price);  // high < low
  CHECK(x.is_open());
  CHECK(x.stop_loss_level() == 145.5);
  CHECK(std::isnan(x.atr()));

  // A bar stamped before the last one (a replay) is reported and skipped, even when it
  // would breach the stop; the ATR skips it too.
  exit_tracker y = tracker({.stop_loss = exit_distance::fraction(0.03)}, side::buy, 150.0);
  bar next = ohlc(150, 150, 149, 150);
  next.time = t0 + 2min;
  CHECK(y.on_bar(next).kind == exit_kind::none);
  bar late = ohlc(150, 151, 140, 141);
  late.time = t0 + 1min;
  CHECK(y.on_bar(late).kind == exit_kind::invalid_price);
  CHECK(y.is_open());
  CHECK(y.best_price() == 150);
  exit_tracker z{{.stop_loss = exit_distance::atr(2.0), .atr_window = 1}};
  next.time = t0;
  z.on_bar(next);
  next.time = t0 + 2min;
  z.on_bar(next);
  REQUIRE(z.atr() == 1);
  z.on_bar(late);
  CHECK(z.atr() == 1);
  z.open(side::buy, 150.0, 1, t0 + 3min);
  CHECK(z.stop_loss_level() == 148);  // 150 - 2 x 1
}

TEST_CASE("a resent bar cannot fire the trailing stop its own high raised", "[risk][stops]") {
  // A long at 100 trailing 5%: the bar at 1 min raises the best price to 110 (level
  // 104.5); sent again, its low of 100 would fire it.
  const auto at = [](int minute, double o, double h, double l, double c) {
    bar b = ohlc(o, h, l, c);
    b.time = t0 + std::chrono::minutes{minute};
    return b;
  };
  exit_tracker x = tracker({.trailing_stop = exit_distance::fraction(0.05)}, side::buy, 100.0);
  const bar first = at(1, 100, 110, 100, 108);
  CHECK(x.on_bar(first).kind == exit_kind::none);
  CHECK(x.trailing_level() == 104.5);
  CHECK(x.on_bar(first).kind == exit_kind::invalid_price);
  CHECK(x.trailing_level() == 104.5);
  // After a bad bar (which breaks the ATR) replays are still caught.
  CHECK(x.on_bar(at(2, 150, 140, 160, 150)).kind == exit_kind::invalid_price);  // high < low
  const bar second = at(3, 108, 109, 107, 108);
  CHECK(x.on_bar(second).kind == exit_kind::none);
  CHECK(x.on_bar(at(4, 112, 120, 110, 118)).kind == exit_kind::none);  // level 114
  CHECK(x.on_bar(second).kind == exit_kind::invalid_price);
  // An update of the bar at 4 min (same stamp, low 113) takes its place: it is checked
  // against the level from before that bar (best 110, level 104.5), not the 114 its
  // first version's high of 120 set, and its own high of 119 sets the level: 113.05.
  CHECK(x.on_bar(at(4, 118, 119, 113, 114)).kind == exit_kind::none);
  CHECK(x.best_price() == 119);
  CHECK(x.on_bar(at(5, 114, 115, 113, 114)).kind == exit_kind::trailing_stop);  // 113 < 113.05
}

TEST_CASE("a tick inside a bar does not fire the bar's update", "[risk][stops]") {
  // A long at 100 trailing 2: the bar at 1 min (high 101) sets the level to 99, a tick at
  // 104 to 102. The bar's update (open 100, low 99.5, high 104) is checked against 99,
  // the level before the bar: its open and low came before the tick. Then the tick and
  // the update's high make the best price 104, and the next bar's low of 101.5 fires.
  exit_tracker x = tracker({.trailing_stop = exit_distance::offset(2)}, side::buy, 100.0);
  const auto at = [](int seconds, double o, double h, double l, double c) {
    bar b = ohlc(o, h, l, c);
    b.time = t0 + std::chrono::seconds{seconds};
    return b;
  };
  CHECK(x.on_bar(at(60, 100, 101, 99.5, 101)).kind == exit_kind::none);
  CHECK(x.on_price(104, t0 + 90s).kind == exit_kind::none);
  CHECK(x.trailing_level() == 102);
  CHECK(x.on_bar(at(60, 100, 104, 99.5, 103.5)).kind == exit_kind::none);
  CHECK(x.best_price() == 104);
  const exit_signal s = x.on_bar(at(120, 103.5, 103.5, 101.5, 102));
  CHECK(s.kind == exit_kind::trailing_stop);
  CHECK(s.price == 102);
}

TEST_CASE("ticks since a bar survive its revision", "[risk][stops]") {
  // A long at 100 trailing 10 %: the bar at 1 min (high 104) makes the best price 104, a
  // tick (from another feed) at 112 makes it 112; an update of that bar (high 105) takes
  // the first version's extreme back but keeps the tick: best 112, level 100.8.
  exit_tracker x = tracker({.trailing_stop = exit_distance::fraction(0.10)}, side::buy, 100.0);
  bar first = ohlc(102, 104, 101, 103);
  first.time = t0 + 1min;
  CHECK(x.on_bar(first).kind == exit_kind::none);
  CHECK(x.on_price(112.0, t0 + 90s).kind == exit_kind::none);
  bar update = ohlc(103, 105, 102, 104);
  update.time = t0 + 1min;
  CHECK(x.on_bar(update).kind == exit_kind::none);
  CHECK(x.best_price() == 112);
  CHECK_THAT(x.trailing_level(), WithinRel(100.8, 1e-14));
}

TEST_CASE("the loss booked when a stop fires reduces equity", "[risk][stops][account]") {
  for (const side direction : {side::buy, side::sell}) {
    desk d;
    d.hold("AAPL", direction == side::buy ? 100 : -100);  // at 150
    const double before = d.account.equity();
    REQUIRE(before == 1'000'000);
    exit_tracker x = tracker({.stop_loss = exit_distance::fraction(0.03)}, direction, 150.0);
    const double adverse = direction == side::buy ? -1.0 : 1.0;
    CHECK(x.on_price(150.0 + adverse * 3.0, t0).kind == exit_kind::none);
    const exit_signal s = x.on_price(150.0 + adverse * 4.5, t0 + 1min);
    REQUIRE(s.kind == exit_kind::stop_loss);
    CHECK(s.pnl == -450);

    // The exit goes through the gate (it reduces, so even REDUCING lets it pass) and
    // its fill is booked.
    risk_gate gate{fresh(), max_order_quantity{.max_quantity = 1000}};
    gate.reduce(d.clock.now());
    d.quote("AAPL", s.price - 0.01, s.price + 0.01);
    const std::optional<bulwark::order> held_exit = s.exit_order("AAPL", 99, d.account);
    REQUIRE(held_exit.has_value());
    const bulwark::order exit = *held_exit;
    CHECK(exit.side == (direction == side::buy ? side::sell : side::buy));
    CHECK(exit.quantity == 100);
    CHECK(gate.check(exit, d.state()).ok());
    const double realised = d.account.apply_fill(
        {.client_id = 99, .sym = "AAPL", .side = exit.side, .quantity = exit.quantity,
         .price = s.price, .time = s.time});
    CHECK(realised == s.pnl);
    CHECK(d.account.equity() == before + s.pnl);
    CHECK(d.account.equity() < before);
    CHECK(d.account.find("AAPL")->quantity == 0);
  }
}

TEST_CASE("a stop's exit never adds to or reverses the position held", "[risk][stops][account]") {
  // Long 100 at 150, scale out 60 at 150, then the 3 % stop fires at 145.50: the exit
  // sells the 40 still held, not the 100 the stop was opened with.
  desk d;
  d.hold("AAPL", 100);
  exit_tracker x = tracker({.stop_loss = exit_distance::fraction(0.03)}, side::buy, 150.0);
  d.hold("AAPL", -60);
  REQUIRE(d.account.find("AAPL")->quantity == 40);
  const exit_signal s = x.on_price(145.5, t0);
  REQUIRE(s.kind == exit_kind::stop_loss);
  CHECK(s.quantity == 100);  // what the tracker was opened with
  const std::optional<bulwark::order> o = s.exit_order("AAPL", 7, d.account);
  REQUIRE(o.has_value());
  CHECK(o->side == side::sell);
  CHECK(o->quantity == 40);
  CHECK(o->type == bulwark::order_type::market);
  CHECK(o->client_id == 7);

  // Flat, reversed, unknown or NaN: no exit order at all.
  CHECK_FALSE(s.exit_order("AAPL", 8, 0.0).has_value());
  CHECK_FALSE(s.exit_order("AAPL", 8, -25.0).has_value());
  CHECK_FALSE(s.exit_order("AAPL", 8, missing).has_value());
  CHECK_FALSE(s.exit_order("MSFT", 8, d.account).has_value());  // never held
  CHECK(s.exit_order("AAPL", 8, 250.0)->quantity == 100);       // never more than the stop's
  CHECK_FALSE(exit_signal{}.exit_order("AAPL", 8, 100.0).has_value());  // nothing fired
}

TEST_CASE("a short position's stop buys back only what is short", "[risk][stops][account]") {
  desk d;
  d.hold("AAPL", -100);  // short 100 at 150
  exit_tracker x = tracker({.stop_loss = exit_distance::fraction(0.03)}, side::sell, 150.0);
  d.hold("AAPL", 30);  // covers 30
  const exit_signal s = x.on_price(154.5, t0);
  REQUIRE(s.kind == exit_kind::stop_loss);
  const std::optional<bulwark::order> o = s.exit_order("AAPL", 9, d.account);
  REQUIRE(o.has_value());
  CHECK(o->side == side::buy);
  CHECK(o->quantity == 70);
  CHECK_FALSE(s.exit_order("AAPL", 9, 70.0).has_value());  // now long: a buy would add
}

TEST_CASE("an exit the gate rejects leaves the stop armed", "[risk][stops][gate]") {
  desk d;
  d.hold("AAPL", 100);
  exit_tracker x = tracker({.stop_loss = exit_distance::fraction(0.03)}, side::buy, 150.0);
  risk_gate gate{fresh(), max_order_quantity{.max_quantity = 1000}};

  // The quote goes stale (older than 5 s) as the stop fires: the gate rejects the exit.
  d.clock.advance(10s);
  const exit_signal first = x.on_price(145.5, d.clock.now());
  REQUIRE(first.kind == exit_kind::stop_loss);
  const std::optional<bulwark::order> o1 = first.exit_order("AAPL", 1, d.account);
  REQUIRE(o1.has_value());
  const verdict v1 = gate.check(*o1, d.state());
  CHECK(v1.reason == reject_reason::stale_market_data);
  CHECK(x.is_open());  // not accepted, so not closed
  CHECK(x.stop_loss_level() == 145.5);

  // The next price beyond the level fires again; with a fresh quote the exit passes.
  d.quote("AAPL", 145.39, 145.41);
  const exit_signal second = x.on_price(145.4, d.clock.now());
  REQUIRE(second.kind == exit_kind::stop_loss);
  const std::optional<bulwark::order> o2 = second.exit_order("AAPL", 2, d.account);
  REQUIRE(o2.has_value());
  CHECK(o2->quantity == 100);
  REQUIRE(gate.check(*o2, d.state()).ok());
  x.close();
  CHECK_FALSE(x.is_open());
  CHECK(x.on_price(140.0, d.clock.now()).kind == exit_kind::none);
}

TEST_CASE("stops reject nonsense rules and entries", "[risk][stops][config]") {
  using bulwark::config_error;
  CHECK_THROWS_MATCHES(exit_tracker({.stop_loss = exit_distance::fraction(1.0)}), config_error,
                       throws_error("bulwark.risk.stops", "stop_loss fraction 1 must be < 1"));
  CHECK_THROWS_MATCHES(exit_tracker({.take_profit = exit_distance::offset(missing)}),
                       config_error,
                       throws_error("bulwark.risk.stops", "take_profit offset nan must be finite"));
  CHECK_THROWS_MATCHES(exit_tracker({.trailing_stop = exit_distance::at_price(100.0)}),
                       config_error,
                       throws_error("bulwark.risk.stops", "trailing_stop cannot be an absolute level"));
  exit_tracker x{{.stop_loss = exit_distance::fraction(0.03)}};
  CHECK_THROWS_MATCHES(x.open(side::buy, missing, 1, t0), bulwark::input_error,
                       throws_error("bulwark.risk.stops", "entry price nan"));
  CHECK_THROWS_MATCHES(x.open(side::buy, 150.0, 0, t0), bulwark::input_error,
                       throws_error("bulwark.risk.stops", "quantity 0"));
  exit_tracker big{{.take_profit = exit_distance::fraction(1.5)}};
  CHECK_THROWS_MATCHES(big.open(side::sell, 100.0, 1, t0), bulwark::input_error,
                       throws_error("bulwark.risk.stops", "take_profit level -50"));
}

TEST_CASE("an open that throws leaves the tracked position and its stops as they were",
          "[risk][stops]") {
  // A long at 150 with its stop at the level 140; a short re-open at 150 cannot keep a
  // stop at 140 (below a short's entry), so it throws.
  exit_tracker a = tracker({.stop_loss = exit_distance::at_price(140.0)}, side::buy, 150.0);
  CHECK_THROWS_MATCHES(a.open(side::sell, 150.0, 100, t0 + 1h), bulwark::input_error,
                       throws_error("bulwark.risk.stops",
                                    "stop_loss level 140 is not a positive price on the upper "
                                    "side of the sell entry 150"));
  CHECK(a.is_open());
  CHECK(a.direction() == side::buy);
  CHECK(a.entry_price() == 150);
  CHECK(a.quantity() == 100);
  CHECK(a.opened_at() == t0);
  CHECK(a.stop_loss_level() == 140);
  CHECK(a.on_price(141.0, t0 + 1min).kind == exit_kind::none);  // above a long's stop
  const exit_signal sa = a.on_price(139.0, t0 + 2min);
  CHECK(sa.kind == exit_kind::stop_loss);
  CHECK(sa.exit_side == side::sell);
  CHECK(sa.price == 139);
  CHECK(sa.pnl == -1100);  // 100 x (139 - 150)

  // A long at 150: stop 150 x 0.95 = 142.50, trailing 150 - 120 = 30. Re-opening at 110
  // puts the trailing stop at 110 - 120 = -10, so it throws and the long stays protected.
  exit_tracker b = tracker({.stop_loss = exit_distance::fraction(0.05),
                            .trailing_stop = exit_distance::offset(120.0)},
                           side::buy, 150.0);
  CHECK_THROWS_MATCHES(b.open(side::buy, 110.0, 50, t0 + 1h), bulwark::input_error,
                       throws_error("bulwark.risk.stops",
                                    "trailing_stop level -10 is not a positive price on the "
                                    "lower side of the buy entry 110"));
  CHECK(b.is_open());
  CHECK(b.entry_price() == 150);
  CHECK(b.quantity() == 100);
  CHECK(b.best_price() == 150);
  CHECK(b.stop_loss_level() == 142.5);
  CHECK(b.trailing_level() == 30);
  CHECK(b.on_price(143.0, t0 + 1min).kind == exit_kind::none);
  const exit_signal sb = b.on_price(142.5, t0 + 2min);
  CHECK(sb.kind == exit_kind::stop_loss);
  CHECK(sb.exit_side == side::sell);
  CHECK(sb.level == 142.5);
  CHECK(sb.pnl == -750);  // 100 x (142.50 - 150)
}

TEST_CASE("prices from before the entry never trail the stop, and the bar of the entry is judged "
          "by its close", "[risk][stops]") {
  const auto at = [](bulwark::timestamp t, double o, double h, double l, double c) {
    return bar{.time = t, .open = o, .high = h, .low = l, .close = c, .volume = 1};
  };
  // Long at 150 at t0 with a 5 % trailing stop: level 150 x 0.95 = 142.50.
  exit_tracker x = tracker({.trailing_stop = exit_distance::fraction(0.05)}, side::buy, 150.0);
  // A bar that started 5 min before the entry: its high of 170 is not known to be this
  // position's best price, nor its low of 140 its loss; its close of 152 is above 142.50.
  CHECK(x.on_bar(at(t0 - 5min, 150, 170, 140, 152)).kind == exit_kind::none);
  CHECK(x.best_price() == 150);
  CHECK_THAT(x.trailing_level(), WithinRel(142.5, 1e-15));
  // With 170 as the best price the stop would sit at 161.50 and fire here.
  CHECK(x.on_price(155.0, t0 + 1min).kind == exit_kind::none);
  // A bar that starts at the entry is the position's own: its high of 170 moves the stop
  // to 170 x 0.95 = 161.50 (after the bar's own check), and 155 then fires.
  CHECK(x.on_bar(at(t0, 150, 170, 149, 160)).kind == exit_kind::none);
  CHECK(x.best_price() == 170);
  CHECK_THAT(x.trailing_level(), WithinRel(161.5, 1e-15));
  const exit_signal s = x.on_price(155.0, t0 + 2min);
  CHECK(s.kind == exit_kind::trailing_stop);
  CHECK(s.pnl == 500);  // 100 x (155 - 150)

  // Ticks: a long at 150 with a 3 % stop (145.50) and a 10 % trailing stop (135).
  exit_tracker y = tracker({.stop_loss = exit_distance::fraction(0.03),
                            .trailing_stop = exit_distance::fraction(0.10)},
                           side::buy, 150.0);
  // Ticks stamped earlier are reported, not used: below the stop, or high enough to
  // trail it to 180.
  CHECK(y.on_price(140.0, t0 - 1h).kind == exit_kind::invalid_price);
  CHECK(y.on_price(200.0, t0 - 1ns).kind == exit_kind::invalid_price);
  CHECK(y.best_price() == 150);
  CHECK(y.is_open());
  CHECK(y.on_price(146.0, t0).kind == exit_kind::none);  // at the entry time: checked
  const exit_signal ys = y.on_price(145.5, t0 + 1s);
  CHECK(ys.kind == exit_kind::stop_loss);
  CHECK(ys.pnl == -450);  // 100 x (145.50 - 150)

  // The bar in which the entry falls (started 1 min before it): a low of 140 below the
  // 3 % stop (145.50) may have come before the entry, but the close of 141 came after it,
  // so the stop fires, at the close: 100 x (141 - 150) = -900.
  exit_tracker z = tracker({.stop_loss = exit_distance::fraction(0.03)}, side::buy, 150.0);
  CHECK(z.on_bar(at(t0 - 1min, 150, 151, 140, 146)).kind == exit_kind::none);  // closes above
  const exit_signal zs = z.on_bar(at(t0 - 1min, 150, 151, 140, 141));
  CHECK(zs.kind == exit_kind::stop_loss);
  CHECK(zs.price == 141);
  CHECK(zs.level == 145.5);
  CHECK(zs.pnl == -900);
}

TEST_CASE("an ATR of 0 (flat bars) cannot set an ATR stop", "[risk][stops][config]") {
  // 15 bars at 150 with no range, a minute apart: Wilder's ATR(14) is the mean of 14 true
  // ranges of 0. The bar after them has a range.
  const auto minute = [](int i, double h, double l) {
    bar b = ohlc(150, h, l, 150);
    b.time = t0 - std::chrono::minutes{16 - i};
    return b;
  };
  for (const exit_rules& rules :
       {exit_rules{.stop_loss = exit_distance::atr(2.0)},
        exit_rules{.take_profit = exit_distance::atr(2.0)},
        exit_rules{.trailing_stop = exit_distance::atr(2.0)}}) {
    exit_tracker x{rules};
    for (int i = 0; i < 15; ++i) x.on_bar(minute(i, 150, 150));
    REQUIRE(x.atr() == 0);
    CHECK_THROWS_MATCHES(x.open(side::buy, 150.0, 100, t0), bulwark::input_error,
                         throws_error("bulwark.risk.stops",
                                      "is an ATR multiple and the ATR is 0 (flat or stale data"));
    CHECK_FALSE(x.is_open());
    // One bar with a range of 2 (151 - 149) makes the ATR (13 x 0 + 2) / 14 = 1/7.
    x.on_bar(minute(15, 151, 149));
    CHECK_THAT(x.atr(), WithinRel(1.0 / 7.0, 1e-15));
    x.open(side::buy, 150.0, 100, t0);
    CHECK(x.is_open());
  }
  exit_tracker trail{{.trailing_stop = exit_distance::atr(2.0)}};
  for (int i = 0; i < 15; ++i) trail.on_bar(minute(i, 150, 150));
  trail.on_bar(minute(15, 151, 149));
  trail.open(side::buy, 150.0, 100, t0);
  CHECK_THAT(trail.trailing_level(), WithinRel(150.0 - 2.0 / 7.0, 1e-15));
  CHECK(trail.on_price(150.0, t0).kind == exit_kind::none);  // the entry price is no exit
}

TEST_CASE("an ATR window of 0 is the tracker's configuration error", "[risk][stops][config]") {
  CHECK_THROWS_MATCHES(exit_tracker({.stop_loss = exit_distance::atr(2.0), .atr_window = 0}),
                       bulwark::config_error,
                       throws_error("bulwark.risk.stops",
                                    "exit_tracker: atr_window 0; expected >= 1"));
}

TEST_CASE("exit signals format for people", "[risk][stops][format]") {
  exit_tracker x = tracker({.stop_loss = exit_distance::fraction(0.03)}, side::buy, 150.0);
  CHECK(fmt::format("{}", x.on_price(145.5, t0)) ==
        "stop_loss: sell 100 @ 145.5 (level 145.5, entry 150, pnl -450)");
  CHECK(fmt::format("{}", exit_distance::atr(2.5)) == "atr_multiple 2.5");
}

}  // namespace stops_test
