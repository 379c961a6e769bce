// SPDX-License-Identifier: MIT
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/symbol.hpp"
#include "support/catch.hpp"

using bulwark::symbol;
using bulwark::test::throws_error;

static_assert(std::is_trivially_copyable_v<symbol>);
static_assert(sizeof(symbol) == 32, "three machine words of text and the hash, no heap");
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

namespace symbol_test {

// How many of `symbols` share a hash, and the fullest of the 1024 slots that the low ten
// bits of their hashes pick (the home slots of a symbol_map of that size).
struct hash_spread {
  std::size_t shared = 0;
  std::size_t fullest = 0;
};

inline hash_spread spread_of(const std::vector<symbol>& symbols) {
  std::vector<std::uint64_t> hashes;
  std::array<std::size_t, 1024> slots{};
  for (const symbol& s : symbols) {
    hashes.push_back(s.hash());
    ++slots[s.hash() & 1023U];
  }
  std::sort(hashes.begin(), hashes.end());
  const auto distinct = std::unique(hashes.begin(), hashes.end()) - hashes.begin();
  return {symbols.size() - static_cast<std::size_t>(distinct),
          *std::max_element(slots.begin(), slots.end())};
}

}  // namespace symbol_test

TEST_CASE("symbol hashes are distinct and spread over a table's slots", "[core][symbol]") {
  // Every ticker of one to three capital letters: 18,278 symbols. Symbols of up to 8 bytes
  // and equal length cannot share a hash (the hash is a bijection of the first word).
  std::vector<symbol> tickers;
  std::string text;
  const auto letters = [&](auto&& self, std::size_t length) -> void {
    if (text.size() == length) {
      tickers.emplace_back(std::string_view{text});
      return;
    }
    for (char c = 'A'; c <= 'Z'; ++c) {
      text.push_back(c);
      self(self, length);
      text.pop_back();
    }
  };
  for (std::size_t length = 1; length <= 3; ++length) letters(letters, length);
  REQUIRE(tickers.size() == 26 + 26 * 26 + 26 * 26 * 26);
  const symbol_test::hash_spread t = symbol_test::spread_of(tickers);
  CHECK(t.shared == 0);
  // 17.85 per slot on average. For a uniform hash the fullest of 1024 Poisson(17.85) slots
  // holds more than 41 with probability below 1e-3.
  CHECK(t.fullest <= 41);

  // 23-byte symbols that differ only in the last text byte of each word (bytes 7, 15 and
  // 22): 17,576 of them. A change in a word's high bits reaches only the high bits of its
  // product by a constant, where a plain sum of products would let the words cancel.
  std::vector<symbol> high_bytes;
  std::string text23 = "ABCDEFGHIJKLMNOPQRSTUVW";
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) {
      for (char c = 'A'; c <= 'Z'; ++c) {
        text23[7] = a;
        text23[15] = b;
        text23[22] = c;
        high_bytes.emplace_back(std::string_view{text23});
      }
    }
  }
  const symbol_test::hash_spread h = symbol_test::spread_of(high_bytes);
  CHECK(h.shared == 0);
  CHECK(h.fullest <= 40);  // 17.16 per slot: more than 40 has probability below 1e-3

  // 2,000 option symbols that differ only in the last five digits of the strike (bytes
  // 16-20, the third word): 1.95 per slot; more than 12 in one slot has probability < 2e-4.
  std::vector<symbol> options;
  for (int strike = 0; strike < 2000; ++strike) {
    options.emplace_back(std::string_view{fmt::format("AAPL  240621C001{:05}", strike * 7)});
  }
  const symbol_test::hash_spread o = symbol_test::spread_of(options);
  CHECK(o.shared == 0);
  CHECK(o.fullest <= 12);
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
