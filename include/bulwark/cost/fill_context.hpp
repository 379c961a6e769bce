// SPDX-License-Identifier: MIT
/// \file
/// \brief `fill_context`: everything a cost component may read about one fill (side,
/// quantity, reference price, and the market inputs known at the fill), the optional
/// inputs as `fill_inputs` flags, and the one check that says what is wrong with a
/// context (`problem_of`, `require_valid`).
///
/// Synopsis
/// \code
/// enum class fee_class { unspecified, us_equity, crypto, future, fx, other };
/// enum class fill_input { quote, bar_volume, adv, daily_volatility, atr,
///                         month_to_date_volume, fee_class };
/// class fill_inputs;                       // a set of fill_input: a | b, a.contains(b), a.missing_from(b)
/// struct fill_context { side; quantity; price; quote; bar_volume; bar_volume_used; adv;
///                       daily_volatility; atr; month_to_date_volume; time; liq; fee_class;
///                       double notional() const;  fill_inputs available() const; };
/// enum class fill_problem { none, bad_side, bad_quantity, ..., missing_adv, ... };
/// fill_problem problem_of(const fill_context&) noexcept;    // none when usable
/// void require_valid(const fill_context&);                  // input_error naming the value
/// \endcode
///
/// Units: quantity in instrument units (shares, contracts, coins), >= 0, with the
/// direction in `side`; prices in the account currency per unit; volumes in instrument
/// units; `daily_volatility` is the standard deviation of daily simple returns as a
/// fraction (0.02 = 2 %); `atr` is in price units (Wilder's ATR from core/atr.hpp).
///
/// An optional input is either absent (`std::nullopt`: the caller does not know it) or
/// present and valid. A present value that is NaN, infinite or out of range is a bad
/// input, never "unknown": a component cannot silently price a fill from a broken number.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/order.hpp"
#include "bulwark/core/quote.hpp"
#include "bulwark/core/side.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/lanes.hpp"

namespace bulwark::cost {

/// Which regulatory fee schedules apply to the instrument. `us_equity` (US-listed stocks
/// and ETFs) is the class that SEC Section 31 fees and the FINRA TAF are charged on.
/// `unspecified` is the default so that a component that depends on the class can refuse
/// a context whose class nobody set, instead of guessing.
enum class fee_class : std::uint8_t { unspecified, us_equity, crypto, future, fx, other };

[[nodiscard]] constexpr std::string_view to_string(fee_class c) noexcept {
  switch (c) {
    case fee_class::unspecified: return "unspecified";
    case fee_class::us_equity: return "us_equity";
    case fee_class::crypto: return "crypto";
    case fee_class::future: return "future";
    case fee_class::fx: return "fx";
    case fee_class::other: return "other";
  }
  return "invalid";
}

/// An optional input of a fill context. The values are bits of `fill_inputs`.
enum class fill_input : std::uint16_t {
  quote = 1U << 0,                 ///< top of book (bid, ask) at the fill
  bar_volume = 1U << 1,            ///< units traded in the bar of the fill
  adv = 1U << 2,                   ///< average daily volume
  daily_volatility = 1U << 3,      ///< sigma of daily returns
  atr = 1U << 4,                   ///< average true range
  month_to_date_volume = 1U << 5,  ///< the account's volume this month (tiered schedules)
  fee_class = 1U << 6,             ///< the instrument's fee class (not `unspecified`)
};

inline constexpr std::array<fill_input, 7> all_fill_inputs = {
    fill_input::quote, fill_input::bar_volume,           fill_input::adv,
    fill_input::daily_volatility, fill_input::atr, fill_input::month_to_date_volume,
    fill_input::fee_class};

[[nodiscard]] constexpr std::string_view to_string(fill_input i) noexcept {
  switch (i) {
    case fill_input::quote: return "quote";
    case fill_input::bar_volume: return "bar_volume";
    case fill_input::adv: return "adv";
    case fill_input::daily_volatility: return "daily_volatility";
    case fill_input::atr: return "atr";
    case fill_input::month_to_date_volume: return "month_to_date_volume";
    case fill_input::fee_class: return "fee_class";
  }
  return "invalid";
}

/// A set of `fill_input`s: what a component needs, or what a context (or a data feed)
/// provides.
class fill_inputs {
 public:
  constexpr fill_inputs() noexcept = default;
  constexpr fill_inputs(fill_input i) noexcept  // NOLINT(google-explicit-constructor)
      : bits_(static_cast<std::uint16_t>(i)) {}

  friend constexpr fill_inputs operator|(fill_inputs a, fill_inputs b) noexcept {
    return from_bits(static_cast<std::uint16_t>(a.bits_ | b.bits_));
  }
  friend constexpr bool operator==(fill_inputs, fill_inputs) noexcept = default;

  [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }
  [[nodiscard]] constexpr bool contains(fill_inputs other) const noexcept {
    return (bits_ & other.bits_) == other.bits_;
  }
  /// The inputs of `*this` that `available` lacks.
  [[nodiscard]] constexpr fill_inputs missing_from(fill_inputs available) const noexcept {
    return from_bits(static_cast<std::uint16_t>(bits_ & ~available.bits_));
  }
  /// The first input of the set in the order of `all_fill_inputs`; precondition: !empty().
  [[nodiscard]] constexpr fill_input first() const {
    BULWARK_EXPECTS(!empty());
    for (fill_input i : all_fill_inputs) {
      if (contains(i)) return i;
    }
    return fill_input::quote;  // not reached
  }
  [[nodiscard]] constexpr std::uint16_t bits() const noexcept { return bits_; }

 private:
  static constexpr fill_inputs from_bits(std::uint16_t bits) noexcept {
    fill_inputs s;
    s.bits_ = bits;
    return s;
  }
  std::uint16_t bits_ = 0;
};

namespace detail {

// The inputs whose flag is set, `present[k]` standing for `all_fill_inputs[k]`: the one
// mapping from fields to inputs, for a context and for columns.
[[nodiscard]] constexpr fill_inputs present_inputs(
    const std::array<bool, all_fill_inputs.size()>& present) noexcept {
  fill_inputs s;
  for (std::size_t k = 0; k < present.size(); ++k) {
    if (present[k]) s = s | all_fill_inputs[k];
  }
  return s;
}

}  // namespace detail

/// `fill_input::adv | fill_input::daily_volatility`
[[nodiscard]] constexpr fill_inputs operator|(fill_input a, fill_input b) noexcept {
  return fill_inputs{a} | fill_inputs{b};
}

/// What a cost component may know about one fill. An aggregate: build it with designated
/// initialisers; leave an optional input empty when it is not known.
struct fill_context {
  bulwark::side side = bulwark::side::buy;
  double quantity = 0.0;  ///< units filled (or to fill), >= 0; 0 costs nothing
  double price = std::numeric_limits<double>::quiet_NaN();  ///< reference price (mid or last), > 0
  std::optional<bulwark::quote> quote{};     ///< top of book at the fill; must be ok() when given
  std::optional<double> bar_volume{};        ///< units traded in the bar of the fill, >= 0
  double bar_volume_used = 0.0;            ///< units of that bar already filled by earlier orders
  std::optional<double> adv{};               ///< average daily volume in units, > 0
  std::optional<double> daily_volatility{};  ///< sigma of daily simple returns, fraction, >= 0
  std::optional<double> atr{};               ///< average true range in price units, >= 0
  std::optional<double> month_to_date_volume{};  ///< the account's units traded this month, >= 0
  timestamp time{};                        ///< when the fill happens (UTC)
  liquidity liq = liquidity::taker;        ///< taker (crossing, market) or maker (resting)
  cost::fee_class fee_class = cost::fee_class::unspecified;

  /// quantity * price: the fill's value in the account currency.
  [[nodiscard]] double notional() const noexcept { return quantity * price; }

  /// The optional inputs this context provides.
  [[nodiscard]] fill_inputs available() const noexcept {
    return detail::present_inputs({quote.has_value(), bar_volume.has_value(), adv.has_value(),
                                   daily_volatility.has_value(), atr.has_value(),
                                   month_to_date_volume.has_value(),
                                   fee_class != cost::fee_class::unspecified});
  }
};

/// What is wrong with a fill context for a component or a model, or `none`.
/// Values are stable.
enum class fill_problem : std::uint8_t {
  none = 0,
  bad_side = 1,              ///< side is neither buy nor sell
  bad_quantity = 2,          ///< quantity not finite or < 0
  bad_price = 3,             ///< reference price not finite or <= 0
  bad_quote = 4,             ///< a quote is given but is not ok() (one-sided, crossed, NaN)
  bad_bar_volume = 5,        ///< bar volume given but not finite or < 0
  bad_bar_volume_used = 6,   ///< bar_volume_used not finite or < 0
  bad_adv = 7,               ///< adv given but not finite or <= 0
  bad_daily_volatility = 8,  ///< daily volatility given but not finite or < 0
  bad_atr = 9,               ///< ATR given but not finite or < 0
  bad_month_to_date_volume = 10,  ///< month-to-date volume given but not finite or < 0
  bad_liquidity = 11,        ///< liq is neither taker nor maker
  bad_fee_class = 12,        ///< fee_class is not a fee_class value
  missing_input = 13,        ///< a component needs an input the context does not have
  no_rate_for_date = 14,     ///< a dated schedule has no rate for the fill's date
  no_bar_volume = 15,        ///< a component needs bar volume > 0 for a fill > 0
  bad_holding_period = 16,   ///< a round trip whose exit precedes its entry
  bad_notional = 17,         ///< quantity x price overflows (not finite)
  over_participation = 18,   ///< the fill exceeds a part's participation cap
};

[[nodiscard]] constexpr std::string_view to_string(fill_problem p) noexcept {
  switch (p) {
    case fill_problem::none: return "none";
    case fill_problem::bad_side: return "side is neither buy nor sell";
    case fill_problem::bad_quantity: return "quantity must be finite and >= 0";
    case fill_problem::bad_price: return "reference price must be finite and > 0";
    case fill_problem::bad_quote: return "quote is not usable (one-sided, crossed or not finite)";
    case fill_problem::bad_bar_volume: return "bar volume must be finite and >= 0";
    case fill_problem::bad_bar_volume_used: return "bar volume used must be finite and >= 0";
    case fill_problem::bad_adv: return "average daily volume must be finite and > 0";
    case fill_problem::bad_daily_volatility: return "daily volatility must be finite and >= 0";
    case fill_problem::bad_atr: return "ATR must be finite and >= 0";
    case fill_problem::bad_month_to_date_volume:
      return "month-to-date volume must be finite and >= 0";
    case fill_problem::bad_liquidity: return "liquidity is neither taker nor maker";
    case fill_problem::bad_fee_class: return "invalid fee class";
    case fill_problem::missing_input: return "a needed input is missing";
    case fill_problem::no_rate_for_date: return "no rate in the schedule for the fill's date";
    case fill_problem::no_bar_volume: return "bar volume is 0 but the fill is not";
    case fill_problem::bad_holding_period: return "the exit precedes the entry";
    case fill_problem::bad_notional: return "quantity x price must be finite";
    case fill_problem::over_participation:
      return "the fill exceeds the participation cap (price the capped quantity: fill_quantity)";
  }
  return "invalid";
}

namespace detail {

// The lane helpers, for the formulas that price one fill and a column of fills alike.
using bulwark::detail::all_of;
using bulwark::detail::all_rows;
using bulwark::detail::both;
using bulwark::detail::for_each_lane_group;
using bulwark::detail::indicator;
using bulwark::detail::lane_count;
using bulwark::detail::load;
using bulwark::detail::maximum;
using bulwark::detail::minimum;
using bulwark::detail::select;
using bulwark::detail::splat;
using bulwark::detail::square_root;
using bulwark::detail::store;

// The range tests of a context's values, for one double (a bool) or for `lanes` (a mask),
// so that one fill and a column of fills are checked by the same comparisons. Each is
// written so that NaN fails it (every comparison with NaN is false).
template <class V>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline auto finite_non_negative(V v) noexcept {
  return both(v >= splat<V>(0.0), v < splat<V>(HUGE_VAL));
}
template <class V>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline auto finite_positive(V v) noexcept {
  return both(v > splat<V>(0.0), v < splat<V>(HUGE_VAL));
}
// quantity x price does not overflow (both already finite).
template <class V>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline auto finite_product(V a, V b) noexcept {
  return a * b < splat<V>(HUGE_VAL);
}
// 0 < bid <= ask < inf: quote::ok() in three comparisons.
template <class V>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline auto usable_quote(V bid, V ask) noexcept {
  return both(both(bid > splat<V>(0.0), bid <= ask), ask < splat<V>(HUGE_VAL));
}
// One test for both sides (sign^2 == 1), so a random mix of buys and sells does not make
// it an unpredictable branch.
[[nodiscard]] constexpr bool valid_side(side s) noexcept {
  const int sign = static_cast<int>(s);
  return sign * sign == 1;
}
[[nodiscard]] constexpr bool valid_liquidity(liquidity l) noexcept {
  return l == liquidity::taker || l == liquidity::maker;
}

}  // namespace detail

/// The first problem of `ctx`, or `none`: side, quantity, price, their product
/// (`bad_notional`: finite factors whose product overflows), then the optional inputs in
/// the order of the enum. Checks only the context itself; whether it has what a
/// component needs is the model's check. `fill_columns::usable` makes the same tests on
/// columns.
[[nodiscard]] inline fill_problem problem_of(const fill_context& ctx) noexcept {
  using detail::finite_non_negative;
  const auto absent_or_non_negative = [](const std::optional<double>& v) {
    return !v || finite_non_negative(*v);
  };
  if (!detail::valid_side(ctx.side)) return fill_problem::bad_side;
  if (!finite_non_negative(ctx.quantity)) return fill_problem::bad_quantity;
  if (!detail::finite_positive(ctx.price)) return fill_problem::bad_price;
  if (!detail::finite_product(ctx.quantity, ctx.price)) return fill_problem::bad_notional;
  if (ctx.quote && !detail::usable_quote(ctx.quote->bid, ctx.quote->ask)) {
    return fill_problem::bad_quote;
  }
  if (!absent_or_non_negative(ctx.bar_volume)) return fill_problem::bad_bar_volume;
  if (!finite_non_negative(ctx.bar_volume_used)) return fill_problem::bad_bar_volume_used;
  if (ctx.adv && !detail::finite_positive(*ctx.adv)) return fill_problem::bad_adv;
  if (!absent_or_non_negative(ctx.daily_volatility)) return fill_problem::bad_daily_volatility;
  if (!absent_or_non_negative(ctx.atr)) return fill_problem::bad_atr;
  if (!absent_or_non_negative(ctx.month_to_date_volume)) {
    return fill_problem::bad_month_to_date_volume;
  }
  if (!detail::valid_liquidity(ctx.liq)) return fill_problem::bad_liquidity;
  if (ctx.fee_class > fee_class::other) return fill_problem::bad_fee_class;
  return fill_problem::none;
}

namespace detail {

inline constexpr auto fill_context_id = "bulwark.cost.fill_context";

// The offending value of a context problem, for messages.
[[nodiscard]] inline std::string offending_value(fill_problem p, const fill_context& ctx) {
  const auto opt = [](const std::optional<double>& v) { return v ? fmt::format("{}", *v) : "none"; };
  switch (p) {
    case fill_problem::bad_side: return fmt::format("{}", static_cast<int>(ctx.side));
    case fill_problem::bad_quantity: return fmt::format("{}", ctx.quantity);
    case fill_problem::bad_price: return fmt::format("{}", ctx.price);
    case fill_problem::bad_notional:
      return fmt::format("{} x {} = {}", ctx.quantity, ctx.price, ctx.notional());
    case fill_problem::bad_quote:
      return ctx.quote ? fmt::format("bid {} ask {}", ctx.quote->bid, ctx.quote->ask) : "none";
    case fill_problem::bad_bar_volume: return opt(ctx.bar_volume);
    case fill_problem::bad_bar_volume_used: return fmt::format("{}", ctx.bar_volume_used);
    case fill_problem::bad_adv: return opt(ctx.adv);
    case fill_problem::bad_daily_volatility: return opt(ctx.daily_volatility);
    case fill_problem::bad_atr: return opt(ctx.atr);
    case fill_problem::bad_month_to_date_volume: return opt(ctx.month_to_date_volume);
    case fill_problem::bad_liquidity: return fmt::format("{}", static_cast<int>(ctx.liq));
    case fill_problem::bad_fee_class: return fmt::format("{}", static_cast<int>(ctx.fee_class));
    default: return {};
  }
}

}  // namespace detail

/// Throws `input_error` (id `bulwark.cost.fill_context`) naming the first problem of `ctx`
/// and its value, e.g. `fill context: quantity must be finite and >= 0 (got -5)`.
inline void require_valid(const fill_context& ctx) {
  if (const fill_problem p = problem_of(ctx); p != fill_problem::none) {
    throw_input_error(detail::fill_context_id, "fill context: {} (got {})", to_string(p),
                      detail::offending_value(p, ctx));
  }
}

}  // namespace bulwark::cost

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::cost::fee_class)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::cost::fill_input)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::cost::fill_problem)

/// Formats as `quote|adv` (the inputs in a fixed order), or `none`.
template <>
struct fmt::formatter<bulwark::cost::fill_inputs> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(bulwark::cost::fill_inputs s, FormatContext& ctx) const -> decltype(ctx.out()) {
    auto out = ctx.out();
    if (s.empty()) return fmt::format_to(out, "none");
    bool first = true;
    for (bulwark::cost::fill_input i : bulwark::cost::all_fill_inputs) {
      if (!s.contains(i)) continue;
      out = fmt::format_to(out, "{}{}", first ? "" : "|", to_string(i));
      first = false;
    }
    return out;
  }
};

/// Formats as `sell 100 @ 190 taker us_equity 2024-06-03T14:30:00Z` followed by each
/// optional input that is present (`quote 189.98/190.02`, `bar_volume 1e+06`, ...).
template <>
struct fmt::formatter<bulwark::cost::fill_context> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::cost::fill_context& c, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "{} {} @ {} {} {} {}", c.side, c.quantity, c.price,
                              c.liq, c.fee_class, bulwark::iso8601(c.time));
    if (c.quote) out = fmt::format_to(out, " quote {}/{}", c.quote->bid, c.quote->ask);
    if (c.bar_volume) out = fmt::format_to(out, " bar_volume {}", *c.bar_volume);
    if (c.bar_volume_used != 0.0) out = fmt::format_to(out, " used {}", c.bar_volume_used);
    if (c.adv) out = fmt::format_to(out, " adv {}", *c.adv);
    if (c.daily_volatility) out = fmt::format_to(out, " daily_vol {}", *c.daily_volatility);
    if (c.atr) out = fmt::format_to(out, " atr {}", *c.atr);
    if (c.month_to_date_volume) out = fmt::format_to(out, " mtd_volume {}", *c.month_to_date_volume);
    return out;
  }
};
