// SPDX-License-Identifier: MIT
// A calendar without session_count is not a TradingCalendar: the calendar check says so.
// expect: does not model bulwark::calendar::TradingCalendar
#include <date/date.h>

#include "bulwark/calendar/xnys.hpp"
#include "bulwark/validate/calendar_checks.hpp"
#include "bulwark/validate/validator.hpp"

namespace {
struct weekday_calendar {  // knows sessions but cannot count them
  bool contains(date::sys_days) const { return true; }
  bool is_session(date::sys_days d) const { return date::weekday{d}.iso_encoding() <= 5; }
  date::sys_days next_session(date::sys_days d) const { return d + date::days{1}; }
  bulwark::timestamp close(date::sys_days d) const { return bulwark::timestamp{d}; }
};
}  // namespace

bulwark::validate::report check_days(const bulwark::bar_series& s) {
#ifdef BULWARK_COMPILE_FAIL
  const weekday_calendar cal;
  const bulwark::validate::validator v{bulwark::validate::missing_sessions<weekday_calendar>{.calendar = &cal}};
#else
  const bulwark::calendar::xnys cal;
  const bulwark::validate::validator v{bulwark::validate::missing_sessions<bulwark::calendar::xnys>{.calendar = &cal}};
#endif
  return v.run(s);
}
