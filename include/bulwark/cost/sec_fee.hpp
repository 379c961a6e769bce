// SPDX-License-Identifier: MIT
/// \file
/// \brief `sec_fee`: the SEC Section 31 transaction fee passed through on sales of US
/// equities: sale proceeds x the rate in force on the trade date, rounded up to the cent
/// per `basis`.
///
/// Synopsis
/// \code
/// sec_fee{}                                              // the dated rates below, per fill
/// sec_fee{.rate_per_million = my_rates, .basis = fee_basis::per_day}
/// dated_schedule<double> sec_section31_rates();          // dollars per $1,000,000 of sales
/// \endcode
///
/// Section 31 of the Securities Exchange Act of 1934 (15 U.S.C. 78ee) makes exchanges and
/// FINRA pay a fee on the dollar amount of covered sales; brokers pass it to the selling
/// customer. The SEC resets the rate at least once a fiscal year by order, so the rate is a
/// dated table. Buys pay nothing; instruments of any fee class other than `us_equity` pay
/// nothing; a sale dated outside the table is refused (`fill_problem::no_rate_for_date`)
/// rather than charged a rate that was not in force.
///
/// Bad configuration is a `config_error` (id `bulwark.cost.sec_fee`): an empty table or a
/// rate not finite and >= 0.
#pragma once

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

namespace bulwark::cost {

/// The Section 31 fee rate in dollars per $1,000,000 of covered sales, by the trade date
/// (in New York, `day_start::new_york_midnight`) from which it applies. The table ends
/// on 2026-01-01, as the FINRA TAF table does: a rate applies only until the SEC's next
/// order takes effect, and the fiscal-year 2026 order (Release No. 34-104909, 2026-02-27)
/// is not transcribed here, so a sale from 2026-01-01 (New York) on is refused
/// (`fill_problem::no_rate_for_date`) instead of charged $0.00. To price later sales,
/// supply a table with the later orders: `sec_fee{.rate_per_million = my_rates}`.
[[nodiscard]] inline dated_schedule<double> sec_section31_rates() {
  using date::year;
  return {{
      // SEC Release No. 34-96724 (2023-01-23), Order Making Fiscal Year 2023 Annual
      // Adjustments to Transaction Fee Rates, 88 FR 5051: $8.00 per million on covered
      // sales on or after 2023-02-27 ($22.90 through 2023-02-26).
      {year{2023} / 2 / 27, 8.00},
      // SEC Release No. 34-99973 (2024-04-17), Order Making Fiscal Year 2024 Annual
      // Adjustments to Transaction Fee Rates, 89 FR 29402: $27.80 per million from
      // 2024-05-22.
      {year{2024} / 5 / 22, 27.80},
      // SEC Release No. 34-102779 (2025-04-08), Order Making Fiscal Year 2025 Annual
      // Adjustments to Transaction Fee Rates, 90 FR 15492: $0.00 per million from
      // 2025-05-14.
      {year{2025} / 5 / 14, 0.00},
  },
          year{2026} / 1 / 1, day_start::new_york_midnight};
}

/// sale proceeds x rate / 1,000,000 on sells of `fee_class::us_equity`, rounded up to the
/// cent per `basis` (by default per fill, as brokers pass the fee through per execution).
struct sec_fee {
  static constexpr std::string_view name = "sec_fee";
  static constexpr cost_kind kind = cost_kind::fee;

  dated_schedule<double> rate_per_million = sec_section31_rates();  ///< dollars per $1M sold
  fee_basis basis = fee_basis::per_fill;

  [[nodiscard]] fill_inputs needs() const noexcept { return fill_input::fee_class; }

  void validate() const { rate_per_million.require_non_negative("bulwark.cost.sec_fee", "rate"); }

  [[nodiscard]] fill_problem check(const fill_context& ctx) const noexcept {
    return detail::sale_rate_problem(rate_per_million, ctx);
  }

  /// The exact (unrounded) fee of a sale of `notional` at `rate` dollars per $1M: within
  /// two ulps of notional x rate / 1e6, which the rounding to the cent absorbs, and a
  /// multiplication where a division would cost a dozen cycles per fill. For one double or
  /// for `lanes`.
  template <class V>
  [[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE static V exact_fee(double rate, V /*quantity*/,
                                                                V notional) noexcept {
    return notional * detail::splat<V>(rate * 1e-6);
  }
  /// The exact (unrounded) fee of the fill.
  [[nodiscard]] double accrue(const fill_context& ctx) const noexcept {
    return detail::on_us_equity_sale(ctx, rate_per_million.at(ctx.time), [&](double rate) {
      return exact_fee(rate, ctx.quantity, ctx.notional());
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
    return detail::add_sale_fees(detail::rate_across(rate_per_million, fills, first, count), fills,
                                 first, count, total,
                                 [](double rate, auto q, auto notional)
                                     BULWARK_DETAIL_ALWAYS_INLINE { return exact_fee(rate, q, notional); });
  }
  template <class Out>
  Out describe(Out out) const {
    return fmt::format_to(out, "{}{{$ per $1M sold: {}; rounded up to the cent {}}}", name,
                          rate_per_million, basis);
  }
};

}  // namespace bulwark::cost
