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
/// Both act on the trade (target - current), not on the target position: exchanges and
/// brokers constrain what is sent, and an existing odd-lot position must not force an odd-
/// lot order. Rounding is toward zero, so the rounded trade does not go past the target
/// (beyond the last-bit rounding of lots x lot) and never breaks a cap the target met. Without a `lot_size` rule quantities stay fractional
/// (crypto, fractional-share brokers).
///
/// Configuration out of range is a `config_error` with id `bulwark.sizing.rule`.
#pragma once

#include <cmath>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/sizing/rule.hpp"

namespace bulwark::sizing {

/// Rounds the trade toward zero to a whole number of lots. A non-zero trade smaller than
/// one lot is rejected (`below_lot`) rather than silently dropped. The count of lots is
/// floor(|trade| / lot) computed with a tolerance of 2^-50 relative, so that a trade of 0.3
/// in lots of 0.1 (0.3 / 0.1 = 2.9999999999999996 in binary) is 3 lots, not 2.
struct lot_size {
  static constexpr std::string_view name = "lot_size";
  static constexpr bool sets_target = false;

  /// Units per lot, finite and > 0.
  double lot = std::numeric_limits<double>::quiet_NaN();

  void validate() const {
    bulwark::detail::require_positive(lot, detail::rule_id, "lot_size: lot");
  }
  sizing_reason apply(sizing_proposal& p) const noexcept {
    const double trade = p.trade();
    if (trade == 0.0) return sizing_reason::ok;
    const double lots = std::floor(std::abs(trade) / lot * (1.0 + 0x1p-50));
    if (lots == 0.0) return sizing_reason::below_lot;
    p.set_trade(std::copysign(lots * lot, trade));
    return sizing_reason::ok;
  }
};

/// Rejects a non-zero trade smaller than `quantity` units (`below_min_quantity`) or whose
/// notional |trade| x price is smaller than `notional` (`below_min_notional`), in account
/// currency. Zero means no minimum. A trade of exactly zero (already at target) passes: it
/// is no order, not a rejection.
struct min_order {
  static constexpr std::string_view name = "min_order";
  static constexpr bool sets_target = false;

  double quantity = 0.0;  ///< smallest trade, units, >= 0
  double notional = 0.0;  ///< smallest trade notional, account currency, >= 0

  void validate() const {
    bulwark::detail::require_non_negative(quantity, detail::rule_id, "min_order: quantity");
    bulwark::detail::require_non_negative(notional, detail::rule_id, "min_order: notional");
  }
  sizing_reason apply(sizing_proposal& p) const noexcept {
    const double size = std::abs(p.trade());
    if (size == 0.0) return sizing_reason::ok;
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
