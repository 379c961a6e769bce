// SPDX-License-Identifier: MIT
#include <chrono>
#include <vector>

#include <fmt/format.h>

#include "bulwark/cost/schedule.hpp"
#include "support/catch.hpp"

namespace schedule_test {
using date::year;
using bulwark::cost::dated_schedule;
using namespace std::chrono_literals;

date::sys_days day(int y, unsigned m, unsigned d) { return date::sys_days{year{y} / date::month{m} / date::day{d}}; }
}  // namespace schedule_test

TEST_CASE("a dated schedule gives the value in force at each instant", "[cost][schedule]") {
  using namespace schedule_test;
  const dated_schedule<double> s{{{year{2024} / 5 / 22, 27.80}, {year{2025} / 5 / 14, 0.0}},
                                 year{2026} / 1 / 1};
  const auto at = [&](date::sys_days d, bulwark::duration t = {}) { return s.at(bulwark::timestamp{d} + t); };
  CHECK(at(day(2024, 5, 21), 23h + 59min) == nullptr);  // before the first entry
  CHECK(*at(day(2024, 5, 22)) == 27.80);                 // from 00:00 UTC of its date
  CHECK(*at(day(2025, 5, 13), 23h) == 27.80);
  CHECK(*at(day(2025, 5, 14)) == 0.0);
  CHECK(*s.on(day(2025, 12, 31)) == 0.0);
  CHECK(at(day(2026, 1, 1)) == nullptr);                 // the end is excluded
  for (const bulwark::timestamp t : {bulwark::timestamp{day(2024, 5, 21)}, bulwark::timestamp{day(2024, 5, 22)},
                                     bulwark::timestamp{day(2025, 12, 31)}, bulwark::timestamp{day(2026, 1, 1)}}) {
    CHECK(s.has_value_at(t) == (s.at(t) != nullptr));
  }
  CHECK(fmt::format("{}", s) == "2024-05-22: 27.8, 2025-05-14: 0 (until 2026-01-01)");

  const auto always = dated_schedule<double>::always(0.0025);
  CHECK(*always.on(day(1999, 1, 4)) == 0.0025);
  CHECK(*always.on(day(2100, 1, 4)) == 0.0025);
}

TEST_CASE("a schedule of New York days changes value at New York midnight", "[cost][schedule]") {
  using namespace schedule_test;
  using bulwark::cost::day_start;
  // 2024-05-22 is in daylight time (EDT, UTC-4): its day starts at 04:00 UTC. 2024-01-01 is
  // in standard time (EST, UTC-5): 05:00 UTC. The end, 2026-01-01, starts at 05:00 UTC.
  const dated_schedule<double> s{{{year{2024} / 1 / 1, 1.0}, {year{2024} / 5 / 22, 2.0}},
                                 year{2026} / 1 / 1, day_start::new_york_midnight};
  const auto at = [&](date::sys_days d, bulwark::duration t) { return s.at(bulwark::timestamp{d} + t); };
  CHECK(at(day(2024, 1, 1), 4h + 59min) == nullptr);  // 23:59 on 2023-12-31 in New York
  CHECK(*at(day(2024, 1, 1), 5h) == 1.0);
  CHECK(*at(day(2024, 5, 22), 3h + 59min) == 1.0);     // 23:59 on 2024-05-21 in New York
  CHECK(*at(day(2024, 5, 22), 4h) == 2.0);
  CHECK(*at(day(2026, 1, 1), 4h + 59min) == 2.0);      // 23:59 on 2025-12-31 in New York
  CHECK(at(day(2026, 1, 1), 5h) == nullptr);
  CHECK(s.has_value_at(bulwark::timestamp{day(2026, 1, 1)} + 4h + 59min));
  CHECK_FALSE(s.has_value_at(bulwark::timestamp{day(2026, 1, 1)} + 5h));
  CHECK_FALSE(s.has_value_at(bulwark::timestamp{day(2024, 1, 1)} + 4h + 59min));
  // Days are dates, whatever the day start.
  CHECK(*s.on(day(2024, 5, 21)) == 1.0);
  CHECK(*s.on(day(2024, 5, 22)) == 2.0);
  CHECK(s.on(day(2026, 1, 1)) == nullptr);
  CHECK(s.on(day(2023, 12, 31)) == nullptr);
  CHECK(s.starts() == day_start::new_york_midnight);
  CHECK(fmt::format("{}", s) == "2024-01-01: 1, 2024-05-22: 2 (until 2026-01-01, New York dates)");
  CHECK(fmt::format("{}", day_start::utc_midnight) == "utc_midnight");
}

TEST_CASE("a schedule of New York days refuses dates without daylight-saving rules", "[cost][schedule]") {
  using namespace schedule_test;
  using bulwark::cost::day_start;
  using bulwark::test::throws_error;
  CHECK_THROWS_MATCHES((dated_schedule<double>{{{year{1980} / 1 / 1, 1.0}}, std::nullopt, day_start::new_york_midnight}),
                       bulwark::config_error,
                       throws_error("bulwark.cost.schedule", "1980-01-01 is outside 1987..2100"));
  CHECK_THROWS_MATCHES((dated_schedule<double>{{{year{2024} / 1 / 1, 1.0}}, year{2101} / 1 / 1, day_start::new_york_midnight}),
                       bulwark::config_error,
                       throws_error("bulwark.cost.schedule", "2101-01-01 is outside 1987..2100"));
  CHECK_THROWS_MATCHES((dated_schedule<double>{{{year{2024} / 1 / 1, 1.0}}, std::nullopt, static_cast<day_start>(7)}),
                       bulwark::config_error,
                       throws_error("bulwark.cost.schedule", "day start 7 is not a day_start value"));
  // UTC days have no such limit.
  CHECK(*dated_schedule<double>{{{year{1980} / 1 / 1, 1.0}}}.on(day(1980, 1, 1)) == 1.0);
}

TEST_CASE("a dated schedule splits a range of days into runs of one value", "[cost][schedule]") {
  using namespace schedule_test;
  const dated_schedule<double> s{{{year{2024} / 1 / 1, 1.0}, {year{2024} / 1 / 10, 2.0}, {year{2024} / 1 / 20, 3.0}},
                                 year{2024} / 2 / 1};
  std::vector<std::pair<double, int>> runs;
  s.for_each_day_run(day(2024, 1, 5), day(2024, 1, 25), [&](double v, int n) { runs.emplace_back(v, n); });
  CHECK(runs == std::vector<std::pair<double, int>>{{1.0, 5}, {2.0, 10}, {3.0, 5}});
  runs.clear();
  s.for_each_day_run(day(2024, 1, 12), day(2024, 1, 14), [&](double v, int n) { runs.emplace_back(v, n); });
  CHECK(runs == std::vector<std::pair<double, int>>{{2.0, 2}});
  CHECK(s.covers(day(2024, 1, 1), day(2024, 2, 1)));
  CHECK_FALSE(s.covers(day(2023, 12, 31), day(2024, 1, 3)));
  CHECK_FALSE(s.covers(day(2024, 1, 30), day(2024, 2, 2)));
  CHECK(s.covers(day(2030, 1, 1), day(2030, 1, 1)));  // an empty range
  CHECK_THROWS_AS(s.for_each_day_run(day(2023, 1, 1), day(2024, 1, 2), [](double, int) {}),
                  bulwark::contract_violation);
}

TEST_CASE("a dated schedule refuses a malformed table", "[cost][schedule]") {
  using namespace schedule_test;
  using bulwark::test::throws_error;
  CHECK_THROWS_MATCHES(dated_schedule<double>({}), bulwark::config_error,
                       throws_error("bulwark.cost.schedule", "at least one entry"));
  CHECK_THROWS_MATCHES((dated_schedule<double>{{{year{2024} / 5 / 22, 1.0}, {year{2024} / 5 / 22, 2.0}}}),
                       bulwark::config_error,
                       throws_error("bulwark.cost.schedule", "entry 1 dated 2024-05-22 is not after the previous one (2024-05-22)"));
  CHECK_THROWS_MATCHES((dated_schedule<double>{{{year{2024} / 2 / 30, 1.0}}}), bulwark::config_error,
                       throws_error("bulwark.cost.schedule", "entry 0: 2024-02-30 is not a valid date"));
  CHECK_THROWS_MATCHES((dated_schedule<double>{{{year{2024} / 2 / 1, 1.0}}, year{2024} / 2 / 1}),
                       bulwark::config_error,
                       throws_error("bulwark.cost.schedule", "end 2024-02-01 is not after the last entry (2024-02-01)"));
}
