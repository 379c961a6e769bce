// SPDX-License-Identifier: MIT
// A sizer must start with the rule that turns weights into targets: without it every
// later rule would scale a target nobody set.
// expect: needs exactly one targeting rule
#include <chrono>

#include "bulwark/sizing/order_size.hpp"
#include "bulwark/sizing/scaling.hpp"
#include "bulwark/sizing/sizer.hpp"
#include "bulwark/sizing/targeting.hpp"

std::size_t steps() {
#ifdef BULWARK_COMPILE_FAIL
  const bulwark::sizing::sizer s{std::chrono::seconds{5},
                                 bulwark::sizing::fractional_kelly{.multiplier = 0.5},
                                 bulwark::sizing::lot_size{.lot = 1.0}};
#else
  const bulwark::sizing::sizer s{std::chrono::seconds{5},
                                 bulwark::sizing::target_fraction_of_equity{},
                                 bulwark::sizing::fractional_kelly{.multiplier = 0.5},
                                 bulwark::sizing::lot_size{.lot = 1.0}};
#endif
  return s.steps;
}
