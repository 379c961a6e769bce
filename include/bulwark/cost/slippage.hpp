// SPDX-License-Identifier: MIT
/// \file
/// \brief Slippage that does not depend on volatility: a fixed number of basis points, and
/// zipline's volume-share model.
///
/// Synopsis
/// \code
/// fixed_slippage{.rate = 5_bps}
/// volume_share_slippage{.price_impact = 0.1, .volume_limit = 0.025}
/// vs.fill_price(ctx);  vs.fill_quantity(ctx);  vs.volume_share(ctx);
/// \endcode
///
/// Both are paid through the fill price, against the trader: a buy fills at or above the
/// reference price and a sell at or below (`fill_price`), and the cost is
/// quantity x |fill price - reference|.
///
/// Volume share (zipline's `VolumeShareSlippage`, zipline/finance/slippage.py; LEAN's
/// `VolumeShareSlippageModel` has the same form): with V the bar volume, U the units of
/// the bar already filled by earlier orders and Q this fill,
///   share = min((U + Q) / V, volume_limit),
///   fill price = price + sign x price_impact x share^2 x price,
/// evaluated in zipline's order (`share ** 2 * copysign(price_impact, direction) * price`,
/// then added to the price), so the fill price equals zipline's bit for bit. The quantity
/// that may fill in the bar is `participation_cap{volume_limit, lot_size}`, zipline's
/// rule. The cap holds when a fill is priced: zipline prices only the quantity it fills
/// (`cur_volume`), so a fill of more than the room left, Q > volume_limit x V - U, is
/// refused (`fill_problem::over_participation`) rather than priced at the capped share,
/// which would under-price it; price `fill_quantity(ctx)` units (or
/// `cost_model::fill_quantity`). A fill of Q > 0 units in a bar of zero volume is refused
/// (`fill_problem::no_bar_volume`): zipline fills nothing in such a bar.
///
/// Bad configuration is a `config_error` (id `bulwark.cost.slippage`).
#pragma once

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/units.hpp"
#include "bulwark/cost/component.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/cost/participation_cap.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::cost {

/// `rate` of the reference price per unit. Default 5 bps: zipline's
/// FixedBasisPointsSlippage default (basis_points=5).
struct fixed_slippage {
  static constexpr std::string_view name = "fixed_slippage";
  static constexpr cost_kind kind = cost_kind::slippage;

  bps rate{5.0};  ///< >= 0

  [[nodiscard]] fill_inputs needs() const noexcept { return {}; }
  void validate() const {
    bulwark::detail::require_non_negative(rate.value(), "bulwark.cost.slippage", "rate (bps)");
  }
  [[nodiscard]] double cost(const fill_context& ctx) const noexcept {
    return ctx.notional() * rate.fraction();
  }
  template <class Out>
  Out describe(Out out) const {
    return fmt::format_to(out, "{}{{{}}}", name, rate);
  }
};

/// zipline's volume-share slippage (see the file comment). Defaults are zipline's:
/// price_impact 0.1, volume_limit 0.025 (DEFAULT_VOLUME_SLIPPAGE_BAR_LIMIT), whole shares.
struct volume_share_slippage {
  static constexpr std::string_view name = "volume_share_slippage";
  static constexpr cost_kind kind = cost_kind::slippage;

  double price_impact = 0.1;    ///< k, > 0
  double volume_limit = 0.025;  ///< L, in (0, 1]: the share of bar volume one bar can fill
  double lot_size = 1.0;        ///< fills are whole multiples of this (see participation_cap)

  [[nodiscard]] fill_inputs needs() const noexcept { return fill_input::bar_volume; }
  void validate() const {
    bulwark::detail::require_positive(price_impact, "bulwark.cost.slippage", "price_impact");
    cap().validate();
  }
  /// no_bar_volume for a fill of Q > 0 in a bar of zero volume; over_participation for a
  /// fill above the bar's room, Q > volume_limit x V - U: price `fill_quantity(ctx)`
  /// units instead, as zipline fills only that many.
  [[nodiscard]] fill_problem check(const fill_context& ctx) const noexcept {
    if (!(ctx.quantity > 0.0 && ctx.bar_volume)) return fill_problem::none;
    if (*ctx.bar_volume == 0.0) return fill_problem::no_bar_volume;
    return ctx.quantity > cap().room(ctx) ? fill_problem::over_participation : fill_problem::none;
  }

  /// The participation cap this model fills under: volume_limit of the bar, whole lots.
  [[nodiscard]] participation_cap cap() const noexcept { return {volume_limit, lot_size}; }

  /// The units of ctx.quantity that may fill in this bar (zipline's cur_volume).
  [[nodiscard]] double fill_quantity(const fill_context& ctx) const {
    return cap().fill_quantity(ctx);
  }

  /// min((U + Q) / V, volume_limit). Precondition: bar volume given and > 0.
  [[nodiscard]] double volume_share(const fill_context& ctx) const noexcept {
    return std::min((ctx.bar_volume_used + ctx.quantity) / *ctx.bar_volume, volume_limit);
  }

  /// price + sign x price_impact x share^2 x price, as zipline computes it.
  [[nodiscard]] double fill_price(const fill_context& ctx) const noexcept {
    const double share = volume_share(ctx);
    const double signed_impact = ctx.side == side::buy ? price_impact : -price_impact;
    return ctx.price + share * share * signed_impact * ctx.price;
  }

  [[nodiscard]] double cost(const fill_context& ctx) const noexcept {
    if (ctx.quantity == 0.0) return 0.0;
    const double share = volume_share(ctx);
    return ctx.quantity * (share * share * price_impact * ctx.price);
  }
  template <class Out>
  Out describe(Out out) const {
    return fmt::format_to(out, "{}{{impact {}, limit {} of bar volume, lot {}}}", name,
                          price_impact, volume_limit, lot_size);
  }
};

}  // namespace bulwark::cost
