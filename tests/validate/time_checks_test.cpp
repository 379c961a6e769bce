// SPDX-License-Identifier: MIT
#include <vector>

#include "bulwark/validate/time_checks.hpp"
#include "bulwark/validate/validator.hpp"
#include "support/catch.hpp"
#include "support/findings.hpp"

namespace time_checks_test {
using namespace bulwark;
using namespace bulwark::validate;

inline bar_series at_seconds(std::initializer_list<std::int64_t> seconds) {
  bar_series s{"TEST"};
  for (std::int64_t t : seconds) {
    s.push_back({.time = from_unix_seconds(t), .open = 1, .high = 1, .low = 1, .close = 1, .volume = 1});
  }
  return s;
}
}  // namespace time_checks_test

TEST_CASE("time_order reports each run of backward steps once", "[validate][time_checks]") {
  using namespace time_checks_test;
  // 0 60 120 90 180 240: one row (3) goes back 30 s.
  const report one = test::run_every_kernel(validator{time_order{}}, at_seconds({0, 60, 120, 90, 180, 240}));
  REQUIRE(one.findings().size() == 1);
  CHECK(one.findings()[0].row == 3);
  CHECK(one.findings()[0].rows == 1);
  CHECK(one.findings()[0].values.find("seconds_back")->value == 30.0);
  // A file stored newest first: one finding over rows 1..4.
  const report reversed = test::run_every_kernel(validator{time_order{}}, at_seconds({400, 300, 200, 100, 0}));
  REQUIRE(reversed.findings().size() == 1);
  CHECK(reversed.findings()[0].row == 1);
  CHECK(reversed.findings()[0].rows == 4);
  CHECK(reversed.quarantined_rows() == 4);
  CHECK(test::run_every_kernel(validator{time_order{}}, at_seconds({0, 1, 2})).findings().empty());
}

TEST_CASE("duplicate_times reports runs of a repeated time", "[validate][time_checks]") {
  using namespace time_checks_test;
  const report r = test::run_every_kernel(validator{duplicate_times{}, time_order{}}, at_seconds({0, 60, 60, 60, 120, 120, 180}));
  REQUIRE(r.findings().size() == 2);
  CHECK(r.findings()[0].row == 2);
  CHECK(r.findings()[0].rows == 2);
  CHECK(r.findings()[1].row == 5);
  CHECK(r.findings()[1].rows == 1);
  CHECK(r.count("time_order") == 0);
}

TEST_CASE("runs that cross a tile boundary are reported once", "[validate][time_checks]") {
  using namespace time_checks_test;
  bar_series s{"TEST"};
  constexpr std::size_t tile = validator<time_order>::tile_rows;
  const std::size_t n = 3 * tile;
  for (std::size_t i = 0; i < n; ++i) {
    // Times decrease over rows tile - 8 .. tile + 12, across the first tile boundary.
    const bool back = i >= tile - 8 && i <= tile + 12;
    const auto t = static_cast<std::int64_t>(back ? 100'000 - i : i);
    s.push_back({.time = from_unix_seconds(t), .open = 1, .high = 1, .low = 1, .close = 1, .volume = 1});
  }
  const report r = test::run_every_kernel(validator{time_order{}}, s);
  // tile - 8 jumps up; tile - 7 .. tile + 12 go down, and tile + 13 (t = tile + 13) is
  // below row tile + 12 too.
  REQUIRE(r.findings().size() == 1);
  CHECK(r.findings()[0].row == tile - 7);
  CHECK(r.findings()[0].rows == 21);
}
