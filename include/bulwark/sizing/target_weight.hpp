// SPDX-License-Identifier: MIT
/// \file
/// \brief `target_weight`: one line of a book, the signed fraction of equity a strategy
/// wants in one symbol. The input of exposure caps and of the sizer.
///
/// Synopsis
/// \code
/// struct target_weight { symbol sym; double weight; };   // 0.05 = 5 % of equity long
/// fmt::format("{}", target_weight{"AAPL", -0.05})       // "AAPL -0.05"
/// \endcode
///
/// Sign convention: weight > 0 is long, < 0 short, 0 flat. Leverage shows as weights whose
/// absolute values sum past 1.
#pragma once

#include <fmt/format.h>

#include "bulwark/core/symbol.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark::sizing {

/// The signed fraction of equity wanted in `sym`.
struct target_weight {
  symbol sym;
  double weight = 0.0;

  friend bool operator==(const target_weight&, const target_weight&) = default;
};

}  // namespace bulwark::sizing

/// Formats as `AAPL -0.05`.
template <>
struct fmt::formatter<bulwark::sizing::target_weight> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::target_weight& t, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} {}", t.sym, t.weight);
  }
};
