// SPDX-License-Identifier: MIT
/// \file
/// \brief `xnys`: the New York Stock Exchange's trading calendar, derived from the
/// exchange's rules (no data file, no time-zone database), for 1990-01-01 to 2099-12-31.
///
/// Synopsis
/// \code
/// calendar::xnys nyse;
/// nyse.is_session(d);                      // d: date::sys_days
/// nyse.next_session(d);  nyse.previous_session(d);      // strictly after / before d
/// nyse.sessions(from, to);  nyse.session_count(from, to);  // inclusive dates
/// nyse.open(d);  nyse.close(d);  nyse.session(d);        // UTC instants of a session
/// nyse.is_open(t);                         // t: timestamp; open <= t < close of a session
/// nyse.sessions_between(t0, t1);           // sessions whose hours overlap [t0, t1)
/// nyse.next_open(t);  nyse.next_close(t);  nyse.minutes_to_next_open(t);
/// nyse.describe(d);                        // "Good Friday", "early close: Christmas Eve", ...
/// \endcode
///
/// Rules, as the exchange applied them from 1990 (the holiday and early-close rules of the
/// exchange_calendars package's XNYS calendar, `exchange_calendars/exchange_calendar_xnys.py`
/// and `us_holidays.py`, which cite the NYSE's own closings history):
/// - closed on Saturday and Sunday;
/// - holidays: New Year's Day (Sunday -> Monday; a Saturday New Year's Day is **not**
///   observed on the Friday before), Martin Luther King Jr. Day (third Monday of January,
///   from 1998), Washington's Birthday (third Monday of February), Good Friday, Memorial
///   Day (last Monday of May), Juneteenth (June 19, from 2022), Independence Day (July 4),
///   Labor Day (first Monday of September), Thanksgiving (fourth Thursday of November),
///   Christmas (December 25); Juneteenth, Independence Day and Christmas move from
///   Saturday to Friday and from Sunday to Monday;
/// - one-off closures: 1994-04-27 (Richard Nixon), 2001-09-11 to 09-14 (September 11),
///   2004-06-11 (Ronald Reagan), 2007-01-02 (Gerald Ford), 2012-10-29 and 10-30
///   (Hurricane Sandy), 2018-12-05 (George H. W. Bush), 2025-01-09 (Jimmy Carter);
/// - early closes at 13:00: July 3 on a Monday, Tuesday or Thursday (from 1995) and on a
///   Wednesday (from 2013); July 5 on a Friday (1995 to 2012); the day after Thanksgiving
///   (from 1993); December 24 on Monday to Thursday (from 1993); and 1997-12-26,
///   1999-12-31 and 2003-12-26. Before 1993 the early close was at 14:00: December 24 on
///   Monday to Thursday (1990 to 1992) and the day after Thanksgiving in 1992;
/// - otherwise open 09:30 to 16:00 New York time, converted to UTC with the US
///   daylight-saving rules of each year (us_eastern.hpp).
/// Later years follow today's rules; a future one-off closure is not known in advance.
/// Sessions are the exchange's regular hours: intraday halts and delayed openings (e.g.
/// the 1997-10-27 circuit-breaker halt) are not modelled, as in exchange_calendars.
///
/// Cost: the first use builds a table of the 40,177 days (120 kB) once per
/// program; after that `is_session`, `session_count` and the neighbours of a session are
/// O(1), and open/close instants are a few date computations.
///
/// Bad input: a date or instant outside 1990-01-01..2099-12-31 (New York time), a
/// session asked of a day that is not one, a next/previous session beyond the range, or
/// reversed bounds are an `input_error` (id `bulwark.calendar.xnys`) naming the function
/// and the value. `contains` tells in advance whether a day is in range.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

#include "bulwark/calendar/holiday_rules.hpp"
#include "bulwark/calendar/us_eastern.hpp"
#include "bulwark/core/error.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark::calendar {

/// One trading session: its date (New York) and its opening and closing instants (UTC).
struct trading_session {
  date::sys_days day;
  timestamp open;
  timestamp close;

  friend bool operator==(const trading_session&, const trading_session&) = default;
};

namespace detail {

inline constexpr auto xnys_id = "bulwark.calendar.xnys";

// What a day is, in the table. Sessions compare greater than the closed kinds.
enum class xnys_day : std::uint8_t { weekend, closed, full, close_1300, close_1400 };

struct xnys_special_day {
  date::sys_days day;
  xnys_day kind;
  std::string_view reason;
};

// The holidays, closures and early closes of year y (weekdays only, by the rules in the
// file comment), unsorted. A closure on the same day as an early close wins.
inline void xnys_special_days(date::year y, std::vector<xnys_special_day>& out) {
  using namespace date;
  using K = xnys_day;
  const auto add = [&](sys_days d, K kind, std::string_view why) {
    if (!is_weekend(d)) out.push_back({d, kind, why});
  };
  const auto closed = [&](sys_days d, std::string_view why) { add(d, K::closed, why); };
  closed(sunday_to_monday(sys_days{y / January / 1}), "New Year's Day");
  if (y >= year{1998}) closed(sys_days{y / January / Monday[3]}, "Martin Luther King Jr. Day");
  closed(sys_days{y / February / Monday[3]}, "Washington's Birthday");
  closed(sys_days{easter_sunday(y)} - days{2}, "Good Friday");
  closed(sys_days{y / May / Monday[last]}, "Memorial Day");
  if (y >= year{2022}) closed(nearest_weekday(sys_days{y / June / 19}), "Juneteenth");
  closed(nearest_weekday(sys_days{y / July / 4}), "Independence Day");
  closed(sys_days{y / September / Monday[1]}, "Labor Day");
  const sys_days thanksgiving{y / November / Thursday[4]};
  closed(thanksgiving, "Thanksgiving Day");
  closed(nearest_weekday(sys_days{y / December / 25}), "Christmas Day");

  const sys_days july3{y / July / 3};
  const weekday w3{july3};
  if ((y >= year{1995} && (w3 == Monday || w3 == Tuesday || w3 == Thursday)) ||
      (y >= year{2013} && w3 == Wednesday)) {
    add(july3, K::close_1300, "early close: day before Independence Day");
  }
  const sys_days july5{y / July / 5};
  if (y >= year{1995} && y <= year{2012} && weekday{july5} == Friday) {
    add(july5, K::close_1300, "early close: day after Independence Day");
  }
  if (y >= year{1992}) {
    add(thanksgiving + days{1}, y >= year{1993} ? K::close_1300 : K::close_1400,
          "early close: day after Thanksgiving");
  }
  const sys_days christmas_eve{y / December / 24};
  if (weekday{christmas_eve} != Friday) {
    add(christmas_eve, y >= year{1993} ? K::close_1300 : K::close_1400,
          "early close: Christmas Eve");
  }

  struct one_off {
    year_month_day day;
    K kind;
    std::string_view reason;
  };
  static constexpr one_off one_offs[] = {
      {1994_y / April / 27, K::closed, "national day of mourning: Richard Nixon"},
      {1997_y / December / 26, K::close_1300, "early close: day after Christmas"},
      {1999_y / December / 31, K::close_1300, "early close: New Year's Eve 1999"},
      {2001_y / September / 11, K::closed, "September 11 attacks"},
      {2001_y / September / 12, K::closed, "September 11 attacks"},
      {2001_y / September / 13, K::closed, "September 11 attacks"},
      {2001_y / September / 14, K::closed, "September 11 attacks"},
      {2003_y / December / 26, K::close_1300, "early close: day after Christmas"},
      {2004_y / June / 11, K::closed, "national day of mourning: Ronald Reagan"},
      {2007_y / January / 2, K::closed, "national day of mourning: Gerald Ford"},
      {2012_y / October / 29, K::closed, "Hurricane Sandy"},
      {2012_y / October / 30, K::closed, "Hurricane Sandy"},
      {2018_y / December / 5, K::closed, "national day of mourning: George H. W. Bush"},
      {2025_y / January / 9, K::closed, "national day of mourning: Jimmy Carter"},
  };
  for (const one_off& o : one_offs) {
    if (o.day.year() == y) out.push_back({sys_days{o.day}, o.kind, o.reason});
  }
}

class xnys_table {
 public:
  static constexpr date::sys_days first{date::year{1990} / date::January / 1};
  static constexpr date::sys_days last{date::year{2099} / date::December / 31};
  static constexpr std::size_t days = static_cast<std::size_t>((last - first).count()) + 1;

  static const xnys_table& get() {
    static const xnys_table table;
    return table;
  }

  [[nodiscard]] std::size_t index(date::sys_days d) const noexcept {
    return static_cast<std::size_t>((d - first).count());
  }
  [[nodiscard]] xnys_day kind(date::sys_days d) const noexcept { return kind_[index(d)]; }
  /// Sessions on days before `d` (d may be last + 1).
  [[nodiscard]] std::size_t sessions_before(date::sys_days d) const noexcept {
    return rank_[index(d)];
  }
  [[nodiscard]] const std::vector<xnys_special_day>& specials() const noexcept {
    return specials_;
  }

 private:
  xnys_table() : kind_(days), rank_(days + 1) {
    for (date::year y = date::year_month_day{first}.year();
         y <= date::year_month_day{last}.year(); ++y) {
      xnys_special_days(y, specials_);
    }
    // Closures first, so a closure on a day with an early-close rule wins.
    using special = xnys_special_day;
    std::stable_sort(specials_.begin(), specials_.end(), [](const special& a, const special& b) {
      if (a.day != b.day) return a.day < b.day;
      return a.kind == xnys_day::closed && b.kind != xnys_day::closed;
    });
    specials_.erase(std::unique(specials_.begin(), specials_.end(),
                                [](const special& a, const special& b) { return a.day == b.day; }),
                    specials_.end());
    for (std::size_t i = 0; i < days; ++i) {
      const date::sys_days d = first + date::days{static_cast<int>(i)};
      kind_[i] = is_weekend(d) ? xnys_day::weekend : xnys_day::full;
    }
    for (const special& s : specials_) kind_[index(s.day)] = s.kind;
    std::uint16_t sessions = 0;
    for (std::size_t i = 0; i < days; ++i) {
      rank_[i] = sessions;
      if (kind_[i] >= xnys_day::full) ++sessions;
    }
    rank_[days] = sessions;
  }

  std::vector<xnys_day> kind_;
  std::vector<std::uint16_t> rank_;  // at most 27,800 sessions
  std::vector<xnys_special_day> specials_;
};

}  // namespace detail

/// The New York Stock Exchange calendar (see the file comment for its rules). A stateless
/// handle: copies are free and all of them share one table, built on first use.
class xnys {
 public:
  /// The first and last days the calendar covers.
  static constexpr date::sys_days first_day = detail::xnys_table::first;
  static constexpr date::sys_days last_day = detail::xnys_table::last;

  /// Regular hours, New York time.
  static constexpr std::chrono::minutes regular_open{9 * 60 + 30};
  static constexpr std::chrono::minutes regular_close{16 * 60};

  xnys() : table_(&detail::xnys_table::get()) {}

  /// True when `d` lies in first_day..last_day. Never throws.
  [[nodiscard]] static constexpr bool contains(date::sys_days d) noexcept {
    return d >= first_day && d <= last_day;
  }

  /// True when the exchange trades on `d` (a New York date).
  [[nodiscard]] bool is_session(date::sys_days d) const {
    require_day(d, "is_session");
    return table_->kind(d) >= detail::xnys_day::full;
  }

  /// True when `d` is a session that closes before 16:00.
  [[nodiscard]] bool is_early_close(date::sys_days d) const {
    require_day(d, "is_early_close");
    return table_->kind(d) > detail::xnys_day::full;
  }

  /// The first session strictly after `d`.
  [[nodiscard]] date::sys_days next_session(date::sys_days d) const {
    require_day(d, "next_session");
    for (date::sys_days s = d + date::days{1}; s <= last_day; s += date::days{1}) {
      if (table_->kind(s) >= detail::xnys_day::full) return s;
    }
    throw_input_error(detail::xnys_id, "next_session: no session after {} before {}",
                      iso8601(d), iso8601(last_day));
  }

  /// The last session strictly before `d`.
  [[nodiscard]] date::sys_days previous_session(date::sys_days d) const {
    require_day(d, "previous_session");
    for (date::sys_days s = d - date::days{1}; s >= first_day; s -= date::days{1}) {
      if (table_->kind(s) >= detail::xnys_day::full) return s;
    }
    throw_input_error(detail::xnys_id, "previous_session: no session before {} after {}",
                      iso8601(d), iso8601(first_day));
  }

  /// The number of sessions in [from, to] (0 when to < from). O(1).
  [[nodiscard]] std::size_t session_count(date::sys_days from, date::sys_days to) const {
    require_day(from, "session_count");
    require_day(to, "session_count");
    if (to < from) return 0;
    return table_->sessions_before(to + date::days{1}) - table_->sessions_before(from);
  }

  /// The sessions in [from, to], oldest first (empty when to < from).
  [[nodiscard]] std::vector<date::sys_days> sessions(date::sys_days from, date::sys_days to) const {
    std::vector<date::sys_days> out;
    out.reserve(session_count(from, to));
    for (date::sys_days d = from; d <= to; d += date::days{1}) {
      if (table_->kind(d) >= detail::xnys_day::full) out.push_back(d);
    }
    return out;
  }

  /// The opening instant (UTC) of session `d`.
  [[nodiscard]] timestamp open(date::sys_days d) const {
    require_session(d, "open");
    return from_us_eastern(date::local_days{d.time_since_epoch()}, regular_open);
  }

  /// The closing instant (UTC) of session `d`: 16:00 New York time, or the early close.
  [[nodiscard]] timestamp close(date::sys_days d) const {
    require_session(d, "close");
    return from_us_eastern(date::local_days{d.time_since_epoch()}, local_close(table_->kind(d)));
  }

  /// Session `d` with its opening and closing instants.
  [[nodiscard]] trading_session session(date::sys_days d) const { return {d, open(d), close(d)}; }

  /// True when `t` falls in a session's hours, open <= t < close.
  [[nodiscard]] bool is_open(timestamp t) const {
    const date::sys_days d = new_york_day(t, "is_open");
    return table_->kind(d) >= detail::xnys_day::full && t >= open(d) && t < close(d);
  }

  /// The first opening at or after `t` (the next session's when the market is open at t).
  [[nodiscard]] timestamp next_open(timestamp t) const {
    const date::sys_days d = new_york_day(t, "next_open");
    if (table_->kind(d) >= detail::xnys_day::full && t <= open(d)) return open(d);
    return open(next_session(d));
  }

  /// The first closing strictly after `t`.
  [[nodiscard]] timestamp next_close(timestamp t) const {
    const date::sys_days d = new_york_day(t, "next_close");
    if (table_->kind(d) >= detail::xnys_day::full && t < close(d)) return close(d);
    return close(next_session(d));
  }

  /// Whole minutes until next_open(t), rounded up (0 exactly at an opening).
  [[nodiscard]] std::chrono::minutes minutes_to_next_open(timestamp t) const {
    return std::chrono::ceil<std::chrono::minutes>(next_open(t) - t);
  }

  /// The sessions whose hours [open, close) overlap [from, to), oldest first.
  [[nodiscard]] std::vector<date::sys_days> sessions_between(timestamp from, timestamp to) const {
    if (to < from) {
      throw_input_error(detail::xnys_id, "sessions_between: to {} is before from {}",
                        iso8601(to), iso8601(from));
    }
    const date::sys_days first = new_york_day(from, "sessions_between");
    const date::sys_days last = new_york_day(to, "sessions_between");
    std::vector<date::sys_days> out;
    for (date::sys_days d = first; d <= last; d += date::days{1}) {
      if (table_->kind(d) >= detail::xnys_day::full && open(d) < to && close(d) > from) {
        out.push_back(d);
      }
    }
    return out;
  }

  /// Why `d` is not a regular full session ("Saturday", "Good Friday", "early close:
  /// Christmas Eve", ...), or "" for a regular session.
  [[nodiscard]] std::string_view describe(date::sys_days d) const {
    require_day(d, "describe");
    const date::weekday w{d};
    if (w == date::Saturday) return "Saturday";
    if (w == date::Sunday) return "Sunday";
    const auto& specials = table_->specials();
    const auto it = std::lower_bound(
        specials.begin(), specials.end(), d,
        [](const detail::xnys_special_day& s, date::sys_days v) { return s.day < v; });
    return it != specials.end() && it->day == d ? it->reason : std::string_view{};
  }

 private:
  static std::chrono::minutes local_close(detail::xnys_day kind) noexcept {
    switch (kind) {
      case detail::xnys_day::close_1300: return std::chrono::minutes{13 * 60};
      case detail::xnys_day::close_1400: return std::chrono::minutes{14 * 60};
      default: return regular_close;
    }
  }

  static void require_day(date::sys_days d, const char* function) {
    if (contains(d)) return;
    throw_input_error(detail::xnys_id, "{}: {} outside the calendar's range {}..{}", function,
                      iso8601(d), iso8601(first_day), iso8601(last_day));
  }

  void require_session(date::sys_days d, const char* function) const {
    require_day(d, function);
    if (table_->kind(d) >= detail::xnys_day::full) return;
    const std::string_view why = describe(d);
    throw_input_error(detail::xnys_id, "{}: {} is not a session ({})", function, iso8601(d),
                      why.empty() ? std::string_view{"closed"} : why);
  }

  // The New York date of instant t, checked against the calendar's range.
  static date::sys_days new_york_day(timestamp t, const char* function) {
    const date::year y = utc_date(t).year();
    if (y >= us_eastern_first_year && y <= us_eastern_last_year) {
      const date::sys_days d{date::floor<date::days>(to_us_eastern(t)).time_since_epoch()};
      if (contains(d)) return d;
    }
    throw_input_error(detail::xnys_id, "{}: {} outside the calendar's range {}..{} (New York)",
                      function, iso8601(t), iso8601(first_day), iso8601(last_day));
  }

  const detail::xnys_table* table_;
};

}  // namespace bulwark::calendar

/// Formats as `2019-07-03 2019-07-03T13:30:00Z..2019-07-03T17:00:00Z` (the date, then the
/// UTC open and close).
template <>
struct fmt::formatter<bulwark::calendar::trading_session> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::calendar::trading_session& s, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} {}..{}", bulwark::iso8601(s.day),
                          bulwark::iso8601(s.open), bulwark::iso8601(s.close));
  }
};

/// Formats as `XNYS 1990-01-01..2099-12-31`.
template <>
struct fmt::formatter<bulwark::calendar::xnys> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::calendar::xnys&, FormatContext& ctx) const -> decltype(ctx.out()) {
    using bulwark::calendar::xnys;
    return fmt::format_to(ctx.out(), "XNYS {}..{}", bulwark::iso8601(xnys::first_day),
                          bulwark::iso8601(xnys::last_day));
  }
};
