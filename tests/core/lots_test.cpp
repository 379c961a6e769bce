// SPDX-License-Identifier: MIT
#include <cmath>

#include "bulwark/detail/lots.hpp"
#include "support/catch.hpp"

using bulwark::detail::round_toward_zero_to_lot;
using bulwark::detail::whole_lots;

TEST_CASE("whole lots count decimal lots as a person would", "[core][lots]") {
  // Decimal quantities that are whole multiples of the lot, though not in binary.
  CHECK(whole_lots(0.3, 0.1) == 3.0);
  CHECK(whole_lots(0.29, 0.01) == 29.0);
  CHECK(whole_lots(0.7, 0.01) == 70.0);
  CHECK(whole_lots(-450.0, 100.0) == 4.0);
  CHECK(whole_lots(99.999, 100.0) == 0.0);
  CHECK(whole_lots(0.0, 1.0) == 0.0);
}

TEST_CASE("rounding to lots goes toward zero and never past the quantity", "[core][lots]") {
  CHECK(round_toward_zero_to_lot(0.3, 0.1) == 0.3);
  CHECK(round_toward_zero_to_lot(0.29, 0.01) == 0.29);
  CHECK(round_toward_zero_to_lot(0.7, 0.01) == 0.7);
  CHECK(round_toward_zero_to_lot(-0.7, 0.01) == -0.7);
  CHECK(round_toward_zero_to_lot(450.0, 100.0) == 400.0);
  CHECK(round_toward_zero_to_lot(-450.0, 100.0) == -400.0);
  CHECK(round_toward_zero_to_lot(0.75, 0.5) == 0.5);
  // The double nearest the decimal result, not the product's rounding of it.
  CHECK(round_toward_zero_to_lot(0.705, 0.01) == 0.7);
  CHECK(round_toward_zero_to_lot(1.23456789012, 1e-8) == 1.23456789);
  CHECK(round_toward_zero_to_lot(250.0, 100.0) == 200.0);
  for (int i = 1; i <= 1000; ++i) {
    const double q = i * 0.001;
    const double r = round_toward_zero_to_lot(q, 0.01);
    CHECK(r <= q);
    CHECK(q - r < 0.01);
    CHECK(r == std::floor(q * 100.0 * (1.0 + 0x1p-50)) / 100.0);  // i / 1000 floored to 1/100
  }
}
