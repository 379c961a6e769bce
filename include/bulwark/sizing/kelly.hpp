// SPDX-License-Identifier: MIT
/// \file
/// \brief The Kelly criterion for one bet or one asset, and how much of it to take: the
/// fraction of wealth that maximises the expected log growth, and the drawdown-constrained
/// multiplier that keeps a bad streak from halving the account too often.
///
/// Synopsis
/// \code
/// double kelly_fraction(double p, double b);                  // p - (1 - p) / b
/// double kelly_fraction_from_trades(span returns_per_trade);  // W - (1 - W) / R
/// double kelly_fraction_continuous(double mean_excess, double variance);   // mu / sigma^2
/// double kelly_fraction_continuous(span returns, double risk_free_per_period);
/// double drawdown_kelly_multiplier(double alpha, double beta);  // 2 / (1 + ln b / ln a)
/// double drawdown_probability(double multiplier, double alpha); // alpha^(2/lambda - 1)
/// \endcode
///
/// Units: fractions of wealth (2.5 = 250 % of equity, i.e. leverage 2.5); returns are simple
/// returns per period. A negative Kelly fraction means the bet has negative edge: do not
/// take it (or take the other side); the caller decides, nothing here clips it.
///
/// Bad input is an `input_error` with id `bulwark.sizing.kelly` naming the function, the
/// value and the valid range. All functions are O(1) except the two that read a sample,
/// which are O(n).
#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <string_view>

#include "bulwark/core/error.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::sizing {

namespace detail {

inline constexpr std::string_view kelly_id = "bulwark.sizing.kelly";

// Both the floor alpha and the probability beta of the drawdown constraint lie in (0, 1).
template <class Error>
void require_open_unit(double value, std::string_view name) {
  if (value > 0.0 && value < 1.0) return;
  bulwark::detail::throw_error<Error>(kelly_id, "{} {} outside (0, 1)", name, value);
}

// 2 / (1 + ln beta / ln alpha); the arguments are already checked.
[[nodiscard]] inline double drawdown_multiplier(double alpha, double beta) noexcept {
  return 2.0 / (1.0 + std::log(beta) / std::log(alpha));
}

}  // namespace detail

/// The Kelly fraction of a discrete bet that wins `net_odds` per unit staked with
/// probability `win_probability` and loses the stake otherwise (Kelly 1956):
/// f* = p - (1 - p) / b. Examples: p = 0.6, b = 1 gives 0.2; p = 0.55, b = 2 gives 0.325.
/// Throws `input_error` when p is outside [0, 1] (or NaN) or b is not finite and > 0.
[[nodiscard]] inline double kelly_fraction(double win_probability, double net_odds) {
  bulwark::detail::require_in_closed_range<input_error>(win_probability, 0.0, 1.0, detail::kelly_id,
                                                        "kelly_fraction: win probability p");
  bulwark::detail::require_positive<input_error>(net_odds, detail::kelly_id,
                                                 "kelly_fraction: net odds b");
  return win_probability - (1.0 - win_probability) / net_odds;
}

/// The Kelly fraction estimated from a history of per-trade returns, read as a repeated
/// discrete bet: win rate W = #wins / (#wins + #losses), where a zero return is neither, and
/// payoff ratio R = mean win / |mean loss|; f* = W - (1 - W) / R.
///
/// This is the "Kelly percentage" of trading texts: it treats each trade as a bet that wins R
/// units per unit lost, so f* is the fraction of equity to put at risk on a trade (what a
/// losing trade costs), not a position size; used as `fixed_fractional_risk`'s
/// `risk_fraction` (best fractionally) it sizes positions by their stops. It is not
/// PerformanceAnalytics' `KellyRatio`, which is the continuous form mean(R - Rf) / var(R)
/// of `kelly_fraction_continuous` (halved by its default method = "half"): that one is a
/// position size, a multiple of equity to hold. The two measure different things and are
/// not interchangeable.
///
/// Throws `input_error` when the sample is empty, holds a NaN or infinite value, or has no
/// winning or no losing trade (R or W is then undefined or degenerate). O(n).
[[nodiscard]] inline double kelly_fraction_from_trades(std::span<const double> returns_per_trade) {
  bulwark::detail::require_sample(returns_per_trade, 1, detail::kelly_id,
                                  "kelly_fraction_from_trades: returns_per_trade");
  std::size_t wins = 0;
  std::size_t losses = 0;
  const double win_sum = bulwark::detail::sum_of(returns_per_trade, [&wins](double r) {
    wins += r > 0.0 ? 1 : 0;
    return r > 0.0 ? r : 0.0;
  });
  const double loss_sum = bulwark::detail::sum_of(returns_per_trade, [&losses](double r) {
    losses += r < 0.0 ? 1 : 0;
    return r < 0.0 ? -r : 0.0;
  });
  if (wins == 0 || losses == 0) {
    throw_input_error(detail::kelly_id,
                      "kelly_fraction_from_trades: {} winning and {} losing trade(s) among {}; "
                      "expected at least one of each",
                      wins, losses, returns_per_trade.size());
  }
  const double win_rate = static_cast<double>(wins) / static_cast<double>(wins + losses);
  const double payoff_ratio =
      (win_sum / static_cast<double>(wins)) / (loss_sum / static_cast<double>(losses));
  return win_rate - (1.0 - win_rate) / payoff_ratio;
}

/// The continuous-time Kelly fraction of one asset with per-period mean excess return mu
/// and per-period return variance sigma^2 (Merton 1969; Thorp 2006, §7):
/// f* = mu / sigma^2. Both in the same period, so the ratio is period-free: mu = 0.1,
/// sigma^2 = 0.04 (annual) gives 2.5. Throws `input_error` when mu is not finite or the
/// variance is not finite and > 0.
[[nodiscard]] inline double kelly_fraction_continuous(double mean_excess_return, double variance) {
  bulwark::detail::require_finite_value<input_error>(
      mean_excess_return, detail::kelly_id, "kelly_fraction_continuous: mean excess return");
  bulwark::detail::require_positive<input_error>(variance, detail::kelly_id,
                                                 "kelly_fraction_continuous: variance");
  return mean_excess_return / variance;
}

/// The continuous Kelly fraction estimated from a sample of per-period returns:
/// (mean(r) - risk_free_per_period) / sample_variance(r), with the n - 1 variance. This is
/// PerformanceAnalytics' `KellyRatio(R, Rf, method = "full")`. Throws `input_error` for
/// fewer than 2 returns, a NaN or infinite value, a non-finite risk-free rate, or a sample
/// with zero variance. O(n).
[[nodiscard]] inline double kelly_fraction_continuous(std::span<const double> returns,
                                                      double risk_free_per_period) {
  bulwark::detail::require_sample(returns, 2, detail::kelly_id,
                                  "kelly_fraction_continuous: returns");
  bulwark::detail::require_finite_value<input_error>(
      risk_free_per_period, detail::kelly_id, "kelly_fraction_continuous: risk-free rate");
  const double variance = sample_variance(returns);
  if (!(variance > 0.0)) {
    throw_input_error(detail::kelly_id,
                      "kelly_fraction_continuous: the {} returns have zero variance; "
                      "expected a variance > 0",
                      returns.size());
  }
  return (mean(returns) - risk_free_per_period) / variance;
}

/// The largest fractional-Kelly multiplier lambda that keeps the probability of wealth
/// ever falling to `alpha` times its current value at or below `beta`.
///
/// Under continuous rebalancing of a log-normal asset, betting lambda * f* makes log
/// wealth a Brownian motion with drift (mu^2 / sigma^2) lambda (1 - lambda / 2) and
/// variance lambda^2 mu^2 / sigma^2, so the probability of ever touching alpha is
/// alpha^(2 / lambda - 1) (Thorp 2006, §7; MacLean, Thorp and Ziemba 2010). Solving
/// alpha^(2 / lambda - 1) = beta gives lambda = 2 / (1 + ln beta / ln alpha).
/// Example: alpha = 0.5, beta = 0.125 gives 0.5 (half Kelly halves the account with
/// probability 1/8).
///
/// The result exceeds 1 when beta > alpha: full Kelly already meets the constraint. Betting
/// more than full Kelly lowers growth, so use min(1, lambda) as a multiplier (as
/// `drawdown_constrained_kelly` does). Throws `input_error` unless 0 < alpha < 1 and
/// 0 < beta < 1.
[[nodiscard]] inline double drawdown_kelly_multiplier(double alpha, double beta) {
  detail::require_open_unit<input_error>(alpha, "drawdown_kelly_multiplier: alpha");
  detail::require_open_unit<input_error>(beta, "drawdown_kelly_multiplier: beta");
  return detail::drawdown_multiplier(alpha, beta);
}

/// The probability that wealth ever falls to `alpha` times its current value when betting
/// `multiplier` times the Kelly fraction under the same model: alpha^(2 / lambda - 1), which
/// is 1 for lambda >= 2 (at twice Kelly and beyond, log wealth has no upward drift).
/// Throws `input_error` unless lambda is finite and > 0 and 0 < alpha < 1.
[[nodiscard]] inline double drawdown_probability(double multiplier, double alpha) {
  bulwark::detail::require_positive<input_error>(multiplier, detail::kelly_id,
                                                 "drawdown_probability: multiplier");
  detail::require_open_unit<input_error>(alpha, "drawdown_probability: alpha");
  if (multiplier >= 2.0) return 1.0;
  return std::pow(alpha, 2.0 / multiplier - 1.0);
}

}  // namespace bulwark::sizing
