// SPDX-License-Identifier: MIT
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bulwark/validate/bad_tick.hpp"
#include "bulwark/validate/validator.hpp"
#include "support/catch.hpp"
#include "support/findings.hpp"
#include "support/csv.hpp"
#include "support/daily_bars.hpp"
#include "support/shared_data.hpp"

namespace bad_tick_test {
using namespace bulwark;
using namespace bulwark::validate;

inline std::vector<std::string> dates_of(const report& r, severity level) {
  std::vector<std::string> out;
  for (const finding& f : r.findings()) {
    if (f.level == level) out.push_back(fmt::format("{}", iso8601(utc_date(f.time))));
  }
  return out;
}
}  // namespace bad_tick_test

TEST_CASE("bad_tick: a wick beyond a factor of the neighbourhood is an error", "[validate][bad_tick]") {
  using namespace bad_tick_test;
  bar_series s{"TEST"};
  // Bars around 100 with ranges of 2; bar 2's low is 40 (floor 99 / 40 > 2): an error.
  // Bar 4's high is 130: within a factor 2 but 29 beyond the ceiling, 14.5 neighbour ranges:
  // a warning. Bar 6 is a real-looking gap down (open and close low too): nothing.
  const double o[] = {100, 100, 100, 100, 100, 100, 80, 80};
  const double h[] = {101, 101, 101, 101, 130, 101, 81, 81};
  const double l[] = {99, 99, 40, 99, 99, 99, 79, 79};
  for (int i = 0; i < 8; ++i) {
    s.push_back({.time = from_unix_seconds(i * 86'400), .open = o[i], .high = h[i], .low = l[i], .close = o[i], .volume = 1});
  }
  const report r = test::run_every_kernel(validator{bad_tick{}}, s);
  REQUIRE(r.findings().size() == 2);
  CHECK(r.findings()[0].row == 2);
  CHECK(r.findings()[0].level == severity::error);
  CHECK(message(r.findings()[0]) == "low far below the neighbours' range (low 40; floor 99; factor 2.475)");
  CHECK(r.findings()[1].row == 4);
  CHECK(r.findings()[1].level == severity::warning);
  // With the warning tier off only the error remains; with events, the same result.
  CHECK(test::run_every_kernel(validator{bad_tick{.range_multiple = 0.0}}, s).findings().size() == 1);
  const std::vector<double> no_splits(8, 1.0);
  CHECK(test::run_every_kernel(validator{bad_tick{}}, s, {no_splits, {}}).findings().size() == 2);
  CHECK_THROWS_MATCHES(validator{bad_tick{.ratio = 1.0}}, config_error,
                       test::throws_error("bulwark.validate.bad_tick", "ratio 1"));
}

TEST_CASE("bad_tick brings neighbours across a split to the bar's scale", "[validate][bad_tick]") {
  using namespace bad_tick_test;
  // A 4:1 split on row 2: raw prices fall from 400 to 100. Row 2's high of 250 is more
  // than twice the ceiling only once row 1's high (404) is scaled to 101.
  bar_series s{"TEST"};
  const double c[] = {400, 400, 100, 100};
  const double h[] = {404, 404, 250, 101};
  for (int i = 0; i < 4; ++i) {
    s.push_back({.time = from_unix_seconds(i * 86'400), .open = c[i], .high = h[i], .low = c[i] * 0.99, .close = c[i], .volume = 1});
  }
  const std::vector<double> split{1, 1, 4, 1};
  const report r = test::run_every_kernel(validator{bad_tick{.range_multiple = 0.0}}, s, {split, {}});
  REQUIRE(r.findings().size() == 1);
  CHECK(r.findings()[0].row == 2);
  CHECK(test::run_every_kernel(validator{bad_tick{.range_multiple = 0.0}}, s).findings().empty());
}

TEST_CASE("bad_tick finds the three lows about 10x too small in Lean's AAPL file", "[validate][bad_tick][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace bad_tick_test;
  const report r = test::run_every_kernel(validator{bad_tick{}}, test::daily_bars(test::csv_table{data / "daily/lean/aapl_daily_raw.csv"}, "date"));
  // The shared data README lists them: low 10.59 vs close 184.02, 25.30 vs 243.37, 32.65 vs
  // 329.73. The 2010-05-06 Flash Crash (low 199.25) is real and is not flagged.
  CHECK(dates_of(r, severity::error) == std::vector<std::string>{"2009-09-21", "2010-08-31", "2011-01-03"});
  CHECK(dates_of(r, severity::warning).empty());
}

TEST_CASE("bad_tick warns on the spike highs in Lean's SPY file", "[validate][bad_tick][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace bad_tick_test;
  const report r = test::run_every_kernel(validator{bad_tick{}}, test::daily_bars(test::csv_table{data / "daily/lean/spy_daily_raw.csv"}, "date"));
  const auto warnings = dates_of(r, severity::warning);
  // The README's three: 2002-04-02 (144.12 vs close 113.93), 2002-06-06, 2003-09-05.
  for (const char* day : {"2002-04-02", "2002-06-06", "2003-09-05"}) {
    INFO(day);
    CHECK(std::find(warnings.begin(), warnings.end(), day) != warnings.end());
  }
  CHECK(dates_of(r, severity::error).empty());
}

TEST_CASE("no bad tick in Alpha Vantage's MSFT", "[validate][bad_tick][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace bad_tick_test;
  const test::csv_table msft{data / "daily/alphavantage_sp500/MSFT.csv"};
  const auto split = msft.numbers("split_coefficient");
  const auto dividend = msft.numbers("dividend_amount");
  CHECK(test::run_every_kernel(validator{bad_tick{}}, test::daily_bars(msft, "timestamp"), {split, dividend}).findings().empty());
}
