// SPDX-License-Identifier: MIT
/// \file
/// \brief `reject_reason`: why the pre-trade gate refused an order. The numeric values are
/// part of the API (they go into audit trails and databases) and never change meaning;
/// new codes take new numbers.
///
/// Synopsis
/// \code
/// enum class reject_reason : std::uint8_t { accepted = 0, malformed_order = 1, ... };
/// std::string_view to_string(reject_reason);   // "max_order_notional": the check's name
/// std::string_view describe(reject_reason);    // one line for humans
/// \endcode
///
/// Codes 1-9 are the gate's own fail-closed steps, 10-39 the limits of the checks in
/// bulwark/risk/checks.hpp, bulwark/risk/throttle.hpp and bulwark/risk/circuit_breaker.hpp,
/// and 40 marks a trading-state change requested by an operator (never an order's
/// rejection). docs/risk_gate.md#reason-codes lists them all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/detail/format.hpp"

namespace bulwark::risk {

/// Why an order was rejected, or `accepted`. Values are stable.
enum class reject_reason : std::uint8_t {
  accepted = 0,
  // The gate's own steps: nothing unknown passes.
  malformed_order = 1,      ///< `defect_of(order)` found a defect (see `verdict::defect()`)
  halted = 2,               ///< the trading state is HALTED (kill switch latched)
  reducing_only = 3,        ///< the trading state is REDUCING and the order adds exposure
  price_unavailable = 4,    ///< no usable reference price (see `verdict::price_problem()`)
  stale_market_data = 5,    ///< the reference price is older than the allowed age
  account_unavailable = 6,  ///< the account cannot be valued (see `verdict::account_problem()`)
  // Limits.
  max_order_quantity = 10,
  max_order_notional = 11,
  price_collar = 12,
  position_quantity = 13,
  position_notional = 14,
  gross_exposure = 15,
  net_exposure = 16,
  leverage = 17,
  long_only = 18,
  restricted_symbol = 19,
  tick_size = 20,
  lot_size = 21,
  daily_loss = 22,
  max_drawdown = 23,
  order_rate = 24,
  symbol_order_rate = 25,
  duplicate_client_id = 26,
  duplicate_order = 27,
  circuit_breaker = 28,
  check_capacity = 29,  ///< a check's fixed memory for the session is full (fail closed)
  // Not a rejection: the cause recorded for a state change an operator asked for.
  operator_request = 40,
};

/// The largest code in use (sizes per-reason counters).
inline constexpr std::size_t max_reject_reason = 40;

/// The code's name, in snake_case: for logs and for the check that produced it.
[[nodiscard]] constexpr std::string_view to_string(reject_reason r) noexcept {
  switch (r) {
    case reject_reason::accepted: return "accepted";
    case reject_reason::malformed_order: return "malformed_order";
    case reject_reason::halted: return "halted";
    case reject_reason::reducing_only: return "reducing_only";
    case reject_reason::price_unavailable: return "price_unavailable";
    case reject_reason::stale_market_data: return "stale_market_data";
    case reject_reason::account_unavailable: return "account_unavailable";
    case reject_reason::max_order_quantity: return "max_order_quantity";
    case reject_reason::max_order_notional: return "max_order_notional";
    case reject_reason::price_collar: return "price_collar";
    case reject_reason::position_quantity: return "position_quantity";
    case reject_reason::position_notional: return "position_notional";
    case reject_reason::gross_exposure: return "gross_exposure";
    case reject_reason::net_exposure: return "net_exposure";
    case reject_reason::leverage: return "leverage";
    case reject_reason::long_only: return "long_only";
    case reject_reason::restricted_symbol: return "restricted_symbol";
    case reject_reason::tick_size: return "tick_size";
    case reject_reason::lot_size: return "lot_size";
    case reject_reason::daily_loss: return "daily_loss";
    case reject_reason::max_drawdown: return "max_drawdown";
    case reject_reason::order_rate: return "order_rate";
    case reject_reason::symbol_order_rate: return "symbol_order_rate";
    case reject_reason::duplicate_client_id: return "duplicate_client_id";
    case reject_reason::duplicate_order: return "duplicate_order";
    case reject_reason::circuit_breaker: return "circuit_breaker";
    case reject_reason::check_capacity: return "check_capacity";
    case reject_reason::operator_request: return "operator_request";
  }
  return "invalid";
}

/// One line saying what the code means.
[[nodiscard]] constexpr std::string_view describe(reject_reason r) noexcept {
  switch (r) {
    case reject_reason::accepted: return "every check passed";
    case reject_reason::malformed_order: return "the order is malformed";
    case reject_reason::halted: return "trading is halted until an explicit reset";
    case reject_reason::reducing_only: return "only orders that reduce exposure may pass";
    case reject_reason::price_unavailable: return "no usable reference price";
    case reject_reason::stale_market_data: return "the reference price is too old";
    case reject_reason::account_unavailable: return "the account cannot be valued";
    case reject_reason::max_order_quantity: return "order quantity above the limit";
    case reject_reason::max_order_notional: return "order notional above the limit";
    case reject_reason::price_collar: return "limit price too far from the reference";
    case reject_reason::position_quantity: return "post-trade position quantity above the limit";
    case reject_reason::position_notional: return "post-trade position notional above the limit";
    case reject_reason::gross_exposure: return "post-trade gross exposure above the limit";
    case reject_reason::net_exposure: return "post-trade net exposure above the limit";
    case reject_reason::leverage: return "post-trade leverage above the limit";
    case reject_reason::long_only: return "the order would leave a short position";
    case reject_reason::restricted_symbol: return "the symbol is on the restricted list";
    case reject_reason::tick_size: return "a price is not a multiple of the tick size";
    case reject_reason::lot_size: return "the quantity is not a multiple of the lot size";
    case reject_reason::daily_loss: return "the loss since the day's start reached the limit";
    case reject_reason::max_drawdown: return "the drawdown from the high-water mark reached the limit";
    case reject_reason::order_rate: return "too many orders per second";
    case reject_reason::symbol_order_rate: return "too many orders per second in the symbol";
    case reject_reason::duplicate_client_id: return "the client id was already used";
    case reject_reason::duplicate_order: return "the same order was accepted inside the window";
    case reject_reason::circuit_breaker: return "the circuit breaker is tripped";
    case reject_reason::check_capacity:
      return "a check's fixed memory for the session is full; restart the session";
    case reject_reason::operator_request: return "an operator changed the trading state";
  }
  return "invalid reason code";
}

}  // namespace bulwark::risk

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::risk::reject_reason)
