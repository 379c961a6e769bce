// SPDX-License-Identifier: MIT
// market_calendar: the NYSE sessions between two dates, with their opening and closing
// instants in UTC, derived from the exchange's rules.
//
// Usage: market_calendar FROM TO        (dates YYYY-MM-DD, inclusive)
// Prints one line per session, oldest first, no header:
//   2019-07-03,2019-07-03T13:30:00Z,2019-07-03T17:00:00Z
// Exit code 0; 2 for bad arguments or dates outside the calendar's range (1990..2099).
#include <charconv>
#include <cstddef>
#include <cstdio>
#include <string_view>
#include <system_error>

#include <bulwark/calendar.hpp>
#include <date/date.h>
#include <fmt/format.h>

namespace {

// A strict YYYY-MM-DD that names a real date.
bool parse_day(std::string_view text, date::sys_days& out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int y = 0;
  unsigned m = 0, d = 0;
  const auto field = [&](std::size_t at, std::size_t n, auto& v) {
    const auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + n, v);
    return ec == std::errc{} && end == text.data() + at + n;
  };
  if (!field(0, 4, y) || !field(5, 2, m) || !field(8, 2, d)) return false;
  const date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
  if (!ymd.ok()) return false;
  out = date::sys_days{ymd};
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    fmt::print(stderr, "usage: market_calendar FROM TO   (dates YYYY-MM-DD, inclusive)\n");
    return 2;
  }
  date::sys_days from, to;
  for (int i = 1; i <= 2; ++i) {
    if (!parse_day(argv[i], i == 1 ? from : to)) {
      fmt::print(stderr, "market_calendar: '{}' is not a date YYYY-MM-DD\n", argv[i]);
      return 2;
    }
  }
  if (to < from) {
    fmt::print(stderr, "market_calendar: TO {} is before FROM {}\n", argv[2], argv[1]);
    return 2;
  }
  try {
    // [sessions]
    const bulwark::calendar::xnys nyse;
    for (const date::sys_days day : nyse.sessions(from, to)) {
      fmt::print("{},{},{}\n", bulwark::iso8601(day), bulwark::iso8601(nyse.open(day)),
                 bulwark::iso8601(nyse.close(day)));
    }
    // [sessions]
  } catch (const bulwark::input_error& e) {
    fmt::print(stderr, "market_calendar: {}\n", e.what());
    return 2;
  }
  return 0;
}
