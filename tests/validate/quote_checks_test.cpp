// SPDX-License-Identifier: MIT
#include <vector>

#include "bulwark/validate/quote_checks.hpp"
#include "bulwark/validate/validator.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace quote_checks_test {
using namespace bulwark;
using namespace bulwark::validate;
}  // namespace quote_checks_test

TEST_CASE("crossed, locked and one-sided quotes", "[validate][quote_checks]") {
  using namespace quote_checks_test;
  const std::vector<quote> quotes{
      {.bid = 99.9, .ask = 100.1, .bid_size = 1, .ask_size = 1},
      {.bid = 100.2, .ask = 100.1, .bid_size = 1, .ask_size = 1},  // crossed
      {.bid = 100.0, .ask = 100.0, .bid_size = 1, .ask_size = 1},  // locked
      {.bid = 0.0, .ask = 100.1, .bid_size = 0, .ask_size = 1},    // bid missing
      {.bid = 99.9, .ask = 0.0, .bid_size = 1, .ask_size = 0},     // ask missing
      {},                                                          // both missing (NaN)
  };
  const quote_validator v{crossed_quote{}, locked_quote{}, one_sided_quote{}};
  const report r = v.run(quotes);
  REQUIRE(r.findings().size() == 5);
  CHECK(r.findings()[0].check == "crossed_quote");
  CHECK(r.findings()[0].row == 1);
  CHECK(r.findings()[1].check == "locked_quote");
  CHECK(r.findings()[2].what == "bid missing");
  CHECK(r.findings()[3].what == "ask missing");
  CHECK(r.findings()[4].what == "both sides missing");
  CHECK(r.quarantined_rows() == 1);  // only the crossed quote is an error
}

TEST_CASE("quote checks on Lean's SPY quote bars agree with a direct count", "[validate][quote_checks][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace quote_checks_test;
  const test::csv_table t{data / "intraday/lean_spy_minute_quote_20131004_20131011.csv"};
  const auto bid = t.numbers("bid_close");
  const auto ask = t.numbers("ask_close");
  std::vector<quote> quotes;
  std::size_t crossed = 0, locked = 0, one_sided = 0;
  for (std::size_t i = 0; i < bid.size(); ++i) {
    quotes.push_back({.bid = bid[i], .ask = ask[i], .bid_size = 1, .ask_size = 1, .time = from_unix_seconds(static_cast<std::int64_t>(i))});
    const bool has_bid = bid[i] > 0, has_ask = ask[i] > 0;
    crossed += has_bid && has_ask && bid[i] > ask[i] ? 1U : 0U;
    locked += has_bid && has_ask && bid[i] == ask[i] ? 1U : 0U;
    one_sided += has_bid != has_ask || (!has_bid && !has_ask) ? 1U : 0U;
  }
  const report r = quote_validator{crossed_quote{}, locked_quote{}, one_sided_quote{}}.run(quotes);
  CHECK(r.count("crossed_quote") == crossed);
  CHECK(r.count("locked_quote") == locked);
  CHECK(r.count("one_sided_quote") == one_sided);
  CHECK(quotes.size() == 5412);
}
