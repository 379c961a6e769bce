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

#include <chrono>
#include <cstddef>
#include <string_view>

#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/finding.hpp"
#include "bulwark/validate/screen.hpp"

namespace bulwark::validate {

namespace detail {

// Reports each maximal run of rows i >= 1 for which step(i) holds, at its first row.
template <class Step, class Report>
void report_runs(std::size_t begin, std::size_t end, std::size_t n, Step step, Report report) {
  screened_rows(begin == 0 ? 1 : begin, end, step, [&](std::size_t i) {
    if (i >= 2 && step(i - 1)) return;  // inside a run that started earlier
    std::size_t j = i + 1;
    while (j < n && step(j)) ++j;
    report(i, j - i);
  });
}

}  // namespace detail

/// Each row's time must not be earlier than the previous row's.
struct time_order {
  static constexpr std::string_view id = "time_order";
  severity level = severity::error;

  void scan(bar_scan& s) const {
    const auto* t = s.bars().times().data();
    detail::report_runs(
        s.begin(), s.end(), s.bars().size(), [=](std::size_t i) { return t[i] < t[i - 1]; },
        [&](std::size_t i, std::size_t rows) {
          const double back = std::chrono::duration<double>(t[i - 1] - t[i]).count();
          s.flag(i, level, rows == 1 ? "time earlier than the previous row's"
                                     : "times run backwards for several rows",
                 {{"seconds_back", back}, {"rows", static_cast<double>(rows)}}, rows);
        });
  }
};

/// No two consecutive rows may have the same time.
struct duplicate_times {
  static constexpr std::string_view id = "duplicate_time";
  severity level = severity::error;

  void scan(bar_scan& s) const {
    const auto* t = s.bars().times().data();
    detail::report_runs(
        s.begin(), s.end(), s.bars().size(), [=](std::size_t i) { return t[i] == t[i - 1]; },
        [&](std::size_t i, std::size_t rows) {
          s.flag(i, level, "same time as the previous row", {{"repeats", static_cast<double>(rows)}},
                 rows);
        });
  }
};

}  // namespace bulwark::validate
