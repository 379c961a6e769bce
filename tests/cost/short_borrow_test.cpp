// SPDX-License-Identifier: MIT
#include <chrono>

#include <fmt/format.h>

#include "bulwark/cost/short_borrow.hpp"
#include "support/catch.hpp"

namespace short_borrow_test {
using namespace bulwark::cost;
using namespace std::chrono_literals;
using bulwark::test::WithinRel;
using date::year;

fill_context leg(bulwark::side s, date::year_month_day day, bulwark::duration at = 15h) {
  return {.side = s, .quantity = 1'000, .price = 100.0, .time = bulwark::make_timestamp(day, at)};
}
}  // namespace short_borrow_test

TEST_CASE("short borrow accrues rate/360 a calendar day on the short notional",
          "[cost][borrow]") {
  using namespace short_borrow_test;
  const short_borrow gc{.annual_rate = dated_schedule<double>::always(0.0025)};
  // $100,000 short from Friday 2024-06-07 to Monday 2024-06-10: 3 days,
  // 100,000 x 0.0025 x 3 / 360 = $2.08333...
  CHECK_THAT(gc.carry_cost(leg(bulwark::side::sell, year{2024} / 6 / 7), leg(bulwark::side::buy, year{2024} / 6 / 10)),
             WithinRel(100'000 * 0.0025 * 3 / 360, 1e-15));
  // Opened and covered the same day: nothing accrues; a long accrues nothing here.
  CHECK(gc.carry_cost(leg(bulwark::side::sell, year{2024} / 6 / 7, 14h), leg(bulwark::side::buy, year{2024} / 6 / 7, 19h)) == 0.0);
  CHECK(gc.carry_cost(leg(bulwark::side::buy, year{2024} / 6 / 7), leg(bulwark::side::sell, year{2024} / 6 / 10)) == 0.0);
  // actual/365.
  const short_borrow gc365{.annual_rate = dated_schedule<double>::always(0.0025),
                           .day_count = bulwark::calendar_days_per_year};
  CHECK_THAT(gc365.accrued(100'000, date::sys_days{year{2024} / 1 / 1}, date::sys_days{year{2025} / 1 / 1}),
             WithinRel(100'000 * 0.0025 * 366 / 365, 1e-15));
}

TEST_CASE("short borrow follows dated rate changes day by day", "[cost][borrow]") {
  using namespace short_borrow_test;
  // The stock turns hard to borrow on Sunday 2024-06-09: 0.25 % -> 12 %.
  const short_borrow htb{.annual_rate = {{{year{2024} / 1 / 2, 0.0025}, {year{2024} / 6 / 9, 0.12}}}};
  // Friday to Monday: the 7th and 8th at 0.25 %, the 9th at 12 %:
  // 100,000 x (2 x 0.0025 + 0.12) / 360 = $34.7222...
  CHECK_THAT(htb.carry_cost(leg(bulwark::side::sell, year{2024} / 6 / 7), leg(bulwark::side::buy, year{2024} / 6 / 10)),
             WithinRel(100'000 * (2 * 0.0025 + 0.12) / 360, 1e-15));
  CHECK(htb.check_carry(leg(bulwark::side::sell, year{2024} / 1 / 1), leg(bulwark::side::buy, year{2024} / 1 / 5)) ==
        fill_problem::no_rate_for_date);
  CHECK(htb.check_carry(leg(bulwark::side::sell, year{2024} / 1 / 5), leg(bulwark::side::buy, year{2024} / 1 / 4)) ==
        fill_problem::bad_holding_period);
  CHECK(htb.check_carry(leg(bulwark::side::buy, year{2023} / 1 / 5), leg(bulwark::side::sell, year{2023} / 1 / 9)) ==
        fill_problem::none);
  CHECK(fmt::format("{}", htb) == "short_borrow{annual rate 2024-01-02: 0.0025, 2024-06-09: 0.12; actual/360}");
}

TEST_CASE("short borrow configuration errors", "[cost][borrow]") {
  using namespace short_borrow_test;
  using bulwark::test::throws_error;
  CHECK_THROWS_MATCHES(short_borrow{}.validate(), bulwark::config_error,
                       throws_error("bulwark.cost.borrow", "the annual rate table is empty"));
  CHECK_THROWS_MATCHES(short_borrow{.annual_rate = dated_schedule<double>::always(-0.01)}.validate(),
                       bulwark::config_error,
                       throws_error("bulwark.cost.borrow", "annual rate from 1970-01-01 -0.01 must be finite and >= 0"));
}
