// SPDX-License-Identifier: MIT
/// \file
/// \brief The scanning loop shared by the checks: a cheap screen over blocks of rows,
/// and the precise test only inside blocks where the screen fires.
///
/// Clean data is the common case, so a check first asks of a whole block of rows "could
/// any of these be a problem?" and only then looks at single rows. The screen of a row is
/// a *margin*: a 64-bit integer that is negative when the row may be a problem. Margins
/// are built from integer arithmetic on the bit patterns of the doubles and from
/// differences of doubles (whose sign bit says which is larger), combined with `|`, so a
/// block's screen is an OR over 32 rows that g++ -O2 turns into vector code without
/// branches: at the build's width, or four rows at a time where the validator chose the
/// AVX2 kernel (`scan_kernel`). A margin must never miss: it may be negative for a clean
/// row (the exact test then says no), never non-negative for a bad one, for every row the
/// exact test examines.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "bulwark/core/bar.hpp"
#include "bulwark/detail/lanes.hpp"
#include "bulwark/validate/bar_check.hpp"

namespace bulwark::validate::detail {

inline constexpr double infinity = std::numeric_limits<double>::infinity();

/// The bit pattern of x as a signed integer: negative exactly when x's sign bit is set. For
/// finite a and b, bits(a - b) is negative exactly when a < b (x - x is +0).
[[nodiscard]] constexpr std::int64_t bits(double x) noexcept { return std::bit_cast<std::int64_t>(x); }

/// a - b modulo 2^64 (no overflow, hence no undefined behaviour, for any bit patterns).
[[nodiscard]] constexpr std::int64_t wrapping_difference(std::int64_t a, std::int64_t b) noexcept {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}

/// The largest finite double's bit pattern.
inline constexpr std::int64_t largest_finite_bits = 0x7fefffffffffffffLL;

/// Negative unless p is finite and > 0. Positive finite doubles are the bit patterns
/// 1 .. largest_finite_bits, and among them integer order is numeric order. (A negative
/// pattern makes the first term negative, or, for -0, the second.)
[[nodiscard]] constexpr std::int64_t unusable_margin(double p) noexcept {
  const std::int64_t b = bits(p);
  return wrapping_difference(b, 1) | wrapping_difference(largest_finite_bits, b);
}

/// Negative unless v is finite and >= 0 (-0 included: the exact test clears it).
[[nodiscard]] constexpr std::int64_t negative_or_not_finite_margin(double v) noexcept {
  const std::int64_t b = bits(v);
  return b | wrapping_difference(largest_finite_bits, b);
}

/// True for a price usable in arithmetic: finite and > 0.
[[nodiscard]] constexpr bool usable_price(double p) noexcept { return unusable_margin(p) >= 0; }

/// The price columns of a series, with the usability test every price check shares.
struct price_columns {
  explicit price_columns(const bar_series& s) noexcept
      : open(s.open().data()), high(s.high().data()), low(s.low().data()), close(s.close().data()) {}

  /// Negative unless row i's four prices are finite and > 0.
  [[nodiscard]] std::int64_t unusable(std::size_t i) const noexcept {
    return unusable_margin(open[i]) | unusable_margin(high[i]) | unusable_margin(low[i]) |
           unusable_margin(close[i]);
  }
  [[nodiscard]] bool usable(std::size_t i) const noexcept { return unusable(i) >= 0; }

  const double* open;
  const double* high;
  const double* low;
  const double* close;
};

/// Negative when |t| >= 2^62 (so differences of times that pass cannot overflow).
[[nodiscard]] constexpr std::int64_t extreme_time_margin(std::int64_t t) noexcept {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(t) ^ (static_cast<std::uint64_t>(t) << 1));
}

// g++ -O2 leaves the vector loop over a block rolled, and its counter and branch are then
// about a sixth of the default validator's instructions. (Clang interleaves that loop by
// itself, and the pragma would stop it.)
#if defined(__GNUC__) && !defined(__clang__)
#define BULWARK_DETAIL_SCREEN_UNROLL _Pragma("GCC unroll 8")
#else
#define BULWARK_DETAIL_SCREEN_UNROLL
#endif

/// Rows whose margins are combined before a branch: two cache lines of a column.
inline constexpr std::size_t screen_block = 32;

/// The first i' >= i, in steps of `screen_block`, whose block [i', i' + screen_block) has a
/// negative margin; or the first with less than a block left before `end`.
template <class Margin>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline std::size_t next_flagged_block(
    std::size_t i, std::size_t end, const Margin& margin) {
  for (const std::size_t whole = bulwark::detail::whole_groups_end(i, end, screen_block); i < whole;
       i += screen_block) {
    std::int64_t any = 0;
    BULWARK_DETAIL_SCREEN_UNROLL
    for (std::size_t j = 0; j < screen_block; ++j) any |= margin(i + j);
    if (any < 0) break;
  }
  return i;
}

#if BULWARK_DETAIL_AVX2_SCANS
/// The same loop compiled for AVX2, four rows per instruction, for builds without it (the
/// margin, a lambda, is inlined into it).
template <class Margin>
[[gnu::target("avx2")]] std::size_t next_flagged_block_avx2(std::size_t i, std::size_t end,
                                                            const Margin& margin) {
  return next_flagged_block(i, end, margin);
}
#endif

/// Calls `visit(i)` for every row i of [begin, end) whose `margin(i)` is negative; the
/// margins of a block of rows are combined before any branch is taken, with the
/// instructions `kernel` names. `visit` makes the exact test.
template <class Margin, class Visit>
void screened_rows(scan_kernel kernel, std::size_t begin, std::size_t end, Margin margin,
                   Visit visit) {
  if (end <= begin) return;
  std::size_t i = begin;
  for (;;) {
#if BULWARK_DETAIL_AVX2_SCANS
    i = kernel == scan_kernel::avx2 ? next_flagged_block_avx2(i, end, margin)
                                    : next_flagged_block(i, end, margin);
#else
    static_cast<void>(kernel);
    i = next_flagged_block(i, end, margin);
#endif
    if (end - i < screen_block) break;  // (i <= end)
    for (std::size_t j = 0; j < screen_block; ++j) {
      if (margin(i + j) < 0) visit(i + j);
    }
    i += screen_block;
  }
  for (; i < end; ++i) {
    if (margin(i) < 0) visit(i);
  }
}

}  // namespace bulwark::validate::detail
