// SPDX-License-Identifier: MIT
// The gate on a real day: SPY's minute quotes of 2013-10-07 (extended hours, with gaps
// before the open and after the close), read with the tests' own CSV reader. The truth
// for staleness is the file's own timestamps; the truth for the tick check is that a
// venue's quotes sit on the penny.
#include <chrono>
#include <cmath>
#include <cstddef>
#include <string>

#include "bulwark/risk/gate.hpp"
#include "gate_fixture.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace gate_real_data_test {

using namespace gate_fixture;
using namespace bulwark::risk;
using bulwark::side;

TEST_CASE("on a real day, the gate rejects exactly the minutes whose quote is too old",
          "[risk][gate][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  const bulwark::test::csv_table csv{data / "intraday/lean_spy_minute_quote_20131004_20131011.csv"};
  const auto stamps = csv.text("timestamp");
  const auto bids = csv.numbers("bid_close");
  const auto asks = csv.numbers("ask_close");

  // New York is UTC-4 on that day; a bar's closing quote is known at the bar's end.
  const bulwark::timestamp midnight = bulwark::make_timestamp(date::year{2013} / 10 / 7) + 4h;
  const auto observed = [&](std::size_t i) {
    return midnight + std::chrono::hours{std::stoi(stamps[i].substr(11, 2))} +
           std::chrono::minutes{std::stoi(stamps[i].substr(14, 2))} + 1min;
  };
  bulwark::market_snapshot market{4};
  bulwark::risk::account_state account{1'000'000.0};
  bulwark::manual_clock clock{midnight + 4h};
  const risk_state<bulwark::manual_clock> state{account, market, clock};
  risk_gate gate{stale_market_data{.max_age = 90s, .max_mark_age = 1h}, tick_size{}};

  std::size_t row = 0;
  while (row < stamps.size() && !stamps[row].starts_with("2013-10-07")) ++row;
  bulwark::timestamp last_quote{};
  int stale = 0;
  int fresh_minutes = 0;
  int off_tick = 0;
  bulwark::order_id id = 0;
  for (auto now = midnight + 4h + 1min; now <= midnight + 20h; now += 1min) {
    clock.set(now);
    for (; row < stamps.size() && stamps[row].starts_with("2013-10-07") && observed(row) <= now;
         ++row) {
      market.set_quote("SPY", bids[row], asks[row], observed(row));
      last_quote = observed(row);
    }
    account.mark_to_market(market, now, 90s);
    const bool too_old = now - last_quote > 90s;
    const double bid = market.find("SPY")->bid;
    const verdict at_bid = gate.check(limit(++id, "SPY", side::buy, 100, bid), state);
    if (too_old) {
      ++stale;
      REQUIRE(at_bid.reason == reject_reason::stale_market_data);
      REQUIRE(at_bid.value == std::chrono::duration<double>(now - last_quote).count());
    } else {
      ++fresh_minutes;
      REQUIRE(at_bid.ok());  // a real quote is on the penny
      const verdict half = gate.check(limit(++id, "SPY", side::buy, 100, bid - 0.005), state);
      REQUIRE(half.reason == reject_reason::tick_size);
      off_tick += 1;
    }
  }
  // The day's gaps of 3 and 4 minutes (04:59-05:02, 05:54-05:58, 06:21-06:25, 19:49-19:52,
  // 19:53-19:56) leave quotes older than 90 s in 7 of the 960 minutes.
  CHECK(stale == 7);
  CHECK(fresh_minutes == 953);
  CHECK(off_tick == 953);
  CHECK(gate.rejected(reject_reason::stale_market_data) == 7);
}

}  // namespace gate_real_data_test
