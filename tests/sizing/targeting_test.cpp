// SPDX-License-Identifier: MIT
#include <limits>

#include <fmt/format.h>

#include "bulwark/core/symbol_map.hpp"
#include "bulwark/sizing/targeting.hpp"
#include "support/catch.hpp"

namespace targeting_test {
using bulwark::sizing::sizing_proposal;
using bulwark::sizing::sizing_reason;
using bulwark::test::throws_error;
using bulwark::test::WithinRel;
const double quiet_nan = std::numeric_limits<double>::quiet_NaN();
}  // namespace targeting_test

TEST_CASE("target_fraction_of_equity targets w E / P", "[sizing][targeting]") {
  using namespace targeting_test;
  const bulwark::sizing::target_fraction_of_equity rule{};
  sizing_proposal p{"AAPL", 0.05, 190.0, 1e6, 100.0};
  CHECK(rule.apply(p) == sizing_reason::ok);
  CHECK_THAT(p.target(), WithinRel(0.05 * 1e6 / 190.0, 1e-15));
  CHECK_THAT(p.trade(), WithinRel(0.05 * 1e6 / 190.0 - 100.0, 1e-15));
  sizing_proposal s{"MSFT", -0.03, 400.0, 1e6, 0.0};
  CHECK(rule.apply(s) == sizing_reason::ok);
  CHECK(s.target() == -75.0);
  CHECK(fmt::format("{}", rule) == "target_fraction_of_equity");
}

TEST_CASE("fixed_fractional_risk loses w f E at the stop, from the live price",
          "[sizing][targeting]") {
  using namespace targeting_test;
  bulwark::symbol_map<double> stops;
  stops["AAPL"] = 185.0;  // a stop level
  stops["ZERO"] = 0.0;
  stops["NAN"] = quiet_nan;
  const bulwark::sizing::fixed_fractional_risk rule{.risk_fraction = 0.01, .stop_levels = stops};
  rule.validate();
  // At $190, $5 per share to the stop: 1 % of $1M is 2000 shares.
  sizing_proposal p{"AAPL", 1.0, 190.0, 1e6, 0.0};
  CHECK(rule.apply(p) == sizing_reason::ok);
  CHECK(p.target() == 2000.0);
  CHECK(p.target() * (190.0 - stops["AAPL"]) == 0.01 * 1e6);  // the loss at the stop
  // The same stop after the price rose to $195: $10 away, 1000 shares, same $10k at risk.
  sizing_proposal later{"AAPL", 1.0, 195.0, 1e6, 2000.0};
  CHECK(rule.apply(later) == sizing_reason::ok);
  CHECK(later.target() == 1000.0);
  // A short's stop is above the price: at $180, half the budget over $5 is -1000.
  sizing_proposal half_short{"AAPL", -0.5, 180.0, 1e6, 0.0};
  CHECK(rule.apply(half_short) == sizing_reason::ok);
  CHECK(half_short.target() == -1000.0);
  // A live price at or through the stop would already have been stopped out.
  sizing_proposal at_stop{"AAPL", 1.0, 185.0, 1e6, 0.0};
  CHECK(rule.apply(at_stop) == sizing_reason::price_through_stop);
  CHECK(at_stop.target() == 0.0);  // untouched
  sizing_proposal below{"AAPL", 1.0, 184.0, 1e6, 0.0};
  CHECK(rule.apply(below) == sizing_reason::price_through_stop);
  sizing_proposal short_through{"AAPL", -1.0, 186.0, 1e6, 0.0};
  CHECK(rule.apply(short_through) == sizing_reason::price_through_stop);
  // A weight of 0 closes without a stop.
  sizing_proposal flat{"MSFT", 0.0, 400.0, 1e6, -30.0};
  CHECK(rule.apply(flat) == sizing_reason::ok);
  CHECK(flat.target() == 0.0);
  CHECK(flat.trade() == 30.0);

  sizing_proposal missing{"MSFT", 1.0, 400.0, 1e6, 0.0};
  CHECK(rule.apply(missing) == sizing_reason::missing_stop);
  CHECK(missing.target() == 0.0);  // untouched
  sizing_proposal zero{"ZERO", 1.0, 10.0, 1e6, 0.0};
  CHECK(rule.apply(zero) == sizing_reason::bad_stop);
  sizing_proposal not_a_number{"NAN", 1.0, 10.0, 1e6, 0.0};
  CHECK(rule.apply(not_a_number) == sizing_reason::bad_stop);
  CHECK(fmt::format("{}", rule) == "fixed_fractional_risk(risk_fraction 0.01, 3 stops)");

  using bulwark::sizing::fixed_fractional_risk;
  CHECK_THROWS_MATCHES((fixed_fractional_risk{.risk_fraction = 0.0, .stop_levels = stops}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "risk_fraction 0 outside (0, 1]"));
  CHECK_THROWS_MATCHES((fixed_fractional_risk{.risk_fraction = 1.5, .stop_levels = stops}.validate()),
                       bulwark::config_error, throws_error("bulwark.sizing.rule", "1.5 outside (0, 1]"));
  CHECK_THROWS_MATCHES((fixed_fractional_risk{.stop_levels = stops}.validate()),
                       bulwark::config_error, throws_error("bulwark.sizing.rule", "nan outside (0, 1]"));
}

TEST_CASE("volatility_target scales the weight by min(target / vol, max leverage)",
          "[sizing][targeting]") {
  using namespace targeting_test;
  bulwark::symbol_map<double> vols;
  vols["SPY"] = 0.2;
  vols["TLT"] = 0.01;
  vols["BAD"] = -0.1;
  const bulwark::sizing::volatility_target rule{
      .annual_target = 0.1, .max_leverage = 2.0, .annual_volatilities = vols};
  rule.validate();
  // 0.5 x (0.1 / 0.2) x 1e6 / 100 = 2500.
  sizing_proposal spy{"SPY", 0.5, 100.0, 1e6, 0.0};
  CHECK(rule.apply(spy) == sizing_reason::ok);
  CHECK_THAT(spy.target(), WithinRel(2500.0, 1e-15));
  // 0.1 / 0.01 = 10 is capped at 2: 0.5 x 2 x 1e6 / 100 = 10000.
  sizing_proposal tlt{"TLT", 0.5, 100.0, 1e6, 0.0};
  CHECK(rule.apply(tlt) == sizing_reason::ok);
  CHECK(tlt.target() == 10000.0);

  sizing_proposal missing{"QQQ", 0.5, 100.0, 1e6, 0.0};
  CHECK(rule.apply(missing) == sizing_reason::missing_volatility);
  sizing_proposal bad{"BAD", 0.5, 100.0, 1e6, 0.0};
  CHECK(rule.apply(bad) == sizing_reason::bad_volatility);
  // Weight 0 closes whatever the volatility: missing (QQQ) or bad (BAD), holding 300.
  for (const bulwark::symbol s : {bulwark::symbol{"QQQ"}, bulwark::symbol{"BAD"}}) {
    sizing_proposal close{s, 0.0, 50.0, 1e6, 300.0};
    CHECK(rule.apply(close) == sizing_reason::ok);
    CHECK(close.target() == 0.0);
  }
  CHECK(fmt::format("{}", rule) ==
        "volatility_target(annual_target 0.1, max_leverage 2, 3 volatilities)");

  using bulwark::sizing::volatility_target;
  CHECK_THROWS_MATCHES((volatility_target{.annual_target = 0.0, .max_leverage = 2.0,
                                          .annual_volatilities = vols}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "annual_target 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES((volatility_target{.annual_target = 0.1, .annual_volatilities = vols}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "max_leverage nan"));
}
