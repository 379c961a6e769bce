// SPDX-License-Identifier: MIT
/// \file
/// \brief US Eastern time (America/New_York) from the federal daylight-saving rules, with
/// no time-zone database: the UTC offset of any instant, and conversions between New York
/// wall-clock time and UTC.
///
/// Synopsis
/// \code
/// struct daylight_saving { timestamp begin, end; };           // [begin, end), UTC
/// daylight_saving us_eastern_daylight_saving(date::year y);    // 2024: 03-10T07:00Z .. 11-03T06:00Z
/// std::chrono::minutes us_eastern_utc_offset(timestamp t);     // -240 (EDT) or -300 (EST)
/// date::local_time<duration> to_us_eastern(timestamp t);       // wall-clock time in New York
/// timestamp from_us_eastern(date::local_days day, duration time_of_day);  // and back
/// \endcode
///
/// Rules (15 U.S.C. 260a): standard time is UTC-5, daylight time UTC-4, and the clocks
/// change at 02:00 local time, i.e. at 07:00 UTC in spring and 06:00 UTC in autumn.
/// - 1987 to 2006 (Uniform Time Act as amended in 1986): daylight time from the first
///   Sunday in April to the last Sunday in October;
/// - from 2007 (Energy Policy Act of 2005, section 110): from the second Sunday in March to
///   the first Sunday in November.
/// Valid for the years 1987 to 2100, the later ones under the rules in force today.
///
/// Bad input: a year or instant outside that range, and a wall-clock time that does not
/// exist (the skipped hour in March) or exists twice (the repeated hour in November) in
/// `from_us_eastern`, are an `input_error` (id `bulwark.calendar.us_eastern`).
#pragma once

#include <chrono>

#include <date/date.h>
#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark::calendar {

/// The first and last years whose US Eastern offsets bulwark derives.
inline constexpr date::year us_eastern_first_year{1987};
inline constexpr date::year us_eastern_last_year{2100};

/// The daylight-saving period of one year as UTC instants: daylight time (UTC-4) holds on
/// [begin, end), standard time (UTC-5) outside it.
struct daylight_saving {
  timestamp begin;
  timestamp end;

  friend bool operator==(const daylight_saving&, const daylight_saving&) = default;
};

namespace detail {

inline constexpr auto us_eastern_id = "bulwark.calendar.us_eastern";

inline void require_us_eastern_year(date::year y, const char* what) {
  if (y >= us_eastern_first_year && y <= us_eastern_last_year) return;
  throw_input_error(us_eastern_id, "{}: year {} outside the supported range {}..{}", what,
                    static_cast<int>(y), static_cast<int>(us_eastern_first_year),
                    static_cast<int>(us_eastern_last_year));
}

// The daylight-saving period without the range check: callers have checked the year.
[[nodiscard]] constexpr daylight_saving us_eastern_rule(date::year y) noexcept {
  using namespace date;
  using std::chrono::hours;
  const bool energy_policy_act = y >= year{2007};
  const sys_days spring = energy_policy_act ? sys_days{y / March / Sunday[2]}
                                            : sys_days{y / April / Sunday[1]};
  const sys_days autumn = energy_policy_act ? sys_days{y / November / Sunday[1]}
                                            : sys_days{y / October / Sunday[last]};
  // 02:00 EST = 07:00 UTC; 02:00 EDT = 06:00 UTC.
  return {timestamp{spring} + hours{7}, timestamp{autumn} + hours{6}};
}

}  // namespace detail

/// The daylight-saving period of year `y`. Throws `input_error` outside 1987..2100.
[[nodiscard]] inline daylight_saving us_eastern_daylight_saving(date::year y) {
  detail::require_us_eastern_year(y, "us_eastern_daylight_saving");
  return detail::us_eastern_rule(y);
}

/// The offset of New York time from UTC at the instant `t`: -240 minutes in daylight time,
/// -300 in standard time. Throws `input_error` when `t` is outside 1987..2100 (UTC).
[[nodiscard]] inline std::chrono::minutes us_eastern_utc_offset(timestamp t) {
  const date::year y = utc_date(t).year();
  detail::require_us_eastern_year(y, "us_eastern_utc_offset");
  const daylight_saving dst = detail::us_eastern_rule(y);
  return std::chrono::minutes{t >= dst.begin && t < dst.end ? -240 : -300};
}

/// New York wall-clock time at the instant `t` (see us_eastern_utc_offset for bad input).
[[nodiscard]] inline date::local_time<duration> to_us_eastern(timestamp t) {
  return date::local_time<duration>{(t + us_eastern_utc_offset(t)).time_since_epoch()};
}

/// The UTC instant of New York wall-clock time `time_of_day` on `day`. Throws
/// `input_error` when that time does not exist (02:00 to 03:00 on the spring-forward
/// Sunday) or is ambiguous (01:00 to 02:00 on the fall-back Sunday), when `time_of_day` is
/// outside [0, 24h), or when the year is outside 1987..2100.
[[nodiscard]] inline timestamp from_us_eastern(date::local_days day, duration time_of_day) {
  using std::chrono::hours;
  const date::year_month_day ymd{day};
  detail::require_us_eastern_year(ymd.year(), "from_us_eastern");
  if (time_of_day < duration::zero() || time_of_day >= hours{24}) {
    throw_input_error(detail::us_eastern_id,
                      "from_us_eastern: time of day {} ns outside [0, 24h) on {}",
                      time_of_day.count(), iso8601(ymd));
  }
  const timestamp as_standard = timestamp{date::sys_days{day.time_since_epoch()}} +
                                time_of_day + hours{5};
  const timestamp as_daylight = as_standard - hours{1};
  const daylight_saving dst = detail::us_eastern_rule(ymd.year());
  const bool standard_valid = as_standard < dst.begin || as_standard >= dst.end;
  const bool daylight_valid = as_daylight >= dst.begin && as_daylight < dst.end;
  if (standard_valid && daylight_valid) {
    throw_input_error(detail::us_eastern_id,
                      "from_us_eastern: {} {} ns after midnight occurs twice in New York "
                      "(clocks fall back); give the UTC instant instead",
                      iso8601(ymd), time_of_day.count());
  }
  if (!standard_valid && !daylight_valid) {
    throw_input_error(detail::us_eastern_id,
                      "from_us_eastern: {} {} ns after midnight does not exist in New York "
                      "(clocks spring forward)",
                      iso8601(ymd), time_of_day.count());
  }
  return daylight_valid ? as_daylight : as_standard;
}

}  // namespace bulwark::calendar

/// Formats as `2024-03-10T07:00:00Z .. 2024-11-03T06:00:00Z`.
template <>
struct fmt::formatter<bulwark::calendar::daylight_saving> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::calendar::daylight_saving& d, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} .. {}", bulwark::iso8601(d.begin),
                          bulwark::iso8601(d.end));
  }
};
