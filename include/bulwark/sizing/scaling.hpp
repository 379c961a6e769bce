// SPDX-License-Identifier: MIT
/// \file
/// \brief Rules that scale the target position: fractional Kelly, drawdown-constrained
/// Kelly, a cash buffer and a per-symbol notional cap. Each multiplies the target by a
/// factor in [0, 1], so it never turns a position around or enlarges it.
///
/// Synopsis
/// \code
/// fractional_kelly{.multiplier = 0.5}                              // half Kelly
/// drawdown_constrained_kelly{.wealth_floor = 0.7, .probability = 0.05}
///                                  // P(wealth ever at 70 % of now) <= 5 %
/// cash_buffer{.fraction = 0.02}                                    // size from 98 % of equity
/// notional_cap{.max_fraction = 0.10}       // |position| x live price <= 10 % of equity
/// \endcode
///
/// Kelly-sized weights (from `kelly_weights` or `kelly_fraction_continuous`) are the growth-
/// optimal bet only when the estimates are exact; they are not, and full Kelly's drawdowns
/// are deep (it halves the account with probability 1/2). Taking a fraction lambda of it
/// keeps 1 - (1 - lambda)^2 of the growth rate (3/4 at half Kelly) for a fraction lambda
/// of the volatility (Thorp 2006, §7; MacLean, Thorp and Ziemba 2010).
///
/// Configuration out of range is a `config_error` raised when the sizer is built: id
/// `bulwark.sizing.kelly` for the Kelly rules, `bulwark.sizing.rule` for the cash buffer
/// and the notional cap.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/sizing/kelly.hpp"
#include "bulwark/sizing/rule.hpp"

namespace bulwark::sizing {

/// Fractional Kelly: target x multiplier, with the multiplier in (0, 1] (0.5 = half Kelly).
struct fractional_kelly {
  static constexpr std::string_view name = "fractional_kelly";
  static constexpr bool sets_target = false;
  static constexpr rule_kind kind = rule_kind::scale;

  double multiplier = std::numeric_limits<double>::quiet_NaN();

  void validate() const {
    detail::require_unit_fraction(multiplier, detail::kelly_id, "fractional_kelly: multiplier");
  }
  sizing_reason apply(sizing_proposal& p) const noexcept {
    p.set_target(p.target() * multiplier);
    return sizing_reason::ok;
  }
};

/// Drawdown-constrained Kelly: target x min(1, drawdown_kelly_multiplier(wealth_floor,
/// probability)), the largest fraction of Kelly whose probability of wealth ever falling
/// to `wealth_floor` times its current value is at most `probability` (see
/// `drawdown_kelly_multiplier` for the model). Example: {.wealth_floor = 0.5,
/// .probability = 0.125} is half Kelly.
struct drawdown_constrained_kelly {
  static constexpr std::string_view name = "drawdown_constrained_kelly";
  static constexpr bool sets_target = false;
  static constexpr rule_kind kind = rule_kind::scale;

  /// Wealth level, as a fraction of current wealth, to avoid: 0.7 = a 30 % drawdown.
  double wealth_floor = std::numeric_limits<double>::quiet_NaN();
  /// The largest acceptable probability of ever reaching it, in (0, 1).
  double probability = std::numeric_limits<double>::quiet_NaN();

  void validate() const {
    detail::require_open_unit<config_error>(wealth_floor,
                                            "drawdown_constrained_kelly: wealth_floor");
    detail::require_open_unit<config_error>(probability,
                                            "drawdown_constrained_kelly: probability");
  }
  /// The multiplier applied to the target, in (0, 1]. Precondition: validate() passed.
  [[nodiscard]] double multiplier() const noexcept {
    return std::min(1.0, detail::drawdown_multiplier(wealth_floor, probability));
  }
  sizing_reason apply(sizing_proposal& p) const noexcept {
    p.set_target(p.target() * multiplier());
    return sizing_reason::ok;
  }
};

/// Cash buffer: target x (1 - fraction), i.e. sizing from (1 - fraction) of equity, so a
/// fully invested long book (weights summing to 1) leaves `fraction` of equity in cash for
/// costs, margin calls and price moves between sizing and filling. `fraction` in [0, 1).
struct cash_buffer {
  static constexpr std::string_view name = "cash_buffer";
  static constexpr bool sets_target = false;
  static constexpr rule_kind kind = rule_kind::scale;

  double fraction = std::numeric_limits<double>::quiet_NaN();

  void validate() const {
    if (fraction >= 0.0 && fraction < 1.0) return;
    throw_config_error(detail::rule_id, "cash_buffer: fraction {} outside [0, 1)", fraction);
  }
  sizing_reason apply(sizing_proposal& p) const noexcept {
    p.set_target(p.target() * (1.0 - fraction));
    return sizing_reason::ok;
  }
};

/// Per-symbol notional cap: the position after the trade is worth at most `max_fraction` of
/// equity at the live price, |target| x P <= max_fraction x E; a larger target is trimmed
/// toward zero to the cap (in floating point: the bound holds for the computed product).
/// The last word on size before the trade rules: whatever a targeting rule produced (a
/// stop a cent from the price under `fixed_fractional_risk`, `volatility_target`'s
/// leverage on a calm asset), no order takes a position past it, and a `lot_size` after it
/// only rounds toward zero. Weight caps (`apply_caps`) bound the book before sizing; this
/// bounds each position after. A NaN target is left for the sizer to reject.
struct notional_cap {
  static constexpr std::string_view name = "notional_cap";
  static constexpr bool sets_target = false;
  static constexpr rule_kind kind = rule_kind::scale;

  /// Largest |position| x price as a fraction of equity, finite and > 0 (1 = unlevered).
  double max_fraction = std::numeric_limits<double>::quiet_NaN();

  void validate() const {
    bulwark::detail::require_positive(max_fraction, detail::rule_id, "notional_cap: max_fraction");
  }
  sizing_reason apply(sizing_proposal& p) const noexcept {
    const double limit = max_fraction * p.equity();
    if (!(std::abs(p.target()) * p.price() > limit)) return sizing_reason::ok;
    double units = limit / p.price();
    while (units > 0.0 && units * p.price() > limit) units = std::nextafter(units, 0.0);
    p.set_target(std::copysign(units, p.target()));
    return sizing_reason::ok;
  }
};

}  // namespace bulwark::sizing

template <>
struct fmt::formatter<bulwark::sizing::fractional_kelly> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::fractional_kelly& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "fractional_kelly(multiplier {})", r.multiplier);
  }
};

template <>
struct fmt::formatter<bulwark::sizing::drawdown_constrained_kelly>
    : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::drawdown_constrained_kelly& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "drawdown_constrained_kelly(wealth_floor {}, probability {})",
                          r.wealth_floor, r.probability);
  }
};

template <>
struct fmt::formatter<bulwark::sizing::cash_buffer> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::cash_buffer& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "cash_buffer(fraction {})", r.fraction);
  }
};

template <>
struct fmt::formatter<bulwark::sizing::notional_cap> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::notional_cap& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "notional_cap(max_fraction {})", r.max_fraction);
  }
};
