// SPDX-License-Identifier: MIT
/// \file
/// \brief The `TradingCalendar` concept: what bulwark needs to know about an exchange's
/// sessions, so components that reason about sessions (the validator's calendar checks,
/// staleness in sessions) work with `calendar::xnys` or with a user's own calendar.
#pragma once

#include <concepts>
#include <cstddef>

#include <date/date.h>

#include "bulwark/core/time.hpp"

namespace bulwark::calendar {

/**
 * @brief An exchange calendar: which dates are sessions and when they close.
 *
 * Requirements, for `c` a `const C&` and `d`, `e` of type `date::sys_days` (dates in the
 * exchange's own time zone):
 * | expression             | type                      | semantics                                |
 * |------------------------|---------------------------|------------------------------------------|
 * | `c.contains(d)`        | convertible to `bool`     | d is in the calendar's range; never      |
 * |                        |                           | throws                                   |
 * | `c.is_session(d)`      | convertible to `bool`     | the exchange trades on d (d in range)    |
 * | `c.next_session(d)`    | `date::sys_days`          | the first session strictly after d       |
 * | `c.session_count(d, e)`| convertible to `size_t`   | sessions in [d, e]; 0 when e < d         |
 * | `c.close(d)`           | `timestamp`               | the UTC closing instant of session d     |
 *
 * The functions other than `contains` may throw for a date outside the range. See
 * docs/calendar.md#tradingcalendar.
 */
template <class C>
concept TradingCalendar = requires(const C& c, date::sys_days d) {
  { c.contains(d) } -> std::convertible_to<bool>;
  { c.is_session(d) } -> std::convertible_to<bool>;
  { c.next_session(d) } -> std::same_as<date::sys_days>;
  { c.session_count(d, d) } -> std::convertible_to<std::size_t>;
  { c.close(d) } -> std::same_as<timestamp>;
};

}  // namespace bulwark::calendar
