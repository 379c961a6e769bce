// SPDX-License-Identifier: MIT
#include <chrono>

#include <date/date.h>

#include "bulwark/calendar/xnys.hpp"
#include "bulwark/core/clock.hpp"
#include "bulwark/validate/staleness.hpp"
#include "bulwark/validate/validator.hpp"
#include "support/catch.hpp"

namespace staleness_test {
using namespace bulwark;
using namespace bulwark::validate;
using namespace date;
using namespace std::chrono_literals;

inline bar_series last_bar_at(timestamp t) {
  bar_series s{"TEST"};
  s.push_back({.time = t - 24h, .open = 1, .high = 1, .low = 1, .close = 1, .volume = 1});
  s.push_back({.time = t, .open = 1, .high = 1, .low = 1, .close = 1, .volume = 1});
  return s;
}
}  // namespace staleness_test

TEST_CASE("stale_after: the last bar's age against the clock", "[validate][staleness]") {
  using namespace staleness_test;
  const timestamp latest = make_timestamp(2024_y / June / 3, 14h + 30min);
  manual_clock clock{latest + 15min};
  const validator v{stale_after<manual_clock>{.clock = &clock, .max_age = 15min}};
  CHECK(v.run(last_bar_at(latest)).findings().empty());  // exactly the limit is not stale
  clock.advance(1min);
  const report r = v.run(last_bar_at(latest));
  REQUIRE(r.findings().size() == 1);
  CHECK(r.findings()[0].row == 1);
  CHECK(r.findings()[0].values.find("age_minutes")->value == 16.0);
  CHECK(r.findings()[0].level == severity::error);
  CHECK(r.quarantined(1));
  // Data from the future is an error whatever the limit.
  const report future = v.run(last_bar_at(clock.now() + 1s));
  REQUIRE(future.findings().size() == 1);
  CHECK(message(future.findings()[0]).starts_with("last bar is later than the clock's time"));
  CHECK(v.run(bar_series{"EMPTY"}).findings().empty());
  // A last bar more than 292 years old: its age overflows a signed difference.
  const report ancient = v.run(last_bar_at(make_timestamp(1700_y / January / 2)));
  REQUIRE(ancient.findings().size() == 1);
  CHECK(message(ancient.findings()[0]).starts_with("last bar older than the limit"));
  CHECK(ancient.findings()[0].values.find("age_minutes")->value > 0.0);
  CHECK_THROWS_MATCHES(validator{stale_after<manual_clock>{}}, config_error,
                       test::throws_error("bulwark.validate.staleness", "no clock"));
}

TEST_CASE("stale_sessions counts sessions closed since the last daily bar", "[validate][staleness]") {
  using namespace staleness_test;
  const calendar::xnys nyse;
  const timestamp bar_day = timestamp{sys_days{2019_y / July / 3}};  // early close 17:00 UTC
  // Friday 2019-07-05 closes at 20:00 UTC; Independence Day is not a session.
  manual_clock clock{make_timestamp(2019_y / July / 5, 19h + 59min)};
  const validator strict{stale_sessions<manual_clock, calendar::xnys>{.clock = &clock, .calendar = &nyse}};
  CHECK(strict.run(last_bar_at(bar_day)).findings().empty());
  clock.set(make_timestamp(2019_y / July / 5, 20h));
  REQUIRE(strict.run(last_bar_at(bar_day)).findings().size() == 1);
  // One missed session allowed: stale after Monday 2019-07-08's close.
  const validator lenient{stale_sessions<manual_clock, calendar::xnys>{.clock = &clock, .calendar = &nyse, .max_sessions = 1}};
  CHECK(lenient.run(last_bar_at(bar_day)).findings().empty());
  clock.set(make_timestamp(2019_y / July / 8, 20h));
  CHECK(lenient.run(last_bar_at(bar_day)).findings().size() == 1);
}
