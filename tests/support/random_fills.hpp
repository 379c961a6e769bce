// SPDX-License-Identifier: MIT
// Random fill contexts for the cost tests, drawn from counter_rng: the same context for the
// same (rng, index) in any order. Each context uses draws 0..12 of its index's 16, so a
// test can draw more for the same fill from 13..15.
#pragma once

#include <chrono>
#include <cmath>
#include <cstdint>

#include <date/date.h>

#include "bulwark/core/random.hpp"
#include "bulwark/cost/fill_context.hpp"

namespace bulwark::test {

inline constexpr std::uint64_t draws_per_context = 16;

/// Fill i of `rng`: a buy or a sell of 1..100,000 units at 1..1000, every optional input
/// present and valid, on a day of 2023-03-01 .. 2025-12-31 (inside every default rate
/// table) at 15:00 UTC, a maker or a taker, 70 % US equities and 30 % crypto.
inline cost::fill_context random_context(const counter_rng& rng, std::uint64_t i) {
  using namespace std::chrono_literals;
  const date::sys_days first_day{date::year{2023} / 3 / 1};
  const date::sys_days last_day{date::year{2025} / 12 / 31};
  const auto u = [&](std::uint64_t k) { return rng.uniform(draws_per_context * i + k); };
  const double price = 1.0 + 999.0 * u(0);
  const double half_spread = price * (0.0001 + 0.002 * u(3));
  const double bar_volume = 1'000.0 + 1e6 * u(4);
  const auto days = static_cast<int>(u(10) * static_cast<double>((last_day - first_day).count()));
  return {.side = u(2) < 0.5 ? side::buy : side::sell,
          .quantity = std::floor(1.0 + 100'000.0 * u(1)),
          .price = price,
          .quote = quote{.bid = price - half_spread, .ask = price + half_spread},
          .bar_volume = bar_volume,
          .bar_volume_used = 0.02 * bar_volume * u(5),
          .adv = 1e4 + 1e8 * u(6),
          .daily_volatility = 0.002 + 0.08 * u(7),
          .atr = price * 0.15 * u(8),
          .month_to_date_volume = 2e8 * u(9),
          .time = timestamp{first_day + date::days{days}} + 15h,
          .liq = u(11) < 0.5 ? liquidity::maker : liquidity::taker,
          .fee_class = u(12) < 0.7 ? cost::fee_class::us_equity : cost::fee_class::crypto};
}

}  // namespace bulwark::test
