// SPDX-License-Identifier: MIT
/// \file
/// \brief Checks of daily bars against an exchange calendar: bars on days the exchange
/// was closed (`non_session_bars`) and sessions with no bar (`missing_sessions`).
///
/// Synopsis
/// \code
/// calendar::xnys nyse;
/// non_session_bars<calendar::xnys>{.calendar = &nyse}                        // id "non_session", error
/// missing_sessions<calendar::xnys>{.calendar = &nyse, .level = severity::warning}  // id "missing_sessions"
/// \endcode
///
/// For daily bars: the session a bar belongs to is the UTC calendar date of its time
/// (a date-only file reads as midnight UTC, and a New York session's instants all fall on
/// its own UTC date). A bar dated outside the calendar's range gets one info finding per
/// run of such rows and is otherwise not judged. `missing_sessions` counts the sessions
/// strictly between consecutive bars (rows out of order are `time_order`'s business).
/// The calendar is any `calendar::TradingCalendar`; the check keeps a pointer to it, so it
/// must outlive the validator. O(n) calendar look-ups (O(1) each for xnys), no allocation.
#pragma once

#include <cstddef>
#include <string_view>

#include <date/date.h>

#include "bulwark/calendar/trading_calendar.hpp"
#include "bulwark/core/error.hpp"
#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/finding.hpp"

namespace bulwark::validate {

namespace detail {

template <class Calendar>
void require_calendar(const Calendar* calendar, std::string_view check) {
  static_assert(calendar::TradingCalendar<Calendar>,
                "bulwark::validate: the calendar does not model "
                "bulwark::calendar::TradingCalendar (contains, is_session, next_session, "
                "session_count, close); see docs/calendar.md#tradingcalendar");
  if (calendar == nullptr) {
    throw_config_error("bulwark.validate.calendar", "{}: no calendar given", check);
  }
}

[[nodiscard]] inline date::sys_days session_day(timestamp t) noexcept {
  return date::floor<date::days>(t);
}

}  // namespace detail

/// Bars dated on days the exchange was closed.
template <class Calendar>
struct non_session_bars {
  static constexpr std::string_view id = "non_session";
  const Calendar* calendar = nullptr;
  severity level = severity::error;

  void check_config() const { detail::require_calendar(calendar, id); }

  void scan(bar_scan& s) const {
    const auto* t = s.bars().times().data();
    for (std::size_t i = s.begin(); i < s.end(); ++i) {
      const date::sys_days d = detail::session_day(t[i]);
      if (!calendar->contains(d)) {
        if (i == 0 || calendar->contains(detail::session_day(t[i - 1]))) {
          s.flag(i, severity::info, "date outside the calendar's range: not checked", {});
        }
        continue;
      }
      if (!calendar->is_session(d)) s.flag(i, level, "bar on a day the exchange was closed", {});
    }
  }
};

/// Sessions between two consecutive bars that have no bar.
template <class Calendar>
struct missing_sessions {
  static constexpr std::string_view id = "missing_sessions";
  const Calendar* calendar = nullptr;
  severity level = severity::warning;

  void check_config() const { detail::require_calendar(calendar, id); }

  void scan(bar_scan& s) const {
    const auto* t = s.bars().times().data();
    for (std::size_t i = s.begin() == 0 ? 1 : s.begin(); i < s.end(); ++i) {
      const date::sys_days before = detail::session_day(t[i - 1]);
      const date::sys_days day = detail::session_day(t[i]);
      if (day <= before + date::days{1}) continue;
      if (!calendar->contains(before) || !calendar->contains(day)) continue;
      const std::size_t missing =
          calendar->session_count(before + date::days{1}, day - date::days{1});
      if (missing == 0) continue;
      const date::sys_days first_missing = calendar->next_session(before);
      s.flag(i, level, "sessions with no bar before this row",
             {{"missing", static_cast<double>(missing)},
              {"first_missing_yyyymmdd", yyyymmdd(first_missing)}});
    }
  }

 private:
  static double yyyymmdd(date::sys_days d) noexcept {
    const date::year_month_day ymd{d};
    return static_cast<double>(static_cast<int>(ymd.year()) * 10000 +
                               static_cast<int>(static_cast<unsigned>(ymd.month())) * 100 +
                               static_cast<int>(static_cast<unsigned>(ymd.day())));
  }
};

}  // namespace bulwark::validate
