// SPDX-License-Identifier: MIT
/// \file
/// \brief `cost_trim`: cost-aware trimming. Skips a trade whose expected cost, priced by a
/// `cost::cost_model` before the order is sent, exceeds a limit in basis points of the
/// trade's notional: the small rebalancing trades that a fixed minimum commission or a
/// wide spread makes cost more than they can be worth.
///
/// Synopsis
/// \code
/// const cost::cost_model costs{cost::per_share_commission{}, cost::half_spread{}};
/// symbol_map<cost::fill_context> fill_data;    // per symbol: adv, daily volatility, fee class
/// cost_trim<decltype(costs)>{.model = costs, .max_cost = 20_bps, .fill_data = fill_data}
/// \endcode
///
/// The prospective fill: the symbol's `fill_data` entry when there is one (else an empty
/// context), with side and quantity from the trade, price = the live reference price, the
/// live quote when the price is its mid (and no quote otherwise: a stored quote could be
/// stale), time = the request's instant, and taker liquidity (the sizer sends market
/// orders). Its expected cost is `model.try_cost(context)`, which never throws or
/// allocates. The trade is rejected with `cost_above_limit` when that cost exceeds
/// max_cost x |trade| x price, and with `cost_unavailable` when the model cannot price it
/// (an input it needs is missing or bad): sizing never assumes a cost it cannot compute.
///
/// Configuration out of range is a `config_error` (id `bulwark.sizing.rule`): no limit, or a
/// negative one.
#pragma once

#include <cmath>
#include <concepts>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/symbol_map.hpp"
#include "bulwark/core/units.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/sizing/rule.hpp"

namespace bulwark::sizing {

/// A model that prices a prospective fill without throwing: `cost::cost_model<Parts...>`.
template <class M>
concept ExpectedCostModel = requires(const M& model, const cost::fill_context& context) {
  { model.try_cost(context) } noexcept -> std::same_as<std::optional<double>>;
};

template <ExpectedCostModel Model>
struct cost_trim {
  static constexpr std::string_view name = "cost_trim";
  static constexpr bool sets_target = false;
  static constexpr rule_kind kind = rule_kind::check;

  /// The cost model; held by reference, so it must outlive the sizer.
  const Model& model;
  /// The largest expected cost worth paying, in bps of the trade's notional, >= 0.
  std::optional<bps> max_cost{};
  /// Per-symbol fill inputs the model may need (adv, daily volatility, fee class, ...).
  const symbol_map<cost::fill_context>& fill_data;

  void validate() const {
    if (!max_cost) {
      throw_config_error(detail::rule_id, "cost_trim: max_cost is not set; expected a limit in bps");
    }
    if (max_cost->value() < 0.0) {
      throw_config_error(detail::rule_id, "cost_trim: max_cost {} must be >= 0", *max_cost);
    }
  }

  /// The fill the trade of `p` would be, as the file comment describes.
  [[nodiscard]] cost::fill_context prospective_fill(const sizing_proposal& p) const noexcept {
    cost::fill_context context;
    if (const cost::fill_context* known = fill_data.find(p.sym())) context = *known;
    context.side = p.trade() > 0.0 ? side::buy : side::sell;
    context.quantity = std::abs(p.trade());
    context.price = p.price();
    context.quote = p.live_quote().ok() ? std::optional<quote>(p.live_quote()) : std::nullopt;
    context.time = p.now();
    context.liq = liquidity::taker;
    return context;
  }

  sizing_reason apply(sizing_proposal& p) const noexcept {
    // A close is never held back for its cost: leaving the position open is the larger risk.
    if (p.trade() == 0.0 || detail::closes_position(p)) return sizing_reason::ok;
    const std::optional<double> expected = model.try_cost(prospective_fill(p));
    // A model's NaN is no estimate at all (`NaN > limit` would let the trade through).
    if (!expected || std::isnan(*expected)) return sizing_reason::cost_unavailable;
    const double limit = max_cost->fraction() * std::abs(p.trade()) * p.price();
    return *expected <= limit ? sizing_reason::ok : sizing_reason::cost_above_limit;
  }
};

}  // namespace bulwark::sizing

template <class Model>
struct fmt::formatter<bulwark::sizing::cost_trim<Model>> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::cost_trim<Model>& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    if (!r.max_cost) return fmt::format_to(ctx.out(), "cost_trim(max_cost unset)");
    return fmt::format_to(ctx.out(), "cost_trim(max_cost {}, {} symbols of fill data)",
                          *r.max_cost, r.fill_data.size());
  }
};
