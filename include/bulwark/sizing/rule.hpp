// SPDX-License-Identifier: MIT
/// \file
/// \brief The `SizingRule` concept: one step of the sizer's per-symbol pipeline, which
/// turns a target weight into a trade at the live price. Also the value a rule works on
/// (`sizing_proposal`) and the reasons a symbol gets no order (`sizing_reason`).
///
/// Synopsis
/// \code
/// enum class sizing_reason { ok, price_unavailable, no_symbol, ..., non_finite_target };
/// class sizing_proposal {   // one symbol: inputs, and the target the rules refine
///   sym() weight() price() equity() current() target() trade()
///   set_target(q); set_trade(q);          // target = current + trade, kept in step
/// };
/// enum class rule_kind { target, scale, round, check };   // the order rules run in
/// template <class R> concept SizingRule;  // R::name, R::sets_target, validate(), apply()
/// \endcode
#pragma once

#include <concepts>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/quote.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark::sizing {

namespace detail {

inline constexpr std::string_view rule_id = "bulwark.sizing.rule";

// Throws `config_error` unless 0 < value <= 1: a fraction of something that must be
// positive (zero would do nothing) and never more than the whole (a fractional-Kelly
// multiplier above 1 bets past the growth-optimal point).
inline void require_unit_fraction(double value, std::string_view id, std::string_view name) {
  if (value > 0.0 && value <= 1.0) return;
  throw_config_error(id, "{} {} outside (0, 1]", name, value);
}

}  // namespace detail

/// What a rule does, which fixes where it may stand in a sizer: kinds must not decrease
/// along the rules, so a sizer reads target, then scaling, then rounding, then checks.
///  - `target`: computes the target from the weight (exactly one, first);
///  - `scale`: changes the target's size (fractional Kelly, cash buffer, notional cap), so it
///    must run before the trade is rounded or judged;
///  - `round`: puts the trade on the exchange's grid (`lot_size`): after every size change,
///    else a later scaling would send odd quantities;
///  - `check`: accepts or rejects the final trade without changing it (`min_order`,
///    `cost_trim`): last, so it judges the trade that is sent.
enum class rule_kind : std::uint8_t { target = 0, scale = 1, round = 2, check = 3 };

namespace detail {

template <class R>
concept declares_kind = requires {
  { R::kind } -> std::convertible_to<rule_kind>;
};

}  // namespace detail

/// A rule's kind: `R::kind` when it declares one, else `target` for a rule with
/// `sets_target` and `scale` for any other.
template <class R>
inline constexpr rule_kind rule_kind_of = [] {
  if constexpr (detail::declares_kind<R>) {
    return static_cast<rule_kind>(R::kind);
  } else {
    return R::sets_target ? rule_kind::target : rule_kind::scale;
  }
}();

/// Why a symbol gets no order (or `ok`). Values are stable.
enum class sizing_reason : std::uint8_t {
  ok = 0,
  price_unavailable = 1,    ///< the snapshot has no usable price; its `price_status` says why
  no_symbol = 2,            ///< the target's symbol is empty
  duplicate_symbol = 3,     ///< the symbol appears more than once in the request
  bad_weight = 4,           ///< the target weight is NaN or infinite
  bad_equity = 5,           ///< equity is not finite and > 0
  bad_position = 6,         ///< the current position is NaN or infinite
  missing_stop = 7,         ///< no stop level for the symbol
  bad_stop = 8,             ///< the stop level is not finite and > 0
  missing_volatility = 9,   ///< no realised volatility for the symbol
  bad_volatility = 10,      ///< the realised volatility is not finite and > 0
  below_lot = 11,           ///< the trade is smaller than one lot
  below_min_quantity = 12,  ///< the trade is smaller than the minimum quantity
  below_min_notional = 13,  ///< the trade's notional is smaller than the minimum
  non_finite_target = 14,   ///< the rules produced a NaN or infinite target (overflow)
  cost_above_limit = 15,    ///< the trade's expected cost exceeds the limit
  cost_unavailable = 16,    ///< the cost model cannot price the trade (missing inputs)
  price_through_stop = 17,  ///< the live price is at or through the stop level
};

[[nodiscard]] constexpr std::string_view to_string(sizing_reason r) noexcept {
  switch (r) {
    case sizing_reason::ok: return "ok";
    case sizing_reason::price_unavailable: return "no usable price";
    case sizing_reason::no_symbol: return "no symbol";
    case sizing_reason::duplicate_symbol: return "symbol listed more than once";
    case sizing_reason::bad_weight: return "weight is not finite";
    case sizing_reason::bad_equity: return "equity is not finite and > 0";
    case sizing_reason::bad_position: return "current position is not finite";
    case sizing_reason::missing_stop: return "no stop level";
    case sizing_reason::bad_stop: return "stop level is not finite and > 0";
    case sizing_reason::missing_volatility: return "no realised volatility";
    case sizing_reason::bad_volatility: return "realised volatility is not finite and > 0";
    case sizing_reason::below_lot: return "trade smaller than one lot";
    case sizing_reason::below_min_quantity: return "trade below the minimum quantity";
    case sizing_reason::below_min_notional: return "trade below the minimum notional";
    case sizing_reason::non_finite_target: return "target is not finite";
    case sizing_reason::cost_above_limit: return "expected cost above the limit";
    case sizing_reason::cost_unavailable: return "expected cost unknown";
    case sizing_reason::price_through_stop: return "live price at or through the stop";
  }
  return "invalid";
}

/// One symbol on its way through the sizer: the inputs (symbol, target weight, live price
/// and the quote it came from, equity, current position, the instant) and the target
/// position the rules refine. Quantities are signed instrument units (shares, contracts,
/// coins): > 0 long, < 0 short. The trade is target - current; the two setters keep them
/// consistent, and `set_trade` stores the trade exactly as given (a lot multiple stays
/// one) rather than recomputing it as a difference.
class sizing_proposal {
 public:
  /// Starts with target = current (trade 0). The sizer guarantees that price and equity are
  /// finite and > 0, current and weight finite, and that `live_quote` is either the fresh,
  /// ok() quote whose mid is `price` or (when the price is the last trade) a quote that is
  /// not ok().
  constexpr sizing_proposal(symbol sym, double weight, double price, double equity,
                            double current, timestamp now = {}, quote live_quote = {}) noexcept
      : sym_(sym), weight_(weight), price_(price), equity_(equity), current_(current),
        target_(current), now_(now), quote_(live_quote) {}

  [[nodiscard]] constexpr const symbol& sym() const noexcept { return sym_; }
  /// The target weight: signed fraction of equity.
  [[nodiscard]] constexpr double weight() const noexcept { return weight_; }
  /// The live reference price from the market snapshot, account currency per unit.
  [[nodiscard]] constexpr double price() const noexcept { return price_; }
  [[nodiscard]] constexpr double equity() const noexcept { return equity_; }
  /// The position held now, signed units.
  [[nodiscard]] constexpr double current() const noexcept { return current_; }
  /// The position wanted, signed units.
  [[nodiscard]] constexpr double target() const noexcept { return target_; }
  /// The order needed: target - current, signed units (> 0 buy, < 0 sell).
  [[nodiscard]] constexpr double trade() const noexcept { return trade_; }
  /// The instant of the sizing request.
  [[nodiscard]] constexpr timestamp now() const noexcept { return now_; }
  /// The top of book the price is the mid of; not ok() when the price is the last trade.
  [[nodiscard]] constexpr const quote& live_quote() const noexcept { return quote_; }

  constexpr void set_target(double target) noexcept {
    target_ = target;
    trade_ = target - current_;
  }
  constexpr void set_trade(double trade) noexcept {
    trade_ = trade;
    target_ = current_ + trade;
  }

 private:
  symbol sym_;
  double weight_;
  double price_;
  double equity_;
  double current_;
  double target_;
  double trade_ = 0.0;
  timestamp now_;
  quote quote_;
};

namespace detail {

// True when the proposal closes a position: a target of zero from a non-zero holding.
[[nodiscard]] constexpr bool closes_position(const sizing_proposal& p) noexcept {
  return p.target() == 0.0 && p.current() != 0.0;
}

}  // namespace detail

/**
 * @brief One step of the sizer's per-symbol pipeline.
 *
 * | expression | type | semantics |
 * |---|---|---|
 * | `R::name` | convertible to `std::string_view` | the rule's name in breakdowns and rejections |
 * | `R::sets_target` | `bool` constant | true for a rule that computes the target from the weight (exactly one, first in a sizer); false for one that adjusts it |
 * | `R::kind` (optional) | `rule_kind` constant | where the rule may stand (see `rule_kind`); without it, `target` when `sets_target`, else `scale` |
 * | `r.validate()` | any | throws `config_error` when the rule is configured out of range; the sizer calls it once, at construction |
 * | `r.apply(p)` | `sizing_reason`, `noexcept` | `r` const, `p` a `sizing_proposal&`: adjusts `p`'s target or trade; returns `ok`, or a reason and the symbol gets no order |
 *
 * `R` must be move-constructible: the sizer keeps its rules by value. `apply` runs on the
 * hot path: it must not allocate, throw or block.
 */
template <class R>
concept SizingRule = std::move_constructible<R> &&
                     requires(const R& rule, sizing_proposal& proposal) {
                       { R::name } -> std::convertible_to<std::string_view>;
                       typename std::bool_constant<R::sets_target>;
                       rule.validate();
                       { rule.apply(proposal) } noexcept -> std::same_as<sizing_reason>;
                     };

}  // namespace bulwark::sizing

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::sizing::sizing_reason)

/// Formats as `AAPL w 0.05 @ 190 held 10 -> target 52.6 (trade 42.6)`.
template <>
struct fmt::formatter<bulwark::sizing::sizing_proposal> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::sizing_proposal& p, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} w {} @ {} held {} -> target {} (trade {})", p.sym(),
                          p.weight(), p.price(), p.current(), p.target(), p.trade());
  }
};
