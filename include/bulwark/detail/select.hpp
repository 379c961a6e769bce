// SPDX-License-Identifier: MIT
/// \file
/// \brief Selection by bit mask, without a branch, for hot-path choices whose condition is
/// as good as random (an order's side, whether its symbol is held). A branch on such a
/// condition is mispredicted about half the time, and a misprediction costs more than
/// computing both values and masking one away.
#pragma once

#include <bit>
#include <cstdint>

namespace bulwark::detail {

/// All ones when `condition`, else zero.
[[nodiscard]] constexpr std::uint64_t mask_of(bool condition) noexcept {
  return std::uint64_t{0} - std::uint64_t{condition};
}

/// `if_true` when `condition`, else `if_false`, bit for bit (NaN payloads and -0.0 kept).
[[nodiscard]] constexpr double select(bool condition, double if_true, double if_false) noexcept {
  const std::uint64_t mask = mask_of(condition);
  return std::bit_cast<double>((std::bit_cast<std::uint64_t>(if_true) & mask) |
                               (std::bit_cast<std::uint64_t>(if_false) & ~mask));
}

/// The same for pointers. Not constexpr: an address is not a constant expression.
template <class T>
[[nodiscard]] T* select(bool condition, T* if_true, T* if_false) noexcept {
  const auto mask = static_cast<std::uintptr_t>(mask_of(condition));
  return reinterpret_cast<T*>((reinterpret_cast<std::uintptr_t>(if_true) & mask) |
                              (reinterpret_cast<std::uintptr_t>(if_false) & ~mask));
}

}  // namespace bulwark::detail
