// SPDX-License-Identifier: MIT
/// \file
/// \brief Volatility targeting: realised volatility, annualised with an explicit
/// `periods_per_year`, and the leverage that scales a position or a book to a target
/// annual volatility, never beyond a maximum.
///
/// Synopsis
/// \code
/// double realised_volatility(span returns, periods_per_year p);   // sample sd * sqrt(P)
/// double volatility_target_leverage(double realised_annual_volatility,
///                                   double annual_target, double max_leverage);
/// double volatility_target_leverage(span returns, periods_per_year p,
///                                   double annual_target, double max_leverage);
/// \endcode
///
/// The leverage is min(target / realised, max_leverage) (Moreira and Muir 2017, "Volatility-
/// managed portfolios"; Harvey et al. 2018, "The impact of volatility targeting"): a book
/// whose returns ran at 20 % a year, targeted at 10 %, is held at half its weights. The
/// annualisation is sd * sqrt(P), the square-root-of-time rule for independent returns, as in
/// PerformanceAnalytics' `StdDev.annualized` and empyrical's `annual_volatility`.
///
/// `realised_volatility` is `risk::annual_volatility` under the name sizing uses (one
/// implementation for both); its bad input (fewer than two returns, a NaN or infinite
/// return) is an `input_error` with risk's id `bulwark.risk.metrics`. The leverage's bad
/// input is an `input_error` with id `bulwark.sizing.volatility`: a realised volatility that
/// is not finite and > 0 (zero volatility is a symptom of stale or halted data, never a
/// licence for maximum leverage), a target or maximum leverage that is not finite and > 0.
#pragma once

#include <algorithm>
#include <cmath>
#include <span>
#include <string_view>

#include "bulwark/core/error.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/core/units.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/risk/returns_metrics.hpp"

namespace bulwark::sizing {

namespace detail {

inline constexpr std::string_view volatility_id = "bulwark.sizing.volatility";

// min(target / realised, max_leverage) with every argument finite and > 0.
[[nodiscard]] inline double leverage_for(double realised_annual_volatility, double annual_target,
                                         double max_leverage) noexcept {
  return std::min(annual_target / realised_annual_volatility, max_leverage);
}

}  // namespace detail

/// The annualised sample volatility of per-period simple returns:
/// sample_stddev(returns) * sqrt(periods.value), with the n - 1 standard deviation; that is,
/// `risk::annual_volatility(returns, periods)`, which it calls. Throws `input_error` (id
/// `bulwark.risk.metrics`) for fewer than 2 returns or a NaN or infinite return. O(n).
[[nodiscard]] inline double realised_volatility(std::span<const double> returns,
                                                periods_per_year periods) {
  return risk::annual_volatility(returns, periods);
}

/// The leverage that brings a position or book whose realised annual volatility is
/// `realised_annual_volatility` to `annual_target`: min(target / realised, max_leverage).
/// Throws `input_error` unless all three are finite and > 0.
[[nodiscard]] inline double volatility_target_leverage(double realised_annual_volatility,
                                                       double annual_target, double max_leverage) {
  bulwark::detail::require_positive<input_error>(
      realised_annual_volatility, detail::volatility_id,
      "volatility_target_leverage: realised annual volatility");
  bulwark::detail::require_positive<input_error>(annual_target, detail::volatility_id,
                                                 "volatility_target_leverage: annual target");
  bulwark::detail::require_positive<input_error>(max_leverage, detail::volatility_id,
                                                 "volatility_target_leverage: max leverage");
  return detail::leverage_for(realised_annual_volatility, annual_target, max_leverage);
}

/// The same leverage from a return series (for example the book's own daily returns over
/// the last 60 sessions): volatility_target_leverage(realised_volatility(returns, periods),
/// annual_target, max_leverage). Throws as the two functions it composes. O(n).
[[nodiscard]] inline double volatility_target_leverage(std::span<const double> returns,
                                                       periods_per_year periods,
                                                       double annual_target, double max_leverage) {
  return volatility_target_leverage(realised_volatility(returns, periods), annual_target,
                                    max_leverage);
}

}  // namespace bulwark::sizing
