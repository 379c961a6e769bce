// SPDX-License-Identifier: MIT
// The risk gate's concepts accept their archetypes and every check bulwark ships, and
// reject types that miss one requirement.
#include <string_view>
#include <type_traits>
#include <utility>

#include "bulwark/core/clock.hpp"
#include "bulwark/risk/audit.hpp"
#include "bulwark/risk/checks.hpp"
#include "bulwark/risk/circuit_breaker.hpp"
#include "bulwark/risk/gate.hpp"
#include "bulwark/risk/throttle.hpp"
#include "support/archetypes.hpp"

namespace risk_gate_concepts_test {
using namespace bulwark;
using namespace bulwark::risk;

struct sink_that_may_throw {
  void record(const order&, const verdict&) {}  // not noexcept: a lost decision
};
struct sink_without_verdict {
  void record(const order&) noexcept {}
};

struct check_without_name {
  void validate() const {}
  check_result evaluate(const check_context&) const noexcept { return {}; }
};
struct check_that_may_throw {
  static constexpr std::string_view name = "x";
  void validate() const {}
  check_result evaluate(const check_context&) const { return {}; }
};
struct check_returning_bool {
  static constexpr std::string_view name = "x";
  void validate() const {}
  bool evaluate(const check_context&) const noexcept { return true; }
};
struct check_mutating_on_evaluate {
  static constexpr std::string_view name = "x";
  void validate() const {}
  check_result evaluate(const check_context&) noexcept { return {}; }
};
struct check_without_validate {
  static constexpr std::string_view name = "x";
  check_result evaluate(const check_context&) const noexcept { return {}; }
};
struct stateful_without_commit {
  struct state_type {};
  static constexpr std::string_view name = "x";
  void validate() const {}
  state_type make_state() const { return {}; }
  check_result evaluate(const check_context&, const state_type&) const noexcept { return {}; }
};

static_assert(AuditSink<test::audit_sink_archetype>);
static_assert(AuditSink<null_audit_sink>);
static_assert(AuditSink<audit_trail>);
static_assert(!AuditSink<int>);
static_assert(!AuditSink<sink_that_may_throw>);
static_assert(!AuditSink<sink_without_verdict>);

static_assert(PreTradeCheck<test::pre_trade_check_archetype>);
static_assert(PreTradeCheck<test::stateful_check_archetype>);
static_assert(!PreTradeCheck<int>);
static_assert(!PreTradeCheck<check_without_name>);
static_assert(!PreTradeCheck<check_that_may_throw>);
static_assert(!PreTradeCheck<check_returning_bool>);
static_assert(!PreTradeCheck<check_mutating_on_evaluate>);
static_assert(!PreTradeCheck<check_without_validate>);
static_assert(!PreTradeCheck<stateful_without_commit>);

// Every check bulwark ships.
static_assert(PreTradeCheck<stale_market_data> && PreTradeCheck<max_order_quantity> &&
              PreTradeCheck<max_order_notional> && PreTradeCheck<price_collar> &&
              PreTradeCheck<position_limit> && PreTradeCheck<exposure_limit> &&
              PreTradeCheck<leverage_limit> && PreTradeCheck<long_only> &&
              PreTradeCheck<restricted_list> && PreTradeCheck<tick_size> &&
              PreTradeCheck<lot_size> && PreTradeCheck<daily_loss_limit> &&
              PreTradeCheck<drawdown_limit> && PreTradeCheck<order_rate_throttle> &&
              PreTradeCheck<duplicate_order_filter> && PreTradeCheck<circuit_breaker_check>);

// A gate accepts the archetypes, and the clock archetype drives it.
using archetype_gate = risk_gate<stale_market_data, test::pre_trade_check_archetype,
                                 test::stateful_check_archetype>;
static_assert(archetype_gate::size == 3);
static_assert(noexcept(std::declval<archetype_gate&>().check(
    std::declval<const order&>(), std::declval<const risk_state<test::clock_archetype>&>(),
    std::declval<test::audit_sink_archetype&>())));

// Where the compiler deduces an aggregate's template arguments (Clang from 17), the
// designated spelling deduces the clock type; a declared deduction guide would turn that off.
#if !defined(__clang__) || __clang_major__ >= 17
static_assert(std::is_same_v<decltype(risk_state{.account = std::declval<const account_state&>(),
                                                 .market = std::declval<const market_snapshot&>(),
                                                 .clock = std::declval<const manual_clock&>()}),
                             risk_state<manual_clock>>);
#endif
}  // namespace risk_gate_concepts_test
