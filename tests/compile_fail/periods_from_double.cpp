// SPDX-License-Identifier: MIT
// The annualisation factor is explicit, so it cannot be passed where a rate was meant.
// expect: (conversion|convert).*bulwark::periods_per_year
#include "bulwark/core/units.hpp"

namespace {
double annualised_volatility(double per_period_sd, bulwark::periods_per_year p) {
  return per_period_sd * p.value;  // (the real one takes sqrt; only the call matters here)
}
}  // namespace

double call() {
#ifdef BULWARK_COMPILE_FAIL
  return annualised_volatility(0.01, 252.0);
#else
  return annualised_volatility(0.01, bulwark::trading_days_per_year);
#endif
}
