// SPDX-License-Identifier: MIT
/// \file
/// \brief Broker and venue commissions: per share with a minimum and a maximum, a flat fee
/// per trade, a fraction of notional with a minimum, and maker/taker rates.
///
/// Synopsis
/// \code
/// per_share_commission{.rate = 0.005, .min = 1.0, .max_fraction = 0.005}
/// per_trade_commission{.amount = 4.95}
/// notional_commission{.rate = 10_bps, .min = 5.0}
/// maker_taker_commission{.maker = 40_bps, .taker = 60_bps}
/// \endcode
///
/// Commissions are charged on buys and sells alike, in the account currency, >= 0. The
/// minimum and maximum of a schedule apply per `basis`: by default per order, as brokers
/// publish them; `cost(ctx)` takes the fill as its own order, and `cost_model::charge`
/// settles the fills of one order (or day) together. A fill of zero units is no trade and
/// costs nothing, minimum included. Maker rebates are not modelled as negative costs (a
/// cost is always >= 0); use the net rate.
///
/// Bad configuration is a `config_error` (id `bulwark.cost.commission`) naming the field.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/units.hpp"
#include "bulwark/cost/component.hpp"
#include "bulwark/cost/fill_columns.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/detail/lanes.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::cost {

namespace detail {

inline constexpr auto commission_id = "bulwark.cost.commission";

// A commission `accrued` on a group of fills worth `notional`, raised to `min` and then
// capped at `max_fraction` of the value (the cap wins when it is below the minimum, as on
// Interactive Brokers' schedules). Zero value pays nothing.
// Written for one double or for `lanes`, with std::max's and std::min's operations.
template <class V>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline V clamp_commission(V accrued, V notional, double min,
                                        const std::optional<double>& max_fraction) noexcept {
  const V floored = maximum(accrued, splat<V>(min));
  const V clamped = max_fraction ? minimum(floored, splat<V>(*max_fraction) * notional) : floored;
  return select(notional > splat<V>(0.0), clamped, splat<V>(0.0));
}

inline void require_min_max(double min, const std::optional<double>& max_fraction) {
  bulwark::detail::require_non_negative(min, commission_id, "min");
  if (max_fraction) bulwark::detail::require_positive(*max_fraction, commission_id, "max_fraction");
}

template <class Out>
Out describe_min_max(Out out, double min, const std::optional<double>& max_fraction, fee_basis basis) {
  out = fmt::format_to(out, ", min {}", min);
  if (max_fraction) out = fmt::format_to(out, ", max {} of value", *max_fraction);
  return fmt::format_to(out, ", {}}}", basis);
}

}  // namespace detail

/// rate per unit, raised to `min` and capped at `max_fraction` of the trade value, per
/// `basis`. Defaults: $0.005 per share, $1.00 minimum, cap 0.5 % of trade value, per order:
/// the shape of Interactive Brokers' fixed US-equity schedule, whose published cap is 1 %
/// of trade value (`.max_fraction = 0.01`).
struct per_share_commission {
  static constexpr std::string_view name = "per_share_commission";
  static constexpr cost_kind kind = cost_kind::fee;

  double rate = 0.005;                        ///< currency per unit, >= 0
  double min = 1.0;                           ///< currency per group, >= 0
  std::optional<double> max_fraction = 0.005;  ///< of the group's value, > 0; nullopt: no cap
  fee_basis basis = fee_basis::per_order;

  [[nodiscard]] fill_inputs needs() const noexcept { return {}; }
  void validate() const {
    bulwark::detail::require_non_negative(rate, detail::commission_id, "rate");
    detail::require_min_max(min, max_fraction);
  }
  [[nodiscard]] double accrue(const fill_context& ctx) const noexcept { return rate * ctx.quantity; }
  [[nodiscard]] double settle(double accrued, double notional) const noexcept {
    return detail::clamp_commission(accrued, notional, min, max_fraction);
  }
  [[nodiscard]] double cost(const fill_context& ctx) const noexcept {
    return settle(accrue(ctx), ctx.notional());
  }
  /// `cost` of rows [first, first + count) of `fills`, added to total[0, count).
  [[nodiscard]] bool add_costs(const fill_columns& fills, std::size_t first, std::size_t count,
                               double* total) const noexcept {
    const double* quantity = fills.quantity.data() + first;
    const double* price = fills.price.data() + first;
    detail::for_each_lane_group(count, [&]<class V>(std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
      const V q = detail::load<V>(quantity + i);
      const V c = detail::clamp_commission(detail::splat<V>(rate) * q, q * detail::load<V>(price + i),
                                           min, max_fraction);
      detail::store(total + i, detail::load<V>(total + i) + c);
    });
    return true;
  }
  template <class Out>
  Out describe(Out out) const {
    return detail::describe_min_max(fmt::format_to(out, "{}{{{}/unit", name, rate), min,
                                    max_fraction, basis);
  }
};

/// A flat `amount` per group of fills (by default per order: the first fill of an order
/// pays it, later fills of the same order pay nothing under `cost_model::charge`).
struct per_trade_commission {
  static constexpr std::string_view name = "per_trade_commission";
  static constexpr cost_kind kind = cost_kind::fee;

  double amount = 0.0;  ///< currency per group, >= 0
  fee_basis basis = fee_basis::per_order;

  [[nodiscard]] fill_inputs needs() const noexcept { return {}; }
  void validate() const {
    bulwark::detail::require_non_negative(amount, detail::commission_id, "amount");
  }
  [[nodiscard]] double accrue(const fill_context&) const noexcept { return 0.0; }
  [[nodiscard]] double settle(double, double notional) const noexcept {
    return notional > 0.0 ? amount : 0.0;
  }
  [[nodiscard]] double cost(const fill_context& ctx) const noexcept {
    return settle(accrue(ctx), ctx.notional());
  }
  template <class Out>
  Out describe(Out out) const {
    return fmt::format_to(out, "{}{{{}, {}}}", name, amount, basis);
  }
};

/// `rate` of the trade value, raised to `min` per `basis`.
struct notional_commission {
  static constexpr std::string_view name = "notional_commission";
  static constexpr cost_kind kind = cost_kind::fee;

  bps rate{0.0};     ///< of notional, >= 0
  double min = 0.0;  ///< currency per group, >= 0
  fee_basis basis = fee_basis::per_order;

  [[nodiscard]] fill_inputs needs() const noexcept { return {}; }
  void validate() const {
    bulwark::detail::require_non_negative(rate.value(), detail::commission_id, "rate (bps)");
    detail::require_min_max(min, std::nullopt);
  }
  [[nodiscard]] double accrue(const fill_context& ctx) const noexcept {
    return rate.fraction() * ctx.notional();
  }
  [[nodiscard]] double settle(double accrued, double notional) const noexcept {
    return detail::clamp_commission(accrued, notional, min, std::nullopt);
  }
  [[nodiscard]] double cost(const fill_context& ctx) const noexcept {
    return settle(accrue(ctx), ctx.notional());
  }
  template <class Out>
  Out describe(Out out) const {
    return detail::describe_min_max(fmt::format_to(out, "{}{{{}", name, rate), min, std::nullopt,
                                    basis);
  }
};

/// `maker` or `taker` of the trade value, by the fill's liquidity flag. Defaults: 40 bps
/// maker, 60 bps taker (the entry tier of Coinbase Advanced's crypto fee schedule).
struct maker_taker_commission {
  static constexpr std::string_view name = "maker_taker_commission";
  static constexpr cost_kind kind = cost_kind::fee;

  bps maker{40.0};  ///< >= 0: resting orders that add liquidity
  bps taker{60.0};  ///< >= 0: orders that cross the spread

  [[nodiscard]] fill_inputs needs() const noexcept { return {}; }
  void validate() const {
    bulwark::detail::require_non_negative(maker.value(), detail::commission_id, "maker (bps)");
    bulwark::detail::require_non_negative(taker.value(), detail::commission_id, "taker (bps)");
  }
  [[nodiscard]] double cost(const fill_context& ctx) const noexcept {
    return (ctx.liq == liquidity::maker ? maker : taker).fraction() * ctx.notional();
  }
  template <class Out>
  Out describe(Out out) const {
    return fmt::format_to(out, "{}{{maker {}, taker {}}}", name, maker, taker);
  }
};

}  // namespace bulwark::cost
