// SPDX-License-Identifier: MIT
/// \file
/// \brief The date rules that holiday calendars are written in: Easter Sunday (the
/// Gregorian computus) and the weekend observance rules of US holidays.
///
/// Synopsis
/// \code
/// constexpr date::year_month_day easter_sunday(date::year y);  // 2024 -> 2024-03-31
/// constexpr bool is_weekend(date::sys_days d);                  // Saturday or Sunday
/// constexpr date::sys_days nearest_weekday(date::sys_days d);   // Sat -> Fri, Sun -> Mon
/// constexpr date::sys_days sunday_to_monday(date::sys_days d);  // Sun -> Mon, Sat stays
/// \endcode
///
/// Weekday rules such as "third Monday of January" need no helper: date.h spells them
/// `sys_days{y / January / Monday[3]}` and `sys_days{y / May / Monday[last]}`.
///
/// The observance rules are those of pandas.tseries.holiday (`nearest_workday`,
/// `sunday_to_monday`), which the exchange_calendars package uses to define its calendars.
#pragma once

#include <date/date.h>

namespace bulwark::calendar {

/// Easter Sunday of the Gregorian year `y`, by the anonymous Gregorian algorithm
/// (Meeus/Jones/Butcher; J. Meeus, "Astronomical Algorithms", 2nd ed., ch. 8), which is
/// exact for every Gregorian year. Good Friday is two days earlier.
[[nodiscard]] constexpr date::year_month_day easter_sunday(date::year y) noexcept {
  const int year = static_cast<int>(y);
  const int a = year % 19;         // position in the 19-year Metonic cycle
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;   // lunar correction
  const int h = (19 * a + b - d - g + 15) % 30;  // epact-derived day of the paschal full moon
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;  // days to the following Sunday
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return date::year_month_day{y, date::month{static_cast<unsigned>(month)},
                              date::day{static_cast<unsigned>(day)}};
}

/// True on Saturday and Sunday.
[[nodiscard]] constexpr bool is_weekend(date::sys_days d) noexcept {
  const date::weekday w{d};
  return w == date::Saturday || w == date::Sunday;
}

/// A holiday that falls on Saturday is observed on the Friday before, one on Sunday on the
/// Monday after (pandas' `nearest_workday`).
[[nodiscard]] constexpr date::sys_days nearest_weekday(date::sys_days d) noexcept {
  const date::weekday w{d};
  if (w == date::Saturday) return d - date::days{1};
  if (w == date::Sunday) return d + date::days{1};
  return d;
}

/// A holiday that falls on Sunday is observed on the Monday after; one on Saturday is not
/// moved (pandas' `sunday_to_monday`), so it falls on a day without trading anyway.
[[nodiscard]] constexpr date::sys_days sunday_to_monday(date::sys_days d) noexcept {
  return date::weekday{d} == date::Sunday ? d + date::days{1} : d;
}

}  // namespace bulwark::calendar
