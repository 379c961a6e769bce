// SPDX-License-Identifier: MIT
#include <cmath>

#include <fmt/format.h>

#include "bulwark/cost/square_root_impact.hpp"
#include "support/catch.hpp"

namespace square_root_impact_test {
using namespace bulwark::cost;
using bulwark::test::WithinRel;

fill_context order(double quantity, double sigma = 0.02, double adv = 1'000'000.0) {
  return {.quantity = quantity, .price = 50.0, .adv = adv, .daily_volatility = sigma};
}
}  // namespace square_root_impact_test

TEST_CASE("square-root impact: Y sigma sqrt(Q / ADV) of the notional", "[cost][impact]") {
  using namespace square_root_impact_test;
  const square_root_impact impact{};
  // 10,000 of 1,000,000 a day, sigma 2 %: 0.02 x sqrt(0.01) = 0.2 % of $500,000 = $1,000.
  CHECK_THAT(impact.impact_fraction(order(10'000)), WithinRel(0.002, 1e-15));
  CHECK_THAT(impact.cost(order(10'000)), WithinRel(1'000.0, 1e-12));
  // Four times the size, twice the impact per share: 8 x the cost.
  CHECK_THAT(impact.cost(order(40'000)), WithinRel(8'000.0, 1e-12));
  // Y = 0.5 halves it.
  CHECK_THAT(square_root_impact{.coefficient = 0.5}.cost(order(10'000)), WithinRel(500.0, 1e-12));
  // Two thirds permanent, one third temporary by default.
  const impact_split s = impact.split(order(10'000));
  CHECK_THAT(s.permanent, WithinRel(2'000.0 / 3.0, 1e-12));
  CHECK_THAT(s.temporary, WithinRel(1'000.0 / 3.0, 1e-12));
  CHECK(s.temporary + s.permanent == impact.cost(order(10'000)));
  // The participation cap: at most 10 % of ADV fills.
  CHECK(impact.fill_quantity(order(250'000)) == 100'000);
  CHECK(impact.fill_quantity(order(25'000)) == 25'000);
  CHECK(impact.cost(order(0)) == 0.0);
  CHECK(impact.needs() == (fill_input::adv | fill_input::daily_volatility));
  CHECK(fmt::format("{}", s) == fmt::format("temporary {} permanent {}", s.temporary, s.permanent));
  CHECK(fmt::format("{}", square_root_impact{.coefficient = 0.7, .permanent_fraction = 0.5}) ==
        "square_root_impact{Y 0.7, permanent 0.5, max participation 0.1 of ADV}");
}

TEST_CASE("square-root impact refuses a fill above its participation cap", "[cost][impact]") {
  using namespace square_root_impact_test;
  const square_root_impact impact{};
  // 10 % of an ADV of 1,000,000 is 100,000: that fills and is priced, one more is refused.
  CHECK(impact.check(order(100'000)) == fill_problem::none);
  CHECK(impact.check(order(100'001)) == fill_problem::over_participation);
  CHECK(impact.check(order(10'000'000)) == fill_problem::over_participation);  // 10 x ADV
  CHECK(square_root_impact{.max_participation = 0.2}.check(order(150'000)) == fill_problem::none);
  // A tiny ADV no longer turns Q / ADV into inf: the fill is refused.
  CHECK(impact.check(order(1.0, 0.02, 1e-300)) == fill_problem::over_participation);
  // Without an ADV the check does not read one (the model reports the missing input).
  CHECK(impact.check({.quantity = 5, .price = 1}) == fill_problem::none);
}

TEST_CASE("square-root impact configuration errors", "[cost][impact]") {
  using namespace square_root_impact_test;
  using bulwark::test::throws_error;
  CHECK_THROWS_MATCHES(square_root_impact{.coefficient = 0}.validate(), bulwark::config_error,
                       throws_error("bulwark.cost.impact", "coefficient 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES((square_root_impact{.permanent_fraction = 1.5}.validate()), bulwark::config_error,
                       throws_error("bulwark.cost.impact", "permanent_fraction 1.5 outside [0, 1]"));
  CHECK_THROWS_MATCHES((square_root_impact{.max_participation = 0}.validate()), bulwark::config_error,
                       throws_error("bulwark.cost.impact", "max_participation 0 outside (0, 1]"));
}
