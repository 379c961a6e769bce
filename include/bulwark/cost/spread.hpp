// SPDX-License-Identifier: MIT
/// \file
/// \brief `half_spread`: the cost of crossing half the bid-ask spread, from the fill's
/// quote, else from a configured half spread in basis points.
///
/// Synopsis
/// \code
/// half_spread{}                              // needs a quote on every fill
/// half_spread{.fallback = 2.5_bps}           // the quote when given, else 2.5 bps of the price
/// \endcode
///
/// cost = quantity x (ask - bid) / 2 with a quote, else quantity x price x fallback, for a
/// taker fill: the cost of a marketable order measured from the mid; a buy pays it above
/// the mid and a sell below, so the fill price moves against the trader either way. A
/// maker fill (a resting order, filled at its limit) crosses no spread and pays none
/// here; its risk of adverse selection is not a spread cost. Without a
/// fallback the component needs `fill_input::quote`, and a context without a quote is
/// refused (never priced as a zero spread).
///
/// Bad configuration is a `config_error` (id `bulwark.cost.spread`): a negative fallback.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/units.hpp"
#include "bulwark/cost/component.hpp"
#include "bulwark/cost/fill_columns.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/detail/lanes.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::cost {

struct half_spread {
  static constexpr std::string_view name = "half_spread";
  static constexpr cost_kind kind = cost_kind::slippage;

  /// The half spread, as bps of the reference price, for fills without a quote; nullopt:
  /// a quote is required. No default value: typical spreads differ by orders of magnitude
  /// between instruments.
  std::optional<bps> fallback{};

  [[nodiscard]] fill_inputs needs() const noexcept {
    return fallback ? fill_inputs{} : fill_inputs{fill_input::quote};
  }
  void validate() const {
    if (fallback) {
      bulwark::detail::require_non_negative(fallback->value(), "bulwark.cost.spread",
                                            "fallback (bps)");
    }
  }
  /// Half the spread per unit, in price units.
  [[nodiscard]] double per_unit(const fill_context& ctx) const noexcept {
    if (ctx.quote) return 0.5 * (ctx.quote->ask - ctx.quote->bid);
    BULWARK_EXPECTS(fallback.has_value());  // needs() is checked first
    return ctx.price * fallback->fraction();
  }
  [[nodiscard]] double cost(const fill_context& ctx) const noexcept {
    return ctx.liq == liquidity::maker ? 0.0 : ctx.quantity * per_unit(ctx);
  }
  /// `cost` of rows [first, first + count) of `fills`, added to total[0, count). A maker's
  /// cost, quantity x per_unit x 0, is the 0 `cost` gives while quantity x per_unit is
  /// finite; where it overflows, the NaN fails the model's finiteness check and the block
  /// is priced row by row.
  [[nodiscard]] bool add_costs(const fill_columns& fills, std::size_t first, std::size_t count,
                               double* total) const noexcept {
    const auto column = [first](std::span<const double> c) { return c.data() + first; };
    const bool quoted = !fills.bid.empty();
    const double fraction = fallback ? fallback->fraction() : 0.0;
    detail::for_each_lane_group(count, [&]<class V>(std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
      const V per_unit = quoted ? detail::splat<V>(0.5) * (detail::load<V>(column(fills.ask) + i) -
                                                          detail::load<V>(column(fills.bid) + i))
                                : detail::load<V>(column(fills.price) + i) * detail::splat<V>(fraction);
      V c = detail::load<V>(column(fills.quantity) + i) * per_unit;
      if (!fills.liq.empty()) c = c * detail::indicator<V>(fills.liq.data() + first + i, liquidity::taker);
      detail::store(total + i, detail::load<V>(total + i) + c);
    });
    return true;
  }
  template <class Out>
  Out describe(Out out) const {
    if (fallback) return fmt::format_to(out, "{}{{quote, else {}}}", name, *fallback);
    return fmt::format_to(out, "{}{{quote}}", name);
  }
};

}  // namespace bulwark::cost
