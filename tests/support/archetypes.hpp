// SPDX-License-Identifier: MIT
// Archetypes: the least a type must provide to model each bulwark concept, and nothing
// more (not even copying), so a static_assert on an archetype proves the library asks
// for no more than the concept's documented requirements.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include <date/date.h>

#include "bulwark/calendar/trading_calendar.hpp"
#include "bulwark/core/broker.hpp"
#include "bulwark/core/clock.hpp"
#include "bulwark/core/signal_model.hpp"
#include "bulwark/cost/component.hpp"
#include "bulwark/data/corporate_actions.hpp"
#include "bulwark/risk/audit.hpp"
#include "bulwark/risk/checks.hpp"
#include "bulwark/risk/monte_carlo.hpp"
#include "bulwark/risk/streaming.hpp"
#include "bulwark/signal/cross_section.hpp"
#include "bulwark/sizing/cost_trim.hpp"
#include "bulwark/sizing/rule.hpp"
#include "bulwark/validate/bar_check.hpp"

namespace bulwark::test {

struct non_copyable {
  non_copyable() = default;
  non_copyable(const non_copyable&) = delete;
  non_copyable& operator=(const non_copyable&) = delete;
};

/// For policies, which a composer holds by value: movable, not copyable.
struct move_only {
  move_only() = default;
  move_only(move_only&&) = default;
  move_only& operator=(move_only&&) = default;
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

/// Models calendar::TradingCalendar.
// [trading-calendar-archetype]
struct trading_calendar_archetype : non_copyable {
  bool contains(date::sys_days) const { return false; }
  bool is_session(date::sys_days) const { return false; }
  date::sys_days next_session(date::sys_days d) const { return d; }
  std::size_t session_count(date::sys_days, date::sys_days) const { return 0; }
  timestamp close(date::sys_days) const { return {}; }
};
// [trading-calendar-archetype]
/// Models SizingRule (an adjusting rule; a targeting rule has sets_target = true).
// [sizing-rule-archetype]
struct sizing_rule_archetype : move_only {
  static constexpr std::string_view name = "archetype";
  static constexpr bool sets_target = false;
  void validate() const {}
  sizing::sizing_reason apply(sizing::sizing_proposal&) const noexcept {
    return sizing::sizing_reason::ok;
  }
};
// [sizing-rule-archetype]

/// Models sizing::ExpectedCostModel.
// [expected-cost-model-archetype]
struct expected_cost_model_archetype : non_copyable {
  std::optional<double> try_cost(const cost::fill_context&) const noexcept { return std::nullopt; }
};
// [expected-cost-model-archetype]

/// Models data::DividendConvention.
// [dividend-convention-archetype]
struct dividend_convention_archetype : non_copyable {
  static constexpr std::string_view name = "archetype";
  double reference_price(const data::dividend_context& c) const noexcept { return c.prior_close; }
};
// [dividend-convention-archetype]

/// Models risk::StreamingStatistic (its fmt formatter is below, at global scope).
// [streaming-statistic-archetype]
struct streaming_statistic_archetype : non_copyable {
  static constexpr std::string_view name = "archetype";
  void add(double) noexcept {}
  std::size_t count() const noexcept { return 0; }
};
// [streaming-statistic-archetype]

/// Models risk::ReturnSampler.
struct return_sampler_archetype : non_copyable {
  double draw(const counter_rng&, std::uint64_t) const noexcept { return 0.0; }
};

/// Models risk::ReturnModel.
// [return-model-archetype]
struct return_model_archetype : non_copyable {
  return_sampler_archetype fit(std::span<const double>) const { return {}; }
};
// [return-model-archetype]

/// Models validate::BarCheck.
// [bar-check-archetype]
struct bar_check_archetype : non_copyable {
  static constexpr std::string_view id = "archetype";
  void scan(validate::bar_scan&) const {}
};
// [bar-check-archetype]

/// Models validate::QuoteCheck.
struct quote_check_archetype : non_copyable {
  static constexpr std::string_view id = "archetype";
  void scan(validate::quote_scan&) const {}
};

/// Models cost::CostComponent.
// [cost-component-archetype]
struct cost_component_archetype : move_only {
  static constexpr std::string_view name = "archetype";
  static constexpr cost::cost_kind kind = cost::cost_kind::fee;
  cost::fill_inputs needs() const { return {}; }
  void validate() const {}
  double cost(const cost::fill_context&) const noexcept { return 0.0; }
};
// [cost-component-archetype]

/// Models cost::CarryComponent.
// [carry-component-archetype]
struct carry_component_archetype : move_only {
  static constexpr std::string_view name = "carry_archetype";
  static constexpr cost::cost_kind kind = cost::cost_kind::carry;
  cost::fill_inputs needs() const { return {}; }
  void validate() const {}
  double carry_cost(const cost::fill_context&, const cost::fill_context&) const noexcept {
    return 0.0;
  }
};
// [carry-component-archetype]
/// Models signal::CrossSectionStep.
// [cross-section-step-archetype]
struct cross_section_step_archetype : non_copyable {
  signal::cross_section_stats apply(std::span<const double>, std::span<double>) const {
    return {};
  }
};
// [cross-section-step-archetype]
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

template <>
struct fmt::formatter<bulwark::test::streaming_statistic_archetype> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::test::streaming_statistic_archetype&, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "archetype");
  }
};
