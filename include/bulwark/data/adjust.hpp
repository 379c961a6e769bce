// SPDX-License-Identifier: MIT
/// \file
/// \brief Backward adjustment of bars for corporate actions, and its inverse.
///
/// Synopsis
/// \code
/// std::vector<date::sys_days> utc_dates(const bar_series&);       // the date of each bar, UTC
/// std::vector<date::sys_days> local_dates(const numeric_table&);  // the date as written in the file
/// bar_series adjust(const bar_series& raw, const factor_table&, std::span<const date::sys_days> dates);
/// bar_series unadjust(const bar_series& adjusted, const factor_table&, std::span<const date::sys_days> dates);
/// \endcode
///
/// `adjust` multiplies open, high, low and close of bar i by
/// `table.price_multiplier(dates[i])` and its volume by `table.volume_multiplier(dates[i])`
/// (splits only: a 2:1 split doubles earlier volumes, dividends leave them alone);
/// `unadjust` divides by the same, so `unadjust(adjust(x)) == x` up to rounding (a few ulps).
/// Bars keep their order and times; any order works (each bar looks its row up, O(log rows)).
/// `dates` says which date each bar belongs to: for daily files of dates, `utc_dates`; for
/// files with local offsets, `local_dates(table)` (a bar at 2022-06-06 00:00+01:00 belongs
/// to 2022-06-06, not to 2022-06-05 in UTC); for intraday bars, their exchange session dates.
/// Throws `input_error` (id `bulwark.data.adjust`) when `dates` and the series differ in length.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include <date/date.h>

#include "bulwark/core/bar.hpp"
#include "bulwark/core/error.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/data/csv.hpp"
#include "bulwark/data/factor_table.hpp"

namespace bulwark::data {

/// The UTC civil date of each bar.
[[nodiscard]] inline std::vector<date::sys_days> utc_dates(const bar_series& bars) {
  std::vector<date::sys_days> out(bars.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = date::floor<date::days>(bars.times()[i]);
  return out;
}

/// The civil date written in each row of a table (`numeric_table::local_date`).
[[nodiscard]] inline std::vector<date::sys_days> local_dates(const numeric_table& table) {
  std::vector<date::sys_days> out(table.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = date::sys_days{table.local_date(i)};
  return out;
}

namespace detail {

/// `bars` with prices and volumes multiplied (or, `inverse`, divided) by the table's factors.
[[nodiscard]] inline bar_series scale_bars(const bar_series& bars, const factor_table& table,
                                           std::span<const date::sys_days> dates, bool inverse) {
  if (dates.size() != bars.size()) {
    throw_input_error("bulwark.data.adjust", "{} dates for {} bars; expected one date per bar",
                      dates.size(), bars.size());
  }
  const std::size_t n = bars.size();
  std::vector<double> open(n), high(n), low(n), close(n), volume(n);
  for (std::size_t i = 0; i < n; ++i) {
    const factor_row* row = table.find(dates[i]);
    const double price = row == nullptr ? 1.0 : row->price_factor * row->split_factor;
    const double shares = row == nullptr ? 1.0 : 1.0 / row->split_factor;
    // The inverse divides (rather than multiplying by a reciprocal, one more rounding).
    const auto scale = [inverse](double x, double m) { return inverse ? x / m : x * m; };
    open[i] = scale(bars.open()[i], price);
    high[i] = scale(bars.high()[i], price);
    low[i] = scale(bars.low()[i], price);
    close[i] = scale(bars.close()[i], price);
    volume[i] = scale(bars.volume()[i], shares);
  }
  return bar_series::from_columns(bars.sym(), {bars.times().begin(), bars.times().end()},
                                  std::move(open), std::move(high), std::move(low),
                                  std::move(close), std::move(volume));
}

}  // namespace detail

/// Backward-adjusted bars: see the file comment.
[[nodiscard]] inline bar_series adjust(const bar_series& raw, const factor_table& table,
                                       std::span<const date::sys_days> dates) {
  return detail::scale_bars(raw, table, dates, false);
}

/// Raw bars from backward-adjusted ones and the table that adjusted them.
[[nodiscard]] inline bar_series unadjust(const bar_series& adjusted, const factor_table& table,
                                         std::span<const date::sys_days> dates) {
  return detail::scale_bars(adjusted, table, dates, true);
}

}  // namespace bulwark::data
