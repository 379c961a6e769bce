// SPDX-License-Identifier: MIT
#include <chrono>

#include <fmt/format.h>

#include "bulwark/core/time.hpp"
#include "support/catch.hpp"

using bulwark::test::throws_error;
using namespace std::chrono_literals;

TEST_CASE("civil dates and times become UTC instants", "[core][time]") {
  using namespace date;
  // 2024-06-03T14:30:00Z is 1717425000 s after the epoch (Python's datetime agrees).
  const auto t = bulwark::make_timestamp(2024_y / June / 3, 14h + 30min);
  CHECK(bulwark::to_unix_nanos(t) == 1'717'425'000'000'000'000LL);
  CHECK(bulwark::utc_date(t) == 2024_y / June / 3);
  // 2000-02-29 (a leap day of a century leap year) is 951782400 s after the epoch.
  CHECK(bulwark::make_timestamp(2000_y / February / 29) == bulwark::from_unix_seconds(951'782'400));
  // 09:30 in New York (UTC-4) on 2013-10-07 is 13:30 UTC.
  CHECK(bulwark::from_unix_millis(1'381'152'600'000) == bulwark::make_timestamp(2013_y / October / 7, 13h + 30min));
}

TEST_CASE("invalid civil input is an input_error", "[core][time]") {
  using namespace date;
  CHECK_THROWS_MATCHES(bulwark::make_timestamp(2023_y / February / 30), bulwark::input_error,
                       throws_error("bulwark.core.time", "2023-02-30 is not a valid date"));
  CHECK_THROWS_MATCHES(bulwark::make_timestamp(2023_y / January / 3, -1s), bulwark::input_error,
                       throws_error("bulwark.core.time", "negative"));
}

TEST_CASE("ISO 8601 formatting shows only the sub-second digits needed", "[core][time][format]") {
  using namespace date;
  const auto day = bulwark::make_timestamp(2024_y / June / 3);
  CHECK(fmt::format("{}", bulwark::iso8601(day + 14h + 30min)) == "2024-06-03T14:30:00Z");
  CHECK(fmt::format("{}", bulwark::iso8601(day + 123ms)) == "2024-06-03T00:00:00.123Z");
  CHECK(fmt::format("{}", bulwark::iso8601(day + 123456us)) == "2024-06-03T00:00:00.123456Z");
  CHECK(fmt::format("{}", bulwark::iso8601(day + 123456789ns)) == "2024-06-03T00:00:00.123456789Z");
  CHECK(fmt::format("{}", bulwark::iso8601(bulwark::from_unix_seconds(-1))) == "1969-12-31T23:59:59Z");
  CHECK(fmt::format("{}", bulwark::iso8601(2019_y / December / 24)) == "2019-12-24");
  CHECK(fmt::format("{:>12}", bulwark::iso8601(2019_y / December / 24)) == "  2019-12-24");
}

TEST_CASE("ages never overflow, however far apart the instants", "[core][time]") {
  using bulwark::nanos_between, bulwark::within_age, bulwark::timestamp, bulwark::duration;
  const timestamp t0 = bulwark::from_unix_seconds(1'717'425'000);
  const timestamp never = timestamp::min();  // -2^63 ns
  const timestamp last = timestamp::max();   // 2^63 - 1 ns
  CHECK(nanos_between(t0, t0 + 1500ms) == 1.5e9);
  CHECK(nanos_between(t0 + 1500ms, t0) == -1.5e9);
  // 2^63 ns from the minimum to the epoch and 2^64 - 1 across the whole range, which
  // rounds to 2^64: far beyond what a signed 64-bit difference holds.
  CHECK(nanos_between(never, timestamp{}) == 0x1p63);
  CHECK(nanos_between(never, last) == 0x1p64);
  CHECK(nanos_between(last, never) == -0x1p64);
  // 1700-01-01 is 98,615 days (8,520,336,000 s) before the epoch, so t0 - then exceeds
  // 2^63 ns (292 years); the sum is a multiple of 2048 ns below 2^63 * 1.11, exact here.
  const timestamp y1700 = bulwark::make_timestamp(date::year{1700} / 1 / 1);
  CHECK(nanos_between(y1700, t0) == (1'717'425'000.0 + 8'520'336'000.0) * 1e9);

  CHECK(within_age(t0, t0, duration::zero()));
  CHECK(within_age(t0 - 5s, t0, 5s));
  CHECK_FALSE(within_age(t0 - 5s - 1ns, t0, 5s));
  CHECK_FALSE(within_age(t0 + 1ns, t0, 5s));  // from the future
  CHECK_FALSE(within_age(t0, t0, -1ns));       // no age is within a negative limit
  CHECK_FALSE(within_age(never, t0, 5s));
  CHECK_FALSE(within_age(y1700, t0, 5s));
  CHECK_FALSE(within_age(never, t0, std::chrono::hours{24 * 365 * 200}));
  // From the minimum to the epoch is 2^63 ns, one more than the longest duration.
  CHECK_FALSE(within_age(never, timestamp{}, duration::max()));
  CHECK(within_age(never + 1ns, timestamp{}, duration::max()));
}

