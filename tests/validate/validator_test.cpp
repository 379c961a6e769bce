// SPDX-License-Identifier: MIT
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/validate.hpp"
#include "support/catch.hpp"
#include "support/cpu_flags.hpp"
#include "support/csv.hpp"
#include "support/daily_bars.hpp"
#include "support/shared_data.hpp"

namespace validator_test {
using namespace bulwark;
using namespace bulwark::validate;

inline bar_series sample() {
  // Row 1 has a negative volume and a NaN close, row 3 repeats row 2's time, row 4 has a
  // low above its open.
  bar_series s{"TEST"};
  const std::int64_t t[] = {0, 60, 120, 120, 180};
  const double c[] = {10, std::nan(""), 10, 10.1, 10.2};
  const double l[] = {9.9, 9.9, 9.9, 10.0, 10.15};
  const double v[] = {100, -1, 100, 100, 100};
  for (int i = 0; i < 5; ++i) {
    s.push_back({.time = from_unix_seconds(t[i]), .open = 10.1, .high = 10.3, .low = l[i], .close = c[i], .volume = v[i]});
  }
  return s;
}
}  // namespace validator_test

TEST_CASE("the validator folds its checks and sorts findings by row, then check", "[validate][validator]") {
  using namespace validator_test;
  const validator v{ohlc_consistency{}, non_negative_volume{}, positive_prices{}, duplicate_times{}};
  STATIC_REQUIRE(decltype(v)::check_ids() ==
                 std::array<std::string_view, 4>{"ohlc_inconsistent", "negative_volume", "non_positive_price", "duplicate_time"});
  const report r = v.run(sample());
  REQUIRE(r.findings().size() == 4);
  CHECK(r.findings()[0].row == 1);
  CHECK(r.findings()[0].check == "negative_volume");     // position 1
  CHECK(r.findings()[1].check == "non_positive_price");  // position 2, same row
  CHECK(r.findings()[2].check == "duplicate_time");
  CHECK(r.findings()[3].check == "ohlc_inconsistent");
  CHECK(r.findings()[3].row == 4);
  CHECK(r.rows() == 5);
  CHECK(r.quarantined_rows() == 3);
  CHECK_FALSE(r.ok());
  CHECK(r.count(severity::error) == 4);
  const auto breakdown = r.breakdown();
  REQUIRE(breakdown.size() == 4);
  CHECK(breakdown[0] == check_summary{"ohlc_inconsistent", 0, 0, 1});
  CHECK(breakdown[1] == check_summary{"negative_volume", 0, 0, 1});
  CHECK(fmt::format("{}", breakdown[2]) == "non_positive_price: 1 errors, 0 warnings, 0 infos");
  CHECK(v.check<0>().level == severity::error);
}

TEST_CASE("reports print for people and as CSV for machines", "[validate][validator]") {
  using namespace validator_test;
  const report r = validator{duplicate_times{}, non_negative_volume{.level = severity::warning}}.run(sample());
  CHECK(fmt::format("{}", r) ==
        "5 rows, 1 quarantined: 1 errors, 1 warnings, 0 infos\n"
        "row 1 1970-01-01T00:01:00Z warning negative_volume: volume not finite and >= 0 (volume -1)\n"
        "row 3 1970-01-01T00:02:00Z error duplicate_time: same time as the previous row (repeats 1)");
  CHECK(r.to_csv() ==
        "row,time,check,severity,rows,message\n"
        "1,1970-01-01T00:01:00Z,negative_volume,warning,1,volume not finite and >= 0 (volume -1)\n"
        "3,1970-01-01T00:02:00Z,duplicate_time,error,1,same time as the previous row (repeats 1)\n");
}

TEST_CASE("the quarantine level is the caller's choice, nothing is dropped", "[validate][validator]") {
  using namespace validator_test;
  validator v{non_negative_volume{.level = severity::warning}};
  const bar_series s = sample();
  CHECK(v.run(s).quarantined_rows() == 0);
  v.quarantine_level(severity::warning);
  const report r = v.run(s);
  CHECK(r.quarantined_rows() == 1);
  CHECK(r.quarantined(1));
  CHECK(s.size() == 5);  // the series is untouched
  CHECK(std::isnan(s.close()[1]));
}

TEST_CASE("a report is reused without reallocating", "[validate][validator]") {
  using namespace validator_test;
  const auto v = default_validator();
  report r;
  v.run(sample(), {}, r);
  const auto* findings = r.findings().data();
  const std::size_t count = r.findings().size();
  v.run(sample(), {}, r);
  CHECK(r.findings().data() == findings);
  CHECK(r.findings().size() == count);
}

TEST_CASE("events of the wrong length or with bad values are input errors", "[validate][validator]") {
  using namespace validator_test;
  const auto v = default_validator();
  const std::vector<double> short_column{1, 1};
  const std::vector<double> zero_split{1, 1, 0, 1, 1};
  const std::vector<double> negative_dividend{0, 0, 0, -0.5, 0};
  CHECK_THROWS_MATCHES(v.run(sample(), {short_column, {}}), input_error,
                       test::throws_error("bulwark.validate.events", "split_ratio has 2 values for 5 rows"));
  CHECK_THROWS_MATCHES(v.run(sample(), {zero_split, {}}), input_error,
                       test::throws_error("bulwark.validate.events", "split_ratio[2] is 0"));
  CHECK_THROWS_MATCHES(v.run(sample(), {{}, negative_dividend}), input_error,
                       test::throws_error("bulwark.validate.events", "dividend[3] is -0.5"));
}

TEST_CASE("the default validator on an empty series and on clean random bars", "[validate][validator]") {
  using namespace validator_test;
  const auto v = default_validator();
  CHECK(v.run(bar_series{"EMPTY"}).findings().empty());
  bar_series s{"RANDOM"};
  const counter_rng rng{11, 0};
  double price = 50.0;
  for (std::size_t i = 0; i < 5000; ++i) {
    price *= 1.0 + 0.01 * rng.normal(i);
    s.push_back({.time = from_unix_seconds(static_cast<std::int64_t>(i) * 86'400), .open = price, .high = price * 1.005,
                 .low = price * 0.995, .close = price, .volume = 1e6 * (1.0 + 0.1 * rng.uniform(10'000 + i))});
  }
  CHECK(v.run(s).findings().empty());
}

TEST_CASE("default validator: Lean AAPL's bad lows are the only errors, MSFT has none", "[validate][validator][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace validator_test;
  const auto v = default_validator();
  const report aapl = v.run(test::daily_bars(test::csv_table{data / "daily/lean/aapl_daily_raw.csv"}, "date"));
  std::vector<std::string> errors;
  for (const finding& f : aapl.findings()) {
    if (f.level == severity::error) errors.push_back(fmt::format("{} {}", iso8601(utc_date(f.time)), f.check));
  }
  CHECK(errors == std::vector<std::string>{"2009-09-21 bad_tick", "2010-08-31 bad_tick", "2011-01-03 bad_tick"});
  // Lean's file is raw: its four splits show as unexplained (warnings).
  CHECK(aapl.count("unexplained_split") >= 4);

  const test::csv_table msft{data / "daily/alphavantage_sp500/MSFT.csv"};
  const auto split = msft.numbers("split_coefficient");
  const auto dividend = msft.numbers("dividend_amount");
  const report with_events = v.run(test::daily_bars(msft, "timestamp"), {split, dividend});
  CHECK(with_events.ok());
  CHECK(with_events.count("unexplained_split") == 0);
  // Without its events, MSFT's 2003-02-18 2:1 split is a split-like jump.
  const report raw = v.run(test::daily_bars(msft, "timestamp"));
  REQUIRE(raw.count("unexplained_split") == 1);
}

namespace validator_test {

// 9000 daily bars (two tiles) of a calm random walk with a fault of every kind the default
// checks look for, several at the edges of the screens' blocks and of tiles, and on the
// first and last rows, which only some of the checks' screens cover.
inline bar_series faulty_bars() {
  constexpr std::size_t n = 9000;
  constexpr std::size_t tile = default_validator_type::tile_rows;
  static_assert(tile + 100 < n && tile > 3000);
  const counter_rng rng{31, 0};
  std::vector<timestamp> t(n);
  std::vector<double> open(n), high(n), low(n), close(n), volume(n);
  double price = 40.0;
  for (std::size_t i = 0; i < n; ++i) {
    t[i] = from_unix_seconds(static_cast<std::int64_t>(i) * 86'400);
    open[i] = price;
    price *= 1.0 + 0.01 * rng.normal(i);
    close[i] = price;
    high[i] = std::max(open[i], close[i]) * (1.0 + 0.004 * rng.uniform(n + i));
    low[i] = std::min(open[i], close[i]) * (1.0 - 0.004 * rng.uniform(2 * n + i));
    volume[i] = 1e6 * (0.5 + rng.uniform(3 * n + i));
  }
  high[0] = std::min(open[0], close[0]) * 0.999;       // ohlc_inconsistent, on the first row
  close[100] = std::nan("");                           // non_positive_price
  open[tile - 1] = -open[tile - 1];                    // non_positive_price, at a tile's end
  volume[300] = -5.0;                                  // negative_volume
  volume[n - 1] = -5.0;                                // negative_volume, on the last row
  low[500] = open[500] * 1.01;                         // ohlc_inconsistent
  high[tile] = std::min(open[tile], close[tile]) * 0.999;  // ohlc_inconsistent, a tile's start
  low[700] = close[700] / 10.0;                        // bad_tick (error)
  // bad_tick warnings: the last row of a screen block (blocks start at row 1 in tile 0),
  // and a row of the scalar tail of tile 0 (its last 31 rows).
  high[1024] = std::max(open[1024], close[1024]) * 1.3;
  high[tile - 10] = std::max(open[tile - 10], close[tile - 10]) * 1.3;
  for (std::size_t i = 900; i < 906; ++i) {            // unit_error: cents for dollars
    open[i] *= 100.0, high[i] *= 100.0, low[i] *= 100.0, close[i] *= 100.0;
  }
  for (std::size_t i = 1200; i < n; ++i) {             // a 2:1 split with no event
    open[i] /= 2.0, high[i] /= 2.0, low[i] /= 2.0, close[i] /= 2.0;
  }
  close[1500] = open[1500] = close[1499] * 1.3;        // extreme_move up, then back down
  high[1500] = close[1500] * 1.001;
  low[1500] = close[1500] * 0.999;
  open[1501] = close[1500];
  high[1501] = std::max(high[1501], open[1501]);
  for (std::size_t i = 1800; i < 1808; ++i) {          // stuck_price
    open[i] = high[i] = low[i] = close[i] = close[1799];
  }
  for (std::size_t i = tile - 8; i < tile + 4; ++i) volume[i] = 0.0;  // zero_volume across a tile
  t[2500] = t[2499];                                   // duplicate_time
  t[2600] = t[2599] - std::chrono::seconds{3600};      // time_order
  volume[3000] *= 400.0;                               // volume_spike
  low[8995] = std::nan("");  // non_positive_price, in the scalar tail of the last tile
  close[8997] = close[8996] * 1.3;  // extreme_move up and back, there too
  high[8997] = std::max(high[8997], close[8997]);
  close[3500] = close[3499] * 1.15;                    // return_spike (15 % in 1 % noise)
  high[3500] = std::max(high[3500], close[3500]);
  open[3501] = close[3500];
  high[3501] = std::max(high[3501], open[3501]);
  low[3501] = std::min(low[3501], open[3501]);
  return bar_series::from_columns("FAULTY", std::move(t), std::move(open), std::move(high),
                                  std::move(low), std::move(close), std::move(volume));
}

// The split ratios and dividends of faulty_bars: its 2:1 split at row 1200, and a dividend.
inline std::pair<std::vector<double>, std::vector<double>> faulty_bars_events() {
  std::vector<double> split(9000, 1.0), dividend(9000, 0.0);
  split[1200] = 2.0;
  dividend[2200] = 0.4;
  return {split, dividend};
}

// The lines of a report's CSV (header dropped) whose check is `id`.
inline std::vector<std::string> csv_lines_of(const report& r, std::string_view id) {
  std::vector<std::string> lines;
  const std::string csv = r.to_csv();
  std::size_t start = csv.find('\n') + 1;
  while (start < csv.size()) {
    const std::size_t end = csv.find('\n', start);
    const std::string line = csv.substr(start, end - start);
    start = end + 1;
    // row,time,check,...: the third field
    const std::size_t a = line.find(',', line.find(',') + 1) + 1;
    if (line.substr(a, line.find(',', a) - a) == id) lines.push_back(line);
  }
  return lines;
}

// A check with a screen, its margin ignored: the exact test runs on every row the screen
// covers. A scan, not a screen, so the validator runs it on its own.
template <class Check>
struct every_row {
  static constexpr std::string_view id = Check::id;
  Check check;
  void scan(bar_scan& s) const {
    const auto screen = check.screen(s);
    if (!screen.active) return;
    for (std::size_t i = screen.first; i < screen.last; ++i) screen.visit(i);
  }
};

// The validator runs the screens of its checks together over each tile; what it reports
// must be exactly what each check reports when it runs alone (its own screen over its own
// rows), and its quarantine mask the union of theirs. A check with a screen must also
// report what its exact test finds on every row: its margin may not miss.
template <class... Checks>
void check_each_alone(const validator<Checks...>& v, const bar_series& bars, event_columns events) {
  const report together = v.run(bars, events);
  std::vector<std::uint8_t> union_of_masks(bars.size(), 0);
  std::size_t findings = 0;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    const auto one = [&](const auto& check) {
      using check_type = std::remove_cvref_t<decltype(check)>;
      auto alone = validator{check};
      alone.kernel(v.kernel());
      const report r = alone.run(bars, events);
      const std::string_view id = check_type::id;
      INFO(id);
      CHECK(csv_lines_of(together, id) == csv_lines_of(r, id));
      if constexpr (requires(bar_scan& s) { check.screen(s); }) {
        auto exhaustive = validator{every_row<check_type>{check}};
        exhaustive.kernel(v.kernel());
        CHECK(exhaustive.run(bars, events).to_csv() == r.to_csv());
      }
      for (std::size_t row = 0; row < bars.size(); ++row) {
        union_of_masks[row] |= r.quarantine()[row];
      }
      findings += r.findings().size();
    };
    (one(v.template check<I>()), ...);
  }(std::index_sequence_for<Checks...>{});
  CHECK(together.findings().size() == findings);
  CHECK(std::ranges::equal(together.quarantine(), union_of_masks));
}

// The first n rows of a series.
inline bar_series first_rows(const bar_series& s, std::size_t n) {
  const auto head = [n](auto column) {
    return std::vector(column.begin(), column.begin() + static_cast<std::ptrdiff_t>(n));
  };
  return bar_series::from_columns("HEAD", head(s.times()), head(s.open()), head(s.high()),
                                  head(s.low()), head(s.close()), head(s.volume()));
}

}  // namespace validator_test

TEST_CASE("the screens run together report what each check reports alone", "[validate][validator]") {
  using namespace validator_test;
  const bar_series bars = faulty_bars();
  const auto [split, dividend] = faulty_bars_events();
  for (const scan_kernel kernel : {scan_kernel::build, scan_kernel::avx2}) {
    if (!scan_kernel_runs(kernel)) continue;
    INFO(to_string(kernel));
    auto v = default_validator();
    v.kernel(kernel);
    check_each_alone(v, bars, {});
    check_each_alone(v, bars, {split, dividend});
    // Short series, where the rows the screens cover differ most (one row has no
    // neighbour, two rows have no middle row for bad_tick), and series whose last tile
    // has one or two rows.
    constexpr std::size_t tile = default_validator_type::tile_rows;
    constexpr std::size_t lengths[] = {1, 2, 3, 4, 5, 33, 34, 35, 101, 1001, tile + 1, tile + 2};
    for (const std::size_t n : lengths) {
      INFO(n);
      const bar_series head = first_rows(bars, n);
      check_each_alone(v, head, {});
      const std::span<const double> s{split.data(), n}, d{dividend.data(), n};
      check_each_alone(v, head, {s, d});
    }
  }
}

namespace validator_test {
// A screen one row past the tile it is given: a broken contract, not a read past the series.
struct overreaching_screen {
  static constexpr std::string_view id = "overreaching";
  [[nodiscard]] auto screen(bar_scan& s) const {
    return row_screen{s.begin(), s.end() + 1,
                      [](const bar_columns&, std::size_t) { return std::int64_t{0}; },
                      [](std::size_t) {}};
  }
  void scan(bar_scan& s) const { run_screen(s, screen(s)); }
};
}  // namespace validator_test

TEST_CASE("a screen whose rows leave its tile breaks a contract", "[validate][validator]") {
  using namespace validator_test;
  const bar_series bars = first_rows(faulty_bars(), 40);
  const validator alone{overreaching_screen{}};
  CHECK_THROWS_AS(alone.run(bars), contract_violation);
  CHECK_THROWS_WITH(alone.run(bars), test::contains("screen.last <= s.end()"));
  const validator together{overreaching_screen{}, positive_prices{}};
  CHECK_THROWS_AS(together.run(bars), contract_violation);
}

TEST_CASE("the AVX2 scans run exactly where the processor has AVX2", "[validate][validator]") {
  using namespace validator_test;
  const bool runs = scan_kernel_runs(scan_kernel::avx2);
  CHECK(scan_kernel_runs(scan_kernel::build));
  CHECK(fastest_scan_kernel() == (runs ? scan_kernel::avx2 : scan_kernel::build));
  auto v = default_validator();
  CHECK(v.kernel() == fastest_scan_kernel());
  const auto no_such = static_cast<scan_kernel>(7);
  CHECK_FALSE(scan_kernel_runs(no_such));
  CHECK_THROWS_AS(v.kernel(no_such), config_error);
  CHECK_THROWS_WITH(v.kernel(no_such), test::contains("validator::kernel(scan_kernel 7 = unknown): no such kernel"));
  CHECK(v.kernel() == fastest_scan_kernel());  // a refused kernel changes nothing
  if (!avx2_scan_kernel_compiled) {
    CHECK_FALSE(runs);
    CHECK_THROWS_WITH(v.kernel(scan_kernel::avx2), test::contains("this program has no AVX2 scans"));
    return;
  }
  if (build_scans_use_avx2) {  // the build's own scans are the AVX2 ones
    CHECK(runs);
    return;
  }
  // A second copy is compiled in: the operating system's account of the processor decides
  // whether it must run (Linux; elsewhere this part has no independent truth to read).
  const std::optional<bool> has = test::cpu_has_flags({"avx2"});
  if (!has) return;
  CHECK(runs == *has);
  if (!runs) CHECK_THROWS_WITH(v.kernel(scan_kernel::avx2), test::contains("this processor lacks AVX2"));
}

TEST_CASE("every scan kernel finds the same faults, to the bit", "[validate][validator]") {
  using namespace validator_test;
  const bar_series bars = faulty_bars();
  // The split, supplied as an event on its ex-date, takes the event-adjusted paths.
  const auto [split, dividend] = faulty_bars_events();
  // Both kernels where the processor runs both; their reports must agree to the bit.
  const report raw = test::run_every_kernel(default_validator(), bars);
  const report adjusted = test::run_every_kernel(default_validator(), bars, {split, dividend});
  // The faults are there to be found: each check reports at least once.
  for (const std::string_view id : default_validator_type::check_ids()) {
    INFO(id);
    CHECK(raw.count(id) >= 1);
  }
  CHECK(raw.count("unexplained_split") == 1);
  CHECK(adjusted.count("unexplained_split") == 0);
  if (!scan_kernel_runs(scan_kernel::avx2)) WARN("no AVX2 scans run here: only the build's were checked");
}

TEST_CASE("every scan kernel gives the same findings on every shared daily file", "[validate][validator][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace validator_test;
  if (!scan_kernel_runs(scan_kernel::avx2)) WARN("no AVX2 scans run here: only the build's ran");
  std::size_t files = 0;
  std::size_t findings = 0;
  for (const auto& entry : std::filesystem::directory_iterator{data / "daily/alphavantage_sp500"}) {
    if (entry.path().extension() != ".csv") continue;
    const test::csv_table table{entry.path()};
    const bar_series bars = test::daily_bars(table, "timestamp");
    const auto split = table.numbers("split_coefficient");
    const auto dividend = table.numbers("dividend_amount");
    INFO(entry.path().filename().string());
    for (const event_columns events : {event_columns{}, event_columns{split, dividend}}) {
      findings += test::run_every_kernel(default_validator(), bars, events).findings().size();
    }
    ++files;
  }
  CHECK(files >= 40);
  CHECK(findings > 0);
}
