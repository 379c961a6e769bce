// SPDX-License-Identifier: MIT
// A type that lacks next_fill() is not a Broker: submit_checked says so by name.
// expect: does not model bulwark::Broker
#include <optional>

#include "bulwark/core/broker.hpp"
#include "support/archetypes.hpp"

namespace {
struct fire_and_forget {  // no way to learn about fills
  bulwark::submit_result submit(const bulwark::order&) { return bulwark::submit_result::accept(); }
  bool cancel(bulwark::order_id) { return false; }
};
}  // namespace

bulwark::submit_result route(const bulwark::order& o) {
#ifdef BULWARK_COMPILE_FAIL
  fire_and_forget broker;
#else
  bulwark::test::broker_archetype broker;
#endif
  return bulwark::submit_checked(broker, o);
}
