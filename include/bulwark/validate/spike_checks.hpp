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
/// and tau = D / (threshold * mad_to_sigma) where D bounds every |x - m| (every x - m for
/// volume, scored upward only), fewer than half of the values within (c1 - tau, c2 + tau)
/// proves MAD >= tau, so no z can exceed the threshold. The band's ends are rounded
/// outward, so it holds that whole interval whatever the magnitude of c1 and c2. Blocks
/// the certificate cannot clear (those with real outliers, or whose sums overflow) get the
/// exact median and MAD by selection in the report's scratch memory. No allocation.
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
#include "bulwark/detail/lanes.hpp"
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

// Minimum, maximum, sum and sum of squares of the values value(k, out) writes to `out`
// for k in [0, m): those of rows [k, k + width_of<W>) for `out` a W, a vector type
// (`lanes`, or `four_lanes` in the AVX2 scans), of row k for `out` a double. Vectors pass
// by reference (see `four_lanes`). A NaN may drop out of the minimum and maximum (and
// take the other value of its pair with it), but it makes the sum NaN, which is what the
// callers test. Two groups of lanes per step, each with its own sums, so the additions of
// one step do not wait for the previous step's.
template <class W, class Value>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline block_summary summarize(std::size_t m,
                                                                         Value&& value) noexcept {
  using bulwark::detail::maximum;
  using bulwark::detail::minimum;
  block_summary r{infinity, -infinity, 0.0, 0.0};
  std::size_t k = 0;
#if BULWARK_DETAIL_VECTOR_LANES
  constexpr std::size_t width = bulwark::detail::width_of<W>;
  if (m >= 2 * width) {
    W low, high, sum_a;
    bulwark::detail::splat_into(low, infinity);
    bulwark::detail::splat_into(high, -infinity);
    bulwark::detail::splat_into(sum_a, 0.0);
    W sum_b = sum_a, squares_a = sum_a, squares_b = sum_a;
    const std::size_t whole = bulwark::detail::whole_groups_end(std::size_t{0}, m, 2 * width);
    for (; k < whole; k += 2 * width) {
      W a, b;
      value(k, a);
      value(k + width, b);
      // minimum(low, minimum(a, b)) and maximum(high, maximum(a, b)), written out: the
      // helpers take their vectors by value.
      const W smaller = b < a ? b : a;
      const W larger = a < b ? b : a;
      low = smaller < low ? smaller : low;
      high = high < larger ? larger : high;
      sum_a += a;
      sum_b += b;
      squares_a += a * a;
      squares_b += b * b;
    }
    const W sum = sum_a + sum_b;
    const W squares = squares_a + squares_b;
    BULWARK_DETAIL_EACH_LANE
    for (std::size_t j = 0; j < width; ++j) {
      r.low = minimum(r.low, low[j]);
      r.high = maximum(r.high, high[j]);
      r.sum += sum[j];
      r.squares += squares[j];
    }
  }
#endif
  for (; k < m; ++k) {
    double v;
    value(k, v);
    r.low = minimum(r.low, v);
    r.high = maximum(r.high, v);
    r.sum += v;
    r.squares += v * v;
  }
  return r;
}

struct block_counts {
  std::size_t below, above, near;
};

// How many of x[0, m) are < c1, > c2, and near: in (near_low, near_high), a band that
// holds the whole of (c1 - tau, c2 + tau) (c1 <= c2, tau >= 0, all finite). Rounded to
// nearest, c1 - tau could land above the exact value: when tau is a few units in the last
// place of c1 the band would lose a large share of its width, and with it the proof that
// MAD >= tau. One step outward from each rounded end puts them beyond the exact ones, and
// keeps near_low < near_high. Vectors of type W, as in `summarize`.
template <class W>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline block_counts count_around(
    const double* x, std::size_t m, double c1, double c2, double tau) noexcept {
  const double near_low = std::nextafter(c1 - tau, -infinity);
  const double near_high = std::nextafter(c2 + tau, infinity);
  block_counts r{0, 0, 0};
  std::size_t k = 0;
#if BULWARK_DETAIL_VECTOR_LANES
  using bulwark::detail::splat_into;
  using mask = decltype(W{} < W{});
  constexpr std::size_t width = bulwark::detail::width_of<W>;
  // A comparison's lane is -1 where it holds: subtracting it counts. The near values are
  // those below near_high less those at or below near_low (a subset, as near_low <
  // near_high): g++ turns `mask & mask` into lane-by-lane scalar code.
  mask below{}, above{}, under_near_high{}, up_to_near_low{};
  W lower, upper, near_lower, near_upper;
  splat_into(lower, c1);
  splat_into(upper, c2);
  splat_into(near_lower, near_low);
  splat_into(near_upper, near_high);
  const std::size_t whole = bulwark::detail::whole_groups_end(std::size_t{0}, m, width);
  for (; k < whole; k += width) {
    W v;
    bulwark::detail::load_into(v, x + k);
    below -= v < lower;
    above -= v > upper;
    under_near_high -= v < near_upper;
    up_to_near_low -= v <= near_lower;
  }
  BULWARK_DETAIL_EACH_LANE
  for (std::size_t j = 0; j < width; ++j) {
    r.below += static_cast<std::size_t>(below[j]);
    r.above += static_cast<std::size_t>(above[j]);
    r.near += static_cast<std::size_t>(under_near_high[j] - up_to_near_low[j]);
  }
#endif
  for (; k < m; ++k) {
    r.below += x[k] < c1 ? 1 : 0;
    r.above += x[k] > c2 ? 1 : 0;
    r.near += (x[k] > near_low && x[k] < near_high) ? 1 : 0;
  }
  return r;
}

// Scans the blocks of rows [base, n) that start in [s.begin(), s.end()), with vectors of
// type W (see `robust_spikes`). The fast path: fill.template operator()<W>(first, last, x,
// b) returns the values of rows [first, last), in a column's memory or written to x, with
// their exact summary in b (the certificate rests on its minimum and maximum), when every
// one is usable; else nullptr, having perhaps written to x and b, and value(i) (NaN for a
// row that is not usable) gives the values one by one. report(i, v, center, scale, z) is
// called for spikes.
template <class W, class Fill, class Value, class Report>
BULWARK_DETAIL_ALWAYS_INLINE inline void robust_spikes_in(bar_scan& s, std::size_t base,
                                                         std::size_t window, double threshold,
                                                         bool two_sided, Fill& fill, Value& value,
                                                         Report& report) {
  const std::size_t n = s.bars().size();
  if (n <= base) return;
  const std::size_t rows = n - base;
  const std::size_t full = rows / window;
  const std::size_t blocks = full == 0 ? 1 : (rows % window >= window / 2 ? full + 1 : full);
  const std::span<double> scratch = s.scratch();
  std::size_t k = s.begin() <= base ? 0 : (s.begin() - base + window - 1) / window;
  for (; k < blocks && base + k * window < s.end(); ++k) {
    const std::size_t first = base + k * window;
    const std::size_t last = k + 1 == blocks ? n : first + window;
    // Pass 1: the usable values, with their range, mean and spread.
    block_summary b{};
    std::size_t m = last - first;
    const double* values = fill.template operator()<W>(first, last, scratch.data(), b);
    if (values == nullptr) {
      m = 0;
      for (std::size_t i = first; i < last; ++i) {
        const double v = value(i);
        if (std::isfinite(v)) scratch[m++] = v;
      }
      values = scratch.data();
      b = summarize<W>(m, [&](std::size_t j, auto& out) BULWARK_DETAIL_ALWAYS_INLINE {
        bulwark::detail::load_into(out, values + j);
      });
    }
    if (m < spike_min_values) continue;
    // Pass 2: the certificate (see the file comment), when its numbers are finite (a sum
    // or a square of huge values can overflow) and bound > 0 (see below). L and U are the
    // 1-based ranks of the lower and upper middle values.
    const double count = static_cast<double>(m);
    const double mean = b.sum / count;
    const double spread = std::sqrt(std::max(0.0, b.squares / count - mean * mean));
    const double c1 = mean - 0.25 * spread;
    const double c2 = mean + 0.25 * spread;
    const double bound = two_sided ? std::max(b.high - c1, c2 - b.low) : b.high - c1;
    const double tau = bound / (threshold * mad_to_sigma) * (1.0 + 1e-9);
    // bound <= 0 happens when the values are (nearly) all equal: they have no robust
    // scale, and selection says so. It is not taken as proof of no upward spike: the
    // rounded mean, hence c1, can exceed the largest value when the values differ by
    // units in their last place.
    if (std::isfinite(c1) && std::isfinite(c2) && std::isfinite(tau) && bound > 0.0) {
      const block_counts counts = count_around<W>(values, m, c1, c2, tau);
      const std::size_t lower_rank = (m + 1) / 2;
      const std::size_t upper_rank = m / 2 + 1;
      if (counts.below < lower_rank && counts.above <= m - upper_rank && counts.near < lower_rank) {
        continue;
      }
    }
    // Exact: the median and MAD by selection (which reorders the values in scratch), then
    // score every row of the block.
    if (values != scratch.data()) std::copy(values, values + m, scratch.data());
    const std::span<double> x = scratch.first(m);
    const double center = median_in_place(x);
    const double scale = mad_to_sigma * median_absolute_deviation_in_place(x);
    if (!(scale > 0.0)) continue;
    for (std::size_t i = first; i < last; ++i) {
      const double v = value(i);
      if (!std::isfinite(v)) continue;
      const double z = (v - center) / scale;
      if ((two_sided ? std::abs(z) : z) > threshold) report(i, v, center, scale, z);
    }
  }
}

#if BULWARK_DETAIL_AVX2_SCANS
// `robust_spikes_in` compiled for AVX2, over four lanes.
template <class Fill, class Value, class Report>
[[gnu::target("avx2")]] void robust_spikes_avx2(bar_scan& s, std::size_t base, std::size_t window,
                                                double threshold, bool two_sided, Fill& fill,
                                                Value& value, Report& report) {
  robust_spikes_in<bulwark::detail::four_lanes>(s, base, window, threshold, two_sided, fill,
                                                value, report);
}
#endif

// `robust_spikes_in` with the instructions of s.kernel(). `fill` and the value function it
// gives `summarize` must inline into it (BULWARK_DETAIL_ALWAYS_INLINE) to be compiled for
// AVX2 there.
template <class Fill, class Value, class Report>
void robust_spikes(bar_scan& s, std::size_t base, std::size_t window, double threshold,
                   bool two_sided, Fill fill, Value value, Report report) {
#if BULWARK_DETAIL_AVX2_SCANS
  if (s.kernel() == scan_kernel::avx2) {
    robust_spikes_avx2(s, base, window, threshold, two_sided, fill, value, report);
    return;
  }
#endif
  robust_spikes_in<bulwark::detail::lanes>(s, base, window, threshold, two_sided, fill, value,
                                           report);
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
    using bulwark::detail::load_into;
    const double* c = s.bars().close().data();
    detail::robust_spikes(
        s, 1, window, threshold, true,
        [&]<class W>(std::size_t first, std::size_t last, double* x,
                     detail::block_summary& b) BULWARK_DETAIL_ALWAYS_INLINE -> const double* {
          if (s.has_events() || !detail::usable_price(c[first - 1])) return nullptr;
          const double* previous = c + first - 1;
          b = detail::summarize<W>(
              last - first, [&]<class V>(std::size_t k, V& r) BULWARK_DETAIL_ALWAYS_INLINE {
                V now, before;
                load_into(now, previous + k + 1);
                load_into(before, previous + k);
                r = now / before - 1.0;
                bulwark::detail::store_from(x + k, r);
              });
          // Every close is usable when the first is and every return is finite and > -1
          // (close k + 1 is then finite and of close k's sign): by induction. A finite sum
          // rules out NaN, which the minimum skips. The first close needs its own test: a
          // block of negative closes also gives returns > -1 (none of its rows would be
          // scored, but the values must be the usable ones).
          return b.low > -1.0 && std::isfinite(b.sum) ? x : nullptr;
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
        [=]<class W>(std::size_t first, std::size_t last, double*,
                     detail::block_summary& b) BULWARK_DETAIL_ALWAYS_INLINE -> const double* {
          b = detail::summarize<W>(last - first,
                                   [&](std::size_t k, auto& out) BULWARK_DETAIL_ALWAYS_INLINE {
                                     bulwark::detail::load_into(out, v + first + k);
                                   });
          // A finite sum has no NaN or infinite term.
          return b.low >= 0.0 && std::isfinite(b.sum) ? v + first : nullptr;
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
