// SPDX-License-Identifier: MIT
#include "bulwark/cost/component.hpp"
#include "support/catch.hpp"

TEST_CASE("fees round up to the cent, not through the binary representation",
          "[cost][component]") {
  using bulwark::cost::round_up_to_cent;
  CHECK(round_up_to_cent(0.0) == 0.0);
  CHECK(round_up_to_cent(0.0001) == 0.01);  // any positive fee is at least a cent
  CHECK(round_up_to_cent(0.0278) == 0.03);
  CHECK(round_up_to_cent(8.30) == 8.30);
  CHECK(round_up_to_cent(8.3000001) == 8.31);
  CHECK(round_up_to_cent(27.8) == 27.8);
  // The TAF cap: 8.30 x 100 = 830.0000000000001 in doubles, which would ceil to 831 cents
  // without the tolerance; likewise 1.10 x 100 = 110.00000000000001.
  CHECK(8.30 * 100.0 > 830.0);
  CHECK(round_up_to_cent(8.30) == 8.30);
  CHECK(1.10 * 100.0 > 110.0);
  CHECK(round_up_to_cent(1.10) == 1.10);
  CHECK(round_up_to_cent(1e6 * 27.8 / 1e6) == 27.80);
  // 50,000 shares x $0.000166 is 8.299999999999999 or 8.3 in doubles; either is $8.30.
  CHECK(round_up_to_cent(50'000 * 0.000166) == 8.30);
  CHECK(round_up_to_cent(123'456.781) == 123'456.79);
  CHECK(round_up_to_cent(123'456'789.001) == 123'456'789.01);
  CHECK(round_up_to_cent(0.004999) == 0.01);  // below half a cent: still up
  CHECK(round_up_to_cent(0.015) == 0.02);
  CHECK(round_up_to_cent(1e14) == 1e14);      // beyond 2^52 cents every amount is whole
  // Every whole number of cents is its own rounding, and a tenth of a cent more rounds up.
  for (int k = 0; k < 100'000; ++k) {
    const double exact = k / 100.0;
    REQUIRE(round_up_to_cent(exact) == exact);
    REQUIRE(round_up_to_cent((k + 0.1) / 100.0) == (k + 1) / 100.0);
  }
}
