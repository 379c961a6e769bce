// SPDX-License-Identifier: MIT
// libFuzzer target for the validator: the input bytes become a bar series (times, OHLCV
// and event columns, so NaN, infinities, negative and huge values, repeated and backward
// times all occur), which every bar check bulwark ships validates, the NYSE calendar
// checks included. Validation must never throw for bad data and its report must be
// consistent: findings sorted by row within the series, at least one row each, and the
// quarantine mask exactly the union of the error findings' rows. The validator screens its
// checks together; what it reports must be what the checks report when each runs alone.
// Where the processor runs both scan kernels, their reports must be identical. Invalid
// event columns may raise
// bulwark::input_error, as documented; anything else is a finding.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "bulwark/calendar/xnys.hpp"
#include "bulwark/core/clock.hpp"
#include "bulwark/validate.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

// Reads the next 8 bytes as a double, or 0 past the end.
double next_double(const std::uint8_t*& data, const std::uint8_t* end) {
  double v = 0.0;
  if (end - data >= 8) {
    std::memcpy(&v, data, 8);
    data += 8;
  }
  return v;
}

void check_report(const bulwark::validate::report& r, std::size_t n) {
  using bulwark::validate::severity;
  require(r.rows() == n);
  std::vector<std::uint8_t> mask(n, 0);
  for (std::size_t k = 0; k < r.findings().size(); ++k) {
    const auto& f = r.findings()[k];
    require(f.row < n && f.rows >= 1 && f.row + f.rows <= n);
    if (k > 0) require(r.findings()[k - 1].row <= f.row);
    if (f.level == severity::error) std::fill(mask.begin() + static_cast<std::ptrdiff_t>(f.row),
                                              mask.begin() + static_cast<std::ptrdiff_t>(f.row + f.rows), 1);
  }
  require(std::equal(mask.begin(), mask.end(), r.quarantine().begin()));
}

// The lines of a report's CSV, header dropped, sorted.
std::vector<std::string> sorted_lines(const bulwark::validate::report& r) {
  std::vector<std::string> lines;
  const std::string csv = r.to_csv();
  for (std::size_t start = csv.find('\n') + 1; start < csv.size();) {
    const std::size_t stop = csv.find('\n', start);
    lines.push_back(csv.substr(start, stop - start));
    start = stop + 1;
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The findings of the checks of `v`, each run alone, as sorted CSV lines.
template <class Validator>
std::vector<std::string> each_alone(const Validator& v, const bulwark::bar_series& s,
                                    bulwark::validate::event_columns events) {
  std::vector<std::string> lines;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    const auto one = [&](const auto& check) {
      auto alone = bulwark::validate::validator{check};
      alone.kernel(v.kernel());
      const std::vector<std::string> more = sorted_lines(alone.run(s, events));
      lines.insert(lines.end(), more.begin(), more.end());
    };
    (one(v.template check<I>()), ...);
  }(std::make_index_sequence<Validator::check_ids().size()>{});
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bulwark;
  using namespace bulwark::validate;
  if (size < 2) return 0;
  const std::uint8_t flags = data[0];
  const std::uint8_t* p = data + 1;
  const std::uint8_t* end = data + size;
  // Rows of 7 doubles: time step (seconds, as a double), open, high, low, close, volume,
  // and an event value (split ratio or dividend, per the flags).
  std::vector<double> split, dividend;
  bar_series s{"FUZZ"};
  std::int64_t t = 946'684'800;  // 2000-01-01
  while (end - p >= 8) {
    const double step = next_double(p, end);
    // Steps of up to 11 days either way, within +-126 years of 1970 (nanoseconds stay in range).
    if (std::isfinite(step) && std::abs(step) < 1e6) t += static_cast<std::int64_t>(step);
    t = std::clamp<std::int64_t>(t, -4'000'000'000, 4'000'000'000);
    bar b{.time = from_unix_seconds(t)};
    b.open = next_double(p, end);
    b.high = next_double(p, end);
    b.low = next_double(p, end);
    b.close = next_double(p, end);
    b.volume = next_double(p, end);
    const double event = next_double(p, end);
    split.push_back((flags & 1) != 0 ? event : 1.0);
    dividend.push_back((flags & 2) != 0 ? event : 0.0);
    s.push_back(b);
  }
  const calendar::xnys nyse;
  const manual_clock clock{from_unix_seconds(t + 3600)};
  const validator all{time_order{},        duplicate_times{},   positive_prices{},
                      non_negative_volume{}, ohlc_consistency{},  bad_tick{},
                      unit_error{.max_rows = 3}, unexplained_split{}, extreme_move{},
                      return_spike{.window = 40}, stuck_price{.run = 2}, zero_volume_run{},
                      volume_spike{.window = 40}, non_session_bars<calendar::xnys>{.calendar = &nyse},
                      missing_sessions<calendar::xnys>{.calendar = &nyse},
                      stale_after<manual_clock>{.clock = &clock, .max_age = std::chrono::minutes{5}},
                      stale_sessions<manual_clock, calendar::xnys>{.clock = &clock, .calendar = &nyse}};
  const event_columns events{(flags & 1) != 0 ? std::span<const double>{split} : std::span<const double>{},
                             (flags & 2) != 0 ? std::span<const double>{dividend} : std::span<const double>{}};
  try {
    auto build = all;
    build.kernel(scan_kernel::build);
    const report expected = build.run(s, events);
    check_report(expected, s.size());
    require(sorted_lines(expected) == each_alone(build, s, events));
    if (scan_kernel_runs(scan_kernel::avx2)) {
      auto wide = all;
      wide.kernel(scan_kernel::avx2);
      const report r = wide.run(s, events);
      require(r.to_csv() == expected.to_csv());
      require(std::ranges::equal(r.quarantine(), expected.quarantine()));
    }
  } catch (const input_error& e) {
    require(e.id() == "bulwark.validate.events");  // only the events may be refused
  }
  return 0;
}
