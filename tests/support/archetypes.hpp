// SPDX-License-Identifier: MIT
// Archetypes: the least a type must provide to model each bulwark concept, and nothing
// more (not even copying), so a static_assert on an archetype proves the library asks
// for no more than the concept's documented requirements.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "bulwark/core/broker.hpp"
#include "bulwark/core/clock.hpp"
#include "bulwark/core/signal_model.hpp"
#include "bulwark/risk/audit.hpp"
#include "bulwark/risk/checks.hpp"

namespace bulwark::test {

struct non_copyable {
  non_copyable() = default;
  non_copyable(const non_copyable&) = delete;
  non_copyable& operator=(const non_copyable&) = delete;
};

/// Models Broker.
// [broker-archetype]
struct broker_archetype : non_copyable {
  submit_result submit(const order&) { return submit_result::reject("archetype"); }
  bool cancel(order_id) { return false; }
  std::optional<fill> next_fill() { return std::nullopt; }
};
// [broker-archetype]

/// Models SignalModel.
// [signal-model-archetype]
struct signal_model_archetype : non_copyable {
  void predict(const model_context&, std::span<double>) {}
};
// [signal-model-archetype]

/// Models Clock.
// [clock-archetype]
struct clock_archetype : non_copyable {
  timestamp now() const { return {}; }
};
// [clock-archetype]

/// Models risk::AuditSink.
// [audit-sink-archetype]
struct audit_sink_archetype : non_copyable {
  void record(const order&, const risk::verdict&) noexcept {}
};
// [audit-sink-archetype]

/// Models risk::PreTradeCheck, stateless form. Checks are values held by the gate, so
/// the archetype is copyable.
// [pre-trade-check-archetype]
struct pre_trade_check_archetype {
  static constexpr std::string_view name = "archetype";
  void validate() const {}
  risk::check_result evaluate(const risk::check_context&) const noexcept { return {}; }
};
// [pre-trade-check-archetype]

/// Models risk::PreTradeCheck, stateful form.
// [stateful-check-archetype]
struct stateful_check_archetype {
  struct state_type {};
  static constexpr std::string_view name = "stateful_archetype";
  void validate() const {}
  state_type make_state() const { return {}; }
  risk::check_result evaluate(const risk::check_context&, const state_type&) const noexcept {
    return {};
  }
  void commit(const risk::check_context&, state_type&) const noexcept {}
};
// [stateful-check-archetype]

}  // namespace bulwark::test
