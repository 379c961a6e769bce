// SPDX-License-Identifier: MIT
// Daily bars for tests, read with the independent test CSV reader (csv.hpp): dates are
// parsed here with std::from_chars, not with bulwark's reader.
#pragma once

#include <charconv>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <date/date.h>

#include "bulwark/core/bar.hpp"
#include "support/csv.hpp"

namespace bulwark::test {

/// `YYYY-MM-DD` (anything after the tenth character is ignored) as a date.
inline date::sys_days parse_day(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  const auto field = [&](std::size_t at, std::size_t n, auto& v) {
    return text.size() >= at + n && std::from_chars(text.data() + at, text.data() + at + n, v).ec == std::errc{};
  };
  if (!field(0, 4, y) || !field(5, 2, m) || !field(8, 2, d)) {
    throw std::runtime_error("not a date: " + std::string{text});
  }
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}};
}

/// The bars of a daily file (columns open, high, low, close, volume), each at midnight UTC
/// of the date in `time_column`.
inline bar_series daily_bars(const csv_table& t, std::string_view time_column) {
  std::vector<timestamp> times;
  for (const std::string& text : t.text(time_column)) times.emplace_back(parse_day(text));
  return bar_series::from_columns("X", std::move(times), t.numbers("open"), t.numbers("high"),
                                  t.numbers("low"), t.numbers("close"), t.numbers("volume"));
}

}  // namespace bulwark::test
