// SPDX-License-Identifier: MIT
// A gate without a staleness limit could trust any price: it does not compile.
// expect: needs exactly one stale_market_data check
#include <chrono>

#include "bulwark/risk/gate.hpp"

std::size_t checks_in_gate() {
  using namespace std::chrono_literals;
  using namespace bulwark::risk;
#ifdef BULWARK_COMPILE_FAIL
  risk_gate gate{max_order_quantity{.max_quantity = 100}};
#else
  risk_gate gate{stale_market_data{.max_age = 2s, .max_mark_age = 60s},
                 max_order_quantity{.max_quantity = 100}};
#endif
  return gate.size;
}
