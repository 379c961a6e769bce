// SPDX-License-Identifier: MIT
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/data/adjust.hpp"
#include "bulwark/data/bar_reader.hpp"
#include "bulwark/data/corporate_actions.hpp"
#include "bulwark/data/factor_table.hpp"

#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace corporate_actions_test {
using bulwark::data::corporate_action;
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;

date::sys_days day(int y, unsigned m, unsigned d) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}};
}

/// Four daily bars 2024-01-02..05 with closes 100, 102, 51, 50, a 2:1 split on 01-04 and
/// a dividend of 1 on 01-05.
struct small_case {
  std::vector<date::sys_days> dates{day(2024, 1, 2), day(2024, 1, 3), day(2024, 1, 4), day(2024, 1, 5)};
  std::vector<double> closes{100.0, 102.0, 51.0, 50.0};
  std::vector<corporate_action> events{{.ex_date = day(2024, 1, 4), .split_ratio = 2.0, .dividend = 0.0},
                                       {.ex_date = day(2024, 1, 5), .split_ratio = 1.0, .dividend = 1.0}};
};

/// An Alpha Vantage file: its bars, dates, events and the vendor's adjusted close.
struct av_file {
  bulwark::data::bar_table t;
  std::vector<date::sys_days> dates;
  std::vector<corporate_action> events;
};

av_file read_av(const std::filesystem::path& file) {
  av_file f{.t = bulwark::data::read_bars(file, {.extra = {"adjusted_close", "dividend_amount", "split_coefficient"}}),
            .dates = {}, .events = {}};
  f.dates = bulwark::data::local_dates(f.t.table);
  f.events = bulwark::data::events_from_columns(f.dates, f.t.table.column("dividend_amount"),
                                                f.t.table.column("split_coefficient"));
  return f;
}
}  // namespace corporate_actions_test

TEST_CASE("the two dividend conventions on a closed-form case", "[data][corporate_actions]") {
  using namespace corporate_actions_test;
  const small_case c;
  // ex_date_close: dividend step 50 / (50 + 1); prior_close: 1 - 1 / 51. Split step 1/2.
  const auto ex = bulwark::data::make_factor_table(c.dates, c.closes, c.events);
  REQUIRE(ex.size() == 2);
  CHECK(ex.rows()[0].date == day(2024, 1, 3));
  CHECK_THAT(ex.rows()[0].price_factor, WithinRel(50.0 / 51.0, 1e-15));
  CHECK(ex.rows()[0].split_factor == 0.5);
  CHECK(ex.rows()[0].reference_price == 102.0);  // a split's row keeps the close, as Lean's
  CHECK(ex.rows()[1].date == day(2024, 1, 4));
  CHECK(ex.rows()[1].reference_price == 51.0);  // 50 + 1
  const auto pc = bulwark::data::make_factor_table(c.dates, c.closes, c.events, bulwark::data::prior_close{});
  CHECK_THAT(pc.rows()[1].price_factor, WithinRel(1.0 - 1.0 / 51.0, 1e-15));
  CHECK(pc.rows()[1].reference_price == 51.0);  // the close of 01-04

  const auto bars = bulwark::bar_series::from_columns("X", {bulwark::make_timestamp(date::year{2024} / 1 / 2),
                                                           bulwark::make_timestamp(date::year{2024} / 1 / 3),
                                                           bulwark::make_timestamp(date::year{2024} / 1 / 4),
                                                           bulwark::make_timestamp(date::year{2024} / 1 / 5)},
                                                      c.closes, c.closes, c.closes, c.closes, {1000, 1000, 2000, 2000});
  const auto adjusted = bulwark::data::adjust(bars, ex, bulwark::data::utc_dates(bars));
  CHECK_THAT(adjusted.close()[0], WithinRel(100.0 * 0.5 * 50.0 / 51.0, 1e-15));
  CHECK_THAT(adjusted.close()[1], WithinRel(102.0 * 0.5 * 50.0 / 51.0, 1e-15));
  CHECK_THAT(adjusted.close()[2], WithinRel(51.0 * 50.0 / 51.0, 1e-15));
  CHECK(adjusted.close()[3] == 50.0);  // the newest bar is never scaled
  CHECK(adjusted.volume()[0] == 2000.0);  // volumes scale by the split only
  CHECK(adjusted.volume()[2] == 2000.0);
  CHECK(adjusted.times()[0] == bars.times()[0]);
  CHECK(adjusted.sym() == bars.sym());
}

TEST_CASE("events before the first bar adjust nothing, between bars they still apply", "[data][corporate_actions]") {
  using namespace corporate_actions_test;
  const small_case c;
  const std::vector<corporate_action> events{{.ex_date = day(2024, 1, 2), .split_ratio = 3.0, .dividend = 0.0},
                                             {.ex_date = day(2024, 1, 3), .split_ratio = 1.0, .dividend = 0.5}};
  const auto t = bulwark::data::make_factor_table(c.dates, c.closes, events);
  REQUIRE(t.size() == 1);
  CHECK(t.price_multiplier(day(2024, 1, 2)) == 1.0 - 0.5 / 102.5);
  CHECK(t.price_multiplier(day(2024, 1, 3)) == 1.0);
  CHECK(t.price_multiplier(day(2030, 1, 1)) == 1.0);
  // An ex-date on a day with no bar (a weekend) falls between the bars around it.
  const std::vector<date::sys_days> gap{day(2024, 1, 5), day(2024, 1, 8)};
  const std::vector<double> closes{10.0, 9.0};
  const std::vector<corporate_action> weekend{{.ex_date = day(2024, 1, 6), .split_ratio = 1.0, .dividend = 1.0}};
  const auto w = bulwark::data::make_factor_table(gap, closes, weekend);
  CHECK(w.rows()[0].date == day(2024, 1, 5));
  CHECK(w.rows()[0].reference_price == 10.0);  // 9 + 1
}

TEST_CASE("unadjust inverts adjust over random series and events", "[data][corporate_actions]") {
  using namespace corporate_actions_test;
  const bulwark::counter_rng rng{21, 0};
  for (std::uint64_t trial = 0; trial < 50; ++trial) {
    const std::size_t n = 20 + rng.below(trial, 200);
    std::vector<date::sys_days> dates(n);
    std::vector<bulwark::timestamp> times(n);
    std::vector<double> close(n), volume(n);
    std::vector<corporate_action> events;
    for (std::size_t i = 0; i < n; ++i) {
      dates[i] = day(2000, 1, 3) + date::days{static_cast<int>(i)};
      times[i] = bulwark::timestamp{dates[i]};
      close[i] = 10.0 + 90.0 * rng.uniform(1000 * trial + i);
      volume[i] = std::floor(1e6 * rng.uniform(500000 + 1000 * trial + i));
      const double u = rng.uniform(900000 + 1000 * trial + i);
      if (i > 0 && u < 0.05) events.push_back({.ex_date = dates[i], .split_ratio = 1.0 + std::floor(4 * u / 0.05), .dividend = 0.0});
      if (i > 0 && u > 0.9) events.push_back({.ex_date = dates[i], .split_ratio = 1.0, .dividend = 0.05 * close[i]});
    }
    const auto bars = bulwark::bar_series::from_columns("X", times, close, close, close, close, volume);
    const auto table = bulwark::data::make_factor_table(dates, close, events, bulwark::data::prior_close{});
    const auto back = bulwark::data::unadjust(bulwark::data::adjust(bars, table, dates), table, dates);
    for (std::size_t i = 0; i < n; ++i) {
      REQUIRE_THAT(back.close()[i], WithinRel(close[i], 1e-14));
      REQUIRE_THAT(back.volume()[i], WithinRel(volume[i], 1e-14));
    }
  }
}

TEST_CASE("bad events and series are input errors naming them", "[data][corporate_actions]") {
  using namespace corporate_actions_test;
  const small_case c;
  const auto table_of = [&](std::vector<corporate_action> events) {
    return bulwark::data::make_factor_table(c.dates, c.closes, events);
  };
  CHECK_THROWS_MATCHES(table_of({{.ex_date = day(2024, 1, 4), .split_ratio = 0.0, .dividend = 0.0}}),
                       bulwark::input_error, throws_error("bulwark.data.corporate_actions", "events[0] (2024-01-04): split ratio 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES(table_of({{.ex_date = day(2024, 1, 4), .split_ratio = 1.0, .dividend = -1.0}}),
                       bulwark::input_error, throws_error("bulwark.data.corporate_actions", "dividend -1 must be finite and >= 0"));
  CHECK_THROWS_MATCHES(table_of({{.ex_date = day(2024, 1, 5), .split_ratio = 2.0, .dividend = 0.0},
                                 {.ex_date = day(2024, 1, 4), .split_ratio = 2.0, .dividend = 0.0}}),
                       bulwark::input_error, throws_error("bulwark.data.corporate_actions", "events[1] ex-date 2024-01-04 is not after events[0]"));
  // A dividend above the prior close cannot be a factor in (0, 1].
  CHECK_THROWS_MATCHES(bulwark::data::make_factor_table(c.dates, c.closes,
                           std::vector<corporate_action>{{.ex_date = day(2024, 1, 5), .split_ratio = 1.0, .dividend = 60.0}},
                           bulwark::data::prior_close{}),
                       bulwark::input_error, throws_error("bulwark.data.corporate_actions", "dividend 60 against reference price 51 (prior_close)"));
  // ex_date_close needs the ex-date's close.
  CHECK_THROWS_MATCHES(table_of({{.ex_date = day(2024, 1, 9), .split_ratio = 1.0, .dividend = 1.0}}),
                       bulwark::input_error, throws_error("bulwark.data.corporate_actions", "reference price nan (ex_date_close)"));
  CHECK_THROWS_MATCHES(bulwark::data::make_factor_table(std::vector<date::sys_days>{day(2024, 1, 5), day(2024, 1, 8)},
                                                        std::vector<double>{1.0, 1.0},
                                                        std::vector<corporate_action>{{.ex_date = day(2024, 1, 6), .split_ratio = 2.0, .dividend = 0.0},
                                                                                      {.ex_date = day(2024, 1, 7), .split_ratio = 2.0, .dividend = 0.0}}),
                       bulwark::input_error, throws_error("bulwark.data.corporate_actions", "expected at most one event between two bars"));
  std::vector<double> bad_close = c.closes;
  bad_close[2] = std::nan("");
  CHECK_THROWS_MATCHES(bulwark::data::make_factor_table(c.dates, bad_close, c.events),
                       bulwark::input_error, throws_error("bulwark.data.factor_table", "closes[2] (2024-01-04) is nan"));
  std::vector<date::sys_days> unordered = c.dates;
  std::swap(unordered[0], unordered[1]);
  CHECK_THROWS_MATCHES(bulwark::data::make_factor_table(unordered, c.closes, c.events),
                       bulwark::input_error, throws_error("bulwark.data.factor_table", "dates[1] 2024-01-02 is not after dates[0] 2024-01-03"));
  CHECK_THROWS_MATCHES(bulwark::data::make_factor_table(c.dates, std::vector<double>{1.0}, c.events),
                       bulwark::input_error, throws_error("bulwark.data.factor_table", "4 dates and 1 closes"));
  CHECK_THROWS_MATCHES(bulwark::data::events_from_columns(c.dates, c.closes, std::vector<double>{1.0}),
                       bulwark::input_error, throws_error("bulwark.data.corporate_actions", "4 dates, 4 dividends and 1 split ratios"));
  CHECK_THROWS_MATCHES(bulwark::data::factor_table::from_rows({{.date = day(2024, 1, 2), .price_factor = 0.0, .split_factor = 1.0, .reference_price = 1.0}}),
                       bulwark::input_error, throws_error("bulwark.data.factor_table", "rows[0] (2024-01-02): price_factor 0 must be finite and > 0"));
  const bulwark::bar_series one{bulwark::symbol{"X"}};
  CHECK_THROWS_MATCHES(bulwark::data::adjust(one, bulwark::data::factor_table{}, c.dates), bulwark::input_error,
                       throws_error("bulwark.data.adjust", "4 dates for 0 bars"));
  CHECK(fmt::format("{}", c.events[0]) == "2024-01-04 split 2 dividend 0");
}

TEST_CASE("adjusted closes equal Alpha Vantage's adjusted_close on every row of every file",
          "[data][corporate_actions][real-data]") {
  using namespace corporate_actions_test;
  BULWARK_REQUIRE_SHARED_DATA(data);
  // The vendor's own series is consistent with its formula only to ~1e-5 for these four
  // (shared data README, last column: ABT 1.3e-6, EQR 6.0e-6, LW 3.0e-6, WBA 7.7e-6);
  // every other file is held to 1e-6.
  const std::map<std::string, double> vendor_rounding{{"ABT", 1e-5}, {"EQR", 1e-5}, {"LW", 1e-5}, {"WBA", 1e-5}};
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data / "daily/alphavantage_sp500")) {
    const std::string sym = entry.path().stem().string();
    const auto f = read_av(entry.path());
    const auto table = bulwark::data::make_factor_table(f.dates, f.t.bars.close(), f.events);
    const auto adjusted = bulwark::data::adjust(f.t.bars, table, f.dates);
    const auto vendor = f.t.table.column("adjusted_close");
    const double tolerance = vendor_rounding.count(sym) != 0 ? vendor_rounding.at(sym) : 1e-6;
    INFO(sym);
    for (std::size_t i = 0; i < vendor.size(); ++i) REQUIRE_THAT(adjusted.close()[i], WithinRel(vendor[i], tolerance));
    ++files;
  }
  CHECK(files == 40);
}

TEST_CASE("split-adjusted volume of AAPL follows the four splits", "[data][corporate_actions][real-data]") {
  using namespace corporate_actions_test;
  BULWARK_REQUIRE_SHARED_DATA(data);
  const auto f = read_av(data / "daily/alphavantage_sp500/AAPL.csv");
  const auto table = bulwark::data::make_factor_table(f.dates, f.t.bars.close(), f.events);
  const auto adjusted = bulwark::data::adjust(f.t.bars, table, f.dates);
  // 1999-11-01: 2487300 shares before 2:1, 2:1, 7.00000700001:1 and 4:1 splits.
  CHECK_THAT(adjusted.volume()[0], WithinRel(2487300.0 * 2.0 * 2.0 * 7.00000700001 * 4.0, 1e-14));
  CHECK(adjusted.volume().back() == f.t.bars.volume().back());
}

TEST_CASE("prior_close factors from Lean's raw closes and AV's events reproduce Lean's factor file",
          "[data][corporate_actions][real-data]") {
  using namespace corporate_actions_test;
  BULWARK_REQUIRE_SHARED_DATA(data);
  const auto av = read_av(data / "daily/alphavantage_sp500/AAPL.csv");
  const auto lean = bulwark::data::read_bars(data / "daily/lean/aapl_daily_raw.csv");
  const auto lean_dates = bulwark::data::local_dates(lean.table);
  const auto ours = bulwark::data::make_factor_table(lean_dates, lean.bars.close(), av.events, bulwark::data::prior_close{});
  const auto theirs = bulwark::data::read_factor_file(data / "daily/lean/aapl_factor_file.csv");
  // Lean's file adds a start-of-data row (1998-01-02) and the 2050-12-31 marker.
  REQUIRE(theirs.size() == ours.size() + 2);
  for (std::size_t k = 0; k < ours.size(); ++k) {
    const auto& a = ours.rows()[k];
    const auto& b = theirs.rows()[k + 1];
    INFO(fmt::format("{} vs {}", a, b));
    REQUIRE(a.date == b.date);
    REQUIRE_THAT(a.price_factor, WithinAbs(b.price_factor, 1e-7));  // Lean rounds to 7 decimals
    REQUIRE_THAT(a.split_factor, WithinRel(b.split_factor, 1e-5));  // and splits to 6 digits (2.00001)
    REQUIRE(a.reference_price == b.reference_price);
  }
  // The same multiplier for every Lean bar.
  for (std::size_t i = 0; i < lean_dates.size(); ++i) {
    REQUIRE_THAT(ours.price_multiplier(lean_dates[i]), WithinRel(theirs.price_multiplier(lean_dates[i]), 2e-6));
  }
}

TEST_CASE("Lean's factor files give back the AV events for AAPL and the derived events for SPY",
          "[data][corporate_actions][real-data]") {
  using namespace corporate_actions_test;
  BULWARK_REQUIRE_SHARED_DATA(data);
  const auto av = read_av(data / "daily/alphavantage_sp500/AAPL.csv");
  for (const char* sym : {"aapl", "spy"}) {
    const auto lean = bulwark::data::read_bars(data / fmt::format("daily/lean/{}_daily_raw.csv", sym));
    const auto sessions = bulwark::data::local_dates(lean.table);
    const auto events = bulwark::data::events_from_factor_table(
        bulwark::data::read_factor_file(data / fmt::format("daily/lean/{}_factor_file.csv", sym)), sessions);
    // Independent reference: the README's derivation, rounded to 4 decimals.
    const bulwark::test::csv_table derived(data / fmt::format("daily/lean/{}_events_derived.csv", sym));
    REQUIRE(events.size() == derived.size());
    const auto ratio = derived.numbers("split_ratio");
    const auto dividend = derived.numbers("dividend_implied");
    const auto ex_dates = derived.text("ex_date_derived");
    for (std::size_t k = 0; k < events.size(); ++k) {
      INFO(fmt::format("{} {}", sym, events[k]));
      REQUIRE(fmt::format("{}", bulwark::iso8601(events[k].ex_date)) == ex_dates[k]);
      REQUIRE_THAT(events[k].split_ratio, WithinRel(ratio[k], 1e-5));
      REQUIRE_THAT(events[k].dividend, WithinAbs(dividend[k], 5.1e-5));
    }
    if (std::string_view{sym} != "aapl") continue;
    // AAPL: the same events as the AV file's rows, dates exact, amounts to Lean's precision.
    REQUIRE(events.size() == av.events.size());
    for (std::size_t k = 0; k < events.size(); ++k) {
      INFO(fmt::format("lean {} av {}", events[k], av.events[k]));
      REQUIRE(events[k].ex_date == av.events[k].ex_date);
      REQUIRE_THAT(events[k].split_ratio, WithinRel(av.events[k].split_ratio, 1e-5));
      REQUIRE_THAT(events[k].dividend, WithinAbs(av.events[k].dividend, 1e-4));
    }
  }
}
