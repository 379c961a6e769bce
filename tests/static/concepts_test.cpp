// SPDX-License-Identifier: MIT
// Every concept accepts its archetype (so it asks for no more than documented) and
// rejects types that miss one requirement (so it asks for no less).
#include <optional>
#include <span>

#include "bulwark/core/broker.hpp"
#include "bulwark/core/clock.hpp"
#include "bulwark/core/signal_model.hpp"
#include "bulwark/signal/cross_section.hpp"
#include "bulwark/signal/ensemble.hpp"
#include "bulwark/signal/normalize.hpp"
#include "support/archetypes.hpp"

namespace concepts_test {
using namespace bulwark;

struct broker_without_fills {
  submit_result submit(const order&);
  bool cancel(order_id);
};
struct broker_with_bool_submit {
  bool submit(const order&);
  bool cancel(order_id);
  std::optional<fill> next_fill();
};
struct broker_with_push_fills {
  submit_result submit(const order&);
  bool cancel(order_id);
  fill next_fill();
};
struct model_without_span {
  void predict(const model_context&);
};
struct step_returning_nothing {
  void apply(std::span<const double>, std::span<double>) const;
};
struct step_not_const {
  signal::cross_section_stats apply(std::span<const double>, std::span<double>);
};
struct step_in_place_only {
  signal::cross_section_stats apply(std::span<double>) const;
};
struct clock_returning_seconds {
  long now() const;
};
struct clock_mutable_now {
  timestamp now();  // not callable on a const clock
};

static_assert(Broker<test::broker_archetype>);
static_assert(!Broker<int>);
static_assert(!Broker<broker_without_fills>);
static_assert(!Broker<broker_with_bool_submit>);
static_assert(!Broker<broker_with_push_fills>);

static_assert(SignalModel<test::signal_model_archetype>);
static_assert(!SignalModel<int>);
static_assert(!SignalModel<model_without_span>);

static_assert(signal::CrossSectionStep<test::cross_section_step_archetype>);
static_assert(signal::CrossSectionStep<signal::zscore>);
static_assert(!signal::CrossSectionStep<int>);
static_assert(!signal::CrossSectionStep<step_returning_nothing>);
static_assert(!signal::CrossSectionStep<step_not_const>);
static_assert(!signal::CrossSectionStep<step_in_place_only>);
// An ensemble is itself a SignalModel, whether it owns its members or refers to them.
static_assert(SignalModel<signal::ensemble<test::signal_model_archetype&>>);
static_assert(SignalModel<signal::ensemble<signal::ensemble<test::signal_model_archetype&>&>>);

static_assert(Clock<test::clock_archetype>);
static_assert(Clock<manual_clock>);
static_assert(Clock<system_clock_source>);
static_assert(!Clock<clock_returning_seconds>);
static_assert(!Clock<clock_mutable_now>);
}  // namespace concepts_test
