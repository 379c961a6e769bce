// SPDX-License-Identifier: MIT
// A rule whose apply() may throw is not a SizingRule: the sizer says so by name.
// expect: does not model bulwark::sizing::SizingRule
#include <chrono>

#include "bulwark/sizing/sizer.hpp"
#include "bulwark/sizing/targeting.hpp"
#include "support/archetypes.hpp"

namespace {
// Only the failing twin uses this type: [[maybe_unused]] keeps Clang from flagging its
// constants as unused in the twin that builds.
struct throwing_rule {  // apply is not noexcept: it could throw in the middle of a batch
  [[maybe_unused]] static constexpr std::string_view name = "throwing";
  [[maybe_unused]] static constexpr bool sets_target = false;
  void validate() const {}
  bulwark::sizing::sizing_reason apply(bulwark::sizing::sizing_proposal&) const {
    return bulwark::sizing::sizing_reason::ok;
  }
};
}  // namespace

std::size_t steps() {
#ifdef BULWARK_COMPILE_FAIL
  const bulwark::sizing::sizer s{std::chrono::seconds{5},
                                 bulwark::sizing::target_fraction_of_equity{}, throwing_rule{}};
#else
  const bulwark::sizing::sizer s{std::chrono::seconds{5},
                                 bulwark::sizing::target_fraction_of_equity{},
                                 bulwark::test::sizing_rule_archetype{}};
#endif
  return s.steps;
}
