// SPDX-License-Identifier: MIT
// A bare double never becomes basis points: 5.0 could mean 5 bps or 5 %.
// expect: (conversion|convert).*bulwark::bps
#include "bulwark/core/units.hpp"

double half_spread_fraction() {
#ifdef BULWARK_COMPILE_FAIL
  const bulwark::bps half_spread = 5.0;
#else
  const bulwark::bps half_spread{5.0};
#endif
  return half_spread.fraction();
}
