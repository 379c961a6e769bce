// SPDX-License-Identifier: MIT
/// \file
/// \brief VaR backtests: Kupiec's proportion-of-failures test, Christoffersen's
/// independence test, and their sum, the conditional-coverage test, each a likelihood-ratio
/// statistic with its chi-square p-value.
///
/// Synopsis
/// \code
/// lr_test kupiec_test(observations, exceptions, confidence);       // LR_pof ~ chi2(1)
/// lr_test christoffersen_independence_test(exception_transitions);  // LR_ind ~ chi2(1)
/// var_backtest_result var_backtest(returns, var_forecasts, confidence);  // all three
/// \endcode
///
/// An exception is a period whose loss exceeds its VaR forecast: r_t < -VaR_t (VaR positive
/// for losses; a loss equal to the VaR is not an exception). With p = 1 - confidence, T
/// observations and x exceptions (Kupiec, "Techniques for verifying the accuracy of risk
/// measurement models", Journal of Derivatives 3(2), 1995):
///   LR_pof = -2 ln[(1 - p)^(T - x) p^x] + 2 ln[(1 - x/T)^(T - x) (x/T)^x].
/// With n_ij the number of periods in state j after a period in state i (1 = exception;
/// Christoffersen, "Evaluating interval forecasts", International Economic Review 39(4),
/// 1998), pi_0 = n01 / (n00 + n01), pi_1 = n11 / (n10 + n11), pi = (n01 + n11) / (T - 1):
///   LR_ind = -2 ln[(1 - pi)^(n00 + n10) pi^(n01 + n11)]
///            + 2 ln[(1 - pi_0)^n00 pi_0^n01 (1 - pi_1)^n10 pi_1^n11],
/// and LR_cc = LR_pof + LR_ind ~ chi2(2) (as MATLAB's varbacktest and most texts). 0 ln 0 is
/// taken as 0, so no exception, or no exception followed by anything, is a valid outcome.
///
/// Bad input (`input_error`, id `bulwark.risk.backtest`): series of different lengths or
/// fewer than 2 observations, a NaN or infinite value (by index), more exceptions than
/// observations, a confidence outside (0, 1).
#pragma once

#include <cmath>
#include <cstddef>
#include <span>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/risk/distributions.hpp"
#include "bulwark/risk/var.hpp"

namespace bulwark::risk {

/// A likelihood-ratio test: the statistic, its chi-square p-value and degrees of freedom.
struct lr_test {
  double statistic = 0.0;
  double p_value = 1.0;
  int degrees_of_freedom = 1;

  /// True when the model is rejected at `significance` (e.g. 0.05): p_value < significance.
  [[nodiscard]] bool rejects(double significance) const noexcept { return p_value < significance; }
  friend bool operator==(const lr_test&, const lr_test&) = default;
};

/// Counts of consecutive (previous, current) exception states: n01 = no exception followed
/// by an exception, and so on. They sum to T - 1.
struct exception_transitions {
  std::size_t n00 = 0;
  std::size_t n01 = 0;
  std::size_t n10 = 0;
  std::size_t n11 = 0;
  friend bool operator==(const exception_transitions&, const exception_transitions&) = default;
};

/// Everything a VaR backtest reports.
struct var_backtest_result {
  std::size_t observations = 0;
  std::size_t exceptions = 0;
  double expected_rate = 0.0;  ///< 1 - confidence
  double observed_rate = 0.0;  ///< exceptions / observations
  exception_transitions transitions;
  lr_test kupiec;                ///< proportion of failures, chi2(1)
  lr_test independence;          ///< Christoffersen independence, chi2(1)
  lr_test conditional_coverage;  ///< kupiec + independence, chi2(2)
};

namespace detail {

inline constexpr auto backtest_id = "bulwark.risk.backtest";

// x ln y with 0 ln 0 = 0 (the likelihood convention for an empty cell).
[[nodiscard]] inline double xlogy(double x, double y) noexcept {
  return x == 0.0 ? 0.0 : x * std::log(y);
}

[[nodiscard]] inline lr_test make_lr(double statistic, int dof) noexcept {
  const double s = statistic > 0.0 ? statistic : 0.0;  // rounding can leave -1e-16
  return {s, chi_square_sf(s, dof), dof};
}

}  // namespace detail

/// Kupiec's proportion-of-failures test of x exceptions in T observations against the
/// rate 1 - confidence. O(1).
[[nodiscard]] inline lr_test kupiec_test(std::size_t observations, std::size_t exceptions,
                                         double confidence) {
  bulwark::detail::require_confidence(confidence, detail::backtest_id, "kupiec_test");
  if (observations == 0 || exceptions > observations) {
    throw_input_error(detail::backtest_id,
                      "kupiec_test: {} exceptions in {} observations; expected 0 <= x <= T, T >= 1",
                      exceptions, observations);
  }
  const double p = 1.0 - confidence;
  const double t = static_cast<double>(observations);
  const double x = static_cast<double>(exceptions);
  const double observed = x / t;
  using detail::xlogy;
  const double null_ll = xlogy(t - x, 1.0 - p) + xlogy(x, p);
  const double fitted_ll = xlogy(t - x, 1.0 - observed) + xlogy(x, observed);
  return detail::make_lr(2.0 * (fitted_ll - null_ll), 1);
}

/// Christoffersen's test that an exception does not make the next one more (or less)
/// likely. O(1).
[[nodiscard]] inline lr_test christoffersen_independence_test(const exception_transitions& c) noexcept {
  const double n00 = static_cast<double>(c.n00), n01 = static_cast<double>(c.n01);
  const double n10 = static_cast<double>(c.n10), n11 = static_cast<double>(c.n11);
  const double total = n00 + n01 + n10 + n11;
  if (total == 0.0) return detail::make_lr(0.0, 1);
  const double pi = (n01 + n11) / total;
  const double pi0 = n00 + n01 > 0.0 ? n01 / (n00 + n01) : 0.0;
  const double pi1 = n10 + n11 > 0.0 ? n11 / (n10 + n11) : 0.0;
  using detail::xlogy;
  const double null_ll = xlogy(n00 + n10, 1.0 - pi) + xlogy(n01 + n11, pi);
  const double fitted_ll =
      xlogy(n00, 1.0 - pi0) + xlogy(n01, pi0) + xlogy(n10, 1.0 - pi1) + xlogy(n11, pi1);
  return detail::make_lr(2.0 * (fitted_ll - null_ll), 1);
}

/// Backtests VaR forecasts against the returns they were made for: var_forecasts[t] is the
/// VaR (positive for a loss) forecast for period t, made before r[t] was known. O(n).
[[nodiscard]] inline var_backtest_result var_backtest(std::span<const double> returns,
                                                      std::span<const double> var_forecasts,
                                                      double confidence) {
  if (returns.size() != var_forecasts.size()) {
    throw_input_error(detail::backtest_id,
                      "var_backtest: {} returns but {} VaR forecasts; expected one per period",
                      returns.size(), var_forecasts.size());
  }
  bulwark::detail::require_sample(returns, 2, detail::backtest_id, "var_backtest: returns");
  bulwark::detail::require_finite(var_forecasts, detail::backtest_id, "var_backtest: var_forecasts");
  var_backtest_result out;
  out.observations = returns.size();
  bool previous = false;
  for (std::size_t t = 0; t < returns.size(); ++t) {
    const bool exception = returns[t] < -var_forecasts[t];
    out.exceptions += exception ? 1 : 0;
    if (t > 0) {
      auto& cell = previous ? (exception ? out.transitions.n11 : out.transitions.n10)
                            : (exception ? out.transitions.n01 : out.transitions.n00);
      ++cell;
    }
    previous = exception;
  }
  out.kupiec = kupiec_test(out.observations, out.exceptions, confidence);
  out.expected_rate = 1.0 - confidence;
  out.observed_rate = static_cast<double>(out.exceptions) / static_cast<double>(out.observations);
  out.independence = christoffersen_independence_test(out.transitions);
  out.conditional_coverage =
      detail::make_lr(out.kupiec.statistic + out.independence.statistic, 2);
  return out;
}

}  // namespace bulwark::risk

/// Formats as `LR 3.84 (chi2(1)) p 0.05`.
template <>
struct fmt::formatter<bulwark::risk::lr_test> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::lr_test& t, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "LR {:.6g} (chi2({})) p {:.6g}", t.statistic,
                          t.degrees_of_freedom, t.p_value);
  }
};

/// Formats as `n00 240 n01 5 n10 5 n11 0`.
template <>
struct fmt::formatter<bulwark::risk::exception_transitions> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::exception_transitions& c, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "n00 {} n01 {} n10 {} n11 {}", c.n00, c.n01, c.n10, c.n11);
  }
};

/// Formats as `12 exceptions in 250 (rate 0.048, expected 0.05); kupiec LR ...; independence
/// LR ...; conditional coverage LR ...`.
template <>
struct fmt::formatter<bulwark::risk::var_backtest_result> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::var_backtest_result& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(),
                          "{} exceptions in {} (rate {:.4g}, expected {:.4g}); kupiec {}; "
                          "independence {}; conditional coverage {}",
                          r.exceptions, r.observations, r.observed_rate,
                          r.expected_rate, r.kupiec, r.independence,
                          r.conditional_coverage);
  }
};
