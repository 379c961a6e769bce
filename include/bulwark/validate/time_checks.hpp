// SPDX-License-Identifier: MIT
/// \file
/// \brief Checks of the time column: rows earlier than the row before (`time_order`) and
/// rows with the same time as the row before (`duplicate_times`).
///
/// Synopsis
/// \code
/// time_order{.level = severity::error}       // id "time_order"
/// duplicate_times{.level = severity::error}  // id "duplicate_time"
/// \endcode
///
/// Each reports a run once: consecutive rows that each go back in time (a file stored
/// newest first is one finding covering rows 1..n-1), or consecutive rows that repeat one
/// time, at the run's first row with `rows` = its length. O(n), no allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/finding.hpp"
#include "bulwark/validate/screen.hpp"

namespace bulwark::validate {

namespace detail {

// The screen that reports each maximal run of rows i >= 1 for which step(i) holds, at its
// first row, when that row is in [s.begin(), s.end()); margin(columns, i) is negative
// wherever step(i) may hold.
template <class Margin, class Step, class Report>
[[nodiscard]] auto step_run_screen(const bar_scan& s, Margin margin, Step step, Report report) {
  const std::size_t n = s.bars().size();
  const auto visit = [=](std::size_t i) {
    if (!step(i) || (i >= 2 && step(i - 1))) return;  // no step, or inside an earlier run
    std::size_t j = i + 1;
    while (j < n && step(j)) ++j;
    report(i, j - i);
  };
  return row_screen{s.begin() == 0 ? 1 : s.begin(), s.end(), margin, visit};
}

// t[i] - t[i - 1] - offset, negative when it is below 0 or a time is extreme.
[[nodiscard]] inline std::int64_t time_step_margin(const timestamp* t, std::size_t i,
                                                   std::int64_t offset) noexcept {
  const std::int64_t now = t[i].time_since_epoch().count();
  const std::int64_t before = t[i - 1].time_since_epoch().count();
  return extreme_time_margin(now) | extreme_time_margin(before) |
         wrapping_difference(wrapping_difference(now, before), offset);
}

}  // namespace detail

/// Each row's time must not be earlier than the previous row's.
struct time_order {
  static constexpr std::string_view id = "time_order";
  severity level = severity::error;

  [[nodiscard]] auto screen(bar_scan& s) const {
    const auto* t = s.bars().times().data();
    return detail::step_run_screen(
        s,
        [](const bar_columns& b, std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
          return detail::time_step_margin(b.time, i, 0);
        },
        [=](std::size_t i) { return t[i] < t[i - 1]; },
        [=, this, &s](std::size_t i, std::size_t rows) {
          // In double arithmetic: a difference of extreme times could overflow int64.
          const double back = (static_cast<double>(t[i - 1].time_since_epoch().count()) -
                               static_cast<double>(t[i].time_since_epoch().count())) / 1e9;
          s.flag(i, level, rows == 1 ? "time earlier than the previous row's"
                                     : "times run backwards for several rows",
                 {{"seconds_back", back}, {"rows", static_cast<double>(rows)}}, rows);
        });
  }

  void scan(bar_scan& s) const { run_screen(s, screen(s)); }
};

/// No two consecutive rows may have the same time.
struct duplicate_times {
  static constexpr std::string_view id = "duplicate_time";
  severity level = severity::error;

  [[nodiscard]] auto screen(bar_scan& s) const {
    const auto* t = s.bars().times().data();
    return detail::step_run_screen(
        s,
        [](const bar_columns& b, std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
          return detail::time_step_margin(b.time, i, 1);
        },
        [=](std::size_t i) { return t[i] == t[i - 1]; },
        [=, this, &s](std::size_t i, std::size_t rows) {
          s.flag(i, level, "same time as the previous row", {{"repeats", static_cast<double>(rows)}},
                 rows);
        });
  }

  void scan(bar_scan& s) const { run_screen(s, screen(s)); }
};

}  // namespace bulwark::validate
