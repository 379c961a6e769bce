// SPDX-License-Identifier: MIT
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

TEST_CASE("rounding to lots goes toward zero and lands on the grid", "[core][lots]") {
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
  // A quantity one ulp short of the grid is the grid point (past it by 2^-50 at most).
  CHECK(0.29 * 1e5 / 1000.0 == 28.999999999999996);
  CHECK(round_toward_zero_to_lot(0.29 * 1e5 / 1000.0, 1.0) == 29.0);
  CHECK(0.7 * 3.0 == 2.0999999999999996);
  CHECK(round_toward_zero_to_lot(0.7 * 3.0, 0.1) == 2.1);
  // i thousandths floored to hundredths is i / 10 hundredths in integer arithmetic; the
  // result must be the double nearest that decimal.
  for (int i = 1; i <= 100000; ++i) {
    const double q = i * 0.001;
    CHECK(round_toward_zero_to_lot(q, 0.01) == static_cast<double>(i / 10) / 100.0);
    CHECK(round_toward_zero_to_lot(-q, 0.01) == -static_cast<double>(i / 10) / 100.0);
  }
}
