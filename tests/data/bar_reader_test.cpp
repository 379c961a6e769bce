// SPDX-License-Identifier: MIT
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "bulwark/data/bar_reader.hpp"
#include "bulwark/data/quote_bar_reader.hpp"

#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace bar_reader_test {
using namespace std::chrono;

bulwark::timestamp at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0) {
  return bulwark::make_timestamp(date::year{y} / date::month{m} / date::day{d}, hours{hh} + minutes{mm});
}

/// Every column of `file` as read by the independent test reader (tests/support/csv.hpp)
/// equals what the library read, value for value.
void require_same_columns(const bulwark::test::csv_table& ref, const bulwark::bar_series& bars,
                          const std::vector<std::string>& names) {
  REQUIRE(ref.size() == bars.size());
  const std::span<const double> ours[] = {bars.open(), bars.high(), bars.low(), bars.close(), bars.volume()};
  for (std::size_t k = 0; k < 5; ++k) {
    const std::vector<double> theirs = ref.numbers(names[k]);
    for (std::size_t i = 0; i < theirs.size(); ++i) REQUIRE(ours[k][i] == theirs[i]);
  }
}
}  // namespace bar_reader_test

TEST_CASE("bars from text keep order, symbol and extra columns", "[data][bar_reader]") {
  using namespace bar_reader_test;
  const auto t = bulwark::data::parse_bars(
      "timestamp,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient\n"
      "2014-06-09,92.7,93.88,91.75,93.7,21.1085754941,75414997,0.0,7.00000700001\n"
      "2014-06-06,649.9,651.26,644.47,645.57,20.7,87484600,0.0,1.0\n",
      {.sym = "AAPL", .extra = {"adjusted_close", "split_coefficient"}});
  REQUIRE(t.bars.size() == 2);
  CHECK(t.bars.sym() == bulwark::symbol{"AAPL"});
  CHECK(t.bars[0] == bulwark::bar{at(2014, 6, 9), 92.7, 93.88, 91.75, 93.7, 75414997.0});
  CHECK(t.bars[1].close == 645.57);
  CHECK(t.table.column("split_coefficient")[0] == 7.00000700001);
  CHECK(t.table.column("adjusted_close")[1] == 20.7);
  // The bar columns live in the series only, so nothing can be read from two places.
  CHECK_FALSE(t.table.has_column("close"));
  CHECK_THROWS_MATCHES(t.table.column("dividend_amount"), bulwark::input_error,
                       bulwark::test::throws_error("bulwark.data.csv", "no column 'dividend_amount' was read"));
}

TEST_CASE("bar columns can be renamed", "[data][bar_reader]") {
  using namespace bar_reader_test;
  const auto t = bulwark::data::parse_bars(
      "ts|o|h|l|c|v\n1381152600000|1|2|0.5|1.5|10\n",
      {.columns = {.time = "ts", .open = "o", .high = "h", .low = "l", .close = "c", .volume = "v"},
       .format = {.delimiter = '|', .time = bulwark::data::time_format::unix_millis}});
  CHECK(t.bars[0] == bulwark::bar{at(2013, 10, 7, 13, 30), 1.0, 2.0, 0.5, 1.5, 10.0});
}

TEST_CASE("every shared bar format loads, value for value", "[data][bar_reader][real-data]") {
  using namespace bar_reader_test;
  BULWARK_REQUIRE_SHARED_DATA(data);
  const std::vector<std::string> lower{"open", "high", "low", "close", "volume"};
  const std::vector<std::string> upper{"Open", "High", "Low", "Close", "Volume"};
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data / "daily/alphavantage_sp500")) {
    const auto t = bulwark::data::read_bars(entry.path(), {.extra = {"adjusted_close", "dividend_amount", "split_coefficient"}});
    const bulwark::test::csv_table ref(entry.path());
    require_same_columns(ref, t.bars, lower);
    const auto adjusted = ref.numbers("adjusted_close");
    for (std::size_t i = 0; i < adjusted.size(); ++i) REQUIRE(t.table.column("adjusted_close")[i] == adjusted[i]);
    REQUIRE(t.table.local_date(0) == bulwark::utc_date(t.bars.times()[0]));
    ++files;
  }
  CHECK(files == 40);
  for (const char* name : {"daily/lean/aapl_daily_raw.csv", "daily/lean/spy_daily_raw.csv",
                           "intraday/lean_spy_minute_trade_20131004_20131011.csv",
                           "intraday/lean_coinbase_btcusd_minute_trade_20170903_20170904.csv"}) {
    const auto t = bulwark::data::read_bars(data / name);
    require_same_columns(bulwark::test::csv_table(data / name), t.bars, lower);
  }
  for (const auto& entry : std::filesystem::directory_iterator(data / "quality/yfinance_price_repair")) {
    const auto t = bulwark::data::read_bars(entry.path(), {.extra = {"Adj Close", "Dividends", "Stock Splits"}});
    require_same_columns(bulwark::test::csv_table(entry.path()), t.bars, upper);
    ++files;
  }
  CHECK(files == 46);
}

TEST_CASE("times in the shared files convert to UTC from the offset they carry", "[data][bar_reader][real-data]") {
  using namespace bar_reader_test;
  BULWARK_REQUIRE_SHARED_DATA(data);
  // Lean SPY minute bars: first bar 2013-10-04 04:06 New York (EDT, UTC-4) = 08:06Z.
  const auto spy = bulwark::data::read_bars(data / "intraday/lean_spy_minute_trade_20131004_20131011.csv");
  REQUIRE(spy.bars.size() == 4839);
  CHECK(spy.bars.times()[0] == at(2013, 10, 4, 8, 6));
  CHECK(spy.table.utc_offsets()[0] == -4 * 3600);
  CHECK(spy.bars.times().back() == at(2013, 10, 11, 23, 59));
  CHECK(spy.table.local_date(spy.bars.size() - 1) == date::year{2013} / 10 / 11);
  // Coinbase via Lean: UTC.
  const auto btc = bulwark::data::read_bars(data / "intraday/lean_coinbase_btcusd_minute_trade_20170903_20170904.csv");
  CHECK(btc.bars.size() == 2880);
  CHECK(btc.bars.times()[1] == at(2017, 9, 3, 0, 1));
  // yfinance AET-L: newest first, daily bars stamped at London midnight (BST, UTC+1).
  const auto aet = bulwark::data::read_bars(data / "quality/yfinance_price_repair/AET-L-1d-100x-error.csv");
  REQUIRE(aet.bars.size() == 23);
  CHECK(aet.bars.times()[0] == at(2022, 6, 5, 23, 0));
  CHECK(aet.table.local_date(0) == date::year{2022} / 6 / 6);
  CHECK(aet.bars.times()[0] > aet.bars.times()[1]);  // kept newest first, as in the file
  // ASAI-L hourly: the offset changes from +01:00 to +00:00 when British summer time ends.
  const auto asai = bulwark::data::read_bars(data / "quality/yfinance_price_repair/ASAI-L-1h-bad-unit.csv");
  CHECK(asai.bars.times()[0] == at(2024, 10, 21, 9, 0));
  CHECK(asai.bars.times().back() == at(2024, 10, 30, 14, 0));
  CHECK(asai.table.utc_offsets().back() == 0);
}

TEST_CASE("quote bars read both sides, the close quote is a core quote", "[data][quote_bar_reader]") {
  using namespace bar_reader_test;
  const auto q = bulwark::data::parse_quote_bars(
      "timestamp,bid_open,bid_high,bid_low,bid_close,bid_size,ask_open,ask_high,ask_low,ask_close,ask_size\n"
      "2013-10-04T04:00:00.000-04:00,167.42,167.58,167.42,167.56,20000,167.87,167.87,167.6,167.6,300\n"
      "2013-10-04T04:01:00.000-04:00,167.56,167.56,167.53,167.61,100,167.6,167.6,167.57,167.6,200\n");
  REQUIRE(q.bid.size() == 2);
  CHECK(q.bid[0] == bulwark::bar{at(2013, 10, 4, 8, 0), 167.42, 167.58, 167.42, 167.56, 20000.0});
  CHECK(q.ask[0] == bulwark::bar{at(2013, 10, 4, 8, 0), 167.87, 167.87, 167.6, 167.6, 300.0});
  const bulwark::quote first = q.close_quote(0);
  CHECK(first.bid == 167.56);
  CHECK(first.ask == 167.6);
  CHECK(first.ask_size == 300.0);
  CHECK(first.time == at(2013, 10, 4, 8, 0));
  CHECK(first.ok());
  CHECK(q.close_quote(1).is_crossed());
  CHECK_THROWS_AS(q.close_quote(2), bulwark::contract_violation);
  CHECK_THROWS_MATCHES(bulwark::data::parse_quote_bars("timestamp,bid_close\n2013-10-04,1\n", {}, "q.csv"),
                       bulwark::input_error,
                       bulwark::test::throws_error("bulwark.data.csv", "q.csv:1: no column named 'bid_open'"));
}

TEST_CASE("the shared quote files load, value for value", "[data][quote_bar_reader][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  for (const char* name : {"intraday/lean_spy_minute_quote_20131004_20131011.csv",
                           "intraday/lean_coinbase_btcusd_minute_quote_20170903_20170904.csv"}) {
    const auto q = bulwark::data::read_quote_bars(data / name);
    const bulwark::test::csv_table ref(data / name);
    REQUIRE(q.bid.size() == ref.size());
    const auto bid_close = ref.numbers("bid_close");
    const auto ask_size = ref.numbers("ask_size");
    for (std::size_t i = 0; i < ref.size(); ++i) {
      REQUIRE(q.bid.close()[i] == bid_close[i]);
      REQUIRE(q.ask.volume()[i] == ask_size[i]);
    }
  }
}
