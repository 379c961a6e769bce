// SPDX-License-Identifier: MIT
/// \file
/// \brief `volatility_scaled<S>`: any slippage component, multiplied when the market is
/// volatile, with the volatility measured by Wilder's ATR as a fraction of the price.
///
/// Synopsis
/// \code
/// volatility_scaled<fixed_slippage>{.slippage = {.rate = 5_bps}, .threshold = 0.05, .max_multiplier = 1.5}
/// double m = volatility_multiplier(atr_fraction, 0.05, 1.5);
/// double f = atr_fraction(wilder_atr_value, price);   // ATR / price
/// \endcode
///
/// With a = ATR / price: the multiplier is 1 while a <= threshold, then a / threshold
/// capped at max_multiplier (continuous at the threshold, non-decreasing in a). At the
/// defaults an ATR of 2 % gives 1.0 and one of 8 % gives min(1.6, 1.5) = 1.5. The ATR is
/// core's (`wilder_atr` streaming, `average_true_range` batch; core/atr.hpp), in price
/// units, given per fill as `fill_context::atr`; the component needs `fill_input::atr`.
///
/// Bad configuration is a `config_error` (id `bulwark.cost.volatility_scaling`): a
/// threshold not finite and > 0, a max_multiplier not finite and >= 1.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/atr.hpp"
#include "bulwark/core/error.hpp"
#include "bulwark/cost/component.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::cost {

/// 1 for atr_fraction <= threshold, else min(atr_fraction / threshold, max_multiplier).
[[nodiscard]] constexpr double volatility_multiplier(double atr_fraction, double threshold,
                                                     double max_multiplier) noexcept {
  return atr_fraction <= threshold ? 1.0 : std::min(atr_fraction / threshold, max_multiplier);
}

/// ATR as a fraction of the price: the current value of a streaming `wilder_atr` over
/// `price`. NaN when the ATR is not ready (too few bars, or a bad bar seen), so a context
/// built from it is refused rather than scaled by a made-up volatility.
[[nodiscard]] inline double atr_fraction(const wilder_atr& atr, double price) noexcept {
  return atr.value() / price;
}

template <CostComponent S>
struct volatility_scaled {
  static_assert(S::kind == cost_kind::slippage,
                "bulwark::cost::volatility_scaled scales slippage components only");

 private:
  static constexpr std::string_view prefix = "volatility_scaled_";
  static constexpr auto name_text = [] {
    const std::string_view inner = S::name;
    std::array<char, prefix.size() + std::string_view(S::name).size()> text{};
    std::copy(prefix.begin(), prefix.end(), text.begin());
    std::copy(inner.begin(), inner.end(), text.begin() + static_cast<std::ptrdiff_t>(prefix.size()));
    return text;
  }();

 public:
  /// `volatility_scaled_` followed by the inner component's name.
  static constexpr std::string_view name{name_text.data(), name_text.size()};
  static constexpr cost_kind kind = cost_kind::slippage;

  S slippage{};
  double threshold = 0.05;      ///< ATR / price above which slippage scales, > 0
  double max_multiplier = 1.5;  ///< >= 1

  [[nodiscard]] fill_inputs needs() const noexcept { return slippage.needs() | fill_input::atr; }
  void validate() const {
    constexpr auto id = "bulwark.cost.volatility_scaling";
    slippage.validate();
    bulwark::detail::require_positive(threshold, id, "threshold");
    if (!(std::isfinite(max_multiplier) && max_multiplier >= 1.0)) {
      throw_config_error(id, "max_multiplier {} must be finite and >= 1", max_multiplier);
    }
  }
  [[nodiscard]] fill_problem check(const fill_context& ctx) const noexcept {
    if constexpr (requires { slippage.check(ctx); }) return slippage.check(ctx);
    return fill_problem::none;
  }
  /// The inner component's cap on the fill, when it has one (see cost_model::fill_quantity).
  [[nodiscard]] double fill_quantity(const fill_context& ctx) const
    requires requires(const S& s) { s.fill_quantity(ctx); }
  {
    return slippage.fill_quantity(ctx);
  }
  /// The multiplier for the fill. Precondition: ctx.atr given.
  [[nodiscard]] double multiplier(const fill_context& ctx) const noexcept {
    return volatility_multiplier(*ctx.atr / ctx.price, threshold, max_multiplier);
  }
  [[nodiscard]] double cost(const fill_context& ctx) const noexcept {
    return multiplier(ctx) * slippage.cost(ctx);
  }
  template <class Out>
  Out describe(Out out) const {
    out = fmt::format_to(out, "volatility_scaled{{");
    if constexpr (detail::describable<S>) {
      out = slippage.describe(out);
    } else {
      out = fmt::format_to(out, "{}", S::name);
    }
    return fmt::format_to(out, ", above ATR {} of price, at most x{}}}", threshold, max_multiplier);
  }
};

}  // namespace bulwark::cost
