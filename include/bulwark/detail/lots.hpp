// SPDX-License-Identifier: MIT
/// \file
/// \brief Rounding a quantity to whole lots, shared by every piece that sends or fills an
/// order in lots (sizing's `lot_size`, cost's participation cap and partial fills).
#pragma once

#include <cmath>

namespace bulwark::detail {

/// Whole lots in |quantity|, rounded toward zero: floor(|quantity| / lot) with a tolerance
/// of 2^-50 relative, so that 0.3 in lots of 0.1 (0.3 / 0.1 = 2.9999999999999996 in
/// binary) is 3 lots, not 2. `lot` must be finite and > 0 (callers validate it).
[[nodiscard]] inline double whole_lots(double quantity, double lot) noexcept {
  return std::floor(std::abs(quantity) / lot * (1.0 + 0x1p-50));
}

/// `quantity` rounded toward zero to a whole number of lots, keeping its sign: always a
/// value on the lot grid, as the double nearest the decimal result. For a lot of 1/k (0.01,
/// 0.1, 1e-8) that is lots / k, one correctly rounded division (70 lots of 0.01 is 0.7,
/// where 70 x 0.01 is 0.7000000000000001). Because `whole_lots` forgives 2^-50 relative, a
/// quantity a hair short of the grid (28.999999999999996 from 0.29 x 1e5 / 1000) rounds to
/// the grid point just above it (29): past |quantity| by at most 2^-50 relative, never off
/// the grid.
[[nodiscard]] inline double round_toward_zero_to_lot(double quantity, double lot) noexcept {
  const double lots = whole_lots(quantity, lot);
  const double per_unit = std::round(1.0 / lot);
  const bool reciprocal = per_unit >= 1.0 && std::abs(per_unit * lot - 1.0) <= 0x1p-50;
  return std::copysign(reciprocal ? lots / per_unit : lots * lot, quantity);
}

}  // namespace bulwark::detail
