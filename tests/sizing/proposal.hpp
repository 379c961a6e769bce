// SPDX-License-Identifier: MIT
// A sizing_proposal as a rule sees it after the targeting rule: one helper for the tests
// of the adjusting rules.
#pragma once

#include "bulwark/core/quote.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/sizing/rule.hpp"

namespace sizing_test_support {

inline const bulwark::timestamp instant = bulwark::from_unix_seconds(1'717'425'000);

/// `sym` at `price` (weight 0.1, equity $1M, at `instant`), holding `current`, with the
/// target already set to `target`; `quoted` gives it a live quote one cent either side.
inline bulwark::sizing::sizing_proposal proposal(bulwark::symbol sym, double target,
                                                 double current = 0.0, double price = 100.0,
                                                 bool quoted = false) {
  const bulwark::quote live = quoted ? bulwark::quote{.bid = price - 0.01, .ask = price + 0.01,
                                                      .time = instant}
                                     : bulwark::quote{};
  bulwark::sizing::sizing_proposal p{sym, 0.1, price, 1e6, current, instant, live};
  p.set_target(target);
  return p;
}

}  // namespace sizing_test_support
