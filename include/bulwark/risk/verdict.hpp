// SPDX-License-Identifier: MIT
/// \file
/// \brief `verdict`: the gate's answer for one order. Accepted, or rejected with a stable
/// reason code, the value that broke the limit and the limit itself; the human message
/// is formatted only when asked for, so deciding never allocates.
///
/// Synopsis
/// \code
/// verdict v = gate.check(o, state);
/// if (!v.ok()) log(v.message());   // "#7 rejected by max_order_notional: order notional
///                                  //  152000 exceeds the limit 100000"
/// v.reason; v.value; v.limit; v.reference_price; v.state; v.time; v.check_index;
/// v.defect(); v.price_problem(); v.account_problem();   // the detail behind a fail-closed code
/// \endcode
///
/// Units of `value` and `limit` depend on the reason (docs/risk_gate.md#reason-codes):
/// quantities in instrument units, notionals and exposures in the account currency,
/// collars in basis points, losses, drawdowns and leverage as fractions or ratios, ages
/// and windows in seconds, rates in orders per second.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include <fmt/format.h>

#include "bulwark/core/market.hpp"
#include "bulwark/core/order.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/risk/account.hpp"
#include "bulwark/risk/reason.hpp"
#include "bulwark/risk/trading_state.hpp"

namespace bulwark::risk {

struct verdict {
  /// `check_index` of a decision taken by the gate itself (malformed order, state).
  static constexpr std::uint8_t gate_step = 0xff;

  reject_reason reason = reject_reason::accepted;
  /// The order_defect, price_status or account_status behind a fail-closed reason.
  std::uint8_t detail = 0;
  trading_state state = trading_state::active;  ///< the trading state after the decision
  std::uint8_t check_index = gate_step;         ///< position of the deciding check in the gate
  order_id client_id = 0;
  double value = std::numeric_limits<double>::quiet_NaN();  ///< what was measured
  double limit = std::numeric_limits<double>::quiet_NaN();  ///< what it was compared with
  double reference_price = std::numeric_limits<double>::quiet_NaN();  ///< NaN when none
  timestamp time{};  ///< the clock's time of the decision

  [[nodiscard]] constexpr bool ok() const noexcept { return reason == reject_reason::accepted; }

  /// The defect of a `malformed_order`, else none.
  [[nodiscard]] constexpr order_defect defect() const noexcept {
    return reason == reject_reason::malformed_order ? static_cast<order_defect>(detail)
                                                    : order_defect::none;
  }
  /// Why there was no price, for `price_unavailable` and `stale_market_data`, else ok.
  [[nodiscard]] constexpr price_status price_problem() const noexcept {
    return reason == reject_reason::price_unavailable ||
                   reason == reject_reason::stale_market_data
               ? static_cast<price_status>(detail)
               : price_status::ok;
  }
  /// Why the account could not be valued, for `account_unavailable`, else ok.
  [[nodiscard]] constexpr account_status account_problem() const noexcept {
    return reason == reject_reason::account_unavailable ? static_cast<account_status>(detail)
                                                        : account_status::ok;
  }

  /// The human message (allocates; call it off the hot path).
  [[nodiscard]] std::string message() const;

  /// Field-wise; NaN (no value, no limit, no price) equals NaN.
  friend constexpr bool operator==(const verdict& a, const verdict& b) noexcept {
    return a.reason == b.reason && a.detail == b.detail && a.state == b.state &&
           a.check_index == b.check_index && a.client_id == b.client_id &&
           bulwark::detail::same_number(a.value, b.value) &&
           bulwark::detail::same_number(a.limit, b.limit) &&
           bulwark::detail::same_number(a.reference_price, b.reference_price) &&
           a.time == b.time;
  }
};

}  // namespace bulwark::risk

/// Formats as `#7 accepted` or `#7 rejected by <reason>: <what was measured, and the
/// limit>`; numbers are printed with up to 10 significant digits.
template <>
struct fmt::formatter<bulwark::risk::verdict> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::verdict& v, FormatContext& ctx) const -> decltype(ctx.out()) {
    using R = bulwark::risk::reject_reason;
    auto out = fmt::format_to(ctx.out(), "#{} ", v.client_id);
    if (v.ok()) return fmt::format_to(out, "accepted");
    out = fmt::format_to(out, "rejected by {}: ", v.reason);
    const double x = v.value;
    const double l = v.limit;
    switch (v.reason) {
      case R::malformed_order:
        return fmt::format_to(out, "malformed order: {}", v.defect());
      case R::halted:
        return fmt::format_to(out, "trading is HALTED until an explicit reset");
      case R::reducing_only:
        return fmt::format_to(out,
                              "trading is REDUCING and the order would take the position from "
                              "{:.10g} to {:.10g}",
                              l, x);
      case R::price_unavailable:
        return fmt::format_to(out, "no reference price: {}", v.price_problem());
      case R::stale_market_data:
        return fmt::format_to(out, "the newest price is {:.10g} s old; the limit is {:.10g} s", x,
                              l);
      case R::account_unavailable:
        return fmt::format_to(out, "the account cannot be valued: {}", v.account_problem());
      case R::max_order_quantity:
        return fmt::format_to(out, "order quantity {:.10g} exceeds the limit {:.10g}", x, l);
      case R::max_order_notional:
        return fmt::format_to(out, "order notional {:.10g} exceeds the limit {:.10g}", x, l);
      case R::price_collar:
        return fmt::format_to(out,
                              "limit price is {:.10g} bps from the reference {:.10g}; the collar "
                              "is {:.10g} bps",
                              x, v.reference_price, l);
      case R::position_quantity:
        return fmt::format_to(out, "post-trade position {:.10g} exceeds the limit {:.10g}", x, l);
      case R::position_notional:
        return fmt::format_to(
            out, "post-trade position notional {:.10g} exceeds the limit {:.10g}", x, l);
      case R::gross_exposure:
        return fmt::format_to(out, "post-trade gross exposure {:.10g} exceeds the limit {:.10g}",
                              x, l);
      case R::net_exposure:
        return fmt::format_to(out, "post-trade net exposure {:.10g} exceeds the limit {:.10g}", x,
                              l);
      case R::leverage:
        return fmt::format_to(out, "post-trade leverage {:.10g} exceeds the limit {:.10g}", x, l);
      case R::long_only:
        return fmt::format_to(out, "post-trade position {:.10g} would be short (long only)", x);
      case R::restricted_symbol:
        return fmt::format_to(out, "the symbol is on the restricted list");
      case R::tick_size:
        return fmt::format_to(out, "price {:.10g} is not a multiple of the tick {:.10g}", x, l);
      case R::lot_size:
        return fmt::format_to(out, "quantity {:.10g} is not a multiple of the lot {:.10g}", x, l);
      case R::daily_loss:
        return fmt::format_to(
            out, "loss since the day's start is {:.10g} of equity; the limit is {:.10g}", x, l);
      case R::max_drawdown:
        return fmt::format_to(
            out, "drawdown from the high-water mark is {:.10g}; the limit is {:.10g}", x, l);
      case R::order_rate:
        return fmt::format_to(out, "{:.10g} order tokens left; the limit is {:.10g} orders/s", x,
                              l);
      case R::symbol_order_rate:
        return fmt::format_to(
            out, "{:.10g} order tokens left in the symbol; the limit is {:.10g} orders/s", x, l);
      case R::duplicate_client_id:
        return fmt::format_to(out, "client id {} was already accepted", v.client_id);
      case R::duplicate_order:
        return fmt::format_to(out,
                              "the same symbol, side, quantity and price were accepted {:.10g} s "
                              "ago, inside the {:.10g} s window",
                              x, l);
      case R::circuit_breaker:
        return fmt::format_to(out, "the circuit breaker is tripped for another {:.10g} s", x);
      case R::check_capacity:
        return fmt::format_to(out,
                              "the check's fixed memory for the session is full ({:.10g} of "
                              "{:.10g}); restart the session",
                              x, l);
      case R::accepted:
      case R::operator_request:
        break;
    }
    return fmt::format_to(out, "{}", describe(v.reason));
  }
};

// After the formatter, which it uses.
inline std::string bulwark::risk::verdict::message() const { return fmt::format("{}", *this); }
