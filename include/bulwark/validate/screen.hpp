// SPDX-License-Identifier: MIT
/// \file
/// \brief The scanning loop shared by the checks: a cheap, branch-free screen over blocks
/// of rows, and the precise (slower) test only inside blocks where the screen fires.
///
/// Clean data is the common case, so a check first asks of a whole block of rows "could
/// any of these be a problem?" with a test free of branches (the compiler keeps it in
/// registers and, where it can, in vector registers), and only then looks at single rows.
/// A screen must never miss: it may fire on a clean block, never stay quiet on a bad one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

namespace bulwark::validate::detail {

inline constexpr double infinity = std::numeric_limits<double>::infinity();

/// Calls `visit(i)` for every row i of [begin, end) for which `screen(i)` is true.
/// `screen` is evaluated for all 16 rows of a block before any branch is taken.
template <class Screen, class Visit>
void screened_rows(std::size_t begin, std::size_t end, Screen screen, Visit visit) {
  constexpr std::size_t block = 16;
  std::size_t i = begin;
  for (; i + block <= end; i += block) {
    std::uint64_t any = 0;
    for (std::size_t j = 0; j < block; ++j) any |= static_cast<std::uint64_t>(screen(i + j));
    if (any == 0) continue;
    for (std::size_t j = 0; j < block; ++j) {
      if (screen(i + j)) visit(i + j);
    }
  }
  for (; i < end; ++i) {
    if (screen(i)) visit(i);
  }
}

/// True for a price usable in arithmetic: finite and > 0. Branch-free.
[[nodiscard]] constexpr bool usable_price(double p) noexcept {
  return (p > 0.0) & (p < infinity);
}

}  // namespace bulwark::validate::detail
