// SPDX-License-Identifier: MIT
#include <date/date.h>

#include "bulwark/calendar/holiday_rules.hpp"
#include "support/catch.hpp"

namespace holiday_rules_test {
struct easter_case {
  int year;
  unsigned month, day;
};
// From python-dateutil's independent implementation (Western / Gregorian method):
//   from dateutil.easter import easter
//   [easter(y) for y in (1583, 1818, 1943, 1990, 2000, 2008, 2011, 2019, 2024, 2038, 2049,
//                        2050, 2099, 2285, 4099)]
// including the earliest (March 22: 1818, 2285) and latest (April 25: 1943, 2038) dates.
constexpr easter_case easter_dates[] = {
    {1583, 4, 10}, {1818, 3, 22}, {1943, 4, 25}, {1990, 4, 15}, {2000, 4, 23},
    {2008, 3, 23}, {2011, 4, 24}, {2019, 4, 21}, {2024, 3, 31}, {2038, 4, 25},
    {2049, 4, 18}, {2050, 4, 10}, {2099, 4, 12}, {2285, 3, 22}, {4099, 4, 19},
};
}  // namespace holiday_rules_test

TEST_CASE("easter_sunday matches dateutil's computus, extremes included", "[calendar][holiday_rules]") {
  using namespace date;
  for (const auto& e : holiday_rules_test::easter_dates) {
    INFO(e.year);
    const year_month_day expected{year{e.year}, month{e.month}, day{e.day}};
    CHECK(bulwark::calendar::easter_sunday(year{e.year}) == expected);
    CHECK(weekday{sys_days{expected}} == Sunday);
  }
  static_assert(bulwark::calendar::easter_sunday(2024_y) == 2024_y / March / 31);
}

TEST_CASE("observance rules move weekend holidays as pandas does", "[calendar][holiday_rules]") {
  using namespace date;
  using bulwark::calendar::nearest_weekday;
  using bulwark::calendar::sunday_to_monday;
  // 2021-12-25 is a Saturday, 2022-12-25 a Sunday, 2019-12-25 a Wednesday.
  CHECK(nearest_weekday(sys_days{2021_y / December / 25}) == sys_days{2021_y / December / 24});
  CHECK(nearest_weekday(sys_days{2022_y / December / 25}) == sys_days{2022_y / December / 26});
  CHECK(nearest_weekday(sys_days{2019_y / December / 25}) == sys_days{2019_y / December / 25});
  // A Saturday stays put under sunday_to_monday (2022-01-01 is a Saturday).
  CHECK(sunday_to_monday(sys_days{2022_y / January / 1}) == sys_days{2022_y / January / 1});
  CHECK(sunday_to_monday(sys_days{2023_y / January / 1}) == sys_days{2023_y / January / 2});
  CHECK(bulwark::calendar::is_weekend(sys_days{2022_y / January / 1}));
  CHECK_FALSE(bulwark::calendar::is_weekend(sys_days{2022_y / January / 3}));
}
