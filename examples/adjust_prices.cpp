// SPDX-License-Identifier: MIT
// adjust_prices FILE [--dividends ex_date_close|prior_close]
//
// Reads a daily file in the Alpha Vantage daily-adjusted layout (raw OHLCV, with
// `dividend_amount` and `split_coefficient` on ex-date rows) and prints one line per row,
// oldest first, `YYYY-MM-DD,adjusted_close` (%.17g), backward-adjusted for splits and
// dividends so that the last row equals its raw close. The default dividend convention,
// ex_date_close, is the vendor's own: its output equals the file's `adjusted_close`.
//
// A file it cannot use (a download that saved an error message, a bad number, dates out
// of order) gets one line on stderr naming the file and line, and exit code 2.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/data.hpp"

namespace {

// [adjust-prices]
/// Prints `date,adjusted close` for daily rows given oldest first.
template <bulwark::data::DividendConvention Convention>
void print_adjusted(std::span<const date::sys_days> dates, std::span<const double> closes,
                    std::span<const double> dividends, std::span<const double> splits,
                    Convention convention) {
  const auto events = bulwark::data::events_from_columns(dates, dividends, splits);
  const auto factors = bulwark::data::make_factor_table(dates, closes, events, convention);
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const double adjusted = closes[i] * factors.price_multiplier(dates[i]);
    std::printf("%s,%.17g\n", fmt::format("{}", bulwark::iso8601(dates[i])).c_str(), adjusted);
  }
}
// [adjust-prices]

int usage() {
  std::fputs("usage: adjust_prices FILE [--dividends ex_date_close|prior_close]\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 4) return usage();
  const std::string path = argv[1];
  const std::string_view policy = argc == 4 ? std::string_view{argv[3]} : "ex_date_close";
  if (argc == 4 && std::string_view{argv[2]} != "--dividends") return usage();
  if (policy != "ex_date_close" && policy != "prior_close") return usage();

  try {
    // [read-av]
    const auto file =
        bulwark::data::read_bars(path, {.extra = {"dividend_amount", "split_coefficient"}});
    std::vector<date::sys_days> dates = bulwark::data::local_dates(file.table);  // as written
    std::vector<double> closes(file.bars.close().begin(), file.bars.close().end());
    std::vector<double> dividends(file.table.column("dividend_amount").begin(),
                                  file.table.column("dividend_amount").end());
    std::vector<double> splits(file.table.column("split_coefficient").begin(),
                               file.table.column("split_coefficient").end());
    // [read-av]

    // The reader keeps the file's order. A file that is strictly newest first (as some
    // downloads are) is reversed here, as a whole; any other disorder is an error.
    if (dates.size() > 1 &&
        std::adjacent_find(dates.begin(), dates.end(), std::less_equal<>{}) == dates.end()) {
      std::reverse(dates.begin(), dates.end());
      std::reverse(closes.begin(), closes.end());
      std::reverse(dividends.begin(), dividends.end());
      std::reverse(splits.begin(), splits.end());
    } else {
      for (std::size_t i = 1; i < dates.size(); ++i) {
        if (!(dates[i - 1] < dates[i])) {
          fmt::print(stderr,
                     "adjust_prices: {}:{}: date {} is not after the previous row's {}; expected "
                     "one row per date in date order\n",
                     path, bulwark::data::numeric_table::line(i), bulwark::iso8601(dates[i]),
                     bulwark::iso8601(dates[i - 1]));
          return 2;
        }
      }
    }
    if (policy == "prior_close") {
      print_adjusted(dates, closes, dividends, splits, bulwark::data::prior_close{});
    } else {
      print_adjusted(dates, closes, dividends, splits, bulwark::data::ex_date_close{});
    }
  } catch (const bulwark::error& e) {
    fmt::print(stderr, "adjust_prices: {}\n", e.what());
    return 2;
  }
  return 0;
}
