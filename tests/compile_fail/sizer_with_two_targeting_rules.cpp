// SPDX-License-Identifier: MIT
// A sizer has one targeting rule: a second would overwrite the target the first set and
// every rule between them would have scaled nothing.
// expect: needs exactly one targeting rule
#include <chrono>

#include "bulwark/sizing/scaling.hpp"
#include "bulwark/sizing/sizer.hpp"
#include "bulwark/sizing/targeting.hpp"

std::size_t steps() {
#ifdef BULWARK_COMPILE_FAIL
  const bulwark::sizing::sizer s{std::chrono::seconds{5},
                                 bulwark::sizing::target_fraction_of_equity{},
                                 bulwark::sizing::fractional_kelly{.multiplier = 0.5},
                                 bulwark::sizing::target_fraction_of_equity{}};
#else
  const bulwark::sizing::sizer s{std::chrono::seconds{5},
                                 bulwark::sizing::target_fraction_of_equity{},
                                 bulwark::sizing::fractional_kelly{.multiplier = 0.5}};
#endif
  return s.steps;
}
