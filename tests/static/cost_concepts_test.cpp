// SPDX-License-Identifier: MIT
// The cost concepts accept their archetypes and every component of bulwark::cost (so they
// ask for no more than documented) and reject types that miss one requirement (so they
// ask for no less); a cost_model composes the move-only archetypes.
#include <string_view>

#include "bulwark/cost.hpp"
#include "support/archetypes.hpp"

namespace cost_concepts_test {
using namespace bulwark::cost;

struct throwing_cost {  // cost() may throw: a hot path must not
  static constexpr std::string_view name = "x";
  static constexpr cost_kind kind = cost_kind::fee;
  fill_inputs needs() const;
  void validate() const;
  double cost(const fill_context&) const;
};
struct float_cost {
  static constexpr std::string_view name = "x";
  static constexpr cost_kind kind = cost_kind::fee;
  fill_inputs needs() const;
  void validate() const;
  float cost(const fill_context&) const noexcept;
};
struct nameless {
  static constexpr cost_kind kind = cost_kind::fee;
  fill_inputs needs() const;
  void validate() const;
  double cost(const fill_context&) const noexcept;
};
struct without_needs {
  static constexpr std::string_view name = "x";
  static constexpr cost_kind kind = cost_kind::fee;
  void validate() const;
  double cost(const fill_context&) const noexcept;
};
struct unvalidated {
  static constexpr std::string_view name = "x";
  static constexpr cost_kind kind = cost_kind::fee;
  fill_inputs needs() const;
  double cost(const fill_context&) const noexcept;
};
struct mutable_cost {  // cost() on a non-const component
  static constexpr std::string_view name = "x";
  static constexpr cost_kind kind = cost_kind::fee;
  fill_inputs needs() const;
  void validate() const;
  double cost(const fill_context&) noexcept;
};

static_assert(CostComponent<bulwark::test::cost_component_archetype>);
static_assert(CarryComponent<bulwark::test::carry_component_archetype>);
static_assert(!CostComponent<bulwark::test::carry_component_archetype>);
static_assert(!CarryComponent<bulwark::test::cost_component_archetype>);
static_assert(!CostComponent<int>);
static_assert(!CostComponent<throwing_cost>);
static_assert(!CostComponent<float_cost>);
static_assert(!CostComponent<nameless>);
static_assert(!CostComponent<without_needs>);
static_assert(!CostComponent<unvalidated>);
static_assert(!CostComponent<mutable_cost>);

static_assert(CostComponent<per_share_commission> && SettledComponent<per_share_commission>);
static_assert(CostComponent<per_trade_commission> && SettledComponent<per_trade_commission>);
static_assert(CostComponent<notional_commission> && SettledComponent<notional_commission>);
static_assert(CostComponent<maker_taker_commission> && !SettledComponent<maker_taker_commission>);
static_assert(CostComponent<tiered_commission> && SettledComponent<tiered_commission>);
static_assert(CostComponent<sec_fee> && SettledComponent<sec_fee>);
static_assert(CostComponent<finra_taf> && SettledComponent<finra_taf>);
static_assert(CostComponent<half_spread> && !SettledComponent<half_spread>);
static_assert(CostComponent<fixed_slippage>);
static_assert(CostComponent<volume_share_slippage>);
static_assert(CostComponent<square_root_impact>);
static_assert(CostComponent<volatility_scaled<volume_share_slippage>>);
static_assert(CarryComponent<short_borrow> && !CostComponent<short_borrow>);

inline auto compose_archetypes() {
  return cost_model{bulwark::test::cost_component_archetype{},
                    bulwark::test::carry_component_archetype{}};
}
static_assert(decltype(compose_archetypes())::size == 2);
}  // namespace cost_concepts_test
