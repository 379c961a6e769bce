// SPDX-License-Identifier: MIT
/// \file
/// \brief The speed of mean reversion of a spread: an Ornstein-Uhlenbeck fit through its
/// exact AR(1) discretisation, and the half-life in periods.
///
/// Synopsis
/// \code
/// ou_fit f = fit_ornstein_uhlenbeck(spread);   // s_t = c + phi s_{t-1} + e_t by OLS
/// f.half_life;                                 // -ln 2 / ln phi periods, for 0 < phi < 1
/// f.mean;  f.sigma;  f.phi;  f.mean_reverting();
/// \endcode
///
/// An OU process dS = theta (mu - S) dt + sigma_c dW sampled every period is exactly the
/// AR(1) S_t = c + phi S_{t-1} + e_t with phi = exp(-theta), c = mu (1 - phi); so
/// theta = -ln phi per period and the half-life of a deviation is ln 2 / theta =
/// -ln 2 / ln phi (e.g. Tsay, "Analysis of Financial Time Series", 3rd ed., §2.4). Chan's
/// regression of the change on the level (lambda = phi - 1, half-life -ln 2 / lambda) is
/// the first-order approximation of the same number.
///
/// phi >= 1 (a random walk or worse): no reversion, half-life +inf, mean NaN. phi <= 0 (the
/// spread overshoots every period): no OU process has it; half-life NaN. Both report
/// `mean_reverting() == false`. The half-life is in the series' periods (days for daily
/// data).
///
/// Bad input: fewer than 4 values, or a non-finite value (named by index), is an
/// `input_error` (id `bulwark.signal.mean_reversion`); so is a constant series, which has no
/// regression. O(n), no allocation.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <span>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/signal/detail/formatter.hpp"
#include "bulwark/signal/detail/regression.hpp"

namespace bulwark::signal {

/// The AR(1) / Ornstein-Uhlenbeck fit of a series.
struct ou_fit {
  double phi = std::numeric_limits<double>::quiet_NaN();        ///< AR(1) coefficient
  double intercept = std::numeric_limits<double>::quiet_NaN();  ///< c
  double mean = std::numeric_limits<double>::quiet_NaN();       ///< mu = c / (1 - phi)
  double sigma = std::numeric_limits<double>::quiet_NaN();      ///< sd of e_t (n - 2 dof)
  double half_life = std::numeric_limits<double>::quiet_NaN();  ///< periods
  std::size_t n = 0;                                            ///< pairs (S_{t-1}, S_t) used

  [[nodiscard]] bool mean_reverting() const noexcept { return phi > 0.0 && phi < 1.0; }
};

/// Fits S_t = c + phi S_{t-1} + e_t by least squares over t = 1 .. n-1. See the file
/// comment for the half-life and for bad input.
[[nodiscard]] inline ou_fit fit_ornstein_uhlenbeck(std::span<const double> s) {
  constexpr auto id = "bulwark.signal.mean_reversion";
  bulwark::detail::require_sample(s, 4, id, "fit_ornstein_uhlenbeck: series");
  const std::size_t n = s.size() - 1;
  const detail::line_fit line = detail::fit_line(s.first(n), s.last(n));
  if (!(line.sxx > 0.0)) {
    throw_input_error(id, "fit_ornstein_uhlenbeck: the series is constant; no regression");
  }
  ou_fit f;
  f.n = n;
  f.phi = line.slope();
  f.intercept = line.intercept();
  f.sigma = std::sqrt(line.residual_sum_of_squares() / static_cast<double>(n - 2));
  if (f.phi < 1.0) f.mean = f.intercept / (1.0 - f.phi);
  if (f.phi >= 1.0) {
    f.half_life = std::numeric_limits<double>::infinity();
  } else if (f.phi > 0.0) {
    f.half_life = -std::numbers::ln2 / std::log(f.phi);
  }
  return f;
}

}  // namespace bulwark::signal

/// Formats as `phi 0.95 half-life 13.5 mean 0.01 sigma 0.02 (n 999)`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::ou_fit, f, "phi {} half-life {} mean {} sigma {} (n {})",
                                f.phi, f.half_life, f.mean, f.sigma, f.n)
