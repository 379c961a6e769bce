// SPDX-License-Identifier: MIT
/// \file
/// \brief Rolling risk metrics: one value per full window, value i for r[i .. i + W - 1],
/// each equal to the batch function on that window.
///
/// Synopsis
/// \code
/// std::vector<double> rolling_historical_var(r, W, confidence, convention = numpy);
/// std::vector<double> rolling_historical_es(r, W, confidence, convention = numpy);
/// std::vector<var_es> rolling_historical_var_es(r, W, confidence, convention = numpy);
/// std::vector<double> rolling_annual_volatility(r, W, P);
/// std::vector<double> rolling_sharpe_ratio(r, W, risk_free_per_period, P);
/// std::vector<double> rolling_max_drawdown(r, W);
/// // and each with a std::span<double> out of n - W + 1 values instead (no allocation
/// // beyond the window's own state)
/// \endcode
///
/// n returns give n - W + 1 values. pandas' `r.rolling(W).f()` gives n values, the first
/// W - 1 NaN, and labels value i by the window's last index: ours[i] = pandas[i + W - 1].
/// With `quantile_convention::pandas`, rolling_historical_var equals
/// `-r.rolling(W).quantile(1 - confidence)` bit for bit; with the default (numpy) it equals
/// historical_var on each window bit for bit.
///
/// Cost: VaR/ES O(n log W) through `window_quantile` (O(n) expected on exchangeable data);
/// volatility and Sharpe O(n) (sliding double-double sums about a shift re-anchored every
/// W values, so rounding cannot accumulate); max drawdown O(n) (a drawdown summary of a segment combines associatively,
/// so each window is the combination of a suffix and a prefix of two blocks of length W).
///
/// Bad input (`input_error`, id `bulwark.risk.rolling`, naming the function): a window of 0
/// (or 1 where a standard deviation is needed), a window longer than the series, a NaN or
/// infinite return (by index), a confidence outside (0, 1), an `out` of the wrong size, a
/// return below -1 for the drawdown.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "bulwark/core/error.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/core/units.hpp"
#include "bulwark/detail/exact_sum.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/risk/returns_metrics.hpp"
#include "bulwark/risk/var.hpp"
#include "bulwark/risk/window_quantile.hpp"

namespace bulwark::risk {

namespace detail {

inline constexpr auto rolling_id = "bulwark.risk.rolling";

inline void require_rolling(std::span<const double> r, std::size_t window,
                            std::size_t minimum_window, std::size_t out_size,
                            std::string_view function) {
  if (window < minimum_window) {
    throw_input_error(rolling_id, "{}: window {} is below {}", function, window, minimum_window);
  }
  if (r.size() < window) {
    throw_input_error(rolling_id, "{}: r has {} value(s), fewer than the window {}", function,
                      r.size(), window);
  }
  bulwark::detail::require_finite(r, rolling_id, fmt::format("{}: r", function));
  if (out_size != r.size() - window + 1) {
    throw_input_error(rolling_id, "{}: out has {} element(s); expected n - window + 1 = {}",
                      function, out_size, r.size() - window + 1);
  }
}

inline void require_rolling_confidence(double confidence, std::string_view function) {
  bulwark::detail::require_confidence(confidence, rolling_id, function);
}

[[nodiscard]] inline std::size_t rolling_count(std::span<const double> r, std::size_t window) {
  return r.size() >= window && window > 0 ? r.size() - window + 1 : 0;
}

// The allocating form of a rolling function: fill(out) over n - W + 1 values (or none, to
// let fill report a window longer than the series).
template <class F>
[[nodiscard]] std::vector<double> collect(std::span<const double> r, std::size_t window, F fill) {
  std::vector<double> out(rolling_count(r, window));
  fill(std::span<double>(out));
  return out;
}

}  // namespace detail

namespace detail {

// out[i] = value(window_quantile after window i) for each full window: the engine of the
// rolling VaR and ES functions.
template <class T, class F>
void fill_rolling_tail(std::span<const double> r, std::size_t window, double confidence,
                       quantile_convention convention, std::span<T> out,
                       std::string_view function, F value) {
  require_rolling_confidence(confidence, function);
  require_rolling(r, window, 1, out.size(), function);
  window_quantile w{window, 1.0 - confidence, convention};
  for (std::size_t i = 0; i < r.size(); ++i) {
    w.add(r[i]);
    if (i + 1 >= window) out[i + 1 - window] = value(w);
  }
}

}  // namespace detail

/// Rolling historical VaR into `out` (n - W + 1 values); see the file comment.
inline void rolling_historical_var(std::span<const double> r, std::size_t window,
                                   double confidence, std::span<double> out,
                                   quantile_convention convention = quantile_convention::numpy) {
  detail::fill_rolling_tail(r, window, confidence, convention, out, "rolling_historical_var",
                            [](const window_quantile& w) { return -w.quantile(); });
}

/// Rolling historical ES into `out` (n - W + 1 values); see the file comment.
inline void rolling_historical_es(std::span<const double> r, std::size_t window,
                                  double confidence, std::span<double> out,
                                  quantile_convention convention = quantile_convention::numpy) {
  detail::fill_rolling_tail(r, window, confidence, convention, out, "rolling_historical_es",
                            [](const window_quantile& w) { return -w.mean_below(); });
}

/// Rolling historical VaR, value i = historical_var(r[i .. i + W - 1], confidence).
[[nodiscard]] inline std::vector<double> rolling_historical_var(
    std::span<const double> r, std::size_t window, double confidence,
    quantile_convention convention = quantile_convention::numpy) {
  return detail::collect(r, window, [&](std::span<double> out) {
    rolling_historical_var(r, window, confidence, out, convention);
  });
}

/// Rolling historical ES, value i = historical_es(r[i .. i + W - 1], confidence).
[[nodiscard]] inline std::vector<double> rolling_historical_es(
    std::span<const double> r, std::size_t window, double confidence,
    quantile_convention convention = quantile_convention::numpy) {
  return detail::collect(r, window, [&](std::span<double> out) {
    rolling_historical_es(r, window, confidence, out, convention);
  });
}

/// Rolling historical VaR and ES together (one window structure for both).
[[nodiscard]] inline std::vector<var_es> rolling_historical_var_es(
    std::span<const double> r, std::size_t window, double confidence,
    quantile_convention convention = quantile_convention::numpy) {
  std::vector<var_es> out(detail::rolling_count(r, window));
  detail::fill_rolling_tail(r, window, confidence, convention, std::span<var_es>(out),
                            "rolling_historical_var_es", [](const window_quantile& w) {
                              return var_es{-w.quantile(), -w.mean_below()};
                            });
  return out;
}

namespace detail {

// Mean and sample variance of every window. Windows of up to 32 values are computed by
// core's two-pass formulas directly. Longer ones slide sums of d = x - c and d^2 kept in
// double-double, so a value leaving the window is removed exactly; the shift c is the
// mean of the window at the last anchor, and every W values the window is re-anchored
// (c and both sums recomputed), so the one-pass variance (S2 - S1^2 / W) / (W - 1) never
// loses digits to cancellation. O(n) and O(1) memory.
template <class F>
void for_each_window_moments(std::span<const double> r, std::size_t window, F f) {
  const double w = static_cast<double>(window);
  constexpr std::size_t direct_up_to = 32;
  double shift = 0.0;
  bulwark::detail::exact_sum s1, s2;
  for (std::size_t i = 0; i + window <= r.size(); ++i) {
    const auto values = r.subspan(i, window);
    if (window <= direct_up_to) {
      f(i, bulwark::mean(values), sample_variance(values));
      continue;
    }
    if (i % window == 0) {
      shift = bulwark::mean(values);
      s1 = {};
      s2 = {};
      for (double v : values) {
        s1.add(v - shift);
        s2.add((v - shift) * (v - shift));
      }
    } else {
      const double leaving = r[i - 1] - shift;
      const double arriving = r[i + window - 1] - shift;
      s1.add(arriving);
      s1.add(-leaving);
      s2.add(arriving * arriving);
      s2.add(-(leaving * leaving));
    }
    const double d1 = s1.value();
    const double m2 = s2.value() - d1 * d1 / w;
    f(i, shift + d1 / w, (m2 > 0.0 ? m2 : 0.0) / (w - 1.0));
  }
}

}  // namespace detail

/// Rolling annualised volatility into `out`: value i = annual_volatility(r[i .. i + W - 1], P).
inline void rolling_annual_volatility(std::span<const double> r, std::size_t window,
                                      periods_per_year periods, std::span<double> out) {
  detail::require_rolling(r, window, 2, out.size(), "rolling_annual_volatility");
  const double root_p = std::sqrt(periods.value);
  detail::for_each_window_moments(r, window, [out, root_p](std::size_t i, double, double var) {
    out[i] = std::sqrt(var) * root_p;
  });
}

/// Rolling annualised volatility (n - W + 1 values).
[[nodiscard]] inline std::vector<double> rolling_annual_volatility(std::span<const double> r,
                                                                   std::size_t window,
                                                                   periods_per_year periods) {
  return detail::collect(r, window, [&](std::span<double> out) {
    rolling_annual_volatility(r, window, periods, out);
  });
}

/// Rolling Sharpe ratio into `out`: value i = sharpe_ratio(r[i .. i + W - 1], rf, P). A
/// window whose returns do not vary gives +-inf, or NaN for 0 / 0 (the batch function
/// throws there; a rolling series marks the one window instead).
inline void rolling_sharpe_ratio(std::span<const double> r, std::size_t window,
                                 double risk_free_per_period, periods_per_year periods,
                                 std::span<double> out) {
  bulwark::detail::require_finite_value<input_error>(risk_free_per_period, detail::rolling_id,
                                                     "rolling_sharpe_ratio: risk_free_per_period");
  detail::require_rolling(r, window, 2, out.size(), "rolling_sharpe_ratio");
  const double root_p = std::sqrt(periods.value);
  detail::for_each_window_moments(
      r, window, [out, root_p, risk_free_per_period](std::size_t i, double mean, double var) {
        out[i] = (mean - risk_free_per_period) / std::sqrt(var) * root_p;
      });
}

/// Rolling Sharpe ratio (n - W + 1 values).
[[nodiscard]] inline std::vector<double> rolling_sharpe_ratio(std::span<const double> r,
                                                              std::size_t window,
                                                              double risk_free_per_period,
                                                              periods_per_year periods) {
  return detail::collect(r, window, [&](std::span<double> out) {
    rolling_sharpe_ratio(r, window, risk_free_per_period, periods, out);
  });
}

namespace detail {

// The drawdown summary of a segment of returns, wealth relative to the segment's start:
// growth = its compounded growth, peak = the highest wealth (the start, 1, included), low =
// the lowest wealth after a return, drawdown = its maximum drawdown. Segments combine
// associatively: AB's drawdown is max(A's, B's, 1 - growth_A low_B / peak_A), because
// 1 - w / max(x, y) = max(1 - w / x, 1 - w / y).
struct drawdown_summary {
  double growth = 1.0;
  double peak = 1.0;
  double low = HUGE_VAL;
  double drawdown = 0.0;

  [[nodiscard]] static drawdown_summary of(double r) noexcept {
    const double g = 1.0 + r;
    return {g, g > 1.0 ? g : 1.0, g, g < 1.0 ? 1.0 - g : 0.0};
  }
  [[nodiscard]] friend drawdown_summary operator+(const drawdown_summary& a,
                                                  const drawdown_summary& b) noexcept {
    const double cross = 1.0 - a.growth * b.low / a.peak;
    const double peak_b = a.growth * b.peak;
    const double low_b = a.growth * b.low;
    return {a.growth * b.growth, peak_b > a.peak ? peak_b : a.peak, low_b < a.low ? low_b : a.low,
            std::max({a.drawdown, b.drawdown, cross > 0.0 ? cross : 0.0})};
  }
};

}  // namespace detail

/// Rolling maximum drawdown into `out`: value i = max_drawdown(r[i .. i + W - 1]), the
/// window's start counted as a peak. O(n) time, O(W) memory.
inline void rolling_max_drawdown(std::span<const double> r, std::size_t window,
                                 std::span<double> out) {
  detail::require_rolling(r, window, 1, out.size(), "rolling_max_drawdown");
  detail::require_no_return_below_minus_one(r, detail::rolling_id, "rolling_max_drawdown");
  // Blocks [jW, (j + 1)W): a window starting at i inside block j is suffix(i) + prefix of
  // block j + 1 up to i + W - 1.
  std::vector<detail::drawdown_summary> suffix(window);
  const std::size_t n = r.size();
  for (std::size_t block = 0; block < n; block += window) {
    const std::size_t len = std::min(window, n - block);
    detail::drawdown_summary acc;
    for (std::size_t j = len; j-- > 0;) {
      acc = j + 1 == len ? detail::drawdown_summary::of(r[block + j])
                         : detail::drawdown_summary::of(r[block + j]) + acc;
      suffix[j] = acc;
    }
    detail::drawdown_summary prefix;
    for (std::size_t j = 0; j < len && block + j + window - 1 < n; ++j) {
      const std::size_t i = block + j;
      if (j == 0) {
        out[i] = suffix[0].drawdown;  // the window is exactly this block
        continue;
      }
      const std::size_t last = i + window - 1;  // inside the next block
      const auto step = detail::drawdown_summary::of(r[last]);
      prefix = j == 1 ? step : prefix + step;
      out[i] = (suffix[j] + prefix).drawdown;
    }
  }
}

/// Rolling maximum drawdown (n - W + 1 values).
[[nodiscard]] inline std::vector<double> rolling_max_drawdown(std::span<const double> r,
                                                              std::size_t window) {
  return detail::collect(r, window, [&](std::span<double> out) {
    rolling_max_drawdown(r, window, out);
  });
}

}  // namespace bulwark::risk
