// SPDX-License-Identifier: MIT
/// \file
/// \brief `fill_columns`: many fills as columns (one span per field of `fill_context`, one
/// row per fill), what `cost_model::cost(fills, totals)` prices a block of rows at a time.
///
/// Synopsis
/// \code
/// struct fill_columns {
///   std::span<const side> side;  std::span<const double> quantity, price;   // required
///   std::span<const double> bid, ask;                 // both or neither: the quote
///   std::span<const double> bar_volume, bar_volume_used, adv, daily_volatility, atr,
///                           month_to_date_volume;    // empty: not known (used: 0)
///   std::span<const timestamp> time;                  // empty: every fill at timestamp{}
///   std::span<const liquidity> liq;                   // empty: every fill a taker
///   cost::fee_class fee_class;                        // of every fill
///   std::size_t rows() const;  fill_inputs available() const;
///   fill_context row(std::size_t i) const;            // the context of fill i
///   void require_shape() const;                       // input_error: a column of the wrong length
///   bool usable(std::size_t first, std::size_t count) const noexcept;  // problem_of on every row
/// };
/// \endcode
///
/// A column left empty means what leaving the field unset in a `fill_context` means, so
/// `row(i)` is the context a caller would have built for fill i, and a model prices the
/// columns exactly as it prices those contexts one by one. The spans are views: the
/// caller's storage must outlive the call that reads them.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>

#include "bulwark/core/error.hpp"
#include "bulwark/core/order.hpp"
#include "bulwark/core/quote.hpp"
#include "bulwark/core/side.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/detail/lanes.hpp"

namespace bulwark::cost {

/// Fills as columns: row i of every non-empty span is fill i. An aggregate: set the
/// columns with designated initialisers.
struct fill_columns {
  std::span<const bulwark::side> side{};
  std::span<const double> quantity{};  ///< units, >= 0; its length is the number of rows
  std::span<const double> price{};     ///< reference price (mid or last), > 0
  std::span<const double> bid{};       ///< with `ask`: the quote at each fill
  std::span<const double> ask{};
  std::span<const double> bar_volume{};
  std::span<const double> bar_volume_used{};  ///< empty: 0 for every fill
  std::span<const double> adv{};
  std::span<const double> daily_volatility{};
  std::span<const double> atr{};
  std::span<const double> month_to_date_volume{};
  std::span<const timestamp> time{};   ///< UTC; empty: timestamp{} for every fill
  std::span<const liquidity> liq{};    ///< empty: every fill a taker
  cost::fee_class fee_class = cost::fee_class::unspecified;  ///< of every fill

  [[nodiscard]] std::size_t rows() const noexcept { return quantity.size(); }

  /// The optional inputs the columns provide, as `fill_context::available()` would for
  /// each row.
  [[nodiscard]] fill_inputs available() const noexcept {
    return detail::present_inputs({!bid.empty(), !bar_volume.empty(), !adv.empty(),
                                   !daily_volatility.empty(), !atr.empty(),
                                   !month_to_date_volume.empty(),
                                   fee_class != cost::fee_class::unspecified});
  }

  /// The context of fill `i`; precondition: i < rows() and `require_shape()` passes.
  [[nodiscard]] fill_context row(std::size_t i) const {
    BULWARK_EXPECTS(i < rows());
    const auto optional = [i](std::span<const double> column) -> std::optional<double> {
      if (column.empty()) return std::nullopt;
      return column[i];
    };
    fill_context ctx{.side = side[i], .quantity = quantity[i], .price = price[i]};
    if (!bid.empty()) ctx.quote = bulwark::quote{.bid = bid[i], .ask = ask[i]};
    ctx.bar_volume = optional(bar_volume);
    ctx.bar_volume_used = bar_volume_used.empty() ? 0.0 : bar_volume_used[i];
    ctx.adv = optional(adv);
    ctx.daily_volatility = optional(daily_volatility);
    ctx.atr = optional(atr);
    ctx.month_to_date_volume = optional(month_to_date_volume);
    if (!time.empty()) ctx.time = time[i];
    if (!liq.empty()) ctx.liq = liq[i];
    ctx.fee_class = fee_class;
    return ctx;
  }

  /// Throws `input_error` (id `bulwark.cost.fill_columns`) naming the first column whose
  /// length is not rows() (side and price must be given; an optional column is empty or
  /// full), or a bid without an ask (or the reverse).
  void require_shape() const {
    constexpr auto id = "bulwark.cost.fill_columns";
    const auto require_rows = [&](std::string_view name, std::size_t size, bool optional) {
      if ((optional && size == 0) || size == rows()) return;
      throw_input_error(id, "column {} has {} rows, expected {} (the quantity column's){}", name,
                        size, rows(), optional ? " or none" : "");
    };
    require_rows("side", side.size(), false);
    require_rows("price", price.size(), false);
    if (bid.empty() != ask.empty()) {
      throw_input_error(id, "a quote needs both columns: bid has {} rows, ask {}", bid.size(),
                        ask.size());
    }
    require_rows("bid", bid.size(), true);
    require_rows("ask", ask.size(), true);
    require_rows("bar_volume", bar_volume.size(), true);
    require_rows("bar_volume_used", bar_volume_used.size(), true);
    require_rows("adv", adv.size(), true);
    require_rows("daily_volatility", daily_volatility.size(), true);
    require_rows("atr", atr.size(), true);
    require_rows("month_to_date_volume", month_to_date_volume.size(), true);
    require_rows("time", time.size(), true);
    require_rows("liq", liq.size(), true);
  }

  /// True when `problem_of(row(i))` is none for every i in [first, first + count): the
  /// same comparisons, on whole vector registers. Precondition: `require_shape()` passes
  /// and first + count <= rows().
  [[nodiscard]] bool usable(std::size_t first, std::size_t count) const noexcept {
    BULWARK_EXPECTS(first <= rows() && count <= rows() - first);
    using detail::finite_non_negative;
    using detail::load;
    if (fee_class > cost::fee_class::other) return false;
    bool ok = true;
    for (std::size_t i = first; i < first + count; ++i) ok &= detail::valid_side(side[i]);
    for (std::size_t i = first; i < first + count && !liq.empty(); ++i) {
      ok &= detail::valid_liquidity(liq[i]);
    }
    // One pass over the block per column (or pair): each a tight loop in L1.
    const auto rows_of = [first](std::span<const double> column) { return column.data() + first; };
    const double* q = rows_of(quantity);
    const double* p = rows_of(price);
    ok &= detail::all_rows(count, [&]<class V>(std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
      const V qi = load<V>(q + i);
      const V pi = load<V>(p + i);
      return detail::both(detail::both(finite_non_negative(qi), detail::finite_positive(pi)),
                          detail::finite_product(qi, pi));
    });
    if (!bid.empty()) {
      ok &= detail::all_rows(count, [&, b = rows_of(bid), a = rows_of(ask)]<class V>(std::size_t i)
                                        BULWARK_DETAIL_ALWAYS_INLINE {
        return detail::usable_quote(load<V>(b + i), load<V>(a + i));
      });
    }
    if (!adv.empty()) {
      ok &= detail::all_rows(count, [v = rows_of(adv)]<class V>(std::size_t i)
                                        BULWARK_DETAIL_ALWAYS_INLINE {
        return detail::finite_positive(load<V>(v + i));
      });
    }
    for (const std::span<const double> column :
         {bar_volume, bar_volume_used, daily_volatility, atr, month_to_date_volume}) {
      if (column.empty()) continue;
      ok &= detail::all_rows(count, [v = rows_of(column)]<class V>(std::size_t i)
                                        BULWARK_DETAIL_ALWAYS_INLINE {
        return finite_non_negative(load<V>(v + i));
      });
    }
    return ok;
  }

};

}  // namespace bulwark::cost
