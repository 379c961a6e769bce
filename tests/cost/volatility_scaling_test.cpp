// SPDX-License-Identifier: MIT
#include <cmath>
#include <cstddef>
#include <string>

#include <fmt/format.h>

#include "bulwark/core/atr.hpp"
#include "bulwark/cost/cost_model.hpp"
#include "bulwark/cost/slippage.hpp"
#include "bulwark/cost/volatility_scaling.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace volatility_scaling_test {
using namespace bulwark::cost;
using bulwark::test::WithinRel;

fill_context with_atr(double atr, double quantity = 1'000) {
  return {.quantity = quantity, .price = 100.0, .atr = atr};
}
}  // namespace volatility_scaling_test

TEST_CASE("the volatility multiplier is 1.0 at an ATR of 2 % and 1.5 at 8 %",
          "[cost][volatility_scaling]") {
  using namespace volatility_scaling_test;
  CHECK(volatility_multiplier(0.02, 0.05, 1.5) == 1.0);
  CHECK(volatility_multiplier(0.05, 0.05, 1.5) == 1.0);  // continuous at the threshold
  CHECK_THAT(volatility_multiplier(0.06, 0.05, 1.5), WithinRel(1.2, 1e-15));
  CHECK(volatility_multiplier(0.08, 0.05, 1.5) == 1.5);  // 1.6 capped
  const volatility_scaled<fixed_slippage> scaled{.slippage = {.rate = bulwark::bps{10}}};
  // 10 bps of $100,000 = $100, times the multiplier of ATR / price.
  CHECK(scaled.multiplier(with_atr(2.0)) == 1.0);
  CHECK(scaled.multiplier(with_atr(8.0)) == 1.5);
  CHECK_THAT(scaled.cost(with_atr(2.0)), WithinRel(100.0, 1e-12));
  CHECK_THAT(scaled.cost(with_atr(8.0)), WithinRel(150.0, 1e-12));
  CHECK_THAT(scaled.cost(with_atr(6.0)), WithinRel(120.0, 1e-12));
  CHECK(decltype(scaled)::name == "volatility_scaled_fixed_slippage");
  CHECK(scaled.needs() == fill_inputs{fill_input::atr});
  CHECK(fmt::format("{}", scaled) ==
        "volatility_scaled{fixed_slippage{10 bps}, above ATR 0.05 of price, at most x1.5}");
}

TEST_CASE("volatility scaling needs the ATR and passes on the inner needs and checks",
          "[cost][volatility_scaling]") {
  using namespace volatility_scaling_test;
  using bulwark::test::throws_error;
  const cost_model model{volatility_scaled<volume_share_slippage>{}};
  CHECK(model.needs() == (fill_input::bar_volume | fill_input::atr));
  CHECK_THROWS_MATCHES(model.cost({.quantity = 10, .price = 100, .bar_volume = 1e5}), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context",
                                    "no atr, which part 0 (volatility_scaled_volume_share_slippage) needs"));
  CHECK(model.problem({.quantity = 10, .price = 100, .bar_volume = 0.0, .atr = 1.0}).what ==
        fill_problem::no_bar_volume);
  CHECK_THROWS_MATCHES((volatility_scaled<fixed_slippage>{.threshold = 0}.validate()), bulwark::config_error,
                       throws_error("bulwark.cost.volatility_scaling", "threshold 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES((volatility_scaled<fixed_slippage>{.max_multiplier = 0.5}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.cost.volatility_scaling", "max_multiplier 0.5 must be finite and >= 1"));
  CHECK_THROWS_MATCHES(volatility_scaled<fixed_slippage>{.slippage = {.rate = bulwark::bps{-3}}}.validate(),
                       bulwark::config_error, throws_error("bulwark.cost.slippage", "rate (bps) -3"));
  // A streaming ATR that is not ready gives NaN, which a context refuses.
  const bulwark::wilder_atr fresh{14};
  CHECK(std::isnan(atr_fraction(fresh, 100.0)));
  CHECK(problem_of({.quantity = 1, .price = 100, .atr = fresh.value()}) == fill_problem::bad_atr);
}

TEST_CASE("volatility scaling from core's ATR over real AAPL daily bars",
          "[cost][volatility_scaling][real-data]") {
  using namespace volatility_scaling_test;
  BULWARK_REQUIRE_SHARED_DATA(data);
  const bulwark::test::csv_table csv{data / "daily/lean/aapl_daily_raw.csv"};
  bulwark::bar_series bars{"AAPL"};
  for (std::size_t i = 0; i < csv.size(); ++i) {
    bars.push_back({.open = std::stod(csv.cell(i, "open")), .high = std::stod(csv.cell(i, "high")),
                    .low = std::stod(csv.cell(i, "low")), .close = std::stod(csv.cell(i, "close")),
                    .volume = std::stod(csv.cell(i, "volume"))});
  }
  const auto atr = bulwark::average_true_range(bars, 14);
  bulwark::wilder_atr streaming{14};
  const cost_model model{volatility_scaled<fixed_slippage>{.slippage = {.rate = bulwark::bps{10}}}};
  std::size_t calm = 0, volatile_days = 0, capped = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    streaming.update(bars[i]);
    if (std::isnan(atr[i])) continue;
    const double close = bars.close()[i];
    const double fraction = atr[i] / close;
    CHECK(atr_fraction(streaming, close) == fraction);
    const double m = fraction <= 0.05 ? 1.0 : std::min(fraction / 0.05, 1.5);
    const fill_context ctx{.quantity = 100, .price = close, .atr = atr[i]};
    CHECK_THAT(model.cost(ctx), WithinRel(m * 100 * close * 0.001, 1e-12));
    calm += m == 1.0;
    volatile_days += m > 1.0;
    capped += m == 1.5;
  }
  // AAPL's raw daily bars 1998-2021 (unadjusted, so split days are volatile too): 14-day
  // ATR above 5 % of the close on 1,144 days, above 7.5 % on 315. From /usr/bin/python3:
  //   d = pd.read_csv("daily/lean/aapl_daily_raw.csv"); h, l, c = d.high.values, ...
  //   tr = np.maximum.reduce([h[1:] - l[1:], abs(h[1:] - c[:-1]), abs(l[1:] - c[:-1])])
  //   atr = np.full(len(d), np.nan); atr[14] = tr[:14].mean()
  //   for t in range(15, len(d)): atr[t] = (13 * atr[t - 1] + tr[t - 1]) / 14
  //   f = atr / c; (f > 0.05).sum(), (f > 0.075).sum()   # -> 1144, 315
  CHECK(volatile_days == 1'144);
  CHECK(capped == 315);
  CHECK(calm > 4'000);
}
