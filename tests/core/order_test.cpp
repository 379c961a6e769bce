// SPDX-License-Identifier: MIT
#include <bit>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "bulwark/core/order.hpp"
#include "support/catch.hpp"

using bulwark::order;
using bulwark::order_defect;
using bulwark::order_type;
using bulwark::side;
using bulwark::test::throws_error;

namespace order_test {
const double nan = std::numeric_limits<double>::quiet_NaN();
const double inf = std::numeric_limits<double>::infinity();
const double max = std::numeric_limits<double>::max();
order limit_buy() {
  return {.client_id = 42, .sym = "AAPL", .side = side::buy, .type = order_type::limit,
          .quantity = 100, .limit_price = 150.25};
}
}  // namespace order_test

TEST_CASE("side signs: buy +1, sell -1", "[core][order]") {
  CHECK(bulwark::sign(side::buy) == 1);
  CHECK(bulwark::sign(side::sell) == -1);
  CHECK(bulwark::opposite(side::buy) == side::sell);
  CHECK(fmt::format("{}|{:>5}", side::buy, side::sell) == "buy| sell");
}

TEST_CASE("by_side selects the side's value, bit for bit", "[core][order]") {
  using bulwark::by_side;
  const auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
  CHECK(by_side(side::buy, 1.5, -2.0) == 1.5);
  CHECK(by_side(side::sell, 1.5, -2.0) == -2.0);
  // Signed zeros, infinities and NaN payloads come through unchanged.
  CHECK(bits(by_side(side::buy, -0.0, 0.0)) == bits(-0.0));
  CHECK(bits(by_side(side::sell, 0.0, -0.0)) == bits(-0.0));
  CHECK(by_side(side::sell, 1.0, -order_test::inf) == -order_test::inf);
  CHECK(bits(by_side(side::buy, order_test::nan, 1.0)) == bits(order_test::nan));
  CHECK(by_side(side::buy, 3.0, order_test::nan) == 3.0);
  static_assert(by_side(side::sell, 1.0, 2.0) == 2.0, "usable in constant expressions");
}

TEST_CASE("well-formed orders of every type", "[core][order]") {
  CHECK(order_test::limit_buy().ok());
  CHECK(order{.sym = "SPY", .quantity = 1}.ok());  // market, day
  CHECK(order{.sym = "SPY", .type = order_type::stop, .quantity = 1, .stop_price = 99}.ok());
  CHECK(order{.sym = "SPY", .type = order_type::stop_limit, .quantity = 0.5,
              .limit_price = 98, .stop_price = 99}.ok());
  CHECK(order_test::limit_buy().signed_quantity() == 100);
  CHECK(order{.sym = "SPY", .side = side::sell, .quantity = 3}.signed_quantity() == -3);
}

TEST_CASE("an order equals its copy, absent prices included", "[core][order]") {
  const order market{.client_id = 1, .sym = "SPY", .quantity = 3};  // no limit, no stop: NaN
  const order copy = market;
  CHECK(copy == market);
  CHECK_FALSE(order_test::limit_buy() == market);
  order other = market;
  other.limit_price = 400.0;
  CHECK_FALSE(other == market);  // a price against an absent one
  other.limit_price = order_test::nan;
  other.quantity = 4;
  CHECK_FALSE(other == market);
}

TEST_CASE("each defect of an order is named", "[core][order]") {
  using order_test::nan, order_test::inf, order_test::max;
  const auto defect = [](auto mutate) {
    order o = order_test::limit_buy();
    mutate(o);
    return bulwark::defect_of(o);
  };
  CHECK(defect([](order&) {}) == order_defect::none);
  CHECK(defect([](order& o) { o.sym = {}; }) == order_defect::no_symbol);
  CHECK(defect([](order& o) { o.side = static_cast<side>(0); }) == order_defect::bad_side);
  CHECK(defect([](order& o) { o.type = static_cast<order_type>(9); }) == order_defect::bad_type);
  CHECK(defect([](order& o) { o.tif = static_cast<bulwark::time_in_force>(9); }) ==
        order_defect::bad_time_in_force);
  CHECK(defect([](order& o) { o.quantity = 0; }) == order_defect::bad_quantity);
  CHECK(defect([](order& o) { o.quantity = -5; }) == order_defect::bad_quantity);
  CHECK(defect([](order& o) { o.quantity = nan; }) == order_defect::bad_quantity);
  CHECK(defect([](order& o) { o.quantity = inf; }) == order_defect::bad_quantity);
  CHECK(defect([](order& o) { o.quantity = max; }) == order_defect::none);
  CHECK(defect([](order& o) { o.limit_price = inf; }) == order_defect::missing_limit_price);
  CHECK(defect([](order& o) { o.limit_price = max; }) == order_defect::none);
  CHECK(defect([](order& o) { o.limit_price = nan; }) == order_defect::missing_limit_price);
  CHECK(defect([](order& o) { o.limit_price = 0; }) == order_defect::missing_limit_price);
  CHECK(defect([](order& o) { o.type = order_type::market; }) == order_defect::unexpected_limit_price);
  CHECK(defect([](order& o) { o.stop_price = 1; }) == order_defect::unexpected_stop_price);
  CHECK(defect([](order& o) { o.type = order_type::stop_limit; }) == order_defect::missing_stop_price);
}

TEST_CASE("require_well_formed names the order and its defect", "[core][order]") {
  CHECK_NOTHROW(bulwark::require_well_formed(order_test::limit_buy()));
  order o = order_test::limit_buy();
  o.quantity = -100;
  CHECK_THROWS_MATCHES(bulwark::require_well_formed(o), bulwark::input_error,
                       throws_error("bulwark.core.order",
                                    "order 42 (AAPL buy -100, limit 150.25, stop nan): quantity must be finite and > 0"));
}

TEST_CASE("a fill's cash flow includes its fees on both sides", "[core][order]") {
  bulwark::fill f{.client_id = 1, .sym = "X", .side = side::buy, .quantity = 100, .price = 10, .fees = 1};
  CHECK(f.cash_flow_out() == 1001.0);  // pay 1000 for the shares and 1 in fees
  f.side = side::sell;
  CHECK(f.cash_flow_out() == -999.0);  // receive 1000, pay 1 in fees
}

TEST_CASE("orders and fills format for people", "[core][order][format]") {
  CHECK(fmt::format("{}", order_test::limit_buy()) == "#42 buy 100 AAPL limit 150.25 day");
  const order stop{.client_id = 7, .sym = "SPY", .side = side::sell, .type = order_type::stop_limit,
                   .quantity = 5, .limit_price = 98, .stop_price = 99, .tif = bulwark::time_in_force::gtc};
  CHECK(fmt::format("{}", stop) == "#7 sell 5 SPY stop 99 limit 98 gtc");
  CHECK(fmt::format("{}", order{.client_id = 1, .sym = "SPY", .quantity = 2}) == "#1 buy 2 SPY market day");
  const bulwark::fill f{.client_id = 7, .sym = "SPY", .side = side::sell, .quantity = 5, .price = 98.5,
                        .fees = 0.25, .liq = bulwark::liquidity::maker, .time = bulwark::from_unix_seconds(60)};
  CHECK(fmt::format("{}", f) == "#7 sold 5 SPY @ 98.5 fees 0.25 maker 1970-01-01T00:01:00Z");
  CHECK(fmt::format("{}", order_defect::bad_quantity) == "quantity must be finite and > 0");
}
