// SPDX-License-Identifier: MIT
/// \file
/// \brief `risk_gate<Checks...>`: the one place every order passes. It folds a pack of
/// `PreTradeCheck`s over each order and says no unless everything is known and within
/// limits; it owns the trading state (ACTIVE -> REDUCING -> HALTED) and reports every
/// decision to an `AuditSink`.
///
/// Synopsis
/// \code
/// risk_gate gate{stale_market_data{.max_age = 2s, .max_mark_age = 60s},
///                max_order_quantity{.max_quantity = 5'000},
///                price_collar{.max_deviation = 50_bps}};     // throws config_error when misconfigured
/// risk_state<manual_clock> state{account, market, clock};
/// verdict v = gate.check(order, state);          // or gate.check(order, state, sink)
/// std::array<check_result, 3> parts = gate.evaluate_all(order, state);   // per-check breakdown
/// review_result r = gate.review(state);          // account-level limits, after each mark
/// gate.halt(t); gate.reset(t); gate.state(); kill_switch ks = gate.make_kill_switch();
/// gate.accepted(); gate.rejected(reject_reason::price_collar); gate.rejected_by_check(2);
/// synchronized_gate<risk_gate<...>> shared{checks...};   // one gate, several threads
/// \endcode
///
/// Order of evaluation for one order (the first rejection wins):
///  1. a malformed order (`defect_of`) -> `malformed_order`;
///  2. trading state HALTED -> `halted`;
///  3. the reference price, looked up once with `stale_market_data::max_age`, judged by
///     the `stale_market_data` check -> `stale_market_data` / `price_unavailable`;
///  4. trading state REDUCING and the order does not reduce exposure -> `reducing_only`;
///  5. every other check, in the order given. A check may ask for a state change
///     (a breached loss limit); the gate applies it at once.
/// When all pass, stateful checks record the order (a rejected order spends no throttle
/// token and is not remembered by the duplicate filter), and the verdict is accepted.
///
/// Cost: two lookups of the symbol, with the hash it keeps (quote, position), then the
/// checks (the throttle finds the symbol's bucket once and hands it to its commit, see
/// `hint_type` in PreTradeCheck); no allocation, no exception, no virtual call
/// (`check` is noexcept). Threads: a gate belongs to one thread; its trading state may be
/// changed from any thread; `synchronized_gate` shares a whole gate under a mutex
/// (docs/risk_gate.md#threads).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "bulwark/core/clock.hpp"
#include "bulwark/core/market.hpp"
#include "bulwark/core/order.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/risk/account.hpp"
#include "bulwark/risk/audit.hpp"
#include "bulwark/risk/checks.hpp"
#include "bulwark/risk/reason.hpp"
#include "bulwark/risk/trading_state.hpp"
#include "bulwark/risk/verdict.hpp"

#ifndef BULWARK_DETAIL_FLATTEN
#if defined(__GNUC__)
#define BULWARK_DETAIL_FLATTEN [[gnu::flatten]]
#else
#define BULWARK_DETAIL_FLATTEN
#endif
#endif

namespace bulwark::risk {

/// What the gate reads for one decision: the account, the market and the clock. Cheap
/// to build (three references); the gate never modifies them.
///
/// Name the clock type, `risk_state<manual_clock>{account, market, clock}`: Clang before 17
/// cannot deduce it (it lacks C++20's deduction for aggregates). GCC and later Clang can,
/// and accept `risk_state{.account = a, .market = m, .clock = c}`; there is deliberately no
/// deduction guide, since a declared guide turns that aggregate deduction off.
template <class C>
struct risk_state {
  const account_state& account;
  const market_snapshot& market;
  const C& clock;
};

/// The outcome of `risk_gate::review`: the first account-level finding (or pass), the
/// trading state after the review, and whether a breached limit asks for liquidation.
struct review_result {
  check_result finding{};
  trading_state state = trading_state::active;
  bool changed = false;    ///< the review moved the trading state
  bool liquidate = false;  ///< flatten the book (see `flatten_orders`)
};

namespace detail {

struct no_state {};

template <class C>
struct state_of {
  using type = no_state;
};
template <stateful_check C>
struct state_of<C> {
  using type = typename C::state_type;
};
template <class C>
using state_of_t = typename state_of<C>::type;

struct no_hint {};

template <class C>
struct hint_of {
  using type = no_hint;
};
template <hinted_check C>
struct hint_of<C> {
  using type = typename C::hint_type;
};
template <class C>
using hint_of_t = typename hint_of<C>::type;

template <class T, class... Ts>
inline constexpr std::size_t count_of = (std::size_t{std::is_same_v<T, Ts>} + ... + 0);

template <class T, class... Ts>
[[nodiscard]] consteval std::size_t index_of() {
  std::size_t i = 0;
  static_cast<void>(((std::is_same_v<T, Ts> ? false : (++i, true)) && ...));
  return i;
}

}  // namespace detail

template <class... Checks>
class risk_gate {
  static_assert((PreTradeCheck<Checks> && ...),
                "bulwark::risk::risk_gate: every check must model bulwark::risk::PreTradeCheck "
                "(static name, validate(), and evaluate(const check_context&) noexcept -> "
                "check_result, or the stateful form with state_type, make_state() and "
                "commit); see docs/risk_gate.md#pretradecheck");
  static_assert(detail::count_of<stale_market_data, Checks...> == 1,
                "bulwark::risk::risk_gate: a gate needs exactly one stale_market_data check: "
                "without a staleness limit no price can be trusted; see "
                "docs/risk_gate.md#order-of-evaluation");
  static_assert(((!detail::declares_hint<Checks> || detail::hinted_check<Checks>) && ...),
                "bulwark::risk::risk_gate: a check that declares hint_type must model the "
                "hinted form (evaluate(ctx, const state_type&, hint_type&) noexcept -> "
                "check_result and commit(ctx, state_type&, const hint_type&) noexcept), or "
                "the gate would look its state up twice; see docs/risk_gate.md#pretradecheck");
  static_assert(sizeof...(Checks) < verdict::gate_step, "too many checks for one gate");

 public:
  /// Number of checks in the gate.
  static constexpr std::size_t size = sizeof...(Checks);

  /// Validates every check (its `config_error` propagates) and creates their states.
  explicit risk_gate(Checks... checks)
      : checks_(validated(std::move(checks))...), states_(make_states()) {}

  risk_gate(const risk_gate&) = delete;
  risk_gate& operator=(const risk_gate&) = delete;

  /// The decision for `o`, reported to `sink` before it is returned. noexcept, no
  /// allocation. See the file comment for the order of evaluation.
  template <class C, class Sink>
  verdict check(const order& o, const risk_state<C>& s, Sink& sink) noexcept {
    static_assert(Clock<C>,
                  "bulwark::risk::risk_gate::check: the clock does not model bulwark::Clock "
                  "(it needs now() const -> timestamp); see docs/concepts.md#clock");
    static_assert(AuditSink<Sink>,
                  "bulwark::risk::risk_gate::check: the sink does not model "
                  "bulwark::risk::AuditSink (it needs record(const order&, const verdict&) "
                  "noexcept); see docs/risk_gate.md#auditsink");
    const verdict v = decide(o, s);
    sink.record(o, v);
    return v;
  }
  /// The decision for `o`, recorded nowhere.
  template <class C>
  verdict check(const order& o, const risk_state<C>& s) noexcept {
    null_audit_sink none;
    return check(o, s, none);
  }

  /// Every check's finding for `o`, in the gate's order, without deciding: no state
  /// change, no commit, no counting. A malformed order gives every entry the
  /// malformed_order finding, and an order without a fresh price the stale_market_data
  /// check's finding (no check can evaluate without a price). For reports and what-ifs.
  template <class C>
  [[nodiscard]] std::array<check_result, size> evaluate_all(const order& o,
                                                            const risk_state<C>& s) const noexcept {
    std::array<check_result, size> out{};
    if (const auto d = defect_of(o); d != order_defect::none) {
      out.fill({.reason = reject_reason::malformed_order, .detail = static_cast<std::uint8_t>(d)});
      return out;
    }
    const check_context ctx = context(o, s, s.clock.now(), machine_.state());
    const check_result priced = stale().evaluate(ctx);
    if (!priced.ok()) {
      out.fill(priced);
      return out;
    }
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((out[I] = evaluate_one<I>(ctx)), ...);
    }(std::index_sequence_for<Checks...>{});
    return out;
  }

  /// Runs the account-level limits (checks with `monitor`, such as daily_loss_limit and
  /// drawdown_limit) without an order, applying their state changes. Call it after every
  /// mark_to_market and fill, so a breach moves the state even when no order arrives.
  template <class C>
  review_result review(const risk_state<C>& s) noexcept {
    static_assert(Clock<C>,
                  "bulwark::risk::risk_gate::review: the clock does not model bulwark::Clock; "
                  "see docs/concepts.md#clock");
    const timestamp now = s.clock.now();
    const account_status health = s.account.health(now, stale().max_mark_age);
    const std::uint64_t before = machine_.transitions();
    review_result out;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (review_one<I>(s.account, health, now, out), ...);
    }(std::index_sequence_for<Checks...>{});
    out.state = machine_.state();
    out.changed = machine_.transitions() != before;
    return out;
  }

  // ---- trading state ----------------------------------------------------------------------
  [[nodiscard]] trading_state state() const noexcept { return machine_.state(); }
  [[nodiscard]] state_transition last_transition() const noexcept {
    return machine_.last_transition();
  }
  /// ACTIVE/REDUCING -> HALTED, as an operator request (the kill switch).
  bool halt(timestamp t) noexcept { return machine_.halt(reject_reason::operator_request, t); }
  /// ACTIVE -> REDUCING, as an operator request.
  bool reduce(timestamp t) noexcept {
    return machine_.reduce(reject_reason::operator_request, t);
  }
  /// REDUCING/HALTED -> ACTIVE: the only way back.
  bool reset(timestamp t) noexcept { return machine_.reset(t); }
  /// A handle another thread can use to halt this gate.
  [[nodiscard]] kill_switch make_kill_switch() noexcept { return kill_switch{machine_}; }

  // ---- counters and parts -----------------------------------------------------------------
  [[nodiscard]] std::uint64_t accepted() const noexcept { return accepted_; }
  [[nodiscard]] std::uint64_t rejected() const noexcept { return rejected_; }
  /// Rejections with reason `r`. Precondition: `r` is a reject_reason value.
  [[nodiscard]] std::uint64_t rejected(reject_reason r) const {
    BULWARK_EXPECTS(static_cast<std::size_t>(r) <= max_reject_reason);
    return by_reason_[static_cast<std::size_t>(r)];
  }
  /// Rejections decided by check `i` (in the gate's order). Precondition: i < size.
  [[nodiscard]] std::uint64_t rejected_by_check(std::size_t i) const {
    BULWARK_EXPECTS(i < size);
    return by_check_[i];
  }
  /// The checks' names, in the gate's order.
  [[nodiscard]] static constexpr std::array<std::string_view, size> check_names() noexcept {
    return {Checks::name...};
  }
  /// Check `I` as configured.
  template <std::size_t I>
  [[nodiscard]] const auto& part() const noexcept {
    return std::get<I>(checks_);
  }

  /// Fresh states for the stateful checks (throttles full, no order remembered), e.g. at
  /// the start of a session. Allocates.
  void restart_session() { states_ = make_states(); }

 private:
  using checks_type = std::tuple<Checks...>;
  using states_type = std::tuple<detail::state_of_t<Checks>...>;
  // What each hinted check's evaluate leaves its commit, for one order (decide's local).
  using hints_type = std::tuple<detail::hint_of_t<Checks>...>;
  static constexpr std::size_t stale_index = detail::index_of<stale_market_data, Checks...>();

  template <class Check>
  static Check validated(Check c) {
    c.validate();
    return c;
  }
  [[nodiscard]] states_type make_states() const {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return states_type{make_state_of<I>()...};
    }(std::index_sequence_for<Checks...>{});
  }
  template <std::size_t I>
  [[nodiscard]] auto make_state_of() const {
    if constexpr (detail::stateful_check<std::tuple_element_t<I, checks_type>>) {
      return std::get<I>(checks_).make_state();
    } else {
      return detail::no_state{};
    }
  }

  [[nodiscard]] const stale_market_data& stale() const noexcept {
    return std::get<stale_index>(checks_);
  }

  template <class C>
  [[nodiscard]] check_context context(const order& o, const risk_state<C>& s, timestamp now,
                                      trading_state st) const noexcept {
    const stale_market_data& limits = stale();
    return make_check_context(o, s.account, s.market, now, limits.max_age, limits.max_mark_age,
                              st);
  }

  template <std::size_t I>
  [[nodiscard]] check_result evaluate_one(const check_context& ctx) const noexcept {
    const auto& c = std::get<I>(checks_);
    if constexpr (detail::stateful_check<std::tuple_element_t<I, checks_type>>) {
      return c.evaluate(ctx, std::get<I>(states_));
    } else {
      return c.evaluate(ctx);
    }
  }

  template <std::size_t I>
  void review_one(const account_state& account, account_status health, timestamp now,
                  review_result& out) noexcept {
    if constexpr (detail::monitoring_check<std::tuple_element_t<I, checks_type>>) {
      const check_result r = std::get<I>(checks_).monitor(account, health);
      if (r.ok()) return;
      machine_.escalate(r.escalate, r.reason, now);
      out.liquidate = out.liquidate || r.liquidate;
      if (out.finding.ok()) out.finding = r;
    }
  }

  // Check I's finding on the order path: a hinted check also fills its hint for commit.
  template <std::size_t I>
  [[nodiscard]] check_result evaluate_for_commit(const check_context& ctx,
                                                 hints_type& hints) const noexcept {
    if constexpr (detail::hinted_check<std::tuple_element_t<I, checks_type>>) {
      return std::get<I>(checks_).evaluate(ctx, std::get<I>(states_), std::get<I>(hints));
    } else {
      return evaluate_one<I>(ctx);
    }
  }

  // Applies check I to the order; false (and the verdict filled in) when it rejects.
  template <std::size_t I>
  bool passes(const check_context& ctx, hints_type& hints, verdict& v) noexcept {
    if constexpr (I == stale_index) {
      return true;  // judged before the fold
    } else {
      const check_result r = evaluate_for_commit<I>(ctx, hints);
      if (r.escalate != trading_state::active) machine_.escalate(r.escalate, r.reason, ctx.now);
      if (r.ok()) [[likely]] return true;
      reject(v, r, I);
      return false;
    }
  }

  template <std::size_t I>
  void commit_one(const check_context& ctx, const hints_type& hints) noexcept {
    if constexpr (detail::hinted_check<std::tuple_element_t<I, checks_type>>) {
      std::get<I>(checks_).commit(ctx, std::get<I>(states_), std::get<I>(hints));
    } else if constexpr (detail::stateful_check<std::tuple_element_t<I, checks_type>>) {
      std::get<I>(checks_).commit(ctx, std::get<I>(states_));
    }
  }

  void reject(verdict& v, const check_result& r, std::size_t index) noexcept {
    v.reason = r.reason;
    v.detail = r.detail;
    v.value = r.value;
    v.limit = r.limit;
    v.check_index = static_cast<std::uint8_t>(index);
    if (index < size) ++by_check_[index];
  }

  // The order path, compiled as one function: GCC and Clang inline every call in it
  // (lookups, checks), which removes a quarter of its instructions.
  template <class C>
  BULWARK_DETAIL_FLATTEN verdict decide(const order& o, const risk_state<C>& s) noexcept {
    const timestamp now = s.clock.now();
    const trading_state st = machine_.state();
    verdict v{.client_id = o.client_id, .time = now};
    if (const auto d = defect_of(o); d != order_defect::none) [[unlikely]] {
      reject(v, {.reason = reject_reason::malformed_order, .detail = static_cast<std::uint8_t>(d)},
             verdict::gate_step);
    } else if (st == trading_state::halted) [[unlikely]] {
      reject(v, {.reason = reject_reason::halted}, verdict::gate_step);
    } else {
      const check_context ctx = context(o, s, now, st);
      v.reference_price = ctx.reference.price;
      if (const check_result priced = stale().evaluate(ctx); !priced.ok()) [[unlikely]] {
        reject(v, priced, stale_index);
      } else if (st == trading_state::reducing && !ctx.reduces_exposure()) [[unlikely]] {
        reject(v,
               check_result::reject(reject_reason::reducing_only, ctx.post_trade_position,
                                    ctx.pre_trade_position),
               verdict::gate_step);
      } else if (hints_type hints{}; [&]<std::size_t... I>(std::index_sequence<I...>) {
                   return (passes<I>(ctx, hints, v) && ...);
                 }(std::index_sequence_for<Checks...>{})) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
          (commit_one<I>(ctx, hints), ...);
        }(std::index_sequence_for<Checks...>{});
      }
    }
    v.state = machine_.state();
    if (v.ok()) [[likely]] {
      ++accepted_;
    } else {
      ++rejected_;
      ++by_reason_[static_cast<std::size_t>(v.reason)];
    }
    return v;
  }

  checks_type checks_;
  states_type states_;
  trading_state_machine machine_;
  std::uint64_t accepted_ = 0;
  std::uint64_t rejected_ = 0;
  std::array<std::uint64_t, max_reject_reason + 1> by_reason_{};
  std::array<std::uint64_t, size> by_check_{};
};

/// One gate shared by several threads: `check` and `with_lock` serialise on a mutex, so
/// throttles and duplicate filters see one order at a time. The state the gate reads
/// (account, market) must be changed only inside `with_lock` too, or be owned by one
/// thread. The kill switch needs no lock. `check` is not noexcept here: locking a mutex
/// may throw `std::system_error`.
template <class Gate>
class synchronized_gate {
 public:
  template <class... Args>
  explicit synchronized_gate(Args&&... args) : gate_(std::forward<Args>(args)...) {}

  template <class C, class Sink>
  verdict check(const order& o, const risk_state<C>& s, Sink& sink) {
    const std::lock_guard<std::mutex> guard{mutex_};
    return gate_.check(o, s, sink);
  }
  template <class C>
  verdict check(const order& o, const risk_state<C>& s) {
    const std::lock_guard<std::mutex> guard{mutex_};
    return gate_.check(o, s);
  }
  /// Calls f(gate) under the lock and returns its result.
  template <class F>
  decltype(auto) with_lock(F&& f) {
    const std::lock_guard<std::mutex> guard{mutex_};
    return std::forward<F>(f)(gate_);
  }
  [[nodiscard]] kill_switch make_kill_switch() noexcept { return gate_.make_kill_switch(); }

 private:
  std::mutex mutex_;
  Gate gate_;
};

}  // namespace bulwark::risk

/// Formats as `ACTIVE (finding: accepted)`, with `, liquidate` when asked.
template <>
struct fmt::formatter<bulwark::risk::review_result> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::review_result& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "{} (finding: {})", r.state, r.finding);
    if (r.liquidate) out = fmt::format_to(out, ", liquidate");
    return out;
  }
};
