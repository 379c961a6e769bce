// SPDX-License-Identifier: MIT
// A cost component whose cost() may throw is not a CostComponent: cost_model says so by name.
// expect: must model bulwark::cost::CostComponent
#include <string_view>

#include "bulwark/cost/cost_model.hpp"
#include "support/archetypes.hpp"

namespace {
// Only the failing twin uses this type: [[maybe_unused]] keeps Clang from flagging its
// constants as unused in the twin that builds.
struct throwing_fee {
  [[maybe_unused]] static constexpr std::string_view name = "throwing_fee";
  [[maybe_unused]] static constexpr bulwark::cost::cost_kind kind = bulwark::cost::cost_kind::fee;
  bulwark::cost::fill_inputs needs() const { return {}; }
  void validate() const {}
  double cost(const bulwark::cost::fill_context& ctx) const { return ctx.quantity; }  // not noexcept
};
}  // namespace

double price(const bulwark::cost::fill_context& ctx) {
#ifdef BULWARK_COMPILE_FAIL
  const bulwark::cost::cost_model model{throwing_fee{}};
#else
  const bulwark::cost::cost_model model{bulwark::test::cost_component_archetype{}};
#endif
  return model.cost(ctx);
}
