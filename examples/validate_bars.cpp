// SPDX-License-Identifier: MIT
// validate_bars FILE [--calendar xnys]
//
// Reads a bar CSV (the shared formats: Alpha Vantage, Lean, yfinance, ...) and prints one
// finding per line as CSV, no header:
//   row,date,check,severity,message
// row is the 1-based data row, date the row's date as written in the file (with its time
// and UTC offset for intraday files). When the file has `dividend_amount` and
// `split_coefficient` columns, those corporate actions explain the jumps they cause.
// `--calendar xnys` adds the NYSE calendar checks (bars on closed days, missing sessions)
// for daily US equity files.
//
// Exit code: 0 when no finding is an error, 1 otherwise, 2 for a file it cannot read (one
// line on stderr naming the file and line).
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/calendar.hpp"
#include "bulwark/data.hpp"
#include "bulwark/validate.hpp"

namespace {

namespace validate = bulwark::validate;

// True when the header line (the text before the first newline) names `column`.
bool header_has(std::string_view text, std::string_view column) {
  const std::string_view header = text.substr(0, text.find('\n'));
  std::size_t start = 0;
  while (start <= header.size()) {
    std::size_t end = header.find(',', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view field = header.substr(start, end - start);
    if (!field.empty() && field.back() == '\r') field.remove_suffix(1);
    if (field.size() == column.size() &&
        std::equal(field.begin(), field.end(), column.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

// The row's time as the file wrote it: the date for a daily file, else local time and offset.
std::string written_time(const bulwark::data::numeric_table& t, std::size_t i, bool daily) {
  if (daily) return fmt::format("{}", bulwark::iso8601(t.local_date(i)));
  const std::int32_t offset = t.utc_offsets()[i];
  const auto local = fmt::format("{}", bulwark::iso8601(t.times()[i] + std::chrono::seconds{offset}));
  if (offset == 0) return local;
  const std::int32_t minutes = (offset < 0 ? -offset : offset) / 60;
  return fmt::format("{}{}{:02}:{:02}", local.substr(0, local.size() - 1), offset < 0 ? '-' : '+',
                     minutes / 60, minutes % 60);
}

// [validate-bars]
// Prints the findings as `row,date,check,severity,message`; true when none is an error.
template <class Validator>
bool print_findings(const Validator& validator, const bulwark::data::bar_table& file,
                    validate::event_columns events, bool daily) {
  const validate::report report = validator.run(file.bars, events);
  for (const validate::finding& f : report.findings()) {
    fmt::print("{},{},{},{},{}\n", f.row + 1, written_time(file.table, f.row, daily), f.check,
               f.level, validate::message(f));
  }
  return report.ok();
}
// [validate-bars]

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  const bool usage_ok = args.size() == 1 || (args.size() == 3 && args[1] == "--calendar" && args[2] == "xnys");
  if (!usage_ok) {
    fmt::print(stderr, "usage: validate_bars FILE [--calendar xnys]\n");
    return 2;
  }
  const std::string path{args[0]};
  try {
    const std::string text = bulwark::data::read_file(path);
    const bool has_events = header_has(text, "dividend_amount") && header_has(text, "split_coefficient");
    bulwark::data::bar_csv_options options;
    if (has_events) options.extra = {"dividend_amount", "split_coefficient"};
    const bulwark::data::bar_table file = bulwark::data::parse_bars(text, options, path);

    validate::event_columns events;
    if (has_events) {
      events.dividend = file.table.column("dividend_amount");
      events.split_ratio = file.table.column("split_coefficient");
    }
    const auto times = file.table.times();
    const auto offsets = file.table.utc_offsets();
    const bool daily = std::all_of(offsets.begin(), offsets.end(), [](auto o) { return o == 0; }) &&
                       std::all_of(times.begin(), times.end(), [](bulwark::timestamp t) {
                         return t == date::floor<date::days>(t);
                       });
    bool ok = false;
    if (args.size() == 3) {
      const bulwark::calendar::xnys nyse;
      auto checks = validate::default_validator();
      const validate::validator with_calendar{validate::non_session_bars<bulwark::calendar::xnys>{.calendar = &nyse},
                                              validate::missing_sessions<bulwark::calendar::xnys>{.calendar = &nyse}};
      ok = print_findings(checks, file, events, daily);
      ok = print_findings(with_calendar, file, events, daily) && ok;
    } else {
      ok = print_findings(validate::default_validator(), file, events, daily);
    }
    return ok ? 0 : 1;
  } catch (const bulwark::input_error& e) {
    fmt::print(stderr, "validate_bars: {}\n", e.what());
    return 2;
  }
}
