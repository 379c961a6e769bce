// SPDX-License-Identifier: MIT
#include <chrono>
#include <cmath>
#include <cstddef>
#include <string>

#include <fmt/format.h>

#include "bulwark/cost/slippage.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace slippage_test {

using bulwark::side;
using bulwark::cost::fill_context;
using bulwark::test::WithinRel;

fill_context bar_fill(side s, double quantity, double price, double volume, double used = 0.0) {
  return {.side = s, .quantity = quantity, .price = price, .bar_volume = volume,
          .bar_volume_used = used};
}

// zipline's VolumeShareSlippage.process_order (zipline/finance/slippage.py), transcribed
// for the expected values below, run with /usr/bin/python3:
//
//   def zipline(price, volume, volume_for_bar, open_amount, direction,
//               volume_limit=0.025, price_impact=0.1):
//       max_volume = volume_limit * volume
//       remaining_volume = max_volume - volume_for_bar
//       if remaining_volume < 1: return "LiquidityExceeded"
//       cur_volume = int(min(remaining_volume, abs(open_amount)))
//       if cur_volume < 1: return None
//       total_volume = volume_for_bar + cur_volume
//       volume_share = min(total_volume / volume, volume_limit)
//       simulated_impact = volume_share ** 2 * math.copysign(price_impact, direction) * price
//       return repr(price + simulated_impact), cur_volume, repr(volume_share)
struct zipline_case {
  double price, volume, used, open_amount;
  side direction;
  double volume_limit, price_impact;
  double fill_quantity;  // cur_volume (0: no fill)
  double fill_price;     // impacted_price
  double share;          // volume_share
};

const zipline_case zipline_cases[] = {
    // zipline(100.0, 1_000_000, 0, 10_000, 1) -> ('100.001', 10000, '0.01')
    {100.0, 1'000'000, 0, 10'000, side::buy, 0.025, 0.1, 10'000, 100.001, 0.01},
    // zipline(100.0, 1_000_000, 0, 40_000, 1) -> ('100.00625', 25000, '0.025'): capped
    {100.0, 1'000'000, 0, 40'000, side::buy, 0.025, 0.1, 25'000, 100.00625, 0.025},
    // zipline(100.0, 1_000_000, 20_000, 10_000, -1) -> ('99.99375', 5000, '0.025')
    {100.0, 1'000'000, 20'000, 10'000, side::sell, 0.025, 0.1, 5'000, 99.99375, 0.025},
    // zipline(187.43, 1_234_567, 3_210, 7_777, -1)
    //   -> ('187.4285155416189', 7777, '0.008899476496617842')
    {187.43, 1'234'567, 3'210, 7'777, side::sell, 0.025, 0.1, 7'777, 187.4285155416189,
     0.008899476496617842},
    // zipline(187.43, 1_234_567, 3_210, 7_777, 1) -> ('187.4314844583811', 7777, ...)
    {187.43, 1'234'567, 3'210, 7'777, side::buy, 0.025, 0.1, 7'777, 187.4314844583811,
     0.008899476496617842},
    // zipline(52.17, 40, 0, 10, 1) -> ('52.173260625000005', 1, '0.025'): room of 1 share
    {52.17, 40, 0, 10, side::buy, 0.025, 0.1, 1, 52.173260625000005, 0.025},
    // zipline(33.33, 250_000, 0, 6_000.7, 1, 0.05, 0.2) -> ('33.333839616', 6000, '0.024')
    {33.33, 250'000, 0, 6'000.7, side::buy, 0.05, 0.2, 6'000, 33.333839616, 0.024},
};

}  // namespace slippage_test

TEST_CASE("volume-share slippage equals zipline's VolumeShareSlippage", "[cost][slippage]") {
  using namespace slippage_test;
  for (const zipline_case& z : zipline_cases) {
    const bulwark::cost::volume_share_slippage model{.price_impact = z.price_impact,
                                                     .volume_limit = z.volume_limit};
    const fill_context order = bar_fill(z.direction, z.open_amount, z.price, z.volume, z.used);
    INFO(fmt::format("{}", order));
    CHECK(model.fill_quantity(order) == z.fill_quantity);
    fill_context filled = order;
    filled.quantity = z.fill_quantity;
    CHECK(model.volume_share(filled) == z.share);
    CHECK(model.fill_price(filled) == z.fill_price);  // bit for bit
    // The cost is what the worse price costs: Q x |impacted - price|.
    CHECK_THAT(model.cost(filled),
               WithinRel(z.fill_quantity * std::abs(z.fill_price - z.price), 1e-9));
  }
}

TEST_CASE("volume-share slippage fills nothing without room and refuses a zero-volume bar",
          "[cost][slippage]") {
  using namespace slippage_test;
  const bulwark::cost::volume_share_slippage model{};
  // zipline(52.17, 39, 0, 10, 1) -> LiquidityExceeded: 0.025 x 39 = 0.975 < 1 share of room.
  CHECK(model.fill_quantity(bar_fill(side::buy, 10, 52.17, 39)) == 0.0);
  // All the room already used by earlier orders.
  CHECK(model.fill_quantity(bar_fill(side::buy, 10, 52.17, 1'000'000, 25'000)) == 0.0);
  CHECK(model.check(bar_fill(side::buy, 10, 52.17, 0)) == bulwark::cost::fill_problem::no_bar_volume);
  CHECK(model.check(bar_fill(side::buy, 0, 52.17, 0)) == bulwark::cost::fill_problem::none);
  CHECK(model.cost(bar_fill(side::buy, 0, 52.17, 0)) == 0.0);
  CHECK(model.needs() == bulwark::cost::fill_inputs{bulwark::cost::fill_input::bar_volume});
}

TEST_CASE("volume-share slippage refuses a fill above its cap rather than under-price it",
          "[cost][slippage]") {
  using namespace slippage_test;
  using bulwark::cost::fill_problem;
  const bulwark::cost::volume_share_slippage model{};
  // zipline(100.0, 1_000_000, 0, 40_000, 1) fills 25,000 (0.025 x 1,000,000) of 40,000:
  // pricing 40,000 at the capped share 0.025 would charge 40,000 x 0.00625 = $250 for a
  // fill that cannot happen in this bar.
  const fill_context order = bar_fill(side::buy, 40'000, 100.0, 1'000'000);
  CHECK(model.check(order) == fill_problem::over_participation);
  CHECK(model.fill_quantity(order) == 25'000);
  fill_context filled = order;
  filled.quantity = model.fill_quantity(order);
  CHECK(model.check(filled) == fill_problem::none);
  // 25,000 x (100.00625 - 100) = $156.25 (zipline's fill price, second case above).
  CHECK_THAT(model.cost(filled), WithinRel(25'000 * 0.00625, 1e-9));
  // One share above the room, sells too; earlier orders' units count: 20,000 used leaves 5,000.
  CHECK(model.check(bar_fill(side::sell, 25'001, 100.0, 1'000'000)) == fill_problem::over_participation);
  CHECK(model.check(bar_fill(side::sell, 5'000, 100.0, 1'000'000, 20'000)) == fill_problem::none);
  CHECK(model.check(bar_fill(side::sell, 5'001, 100.0, 1'000'000, 20'000)) == fill_problem::over_participation);
}

TEST_CASE("fixed slippage is rate x notional, defaults are zipline's", "[cost][slippage]") {
  using namespace slippage_test;
  // 5 bps of 1,000 x $40 = 0.0005 x 40,000 = $20.
  CHECK_THAT(bulwark::cost::fixed_slippage{}.cost({.quantity = 1000, .price = 40}),
             WithinRel(20.0, 1e-15));
  CHECK_THAT(bulwark::cost::fixed_slippage{.rate = bulwark::bps{12.5}}.cost({.quantity = 10, .price = 80}),
             WithinRel(1.0, 1e-15));  // 0.00125 x 800
  const bulwark::cost::volume_share_slippage defaults{};
  CHECK(defaults.price_impact == 0.1);    // zipline VolumeShareSlippage(price_impact=0.1)
  CHECK(defaults.volume_limit == 0.025);  // DEFAULT_VOLUME_SLIPPAGE_BAR_LIMIT
  CHECK(fmt::format("{}", defaults) ==
        "volume_share_slippage{impact 0.1, limit 0.025 of bar volume, lot 1}");
  CHECK(fmt::format("{}", bulwark::cost::fixed_slippage{}) == "fixed_slippage{5 bps}");
}

TEST_CASE("slippage configuration errors name the field", "[cost][slippage]") {
  using bulwark::test::throws_error;
  CHECK_THROWS_MATCHES(bulwark::cost::fixed_slippage{.rate = bulwark::bps{-1}}.validate(),
                       bulwark::config_error, throws_error("bulwark.cost.slippage", "rate (bps) -1"));
  CHECK_THROWS_MATCHES((bulwark::cost::volume_share_slippage{.price_impact = 0}.validate()),
                       bulwark::config_error, throws_error("bulwark.cost.slippage", "price_impact 0"));
  CHECK_THROWS_MATCHES((bulwark::cost::volume_share_slippage{.volume_limit = 1.5}.validate()),
                       bulwark::config_error, throws_error("bulwark.cost.fills", "max_fraction 1.5"));
  CHECK_THROWS_MATCHES((bulwark::cost::volume_share_slippage{.lot_size = -1}.validate()),
                       bulwark::config_error, throws_error("bulwark.cost.fills", "lot_size -1"));
}

TEST_CASE("volume-share slippage over real SPY minute bars", "[cost][slippage][real-data]") {
  using namespace slippage_test;
  BULWARK_REQUIRE_SHARED_DATA(data);
  const bulwark::test::csv_table bars{data / "intraday/lean_spy_minute_trade_20131004_20131011.csv"};
  const bulwark::cost::volume_share_slippage model{};
  std::size_t filled_bars = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double close = std::stod(bars.cell(i, "close"));
    const double volume = std::stod(bars.cell(i, "volume"));
    for (const side s : {side::buy, side::sell}) {
      // An order for 10,000 shares: at most 2.5 % of the bar fills, in whole shares.
      fill_context ctx = bar_fill(s, 10'000, close, volume);
      const double q = model.fill_quantity(ctx);
      CHECK(q == std::min(10'000.0, std::floor(0.025 * volume >= 1 ? 0.025 * volume : 0.0)));
      if (q == 0) continue;
      ++filled_bars;
      ctx.quantity = q;
      const double share = std::min(q / volume, 0.025);
      const double expected = s == side::buy ? close + share * share * 0.1 * close
                                             : close + share * share * -0.1 * close;
      CHECK(model.fill_price(ctx) == expected);
      CHECK(bulwark::sign(s) * (model.fill_price(ctx) - close) >= 0.0);  // direction-correct
    }
  }
  CHECK(filled_bars > 1000);
}
