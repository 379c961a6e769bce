// SPDX-License-Identifier: MIT
#include <array>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"

#include "bulwark/sizing/order_size.hpp"
#include "sizing/proposal.hpp"
#include "support/catch.hpp"

namespace order_size_test {
using bulwark::sizing::sizing_reason;
using bulwark::test::throws_error;

bulwark::sizing::sizing_proposal wanting(double target, double current = 0.0,
                                         double price = 100.0) {
  return sizing_test_support::proposal("AAPL", target, current, price);
}
}  // namespace order_size_test

TEST_CASE("lot_size rounds the target position toward zero", "[sizing][order_size]") {
  using namespace order_size_test;
  const bulwark::sizing::lot_size shares{.lot = 1.0};
  shares.validate();
  auto p = wanting(263.157);
  CHECK(shares.apply(p) == sizing_reason::ok);
  CHECK(p.trade() == 263.0);
  auto s = wanting(-75.9);
  CHECK(shares.apply(s) == sizing_reason::ok);
  CHECK(s.trade() == -75.0);

  const bulwark::sizing::lot_size round_lots{.lot = 100.0};
  // From an odd-lot 150 to 480: the position lands on 400, so the trade is 250.
  auto r = wanting(480.0, 150.0);
  CHECK(round_lots.apply(r) == sizing_reason::ok);
  CHECK(r.trade() == 250.0);
  CHECK(r.target() == 400.0);
  // Selling down to 120 ends at 100, below the target, never above it: sell 350.
  auto down = wanting(120.0, 450.0);
  CHECK(round_lots.apply(down) == sizing_reason::ok);
  CHECK(down.trade() == -350.0);
  CHECK(down.target() == 100.0);
  // A target of 450 that met a 4.5 % cap, held 600: 400 held after the trade, not 500.
  auto capped = wanting(450.0, 600.0);
  CHECK(round_lots.apply(capped) == sizing_reason::ok);
  CHECK(capped.target() == 400.0);
  // A flip rounds the new side toward zero too: 450 long to -150 is -100 short.
  auto flip = wanting(-150.0, 450.0);
  CHECK(round_lots.apply(flip) == sizing_reason::ok);
  CHECK(flip.trade() == -550.0);
  CHECK(flip.target() == -100.0);
  // An odd-lot residual is closed, though it is smaller than a lot.
  auto close = wanting(0.0, -37.0);
  CHECK(round_lots.apply(close) == sizing_reason::ok);
  CHECK(close.trade() == 37.0);
  // An odd-lot position below a slightly larger target is brought down onto the grid.
  auto odd = wanting(160.0, 150.0);
  CHECK(round_lots.apply(odd) == sizing_reason::ok);
  CHECK(odd.target() == 100.0);

  auto none = wanting(50.0, 50.0);
  CHECK(round_lots.apply(none) == sizing_reason::ok);
  CHECK(none.trade() == 0.0);
  // Adding less than a lot leaves nothing to trade: rejected, not silently dropped.
  auto small = wanting(99.0);
  CHECK(round_lots.apply(small) == sizing_reason::below_lot);
  auto add = wanting(150.0, 100.0);
  CHECK(round_lots.apply(add) == sizing_reason::below_lot);
  CHECK(fmt::format("{}", round_lots) == "lot_size(lot 100)");
}

TEST_CASE("lot_size never leaves a position larger than the target", "[sizing][order_size]") {
  using namespace order_size_test;
  const bulwark::counter_rng rng{20240605};
  const std::array<double, 4> lots{1.0, 100.0, 0.1, 0.01};
  for (std::uint64_t i = 0; i < 20'000; ++i) {
    const double lot = lots[rng.below(4 * i, lots.size())];
    // Positions and targets of up to +-20 lots; every other current is off the grid.
    const double current = (rng.uniform(4 * i + 1) - 0.5) * 40.0 * lot;
    const double target = (rng.uniform(4 * i + 2) - 0.5) * 40.0 * lot;
    const double held = i % 2 == 0 ? current : std::round(current / lot) * lot;
    auto p = wanting(target, held);
    const bulwark::sizing::lot_size rule{.lot = lot};
    const sizing_reason r = rule.apply(p);
    const double after = held + p.trade();
    INFO("lot " << lot << " held " << held << " target " << target << " trade " << p.trade());
    if (r == sizing_reason::below_lot) {
      // Only a trade that would add less than a lot, on the held side, is refused.
      CHECK(target * held >= 0.0);
      CHECK(std::abs(target) > std::abs(held));
      CHECK(std::abs(target) - std::abs(held) < lot + 1e-9 * lot);
      continue;
    }
    REQUIRE(r == sizing_reason::ok);
    // Toward zero; a target a hair (2^-50 relative) short of the grid takes the grid point.
    CHECK(std::abs(after) <= std::abs(target) * (1.0 + 0x1p-50));
    CHECK(after * target >= 0.0);
    CHECK(std::abs(target) - std::abs(after) < lot);
    CHECK(std::abs(after / lot - std::round(after / lot)) < 1e-6);
  }
}

TEST_CASE("lot_size counts lots that are not binary fractions correctly", "[sizing][order_size]") {
  using namespace order_size_test;
  // 0.3 / 0.1 is 2.9999999999999996 in binary: still 3 lots, and the position is 0.3, not
  // 3 x 0.1 = 0.30000000000000004, which would be past the target.
  const bulwark::sizing::lot_size tenths{.lot = 0.1};
  auto p = wanting(0.3, 0.0, 60000.0);
  CHECK(tenths.apply(p) == sizing_reason::ok);
  CHECK(p.trade() == 0.3);
  // A satoshi grid: 0.123456789 BTC -> 12345678 satoshis.
  const bulwark::sizing::lot_size satoshi{.lot = 1e-8};
  auto b = wanting(0.123456789, 0.0, 60000.0);
  CHECK(satoshi.apply(b) == sizing_reason::ok);
  CHECK(b.trade() == 12345678 * 1e-8);

  using bulwark::sizing::lot_size;
  CHECK_THROWS_MATCHES(lot_size{.lot = 0.0}.validate(), bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "lot_size: lot 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES(lot_size{}.validate(), bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "lot nan"));
}

TEST_CASE("min_order rejects trades too small to send", "[sizing][order_size]") {
  using namespace order_size_test;
  const bulwark::sizing::min_order minimum{.quantity = 1.0, .notional = 500.0};
  minimum.validate();
  auto fine = wanting(10.0);  // 10 x $100 = $1000
  CHECK(minimum.apply(fine) == sizing_reason::ok);
  auto fraction = wanting(0.5, 0.0, 5000.0);  // $2500 but half a unit
  CHECK(minimum.apply(fraction) == sizing_reason::below_min_quantity);
  auto cheap = wanting(-4.0);  // $400 of a sale
  CHECK(minimum.apply(cheap) == sizing_reason::below_min_notional);
  // A close is never too small (3 units of $100); a partial reduction is judged like any
  // other trade (half a unit of a short bought back).
  auto close = wanting(0.0, 3.0);
  CHECK(minimum.apply(close) == sizing_reason::ok);
  auto reduce = wanting(-0.5, -1.0);
  CHECK(minimum.apply(reduce) == sizing_reason::below_min_quantity);
  // A flip opens new risk: 2 long to 1 short is a $300 sale, below the minimum.
  auto flip = wanting(-1.0, 2.0);
  CHECK(minimum.apply(flip) == sizing_reason::below_min_notional);
  auto add = wanting(4.0, 1.0);  // adding $300
  CHECK(minimum.apply(add) == sizing_reason::below_min_notional);
  auto at_target = wanting(7.0, 7.0);
  CHECK(minimum.apply(at_target) == sizing_reason::ok);
  CHECK(fmt::format("{}", minimum) == "min_order(quantity 1, notional 500)");

  using bulwark::sizing::min_order;
  CHECK_NOTHROW(min_order{}.validate());
  CHECK_THROWS_MATCHES(min_order{.notional = -1.0}.validate(), bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "min_order: notional -1 must be finite and >= 0"));
}
