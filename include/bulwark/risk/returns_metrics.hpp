// SPDX-License-Identifier: MIT
/// \file
/// \brief Performance statistics of a return series: cumulative and annualised return,
/// volatility, the Sharpe, Sortino, Omega and probabilistic Sharpe ratios, downside
/// deviation, skewness and excess kurtosis.
///
/// Synopsis
/// \code
/// double cumulative_return(r);                        // prod(1 + r) - 1
/// double annual_return(r, P);                         // prod(1 + r)^(P / n) - 1
/// double annual_volatility(r, P);                     // sd(r) sqrt(P), sd with n - 1
/// double sharpe_ratio(r, risk_free_per_period, P);    // mean(r - rf) / sd(r - rf) sqrt(P)
/// double downside_deviation(r, mar_per_period, P);    // sqrt(sum_{r<MAR} (MAR - r)^2 / n) sqrt(P)
/// double sortino_ratio(r, mar_per_period, P);         // mean(r - MAR) sqrt(P) / DD_per_period
/// sharpe_sortino_result sharpe_sortino(r, rf, mar, P);  // both, in one pass over r
/// double omega_ratio(r, threshold_per_period);        // sum (r - L)+ / sum (L - r)+
/// double skewness(r);                                 // m3 / m2^1.5 (population)
/// double excess_kurtosis(r);                          // m4 / m2^2 - 3 (population)
/// double probabilistic_sharpe_ratio(r, rf, benchmark_sharpe_per_period);
/// std::vector<double> without_nan(r);                 // explicit NaN removal
/// \endcode
///
/// `r` holds simple returns as fractions (0.01 = 1 %), one per period, in time order; any
/// contiguous range of double converts to `std::span<const double>`. P is an explicit
/// `periods_per_year`. The formulas are those of PerformanceAnalytics (PA) and empyrical;
/// docs/risk_metrics.md lists where the two (and pandas) differ and which one bulwark
/// follows.
///
/// Bad input is an `input_error` with id `bulwark.risk.metrics` whose message names the
/// function and the offending index or value: empty input, NaN or +-inf anywhere (PA drops
/// NaN silently; bulwark never guesses: call `without_nan` first to drop them explicitly),
/// fewer points than the statistic needs, a return below -1 (a loss of more than
/// everything) where wealth is compounded, and a ratio that is 0 / 0.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/core/units.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/risk/distributions.hpp"

namespace bulwark::risk {

namespace detail {

inline constexpr auto metrics_id = "bulwark.risk.metrics";

// Wealth compounding needs 1 + r >= 0: a return below -1 loses more than everything.
inline void require_no_return_below_minus_one(std::span<const double> r, std::string_view id,
                                            std::string_view function) {
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r[i] < -1.0) {
      throw_input_error(id, "{}: r[{}] is {}; a simple return cannot be below -1", function,
                        i, r[i]);
    }
  }
}

// prod(1 + r) as mantissa * 2^exponent, renormalised every 256 factors with frexp (exact),
// so that no intermediate overflows or underflows however long the series is.
struct scaled_product {
  double mantissa = 1.0;
  long exponent = 0;
};

[[nodiscard]] inline scaled_product growth_product(std::span<const double> r) noexcept {
  scaled_product p;
  for (std::size_t i = 0; i < r.size(); i += 256) {
    const std::size_t end = i + 256 < r.size() ? i + 256 : r.size();
    double block = p.mantissa;
    for (std::size_t j = i; j < end; ++j) block *= 1.0 + r[j];
    int e = 0;
    p.mantissa = std::frexp(block, &e);
    p.exponent += e;
  }
  return p;
}

// Validated growth product: finite returns, none below -1, at least one.
[[nodiscard]] inline scaled_product checked_growth(std::span<const double> r,
                                                   std::string_view function,
                                                   std::string_view name) {
  bulwark::detail::require_sample(r, 1, metrics_id, name);
  require_no_return_below_minus_one(r, metrics_id, function);
  return growth_product(r);
}

// One pass over r for the Sharpe and Sortino ratios: the first two moments of r about a
// shift c, and the downside second moment about the MAR. The shift (the mean of the first
// 64 values) makes the one-pass variance (S2 - S1^2 / n) / (n - 1) as accurate as the two-pass
// one for any data whose mean is not far outside that of its first values (Chan, Golub and
// LeVeque 1983, "shifted data"); a plain sum of squares would lose digits to cancellation
// when |mean| >> sd.
struct excess_sums {
  std::size_t n = 0;
  double shift = 0.0;
  double s1 = 0.0;        // sum (r - shift)
  double s2 = 0.0;        // sum (r - shift)^2
  double downside = 0.0;  // sum min(r - mar, 0)^2

  [[nodiscard]] double mean() const noexcept { return shift + s1 / static_cast<double>(n); }
  [[nodiscard]] double sample_variance() const noexcept {
    const double nn = static_cast<double>(n);
    return (s2 - s1 * s1 / nn) / (nn - 1.0);
  }
  [[nodiscard]] double downside_variance() const noexcept {
    return downside / static_cast<double>(n);
  }
};

[[nodiscard]] inline excess_sums sums_about(std::span<const double> r, double mar) noexcept {
  excess_sums e;
  e.n = r.size();
  const std::size_t head = r.size() < 64 ? r.size() : 64;
  double h = 0.0;
  for (std::size_t i = 0; i < head; ++i) h += r[i];
  e.shift = h / static_cast<double>(head);
  const double c = e.shift;
  const double* __restrict x = r.data();
  const std::size_t n = r.size();
  // Blocks of 8 into accumulator arrays: g++ -O2 vectorises the fixed inner loop (it never
  // vectorises a reduction in a loop, since that would reassociate the sums), so each lane
  // keeps its own partial sums and the pass runs at memory speed. The shortfall enters as
  // w = t - |t| = 2 min(t, 0) for t = r - mar: exact and branch-free (a min or a comparison
  // makes g++ emit branches); sum w^2 / 4 is the downside sum, the division by 4 exact.
  constexpr std::size_t lanes = 8;
  double a[lanes] = {}, b[lanes] = {}, d[lanes] = {};
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    for (std::size_t j = 0; j < lanes; ++j) {
      const double y = x[i + j] - c;
      const double t = x[i + j] - mar;
      const double w = t - std::fabs(t);
      a[j] += y;
      b[j] += y * y;
      d[j] += w * w;
    }
  }
  for (std::size_t j = 0; i < n; ++i, ++j) {
    const double y = x[i] - c;
    const double t = x[i] - mar;
    const double w = t - std::fabs(t);
    a[j] += y;
    b[j] += y * y;
    d[j] += w * w;
  }
  const auto total = [](const double* v) {
    return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
  };
  e.s1 = total(a);
  e.s2 = total(b);
  e.downside = total(d) * 0.25;
  return e;
}

// sums_about with validation: non-finite input makes s1 or s2 non-finite (NaN and inf
// propagate through the sums), which is then reported by index; the check costs no pass.
[[nodiscard]] inline excess_sums checked_sums(std::span<const double> r, double mar,
                                              std::size_t minimum, std::string_view function,
                                              std::string_view name) {
  bulwark::detail::require_size_at_least(r, minimum, metrics_id, name);
  const excess_sums e = sums_about(r, mar);
  if (!std::isfinite(e.s1 + e.s2 + e.downside)) {
    bulwark::detail::require_finite(r, metrics_id, name);
    throw_input_error(metrics_id, "{}: the squared returns overflow a double", function);
  }
  return e;
}

// numerator / denominator for a ratio whose denominator is >= 0: +-inf for x / 0, and an
// input_error for 0 / 0 (the ratio is undefined, and a NaN would be a silent number).
[[nodiscard]] inline double ratio_or_inf(double numerator, double denominator,
                                         std::string_view function, std::string_view why) {
  if (denominator > 0.0) return numerator / denominator;
  if (numerator == 0.0) throw_input_error(metrics_id, "{}: undefined (0 / 0): {}", function, why);
  return numerator > 0.0 ? std::numeric_limits<double>::infinity()
                         : -std::numeric_limits<double>::infinity();
}

}  // namespace detail

/// The compounded return prod(1 + r_i) - 1 (PA Return.cumulative, empyrical
/// cum_returns_final). O(n). At least one return; none below -1 or non-finite.
[[nodiscard]] inline double cumulative_return(std::span<const double> r) {
  const auto p = detail::checked_growth(r, "cumulative_return", "cumulative_return: r");
  return std::ldexp(p.mantissa, static_cast<int>(p.exponent)) - 1.0;
}

/// The geometric annualised return prod(1 + r)^(P / n) - 1 (PA Return.annualized with
/// geometric = TRUE, empyrical annual_return). Computed as expm1((P / n) ln prod(1 + r)) from
/// a renormalised product, so it neither overflows nor loses the digits of a small result.
/// -1 when the wealth reaches 0. O(n).
[[nodiscard]] inline double annual_return(std::span<const double> r, periods_per_year periods) {
  const auto p = detail::checked_growth(r, "annual_return", "annual_return: r");
  if (p.mantissa == 0.0) return -1.0;
  const double log_growth =
      std::log(p.mantissa) + static_cast<double>(p.exponent) * std::numbers::ln2;
  return std::expm1(periods.value / static_cast<double>(r.size()) * log_growth);
}

/// sd(r) sqrt(P), with the sample standard deviation (n - 1; PA StdDev.annualized, empyrical
/// annual_volatility). At least 2 returns. O(n).
[[nodiscard]] inline double annual_volatility(std::span<const double> r,
                                              periods_per_year periods) {
  bulwark::detail::require_sample(r, 2, detail::metrics_id, "annual_volatility: r");
  return sample_stddev(r) * std::sqrt(periods.value);
}

/// The Sharpe and Sortino ratios (and their parts) from one pass over the returns.
struct sharpe_sortino_result {
  double sharpe = 0.0;               ///< annualised: mean(r - rf) / sd(r - rf) * sqrt(P)
  double sortino = 0.0;              ///< annualised: mean(r - MAR) sqrt(P) / downside dev.
  double mean_return = 0.0;          ///< mean(r), per period
  double volatility = 0.0;           ///< sd(r), per period (n - 1)
  double downside_deviation = 0.0;   ///< sqrt(sum_{r<MAR} (MAR - r)^2 / n), per period
};

/// Both ratios in one pass over r (the fast path of `sharpe_ratio` and `sortino_ratio`).
/// At least 2 returns. A zero denominator gives +-inf, and 0 / 0 an `input_error`.
[[nodiscard]] inline sharpe_sortino_result sharpe_sortino(std::span<const double> r,
                                                          double risk_free_per_period,
                                                          double mar_per_period,
                                                          periods_per_year periods) {
  bulwark::detail::require_finite_value<input_error>(risk_free_per_period, detail::metrics_id,
                                                     "sharpe_sortino: risk_free_per_period");
  bulwark::detail::require_finite_value<input_error>(mar_per_period, detail::metrics_id,
                                                     "sharpe_sortino: mar_per_period");
  const auto e = detail::checked_sums(r, mar_per_period, 2, "sharpe_sortino", "sharpe_sortino: r");
  sharpe_sortino_result s;
  s.mean_return = e.mean();
  s.volatility = std::sqrt(e.sample_variance());
  s.downside_deviation = std::sqrt(e.downside_variance());
  const double root_p = std::sqrt(periods.value);
  s.sharpe = detail::ratio_or_inf(s.mean_return - risk_free_per_period, s.volatility,
                                  "sharpe_sortino", "the returns do not vary") * root_p;
  s.sortino = detail::ratio_or_inf(s.mean_return - mar_per_period, s.downside_deviation,
                                   "sharpe_sortino", "every return equals the MAR") * root_p;
  return s;
}

/// The annualised Sharpe ratio mean(r - rf) / sd(r - rf) * sqrt(P), sd with n - 1
/// (empyrical sharpe_ratio; PA SharpeRatio(FUN = "StdDev") * sqrt(P), not PA's
/// SharpeRatio.annualized, which divides the geometric annual return by the annual
/// volatility). At least 2 returns; constant returns give +-inf, or 0 / 0 an input_error.
[[nodiscard]] inline double sharpe_ratio(std::span<const double> r, double risk_free_per_period,
                                         periods_per_year periods) {
  bulwark::detail::require_finite_value<input_error>(risk_free_per_period, detail::metrics_id,
                                                     "sharpe_ratio: risk_free_per_period");
  const auto e = detail::checked_sums(r, 0.0, 2, "sharpe_ratio", "sharpe_ratio: r");
  return detail::ratio_or_inf(e.mean() - risk_free_per_period, std::sqrt(e.sample_variance()),
                              "sharpe_ratio", "the returns do not vary") *
         std::sqrt(periods.value);
}

/// The annualised downside deviation sqrt(sum_{r < MAR} (MAR - r)^2 / n) * sqrt(P), with n
/// the number of all observations (PA DownsideDeviation(method = "full"), empyrical
/// downside_risk). At least 1 return.
[[nodiscard]] inline double downside_deviation(std::span<const double> r, double mar_per_period,
                                               periods_per_year periods) {
  bulwark::detail::require_finite_value<input_error>(mar_per_period, detail::metrics_id,
                                                     "downside_deviation: mar_per_period");
  const auto e = detail::checked_sums(r, mar_per_period, 1, "downside_deviation",
                                      "downside_deviation: r");
  return std::sqrt(e.downside_variance()) * std::sqrt(periods.value);
}

/// The annualised Sortino ratio mean(r - MAR) sqrt(P) / sqrt(sum_{r<MAR} (MAR - r)^2 / n)
/// (empyrical sortino_ratio; PA SortinoRatio * sqrt(P)). At least 1 return. No return below
/// the MAR gives +inf (mean above it) and all returns equal to it an input_error (0 / 0).
[[nodiscard]] inline double sortino_ratio(std::span<const double> r, double mar_per_period,
                                          periods_per_year periods) {
  bulwark::detail::require_finite_value<input_error>(mar_per_period, detail::metrics_id,
                                                     "sortino_ratio: mar_per_period");
  const auto e = detail::checked_sums(r, mar_per_period, 1, "sortino_ratio", "sortino_ratio: r");
  return detail::ratio_or_inf(e.mean() - mar_per_period, std::sqrt(e.downside_variance()),
                              "sortino_ratio", "every return equals the MAR") *
         std::sqrt(periods.value);
}

/// The Omega ratio at threshold L: sum (r - L)+ / sum (L - r)+ (PA Omega(method = "simple");
/// empyrical omega_ratio with required_return converted to L). +inf when no return is below
/// L; 0 / 0 (every return equal to L) is an input_error. O(n).
[[nodiscard]] inline double omega_ratio(std::span<const double> r, double threshold_per_period) {
  bulwark::detail::require_finite_value<input_error>(threshold_per_period, detail::metrics_id,
                                                     "omega_ratio: threshold_per_period");
  bulwark::detail::require_sample(r, 1, detail::metrics_id, "omega_ratio: r");
  const double l = threshold_per_period;
  const double gains = bulwark::detail::sum_of(r, [l](double v) { return v > l ? v - l : 0.0; });
  const double losses = bulwark::detail::sum_of(r, [l](double v) { return v < l ? l - v : 0.0; });
  return detail::ratio_or_inf(gains, losses, "omega_ratio", "every return equals the threshold");
}

namespace detail {

[[nodiscard]] inline moments checked_moments(std::span<const double> r, std::size_t minimum,
                                             std::string_view function, std::string_view name) {
  bulwark::detail::require_sample(r, minimum, metrics_id, name);
  const moments m = central_moments(r);
  if (!(m.m2 > 0.0)) {
    throw_input_error(metrics_id, "{}: undefined for returns that do not vary (m2 = 0)",
                      function);
  }
  return m;
}

}  // namespace detail

/// The population skewness m3 / m2^1.5 (PA skewness(method = "moment"), scipy.stats.skew
/// with bias = True; pandas' Series.skew is the bias-corrected G1 instead). At least 2
/// returns that vary.
[[nodiscard]] inline double skewness(std::span<const double> r) {
  const moments m = detail::checked_moments(r, 2, "skewness", "skewness: r");
  return m.m3 / (m.m2 * std::sqrt(m.m2));
}

/// The population excess kurtosis m4 / m2^2 - 3 (PA kurtosis(method = "excess"),
/// scipy.stats.kurtosis with bias = True; pandas' Series.kurt is the bias-corrected G2).
/// At least 2 returns that vary.
[[nodiscard]] inline double excess_kurtosis(std::span<const double> r) {
  const moments m = detail::checked_moments(r, 2, "excess_kurtosis", "excess_kurtosis: r");
  return m.m4 / (m.m2 * m.m2) - 3.0;
}

/// The probabilistic Sharpe ratio (Bailey and Lopez de Prado, "The Sharpe ratio efficient
/// frontier", Journal of Risk 15(2), 2012, eq. 11): the probability that the true
/// per-period Sharpe ratio exceeds `benchmark_sharpe_per_period`,
///   PSR = Phi((SR - SR*) sqrt(n - 1) / sqrt(1 - g3 SR + (g4 - 1) / 4 SR^2)),
/// with SR = mean(r - rf) / sd(r - rf) per period (sd with n - 1, not annualised), g3 the
/// skewness and g4 the (non-excess) kurtosis of r, both population moments. At least 3
/// returns that vary.
[[nodiscard]] inline double probabilistic_sharpe_ratio(std::span<const double> r,
                                                       double risk_free_per_period,
                                                       double benchmark_sharpe_per_period) {
  bulwark::detail::require_finite_value<input_error>(
      risk_free_per_period, detail::metrics_id, "probabilistic_sharpe_ratio: risk_free_per_period");
  bulwark::detail::require_finite_value<input_error>(
      benchmark_sharpe_per_period, detail::metrics_id,
      "probabilistic_sharpe_ratio: benchmark_sharpe_per_period");
  const moments m = detail::checked_moments(r, 3, "probabilistic_sharpe_ratio",
                                            "probabilistic_sharpe_ratio: r");
  const double n = static_cast<double>(m.n);
  const double sd = std::sqrt(m.m2 * n / (n - 1.0));
  const double sr = (m.mean - risk_free_per_period) / sd;
  const double g3 = m.m3 / (m.m2 * std::sqrt(m.m2));
  const double g4 = m.m4 / (m.m2 * m.m2);
  const double spread = 1.0 - g3 * sr + 0.25 * (g4 - 1.0) * sr * sr;
  if (!(spread > 0.0)) {
    throw_input_error(detail::metrics_id,
                      "probabilistic_sharpe_ratio: the Sharpe ratio's variance term {} is not "
                      "positive",
                      spread);
  }
  return normal_cdf((sr - benchmark_sharpe_per_period) * std::sqrt(n - 1.0) / std::sqrt(spread));
}

/// The values of r that are not NaN, in order (core's `without_nan`, here for the callers
/// of the risk metrics, who meet it first).
using bulwark::without_nan;

}  // namespace bulwark::risk

/// Formats as `sharpe 1.23 sortino 1.87 (mean 0.0005, sd 0.0123, downside 0.0089 per period)`.
template <>
struct fmt::formatter<bulwark::risk::sharpe_sortino_result> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::sharpe_sortino_result& s, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(),
                          "sharpe {:.6g} sortino {:.6g} (mean {:.6g}, sd {:.6g}, downside {:.6g} "
                          "per period)",
                          s.sharpe, s.sortino, s.mean_return, s.volatility, s.downside_deviation);
  }
};
