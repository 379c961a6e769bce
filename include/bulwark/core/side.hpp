// SPDX-License-Identifier: MIT
/// \file
/// \brief `side`: buy = +1, sell = -1, so `sign(side) * quantity` is the signed position
/// change and `sign(side) * (fill_price - reference)` is the slippage paid (>= 0 when the
/// fill is worse than the reference).
#pragma once

#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/detail/format.hpp"
#include "bulwark/detail/select.hpp"

namespace bulwark {

/// The direction of an order or fill. The underlying values are the signs.
enum class side : std::int8_t { buy = 1, sell = -1 };

/// +1 for a buy, -1 for a sell.
[[nodiscard]] constexpr int sign(side s) noexcept { return static_cast<int>(s); }

/// `if_buy` for a buy, else `if_sell`, selected without a branch: an order's side is as
/// good as random, so a branch on it is mispredicted half the time.
[[nodiscard]] constexpr double by_side(side s, double if_buy, double if_sell) noexcept {
  return detail::select(s == side::buy, if_buy, if_sell);
}

/// The other side: buy <-> sell.
[[nodiscard]] constexpr side opposite(side s) noexcept {
  return s == side::buy ? side::sell : side::buy;
}

/// "buy" or "sell".
[[nodiscard]] constexpr std::string_view to_string(side s) noexcept {
  return s == side::buy ? "buy" : "sell";
}

}  // namespace bulwark

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::side)
