// SPDX-License-Identifier: MIT
/// \file
/// \brief A double-double running sum, shared by the sliding statistics of risk (rolling
/// moments, the window quantile's tail sum).
#pragma once

namespace bulwark::detail {

/// Double-double running sum (TwoSum: Knuth, TAOCP vol. 2, 4.2.2): `hi + lo` carries the
/// sum to about twice double precision, so adding and later subtracting the same double
/// leaves no trace and a sliding sum does not drift.
struct exact_sum {
  double hi = 0.0;
  double lo = 0.0;
  void add(double x) noexcept {
    const double s = hi + x;
    const double bp = s - hi;
    lo += (hi - (s - bp)) + (x - bp);
    hi = s;
  }
  [[nodiscard]] double value() const noexcept { return hi + lo; }
};

}  // namespace bulwark::detail
