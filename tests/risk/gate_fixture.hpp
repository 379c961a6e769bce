// SPDX-License-Identifier: MIT
// A small trading desk for the gate's tests: a manual clock, a market snapshot with two
// fresh quotes, and a $1,000,000 account marked to market. Helpers live in namespace
// gate_fixture (the risk tests build as one unity translation unit).
#pragma once

#include <chrono>
#include <limits>

#include "bulwark/core/clock.hpp"
#include "bulwark/core/market.hpp"
#include "bulwark/core/order.hpp"
#include "bulwark/risk/account.hpp"
#include "bulwark/risk/checks.hpp"
#include "bulwark/risk/gate.hpp"

namespace gate_fixture {

using namespace std::chrono_literals;

// 2024-06-03T14:30:00Z, a Monday, 10:30 in New York.
inline const bulwark::timestamp t0 = bulwark::from_unix_seconds(1'717'425'000);
inline constexpr double missing = std::numeric_limits<double>::quiet_NaN();
inline constexpr double unlimited = std::numeric_limits<double>::infinity();

// Prices at most 5 s old; account marks at most 60 s old.
inline bulwark::risk::stale_market_data fresh() {
  return {.max_age = 5s, .max_mark_age = 60s};
}

struct desk {
  bulwark::manual_clock clock{t0};
  bulwark::market_snapshot market{64};
  bulwark::risk::account_state account{1'000'000.0, 64};

  desk() {
    quote("AAPL", 149.99, 150.01);  // mid 150
    quote("MSFT", 399.98, 400.02);  // mid 400
    mark();
  }
  void quote(bulwark::symbol s, double bid, double ask) {
    market.set_quote(s, bid, ask, clock.now());
  }
  void mark() { account.mark_to_market(market, clock.now(), 5s); }
  // Buys or sells at the current mid, as if filled, then marks.
  void hold(bulwark::symbol s, double signed_quantity) {
    const double mid = market.reference_price(s, clock.now(), 5s).price;
    account.apply_fill({.sym = s,
                        .side = signed_quantity > 0 ? bulwark::side::buy : bulwark::side::sell,
                        .quantity = signed_quantity > 0 ? signed_quantity : -signed_quantity,
                        .price = mid,
                        .time = clock.now()});
    mark();
  }
  [[nodiscard]] bulwark::risk::risk_state<bulwark::manual_clock> state() const {
    return {account, market, clock};
  }
};

inline bulwark::order limit(bulwark::order_id id, bulwark::symbol s, bulwark::side d,
                            double quantity, double price) {
  return {.client_id = id, .sym = s, .side = d, .type = bulwark::order_type::limit,
          .quantity = quantity, .limit_price = price};
}
inline bulwark::order market_order(bulwark::order_id id, bulwark::symbol s, bulwark::side d,
                                   double quantity) {
  return {.client_id = id, .sym = s, .side = d, .type = bulwark::order_type::market,
          .quantity = quantity};
}

}  // namespace gate_fixture
