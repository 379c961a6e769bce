// SPDX-License-Identifier: MIT
// The circuit breaker: losing runs, volatility spikes against Wilder's ATR computed by
// hand, cooldown and re-arming, bad data, and the breaker in front of a gate.
#include <chrono>
#include <cmath>
#include <limits>

#include "bulwark/core/bar.hpp"
#include "bulwark/risk/circuit_breaker.hpp"
#include "bulwark/risk/gate.hpp"
#include "gate_fixture.hpp"
#include "support/catch.hpp"

namespace circuit_breaker_test {

using namespace gate_fixture;
using namespace bulwark::risk;
using bulwark::bar;
using bulwark::side;
using bulwark::test::throws_error;

// Bar n, minute n after t0 (a feed's bars are stamped, each once).
bar at(int n, double high, double low) {
  return {.time = t0 + n * 1min, .open = 100, .high = high, .low = low, .close = 100, .volume = 1};
}
// A quiet bar: range 99..101 around a close of 100, so every true range is 2.
bar quiet(int n) { return at(n, 101, 99); }

TEST_CASE("a run of losses trips the breaker for the cooldown, then it re-arms",
          "[risk][breaker]") {
  circuit_breaker b{{.max_consecutive_losses = 3, .cooldown = 30min}};
  CHECK(b.state(t0) == breaker_state::armed);  // no volatility trigger: no warm-up
  CHECK_FALSE(b.record_trade(-10, t0));
  CHECK_FALSE(b.record_trade(-10, t0));
  CHECK_FALSE(b.record_trade(25, t0));  // a win ends the run
  CHECK(b.consecutive_losses() == 0);
  CHECK_FALSE(b.record_trade(-1, t0));
  CHECK_FALSE(b.record_trade(0, t0));  // a scratch leaves the run as it is
  CHECK_FALSE(b.record_trade(-1, t0));
  CHECK(b.consecutive_losses() == 2);
  CHECK(b.record_trade(-1, t0 + 1s));
  CHECK(b.last_cause() == breaker_cause::consecutive_losses);
  CHECK(b.consecutive_losses() == 0);
  CHECK(b.rearms_at() == t0 + 1s + 30min);
  CHECK(b.state(t0 + 30min) == breaker_state::tripped);
  CHECK_FALSE(b.allows_trading(t0 + 1s + 30min - 1ns));
  CHECK(b.allows_trading(t0 + 1s + 30min));
  CHECK(b.trips() == 1);
}

TEST_CASE("a true range beyond k x ATR trips the breaker", "[risk][breaker]") {
  circuit_breaker b{{.volatility_spike = 3.0, .atr_window = 3, .cooldown = 10min}};
  // Wilder's ATR needs window + 1 = 4 bars; until then the breaker cannot judge.
  for (int i = 0; i < 3; ++i) {
    CHECK_FALSE(b.on_bar(quiet(i), t0));
    CHECK(b.state(t0) == breaker_state::warming_up);
  }
  CHECK_FALSE(b.on_bar(quiet(3), t0));
  CHECK(b.state(t0) == breaker_state::armed);  // ATR = 2
  // True range max(104 - 98, |104 - 100|, |98 - 100|) = 6 = 3 x ATR: not beyond.
  CHECK_FALSE(b.on_bar(at(4, 104, 98), t0 + 1min));
  // ATR is now (2 x 2 + 6) / 3 = 10/3; a range of 10.5 > 3 x 10/3 = 10 trips.
  CHECK(b.on_bar(at(5, 108, 97.5), t0 + 2min));
  CHECK(b.last_cause() == breaker_cause::volatility_spike);
  CHECK(b.state(t0 + 2min) == breaker_state::tripped);
  CHECK(b.state(t0 + 12min) == breaker_state::armed);
}

TEST_CASE("bad data latches the breaker until an explicit re-arm", "[risk][breaker]") {
  circuit_breaker b{{.volatility_spike = 3.0, .atr_window = 3, .cooldown = 10min}};
  for (int i = 0; i < 4; ++i) b.on_bar(quiet(i), t0);
  REQUIRE(b.allows_trading(t0));
  CHECK(b.on_bar(at(4, missing, 99), t0));
  CHECK(b.last_cause() == breaker_cause::bad_data);
  CHECK(b.state(t0 + 24h) == breaker_state::tripped);
  b.rearm();
  CHECK(b.state(t0) == breaker_state::warming_up);  // a fresh ATR
  for (int i = 5; i < 9; ++i) b.on_bar(quiet(i), t0);
  CHECK(b.allows_trading(t0));

  // A bar stamped before the last one (a replay) is skipped and counted, even one whose
  // range would be a spike: its true range would be measured against a later close.
  CHECK_FALSE(b.on_bar(at(7, 130, 70), t0));
  CHECK(b.replayed_bars() == 1);
  CHECK(b.allows_trading(t0));
  CHECK(b.on_bar(at(9, 130, 70), t0));  // the same range on time trips

  circuit_breaker c{{.max_consecutive_losses = 2, .cooldown = 1min}};
  CHECK(c.record_trade(missing, t0));
  CHECK(c.rearms_at() == bulwark::timestamp::max());
}

TEST_CASE("a bar sent again is skipped, not counted twice in the ATR", "[risk][breaker]") {
  // Window 2. Bars 0-2 give true ranges 2 and 2: ATR 2. Bar 3 (range 5) makes it
  // (2 + 5) / 2 = 3.5. Sent again, it would count a range of 5 once more and make the ATR
  // (3.5 + 5) / 2 = 4.25, after which bar 4's range of 12 would not be a spike at 3 x ATR
  // (12 < 12.75). Skipped, the ATR stays 3.5 and 12 > 10.5 trips.
  circuit_breaker b{{.volatility_spike = 3.0, .atr_window = 2, .cooldown = 10min}};
  for (int i = 0; i < 3; ++i) CHECK_FALSE(b.on_bar(quiet(i), t0));
  CHECK_FALSE(b.on_bar(at(3, 102.5, 97.5), t0));
  CHECK_FALSE(b.on_bar(at(3, 102.5, 97.5), t0));  // the feed sends bar 3 again
  CHECK(b.replayed_bars() == 1);
  CHECK(b.on_bar(at(4, 106, 94), t0));
  CHECK(b.last_cause() == breaker_cause::volatility_spike);

  CHECK(b.replayed_bars() == 1);
}

TEST_CASE("an update of the last bar takes its place", "[risk][breaker]") {
  // Window 2, k = 3: ATR 2 after bars 0-2. Bar 3 is sent with range 5 (ATR 3.5), then
  // updated to range 4: in its place the ATR is (2 + 4) / 2 = 3, and bar 4's range of 10
  // > 3 x 3 trips. Skipping the update would leave 3.5 (10 < 10.5), and taking it as a
  // new bar would give (3.5 + 4) / 2 = 3.75 (10 < 11.25).
  circuit_breaker b{{.volatility_spike = 3.0, .atr_window = 2, .cooldown = 10min}};
  for (int i = 0; i < 3; ++i) CHECK_FALSE(b.on_bar(quiet(i), t0));
  CHECK_FALSE(b.on_bar(at(3, 102.5, 97.5), t0));
  CHECK_FALSE(b.on_bar(at(3, 102, 98), t0));
  CHECK(b.replayed_bars() == 0);
  CHECK(b.on_bar(at(4, 105, 95), t0));

  // An update is judged against the ATR before the bar it updates: bar 3 updated to a
  // range of 7 > 3 x 2 trips, though the first version made the ATR 3.5 (7 < 10.5).
  circuit_breaker c{{.volatility_spike = 3.0, .atr_window = 2, .cooldown = 10min}};
  for (int i = 0; i < 3; ++i) c.on_bar(quiet(i), t0);
  CHECK_FALSE(c.on_bar(at(3, 102.5, 97.5), t0));
  CHECK(c.on_bar(at(3, 103.5, 96.5), t0));
  CHECK(c.trips() == 1);
  // Its later updates, spikes still, do not trip it again: one spike, one trip and one
  // cooldown, and a re-arm holds.
  c.rearm();
  CHECK_FALSE(c.on_bar(at(3, 104, 96), t0 + 1min));
  CHECK_FALSE(c.on_bar(at(3, 104.5, 95.5), t0 + 2min));
  CHECK(c.trips() == 1);
  CHECK(c.allows_trading(t0 + 2min));
}

TEST_CASE("replays right after a re-arm are still skipped", "[risk][breaker]") {
  // Window 1 on an uptrend of 5 a bar: every true range is 5, and so is the ATR.
  const auto up = [](int n) {
    const double c = 100.0 + 5.0 * n;
    return bar{.time = t0 + n * 1min, .open = c - 2, .high = c, .low = c - 5, .close = c,
               .volume = 1};
  };
  circuit_breaker b{{.volatility_spike = 3.0, .atr_window = 1, .cooldown = 10min}};
  for (int i = 0; i < 6; ++i) CHECK_FALSE(b.on_bar(up(i), t0));
  CHECK(b.on_bar({.time = t0 + 6min, .open = 1, .high = missing, .low = 1, .close = 1}, t0));
  for (int i = 7; i < 10; ++i) b.on_bar(up(i), t0);  // bar 9 closes at 145
  b.rearm();
  // The feed resends bars 2-9: all skipped. Taken, they would warm the fresh ATR up on
  // bars from before the bad bar, and the first of them would be the close the next
  // range is measured against.
  for (int i = 2; i < 10; ++i) CHECK_FALSE(b.on_bar(up(i), t0));
  CHECK(b.replayed_bars() == 8);
  CHECK(b.state(t0) == breaker_state::warming_up);
  // Bar 10 is measured against bar 9's close (range 5: ATR 5), and bar 11's range of
  // 16 > 3 x 5 trips.
  CHECK_FALSE(b.on_bar(up(10), t0));
  CHECK(b.on_bar({.time = t0 + 11min, .open = 150, .high = 166, .low = 150, .close = 160,
                  .volume = 1},
                 t0));
}

TEST_CASE("after flat bars only a range above min_spike_range is a spike", "[risk][breaker]") {
  // Four flat bars (a halted or illiquid name): every true range is 0, and so is the ATR.
  const auto flat = [](int n) {
    return bar{.time = t0 + n * 1min, .open = 100, .high = 100, .low = 100, .close = 100,
               .volume = 0};
  };
  circuit_breaker bare{{.volatility_spike = 4.0, .atr_window = 3, .cooldown = 10min}};
  circuit_breaker floored{
      {.volatility_spike = 4.0, .min_spike_range = 0.05, .atr_window = 3, .cooldown = 10min}};
  for (int i = 0; i < 4; ++i) {
    bare.on_bar(flat(i), t0);
    floored.on_bar(flat(i), t0);
  }
  REQUIRE(floored.allows_trading(t0));
  // A range equal to the floor is not above it.
  circuit_breaker edge{
      {.volatility_spike = 4.0, .min_spike_range = 0.5, .atr_window = 3, .cooldown = 10min}};
  for (int i = 0; i < 4; ++i) edge.on_bar(flat(i), t0);
  CHECK_FALSE(edge.on_bar({.time = t0 + 4min, .open = 100, .high = 100.5, .low = 100,
                           .close = 100.5, .volume = 10},
                          t0));
  // A one-cent range: 0.01 > 4 x 0 is a spike without a floor, and not above 0.05.
  const bar cent{.time = t0 + 4min, .open = 100, .high = 100.01, .low = 100, .close = 100.01,
                 .volume = 10};
  CHECK(bare.on_bar(cent, t0));
  CHECK_FALSE(floored.on_bar(cent, t0));
  // The floor is a floor, not a replacement: ATR is now 0.01 / 3, and a range of 0.06
  // is above both 0.05 and 4 x ATR.
  CHECK(floored.on_bar({.time = t0 + 5min, .open = 100.01, .high = 100.07, .low = 100.01,
                        .close = 100.05, .volume = 10},
                       t0));
}

TEST_CASE("a tripped breaker in front of the gate still lets positions shrink",
          "[risk][breaker][gate]") {
  desk d;
  d.hold("AAPL", 100);
  circuit_breaker b{{.max_consecutive_losses = 1, .cooldown = 5min}};
  risk_gate gate{fresh(), circuit_breaker_check{.breaker = &b}};
  CHECK(gate.check(limit(1, "AAPL", side::buy, 10, 150.0), d.state()).ok());
  b.record_trade(-100, d.clock.now());
  const verdict v = gate.check(limit(2, "AAPL", side::buy, 10, 150.0), d.state());
  CHECK(v.reason == reject_reason::circuit_breaker);
  CHECK(v.value == 300);  // seconds until it re-arms
  CHECK(v.message() ==
        "#2 rejected by circuit_breaker: the circuit breaker is tripped for another 300 s");
  CHECK(gate.check(limit(3, "AAPL", side::sell, 100, 150.0), d.state()).ok());
  risk_gate strict{fresh(), circuit_breaker_check{.breaker = &b, .allow_reducing = false}};
  CHECK_FALSE(strict.check(limit(4, "AAPL", side::sell, 100, 150.0), d.state()).ok());
}

TEST_CASE("breakers reject nonsense configuration", "[risk][breaker][config]") {
  CHECK_THROWS_MATCHES(circuit_breaker({.max_consecutive_losses = 3}), bulwark::config_error,
                       throws_error("bulwark.risk.circuit_breaker", "cooldown 0 ns outside (0, 1e8 s]"));
  CHECK_THROWS_MATCHES(circuit_breaker({.volatility_spike = missing, .cooldown = 1min}),
                       bulwark::config_error,
                       throws_error("bulwark.risk.circuit_breaker", "volatility_spike nan"));
  CHECK_THROWS_MATCHES(
      circuit_breaker({.volatility_spike = 3.0, .atr_window = 0, .cooldown = 1min}),
      bulwark::config_error,
      throws_error("bulwark.risk.circuit_breaker", "circuit_breaker: atr_window 0; expected >= 1"));
  CHECK_THROWS_MATCHES(
      circuit_breaker({.volatility_spike = 3.0, .min_spike_range = -0.01, .cooldown = 1min}),
      bulwark::config_error,
      throws_error("bulwark.risk.circuit_breaker",
                   "min_spike_range -0.01 must be finite and >= 0 (price units)"));
  CHECK_THROWS_MATCHES((risk_gate{fresh(), circuit_breaker_check{}}), bulwark::config_error,
                       throws_error("bulwark.risk.circuit_breaker", "breaker is null"));
}

}  // namespace circuit_breaker_test
