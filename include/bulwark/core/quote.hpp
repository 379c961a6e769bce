// SPDX-License-Identifier: MIT
/// \file
/// \brief `quote`: the top of the book for one instrument at one instant.
///
/// A quote is data, never trusted: `ok()` says whether both sides are finite and
/// positive and bid <= ask. A crossed quote (bid > ask), a locked one (bid == ask) and a
/// one-sided one (a side missing, zero or non-finite) are each detectable, and the
/// derived prices of a quote that is not ok are NaN rather than a plausible number.
#pragma once

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark {

namespace detail {
/// (low + high) / 2 for 0 < low <= high <= the largest double, within [low, high]: the
/// rounded half-sum whenever the sum is finite (subnormal prices included), else each
/// side halved first, so two sides near the largest double give a finite mid.
[[nodiscard]] constexpr double mid_of(double low, double high) noexcept {
  const double sum = low + high;
  if (sum <= std::numeric_limits<double>::max()) [[likely]] return 0.5 * sum;
  return 0.5 * low + 0.5 * high;
}
}  // namespace detail

struct quote {
  double bid = std::numeric_limits<double>::quiet_NaN();  ///< best bid price
  double ask = std::numeric_limits<double>::quiet_NaN();  ///< best ask price
  double bid_size = 0.0;                                  ///< units at the bid
  double ask_size = 0.0;                                  ///< units at the ask
  timestamp time{};                                       ///< when the quote was observed

  /// True when bid is a finite price > 0.
  [[nodiscard]] bool has_bid() const noexcept { return std::isfinite(bid) && bid > 0.0; }
  /// True when ask is a finite price > 0.
  [[nodiscard]] bool has_ask() const noexcept { return std::isfinite(ask) && ask > 0.0; }
  /// True when exactly one side is usable (the other missing, zero or non-finite).
  [[nodiscard]] bool is_one_sided() const noexcept { return has_bid() != has_ask(); }
  /// bid > ask, both sides present: a broken or arbitrage quote.
  [[nodiscard]] bool is_crossed() const noexcept { return has_bid() && has_ask() && bid > ask; }
  /// bid == ask, both sides present.
  [[nodiscard]] bool is_locked() const noexcept { return has_bid() && has_ask() && bid == ask; }
  /// Both sides present and bid <= ask: usable for a mid and a spread.
  [[nodiscard]] bool ok() const noexcept { return has_bid() && has_ask() && bid <= ask; }

  /// (bid + ask) / 2, or NaN when the quote is not ok; finite for a quote near the
  /// largest double too (`detail::mid_of`).
  [[nodiscard]] double mid() const noexcept {
    return ok() ? detail::mid_of(bid, ask) : std::numeric_limits<double>::quiet_NaN();
  }
  /// ask - bid (>= 0), or NaN when the quote is not ok.
  [[nodiscard]] double spread() const noexcept {
    return ok() ? ask - bid : std::numeric_limits<double>::quiet_NaN();
  }
  /// (ask - bid) / mid, a fraction, or NaN when the quote is not ok.
  [[nodiscard]] double relative_spread() const noexcept { return spread() / mid(); }
};

}  // namespace bulwark

/// Formats as `99.98 x 100 / 100.02 x 300 @ 2024-06-03T14:30:00Z` (bid x size / ask x size).
template <>
struct fmt::formatter<bulwark::quote> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::quote& q, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} x {} / {} x {} @ {}", q.bid, q.bid_size, q.ask,
                          q.ask_size, bulwark::iso8601(q.time));
  }
};
