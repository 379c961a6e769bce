// SPDX-License-Identifier: MIT
/// \file
/// \brief The `Clock` concept (where "now" comes from) and two models: the system clock
/// for live trading and a manual clock for backtests and tests.
///
/// Components that judge staleness take the time from a Clock rather than reading the
/// system clock themselves, so a backtest replays with the simulated time and a test can
/// step time deterministically.
#pragma once

#include <chrono>
#include <concepts>

#include "bulwark/core/error.hpp"
#include "bulwark/core/time.hpp"

namespace bulwark {

/**
 * @brief A source of the current time.
 *
 * Requirements, for a (possibly const) `c` of type `C`:
 * | expression  | type        | semantics                                        |
 * |-------------|-------------|--------------------------------------------------|
 * | `c.now()`   | `timestamp` | the current UTC instant; non-decreasing per clock |
 *
 * See docs/concepts.md#clock.
 */
template <class C>
concept Clock = requires(const C& c) {
  { c.now() } -> std::same_as<timestamp>;
};

/// The operating system's real-time clock, truncated to nanoseconds.
struct system_clock_source {
  [[nodiscard]] timestamp now() const noexcept {
    return std::chrono::time_point_cast<duration>(std::chrono::system_clock::now());
  }
};

/// A clock that moves only when told to: for backtests and tests.
class manual_clock {
 public:
  constexpr manual_clock() = default;
  constexpr explicit manual_clock(timestamp start) noexcept : now_(start) {}

  [[nodiscard]] constexpr timestamp now() const noexcept { return now_; }

  /// Moves to `t`. Time never runs backwards: t < now() is a contract violation.
  constexpr void set(timestamp t) {
    BULWARK_EXPECTS(t >= now_);
    now_ = t;
  }
  /// Moves forward by `d` >= 0.
  constexpr void advance(duration d) {
    BULWARK_EXPECTS(d >= duration::zero());
    now_ += d;
  }

 private:
  timestamp now_{};
};

}  // namespace bulwark
