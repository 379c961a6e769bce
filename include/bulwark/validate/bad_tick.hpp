// SPDX-License-Identifier: MIT
/// \file
/// \brief `bad_tick`: a bar whose low or high lies far outside both its own open/close and
/// its neighbours' ranges, the signature of one bad print (a low ten times too small).
///
/// Synopsis
/// \code
/// bad_tick{.ratio = 2.0, .range_multiple = 6.0, .level = severity::error}  // id "bad_tick"
/// \endcode
///
/// For bar i with usable prices, its neighbours i - 1 and i + 1 (those that exist and have
/// usable prices) are brought to bar i's price scale through the split ratios supplied,
/// and
///   floor   = min(open_i, close_i, low_{i-1}, low_{i+1}),
///   ceiling = max(open_i, close_i, high_{i-1}, high_{i+1}).
/// - error (`level`): low_i < floor / ratio, or high_i > ceiling * ratio: the wick is a
///   factor `ratio` beyond anything around it (default 2: half the price in one print).
///   Lean's AAPL file has three lows at about a tenth of the close (2009-09-21, 2010-08-31,
///   2011-01-03); real crashes such as 2010-05-06 (AAPL low 199.25, close 246.25) stay far
///   inside this bound.
/// - warning: otherwise, the wick extends beyond the floor or ceiling by more than
///   `range_multiple` times the neighbours' mean range (high - low); 0 disables. This
///   catches spikes such as SPY's 2002-04-02 high of 144.12 over a close of 113.93.
/// One finding per bar. O(n), no allocation. Bad settings (ratio not > 1, range_multiple
/// negative) are a `config_error` (id `bulwark.validate.bad_tick`).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string_view>

#include "bulwark/core/error.hpp"
#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/finding.hpp"
#include "bulwark/validate/screen.hpp"

namespace bulwark::validate {

struct bad_tick {
  static constexpr std::string_view id = "bad_tick";
  double ratio = 2.0;
  double range_multiple = 6.0;
  severity level = severity::error;

  void check_config() const {
    if (!(ratio > 1.0 && std::isfinite(ratio)) ||
        !(range_multiple >= 0.0 && std::isfinite(range_multiple))) {
      throw_config_error("bulwark.validate.bad_tick",
                         "ratio {} must be finite and > 1, range_multiple {} finite and >= 0",
                         ratio, range_multiple);
    }
  }

  /// The screen of rows 1 .. n - 2 of the tile; the rows it cannot cover it examines
  /// exactly when called: the first and last rows of the series (one neighbour each), and
  /// every row when corporate actions are supplied (split scaling) or n < 3.
  [[nodiscard]] auto screen(bar_scan& s) const {
    const bar_series& bars = s.bars();
    const double* o = bars.open().data();
    const double* h = bars.high().data();
    const double* l = bars.low().data();
    const double* c = bars.close().data();
    const std::size_t n = bars.size();
    const auto visit = [=, this, &s](std::size_t i) { examine(s, i, n, o, h, l, c); };
    const bool exact = s.has_events() || n < 3;
    if (exact) {
      for (std::size_t i = s.begin(); i < s.end(); ++i) visit(i);
    } else {
      if (s.begin() == 0) visit(0);
      if (s.end() == n) visit(n - 1);
    }
    const std::size_t first = std::max<std::size_t>(s.begin(), 1);
    const std::size_t last = std::max(first, std::min(s.end(), n - 1));
    // The screen is a necessary condition of both tiers, whatever the neighbours: the floor
    // is at most min(open, close) and the neighbours' mean range at least their smaller
    // range (a NaN anywhere makes it fire, never stay quiet). Negative when the low is
    // below body / ratio or the high above body * ratio (error tier), or the wick leaves
    // the body by more than m times either neighbour's range.
    const double r = ratio;
    const double multiple = range_multiple == 0.0 ? detail::infinity : range_multiple;
    using detail::bits;
    return row_screen{
        first, last,
        [=](const bar_columns& b, std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
          const double open = b.open[i];
          const double close = b.close[i];
          const double body_low = close < open ? close : open;
          const double body_high = close > open ? close : open;
          const double below = body_low - b.low[i];
          const double above = b.high[i] - body_high;
          const double range_before = multiple * (b.high[i - 1] - b.low[i - 1]);
          const double range_after = multiple * (b.high[i + 1] - b.low[i + 1]);
          return bits(b.low[i] * r - body_low) | bits(r * body_high - b.high[i]) |
                 bits(range_before - below) | bits(range_after - below) |
                 bits(range_before - above) | bits(range_after - above);
        },
        visit, !exact};
  }

  void scan(bar_scan& s) const { run_screen(s, screen(s)); }

 private:
  void examine(bar_scan& s, std::size_t i, std::size_t n, const double* o, const double* h,
               const double* l, const double* c) const {
    const bar_columns prices{s.bars()};
    const auto usable = [&](std::size_t k) { return prices.usable(k) && l[k] <= h[k]; };
    if (!usable(i)) return;
    double floor = std::min(o[i], c[i]);
    double ceiling = std::max(o[i], c[i]);
    double range_sum = 0.0;
    int neighbours = 0;
    // A neighbour's prices in bar i's scale: before a split they are `split` times higher.
    const auto add = [&](std::size_t k, double scale) {
      if (!usable(k)) return;
      floor = std::min(floor, l[k] * scale);
      ceiling = std::max(ceiling, h[k] * scale);
      range_sum += (h[k] - l[k]) * scale;
      ++neighbours;
    };
    if (i >= 1) add(i - 1, 1.0 / s.split_ratio(i));
    if (i + 1 < n) add(i + 1, s.split_ratio(i + 1));
    const bool low_error = l[i] * ratio < floor;
    const bool high_error = h[i] > ceiling * ratio;
    if (low_error || high_error) {
      report(s, i, level, low_error, high_error, l[i], h[i], floor, ceiling);
      return;
    }
    if (range_multiple == 0.0 || neighbours == 0) return;
    const double typical_range = range_sum / neighbours;
    if (!(typical_range > 0.0)) return;
    const bool low_warning = floor - l[i] > range_multiple * typical_range;
    const bool high_warning = h[i] - ceiling > range_multiple * typical_range;
    if (low_warning || high_warning) {
      report(s, i, severity::warning, low_warning, high_warning, l[i], h[i], floor, ceiling);
    }
  }

  static void report(bar_scan& s, std::size_t i, severity level, bool low, bool high,
                     double low_price, double high_price, double floor, double ceiling) {
    if (low && high) {
      s.flag(i, level, "low and high far outside the neighbours' range",
             {{"low", low_price}, {"floor", floor}, {"high", high_price}, {"ceiling", ceiling}});
    } else if (low) {
      s.flag(i, level, "low far below the neighbours' range",
             {{"low", low_price}, {"floor", floor}, {"factor", floor / low_price}});
    } else {
      s.flag(i, level, "high far above the neighbours' range",
             {{"high", high_price}, {"ceiling", ceiling}, {"factor", high_price / ceiling}});
    }
  }
};

}  // namespace bulwark::validate
