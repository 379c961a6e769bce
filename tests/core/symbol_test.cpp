// SPDX-License-Identifier: MIT
#include <string>
#include <type_traits>

#include <fmt/format.h>

#include "bulwark/core/symbol.hpp"
#include "support/catch.hpp"

using bulwark::symbol;
using bulwark::test::throws_error;

static_assert(std::is_trivially_copyable_v<symbol>);
static_assert(sizeof(symbol) == 24, "three machine words, no heap");
static_assert(symbol{"AAPL"}.size() == 4, "literals are checked at compile time");

TEST_CASE("symbols hold tickers and option symbols inline", "[core][symbol]") {
  const symbol aapl = "AAPL";
  CHECK(aapl.view() == "AAPL");
  CHECK(aapl.ok());
  CHECK_FALSE(symbol{}.ok());
  CHECK(symbol{std::string_view{"BRK.B"}}.view() == "BRK.B");
  const symbol osi{std::string_view{"AAPL  240621C00190000"}};  // 21 bytes, inner spaces
  CHECK(osi.size() == 21);
  CHECK(symbol{std::string_view{std::string(23, 'X')}}.size() == 23);
}

TEST_CASE("symbols compare by text", "[core][symbol]") {
  CHECK(symbol{"AB"} < symbol{"ABC"});
  CHECK(symbol{"ABC"} < symbol{"ABD"});
  CHECK(symbol{"MSFT"} == symbol{std::string_view{"MSFT"}});
  CHECK(symbol{"MSFT"} != symbol{"MSFU"});
  CHECK(symbol{"MSFT"}.hash() == symbol{std::string_view{"MSFT"}}.hash());
  CHECK(symbol{"MSFT"}.hash() != symbol{"MSFU"}.hash());
  CHECK(std::hash<symbol>{}(symbol{"X"}) == static_cast<std::size_t>(symbol{"X"}.hash()));
  // Each of the three words takes part in equality: bytes 0-7, 8-15, 16-23 (the length).
  CHECK(symbol{"ABCDEFGHIJKLMNOPQRSTUVW"} != symbol{"ABCDEFGHIJKLMNOPQRSTUVX"});
  CHECK(symbol{"ABCDEFGHIJKL"} != symbol{"ABCDEFGHIJKM"});
  CHECK(symbol{"AB"} != symbol{"ABC"});
  static_assert(symbol{"SPY"} == symbol{"SPY"} && symbol{"SPY"} != symbol{"SPX"});
}

TEST_CASE("invalid symbol text is an input_error naming the problem", "[core][symbol]") {
  CHECK_THROWS_MATCHES(symbol{std::string_view{}}, bulwark::input_error,
                       throws_error("bulwark.core.symbol", "empty"));
  CHECK_THROWS_MATCHES(symbol{std::string_view{std::string(24, 'X')}}, bulwark::input_error,
                       throws_error("bulwark.core.symbol", "has 24 bytes; at most 23"));
  CHECK_THROWS_MATCHES(symbol{std::string_view{"AB\nC"}}, bulwark::input_error,
                       throws_error("bulwark.core.symbol", "byte 2 is 0x0a"));
  CHECK_THROWS_MATCHES(symbol{std::string_view{"caf\xc3\xa9"}}, bulwark::input_error,
                       throws_error("bulwark.core.symbol", "byte 3 is 0xc3"));
  CHECK_THROWS_MATCHES(symbol{std::string_view{" IBM"}}, bulwark::input_error,
                       throws_error("bulwark.core.symbol", "leading or trailing space"));
}

TEST_CASE("symbols format as their text", "[core][symbol][format]") {
  CHECK(fmt::format("{}", symbol{"SPY"}) == "SPY");
  CHECK(fmt::format("[{:<5}]", symbol{"SPY"}) == "[SPY  ]");
}
