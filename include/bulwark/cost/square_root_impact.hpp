// SPDX-License-Identifier: MIT
/// \file
/// \brief `square_root_impact`: market impact that grows with the square root of the
/// order's share of daily volume, split into a temporary and a permanent part, with a
/// participation cap.
///
/// Synopsis
/// \code
/// square_root_impact{.coefficient = 1.0, .permanent_fraction = 2.0 / 3.0, .max_participation = 0.1}
/// sri.impact_fraction(ctx);   // Y sigma sqrt(Q / ADV)
/// sri.split(ctx);             // {temporary, permanent}, summing to cost(ctx)
/// sri.fill_quantity(ctx);     // min(Q, max_participation x ADV)
/// \endcode
///
/// The square-root law of market impact: a metaorder of Q units in a stock with average
/// daily volume ADV and daily volatility sigma moves the price by about
/// Y x sigma x sqrt(Q / ADV) of itself, with Y of order one (Grinold and Kahn, Active
/// Portfolio Management, 2000; Toth et al., "Anomalous price impact and the critical
/// nature of liquidity in financial markets", Phys. Rev. X 1, 2011). The cost is
/// Q x price x Y x sigma x sqrt(Q / ADV); the full pre-trade estimate
/// spread/2 + Y sigma sqrt(Q/ADV) is this component plus `half_spread` in one model, so
/// the breakdown shows the two apart and the spread is never counted twice.
///
/// Of the impact, `permanent_fraction` is expected to stay in the price after the order
/// (2/3 under the fair-pricing argument of Farmer, Gerig, Lillo and Waelbroeck, "How
/// efficiency shapes market impact", Quantitative Finance 13, 2013) and the rest decays.
/// The law is measured for orders up to about a tenth of daily volume: a fill above
/// max_participation x ADV is refused (`fill_problem::over_participation`), never priced;
/// `fill_quantity` gives the quantity that may fill.
///
/// Bad configuration is a `config_error` (id `bulwark.cost.impact`).
#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/cost/component.hpp"
#include "bulwark/cost/fill_columns.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/detail/lanes.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::cost {

/// The two parts of an impact cost, in the account currency.
struct impact_split {
  double temporary = 0.0;  ///< decays after the order
  double permanent = 0.0;  ///< stays in the price
};

struct square_root_impact {
  static constexpr std::string_view name = "square_root_impact";
  static constexpr cost_kind kind = cost_kind::slippage;

  double coefficient = 1.0;               ///< Y, > 0
  double permanent_fraction = 2.0 / 3.0;  ///< in [0, 1]
  double max_participation = 0.1;         ///< of ADV a fill may reach, in (0, 1]

  [[nodiscard]] fill_inputs needs() const noexcept {
    return fill_input::adv | fill_input::daily_volatility;
  }
  void validate() const {
    constexpr auto id = "bulwark.cost.impact";
    bulwark::detail::require_positive(coefficient, id, "coefficient");
    bulwark::detail::require_in_closed_range(permanent_fraction, 0.0, 1.0, id, "permanent_fraction");
    if (!(max_participation > 0.0 && max_participation <= 1.0)) {
      throw_config_error(id, "max_participation {} outside (0, 1]", max_participation);
    }
  }

  /// over_participation for a fill above max_participation x ADV: the law is not
  /// measured there, so such a fill is refused rather than priced; price
  /// `fill_quantity(ctx)` units instead.
  [[nodiscard]] fill_problem check(const fill_context& ctx) const noexcept {
    return ctx.adv && ctx.quantity > max_participation * *ctx.adv ? fill_problem::over_participation
                                                                  : fill_problem::none;
  }

  /// Y x sigma x sqrt(Q / ADV): the price move as a fraction of the price.
  [[nodiscard]] double impact_fraction(const fill_context& ctx) const noexcept {
    return fraction_of(ctx.quantity, *ctx.daily_volatility, *ctx.adv);
  }
  [[nodiscard]] double cost(const fill_context& ctx) const noexcept {
    return ctx.notional() * impact_fraction(ctx);
  }
  /// `cost` of rows [first, first + count) of `fills`, added to total[0, count); false
  /// when one of them is over the participation cap (see `CostComponent`).
  [[nodiscard]] bool add_costs(const fill_columns& fills, std::size_t first, std::size_t count,
                               double* total) const noexcept {
    const auto column = [first](std::span<const double> c) { return c.data() + first; };
    const double* quantity = column(fills.quantity);
    const double* adv = column(fills.adv);
    // Finite values (the model checked them), so <= is the negation of check's >.
    const bool capped =
        detail::all_rows(count, [&]<class V>(std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
          const V cap = detail::splat<V>(max_participation) * detail::load<V>(adv + i);
          return detail::load<V>(quantity + i) <= cap;
        });
    if (!capped) return false;
    detail::for_each_lane_group(count, [&]<class V>(std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
      const V q = detail::load<V>(quantity + i);
      const V notional = q * detail::load<V>(column(fills.price) + i);
      const V c = notional * fraction_of(q, detail::load<V>(column(fills.daily_volatility) + i),
                                         detail::load<V>(adv + i));
      detail::store(total + i, detail::load<V>(total + i) + c);
    });
    return true;
  }
  [[nodiscard]] impact_split split(const fill_context& ctx) const noexcept {
    const double c = cost(ctx);
    const double permanent = permanent_fraction * c;
    return {c - permanent, permanent};
  }
  /// The units of ctx.quantity that may fill: at most max_participation x ADV.
  /// Precondition: ctx.adv given.
  [[nodiscard]] double fill_quantity(const fill_context& ctx) const noexcept {
    const double cap = max_participation * *ctx.adv;
    return ctx.quantity < cap ? ctx.quantity : cap;
  }
  template <class Out>
  Out describe(Out out) const {
    return fmt::format_to(out, "{}{{Y {}, permanent {}, max participation {} of ADV}}", name,
                          coefficient, permanent_fraction, max_participation);
  }
 private:
  // Y sigma sqrt(Q / ADV), for one double or for `lanes`.
  template <class V>
  [[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE V fraction_of(V quantity, V daily_volatility,
                                                         V adv) const noexcept {
    return detail::splat<V>(coefficient) * daily_volatility * detail::square_root(quantity / adv);
  }
};

}  // namespace bulwark::cost

/// Formats as `temporary 1.5 permanent 3`.
template <>
struct fmt::formatter<bulwark::cost::impact_split> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::cost::impact_split& s, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "temporary {} permanent {}", s.temporary, s.permanent);
  }
};
