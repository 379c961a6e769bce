// SPDX-License-Identifier: MIT
/// \file
/// \brief Checks of the close-to-close move, net of the corporate actions supplied: moves
/// beyond a threshold (`extreme_move`), 100x jumps that revert (`unit_error`), and jumps by
/// a split ratio that no split explains (`unexplained_split`).
///
/// Synopsis
/// \code
/// extreme_move{.threshold = 0.20, .level = severity::warning}   // id "extreme_move"
/// unit_error{.factor = 100, .tolerance = 2, .max_rows = 20}      // id "unit_error"
/// unexplained_split{.tolerance = 0.05, .level = severity::warning}  // id "unexplained_split"
/// \endcode
///
/// The move of row i is the price relative g = event_adjusted_close(i) / close[i - 1]
/// (bar_check.hpp): the total return plus one, so a split or dividend supplied in
/// `event_columns` causes no jump. Rows whose closes are not usable are skipped (they are
/// `positive_prices`'s findings). O(n), no allocation.
///
/// - `extreme_move`: |g - 1| > threshold. The default 20% suits daily equity bars; real
///   moves that large happen (earnings, crashes), hence a warning.
/// - `unit_error`: g within a factor `tolerance` of `factor` (or of 1/factor), and the
///   level returns (a move within the inverse band) within `max_rows` rows: the rows in
///   between are quoted in the wrong unit (pence for pounds, cents for dollars). An error
///   covering those rows. A jump of that size that does not revert is reported as a
///   warning (a unit change, or a 1:100 reverse split without its event).
/// - `unexplained_split`: no split supplied on row i, and g within `tolerance` (relative)
///   of a common split's price factor: 1/2, 1/3, 1/4, 1/5, 1/7, 1/8, 1/10, 2/3 (splits 2:1
///   to 10:1 and 3:2) or 2, 3, 4, 5, 8, 10, 20 (reverse splits). A real crash can look like
///   a 2:1 split, hence a warning; supply the events (or raise `.level`) to be strict.
///
/// Bad settings are a `config_error` (id `bulwark.validate.moves`): threshold not > 0,
/// factor not > 1, tolerance not > 1 (`unit_error`) or not in (0, 0.2] (`unexplained_split`),
/// max_rows 0.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>

#include "bulwark/core/error.hpp"
#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/finding.hpp"
#include "bulwark/validate/screen.hpp"

namespace bulwark::validate {

namespace detail {

inline constexpr auto moves_id = "bulwark.validate.moves";

// The price relative of row i >= 1, or NaN when a close is not usable.
[[nodiscard]] inline double price_relative(const bar_scan& s, std::size_t i) noexcept {
  const double previous = s.bars().close()[i - 1];
  const double current = s.bars().close()[i];
  if (!(usable_price(previous) && usable_price(current))) return std::numeric_limits<double>::quiet_NaN();
  return s.event_adjusted_close(i) / previous;
}

// The screen of rows i >= 1 of [begin, end) whose price relative may lie outside
// [low, high] (visit(i, g) is called for those that do): a branch-free multiplicative screen
// (no division), then the exact relative. With corporate actions supplied the screen of
// the event-adjusted closes runs when called, and the returned screen is inactive.
template <class Visit>
[[nodiscard]] auto moves_screen(bar_scan& s, double low, double high, Visit visit) {
  const double* c = s.bars().close().data();
  const auto visit_exact = [=, &s](std::size_t i) {
    const double g = price_relative(s, i);
    if (g < low || g > high) visit(i, g);
  };
  const std::size_t first = s.begin() == 0 ? 1 : s.begin();
  const bool events = s.has_events();
  // bits(a - low * p) | bits(high * p - a) is negative when a < low * p or a > high * p.
  if (events) {
    screened_rows(
        s.kernel(), first, s.end(),
        [&](std::size_t i) {
          const double a = s.event_adjusted_close(i);
          return bits(a - low * c[i - 1]) | bits(high * c[i - 1] - a);
        },
        visit_exact);
  }
  return row_screen{first, std::max(first, s.end()),
                    [=](const bar_columns& b, std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
                      return bits(b.close[i] - low * b.close[i - 1]) |
                             bits(high * b.close[i - 1] - b.close[i]);
                    },
                    visit_exact, !events};
}

}  // namespace detail

/// |close-to-close return| above `threshold` (a fraction: 0.20 is 20%).
struct extreme_move {
  static constexpr std::string_view id = "extreme_move";
  double threshold = 0.20;
  severity level = severity::warning;

  void check_config() const {
    if (!(threshold > 0.0 && std::isfinite(threshold))) {
      throw_config_error(detail::moves_id, "extreme_move: threshold {} must be finite and > 0",
                         threshold);
    }
  }

  [[nodiscard]] auto screen(bar_scan& s) const {
    const auto report = [=, this, &s](std::size_t i, double g) {
      s.flag(i, level, "close-to-close move beyond the threshold",
             {{"previous_close", s.bars().close()[i - 1]}, {"close", s.bars().close()[i]},
              {"return", g - 1.0}});
    };
    return detail::moves_screen(s, 1.0 - threshold, 1.0 + threshold, report);
  }

  void scan(bar_scan& s) const { run_screen(s, screen(s)); }
};

/// A jump by about `factor` (or 1/factor) that reverts within `max_rows` rows.
struct unit_error {
  static constexpr std::string_view id = "unit_error";
  double factor = 100.0;
  double tolerance = 2.0;  ///< a jump counts when g is within [factor / tolerance, factor * tolerance]
  std::size_t max_rows = 20;
  severity level = severity::error;

  void check_config() const {
    if (!(factor > 1.0 && std::isfinite(factor)) || !(tolerance > 1.0 && tolerance < factor) ||
        max_rows == 0) {
      throw_config_error(detail::moves_id,
                         "unit_error: factor {} must be > 1, tolerance {} in (1, factor), "
                         "max_rows {} >= 1",
                         factor, tolerance, max_rows);
    }
  }

  // +1: a jump up by about `factor`; -1: down; 0: neither.
  [[nodiscard]] int jump(double g) const noexcept {
    if (g >= factor / tolerance && g <= factor * tolerance) return 1;
    if (g <= tolerance / factor && g >= 1.0 / (factor * tolerance)) return -1;
    return 0;
  }

  // True when the jump at row i (direction +-1) is the jump back of an earlier one. Jumps
  // pair up from the start of a chain of jumps each within max_rows of the next: a jump
  // opens, the next one closes it when it goes the other way, else it opens anew. The
  // walk back is bounded at 64 jumps (a longer chain restarts its pairing there).
  [[nodiscard]] bool closes_earlier_jump(const bar_scan& s, std::size_t i, int direction) const {
    std::array<int, 64> chain{};
    std::size_t length = 0;
    std::size_t after = i;
    for (std::size_t k = i - 1; k >= 1 && k + max_rows >= after && length < chain.size(); --k) {
      const int d = jump(detail::price_relative(s, k));
      if (d == 0) continue;
      chain[length++] = d;
      after = k;
    }
    int open = 0;
    while (length > 0) {
      const int d = chain[--length];
      open = open != 0 && d == -open ? 0 : d;
    }
    return open != 0 && direction == -open;
  }

  [[nodiscard]] auto screen(bar_scan& s) const {
    const std::size_t n = s.bars().size();
    const auto report = [=, this, &s](std::size_t i, double g) {
      const int direction = jump(g);
      if (direction == 0) return;
      if (closes_earlier_jump(s, i, direction)) return;  // reported with its start
      for (std::size_t u = i + 1; u < n && u <= i + max_rows; ++u) {
        const int back = jump(detail::price_relative(s, u));
        if (back == -direction) {
          s.flag(i, level, "prices jump by the unit factor and jump back",
                 {{"jump", g}, {"rows", static_cast<double>(u - i)}}, u - i);
          return;
        }
        if (back == direction) break;
      }
      s.flag(i, severity::warning, "prices jump by the unit factor and stay", {{"jump", g}});
    };
    return detail::moves_screen(s, tolerance / factor, factor / tolerance, report);
  }

  void scan(bar_scan& s) const { run_screen(s, screen(s)); }
};

/// A jump by a common split's price factor on a row with no split supplied.
struct unexplained_split {
  static constexpr std::string_view id = "unexplained_split";
  /// Price factors new/old of splits 2:1, 3:1, 4:1, 5:1, 7:1, 8:1, 10:1, 3:2 and reverse
  /// splits 1:2, 1:3, 1:4, 1:5, 1:8, 1:10, 1:20.
  static constexpr std::array<double, 15> common_factors = {
      1.0 / 2, 1.0 / 3, 1.0 / 4, 1.0 / 5, 1.0 / 7, 1.0 / 8, 1.0 / 10, 2.0 / 3,
      2.0, 3.0, 4.0, 5.0, 8.0, 10.0, 20.0};
  double tolerance = 0.05;  ///< relative distance |g / factor - 1| that still matches
  severity level = severity::warning;

  void check_config() const {
    if (!(tolerance > 0.0 && tolerance <= 0.2)) {
      throw_config_error(detail::moves_id, "unexplained_split: tolerance {} outside (0, 0.2]",
                         tolerance);
    }
  }

  [[nodiscard]] auto screen(bar_scan& s) const {
    // Every factor lies outside [2/3 (1 + tol), 2 (1 - tol)], so that band is never a match.
    const double low = 2.0 / 3.0 * (1.0 + tolerance);
    const double high = 2.0 * (1.0 - tolerance);
    const auto report = [=, this, &s](std::size_t i, double g) {
      if (s.split_ratio(i) != 1.0) return;  // a split is supplied: it explains the jump
      for (double f : common_factors) {
        if (std::abs(g / f - 1.0) <= tolerance) {
          s.flag(i, level, "jump by a split ratio with no split supplied",
                 {{"price_factor", g}, {"split_factor", f}});
          return;
        }
      }
    };
    return detail::moves_screen(s, low, high, report);
  }

  void scan(bar_scan& s) const { run_screen(s, screen(s)); }
};

}  // namespace bulwark::validate
