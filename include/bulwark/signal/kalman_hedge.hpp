// SPDX-License-Identifier: MIT
/// \file
/// \brief A time-varying hedge ratio from a Kalman filter: the state (beta, alpha) follows a
/// random walk and each observation is y_t = beta_t x_t + alpha_t + noise. Streaming
/// (`kalman_hedge_ratio`) and batch (`kalman_hedge_series`).
///
/// Synopsis
/// \code
/// kalman_hedge_ratio k{{.delta = 1e-4, .observation_variance = 1e-3}};
/// kalman_step s = k.update(x_t, y_t);    // s.prior, s.posterior, s.forecast_error, ...
/// double z = s.zscore();                 // forecast error / sqrt(forecast variance)
/// std::vector<kalman_step> steps = kalman_hedge_series(x, y, {});
/// \endcode
///
/// The filter of Chan, "Algorithmic Trading" (Wiley 2013), Example 3.3, whose defaults
/// these are: state noise covariance Vw = delta / (1 - delta) I with delta = 1e-4,
/// observation noise variance Ve = 1e-3, prior state 0 with covariance 0. With
/// F_t = [x_t, 1] and P the posterior covariance of the last step:
///
///     R = P + Vw (R = initial covariance at the first step)
///     forecast y^ = F theta,  forecast variance Q = F R F' + Ve,  error e = y - y^
///     K = R F' / Q,  theta += K e,  P = R - K F R
///
/// The forecast uses only the state before y_t (no look-ahead); e / sqrt(Q) is the
/// spread's z-score that Chan trades on. With delta = 0 the filter is Bayesian least
/// squares: its estimate is the ridge solution (P0^-1 + X'X / Ve)^-1 (P0^-1 theta0 +
/// X'y / Ve), which the tests check. The units of Ve are those of y squared: scale it to
/// the series (1e-3 suits log prices and prices of order 10).
///
/// Missing data: the streaming `update` is `noexcept` and treats a non-finite x or y as a
/// missing observation (the state is propagated, not updated; the error is NaN). The batch
/// function rejects it (`input_error`, id `bulwark.signal.hedge_ratio`). Options out of
/// range are a `config_error` (same id).
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/signal/detail/formatter.hpp"
#include "bulwark/signal/hedge_ratio.hpp"

namespace bulwark::signal {

/// The filter's parameters; defaults from Chan (2013), Example 3.3.
struct kalman_hedge_options {
  double delta = 1e-4;                 ///< in [0, 1): state noise Vw = delta / (1 - delta) I
  double observation_variance = 1e-3;  ///< Ve > 0, in units of y squared
  double initial_beta = 0.0;
  double initial_alpha = 0.0;
  double initial_variance = 0.0;       ///< >= 0: prior covariance initial_variance * I

  /// Throws `config_error` (id `bulwark.signal.hedge_ratio`) for a value out of range.
  void validate() const {
    constexpr auto id = detail::hedge_ratio_id;
    if (!(delta >= 0.0 && delta < 1.0)) {
      throw_config_error(id, "kalman: delta {} outside [0, 1)", delta);
    }
    bulwark::detail::require_positive(observation_variance, id, "kalman: observation_variance");
    if (!(std::isfinite(initial_beta) && std::isfinite(initial_alpha))) {
      throw_config_error(id, "kalman: initial state ({}, {}) must be finite", initial_beta,
                         initial_alpha);
    }
    if (!(initial_variance >= 0.0 && std::isfinite(initial_variance))) {
      throw_config_error(id, "kalman: initial_variance {} must be finite and >= 0",
                         initial_variance);
    }
  }
};

/// One filter step: the state before and after y_t, and the one-step forecast's error.
struct kalman_step {
  hedge_ratio prior;      ///< the estimate from data before t: the one to trade y_t on
  hedge_ratio posterior;  ///< after y_t
  double forecast_error = std::numeric_limits<double>::quiet_NaN();     ///< y_t - prior forecast
  double forecast_variance = std::numeric_limits<double>::quiet_NaN();  ///< Q_t, units of y^2

  /// forecast_error / sqrt(forecast_variance): the spread in standard deviations.
  [[nodiscard]] double zscore() const noexcept {
    return forecast_error / std::sqrt(forecast_variance);
  }
};

class kalman_hedge_ratio {
 public:
  /// Throws `config_error` (id `bulwark.signal.hedge_ratio`) for options out of range.
  explicit kalman_hedge_ratio(kalman_hedge_options options = {}) : options_(options) {
    options.validate();
    reset();
  }

  /// Filters the pair (x_t, y_t). O(1), no allocation.
  kalman_step update(double x, double y) noexcept {
    // Prior covariance R: the posterior P plus the state noise, except before the first
    // observation, where it is the prior itself (Chan's recursion).
    const double w = started_ ? options_.delta / (1.0 - options_.delta) : 0.0;
    const double r00 = p00_ + w;
    const double r01 = p01_;
    const double r11 = p11_ + w;
    started_ = true;
    kalman_step step;
    step.prior = {beta_, alpha_};
    if (!std::isfinite(x) || !std::isfinite(y)) {  // missing: propagate only
      p00_ = r00;
      p01_ = r01;
      p11_ = r11;
      step.posterior = step.prior;
      return step;
    }
    // F R = [x r00 + r01, x r01 + r11]; Q = F R F' + Ve; K = (F R)' / Q.
    const double fr0 = x * r00 + r01;
    const double fr1 = x * r01 + r11;
    const double q = fr0 * x + fr1 + options_.observation_variance;
    const double e = y - (beta_ * x + alpha_);
    const double k0 = fr0 / q;
    const double k1 = fr1 / q;
    beta_ += k0 * e;
    alpha_ += k1 * e;
    // P = R - K (F R), symmetric by construction.
    p00_ = r00 - k0 * fr0;
    p01_ = r01 - k0 * fr1;
    p11_ = r11 - k1 * fr1;
    step.posterior = {beta_, alpha_};
    step.forecast_error = e;
    step.forecast_variance = q;
    return step;
  }

  /// The current (posterior) estimate.
  [[nodiscard]] hedge_ratio value() const noexcept { return {beta_, alpha_}; }
  [[nodiscard]] const kalman_hedge_options& options() const noexcept { return options_; }

  /// Back to the prior.
  void reset() noexcept {
    beta_ = options_.initial_beta;
    alpha_ = options_.initial_alpha;
    p00_ = options_.initial_variance;
    p01_ = 0.0;
    p11_ = options_.initial_variance;
    started_ = false;
  }

 private:
  kalman_hedge_options options_;
  double beta_ = 0.0;
  double alpha_ = 0.0;
  double p00_ = 0.0;
  double p01_ = 0.0;
  double p11_ = 0.0;
  bool started_ = false;
};

/// The filter run over two series. Throws `input_error` (id `bulwark.signal.hedge_ratio`)
/// for series of different lengths or a non-finite value (named by index), `config_error`
/// for options out of range. O(n).
[[nodiscard]] inline std::vector<kalman_step> kalman_hedge_series(
    std::span<const double> x, std::span<const double> y, kalman_hedge_options options = {}) {
  return detail::filter_pair(kalman_hedge_ratio{options}, x, y, "kalman_hedge_series");
}

}  // namespace bulwark::signal

/// Formats as `delta 0.0001 Ve 0.001 prior (0, 0) variance 0`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::kalman_hedge_options, o,
                                "delta {} Ve {} prior ({}, {}) variance {}", o.delta,
                                o.observation_variance, o.initial_beta, o.initial_alpha,
                                o.initial_variance)
/// Formats as `beta 0.98 alpha 1.1 (prior beta 0.97 alpha 1.1), error 0.01 variance 0.002`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::kalman_step, s,
                                "{} (prior {}), error {} variance {}", s.posterior, s.prior,
                                s.forecast_error, s.forecast_variance)

/// Formats as `Kalman hedge ratio (delta 0.0001 ...): beta 0.98 alpha 1.1`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::kalman_hedge_ratio, k, "Kalman hedge ratio ({}): {}",
                                k.options(), k.value())
