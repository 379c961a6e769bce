// SPDX-License-Identifier: MIT
/// \file
/// \brief Winsorising a cross-section: clip scores to quantile bounds (`winsorize_quantile`)
/// or to median +- k robust standard deviations (`winsorize_mad`). Both are
/// `CrossSectionStep`s.
///
/// Synopsis
/// \code
/// winsorize_quantile{.lower = 0.01, .upper = 0.99}.apply(x, out);  // clamp(x, Q(.01), Q(.99))
/// winsorize_mad{.k = 5.0}.apply(x, out);        // clamp(x, med -+ 5 * 1.4826 * MAD)
/// \endcode
///
/// Bounds come from the present (non-NaN) scores with core's numpy-exact type-7 `quantile`,
/// `median`, `median_absolute_deviation` and `mad_to_sigma`, so `winsorize_quantile` equals
/// pandas' `s.clip(s.quantile(lower), s.quantile(upper))` bit for bit. NaN passes through;
/// the stats report the bounds and how many scores were clipped. `out` may alias `x`.
///
/// Bad input: an infinite score or `out` of another size is an `input_error`
/// (id `bulwark.signal.winsorize`); quantiles outside 0 <= lower <= upper <= 1, or k not
/// > 0, a `config_error`. No present score: outputs NaN, status `too_few_scores`. MAD 0
/// (more than half the scores equal): no robust scale, so the scores are passed through
/// unclipped with status `no_dispersion`. O(n) expected; allocates copies for the core
/// statistics.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "bulwark/core/error.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/signal/cross_section.hpp"
#include "bulwark/signal/detail/checks.hpp"
#include "bulwark/signal/detail/formatter.hpp"

namespace bulwark::signal {

namespace detail {

inline constexpr auto winsorize_id = "bulwark.signal.winsorize";

// out = clamp(x, lower, upper); NaN stays NaN. Fills the bounds and the clip count.
inline void clip_to(std::span<const double> x, std::span<double> out, double lower,
                    double upper, cross_section_stats& s) noexcept {
  std::size_t clipped = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double v = std::clamp(x[i], lower, upper);
    clipped += v != x[i] && v == v ? 1U : 0U;
    out[i] = v;
  }
  s.lower = lower;
  s.upper = upper;
  s.clipped = clipped;
}

}  // namespace detail

/// Clip to the type-7 quantiles `lower` and `upper` of the present scores. Defaults 1 % and
/// 99 %, the usual choice for daily equity factors (e.g. Barra-style preprocessing).
struct winsorize_quantile {
  double lower = 0.01;  ///< in [0, upper]
  double upper = 0.99;  ///< in [lower, 1]

  cross_section_stats apply(std::span<const double> x, std::span<double> out) const {
    if (!(lower >= 0.0 && lower <= upper && upper <= 1.0)) {
      throw_config_error(detail::winsorize_id,
                         "winsorize_quantile: quantiles [{}, {}]; expected 0 <= lower <= "
                         "upper <= 1",
                         lower, upper);
    }
    detail::require_same_size(x, out, detail::winsorize_id, "winsorize_quantile");
    const auto present = detail::present_values(x, detail::winsorize_id,
                                                "winsorize_quantile: scores");
    cross_section_stats s;
    s.count = present.size();
    if (present.empty()) {
      detail::fill_missing(out);
      return s;
    }
    detail::clip_to(x, out, quantile(present, lower), quantile(present, upper), s);
    s.status = cross_section_status::ok;
    return s;
  }
};

/// Clip to median -+ k * 1.4826 * MAD of the present scores. Default k = 5: wide enough to
/// leave normal data alone (5 sigma), narrow enough to tame data errors.
struct winsorize_mad {
  double k = 5.0;  ///< > 0, in robust standard deviations

  cross_section_stats apply(std::span<const double> x, std::span<double> out) const {
    if (!(k > 0.0 && std::isfinite(k))) {
      throw_config_error(detail::winsorize_id, "winsorize_mad: k {} must be finite and > 0", k);
    }
    detail::require_same_size(x, out, detail::winsorize_id, "winsorize_mad");
    const auto present = detail::present_values(x, detail::winsorize_id, "winsorize_mad: scores");
    cross_section_stats s;
    s.count = present.size();
    if (present.empty()) {
      detail::fill_missing(out);
      return s;
    }
    const double center = median(present);
    const double sigma = median_absolute_deviation(present) * mad_to_sigma;
    s.location = center;
    s.scale = sigma;
    if (!(sigma > 0.0)) {
      for (std::size_t i = 0; i < x.size(); ++i) out[i] = x[i];
      s.status = cross_section_status::no_dispersion;
      return s;
    }
    detail::clip_to(x, out, center - k * sigma, center + k * sigma, s);
    s.status = cross_section_status::ok;
    return s;
  }
};

}  // namespace bulwark::signal

/// Formats as `winsorize quantiles [0.01, 0.99]`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::winsorize_quantile, w, "winsorize quantiles [{}, {}]",
                                w.lower, w.upper)
/// Formats as `winsorize median -+ 5 robust sd`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::winsorize_mad, w, "winsorize median -+ {} robust sd",
                                w.k)
