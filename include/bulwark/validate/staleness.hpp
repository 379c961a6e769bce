// SPDX-License-Identifier: MIT
/// \file
/// \brief Staleness: the last bar is older than a limit at the time a `Clock` gives, in
/// wall-clock time (`stale_after`) or in exchange sessions (`stale_sessions`).
///
/// Synopsis
/// \code
/// manual_clock clock{now};
/// stale_after<manual_clock>{.clock = &clock, .max_age = 15min}                        // id "stale"
/// stale_sessions<manual_clock, calendar::xnys>{.clock = &clock, .calendar = &nyse, .max_sessions = 0} // id "stale_sessions"
/// \endcode
///
/// - `stale_after`: now - time of the last row > max_age (an error by default). A last
///   bar later than now is an error too: data from the future means a clock or time-zone
///   mistake.
/// - `stale_sessions`: more than `max_sessions` sessions have closed (close <= now) after
///   the session of the last daily bar (its UTC date, as in calendar_checks.hpp). With the
///   default 0, daily data is stale once a session closes without its bar.
/// Findings go on the last row. An empty series has no row to flag and reports nothing.
/// The clock and calendar are pointers that must outlive the validator; a null one is a
/// `config_error` (id `bulwark.validate.staleness`), as is a negative max_age.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

#include <date/date.h>

#include "bulwark/calendar/trading_calendar.hpp"
#include "bulwark/core/clock.hpp"
#include "bulwark/core/error.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/calendar_checks.hpp"
#include "bulwark/validate/finding.hpp"

namespace bulwark::validate {

namespace detail {

template <class C>
void require_clock(const C* clock, std::string_view check) {
  static_assert(Clock<C>,
                "bulwark::validate: the clock does not model bulwark::Clock "
                "(timestamp now() const); see docs/concepts.md#clock");
  if (clock == nullptr) {
    throw_config_error("bulwark.validate.staleness", "{}: no clock given", check);
  }
}

}  // namespace detail

/// The last bar is older than `max_age` at `clock->now()`.
template <class C>
struct stale_after {
  static constexpr std::string_view id = "stale";
  const C* clock = nullptr;
  duration max_age = std::chrono::minutes{15};
  severity level = severity::error;

  void check_config() const {
    detail::require_clock(clock, id);
    if (max_age < duration::zero()) {
      throw_config_error("bulwark.validate.staleness", "stale: max_age {} ns is negative",
                         max_age.count());
    }
  }

  void scan(bar_scan& s) const {
    const std::size_t n = s.bars().size();
    if (n == 0 || s.end() != n) return;
    const timestamp now = clock->now();
    const timestamp last = s.bars().times()[n - 1];
    const double age_minutes = nanos_between(last, now) / 60e9;
    const double limit_minutes = std::chrono::duration<double, std::ratio<60>>(max_age).count();
    if (last > now) {
      s.flag(n - 1, severity::error, "last bar is later than the clock's time",
             {{"age_minutes", age_minutes}});
    } else if (!within_age(last, now, max_age)) {
      s.flag(n - 1, level, "last bar older than the limit",
             {{"age_minutes", age_minutes}, {"limit_minutes", limit_minutes}});
    }
  }
};

/// More than `max_sessions` sessions closed after the last daily bar's session.
template <class C, class Calendar>
struct stale_sessions {
  static constexpr std::string_view id = "stale_sessions";
  const C* clock = nullptr;
  const Calendar* calendar = nullptr;
  std::size_t max_sessions = 0;
  severity level = severity::error;

  void check_config() const {
    detail::require_clock(clock, id);
    detail::require_calendar(calendar, id);
  }

  void scan(bar_scan& s) const {
    const std::size_t n = s.bars().size();
    if (n == 0 || s.end() != n) return;
    const timestamp now = clock->now();
    const date::sys_days last = detail::session_day(s.bars().times()[n - 1]);
    if (!calendar->contains(last)) {
      s.flag(n - 1, severity::info, "date outside the calendar's range: not checked", {});
      return;
    }
    // Count closed sessions after `last`, stopping once the limit is exceeded.
    std::size_t closed = 0;
    for (date::sys_days d = last; closed <= max_sessions; ++closed) {
      d = calendar->next_session(d);
      if (calendar->close(d) > now) break;
    }
    if (closed > max_sessions) {
      s.flag(n - 1, level, "sessions closed since the last bar exceed the limit",
             {{"sessions_closed_at_least", static_cast<double>(closed)},
              {"limit", static_cast<double>(max_sessions)}});
    }
  }
};

}  // namespace bulwark::validate
