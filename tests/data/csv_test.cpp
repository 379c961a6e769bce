// SPDX-License-Identifier: MIT
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/data/csv.hpp"

#include "support/catch.hpp"

namespace csv_test {
using bulwark::data::parse_table;
using bulwark::data::table_spec;
using bulwark::test::throws_error;

table_spec close_only() { return table_spec{.time_column = "", .columns = {"close"}}; }

bulwark::timestamp day(int y, unsigned m, unsigned d) {
  return bulwark::make_timestamp(date::year{y} / date::month{m} / date::day{d});
}
}  // namespace csv_test

TEST_CASE("a table keeps every row in file order with its line", "[data][csv]") {
  using namespace csv_test;
  const auto t = parse_table("date,close,note\n2024-01-03,101.5,x\n2024-01-02,100,y\n", close_only());
  REQUIRE(t.size() == 2);
  CHECK(t.times()[0] == day(2024, 1, 3));
  CHECK(t.times()[1] == day(2024, 1, 2));  // newest first stays newest first
  CHECK(t.column("close")[0] == 101.5);
  CHECK(t.column("CLOSE")[1] == 100.0);
  CHECK(t.line(0) == 2);
  CHECK(t.source() == "<memory>");
  CHECK(t.has_column("close"));
  CHECK_FALSE(t.has_column("note"));
  CHECK_THROWS_MATCHES(t.column("volume"), bulwark::input_error,
                       throws_error("bulwark.data.csv", "no column 'volume' was read; read: close"));
}

TEST_CASE("header names match case-insensitively and ignore surrounding spaces", "[data][csv]") {
  using namespace csv_test;
  const auto t = parse_table(" Datetime ;Close \r\n2024-01-02T10:00:00+01:00;7\r\n",
                             table_spec{.time_column = "datetime", .columns = {"close"},
                                        .format = {.delimiter = ';'}});
  REQUIRE(t.size() == 1);
  CHECK(t.column("close")[0] == 7.0);
  CHECK(t.utc_offsets()[0] == 3600);
  CHECK(t.local_date(0) == date::year{2024} / 1 / 2);
}

TEST_CASE("CRLF, a missing final newline and a byte-order mark are accepted", "[data][csv]") {
  using namespace csv_test;
  const auto t = parse_table("\xEF\xBB\xBFtimestamp,close\r\n1381152600,1\r\n1381152660,2", close_only());
  REQUIRE(t.size() == 2);
  CHECK(t.column("close")[1] == 2.0);
  CHECK(t.times()[1] - t.times()[0] == std::chrono::minutes{1});
}

TEST_CASE("numbers round-trip exactly through the reader", "[data][csv]") {
  using namespace csv_test;
  // Random doubles of every magnitude, written in fmt's shortest round-trip form and in
  // %.17g, must read back bit for bit (std::from_chars is correctly rounded).
  const bulwark::counter_rng rng{11, 0};
  std::string text = "time,a,b\n";
  std::vector<double> a, b;
  for (std::uint64_t i = 0; i < 2000; ++i) {
    a.push_back(std::ldexp(rng.uniform(2 * i) - 0.5, static_cast<int>(rng.below(2 * i + 1, 200)) - 100));
    b.push_back(std::round(rng.uniform(2 * i + 1) * 1e6) / 100.0);
    text += fmt::format("{},{},{:.17g}\n", 1'600'000'000 + 60 * i, a.back(), b.back());
  }
  const auto t = parse_table(text, table_spec{.time_column = "time", .columns = {"b", "a"}});
  REQUIRE(t.size() == a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    REQUIRE(t.column("a")[i] == a[i]);
    REQUIRE(t.column("b")[i] == b[i]);
    REQUIRE(t.times()[i] == bulwark::from_unix_seconds(1'600'000'000 + 60 * static_cast<std::int64_t>(i)));
  }
}

TEST_CASE("nan and inf are numbers, finding them is the validator's job", "[data][csv]") {
  using namespace csv_test;
  const auto t = parse_table("date,close\n2024-01-02,nan\n2024-01-03,-inf\n", close_only());
  CHECK(std::isnan(t.column("close")[0]));
  CHECK(std::isinf(t.column("close")[1]));
}

TEST_CASE("malformed input names file, line and column", "[data][csv]") {
  using namespace csv_test;
  const auto spec = close_only();
  const auto fails = [&](std::string_view text, std::string fragment) {
    CHECK_THROWS_MATCHES(parse_table(text, spec, "f.csv"), bulwark::input_error,
                         throws_error("bulwark.data.csv", std::move(fragment)));
  };
  fails("", "f.csv:1: the file is empty");
  fails("\xEF\xBB\xBF", "f.csv:1: the file is empty");
  fails("date,close\n", "f.csv:2: the file has a header but no data rows");
  fails("date,open\n2024-01-02,1\n", "f.csv:1: no column named 'close'; the header is 'date,open'");
  fails("day,close\n2024-01-02,1\n", "f.csv:1: no time column (timestamp, date, datetime or time)");
  fails("date,close,Close\n2024-01-02,1,1\n", "f.csv:1: columns 2 and 3 are both named 'close'");
  fails("date,close\n2024-01-02,1\n2024-01-03,1O2.5\n", "f.csv:3: column 2 'close': '1O2.5' is not a number");
  fails("date,close\n2024-01-02,\n", "f.csv:2: column 2 'close': the field is empty; expected a number");
  fails("date,close\n2024-01-02, 1\n", "f.csv:2: column 2 'close': ' 1' is not a number");
  fails("date,close\n2024-01-02,\"1\"\n", "f.csv:2: column 2 'close': '\"1\"' is not a number");
  fails("date,close\n2024-01-02,1e999\n", "f.csv:2: column 2 'close': '1e999' is out of the range of a double");
  fails("date,close,volume\n2024-01-02,1\n", "f.csv:2: column 3 'volume': missing: the row has 2 field(s); the header has 3");
  fails("date,close\n2024-01-02\n", "f.csv:2: column 2 'close': missing: the row has 1 field(s); the header has 2");
  fails("date,close\n2024-01-02,1,2\n", "f.csv:2: column 3: an extra field; the header has 2 fields");
  fails("date,close\n2024-01-02,1\n\n2024-01-04,1\n", "f.csv:3: the line is empty");
  fails("date,close\n2024-01-02,1\n\r\n", "f.csv:3: the line is empty");
  fails("date,close\n2024-02-30,1\n", "f.csv:2: column 1 'date': '2024-02-30' is not a valid calendar date");
  fails("date,close\n,1\n", "f.csv:2: column 1 'date': the field is empty; expected a time");
  fails("date,close\n2024-01-02T10:00:00,1\n", "has no UTC offset");
  // The format is fixed by the first row: a later epoch number in an ISO file is an error.
  fails("date,close\n2024-01-02,1\n1704153600,2\n", "f.csv:3: column 1 'date': '1704153600' is not an ISO 8601");
  // Bytes that are not UTF-8, wherever they are (here in a column that is not read).
  fails("date,close,note\n2024-01-02,1,caf\xC3\xA9\n2024-01-03,1,caf\xE9\n",
        "f.csv:3: column 3 'note': byte 0xE9 is not UTF-8");
  fails("date,close\n2024-01-02,1\xC0\x80\n", "f.csv:2: column 2 'close': byte 0xC0 is not UTF-8");
  fails("date,close\n2024-01-02,1\xED\xA0\x80\n", "byte 0xED is not UTF-8");  // a surrogate
  fails("date,close\n2024-01-02,1\xF4\x90\x80\x80\n", "byte 0xF4 is not UTF-8");  // > U+10FFFF
  fails("date,close\n2024-01-02,1\xE2\x82\n", "byte 0xE2 is not UTF-8");  // truncated
  fails("d\xFF" "ate,close\n2024-01-02,1\n", "f.csv:1: byte 0xFF in column 1 of the header is not UTF-8");
  // A non-printable byte is shown escaped.
  fails("date,close\n2024-01-02,1\x01\n", "'1\\x01' is not a number");
}

TEST_CASE("a spec that cannot work is a config_error", "[data][csv]") {
  using namespace csv_test;
  CHECK_THROWS_MATCHES(parse_table("date,close\n", table_spec{.time_column = "", .columns = {"close", "Close"}}),
                       bulwark::config_error, throws_error("bulwark.data.csv", "column 'close' is requested twice"));
  CHECK_THROWS_MATCHES(parse_table("date,close\n", table_spec{.time_column = "", .columns = {"close"},
                                                               .format = {.delimiter = '.'}}),
                       bulwark::config_error, throws_error("bulwark.data.csv", "delimiter '.' cannot"));
  CHECK_THROWS_MATCHES(parse_table("date,close\n2024-01-02,1\n", table_spec{.time_column = "close", .columns = {"close"}}),
                       bulwark::input_error, throws_error("bulwark.data.csv", "requested both as time and as a number"));
}

TEST_CASE("a file that cannot be opened is an input_error naming it", "[data][csv]") {
  using bulwark::test::throws_error;
  CHECK_THROWS_MATCHES(bulwark::data::read_file("/nonexistent/bars.csv"), bulwark::input_error,
                       throws_error("bulwark.data.csv", "/nonexistent/bars.csv: cannot open the file"));
}

TEST_CASE("the plain-decimal fast path returns std::from_chars's double", "[data][csv]") {
  // Random decimals of 1 to 15 digits with the point anywhere, both signs: the result must
  // be bit-identical to std::from_chars (the correctly rounded value).
  const bulwark::counter_rng rng{12, 0};
  for (std::uint64_t i = 0; i < 100'000; ++i) {
    const auto digits = 1 + rng.below(3 * i, 15);
    std::string text = rng.uniform(3 * i + 1) < 0.5 ? "-" : "";
    const auto point = rng.below(3 * i + 2, digits + 1);
    const bulwark::counter_rng draw{13, i};
    for (std::uint64_t d = 0; d < digits; ++d) {
      if (d == point && d > 0) text += '.';
      text += static_cast<char>('0' + draw.below(d, 10));
    }
    double fast = 0.0;
    const char* end = bulwark::data::detail::parse_plain_decimal(text.data(), text.data() + text.size(), fast);
    REQUIRE(end == text.data() + text.size());
    double reference = 0.0;
    std::from_chars(text.data(), text.data() + text.size(), reference);
    INFO(text);
    REQUIRE(std::bit_cast<std::uint64_t>(fast) == std::bit_cast<std::uint64_t>(reference));
  }
  double v = 0.0;
  for (const char* other : {"1e5", "1234567890123456", "", "-", "."}) {
    CHECK(bulwark::data::detail::parse_plain_decimal(other, other + std::strlen(other), v) == nullptr);
  }
}
