// SPDX-License-Identifier: MIT
/// \file
/// \brief The `PreTradeCheck` concept and the stateless pre-trade checks: order size and
/// notional, price collar, post-trade position and exposure limits, leverage, long-only,
/// restricted list, tick and lot size, stale market data, daily loss and drawdown.
///
/// Synopsis
/// \code
/// struct check_result { reject_reason reason; trading_state escalate; std::uint8_t detail;
///                       bool liquidate; double value, limit; bool ok() const; };
/// struct check_context { const order& ord; const account_state& account;
///                        const market_snapshot& market; timestamp now; price_check reference;
///                        const position& record; account_status account_health;
///                        trading_state state; double pre_trade_position, post_trade_position,
///                        booked_value; const position* pos() const;
///                        bool reduces_exposure() const; };
/// check_context make_check_context(order, account, market, now, max_age, max_mark_age, state);
/// template <class C> concept PreTradeCheck;
///
/// stale_market_data{.max_age = 2s, .max_mark_age = 60s}       // required in every gate
/// max_order_quantity{.max_quantity = 10'000}
/// max_order_notional{.max_notional = 1e6}
/// price_collar{.max_deviation = 50_bps}
/// position_limit{.max_quantity = 50'000, .max_notional = 5e6}
/// exposure_limit{.max_gross = 2e7, .max_net = 5e6}
/// leverage_limit{.max_leverage = 2.0}
/// long_only{}
/// restricted_list{.symbols = symbol_set{"XYZ"}}
/// tick_size{.tick = 0.01}            lot_size{.lot = 1}
/// daily_loss_limit{.max_loss = 0.02, .on_breach = breach_action::reduce}
/// drawdown_limit{.max_drawdown = 0.10, .on_breach = breach_action::reduce, .liquidate = true}
/// \endcode
///
/// Every check is an aggregate configured with designated initialisers. Limits without a
/// meaningful default are NaN until set, and `validate()` (called by the gate's
/// constructor) throws `config_error` (id `bulwark.risk.checks`) naming the field, so an
/// unconfigured limit can never pass orders. `evaluate` is const, noexcept and never
/// allocates.
///
/// Post-trade means the worst case: position + working orders on the order's side + the
/// order, all assumed filled. A limit rejects an order only when the post-trade measure
/// breaks the limit *and* is worse than the same measure without the order, so an order
/// that brings a breached book back towards its limits always passes the limit.
/// Exposures re-mark the order's symbol at the fresh reference price; the rest of the book
/// stays at the account's marks, whose age is bounded by `stale_market_data::max_mark_age`.
/// The rest of the book counts working orders too, each symbol at its worst: gross
/// exposure with the side that makes the symbol's position larger filled, net exposure
/// with every working order on the order's side filled
/// (docs/risk_gate.md#post-trade-and-never-against-a-reduction).
///
/// Every check marks the test that lets an order pass `[[likely]]` and the tests that
/// reject it `[[unlikely]]`, as do the lookups and the gate. Without them GCC guesses that
/// an early `return check_result::pass()` is the rare path and lays the accepted path out
/// as a chain of taken jumps; with them that path runs straight: the ten-check gate takes
/// 20 fewer instructions per order, and a quarter less time where the processor predicts
/// its branches (docs/risk_gate.md#performance). A custom check does well to do the same.
#pragma once

#include <chrono>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string_view>
#include <utility>

#include "bulwark/core/error.hpp"
#include "bulwark/core/market.hpp"
#include "bulwark/core/order.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/core/symbol_map.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/core/units.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/detail/select.hpp"
#include "bulwark/risk/account.hpp"
#include "bulwark/risk/reason.hpp"
#include "bulwark/risk/trading_state.hpp"

namespace bulwark::risk {

/// One check's finding. `reason == accepted` passes; `escalate` (when not active) asks
/// the gate to move the trading state, whether or not the order passes; `liquidate` asks
/// the gate's owner to flatten the book (reported by `risk_gate::review`).
struct check_result {
  reject_reason reason = reject_reason::accepted;
  trading_state escalate = trading_state::active;
  std::uint8_t detail = 0;  ///< order_defect / price_status / account_status, by reason
  bool liquidate = false;
  double value = std::numeric_limits<double>::quiet_NaN();
  double limit = std::numeric_limits<double>::quiet_NaN();

  [[nodiscard]] static constexpr check_result pass() noexcept { return {}; }
  [[nodiscard]] static constexpr check_result reject(reject_reason r, double value,
                                                     double limit) noexcept {
    return {.reason = r, .value = value, .limit = limit};
  }
  [[nodiscard]] constexpr bool ok() const noexcept { return reason == reject_reason::accepted; }

  /// Field-wise; NaN (no value, no limit) equals NaN.
  friend constexpr bool operator==(const check_result& a, const check_result& b) noexcept {
    return a.reason == b.reason && a.escalate == b.escalate && a.detail == b.detail &&
           a.liquidate == b.liquidate && bulwark::detail::same_number(a.value, b.value) &&
           bulwark::detail::same_number(a.limit, b.limit);
  }
};

/// What a check sees of one order: built once per order by `make_check_context` (the
/// gate calls it), after the gate has rejected malformed orders, so that every check
/// reads the same snapshot and no check repeats a lookup. Checks other than
/// `stale_market_data` run only when `reference` is ok.
struct check_context {
  const order& ord;
  const account_state& account;
  const market_snapshot& market;
  timestamp now;                  ///< the gate's clock, read once per order
  price_check reference;          ///< `market.reference_price(ord.sym, now, max_age)`
  /// The account's record of ord.sym, or `flat_position` when it has none: arithmetic
  /// on it needs no test.
  const position& record;
  account_status account_health;  ///< `account.health(now, max_mark_age)`
  trading_state state;            ///< the trading state when the order arrived
  /// The worst case without this order: position + working orders on the order's side.
  double pre_trade_position;
  /// The worst case with it: pre_trade_position + sign x quantity.
  double post_trade_position;
  /// The symbol's value in the account now: position x mark (0 when flat).
  double booked_value;

  /// The account's record of ord.sym, or nullptr when it has none.
  [[nodiscard]] const position* pos() const noexcept {
    return &record == &flat_position ? nullptr : &record;
  }
  /// The current position in the symbol (0 when none).
  [[nodiscard]] double position_quantity() const noexcept { return record.quantity; }
  /// True when the order can only shrink the worst-case position towards zero, without
  /// crossing it: the only orders REDUCING lets through.
  [[nodiscard]] bool reduces_exposure() const noexcept {
    return pre_trade_position * static_cast<double>(sign(ord.side)) < 0.0 &&
           ord.quantity <= std::abs(pre_trade_position);
  }
};

/// The context of order `o` at `now`: one price lookup (fresh
/// within `max_age`), one position lookup, the account's health (marks within
/// `max_mark_age`) and the worst-case positions. noexcept, no allocation. Custom checks
/// can be unit-tested with it.
[[nodiscard]] inline check_context make_check_context(const order& o,
                                                      const account_state& account,
                                                      const market_snapshot& market,
                                                      timestamp now, duration max_age,
                                                      duration max_mark_age,
                                                      trading_state state) noexcept {
  // Whether the order's symbol is held is as good as random, so neither the lookup nor
  // what follows branches on it: 28 -> 23 ns per order for the ten-check gate in the
  // benchmark, where half the orders are for symbols not held (docs/risk_gate.md#branches).
  const position* found = account.positions().find_branchless(o.sym);
  const position& record = *bulwark::detail::select(found != nullptr, found, &flat_position);
  const double s = static_cast<double>(sign(o.side));
  const double pre = record.quantity + s * record.working(o.side);
  return {.ord = o,
          .account = account,
          .market = market,
          .now = now,
          .reference = market.reference_price(o.sym, now, max_age),
          .record = record,
          .account_health = account.health(now, max_mark_age),
          .state = state,
          .pre_trade_position = pre,
          .post_trade_position = pre + s * o.quantity,
          .booked_value = record.market_value()};
}

namespace detail {

template <class C>
concept stateless_check = requires(const C& c, const check_context& ctx) {
  { c.evaluate(ctx) } noexcept -> std::same_as<check_result>;
};

template <class C>
concept stateful_check = requires(const C& c, const check_context& ctx,
                                  typename C::state_type& s) {
  { c.make_state() } -> std::same_as<typename C::state_type>;
  { c.evaluate(ctx, std::as_const(s)) } noexcept -> std::same_as<check_result>;
  { c.commit(ctx, s) } noexcept;
};

template <class C>
concept declares_hint = requires { typename C::hint_type; };

// A stateful check whose evaluate leaves commit a hint (say, the table slot it found), so
// that an accepted order is recorded without a second lookup.
template <class C>
concept hinted_check = stateful_check<C> && std::semiregular<typename C::hint_type> &&
                       requires(const C& c, const check_context& ctx,
                                typename C::state_type& s, typename C::hint_type& h) {
  { c.evaluate(ctx, std::as_const(s), h) } noexcept -> std::same_as<check_result>;
  { c.commit(ctx, s, std::as_const(h)) } noexcept;
};

template <class C>
concept monitoring_check = requires(const C& c, const account_state& a, account_status h) {
  { c.monitor(a, h) } noexcept -> std::same_as<check_result>;
};

}  // namespace detail

/**
 * @brief One pre-trade check: a small value configured by designated initialisers that
 * says whether one order may pass.
 *
 * Requirements, for `c` a `const C`, `ctx` a `const check_context&`:
 * | expression                | type                   | semantics                                   |
 * |---------------------------|------------------------|---------------------------------------------|
 * | `C::name`                 | `std::string_view`     | the check's name (static)                   |
 * | `c.validate()`            | any                    | throws `config_error` when misconfigured;   |
 * |                           |                        | the gate calls it once, at construction     |
 * | `c.evaluate(ctx)`         | `check_result`         | noexcept; the finding for `ctx.ord`         |
 * | *or, for a check with state (throttles, duplicate filters):*                          |
 * | `typename C::state_type`  |                        | the mutable state; the gate owns it         |
 * | `c.make_state()`          | `C::state_type`        | a fresh state (may allocate)                |
 * | `c.evaluate(ctx, s)`      | `check_result`         | noexcept; `s` is a `const state_type&`      |
 * | `c.commit(ctx, s)`        | any                    | noexcept; records an order the whole gate   |
 * |                           |                        | accepted                                    |
 * Optional: `c.monitor(account, health)` -> `check_result`, noexcept: an account-level
 * finding without an order, run by `risk_gate::review`.
 *
 * Optional for a check with state, so that recording an order needs no second lookup:
 * | `typename C::hint_type`   |                        | semiregular; what evaluate found for commit |
 * | `c.evaluate(ctx, s, h)`   | `check_result`         | noexcept; as `evaluate(ctx, s)`, and fills  |
 * |                           |                        | the `hint_type& h`                          |
 * | `c.commit(ctx, s, h)`     | any                    | noexcept; as `commit(ctx, s)`, given the    |
 * |                           |                        | `h` that evaluate filled for the same order |
 * |                           |                        | and the same, unchanged state               |
 * The gate then uses these forms (`evaluate_all` still uses `evaluate(ctx, s)`).
 *
 * C must be copy-constructible. See docs/risk_gate.md#pretradecheck.
 */
template <class C>
concept PreTradeCheck = std::copy_constructible<C> && requires(const C& c) {
  { C::name } -> std::convertible_to<std::string_view>;
  c.validate();
} && (detail::stateless_check<C> || detail::stateful_check<C>);

/// What a breached loss limit does besides rejecting orders that add exposure.
enum class breach_action : std::uint8_t {
  reject_increasing = 0,  ///< no state change
  reduce = 1,             ///< move to REDUCING
  halt = 2,               ///< move to HALTED: every order is rejected until a reset
};

[[nodiscard]] constexpr std::string_view to_string(breach_action a) noexcept {
  switch (a) {
    case breach_action::reject_increasing: return "reject_increasing";
    case breach_action::reduce: return "reduce";
    case breach_action::halt: return "halt";
  }
  return "invalid";
}

/// A set of symbols with allocation-free lookups (a `symbol_map` underneath).
class symbol_set {
 public:
  symbol_set() = default;
  symbol_set(std::initializer_list<symbol> symbols) : map_(symbols.size()) {
    for (const symbol& s : symbols) insert(s);
  }
  void insert(const symbol& s) { map_[s] = true; }
  [[nodiscard]] bool contains(const symbol& s) const noexcept { return map_.contains(s); }
  [[nodiscard]] std::size_t size() const noexcept { return map_.size(); }

 private:
  symbol_map<bool> map_;
};

namespace detail {

inline constexpr std::string_view checks_id = "bulwark.risk.checks";

// Throws config_error unless the limit is > 0; +inf means "no limit" and is allowed.
inline void require_limit(double value, std::string_view name) {
  if (value > 0.0) return;  // false for NaN
  bulwark::detail::throw_error<config_error>(checks_id, "{} {} must be > 0 (inf: no limit)",
                                             name, value);
}

// Two limits of one check, each > 0 or +inf, not both +inf.
inline void require_limits(double a, double b, std::string_view check, std::string_view a_name,
                           std::string_view b_name) {
  if (!(a > 0.0) || !(b > 0.0)) {
    const bool first = !(a > 0.0);
    bulwark::detail::throw_error<config_error>(checks_id, "{}.{} {} must be > 0 (inf: no limit)",
                                               check, first ? a_name : b_name, first ? a : b);
  }
  if (std::isinf(a) && std::isinf(b)) {
    bulwark::detail::throw_error<config_error>(checks_id, "{}: {} and {} are both inf; set one",
                                               check, a_name, b_name);
  }
}

// Throws config_error unless 0 < d <= 1e8 s (bulwark::detail::require_duration).
inline void require_duration(duration d, std::string_view name,
                             std::string_view id = checks_id) {
  bulwark::detail::require_duration(d, id, name);
}

// Throws config_error unless 0 < value <= 1 (a loss or drawdown fraction).
inline void require_fraction(double value, std::string_view name) {
  if (value > 0.0 && value <= 1.0) return;
  bulwark::detail::throw_error<config_error>(checks_id, "{} {} outside (0, 1]", name, value);
}

// Throws config_error unless `action` is a breach_action value: a value cast from an
// integer out of range would otherwise act as reject_increasing and never move the state.
inline void require_action(breach_action action, std::string_view name) {
  if (action <= breach_action::halt) return;
  bulwark::detail::throw_error<config_error>(
      checks_id, "{} {} is not a breach_action (0 reject_increasing, 1 reduce, 2 halt)", name,
      static_cast<unsigned>(action));
}

[[nodiscard]] constexpr double seconds(duration d) noexcept {
  return std::chrono::duration<double>(d).count();
}

[[nodiscard]] constexpr check_result account_unavailable(account_status health) noexcept {
  return {.reason = reject_reason::account_unavailable,
          .detail = static_cast<std::uint8_t>(health)};
}

// True when x is a whole multiple (>= 1) of step, to a millionth of a step, so that
// decimal prices and quantities such as 150.05 / 0.01 = 15004.999999999998 count as exact.
// Rounds by truncating k + 0.5 (k > 0 here) rather than calling std::round, which the
// x86-64 baseline does not inline; from 2^52 up every double is an integer already. (Not
// by adding and subtracting 2^52, which is cheaper but which -ffast-math folds away and
// x87's extended precision does not round: every order would then pass.)
[[nodiscard]] inline bool whole_multiple(double x, double step) noexcept {
  const double k = x / step;
  if (!(k < 0x1p52)) [[unlikely]] return k == k && k - k == 0.0;  // integral unless NaN or inf
  const auto nearest = static_cast<double>(static_cast<std::int64_t>(k + 0.5));
  return nearest >= 1.0 && std::abs(k - nearest) <= 1e-6;
}

// The most the order can be worth per unit: the larger of the reference and any price the
// order carries (a buy limit above the market, a sell limit above it, a stop). A price the
// order does not carry is NaN; one of +inf (only in an order the gate would refuse as
// malformed) makes the value +inf, which max_order_notional rejects for any quantity > 0.
[[nodiscard]] inline double valuation_price(const check_context& ctx) noexcept {
  double p = ctx.reference.price;
  if (!std::isnan(ctx.ord.limit_price)) p = std::max(p, ctx.ord.limit_price);
  if (!std::isnan(ctx.ord.stop_price)) p = std::max(p, ctx.ord.stop_price);
  return p;
}

// The book without the order's symbol, each of its symbols at its worst (see the file
// comment): the account's worst-case sums less the order's symbol's own terms. Shared by
// exposure_limit and leverage_limit.
struct rest_of_book {
  double gross;     // worst-case gross exposure
  double net_low;   // net exposure if every working sell fills
  double net_high;  // net exposure if every working buy fills
};
[[nodiscard]] inline rest_of_book rest_of_book_for(const check_context& ctx) noexcept {
  const account_state& a = ctx.account;
  rest_of_book rest{a.worst_case_gross_exposure(), a.net_exposure_if_sells_fill(),
                    a.net_exposure_if_buys_fill()};
  // The symbol's own terms, written out: the account marks every symbol it records (a
  // fill at its price, an accepted order at the reference), so the products need not
  // guard against a missing mark as `position`'s members do (and a NaN would still
  // reject). Equal to those members: the mark is > 0, and rounding a product is monotone
  // in its other factor. For a symbol without a record, `flat_position`'s terms are 0.
  const position& p = ctx.record;
  const double m = p.mark_price;
  const double if_buys = p.quantity + p.working_buy;
  const double if_sells = p.quantity - p.working_sell;
  rest.gross -= m * std::max(std::abs(if_buys), std::abs(if_sells));
  rest.net_low -= m * if_sells;
  rest.net_high -= m * if_buys;
  return rest;
}

// A loss-type limit measured on the account as a fraction of `base` (day-start equity or
// high-water mark): only `measure` < `limit` passes. Fails closed: an account that cannot
// be valued, a base not finite and > 0 (`bad_base`), or a measure that is NaN or
// infinite rejects with account_unavailable. Shared by daily_loss_limit and drawdown_limit.
[[nodiscard]] inline check_result assess_loss(reject_reason reason, double measure, double base,
                                              account_status bad_base, double limit,
                                              breach_action action, bool liquidate,
                                              account_status health) noexcept {
  if (health != account_status::ok) return account_unavailable(health);
  if (!(std::isfinite(base) && base > 0.0)) return account_unavailable(bad_base);
  if (!std::isfinite(measure)) return account_unavailable(account_status::non_finite);
  if (measure < limit) return check_result::pass();
  return {.reason = reason,
          .escalate = action == breach_action::halt     ? trading_state::halted
                      : action == breach_action::reduce ? trading_state::reducing
                                                        : trading_state::active,
          .liquidate = liquidate,
          .value = measure,
          .limit = limit};
}

// Order-level form: a breach rejects orders that add exposure, and every order when the
// action halts; the escalation applies either way.
[[nodiscard]] inline check_result gate_on_loss(check_result finding,
                                               const check_context& ctx) noexcept {
  if (finding.ok() || finding.reason == reject_reason::account_unavailable) return finding;
  if (finding.escalate != trading_state::halted && ctx.reduces_exposure()) {
    finding.reason = reject_reason::accepted;
  }
  return finding;
}

}  // namespace detail

/// Fail-closed pricing. Every gate must hold exactly one: it fixes how old the reference
/// price (`max_age`) and the account's marks (`max_mark_age`) may be, and it turns a
/// failed price lookup into the verdict. No defaults: how old is too old depends on the
/// market (seconds for liquid equities, minutes for a quiet bond).
struct stale_market_data {
  static constexpr std::string_view name = "stale_market_data";
  duration max_age{};       ///< the reference price (fresh mid, else fresh last) no older
  duration max_mark_age{};  ///< the account's last mark_to_market no older

  void validate() const {
    detail::require_duration(max_age, "stale_market_data.max_age");
    detail::require_duration(max_mark_age, "stale_market_data.max_mark_age");
  }

  /// Rejects with `stale_market_data` (value: age of the newest price judged stale, s) when
  /// the only prices are too old, and with `price_unavailable` for every other failed
  /// lookup (unknown symbol, no price, non-finite, non-positive, crossed, from the future).
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    if (ctx.reference.ok()) [[likely]] return check_result::pass();
    check_result r{.reason = reject_reason::price_unavailable,
                   .detail = static_cast<std::uint8_t>(ctx.reference.status)};
    if (ctx.reference.status == price_status::stale) {
      r.reason = reject_reason::stale_market_data;
      r.value = nanos_between(ctx.reference.time, ctx.now) / 1e9;
      r.limit = detail::seconds(max_age);
    }
    return r;
  }
};

/// Order quantity <= max_quantity (instrument units). Catches a fat finger in size.
struct max_order_quantity {
  static constexpr std::string_view name = "max_order_quantity";
  double max_quantity = std::numeric_limits<double>::quiet_NaN();

  void validate() const { detail::require_limit(max_quantity, "max_order_quantity.max_quantity"); }
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    if (ctx.ord.quantity <= max_quantity) [[likely]] return check_result::pass();
    return check_result::reject(reject_reason::max_order_quantity, ctx.ord.quantity, max_quantity);
  }
};

/// quantity x valuation price <= max_notional (account currency), where the valuation
/// price is the largest of the reference and the order's limit and stop prices: the most
/// the order can be worth.
struct max_order_notional {
  static constexpr std::string_view name = "max_order_notional";
  double max_notional = std::numeric_limits<double>::quiet_NaN();

  void validate() const { detail::require_limit(max_notional, "max_order_notional.max_notional"); }
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    const double notional = ctx.ord.quantity * detail::valuation_price(ctx);
    if (notional <= max_notional) [[likely]] return check_result::pass();
    return check_result::reject(reject_reason::max_order_notional, notional, max_notional);
  }
};

/// |limit price - reference| / reference <= max_deviation, for orders with a limit price
/// (limit, stop-limit), in both directions. Market and stop orders carry no limit price
/// and pass (their size is bounded by max_order_notional at the reference).
struct price_collar {
  static constexpr std::string_view name = "price_collar";
  bps max_deviation{};  ///< required; bps are finite by construction

  void validate() const {
    if (max_deviation.value() > 0.0) return;
    bulwark::detail::throw_error<config_error>(detail::checks_id,
                                               "price_collar.max_deviation {} must be > 0",
                                               max_deviation);
  }
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    if (std::isnan(ctx.ord.limit_price)) return check_result::pass();
    const double ref = ctx.reference.price;
    const double deviation = std::abs(ctx.ord.limit_price - ref) / ref;
    if (deviation <= max_deviation.fraction()) [[likely]] return check_result::pass();
    return check_result::reject(reject_reason::price_collar, deviation * 10'000.0,
                                max_deviation.value());
  }
};

/// Per symbol: |post-trade position| <= max_quantity and |post-trade position| x
/// reference <= max_notional. Either may be +inf (no limit), not both.
struct position_limit {
  static constexpr std::string_view name = "position_limit";
  double max_quantity = std::numeric_limits<double>::infinity();
  double max_notional = std::numeric_limits<double>::infinity();

  void validate() const {
    detail::require_limits(max_quantity, max_notional, "position_limit", "max_quantity",
                           "max_notional");
  }
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    const double pre = std::abs(ctx.pre_trade_position);
    const double post = std::abs(ctx.post_trade_position);
    // Whether the order makes the position larger is as good as random, so it is joined
    // to each limit's test by `&`, not tested on its own: one predictable branch each.
    const bool larger = !(post <= pre);  // NaN counts as larger, and rejects below
    if (larger & !(post <= max_quantity)) [[unlikely]] {
      return check_result::reject(reject_reason::position_quantity, post, max_quantity);
    }
    const double notional = post * ctx.reference.price;
    if (larger & !(notional <= max_notional)) [[unlikely]] {
      return check_result::reject(reject_reason::position_notional, notional, max_notional);
    }
    return check_result::pass();
  }
};

/// Book-wide: post-trade gross exposure (sum of |value|) <= max_gross and |post-trade net
/// exposure| (sum of value) <= max_net, in the account currency, with the rest of the
/// book's working orders at their worst (for the net: every working buy filled when the
/// order buys, every working sell when it sells). Either may be +inf, not both. Needs a
/// valued account (else `account_unavailable`).
struct exposure_limit {
  static constexpr std::string_view name = "exposure_limit";
  double max_gross = std::numeric_limits<double>::infinity();
  double max_net = std::numeric_limits<double>::infinity();

  void validate() const {
    detail::require_limits(max_gross, max_net, "exposure_limit", "max_gross", "max_net");
  }
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    if (ctx.account_health != account_status::ok) [[unlikely]] {
      return detail::account_unavailable(ctx.account_health);
    }
    const double ref = ctx.reference.price;
    const double pre_value = ctx.pre_trade_position * ref;
    const double post_value = ctx.post_trade_position * ref;
    const detail::rest_of_book rest = detail::rest_of_book_for(ctx);
    const double gross_post = rest.gross + std::abs(post_value);
    // Written so that a NaN anywhere rejects.
    if (!(gross_post <= max_gross) &&
        !(gross_post <= rest.gross + std::abs(pre_value))) [[unlikely]] {
      return check_result::reject(reject_reason::gross_exposure, gross_post, max_gross);
    }
    // The net exposure ranges from every working sell filled to every working buy filled;
    // a buy moves only the upper end (its symbol's sells stay in the lower), a sell only
    // the lower. The end the order moves is judged: the other is what it was, and an end
    // already past the limit is not this order's doing.
    const double rest_end = by_side(ctx.ord.side, rest.net_high, rest.net_low);
    const double net_post = std::abs(rest_end + post_value);
    if (!(net_post <= max_net) && !(net_post <= std::abs(rest_end + pre_value))) [[unlikely]] {
      return check_result::reject(reject_reason::net_exposure, net_post, max_net);
    }
    return check_result::pass();
  }
};

/// Post-trade gross exposure / equity <= max_leverage (a ratio: 2.0 is 2:1). The gross
/// counts the rest of the book's working orders at their worst, as `exposure_limit`
/// does; equity is the account's, with the order's symbol re-marked at the reference.
/// Needs a valued account with equity > 0 (else `account_unavailable`). Like every check
/// that prices the order, it expects the usable reference the gate judges first; handed
/// a context whose reference failed (a NaN price), it rejects as `account_unavailable`,
/// the re-marked equity being NaN.
struct leverage_limit {
  static constexpr std::string_view name = "leverage_limit";
  double max_leverage = std::numeric_limits<double>::quiet_NaN();

  void validate() const {
    bulwark::detail::require_positive(max_leverage, detail::checks_id, "leverage_limit.max_leverage");
  }
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    if (ctx.account_health != account_status::ok) [[unlikely]] {
      return detail::account_unavailable(ctx.account_health);
    }
    const double ref = ctx.reference.price;
    // The symbol re-marked: + position x (reference - mark). Unguarded, as in
    // rest_of_book_for: the account marks every symbol it records.
    const double equity =
        ctx.account.equity() + ctx.record.quantity * (ref - ctx.record.mark_price);
    if (!(equity > 0.0)) [[unlikely]] {
      return detail::account_unavailable(account_status::non_positive_equity);
    }
    const double gross_rest = detail::rest_of_book_for(ctx).gross;
    const double post = (gross_rest + std::abs(ctx.post_trade_position * ref)) / equity;
    const double pre = (gross_rest + std::abs(ctx.pre_trade_position * ref)) / equity;
    if (!(post <= max_leverage) && !(post <= pre)) [[unlikely]] {  // NaN rejects
      return check_result::reject(reject_reason::leverage, post, max_leverage);
    }
    return check_result::pass();
  }
};

/// No short positions: rejects an order whose worst-case post-trade position is below
/// zero and below the position without it (covering an old short passes).
struct long_only {
  static constexpr std::string_view name = "long_only";

  void validate() const {}
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    const double post = ctx.post_trade_position;
    if (post >= 0.0 || post >= ctx.pre_trade_position) return check_result::pass();
    return check_result::reject(reject_reason::long_only, post, 0.0);
  }
};

/// Rejects every order in a listed symbol (insider lists, hard-to-borrow names, ...);
/// with `allow_reducing`, orders that only reduce an existing position pass.
struct restricted_list {
  static constexpr std::string_view name = "restricted_list";
  symbol_set symbols{};
  bool allow_reducing = false;

  void validate() const {}
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    if (!symbols.contains(ctx.ord.sym)) return check_result::pass();
    if (allow_reducing && ctx.reduces_exposure()) return check_result::pass();
    return check_result::reject(reject_reason::restricted_symbol,
                                std::numeric_limits<double>::quiet_NaN(),
                                std::numeric_limits<double>::quiet_NaN());
  }
};

/// Limit and stop prices must be whole multiples of the tick: `low_price_tick` below
/// `low_price_below`, else `tick`. The defaults are US equities' minimum increments
/// (SEC Regulation NMS Rule 612: $0.01 at $1.00 and above, $0.0001 below).
struct tick_size {
  static constexpr std::string_view name = "tick_size";
  double tick = 0.01;
  double low_price_tick = 0.0001;
  double low_price_below = 1.0;

  void validate() const {
    bulwark::detail::require_positive(tick, detail::checks_id, "tick_size.tick");
    bulwark::detail::require_positive(low_price_tick, detail::checks_id, "tick_size.low_price_tick");
    bulwark::detail::require_non_negative(low_price_below, detail::checks_id,
                                          "tick_size.low_price_below");
  }
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    if (const check_result limit = judge(ctx.ord.limit_price); !limit.ok()) [[unlikely]] {
      return limit;
    }
    return judge(ctx.ord.stop_price);
  }

 private:
  // A price the order does not carry (NaN) passes.
  [[nodiscard]] check_result judge(double price) const noexcept {
    if (std::isnan(price)) return check_result::pass();
    double t = tick;
    if (price < low_price_below) [[unlikely]] t = low_price_tick;
    if (detail::whole_multiple(price, t)) [[likely]] return check_result::pass();
    return check_result::reject(reject_reason::tick_size, price, t);
  }
};

/// The quantity must be a whole multiple (>= 1) of the lot: 1 for whole shares (the
/// default), 100 for round lots, 1e-8 for a coin quoted in satoshis.
struct lot_size {
  static constexpr std::string_view name = "lot_size";
  double lot = 1.0;

  void validate() const { bulwark::detail::require_positive(lot, detail::checks_id, "lot_size.lot"); }
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    if (detail::whole_multiple(ctx.ord.quantity, lot)) [[likely]] return check_result::pass();
    return check_result::reject(reject_reason::lot_size, ctx.ord.quantity, lot);
  }
};

/// Loss since the day's start, (day-start equity - equity) / day-start equity, realised
/// and unrealised together, must stay below `max_loss` (a fraction: 0.02 is 2 %). At or
/// beyond it, orders that add exposure are rejected and `on_breach` applies (by default
/// the gate moves to REDUCING; `halt` rejects everything). Needs a valued account and a
/// day-start equity finite and > 0; otherwise, or when the loss is not finite, every
/// order is rejected with `account_unavailable`.
struct daily_loss_limit {
  static constexpr std::string_view name = "daily_loss_limit";
  double max_loss = std::numeric_limits<double>::quiet_NaN();
  breach_action on_breach = breach_action::reduce;

  void validate() const {
    detail::require_fraction(max_loss, "daily_loss_limit.max_loss");
    detail::require_action(on_breach, "daily_loss_limit.on_breach");
  }
  [[nodiscard]] check_result monitor(const account_state& a, account_status health) const noexcept {
    return detail::assess_loss(reject_reason::daily_loss, a.daily_loss(), a.day_start_equity(),
                               account_status::invalid_day_start_equity, max_loss, on_breach,
                               false, health);
  }
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    return detail::gate_on_loss(monitor(ctx.account, ctx.account_health), ctx);
  }
};

/// Drawdown from the high-water mark, 1 - equity / high-water mark, must stay below
/// `max_drawdown` (default 0.10, the common auto-liquidation threshold). At or beyond it,
/// orders that add exposure are rejected and `on_breach` applies (default: REDUCING);
/// with `liquidate`, `risk_gate::review` also asks for the book to be flattened (see
/// `flatten_orders`; `liquidate` with `on_breach = halt` is a `config_error`, since
/// HALTED would reject the liquidation orders). Needs a valued account and a high-water mark finite and > 0;
/// otherwise, or when the drawdown is not finite, every order is rejected with
/// `account_unavailable`.
struct drawdown_limit {
  static constexpr std::string_view name = "drawdown_limit";
  double max_drawdown = 0.10;
  breach_action on_breach = breach_action::reduce;
  bool liquidate = false;

  /// Also a `config_error`: `liquidate` with `on_breach = halt`. HALTED rejects every
  /// order, the liquidation orders included, so the two contradict each other.
  void validate() const {
    detail::require_fraction(max_drawdown, "drawdown_limit.max_drawdown");
    detail::require_action(on_breach, "drawdown_limit.on_breach");
    if (liquidate && on_breach == breach_action::halt) {
      bulwark::detail::throw_error<config_error>(
          detail::checks_id, "drawdown_limit: liquidate with on_breach halt cannot work (HALTED "
                             "rejects the liquidation orders); use on_breach reduce");
    }
  }
  [[nodiscard]] check_result monitor(const account_state& a, account_status health) const noexcept {
    return detail::assess_loss(reject_reason::max_drawdown, a.drawdown(), a.high_water_mark(),
                               account_status::invalid_high_water_mark, max_drawdown,
                               on_breach, liquidate, health);
  }
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    return detail::gate_on_loss(monitor(ctx.account, ctx.account_health), ctx);
  }
};

}  // namespace bulwark::risk

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::risk::breach_action)

/// Formats as `max_order_notional: 152000 (limit 100000)` or `accepted`.
template <>
struct fmt::formatter<bulwark::risk::check_result> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::check_result& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    if (r.ok()) return fmt::format_to(ctx.out(), "accepted");
    return fmt::format_to(ctx.out(), "{}: {} (limit {})", r.reason, r.value, r.limit);
  }
};
