// SPDX-License-Identifier: MIT
/// \file
/// \brief Checks for streaks: the same close for many rows in a row (`stuck_price`, a
/// frozen feed) and rows with zero volume (`zero_volume_run`).
///
/// Synopsis
/// \code
/// stuck_price{.run = 5, .level = severity::warning}      // id "stuck_price"
/// zero_volume_run{.run = 1, .level = severity::warning}  // id "zero_volume"
/// \endcode
///
/// A streak of at least `run` rows is reported once, at its first row, with `rows` = its
/// length. Defaults: five identical daily closes are rare for a traded stock (none in the
/// 40 shared Alpha Vantage files) while a feed that stopped updating repeats its last
/// price; a single zero-volume day is already worth a look for a listed stock (NRG and
/// VRTX have one each in the shared files). Set `run` for the bar frequency. O(n), no
/// allocation. A `run` below 2 (`stuck_price`) or 1 (`zero_volume_run`) is a `config_error`
/// (id `bulwark.validate.runs`).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bulwark/core/error.hpp"
#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/finding.hpp"
#include "bulwark/validate/screen.hpp"

namespace bulwark::validate {

namespace detail {

// The screen that reports each maximal streak [i, j) of rows where in_streak(k) holds, at
// i in [begin, end), when it is at least `run` rows long; margin(columns, k) is negative
// wherever in_streak(k) may hold.
template <class Margin, class InStreak, class Report>
[[nodiscard]] auto streak_screen(std::size_t begin, std::size_t end, std::size_t n,
                                 std::size_t run, Margin margin, InStreak in_streak,
                                 Report report) {
  const auto visit = [=](std::size_t i) {
    if (!in_streak(i) || (i >= 1 && in_streak(i - 1))) return;  // none, or inside one
    std::size_t j = i + 1;
    while (j < n && in_streak(j)) ++j;
    if (j - i >= run) report(i, j - i);
  };
  return row_screen{begin, end, margin, visit};
}

inline void require_run(std::size_t run, std::size_t minimum, std::string_view check) {
  if (run >= minimum) return;
  throw_config_error("bulwark.validate.runs", "{}: run {}; expected >= {}", check, run, minimum);
}

}  // namespace detail

/// At least `run` consecutive identical closes.
struct stuck_price {
  static constexpr std::string_view id = "stuck_price";
  std::size_t run = 5;
  severity level = severity::warning;

  void check_config() const { detail::require_run(run, 2, id); }

  [[nodiscard]] auto screen(bar_scan& s) const {
    const double* c = s.bars().close().data();
    const std::size_t n = s.bars().size();
    // Row k is in a streak when its close equals the next row's (the last row of a streak
    // is added by counting rows = pairs + 1), so the last row is never in one. (A scan has
    // rows, so n >= 1.)
    return detail::streak_screen(
        s.begin(), std::min(s.end(), n - 1), n, run - 1,
        // Patterns equal but for the sign (+0 and -0 compare equal) give -1.
        [](const bar_columns& b, std::size_t k) BULWARK_DETAIL_ALWAYS_INLINE {
          const auto differ =
              static_cast<std::uint64_t>(detail::bits(b.close[k + 1]) ^ detail::bits(b.close[k]));
          return detail::wrapping_difference(static_cast<std::int64_t>(differ << 1), 1);
        },
        [=](std::size_t k) { return k + 1 < n && c[k + 1] == c[k]; },
        [=, this, &s](std::size_t i, std::size_t pairs) {
          s.flag(i, level, "close unchanged for many rows",
                 {{"close", c[i]}, {"rows", static_cast<double>(pairs + 1)}}, pairs + 1);
        });
  }

  void scan(bar_scan& s) const { run_screen(s, screen(s)); }
};

/// At least `run` consecutive rows with zero volume.
struct zero_volume_run {
  static constexpr std::string_view id = "zero_volume";
  std::size_t run = 1;
  severity level = severity::warning;

  void check_config() const { detail::require_run(run, 1, id); }

  [[nodiscard]] auto screen(bar_scan& s) const {
    const double* v = s.bars().volume().data();
    return detail::streak_screen(
        s.begin(), s.end(), s.bars().size(), run,
        // Negative for +0 and -0: the pattern without its sign bit is 0.
        [](const bar_columns& b, std::size_t k) BULWARK_DETAIL_ALWAYS_INLINE {
          return (detail::bits(b.volume[k]) & 0x7fffffffffffffffLL) - 1;
        },
        [=](std::size_t k) { return v[k] == 0.0; },
        [=, this, &s](std::size_t i, std::size_t rows) {
          s.flag(i, level, "zero volume", {{"rows", static_cast<double>(rows)}}, rows);
        });
  }

  void scan(bar_scan& s) const { run_screen(s, screen(s)); }
};

}  // namespace bulwark::validate
