// SPDX-License-Identifier: MIT
/// \file
/// \brief The scanning loop shared by the checks: a cheap screen over blocks of rows,
/// and the precise test only inside blocks where the screen fires; `row_screen`, the
/// screen a check hands the validator, and `bar_columns`, the columns its margin reads.
///
/// Synopsis
/// \code
/// struct my_check {                     // a BarCheck whose rows the validator screens
///   static constexpr std::string_view id = "my_check";
///   auto screen(bar_scan& s) const {    // the rows, a margin, the exact test
///     return row_screen{s.begin(), s.end(),
///                       [](const bar_columns& b, std::size_t i) { return margin_of(b, i); },
///                       [&s](std::size_t i) { if (bad(i)) s.flag(i, ...); }};
///   }
///   void scan(bar_scan& s) const { run_screen(s, screen(s)); }  // the screen alone
/// };
/// \endcode
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
///
/// A validator screens all its checks that have a `screen` together (`run_screens`): one
/// pass over a tile computes every check's margin row by row, so each value is loaded
/// once and one branch per block serves every check.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <tuple>
#include <utility>

#include "bulwark/core/bar.hpp"
#include "bulwark/core/error.hpp"
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

}  // namespace bulwark::validate::detail

namespace bulwark::validate {

/// The columns of a series as the screens read them, with the usability test every price
/// check shares. The validator hands one copy to all the margins of a tile, so the
/// compiler sees that they read the same rows and loads each value once for all of them.
struct bar_columns {
  explicit bar_columns(const bar_series& s) noexcept
      : time(s.times().data()), open(s.open().data()), high(s.high().data()),
        low(s.low().data()), close(s.close().data()), volume(s.volume().data()) {}

  /// Negative unless row i's four prices are finite and > 0.
  [[nodiscard]] std::int64_t unusable(std::size_t i) const noexcept {
    using detail::unusable_margin;
    return unusable_margin(open[i]) | unusable_margin(high[i]) | unusable_margin(low[i]) |
           unusable_margin(close[i]);
  }
  [[nodiscard]] bool usable(std::size_t i) const noexcept { return unusable(i) >= 0; }

  const timestamp* time;
  const double* open;
  const double* high;
  const double* low;
  const double* close;
  const double* volume;
};

/// A check's screen over one tile, what its `screen(bar_scan&)` returns: the rows
/// [first, last) it examines through `margin(columns, i)` (a `bar_columns`; negative where
/// row i may be a problem, and safe to evaluate anywhere in [first, last)), and
/// `visit(i)`, the exact test of such a row (complete in itself: it may be called for any
/// row of the range). `active` false: the check has examined its rows itself already
/// (exactly, as corporate actions require of some checks) and its visits are skipped,
/// though the validator may still compute its margin alongside the others'. The rows lie
/// within the tile: s.begin() <= first <= last <= s.end() (a contract: see
/// `expect_within_tile`).
template <class Margin, class Visit>
struct row_screen {
  std::size_t first;
  std::size_t last;
  Margin margin;
  Visit visit;
  bool active = true;
};
template <class Margin, class Visit>
row_screen(std::size_t, std::size_t, Margin, Visit, bool = true) -> row_screen<Margin, Visit>;

}  // namespace bulwark::validate

namespace bulwark::validate::detail {

/// Negative when |t| >= 2^62 (so differences of times that pass cannot overflow).
[[nodiscard]] constexpr std::int64_t extreme_time_margin(std::int64_t t) noexcept {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(t) ^ (static_cast<std::uint64_t>(t) << 1));
}

// g++ -O2 leaves the vector loop over a block rolled. For one check's screen its counter
// and branch are then about a sixth of the instructions, so it is unrolled; the fused
// screen of the validator's checks is large enough that unrolling it only spills registers
// (8 % slower on a Zen 4 core), so it is kept rolled. (Clang interleaves that loop by
// itself, and the pragmas would stop it.)
#if defined(__GNUC__) && !defined(__clang__)
#define BULWARK_DETAIL_SCREEN_UNROLL _Pragma("GCC unroll 8")
#define BULWARK_DETAIL_SCREEN_ROLLED _Pragma("GCC unroll 1")
#else
#define BULWARK_DETAIL_SCREEN_UNROLL
#define BULWARK_DETAIL_SCREEN_ROLLED
#endif

/// Rows whose margins are combined before a branch: two cache lines of a column.
inline constexpr std::size_t screen_block = 32;

/// The first i' >= i, in steps of `screen_block`, whose block [i', i' + screen_block) has a
/// negative margin; or the first with less than a block left before `end`. `Unroll`: the
/// loop over a block is unrolled (for a small margin).
template <bool Unroll, class Margin>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline std::size_t next_flagged_block(
    std::size_t i, std::size_t end, const Margin& margin) {
  for (const std::size_t whole = bulwark::detail::whole_groups_end(i, end, screen_block); i < whole;
       i += screen_block) {
    std::int64_t any = 0;
    if constexpr (Unroll) {
      BULWARK_DETAIL_SCREEN_UNROLL
      for (std::size_t j = 0; j < screen_block; ++j) any |= margin(i + j);
    } else {
      BULWARK_DETAIL_SCREEN_ROLLED
      for (std::size_t j = 0; j < screen_block; ++j) any |= margin(i + j);
    }
    if (any < 0) break;
  }
  return i;
}

#if BULWARK_DETAIL_AVX2_SCANS
/// The same loop compiled for AVX2, four rows per instruction, for builds without it (the
/// margin, a lambda, is inlined into it).
template <bool Unroll, class Margin>
[[gnu::target("avx2")]] std::size_t next_flagged_block_avx2(std::size_t i, std::size_t end,
                                                            const Margin& margin) {
  return next_flagged_block<Unroll>(i, end, margin);
}
#endif

/// Calls `visit_rows(a, b)` for every block [a, b) of [begin, end) that may hold a row with
/// a negative `margin`: the blocks of `screen_block` rows whose combined margin is negative
/// (the margins of a block are combined before any branch is taken, with the instructions
/// `kernel` names), and the rows left after the last whole block.
template <bool Unroll, class Margin, class VisitRows>
void screened_blocks(scan_kernel kernel, std::size_t begin, std::size_t end, const Margin& margin,
                     VisitRows&& visit_rows) {
  if (end <= begin) return;
  std::size_t i = begin;
  for (;;) {
#if BULWARK_DETAIL_AVX2_SCANS
    i = kernel == scan_kernel::avx2 ? next_flagged_block_avx2<Unroll>(i, end, margin)
                                    : next_flagged_block<Unroll>(i, end, margin);
#else
    static_cast<void>(kernel);
    i = next_flagged_block<Unroll>(i, end, margin);
#endif
    if (end - i < screen_block) break;  // (i <= end)
    visit_rows(i, i + screen_block);
    i += screen_block;
  }
  if (i < end) visit_rows(i, end);
}

/// Calls `visit(i)` for every row i of [begin, end) whose `margin(i)` is negative, the
/// margins screened a block at a time (`screened_blocks`). `visit` makes the exact test.
template <class Margin, class Visit>
void screened_rows(scan_kernel kernel, std::size_t begin, std::size_t end, Margin margin,
                   Visit visit) {
  screened_blocks<true>(kernel, begin, end, margin, [&](std::size_t a, std::size_t b) {
    for (std::size_t i = a; i < b; ++i) {
      if (margin(i) < 0) visit(i);
    }
  });
}

/// The contract of a screen's rows: within the tile `s` is scanning (a screen past it
/// would read past the series, or examine a row another tile examines too).
template <class Screen>
void expect_within_tile(const Screen& screen, const bar_scan& s) {
  BULWARK_EXPECTS(s.begin() <= screen.first && screen.first <= screen.last &&
                  screen.last <= s.end());
}

/// Runs the screens of one or more checks over a tile in one pass: the margins of all of
/// them are combined, row by row, over the rows they all cover, so each value is loaded
/// once for all the checks, the arithmetic of the checks overlaps the loads, and one
/// branch serves a block of rows for all of them; in a flagged block each active check
/// tests its own rows. The few rows that only some screens cover (the first and last rows
/// of a series, whose neighbours are missing) are screened check by check. `enter(j)` is
/// called before the visits of `std::get<j>(screens)`.
template <class... Screens, class Enter>
void run_screens(scan_kernel kernel, const bar_columns& columns,
                 const std::tuple<Screens...>& screens, Enter enter) {
  constexpr auto all = std::index_sequence_for<Screens...>{};
  const auto each_active = [&]<std::size_t... J>(std::index_sequence<J...>, const auto& f) {
    const auto one = [&](std::size_t j, const auto& s) {
      if (!s.active) return;
      enter(j);
      f(s);
    };
    (one(J, std::get<J>(screens)), ...);
  };
  std::size_t from = 0;
  std::size_t to = std::numeric_limits<std::size_t>::max();
  bool any_active = false;
  std::apply(
      [&](const auto&... s) {
        ((from = std::max(from, s.first), to = std::min(to, s.last), any_active |= s.active), ...);
      },
      screens);
  if (!any_active) return;
  const auto rows_of = [&](const auto& s, std::size_t begin, std::size_t end) {
    const auto margin = [&](std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
      return s.margin(columns, i);
    };
    screened_rows(kernel, begin, end, margin, s.visit);
  };
  if (to <= from) {  // no row that every screen covers
    each_active(all, [&](const auto& s) { rows_of(s, s.first, s.last); });
    return;
  }
  each_active(all, [&](const auto& s) {
    rows_of(s, s.first, from);
    rows_of(s, to, s.last);
  });
  const auto margin = [&](std::size_t i) BULWARK_DETAIL_ALWAYS_INLINE {
    return [&]<std::size_t... J>(std::index_sequence<J...>) BULWARK_DETAIL_ALWAYS_INLINE {
      return (std::get<J>(screens).margin(columns, i) | ...);
    }(all);
  };
  constexpr bool one_screen = sizeof...(Screens) == 1;  // a small margin: unrolled
  screened_blocks<one_screen>(kernel, from, to, margin, [&](std::size_t a, std::size_t b) {
    each_active(all, [&](const auto& s) {
      for (std::size_t i = a; i < b; ++i) {
        if (s.margin(columns, i) < 0) s.visit(i);
      }
    });
  });
}

}  // namespace bulwark::validate::detail

namespace bulwark::validate {

/// The scan of a check that has a screen, run on its own (`validator` runs the screens of
/// all its checks together instead).
template <class Screen>
void run_screen(const bar_scan& s, const Screen& screen) {
  detail::expect_within_tile(screen, s);
  detail::run_screens(s.kernel(), bar_columns{s.bars()}, std::tuple<const Screen&>{screen},
                      [](std::size_t) {});
}

}  // namespace bulwark::validate
