// SPDX-License-Identifier: MIT
/// \file
/// \brief `short_borrow`: the fee for borrowing the shares of a short position: an annual
/// rate on the short notional, accrued per calendar day, with dated rate changes.
///
/// Synopsis
/// \code
/// short_borrow{.annual_rate = dated_schedule<double>::always(0.0025)}            // 0.25 % a year
/// short_borrow{.annual_rate = {{{2024y/1/2, 0.0025}, {2024y/3/1, 0.12}}}, .day_count = actual_365}
/// double c = sb.accrued(notional, from_day, to_day);
/// \endcode
///
/// cost = sum over the calendar days d of [entry day, exit day) of
/// notional x annual_rate(d) / day_count, where the notional is the short's value at
/// entry (quantity x entry price) and days are UTC calendar days, weekends and holidays
/// included (a short held from Friday to Monday accrues three days; one opened and covered
/// on the same day accrues none). The day count is a `periods_per_year`: `actual_360`
/// (the money-market convention most brokers use for USD borrow) by default, or
/// `calendar_days_per_year` (365). Long positions accrue nothing here.
///
/// Bad configuration is a `config_error` (id `bulwark.cost.borrow`): no rates, a rate not
/// finite and >= 0. A holding period with a day the table does not cover is refused
/// (`fill_problem::no_rate_for_date`).
#pragma once

#include <string_view>

#include <date/date.h>
#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/units.hpp"
#include "bulwark/cost/component.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/cost/schedule.hpp"

namespace bulwark::cost {

/// The actual/360 day count: an annual rate accrues 1/360 of itself per calendar day.
inline constexpr periods_per_year actual_360{360.0};

struct short_borrow {
  static constexpr std::string_view name = "short_borrow";
  static constexpr cost_kind kind = cost_kind::carry;

  /// Annual borrow rate as a fraction of the short notional (0.0025 = 0.25 % a year), by
  /// date. No default: borrow rates are per security and range from 0.25 % to over 100 %.
  dated_schedule<double> annual_rate{};
  periods_per_year day_count = actual_360;

  [[nodiscard]] fill_inputs needs() const noexcept { return {}; }
  void validate() const { annual_rate.require_non_negative("bulwark.cost.borrow", "annual rate"); }

  /// The borrow fee on `notional` held short over the calendar days [from, to).
  /// Precondition: annual_rate.covers(from, to).
  [[nodiscard]] double accrued(double notional, date::sys_days from, date::sys_days to) const {
    double rate_days = 0.0;
    annual_rate.for_each_day_run(from, to, [&](double rate, auto days) {
      rate_days += rate * static_cast<double>(days);
    });
    return notional * rate_days / day_count.value;
  }

  [[nodiscard]] fill_problem check_carry(const fill_context& entry,
                                         const fill_context& exit) const noexcept {
    if (entry.side != side::sell) return fill_problem::none;
    if (exit.time < entry.time) return fill_problem::bad_holding_period;
    return annual_rate.covers(day_of(entry), day_of(exit)) ? fill_problem::none
                                                           : fill_problem::no_rate_for_date;
  }

  /// The fee of a short opened by `entry` (a sell) and covered by `exit`; 0 for a long.
  [[nodiscard]] double carry_cost(const fill_context& entry, const fill_context& exit) const noexcept {
    if (entry.side != side::sell) return 0.0;
    return accrued(entry.notional(), day_of(entry), day_of(exit));
  }

  template <class Out>
  Out describe(Out out) const {
    return fmt::format_to(out, "{}{{annual rate {}; actual/{}}}", name, annual_rate, day_count.value);
  }

 private:
  static date::sys_days day_of(const fill_context& ctx) noexcept {
    return date::floor<date::days>(ctx.time);
  }
};

}  // namespace bulwark::cost
