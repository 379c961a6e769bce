// SPDX-License-Identifier: MIT
/// \file
/// \brief Descriptive statistics every module builds on: mean, sample variance, central
/// moments, type-7 quantiles, median and median absolute deviation.
///
/// Synopsis
/// \code
/// double mean(span x);                     // sum / n
/// double sample_variance(span x);          // sum (x - mean)^2 / (n - 1), n >= 2
/// double sample_stddev(span x);
/// moments central_moments(span x);        // n, mean, m2, m3, m4 (population: / n)
/// double quantile(span x, double q);       // type 7, equal to numpy.quantile bit for bit
/// double quantile_sorted(span sorted, double q);
/// double median(span x);
/// double median_absolute_deviation(span x);          // median |x - median(x)|, unscaled
/// quantile_in_place, median_in_place, median_absolute_deviation_in_place  // reorder x, no allocation
/// inline constexpr double mad_to_sigma = 1.4826;      // x MAD estimates sigma under normality
/// std::vector<double> without_nan(span x);           // the explicit way to drop NaN
/// \endcode
///
/// Bad input is an `input_error` (id `bulwark.core.stats`) naming the function and the
/// offending index or value: empty input, NaN or infinite values, fewer than 2 values for a
/// variance, q outside [0, 1]. Nothing is skipped silently: a caller who wants NaN
/// dropped drops it first, explicitly, with `without_nan`.
///
/// Sums use four independent accumulators: deterministic, more accurate than one running
/// sum (the error grows like n/4 rather than n), and fast enough to stream from memory.
/// The variance is the corrected two-pass algorithm (Chan, Golub and LeVeque 1983):
/// sum of squared deviations minus (sum of deviations)^2 / n, which removes the rounding
/// error of the mean.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark {

/// Multiply a median absolute deviation by this to estimate the standard deviation of
/// normal data: 1 / Phi^-1(3/4) = 1.482602218..., conventionally 1.4826.
inline constexpr double mad_to_sigma = 1.4826;

/// Population central moments: m_k = sum (x - mean)^k / n.
struct moments {
  std::size_t n = 0;
  double mean = 0.0;
  double m2 = 0.0;
  double m3 = 0.0;
  double m4 = 0.0;
};

namespace detail {

inline constexpr auto stats_id = "bulwark.core.stats";

// sum of f(x_i) with four accumulators.
template <class F>
[[nodiscard]] double sum_of(std::span<const double> x, F f) noexcept {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  std::size_t i = 0;
  for (; i + 4 <= x.size(); i += 4) {
    s0 += f(x[i]);
    s1 += f(x[i + 1]);
    s2 += f(x[i + 2]);
    s3 += f(x[i + 3]);
  }
  for (; i < x.size(); ++i) s0 += f(x[i]);
  return (s0 + s1) + (s2 + s3);
}

// Whether a value takes part: every value, or only the present ones (NaN marks a missing
// value, as in a cross-section of scores).
inline constexpr auto every_value = [](double) noexcept { return true; };
inline constexpr auto present_value = [](double v) noexcept { return v == v; };

// The corrected two-pass sum of squared deviations about `m` (Chan, Golub and LeVeque
// 1983): sum (x - m)^2 - (sum (x - m))^2 / n over the n values `keep` accepts, which
// removes the rounding error of m. Two passes; divide by n - 1 for the sample variance.
template <class Keep>
[[nodiscard]] double corrected_squared_deviations(std::span<const double> x, double m, double n,
                                                  Keep keep) noexcept {
  const double squares =
      sum_of(x, [m, keep](double v) { return keep(v) ? (v - m) * (v - m) : 0.0; });
  const double deviations = sum_of(x, [m, keep](double v) { return keep(v) ? v - m : 0.0; });
  return squares - deviations * deviations / n;
}

// The 0-based position of the type-7 quantile q among n sorted values, as numpy computes it.
[[nodiscard]] inline double quantile_position(std::size_t n, double q) noexcept {
  return static_cast<double>(n - 1) * q;
}

// Type 7 on sorted data, computed exactly as numpy 1.22+ does (method="linear"): position
// (n - 1) q, then a linear interpolation taken from the nearer end.
[[nodiscard]] inline double quantile_of_sorted(std::span<const double> sorted, double q) noexcept {
  const std::size_t n = sorted.size();
  const double position = quantile_position(n, q);
  const double floor_position = std::floor(position);
  const double last = static_cast<double>(n - 1);
  const auto lo = static_cast<std::size_t>(std::clamp(floor_position, 0.0, last));
  const auto hi = static_cast<std::size_t>(std::clamp(floor_position + 1.0, 0.0, last));
  const double t = position - floor_position;
  const double a = sorted[lo];
  const double b = sorted[hi];
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

inline void require_probability(double q, std::string_view function) {
  if (!(q >= 0.0 && q <= 1.0)) {
    throw_input_error(stats_id, "{}: q {} outside [0, 1]", function, q);
  }
}

}  // namespace detail

/// The arithmetic mean. O(n).
[[nodiscard]] inline double mean(std::span<const double> x) {
  detail::require_sample(x, 1, detail::stats_id, "mean: x");
  return detail::sum_of(x, [](double v) { return v; }) / static_cast<double>(x.size());
}

/// The sample variance, sum (x - mean)^2 / (n - 1). Needs n >= 2. O(n), two passes.
[[nodiscard]] inline double sample_variance(std::span<const double> x) {
  detail::require_sample(x, 2, detail::stats_id, "sample_variance: x");
  const double n = static_cast<double>(x.size());
  const double m = detail::sum_of(x, [](double v) { return v; }) / n;
  return detail::corrected_squared_deviations(x, m, n, detail::every_value) / (n - 1.0);
}

/// The sample standard deviation, sqrt(sample_variance(x)).
[[nodiscard]] inline double sample_stddev(std::span<const double> x) {
  return std::sqrt(sample_variance(x));
}

/// Population central moments m2, m3, m4 about the mean. Needs n >= 1. O(n), two passes.
[[nodiscard]] inline moments central_moments(std::span<const double> x) {
  detail::require_sample(x, 1, detail::stats_id, "central_moments: x");
  const double n = static_cast<double>(x.size());
  const double m = detail::sum_of(x, [](double v) { return v; }) / n;
  moments r;
  r.n = x.size();
  r.mean = m;
  r.m2 = detail::sum_of(x, [m](double v) { return (v - m) * (v - m); }) / n;
  r.m3 = detail::sum_of(x, [m](double v) { return (v - m) * (v - m) * (v - m); }) / n;
  r.m4 = detail::sum_of(x, [m](double v) {
           const double d2 = (v - m) * (v - m);
           return d2 * d2;
         }) / n;
  return r;
}

/// The type-7 quantile (Hyndman and Fan 1996; numpy's default "linear", R's default) of
/// data already sorted ascending. O(1). Precondition (not checked): sorted ascending and
/// finite; q is checked.
[[nodiscard]] inline double quantile_sorted(std::span<const double> sorted, double q) {
  detail::require_size_at_least(sorted, 1, detail::stats_id, "quantile_sorted: x");
  detail::require_probability(q, "quantile_sorted");
  return detail::quantile_of_sorted(sorted, q);
}

/// The type-7 quantile of unsorted data, computed in place: `x` is reordered and nothing is
/// allocated (for hot paths that own a scratch buffer). Otherwise as `quantile`.
[[nodiscard]] inline double quantile_in_place(std::span<double> x, double q) {
  detail::require_sample(x, 1, detail::stats_id, "quantile: x");
  detail::require_probability(q, "quantile");
  const std::size_t n = x.size();
  const auto lo = static_cast<std::size_t>(std::clamp(
      std::floor(detail::quantile_position(n, q)), 0.0, static_cast<double>(n - 1)));
  const auto first = x.begin();
  std::nth_element(first, first + static_cast<std::ptrdiff_t>(lo), x.end());
  if (lo + 1 < n) {  // the next order statistic is the minimum of the upper part
    const auto next = std::min_element(first + static_cast<std::ptrdiff_t>(lo) + 1, x.end());
    std::iter_swap(first + static_cast<std::ptrdiff_t>(lo) + 1, next);
  }
  // x[0 .. lo+1] now holds the two order statistics where quantile_of_sorted reads them.
  return detail::quantile_of_sorted(x, q);
}

/// The type-7 quantile of unsorted data, equal to `numpy.quantile(x, q)` bit for bit.
/// R's `quantile(type = 7)` (used by PerformanceAnalytics) interpolates as
/// (1 - t) a + t b, which can differ from numpy's in the last bit. O(n) expected: two
/// selections on a copy.
[[nodiscard]] inline double quantile(std::span<const double> x, double q) {
  std::vector<double> copy(x.begin(), x.end());
  return quantile_in_place(copy, q);
}

/// The median (type-7 quantile at 1/2, the mean of the middle two for even n).
[[nodiscard]] inline double median(std::span<const double> x) { return quantile(x, 0.5); }

/// The median, computed in place (`x` is reordered; no allocation).
[[nodiscard]] inline double median_in_place(std::span<double> x) {
  return quantile_in_place(x, 0.5);
}

/// The median absolute deviation computed in place: `x` is overwritten with the absolute
/// deviations |x - median(x)| (in some order) and nothing is allocated.
[[nodiscard]] inline double median_absolute_deviation_in_place(std::span<double> x) {
  const double center = median_in_place(x);
  for (double& v : x) v = std::abs(v - center);
  return median_in_place(x);
}

/// The median absolute deviation, median |x - median(x)|, unscaled (multiply by
/// `mad_to_sigma` to estimate a standard deviation). O(n) expected.
[[nodiscard]] inline double median_absolute_deviation(std::span<const double> x) {
  std::vector<double> copy(x.begin(), x.end());
  return median_absolute_deviation_in_place(copy);
}

/// The values of x that are not NaN, in order: the explicit form of PA's na.omit, for a
/// caller who decides that missing values may be dropped. Infinite values are kept (and
/// then rejected by every statistic). O(n).
[[nodiscard]] inline std::vector<double> without_nan(std::span<const double> x) {
  std::vector<double> kept;
  kept.reserve(x.size());
  for (double v : x) {
    if (!std::isnan(v)) kept.push_back(v);
  }
  return kept;
}

}  // namespace bulwark

/// Formats as `n 10 mean -0.0028 m2 0.00038 m3 -3.3e-06 m4 4.4e-07`.
template <>
struct fmt::formatter<bulwark::moments> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::moments& m, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "n {} mean {} m2 {} m3 {} m4 {}", m.n, m.mean, m.m2, m.m3,
                          m.m4);
  }
};
