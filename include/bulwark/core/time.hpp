// SPDX-License-Identifier: MIT
/// \file
/// \brief Instants and durations: `timestamp` is UTC with nanosecond resolution; civil
/// dates come from Howard Hinnant's `date.h` (no time-zone database is used anywhere).
///
/// Synopsis
/// \code
/// using duration  = std::chrono::nanoseconds;
/// using timestamp = std::chrono::sys_time<duration>;          // UTC
/// timestamp make_timestamp(date::year_month_day, duration time_of_day = {});
/// timestamp from_unix_seconds(std::int64_t), from_unix_millis(std::int64_t);
/// std::int64_t to_unix_nanos(timestamp);
/// double nanos_between(timestamp then, timestamp now);   // now - then, never overflowing
/// bool within_age(timestamp then, timestamp now, duration max_age);  // then <= now, age <= max
/// date::year_month_day utc_date(timestamp);
/// iso8601(timestamp)  -> formats as 2024-06-03T14:30:00Z (fraction only when non-zero)
/// iso8601(date)       -> formats as 2024-06-03
/// \endcode
///
/// `timestamp` is a standard type, so bulwark does not specialise `fmt::formatter` for it
/// (that would collide with <fmt/chrono.h>); wrap it in `iso8601(...)` to format it.
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <string_view>

#include <date/date.h>
#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark {

/// A span of time, in nanoseconds.
using duration = std::chrono::nanoseconds;

/// An instant in UTC, nanoseconds since 1970-01-01T00:00:00Z (leap seconds not counted,
/// as in POSIX time). Representable range: years 1677 to 2262.
using timestamp = std::chrono::sys_time<duration>;

/// The UTC instant at `time_of_day` after midnight UTC of the civil date `day`.
/// Throws `input_error` (id `bulwark.core.time`) when `day` is not a valid date or
/// `time_of_day` is negative.
[[nodiscard]] inline timestamp make_timestamp(date::year_month_day day,
                                              duration time_of_day = duration::zero()) {
  if (!day.ok()) {
    throw_input_error("bulwark.core.time", "{:04}-{:02}-{:02} is not a valid date",
                      static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                      static_cast<unsigned>(day.day()));
  }
  if (time_of_day < duration::zero()) {
    throw_input_error("bulwark.core.time", "time of day {} ns is negative; expected >= 0",
                      time_of_day.count());
  }
  return timestamp{date::sys_days{day}} + time_of_day;
}

/// The instant `seconds` after the Unix epoch.
[[nodiscard]] constexpr timestamp from_unix_seconds(std::int64_t seconds) noexcept {
  return timestamp{std::chrono::seconds{seconds}};
}

/// The instant `millis` milliseconds after the Unix epoch.
[[nodiscard]] constexpr timestamp from_unix_millis(std::int64_t millis) noexcept {
  return timestamp{std::chrono::milliseconds{millis}};
}

/// Nanoseconds since the Unix epoch.
[[nodiscard]] constexpr std::int64_t to_unix_nanos(timestamp t) noexcept {
  return t.time_since_epoch().count();
}

namespace detail {
// now - then in nanoseconds, for then <= now: exact in unsigned 64-bit arithmetic, which
// holds the difference of any two timestamps, where the signed one overflows for instants
// more than 292 years apart.
[[nodiscard]] constexpr std::uint64_t nanos_after(timestamp then, timestamp now) noexcept {
  return static_cast<std::uint64_t>(to_unix_nanos(now)) -
         static_cast<std::uint64_t>(to_unix_nanos(then));
}
}  // namespace detail

/// now - then in nanoseconds, as a double (negative when `then` is later). Never
/// overflows, where `now - then` does for instants more than 292 years apart (such as
/// `timestamp::min()`, a common "never", against any real time): the difference is taken
/// exactly in unsigned 64-bit arithmetic, then rounded once (exact below 2^53 ns, 104 days).
[[nodiscard]] constexpr double nanos_between(timestamp then, timestamp now) noexcept {
  return then <= now ? static_cast<double>(detail::nanos_after(then, now))
                     : -static_cast<double>(detail::nanos_after(now, then));
}

/// True when `then` is no later than `now` and at most `max_age` before it; never for a
/// negative `max_age`. Never overflows: a `then` centuries before `now` is old, where
/// `now - then <= max_age` would wrap to a negative age and call it fresh.
[[nodiscard]] constexpr bool within_age(timestamp then, timestamp now, duration max_age) noexcept {
  return then <= now && max_age >= duration::zero() &&
         detail::nanos_after(then, now) <= static_cast<std::uint64_t>(max_age.count());
}

/// The civil date (UTC) containing `t`.
[[nodiscard]] constexpr date::year_month_day utc_date(timestamp t) noexcept {
  return date::year_month_day{date::floor<date::days>(t)};
}

/// Formats an instant as ISO 8601 in UTC: `2024-06-03T14:30:00Z`, with a fraction of 3,
/// 6 or 9 digits only when the sub-second part is non-zero.
struct iso8601_instant {
  timestamp value;
};

/// Formats a civil date as ISO 8601: `2024-06-03`.
struct iso8601_date {
  date::year_month_day value;
};

[[nodiscard]] constexpr iso8601_instant iso8601(timestamp t) noexcept { return {t}; }
[[nodiscard]] constexpr iso8601_date iso8601(date::year_month_day d) noexcept { return {d}; }
[[nodiscard]] constexpr iso8601_date iso8601(date::sys_days d) noexcept {
  return {date::year_month_day{d}};
}

}  // namespace bulwark

template <>
struct fmt::formatter<bulwark::iso8601_date> : bulwark::detail::text_formatter {
  template <class FormatContext>
  auto format(bulwark::iso8601_date d, FormatContext& ctx) const -> decltype(ctx.out()) {
    char buffer[32];
    auto end = fmt::format_to_n(buffer, sizeof buffer, "{:04}-{:02}-{:02}",
                                static_cast<int>(d.value.year()),
                                static_cast<unsigned>(d.value.month()),
                                static_cast<unsigned>(d.value.day()))
                   .out;
    return write(std::string_view(buffer, static_cast<std::size_t>(end - buffer)), ctx);
  }
};

template <>
struct fmt::formatter<bulwark::iso8601_instant> : bulwark::detail::text_formatter {
  template <class FormatContext>
  auto format(bulwark::iso8601_instant t, FormatContext& ctx) const -> decltype(ctx.out()) {
    using namespace std::chrono;
    const auto day = date::floor<date::days>(t.value);
    const date::year_month_day ymd{day};
    const auto since_midnight = t.value - day;
    const auto h = duration_cast<hours>(since_midnight);
    const auto m = duration_cast<minutes>(since_midnight - h);
    const auto s = duration_cast<seconds>(since_midnight - h - m);
    const auto ns = (since_midnight - h - m - s).count();
    char buffer[48];
    auto out = fmt::format_to_n(buffer, sizeof buffer, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                                static_cast<unsigned>(ymd.day()), h.count(), m.count(),
                                s.count())
                   .out;
    if (ns % 1'000'000 == 0 && ns != 0) {
      out = fmt::format_to(out, ".{:03}", ns / 1'000'000);
    } else if (ns % 1'000 == 0 && ns != 0) {
      out = fmt::format_to(out, ".{:06}", ns / 1'000);
    } else if (ns != 0) {
      out = fmt::format_to(out, ".{:09}", ns);
    }
    *out++ = 'Z';
    return write(std::string_view(buffer, static_cast<std::size_t>(out - buffer)), ctx);
  }
};
