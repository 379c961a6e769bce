// SPDX-License-Identifier: MIT
/// \file
/// \brief True range and Wilder's average true range (ATR), in price units: the
/// volatility yardstick of ATR stops and of volatility-scaled slippage.
///
/// Synopsis
/// \code
/// double true_range(const bar& b, double previous_close);
/// std::vector<double> average_true_range(const bar_series& s, std::size_t window);
/// class wilder_atr { explicit wilder_atr(std::size_t window); double update(const bar&);
///                    bool is_late(const bar&) const; double value() const; bool ready() const; };
/// \endcode
///
/// Convention (Wilder 1978, as TA-Lib's ATR): the true range of bar t >= 1 is
/// max(H_t - L_t, |H_t - C_{t-1}|, |L_t - C_{t-1}|); bar 0 has no previous close and no true
/// range. The first ATR, at bar `window`, is the mean of the true ranges of bars
/// 1..window; after that ATR_t = ((window - 1) * ATR_{t-1} + TR_t) / window. Earlier bars
/// have no ATR (NaN). Divide by the close for ATR as a fraction of price.
///
/// Bad input: window 0 is a `config_error`; a bar that is not `ok()` (non-finite or
/// non-positive price, high below low, ...) or is stamped before the bar it follows (its
/// true range would use a close from its future) is an `input_error` naming its index in
/// the batch function. The streaming `update` is `noexcept`: a bar that is not ok() turns
/// the ATR to NaN from that bar on, so a bad tick can never yield a plausible number; a
/// bar stamped before the last one it took (`is_late`: a feed replaying bars after a
/// reconnect) is skipped, leaving the ATR as it was. Bars stamped alike (or not stamped
/// at all) are taken in the order given.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/bar.hpp"
#include "bulwark/core/error.hpp"
#include "bulwark/core/time.hpp"

namespace bulwark {

/// max(H - L, |H - previous_close|, |L - previous_close|). Price units, >= 0 for an ok bar.
[[nodiscard]] inline double true_range(const bar& b, double previous_close) noexcept {
  return std::max({b.high - b.low, std::abs(b.high - previous_close),
                   std::abs(b.low - previous_close)});
}

namespace detail {
/// `window` when it is >= 1, else a `config_error` with the owner's id naming its
/// `atr_window`. A class holding a `wilder_atr` passes its window through this in the
/// member initialiser, so its users see its own error rather than `bulwark.core.atr`'s.
inline std::size_t checked_atr_window(std::size_t window, std::string_view id,
                                      std::string_view owner) {
  if (window == 0) {
    throw_config_error(id, "{}: atr_window 0; expected >= 1 (the number of true ranges "
                           "Wilder's ATR averages)", owner);
  }
  return window;
}
}  // namespace detail

/// Wilder's ATR, one bar at a time. O(1) per update, no allocation.
class wilder_atr {
 public:
  /// Throws `config_error` (id `bulwark.core.atr`) when window is 0.
  explicit wilder_atr(std::size_t window) : window_(window) {
    if (window == 0) throw_config_error("bulwark.core.atr", "window 0; expected >= 1");
  }

  /// True when `b` is stamped before the last bar taken: `update` skips it.
  [[nodiscard]] bool is_late(const bar& b) const noexcept {
    return bars_ != 0 && b.time < previous_time_;
  }

  /// Adds the next bar and returns the ATR after it (NaN until `window` true ranges have
  /// been seen, and NaN for good once a bar that is not ok() arrives). A late bar is
  /// skipped.
  double update(const bar& b) noexcept {
    if (!b.ok()) {
      broken_ = true;
    }
    if (broken_ || is_late(b)) return value();
    previous_time_ = b.time;
    if (bars_++ == 0) {
      previous_close_ = b.close;
      return value();
    }
    const double tr = true_range(b, previous_close_);
    previous_close_ = b.close;
    const double w = static_cast<double>(window_);
    const std::size_t ranges = bars_ - 1;  // true ranges seen, this one included
    if (ranges <= window_) {
      sum_ += tr;
      if (ranges == window_) atr_ = sum_ / w;
    } else {
      atr_ = ((w - 1.0) * atr_ + tr) / w;
    }
    return value();
  }

  /// The current ATR in price units, or NaN (see update).
  [[nodiscard]] double value() const noexcept {
    return ready() ? atr_ : std::numeric_limits<double>::quiet_NaN();
  }
  /// True once `window` true ranges have been seen and no bad bar has arrived.
  [[nodiscard]] bool ready() const noexcept { return !broken_ && bars_ > window_; }
  [[nodiscard]] std::size_t window() const noexcept { return window_; }

 private:
  std::size_t window_;
  std::size_t bars_ = 0;
  timestamp previous_time_{};
  double previous_close_ = 0.0;
  double sum_ = 0.0;
  double atr_ = 0.0;
  bool broken_ = false;
};

/// The ATR after each bar of `s` (NaN where there is none yet; see the file comment).
/// Throws `input_error` (id `bulwark.core.atr`) naming the first bar that is not ok() or
/// is stamped before the bar it follows, and `config_error` for window 0. O(n).
[[nodiscard]] inline std::vector<double> average_true_range(const bar_series& s,
                                                            std::size_t window) {
  wilder_atr atr{window};
  std::vector<double> out(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bar b = s[i];
    if (!b.ok()) {
      throw_input_error("bulwark.core.atr", "bar {} of {} is not a valid bar ({})", i, s.sym(),
                        b);
    }
    if (atr.is_late(b)) {
      throw_input_error("bulwark.core.atr", "bar {} of {} at {} is stamped before bar {} at {}; "
                        "expected bars in time order", i, s.sym(), iso8601(b.time), i - 1,
                        iso8601(s[i - 1].time));
    }
    out[i] = atr.update(b);
  }
  return out;
}

}  // namespace bulwark
