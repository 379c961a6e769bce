// SPDX-License-Identifier: MIT
/// \file
/// \brief The hedge ratio of a pair by rolling least squares: y = alpha + beta x over a
/// trailing window, streaming (`rolling_hedge_ratio`, O(1) per pair of values) and batch
/// (`rolling_hedge_ratio_series`); and the spread y - beta x - alpha.
///
/// Synopsis
/// \code
/// struct hedge_ratio { double beta, alpha; bool ok() const; };
/// double spread(double y, double x, hedge_ratio h);     // y - beta x - alpha
/// rolling_hedge_ratio r{60};                            // window >= 3
/// hedge_ratio h = r.update(x_t, y_t);                   // OLS over the last 60 pairs
/// std::vector<hedge_ratio> hs = rolling_hedge_ratio_series(x, y, 60);
/// \endcode
///
/// beta = Sxy / Sxx and alpha = mean(y) - beta mean(x) over the window ending at t, the
/// current pair included (numpy's `polyfit(x[t-w+1:t+1], y[t-w+1:t+1], 1)`), so the
/// estimate at t uses nothing later than t. A long spread is long 1 unit of y and short
/// beta units of x.
///
/// Missing data: a non-finite value in either series makes the ratio NaN while it is in the
/// window; the batch function rejects it (`input_error`, id `bulwark.signal.hedge_ratio`),
/// as it does series of different lengths. A window below 3 is a `config_error`. A window
/// whose x values are all equal has no ratio (NaN). Accuracy as in rolling_zscore.hpp: O(1)
/// updates with an exact recomputation every `window` updates.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/signal/detail/formatter.hpp"
#include "bulwark/signal/detail/regression.hpp"
#include "bulwark/signal/rolling_zscore.hpp"

namespace bulwark::signal {

namespace detail {
inline constexpr auto hedge_ratio_id = "bulwark.signal.hedge_ratio";

// Runs a streaming pair filter (`update(x_t, y_t)`) over two checked series: the batch form
// of every hedge-ratio estimator.
template <class Filter>
[[nodiscard]] auto filter_pair(Filter filter, std::span<const double> x, std::span<const double> y,
                               std::string_view function) {
  require_matching(y, "y", x, "x", allowed_values::finite, hedge_ratio_id, function);
  std::vector<decltype(filter.update(0.0, 0.0))> out(x.size());
  for (std::size_t t = 0; t < x.size(); ++t) out[t] = filter.update(x[t], y[t]);
  return out;
}
}  // namespace detail

/// y = alpha + beta x. NaN fields mean "no estimate".
struct hedge_ratio {
  double beta = std::numeric_limits<double>::quiet_NaN();
  double alpha = std::numeric_limits<double>::quiet_NaN();

  [[nodiscard]] bool ok() const noexcept { return std::isfinite(beta) && std::isfinite(alpha); }
};

/// The spread y - beta x - alpha: the residual of the pair's relation, in units of y.
[[nodiscard]] constexpr double spread(double y, double x, hedge_ratio h) noexcept {
  return y - h.beta * x - h.alpha;
}

/// Least squares of y on x over the trailing window.
class rolling_hedge_ratio {
 public:
  /// Throws `config_error` (id `bulwark.signal.rolling`) when window < 3.
  explicit rolling_hedge_ratio(std::size_t window)
      : xs_(detail::checked_window(window, 3, "rolling_hedge_ratio")),
        ys_(window),
        inverse_window_(1.0 / static_cast<double>(window)) {}

  /// Adds the pair (x_t, y_t) and returns the ratio over the window ending with it (NaN
  /// until `window` pairs have been seen or while a non-finite value is in the window).
  hedge_ratio update(double x, double y) noexcept {
    const bool was_full = xs_.full();
    const bool was_clean = xs_.bad() + ys_.bad() == 0;
    const double old_x = xs_.push(x);
    const double old_y = ys_.push(y);
    if (xs_.bad() + ys_.bad() != 0) return last_ = hedge_ratio{};
    if (!was_clean || ++since_exact_ >= xs_.capacity()) {
      recompute();
    } else if (was_full) {
      // Replace (old_x, old_y) by (x, y): with m, m' the means before and after,
      // S'xy = Sxy + (x - mx)(y - m'y) - (old_x - mx)(old_y - m'y), and likewise Sxx.
      const double mx = mean_x_;
      const double previous_sxx = sxx_;
      mean_x_ += (x - old_x) * inverse_window_;  // no division in the carried chain
      mean_y_ += (y - old_y) * inverse_window_;
      sxx_ += (x - mx) * (x - mean_x_) - (old_x - mx) * (old_x - mean_x_);
      sxy_ += (x - mx) * (y - mean_y_) - (old_x - mx) * (old_y - mean_y_);
      if (sxx_ < previous_sxx * detail::collapse_ratio) recompute();  // see rolling_zscore
    } else {
      const double n = static_cast<double>(xs_.size());
      const double dx = x - mean_x_;
      mean_x_ += dx / n;
      mean_y_ += (y - mean_y_) / n;
      sxx_ += dx * (x - mean_x_);
      sxy_ += dx * (y - mean_y_);
    }
    if (!xs_.full()) return last_ = hedge_ratio{};
    if (!(sxx_ > 0.0)) recompute();
    if (!(sxx_ > 0.0)) return last_ = hedge_ratio{};
    const double beta = sxy_ / sxx_;
    return last_ = hedge_ratio{beta, mean_y_ - beta * mean_x_};
  }

  /// The last ratio returned by `update`.
  [[nodiscard]] hedge_ratio value() const noexcept { return last_; }
  [[nodiscard]] std::size_t window() const noexcept { return xs_.capacity(); }
  void reset() noexcept {
    xs_.clear();
    ys_.clear();
    mean_x_ = mean_y_ = sxx_ = sxy_ = 0.0;
    since_exact_ = 0;
    last_ = hedge_ratio{};
  }

 private:
  void recompute() noexcept {
    const detail::line_fit fit = detail::fit_line(xs_.values(), ys_.values());
    mean_x_ = fit.mean_x;
    mean_y_ = fit.mean_y;
    sxx_ = fit.sxx;
    sxy_ = fit.sxy;
    since_exact_ = 0;
  }

  detail::ring_window xs_;
  detail::ring_window ys_;
  double inverse_window_;
  double mean_x_ = 0.0;
  double mean_y_ = 0.0;
  double sxx_ = 0.0;
  double sxy_ = 0.0;
  std::size_t since_exact_ = 0;
  hedge_ratio last_{};
};

/// The rolling ratio after each pair (no estimate, NaN, for t < window - 1). Throws
/// `input_error` (id `bulwark.signal.hedge_ratio`) for series of different lengths or a
/// non-finite value (named by index), `config_error` for window < 3. O(n).
[[nodiscard]] inline std::vector<hedge_ratio> rolling_hedge_ratio_series(
    std::span<const double> x, std::span<const double> y, std::size_t window) {
  return detail::filter_pair(rolling_hedge_ratio{window}, x, y, "rolling_hedge_ratio_series");
}

}  // namespace bulwark::signal

/// Formats as `beta 0.8123 alpha 1.25`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::hedge_ratio, h, "beta {} alpha {}", h.beta, h.alpha)

/// Formats as `rolling hedge ratio over 60: beta 0.81 alpha 1.2`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::rolling_hedge_ratio, r,
                                "rolling hedge ratio over {}: {}", r.window(), r.value())
