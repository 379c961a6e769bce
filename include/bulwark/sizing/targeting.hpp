// SPDX-License-Identifier: MIT
/// \file
/// \brief The targeting rules: how a target weight becomes a target position at the live
/// price. A sizer starts with exactly one of them.
///
/// Synopsis
/// \code
/// target_fraction_of_equity{}                       // q = w E / P
/// fixed_fractional_risk{.risk_fraction = 0.01, .stop_levels = stops}
///                                                   // q = w f E / |P - stop|
/// volatility_target{.annual_target = 0.10, .max_leverage = 2.0,
///                   .annual_volatilities = vols}    // q = w min(target / vol, max) E / P
/// \endcode
///
/// Symbols: w the target weight, E equity, P the live price, q the signed target position in
/// units. Per-symbol inputs (stop levels, volatilities) are `symbol_map<double>`s the
/// caller keeps up to date; the rule holds a reference to them. A symbol missing from such a
/// map, or with a value that is not finite and > 0, gets no order, with the reason: sizing
/// never falls back to a default stop or volatility.
///
/// Configuration out of range is a `config_error` with id `bulwark.sizing.rule`, raised when
/// the sizer is built.
#pragma once

#include <cmath>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/symbol_map.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/sizing/rule.hpp"
#include "bulwark/sizing/volatility.hpp"

namespace bulwark::sizing {

namespace detail {

// The usable per-symbol value of `values`, or the reason there is none.
[[nodiscard]] inline sizing_reason per_symbol_value(const symbol_map<double>& values,
                                                    const symbol& sym, sizing_reason missing,
                                                    sizing_reason bad, double& out) noexcept {
  const double* v = values.find(sym);
  if (v == nullptr) return missing;
  if (!(std::isfinite(*v) && *v > 0.0)) return bad;
  out = *v;
  return sizing_reason::ok;
}

// Weight 0 targets flat before a rule reads its per-symbol inputs: a close must not wait
// for a usable stop or volatility. True when it did.
[[nodiscard]] inline bool target_flat_at_zero_weight(sizing_proposal& p) noexcept {
  if (p.weight() != 0.0) return false;
  p.set_target(0.0);
  return true;
}

}  // namespace detail

/// Target = the weight as a fraction of equity at the live price: q = w E / P. A weight of
/// 0.05 on $1M equity at $190 targets 263.16 shares (before any lot rounding).
struct target_fraction_of_equity {
  static constexpr std::string_view name = "target_fraction_of_equity";
  static constexpr bool sets_target = true;
  static constexpr rule_kind kind = rule_kind::target;

  void validate() const noexcept {}
  sizing_reason apply(sizing_proposal& p) const noexcept {
    p.set_target(p.weight() * p.equity() / p.price());
    return sizing_reason::ok;
  }
};

/// Fixed fractional risk per trade: a position whose loss at its stop is a fixed fraction
/// of equity (the classic "risk 1 % per trade"; Vince 1990, Tharp 1998):
/// q = w f E / d, with d = P - stop for a long (w > 0) and stop - P for a short (w < 0),
/// where stop is the symbol's stop *level* (the price at which the position is exited) and
/// P the live price. The distance is measured from the live price at every call, so a stop
/// set days ago sizes today's order by today's distance, not by the distance at entry.
/// A live price at or through the stop (d <= 0: the stop would already have fired) gets no
/// order, with `price_through_stop`. The weight scales the risk budget: w = +-1 risks
/// exactly f E at the stop, w = 0.5 half of it, so a book of weights reads as a risk
/// allocation. A weight of 0 targets a flat position without looking at the stop, so
/// closing never needs one. The distance can be tiny (a stop a cent away): bound the
/// result with `notional_cap`.
struct fixed_fractional_risk {
  static constexpr std::string_view name = "fixed_fractional_risk";
  static constexpr bool sets_target = true;
  static constexpr rule_kind kind = rule_kind::target;

  /// Fraction of equity lost at the stop by a weight of +-1, in (0, 1].
  double risk_fraction = std::numeric_limits<double>::quiet_NaN();
  /// Stop level per symbol, account currency per unit, finite and > 0: below the live
  /// price for a long, above it for a short.
  const symbol_map<double>& stop_levels;

  void validate() const {
    detail::require_unit_fraction(risk_fraction, detail::rule_id,
                                  "fixed_fractional_risk: risk_fraction");
  }
  sizing_reason apply(sizing_proposal& p) const noexcept {
    if (detail::target_flat_at_zero_weight(p)) return sizing_reason::ok;
    double stop = 0.0;
    const sizing_reason r = detail::per_symbol_value(
        stop_levels, p.sym(), sizing_reason::missing_stop, sizing_reason::bad_stop, stop);
    if (r != sizing_reason::ok) return r;
    const double distance = p.weight() > 0.0 ? p.price() - stop : stop - p.price();
    if (!(distance > 0.0)) return sizing_reason::price_through_stop;
    p.set_target(p.weight() * risk_fraction * p.equity() / distance);
    return sizing_reason::ok;
  }
};

/// Volatility targeting per position: the weight is scaled by the leverage
/// min(annual_target / sigma, max_leverage) that brings a position of weight +-1 to the
/// target annual volatility, where sigma is the symbol's realised annual volatility (see
/// `realised_volatility`): q = w min(target / sigma, max_leverage) E / P.
struct volatility_target {
  static constexpr std::string_view name = "volatility_target";
  static constexpr bool sets_target = true;
  static constexpr rule_kind kind = rule_kind::target;

  /// Target annual volatility of a position of weight +-1, a fraction (0.10 = 10 %).
  double annual_target = std::numeric_limits<double>::quiet_NaN();
  /// Largest leverage applied to a weight, > 0.
  double max_leverage = std::numeric_limits<double>::quiet_NaN();
  /// Realised annual volatility per symbol, > 0.
  const symbol_map<double>& annual_volatilities;

  void validate() const {
    bulwark::detail::require_positive(annual_target, detail::rule_id,
                                      "volatility_target: annual_target");
    bulwark::detail::require_positive(max_leverage, detail::rule_id,
                                      "volatility_target: max_leverage");
  }
  sizing_reason apply(sizing_proposal& p) const noexcept {
    if (detail::target_flat_at_zero_weight(p)) return sizing_reason::ok;
    double sigma = 0.0;
    const sizing_reason r = detail::per_symbol_value(annual_volatilities, p.sym(),
                                                     sizing_reason::missing_volatility,
                                                     sizing_reason::bad_volatility, sigma);
    if (r != sizing_reason::ok) return r;
    p.set_target(p.weight() * detail::leverage_for(sigma, annual_target, max_leverage) *
                 p.equity() / p.price());
    return sizing_reason::ok;
  }
};

}  // namespace bulwark::sizing

template <>
struct fmt::formatter<bulwark::sizing::target_fraction_of_equity>
    : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::target_fraction_of_equity&, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "target_fraction_of_equity");
  }
};

template <>
struct fmt::formatter<bulwark::sizing::fixed_fractional_risk> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::fixed_fractional_risk& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "fixed_fractional_risk(risk_fraction {}, {} stops)",
                          r.risk_fraction, r.stop_levels.size());
  }
};

template <>
struct fmt::formatter<bulwark::sizing::volatility_target> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::volatility_target& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(),
                          "volatility_target(annual_target {}, max_leverage {}, {} volatilities)",
                          r.annual_target, r.max_leverage, r.annual_volatilities.size());
  }
};
