// SPDX-License-Identifier: MIT
/// \file
/// \brief The trading state machine ACTIVE -> REDUCING -> HALTED that the pre-trade gate
/// enforces, with explicit transitions that any thread may request.
///
/// Synopsis
/// \code
/// enum class trading_state { active, reducing, halted };
/// trading_state_machine m;
/// m.state();                          // lock-free read (acquire)
/// m.reduce(cause, t);  m.halt(cause, t);  m.reset(t);   // true when the state changed
/// m.escalate(trading_state::halted, cause, t);
/// m.last_transition();  m.transitions();
/// kill_switch ks{m};  ks.trip(t);  ks.tripped();        // a handle for another thread
/// \endcode
///
/// Transitions (every other request leaves the state unchanged and returns false):
///
///     ACTIVE   --reduce--> REDUCING   only orders that reduce exposure pass
///     ACTIVE   --halt----> HALTED     nothing passes (the kill switch)
///     REDUCING --halt----> HALTED
///     REDUCING --reset---> ACTIVE     explicit, by an operator
///     HALTED   --reset---> ACTIVE     explicit, by an operator: HALTED latches
///
/// Automatic causes (a breached loss limit) only escalate; nothing but `reset` moves the
/// state back towards ACTIVE. A reset does not clear the condition that caused the
/// escalation: the next order or review escalates again while it persists.
///
/// Threads: every member function may be called from any thread. The state is one atomic
/// byte (the gate's hot path reads it with one acquire load); a transition and its record
/// are written together under a spin lock held for a few instructions, so
/// `last_transition()` never shows a torn record.
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>
#include <thread>

#include <fmt/format.h>

#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/risk/reason.hpp"

namespace bulwark::risk {

/// What the gate lets through. Values are stable and ordered by severity.
enum class trading_state : std::uint8_t {
  active = 0,    ///< every check applies; nothing else is restricted
  reducing = 1,  ///< only orders that reduce the position's absolute size pass
  halted = 2,    ///< nothing passes until an explicit reset
};

[[nodiscard]] constexpr std::string_view to_string(trading_state s) noexcept {
  switch (s) {
    case trading_state::active: return "ACTIVE";
    case trading_state::reducing: return "REDUCING";
    case trading_state::halted: return "HALTED";
  }
  return "invalid";
}

/// One change of state: from, to, why and when.
struct state_transition {
  trading_state from = trading_state::active;
  trading_state to = trading_state::active;
  reject_reason cause = reject_reason::accepted;  ///< the limit that fired, or operator_request
  timestamp time{};

  friend bool operator==(const state_transition&, const state_transition&) = default;
};

namespace detail {

// A test-and-test-and-set lock for critical sections of a few instructions. It never
// throws (std::mutex::lock may), so the noexcept transitions stay noexcept.
class spin_lock {
 public:
  void lock() noexcept {
    while (flag_.exchange(true, std::memory_order_acquire)) {
      while (flag_.load(std::memory_order_relaxed)) std::this_thread::yield();
    }
  }
  void unlock() noexcept { flag_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> flag_{false};
};

class spin_guard {
 public:
  explicit spin_guard(spin_lock& l) noexcept : lock_(l) { lock_.lock(); }
  ~spin_guard() { lock_.unlock(); }
  spin_guard(const spin_guard&) = delete;
  spin_guard& operator=(const spin_guard&) = delete;

 private:
  spin_lock& lock_;
};

}  // namespace detail

/// The gate's trading state. Not copyable or movable: kill-switch handles refer to it.
class trading_state_machine {
 public:
  trading_state_machine() = default;
  trading_state_machine(const trading_state_machine&) = delete;
  trading_state_machine& operator=(const trading_state_machine&) = delete;

  /// The current state (one acquire load).
  [[nodiscard]] trading_state state() const noexcept {
    return state_.load(std::memory_order_acquire);
  }

  /// ACTIVE -> REDUCING. False (no change) from REDUCING or HALTED.
  bool reduce(reject_reason cause, timestamp t) noexcept {
    return move(trading_state::reducing, cause, t);
  }
  /// ACTIVE or REDUCING -> HALTED. False when already HALTED.
  bool halt(reject_reason cause, timestamp t) noexcept {
    return move(trading_state::halted, cause, t);
  }
  /// REDUCING or HALTED -> ACTIVE, recorded as an operator request. False from ACTIVE.
  bool reset(timestamp t) noexcept {
    detail::spin_guard guard{lock_};
    const trading_state from = state_.load(std::memory_order_relaxed);
    if (from == trading_state::active) return false;
    record(from, trading_state::active, reject_reason::operator_request, t);
    return true;
  }
  /// Moves to `to` when that is more severe than the current state; `to == active` is a
  /// no-op. Returns true when the state changed.
  bool escalate(trading_state to, reject_reason cause, timestamp t) noexcept {
    return to != trading_state::active && move(to, cause, t);
  }

  /// The most recent change (all fields default before the first one).
  [[nodiscard]] state_transition last_transition() const noexcept {
    detail::spin_guard guard{lock_};
    return last_;
  }
  /// How many changes have happened.
  [[nodiscard]] std::uint64_t transitions() const noexcept {
    return count_.load(std::memory_order_acquire);
  }

 private:
  bool move(trading_state to, reject_reason cause, timestamp t) noexcept {
    // Fast path: no lock when the request cannot change anything.
    if (state_.load(std::memory_order_acquire) >= to) return false;
    detail::spin_guard guard{lock_};
    const trading_state from = state_.load(std::memory_order_relaxed);
    if (from >= to) return false;
    record(from, to, cause, t);
    return true;
  }
  void record(trading_state from, trading_state to, reject_reason cause, timestamp t) noexcept {
    last_ = {from, to, cause, t};
    count_.fetch_add(1, std::memory_order_relaxed);
    state_.store(to, std::memory_order_release);
  }

  std::atomic<trading_state> state_{trading_state::active};
  std::atomic<std::uint64_t> count_{0};
  mutable detail::spin_lock lock_;
  state_transition last_{};
};

/// A handle to a gate's HALTED state, to hand to another thread (a risk officer's
/// console, a watchdog, a signal handler's helper thread). Tripping latches: only the
/// gate's owner can `reset`.
class kill_switch {
 public:
  explicit kill_switch(trading_state_machine& machine) noexcept : machine_(&machine) {}

  /// Halts trading. Returns true when this call changed the state.
  bool trip(timestamp t) noexcept { return machine_->halt(reject_reason::operator_request, t); }
  [[nodiscard]] bool tripped() const noexcept {
    return machine_->state() == trading_state::halted;
  }

 private:
  trading_state_machine* machine_;
};

}  // namespace bulwark::risk

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::risk::trading_state)

/// Formats as `ACTIVE -> HALTED (operator_request) at 2024-06-03T14:30:00Z`.
template <>
struct fmt::formatter<bulwark::risk::state_transition> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::state_transition& s, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} -> {} ({}) at {}", s.from, s.to, s.cause,
                          bulwark::iso8601(s.time));
  }
};
