// SPDX-License-Identifier: MIT
#include <fmt/format.h>

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

TEST_CASE("lot_size rounds the trade toward zero", "[sizing][order_size]") {
  using namespace order_size_test;
  const bulwark::sizing::lot_size shares{.lot = 1.0};
  shares.validate();
  auto p = wanting(263.157);
  CHECK(shares.apply(p) == sizing_reason::ok);
  CHECK(p.trade() == 263.0);
  auto s = wanting(-75.9);
  CHECK(shares.apply(s) == sizing_reason::ok);
  CHECK(s.trade() == -75.0);

  // Round lots act on the trade: from an odd-lot 150 to 480 is 330 -> 300, target 450.
  const bulwark::sizing::lot_size round_lots{.lot = 100.0};
  auto r = wanting(480.0, 150.0);
  CHECK(round_lots.apply(r) == sizing_reason::ok);
  CHECK(r.trade() == 300.0);
  CHECK(r.target() == 450.0);
  // Selling down toward a smaller target never sells past it.
  auto down = wanting(120.0, 450.0);
  CHECK(round_lots.apply(down) == sizing_reason::ok);
  CHECK(down.trade() == -300.0);

  auto none = wanting(50.0, 50.0);
  CHECK(round_lots.apply(none) == sizing_reason::ok);
  CHECK(none.trade() == 0.0);
  auto small = wanting(99.0);
  CHECK(round_lots.apply(small) == sizing_reason::below_lot);
  CHECK(fmt::format("{}", round_lots) == "lot_size(lot 100)");
}

TEST_CASE("lot_size counts lots that are not binary fractions correctly", "[sizing][order_size]") {
  using namespace order_size_test;
  // 0.3 / 0.1 is 2.9999999999999996 in binary: still 3 lots.
  const bulwark::sizing::lot_size tenths{.lot = 0.1};
  auto p = wanting(0.3, 0.0, 60000.0);
  CHECK(tenths.apply(p) == sizing_reason::ok);
  CHECK(p.trade() == 3 * 0.1);
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
  auto at_target = wanting(7.0, 7.0);
  CHECK(minimum.apply(at_target) == sizing_reason::ok);
  CHECK(fmt::format("{}", minimum) == "min_order(quantity 1, notional 500)");

  using bulwark::sizing::min_order;
  CHECK_NOTHROW(min_order{}.validate());
  CHECK_THROWS_MATCHES(min_order{.notional = -1.0}.validate(), bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "min_order: notional -1 must be finite and >= 0"));
}
