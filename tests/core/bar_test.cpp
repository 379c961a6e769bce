// SPDX-License-Identifier: MIT
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/bar.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

using bulwark::bar;
using bulwark::bar_series;
using bulwark::test::throws_error;

TEST_CASE("bar::ok accepts consistent bars and rejects broken ones", "[core][bar]") {
  const bar good{.open = 10, .high = 11, .low = 9, .close = 10.5, .volume = 1000};
  CHECK(good.ok());
  CHECK(bar{.open = 10, .high = 10, .low = 10, .close = 10, .volume = 0}.ok());
  auto broken = [&](auto mutate) {
    bar b = good;
    mutate(b);
    return !b.ok();
  };
  CHECK(broken([](bar& b) { b.low = 10.2; }));   // low above open
  CHECK(broken([](bar& b) { b.high = 10.4; }));  // high below close
  CHECK(broken([](bar& b) { b.low = 0.0; }));    // non-positive price
  CHECK(broken([](bar& b) { b.close = std::numeric_limits<double>::quiet_NaN(); }));
  CHECK(broken([](bar& b) { b.volume = -1.0; }));
  CHECK(broken([](bar& b) { b.high = std::numeric_limits<double>::infinity(); }));
}

TEST_CASE("bar_series keeps bars as given, as columns", "[core][bar]") {
  bar_series s{"AAPL"};
  const bar first{.time = bulwark::from_unix_seconds(200), .open = 1, .high = 2, .low = 0.5, .close = 1.5, .volume = 10};
  const bar earlier{.time = bulwark::from_unix_seconds(100), .open = 3, .high = 4, .low = 2, .close = 3.5, .volume = 20};
  s.push_back(first);
  s.push_back(earlier);  // out of order: stored, not sorted or dropped
  REQUIRE(s.size() == 2);
  CHECK(s[0] == first);
  CHECK(s[1] == earlier);
  CHECK(s.close()[1] == 3.5);
  CHECK(s.volume()[0] == 10);
  CHECK(s.times()[1] == bulwark::from_unix_seconds(100));
  CHECK(s.sym() == bulwark::symbol{"AAPL"});
  CHECK_THROWS_AS(s[2], bulwark::contract_violation);
}

TEST_CASE("bar_series::from_columns names a column of the wrong length", "[core][bar]") {
  using V = std::vector<double>;
  const std::vector<bulwark::timestamp> t(3);
  const auto s = bar_series::from_columns("X", t, V(3, 1.0), V(3, 2.0), V(3, 0.5), V(3, 1.5), V(3, 7.0));
  CHECK(s.size() == 3);
  CHECK(s.low()[2] == 0.5);
  CHECK_THROWS_MATCHES(bar_series::from_columns("X", t, V(3), V(3), V(2), V(3), V(3)),
                       bulwark::input_error,
                       throws_error("bulwark.core.bar_series", "column 'low' has 2 values but 'time' has 3"));
}

TEST_CASE("bars and series format for people", "[core][bar][format]") {
  const bar b{.time = bulwark::from_unix_seconds(0), .open = 1, .high = 2, .low = 0.5, .close = 1.5, .volume = 10};
  CHECK(fmt::format("{}", b) == "1970-01-01T00:00:00Z O 1 H 2 L 0.5 C 1.5 V 10");
  bar_series s{"SPY"};
  CHECK(fmt::format("{}", s) == "SPY: 0 bars");
  s.push_back(b);
  CHECK(fmt::format("{}", s) == "SPY: 1 bars, 1970-01-01T00:00:00Z .. 1970-01-01T00:00:00Z");
  CHECK_THROWS_AS(fmt::format(fmt::runtime("{:>5}"), b), fmt::format_error);
}

TEST_CASE("every bar of the shared Alpha Vantage files is consistent", "[core][bar][real-data]") {
  // The shared data README states that none of the 40 files has an OHLC inconsistency or
  // a non-positive price; bar::ok must agree on every row.
  BULWARK_REQUIRE_SHARED_DATA(data);
  std::size_t files = 0;
  std::size_t rows = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data / "daily/alphavantage_sp500")) {
    const bulwark::test::csv_table csv{entry.path()};
    const auto open = csv.numbers("open"), high = csv.numbers("high"), low = csv.numbers("low"),
               close = csv.numbers("close"), volume = csv.numbers("volume");
    for (std::size_t i = 0; i < csv.size(); ++i) {
      const bar b{.open = open[i], .high = high[i], .low = low[i], .close = close[i], .volume = volume[i]};
      INFO(entry.path().filename().string() << " row " << i + 1);
      REQUIRE(b.ok());
    }
    ++files;
    rows += csv.size();
  }
  CHECK(files == 40);
  CHECK(rows > 150'000);
}
