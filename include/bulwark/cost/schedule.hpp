// SPDX-License-Identifier: MIT
/// \file
/// \brief `dated_schedule<T>`: values that change on given dates (fee rates, borrow
/// rates), each in effect from its date (00:00 UTC) until the next entry's date, the last
/// one until an optional end.
///
/// Synopsis
/// \code
/// dated_schedule<double> r{{{2024y/5/22, 27.80}, {2025y/5/14, 0.00}}};
/// dated_schedule<double> s{{...}, 2026y/1/1};        // known to change on 2026-01-01
/// auto c = dated_schedule<double>::always(0.0025);      // one value from 1970-01-01 on
/// const double* v = r.at(t);                          // nullptr outside the schedule
/// r.covers(from_day, to_day);  r.for_each_day_run(from_day, to_day, f);
/// \endcode
///
/// A fill before the first entry, or on or after the end, has no value: components fail
/// closed on it (`fill_problem::no_rate_for_date`) rather than use a rate that was not in
/// force. Dates are UTC calendar dates; a US equity fill is on its New York trade date for
/// every fill before 19:00 New York time (20:00 in summer).
///
/// Bad configuration is a `config_error` (id `bulwark.cost.schedule`): no entries, an
/// invalid date, dates not strictly increasing, an end not after the last date;
/// `require_non_negative` checks the values for a component, under its own id.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::cost {

/// One entry of a `dated_schedule`: `value` is in force from `from` (00:00 UTC).
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
    timestamp start;  ///< `from` at 00:00 UTC, for lookups without a conversion
  };

  dated_schedule() = default;

  /// A schedule from entries in strictly increasing date order, optionally ending (the
  /// first date with no value) at `until`. Throws `config_error` (`bulwark.cost.schedule`).
  dated_schedule(std::initializer_list<dated<T>> entries,
                 std::optional<date::year_month_day> until = std::nullopt) {
    constexpr auto id = "bulwark.cost.schedule";
    if (entries.size() == 0) throw_config_error(id, "a dated schedule needs at least one entry");
    entries_.reserve(entries.size());
    for (const dated<T>& e : entries) {
      if (!e.from.ok()) throw_config_error(id, "entry {}: {} is not a valid date", entries_.size(), iso8601_or_raw(e.from));
      const date::sys_days day{e.from};
      if (!entries_.empty() && day <= entries_.back().from) {
        throw_config_error(id, "entry {} dated {} is not after the previous one ({}); expected strictly increasing dates",
                           entries_.size(), iso8601(day), iso8601(entries_.back().from));
      }
      entries_.push_back({day, e.value, timestamp{day}});
    }
    begin_ = entries_.front().start;
    if (until) {
      if (!until->ok()) throw_config_error(id, "end {} is not a valid date", iso8601_or_raw(*until));
      if (date::sys_days{*until} <= entries_.back().from) {
        throw_config_error(id, "end {} is not after the last entry ({})", iso8601(*until),
                           iso8601(entries_.back().from));
      }
      until_ = date::sys_days{*until};
      end_ = timestamp{*until_};
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
    for (auto e = entries_.rbegin(); e != entries_.rend(); ++e) {
      if (t >= e->start) return &e->value;
    }
    return nullptr;
  }

  /// True when a value is in force at `t` (at(t) is not nullptr): two comparisons, as the
  /// entries cover one contiguous span of time.
  [[nodiscard]] bool has_value_at(timestamp t) const noexcept { return t >= begin_ && t < end_; }

  /// The value in force on calendar day `d` (UTC), or nullptr.
  [[nodiscard]] const T* on(date::sys_days d) const noexcept { return at(timestamp{d}); }

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
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }

 private:
  // A date for an error message; an invalid one printed as its fields.
  static std::string iso8601_or_raw(date::year_month_day d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  }

  std::vector<entry> entries_;
  std::optional<date::sys_days> until_;
  timestamp begin_ = timestamp::max();  // the first entry's start (an empty schedule has none)
  timestamp end_ = timestamp::max();    // `until_` at 00:00 UTC, or never
};

}  // namespace bulwark::cost

/// Formats as `2024-05-22: 27.8, 2025-05-14: 0 (until 2026-01-01)`, each value with its
/// own formatter.
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
    if (s.until()) out = fmt::format_to(out, " (until {})", bulwark::iso8601(*s.until()));
    return out;
  }
};
