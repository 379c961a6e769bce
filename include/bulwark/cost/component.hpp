// SPDX-License-Identifier: MIT
/// \file
/// \brief The `CostComponent` and `CarryComponent` concepts (one policy kind each: a cost
/// charged on a fill, a cost accrued while a position is held), what every component
/// shares (`cost_kind`, `fee_basis`), and `round_up_to_cent`.
///
/// Synopsis
/// \code
/// enum class cost_kind { fee, slippage, carry };
/// enum class fee_basis { per_fill, per_order, per_day };
/// template <class C> concept CostComponent;     // name, kind, needs(), validate(), cost(ctx)
/// template <class C> concept CarryComponent;    // name, kind, needs(), validate(), carry_cost(entry, exit)
/// template <class C> concept SettledComponent;  // a CostComponent settled over a group of fills
/// double round_up_to_cent(double amount);
/// \endcode
///
/// A cost is money in the account currency, always >= 0: it always reduces P&L. Fees are
/// charged explicitly (they go into `fill::fees`); slippage (spread, impact) is paid
/// through a worse fill price; carry accrues while a position is held.
#pragma once

#include <cmath>
#include <cstddef>
#include <concepts>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include "bulwark/core/side.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/cost/fill_columns.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/detail/lanes.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark::cost {

/// How a cost is paid: `fee`, charged explicitly (commissions, exchange and regulatory
/// fees); `slippage`, through a fill price worse than the reference (spread, impact); or
/// `carry`, accrued while the position is held (borrow).
enum class cost_kind : std::uint8_t { fee, slippage, carry };

[[nodiscard]] constexpr std::string_view to_string(cost_kind k) noexcept {
  switch (k) {
    case cost_kind::fee: return "fee";
    case cost_kind::slippage: return "slippage";
    case cost_kind::carry: return "carry";
  }
  return "invalid";
}

/// The group of fills over which a fee is settled: rounding to the cent (regulatory fees)
/// or a minimum and maximum (commissions) applies to each fill alone, to all the fills of
/// one order together, or to all the fills of one trading day together. Settling over an
/// order or a day needs the group's running totals: see `cost_model::charge`.
enum class fee_basis : std::uint8_t { per_fill, per_order, per_day };

[[nodiscard]] constexpr std::string_view to_string(fee_basis b) noexcept {
  switch (b) {
    case fee_basis::per_fill: return "per_fill";
    case fee_basis::per_order: return "per_order";
    case fee_basis::per_day: return "per_day";
  }
  return "invalid";
}

namespace detail {

// round_up_to_cent for one double or for `lanes` (each lane as the scalar would round it).
template <class V>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline V round_up_to_cent_of(V amount) noexcept {
  const V cents = amount * splat<V>(100.0 * (1.0 - 1e-12));
  if (!all_of(cents < splat<V>(0x1p52))) [[unlikely]] {  // beyond 2^52: whole cents
    if constexpr (std::is_same_v<V, double>) {
      return std::ceil(amount * 100.0) / 100.0;
    } else {
#if BULWARK_DETAIL_VECTOR_LANES
      for (std::ptrdiff_t k = 0; k < lane_count; ++k) amount[k] = round_up_to_cent_of(amount[k]);
#endif
      return amount;
    }
  }
  // Adding and removing 2^52 rounds a value in [0, 2^52) to the nearest integer.
  const V nearest = (cents + splat<V>(0x1p52)) - splat<V>(0x1p52);
  return (nearest + select(nearest < cents, splat<V>(1.0), splat<V>(0.0))) / splat<V>(100.0);
}

}  // namespace detail

/// `amount` rounded up to the next cent (0.01 of the currency), as fee schedules round.
/// The amount is first reduced by 1e-12 of itself, so one less than that above a whole
/// number of cents counts as that number: a cap of $8.30 (830.0000000000001 cents in
/// binary) stays $8.30 rather than becoming $8.31 through the representation of decimal
/// rates. The tolerance is a thousand times the rounding error of computing a fee and
/// under a cent for any amount below $10 billion. The result is the double nearest to
/// the decimal amount (`== 8.30`). Precondition: amount finite and >= 0. Free of library
/// calls and of branches on the amount: it runs once per fill.
[[nodiscard]] inline double round_up_to_cent(double amount) noexcept {
  return detail::round_up_to_cent_of(amount);
}

namespace detail {

// Regulatory fees (SEC Section 31, FINRA TAF) fall on sells of US equities. Evaluated
// without a branch: in a random mix of buys and sells a branch on the side mispredicts.
[[nodiscard]] inline bool is_us_equity_sale(const fill_context& ctx) noexcept {
  return (ctx.side == side::sell) & (ctx.fee_class == fee_class::us_equity);
}

// no_rate_for_date when a regulatory fee applies to `ctx` but `rates` has no rate for its
// time. The date test comes first: it almost always passes, so the side is rarely read.
template <class Schedule>
[[nodiscard]] fill_problem sale_rate_problem(const Schedule& rates, const fill_context& ctx) noexcept {
  return !rates.has_value_at(ctx.time) && is_us_equity_sale(ctx) ? fill_problem::no_rate_for_date
                                                                 : fill_problem::none;
}

// `exact(*rate)` on a sale of a US equity, 0 on any other fill (or without a rate, which
// sale_rate_problem refuses for a sale): computed for every fill and multiplied by 0 or 1,
// so buys and sells take the same path.
template <class Rate, class Exact>
[[nodiscard]] double on_us_equity_sale(const fill_context& ctx, const Rate* rate, Exact exact) noexcept {
  const double amount = rate != nullptr ? exact(*rate) : 0.0;
  return amount * static_cast<double>(is_us_equity_sale(ctx));
}

// The rate `rates` has at every fill of rows [first, first + count) of `fills` when one
// entry covers them all (fills in time order mostly lie in one period), else nullptr.
template <class Schedule>
[[nodiscard]] auto rate_across(const Schedule& rates, const fill_columns& fills, std::size_t first,
                               std::size_t count) noexcept {
  return fills.time.empty() ? rates.at(timestamp{}) : rates.across(fills.time.subspan(first, count));
}

// `add_costs` of a regulatory fee: adds to total[0, count) the fee of each fill of rows
// [first, first + count), round_up_to_cent(exact(rate, quantity, notional) x [US-equity
// sale]), the operations of `accrue` then `settle` for one fill (also for other fee
// classes, where a fee that overflows makes inf x 0, a NaN, as it does there). False when
// no one rate covers the rows: the model then prices them one by one.
template <class Rate, class Exact>
[[nodiscard]] bool add_sale_fees(const Rate* rate, const fill_columns& fills, std::size_t first,
                                 std::size_t count, double* total, Exact exact) noexcept {
  if (rate == nullptr) return false;
  const Rate in_force = *rate;  // a copy: `total` might alias it, as far as the compiler knows
  const double* quantity = fills.quantity.data() + first;
  const double* price = fills.price.data() + first;
  const side* sides = fills.side.data() + first;
  const double us_equity = static_cast<double>(fills.fee_class == fee_class::us_equity);
  for_each_lane_group(count, [&]<class V>(std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
    const V q = load<V>(quantity + i);
    const V sale = indicator<V>(sides + i, side::sell) * splat<V>(us_equity);
    const V fee = round_up_to_cent_of(exact(in_force, q, q * load<V>(price + i)) * sale);
    store(total + i, load<V>(total + i) + fee);
  });
  return true;
}

template <class C>
concept component_basics = requires(const C& c) {
  { C::name } -> std::convertible_to<std::string_view>;
  { C::kind } -> std::convertible_to<cost_kind>;
  { c.needs() } -> std::same_as<fill_inputs>;
  c.validate();
};

}  // namespace detail

/**
 * @brief A cost charged on one fill: a commission, a regulatory fee, the spread, slippage
 * or market impact.
 *
 * Requirements, for `c` a `const C&` and `ctx` a `const fill_context&`:
 * | expression     | type                          | semantics                                   |
 * |----------------|-------------------------------|---------------------------------------------|
 * | `C::name`      | convertible to `string_view`  | static; the label in breakdowns             |
 * | `C::kind`      | convertible to `cost_kind`    | static; `fee` or `slippage`                 |
 * | `c.needs()`    | `fill_inputs`                 | the optional context inputs `cost` reads    |
 * | `c.validate()` | any                           | throws `config_error` on a bad configuration |
 * | `c.cost(ctx)`  | `double`, `noexcept`          | the cost of the fill, >= 0, in the account  |
 * |                |                               | currency, for a valid `ctx` that has what   |
 * |                |                               | `needs()` names; the fill taken alone (its  |
 * |                |                               | own order and day)                          |
 *
 * Optional: `c.check(ctx)` -> `fill_problem`, `noexcept`: a reason this component cannot
 * price a valid context (a date outside its schedule, ...), or `fill_problem::none`.
 * A model calls `cost` only after the context passed `problem_of`, the `needs()` check
 * and `check`, so `cost` never sees an input it cannot use.
 *
 * Optional: `c.add_costs(fills, first, count, total)` -> `bool`, `noexcept`, for `fills` a
 * `const fill_columns&` whose rows [first, first + count) passed those same checks except
 * `check`, and `total` a `double*`: adds to total[0, count) what `cost` gives for each of
 * those rows, with the same operations (so the same bits), or returns false when `check`
 * would refuse one of them (`total` may then hold anything; the model prices those rows
 * one by one and names the row). Without it, a model prices its columns through `cost`
 * row by row. See docs/cost.md#costcomponent.
 */
template <class C>
concept CostComponent = detail::component_basics<C> && requires(const C& c, const fill_context& ctx) {
  { c.cost(ctx) } noexcept -> std::same_as<double>;
};

/**
 * @brief A cost accrued while a position is held (short borrow), priced from the fill
 * that opens the position and the fill that closes it.
 *
 * Requirements, for `c` a `const C&`, `entry` and `exit` `const fill_context&`:
 * | expression               | type                 | semantics                              |
 * |--------------------------|----------------------|----------------------------------------|
 * | `C::name`, `C::kind`     | as `CostComponent`   | `kind` is `cost_kind::carry`           |
 * | `c.needs()`, `c.validate()` | as `CostComponent` |                                        |
 * | `c.carry_cost(entry, exit)` | `double`, `noexcept` | the cost of holding the position from |
 * |                          |                      | entry to exit, >= 0                    |
 *
 * Optional: `c.check_carry(entry, exit)` -> `fill_problem`, `noexcept`.
 * See docs/cost.md#carrycomponent.
 */
template <class C>
concept CarryComponent = detail::component_basics<C> &&
    requires(const C& c, const fill_context& entry, const fill_context& exit) {
      { c.carry_cost(entry, exit) } noexcept -> std::same_as<double>;
    };

/**
 * @brief A `CostComponent` whose charge is settled over a group of fills (`fee_basis`):
 * its cost is `settle(accrue(ctx), ctx.notional())`, and a group of fills pays
 * `settle(sum of accrue, sum of notional)` in total.
 *
 * Additional requirements, for `a` and `n` `double`:
 * | expression        | type                | semantics                                      |
 * |-------------------|---------------------|------------------------------------------------|
 * | `c.basis`         | `fee_basis`         | the group the charge is settled over           |
 * | `c.accrue(ctx)`   | `double`, `noexcept` | the exact amount the fill adds to its group, >= 0 |
 * | `c.settle(a, n)`  | `double`, `noexcept` | what a group with accrual `a` and notional `n` |
 * |                   |                     | pays in total; non-decreasing in `a` and `n`   |
 */
template <class C>
concept SettledComponent = CostComponent<C> &&
    requires(const C& c, const fill_context& ctx, double a, double n) {
      { c.basis } -> std::convertible_to<fee_basis>;
      { c.accrue(ctx) } noexcept -> std::same_as<double>;
      { c.settle(a, n) } noexcept -> std::same_as<double>;
    };

namespace detail {

// A component prints its configuration through `describe(out)`; one formatter serves all.
template <class C>
concept describable = requires(const C& c, fmt::appender out) {
  { c.describe(out) } -> std::same_as<fmt::appender>;
};

}  // namespace detail

}  // namespace bulwark::cost

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::cost::cost_kind)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::cost::fee_basis)

/// Every component formats as its name and configuration, e.g.
/// `per_share_commission{0.005/unit, min 1, max 0.005 of value, per_order}`.
template <class C>
struct fmt::formatter<C, char, std::enable_if_t<bulwark::cost::detail::describable<C>>>
    : bulwark::detail::plain_formatter {
  auto format(const C& c, fmt::format_context& ctx) const -> decltype(ctx.out()) {
    return c.describe(ctx.out());
  }
};
