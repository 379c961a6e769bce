// SPDX-License-Identifier: MIT
#include <chrono>

#include "bulwark/core/clock.hpp"
#include "support/catch.hpp"

using namespace std::chrono_literals;

static_assert(bulwark::Clock<bulwark::manual_clock>);
static_assert(bulwark::Clock<bulwark::system_clock_source>);

TEST_CASE("a manual clock moves only forward, when told", "[core][clock]") {
  bulwark::manual_clock clock{bulwark::from_unix_seconds(100)};
  CHECK(clock.now() == bulwark::from_unix_seconds(100));
  clock.advance(1500ms);
  CHECK(clock.now() == bulwark::from_unix_millis(101'500));
  clock.set(bulwark::from_unix_seconds(200));
  CHECK(clock.now() == bulwark::from_unix_seconds(200));
  CHECK_THROWS_AS(clock.set(bulwark::from_unix_seconds(199)), bulwark::contract_violation);
  CHECK_THROWS_AS(clock.advance(-1ns), bulwark::contract_violation);
}

TEST_CASE("the system clock reads the real time", "[core][clock]") {
  const auto now = bulwark::system_clock_source{}.now();
  using namespace date;
  CHECK(now > bulwark::make_timestamp(2024_y / January / 1));
  CHECK(now < bulwark::make_timestamp(2200_y / January / 1));
}
