// SPDX-License-Identifier: MIT
/// \file
/// \brief The rolling z-score of a time series, from the trailing window only: streaming
/// (`rolling_zscore`, O(1) per value, no allocation after construction) and batch
/// (`rolling_zscore_series`).
///
/// Synopsis
/// \code
/// rolling_zscore z{20};             // window of 20 values, >= 2
/// double v = z.update(x_t);         // (x_t - mean) / sd over x_{t-19} .. x_t; NaN until 20 seen
/// std::vector<double> zs = rolling_zscore_series(x, 20);
/// void rolling_zscore_series(x, 20, out);
/// \endcode
///
/// z_t = (x_t - m_t) / s_t, where m_t and s_t (sample sd, n - 1) are over the window ending
/// at t, the current value included: pandas' `(x - x.rolling(w).mean()) / x.rolling(w).std()`.
/// z_t depends on x_{t-w+1} .. x_t and nothing later, so changing a future value never
/// changes a past output (no look-ahead; a test checks it).
///
/// Missing data: a NaN or infinite value makes z NaN while it is inside the window (pandas'
/// `min_periods = window`); the batch function rejects it instead (`input_error`, id
/// `bulwark.signal.rolling`). Zero dispersion gives NaN. A window below 2 is a
/// `config_error`.
///
/// Accuracy: the mean and sum of squared deviations are updated in O(1) (Welford's update,
/// with the removal of the value leaving the window), and recomputed exactly from the
/// window every `window` updates, so rounding error never accumulates beyond one window,
/// and whenever an update shrinks the sum of squares more than 64-fold, where the update's
/// cancellation would cost digits. The amortised cost stays O(1) on real data.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "bulwark/core/error.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/signal/detail/checks.hpp"
#include "bulwark/signal/detail/formatter.hpp"

namespace bulwark::signal {

namespace detail {
inline constexpr auto rolling_id = "bulwark.signal.rolling";

/// `window`, after checking that it is at least `minimum` (`config_error` otherwise).
inline std::size_t checked_window(std::size_t window, std::size_t minimum, std::string_view what) {
  if (window < minimum) {
    throw_config_error(rolling_id, "{}: window {}; expected >= {}", what, window, minimum);
  }
  return window;
}

/// An O(1) sliding update whose sum of squares falls below this fraction of its previous
/// value is redone exactly: the update's error, relative to the old sum, would otherwise
/// be amplified by up to 1 / ratio in the new one.
inline constexpr double collapse_ratio = 1.0 / 64.0;

/// A fixed-size window over the last `capacity` values with the count of non-finite ones in
/// it: the bookkeeping every O(1) rolling statistic here shares.
class ring_window {
 public:
  explicit ring_window(std::size_t capacity) : values_(capacity) {}

  /// Stores `v`; returns the value it displaced (NaN while filling).
  double push(double v) noexcept {
    const double old = full() ? values_[next_] : std::numeric_limits<double>::quiet_NaN();
    if (full() && !std::isfinite(old)) --bad_;
    if (!std::isfinite(v)) ++bad_;
    values_[next_] = v;
    next_ = next_ + 1 == values_.size() ? 0 : next_ + 1;
    if (size_ < values_.size()) ++size_;
    return old;
  }

  [[nodiscard]] bool full() const noexcept { return size_ == values_.size(); }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] std::size_t capacity() const noexcept { return values_.size(); }
  /// Non-finite values currently in the window.
  [[nodiscard]] std::size_t bad() const noexcept { return bad_; }
  /// The stored values, in storage order (the statistics here do not depend on order).
  [[nodiscard]] std::span<const double> values() const noexcept {
    return std::span<const double>(values_).first(size_);
  }
  void clear() noexcept {
    next_ = 0;
    size_ = 0;
    bad_ = 0;
  }

 private:
  std::vector<double> values_;
  std::size_t next_ = 0;
  std::size_t size_ = 0;
  std::size_t bad_ = 0;
};
}  // namespace detail

/// The z-score of each new value against the trailing window that ends with it.
class rolling_zscore {
 public:
  /// Throws `config_error` (id `bulwark.signal.rolling`) when window < 2.
  explicit rolling_zscore(std::size_t window)
      : ring_(detail::checked_window(window, 2, "rolling_zscore")),
        inverse_window_(1.0 / static_cast<double>(window)),
        inverse_dof_(1.0 / static_cast<double>(window - 1)) {}

  /// Adds `x` and returns its z-score (NaN until `window` values have been seen, while a
  /// non-finite value is in the window, or when the window has no dispersion).
  double update(double x) noexcept {
    const bool was_full = ring_.full();
    const bool was_clean = ring_.bad() == 0;
    const double old = ring_.push(x);
    if (ring_.bad() != 0) {
      z_ = std::numeric_limits<double>::quiet_NaN();
      return z_;
    }
    if (!was_clean || ++since_exact_ >= ring_.capacity()) {
      recompute();  // a bad value just left, or it is time to shed rounding error
    } else if (was_full) {
      // Replace `old` by `x` (Welford with removal): the mean moves by (x - old) / w and
      // the sum of squared deviations by (x - old)(x - new mean + old - old mean). The
      // update's rounding error is relative to the old sum; when the sum collapses (the
      // value leaving carried most of the dispersion) that error would dominate the new
      // one, so the window is summed again instead.
      const double previous = mean_;
      const double previous_m2 = m2_;
      // Multiplying by 1/w keeps a division (some 15 cycles) out of the chain that carries
      // the mean from one update to the next.
      mean_ += (x - old) * inverse_window_;
      m2_ += (x - old) * (x - mean_ + old - previous);
      if (m2_ < previous_m2 * detail::collapse_ratio) recompute();
    } else {
      const double delta = x - mean_;
      mean_ += delta / static_cast<double>(ring_.size());
      m2_ += delta * (x - mean_);
    }
    if (!ring_.full()) {
      z_ = std::numeric_limits<double>::quiet_NaN();
      return z_;
    }
    if (!(m2_ > 0.0)) recompute();  // rounding may have hidden a true zero or made it negative
    const double sd = std::sqrt(m2_ * inverse_dof_);
    z_ = sd > 0.0 ? (x - mean_) / sd : std::numeric_limits<double>::quiet_NaN();
    return z_;
  }

  /// The last z-score returned by `update` (NaN before).
  [[nodiscard]] double value() const noexcept { return z_; }
  /// True once the window is full of finite values.
  [[nodiscard]] bool ready() const noexcept { return ring_.full() && ring_.bad() == 0; }
  [[nodiscard]] std::size_t window() const noexcept { return ring_.capacity(); }
  /// The mean and sample standard deviation of the current window (NaN unless ready()).
  [[nodiscard]] double mean() const noexcept {
    return ready() ? mean_ : std::numeric_limits<double>::quiet_NaN();
  }
  [[nodiscard]] double stddev() const noexcept {
    return ready() ? std::sqrt(m2_ * inverse_dof_)
                   : std::numeric_limits<double>::quiet_NaN();
  }

  /// Forgets every value.
  void reset() noexcept {
    ring_.clear();
    mean_ = 0.0;
    m2_ = 0.0;
    since_exact_ = 0;
    z_ = std::numeric_limits<double>::quiet_NaN();
  }

 private:
  // Exact two-pass mean and sum of squared deviations of the window.
  void recompute() noexcept {
    const auto v = ring_.values();
    const double n = static_cast<double>(v.size());
    mean_ = bulwark::detail::sum_of(v, [](double a) { return a; }) / n;
    m2_ = bulwark::detail::corrected_squared_deviations(v, mean_, n, bulwark::detail::every_value);
    since_exact_ = 0;
  }

  detail::ring_window ring_;
  double inverse_window_;
  double inverse_dof_;  // 1 / (window - 1)
  double mean_ = 0.0;
  double m2_ = 0.0;
  std::size_t since_exact_ = 0;
  double z_ = std::numeric_limits<double>::quiet_NaN();
};

/// out[t] = the rolling z-score of x[t] (see the file comment); NaN for t < window - 1.
/// Throws `input_error` (id `bulwark.signal.rolling`) naming the first non-finite value, or
/// when `out` has another size; `config_error` for window < 2. O(n), `out` may alias `x`.
inline void rolling_zscore_series(std::span<const double> x, std::size_t window,
                                  std::span<double> out) {
  rolling_zscore z{window};
  detail::require_same_size(x, out, detail::rolling_id, "rolling_zscore_series");
  bulwark::detail::require_finite(x, detail::rolling_id, "rolling_zscore_series: x");
  for (std::size_t t = 0; t < x.size(); ++t) out[t] = z.update(x[t]);
}

/// The rolling z-scores of `x` as a new vector.
[[nodiscard]] inline std::vector<double> rolling_zscore_series(std::span<const double> x,
                                                               std::size_t window) {
  std::vector<double> out(x.size());
  rolling_zscore_series(x, window, out);
  return out;
}

}  // namespace bulwark::signal

/// Formats as `rolling z-score over 60: 1.25` (nan until ready).
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::rolling_zscore, z, "rolling z-score over {}: {}",
                                z.window(), z.value())
