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

  void scan(bar_scan& s) const {
    const detail::price_columns p{s.bars()};
    detail::screened_rows(
        s.kernel(), s.begin(), s.end(), [=](std::size_t i) { return p.unusable(i); },
        [&](std::size_t i) {
          s.flag(i, level, "price not finite and > 0",
                 {{"open", p.open[i]}, {"high", p.high[i]}, {"low", p.low[i]}, {"close", p.close[i]}});
        });
  }
};

/// Volume must be finite and >= 0.
struct non_negative_volume {
  static constexpr std::string_view id = "negative_volume";
  severity level = severity::error;

  void scan(bar_scan& s) const {
    const double* v = s.bars().volume().data();
    detail::screened_rows(
        s.kernel(), s.begin(), s.end(),
        // Negative for a set sign bit (negative volume, or -0 which the exact test clears)
        // and for infinity and NaN.
        [=](std::size_t i) { return detail::negative_or_not_finite_margin(v[i]); },
        [&](std::size_t i) {
          if (v[i] >= 0.0 && v[i] < detail::infinity) return;
          s.flag(i, level, "volume not finite and >= 0", {{"volume", v[i]}});
        });
  }
};

/// low <= min(open, close) and max(open, close) <= high, for bars with usable prices.
struct ohlc_consistency {
  static constexpr std::string_view id = "ohlc_inconsistent";
  severity level = severity::error;

  void scan(bar_scan& s) const {
    const detail::price_columns p{s.bars()};
    const double* o = p.open;
    const double* h = p.high;
    const double* l = p.low;
    const double* c = p.close;
    // For usable prices integer order of the bit patterns is numeric order, so the
    // differences below are negative exactly when the bar is inconsistent.
    using detail::bits;
    using detail::wrapping_difference;
    detail::screened_rows(
        s.kernel(), s.begin(), s.end(),
        [=](std::size_t i) {
          return wrapping_difference(bits(o[i]), bits(l[i])) |
                 wrapping_difference(bits(c[i]), bits(l[i])) |
                 wrapping_difference(bits(h[i]), bits(o[i])) |
                 wrapping_difference(bits(h[i]), bits(c[i]));
        },
        [&](std::size_t i) {
          if (!p.usable(i) || !((l[i] > o[i]) | (l[i] > c[i]) | (o[i] > h[i]) | (c[i] > h[i]))) return;
          s.flag(i, level, "low above open or close or high below them",
                 {{"open", o[i]}, {"high", h[i]}, {"low", l[i]}, {"close", c[i]}});
        });
  }
};

}  // namespace bulwark::validate
