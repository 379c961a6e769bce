// SPDX-License-Identifier: MIT
/// \file
/// \brief Cross-sectional normalisation: `demean`, `zscore` and `robust_zscore` (median and
/// MAD x 1.4826, clipped), each a `CrossSectionStep`.
///
/// Synopsis
/// \code
/// cross_section_stats demean{}.apply(x, out);                  // x - mean
/// cross_section_stats zscore{}.apply(x, out);                  // (x - mean) / sd, ddof 1
/// cross_section_stats robust_zscore{.clip = 3.0}.apply(x, out); // clamp((x - med) / (1.4826 MAD))
/// \endcode
///
/// Statistics use the present (non-NaN) scores only; NaN passes through. `zscore` equals
/// pandas' `(x - x.mean()) / x.std(ddof=1)` row by row (pandas skips NaN the same way), to
/// rounding.
///
/// Bad input: an infinite score, or `out` of another size, is an `input_error`
/// (id `bulwark.signal.normalize`); a clip that is not > 0 is a `config_error`. Too few
/// scores (demean: 0; zscore, robust_zscore: < 2) or zero dispersion is an outcome, not an
/// exception: every output is NaN (no cross-sectional view) and the status says why.
///
/// `out` must be `x` itself or not overlap it.
///
/// Complexity: demean and zscore O(n), no allocation (the benchmarked hot path);
/// robust_zscore O(n) expected, allocating copies for the core median and MAD.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/signal/cross_section.hpp"
#include "bulwark/signal/detail/checks.hpp"
#include "bulwark/signal/detail/formatter.hpp"

namespace bulwark::signal {

namespace detail {

inline constexpr auto normalize_id = "bulwark.signal.normalize";

// Count and mean of the present values, with core's four-accumulator sums. The common case,
// a row with no missing value, costs one plain sum: a NaN or an infinity anywhere makes it
// non-finite, and only then are the present values counted and summed with a mask, and an
// infinity searched for.
struct present_mean {
  std::size_t count;
  double mean;
};

[[nodiscard]] inline present_mean mean_of_present(std::span<const double> x,
                                                  std::string_view function) {
  const double total = bulwark::detail::sum_of(x, [](double v) { return v; });
  if (std::isfinite(total)) {
    return {x.size(), x.empty() ? 0.0 : total / static_cast<double>(x.size())};
  }
  using bulwark::detail::present_value;
  const double count = bulwark::detail::sum_of(x, [](double v) { return present_value(v) ? 1.0 : 0.0; });
  const double sum = bulwark::detail::sum_of(x, [](double v) { return present_value(v) ? v : 0.0; });
  if (!std::isfinite(sum)) {
    require_no_infinity(x, normalize_id, fmt::format("{}: scores", function));
    throw_input_error(normalize_id, "{}: the sum of the scores overflows", function);
  }
  return {static_cast<std::size_t>(count), count > 0.0 ? sum / count : 0.0};
}

// Sample variance (n - 1) of the present values about `mean`: core's corrected two-pass
// sum, with missing values masked out.
[[nodiscard]] inline double variance_of_present(std::span<const double> x, double mean,
                                                std::size_t count) noexcept {
  const double n = static_cast<double>(count);
  return bulwark::detail::corrected_squared_deviations(x, mean, n,
                                                       bulwark::detail::present_value) /
         (n - 1.0);
}

// The mean and sample variance of a row with no missing value in one pass, on the data
// shifted by its first value (the "shifted data" algorithm of Chan, Golub and LeVeque
// 1983): var = (sum d^2 - (sum d)^2 / n) / (n - 1), d = x - x[0]. Its relative error grows
// like 1 + (mean - x[0])^2 / var, so it is used only when the shift is within 8 standard
// deviations of the mean (a loss of under two digits); otherwise, or when the row has a
// NaN or an infinity, or fewer than 2 values, it returns false and the caller takes the
// two-pass route.
[[nodiscard]] inline bool shifted_moments(std::span<const double> x, double& mean,
                                          double& variance) noexcept {
  const std::size_t n = x.size();
  if (n < 2) return false;
  const double* p = x.data();
  const double shift = p[0];
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, q0 = 0.0, q1 = 0.0, q2 = 0.0, q3 = 0.0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const double a = p[i] - shift, b = p[i + 1] - shift, c = p[i + 2] - shift, d = p[i + 3] - shift;
    s0 += a;
    s1 += b;
    s2 += c;
    s3 += d;
    q0 += a * a;
    q1 += b * b;
    q2 += c * c;
    q3 += d * d;
  }
  for (; i < n; ++i) {
    const double a = p[i] - shift;
    s0 += a;
    q0 += a * a;
  }
  const double sum = (s0 + s1) + (s2 + s3);
  const double squares = (q0 + q1) + (q2 + q3);
  if (!(std::isfinite(sum) && std::isfinite(squares))) return false;  // NaN, inf or overflow
  const double offset = sum / static_cast<double>(n);
  const double v = (squares - sum * offset) / static_cast<double>(n - 1);
  if (!(offset * offset <= 64.0 * v)) return false;
  mean = shift + offset;
  variance = v;
  return true;
}

// out[i] = f(in[i]) over distinct arrays, in blocks of four written out (g++ -O2 neither
// unrolls an inner loop nor keeps the restrict of a local pointer once inlined; restrict
// parameters it keeps), which it vectorises without run-time alias checks.
template <class F>
void map_distinct(const double* __restrict in, double* __restrict out, std::size_t n,
                  F f) noexcept {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    out[i] = f(in[i]);
    out[i + 1] = f(in[i + 1]);
    out[i + 2] = f(in[i + 2]);
    out[i + 3] = f(in[i + 3]);
  }
  for (; i < n; ++i) out[i] = f(in[i]);
}

// p[i] = f(p[i]): one array, so no aliasing question arises.
template <class F>
void map_in_place(double* p, std::size_t n, F f) noexcept {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    p[i] = f(p[i]);
    p[i + 1] = f(p[i + 1]);
    p[i + 2] = f(p[i + 2]);
    p[i + 3] = f(p[i + 3]);
  }
  for (; i < n; ++i) p[i] = f(p[i]);
}

// out[i] = f(x[i]); `out` must equal `x` or not overlap it.
template <class F>
void map_values(std::span<const double> x, std::span<double> out, F f) noexcept {
  if (out.data() == x.data()) {
    map_in_place(out.data(), out.size(), f);
  } else {
    map_distinct(x.data(), out.data(), x.size(), f);
  }
}

// Writes NaN everywhere and returns the stats of a cross-section with no view.
[[nodiscard]] inline cross_section_stats no_view(std::span<double> out, std::size_t count,
                                                 cross_section_status status) noexcept {
  fill_missing(out);
  cross_section_stats s;
  s.count = count;
  s.status = status;
  return s;
}

}  // namespace detail

/// x - mean(x) over the present scores. Needs 1 present score. O(n), no allocation.
struct demean {
  cross_section_stats apply(std::span<const double> x, std::span<double> out) const {
    detail::require_same_size(x, out, detail::normalize_id, "demean");
    // Named members, not a structured binding: a lambda cannot capture a binding before
    // Clang 16.
    const auto present = detail::mean_of_present(x, "demean");
    if (present.count == 0) return detail::no_view(out, 0, cross_section_status::too_few_scores);
    const double mean = present.mean;
    detail::map_values(x, out, [mean](double v) { return v - mean; });  // NaN stays NaN
    cross_section_stats s;
    s.count = present.count;
    s.location = mean;
    s.status = cross_section_status::ok;
    return s;
  }
};

/// (x - mean) / sd with the sample standard deviation (n - 1), over the present scores:
/// pandas' `(x - x.mean()) / x.std(ddof=1)`. Needs 2 present scores and sd > 0. O(n): two
/// passes over a row with no missing value, up to seven otherwise; no allocation.
struct zscore {
  cross_section_stats apply(std::span<const double> x, std::span<double> out) const {
    detail::require_same_size(x, out, detail::normalize_id, "zscore");
    double mean = 0.0;
    double variance = 0.0;
    std::size_t count = x.size();
    if (!detail::shifted_moments(x, mean, variance)) {
      const auto present = detail::mean_of_present(x, "zscore");
      count = present.count;
      mean = present.mean;
      if (count < 2) return detail::no_view(out, count, cross_section_status::too_few_scores);
      variance = detail::variance_of_present(x, mean, count);
    }
    if (!std::isfinite(variance)) {
      throw_input_error(detail::normalize_id, "zscore: the variance of the scores overflows");
    }
    const double sd = std::sqrt(variance);
    if (!(sd > 0.0)) return detail::no_view(out, count, cross_section_status::no_dispersion);
    // A division, not a multiplication by 1 / sd: it rounds as pandas does.
    detail::map_values(x, out, [mean, sd](double v) { return (v - mean) / sd; });
    cross_section_stats s;
    s.count = count;
    s.location = mean;
    s.scale = sd;
    s.status = cross_section_status::ok;
    return s;
  }
};

/// clamp((x - median) / (MAD x 1.4826), -clip, +clip) over the present scores, with core's
/// `median`, `median_absolute_deviation` and `mad_to_sigma` (the MAD scaled to estimate
/// sigma under normality; Rousseeuw and Croux 1993). Default clip 3: beyond three robust
/// standard deviations a score carries no more information than "extreme". Needs 2 present
/// scores and MAD > 0 (more than half of the scores equal makes the MAD 0). O(n) expected;
/// allocates copies for the median and MAD.
struct robust_zscore {
  double clip = 3.0;  ///< > 0; +infinity disables clipping

  cross_section_stats apply(std::span<const double> x, std::span<double> out) const {
    if (!(clip > 0.0)) {
      throw_config_error(detail::normalize_id, "robust_zscore: clip {} must be > 0", clip);
    }
    detail::require_same_size(x, out, detail::normalize_id, "robust_zscore");
    const auto present = detail::present_values(x, detail::normalize_id, "robust_zscore: scores");
    if (present.size() < 2) {
      return detail::no_view(out, present.size(), cross_section_status::too_few_scores);
    }
    const double center = median(present);
    const double sigma = median_absolute_deviation(present) * mad_to_sigma;
    if (!(sigma > 0.0)) {
      return detail::no_view(out, present.size(), cross_section_status::no_dispersion);
    }
    cross_section_stats s;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double z = (x[i] - center) / sigma;
      const double clipped = std::clamp(z, -clip, clip);  // NaN compares false: stays NaN
      s.clipped += clipped != z && z == z ? 1U : 0U;
      out[i] = clipped;
    }
    s.count = present.size();
    s.location = center;
    s.scale = sigma;
    s.lower = -clip;
    s.upper = clip;
    s.status = cross_section_status::ok;
    return s;
  }
};

}  // namespace bulwark::signal

/// Formats as `robust_zscore clip 3`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::robust_zscore, r, "robust_zscore clip {}", r.clip)

BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::demean, , "demean")
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::zscore, , "zscore")
