// SPDX-License-Identifier: MIT
/// \file
/// \brief `finra_taf`: FINRA's Trading Activity Fee passed through on sales of US
/// equities: shares sold x the per-share rate, capped per trade, rounded up to the cent
/// per `basis`; rates by effective date.
///
/// Synopsis
/// \code
/// finra_taf{}                                            // the dated rates below, per fill
/// struct taf_rate { double per_share; double max_per_trade; };
/// dated_schedule<taf_rate> finra_taf_rates();
/// \endcode
///
/// The TAF (Section 1 of Schedule A to the FINRA By-Laws) is assessed on the sell side of
/// transactions in covered equity securities. Each fill is one trade for the cap. Buys
/// and other fee classes pay nothing; a sale dated outside the table is refused
/// (`fill_problem::no_rate_for_date`).
///
/// Bad configuration is a `config_error` (id `bulwark.cost.finra_taf`): an empty table, a
/// rate or cap not finite and >= 0.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

#include <date/date.h>
#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/cost/component.hpp"
#include "bulwark/cost/fill_columns.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/cost/schedule.hpp"
#include "bulwark/detail/lanes.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark::cost {

/// The TAF on covered equity securities: dollars per share sold, at most `max_per_trade`.
struct taf_rate {
  double per_share = 0.0;
  double max_per_trade = 0.0;
};

}  // namespace bulwark::cost

/// Formats as `0.000166/share max 8.3`.
template <>
struct fmt::formatter<bulwark::cost::taf_rate> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::cost::taf_rate& r, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{}/share max {}", r.per_share, r.max_per_trade);
  }
};

namespace bulwark::cost {

/// FINRA's TAF rates for covered equity securities, by the trade date (in New York,
/// `day_start::new_york_midnight`) from which they apply, from FINRA's fee increase
/// schedule of rule filing SR-FINRA-2020-032 (phased in from 2022). The table
/// ends on 2026-01-01 because rule filing SR-FINRA-2024-019 raises the TAF again from 2026:
/// add those rates to price later sales.
[[nodiscard]] inline dated_schedule<taf_rate> finra_taf_rates() {
  using date::year;
  return {{
              // SR-FINRA-2020-032 fee increase schedule, 2022: $0.000130 per share, max $6.49.
              {year{2022} / 1 / 1, {0.000130, 6.49}},
              // SR-FINRA-2020-032 fee increase schedule, 2023: $0.000145 per share, max $7.27.
              {year{2023} / 1 / 1, {0.000145, 7.27}},
              // SR-FINRA-2020-032 fee increase schedule, 2024: $0.000166 per share, max $8.30.
              {year{2024} / 1 / 1, {0.000166, 8.30}},
          },
          year{2026} / 1 / 1, day_start::new_york_midnight};
}

/// min(shares sold x per_share, max_per_trade) on sells of `fee_class::us_equity`,
/// rounded up to the cent per `basis` (by default per fill).
struct finra_taf {
  static constexpr std::string_view name = "finra_taf";
  static constexpr cost_kind kind = cost_kind::fee;

  dated_schedule<taf_rate> rates = finra_taf_rates();
  fee_basis basis = fee_basis::per_fill;

  [[nodiscard]] fill_inputs needs() const noexcept { return fill_input::fee_class; }

  void validate() const {
    rates.require_non_negative("bulwark.cost.finra_taf", "per-share rate", &taf_rate::per_share);
    rates.require_non_negative("bulwark.cost.finra_taf", "cap", &taf_rate::max_per_trade);
  }

  [[nodiscard]] fill_problem check(const fill_context& ctx) const noexcept {
    return detail::sale_rate_problem(rates, ctx);
  }

  /// The exact (unrounded) fee of a sale of `quantity` units at rate `r`, the cap applied
  /// (std::min's operations), for one double or for `lanes`.
  template <class V>
  [[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE static V exact_fee(const taf_rate& r, V quantity,
                                                                V /*notional*/) noexcept {
    return detail::minimum(quantity * detail::splat<V>(r.per_share),
                           detail::splat<V>(r.max_per_trade));
  }
  /// The exact (unrounded) fee of the fill, the cap applied.
  [[nodiscard]] double accrue(const fill_context& ctx) const noexcept {
    return detail::on_us_equity_sale(ctx, rates.at(ctx.time), [&](const taf_rate& r) {
      return exact_fee(r, ctx.quantity, ctx.notional());
    });
  }
  [[nodiscard]] double settle(double accrued, double) const noexcept {
    return round_up_to_cent(accrued);
  }
  [[nodiscard]] double cost(const fill_context& ctx) const noexcept {
    return settle(accrue(ctx), ctx.notional());
  }
  /// `cost` of rows [first, first + count) of `fills`, added to total[0, count); false
  /// when they do not all lie in one period of the table (see `CostComponent`).
  [[nodiscard]] bool add_costs(const fill_columns& fills, std::size_t first, std::size_t count,
                               double* total) const noexcept {
    return detail::add_sale_fees(detail::rate_across(rates, fills, first, count), fills, first,
                                 count, total,
                                 [](const taf_rate& r, auto q, auto notional)
                                     BULWARK_DETAIL_ALWAYS_INLINE { return exact_fee(r, q, notional); });
  }
  template <class Out>
  Out describe(Out out) const {
    return fmt::format_to(out, "{}{{{}; rounded up to the cent {}}}", name, rates, basis);
  }
};

}  // namespace bulwark::cost
