// SPDX-License-Identifier: MIT
/// \file
/// \brief `sizer<Rules...>`: target weights to orders at live prices. The composer of the
/// `SizingRule` pipeline: it prices every symbol through the market snapshot (failing closed),
/// folds the rules over it, and reports every order, every rejection with its reason, and
/// the target after each rule.
///
/// Synopsis
/// \code
/// sizer s{5s, target_fraction_of_equity{}, fractional_kelly{.multiplier = 0.5},
///         lot_size{.lot = 1}, min_order{.notional = 500}};
/// auto result = s.size({.targets = book, .equity = 1e6, .positions = held,
///                       .market = market, .now = now, .first_client_id = 1});
/// result.orders;        // std::vector<order>: market orders, quantity > 0, side = direction
/// result.rejections;    // symbol, reason (and price_status), the rule that rejected
/// result.lines;         // per symbol: weight, price, position, target after each rule, trade
/// s.size(request, result);   // the same into a reused result: no allocation after reserve
/// \endcode
///
/// Per symbol, in order (the first failure rejects the symbol; nothing is ordered for it):
///  1. the symbol must be non-empty and listed once in the request (a duplicated symbol is
///     rejected everywhere it appears: which weight was meant is unknowable);
///  2. the weight must be finite, equity finite and > 0, the current position (from
///     `positions`; absent = flat) finite;
///  3. the price is `market.reference_price(sym, now, max_price_age)`: a missing, non-finite,
///     non-positive, crossed, stale or future-stamped price rejects the symbol with the
///     snapshot's `price_status` — sizing never uses a price it would not trade at;
///  4. the rules run in order on a `sizing_proposal` (target = current to start); the first
///     must set the target from the weight, the others adjust it, in the order of their
///     `rule_kind` (scaling, then lot rounding, then checks; enforced at compile time); a
///     rule that returns a reason rejects the symbol;
///  5. a non-finite target (overflow) is rejected; a zero trade is no order and no
///     rejection; any other trade becomes one market order for |trade| units, buy when > 0.
/// Symbols not in the request are not touched: to close a position, give it weight 0.
/// Closing also needs a usable price: a sizer that cannot price a symbol does not trade it.
///
/// Complexity O(n) in the number of targets. `size(request, result)` is `noexcept` and does
/// not allocate once `result.reserve(n)` has been called for n >= the number of targets.
/// Configuration errors (a `max_price_age` outside (0, 1e8 s], a rule out of range) are `config_error`s
/// thrown by the constructor (ids `bulwark.sizing.sizer`, and the rules' own).
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/market.hpp"
#include "bulwark/core/order.hpp"
#include "bulwark/core/quote.hpp"
#include "bulwark/core/symbol_map.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/sizing/rule.hpp"
#include "bulwark/sizing/target_weight.hpp"

namespace bulwark::sizing {

/// What to size: the book, the account and the market, at one instant. An aggregate with
/// reference members, so `.positions` and `.market` cannot be forgotten; an omitted
/// `.equity` (NaN) or `.now` (the epoch, before every price) fails closed.
struct sizing_request {
  std::span<const target_weight> targets;
  double equity = std::numeric_limits<double>::quiet_NaN();  ///< account equity, currency
  const symbol_map<double>& positions;  ///< signed units held; absent = flat
  const market_snapshot& market;
  timestamp now{};                      ///< prices older than now - max_price_age are stale
  order_id first_client_id = 0;         ///< ids of the orders are consecutive from this
};

/// A symbol that got no order, and why.
struct sizing_rejection {
  symbol sym;
  sizing_reason reason = sizing_reason::ok;
  price_status price = price_status::ok;  ///< the snapshot's reason for `price_unavailable`
  std::string_view rule;                  ///< the rule that rejected, or "sizer"
  double weight = std::numeric_limits<double>::quiet_NaN();
};

/// One symbol's way through a sizer of `Steps` rules: the per-step breakdown.
template <std::size_t Steps>
struct sizing_line {
  symbol sym;
  double weight = std::numeric_limits<double>::quiet_NaN();
  double price = std::numeric_limits<double>::quiet_NaN();    ///< NaN when not priced
  double current = std::numeric_limits<double>::quiet_NaN();  ///< NaN when not read
  std::array<double, Steps> targets{};  ///< the target after each rule; NaN when not reached
  double trade = 0.0;                   ///< signed order quantity; 0 = no order
  sizing_reason reason = sizing_reason::ok;
  price_status price_reason = price_status::ok;  ///< the snapshot's status of the price
  std::string_view rule;  ///< the rule that rejected, or "sizer"; empty when not rejected
};

template <class... Rules>
class sizer;

/// The output of a sizer with `Steps` rules. Reuse one across calls: `size(request, result)`
/// clears it and, after `reserve(n)`, refills it without allocating.
template <std::size_t Steps>
class sizing_result {
 public:
  std::vector<order> orders;
  std::vector<sizing_rejection> rejections;
  std::vector<sizing_line<Steps>> lines;
  std::array<std::string_view, Steps> rule_names{};

  /// Room for a request of `symbols` targets.
  void reserve(std::size_t symbols) {
    orders.reserve(symbols);
    rejections.reserve(symbols);
    lines.reserve(symbols);
    seen_.reserve(symbols);
  }

 private:
  template <class... Rules>
  friend class sizer;
  symbol_map<std::uint32_t> seen_;  // occurrences of each symbol in the request
};

namespace detail {

inline constexpr std::string_view sizer_id = "bulwark.sizing.sizer";

template <class... Rules>
struct rule_layout {
  static constexpr std::array<rule_kind, sizeof...(Rules)> kinds{rule_kind_of<Rules>...};
  // Exactly one targeting rule, first.
  static constexpr bool one_target_first = [] {
    if (kinds.empty() || kinds[0] != rule_kind::target) return false;
    for (std::size_t i = 1; i < kinds.size(); ++i) {
      if (kinds[i] == rule_kind::target) return false;
    }
    return true;
  }();
  // Kinds never decrease: scaling, then rounding, then checks.
  static constexpr bool ordered = [] {
    for (std::size_t i = 1; i < kinds.size(); ++i) {
      if (kinds[i] < kinds[i - 1]) return false;
    }
    return true;
  }();
  // A declared kind agrees with sets_target.
  static constexpr bool consistent =
      ((Rules::sets_target == (rule_kind_of<Rules> == rule_kind::target)) && ...);
};

}  // namespace detail

template <class... Rules>
class sizer {
  static_assert((SizingRule<Rules> && ...),
                "a sizer rule does not model bulwark::sizing::SizingRule "
                "(see docs/sizing.md#the-sizingrule-concept)");
  static_assert(detail::rule_layout<Rules...>::consistent,
                "a sizing rule's kind disagrees with its sets_target (sets_target is true "
                "exactly for rule_kind::target)");
  static_assert(detail::rule_layout<Rules...>::one_target_first,
                "bulwark::sizing::sizer needs exactly one targeting rule (sets_target = true: "
                "target_fraction_of_equity, fixed_fractional_risk, volatility_target), and it "
                "must come first (see docs/sizing.md#sizer)");
  static_assert(detail::rule_layout<Rules...>::ordered,
                "bulwark::sizing::sizer rules out of order: the targeting rule, then rules "
                "that scale the target (fractional_kelly, drawdown_constrained_kelly, "
                "cash_buffer, notional_cap), then lot_size, then checks of the trade "
                "(min_order, cost_trim) (see docs/sizing.md#sizer)");

 public:
  static constexpr std::size_t steps = sizeof...(Rules);
  using result_type = sizing_result<steps>;

  /// Throws `config_error` when `max_price_age` is outside (0, 1e8 s] (zero would reject
  /// every price; `duration::max()` would disable the staleness check) or a rule's
  /// `validate()` fails.
  explicit sizer(duration max_price_age, Rules... rules)
      : max_price_age_(max_price_age), rules_(std::move(rules)...) {
    bulwark::detail::require_duration(max_price_age, detail::sizer_id, "sizer: max_price_age");
    std::apply([](const Rules&... r) { (r.validate(), ...); }, rules_);
  }

  /// The rules' names, in order.
  static constexpr std::array<std::string_view, steps> rule_names{Rules::name...};

  [[nodiscard]] duration max_price_age() const noexcept { return max_price_age_; }
  [[nodiscard]] const std::tuple<Rules...>& rules() const noexcept { return rules_; }

  /// Sizes `request` into `out` (cleared first). See the file comment for the steps.
  void size(const sizing_request& request, result_type& out) const noexcept {
    out.orders.clear();
    out.rejections.clear();
    out.lines.clear();
    out.rule_names = rule_names;
    out.seen_.clear();
    for (const target_weight& t : request.targets) {
      if (t.sym.ok()) ++out.seen_[t.sym];
    }
    const bool equity_ok = std::isfinite(request.equity) && request.equity > 0.0;
    order_id next_id = request.first_client_id;
    for (const target_weight& t : request.targets) {
      sizing_line<steps>& line = out.lines.emplace_back();
      line.sym = t.sym;
      line.weight = t.weight;
      line.targets.fill(std::numeric_limits<double>::quiet_NaN());
      const std::uint32_t* occurrences = out.seen_.find(t.sym);
      size_one(request, t, equity_ok, occurrences != nullptr ? *occurrences : 0, line);
      if (line.reason != sizing_reason::ok) {
        out.rejections.push_back({line.sym, line.reason, line.price_reason, line.rule, t.weight});
      } else if (line.trade != 0.0) {
        out.orders.push_back(order{.client_id = next_id++,
                                   .sym = line.sym,
                                   .side = line.trade > 0.0 ? side::buy : side::sell,
                                   .type = order_type::market,
                                   .quantity = std::abs(line.trade),
                                   .tif = time_in_force::day,
                                   .created = request.now});
      }
    }
  }

  /// Sizes `request` into a new result.
  [[nodiscard]] result_type size(const sizing_request& request) const {
    result_type out;
    out.reserve(request.targets.size());
    size(request, out);
    return out;
  }

 private:
  static constexpr std::string_view self = "sizer";

  void size_one(const sizing_request& request, const target_weight& t, bool equity_ok,
                std::uint32_t occurrences, sizing_line<steps>& line) const noexcept {
    const auto reject = [&line](sizing_reason r, std::string_view by) {
      line.reason = r;
      line.rule = by;
    };
    if (!t.sym.ok()) return reject(sizing_reason::no_symbol, self);
    if (occurrences > 1) return reject(sizing_reason::duplicate_symbol, self);
    if (!std::isfinite(t.weight)) return reject(sizing_reason::bad_weight, self);
    if (!equity_ok) return reject(sizing_reason::bad_equity, self);
    const double* held = request.positions.find(t.sym);
    line.current = held != nullptr ? *held : 0.0;
    if (!std::isfinite(line.current)) return reject(sizing_reason::bad_position, self);
    const price_check price = request.market.reference_price(t.sym, request.now, max_price_age_);
    line.price_reason = price.status;
    if (!price.ok()) return reject(sizing_reason::price_unavailable, self);
    line.price = price.price;
    // The price is the quote's mid exactly when the quote is ok() and was observed at the
    // price's time: a fresh, usable quote is always preferred to the last trade.
    const market_data* data = request.market.find(t.sym);
    quote live{.bid = data->bid, .ask = data->ask, .time = data->quote_time};
    if (!(live.ok() && data->quote_time == price.time)) live = quote{};

    sizing_proposal proposal{t.sym,         t.weight,    price.price, request.equity,
                             line.current,  request.now, live};
    run(proposal, line, std::index_sequence_for<Rules...>{});
    if (line.reason != sizing_reason::ok) return;
    if (!std::isfinite(proposal.target()) || !std::isfinite(proposal.trade())) {
      return reject(sizing_reason::non_finite_target, self);
    }
    line.trade = proposal.trade();
  }

  template <std::size_t... I>
  void run(sizing_proposal& proposal, sizing_line<steps>& line,
           std::index_sequence<I...>) const noexcept {
    // && stops the fold at the first rule that rejects.
    static_cast<void>((step<I>(proposal, line) && ...));
  }

  template <std::size_t I>
  bool step(sizing_proposal& proposal, sizing_line<steps>& line) const noexcept {
    const sizing_reason r = std::get<I>(rules_).apply(proposal);
    line.targets[I] = proposal.target();
    if (r == sizing_reason::ok) return true;
    line.reason = r;
    line.rule = rule_names[I];
    return false;
  }

  duration max_price_age_;
  std::tuple<Rules...> rules_;
};

template <class... Rules>
sizer(duration, Rules...) -> sizer<Rules...>;

}  // namespace bulwark::sizing

/// Formats as `MSFT: no usable price (stale price)` or
/// `XYZ: trade below the minimum notional [min_order]`.
template <>
struct fmt::formatter<bulwark::sizing::sizing_rejection> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::sizing_rejection& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    if (r.reason == bulwark::sizing::sizing_reason::price_unavailable) {
      return fmt::format_to(ctx.out(), "{}: {} ({})", r.sym, r.reason, r.price);
    }
    return fmt::format_to(ctx.out(), "{}: {} [{}]", r.sym, r.reason, r.rule);
  }
};

/// Formats as `AAPL w 0.05 @ 190 held 0: 263.16 > 131.58 > 131 => buy 131`, or with
/// `=> rejected: <reason>` at the end.
template <std::size_t Steps>
struct fmt::formatter<bulwark::sizing::sizing_line<Steps>> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::sizing_line<Steps>& l, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "{} w {:.6g} @ {} held {}:", l.sym, l.weight, l.price,
                              l.current);
    for (std::size_t i = 0; i < Steps && !std::isnan(l.targets[i]); ++i) {
      out = fmt::format_to(out, "{}{:.6g}", i == 0 ? " " : " > ", l.targets[i]);
    }
    if (l.reason == bulwark::sizing::sizing_reason::price_unavailable) {
      return fmt::format_to(out, " => rejected: {} ({})", l.reason, l.price_reason);
    }
    if (l.reason != bulwark::sizing::sizing_reason::ok) {
      return fmt::format_to(out, " => rejected: {} [{}]", l.reason, l.rule);
    }
    if (l.trade == 0.0) return fmt::format_to(out, " => no trade");
    return fmt::format_to(out, " => {} {}", l.trade > 0.0 ? "buy" : "sell", std::abs(l.trade));
  }
};

/// Formats the rule names, then one line per symbol.
template <std::size_t Steps>
struct fmt::formatter<bulwark::sizing::sizing_result<Steps>> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::sizing_result<Steps>& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "rules:");
    for (std::size_t i = 0; i < Steps; ++i) {
      out = fmt::format_to(out, "{}{}", i == 0 ? " " : " > ", r.rule_names[i]);
    }
    out = fmt::format_to(out, "\n{} orders, {} rejections", r.orders.size(), r.rejections.size());
    for (const auto& line : r.lines) out = fmt::format_to(out, "\n  {}", line);
    return out;
  }
};
