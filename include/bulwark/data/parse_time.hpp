// SPDX-License-Identifier: MIT
/// \file
/// \brief Parsing the time column of market-data files: ISO 8601 dates, ISO 8601
/// date-times with a UTC offset, and Unix epoch seconds or milliseconds, into a UTC
/// `timestamp` plus the offset the text carried.
///
/// Synopsis
/// \code
/// enum class time_format { automatic, iso8601, unix_seconds, unix_millis };
/// enum class time_error  { none, syntax, date, time_of_day, offset, no_offset, range };
/// struct parsed_time { timestamp time; std::int32_t utc_offset_seconds; time_error error; bool ok(); };
/// parsed_time parse_time(std::string_view text, time_format, bool naive_is_utc = false) noexcept;
/// time_format detect_time_format(std::string_view text) noexcept;  // never automatic
/// \endcode
///
/// Accepted text (nothing else; no surrounding spaces):
///
/// | form | example | instant |
/// |---|---|---|
/// | date | `2024-06-03` | 2024-06-03T00:00:00Z (the civil date at UTC midnight) |
/// | date-time + offset | `2013-10-07T09:30:00.000-04:00` | 2013-10-07T13:30:00Z |
/// | | `2022-06-06 00:00:00+01:00`, `...Z`, `...+0100`, `...+01` | |
/// | epoch seconds | `1380000000`, `-86400`, `1380000000.25` | seconds since 1970-01-01Z |
/// | epoch milliseconds | `1380000000000` | milliseconds since 1970-01-01Z |
///
/// The date-time separator is `T` or one space; seconds and a fraction of 1 to 9 digits are
/// optional; hours 00-23, minutes and seconds 00-59 (no leap second, as in POSIX time).
/// A date-time without an offset is local time of an unknown zone, so it is rejected
/// (`time_error::no_offset`) unless `naive_is_utc`. Years 1678-2261 only: `timestamp`
/// holds nanoseconds in 64 bits. `utc_offset_seconds` is the offset written in the text
/// (east of UTC positive; 0 for a date, `Z` or an epoch value), so the caller can recover
/// the local civil date the file meant (`utc_date(time + offset)`).
///
/// `detect_time_format` decides from one value: ISO when it starts `DDDD-`; epoch
/// milliseconds for an integer of 12 or more digits (1e11 ms is 1973-03-03, 1e11 s is the
/// year 5138), else epoch seconds. Readers detect once, from the first row, and hold every
/// later row to the same format, so a file can never switch units silently.
///
/// Cost: a few dozen integer operations; no allocation; never throws.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <date/date.h>

#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark::data {

/// How the time column is written.
enum class time_format : std::uint8_t {
  automatic,     ///< detected from the first data row (see `detect_time_format`)
  iso8601,       ///< a date, or a date-time with a UTC offset
  unix_seconds,  ///< integer seconds since the epoch, optionally with a fraction
  unix_millis,   ///< integer milliseconds since the epoch
};

[[nodiscard]] constexpr std::string_view to_string(time_format f) noexcept {
  switch (f) {
    case time_format::automatic: return "automatic";
    case time_format::iso8601: return "iso8601";
    case time_format::unix_seconds: return "unix_seconds";
    case time_format::unix_millis: return "unix_millis";
  }
  return "unknown";
}

/// Why a time did not parse.
enum class time_error : std::uint8_t {
  none,         ///< parsed
  syntax,       ///< not one of the accepted forms
  date,         ///< a month or day that does not exist (e.g. 2023-02-29)
  time_of_day,  ///< an hour, minute or second out of range
  offset,       ///< a UTC offset out of range (beyond +-23:59)
  no_offset,    ///< a date-time without `Z` or `+-HH:MM`, and naive times are not UTC
  range,        ///< outside the years 1678-2261 that `timestamp` represents
};

/// A phrase for messages: "is not an ISO 8601 date, date-time or epoch number", ...
[[nodiscard]] constexpr std::string_view to_string(time_error e) noexcept {
  switch (e) {
    case time_error::none: return "ok";
    case time_error::syntax: return "is not an ISO 8601 date or date-time, or an epoch number";
    case time_error::date: return "is not a valid calendar date";
    case time_error::time_of_day: return "has an hour, minute or second out of range";
    case time_error::offset: return "has a UTC offset out of range (at most 23:59)";
    case time_error::no_offset:
      return "has no UTC offset (expected Z or +-HH:MM; a naive time is ambiguous)";
    case time_error::range: return "is outside the years 1678-2261";
  }
  return "unknown";
}

/// The result of `parse_time`: the UTC instant and the offset written in the text.
struct parsed_time {
  timestamp time{};
  std::int32_t utc_offset_seconds = 0;  ///< east of UTC positive
  time_error error = time_error::none;

  [[nodiscard]] constexpr bool ok() const noexcept { return error == time_error::none; }
};

namespace detail {

[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// The value of `n` decimal digits at `p`, or -1 if any is not a digit.
[[nodiscard]] constexpr int digits_value(const char* p, int n) noexcept {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    if (!is_digit(p[i])) return -1;
    v = v * 10 + (p[i] - '0');
  }
  return v;
}

/// The fraction of a second in `s` from `i` (just after the '.'): 1 to 9 digits, scaled
/// to nanoseconds; advances `i`. -1 for no digit or a tenth digit.
[[nodiscard]] constexpr std::int64_t fraction_nanos(std::string_view s, std::size_t& i) noexcept {
  std::int64_t ns = 0;
  int count = 0;
  while (i < s.size() && is_digit(s[i]) && count < 9) {
    ns = ns * 10 + (s[i] - '0');
    ++i;
    ++count;
  }
  if (count == 0 || (i < s.size() && is_digit(s[i]))) return -1;
  for (; count < 9; ++count) ns *= 10;
  return ns;
}

[[nodiscard]] constexpr parsed_time time_failure(time_error e) noexcept {
  return parsed_time{.time = {}, .utc_offset_seconds = 0, .error = e};
}

[[nodiscard]] inline parsed_time parse_iso8601(std::string_view s, bool naive_is_utc) noexcept {
  using std::chrono::nanoseconds;
  using std::chrono::seconds;
  const std::size_t n = s.size();
  if (n < 10 || s[4] != '-' || s[7] != '-') return time_failure(time_error::syntax);
  const char* p = s.data();
  const int y = digits_value(p, 4);
  const int mo = digits_value(p + 5, 2);
  const int d = digits_value(p + 8, 2);
  if (y < 0 || mo < 0 || d < 0) return time_failure(time_error::syntax);
  if (y < 1678 || y > 2261) return time_failure(time_error::range);
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return time_failure(time_error::date);
  const timestamp midnight{date::sys_days{ymd}};
  if (n == 10) return parsed_time{.time = midnight, .utc_offset_seconds = 0, .error = time_error::none};

  // Date-time: [T ]HH:MM[:SS[.f{1,9}]][Z|+-HH[[:]MM]]
  if (p[10] != 'T' && p[10] != ' ') return time_failure(time_error::syntax);
  if (n < 16 || p[13] != ':') return time_failure(time_error::syntax);
  const int hh = digits_value(p + 11, 2);
  const int mi = digits_value(p + 14, 2);
  if (hh < 0 || mi < 0) return time_failure(time_error::syntax);
  std::size_t i = 16;
  int ss = 0;
  std::int64_t fraction_ns = 0;
  if (i < n && p[i] == ':') {
    if (i + 3 > n) return time_failure(time_error::syntax);
    ss = digits_value(p + i + 1, 2);
    if (ss < 0) return time_failure(time_error::syntax);
    i += 3;
    if (i < n && p[i] == '.') {
      ++i;
      fraction_ns = fraction_nanos(s, i);
      if (fraction_ns < 0) return time_failure(time_error::syntax);
    }
  }
  if (hh > 23 || mi > 59 || ss > 59) return time_failure(time_error::time_of_day);

  std::int32_t offset = 0;
  if (i == n) {
    if (!naive_is_utc) return time_failure(time_error::no_offset);
  } else if (p[i] == 'Z') {
    if (i + 1 != n) return time_failure(time_error::syntax);
  } else if (p[i] == '+' || p[i] == '-') {
    const int sign = p[i] == '-' ? -1 : 1;
    const std::size_t rest = n - i - 1;  // HH, HHMM or HH:MM
    const char* q = p + i + 1;
    int oh = -1;
    int om = 0;
    if (rest == 2) {
      oh = digits_value(q, 2);
    } else if (rest == 4) {
      oh = digits_value(q, 2);
      om = digits_value(q + 2, 2);
    } else if (rest == 5 && q[2] == ':') {
      oh = digits_value(q, 2);
      om = digits_value(q + 3, 2);
    }
    if (oh < 0 || om < 0) return time_failure(time_error::syntax);
    if (oh > 23 || om > 59) return time_failure(time_error::offset);
    offset = sign * (oh * 3600 + om * 60);
  } else {
    return time_failure(time_error::syntax);
  }
  const seconds local{hh * 3600 + mi * 60 + ss};
  return parsed_time{.time = midnight + local + nanoseconds{fraction_ns} - seconds{offset},
                     .utc_offset_seconds = offset,
                     .error = time_error::none};
}

/// Epoch `[-]digits[.digits]` (fraction only for seconds), scaled to nanoseconds.
[[nodiscard]] inline parsed_time parse_epoch(std::string_view s, bool millis) noexcept {
  std::size_t i = 0;
  const std::size_t n = s.size();
  const bool negative = n > 0 && s[0] == '-';
  if (negative) ++i;
  const std::size_t first_digit = i;
  std::int64_t whole = 0;
  while (i < n && i - first_digit < 17 && is_digit(s[i])) {
    whole = whole * 10 + (s[i] - '0');  // at most 17 digits: no overflow
    ++i;
  }
  if (i == first_digit) return time_failure(time_error::syntax);
  if (i < n && is_digit(s[i])) return time_failure(time_error::range);
  std::int64_t fraction_ns = 0;
  if (i < n && s[i] == '.' && !millis) {
    ++i;
    fraction_ns = fraction_nanos(s, i);
    if (fraction_ns < 0) return time_failure(time_error::syntax);
  }
  if (i != n) return time_failure(time_error::syntax);
  // The same 1678-2261 window as ISO text: |t| < 9.2e9 s keeps t * 1e9 inside int64.
  constexpr std::int64_t max_seconds = 9'200'000'000;
  const std::int64_t limit = millis ? max_seconds * 1000 : max_seconds;
  if (whole >= limit) return time_failure(time_error::range);
  const std::int64_t ns = millis ? whole * 1'000'000 : whole * 1'000'000'000 + fraction_ns;
  return parsed_time{.time = timestamp{std::chrono::nanoseconds{negative ? -ns : ns}},
                     .utc_offset_seconds = 0,
                     .error = time_error::none};
}

}  // namespace detail

/// The format of one value: `iso8601` when it starts with four digits and '-', else
/// `unix_millis` for 12 or more digits before any '.', else `unix_seconds`.
[[nodiscard]] constexpr time_format detect_time_format(std::string_view s) noexcept {
  if (s.size() >= 5 && detail::is_digit(s[0]) && detail::is_digit(s[1]) &&
      detail::is_digit(s[2]) && detail::is_digit(s[3]) && s[4] == '-') {
    return time_format::iso8601;
  }
  std::size_t i = !s.empty() && s[0] == '-' ? 1 : 0;
  std::size_t digits = 0;
  while (i < s.size() && detail::is_digit(s[i])) {
    ++i;
    ++digits;
  }
  return digits >= 12 ? time_format::unix_millis : time_format::unix_seconds;
}

/// Parses `text` in `format` (see the file comment for the grammar). Never throws: a
/// failure is `error != none` with the reason; `time` is then the epoch.
[[nodiscard]] inline parsed_time parse_time(std::string_view text, time_format format,
                                            bool naive_is_utc = false) noexcept {
  if (format == time_format::automatic) format = detect_time_format(text);
  switch (format) {
    case time_format::iso8601: return detail::parse_iso8601(text, naive_is_utc);
    case time_format::unix_seconds: return detail::parse_epoch(text, false);
    case time_format::unix_millis: return detail::parse_epoch(text, true);
    case time_format::automatic: break;
  }
  return detail::time_failure(time_error::syntax);
}

}  // namespace bulwark::data

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::data::time_format)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::data::time_error)
