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
///                    bool is_replay(const bar&) const; bool is_revision(const bar&) const;
///                    double next_true_range(const bar&) const;
///                    double value_before(const bar&) const;
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
/// true range would use a close from its future) or has its stamp (the same interval
/// twice) is an `input_error` naming its index in the batch function. The streaming
/// `update` is `noexcept`: a bar that is not ok() turns the ATR to NaN from that bar on,
/// so a bad tick can never yield a plausible number; a replay (`is_replay`: a bar stamped
/// before the last one taken, or that stamped bar sent again, as a feed does after a
/// reconnect) is skipped, leaving the ATR as it was; a revision (`is_revision`: the last
/// bar's stamp, other content, as a forming bar's updates) takes the last bar's place.
/// Bars not stamped (time zero) are taken in the order given.
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
  /// to its latest version; an older version after a newer is a revision). `update`
  /// skips it. Bars not stamped (time zero) cannot be told from replays and are taken in
  /// the order given. False for a bar that is not ok(): `update` breaks on it.
  [[nodiscard]] bool is_replay(const bar& b) const noexcept {
    return taken_ && b.ok() && (b.time < last_.time || (b.time != timestamp{} && b == last_));
  }

  /// True when `b` has the last bar's stamp and other content: an update of a forming
  /// bar, or a revision. `update` puts it in the last bar's place: the ATR becomes what it
  /// would be had this version come instead. False for a bar that is not ok().
  [[nodiscard]] bool is_revision(const bar& b) const noexcept {
    return taken_ && b.time != timestamp{} && b.time == last_.time && !(b == last_) && b.ok();
  }

  /// The true range `b` would add: against the close of the last bar taken, or of the one
  /// before it when `b` revises the last (NaN when there is none, or `b` is not ok()).
  [[nodiscard]] double next_true_range(const bar& b) const noexcept {
    const double previous = close_before(is_revision(b));
    return std::isnan(previous) || !b.ok() ? std::numeric_limits<double>::quiet_NaN()
                                           : true_range(b, previous);
  }

  /// The ATR that `b` adds to: the current one, or for a revision the one before the bar
  /// it revises (NaN when not ready, or when `b` is not ok()).
  [[nodiscard]] double value_before(const bar& b) const noexcept {
    const average& a = is_revision(b) ? before_ : now_;
    return ready(a) && b.ok() ? a.atr : std::numeric_limits<double>::quiet_NaN();
  }

  /// Adds the next bar, or puts a revision in the last one's place, and returns the ATR
  /// after it (NaN until `window` true ranges have been seen, and NaN for good once a bar
  /// that is not ok() arrives). A replay is skipped. After a bad bar the good bars that
  /// follow are still remembered, so that `is_replay` keeps spotting replays for an owner
  /// that goes on without the ATR.
  double update(const bar& b) noexcept {
    if (!b.ok()) {
      broken_ = true;
      return value();
    }
    if (is_replay(b)) return value();
    const bool revision = is_revision(b);
    const average base = revision ? before_ : now_;
    const double previous = close_before(revision);
    before_ = base;
    previous_close_ = previous;
    last_ = b;
    taken_ = true;
    now_ = std::isnan(previous) ? base : next(base, true_range(b, previous));
    return value();
  }

  /// Starts the average afresh (it warms up again, and a bad bar no longer breaks it),
  /// remembering the last good bar taken, so that replays of bars from before are still
  /// skipped and the next true range is measured against its close.
  void restart() noexcept {
    now_ = {};
    before_ = {};
    previous_close_ = std::numeric_limits<double>::quiet_NaN();  // a revision adds no range
    broken_ = false;
  }

  /// The current ATR in price units, or NaN (see update).
  [[nodiscard]] double value() const noexcept {
    return ready() ? now_.atr : std::numeric_limits<double>::quiet_NaN();
  }
  /// True once `window` true ranges have been seen and no bad bar has arrived.
  [[nodiscard]] bool ready() const noexcept { return ready(now_); }
  [[nodiscard]] std::size_t window() const noexcept { return window_; }

 private:
  // Wilder's average as of one bar.
  struct average {
    std::size_t ranges = 0;  // true ranges taken
    double sum = 0.0;        // their sum, while ranges <= window
    double atr = 0.0;
  };

  [[nodiscard]] bool ready(const average& a) const noexcept {
    return !broken_ && a.ranges >= window_;
  }
  [[nodiscard]] average next(average a, double tr) const noexcept {
    const double w = static_cast<double>(window_);
    if (++a.ranges <= window_) {
      a.sum += tr;
      if (a.ranges == window_) a.atr = a.sum / w;
    } else {
      a.atr = ((w - 1.0) * a.atr + tr) / w;
    }
    return a;
  }
  // The close the true range of a new bar, or of a revision, is measured against (NaN:
  // none).
  [[nodiscard]] double close_before(bool revision) const noexcept {
    if (!taken_) return std::numeric_limits<double>::quiet_NaN();
    return revision ? previous_close_ : last_.close;
  }

  std::size_t window_;
  average now_{};
  average before_{};  // as it was before the last bar taken
  bar last_{};        // the last good bar taken
  double previous_close_ = std::numeric_limits<double>::quiet_NaN();  // the close before it
  bool taken_ = false;  // whether there is a last bar
  bool broken_ = false;
};

/// The ATR after each bar of `s` (NaN where there is none yet; see the file comment).
/// Throws `input_error` (id `bulwark.core.atr`) naming the first bar that is not ok() or
/// is stamped before the bar it follows or with its stamp, and `config_error` for window
/// 0. O(n).
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
    if (atr.is_replay(b) || atr.is_revision(b)) {
      const bar& previous = s[i - 1];
      throw_input_error("bulwark.core.atr", "bar {} of {} at {} {} bar {} at {}; expected bars in "
                        "time order, each interval once", i, s.sym(), iso8601(b.time),
                        b.time < previous.time ? "is stamped before"
                        : b == previous        ? "repeats"
                                               : "has the stamp of",
                        i - 1, iso8601(previous.time));
    }
    out[i] = atr.update(b);
  }
  return out;
}

}  // namespace bulwark
