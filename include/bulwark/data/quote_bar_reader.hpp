// SPDX-License-Identifier: MIT
/// \file
/// \brief Reading quote bars (bid and ask OHLC with sizes per interval, as Lean's minute
/// quote files) from CSV.
///
/// Synopsis
/// \code
/// struct quote_bar_columns { std::string time, bid_open = "bid_open", ..., ask_size = "ask_size"; };
/// struct quote_bar_csv_options { symbol sym; quote_bar_columns columns; std::vector<std::string> extra; csv_format format; };
/// struct quote_bar_table { bar_series bid, ask; numeric_table table; quote close_quote(i) const; };
/// quote_bar_table parse_quote_bars(std::string_view text, const quote_bar_csv_options& = {}, std::string_view source = "<memory>");
/// quote_bar_table read_quote_bars(const std::filesystem::path&, const quote_bar_csv_options& = {});
/// \endcode
///
/// A quote bar is two price bars on the same clock, so each side is a `bar_series` (and
/// every check that works on bars works on each side); the `volume` column of a side holds
/// the quoted **size** at that side (Lean writes the last size of the interval), not a
/// traded volume. `close_quote(i)` combines the closes into a core `quote`, so crossed,
/// locked and one-sided quotes are recognised by `quote::is_crossed()` and friends.
///
/// Bad input: as `read_bars` (`input_error`, id `bulwark.data.csv`, file, line, column).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bulwark/core/bar.hpp"
#include "bulwark/core/quote.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/data/csv.hpp"

namespace bulwark::data {

/// Header names of the quote-bar columns (ASCII case-insensitive).
struct quote_bar_columns {
  std::string time{};  ///< empty: the first of timestamp, date, datetime, time
  std::string bid_open = "bid_open";
  std::string bid_high = "bid_high";
  std::string bid_low = "bid_low";
  std::string bid_close = "bid_close";
  std::string bid_size = "bid_size";
  std::string ask_open = "ask_open";
  std::string ask_high = "ask_high";
  std::string ask_low = "ask_low";
  std::string ask_close = "ask_close";
  std::string ask_size = "ask_size";
};

struct quote_bar_csv_options {
  symbol sym{};
  quote_bar_columns columns{};
  std::vector<std::string> extra{};  ///< more numeric columns to read, kept in `table`
  csv_format format{};
};

/// Bid and ask bars of one instrument, row for row as in the file.
struct quote_bar_table {
  bar_series bid;       ///< bid OHLC; `volume` is the bid size
  bar_series ask;       ///< ask OHLC; `volume` is the ask size
  numeric_table table;  ///< the times, their UTC offsets and the `extra` columns

  /// The quote at the close of interval `i`: closes and sizes of both sides, stamped with
  /// the interval's time (its start, as in the file). Precondition: i < bid.size().
  [[nodiscard]] quote close_quote(std::size_t i) const {
    BULWARK_EXPECTS(i < bid.size());
    return quote{.bid = bid.close()[i],
                 .ask = ask.close()[i],
                 .bid_size = bid.volume()[i],
                 .ask_size = ask.volume()[i],
                 .time = bid.times()[i]};
  }
};

/// Reads quote bars from the text of a CSV file; `source` names it in messages.
[[nodiscard]] inline quote_bar_table parse_quote_bars(std::string_view text,
                                                      const quote_bar_csv_options& options = {},
                                                      std::string_view source = "<memory>") {
  const quote_bar_columns& c = options.columns;
  table_spec spec{.time_column = c.time,
                  .columns = {c.bid_open, c.bid_high, c.bid_low, c.bid_close, c.bid_size,
                              c.ask_open, c.ask_high, c.ask_low, c.ask_close, c.ask_size},
                  .format = options.format};
  spec.columns.insert(spec.columns.end(), options.extra.begin(), options.extra.end());
  numeric_table table = parse_table(text, spec, source);
  const std::vector<timestamp> times(table.times().begin(), table.times().end());
  bar_series bid = bar_series::from_columns(options.sym, times, table.release(c.bid_open),
                                            table.release(c.bid_high), table.release(c.bid_low),
                                            table.release(c.bid_close), table.release(c.bid_size));
  bar_series ask = bar_series::from_columns(options.sym, times, table.release(c.ask_open),
                                            table.release(c.ask_high), table.release(c.ask_low),
                                            table.release(c.ask_close), table.release(c.ask_size));
  return quote_bar_table{.bid = std::move(bid), .ask = std::move(ask), .table = std::move(table)};
}

/// `parse_quote_bars(read_file(file), options, file.string())`.
[[nodiscard]] inline quote_bar_table read_quote_bars(const std::filesystem::path& file,
                                                     const quote_bar_csv_options& options = {}) {
  return parse_quote_bars(read_file(file), options, file.string());
}

}  // namespace bulwark::data
