// SPDX-License-Identifier: MIT
/// \file
/// \brief `factor_table`: backward-adjustment factors by date, in the layout of Lean's
/// factor files, built from corporate-action events and raw closes, read from a file, or
/// turned back into events.
///
/// Synopsis
/// \code
/// struct factor_row { date::sys_days date; double price_factor, split_factor, reference_price; };
/// class factor_table {
///   static factor_table from_rows(std::vector<factor_row>);          // checked
///   std::span<const factor_row> rows() const;
///   const factor_row* find(date::sys_days d) const;  // first row with date >= d, or null
///   double price_multiplier(date::sys_days d) const; // price_factor * split_factor, 1 past the end
///   double volume_multiplier(date::sys_days d) const; // 1 / split_factor
/// };
/// factor_table make_factor_table(dates, closes, events, const DividendConvention auto& = ex_date_close{});
/// factor_table read_factor_file(path);                 // date,price_factor,split_factor,reference_price
/// std::vector<corporate_action> events_from_factor_table(const factor_table&, sessions);
/// \endcode
///
/// Meaning (Lean's): a bar dated `d` is adjusted by the **first row with date >= d**:
/// adjusted price = raw price x price_factor x split_factor; adjusted volume = raw volume /
/// split_factor. Bars after the last row are not adjusted (factor 1). Each row produced by
/// `make_factor_table` is dated the last bar before an ex-date and holds the product of the
/// steps of every later event: `price_factor` of the dividend steps 1 - D / R,
/// `split_factor` of 1 / split ratio, and `reference_price` R of its own event (for
/// `prior_close` that is the close on the row's date, exactly Lean's column).
///
/// Backward adjustment keeps the newest price unchanged, which is the vendors' scaling:
/// Alpha Vantage's `adjusted_close` equals the raw close on the last row.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <span>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/data/corporate_actions.hpp"
#include "bulwark/data/csv.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark::data {

/// One row of a factor table.
struct factor_row {
  date::sys_days date{};
  double price_factor = 1.0;     ///< cumulative dividend factor, in (0, 1]
  double split_factor = 1.0;     ///< cumulative product of 1 / split ratio, > 0
  double reference_price = 0.0;  ///< R of this row's event (0 for a marker row)

  friend bool operator==(const factor_row&, const factor_row&) = default;
};

class factor_table {
 public:
  factor_table() = default;

  /// A table from rows. Throws `input_error` (id `bulwark.data.factor_table`) naming the
  /// first row whose date is not after the previous one's, whose factors are not finite
  /// and > 0, or whose reference price is not finite and >= 0.
  [[nodiscard]] static factor_table from_rows(std::vector<factor_row> rows) {
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const factor_row& r = rows[k];
      const auto bad = [&](const char* what, double value, const char* expected) {
        throw_input_error("bulwark.data.factor_table", "rows[{}] ({}): {} {} must be {}", k,
                          iso8601(r.date), what, value, expected);
      };
      if (!(std::isfinite(r.price_factor) && r.price_factor > 0.0)) bad("price_factor", r.price_factor, "finite and > 0");
      if (!(std::isfinite(r.split_factor) && r.split_factor > 0.0)) bad("split_factor", r.split_factor, "finite and > 0");
      if (!(std::isfinite(r.reference_price) && r.reference_price >= 0.0)) {
        bad("reference_price", r.reference_price, "finite and >= 0");
      }
      if (k > 0 && !(rows[k - 1].date < r.date)) {
        throw_input_error("bulwark.data.factor_table",
                          "rows[{}] date {} is not after rows[{}] date {}; expected increasing dates",
                          k, iso8601(r.date), k - 1, iso8601(rows[k - 1].date));
      }
    }
    factor_table t;
    t.rows_ = std::move(rows);
    return t;
  }

  [[nodiscard]] std::span<const factor_row> rows() const noexcept { return rows_; }
  [[nodiscard]] std::size_t size() const noexcept { return rows_.size(); }
  [[nodiscard]] bool empty() const noexcept { return rows_.empty(); }

  /// The row that adjusts a bar dated `d`: the first with date >= d, or null after the
  /// last row. O(log rows).
  [[nodiscard]] const factor_row* find(date::sys_days d) const noexcept {
    const auto it = std::lower_bound(rows_.begin(), rows_.end(), d,
                                     [](const factor_row& r, date::sys_days x) { return r.date < x; });
    return it == rows_.end() ? nullptr : &*it;
  }

  /// price_factor x split_factor of `find(d)`, or 1 after the last row.
  [[nodiscard]] double price_multiplier(date::sys_days d) const noexcept {
    const factor_row* r = find(d);
    return r == nullptr ? 1.0 : r->price_factor * r->split_factor;
  }

  /// 1 / split_factor of `find(d)`, or 1 after the last row: volumes scale by splits only.
  [[nodiscard]] double volume_multiplier(date::sys_days d) const noexcept {
    const factor_row* r = find(d);
    return r == nullptr ? 1.0 : 1.0 / r->split_factor;
  }

 private:
  std::vector<factor_row> rows_;
};

/// The factor table of `events` for a daily series with strictly increasing `dates` and
/// raw `closes`, under `convention` for dividends (see corporate_actions.hpp).
///
/// For each event, the prior close is the close of the last bar before the ex-date and the
/// ex-date close that of the first bar on or after it (so an ex-date that falls between
/// bars is handled); an event on or before the first bar adjusts nothing and gives no row.
/// Throws `input_error`: id `bulwark.data.factor_table` when the lengths differ, a date is
/// not after the previous one, or a close the convention uses is not finite and > 0; id
/// `bulwark.data.corporate_actions` for bad events (`require_valid_events`), or when the
/// convention's reference price for a dividend is not finite and greater than the dividend
/// (e.g. `ex_date_close` for an ex-date after the last bar). O(bars + events).
template <class Convention = ex_date_close>
[[nodiscard]] factor_table make_factor_table(std::span<const date::sys_days> dates,
                                             std::span<const double> closes,
                                             std::span<const corporate_action> events,
                                             const Convention& convention = Convention{}) {
  static_assert(DividendConvention<Convention>,
                "make_factor_table: the convention does not model "
                "bulwark::data::DividendConvention (see docs/data.md#dividend-conventions)");
  if (closes.size() != dates.size()) {
    throw_input_error("bulwark.data.factor_table", "{} dates and {} closes; expected equal lengths",
                      dates.size(), closes.size());
  }
  for (std::size_t i = 1; i < dates.size(); ++i) {
    if (!(dates[i - 1] < dates[i])) {
      throw_input_error("bulwark.data.factor_table",
                        "dates[{}] {} is not after dates[{}] {}; expected one bar per date, oldest first",
                        i, iso8601(dates[i]), i - 1, iso8601(dates[i - 1]));
    }
  }
  require_valid_events(events);
  const auto close_at = [&](std::size_t i) {
    if (!(std::isfinite(closes[i]) && closes[i] > 0.0)) {
      throw_input_error("bulwark.data.factor_table", "closes[{}] ({}) is {}; expected a finite price > 0",
                        i, iso8601(dates[i]), closes[i]);
    }
    return closes[i];
  };
  constexpr double missing = std::numeric_limits<double>::quiet_NaN();

  std::vector<factor_row> rows;
  double price_factor = 1.0;
  double split_factor = 1.0;
  for (std::size_t k = events.size(); k-- > 0;) {
    const corporate_action& e = events[k];
    // First bar on or after the ex-date; the bar before it is the row's date.
    const auto after = static_cast<std::size_t>(std::lower_bound(dates.begin(), dates.end(), e.ex_date) - dates.begin());
    if (after == 0) break;  // this and every earlier event precede all bars
    if (!rows.empty() && rows.back().date == dates[after - 1]) {
      throw_input_error("bulwark.data.corporate_actions",
                        "events[{}] ({}) and events[{}] ({}) both fall after the bar of {} and "
                        "before the next; expected at most one event between two bars",
                        k, iso8601(e.ex_date), k + 1, iso8601(events[k + 1].ex_date),
                        iso8601(dates[after - 1]));
    }
    double reference = 0.0;
    double step = 1.0;
    if (e.dividend > 0.0) {
      const dividend_context context{.dividend = e.dividend,
                                     .prior_close = close_at(after - 1),
                                     .ex_date_close = after < dates.size() ? close_at(after) : missing};
      reference = convention.reference_price(context);
      if (!(std::isfinite(reference) && reference > e.dividend)) {
        throw_input_error("bulwark.data.corporate_actions",
                          "events[{}] ({}): dividend {} against reference price {} ({}); expected a "
                          "finite reference price above the dividend",
                          k, iso8601(e.ex_date), e.dividend, reference, Convention::name);
      }
      step = 1.0 - e.dividend / reference;
    } else {
      reference = close_at(after - 1);
    }
    price_factor *= step;
    split_factor /= e.split_ratio;
    rows.push_back({.date = dates[after - 1], .price_factor = price_factor,
                    .split_factor = split_factor, .reference_price = reference});
  }
  std::reverse(rows.begin(), rows.end());
  return factor_table::from_rows(std::move(rows));
}

/// Reads a factor file with the header `date,price_factor,split_factor,reference_price`
/// (the shared Lean files; a final `2050-12-31,1,1,0` marker row is harmless). Throws
/// `input_error` with id `bulwark.data.csv` for a malformed file and
/// `bulwark.data.factor_table` for values that are not a table (see `from_rows`).
[[nodiscard]] inline factor_table read_factor_file(const std::filesystem::path& file) {
  const numeric_table t = read_table(
      file, table_spec{.time_column = "date", .columns = {"price_factor", "split_factor", "reference_price"}});
  std::vector<factor_row> rows(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    rows[i] = {.date = date::sys_days{t.local_date(i)},
               .price_factor = t.column("price_factor")[i],
               .split_factor = t.column("split_factor")[i],
               .reference_price = t.column("reference_price")[i]};
  }
  return factor_table::from_rows(std::move(rows));
}

/// The events a factor table encodes, between consecutive rows i and i + 1 (the last row
/// against factors of 1): split ratio = split_factor[i+1] / split_factor[i], dividend =
/// reference_price[i] x (1 - price_factor[i] / price_factor[i+1]) (exact for `prior_close`
/// tables such as Lean's). The ex-date is the first of `sessions` after row i's date.
/// Row pairs with no change give no event. Throws `input_error` (id
/// `bulwark.data.factor_table`) when a change has no later session in `sessions`.
/// Lean stores factors to about 7 significant digits, so recovered amounts carry that
/// rounding (a 2:1 split may read 2.00001).
[[nodiscard]] inline std::vector<corporate_action> events_from_factor_table(
    const factor_table& table, std::span<const date::sys_days> sessions) {
  std::vector<corporate_action> events;
  const auto rows = table.rows();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double next_price = i + 1 < rows.size() ? rows[i + 1].price_factor : 1.0;
    const double next_split = i + 1 < rows.size() ? rows[i + 1].split_factor : 1.0;
    const double split_ratio = next_split / rows[i].split_factor;
    const double dividend = rows[i].reference_price * (1.0 - rows[i].price_factor / next_price);
    if (split_ratio == 1.0 && dividend == 0.0) continue;
    const auto next = std::upper_bound(sessions.begin(), sessions.end(), rows[i].date);
    if (next == sessions.end()) {
      throw_input_error("bulwark.data.factor_table",
                        "rows[{}] ({}) changes the factors but no session follows it; expected the "
                        "ex-date among the sessions",
                        i, iso8601(rows[i].date));
    }
    events.push_back({.ex_date = *next, .split_ratio = split_ratio, .dividend = dividend});
  }
  return events;
}

}  // namespace bulwark::data

/// Formats as `2014-06-06 price 0.9011818 split 0.0357143 reference 645.57`.
template <>
struct fmt::formatter<bulwark::data::factor_row> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::data::factor_row& r, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} price {} split {} reference {}", bulwark::iso8601(r.date),
                          r.price_factor, r.split_factor, r.reference_price);
  }
};
