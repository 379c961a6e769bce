// SPDX-License-Identifier: MIT
/// \file
/// \brief Rules on the size of the trade itself: rounding to whole lots, and a minimum
/// quantity and notional below which a trade is not worth sending.
///
/// Synopsis
/// \code
/// lot_size{.lot = 1}          // whole shares;  {.lot = 100} round lots;  {.lot = 1e-8} satoshis
/// min_order{.quantity = 1, .notional = 100}    // skip trades under 1 unit or under $100
/// \endcode
///
/// `lot_size` rounds the target *position* toward zero to whole lots and trades to it, so
/// the position after the trade is on the lot grid and not larger than the target:
/// |current + trade| <= |target| (to 2^-50 relative), on the target's side. A cap the target
/// met is still met after rounding (held 600, target 450, lots of 100: sell 200 to 400, not
/// 100 to 500). When the holding itself is off the grid (an odd lot from a corporate action),
/// the trade is off the grid too (held 150, target 480: buy 250 to 400); a gate or venue that
/// accepts only whole lots rejects such an order, so configure the gate's `lot_size` check
/// only where the venue requires it. Without a `lot_size` rule quantities stay fractional
/// (crypto, fractional-share brokers).
///
/// `lot_size` rejects only a trade that would add to the position but rounds to nothing
/// (`below_lot`). `min_order` lets a close (target 0) through whatever its size, so a
/// residual can always be closed; every other trade, a partial reduction included, must meet
/// the minimums.
///
/// Configuration out of range is a `config_error` with id `bulwark.sizing.rule`.
#pragma once

#include <cmath>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/lots.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/sizing/rule.hpp"

namespace bulwark::sizing {

/// Rounds the target position toward zero to a whole number of lots
/// (`detail::round_toward_zero_to_lot`: floor(|target| / lot) with a tolerance of 2^-50
/// relative, so 0.3 in lots of 0.1 is 3 lots, and never past the target) and trades to it.
/// When the target asked for a trade that adds to the position but rounding leaves nothing
/// to trade, the symbol is rejected (`below_lot`) rather than silently dropped; a rounded
/// trade that reduces the position is sent whatever its size.
struct lot_size {
  static constexpr std::string_view name = "lot_size";
  static constexpr bool sets_target = false;
  static constexpr rule_kind kind = rule_kind::round;

  /// Units per lot, finite and > 0.
  double lot = std::numeric_limits<double>::quiet_NaN();

  void validate() const {
    bulwark::detail::require_positive(lot, detail::rule_id, "lot_size: lot");
  }
  sizing_reason apply(sizing_proposal& p) const noexcept {
    if (p.trade() == 0.0) return sizing_reason::ok;
    p.set_target(bulwark::detail::round_toward_zero_to_lot(p.target(), lot));
    if (p.trade() == 0.0) return sizing_reason::below_lot;
    return sizing_reason::ok;
  }
};

/// Rejects a non-zero trade smaller than `quantity` units (`below_min_quantity`) or whose
/// notional |trade| x price is smaller than `notional` (`below_min_notional`), in account
/// currency. Zero means no minimum. A trade of exactly zero (already at target) passes: it
/// is no order, not a rejection. A trade that closes the position (target 0) passes
/// whatever its size, so a residual can always be closed; any other trade, a partial
/// reduction included, must meet the minimums (a sliver of a reduction is churn, not risk
/// control).
struct min_order {
  static constexpr std::string_view name = "min_order";
  static constexpr bool sets_target = false;
  static constexpr rule_kind kind = rule_kind::check;


  double quantity = 0.0;  ///< smallest trade, units, >= 0
  double notional = 0.0;  ///< smallest trade notional, account currency, >= 0

  void validate() const {
    bulwark::detail::require_non_negative(quantity, detail::rule_id, "min_order: quantity");
    bulwark::detail::require_non_negative(notional, detail::rule_id, "min_order: notional");
  }
  sizing_reason apply(sizing_proposal& p) const noexcept {
    const double size = std::abs(p.trade());
    if (size == 0.0 || detail::closes_position(p)) return sizing_reason::ok;
    if (size < quantity) return sizing_reason::below_min_quantity;
    if (size * p.price() < notional) return sizing_reason::below_min_notional;
    return sizing_reason::ok;
  }
};

}  // namespace bulwark::sizing

template <>
struct fmt::formatter<bulwark::sizing::lot_size> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::lot_size& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "lot_size(lot {})", r.lot);
  }
};

template <>
struct fmt::formatter<bulwark::sizing::min_order> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::min_order& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "min_order(quantity {}, notional {})", r.quantity,
                          r.notional);
  }
};
