// SPDX-License-Identifier: MIT
// A sink whose record() may throw is not an AuditSink: the gate says so by name.
// expect: does not model bulwark::risk::AuditSink
#include <chrono>

#include "bulwark/risk/gate.hpp"
#include "support/archetypes.hpp"

namespace {
struct throwing_sink {  // could lose a decision half-way
  void record(const bulwark::order&, const bulwark::risk::verdict&) {}
};
}  // namespace

bulwark::risk::verdict decide(const bulwark::order& o,
                              const bulwark::risk::risk_state<bulwark::manual_clock>& state) {
  using namespace std::chrono_literals;
  bulwark::risk::risk_gate gate{bulwark::risk::stale_market_data{.max_age = 1s, .max_mark_age = 1s}};
#ifdef BULWARK_COMPILE_FAIL
  throwing_sink sink;
#else
  bulwark::test::audit_sink_archetype sink;
#endif
  return gate.check(o, state, sink);
}
