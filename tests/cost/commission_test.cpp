// SPDX-License-Identifier: MIT
#include <optional>

#include <fmt/format.h>

#include "bulwark/cost/commission.hpp"
#include "support/catch.hpp"

namespace commission_test {
using namespace bulwark::cost;
using bulwark::test::WithinRel;

fill_context trade(double quantity, double price, bulwark::side s = bulwark::side::buy) {
  return {.side = s, .quantity = quantity, .price = price};
}
}  // namespace commission_test

TEST_CASE("per-share commission: $0.005 a share, $1 minimum, 0.5 % cap", "[cost][commission]") {
  using namespace commission_test;
  const per_share_commission ib{.rate = 0.005, .min = 1.0, .max_fraction = 0.005};
  // 100 shares x $0.005 = $0.50 -> raised to the $1.00 minimum (cap 0.5 % x $5,000 = $25).
  CHECK(ib.cost(trade(100, 50.0)) == 1.00);
  // 1,000 shares x $0.005 = $5.00, between minimum and cap.
  CHECK_THAT(ib.cost(trade(1'000, 100.0)), WithinRel(5.0, 1e-15));
  // 1,000,000 shares at $0.50: $5,000 -> capped at 0.5 % of $500,000 = $2,500.
  CHECK_THAT(ib.cost(trade(1'000'000, 0.50)), WithinRel(2'500.0, 1e-15));
  // 10 shares at $1: the cap (0.5 % x $10 = $0.05) is below the minimum and wins.
  CHECK_THAT(ib.cost(trade(10, 1.0)), WithinRel(0.05, 1e-15));
  // Sells pay the same.
  CHECK(ib.cost(trade(100, 50.0, bulwark::side::sell)) == 1.00);
  // Without a cap the minimum always applies to a trade.
  CHECK(per_share_commission{.max_fraction = std::nullopt}.cost(trade(10, 1.0)) == 1.0);
  // The defaults are the same schedule.
  CHECK(per_share_commission{}.cost(trade(1'000'000, 0.50)) == ib.cost(trade(1'000'000, 0.50)));
  CHECK(ib.basis == fee_basis::per_order);
  CHECK(fmt::format("{}", ib) == "per_share_commission{0.005/unit, min 1, max 0.005 of value, per_order}");
}

TEST_CASE("flat, notional and maker/taker commissions", "[cost][commission]") {
  using namespace commission_test;
  CHECK(per_trade_commission{.amount = 4.95}.cost(trade(1, 10.0)) == 4.95);
  CHECK(per_trade_commission{.amount = 4.95}.cost(trade(100'000, 10.0)) == 4.95);
  CHECK(per_trade_commission{.amount = 4.95}.cost(trade(0, 10.0)) == 0.0);
  // 10 bps with a $5 minimum: $10,000 -> $10; $1,000 -> $1 -> $5.
  const notional_commission n{.rate = bulwark::bps{10}, .min = 5.0};
  CHECK_THAT(n.cost(trade(100, 100.0)), WithinRel(10.0, 1e-15));
  CHECK(n.cost(trade(10, 100.0)) == 5.0);
  // Crypto: 0.5 BTC at $60,000 = $30,000; maker 40 bps = $120, taker 60 bps = $180.
  fill_context btc = trade(0.5, 60'000.0);
  btc.liq = bulwark::liquidity::maker;
  CHECK_THAT(maker_taker_commission{}.cost(btc), WithinRel(120.0, 1e-15));
  btc.liq = bulwark::liquidity::taker;
  CHECK_THAT(maker_taker_commission{}.cost(btc), WithinRel(180.0, 1e-15));
  CHECK(fmt::format("{}", maker_taker_commission{}) == "maker_taker_commission{maker 40 bps, taker 60 bps}");
  CHECK(fmt::format("{}", per_trade_commission{.amount = 1}) == "per_trade_commission{1, per_order}");
  CHECK(fmt::format("{}", n) == "notional_commission{10 bps, min 5, per_order}");
}

TEST_CASE("commission configuration errors name the field", "[cost][commission]") {
  using namespace commission_test;
  using bulwark::test::throws_error;
  const char* id = "bulwark.cost.commission";
  CHECK_THROWS_MATCHES(per_share_commission{.rate = -1}.validate(), bulwark::config_error,
                       throws_error(id, "rate -1 must be finite and >= 0"));
  CHECK_THROWS_MATCHES((per_share_commission{.min = std::numeric_limits<double>::quiet_NaN()}.validate()),
                       bulwark::config_error, throws_error(id, "min nan must be finite and >= 0"));
  CHECK_THROWS_MATCHES((per_share_commission{.max_fraction = 0.0}.validate()), bulwark::config_error,
                       throws_error(id, "max_fraction 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES(per_trade_commission{.amount = -4.95}.validate(), bulwark::config_error,
                       throws_error(id, "amount -4.95"));
  CHECK_THROWS_MATCHES(notional_commission{.rate = bulwark::bps{-2}}.validate(), bulwark::config_error,
                       throws_error(id, "rate (bps) -2"));
  CHECK_THROWS_MATCHES(maker_taker_commission{.maker = bulwark::bps{-1}}.validate(), bulwark::config_error,
                       throws_error(id, "maker (bps) -1 must be finite and >= 0"));
}
