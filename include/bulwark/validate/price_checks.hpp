// SPDX-License-Identifier: MIT
/// \file
/// \brief Checks of each bar on its own: prices that are not finite and positive
/// (`positive_prices`), volume that is negative or not finite (`non_negative_volume`), and
/// open/high/low/close that contradict each other (`ohlc_consistency`).
///
/// Synopsis
/// \code
/// positive_prices{.level = severity::error}      // id "non_positive_price"
/// non_negative_volume{.level = severity::error}  // id "negative_volume"
/// ohlc_consistency{.level = severity::error}     // id "ohlc_inconsistent"
/// \endcode
///
/// `ohlc_consistency` requires low <= min(open, close) and max(open, close) <= high (which
/// implies low <= high); it looks only at bars whose four prices are usable, so a NaN is
/// reported once, by `positive_prices`. O(n), no allocation.
#pragma once

#include <cstddef>
#include <string_view>

#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/finding.hpp"
#include "bulwark/validate/screen.hpp"

namespace bulwark::validate {

/// Open, high, low and close must each be finite and > 0.
struct positive_prices {
  static constexpr std::string_view id = "non_positive_price";
  severity level = severity::error;

  [[nodiscard]] auto screen(bar_scan& s) const {
    const bar_columns p{s.bars()};
    return row_screen{
        s.begin(), s.end(),
        [](const bar_columns& b, std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
          return b.unusable(i);
        },
        [=, this, &s](std::size_t i) {
          if (p.usable(i)) return;
          s.flag(i, level, "price not finite and > 0",
                 {{"open", p.open[i]}, {"high", p.high[i]}, {"low", p.low[i]}, {"close", p.close[i]}});
        }};
  }

  void scan(bar_scan& s) const { run_screen(s, screen(s)); }
};

/// Volume must be finite and >= 0.
struct non_negative_volume {
  static constexpr std::string_view id = "negative_volume";
  severity level = severity::error;

  [[nodiscard]] auto screen(bar_scan& s) const {
    const double* v = s.bars().volume().data();
    return row_screen{
        s.begin(), s.end(),
        // Negative for a set sign bit (negative volume, or -0 which the exact test clears)
        // and for infinity and NaN.
        [](const bar_columns& b, std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
          return detail::negative_or_not_finite_margin(b.volume[i]);
        },
        [=, this, &s](std::size_t i) {
          if (v[i] >= 0.0 && v[i] < detail::infinity) return;
          s.flag(i, level, "volume not finite and >= 0", {{"volume", v[i]}});
        }};
  }

  void scan(bar_scan& s) const { run_screen(s, screen(s)); }
};

/// low <= min(open, close) and max(open, close) <= high, for bars with usable prices.
struct ohlc_consistency {
  static constexpr std::string_view id = "ohlc_inconsistent";
  severity level = severity::error;

  [[nodiscard]] auto screen(bar_scan& s) const {
    const bar_columns p{s.bars()};
    const double* o = p.open;
    const double* h = p.high;
    const double* l = p.low;
    const double* c = p.close;
    // For usable prices integer order of the bit patterns is numeric order, so the
    // differences below are negative exactly when the bar is inconsistent.
    using detail::bits;
    using detail::wrapping_difference;
    return row_screen{
        s.begin(), s.end(),
        [](const bar_columns& b, std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
          return wrapping_difference(bits(b.open[i]), bits(b.low[i])) |
                 wrapping_difference(bits(b.close[i]), bits(b.low[i])) |
                 wrapping_difference(bits(b.high[i]), bits(b.open[i])) |
                 wrapping_difference(bits(b.high[i]), bits(b.close[i]));
        },
        [=, this, &s](std::size_t i) {
          if (!p.usable(i) || !((l[i] > o[i]) | (l[i] > c[i]) | (o[i] > h[i]) | (c[i] > h[i]))) return;
          s.flag(i, level, "low above open or close or high below them",
                 {{"open", o[i]}, {"high", h[i]}, {"low", l[i]}, {"close", c[i]}});
        }};
  }

  void scan(bar_scan& s) const { run_screen(s, screen(s)); }
};

}  // namespace bulwark::validate
