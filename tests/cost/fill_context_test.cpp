// SPDX-License-Identifier: MIT
#include <chrono>
#include <limits>

#include <fmt/format.h>

#include "bulwark/cost/fill_context.hpp"
#include "support/catch.hpp"

namespace fill_context_test {

using namespace bulwark::cost;
constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

fill_context good() {
  return {.side = bulwark::side::sell, .quantity = 100, .price = 190.0,
          .time = bulwark::from_unix_seconds(1'717'425'000), .fee_class = fee_class::us_equity};
}

}  // namespace fill_context_test

TEST_CASE("a fill context says which optional inputs it has", "[cost][context]") {
  using namespace fill_context_test;
  fill_context c = good();
  CHECK(c.available() == fill_inputs{fill_input::fee_class});
  CHECK(c.notional() == 19'000.0);
  c.quote = bulwark::quote{.bid = 189.98, .ask = 190.02};
  c.bar_volume = 1e6;
  c.adv = 5e7;
  c.daily_volatility = 0.015;
  c.atr = 3.2;
  c.month_to_date_volume = 0.0;
  c.fee_class = fee_class::unspecified;
  const fill_inputs all = fill_input::quote | fill_input::bar_volume | fill_input::adv |
                          fill_input::daily_volatility | fill_input::atr |
                          fill_input::month_to_date_volume;
  CHECK(c.available() == all);
  CHECK(all.contains(fill_input::adv | fill_input::atr));
  CHECK_FALSE(all.contains(fill_input::fee_class));
  CHECK((fill_input::adv | fill_input::fee_class).missing_from(all) == fill_inputs{fill_input::fee_class});
  CHECK((fill_input::atr | fill_input::quote).first() == fill_input::quote);
  CHECK(fmt::format("{}", all) ==
        "quote|bar_volume|adv|daily_volatility|atr|month_to_date_volume");
  CHECK(fmt::format("{}", fill_inputs{}) == "none");
  CHECK(fmt::format("{}", c) ==
        "sell 100 @ 190 taker unspecified 2024-06-03T14:30:00Z quote 189.98/190.02 "
        "bar_volume 1000000 adv 50000000 daily_vol 0.015 atr 3.2 mtd_volume 0");
}

TEST_CASE("every bad value of a context is named", "[cost][context]") {
  using namespace fill_context_test;
  using bulwark::test::throws_error;
  CHECK(problem_of(good()) == fill_problem::none);
  bulwark::cost::require_valid(good());
  const auto problem_with = [](auto change) {
    fill_context c = good();
    change(c);
    return problem_of(c);
  };
  CHECK(problem_with([](fill_context& c) { c.side = static_cast<bulwark::side>(0); }) == fill_problem::bad_side);
  for (double bad : {not_a_number, inf, -1.0}) {
    CHECK(problem_with([&](fill_context& c) { c.quantity = bad; }) == fill_problem::bad_quantity);
    CHECK(problem_with([&](fill_context& c) { c.price = bad; }) == fill_problem::bad_price);
    CHECK(problem_with([&](fill_context& c) { c.bar_volume = bad; }) == fill_problem::bad_bar_volume);
    CHECK(problem_with([&](fill_context& c) { c.bar_volume_used = bad; }) == fill_problem::bad_bar_volume_used);
    CHECK(problem_with([&](fill_context& c) { c.adv = bad; }) == fill_problem::bad_adv);
    CHECK(problem_with([&](fill_context& c) { c.daily_volatility = bad; }) == fill_problem::bad_daily_volatility);
    CHECK(problem_with([&](fill_context& c) { c.atr = bad; }) == fill_problem::bad_atr);
    CHECK(problem_with([&](fill_context& c) { c.month_to_date_volume = bad; }) == fill_problem::bad_month_to_date_volume);
    CHECK(problem_with([&](fill_context& c) { c.quote = bulwark::quote{.bid = bad, .ask = 190}; }) == fill_problem::bad_quote);
  }
  // Zero is a valid quantity (no trade) but not a valid price or average daily volume.
  CHECK(problem_with([](fill_context& c) { c.quantity = 0; }) == fill_problem::none);
  CHECK(problem_with([](fill_context& c) { c.price = 0; }) == fill_problem::bad_price);
  CHECK(problem_with([](fill_context& c) { c.adv = 0.0; }) == fill_problem::bad_adv);
  CHECK(problem_with([](fill_context& c) { c.quote = bulwark::quote{.bid = 190.1, .ask = 190}; }) == fill_problem::bad_quote);
  CHECK(problem_with([](fill_context& c) { c.liq = static_cast<bulwark::liquidity>(7); }) == fill_problem::bad_liquidity);
  CHECK(problem_with([](fill_context& c) { c.fee_class = static_cast<fee_class>(9); }) == fill_problem::bad_fee_class);

  fill_context c = good();
  c.daily_volatility = inf;
  CHECK_THROWS_MATCHES(bulwark::cost::require_valid(c), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context",
                                    "fill context: daily volatility must be finite and >= 0 (got inf)"));
  c = good();
  c.side = static_cast<bulwark::side>(3);
  CHECK_THROWS_MATCHES(bulwark::cost::require_valid(c), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context", "side is neither buy nor sell (got 3)"));
  CHECK(fmt::format("{}", fill_problem::no_rate_for_date) == "no rate in the schedule for the fill's date");
  CHECK(fmt::format("{:>10}", fee_class::fx) == "        fx");
}
