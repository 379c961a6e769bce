// SPDX-License-Identifier: MIT
/// \file
/// \brief Rounding a quantity to whole lots, shared by every piece that sends or fills an
/// order in lots (sizing's `lot_size`, cost's participation cap and partial fills).
#pragma once

#include <algorithm>
#include <cmath>

namespace bulwark::detail {

/// Whole lots in |quantity|, rounded toward zero: floor(|quantity| / lot) with a tolerance
/// of 2^-50 relative, so that 0.3 in lots of 0.1 (0.3 / 0.1 = 2.9999999999999996 in
/// binary) is 3 lots, not 2. `lot` must be finite and > 0 (callers validate it).
[[nodiscard]] inline double whole_lots(double quantity, double lot) noexcept {
  return std::floor(std::abs(quantity) / lot * (1.0 + 0x1p-50));
}

/// `quantity` rounded toward zero to a whole number of lots, keeping its sign. The result
/// never exceeds |quantity| in magnitude: 3 x 0.1 = 0.30000000000000004 in binary, so the
/// product is clamped to the quantity it rounds (0.3 stays 0.3, 0.29 in lots of 0.01 is 0.29).
[[nodiscard]] inline double round_toward_zero_to_lot(double quantity, double lot) noexcept {
  const double magnitude = std::min(whole_lots(quantity, lot) * lot, std::abs(quantity));
  return std::copysign(magnitude, quantity);
}

}  // namespace bulwark::detail
