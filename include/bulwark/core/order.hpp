// SPDX-License-Identifier: MIT
/// \file
/// \brief `order` (what a strategy asks for) and `fill` (what it got), with the checks
/// that say exactly what is wrong with a malformed order.
///
/// Synopsis
/// \code
/// enum class order_type { market, limit, stop, stop_limit };
/// enum class time_in_force { day, gtc, ioc, fok };
/// enum class liquidity { taker, maker };
/// using order_id = std::uint64_t;
/// struct order { order_id client_id; symbol sym; side side; order_type type; double quantity;
///                double limit_price, stop_price; time_in_force tif; timestamp created; };
/// order_defect defect_of(const order&);   // order_defect::none when well formed
/// bool order.ok();  double order.signed_quantity();
/// void require_well_formed(const order&); // input_error naming the defect
/// struct fill  { order_id client_id; symbol sym; side side; double quantity, price, fees;
///                liquidity liq; timestamp time; };
/// \endcode
///
/// Units: quantity in instrument units (shares, contracts, coins; fractional allowed),
/// always > 0 with the direction in `side`. Prices and fees in the account currency.
/// `fill::fees` is the total explicit cost of the fill, >= 0 (a cost always reduces P&L).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/side.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark {

namespace detail {
/// Equality of two numbers where NaN marks "absent": equal values, or both NaN. Value
/// types whose fields default to NaN compare with it, so a copy equals its original.
[[nodiscard]] constexpr bool same_number(double a, double b) noexcept {
  return a == b || (a != a && b != b);
}
/// True when x is finite and > 0, in two comparisons (NaN fails both): the test on every
/// order's quantity and prices and on the account's equity.
[[nodiscard]] constexpr bool finite_positive(double x) noexcept {
  return x > 0.0 && x <= std::numeric_limits<double>::max();
}
}  // namespace detail

/// How the order is priced: market (no price), limit (`limit_price`), stop (`stop_price`
/// triggers a market order), stop-limit (both).
enum class order_type : std::uint8_t { market, limit, stop, stop_limit };

/// How long an order stays working: the trading day, until cancelled, immediate-or-cancel
/// (fill what is possible now), fill-or-kill (all now or nothing).
enum class time_in_force : std::uint8_t { day, gtc, ioc, fok };

/// Whether a fill added liquidity (maker, a resting order) or took it (taker).
enum class liquidity : std::uint8_t { taker, maker };

/// The client's identifier of an order, unique per session.
using order_id = std::uint64_t;

[[nodiscard]] constexpr std::string_view to_string(order_type t) noexcept {
  switch (t) {
    case order_type::market: return "market";
    case order_type::limit: return "limit";
    case order_type::stop: return "stop";
    case order_type::stop_limit: return "stop_limit";
  }
  return "invalid";
}

[[nodiscard]] constexpr std::string_view to_string(time_in_force t) noexcept {
  switch (t) {
    case time_in_force::day: return "day";
    case time_in_force::gtc: return "gtc";
    case time_in_force::ioc: return "ioc";
    case time_in_force::fok: return "fok";
  }
  return "invalid";
}

[[nodiscard]] constexpr std::string_view to_string(liquidity l) noexcept {
  return l == liquidity::maker ? "maker" : "taker";
}

/// What is wrong with an order, or `none`. Values are stable.
enum class order_defect : std::uint8_t {
  none = 0,
  no_symbol = 1,               ///< empty symbol
  bad_side = 2,                ///< side is neither buy nor sell
  bad_type = 3,                ///< type is not an order_type value
  bad_time_in_force = 4,       ///< tif is not a time_in_force value
  bad_quantity = 5,            ///< quantity not finite or <= 0
  missing_limit_price = 6,     ///< limit / stop_limit without a finite limit price > 0
  unexpected_limit_price = 7,  ///< market / stop with a limit price
  missing_stop_price = 8,      ///< stop / stop_limit without a finite stop price > 0
  unexpected_stop_price = 9,   ///< market / limit with a stop price
};

[[nodiscard]] constexpr std::string_view to_string(order_defect d) noexcept {
  switch (d) {
    case order_defect::none: return "none";
    case order_defect::no_symbol: return "no symbol";
    case order_defect::bad_side: return "side is neither buy nor sell";
    case order_defect::bad_type: return "invalid order type";
    case order_defect::bad_time_in_force: return "invalid time in force";
    case order_defect::bad_quantity: return "quantity must be finite and > 0";
    case order_defect::missing_limit_price: return "limit price must be finite and > 0";
    case order_defect::unexpected_limit_price: return "limit price given for a non-limit order";
    case order_defect::missing_stop_price: return "stop price must be finite and > 0";
    case order_defect::unexpected_stop_price: return "stop price given for a non-stop order";
  }
  return "invalid";
}

/// An instruction to trade. An aggregate: build it with designated initialisers.
struct order {
  order_id client_id = 0;
  symbol sym;
  bulwark::side side = bulwark::side::buy;
  order_type type = order_type::market;
  double quantity = 0.0;  ///< > 0; the direction is `side`
  double limit_price = std::numeric_limits<double>::quiet_NaN();  ///< limit, stop_limit only
  double stop_price = std::numeric_limits<double>::quiet_NaN();   ///< stop, stop_limit only
  time_in_force tif = time_in_force::day;
  timestamp created{};

  /// +quantity for a buy, -quantity for a sell: the position change if fully filled.
  [[nodiscard]] double signed_quantity() const noexcept {
    return static_cast<double>(sign(side)) * quantity;
  }
  /// True when `defect_of(*this) == order_defect::none`.
  [[nodiscard]] bool ok() const noexcept;

  /// Field-wise; an absent price (NaN) equals an absent price.
  friend bool operator==(const order& a, const order& b) noexcept {
    return a.client_id == b.client_id && a.sym == b.sym && a.side == b.side &&
           a.type == b.type && detail::same_number(a.quantity, b.quantity) &&
           detail::same_number(a.limit_price, b.limit_price) &&
           detail::same_number(a.stop_price, b.stop_price) && a.tif == b.tif &&
           a.created == b.created;
  }
};

/// The first defect of `o` in the order of the enum, or `none`.
[[nodiscard]] inline order_defect defect_of(const order& o) noexcept {
  if (!o.sym.ok()) [[unlikely]] return order_defect::no_symbol;
  if (o.side != side::buy && o.side != side::sell) [[unlikely]] return order_defect::bad_side;
  if (o.type > order_type::stop_limit) [[unlikely]] return order_defect::bad_type;
  if (o.tif > time_in_force::fok) [[unlikely]] return order_defect::bad_time_in_force;
  if (!detail::finite_positive(o.quantity)) [[unlikely]] return order_defect::bad_quantity;
  const bool wants_limit = o.type == order_type::limit || o.type == order_type::stop_limit;
  const bool wants_stop = o.type == order_type::stop || o.type == order_type::stop_limit;
  // Each price is right when given (finite, > 0) for a type that needs it and absent (NaN)
  // otherwise: one test per price on the accepted path.
  const bool limit_right =
      wants_limit ? detail::finite_positive(o.limit_price) : std::isnan(o.limit_price);
  if (!limit_right) [[unlikely]] {
    return wants_limit ? order_defect::missing_limit_price : order_defect::unexpected_limit_price;
  }
  const bool stop_right =
      wants_stop ? detail::finite_positive(o.stop_price) : std::isnan(o.stop_price);
  if (!stop_right) [[unlikely]] {
    return wants_stop ? order_defect::missing_stop_price : order_defect::unexpected_stop_price;
  }
  return order_defect::none;
}

inline bool order::ok() const noexcept { return defect_of(*this) == order_defect::none; }

/// Throws `input_error` (id `bulwark.core.order`) naming the order and its defect.
inline void require_well_formed(const order& o) {
  if (const auto d = defect_of(o); d != order_defect::none) {
    throw_input_error("bulwark.core.order",
                      "order {} ({} {} {}, limit {}, stop {}): {}", o.client_id, o.sym.view(),
                      to_string(o.side), o.quantity, o.limit_price, o.stop_price, to_string(d));
  }
}

/// An execution against an order. `quantity` > 0 and `price` > 0 as executed; `fees` is
/// every explicit cost of this fill (commission, exchange and regulatory fees), >= 0.
struct fill {
  order_id client_id = 0;
  symbol sym;
  bulwark::side side = bulwark::side::buy;
  double quantity = 0.0;
  double price = 0.0;
  double fees = 0.0;
  liquidity liq = liquidity::taker;
  timestamp time{};

  /// +quantity for a buy, -quantity for a sell.
  [[nodiscard]] double signed_quantity() const noexcept {
    return static_cast<double>(sign(side)) * quantity;
  }
  /// Cash paid (> 0) or received (< 0) for the fill including fees:
  /// sign(side) * quantity * price + fees.
  [[nodiscard]] double cash_flow_out() const noexcept { return signed_quantity() * price + fees; }

  friend bool operator==(const fill&, const fill&) = default;
};

}  // namespace bulwark

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::order_type)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::time_in_force)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::liquidity)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::order_defect)

/// Formats as `#42 buy 100 AAPL limit 150.25 day`: the type shows through its prices
/// (`market`, `limit L`, `stop S`, `stop S limit L`), then the time in force.
template <>
struct fmt::formatter<bulwark::order> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::order& o, FormatContext& ctx) const -> decltype(ctx.out()) {
    using bulwark::order_type;
    auto out = fmt::format_to(ctx.out(), "#{} {} {} {}", o.client_id, o.side, o.quantity, o.sym);
    if (o.type == order_type::market) out = fmt::format_to(out, " market");
    if (o.type == order_type::stop || o.type == order_type::stop_limit) {
      out = fmt::format_to(out, " stop {}", o.stop_price);
    }
    if (o.type == order_type::limit || o.type == order_type::stop_limit) {
      out = fmt::format_to(out, " limit {}", o.limit_price);
    }
    return fmt::format_to(out, " {}", o.tif);
  }
};

/// Formats as `#42 bought 100 AAPL @ 150.2 fees 1 taker 2024-06-03T14:30:00Z`.
template <>
struct fmt::formatter<bulwark::fill> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::fill& f, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "#{} {} {} {} @ {} fees {} {} {}", f.client_id,
                          f.side == bulwark::side::buy ? "bought" : "sold", f.quantity, f.sym,
                          f.price, f.fees, f.liq, bulwark::iso8601(f.time));
  }
};
