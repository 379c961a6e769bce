// SPDX-License-Identifier: MIT
#include <array>
#include <map>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "bulwark/core/symbol_map.hpp"
#include "support/catch.hpp"

using bulwark::symbol;
using bulwark::symbol_map;

namespace symbol_map_test {
symbol nth(int i) { return symbol{std::string_view{fmt::format("S{}", i)}}; }
}  // namespace symbol_map_test

TEST_CASE("symbol_map stores, finds and updates by symbol", "[core][symbol_map]") {
  symbol_map<double> m;
  CHECK(m.find("AAPL") == nullptr);
  m["AAPL"] = 1.5;
  m["MSFT"] = 2.5;
  REQUIRE(m.find("AAPL") != nullptr);
  CHECK(*m.find("AAPL") == 1.5);
  CHECK(m.size() == 2);
  m["AAPL"] += 1.0;
  CHECK(*m.find("AAPL") == 2.5);
  const auto [value, inserted] = m.try_emplace("MSFT", 9.0);
  CHECK_FALSE(inserted);
  CHECK(*value == 2.5);
  CHECK_FALSE(m.contains("IBM"));
  CHECK(m.find(symbol{}) == nullptr);
}

TEST_CASE("find_branchless finds what find finds", "[core][symbol_map]") {
  symbol_map<int> m;
  CHECK(m.find_branchless("AAPL") == nullptr);  // no storage yet
  // 600 keys in 2048 slots after growth (load 0.29): some probes pass other keys first.
  for (int i = 0; i < 600; ++i) m[symbol_map_test::nth(i)] = i;
  int present = 0;
  for (int i = 0; i < 1200; ++i) {  // half present, half absent
    const symbol key = symbol_map_test::nth(i);
    const int* found = m.find_branchless(key);
    CHECK(found == m.find(key));
    if (found != nullptr) {
      CHECK(*found == i);
      ++present;
    }
  }
  CHECK(present == 600);
  CHECK(m.find_branchless(symbol{}) == nullptr);
  *m.find_branchless(symbol_map_test::nth(7)) = -7;  // the mutable form points into the table
  CHECK(*m.find("S7") == -7);
  const symbol_map<int> moved = std::move(m);
  CHECK(m.find_branchless("S7") == nullptr);  // NOLINT(bugprone-use-after-move): empty, usable
  CHECK(*moved.find_branchless("S7") == -7);
}

TEST_CASE("symbol_map grows past its initial size and keeps every entry", "[core][symbol_map]") {
  symbol_map<int> m;
  std::map<symbol, int> reference;
  for (int i = 0; i < 1000; ++i) {
    m[symbol_map_test::nth(i)] = i;
    reference[symbol_map_test::nth(i)] = i;
  }
  CHECK(m.size() == 1000);
  std::map<symbol, int> seen;
  for (auto [key, value] : m) seen[key] = value;
  CHECK(seen == reference);
}

TEST_CASE("reserve guarantees no reallocation up to the reserved size", "[core][symbol_map]") {
  symbol_map<int> m{100};
  CHECK(m.capacity() >= 100);
  m["FIRST"] = 1;
  const int* first = m.find("FIRST");
  for (int i = 0; i < 99; ++i) m[symbol_map_test::nth(i)] = i;
  CHECK(m.find("FIRST") == first);  // storage did not move
  m.clear();
  CHECK(m.empty());
  CHECK(m.find("FIRST") == nullptr);
  CHECK(m.capacity() >= 100);
}

TEST_CASE("copies are independent, and a moved-from map is empty and usable",
          "[core][symbol_map]") {
  symbol_map<int> m{4};
  for (int i = 0; i < 20; ++i) m[symbol_map_test::nth(i)] = i;  // grows past 4

  symbol_map<int> copy = m;
  copy["S3"] = -3;
  CHECK(*m.find("S3") == 3);
  CHECK(*copy.find("S3") == -3);
  CHECK(*copy.find("S19") == 19);

  symbol_map<int> moved = std::move(m);
  CHECK(moved.size() == 20);
  CHECK(*moved.find("S7") == 7);
  // The moved-from map finds nothing (not the entries it gave away) and takes new ones.
  CHECK(m.size() == 0);  // NOLINT(bugprone-use-after-move): moved-from state is specified
  CHECK(m.find("S7") == nullptr);
  CHECK(m.begin() == m.end());
  m["NEW"] = 1;
  CHECK(*m.find("NEW") == 1);
  CHECK(moved.find("NEW") == nullptr);

  // Assignment: copy, move, and to itself.
  copy = moved;
  CHECK(*copy.find("S3") == 3);
  copy = std::move(m);
  CHECK(copy.size() == 1);
  CHECK(*copy.find("NEW") == 1);
  CHECK(m.find("NEW") == nullptr);  // NOLINT(bugprone-use-after-move)
  const symbol_map<int>& same = copy;
  copy = same;
  CHECK(*copy.find("NEW") == 1);

  const symbol_map<int> never_used;
  CHECK(never_used.find("AAPL") == nullptr);
  CHECK(never_used.find(symbol{}) == nullptr);

  // Maps without storage, copied and moved, their sources then destroyed: each result
  // probes its own spare slot, not its source's (AddressSanitizer reports the other).
  auto* source = new symbol_map<int>;
  const symbol_map<int> copied{*source};
  symbol_map<int> move_built{std::move(*source)};
  symbol_map<int> copy_assigned{4};
  copy_assigned = *source;  // NOLINT(bugprone-use-after-move): moved-from state is specified
  symbol_map<int> move_assigned{4};
  move_assigned = std::move(*source);
  delete source;
  const std::array<const symbol_map<int>*, 4> results{&copied, &move_built, &copy_assigned,
                                                      &move_assigned};
  for (const symbol_map<int>* result : results) {
    CHECK(result->find("AAPL") == nullptr);
    CHECK(result->size() == 0);
  }
  move_built["AAPL"] = 1;
  CHECK(*move_built.find("AAPL") == 1);
}

TEST_CASE("the empty symbol cannot be a key", "[core][symbol_map]") {
  symbol_map<int> m;
  CHECK_THROWS_AS(m[symbol{}], bulwark::contract_violation);
}

TEST_CASE("the empty symbol is never found", "[core][symbol_map]") {
  // Free slots hold the empty symbol, so a lookup of it must not probe.
  symbol_map<int> m{16};
  for (int i = 0; i < 20; ++i) m[symbol_map_test::nth(i)] = i;
  CHECK(m.find(symbol{}) == nullptr);
  CHECK(std::as_const(m).find(symbol{}) == nullptr);
}

TEST_CASE("a key that lies in the table itself survives the growth it causes",
          "[core][symbol_map]") {
  // Four entries fill eight slots to their limit, so the next insert grows the table and
  // frees the slots the key is read from.
  SECTION("a key of the table") {
    symbol_map<int> m;
    for (int i = 0; i < 4; ++i) m[symbol_map_test::nth(i)] = i;
    REQUIRE(m.capacity() == 4);
    const symbol& held = (*m.begin()).first;
    const symbol copy = held;
    const int value = (*m.begin()).second;
    const auto [found, inserted] = m.try_emplace(held, 99);
    CHECK_FALSE(inserted);
    CHECK(*found == value);
    CHECK(m.size() == 4);
    CHECK(*m.find(copy) == value);
  }
  SECTION("a value of the table used as a new key") {
    symbol_map<symbol> m;
    for (int i = 0; i < 4; ++i) m[symbol_map_test::nth(i)] = symbol_map_test::nth(100 + i);
    const symbol& stored = *m.find(symbol_map_test::nth(2));
    const symbol expected = stored;
    m[stored] = symbol{"NEW"};
    CHECK(m.size() == 5);
    REQUIRE(m.find(expected) != nullptr);
    CHECK(*m.find(expected) == symbol{"NEW"});
  }
  SECTION("a value of the table as the new value") {
    // Growing moves every string out of its old slot, so a value read from a freed slot
    // would be empty (and a read of freed memory under AddressSanitizer).
    symbol_map<std::string> m;
    for (int i = 0; i < 4; ++i) m[symbol_map_test::nth(i)] = fmt::format("value of S{}", i);
    REQUIRE(m.capacity() == 4);
    const auto [copied, inserted] = m.try_emplace(symbol{"NEW"}, *m.find(symbol_map_test::nth(1)));
    CHECK(inserted);
    CHECK(*copied == "value of S1");
    CHECK(*m.find(symbol_map_test::nth(1)) == "value of S1");
    CHECK(m.size() == 5);
  }
}

namespace symbol_map_test {
// A value whose construction from an int throws.
struct refuses {
  refuses() = default;
  explicit refuses(int) { throw std::runtime_error("refused"); }
};
}  // namespace symbol_map_test

TEST_CASE("a value that throws on construction leaves no key behind", "[core][symbol_map]") {
  symbol_map<symbol_map_test::refuses> m;
  const auto refused = [&](int held) {
    CHECK_THROWS_AS(m.try_emplace(symbol{"NEW"}, 1), std::runtime_error);
    CHECK(m.size() == static_cast<std::size_t>(held));
    CHECK_FALSE(m.contains(symbol{"NEW"}));
    int entries = 0;
    for (auto entry : m) entries += entry.first == symbol{"NEW"} ? 100 : 1;
    CHECK(entries == held);
  };
  m[symbol_map_test::nth(0)];
  refused(1);  // a free slot at hand
  for (int i = 1; i < 4; ++i) m[symbol_map_test::nth(i)];
  REQUIRE(m.capacity() == 4);
  refused(4);  // the table would grow first
  CHECK(m.capacity() == 4);
}

TEST_CASE("a present key at the load limit neither grows the table nor moves a value",
          "[core][symbol_map]") {
  symbol_map<int> m;
  for (int i = 0; i < 4; ++i) m[symbol_map_test::nth(i)] = i;
  REQUIRE(m.capacity() == 4);  // the next new key grows the table
  const int* held = m.find(symbol_map_test::nth(3));
  m[symbol_map_test::nth(3)] += 10;
  const auto [found, inserted] = m.try_emplace(symbol_map_test::nth(3), 99);
  CHECK_FALSE(inserted);
  CHECK(found == held);
  CHECK(*held == 13);
  CHECK(m.capacity() == 4);
  m[symbol{"NEW"}] = 5;  // a new key does grow it
  CHECK(m.capacity() == 8);
  CHECK(*m.find(symbol_map_test::nth(3)) == 13);
}
