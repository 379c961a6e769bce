// SPDX-License-Identifier: MIT
// A check of the trade (min_order, cost_trim) must come after the lot rule: before it, the
// minimum would be checked on a trade that rounding then changes.
// expect: rules out of order
#include <chrono>

#include "bulwark/sizing/order_size.hpp"
#include "bulwark/sizing/sizer.hpp"
#include "bulwark/sizing/targeting.hpp"

std::size_t steps() {
#ifdef BULWARK_COMPILE_FAIL
  const bulwark::sizing::sizer s{std::chrono::seconds{5},
                                 bulwark::sizing::target_fraction_of_equity{},
                                 bulwark::sizing::min_order{.notional = 500.0},
                                 bulwark::sizing::lot_size{.lot = 100.0}};
#else
  const bulwark::sizing::sizer s{std::chrono::seconds{5},
                                 bulwark::sizing::target_fraction_of_equity{},
                                 bulwark::sizing::lot_size{.lot = 100.0},
                                 bulwark::sizing::min_order{.notional = 500.0}};
#endif
  return s.steps;
}
