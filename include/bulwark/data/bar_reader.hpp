// SPDX-License-Identifier: MIT
/// \file
/// \brief Reading OHLCV bars from CSV into a `bar_series`, with any extra numeric columns
/// the caller names (adjusted close, dividend, split coefficient, ...).
///
/// Synopsis
/// \code
/// struct bar_columns { std::string time, open = "open", high = "high", low = "low",
///                      close = "close", volume = "volume"; };
/// struct bar_csv_options { symbol sym; bar_columns columns; std::vector<std::string> extra; csv_format format; };
/// struct bar_table { bar_series bars; numeric_table table; };  // table: times, offsets, extras
/// bar_table parse_bars(std::string_view text, const bar_csv_options& = {}, std::string_view source = "<memory>");
/// bar_table read_bars(const std::filesystem::path&, const bar_csv_options& = {});
/// \endcode
///
/// The defaults read every bar file in the shared formats unchanged: Alpha Vantage
/// (`timestamp,open,...`), Lean (`date,...`; minute bars with `-04:00` offsets), Coinbase
/// via Lean, and yfinance (`Date`/`Datetime`, `Open`, ..., London offsets): header names
/// match case-insensitively and the time column is found by name. Name the columns for
/// anything else: `bar_columns{.time = "ts", .close = "last"}`.
///
/// The bars are kept as in the file: newest-first files stay newest first, duplicates stay,
/// nothing is filtered (the validator reports what is wrong). Row `i` of `bars` is data row
/// `i` of the file and line `numeric_table::line(i)` = i + 2. Each bar's `time` is the
/// instant in the file converted to UTC; `table.local_date(i)` is the date as written.
///
/// Errors: every malformed input is an `input_error` (id `bulwark.data.csv`) naming the
/// file, line and column (see csv.hpp for the exact format accepted).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bulwark/core/bar.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/data/csv.hpp"

namespace bulwark::data {

/// Header names of the bar columns (ASCII case-insensitive).
struct bar_columns {
  std::string time{};  ///< empty: the first of timestamp, date, datetime, time
  std::string open = "open";
  std::string high = "high";
  std::string low = "low";
  std::string close = "close";
  std::string volume = "volume";
};

struct bar_csv_options {
  symbol sym{};                    ///< the symbol the series is given
  bar_columns columns{};           ///< where the bar fields are
  std::vector<std::string> extra{};  ///< more numeric columns to read, kept in `table`
  csv_format format{};
};

/// Bars and what came with them.
struct bar_table {
  bar_series bars;      ///< OHLCV, row for row as in the file
  numeric_table table;  ///< the same times, their UTC offsets and the `extra` columns
};

/// Reads bars from the text of a CSV file; `source` names it in messages.
[[nodiscard]] inline bar_table parse_bars(std::string_view text, const bar_csv_options& options = {},
                                          std::string_view source = "<memory>") {
  const bar_columns& c = options.columns;
  table_spec spec{.time_column = c.time,
                  .columns = {c.open, c.high, c.low, c.close, c.volume},
                  .format = options.format};
  spec.columns.insert(spec.columns.end(), options.extra.begin(), options.extra.end());
  numeric_table table = parse_table(text, spec, source);
  std::vector<timestamp> times(table.times().begin(), table.times().end());
  bar_series bars = bar_series::from_columns(options.sym, std::move(times), table.release(c.open),
                                             table.release(c.high), table.release(c.low),
                                             table.release(c.close), table.release(c.volume));
  return bar_table{.bars = std::move(bars), .table = std::move(table)};
}

/// `parse_bars(read_file(file), options, file.string())`.
[[nodiscard]] inline bar_table read_bars(const std::filesystem::path& file,
                                         const bar_csv_options& options = {}) {
  return parse_bars(read_file(file), options, file.string());
}

}  // namespace bulwark::data
