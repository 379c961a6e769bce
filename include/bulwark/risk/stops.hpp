// SPDX-License-Identifier: MIT
/// \file
/// \brief Stop-loss, take-profit and trailing stop for long and short positions, each by
/// a fraction of the price, a price offset, an absolute level, or a multiple of Wilder's
/// ATR.
///
/// Synopsis
/// \code
/// exit_tracker exits{{.stop_loss = exit_distance::fraction(0.03),
///                     .take_profit = exit_distance::atr(4.0),
///                     .trailing_stop = exit_distance::offset(2.50)}};
/// exits.on_bar(bar);                                   // feeds the ATR (and checks exits when open)
/// exits.open(side::buy, 150.0, 100, t);                // a new position: fixes the levels
/// exit_signal s = exits.on_price(145.50, t);           // s.kind == exit_kind::stop_loss
/// s.pnl;                                               // -450: the loss to book (negative)
/// std::optional<order> o = s.exit_order(sym, id, account);  // reduce-only: <= the held position
/// if (!o || gate.check(*o, state).ok()) exits.close();  // nothing held, or accepted
/// \endcode
///
/// Levels, for direction d = +1 (long) or -1 (short), entry price E, best price B since
/// entry (the highest for a long, the lowest for a short, E at entry) and distance D:
///
///     stop loss      E - d D(E)       take profit   E + d D(E)       trailing   B - d D(B)
///
/// with D(x) = f x for `fraction(f)`, D = a for `offset(a)`, D = k ATR for `atr(k)`, where
/// ATR is Wilder's average true range (core's `wilder_atr`, window `atr_window`) at the
/// moment of `open`, held fixed for the life of the position (Wilder's volatility stop
/// sets its distance when the stop is set). `at_price(L)` puts a stop loss or take profit
/// at the level L itself. A long at 150 with `fraction(0.03)` stops at 145.50; a short at
/// 150 at 154.50.
///
/// Triggering. A protective exit (stop loss or trailing stop, whichever is tighter)
/// fires when a price reaches its level from the position's losing side (a long: price
/// <= level), a take profit when a price reaches its level from the winning side. A price
/// within 1e-12 (relative) of a level counts as reaching it, so a level that is not
/// exactly representable, like 150 x (1 - 0.03), still fires at the price that equals it
/// in decimal; `open` refuses a level that close to the entry, which would fire at
/// entry. On a tick the exit price is the tick. On a bar (time order within a bar is
/// unknown), the open is checked first: a gap through a level exits at the open;
/// otherwise a level touched by the low or high exits at the level, and when both a stop
/// and the take profit lie inside one bar the stop is assumed first (the conservative
/// reading). The best price is updated after the check, from the bar's high (long) or low
/// (short), so a bar never trails its own stop into itself.
///
/// Exits are reduce-only and stay armed until accepted. `exit_signal::exit_order` sizes
/// the closing order by the position actually held (never more, and none when flat or
/// reversed), so scaling out 60 of 100 and then stopping out sells 40, not 100. Firing
/// does not close the tracker: the caller closes it once the gate accepts the exit, and
/// until then every price beyond the level fires again.
///
/// A trailing stop starts again from the entry price at every `open`: the best price of
/// an earlier position never carries over to a new one.
///
/// Prices from before the entry never move the best price: a trailing stop trails only
/// what the position saw. A tick stamped before `opened_at()` is reported as
/// `invalid_price` (nothing checked, nothing moved), so a feed whose clock disagrees with
/// the one given to `open` shows at once instead of silencing the stops. A bar whose
/// `time` (the start of its interval) is before `opened_at()` may contain the entry: its
/// high and low cannot be placed before or after it, but its close is its last price, so
/// only the close is checked against the levels (an exit fires at the close). A bar that
/// starts at or after the entry is checked in full. Use one clock for `open` and the feed.
///
/// Bad input: a rule that is NaN, <= 0, a fraction >= 1 for a stop, a level used as a
/// trailing distance, or an `atr_window` of 0 is a `config_error`; opening with a price or
/// quantity not finite and > 0, with a level (the trailing stop's included) that is not a
/// positive price on the losing side of the entry for a stop or the winning side for a
/// take profit, or that is within 1e-12 (relative) of the entry, or with an ATR rule
/// before the ATR is ready (or after a bad bar broke it) or while the ATR is 0 (flat or
/// stale bars: a distance of 0 would exit at the entry price) is an `input_error` (id
/// `bulwark.risk.stops`). An `open` that throws changes nothing: a position already
/// tracked keeps its levels, best price and entry time. A price that is not finite and > 0
/// (or stamped before the entry) on `on_price`, or a bar on `on_bar` that is not ok() or
/// is a replay (stamped before the last good bar taken, or that stamped bar sent again:
/// a feed resending bars), is reported as `exit_kind::invalid_price` while a position is
/// open and changes nothing but the ATR, which a bar that is not ok() turns NaN for good.
/// A revision of the last bar (`wilder_atr::is_revision`: its stamp, other content, as a
/// forming bar's updates) is checked against the levels from before that bar (without
/// the ticks since it started), so an update's low never meets a trailing stop that the
/// update before it, or a tick inside the bar, raised.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "bulwark/core/atr.hpp"
#include "bulwark/core/bar.hpp"
#include "bulwark/core/error.hpp"
#include "bulwark/core/order.hpp"
#include "bulwark/core/side.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/risk/account.hpp"

namespace bulwark::risk {

/// How an exit's distance from its anchor is given.
enum class exit_basis : std::uint8_t {
  fraction = 0,      ///< a fraction of the anchor price (0.03 = 3 %)
  offset = 1,        ///< a distance in price units
  level = 2,         ///< an absolute price (stop loss and take profit only)
  atr_multiple = 3,  ///< a multiple of the ATR at entry
};

[[nodiscard]] constexpr std::string_view to_string(exit_basis b) noexcept {
  switch (b) {
    case exit_basis::fraction: return "fraction";
    case exit_basis::offset: return "offset";
    case exit_basis::level: return "level";
    case exit_basis::atr_multiple: return "atr_multiple";
  }
  return "invalid";
}

/// Where an exit sits: build with the named constructors.
struct exit_distance {
  exit_basis basis = exit_basis::fraction;
  double amount = std::numeric_limits<double>::quiet_NaN();

  [[nodiscard]] static constexpr exit_distance fraction(double f) noexcept {
    return {exit_basis::fraction, f};
  }
  [[nodiscard]] static constexpr exit_distance offset(double price_units) noexcept {
    return {exit_basis::offset, price_units};
  }
  [[nodiscard]] static constexpr exit_distance at_price(double level) noexcept {
    return {exit_basis::level, level};
  }
  [[nodiscard]] static constexpr exit_distance atr(double multiple) noexcept {
    return {exit_basis::atr_multiple, multiple};
  }

  friend bool operator==(const exit_distance&, const exit_distance&) = default;
};

/// Which exit fired. Values are stable.
enum class exit_kind : std::uint8_t {
  none = 0,
  stop_loss = 1,
  take_profit = 2,
  trailing_stop = 3,
  /// The price or bar was unusable (or a tick before the entry, or a replayed bar);
  /// nothing was checked.
  invalid_price = 4,
};

[[nodiscard]] constexpr std::string_view to_string(exit_kind k) noexcept {
  switch (k) {
    case exit_kind::none: return "none";
    case exit_kind::stop_loss: return "stop_loss";
    case exit_kind::take_profit: return "take_profit";
    case exit_kind::trailing_stop: return "trailing_stop";
    case exit_kind::invalid_price: return "invalid_price";
  }
  return "invalid";
}

/// The outcome of one price or bar for an open position.
struct exit_signal {
  exit_kind kind = exit_kind::none;
  side exit_side = side::sell;  ///< the side of the closing order (sell for a long)
  double quantity = 0.0;        ///< the whole position
  double level = std::numeric_limits<double>::quiet_NaN();        ///< the exit's level
  double price = std::numeric_limits<double>::quiet_NaN();        ///< assumed exit price
  double entry_price = std::numeric_limits<double>::quiet_NaN();
  /// d x (price - entry) x quantity before costs, negative for a loss: the P&L of the
  /// tracker's whole quantity. A signal repeats while the exit is not accepted, so book the
  /// P&L of the fill itself, not this estimate, and once.
  double pnl = 0.0;
  timestamp time{};

  [[nodiscard]] constexpr bool triggered() const noexcept {
    return kind == exit_kind::stop_loss || kind == exit_kind::take_profit ||
           kind == exit_kind::trailing_stop;
  }
  /// The market order that closes the position, reduce-only. `held` is the signed
  /// position now (long > 0). The order is on `exit_side` for min(quantity, the position
  /// held on the side being closed), so after a partial close elsewhere it sells only
  /// what is left. None when no exit fired, or when `held` is flat, not finite or on the
  /// other side (closed or reversed elsewhere): a stop never adds to or reverses a
  /// position. Working orders on the closing side are not netted; cancel them first.
  [[nodiscard]] std::optional<order> exit_order(const symbol& sym, order_id id,
                                                double held) const noexcept {
    if (!triggered()) return std::nullopt;
    const double closable = exit_side == side::sell ? held : -held;
    if (!(closable > 0.0 && std::isfinite(closable))) return std::nullopt;  // NaN fails
    return order{.client_id = id, .sym = sym, .side = exit_side, .type = order_type::market,
                 .quantity = std::min(quantity, closable), .created = time};
  }
  /// The same, bounded by the position `account` holds in `sym` (none when it holds
  /// nothing there).
  [[nodiscard]] std::optional<order> exit_order(const symbol& sym, order_id id,
                                                const account_state& account) const noexcept {
    const position* p = account.find(sym);
    return exit_order(sym, id, p == nullptr ? 0.0 : p->quantity);
  }
};

/// The exits of one position. Each is optional; `atr_window` (default 14, Wilder's) sizes
/// the ATR that `atr(k)` distances use.
struct exit_rules {
  std::optional<exit_distance> stop_loss{};
  std::optional<exit_distance> take_profit{};
  std::optional<exit_distance> trailing_stop{};
  std::size_t atr_window = 14;
};

/// Tracks one position's exits. Value type; O(1) per price or bar, no allocation.
class exit_tracker {
 public:
  /// Throws `config_error` (id `bulwark.risk.stops`) for an invalid rule (see the file
  /// comment) or an ATR window of 0.
  explicit exit_tracker(exit_rules rules)
      : rules_(rules),
        atr_(bulwark::detail::checked_atr_window(rules.atr_window, id, "exit_tracker")) {
    check_rule(rules_.stop_loss, "stop_loss", true);
    check_rule(rules_.take_profit, "take_profit", false);
    check_rule(rules_.trailing_stop, "trailing_stop", true);
    if (rules_.trailing_stop && rules_.trailing_stop->basis == exit_basis::level) {
      throw_config_error(id, "trailing_stop cannot be an absolute level; use fraction, offset "
                             "or atr");
    }
  }

  /// Starts a new position: fixes the entry, the ATR distance and the levels, and resets
  /// the best price to the entry (no high-water mark survives from an earlier position).
  /// Throws `input_error` as the file comment says, and then changes nothing.
  void open(side direction, double entry_price, double quantity, timestamp t) {
    // Every check and every level is computed before a member changes, so an open that
    // throws leaves a position already tracked with its own stops still armed.
    if (direction != side::buy && direction != side::sell) {
      throw_input_error(id, "open: side is neither buy nor sell (got {})",
                        static_cast<int>(direction));
    }
    if (!(std::isfinite(entry_price) && entry_price > 0.0)) {
      throw_input_error(id, "open: entry price {} must be finite and > 0", entry_price);
    }
    if (!(std::isfinite(quantity) && quantity > 0.0)) {
      throw_input_error(id, "open: quantity {} must be finite and > 0", quantity);
    }
    const double entry_atr = atr_at_entry();
    const double dir = static_cast<double>(sign(direction));
    const double stop = fixed_level(rules_.stop_loss, -1.0, dir, entry_price, entry_atr);
    const double target = fixed_level(rules_.take_profit, +1.0, dir, entry_price, entry_atr);
    const double trail =
        rules_.trailing_stop
            ? entry_price - dir * distance(*rules_.trailing_stop, entry_price, entry_atr)
            : nan();
    check_level(stop, "stop_loss", -1.0, direction, entry_price);
    check_level(target, "take_profit", +1.0, direction, entry_price);
    check_level(trail, "trailing_stop", -1.0, direction, entry_price);

    direction_ = direction;
    entry_ = entry_price;
    quantity_ = quantity;
    best_ = entry_price;
    best_without_bar_ = entry_price;
    best_ticks_ = nan();
    entry_atr_ = entry_atr;
    stop_level_ = stop;
    target_level_ = target;
    opened_at_ = t;
    open_ = true;
  }

  /// Forgets the position: call it once the exit order is accepted (or the position was
  /// closed elsewhere). Until then the exits stay armed, and a price still beyond a level
  /// fires again, so an exit the gate rejected is sent again. The ATR keeps its history.
  void close() noexcept { open_ = false; }

  [[nodiscard]] bool is_open() const noexcept { return open_; }
  [[nodiscard]] side direction() const noexcept { return direction_; }
  [[nodiscard]] double entry_price() const noexcept { return entry_; }
  [[nodiscard]] double quantity() const noexcept { return quantity_; }
  /// When the current (or last) position was opened.
  [[nodiscard]] timestamp opened_at() const noexcept { return opened_at_; }
  /// The best price since entry (highest for a long, lowest for a short).
  [[nodiscard]] double best_price() const noexcept { return best_; }
  /// Wilder's ATR over the bars seen so far (NaN until ready).
  [[nodiscard]] double atr() const noexcept { return atr_.value(); }
  /// The current levels; NaN when the rule is not configured or no position is open.
  [[nodiscard]] double stop_loss_level() const noexcept { return open_ ? stop_level_ : nan(); }
  [[nodiscard]] double take_profit_level() const noexcept { return open_ ? target_level_ : nan(); }
  [[nodiscard]] double trailing_level() const noexcept {
    if (!open_ || !rules_.trailing_stop) return nan();
    return best_ - d() * distance(*rules_.trailing_stop, best_, entry_atr_);
  }

  /// Checks a traded or quoted price. An exit that fires leaves the tracker open (see
  /// `close`): it fires again on every later price beyond its level until closed. A price
  /// stamped before `opened_at()` is `invalid_price`: it was not this position's.
  exit_signal on_price(double price, timestamp t) noexcept {
    if (!open_) return {};
    if (!(std::isfinite(price) && price > 0.0) || t < opened_at_) {
      return {.kind = exit_kind::invalid_price, .time = t};
    }
    const exit_signal s = reached(price, t);
    if (s.kind == exit_kind::none) {
      improve(best_, price);
      improve(best_ticks_, price);
    }
    return s;
  }

  /// Feeds a bar (its start time is `b.time`): checks the exits of an open position as
  /// the file comment describes, then updates the best price and the ATR. Of a bar that
  /// starts before `opened_at()`, only the close is checked (see the file comment).
  exit_signal on_bar(const bar& b) noexcept {
    exit_signal s{.time = b.time};
    if (!b.ok()) {
      atr_.update(b);  // breaks the ATR for good: later ATR rules cannot open
      if (open_) s.kind = exit_kind::invalid_price;
      return s;
    }
    // A replay, as feeds send after a reconnect (`wilder_atr::is_replay`, which goes on
    // spotting them after a bad bar breaks the ATR). Checked again, it could fire a
    // trailing stop that its own high (a long's) just raised.
    if (atr_.is_replay(b)) {
      if (open_) s.kind = exit_kind::invalid_price;
      return s;
    }
    // A revision replaces the last bar: it is checked as the bar would have been, against
    // the best price before that bar. Ticks since the bar started are no part of that
    // check (within a bar, as for its own high, an extreme is not taken to come before
    // the bar's open or adverse side), but they were seen: they count again after it.
    const bool revision = atr_.is_revision(b);
    if (revision) {
      best_ = best_without_bar_;
    } else {
      best_without_bar_ = best_;
      best_ticks_ = nan();
    }
    if (open_ && b.time < opened_at_) {
      s = reached(b.close, b.time);
    } else if (open_) {
      const auto [kind, level] = protective();
      const double adverse = direction_ == side::buy ? b.low : b.high;
      const double favourable = direction_ == side::buy ? b.high : b.low;
      if (kind != exit_kind::none && reaches_against(b.open, level)) {
        s = fire(kind, level, b.open, b.time);
      } else if (reaches_for(b.open, target_level_)) {
        s = fire(exit_kind::take_profit, target_level_, b.open, b.time);
      } else if (kind != exit_kind::none && reaches_against(adverse, level)) {
        s = fire(kind, level, level, b.time);
      } else if (reaches_for(favourable, target_level_)) {
        s = fire(exit_kind::take_profit, target_level_, target_level_, b.time);
      } else {
        improve(best_, favourable);
      }
    }
    if (revision) improve(best_, best_ticks_);
    atr_.update(b);
    return s;
  }

 private:
  static constexpr std::string_view id = "bulwark.risk.stops";
  static constexpr double tolerance = 1e-12;

  static constexpr double nan() noexcept { return std::numeric_limits<double>::quiet_NaN(); }
  [[nodiscard]] double d() const noexcept { return static_cast<double>(sign(direction_)); }

  static void check_rule(const std::optional<exit_distance>& rule, std::string_view name,
                         bool protective) {
    if (!rule) return;
    const double a = rule->amount;
    if (!(std::isfinite(a) && a > 0.0)) {
      throw_config_error(id, "{} {} {} must be finite and > 0", name, to_string(rule->basis), a);
    }
    if (protective && rule->basis == exit_basis::fraction && a >= 1.0) {
      throw_config_error(id, "{} fraction {} must be < 1 (a stop at or below zero)", name, a);
    }
  }
  // The name of the first rule that is an ATR multiple, or "" when none is.
  [[nodiscard]] std::string_view atr_rule() const noexcept {
    const auto is = [](const std::optional<exit_distance>& r) {
      return r && r->basis == exit_basis::atr_multiple;
    };
    if (is(rules_.stop_loss)) return "stop_loss";
    if (is(rules_.take_profit)) return "take_profit";
    if (is(rules_.trailing_stop)) return "trailing_stop";
    return {};
  }
  // The ATR that a new position's atr(k) distances use (NaN when no rule uses one).
  // An ATR of 0 comes from bars with no range (a halted or stale feed); k x 0 would put
  // a stop or trailing stop at the entry itself, so it is refused like a missing ATR.
  [[nodiscard]] double atr_at_entry() const {
    const std::string_view rule = atr_rule();
    if (rule.empty()) return nan();
    if (!atr_.ready()) {
      throw_input_error(id, "open: an ATR rule ({}) needs {} bars of valid history before "
                            "entry; the ATR is not ready", rule, rules_.atr_window + 1);
    }
    const double value = atr_.value();
    if (value == 0.0) {
      throw_input_error(id, "open: {} is an ATR multiple and the ATR is 0 (flat or stale data: "
                            "the bars seen have no price range); expected an ATR > 0",
                        rule);
    }
    if (!(std::isfinite(value) && value > 0.0)) {
      throw_input_error(id, "open: {} is an ATR multiple and the ATR is {}; expected a finite "
                            "ATR > 0", rule, value);
    }
    return value;
  }
  // The distance in price units of `rule` from the anchor price.
  [[nodiscard]] static double distance(const exit_distance& rule, double anchor,
                                       double entry_atr) noexcept {
    switch (rule.basis) {
      case exit_basis::fraction: return anchor * rule.amount;
      case exit_basis::offset: return rule.amount;
      case exit_basis::atr_multiple: return rule.amount * entry_atr;
      case exit_basis::level: break;
    }
    return nan();
  }
  // A stop loss (toward = -1) or take profit (+1) level from the entry, for direction dir.
  [[nodiscard]] static double fixed_level(const std::optional<exit_distance>& rule,
                                          double toward, double dir, double entry,
                                          double entry_atr) noexcept {
    if (!rule) return nan();
    if (rule->basis == exit_basis::level) return rule->amount;
    return entry + toward * dir * distance(*rule, entry, entry_atr);
  }
  // A level must be a positive price strictly on its side of the entry (toward = -1: the
  // losing side, +1: the winning side), and farther from it than the matching tolerance:
  // a closer level would be reached by the entry price itself, an exit at entry. NaN
  // means the rule is not configured.
  static void check_level(double level, std::string_view name, double toward, side direction,
                          double entry) {
    if (std::isnan(level)) return;
    const double dir = static_cast<double>(sign(direction));
    const double beyond = toward * dir * (level - entry);
    if (!(level > 0.0) || !(beyond > 0.0)) {
      throw_input_error(id, "open: {} level {} is not a positive price on the {} side of the {} "
                            "entry {}", name, level, toward * dir > 0.0 ? "upper" : "lower",
                        direction, entry);
    }
    if (!(beyond > tolerance * level)) {
      throw_input_error(id, "open: {} level {} is within {} (relative) of the {} entry {}, so "
                            "the entry price itself would reach it; expected a level farther "
                            "away", name, level, tolerance, direction, entry);
    }
  }
  // The tighter of the stop loss and the trailing stop, and its kind.
  [[nodiscard]] std::pair<exit_kind, double> protective() const noexcept {
    const double trail = trailing_level();
    if (std::isnan(trail)) {
      return {std::isnan(stop_level_) ? exit_kind::none : exit_kind::stop_loss, stop_level_};
    }
    if (std::isnan(stop_level_) || d() * (trail - stop_level_) > 0.0) {
      return {exit_kind::trailing_stop, trail};
    }
    return {exit_kind::stop_loss, stop_level_};
  }
  // Price at or beyond a protective level on the losing side (false for a NaN level).
  [[nodiscard]] bool reaches_against(double price, double level) const noexcept {
    return d() * (price - level) <= tolerance * level;
  }
  // Price at or beyond the take-profit level on the winning side.
  [[nodiscard]] bool reaches_for(double price, double level) const noexcept {
    return d() * (price - level) >= -tolerance * level;
  }
  // The exit one price reaches, the protective one first, filled at that price; kind
  // none when it reaches none.
  [[nodiscard]] exit_signal reached(double price, timestamp t) const noexcept {
    const auto [kind, level] = protective();
    if (kind != exit_kind::none && reaches_against(price, level)) return fire(kind, level, price, t);
    if (reaches_for(price, target_level_)) {
      return fire(exit_kind::take_profit, target_level_, price, t);
    }
    return {.time = t};
  }
  // Moves `best` to `price` when it is better (higher for a long) or there is none
  // (NaN); a NaN price changes nothing.
  void improve(double& best, double price) const noexcept {
    if (d() * (price - best) > 0.0 || (std::isnan(best) && !std::isnan(price))) best = price;
  }
  // Reports an exit; the tracker stays open until the caller closes it.
  exit_signal fire(exit_kind kind, double level, double price, timestamp t) const noexcept {
    return {.kind = kind,
            .exit_side = opposite(direction_),
            .quantity = quantity_,
            .level = level,
            .price = price,
            .entry_price = entry_,
            .pnl = d() * (price - entry_) * quantity_,
            .time = t};
  }

  exit_rules rules_;
  wilder_atr atr_;
  bool open_ = false;
  side direction_ = side::buy;
  double entry_ = nan();
  double quantity_ = 0.0;
  double best_ = nan();
  double best_without_bar_ = nan();  // best_ before the last bar (for its revisions)
  double best_ticks_ = nan();        // the best tick since the last bar started (NaN: none)
  double entry_atr_ = nan();
  double stop_level_ = nan();
  double target_level_ = nan();
  timestamp opened_at_{};
};

}  // namespace bulwark::risk

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::risk::exit_basis)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::risk::exit_kind)

/// Formats as `fraction 0.03`, `atr_multiple 2.5`, ...
template <>
struct fmt::formatter<bulwark::risk::exit_distance> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::exit_distance& x, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} {}", x.basis, x.amount);
  }
};

/// Formats as `stop_loss: sell 100 @ 145.5 (level 145.5, entry 150, pnl -450)` or `none`.
template <>
struct fmt::formatter<bulwark::risk::exit_signal> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::exit_signal& s, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    if (!s.triggered()) return fmt::format_to(ctx.out(), "{}", s.kind);
    return fmt::format_to(ctx.out(), "{}: {} {} @ {} (level {}, entry {}, pnl {})", s.kind,
                          s.exit_side, s.quantity, s.price, s.level, s.entry_price, s.pnl);
  }
};
