// SPDX-License-Identifier: MIT
/// \file
/// \brief Unit-root and cointegration tests: the augmented Dickey-Fuller statistic, MacKinnon
/// (2010) critical values, and the Engle-Granger two-step test of a pair.
///
/// Synopsis
/// \code
/// adf_result a = augmented_dickey_fuller(x, {.trend = adf_trend::constant,
///                                            .lags = lag_selection::aic});
/// a.statistic; a.lags; a.nobs; a.critical.five_percent; a.rejects_unit_root();
/// critical_values c = mackinnon_critical_values(2, adf_trend::constant, 500);
/// engle_granger_result eg = engle_granger(y, x);   // y = alpha + beta x + u; ADF on u
/// eg.relation.beta; eg.adf.statistic; eg.cointegrated(significance::five_percent);
/// \endcode
///
/// ADF regression (Said and Dickey 1984), for lag order p:
///     dx_t = [const] [+ trend t] + gamma x_{t-1} + sum_{j=1..p} phi_j dx_{t-j} + e_t,
/// statistic = gamma / se(gamma); the null of a unit root is rejected when the statistic is
/// below the critical value. The construction follows statsmodels' `adfuller` exactly, so
/// results are comparable: default maximum lag ceil(12 (n / 100)^(1/4)) (Schwert 1989),
/// capped at n / 2 - (deterministic terms) - 1; with `aic` or `bic` every p in 0..max is
/// fitted on the same sample (the last n - 1 - max differences) and the smallest criterion
/// wins (the smaller p on a tie), then the chosen p is refitted on all n - 1 - p usable
/// differences; with `fixed` p = max_lags. The criteria are -2 log L + 2 k and
/// -2 log L + k ln n with the Gaussian likelihood at the ML variance.
///
/// Critical values: MacKinnon, J. G. (2010), "Critical Values for Cointegration Tests",
/// Queen's Economics Department Working Paper No. 1227, Table 2: the response surface
/// C(T) = b_inf + b_1 / T + b_2 / T^2 + b_3 / T^3 for the "c" (constant) and "ct" (constant
/// and trend) cases, N = 1 .. 6 variables (N = 1 is the ADF test of one series). T is the
/// number of observations of the ADF regression for `augmented_dickey_fuller`, and n - 1
/// for `engle_granger` (the choices of statsmodels' `adfuller` and `coint`).
///
/// Engle-Granger (Engle and Granger 1987): regress y on x with an intercept, then run the
/// ADF regression without deterministic terms on the residuals, and compare with the N = 2,
/// "c" critical values (the residuals of a regression with a constant: MacKinnon's
/// convention). A residual that is exactly 0 (y an exact affine function of x) gives a
/// statistic of -inf: cointegrated.
///
/// Bad input (`input_error`, id `bulwark.signal.cointegration`): a non-finite value (named
/// by index), series of different lengths, too few values for the lags asked (the maximum
/// lag must be <= n / 2 - terms - 1), a constant series, a degenerate (rank-deficient)
/// regression; variables outside 1..6 or T < 1 for the critical values. Allocates (the
/// regression matrices); O(n p^2) per fit, O(n p^3) with lag selection.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <Eigen/Core>
#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/signal/detail/checks.hpp"
#include "bulwark/signal/detail/formatter.hpp"
#include "bulwark/signal/detail/regression.hpp"
#include "bulwark/signal/hedge_ratio.hpp"

namespace bulwark::signal {

/// Deterministic terms of the test regression (for Engle-Granger: of the cointegrating
/// regression).
enum class adf_trend : std::uint8_t {
  constant,        ///< "c": an intercept
  constant_trend,  ///< "ct": an intercept and a linear time trend
};

/// How the lag order p of the ADF regression is chosen.
enum class lag_selection : std::uint8_t {
  fixed,  ///< p = max_lags
  aic,    ///< minimise Akaike's criterion over 0..max_lags (statsmodels' default)
  bic,    ///< minimise Schwarz's criterion
};

/// The test size.
enum class significance : std::uint8_t { one_percent, five_percent, ten_percent };

[[nodiscard]] constexpr std::string_view to_string(adf_trend t) noexcept {
  return t == adf_trend::constant ? "constant" : "constant_trend";
}
[[nodiscard]] constexpr std::string_view to_string(lag_selection s) noexcept {
  switch (s) {
    case lag_selection::fixed: return "fixed";
    case lag_selection::aic: return "aic";
    case lag_selection::bic: return "bic";
  }
  return "unknown";
}
[[nodiscard]] constexpr std::string_view to_string(significance s) noexcept {
  switch (s) {
    case significance::one_percent: return "1%";
    case significance::five_percent: return "5%";
    case significance::ten_percent: return "10%";
  }
  return "unknown";
}

/// Critical values of the test statistic at 1 %, 5 % and 10 % (reject below them).
struct critical_values {
  double one_percent = std::numeric_limits<double>::quiet_NaN();
  double five_percent = std::numeric_limits<double>::quiet_NaN();
  double ten_percent = std::numeric_limits<double>::quiet_NaN();

  [[nodiscard]] constexpr double at(significance s) const noexcept {
    return s == significance::one_percent    ? one_percent
           : s == significance::five_percent ? five_percent
                                             : ten_percent;
  }
};

struct adf_options {
  adf_trend trend = adf_trend::constant;
  lag_selection lags = lag_selection::aic;
  std::optional<std::size_t> max_lags{};  ///< default ceil(12 (n / 100)^(1/4)), capped
};

struct adf_result {
  double statistic = std::numeric_limits<double>::quiet_NaN();  ///< t statistic of gamma
  std::size_t lags = 0;  ///< p used
  std::size_t nobs = 0;  ///< observations of the final regression
  critical_values critical{};

  /// True when the statistic is below the critical value at `level`.
  [[nodiscard]] constexpr bool rejects_unit_root(
      significance level = significance::five_percent) const noexcept {
    return statistic < critical.at(level);
  }
};

struct engle_granger_options {
  lag_selection lags = lag_selection::aic;
  std::optional<std::size_t> max_lags{};  ///< default as for adf_options, with no terms
};

struct engle_granger_result {
  hedge_ratio relation;  ///< the cointegrating regression y = alpha + beta x + u
  adf_result adf;        ///< the ADF test of u; critical values for N = 2, "c"

  [[nodiscard]] constexpr bool cointegrated(
      significance level = significance::five_percent) const noexcept {
    return adf.rejects_unit_root(level);
  }
};

namespace detail {

inline constexpr auto cointegration_id = "bulwark.signal.cointegration";

// MacKinnon (2010), Table 2: {b_inf, b_1, b_2, b_3} for N = 1..6 and the 1 %, 5 %, 10 %
// levels, "c" then "ct".
using response_surface = std::array<std::array<std::array<double, 4>, 3>, 6>;

inline constexpr response_surface mackinnon_constant{{
    {{{-3.43035, -6.5393, -16.786, -79.433}, {-2.86154, -2.8903, -4.234, -40.040},
      {-2.56677, -1.5384, -2.809, 0.0}}},
    {{{-3.89644, -10.9519, -33.527, 0.0}, {-3.33613, -6.1101, -6.823, 0.0},
      {-3.04445, -4.2412, -2.720, 0.0}}},
    {{{-4.29374, -14.4354, -33.195, 47.433}, {-3.74066, -8.5632, -10.852, 27.982},
      {-3.45218, -6.2143, -3.718, 0.0}}},
    {{{-4.64332, -18.1031, -37.972, 0.0}, {-4.09600, -11.2349, -11.175, 0.0},
      {-3.81020, -8.3931, -4.137, 0.0}}},
    {{{-4.95756, -21.8883, -45.142, 0.0}, {-4.41519, -14.0405, -12.575, 0.0},
      {-4.13157, -10.7417, -3.784, 0.0}}},
    {{{-5.24568, -25.6688, -57.737, 88.639}, {-4.70693, -16.9178, -17.492, 60.007},
      {-4.42501, -13.1875, -5.104, 27.877}}},
}};

inline constexpr response_surface mackinnon_constant_trend{{
    {{{-3.95877, -9.0531, -28.428, -134.155}, {-3.41049, -4.3904, -9.036, -45.374},
      {-3.12705, -2.5856, -3.925, -22.380}}},
    {{{-4.32762, -15.4387, -35.679, 0.0}, {-3.78057, -9.5106, -12.074, 0.0},
      {-3.49631, -7.0815, -7.538, 21.892}}},
    {{{-4.66305, -18.7688, -49.793, 104.244}, {-4.11890, -11.8922, -19.031, 77.332},
      {-3.83511, -9.0723, -8.504, 35.403}}},
    {{{-4.96940, -22.4694, -52.599, 51.314}, {-4.42871, -14.5876, -18.228, 39.647},
      {-4.14633, -11.2500, -9.873, 54.109}}},
    {{{-5.25276, -26.2183, -59.631, 50.646}, {-4.71537, -17.3569, -22.660, 91.359},
      {-4.43422, -13.6078, -10.238, 76.781}}},
    {{{-5.51727, -29.9760, -75.222, 202.253}, {-4.98228, -20.3050, -25.224, 132.03},
      {-4.70233, -16.1253, -9.836, 94.272}}},
}};

// The ADF regression of `x` with `terms` deterministic columns (0, 1 = constant,
// 2 = constant and trend) and lag order p, on the last `rows` differences.
[[nodiscard]] inline ols_fit adf_fit(std::span<const double> x, std::size_t terms,
                                     std::size_t p, std::size_t rows) {
  const std::size_t n = x.size();
  const auto nobs = static_cast<Eigen::Index>(rows);
  const auto k = static_cast<Eigen::Index>(terms + 1 + p);
  Eigen::MatrixXd design(nobs, k);
  Eigen::VectorXd y(nobs);
  const std::size_t first = n - 1 - rows;  // difference index of the first row
  for (Eigen::Index r = 0; r < nobs; ++r) {
    const std::size_t t = first + static_cast<std::size_t>(r);  // dx_t = x[t + 1] - x[t]
    Eigen::Index c = 0;
    if (terms >= 1) design(r, c++) = 1.0;
    if (terms >= 2) design(r, c++) = static_cast<double>(r + 1);
    design(r, c++) = x[t];
    for (std::size_t j = 1; j <= p; ++j) design(r, c++) = x[t + 1 - j] - x[t - j];
    y(r) = x[t + 1] - x[t];
  }
  return fit_ols(design, y);
}

struct adf_statistic {
  double statistic;
  std::size_t lags;
  std::size_t nobs;
};

// statsmodels' adfuller: lag choice, then the t statistic of the level's coefficient.
[[nodiscard]] inline adf_statistic adf_regression(std::span<const double> x, std::size_t terms,
                                                  lag_selection selection,
                                                  std::optional<std::size_t> max_lags,
                                                  std::string_view function) {
  const std::size_t n = x.size();
  if (n < 4 || n / 2 < terms + 1) {
    throw_input_error(cointegration_id, "{}: {} values are too few for the test", function, n);
  }
  const std::size_t cap = n / 2 - terms - 1;  // statsmodels' largest admissible lag
  std::size_t max_p = 0;
  if (max_lags) {
    if (*max_lags > cap) {
      throw_input_error(cointegration_id,
                        "{}: max_lags {} needs more data; with {} values at most {}", function,
                        *max_lags, n, cap);
    }
    max_p = *max_lags;
  } else {
    const double schwert = std::ceil(12.0 * std::pow(static_cast<double>(n) / 100.0, 0.25));
    max_p = std::min(cap, static_cast<std::size_t>(schwert));
  }
  std::size_t p = max_p;
  if (selection != lag_selection::fixed) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t lag = 0; lag <= max_p; ++lag) {
      const ols_fit f = adf_fit(x, terms, lag, n - 1 - max_p);
      const double ic = selection == lag_selection::aic ? f.aic() : f.bic();
      if (ic < best) {
        best = ic;
        p = lag;
      }
    }
  }
  // With too few values the chosen regression can fit exactly (no residual degree of
  // freedom: the information criterion is -inf there and the t statistic 0 / 0).
  const std::size_t rows = n - 1 - p;
  const std::size_t regressors = terms + 1 + p;
  if (rows <= regressors) {
    throw_input_error(cointegration_id,
                      "{}: {} values are too few: the ADF regression with {} lag(s) has {} "
                      "rows for {} regressors; expected more rows than regressors",
                      function, n, p, rows, regressors);
  }
  const ols_fit fit = adf_fit(x, terms, p, rows);
  if (!fit.full_rank) {
    throw_input_error(cointegration_id,
                      "{}: the ADF regression with {} lag(s) is degenerate (collinear "
                      "regressors)",
                      function, p);
  }
  return {fit.t_statistic(static_cast<Eigen::Index>(terms)), p, rows};
}

inline void require_not_constant(std::span<const double> x, std::string_view function,
                                 std::string_view name) {
  for (double v : x) {
    if (v != x.front()) return;
  }
  throw_input_error(cointegration_id, "{}: {} is constant", function, name);
}

}  // namespace detail

/// MacKinnon's (2010) critical values for N = `variables` (1 .. 6) integrated series, the
/// given deterministic terms, and T = `nobs` observations (> 0; +inf gives the asymptotic
/// values). See the file comment for the source. Throws `input_error`
/// (id `bulwark.signal.cointegration`) outside those ranges.
[[nodiscard]] inline critical_values mackinnon_critical_values(std::size_t variables,
                                                               adf_trend trend, double nobs) {
  if (variables < 1 || variables > 6) {
    throw_input_error(detail::cointegration_id,
                      "mackinnon_critical_values: {} variables; tabulated for 1 to 6",
                      variables);
  }
  if (!(nobs > 0.0)) {
    throw_input_error(detail::cointegration_id,
                      "mackinnon_critical_values: T {} must be > 0", nobs);
  }
  const auto& table = trend == adf_trend::constant ? detail::mackinnon_constant
                                                   : detail::mackinnon_constant_trend;
  const double u = 1.0 / nobs;
  const auto value = [&](std::size_t level) {
    const auto& b = table[variables - 1][level];
    return b[0] + u * (b[1] + u * (b[2] + u * b[3]));
  };
  return {value(0), value(1), value(2)};
}

/// The augmented Dickey-Fuller test of `x` (see the file comment).
[[nodiscard]] inline adf_result augmented_dickey_fuller(std::span<const double> x,
                                                        adf_options options = {}) {
  constexpr std::string_view function = "augmented_dickey_fuller";
  bulwark::detail::require_finite(x, detail::cointegration_id, "augmented_dickey_fuller: x");
  detail::require_not_constant(x, function, "x");
  const std::size_t terms = options.trend == adf_trend::constant ? 1 : 2;
  const auto s = detail::adf_regression(x, terms, options.lags, options.max_lags, function);
  return {s.statistic, s.lags, s.nobs,
          mackinnon_critical_values(1, options.trend, static_cast<double>(s.nobs))};
}

/// The Engle-Granger test of the pair (y, x) (see the file comment).
[[nodiscard]] inline engle_granger_result engle_granger(std::span<const double> y,
                                                        std::span<const double> x,
                                                        engle_granger_options options = {}) {
  constexpr std::string_view function = "engle_granger";
  detail::require_matching(y, "y", x, "x", detail::allowed_values::finite,
                           detail::cointegration_id, function);
  detail::require_not_constant(y, function, "y");
  detail::require_not_constant(x, function, "x");
  const std::size_t n = y.size();
  if (n < 4) {
    throw_input_error(detail::cointegration_id, "engle_granger: {} values are too few", n);
  }
  const detail::line_fit line = detail::fit_line(x, y);
  engle_granger_result r;
  r.relation = {line.slope(), line.intercept()};
  r.adf.critical = mackinnon_critical_values(2, adf_trend::constant, static_cast<double>(n - 1));
  // statsmodels' coint: an R^2 within 100 sqrt(eps) of 1 is an exact relation.
  const double r_squared = 1.0 - line.residual_sum_of_squares() / line.syy;
  if (r_squared >= 1.0 - 100.0 * std::sqrt(std::numeric_limits<double>::epsilon())) {
    r.adf.statistic = -std::numeric_limits<double>::infinity();
    r.adf.nobs = n - 1;
    return r;
  }
  std::vector<double> residual(n);
  for (std::size_t i = 0; i < n; ++i) residual[i] = spread(y[i], x[i], r.relation);
  const auto s = detail::adf_regression(residual, 0, options.lags, options.max_lags, function);
  r.adf.statistic = s.statistic;
  r.adf.lags = s.lags;
  r.adf.nobs = s.nobs;
  return r;
}

}  // namespace bulwark::signal

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::signal::adf_trend)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::signal::lag_selection)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::signal::significance)

/// Formats as `1%: -3.9638, 5%: -3.3730, 10%: -3.0723`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::critical_values, c,
                                "1%: {:.4f}, 5%: {:.4f}, 10%: {:.4f}", c.one_percent,
                                c.five_percent, c.ten_percent)

/// Formats as `ADF -3.21 (2 lags, 997 obs; 1%: -3.4370, 5%: -2.8645, 10%: -2.5683)`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::adf_result, a, "ADF {:.4f} ({} lags, {} obs; {})",
                                a.statistic, a.lags, a.nobs, a.critical)

/// Formats as `constant, aic lags up to 12` (the maximum is the default when not given).
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::adf_options, o, "{}, {} lags up to {}", o.trend,
                                o.lags, o.max_lags ? fmt::format("{}", *o.max_lags) : "default")
/// Formats as `y = 0.79 + 0.99 x; ADF -1.61 (...) -> not cointegrated at 5%`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::engle_granger_result, r,
                                "y = {} + {} x; {} -> {} at 5%", r.relation.alpha,
                                r.relation.beta, r.adf,
                                r.cointegrated() ? "cointegrated" : "not cointegrated")
