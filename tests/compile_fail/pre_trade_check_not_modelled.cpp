// SPDX-License-Identifier: MIT
// A check whose evaluate() may throw is not a PreTradeCheck: the gate says so by name.
// expect: must model bulwark::risk::PreTradeCheck
#include <chrono>
#include <string_view>

#include "bulwark/risk/gate.hpp"
#include "support/archetypes.hpp"

namespace {
// Only the failing twin uses this type: [[maybe_unused]] keeps Clang from flagging its
// constants as unused in the twin that builds.
struct throwing_check {  // an exception on the order path
  [[maybe_unused]] static constexpr std::string_view name = "throwing";
  void validate() const {}
  bulwark::risk::check_result evaluate(const bulwark::risk::check_context&) const { return {}; }
};
}  // namespace

std::size_t checks_in_gate() {
  using namespace std::chrono_literals;
  using namespace bulwark::risk;
#ifdef BULWARK_COMPILE_FAIL
  risk_gate gate{stale_market_data{.max_age = 2s, .max_mark_age = 60s}, throwing_check{}};
#else
  risk_gate gate{stale_market_data{.max_age = 2s, .max_mark_age = 60s},
                 bulwark::test::pre_trade_check_archetype{}};
#endif
  return gate.size;
}
