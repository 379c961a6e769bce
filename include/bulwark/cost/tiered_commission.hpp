// SPDX-License-Identifier: MIT
/// \file
/// \brief `tiered_commission`: a per-unit rate that falls as the account's volume this
/// month grows, with a minimum and a maximum per order.
///
/// Synopsis
/// \code
/// tiered_commission{.tiers = {{0, 0.0035}, {300'000, 0.002}}, .min = 0.35, .max_fraction = 0.01}
/// \endcode
///
/// The tier of a fill is the last tier whose `from_volume` is <= the account's
/// month-to-date volume before the fill (`fill_context::month_to_date_volume`), and the
/// whole fill is charged at that tier's rate, as Interactive Brokers applies its tiers
/// ("based on monthly cumulative trade volume at the time the order is calculated").
/// The month-to-date volume is an input: the component refuses a context without it
/// (`fill_input::month_to_date_volume`) rather than assume the first tier.
///
/// Bad configuration is a `config_error` (id `bulwark.cost.commission`): no tiers, a first
/// tier not starting at 0, tiers not strictly increasing, a rate not finite and >= 0.
#pragma once

#include <cmath>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/cost/commission.hpp"
#include "bulwark/cost/component.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::cost {

/// One tier: `rate` per unit once the month-to-date volume reaches `from_volume` units.
struct volume_tier {
  double from_volume = 0.0;
  double rate = 0.0;
};

/// The tiers of Interactive Brokers' IBKR Pro "Tiered" US stock commissions (commission
/// only; exchange, clearing and regulatory pass-through fees are separate components):
/// up to 300,000 shares a month USD 0.0035, to 3,000,000 USD 0.0020, to 20,000,000
/// USD 0.0015, to 100,000,000 USD 0.0010, above USD 0.0005 per share.
[[nodiscard]] inline std::vector<volume_tier> ibkr_tiered_us_stock_tiers() {
  return {{0.0, 0.0035},
          {300'000.0, 0.0020},
          {3'000'000.0, 0.0015},
          {20'000'000.0, 0.0010},
          {100'000'000.0, 0.0005}};
}

/// Defaults: the IBKR Pro Tiered US stock schedule: the tiers above, USD 0.35 minimum and
/// a cap of 1 % of trade value per order.
struct tiered_commission {
  static constexpr std::string_view name = "tiered_commission";
  static constexpr cost_kind kind = cost_kind::fee;

  std::vector<volume_tier> tiers = ibkr_tiered_us_stock_tiers();
  double min = 0.35;                          ///< currency per group, >= 0
  std::optional<double> max_fraction = 0.01;  ///< of the group's value, > 0; nullopt: no cap
  fee_basis basis = fee_basis::per_order;

  [[nodiscard]] fill_inputs needs() const noexcept { return fill_input::month_to_date_volume; }

  void validate() const {
    constexpr auto id = detail::commission_id;
    if (tiers.empty()) throw_config_error(id, "tiered_commission has no tiers");
    if (tiers.front().from_volume != 0.0) {
      throw_config_error(id, "the first tier starts at {}; expected 0", tiers.front().from_volume);
    }
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      bulwark::detail::require_non_negative(tiers[i].rate, id, fmt::format("tiers[{}].rate", i));
      if (i > 0 && !(tiers[i].from_volume > tiers[i - 1].from_volume && std::isfinite(tiers[i].from_volume))) {
        throw_config_error(id, "tiers[{}].from_volume {} is not finite and above the previous tier's {}",
                           i, tiers[i].from_volume, tiers[i - 1].from_volume);
      }
    }
    detail::require_min_max(min, max_fraction);
  }

  /// The per-unit rate for an account that has traded `month_to_date_volume` units.
  [[nodiscard]] double rate_at(double month_to_date_volume) const noexcept {
    std::size_t i = tiers.size() - 1;
    while (i > 0 && tiers[i].from_volume > month_to_date_volume) --i;
    return tiers[i].rate;
  }

  [[nodiscard]] double accrue(const fill_context& ctx) const noexcept {
    BULWARK_EXPECTS(ctx.month_to_date_volume.has_value());  // needs() is checked first
    return rate_at(*ctx.month_to_date_volume) * ctx.quantity;
  }
  [[nodiscard]] double settle(double accrued, double notional) const noexcept {
    return detail::clamp_commission(accrued, notional, min, max_fraction);
  }
  [[nodiscard]] double cost(const fill_context& ctx) const noexcept {
    return settle(accrue(ctx), ctx.notional());
  }
  template <class Out>
  Out describe(Out out) const {
    out = fmt::format_to(out, "{}{{", name);
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      out = fmt::format_to(out, "{}from {}: {}/unit", i == 0 ? "" : ", ", tiers[i].from_volume,
                           tiers[i].rate);
    }
    return detail::describe_min_max(out, min, max_fraction, basis);
  }
};

}  // namespace bulwark::cost
