// SPDX-License-Identifier: MIT
// A check whose scan is not const is not a BarCheck: the validator says so by name.
// expect: must model bulwark::validate::BarCheck
#include <string_view>

#include "bulwark/validate/price_checks.hpp"
#include "bulwark/validate/validator.hpp"
#include "support/archetypes.hpp"

namespace {
// Only the failing twin uses this type: [[maybe_unused]] keeps Clang from flagging its
// constants as unused in the twin that builds.
struct counting_check {  // counts rows as it scans: state in a check is not allowed
  [[maybe_unused]] static constexpr std::string_view id = "counting";
  void scan(bulwark::validate::bar_scan&) { ++seen; }
  int seen = 0;
};
}  // namespace

bulwark::validate::report check_all(const bulwark::bar_series& s) {
#ifdef BULWARK_COMPILE_FAIL
  const bulwark::validate::validator v{bulwark::validate::positive_prices{}, counting_check{}};
#else
  const bulwark::validate::validator v{bulwark::validate::positive_prices{}};
#endif
  return v.run(s);
}
