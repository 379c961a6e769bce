// SPDX-License-Identifier: MIT
// A sizer's rules run in the order of their kind: the targeting rule, then the rules that
// scale the target, then lot rounding, then checks of the trade. A cash buffer after the lot
// rule would send a quantity that is not a whole lot; a minimum checked before the rounding
// would judge a trade that is not the one sent.
// expect: rules out of order
#include <chrono>

#include "bulwark/sizing/order_size.hpp"
#include "bulwark/sizing/scaling.hpp"
#include "bulwark/sizing/sizer.hpp"
#include "bulwark/sizing/targeting.hpp"

std::size_t steps() {
#ifdef BULWARK_COMPILE_FAIL
  const bulwark::sizing::sizer s{std::chrono::seconds{5},
                                 bulwark::sizing::target_fraction_of_equity{},
                                 bulwark::sizing::lot_size{.lot = 100.0},
                                 bulwark::sizing::cash_buffer{.fraction = 0.02}};
#else
  const bulwark::sizing::sizer s{std::chrono::seconds{5},
                                 bulwark::sizing::target_fraction_of_equity{},
                                 bulwark::sizing::cash_buffer{.fraction = 0.02},
                                 bulwark::sizing::lot_size{.lot = 100.0}};
#endif
  return s.steps;
}
