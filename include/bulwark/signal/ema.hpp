// SPDX-License-Identifier: MIT
/// \file
/// \brief The exponential moving average, recursive form: streaming
/// (`exponential_moving_average`) and batch (`ema_series`).
///
/// Synopsis
/// \code
/// exponential_moving_average e{0.1};                      // alpha in (0, 1]
/// auto e = exponential_moving_average::from_span(19);     // alpha = 1 / (1 + (span - 1) / 2)
/// auto e = exponential_moving_average::from_halflife(10); // weight halves every 10 periods
/// auto e = exponential_moving_average::from_com(9);       // alpha = 1 / (1 + com)
/// double y = e.update(x_t);
/// std::vector<double> ys = ema_series(x, alpha);
/// \endcode
///
/// y_0 = x_0 and y_t = ((1 - alpha) y_{t-1} + alpha x_t) / ((1 - alpha) + alpha): pandas'
/// `x.ewm(alpha=alpha, adjust=False).mean()`, computed with pandas' exact operations (the
/// division by (1 - alpha) + alpha, which is not always 1 in floating point, and alpha from
/// the centre of mass), so the two agree bit for bit. y_t depends only on x_0 .. x_t.
///
/// Missing values: a NaN input is skipped as pandas' `ewm(alpha, adjust=False).mean()`
/// skips it (its default `ignore_na=False`): the average is carried unchanged (and returned
/// for that step), while the old average keeps losing weight by (1 - alpha) per step, so
/// after k missing steps y_t = (w y_prev + alpha x_t) / (w + alpha) with w = (1 - alpha)^(k+1),
/// computed with pandas' operations (bit for bit). Before the first value the average is NaN.
/// So one bad tick does not stop the signal. The streaming `update` is `noexcept` (a hot
/// path): it skips an infinite input the same way (pandas would stay non-finite for good) and
/// counts every skipped input in `skipped()`, so the caller sees them. The batch function
/// skips NaN and throws `input_error` naming the index of an infinite value.
///
/// Bad configuration: alpha outside (0, 1], a span < 1, a half-life or centre of mass out of
/// range is a `config_error` (id `bulwark.signal.ema`).
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/signal/detail/checks.hpp"
#include "bulwark/signal/detail/formatter.hpp"

namespace bulwark::signal {

namespace detail {
inline constexpr auto ema_id = "bulwark.signal.ema";
}  // namespace detail

class exponential_moving_average {
 public:
  /// Throws `config_error` (id `bulwark.signal.ema`) unless 0 < alpha <= 1.
  explicit exponential_moving_average(double alpha) : alpha_(alpha) {
    if (!(alpha > 0.0 && alpha <= 1.0)) {
      throw_config_error(detail::ema_id, "alpha {} outside (0, 1]", alpha);
    }
  }

  /// alpha = 1 / (1 + com): the weights' centre of mass is `com` periods back. com >= 0.
  [[nodiscard]] static exponential_moving_average from_com(double com) {
    if (!(com >= 0.0 && std::isfinite(com))) {
      throw_config_error(detail::ema_id, "centre of mass {} must be finite and >= 0", com);
    }
    return exponential_moving_average{1.0 / (1.0 + com)};
  }
  /// com = (span - 1) / 2, the usual "N-day EMA" (alpha = 2 / (N + 1)). span >= 1.
  [[nodiscard]] static exponential_moving_average from_span(double span) {
    if (!(span >= 1.0 && std::isfinite(span))) {
      throw_config_error(detail::ema_id, "span {} must be finite and >= 1", span);
    }
    return from_com((span - 1.0) / 2.0);
  }
  /// The weight of a value halves every `halflife` periods: com = 1 / (1 - 0.5^(1/h)) - 1.
  [[nodiscard]] static exponential_moving_average from_halflife(double halflife) {
    if (!(halflife > 0.0 && std::isfinite(halflife))) {
      throw_config_error(detail::ema_id, "half-life {} must be finite and > 0", halflife);
    }
    return from_com(1.0 / (1.0 - std::exp(std::log(0.5) / halflife)) - 1.0);
  }

  /// Adds `x` and returns the average after it. A non-finite `x` is skipped (counted in
  /// `skipped()`): the average is carried unchanged.
  double update(double x) noexcept {
    if (!std::isfinite(x)) {
      ++skipped_;
      if (started_) old_weight_ *= 1.0 - alpha_;  // the gap still ages the average
    } else if (!started_) {
      started_ = true;
      value_ = x;
    } else {
      old_weight_ *= 1.0 - alpha_;
      if (value_ != x) {  // pandas skips the update when equal: constant series stay exact
        value_ = (old_weight_ * value_ + alpha_ * x) / (old_weight_ + alpha_);
      }
      old_weight_ = 1.0;
    }
    return value_;
  }

  /// The current average (NaN before the first finite value).
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Whether a finite value has been seen, so `value()` is an average.
  [[nodiscard]] bool ready() const noexcept { return started_; }
  /// How many non-finite inputs `update` skipped since construction or `reset`.
  [[nodiscard]] std::size_t skipped() const noexcept { return skipped_; }
  [[nodiscard]] double alpha() const noexcept { return alpha_; }
  /// Forgets every value and the count of skipped ones.
  void reset() noexcept {
    started_ = false;
    skipped_ = 0;
    old_weight_ = 1.0;
    value_ = std::numeric_limits<double>::quiet_NaN();
  }

 private:
  double alpha_;
  double value_ = std::numeric_limits<double>::quiet_NaN();
  double old_weight_ = 1.0;  // weight of value_ before this step's decay (pandas' old_wt)
  std::size_t skipped_ = 0;
  bool started_ = false;
};

/// out[t] = the EMA after x[t], NaN skipped as pandas `ewm(adjust=False).mean()` skips it
/// (out[t] is the average carried through a NaN at t; NaN before the first value). Throws
/// `input_error` (id `bulwark.signal.ema`) naming the first infinite value or when `out` has
/// another size. O(n); `out` may alias `x`.
inline void ema_series(std::span<const double> x, exponential_moving_average ema,
                       std::span<double> out) {
  detail::require_same_size(x, out, detail::ema_id, "ema_series");
  detail::require_no_infinity(x, detail::ema_id, "ema_series: x");
  ema.reset();
  for (std::size_t t = 0; t < x.size(); ++t) out[t] = ema.update(x[t]);
}

/// The EMA of `x` after each value, as a new vector.
[[nodiscard]] inline std::vector<double> ema_series(std::span<const double> x,
                                                    exponential_moving_average ema) {
  std::vector<double> out(x.size());
  ema_series(x, ema, out);
  return out;
}

}  // namespace bulwark::signal

/// Formats as `EMA alpha 0.1: 101.5` (nan before the first value).
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::exponential_moving_average, e, "EMA alpha {}: {}",
                                e.alpha(), e.value())
