// SPDX-License-Identifier: MIT
#include <chrono>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

#include "bulwark/calendar/trading_calendar.hpp"
#include "bulwark/calendar/xnys.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace xnys_test {
using namespace std::chrono_literals;
using namespace date;
using bulwark::timestamp;
using bulwark::calendar::xnys;

inline sys_days parse_day(const std::string& text) {
  std::istringstream in{text};
  sys_days d;
  in >> date::parse("%F", d);
  REQUIRE_FALSE(in.fail());
  return d;
}

inline timestamp parse_utc(const std::string& text) {
  std::istringstream in{text};
  sys_seconds t;
  in >> date::parse("%FT%TZ", t);
  REQUIRE_FALSE(in.fail());
  return timestamp{t};
}

inline std::filesystem::path reference(const char* name) {
  return std::filesystem::path{__FILE__}.parent_path() / "reference" / name;
}

inline timestamp utc(year_month_day d, std::chrono::minutes time_of_day) {
  return bulwark::make_timestamp(d, time_of_day);
}

// The days of `y` that the published schedule lists as holidays, and its 13:00 closes.
struct published_year {
  int year;
  std::vector<year_month_day> holidays;
  std::vector<year_month_day> early_closes;
};

inline void check_year(const xnys& nyse, const published_year& p) {
  INFO(p.year);
  const sys_days first{year{p.year} / January / 1};
  const sys_days last{year{p.year} / December / 31};
  std::vector<sys_days> closed_weekdays;
  std::vector<sys_days> early;
  for (sys_days d = first; d <= last; d += days{1}) {
    if (bulwark::calendar::is_weekend(d)) continue;
    if (!nyse.is_session(d)) closed_weekdays.push_back(d);
    else if (nyse.is_early_close(d)) early.push_back(d);
  }
  std::vector<sys_days> expected_closed(p.holidays.begin(), p.holidays.end());
  std::vector<sys_days> expected_early(p.early_closes.begin(), p.early_closes.end());
  CHECK(closed_weekdays == expected_closed);
  CHECK(early == expected_early);
  for (sys_days d : expected_early) CHECK(nyse.close(d) == nyse.open(d) + 3h + 30min);
}
}  // namespace xnys_test

TEST_CASE("every day of 1990..2099 matches the independent rule tables", "[calendar][xnys]") {
  using namespace xnys_test;
  // reference/xnys_special_days.csv: exchange_calendars' XNYS rules restated with pandas'
  // holiday machinery; reference/us_eastern_dst.csv: Python's zoneinfo.
  const bulwark::test::csv_table special{reference("xnys_special_days.csv")};
  std::map<sys_days, std::string> status;
  for (std::size_t i = 0; i < special.size(); ++i) {
    status[parse_day(special.cell(i, "date"))] = special.cell(i, "status");
  }
  const bulwark::test::csv_table dst{reference("us_eastern_dst.csv")};
  std::map<int, std::pair<timestamp, timestamp>> dst_periods;
  for (std::size_t i = 0; i < dst.size(); ++i) {
    dst_periods[std::stoi(dst.cell(i, "year"))] = {parse_utc(dst.cell(i, "begin_utc")),
                                                parse_utc(dst.cell(i, "end_utc"))};
  }
  // New York wall-clock time on a weekday -> UTC, by the reference's transition instants.
  const auto to_utc = [&](sys_days d, std::chrono::minutes local) {
    const timestamp as_daylight = timestamp{d} + local + 4h;
    const auto [begin, end] = dst_periods.at(static_cast<int>(year_month_day{d}.year()));
    return as_daylight >= begin && as_daylight < end ? as_daylight : as_daylight + 1h;
  };

  const xnys nyse;
  std::size_t sessions = 0, early = 0, checked_days = 0;
  for (sys_days d = xnys::first_day; d <= xnys::last_day; d += days{1}) {
    ++checked_days;
    const auto it = status.find(d);
    const bool weekend = weekday{d} == Saturday || weekday{d} == Sunday;
    const bool expected_session = !weekend && (it == status.end() || it->second != "closed");
    if (nyse.is_session(d) != expected_session) {
      FAIL_CHECK(fmt::format("{}: is_session {}, reference {}", bulwark::iso8601(d),
                             nyse.is_session(d), expected_session));
      continue;
    }
    if (!expected_session) continue;
    ++sessions;
    std::chrono::minutes close = 16h;
    if (it != status.end()) {
      close = it->second == "13:00" ? 13h : 14h;
      ++early;
    }
    if (nyse.open(d) != to_utc(d, 9h + 30min) || nyse.close(d) != to_utc(d, close) ||
        nyse.is_early_close(d) != (close != 16h)) {
      FAIL_CHECK(fmt::format("{}: {} vs reference close {}:00 New York", bulwark::iso8601(d),
                             nyse.session(d), close.count() / 60));
    }
  }
  CHECK(checked_days == 40177);
  CHECK(nyse.session_count(xnys::first_day, xnys::last_day) == sessions);
  CHECK(early > 100);
}

TEST_CASE("2019 equals exchange_calendars' XNYS test resource", "[calendar][xnys][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace xnys_test;
  const bulwark::test::csv_table ec{data / "calendar/xnys_2019.csv"};
  REQUIRE(ec.size() == 252);
  const xnys nyse;
  const auto sessions = nyse.sessions(sys_days{2019_y / January / 1}, sys_days{2019_y / December / 31});
  REQUIRE(sessions.size() == ec.size());
  for (std::size_t i = 0; i < ec.size(); ++i) {
    INFO(ec.cell(i, ""));
    const sys_days day{date::floor<days>(parse_utc(ec.cell(i, "")))};
    CHECK(sessions[i] == day);
    CHECK(nyse.open(day) == parse_utc(ec.cell(i, "open")));
    CHECK(nyse.close(day) == parse_utc(ec.cell(i, "close")));
    CHECK(ec.cell(i, "break_start").empty());
  }
}

TEST_CASE("holidays and early closes of years the NYSE published", "[calendar][xnys]") {
  using namespace xnys_test;
  const xnys nyse;
  // NYSE holiday schedules. 2005: a Saturday New Year's Day is not observed (2004-12-31 was
  // a session) and Christmas on Sunday moves to Monday.
  check_year(nyse, {2005,
                    {2005_y / 1 / 17, 2005_y / 2 / 21, 2005_y / 3 / 25, 2005_y / 5 / 30, 2005_y / 7 / 4,
                     2005_y / 9 / 5, 2005_y / 11 / 24, 2005_y / 12 / 26},
                    {2005_y / 11 / 25}});
  CHECK(nyse.is_session(sys_days{2004_y / December / 31}));
  // 2007: the day of mourning for Gerald Ford, early closes on July 3 and December 24.
  check_year(nyse, {2007,
                    {2007_y / 1 / 1, 2007_y / 1 / 2, 2007_y / 1 / 15, 2007_y / 2 / 19, 2007_y / 4 / 6,
                     2007_y / 5 / 28, 2007_y / 7 / 4, 2007_y / 9 / 3, 2007_y / 11 / 22, 2007_y / 12 / 25},
                    {2007_y / 7 / 3, 2007_y / 11 / 23, 2007_y / 12 / 24}});
  // 2012: Hurricane Sandy; July 3 (Tuesday) early.
  check_year(nyse, {2012,
                    {2012_y / 1 / 2, 2012_y / 1 / 16, 2012_y / 2 / 20, 2012_y / 4 / 6, 2012_y / 5 / 28,
                     2012_y / 7 / 4, 2012_y / 9 / 3, 2012_y / 10 / 29, 2012_y / 10 / 30,
                     2012_y / 11 / 22, 2012_y / 12 / 25},
                    {2012_y / 7 / 3, 2012_y / 11 / 23, 2012_y / 12 / 24}});
  // 2021: Independence Day on Sunday -> Monday, Christmas on Saturday -> Friday, and no
  // Friday holiday for New Year's Day 2022 (a Saturday).
  check_year(nyse, {2021,
                    {2021_y / 1 / 1, 2021_y / 1 / 18, 2021_y / 2 / 15, 2021_y / 4 / 2, 2021_y / 5 / 31,
                     2021_y / 7 / 5, 2021_y / 9 / 6, 2021_y / 11 / 25, 2021_y / 12 / 24},
                    {2021_y / 11 / 26}});
  // 2022: the first Juneteenth (Sunday -> Monday June 20).
  check_year(nyse, {2022,
                    {2022_y / 1 / 17, 2022_y / 2 / 21, 2022_y / 4 / 15, 2022_y / 5 / 30, 2022_y / 6 / 20,
                     2022_y / 7 / 4, 2022_y / 9 / 5, 2022_y / 11 / 24, 2022_y / 12 / 26},
                    {2022_y / 11 / 25}});
  check_year(nyse, {2023,
                    {2023_y / 1 / 2, 2023_y / 1 / 16, 2023_y / 2 / 20, 2023_y / 4 / 7, 2023_y / 5 / 29,
                     2023_y / 6 / 19, 2023_y / 7 / 4, 2023_y / 9 / 4, 2023_y / 11 / 23, 2023_y / 12 / 25},
                    {2023_y / 7 / 3, 2023_y / 11 / 24}});
  // 2025: the day of mourning for Jimmy Carter; July 3 (Thursday) and December 24 early.
  check_year(nyse, {2025,
                    {2025_y / 1 / 1, 2025_y / 1 / 9, 2025_y / 1 / 20, 2025_y / 2 / 17, 2025_y / 4 / 18,
                     2025_y / 5 / 26, 2025_y / 6 / 19, 2025_y / 7 / 4, 2025_y / 9 / 1, 2025_y / 11 / 27,
                     2025_y / 12 / 25},
                    {2025_y / 7 / 3, 2025_y / 11 / 28, 2025_y / 12 / 24}});
}

TEST_CASE("rule boundaries: MLK Day from 1998, 14:00 closes before 1993, July 5 until 2012",
          "[calendar][xnys]") {
  using namespace xnys_test;
  const xnys nyse;
  CHECK(nyse.is_session(sys_days{1997_y / January / 20}));   // third Monday, before 1998
  CHECK_FALSE(nyse.is_session(sys_days{1998_y / January / 19}));
  CHECK(nyse.describe(sys_days{1998_y / January / 19}) == "Martin Luther King Jr. Day");
  // Christmas Eve 1992 (Thursday) at 14:00 EST, 1993's Friday was Christmas observed.
  CHECK(nyse.close(sys_days{1992_y / December / 24}) == utc(1992_y / December / 24, 19h));
  CHECK_FALSE(nyse.is_session(sys_days{1993_y / December / 24}));
  CHECK(nyse.close(sys_days{1996_y / December / 24}) == utc(1996_y / December / 24, 18h));
  // Day after Thanksgiving: a full day in 1991, 14:00 in 1992, 13:00 from 1993.
  CHECK_FALSE(nyse.is_early_close(sys_days{1991_y / November / 29}));
  CHECK(nyse.close(sys_days{1992_y / November / 27}) == utc(1992_y / November / 27, 19h));
  CHECK(nyse.close(sys_days{1993_y / November / 26}) == utc(1993_y / November / 26, 18h));
  // July 4 on a Thursday: the Friday after closed early until 2012, the Wednesday before
  // from 2013 (2002 and 2013, 2019).
  CHECK(nyse.is_early_close(sys_days{2002_y / July / 5}));
  CHECK_FALSE(nyse.is_early_close(sys_days{2002_y / July / 3}));
  CHECK(nyse.is_early_close(sys_days{2013_y / July / 3}));
  CHECK_FALSE(nyse.is_early_close(sys_days{2013_y / July / 5}));
  CHECK(nyse.close(sys_days{2019_y / July / 3}) == utc(2019_y / July / 3, 17h));  // EDT
  // No July 3 early close before 1995 (1991-07-03 was a Wednesday, 1994-07-03 a Sunday;
  // 1990-07-03 a Tuesday).
  CHECK_FALSE(nyse.is_early_close(sys_days{1990_y / July / 3}));
  CHECK(nyse.is_early_close(sys_days{1995_y / July / 3}));
}

TEST_CASE("every one-off closure and special close since 1990", "[calendar][xnys]") {
  using namespace xnys_test;
  const xnys nyse;
  struct closure {
    year_month_day day;
    const char* reason;
  };
  const closure closures[] = {
      {1994_y / April / 27, "national day of mourning: Richard Nixon"},
      {2001_y / September / 11, "September 11 attacks"},
      {2001_y / September / 12, "September 11 attacks"},
      {2001_y / September / 13, "September 11 attacks"},
      {2001_y / September / 14, "September 11 attacks"},
      {2004_y / June / 11, "national day of mourning: Ronald Reagan"},
      {2007_y / January / 2, "national day of mourning: Gerald Ford"},
      {2012_y / October / 29, "Hurricane Sandy"},
      {2012_y / October / 30, "Hurricane Sandy"},
      {2018_y / December / 5, "national day of mourning: George H. W. Bush"},
      {2025_y / January / 9, "national day of mourning: Jimmy Carter"},
  };
  for (const auto& c : closures) {
    INFO(fmt::format("{}", bulwark::iso8601(c.day)));
    CHECK_FALSE(nyse.is_session(sys_days{c.day}));
    CHECK(nyse.describe(sys_days{c.day}) == c.reason);
  }
  // The special 13:00 closes (exchange_calendars' special_closes_adhoc).
  CHECK(nyse.close(sys_days{1997_y / December / 26}) == utc(1997_y / December / 26, 18h));
  CHECK(nyse.close(sys_days{1999_y / December / 31}) == utc(1999_y / December / 31, 18h));
  CHECK(nyse.close(sys_days{2003_y / December / 26}) == utc(2003_y / December / 26, 18h));
  CHECK(nyse.describe(sys_days{1999_y / December / 31}) == "early close: New Year's Eve 1999");
  // Regular days and weekends describe themselves too.
  CHECK(nyse.describe(sys_days{2019_y / July / 2}).empty());
  CHECK(nyse.describe(sys_days{2019_y / July / 6}) == "Saturday");
  CHECK(nyse.describe(sys_days{2019_y / April / 19}) == "Good Friday");
}

TEST_CASE("navigation: neighbours, counts, ranges", "[calendar][xnys]") {
  using namespace xnys_test;
  const xnys nyse;
  // Around September 11, 2001: Monday 10th, then closed until Monday 17th.
  CHECK(nyse.next_session(sys_days{2001_y / September / 10}) == sys_days{2001_y / September / 17});
  CHECK(nyse.previous_session(sys_days{2001_y / September / 17}) ==
        sys_days{2001_y / September / 10});
  CHECK(nyse.next_session(sys_days{2019_y / July / 3}) == sys_days{2019_y / July / 5});
  CHECK(nyse.previous_session(sys_days{2019_y / January / 2}) == sys_days{2018_y / December / 31});
  CHECK(nyse.session_count(sys_days{2019_y / January / 1}, sys_days{2019_y / December / 31}) == 252);
  CHECK(nyse.session_count(sys_days{2019_y / July / 3}, sys_days{2019_y / July / 3}) == 1);
  CHECK(nyse.session_count(sys_days{2019_y / July / 4}, sys_days{2019_y / July / 3}) == 0);
  const auto september = nyse.sessions(sys_days{2001_y / September / 7}, sys_days{2001_y / September / 18});
  CHECK(september == std::vector<sys_days>{sys_days{2001_y / September / 7}, sys_days{2001_y / September / 10},
                                           sys_days{2001_y / September / 17}, sys_days{2001_y / September / 18}});
  CHECK(nyse.sessions(sys_days{2019_y / July / 6}, sys_days{2019_y / July / 7}).empty());
  static_assert(bulwark::calendar::TradingCalendar<xnys>);
}

TEST_CASE("instants: is_open, next open and close, minutes to the open", "[calendar][xnys]") {
  using namespace xnys_test;
  const xnys nyse;
  const auto open = utc(2019_y / July / 3, 13h + 30min);   // 09:30 EDT
  const auto close = utc(2019_y / July / 3, 17h);          // 13:00 EDT, early close
  CHECK(nyse.session(sys_days{2019_y / July / 3}) ==
        bulwark::calendar::trading_session{sys_days{2019_y / July / 3}, open, close});
  CHECK_FALSE(nyse.is_open(open - 1ns));
  CHECK(nyse.is_open(open));
  CHECK(nyse.is_open(close - 1ns));
  CHECK_FALSE(nyse.is_open(close));
  CHECK_FALSE(nyse.is_open(utc(2019_y / July / 4, 15h)));  // Independence Day
  // In winter the open is 14:30 UTC.
  CHECK_FALSE(nyse.is_open(utc(2019_y / December / 2, 14h)));
  CHECK(nyse.is_open(utc(2019_y / December / 2, 14h + 30min)));

  CHECK(nyse.next_open(open - 1h) == open);
  CHECK(nyse.next_open(open) == open);
  CHECK(nyse.next_open(open + 1min) == utc(2019_y / July / 5, 13h + 30min));
  CHECK(nyse.next_close(open) == close);
  CHECK(nyse.next_close(close) == utc(2019_y / July / 5, 20h));
  // Friday 2019-07-05 at the close (20:00 UTC) to Monday's open (13:30 UTC): 65.5 hours.
  CHECK(nyse.minutes_to_next_open(utc(2019_y / July / 5, 20h)) == std::chrono::minutes{65 * 60 + 30});
  CHECK(nyse.minutes_to_next_open(open - 30s) == 1min);  // rounded up
  CHECK(nyse.minutes_to_next_open(open) == 0min);
  // Late on a New York evening that is already the next day in UTC.
  CHECK(nyse.next_open(utc(2019_y / July / 6, 2h)) == utc(2019_y / July / 8, 13h + 30min));

  // Hours are half-open: a range ending at an open or starting at a close does not touch
  // that session.
  const auto between = nyse.sessions_between(utc(2019_y / July / 2, 19h), utc(2019_y / July / 5, 13h + 30min));
  CHECK(between == std::vector<sys_days>{sys_days{2019_y / July / 2}, sys_days{2019_y / July / 3}});
  CHECK(nyse.sessions_between(utc(2019_y / July / 2, 20h), utc(2019_y / July / 5, 13h + 31min)) ==
        std::vector<sys_days>{sys_days{2019_y / July / 3}, sys_days{2019_y / July / 5}});
  CHECK(nyse.sessions_between(close, close + 20h).empty());
  CHECK(fmt::format("{}", nyse) == "XNYS 1990-01-01..2099-12-31");
  CHECK(fmt::format("{}", nyse.session(sys_days{2019_y / July / 3})) ==
        "2019-07-03 2019-07-03T13:30:00Z..2019-07-03T17:00:00Z");
}

TEST_CASE("outside its range, or asked for a session that is not one, xnys says so", "[calendar][xnys]") {
  using namespace xnys_test;
  using bulwark::test::throws_error;
  const xnys nyse;
  CHECK_FALSE(xnys::contains(sys_days{1989_y / December / 31}));
  CHECK(xnys::contains(sys_days{2099_y / December / 31}));
  CHECK_THROWS_MATCHES(nyse.is_session(sys_days{1989_y / December / 29}), bulwark::input_error,
                       throws_error("bulwark.calendar.xnys",
                                    "is_session: 1989-12-29 outside the calendar's range 1990-01-01..2099-12-31"));
  CHECK_THROWS_MATCHES(nyse.next_session(sys_days{2099_y / December / 31}), bulwark::input_error,
                       throws_error("bulwark.calendar.xnys", "no session after 2099-12-31"));
  CHECK_THROWS_MATCHES(nyse.previous_session(sys_days{1990_y / January / 2}), bulwark::input_error,
                       throws_error("bulwark.calendar.xnys", "no session before 1990-01-02"));
  CHECK_THROWS_MATCHES(nyse.open(sys_days{2019_y / July / 4}), bulwark::input_error,
                       throws_error("bulwark.calendar.xnys", "open: 2019-07-04 is not a session (Independence Day)"));
  CHECK_THROWS_MATCHES(nyse.close(sys_days{2019_y / July / 6}), bulwark::input_error,
                       throws_error("bulwark.calendar.xnys", "2019-07-06 is not a session (Saturday)"));
  CHECK_THROWS_MATCHES(nyse.is_open(utc(1990_y / January / 1, 3h)), bulwark::input_error,
                       throws_error("bulwark.calendar.xnys", "is_open: 1990-01-01T03:00:00Z outside"));
  CHECK_THROWS_MATCHES(nyse.next_open(utc(2101_y / January / 1, 0h)), bulwark::input_error,
                       throws_error("bulwark.calendar.xnys", "next_open: 2101-01-01T00:00:00Z outside"));
  CHECK_THROWS_MATCHES(nyse.sessions_between(utc(2019_y / July / 5, 0h), utc(2019_y / July / 4, 0h)),
                       bulwark::input_error, throws_error("bulwark.calendar.xnys", "before from"));
  CHECK_THROWS_MATCHES(nyse.session_count(sys_days{2019_y / July / 5}, sys_days{2100_y / January / 1}),
                       bulwark::input_error, throws_error("bulwark.calendar.xnys", "2100-01-01 outside"));
}
