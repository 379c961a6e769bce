// SPDX-License-Identifier: MIT
/// \file
/// \brief `account_state`: what the pre-trade checks know about the account: positions,
/// working orders, cash, equity, gross and net exposure, the day's starting equity and
/// the high-water mark, each valued at fail-closed market prices.
///
/// Synopsis
/// \code
/// account_state acct{1'000'000.0, /*expected_symbols=*/512};
/// acct.mark_to_market(market, now, 5s);   // values held and worked symbols; records the outcome
/// acct.start_day();                       // day-start equity := equity (for the daily loss limit)
/// acct.order_accepted(o, v.reference_price);  // working quantity, marked at the gate's price
/// double pnl = acct.apply_fill(f);        // cash, position, average price; returns realised P&L
/// acct.order_finished(sym, side, unfilled);
/// acct.equity(); acct.gross_exposure(); acct.net_exposure(); acct.daily_loss(); acct.drawdown();
/// acct.worst_case_gross_exposure();      // and net_exposure_if_buys_fill(), ..._if_sells_fill()
/// acct.health(now, max_mark_age);         // ok, or why the account cannot be valued
/// std::vector<order> flatten_orders(acct, first_id, now);   // market orders closing everything
/// \endcode
///
/// Conventions. Quantities are signed (long > 0). Money is in the account currency.
/// equity = cash + sum of quantity x mark; gross exposure = sum of |quantity x mark|; net
/// exposure = sum of quantity x mark. Working orders are valued at their symbol's mark:
/// the worst-case gross exposure is the sum over symbols of the larger of |(quantity +
/// working buys) x mark| and |(quantity - working sells) x mark|, and the net exposure can
/// reach anything from the sum of (quantity - working sells) x mark (every sell fills) to
/// the sum of (quantity + working buys) x mark (every buy fills). Realised P&L uses the
/// average-cost method and is net of fees (a fee always reduces P&L), so equity = initial
/// cash + realised + unrealised at all times. daily_loss() = (day-start equity - equity) /
/// day-start equity and drawdown() = 1 - equity / high-water mark are positive fractions
/// when losing.
///
/// A fill values its symbol at the fill price at once, and an accepted order at the
/// gate's reference price; the other symbols keep their last marks until the next
/// `mark_to_market`. The account never invents a price: a symbol the market cannot price
/// (held, or with working orders) keeps its old mark and makes `health()` report
/// `price_unavailable` until a later mark succeeds, so every check that needs equity or
/// exposure rejects in the meantime.
///
/// Bad input: a fill or order that is not well formed is an `input_error` (id
/// `bulwark.risk.account`), as is starting a day on an account that is not valued. Not
/// thread-safe: one thread owns an account (see docs/risk_gate.md#threads).
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/market.hpp"
#include "bulwark/core/order.hpp"
#include "bulwark/core/side.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/core/symbol_map.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/exact_sum.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark::risk {

/// Whether the account can be valued, or why not. Values are stable.
enum class account_status : std::uint8_t {
  ok = 0,
  not_marked = 1,           ///< no mark_to_market has succeeded yet
  price_unavailable = 2,    ///< the last mark could not price a position
  stale_marks = 3,          ///< the last successful mark is older than allowed
  non_finite = 4,           ///< equity or an exposure (worst cases included) is NaN or infinite
  non_positive_equity = 5,  ///< equity <= 0, so fractions of equity mean nothing
  /// Day-start equity is not finite and > 0, so the daily loss cannot be measured
  /// (only the daily loss limit reports it).
  invalid_day_start_equity = 6,
  /// The high-water mark is not finite and > 0, so the drawdown cannot be measured
  /// (only the drawdown limit reports it).
  invalid_high_water_mark = 7,
};

[[nodiscard]] constexpr std::string_view to_string(account_status s) noexcept {
  switch (s) {
    case account_status::ok: return "ok";
    case account_status::not_marked: return "never marked to market";
    case account_status::price_unavailable: return "a position could not be priced";
    case account_status::stale_marks: return "marks are stale";
    case account_status::non_finite: return "equity or an exposure is not finite";
    case account_status::non_positive_equity: return "equity is not positive";
    case account_status::invalid_day_start_equity: return "day-start equity is not finite and > 0";
    case account_status::invalid_high_water_mark: return "the high-water mark is not finite and > 0";
  }
  return "invalid";
}

/// One symbol's position and working orders.
struct position {
  double quantity = 0.0;  ///< signed: long > 0, short < 0
  double average_price = std::numeric_limits<double>::quiet_NaN();  ///< of the open quantity
  double mark_price = std::numeric_limits<double>::quiet_NaN();     ///< latest valuation price
  double working_buy = 0.0;   ///< quantity of accepted buy orders not yet filled or finished
  double working_sell = 0.0;  ///< same for sells
  double realised_pnl = 0.0;  ///< closed P&L in this symbol, net of fees

  /// quantity x mark (0 when flat, even before any mark).
  [[nodiscard]] double market_value() const noexcept { return valued(quantity); }
  /// (quantity + working buys) x mark: the value if every working buy fills (0 when that
  /// leaves the symbol flat).
  [[nodiscard]] double value_if_buys_fill() const noexcept {
    return valued(quantity + working_buy);
  }
  /// (quantity - working sells) x mark: the value if every working sell fills.
  [[nodiscard]] double value_if_sells_fill() const noexcept {
    return valued(quantity - working_sell);
  }
  /// The larger of |value_if_buys_fill()| and |value_if_sells_fill()|: the symbol's share
  /// of the worst-case gross exposure. NaN when either is.
  [[nodiscard]] double worst_case_gross() const noexcept {
    const double buys = std::abs(value_if_buys_fill());
    const double sells = std::abs(value_if_sells_fill());
    return std::isnan(sells) ? sells : std::max(buys, sells);  // std::max keeps a NaN first
  }
  /// True when the symbol is held or has working orders, so it needs a mark.
  [[nodiscard]] bool needs_mark() const noexcept {
    return quantity != 0.0 || working_buy != 0.0 || working_sell != 0.0;
  }
  /// quantity x (mark - average price); 0 when flat.
  [[nodiscard]] double unrealised_pnl() const noexcept {
    return quantity == 0.0 ? 0.0 : quantity * (mark_price - average_price);
  }
  /// The working quantity on side `s` (>= 0).
  [[nodiscard]] double working(side s) const noexcept {
    return by_side(s, working_buy, working_sell);
  }

  friend bool operator==(const position&, const position&) = default;

 private:
  [[nodiscard]] double valued(double q) const noexcept { return q == 0.0 ? 0.0 : q * mark_price; }
};

/// A symbol without a record: nothing held, nothing working, marked at 0, so that every
/// value computed from it is 0. `check_context::record` refers to it for such a symbol.
inline constexpr position flat_position{.quantity = 0.0, .mark_price = 0.0};

class account_state {
 public:
  /// An account holding `cash` and nothing else; day-start equity and the high-water mark
  /// start at `cash`. Throws `input_error` unless cash is finite.
  explicit account_state(double cash, std::size_t expected_symbols = 256)
      : positions_(expected_symbols),
        cash_(cash),
        day_start_equity_(cash),
        high_water_mark_(cash) {
    if (!std::isfinite(cash)) throw_input_error(id, "cash {} must be finite", cash);
  }

  // ---- reading --------------------------------------------------------------------------
  [[nodiscard]] double cash() const noexcept { return cash_; }
  /// cash + net exposure, as of the last marks and fills.
  [[nodiscard]] double equity() const noexcept { return cash_ + net_; }
  /// Sum of |quantity x mark|: positions only.
  [[nodiscard]] double gross_exposure() const noexcept { return gross_; }
  /// Sum of quantity x mark: positions only.
  [[nodiscard]] double net_exposure() const noexcept { return net_; }
  /// Sum of `position::worst_case_gross()`: the gross exposure if, in every symbol, the
  /// working orders on the side that makes the position larger all fill. >= gross.
  [[nodiscard]] double worst_case_gross_exposure() const noexcept { return worst_gross_; }
  /// Sum of `position::value_if_buys_fill()`: the highest the net exposure can go.
  [[nodiscard]] double net_exposure_if_buys_fill() const noexcept { return net_if_buys_; }
  /// Sum of `position::value_if_sells_fill()`: the lowest the net exposure can go.
  [[nodiscard]] double net_exposure_if_sells_fill() const noexcept { return net_if_sells_; }
  /// Closed P&L since construction, net of fees.
  [[nodiscard]] double realised_pnl() const noexcept { return realised_; }
  /// Open P&L at the current marks: equity - initial cash - realised P&L.
  [[nodiscard]] double unrealised_pnl() const noexcept {
    double sum = 0.0;
    for (const auto& entry : positions_) sum += entry.second.unrealised_pnl();
    return sum;
  }
  [[nodiscard]] double day_start_equity() const noexcept { return day_start_equity_; }
  [[nodiscard]] double high_water_mark() const noexcept { return high_water_mark_; }
  /// (day-start equity - equity) / day-start equity: > 0 for a loss. Not finite when the
  /// day-start equity is 0 (the daily loss limit then rejects; see `daily_loss_limit`).
  [[nodiscard]] double daily_loss() const noexcept {
    return (day_start_equity_ - equity()) / day_start_equity_;
  }
  /// 1 - equity / high-water mark: >= 0, 0 at a new high.
  [[nodiscard]] double drawdown() const noexcept { return 1.0 - equity() / high_water_mark_; }

  /// The position in `sym`, or nullptr when the account never held or worked it.
  [[nodiscard]] const position* find(const symbol& sym) const noexcept {
    return positions_.find(sym);
  }
  [[nodiscard]] const symbol_map<position>& positions() const noexcept { return positions_; }

  /// The outcome of the last `mark_to_market`.
  [[nodiscard]] account_status status() const noexcept { return status_; }
  /// When the last successful `mark_to_market` ran (zero before the first).
  [[nodiscard]] timestamp marked_at() const noexcept { return marked_at_; }
  /// The first symbol the last mark could not price, and why (empty / ok when none).
  [[nodiscard]] const symbol& unpriced_symbol() const noexcept { return unpriced_symbol_; }
  [[nodiscard]] price_status unpriced_status() const noexcept { return unpriced_status_; }

  /// ok when the account can be valued at `now`: the last mark succeeded, is no older
  /// than `max_mark_age` (and not after `now`), equity is finite and > 0, and every
  /// exposure (gross, net, and their worst cases) is finite. O(1).
  [[nodiscard]] account_status health(timestamp now, duration max_mark_age) const noexcept {
    if (status_ != account_status::ok) [[unlikely]] return status_;
    if (!within_age(marked_at_, now, max_mark_age)) [[unlikely]] return account_status::stale_marks;
    // The exposures too: positions that overflow gross exposure (longs and shorts marked
    // near the largest double) can leave equity finite, and an infinite exposure passes
    // every "exposure <= limit or no worse than before" comparison.
    const double e = equity();
    if (bulwark::detail::finite_positive(e) && sums_finite_) [[likely]] return account_status::ok;
    return std::isfinite(e) && sums_finite_ ? account_status::non_positive_equity
                                            : account_status::non_finite;
  }

  // ---- writing --------------------------------------------------------------------------
  /// Values every symbol held or with working orders at `market.reference_price(sym, now,
  /// max_age)` and recomputes equity and exposures from scratch. A symbol that cannot be
  /// priced keeps its previous mark and the status becomes `price_unavailable` (the first
  /// such symbol is remembered); otherwise the status is ok, `marked_at()` becomes `now`
  /// and the high-water mark follows equity up. O(positions), no allocation.
  account_status mark_to_market(const market_snapshot& market, timestamp now, duration max_age) {
    account_status result = account_status::ok;
    unpriced_symbol_ = symbol{};
    unpriced_status_ = price_status::ok;
    for (auto [sym, p] : positions_) {
      if (!p.needs_mark()) continue;
      const price_check price = market.reference_price(sym, now, max_age);
      if (price.ok()) {
        p.mark_price = price.price;
      } else if (result == account_status::ok) {
        result = account_status::price_unavailable;
        unpriced_symbol_ = sym;
        unpriced_status_ = price.status;
      }
    }
    recompute();
    status_ = result;
    if (result == account_status::ok) {
      marked_at_ = now;
      raise_high_water_mark();
    }
    return result;
  }

  /// Day-start equity := equity, at the start of a trading day. Throws `input_error` when
  /// the account is not valued (status not ok) or its equity is not finite and > 0: a
  /// loss limit measured from a made-up or non-positive equity would be meaningless.
  void start_day() {
    if (status_ != account_status::ok) {
      throw_input_error(id, "start_day: the account is not valued ({})", to_string(status_));
    }
    const double e = equity();
    if (!(std::isfinite(e) && e > 0.0)) {
      throw_input_error(id, "start_day: equity {} must be finite and > 0", e);
    }
    day_start_equity_ = e;
  }

  /// Books `f`: cash -= sign x quantity x price + fees; the position and its average
  /// price follow (average cost; a fill that crosses zero closes the old position and
  /// opens the rest at the fill price; one within 1e-12 of the open quantity closes it
  /// exactly); the symbol is marked at the fill price; working
  /// quantity on the fill's side shrinks by the filled quantity. Returns the realised P&L
  /// of the fill net of its fees (negative for a loss). Throws `input_error` naming the
  /// field when the fill has no symbol, a quantity or price not finite and > 0, or fees
  /// not finite and >= 0. O(1) expected; allocates only for a symbol beyond the reserve.
  double apply_fill(const fill& f) {
    require_fill(f);
    position& p = positions_[f.sym];
    const book_share before{p};
    const double q0 = p.quantity;
    const double s = static_cast<double>(sign(f.side));
    double realised = -f.fees;
    if (q0 == 0.0 || (q0 > 0.0) == (s > 0.0)) {
      const double open = std::abs(q0);
      p.average_price =
          open == 0.0 ? f.price : (open * p.average_price + f.quantity * f.price) / (open + f.quantity);
      p.quantity = s * (open + f.quantity);
    } else {
      const double open = std::abs(q0);
      const double closed = std::min(open, f.quantity);
      realised += closed * (f.price - p.average_price) * (q0 > 0.0 ? 1.0 : -1.0);
      // Within 1e-12 of the open quantity closes it: a difference that small is the
      // rounding of earlier sums (0.1 + 0.2 - 0.3 is 5.6e-17), and left as a position it
      // would need a mark for good.
      if (std::abs(f.quantity - open) <= rounding * open) {
        p.quantity = 0.0;
        p.average_price = std::numeric_limits<double>::quiet_NaN();
      } else if (f.quantity > open) {  // flips: the remainder opens at the fill price
        p.quantity = s * (f.quantity - open);
        p.average_price = f.price;
      } else {
        p.quantity = q0 + s * f.quantity;
      }
    }
    p.mark_price = f.price;
    p.realised_pnl += realised;
    double& working = f.side == side::buy ? p.working_buy : p.working_sell;
    working = less_working(working, f.quantity);
    cash_ -= f.cash_flow_out();
    realised_ += realised;
    rebook(before, p);
    if (status_ == account_status::ok) raise_high_water_mark();
    return realised;
  }

  /// Adds an accepted order's quantity to its symbol's working quantity, so that position
  /// and exposure checks see the worst case, and marks the symbol at `reference_price`:
  /// the price the gate judged the order at (`verdict::reference_price`). Working orders
  /// are valued at their symbol's mark, and a symbol first traded by this order has none.
  /// The mark moves equity as any mark does, but not the high-water mark, which follows
  /// only `mark_to_market` and fills. Throws `input_error` for a malformed order or a price
  /// not finite and > 0.
  void order_accepted(const order& o, double reference_price) {
    require_well_formed(o);
    if (!bulwark::detail::finite_positive(reference_price)) {
      throw_input_error(id,
                        "order_accepted: order #{} of {}: reference price {} must be finite "
                        "and > 0",
                        o.client_id, o.sym, reference_price);
    }
    position& p = positions_[o.sym];
    const book_share before{p};
    (o.side == side::buy ? p.working_buy : p.working_sell) += o.quantity;
    p.mark_price = reference_price;
    rebook(before, p);
  }

  /// Removes the `unfilled` quantity of a cancelled, expired or rejected-downstream order
  /// from the working quantity (never below zero). What is left below 1e-12 of what was
  /// working is the rounding of earlier sums and counts as none; fractional orders of very
  /// different sizes can leave more, which `order_finished(sym, s, find(sym)->working(s))`
  /// clears once no order is left on that side. Throws `input_error` unless `unfilled` is
  /// finite and >= 0.
  void order_finished(const symbol& sym, side s, double unfilled) {
    if (!(std::isfinite(unfilled) && unfilled >= 0.0)) {
      throw_input_error(id, "order_finished: unfilled quantity {} must be finite and >= 0",
                        unfilled);
    }
    position* p = positions_.find(sym);
    if (p == nullptr) return;
    const book_share before{*p};
    double& working = s == side::buy ? p->working_buy : p->working_sell;
    working = less_working(working, unfilled);
    rebook(before, *p);
  }

 private:
  static constexpr std::string_view id = "bulwark.risk.account";
  // A quantity within this fraction of the one it came from is the rounding of earlier
  // sums, not a position or an order (apply_fill, less_working).
  static constexpr double rounding = 1e-12;

  static void require_fill(const fill& f) {
    const auto positive = [](double v) { return std::isfinite(v) && v > 0.0; };
    if (!f.sym.ok()) throw_input_error(id, "fill #{} has no symbol", f.client_id);
    if (f.side != side::buy && f.side != side::sell) {
      throw_input_error(id, "fill #{} of {}: side is neither buy nor sell", f.client_id, f.sym);
    }
    if (!positive(f.quantity)) {
      throw_input_error(id, "fill #{} of {}: quantity {} must be finite and > 0", f.client_id,
                        f.sym, f.quantity);
    }
    if (!positive(f.price)) {
      throw_input_error(id, "fill #{} of {}: price {} must be finite and > 0", f.client_id,
                        f.sym, f.price);
    }
    if (!(std::isfinite(f.fees) && f.fees >= 0.0)) {
      throw_input_error(id, "fill #{} of {}: fees {} must be finite and >= 0", f.client_id,
                        f.sym, f.fees);
    }
  }

  // One symbol's terms in the account's sums, and whether it has any (held or worked).
  struct book_share {
    double net, gross, worst_gross, if_buys, if_sells;
    bool active;
    explicit book_share(const position& p) noexcept
        : net(p.market_value()),
          gross(std::abs(net)),
          worst_gross(p.worst_case_gross()),
          if_buys(p.value_if_buys_fill()),
          if_sells(p.value_if_sells_fill()),
          active(p.needs_mark()) {}
  };

  // `working` less `removed`, never below 0 (and +inf stays +inf). A remainder below
  // 1e-12 of what was working is the rounding of earlier sums (0.1 + 0.2 - 0.1 - 0.2 is
  // 2.8e-17), not an order, and counts as none: left in place, it would keep a flat
  // symbol needing a mark.
  static double less_working(double working, double removed) noexcept {
    const double left = working - removed;
    return left >= rounding * working ? left : 0.0;
  }

  // The five sums, each in double-double, so that a large term added and later taken
  // out leaves the smaller ones exact (1.5e22 + 9e5 - 1.5e22 is 9e5, where one double
  // gives 0); the checks read them rounded to one double.
  struct exact_sums {
    bulwark::detail::exact_sum net, gross, worst_gross, if_buys, if_sells;
    void add(const book_share& s, double sign) noexcept {
      net.add(sign * s.net);
      gross.add(sign * s.gross);
      worst_gross.add(sign * s.worst_gross);
      if_buys.add(sign * s.if_buys);
      if_sells.add(sign * s.if_sells);
    }
  };

  // After one position changed from `before`: its terms in the sums change with it, in
  // O(1). The sums are counted afresh (O(symbols), rare) when one is not finite (a
  // difference of two finite terms can overflow, and an infinite term leaves NaN when it
  // goes), or when the worst-case gross has fallen below 2^-64 of its peak since the last
  // count, beyond what double-double carries exactly. With nothing held or worked they
  // are exactly 0, with no count.
  void rebook(const book_share& before, const position& p) noexcept {
    const book_share after{p};
    active_ = active_ + (after.active ? 1U : 0U) - (before.active ? 1U : 0U);
    if (active_ == 0) {
      exact_ = {};
      publish();
      peak_worst_gross_ = 0.0;
      return;
    }
    exact_.add(after, 1.0);
    exact_.add(before, -1.0);
    publish();
    peak_worst_gross_ = std::max(peak_worst_gross_, worst_gross_);
    if (!(peak_worst_gross_ <= 0x1p64 * worst_gross_) || !sums_finite_) recompute();
  }

  void recompute() noexcept {
    exact_ = {};
    active_ = 0;
    for (const auto& entry : positions_) {
      const book_share s{entry.second};
      exact_.add(s, 1.0);
      active_ += s.active ? 1U : 0U;
    }
    publish();
    peak_worst_gross_ = worst_gross_;
  }

  // The sums rounded, for the readers and the checks. A sum that overflowed reads as the
  // infinity it reached, not as the NaN that double-double's correction term makes of it.
  void publish() noexcept {
    const auto rounded = [](const bulwark::detail::exact_sum& e) {
      return std::isinf(e.hi) ? e.hi : e.value();
    };
    net_ = rounded(exact_.net);
    gross_ = rounded(exact_.gross);
    worst_gross_ = rounded(exact_.worst_gross);
    net_if_buys_ = rounded(exact_.if_buys);
    net_if_sells_ = rounded(exact_.if_sells);
    sums_finite_ = all_sums_finite();
  }

  [[nodiscard]] bool all_sums_finite() const noexcept {
    constexpr double max = std::numeric_limits<double>::max();
    return std::abs(net_) <= max && gross_ <= max && worst_gross_ <= max &&
           std::abs(net_if_buys_) <= max && std::abs(net_if_sells_) <= max;
  }

  void raise_high_water_mark() noexcept {
    const double e = equity();
    if (std::isfinite(e) && e > high_water_mark_) high_water_mark_ = e;
  }

  symbol_map<position> positions_;
  double cash_;
  double net_ = 0.0;
  double gross_ = 0.0;
  double worst_gross_ = 0.0;
  double net_if_buys_ = 0.0;
  double net_if_sells_ = 0.0;
  exact_sums exact_;               // the five sums above, unrounded
  double peak_worst_gross_ = 0.0;  // the largest worst_gross_ since the last count
  std::size_t active_ = 0;         // symbols held or with working orders
  bool sums_finite_ = true;        // all five sums above; read by health() for the checks
  double realised_ = 0.0;
  double day_start_equity_;
  double high_water_mark_;
  account_status status_ = account_status::not_marked;
  timestamp marked_at_{};
  symbol unpriced_symbol_{};
  price_status unpriced_status_ = price_status::ok;
};

/// Market orders that bring every position back to flat, net of the working orders that
/// already close it, sorted by symbol; client ids count up from `first_id`. For
/// liquidation after a drawdown breach (see `drawdown_limit::liquidate`). These orders
/// still go through the gate: in REDUCING they pass the state check because they reduce.
[[nodiscard]] inline std::vector<order> flatten_orders(const account_state& account,
                                                       order_id first_id, timestamp created) {
  std::vector<order> orders;
  for (const auto& [sym, p] : account.positions()) {
    if (p.quantity == 0.0) continue;
    const side s = p.quantity > 0.0 ? side::sell : side::buy;
    const double quantity = std::abs(p.quantity) - p.working(s);
    if (quantity <= 0.0) continue;
    orders.push_back({.sym = sym, .side = s, .type = order_type::market, .quantity = quantity,
                      .created = created});
  }
  std::sort(orders.begin(), orders.end(),
            [](const order& a, const order& b) { return a.sym < b.sym; });
  for (order& o : orders) o.client_id = first_id++;
  return orders;
}

}  // namespace bulwark::risk

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::risk::account_status)

/// Formats as `100 @ avg 150 mark 151 (working buy 0 sell 50, realised -1)`.
template <>
struct fmt::formatter<bulwark::risk::position> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::position& p, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} @ avg {} mark {} (working buy {} sell {}, realised {})",
                          p.quantity, p.average_price, p.mark_price, p.working_buy,
                          p.working_sell, p.realised_pnl);
  }
};

/// Formats as `equity 1000000 cash 850000 gross 150000 net 150000 (ok)`.
template <>
struct fmt::formatter<bulwark::risk::account_state> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::account_state& a, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "equity {} cash {} gross {} net {} ({})", a.equity(),
                          a.cash(), a.gross_exposure(), a.net_exposure(), a.status());
  }
};
