// SPDX-License-Identifier: MIT
#include "bulwark/cost/participation_cap.hpp"
#include "support/catch.hpp"

TEST_CASE("the participation cap fills at most its share of the bar, in whole lots",
          "[cost][fills]") {
  using bulwark::cost::participation_cap;
  const participation_cap shares{.max_fraction = 0.1};
  // Room 0.1 x 12,345 = 1,234.5 -> 1,234 whole shares.
  CHECK(shares.fill_quantity({.quantity = 5'000, .price = 10, .bar_volume = 12'345.0}) == 1'234);
  CHECK(shares.fill_quantity({.quantity = 500, .price = 10, .bar_volume = 12'345.0}) == 500);
  CHECK(shares.fill_quantity({.quantity = 500.7, .price = 10, .bar_volume = 12'345.0}) == 500);
  // Earlier orders used 1,000 of the 1,234.5: 234 left.
  CHECK(shares.fill_quantity({.quantity = 500, .price = 10, .bar_volume = 12'345.0, .bar_volume_used = 1'000}) == 234);
  // Less than a lot of room: nothing.
  CHECK(shares.fill_quantity({.quantity = 500, .price = 10, .bar_volume = 9.0}) == 0);
  // Coins in lots of 0.001: room 0.1 x 2.5 = 0.25 BTC.
  const participation_cap coins{.max_fraction = 0.1, .lot_size = 0.001};
  CHECK_THAT(coins.fill_quantity({.quantity = 1.0, .price = 60'000, .bar_volume = 2.5}),
             bulwark::test::WithinAbs(0.25, 1e-12));
}

TEST_CASE("the participation cap refuses bad configuration and missing volume", "[cost][fills]") {
  using bulwark::cost::participation_cap;
  using bulwark::test::throws_error;
  CHECK_THROWS_MATCHES(participation_cap{.max_fraction = 0}.validate(), bulwark::config_error,
                       throws_error("bulwark.cost.fills", "max_fraction 0 outside (0, 1]"));
  CHECK_THROWS_MATCHES((participation_cap{.lot_size = 0}.validate()), bulwark::config_error,
                       throws_error("bulwark.cost.fills", "lot_size 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES(participation_cap{}.fill_quantity({.quantity = 1, .price = 1}),
                       bulwark::input_error,
                       throws_error("bulwark.cost.fill_context", "no bar_volume"));
  CHECK_THROWS_MATCHES(participation_cap{}.fill_quantity({.quantity = 1, .price = 1, .bar_volume = -3.0}),
                       bulwark::input_error,
                       throws_error("bulwark.cost.fill_context", "bar volume must be finite and >= 0 (got -3)"));
}

TEST_CASE("decimal lots never lose a lot to binary and never exceed the order", "[cost][fills]") {
  using bulwark::cost::participation_cap;
  // A bar with room for far more than the order: the order fills whole, as written.
  const auto fill = [](double quantity, double lot) {
    return participation_cap{.max_fraction = 1.0, .lot_size = lot}.fill_quantity(
        {.quantity = quantity, .price = 10, .bar_volume = 1'000.0});
  };
  CHECK(fill(0.29, 0.01) == 0.29);  // floor(0.29 / 0.01) x 0.01 = 0.28
  CHECK(fill(0.57, 0.01) == 0.57);  // floor gives 0.56
  CHECK(fill(0.3, 0.1) == 0.3);     // 0.3 / 0.1 = 2.9999999999999996: floor gives 0.2
  CHECK(fill(0.7, 0.01) == 0.7);    // 70 x 0.01 = 0.7000000000000001: never above the order
  // A part of a lot still does not fill: 70 lots, 0.7 to within an ulp, below the order.
  CHECK_THAT(fill(0.705, 0.01), bulwark::test::WithinAbs(0.7, 1e-15));
  CHECK(fill(0.705, 0.01) < 0.705);
  // Room 0.1 x 2.9 = 0.29000000000000004 BTC in lots of 0.01: 29 lots, at most the room.
  const double q = participation_cap{.max_fraction = 0.1, .lot_size = 0.01}.fill_quantity(
      {.quantity = 1.0, .price = 60'000, .bar_volume = 2.9});
  CHECK(q <= 0.1 * 2.9);
  CHECK(q == 0.29);
}
