// SPDX-License-Identifier: MIT
/// \file
/// \brief `cost_model<Parts...>`: the composer. Folds a fill context over its components
/// and gives the total, a per-component breakdown, the fill price, the cost of a round
/// trip, and fees settled over orders and days.
///
/// Synopsis
/// \code
/// cost_model model{per_share_commission{}, sec_fee{}, finra_taf{}, half_spread{},
///                  square_root_impact{}};              // validates every part: config_error
/// model.require_inputs(fill_input::quote | fill_input::adv | ...);  // config_error if a part needs more
/// double q = model.fill_quantity(ctx);                // the units the parts' caps let fill
/// double c = model.cost(ctx);                         // total, >= 0; input_error on a bad ctx
/// model.cost(fill_columns{...}, totals);              // every row's cost(row), in vector registers
/// std::optional<double> e = model.try_cost(ctx);      // noexcept; nullopt on a bad ctx
/// cost_breakdown<5> b = model.breakdown(ctx);          // b[i], b.total(), b.fees(), b.slippage()
/// double p = model.fill_price(ctx);                    // reference +- slippage per unit
/// round_trip_cost<5> r = model.round_trip(entry, exit); // r.entry, r.exit, r.carry, r.total()
/// decltype(model)::accrual order_totals, day_totals;
/// cost_breakdown<5> f = model.charge(ctx, order_totals, day_totals);  // per-order/per-day settling
/// \endcode
///
/// Every public function checks the context first (`problem_of`), then that it has each
/// input a part needs (`needs()`), then each part's own `check`, and fails with an error
/// naming the value or the part: a cost is never computed from an input that is not there.
/// A fill of zero units costs zero. Totals are summed in part order, so `cost(ctx)`
/// equals `breakdown(ctx).total()` exactly. The checked path allocates nothing unless it
/// throws; `try_cost` never throws and never allocates: the expected cost of a
/// prospective order, for cost-aware sizing.
///
/// Errors: `input_error` with id `bulwark.cost.fill_context` (a bad or incomplete context)
/// or `bulwark.cost.model` (a part cannot price the fill, a malformed round trip);
/// `config_error` from a part's `validate()`, or id `bulwark.cost.model` from
/// `require_inputs`.
#pragma once

#include <algorithm>
#include <array>
#include <concepts>
#include <cmath>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/side.hpp"
#include "bulwark/cost/component.hpp"
#include "bulwark/cost/fill_columns.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/detail/lanes.hpp"

namespace bulwark::cost {

/// A component a `cost_model` can hold: charged on a fill, or accrued while holding.
template <class P>
concept CostPart = CostComponent<P> || CarryComponent<P>;

/// The cost of each part for one fill (or one leg), in part order, with the parts' names
/// and kinds. Money in the account currency, each >= 0.
template <std::size_t N>
struct cost_breakdown {
  std::array<double, N> amount{};
  std::array<std::string_view, N> name{};
  std::array<cost_kind, N> kind{};

  [[nodiscard]] static constexpr std::size_t size() noexcept { return N; }
  [[nodiscard]] double operator[](std::size_t i) const {
    BULWARK_EXPECTS(i < N);
    return amount[i];
  }
  /// The sum of every part, in part order.
  [[nodiscard]] double total() const noexcept { return sum_if([](cost_kind) { return true; }); }
  /// The explicit fees (what goes into `fill::fees`).
  [[nodiscard]] double fees() const noexcept { return of_kind(cost_kind::fee); }
  /// What is paid through the fill price (spread, slippage, impact).
  [[nodiscard]] double slippage() const noexcept { return of_kind(cost_kind::slippage); }
  /// What accrues while holding.
  [[nodiscard]] double carry() const noexcept { return of_kind(cost_kind::carry); }
  [[nodiscard]] double of_kind(cost_kind k) const noexcept {
    return sum_if([k](cost_kind x) { return x == k; });
  }

 private:
  template <class F>
  double sum_if(F wanted) const noexcept {
    double s = 0.0;
    for (std::size_t i = 0; i < N; ++i) {
      if (wanted(kind[i])) s += amount[i];
    }
    return s;
  }
};

/// The cost of opening a position and closing it again: each leg's breakdown, and what
/// accrued while it was held.
template <std::size_t N>
struct round_trip_cost {
  cost_breakdown<N> entry;
  cost_breakdown<N> exit;
  cost_breakdown<N> carry;  ///< only carry parts are non-zero

  [[nodiscard]] double total() const noexcept { return entry.total() + exit.total() + carry.total(); }
};

/// The running totals of one group of fills (one order, or one trading day), for parts
/// settled over a group (`SettledComponent` with `basis` per_order or per_day). Start
/// from a value-initialised accrual; `reset()` when the group ends (a new order, a new
/// trading day: only the caller knows the exchange's trading day).
template <std::size_t N>
struct fee_accrual {
  double notional = 0.0;          ///< value of the group's fills so far
  std::array<double, N> accrued{};  ///< per part: exact amounts accrued
  std::array<double, N> charged{};  ///< per part: amounts charged so far

  void reset() noexcept { *this = fee_accrual{}; }
};

/// Where a context fails: the problem, the part (or `context` for the context itself),
/// and for `missing_input` the first missing input.
struct pricing_problem {
  static constexpr std::size_t context = static_cast<std::size_t>(-1);

  fill_problem what = fill_problem::none;
  std::size_t part = context;
  fill_input missing = fill_input::quote;

  [[nodiscard]] constexpr bool ok() const noexcept { return what == fill_problem::none; }
};

template <class... Parts>
class cost_model {
  static_assert((CostPart<Parts> && ...),
                "bulwark::cost::cost_model: every part must model bulwark::cost::CostComponent "
                "(static name and kind, needs(), validate(), cost(ctx) noexcept -> double) or "
                "bulwark::cost::CarryComponent; see docs/cost.md#costcomponent");

 public:
  static constexpr std::size_t size = sizeof...(Parts);
  using breakdown_type = cost_breakdown<size>;
  using round_trip_type = round_trip_cost<size>;
  using accrual = fee_accrual<size>;

  /// Holds the parts, after checking each one's configuration (`validate()`, which throws
  /// `config_error`).
  explicit cost_model(Parts... parts) : parts_(std::move(parts)...) {
    std::apply([](const auto&... p) { (p.validate(), ...); }, parts_);
    needs_ = std::apply([](const auto&... p) { return (fill_inputs{} | ... | p.needs()); }, parts_);
  }

  /// The union of the parts' `needs()`.
  [[nodiscard]] fill_inputs needs() const noexcept { return needs_; }

  /// Checks, at configuration time, that fill data providing `available` is enough for
  /// every part. Throws `config_error` (id `bulwark.cost.model`) naming the first part
  /// that needs more and what it needs.
  void require_inputs(fill_inputs available) const {
    if (const auto m = first_missing(available)) {
      throw_config_error("bulwark.cost.model",
                         "part {} ({}) needs {}, which the fill data does not provide "
                         "(it provides {})",
                         m->part, names_[m->part], m->inputs, available);
    }
  }

  /// The first reason the model cannot price `ctx`, or an ok() problem. Never throws.
  [[nodiscard]] pricing_problem problem(const fill_context& ctx) const noexcept {
    if (const fill_problem p = problem_of(ctx); p != fill_problem::none) return {p};
    pricing_problem found;
    const fill_inputs available = ctx.available();
    for_each_part([&](std::size_t i, const auto& p) {
      if (found.ok()) found = part_problem(p, i, ctx, available);
    });
    return found;
  }

  /// True when `problem(ctx)` is ok: the same checks, reduced to one flag on the hot path.
  [[nodiscard]] bool can_price(const fill_context& ctx) const noexcept {
    if (problem_of(ctx) != fill_problem::none || !ctx.available().contains(needs_)) return false;
    return std::apply([&](const auto&... p) { return (part_can_price(p, ctx) && ...); }, parts_);
  }

  /// The units of `ctx.quantity` the model can price: the smallest of the caps of the
  /// parts that cap a fill (`volume_share_slippage`, `square_root_impact`, and those
  /// wrapped in `volatility_scaled`), ctx.quantity when none does. A fill above a cap is
  /// refused (`fill_problem::over_participation`), never priced at the capped share; as
  /// in zipline, fill and price this many units:
  /// `ctx.quantity = model.fill_quantity(ctx); model.cost(ctx);`.
  /// Throws `input_error` for a bad context or one without an input a part needs.
  [[nodiscard]] double fill_quantity(const fill_context& ctx) const {
    if (problem_of(ctx) != fill_problem::none || !ctx.available().contains(needs_)) {
      throw_problem(problem(ctx), ctx);
    }
    double q = ctx.quantity;
    std::apply([&](const auto&... p) { ((q = capped_by(p, ctx, q)), ...); }, parts_);
    return q;
  }

  /// The total cost of the fill, >= 0. Throws `input_error` when `problem(ctx)` is not ok.
  /// Also throws (id `bulwark.cost.model`) when the total is not finite: a context whose
  /// every value is finite can still overflow a part (e.g. a huge rate x a huge notional).
  [[nodiscard]] double cost(const fill_context& ctx) const {
    require_priceable(ctx);
    const double total = total_of(ctx);
    if (!(total < HUGE_VAL)) [[unlikely]] throw_not_finite(total, ctx);
    return total;
  }

  /// The total cost of every fill of `fills`: total[i] is `cost(fills.row(i))`, bit for
  /// bit. Rows are priced in blocks of `column_block` with each part's `add_costs` where it
  /// has one (the vectorised path), through `cost` row by row where it has not, and row by
  /// row for a block where a check fails, so that the error is `cost`'s for the first row
  /// that cannot be priced, prefixed with `fill row i: `. Throws `input_error` (id
  /// `bulwark.cost.fill_columns`) for columns of the wrong length or `total.size() !=
  /// fills.rows()`, and (id `bulwark.cost.fill_context`) when the columns lack an input a
  /// part needs, both before any row is read. Allocates nothing unless it throws; on a
  /// throw, `total` holds the totals of the rows before the block of the bad row, the rest
  /// unspecified. `total` must not overlap a column.
  void cost(const fill_columns& fills, std::span<double> total) const {
    fills.require_shape();
    if (total.size() != fills.rows()) {
      throw_input_error("bulwark.cost.fill_columns", "{} totals for {} rows of fills",
                        total.size(), fills.rows());
    }
    if (const auto m = first_missing(fills.available())) {
      throw_input_error(detail::fill_context_id, "fill columns have no {}, which part {} ({}) needs",
                        m->inputs.first(), m->part, names_[m->part]);
    }
    for (std::size_t first = 0; first < fills.rows(); first += column_block) {
      const std::size_t count = std::min(column_block, fills.rows() - first);
      double* const block = total.data() + first;
      if (!price_block(fills, first, count, block)) [[unlikely]] price_rows(fills, first, count, block);
    }
  }

  /// Rows per block of `cost(fills, total)`: a block's columns and totals (8 x 2 kB) stay
  /// in L1 from the check to the last part.
  static constexpr std::size_t column_block = 256;

  /// The total cost, or nullopt when the model cannot price `ctx` (see `problem`) or the
  /// total is not finite. Never throws, never allocates: for the expected cost of a
  /// prospective order.
  [[nodiscard]] std::optional<double> try_cost(const fill_context& ctx) const noexcept {
    if (!can_price(ctx)) return std::nullopt;
    const double total = total_of(ctx);
    if (!(total < HUGE_VAL)) [[unlikely]] return std::nullopt;
    return total;
  }

  /// The cost of each part, the fill taken alone (its own order and day). Throws as
  /// `cost` does, a total that is not finite included.
  [[nodiscard]] breakdown_type breakdown(const fill_context& ctx) const {
    require_priceable(ctx);
    breakdown_type b = labelled();
    if (ctx.quantity == 0.0) return b;
    for_each_part([&](std::size_t i, const auto& p) { b.amount[i] = fill_cost_of(p, ctx); });
    if (const double total = b.total(); !(total < HUGE_VAL)) [[unlikely]] throw_not_finite(total, ctx);
    return b;
  }

  /// The price the fill executes at: the reference price moved against the trader by the
  /// slippage parts, reference + sign(side) x slippage / quantity (the reference for a
  /// fill of zero units). A buy fills at or above the reference, a sell at or below.
  [[nodiscard]] double fill_price(const fill_context& ctx) const {
    const double slippage = breakdown(ctx).slippage();
    if (ctx.quantity == 0.0) return ctx.price;
    return ctx.price + static_cast<double>(sign(ctx.side)) * (slippage / ctx.quantity);
  }

  /// The cost of each part when fills are settled in groups: a part settled per order
  /// (per day) charges what the group's total rises by with this fill,
  /// settle(accrued + accrue(ctx), notional + ctx.notional()) - charged, and updates
  /// `order` (`day`); the others charge as `breakdown`. Over a group's fills the charges
  /// sum to what the group pays as a whole (e.g. one rounding to the cent, one minimum).
  [[nodiscard]] breakdown_type charge(const fill_context& ctx, accrual& order_totals,
                                      accrual& day_totals) const {
    require_priceable(ctx);
    breakdown_type b = labelled();
    if (ctx.quantity == 0.0) return b;
    const double notional = ctx.notional();
    // Updated on copies, committed once the charge is known to be finite: a fill that
    // throws leaves the running totals as they were.
    accrual order = order_totals;
    accrual day = day_totals;
    for_each_part([&](std::size_t i, const auto& p) {
      using P = std::remove_cvref_t<decltype(p)>;
      if constexpr (SettledComponent<P>) {
        if (p.basis != fee_basis::per_fill) {
          accrual& group = p.basis == fee_basis::per_order ? order : day;
          group.accrued[i] += p.accrue(ctx);
          const double owed = p.settle(group.accrued[i], group.notional + notional);
          b.amount[i] = owed > group.charged[i] ? owed - group.charged[i] : 0.0;
          group.charged[i] += b.amount[i];
          return;
        }
      }
      b.amount[i] = fill_cost_of(p, ctx);
    });
    if (const double total = b.total(); !(total < HUGE_VAL)) [[unlikely]] throw_not_finite(total, ctx);
    order.notional += notional;
    day.notional += notional;
    order_totals = order;
    day_totals = day;
    return b;
  }

  /// The cost of opening with `entry` and closing with `exit`: both legs, and the carry
  /// accrued in between. Throws `input_error` (id `bulwark.cost.model`) unless exit is on
  /// the opposite side, for the same quantity, not before entry.
  [[nodiscard]] round_trip_type round_trip(const fill_context& entry, const fill_context& exit) const {
    round_trip_type r{breakdown(entry), breakdown(exit), labelled()};
    constexpr auto id = "bulwark.cost.model";
    if (exit.side != opposite(entry.side)) {
      throw_input_error(id, "round trip: exit side {} does not close entry side {}", exit.side, entry.side);
    }
    if (exit.quantity != entry.quantity) {
      throw_input_error(id, "round trip: exit quantity {} differs from entry quantity {}",
                        exit.quantity, entry.quantity);
    }
    if (exit.time < entry.time) {
      throw_input_error(id, "round trip: exit at {} precedes entry at {}", iso8601(exit.time),
                        iso8601(entry.time));
    }
    for_each_part([&](std::size_t i, const auto& p) {
      using P = std::remove_cvref_t<decltype(p)>;
      if constexpr (CarryComponent<P>) {
        if constexpr (requires { p.check_carry(entry, exit); }) {
          if (const fill_problem c = p.check_carry(entry, exit); c != fill_problem::none) {
            throw_input_error(id, "round trip: part {} ({}) cannot price the holding period {} .. {}: {}",
                              i, names_[i], iso8601(entry.time), iso8601(exit.time), to_string(c));
          }
        }
        r.carry.amount[i] = p.carry_cost(entry, exit);
      }
    });
    return r;
  }

  /// The round trip that closes `entry` at once, in the same market: the exit is `entry`
  /// on the opposite side (no holding period, so no carry).
  [[nodiscard]] round_trip_type round_trip(const fill_context& entry) const {
    fill_context exit = entry;
    exit.side = opposite(entry.side);
    return round_trip(entry, exit);
  }

  /// Throws the error `problem(ctx)` describes, if any.
  void require_priceable(const fill_context& ctx) const {
    if (!can_price(ctx)) [[unlikely]] throw_problem(problem(ctx), ctx);
  }

  [[nodiscard]] const std::tuple<Parts...>& parts() const noexcept { return parts_; }
  template <std::size_t I>
  [[nodiscard]] const auto& part() const noexcept {
    return std::get<I>(parts_);
  }
  [[nodiscard]] static constexpr std::string_view part_name(std::size_t i) {
    BULWARK_EXPECTS(i < size);
    return names_[i];
  }

 private:
  static constexpr std::array<std::string_view, size> names_{std::string_view(Parts::name)...};
  static constexpr std::array<cost_kind, size> kinds_{static_cast<cost_kind>(Parts::kind)...};

  static breakdown_type labelled() noexcept { return {{}, names_, kinds_}; }

  template <class P>
  static double fill_cost_of(const P& p, const fill_context& ctx) noexcept {
    if constexpr (CostComponent<P>) {
      return p.cost(ctx);
    } else {
      return 0.0;  // a carry part costs nothing on a fill: nothing has been held yet
    }
  }

  template <class P>
  static double capped_by(const P& p, const fill_context& ctx, double q) {
    if constexpr (requires { p.fill_quantity(ctx); }) {
      const double cap = p.fill_quantity(ctx);
      return cap < q ? cap : q;
    }
    return q;
  }

  template <class P>
  static pricing_problem part_problem(const P& p, std::size_t i, const fill_context& ctx,
                                      fill_inputs available) noexcept {
    if (const fill_inputs missing = p.needs().missing_from(available); !missing.empty()) {
      return {fill_problem::missing_input, i, missing.first()};
    }
    if constexpr (requires { p.check(ctx); }) {
      if (const fill_problem c = p.check(ctx); c != fill_problem::none) return {c, i};
    }
    return {};
  }

  template <class P>
  static bool part_can_price(const P& p, const fill_context& ctx) noexcept {
    if constexpr (requires { p.check(ctx); }) return p.check(ctx) == fill_problem::none;
    return true;
  }

  // Inlined into the caller even past g++ -O2's size limits: in the caller's loop the
  // parts' configuration is then loaded once, not once per fill (1.5x faster for five
  // parts). The context's check stays a call: inlining it too costs registers.
  BULWARK_DETAIL_ALWAYS_INLINE inline double total_of(const fill_context& ctx) const noexcept {
    if (ctx.quantity == 0.0) return 0.0;
    return sum_of_parts(ctx, std::index_sequence_for<Parts...>{});
  }
  template <std::size_t... I>
  BULWARK_DETAIL_ALWAYS_INLINE inline double sum_of_parts(const fill_context& ctx,
                                                       std::index_sequence<I...>) const noexcept {
    return (0.0 + ... + fill_cost_of(std::get<I>(parts_), ctx));
  }

  // The totals of rows [first, first + count) through the parts' `add_costs`, or false when
  // a row cannot be priced so (a check fails, a total is not finite).
  bool price_block(const fill_columns& fills, std::size_t first, std::size_t count,
                   double* total) const noexcept {
    if (!fills.usable(first, count)) return false;
    std::fill_n(total, count, 0.0);
    const bool priced = std::apply(
        [&](const auto&... p) { return (add_part_costs(p, fills, first, count, total) && ...); }, parts_);
    if (!priced) return false;
    // A fill of zero units costs zero (as `total_of`); every total must be finite.
    const double* quantity = fills.quantity.data() + first;
    detail::for_each_lane_group(count, [&]<class V>(std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
      const V zero = detail::splat<V>(0.0);
      detail::store(total + i, detail::select(detail::load<V>(quantity + i) == zero, zero,
                                              detail::load<V>(total + i)));
    });
    return detail::all_rows(count, [&]<class V>(std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
      return detail::load<V>(total + i) < detail::splat<V>(HUGE_VAL);
    });
  }

  template <class P>
  static bool add_part_costs(const P& p, const fill_columns& fills, std::size_t first,
                             std::size_t count, double* total) noexcept {
    if constexpr (requires { p.add_costs(fills, first, count, total); }) {
      static_assert(requires {
                      { p.add_costs(fills, first, count, total) } noexcept -> std::same_as<bool>;
                    },
                    "bulwark::cost::cost_model: a part's add_costs(fills, first, count, total) must "
                    "be noexcept and return bool; see docs/cost.md#costcomponent");
      return p.add_costs(fills, first, count, total);
    } else if constexpr (CostComponent<P>) {
      for (std::size_t i = 0; i < count; ++i) {
        const fill_context ctx = fills.row(first + i);
        if (!part_can_price(p, ctx)) return false;
        total[i] += p.cost(ctx);
      }
      return true;
    } else {
      return true;  // a carry part costs nothing on a fill
    }
  }

  // `cost` of each row, its error prefixed with the row.
  void price_rows(const fill_columns& fills, std::size_t first, std::size_t count, double* total) const {
    for (std::size_t i = 0; i < count; ++i) {
      try {
        total[i] = cost(fills.row(first + i));
      } catch (const input_error& e) {
        throw input_error(e.id(), fmt::format("fill row {}: {}", first + i, e.detail()));
      }
    }
  }

  // The first part that needs inputs `available` lacks, and those inputs.
  struct missing_inputs {
    std::size_t part;
    fill_inputs inputs;
  };
  [[nodiscard]] std::optional<missing_inputs> first_missing(fill_inputs available) const {
    std::optional<missing_inputs> found;
    for_each_part([&](std::size_t i, const auto& p) {
      const fill_inputs missing = p.needs().missing_from(available);
      if (!found && !missing.empty()) found = missing_inputs{i, missing};
    });
    return found;
  }

  template <class F>
  void for_each_part(F&& f) const {
    std::apply([&](const auto&... p) {
      std::size_t i = 0;
      (f(i++, p), ...);
    }, parts_);
  }

  [[noreturn]] static void throw_not_finite(double total, const fill_context& ctx) {
    throw_input_error("bulwark.cost.model",
                      "the cost of the fill is not finite (total {}): quantity {} x price {} "
                      "overflows a part ({})",
                      total, ctx.quantity, ctx.price, ctx);
  }

  [[noreturn]] static void throw_problem(const pricing_problem& p, const fill_context& ctx) {
    if (p.part == pricing_problem::context || p.part >= size) {
      require_valid(ctx);
      // can_price and problem disagree: never expected, but never an index out of range.
      throw_input_error("bulwark.cost.model", "the fill cannot be priced: {} ({})", p.what, ctx);
    }
    if (p.what == fill_problem::missing_input) {
      throw_input_error(detail::fill_context_id, "fill context has no {}, which part {} ({}) needs",
                        p.missing, p.part, names_[p.part]);
    }
    if (p.what == fill_problem::no_rate_for_date) {
      throw_input_error("bulwark.cost.model",
                        "part {} ({}) cannot price the fill: {} ({}); give the part a rate table "
                        "that covers {}",
                        p.part, names_[p.part], to_string(p.what), ctx, iso8601(ctx.time));
    }
    throw_input_error("bulwark.cost.model", "part {} ({}) cannot price the fill: {} ({})", p.part,
                      names_[p.part], to_string(p.what), ctx);
  }

  std::tuple<Parts...> parts_;
  fill_inputs needs_;  // the parts' needs(), which depend on their configuration only
};

template <class... Parts>
cost_model(Parts...) -> cost_model<Parts...>;

}  // namespace bulwark::cost

/// Formats as `total 29.3 = per_share_commission 1 + sec_fee 27.8 + finra_taf 0.5`; a
/// format spec applies to every number (`{:.2f}`).
template <std::size_t N>
struct fmt::formatter<bulwark::cost::cost_breakdown<N>> : fmt::formatter<double> {
  template <class FormatContext>
  auto format(const bulwark::cost::cost_breakdown<N>& b, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    ctx.advance_to(fmt::format_to(ctx.out(), "total "));
    auto out = fmt::formatter<double>::format(b.total(), ctx);
    for (std::size_t i = 0; i < N; ++i) {
      out = fmt::format_to(out, "{}{} ", i == 0 ? " = " : " + ", b.name[i]);
      ctx.advance_to(out);
      out = fmt::formatter<double>::format(b.amount[i], ctx);
    }
    return out;
  }
};

/// Formats as `total 59.3 (entry: total ... ; exit: total ... ; carry: total ...)`; a
/// format spec applies to every number.
template <std::size_t N>
struct fmt::formatter<bulwark::cost::round_trip_cost<N>> : fmt::formatter<bulwark::cost::cost_breakdown<N>> {
  template <class FormatContext>
  auto format(const bulwark::cost::round_trip_cost<N>& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    using base = fmt::formatter<bulwark::cost::cost_breakdown<N>>;
    auto out = fmt::format_to(ctx.out(), "total ");
    ctx.advance_to(out);
    out = fmt::formatter<double>::format(r.total(), ctx);
    const std::pair<const char*, const bulwark::cost::cost_breakdown<N>*> legs[] = {
        {" (entry: ", &r.entry}, {"; exit: ", &r.exit}, {"; carry: ", &r.carry}};
    for (const auto& [label, leg] : legs) {
      out = fmt::format_to(out, "{}", label);
      ctx.advance_to(out);
      out = base::format(*leg, ctx);
    }
    return fmt::format_to(out, ")");
  }
};

/// Formats as `ok`, `context: bad quantity text`, `part 4: a needed input is missing (adv)`
/// or `part 1: no rate in the schedule for the fill's date`.
template <>
struct fmt::formatter<bulwark::cost::pricing_problem> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::cost::pricing_problem& p, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    if (p.ok()) return fmt::format_to(ctx.out(), "ok");
    auto out = p.part == bulwark::cost::pricing_problem::context
                   ? fmt::format_to(ctx.out(), "context: {}", p.what)
                   : fmt::format_to(ctx.out(), "part {}: {}", p.part, p.what);
    if (p.what == bulwark::cost::fill_problem::missing_input) {
      out = fmt::format_to(out, " ({})", p.missing);
    }
    return out;
  }
};

/// Formats as `notional 1500, accrued [0.75, 0.0417], charged [1, 0.05]`.
template <std::size_t N>
struct fmt::formatter<bulwark::cost::fee_accrual<N>> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::cost::fee_accrual<N>& a, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "notional {}, accrued [", a.notional);
    for (std::size_t i = 0; i < N; ++i) out = fmt::format_to(out, "{}{}", i == 0 ? "" : ", ", a.accrued[i]);
    out = fmt::format_to(out, "], charged [");
    for (std::size_t i = 0; i < N; ++i) out = fmt::format_to(out, "{}{}", i == 0 ? "" : ", ", a.charged[i]);
    return fmt::format_to(out, "]");
  }
};

/// Formats as `cost_model{per_share_commission{...}, sec_fee{...}}`: each part as its own
/// formatter prints it, or its name.
template <class... Parts>
struct fmt::formatter<bulwark::cost::cost_model<Parts...>> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::cost::cost_model<Parts...>& m, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "cost_model{{");
    std::size_t i = 0;
    std::apply(
        [&](const auto&... p) {
          ((out = fmt::format_to(out, "{}", i++ == 0 ? "" : ", "), out = describe(out, p)), ...);
        },
        m.parts());
    return fmt::format_to(out, "}}");
  }

 private:
  template <class Out, class P>
  static Out describe(Out out, const P& p) {
    if constexpr (bulwark::cost::detail::describable<P>) {
      return p.describe(out);
    } else {
      return fmt::format_to(out, "{}", P::name);
    }
  }
};
