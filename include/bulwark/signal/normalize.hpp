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
/// rounding. `out` may alias `x`.
///
/// Bad input: an infinite score, or `out` of another size, is an `input_error`
/// (id `bulwark.signal.normalize`); a clip that is not > 0 is a `config_error`. Too few
/// scores (demean: 0; zscore, robust_zscore: < 2) or zero dispersion is an outcome, not an
/// exception: every output is NaN (no cross-sectional view) and the status says why.
///
/// Complexity: demean and zscore O(n), no allocation (the benchmarked hot path);
/// robust_zscore O(n) expected, allocating copies for the core median and MAD.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

#include "bulwark/core/error.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/signal/cross_section.hpp"
#include "bulwark/signal/detail/checks.hpp"

namespace bulwark::signal {

namespace detail {

inline constexpr auto normalize_id = "bulwark.signal.normalize";

// Count and mean of the present values, with core's four-accumulator sums. An infinite
// value makes the sum non-finite, which is how it is caught without a separate pass.
struct present_mean {
  std::size_t count;
  double mean;
};

[[nodiscard]] inline present_mean mean_of_present(std::span<const double> x,
                                                  std::string_view function) {
  const double count = bulwark::detail::sum_of(x, [](double v) { return v == v ? 1.0 : 0.0; });
  const double sum = bulwark::detail::sum_of(x, [](double v) { return v == v ? v : 0.0; });
  if (!std::isfinite(sum)) {
    require_no_infinity(x, normalize_id, function);
    throw_input_error(normalize_id, "{}: the sum of the scores overflows", function);
  }
  return {static_cast<std::size_t>(count), count > 0.0 ? sum / count : 0.0};
}

// Sample variance (n - 1) of the present values about `mean`: the corrected two-pass
// algorithm of core's sample_variance (Chan, Golub and LeVeque 1983), with missing
// values masked out instead of rejected.
[[nodiscard]] inline double variance_of_present(std::span<const double> x, double mean,
                                                std::size_t count) noexcept {
  const double squares = bulwark::detail::sum_of(x, [mean](double v) {
    return v == v ? (v - mean) * (v - mean) : 0.0;
  });
  const double deviations =
      bulwark::detail::sum_of(x, [mean](double v) { return v == v ? v - mean : 0.0; });
  const double n = static_cast<double>(count);
  return (squares - deviations * deviations / n) / (n - 1.0);
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
    const auto [count, mean] = detail::mean_of_present(x, "demean: scores");
    if (count == 0) return detail::no_view(out, 0, cross_section_status::too_few_scores);
    for (std::size_t i = 0; i < x.size(); ++i) out[i] = x[i] - mean;  // NaN stays NaN
    cross_section_stats s;
    s.count = count;
    s.location = mean;
    s.status = cross_section_status::ok;
    return s;
  }
};

/// (x - mean) / sd with the sample standard deviation (n - 1), over the present scores:
/// pandas' `(x - x.mean()) / x.std(ddof=1)`. Needs 2 present scores and sd > 0. O(n), four
/// passes over the row, no allocation.
struct zscore {
  cross_section_stats apply(std::span<const double> x, std::span<double> out) const {
    detail::require_same_size(x, out, detail::normalize_id, "zscore");
    const auto [count, mean] = detail::mean_of_present(x, "zscore: scores");
    if (count < 2) return detail::no_view(out, count, cross_section_status::too_few_scores);
    const double sd = std::sqrt(detail::variance_of_present(x, mean, count));
    if (!(sd > 0.0)) return detail::no_view(out, count, cross_section_status::no_dispersion);
    // A division, not a multiplication by 1 / sd: it rounds as pandas does.
    for (std::size_t i = 0; i < x.size(); ++i) out[i] = (x[i] - mean) / sd;
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
