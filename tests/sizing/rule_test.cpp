// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "bulwark/sizing/rule.hpp"
#include "support/catch.hpp"

TEST_CASE("a proposal keeps target = current + trade", "[sizing][rule]") {
  using bulwark::sizing::sizing_proposal;
  sizing_proposal p{"AAPL", 0.05, 190.0, 1e6, 10.0};
  CHECK(p.target() == 10.0);
  CHECK(p.trade() == 0.0);
  p.set_target(52.0);
  CHECK(p.trade() == 42.0);
  p.set_trade(-30.0);
  CHECK(p.target() == -20.0);
  CHECK(p.trade() == -30.0);
  CHECK(fmt::format("{}", p) == "AAPL w 0.05 @ 190 held 10 -> target -20 (trade -30)");
}

TEST_CASE("a trade set directly is kept exactly, not recomputed as a difference",
          "[sizing][rule]") {
  using bulwark::sizing::sizing_proposal;
  // 0.1 + 0.2 - 0.1 != 0.2 in binary; the trade must stay the lot multiple it was set to.
  sizing_proposal p{"BTC-USD", 1.0, 60000.0, 1e5, 0.1};
  p.set_trade(0.2);
  CHECK(p.trade() == 0.2);
  CHECK(p.target() == 0.1 + 0.2);
}

TEST_CASE("sizing reasons format as words", "[sizing][rule]") {
  using bulwark::sizing::sizing_reason;
  CHECK(fmt::format("{}", sizing_reason::below_min_notional) == "trade below the minimum notional");
  CHECK(fmt::format("{:>16}", sizing_reason::ok) == "              ok");
  for (int r = 0; r <= static_cast<int>(sizing_reason::price_through_stop); ++r) {
    CHECK(to_string(static_cast<sizing_reason>(r)) != "invalid");
  }
}
