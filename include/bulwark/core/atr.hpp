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
///                    bool is_replay(const bar&) const; double next_true_range(const bar&) const;
///                    void restart(); double value() const; bool ready() const; };
/// \endcode
///
/// Convention (Wilder 1978, as TA-Lib's ATR): the true range of bar t >= 1 is
/// max(H_t - L_t, |H_t - C_{t-1}|, |L_t - C_{t-1}|); bar 0 has no previous close and no true
/// range. The first ATR, at bar `window`, is the mean of the true ranges of bars
/// 1..window; after that ATR_t = ((window - 1) * ATR_{t-1} + TR_t) / window. Earlier bars
/// have no ATR (NaN). Divide by the close for ATR as a fraction of price.
///
/// Bad input: window 0 is a `config_error`; a bar that is not `ok()` (non-finite or
/// non-positive price, high below low, ...), is stamped before the bar it follows (its
/// true range would use a close from its future) or repeats it (stamped, and equal to it:
/// its range would count twice) is an `input_error` naming its index in the batch
/// function. The streaming `update` is `noexcept`: a bar that is not ok() turns the ATR
/// to NaN from that bar on, so a bad tick can never yield a plausible number; a replay
/// (`is_replay`: a bar stamped before the last one taken, or that stamped bar sent again,
/// as a feed does after a reconnect) is skipped, leaving the ATR as it was. Other bars
/// with the last one's stamp, and bars not stamped (time zero), are taken in the order
/// given: feed completed bars, not updates of a forming one.
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

  /// True when `b` repeats what was already taken, as feeds do after a reconnect: it is
  /// stamped before the last bar taken, or it is that bar sent again (stamped and equal
  /// to it). `update` skips it. Bars not stamped (time zero) cannot be told from replays
  /// and are taken in the order given. A bar with the last one's stamp and other content
  /// (an update of a forming bar, a revision) is taken as a new bar: feed completed bars.
  [[nodiscard]] bool is_replay(const bar& b) const noexcept {
    return taken_ && (b.time < last_.time || (b.time != timestamp{} && b == last_));
  }

  /// The true range `b` would add: against the close of the last bar taken (NaN before
  /// the first).
  [[nodiscard]] double next_true_range(const bar& b) const noexcept {
    return taken_ ? true_range(b, last_.close) : std::numeric_limits<double>::quiet_NaN();
  }

  /// Adds the next bar and returns the ATR after it (NaN until `window` true ranges have
  /// been seen, and NaN for good once a bar that is not ok() arrives). A replay is
  /// skipped. After a bad bar the good bars that follow are still remembered, so that
  /// `is_replay` keeps spotting replays for an owner that goes on without the ATR.
  double update(const bar& b) noexcept {
    if (!b.ok()) {
      broken_ = true;
      return value();
    }
    if (is_replay(b)) return value();
    const bool first = !taken_;  // no previous close, no true range
    const double tr = first ? 0.0 : true_range(b, last_.close);
    last_ = b;
    taken_ = true;
    if (broken_ || first) return value();
    const double w = static_cast<double>(window_);
    if (++ranges_ <= window_) {
      sum_ += tr;
      if (ranges_ == window_) atr_ = sum_ / w;
    } else {
      atr_ = ((w - 1.0) * atr_ + tr) / w;
    }
    return value();
  }

  /// Starts the average afresh (it warms up again, and a bad bar no longer breaks it),
  /// remembering the last good bar taken, so that replays of bars from before are still
  /// skipped and the next true range is measured against its close.
  void restart() noexcept {
    ranges_ = 0;
    sum_ = 0.0;
    atr_ = 0.0;
    broken_ = false;
  }

  /// The current ATR in price units, or NaN (see update).
  [[nodiscard]] double value() const noexcept {
    return ready() ? atr_ : std::numeric_limits<double>::quiet_NaN();
  }
  /// True once `window` true ranges have been seen and no bad bar has arrived.
  [[nodiscard]] bool ready() const noexcept { return !broken_ && ranges_ >= window_; }
  [[nodiscard]] std::size_t window() const noexcept { return window_; }

 private:
  std::size_t window_;
  std::size_t ranges_ = 0;  // true ranges taken
  bar last_{};              // the last good bar taken
  bool taken_ = false;      // whether there is one
  double sum_ = 0.0;
  double atr_ = 0.0;
  bool broken_ = false;
};

/// The ATR after each bar of `s` (NaN where there is none yet; see the file comment).
/// Throws `input_error` (id `bulwark.core.atr`) naming the first bar that is not ok() or
/// is stamped before the bar it follows or repeats it, and `config_error` for window 0.
/// O(n).
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
    if (atr.is_replay(b)) {
      throw_input_error("bulwark.core.atr", "bar {} of {} at {} {} bar {} at {}; expected bars in "
                        "time order, each once", i, s.sym(), iso8601(b.time),
                        b.time < s[i - 1].time ? "is stamped before" : "repeats", i - 1,
                        iso8601(s[i - 1].time));
    }
    out[i] = atr.update(b);
  }
  return out;
}

}  // namespace bulwark
