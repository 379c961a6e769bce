// SPDX-License-Identifier: MIT
// The README's quick start: price an order from live market data, failing closed.
#include <chrono>
#include <cmath>

#include <bulwark/core.hpp>
#include <fmt/format.h>

int main() {
  // [quick-start]
  using namespace std::chrono_literals;
  using namespace bulwark::literals;

  const auto now = bulwark::from_unix_seconds(1'717'425'000);  // 2024-06-03T14:30:00Z
  bulwark::market_snapshot market;
  market.set_quote("AAPL", 189.98, 190.02, now - 2s);

  // Never a hard-coded price: the live mid, or no order at all.
  const auto price = market.reference_price("AAPL", now, /*max_age=*/5s);
  if (!price.ok()) {
    fmt::print("no order: {}\n", price.status);
    return 1;
  }
  const bulwark::order order{
      .client_id = 1,
      .sym = "AAPL",
      .side = bulwark::side::buy,
      .type = bulwark::order_type::limit,
      .quantity = std::floor(10'000.0 / price.price),        // $10k of stock, whole shares
      .limit_price = price.price * (1.0 + (5_bps).fraction()),  // at most 5 bps above mid
  };
  bulwark::require_well_formed(order);
  fmt::print("{}\n", order);  // #1 buy 52 AAPL limit 190.095 day
  // [quick-start]
}
