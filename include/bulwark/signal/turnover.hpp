// SPDX-License-Identifier: MIT
/// \file
/// \brief Turnover of a book, and the minimum-change threshold that skips trades too small
/// to pay for themselves.
///
/// Synopsis
/// \code
/// double t = turnover(current, target);                 // sum |target - current|
/// std::vector<double> ts = turnover_series(weight_panel); // per rebalance, from cash
/// trade_filter_summary f = min_change{.threshold = 0.002}.apply(current, target, out);
/// \endcode
///
/// Turnover is the traded value as a fraction of capital, both sides counted:
/// sum_i |w_new,i - w_old,i|. Selling 10 % of one name to buy 10 % of another is 0.2;
/// halve it for the "one-way" convention. `turnover_series` measures row 0 against an
/// empty book (all cash), so it is the gross of the first book.
///
/// `min_change`: a symbol whose target differs from its current weight by less than
/// `threshold` keeps its current weight (no trade); with `always_close` (the default) a
/// target of exactly 0 is always honoured, so small leftover positions are closed rather
/// than kept forever. The threshold is in weight units (0.002 = 0.2 % of capital).
///
/// Weights are never missing: a NaN or infinite weight, or inputs of different sizes, is an
/// `input_error` (id `bulwark.signal.turnover`); a threshold that is not finite and >= 0 a
/// `config_error`. O(n), no allocation (turnover_series allocates its result); `out` may
/// alias either input.
#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/panel.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/signal/detail/checks.hpp"
#include "bulwark/signal/detail/formatter.hpp"

namespace bulwark::signal {

namespace detail {

inline constexpr auto turnover_id = "bulwark.signal.turnover";

}  // namespace detail

/// sum |target - current| (see the file comment).
[[nodiscard]] inline double turnover(std::span<const double> current,
                                     std::span<const double> target) {
  detail::require_matching(current, "current", target, "target", detail::allowed_values::finite,
                           detail::turnover_id, "turnover");
  double traded = 0.0;
  for (std::size_t i = 0; i < current.size(); ++i) traded += std::abs(target[i] - current[i]);
  return traded;
}

/// The turnover of each row of a time x symbol weight panel against the row before it
/// (row 0 against cash).
[[nodiscard]] inline std::vector<double> turnover_series(panel_view weights) {
  std::vector<double> out(weights.rows());
  const std::vector<double> cash(weights.cols(), 0.0);
  for (std::size_t t = 0; t < weights.rows(); ++t) {
    out[t] = turnover(t == 0 ? std::span<const double>(cash) : weights.row(t - 1), weights.row(t));
  }
  return out;
}

/// What `min_change` did.
struct trade_filter_summary {
  std::size_t trades = 0;   ///< symbols whose weight changes
  std::size_t skipped = 0;  ///< changes below the threshold, not traded
  double turnover = 0.0;    ///< sum |out - current|
};

/// The minimum-change threshold (see the file comment).
struct min_change {
  double threshold = 0.0;   ///< finite, >= 0, in weight units
  bool always_close = true; ///< a target of 0 is traded however small the change

  trade_filter_summary apply(std::span<const double> current, std::span<const double> target,
                             std::span<double> out) const {
    bulwark::detail::require_non_negative(threshold, detail::turnover_id, "min_change: threshold");
    detail::require_matching(current, "current", target, "target", detail::allowed_values::finite,
                             detail::turnover_id, "min_change");
    detail::require_same_size(target, out, detail::turnover_id, "min_change");
    trade_filter_summary s;
    for (std::size_t i = 0; i < current.size(); ++i) {
      const double from = current[i];
      const double to = target[i];
      const double change = std::abs(to - from);
      if (change == 0.0) {
        out[i] = from;
      } else if (change < threshold && !(always_close && to == 0.0)) {
        out[i] = from;
        ++s.skipped;
      } else {
        out[i] = to;
        ++s.trades;
        s.turnover += change;
      }
    }
    return s;
  }
};

}  // namespace bulwark::signal

/// Formats as `12 trades, 3 skipped, turnover 0.184`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::trade_filter_summary, s,
                                "{} trades, {} skipped, turnover {}", s.trades, s.skipped,
                                s.turnover)

/// Formats as `min change 0.002 (always close)`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::min_change, m, "min change {}{}", m.threshold,
                                m.always_close ? " (always close)" : "")
