// SPDX-License-Identifier: MIT
#include <cstddef>
#include <string>

#include <fmt/format.h>

#include "bulwark/cost/spread.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace spread_test {
using namespace bulwark::cost;
using bulwark::test::WithinRel;
}  // namespace spread_test

TEST_CASE("half the quoted spread, else the configured half spread", "[cost][spread]") {
  using namespace spread_test;
  // 1,000 shares with a 189.98 / 190.02 quote: 1,000 x 0.04 / 2 = $20.
  const fill_context quoted{.quantity = 1'000, .price = 190.0,
                            .quote = bulwark::quote{.bid = 189.98, .ask = 190.02}};
  CHECK_THAT(half_spread{}.cost(quoted), WithinRel(20.0, 1e-9));
  CHECK_THAT(half_spread{.fallback = bulwark::bps{50}}.cost(quoted), WithinRel(20.0, 1e-9));  // the quote wins
  // No quote: 2.5 bps of $190,000 = $47.50.
  const fill_context bare{.quantity = 1'000, .price = 190.0};
  CHECK_THAT(half_spread{.fallback = bulwark::bps{2.5}}.cost(bare), WithinRel(47.5, 1e-12));
  // A resting (maker) order crosses no spread.
  fill_context maker = quoted;
  maker.liq = bulwark::liquidity::maker;
  CHECK(half_spread{}.cost(maker) == 0.0);
  // A locked quote costs nothing to cross.
  CHECK(half_spread{}.cost({.quantity = 10, .price = 5, .quote = bulwark::quote{.bid = 5, .ask = 5}}) == 0.0);
  CHECK(half_spread{}.needs() == fill_inputs{fill_input::quote});
  CHECK(half_spread{.fallback = bulwark::bps{1}}.needs().empty());
  CHECK(fmt::format("{}", half_spread{}) == "half_spread{quote}");
  CHECK_THROWS_MATCHES(half_spread{.fallback = bulwark::bps{-1}}.validate(), bulwark::config_error,
                       bulwark::test::throws_error("bulwark.cost.spread", "fallback (bps) -1"));
}

TEST_CASE("half spreads of real SPY and BTC-USD minute quotes", "[cost][spread][real-data]") {
  using namespace spread_test;
  BULWARK_REQUIRE_SHARED_DATA(data);
  const std::string files[] = {"intraday/lean_spy_minute_quote_20131004_20131011.csv",
                               "intraday/lean_coinbase_btcusd_minute_quote_20170903_20170904.csv"};
  for (const std::string& file : files) {
    const bulwark::test::csv_table quotes{data / file};
    std::size_t priced = 0;
    for (std::size_t i = 0; i < quotes.size(); ++i) {
      const bulwark::quote q{.bid = std::stod(quotes.cell(i, "bid_close")),
                             .ask = std::stod(quotes.cell(i, "ask_close"))};
      if (!q.ok()) continue;  // a crossed or one-sided minute: refused, checked below
      const fill_context ctx{.quantity = 2, .price = q.mid(), .quote = q};
      REQUIRE(problem_of(ctx) == fill_problem::none);
      CHECK_THAT(half_spread{}.cost(ctx), WithinRel(q.ask - q.bid, 1e-12));  // 2 units x half
      ++priced;
    }
    CHECK(priced > 2'000);
  }
}
