// SPDX-License-Identifier: MIT
/// \file
/// \brief Robust z-score spikes: returns (`return_spike`) and volume (`volume_spike`)
/// far from the median of their block of rows, in units of the block's median absolute
/// deviation.
///
/// Synopsis
/// \code
/// return_spike{.window = 252, .threshold = 10.0, .level = severity::warning}  // id "return_spike"
/// volume_spike{.window = 252, .threshold = 10.0, .level = severity::info}     // id "volume_spike"
/// \endcode
///
/// Method (the Hampel identifier on consecutive blocks; Hampel 1974, Pearson et al. 2016):
/// the rows are cut into blocks of `window` values (a remainder shorter than window/2
/// joins the last block). In each block, with m = median and s = mad_to_sigma * MAD
/// (core's `median`, `median_absolute_deviation`, `mad_to_sigma`), a value x is a spike
/// when z = (x - m) / s exceeds `threshold`: |z| for returns (event-adjusted simple
/// returns, as in move_checks.hpp), z alone for volume (a drought is not a spike). Values
/// that are not usable (a bad price, a negative or NaN volume) are left out; a block with
/// fewer than 20 usable values, or with MAD 0 (most values equal), has no robust scale and
/// is not scored (stuck prices and zero volume have their own checks).
///
/// Cost: before computing medians, a block is cleared in O(window) by a certificate that
/// needs only counts: with a bracket [c1, c2] that the counts prove contains the median,
/// and tau = D / (threshold * mad_to_sigma) where D bounds every |x - m|, fewer than half
/// of the values within (c1 - tau, c2 + tau) proves MAD >= tau, so no z can exceed the
/// threshold. Blocks the certificate cannot clear (those with real outliers) get the exact
/// median and MAD by selection in the report's scratch memory. No allocation.
///
/// Bad settings (window < 40, threshold not > 0) are a `config_error` (id
/// `bulwark.validate.spikes`).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>

#include "bulwark/core/error.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/finding.hpp"
#include "bulwark/validate/move_checks.hpp"
#include "bulwark/validate/screen.hpp"

namespace bulwark::validate {

namespace detail {

inline constexpr std::size_t spike_min_values = 20;

inline void require_spike_config(std::size_t window, double threshold, std::string_view check) {
  if (window >= 2 * spike_min_values && threshold > 0.0 && std::isfinite(threshold)) return;
  throw_config_error("bulwark.validate.spikes",
                     "{}: window {} must be >= {} and threshold {} finite and > 0", check,
                     window, 2 * spike_min_values, threshold);
}

// Scans the blocks of rows [base, n) that start in [s.begin(), s.end()). value(i) is the
// value of row i, NaN when not usable; report(i, x, center, scale, z) is called for spikes.
template <class Value, class Report>
void robust_spikes(bar_scan& s, std::size_t base, std::size_t window, double threshold,
                   bool two_sided, Value value, Report report) {
  const std::size_t n = s.bars().size();
  if (n <= base) return;
  const std::size_t rows = n - base;
  const std::size_t full = rows / window;
  const std::size_t blocks = full == 0 ? 1 : (rows % window >= window / 2 ? full + 1 : full);
  std::size_t k = s.begin() <= base ? 0 : (s.begin() - base + window - 1) / window;
  for (; k < blocks && base + k * window < s.end(); ++k) {
    const std::size_t first = base + k * window;
    const std::size_t last = k + 1 == blocks ? n : first + window;
    // Pass 1: gather the usable values, with their range, mean and spread.
    const std::span<double> x = s.scratch();
    std::size_t m = 0;
    double low = std::numeric_limits<double>::infinity(), high = -low, sum = 0.0, squares = 0.0;
    for (std::size_t i = first; i < last; ++i) {
      const double v = value(i);
      if (!std::isfinite(v)) continue;
      x[m++] = v;
      low = std::min(low, v);
      high = std::max(high, v);
      sum += v;
      squares += v * v;
    }
    if (m < spike_min_values) continue;
    const std::span<double> values = x.first(m);
    // Pass 2: the certificate (see the file comment). L and U are the 1-based ranks of the
    // lower and upper middle values.
    const double mean = sum / static_cast<double>(m);
    const double spread = std::sqrt(std::max(0.0, squares / static_cast<double>(m) - mean * mean));
    const double c1 = mean - 0.25 * spread;
    const double c2 = mean + 0.25 * spread;
    const double bound = two_sided ? std::max(high - c1, c2 - low) : high - c1;
    if (!(bound > 0.0)) continue;  // every value at or below the centre: no upward spike
    const double tau = bound / (threshold * mad_to_sigma) * (1.0 + 1e-9);
    std::size_t below = 0, above = 0, near = 0;
    for (const double v : values) {
      below += v < c1 ? 1U : 0U;
      above += v > c2 ? 1U : 0U;
      near += ((v > c1 - tau) & (v < c2 + tau)) ? 1U : 0U;
    }
    const std::size_t lower_rank = (m + 1) / 2;
    const std::size_t upper_rank = m / 2 + 1;
    if (below < lower_rank && above <= m - upper_rank && near < lower_rank) continue;
    // Exact: the median and MAD by selection, then score every row of the block.
    const double center = median_in_place(values);
    const double scale = mad_to_sigma * median_absolute_deviation_in_place(values);
    if (!(scale > 0.0)) continue;
    for (std::size_t i = first; i < last; ++i) {
      const double v = value(i);
      if (!std::isfinite(v)) continue;
      const double z = (v - center) / scale;
      if ((two_sided ? std::abs(z) : z) > threshold) report(i, v, center, scale, z);
    }
  }
}

}  // namespace detail

/// Event-adjusted simple returns whose robust z-score exceeds `threshold` in magnitude.
struct return_spike {
  static constexpr std::string_view id = "return_spike";
  std::size_t window = 252;  ///< values per block: a year of daily bars
  double threshold = 10.0;   ///< robust z-score beyond which a return is a spike
  severity level = severity::warning;

  void check_config() const { detail::require_spike_config(window, threshold, id); }
  [[nodiscard]] std::size_t scratch_size() const noexcept { return window + window / 2 + 1; }

  void scan(bar_scan& s) const {
    detail::robust_spikes(
        s, 1, window, threshold, true,
        [&](std::size_t i) { return detail::price_relative(s, i) - 1.0; },
        [&](std::size_t i, double r, double center, double scale, double z) {
          s.flag(i, level, "return far outside its block's robust range",
                 {{"return", r}, {"median", center}, {"robust_sigma", scale}, {"z", z}});
        });
  }
};

/// Volumes whose robust z-score exceeds `threshold` (upward only).
struct volume_spike {
  static constexpr std::string_view id = "volume_spike";
  std::size_t window = 252;
  double threshold = 10.0;
  severity level = severity::info;

  void check_config() const { detail::require_spike_config(window, threshold, id); }
  [[nodiscard]] std::size_t scratch_size() const noexcept { return window + window / 2 + 1; }

  void scan(bar_scan& s) const {
    const double* v = s.bars().volume().data();
    detail::robust_spikes(
        s, 0, window, threshold, false,
        [=](std::size_t i) {
          return v[i] >= 0.0 ? v[i] : std::numeric_limits<double>::quiet_NaN();
        },
        [&](std::size_t i, double volume, double center, double scale, double z) {
          s.flag(i, level, "volume far above its block's robust range",
                 {{"volume", volume}, {"median", center}, {"robust_sigma", scale}, {"z", z}});
        });
  }
};

}  // namespace bulwark::validate
