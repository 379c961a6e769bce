// SPDX-License-Identifier: MIT
#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>

#include <date/date.h>
#include <fmt/format.h>

#include "bulwark/calendar/us_eastern.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace us_eastern_test {
using namespace std::chrono_literals;
using bulwark::timestamp;

// "2013-10-07T09:30:00.000-04:00" or "2007-03-11T07:00:00Z": the instant, and the offset
// written in the text (0 for Z).
struct written_instant {
  timestamp utc;
  std::chrono::minutes offset;
};
inline written_instant parse_written(const std::string& text) {
  std::istringstream in{text};
  date::sys_time<std::chrono::milliseconds> t;
  std::chrono::minutes offset{0};
  if (text.back() == 'Z') {
    in >> date::parse("%FT%TZ", t);
  } else {
    in >> date::parse("%FT%T%Ez", t, offset);
  }
  REQUIRE_FALSE(in.fail());
  return {timestamp{t}, offset};
}

inline std::filesystem::path reference(const char* name) {
  return std::filesystem::path{__FILE__}.parent_path() / "reference" / name;
}
}  // namespace us_eastern_test

TEST_CASE("daylight-saving periods equal the tz database's for 1987..2100", "[calendar][us_eastern]") {
  using namespace us_eastern_test;
  // Reference: reference/us_eastern_dst.csv, from Python's zoneinfo (America/New_York).
  const bulwark::test::csv_table dst{us_eastern_test::reference("us_eastern_dst.csv")};
  REQUIRE(dst.size() == 114);
  for (std::size_t i = 0; i < dst.size(); ++i) {
    const int year = std::stoi(dst.cell(i, "year"));
    INFO(year);
    const auto begin = us_eastern_test::parse_written(dst.cell(i, "begin_utc")).utc;
    const auto end = us_eastern_test::parse_written(dst.cell(i, "end_utc")).utc;
    const auto period = bulwark::calendar::us_eastern_daylight_saving(date::year{year});
    CHECK(period.begin == begin);
    CHECK(period.end == end);
    // The offset flips exactly at the transitions.
    CHECK(bulwark::calendar::us_eastern_utc_offset(begin - 1ns) == -300min);
    CHECK(bulwark::calendar::us_eastern_utc_offset(begin) == -240min);
    CHECK(bulwark::calendar::us_eastern_utc_offset(end - 1ns) == -240min);
    CHECK(bulwark::calendar::us_eastern_utc_offset(end) == -300min);
  }
}

TEST_CASE("the 2007 rule change moves both transitions", "[calendar][us_eastern]") {
  using namespace us_eastern_test;
  using namespace date;
  using bulwark::calendar::us_eastern_daylight_saving;
  // 15 U.S.C. 260a before and after the Energy Policy Act of 2005.
  CHECK(fmt::format("{}", us_eastern_daylight_saving(2006_y)) ==
        "2006-04-02T07:00:00Z .. 2006-10-29T06:00:00Z");
  CHECK(fmt::format("{}", us_eastern_daylight_saving(2007_y)) ==
        "2007-03-11T07:00:00Z .. 2007-11-04T06:00:00Z");
  // 2007-03-12 was EDT under the new rule and would have been EST under the old one.
  CHECK(bulwark::calendar::us_eastern_utc_offset(bulwark::make_timestamp(2007_y / March / 12, 14h)) ==
        -240min);
  CHECK(bulwark::calendar::us_eastern_utc_offset(bulwark::make_timestamp(2006_y / March / 13, 14h)) ==
        -300min);
}

TEST_CASE("New York wall-clock time round-trips and refuses skipped or repeated times",
          "[calendar][us_eastern]") {
  using namespace us_eastern_test;
  using namespace date;
  using bulwark::calendar::from_us_eastern;
  using bulwark::calendar::to_us_eastern;
  using bulwark::test::throws_error;
  const local_days march_10{2024_y / March / 10};  // spring forward at 02:00
  const local_days nov_3{2024_y / November / 3};   // fall back at 02:00
  CHECK(from_us_eastern(march_10, 1h + 59min) ==
        bulwark::make_timestamp(2024_y / March / 10, 6h + 59min));
  CHECK(from_us_eastern(march_10, 3h) == bulwark::make_timestamp(2024_y / March / 10, 7h));
  CHECK_THROWS_MATCHES(from_us_eastern(march_10, 2h + 30min), bulwark::input_error,
                       throws_error("bulwark.calendar.us_eastern", "does not exist"));
  CHECK_THROWS_MATCHES(from_us_eastern(nov_3, 1h + 30min), bulwark::input_error,
                       throws_error("bulwark.calendar.us_eastern", "occurs twice"));
  CHECK(from_us_eastern(nov_3, 2h) == bulwark::make_timestamp(2024_y / November / 3, 7h));
  CHECK_THROWS_MATCHES(from_us_eastern(nov_3, 24h), bulwark::input_error,
                       throws_error("bulwark.calendar.us_eastern", "outside [0, 24h)"));
  const auto t = bulwark::make_timestamp(2024_y / July / 1, 13h + 30min);
  CHECK(to_us_eastern(t) == local_days{2024_y / July / 1} + 9h + 30min);
  CHECK(from_us_eastern(local_days{2024_y / July / 1}, 9h + 30min) == t);
}

TEST_CASE("US Eastern time outside 1987..2100 is an error, not a guess", "[calendar][us_eastern]") {
  using namespace us_eastern_test;
  using namespace date;
  using bulwark::test::throws_error;
  CHECK_THROWS_MATCHES(bulwark::calendar::us_eastern_daylight_saving(1986_y), bulwark::input_error,
                       throws_error("bulwark.calendar.us_eastern", "year 1986 outside"));
  CHECK_THROWS_MATCHES(
      bulwark::calendar::us_eastern_utc_offset(bulwark::make_timestamp(2101_y / January / 1)),
      bulwark::input_error, throws_error("bulwark.calendar.us_eastern", "year 2101"));
  CHECK_THROWS_MATCHES(bulwark::calendar::from_us_eastern(local_days{1970_y / June / 1}, 9h),
                       bulwark::input_error, throws_error("bulwark.calendar.us_eastern", "1970"));
}

TEST_CASE("offsets equal those written in Lean's New York minute bars", "[calendar][us_eastern][real-data]") {
  using namespace us_eastern_test;
  BULWARK_REQUIRE_SHARED_DATA(data);
  // Lean writes each bar start with its New York offset; 2013-10-04..11 is all EDT.
  const bulwark::test::csv_table bars{data / "intraday/lean_spy_minute_trade_20131004_20131011.csv"};
  REQUIRE(bars.size() == 4839);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto written = us_eastern_test::parse_written(bars.cell(i, "timestamp"));
    REQUIRE(bulwark::calendar::us_eastern_utc_offset(written.utc) == written.offset);
  }
}
