// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "bulwark/cost/cost_model.hpp"
#include "bulwark/cost/tiered_commission.hpp"
#include "support/catch.hpp"

namespace tiered_commission_test {
using namespace bulwark::cost;
using bulwark::test::WithinRel;

fill_context shares(double quantity, double month_to_date, double price = 50.0) {
  return {.quantity = quantity, .price = price, .month_to_date_volume = month_to_date};
}
}  // namespace tiered_commission_test

TEST_CASE("a tiered schedule charges the rate of the month's volume so far",
          "[cost][commission]") {
  using namespace tiered_commission_test;
  const tiered_commission ib{};
  // IBKR Pro Tiered: 1,000 shares early in the month at $0.0035 = $3.50.
  CHECK_THAT(ib.cost(shares(1'000, 0)), WithinRel(3.50, 1e-15));
  // The 300,000th share is still in tier 1; from 300,000 done, tier 2 ($0.002).
  CHECK_THAT(ib.cost(shares(1'000, 299'999)), WithinRel(3.50, 1e-15));
  CHECK_THAT(ib.cost(shares(1'000, 300'000)), WithinRel(2.00, 1e-15));
  CHECK_THAT(ib.cost(shares(1'000, 5'000'000)), WithinRel(1.50, 1e-15));
  CHECK_THAT(ib.cost(shares(1'000, 50'000'000)), WithinRel(1.00, 1e-15));
  CHECK_THAT(ib.cost(shares(1'000, 2e8)), WithinRel(0.50, 1e-15));
  // 10 shares: $0.035 -> the $0.35 minimum; 10 shares at $1: capped at 1 % x $10 = $0.10.
  CHECK(ib.cost(shares(10, 0)) == 0.35);
  CHECK_THAT(ib.cost(shares(10, 0, 1.0)), WithinRel(0.10, 1e-15));
  CHECK(ib.rate_at(299'999.5) == 0.0035);
  CHECK(fmt::format("{}", tiered_commission{.tiers = {{0, 0.01}, {1000, 0.005}}, .min = 1}) ==
        "tiered_commission{from 0: 0.01/unit, from 1000: 0.005/unit, min 1, max 0.01 of value, per_order}");
}

TEST_CASE("a tiered schedule needs the month's volume and valid tiers", "[cost][commission]") {
  using namespace tiered_commission_test;
  using bulwark::test::throws_error;
  const cost_model model{tiered_commission{}};
  fill_context no_volume = shares(100, 0);
  no_volume.month_to_date_volume.reset();
  CHECK_THROWS_MATCHES(model.cost(no_volume), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context",
                                    "fill context has no month_to_date_volume, which part 0 (tiered_commission) needs"));
  const char* id = "bulwark.cost.commission";
  CHECK_THROWS_MATCHES(tiered_commission{.tiers = {}}.validate(), bulwark::config_error,
                       throws_error(id, "no tiers"));
  CHECK_THROWS_MATCHES((tiered_commission{.tiers = {{10, 0.01}}}.validate()), bulwark::config_error,
                       throws_error(id, "the first tier starts at 10; expected 0"));
  CHECK_THROWS_MATCHES((tiered_commission{.tiers = {{0, 0.01}, {0, 0.005}}}.validate()), bulwark::config_error,
                       throws_error(id, "tiers[1].from_volume 0 is not finite and above the previous tier's 0"));
  CHECK_THROWS_MATCHES((tiered_commission{.tiers = {{0, 0.01}, {5, -0.005}}}.validate()), bulwark::config_error,
                       throws_error(id, "tiers[1].rate -0.005 must be finite and >= 0"));
}
