// SPDX-License-Identifier: MIT
// Every concept accepts its archetype (so it asks for no more than documented) and
// rejects types that miss one requirement (so it asks for no less).
#include <cstddef>
#include <optional>
#include <span>

#include <date/date.h>

#include "bulwark/calendar/trading_calendar.hpp"
#include "bulwark/calendar/xnys.hpp"
#include "bulwark/core/broker.hpp"
#include "bulwark/core/clock.hpp"
#include "bulwark/core/signal_model.hpp"
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

static_assert(Clock<test::clock_archetype>);
static_assert(Clock<manual_clock>);
static_assert(Clock<system_clock_source>);
static_assert(!Clock<clock_returning_seconds>);
static_assert(!Clock<clock_mutable_now>);

struct calendar_without_count {
  bool contains(date::sys_days) const;
  bool is_session(date::sys_days) const;
  date::sys_days next_session(date::sys_days) const;
  timestamp close(date::sys_days) const;
};
struct calendar_with_seconds_close {
  bool contains(date::sys_days) const;
  bool is_session(date::sys_days) const;
  date::sys_days next_session(date::sys_days) const;
  std::size_t session_count(date::sys_days, date::sys_days) const;
  long close(date::sys_days) const;
};
static_assert(calendar::TradingCalendar<test::trading_calendar_archetype>);
static_assert(calendar::TradingCalendar<calendar::xnys>);
static_assert(!calendar::TradingCalendar<int>);
static_assert(!calendar::TradingCalendar<calendar_without_count>);
static_assert(!calendar::TradingCalendar<calendar_with_seconds_close>);
}  // namespace concepts_test
