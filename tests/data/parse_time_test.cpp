// SPDX-License-Identifier: MIT
#include <chrono>
#include <string_view>

#include "bulwark/data/parse_time.hpp"

#include "support/catch.hpp"

namespace parse_time_test {
using namespace std::chrono;
using bulwark::data::parse_time;
using bulwark::data::time_error;
using bulwark::data::time_format;

// Expected instants from the civil calendar (date.h), independent of the parser.
bulwark::timestamp at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  return bulwark::make_timestamp(date::year{y} / date::month{m} / date::day{d}, hours{hh} + minutes{mm} + seconds{ss});
}

time_error error_of(std::string_view text, time_format f = time_format::automatic) {
  return parse_time(text, f).error;
}
}  // namespace parse_time_test

TEST_CASE("ISO dates are the civil date at UTC midnight", "[data][parse_time]") {
  using namespace parse_time_test;
  const auto t = parse_time("1999-11-01", time_format::iso8601);
  REQUIRE(t.ok());
  CHECK(t.time == at(1999, 11, 1));
  CHECK(t.utc_offset_seconds == 0);
  CHECK(parse_time("2024-02-29", time_format::automatic).time == at(2024, 2, 29));
}

TEST_CASE("ISO date-times with an offset convert to UTC and keep the offset", "[data][parse_time]") {
  using namespace parse_time_test;
  // Lean's minute bars: New York daylight time is UTC-4.
  const auto lean = parse_time("2013-10-07T09:30:00.000-04:00", time_format::automatic);
  REQUIRE(lean.ok());
  CHECK(lean.time == at(2013, 10, 7, 13, 30));
  CHECK(lean.utc_offset_seconds == -4 * 3600);
  // yfinance: London summer time is UTC+1, so midnight local is 23:00 the day before.
  const auto london = parse_time("2022-06-06 00:00:00+01:00", time_format::iso8601);
  CHECK(london.time == at(2022, 6, 5, 23, 0));
  CHECK(london.utc_offset_seconds == 3600);
  CHECK(parse_time("2024-10-30 13:00:00+00:00", time_format::iso8601).time == at(2024, 10, 30, 13));
  CHECK(parse_time("2017-09-03T00:01:00Z", time_format::iso8601).time == at(2017, 9, 3, 0, 1));
  CHECK(parse_time("2017-09-03T05:31+0530", time_format::iso8601).time == at(2017, 9, 3, 0, 1));
  CHECK(parse_time("2017-09-03T05:01+05", time_format::iso8601).time == at(2017, 9, 3, 0, 1));
  CHECK(parse_time("2017-09-03T00:01", time_format::iso8601, true).time == at(2017, 9, 3, 0, 1));
  // Fractions of 1 to 9 digits.
  CHECK(parse_time("2020-01-01T00:00:00.5Z", time_format::iso8601).time ==
        at(2020, 1, 1) + milliseconds{500});
  CHECK(parse_time("2020-01-01T00:00:00.123456789Z", time_format::iso8601).time ==
        at(2020, 1, 1) + nanoseconds{123'456'789});
}

TEST_CASE("epoch seconds and milliseconds", "[data][parse_time]") {
  using namespace parse_time_test;
  // 2013-10-07T13:30:00Z = 1381152600 s (date -u -d 2013-10-07T13:30:00Z +%s).
  CHECK(parse_time("1381152600", time_format::unix_seconds).time == at(2013, 10, 7, 13, 30));
  CHECK(parse_time("1381152600000", time_format::unix_millis).time == at(2013, 10, 7, 13, 30));
  CHECK(parse_time("1381152600.25", time_format::unix_seconds).time ==
        at(2013, 10, 7, 13, 30) + milliseconds{250});
  CHECK(parse_time("-86400", time_format::unix_seconds).time == at(1969, 12, 31));
  // Automatic: 12 digits or more are milliseconds.
  CHECK(parse_time("1381152600", time_format::automatic).time == at(2013, 10, 7, 13, 30));
  CHECK(parse_time("1381152600000", time_format::automatic).time == at(2013, 10, 7, 13, 30));
  CHECK(bulwark::data::detect_time_format("2013-10-07") == time_format::iso8601);
  CHECK(bulwark::data::detect_time_format("99999999999") == time_format::unix_seconds);
  CHECK(bulwark::data::detect_time_format("100000000000") == time_format::unix_millis);
}

TEST_CASE("malformed times say why", "[data][parse_time]") {
  using namespace parse_time_test;
  CHECK(error_of("") == time_error::syntax);
  CHECK(error_of("2013/10/07") == time_error::syntax);
  CHECK(error_of("2013-10-7") == time_error::syntax);
  CHECK(error_of("2013-10-07x") == time_error::syntax);
  CHECK(error_of("2013-10-07T9:30Z") == time_error::syntax);
  CHECK(error_of("2013-10-07T09:30:00.Z") == time_error::syntax);
  CHECK(error_of("2013-10-07T09:30:00.1234567891Z") == time_error::syntax);
  CHECK(error_of("2013-10-07T09:30:00Z ") == time_error::syntax);
  CHECK(error_of("2013-10-07T09:30:00+4") == time_error::syntax);
  CHECK(error_of("2023-02-29") == time_error::date);
  CHECK(error_of("2023-13-01") == time_error::date);
  CHECK(error_of("2023-01-00") == time_error::date);
  CHECK(error_of("2023-01-01T24:00Z") == time_error::time_of_day);
  CHECK(error_of("2023-01-01T12:60Z") == time_error::time_of_day);
  CHECK(error_of("2023-01-01T12:00:60Z") == time_error::time_of_day);
  CHECK(error_of("2023-01-01T12:00+24:00") == time_error::offset);
  CHECK(error_of("2023-01-01T12:00:00") == time_error::no_offset);
  CHECK(error_of("1677-12-31") == time_error::range);
  CHECK(error_of("2262-01-01") == time_error::range);
  CHECK(error_of("9300000000", time_format::unix_seconds) == time_error::range);
  CHECK(error_of("12a", time_format::unix_seconds) == time_error::syntax);
  CHECK(error_of("-", time_format::unix_seconds) == time_error::syntax);
  CHECK(error_of("1.5", time_format::unix_millis) == time_error::syntax);
  CHECK(error_of("2023-01-01", time_format::unix_seconds) == time_error::syntax);
  CHECK(error_of("1381152600", time_format::iso8601) == time_error::syntax);
  CHECK(fmt::format("{}", time_error::no_offset).find("no UTC offset") != std::string::npos);
  CHECK(fmt::format("{}", time_format::unix_millis) == "unix_millis");
}
