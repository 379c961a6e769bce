// SPDX-License-Identifier: MIT
/// \file
/// \brief `dated_schedule<T>`: values that change on given dates (fee rates, borrow
/// rates), each in effect from the start of its date until the next entry's date, the
/// last one until an optional end; a day starts at 00:00 UTC or at 00:00 in New York.
///
/// Synopsis
/// \code
/// dated_schedule<double> r{{{2024y/5/22, 27.80}, {2025y/5/14, 0.00}}};
/// dated_schedule<double> s{{...}, 2026y/1/1};        // known to change on 2026-01-01
/// dated_schedule<double> u{{...}, std::nullopt, day_start::new_york_midnight};  // US trade dates
/// auto c = dated_schedule<double>::always(0.0025);      // one value from 1970-01-01 on
/// const double* v = r.at(t);                          // nullptr outside the schedule
/// const double* w = r.across(times);                  // the one value at every instant, or nullptr
/// r.covers(from_day, to_day);  r.for_each_day_run(from_day, to_day, f);
/// \endcode
///
/// A fill before the first entry, or on or after the end, has no value: components fail
/// closed on it (`fill_problem::no_rate_for_date`) rather than use a rate that was not in
/// force. With `day_start::utc_midnight` (the default) a date runs from 00:00 to 24:00 UTC;
/// with `day_start::new_york_midnight` from 00:00 to 24:00 in New York (EST or EDT, by the
/// US daylight-saving rules of its year: calendar/us_eastern.hpp), so that a US equity fill
/// takes the rate of its trade date at any hour, after-hours sessions included (a sale at
/// 21:00 New York time on the day before a rate change is 01:00 UTC on the day of it).
/// Lookups compare instants either way: the day boundaries are converted once, here.
///
/// Bad configuration is a `config_error` (id `bulwark.cost.schedule`): no entries, an
/// invalid date, dates not strictly increasing, an end not after the last date, a New
/// York date outside 1987..2100 (the years the daylight-saving rules cover);
/// `require_non_negative` checks the values for a component, under its own id.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

#include "bulwark/calendar/us_eastern.hpp"
#include "bulwark/core/error.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::cost {

/// Where the calendar days of a `dated_schedule` begin.
enum class day_start : std::uint8_t {
  utc_midnight,       ///< 00:00 UTC
  new_york_midnight,  ///< 00:00 America/New_York: US trade dates (fee schedules)
};

[[nodiscard]] constexpr std::string_view to_string(day_start d) noexcept {
  switch (d) {
    case day_start::utc_midnight: return "utc_midnight";
    case day_start::new_york_midnight: return "new_york_midnight";
  }
  return "invalid";
}

/// One entry of a `dated_schedule`: `value` is in force from the start of day `from` (see
/// `day_start`).
template <class T>
struct dated {
  date::year_month_day from;
  T value;
};

template <class T>
class dated_schedule {
 public:
  struct entry {
    date::sys_days from;
    T value;
    timestamp start;  ///< the instant `from` begins (see `day_start`), for lookups
  };

  dated_schedule() = default;

  /// A schedule from entries in strictly increasing date order, optionally ending (the
  /// first date with no value) at `until`, its days starting at `starts`. Throws
  /// `config_error` (`bulwark.cost.schedule`).
  dated_schedule(std::initializer_list<dated<T>> entries,
                 std::optional<date::year_month_day> until = std::nullopt,
                 day_start starts = day_start::utc_midnight)
      : starts_(starts) {
    constexpr auto id = "bulwark.cost.schedule";
    if (starts != day_start::utc_midnight && starts != day_start::new_york_midnight) {
      throw_config_error(id, "day start {} is not a day_start value", static_cast<int>(starts));
    }
    if (entries.size() == 0) throw_config_error(id, "a dated schedule needs at least one entry");
    entries_.reserve(entries.size());
    for (const dated<T>& e : entries) {
      if (!e.from.ok()) throw_config_error(id, "entry {}: {} is not a valid date", entries_.size(), iso8601_or_raw(e.from));
      const date::sys_days day{e.from};
      if (!entries_.empty() && day <= entries_.back().from) {
        throw_config_error(id, "entry {} dated {} is not after the previous one ({}); expected strictly increasing dates",
                           entries_.size(), iso8601(day), iso8601(entries_.back().from));
      }
      entries_.push_back({day, e.value, start_of(day)});
    }
    begin_ = entries_.front().start;
    if (until) {
      if (!until->ok()) throw_config_error(id, "end {} is not a valid date", iso8601_or_raw(*until));
      if (date::sys_days{*until} <= entries_.back().from) {
        throw_config_error(id, "end {} is not after the last entry ({})", iso8601(*until),
                           iso8601(entries_.back().from));
      }
      until_ = date::sys_days{*until};
      end_ = start_of(*until_);
    }
  }

  /// A schedule with one value from 1970-01-01 on: a constant rate.
  [[nodiscard]] static dated_schedule always(T value) {
    return dated_schedule{{dated<T>{date::year{1970} / 1 / 1, value}}};
  }

  /// The value in force at `t`, or nullptr before the first entry or from the end on.
  /// O(k), k the number of entries dated after `t` (1 compare for the latest period).
  [[nodiscard]] const T* at(timestamp t) const noexcept {
    if (t >= end_) return nullptr;
    return latest([t](const entry& e) { return t >= e.start; });
  }

  /// The value at every instant of `times` when one entry covers them all, else nullptr
  /// (also for no instants). Entries cover contiguous periods, so the earliest and the
  /// latest instant decide. O(times.size()).
  [[nodiscard]] const T* across(std::span<const timestamp> times) const noexcept {
    if (times.empty()) return nullptr;
    timestamp earliest = times.front();
    timestamp latest_time = times.front();
    for (const timestamp t : times) {
      earliest = t < earliest ? t : earliest;
      latest_time = latest_time < t ? t : latest_time;
    }
    const T* value = at(earliest);
    return value == at(latest_time) ? value : nullptr;
  }

  /// True when a value is in force at `t` (at(t) is not nullptr): two comparisons, as the
  /// entries cover one contiguous span of time.
  [[nodiscard]] bool has_value_at(timestamp t) const noexcept { return t >= begin_ && t < end_; }

  /// The value in force on calendar day `d` (a date, in the schedule's `day_start`), or
  /// nullptr.
  [[nodiscard]] const T* on(date::sys_days d) const noexcept {
    if (until_ && d >= *until_) return nullptr;
    return latest([d](const entry& e) { return d >= e.from; });
  }

  /// True when every day of [from, to) has a value (an empty range is covered).
  [[nodiscard]] bool covers(date::sys_days from, date::sys_days to) const noexcept {
    if (to <= from) return true;
    if (entries_.empty() || from < entries_.front().from) return false;
    return !until_ || to <= *until_;
  }

  /// Calls `f(value, days)` for each run of consecutive days of [from, to) that share one
  /// value, in date order, where `days` is the run's length. Precondition: covers(from, to).
  template <class F>
  void for_each_day_run(date::sys_days from, date::sys_days to, F&& f) const {
    BULWARK_EXPECTS(covers(from, to));
    for (std::size_t i = 0; i < entries_.size() && from < to; ++i) {
      const date::sys_days end = i + 1 < entries_.size() ? entries_[i + 1].from : to;
      if (end <= from) continue;
      const date::sys_days run_end = end < to ? end : to;
      f(entries_[i].value, (run_end - from).count());
      from = run_end;
    }
  }

  /// Throws `config_error` (`id`) when the schedule is empty, or when `field(value)` of an
  /// entry is not finite and >= 0, naming `what` and the entry's date:
  /// `rate from 2024-01-01 -2 must be finite and >= 0`.
  template <class Field = std::identity>
  void require_non_negative(std::string_view id, std::string_view what, Field field = {}) const {
    if (entries_.empty()) throw_config_error(id, "the {} table is empty", what);
    for (const entry& e : entries_) {
      bulwark::detail::require_non_negative(std::invoke(field, e.value), id,
                                            fmt::format("{} from {}", what, iso8601(e.from)));
    }
  }

  [[nodiscard]] std::span<const entry> entries() const noexcept { return entries_; }
  [[nodiscard]] std::optional<date::sys_days> until() const noexcept { return until_; }
  [[nodiscard]] day_start starts() const noexcept { return starts_; }
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }

 private:
  // The value of the latest entry that has `started`, scanning back from the last one (the
  // latest period costs one test), or nullptr.
  template <class Started>
  [[nodiscard]] const T* latest(Started started) const noexcept {
    for (auto e = entries_.rbegin(); e != entries_.rend(); ++e) {
      if (started(*e)) return &e->value;
    }
    return nullptr;
  }

  // The instant day `d` begins. Called by the constructor only: a New York date outside
  // the years of the daylight-saving rules is a configuration error.
  [[nodiscard]] timestamp start_of(date::sys_days d) const {
    if (starts_ == day_start::utc_midnight) return timestamp{d};
    const date::year y = date::year_month_day{d}.year();
    if (y < calendar::us_eastern_first_year || y > calendar::us_eastern_last_year) {
      throw_config_error("bulwark.cost.schedule",
                         "{} is outside {}..{}, the years whose New York midnight is known",
                         iso8601(d), static_cast<int>(calendar::us_eastern_first_year),
                         static_cast<int>(calendar::us_eastern_last_year));
    }
    return calendar::from_us_eastern(date::local_days{d.time_since_epoch()}, duration::zero());
  }

  // A date for an error message; an invalid one printed as its fields.
  static std::string iso8601_or_raw(date::year_month_day d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  }

  std::vector<entry> entries_;
  std::optional<date::sys_days> until_;
  day_start starts_ = day_start::utc_midnight;
  timestamp begin_ = timestamp::max();  // the first entry's start (an empty schedule has none)
  timestamp end_ = timestamp::max();    // `until_` at 00:00 UTC, or never
};

}  // namespace bulwark::cost

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::cost::day_start)

/// Formats as `2024-05-22: 27.8, 2025-05-14: 0 (until 2026-01-01)`, each value with its
/// own formatter; `(until 2026-01-01, New York dates)` for a schedule of New York days.
template <class T>
struct fmt::formatter<bulwark::cost::dated_schedule<T>> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::cost::dated_schedule<T>& s, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = ctx.out();
    bool first = true;
    for (const auto& e : s.entries()) {
      out = fmt::format_to(out, "{}{}: {}", first ? "" : ", ", bulwark::iso8601(e.from), e.value);
      first = false;
    }
    const bool new_york = s.starts() == bulwark::cost::day_start::new_york_midnight;
    if (s.until()) {
      out = fmt::format_to(out, " (until {}{})", bulwark::iso8601(*s.until()),
                           new_york ? ", New York dates" : "");
    } else if (new_york) {
      out = fmt::format_to(out, " (New York dates)");
    }
    return out;
  }
};
