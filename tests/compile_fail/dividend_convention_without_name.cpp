// SPDX-License-Identifier: MIT
// A dividend rule without a `name` is not a DividendConvention: make_factor_table says so
// by name.
// expect: does not model bulwark::data::DividendConvention
#include <span>
#include <string_view>

#include "bulwark/data/factor_table.hpp"
#include "support/archetypes.hpp"

namespace {
struct anonymous_rule {  // no name to report it by
  double reference_price(const bulwark::data::dividend_context& c) const noexcept {
    return c.prior_close;
  }
};
}  // namespace

bulwark::data::factor_table table(std::span<const date::sys_days> dates, std::span<const double> closes) {
#ifdef BULWARK_COMPILE_FAIL
  const anonymous_rule rule;
#else
  const bulwark::test::dividend_convention_archetype rule;
#endif
  return bulwark::data::make_factor_table(dates, closes, {}, rule);
}
