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
#include <cstdint>
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

struct block_summary {
  double low, high, sum, squares;
};

// Minimum, maximum, sum and sum of squares, in four lanes that g++ -O2 vectorises.
[[nodiscard]] inline block_summary summarize(const double* __restrict x, std::size_t m) noexcept {
  double low[4] = {infinity, infinity, infinity, infinity};
  double high[4] = {-infinity, -infinity, -infinity, -infinity};
  double sum[4] = {}, squares[4] = {};
  std::size_t i = 0;
  for (; i + 4 <= m; i += 4) {
    for (std::size_t j = 0; j < 4; ++j) {
      const double v = x[i + j];
      low[j] = v < low[j] ? v : low[j];
      high[j] = v > high[j] ? v : high[j];
      sum[j] += v;
      squares[j] += v * v;
    }
  }
  block_summary r{infinity, -infinity, 0.0, 0.0};
  for (std::size_t j = 0; j < 4; ++j) {
    r.low = low[j] < r.low ? low[j] : r.low;
    r.high = high[j] > r.high ? high[j] : r.high;
    r.sum += sum[j];
    r.squares += squares[j];
  }
  for (; i < m; ++i) {
    r.low = x[i] < r.low ? x[i] : r.low;
    r.high = x[i] > r.high ? x[i] : r.high;
    r.sum += x[i];
    r.squares += x[i] * x[i];
  }
  return r;
}

struct block_counts {
  double below, above, near;
};

// How many values are < c1, > c2, and in (c1 - tau, c2 + tau); four vectorised lanes.
[[nodiscard]] inline block_counts count_around(const double* __restrict x, std::size_t m, double c1,
                                               double c2, double tau) noexcept {
  const double near_low = c1 - tau;
  const double near_high = c2 + tau;
  double below[4] = {}, above[4] = {}, near[4] = {};
  std::size_t i = 0;
  for (; i + 4 <= m; i += 4) {
    for (std::size_t j = 0; j < 4; ++j) {
      const double v = x[i + j];
      below[j] += v < c1 ? 1.0 : 0.0;
      above[j] += v > c2 ? 1.0 : 0.0;
      near[j] += (v > near_low && v < near_high) ? 1.0 : 0.0;
    }
  }
  block_counts r{0.0, 0.0, 0.0};
  for (std::size_t j = 0; j < 4; ++j) {
    r.below += below[j];
    r.above += above[j];
    r.near += near[j];
  }
  for (; i < m; ++i) {
    r.below += x[i] < c1 ? 1.0 : 0.0;
    r.above += x[i] > c2 ? 1.0 : 0.0;
    r.near += (x[i] > near_low && x[i] < near_high) ? 1.0 : 0.0;
  }
  return r;
}

// x[k] = c[k + 1] / c[k] - 1 for k < m, in blocks of four that g++ -O2 vectorises.
inline void simple_returns_into(const double* __restrict c, double* __restrict x, std::size_t m) noexcept {
  std::size_t k = 0;
  for (; k + 4 <= m; k += 4) {
    for (std::size_t j = 0; j < 4; ++j) x[k + j] = c[k + j + 1] / c[k + j] - 1.0;
  }
  for (; k < m; ++k) x[k] = c[k + 1] / c[k] - 1.0;
}

// Scans the blocks of rows [base, n) that start in [s.begin(), s.end()). fill(first, last,
// x) writes the values of rows [first, last) to x and returns true when all are usable (a
// fast path), else returns false and value(i), NaN for a row that is not usable, is used.
// report(i, x, center, scale, z) is called for spikes.
template <class Fill, class Value, class Report>
void robust_spikes(bar_scan& s, std::size_t base, std::size_t window, double threshold,
                   bool two_sided, Fill fill, Value value, Report report) {
  const std::size_t n = s.bars().size();
  if (n <= base) return;
  const std::size_t rows = n - base;
  const std::size_t full = rows / window;
  const std::size_t blocks = full == 0 ? 1 : (rows % window >= window / 2 ? full + 1 : full);
  std::size_t k = s.begin() <= base ? 0 : (s.begin() - base + window - 1) / window;
  for (; k < blocks && base + k * window < s.end(); ++k) {
    const std::size_t first = base + k * window;
    const std::size_t last = k + 1 == blocks ? n : first + window;
    // Pass 1: the usable values, then their range, mean and spread.
    const std::span<double> x = s.scratch();
    std::size_t m = last - first;
    if (!fill(first, last, x.data())) {
      m = 0;
      for (std::size_t i = first; i < last; ++i) {
        const double v = value(i);
        if (std::isfinite(v)) x[m++] = v;
      }
    }
    if (m < spike_min_values) continue;
    const std::span<double> values = x.first(m);
    const block_summary b = summarize(values.data(), m);
    // Pass 2: the certificate (see the file comment). L and U are the 1-based ranks of the
    // lower and upper middle values.
    const double count = static_cast<double>(m);
    const double mean = b.sum / count;
    const double spread = std::sqrt(std::max(0.0, b.squares / count - mean * mean));
    const double c1 = mean - 0.25 * spread;
    const double c2 = mean + 0.25 * spread;
    const double bound = two_sided ? std::max(b.high - c1, c2 - b.low) : b.high - c1;
    if (!(bound > 0.0)) continue;  // every value at or below the centre: no upward spike
    const double tau = bound / (threshold * mad_to_sigma) * (1.0 + 1e-9);
    const block_counts counts = count_around(values.data(), m, c1, c2, tau);
    const double lower_rank = static_cast<double>((m + 1) / 2);
    const double upper_rank = static_cast<double>(m / 2 + 1);
    if (counts.below < lower_rank && counts.above <= count - upper_rank &&
        counts.near < lower_rank) {
      continue;
    }
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
    const double* c = s.bars().close().data();
    detail::robust_spikes(
        s, 1, window, threshold, true,
        [&](std::size_t first, std::size_t last, double* x) {
          if (s.has_events()) return false;
          std::int64_t unusable = 0;
          for (std::size_t i = first - 1; i < last; ++i) unusable |= detail::unusable_margin(c[i]);
          if (unusable < 0) return false;
          detail::simple_returns_into(c + first - 1, x, last - first);
          return true;
        },
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
        [=](std::size_t first, std::size_t last, double* x) {
          std::int64_t unusable = 0;  // negative for a sign bit, infinity or NaN
          for (std::size_t i = first; i < last; ++i) {
            unusable |= detail::negative_or_not_finite_margin(v[i]);
          }
          if (unusable < 0) return false;
          std::copy(v + first, v + last, x);
          return true;
        },
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
