// SPDX-License-Identifier: MIT
// The trading state machine against its transition table, written out by hand.
#include <array>
#include <chrono>

#include <fmt/format.h>

#include "bulwark/risk/trading_state.hpp"
#include "support/catch.hpp"

namespace trading_state_test {

using namespace bulwark::risk;
using S = trading_state;

enum class event { reduce, halt, reset };

struct row {
  S from;
  event e;
  S to;
  bool changed;
};

// Every (state, request) pair: escalation only by reduce/halt, the way back only by reset.
constexpr std::array<row, 9> table{{
    {S::active, event::reduce, S::reducing, true},
    {S::active, event::halt, S::halted, true},
    {S::active, event::reset, S::active, false},
    {S::reducing, event::reduce, S::reducing, false},
    {S::reducing, event::halt, S::halted, true},
    {S::reducing, event::reset, S::active, true},
    {S::halted, event::reduce, S::halted, false},
    {S::halted, event::halt, S::halted, false},
    {S::halted, event::reset, S::active, true},
}};

const bulwark::timestamp t0 = bulwark::from_unix_seconds(1'717'425'000);

void enter(trading_state_machine& m, S s) {
  if (s == S::reducing) m.reduce(reject_reason::max_drawdown, t0);
  if (s == S::halted) m.halt(reject_reason::daily_loss, t0);
}

TEST_CASE("every transition of the table, and no other", "[risk][state]") {
  for (const row& r : table) {
    trading_state_machine m;
    enter(m, r.from);
    REQUIRE(m.state() == r.from);
    const auto before = m.transitions();
    const auto t = t0 + std::chrono::seconds{5};
    bool changed = false;
    switch (r.e) {
      case event::reduce: changed = m.reduce(reject_reason::daily_loss, t); break;
      case event::halt: changed = m.halt(reject_reason::operator_request, t); break;
      case event::reset: changed = m.reset(t); break;
    }
    CAPTURE(r.from, static_cast<int>(r.e));
    CHECK(changed == r.changed);
    CHECK(m.state() == r.to);
    CHECK(m.transitions() == before + (r.changed ? 1 : 0));
    if (r.changed) {
      const state_transition last = m.last_transition();
      CHECK(last.from == r.from);
      CHECK(last.to == r.to);
      CHECK(last.time == t);
      CHECK(last.cause == (r.e == event::reduce   ? reject_reason::daily_loss
                           : r.e == event::reset  ? reject_reason::operator_request
                                                  : reject_reason::operator_request));
    }
  }
}

TEST_CASE("escalate never de-escalates", "[risk][state]") {
  trading_state_machine m;
  CHECK_FALSE(m.escalate(S::active, reject_reason::daily_loss, t0));
  CHECK(m.escalate(S::reducing, reject_reason::daily_loss, t0));
  CHECK_FALSE(m.escalate(S::reducing, reject_reason::max_drawdown, t0));
  CHECK(m.last_transition().cause == reject_reason::daily_loss);
  CHECK(m.escalate(S::halted, reject_reason::max_drawdown, t0));
  CHECK_FALSE(m.escalate(S::reducing, reject_reason::daily_loss, t0));
  CHECK(m.state() == S::halted);
  CHECK(m.transitions() == 2);
}

TEST_CASE("the kill switch handle latches the machine", "[risk][state]") {
  trading_state_machine m;
  kill_switch ks{m};
  CHECK_FALSE(ks.tripped());
  CHECK(ks.trip(t0));
  CHECK_FALSE(ks.trip(t0));
  CHECK(ks.tripped());
  CHECK(m.state() == S::halted);
  CHECK(m.reset(t0));
  CHECK_FALSE(ks.tripped());
}

TEST_CASE("states and transitions format for people", "[risk][state][format]") {
  CHECK(fmt::format("{}", S::reducing) == "REDUCING");
  CHECK(fmt::format("{:>8}", S::halted) == "  HALTED");
  const state_transition t{S::active, S::halted, reject_reason::operator_request, t0};
  CHECK(fmt::format("{}", t) == "ACTIVE -> HALTED (operator_request) at 2024-06-03T14:30:00Z");
}

}  // namespace trading_state_test
