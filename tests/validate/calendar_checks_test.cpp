// SPDX-License-Identifier: MIT
#include <filesystem>
#include <string>
#include <vector>

#include <date/date.h>

#include "bulwark/calendar/xnys.hpp"
#include "bulwark/validate/calendar_checks.hpp"
#include "bulwark/validate/validator.hpp"
#include "support/archetypes.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/daily_bars.hpp"
#include "support/shared_data.hpp"

namespace calendar_checks_test {
using namespace bulwark;
using namespace bulwark::validate;
using namespace date;

inline bar_series on_days(std::initializer_list<year_month_day> days) {
  bar_series s{"TEST"};
  for (const auto& d : days) s.push_back({.time = timestamp{sys_days{d}}, .open = 1, .high = 1, .low = 1, .close = 1, .volume = 1});
  return s;
}
}  // namespace calendar_checks_test

TEST_CASE("missing_sessions counts the sessions between bars, closures are not gaps", "[validate][calendar_checks]") {
  using namespace calendar_checks_test;
  const calendar::xnys nyse;
  // 2001-09-10 then 2001-09-17: the exchange was closed in between (no gap). Then
  // 2001-09-17 to 2001-09-20: 09-18 and 09-19 are missing. 2019-07-03 to 07-05 skips the
  // Independence Day holiday only.
  const bar_series s = on_days({2001_y / 9 / 10, 2001_y / 9 / 17, 2001_y / 9 / 20, 2019_y / 7 / 3, 2019_y / 7 / 5});
  const report r = validator{missing_sessions<calendar::xnys>{.calendar = &nyse}}.run(s);
  REQUIRE(r.findings().size() == 2);
  CHECK(r.findings()[0].row == 2);
  CHECK(r.findings()[0].values.find("missing")->value == 2);
  CHECK(r.findings()[0].values.find("first_missing_yyyymmdd")->value == 20010918);
  CHECK(r.findings()[0].level == severity::warning);
  // 2001-09-20 to 2019-07-03: every session in between (independently, 252 a year...).
  CHECK(r.findings()[1].row == 3);
  CHECK(r.findings()[1].values.find("missing")->value ==
        static_cast<double>(nyse.session_count(sys_days{2001_y / 9 / 21}, sys_days{2019_y / 7 / 2})));
}

TEST_CASE("non_session_bars flags weekends, holidays and closures", "[validate][calendar_checks]") {
  using namespace calendar_checks_test;
  const calendar::xnys nyse;
  const bar_series s = on_days({1989_y / 12 / 29, 1989_y / 12 / 30, 2019_y / 7 / 3, 2019_y / 7 / 4, 2019_y / 7 / 6,
                                2012_y / 10 / 29, 2012_y / 10 / 31});
  const report r = validator{non_session_bars<calendar::xnys>{.calendar = &nyse}}.run(s);
  REQUIRE(r.findings().size() == 4);
  CHECK(r.findings()[0].row == 0);  // one info for the run of rows before 1990
  CHECK(r.findings()[0].level == severity::info);
  CHECK(r.findings()[1].row == 3);  // Independence Day
  CHECK(r.findings()[2].row == 4);  // Saturday
  CHECK(r.findings()[3].row == 5);  // Hurricane Sandy
  CHECK(r.findings()[3].level == severity::error);
}

TEST_CASE("calendar checks accept any TradingCalendar and refuse a null one", "[validate][calendar_checks]") {
  using namespace calendar_checks_test;
  const test::trading_calendar_archetype archetype;
  const report r = validator{non_session_bars<test::trading_calendar_archetype>{.calendar = &archetype}}.run(on_days({2019_y / 7 / 3}));
  CHECK(r.findings().size() == 1);  // the archetype's range is empty
  CHECK_THROWS_MATCHES(validator{missing_sessions<calendar::xnys>{}}, config_error,
                       test::throws_error("bulwark.validate.calendar", "missing_sessions: no calendar given"));
}

TEST_CASE("MSFT's daily bars are all on sessions and miss none", "[validate][calendar_checks][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace calendar_checks_test;
  const calendar::xnys nyse;
  const test::csv_table t{data / "daily/alphavantage_sp500/MSFT.csv"};
  bar_series s{"MSFT"};
  for (const std::string& text : t.text("timestamp")) {
    s.push_back({.time = timestamp{test::parse_day(text)}, .open = 1, .high = 1, .low = 1, .close = 1, .volume = 1});
  }
  // The data README: no non-session dates and no XNYS session missing in any shared file.
  const report r = validator{non_session_bars<calendar::xnys>{.calendar = &nyse}, missing_sessions<calendar::xnys>{.calendar = &nyse}}.run(s);
  CHECK(r.findings().empty());
  CHECK(s.size() == nyse.session_count(sys_days{1999_y / 11 / 1}, sys_days{2021_y / 4 / 21}));
}
