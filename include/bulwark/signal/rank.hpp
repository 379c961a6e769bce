// SPDX-License-Identifier: MIT
/// \file
/// \brief `percentile_rank`: each present score's rank among the present scores, as a
/// fraction in (0, 1], ties sharing their average rank; pandas' `rank(pct=True)`.
///
/// Synopsis
/// \code
/// cross_section_stats percentile_rank{}.apply(x, out);   // rank / count, ties averaged
/// void average_ranks(std::span<const double> x, std::span<double> ranks);  // 1..n, no NaN
/// \endcode
///
/// The smallest of n present scores gets 1/n, the largest 1; k scores tied over positions
/// a..a+k-1 (1-based) all get (2a + k - 1) / 2 / n, exactly as pandas computes
/// `method="average"`. NaN passes through and does not count in n. `out` may alias `x`.
///
/// Bad input: an infinite score or `out` of another size is an `input_error`
/// (id `bulwark.signal.rank`). No present score: every output NaN, status
/// `too_few_scores`. O(n log n); allocates an index of the present scores.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/signal/cross_section.hpp"
#include "bulwark/signal/detail/checks.hpp"
#include "bulwark/signal/detail/formatter.hpp"

namespace bulwark::signal {

namespace detail {

inline constexpr auto rank_id = "bulwark.signal.rank";

// (value, position) of the present values, sorted by value: ties end up adjacent. The
// order inside a tie does not matter, since tied values share one rank.
[[nodiscard]] inline std::vector<std::pair<double, std::size_t>> sorted_present(
    std::span<const double> x) {
  std::vector<std::pair<double, std::size_t>> order;
  order.reserve(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i])) order.emplace_back(x[i], i);
  }
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return order;
}

// Writes the average 1-based rank of each entry of `order` (sorted by value) to
// out[position], divided by `divisor` (1 for plain ranks, the count for percentiles).
inline void write_average_ranks(const std::vector<std::pair<double, std::size_t>>& order,
                                std::span<double> out, double divisor) noexcept {
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start + 1;
    while (end < order.size() && order[end].first == order[start].first) ++end;
    // positions start+1 .. end share their mean; the half-integer is exact in binary.
    const double rank = static_cast<double>(start + 1 + end) / 2.0;
    for (std::size_t k = start; k < end; ++k) out[order[k].second] = rank / divisor;
    start = end;
  }
}

}  // namespace detail

/// Average ranks 1..n of `x`, ties averaged (`scipy.stats.rankdata`, method "average").
/// Every element must be finite (`input_error`, id `bulwark.signal.rank`, naming the first
/// that is not); `ranks` must have the size of `x` and may alias it. O(n log n).
inline void average_ranks(std::span<const double> x, std::span<double> ranks) {
  detail::require_same_size(x, ranks, detail::rank_id, "average_ranks");
  bulwark::detail::require_finite(x, detail::rank_id, "average_ranks: x");
  detail::write_average_ranks(detail::sorted_present(x), ranks, 1.0);
}

/// pandas' `rank(pct=True)` (method "average") over the present scores.
struct percentile_rank {
  cross_section_stats apply(std::span<const double> x, std::span<double> out) const {
    detail::require_same_size(x, out, detail::rank_id, "percentile_rank");
    detail::require_no_infinity(x, detail::rank_id, "percentile_rank: scores");
    const auto order = detail::sorted_present(x);
    cross_section_stats s;
    s.count = order.size();
    if (order.empty()) {
      detail::fill_missing(out);
      return s;
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (std::isnan(x[i])) out[i] = x[i];
    }
    detail::write_average_ranks(order, out, static_cast<double>(order.size()));
    s.status = cross_section_status::ok;
    return s;
  }
};

}  // namespace bulwark::signal

BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::percentile_rank, , "percentile_rank")
