// SPDX-License-Identifier: MIT
#include <deque>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/broker.hpp"
#include "support/archetypes.hpp"
#include "support/catch.hpp"

using bulwark::order;
using bulwark::submit_result;

namespace broker_test {
// Fills every order at a fixed price and remembers what reached it.
struct recording_broker {
  std::vector<order> received;
  std::deque<bulwark::fill> pending;

  submit_result submit(const order& o) {
    received.push_back(o);
    pending.push_back({.client_id = o.client_id, .sym = o.sym, .side = o.side,
                       .quantity = o.quantity, .price = 10.0});
    return submit_result::accept();
  }
  bool cancel(bulwark::order_id) { return false; }
  std::optional<bulwark::fill> next_fill() {
    if (pending.empty()) return std::nullopt;
    auto f = pending.front();
    pending.pop_front();
    return f;
  }
};
}  // namespace broker_test

static_assert(bulwark::Broker<broker_test::recording_broker>);

TEST_CASE("submit_checked forwards well-formed orders", "[core][broker]") {
  broker_test::recording_broker broker;
  const order o{.client_id = 1, .sym = "AAPL", .quantity = 10};
  CHECK(bulwark::submit_checked(broker, o) == submit_result::accept());
  REQUIRE(broker.received.size() == 1);
  const auto f = broker.next_fill();
  REQUIRE(f.has_value());
  CHECK(f->quantity == 10);
  CHECK_FALSE(broker.next_fill().has_value());
}

TEST_CASE("a malformed order never reaches the broker", "[core][broker]") {
  broker_test::recording_broker broker;
  const order bad{.client_id = 2, .sym = "AAPL", .quantity = 0};
  const auto result = bulwark::submit_checked(broker, bad);
  CHECK_FALSE(result.accepted);
  CHECK(result.reason == "malformed order #2: quantity must be finite and > 0");
  CHECK(broker.received.empty());
  CHECK(fmt::format("{}", result) == "rejected: malformed order #2: quantity must be finite and > 0");
  CHECK(fmt::format("{}", submit_result::accept()) == "accepted");
}

TEST_CASE("the archetype is a Broker and submit_checked accepts it", "[core][broker]") {
  bulwark::test::broker_archetype broker;
  CHECK_FALSE(bulwark::submit_checked(broker, order{.sym = "X", .quantity = 1}).accepted);
}
