// SPDX-License-Identifier: MIT
/// \file
/// \brief Checks of quotes (`QuoteCheck` policies for `quote_validator`): crossed books
/// (`crossed_quote`), locked books (`locked_quote`) and quotes missing a side
/// (`one_sided_quote`).
///
/// Synopsis
/// \code
/// crossed_quote{.level = severity::error}      // id "crossed_quote":  bid > ask
/// locked_quote{.level = severity::warning}     // id "locked_quote":   bid == ask
/// one_sided_quote{.level = severity::warning}  // id "one_sided_quote": a side missing,
///                                              //   zero or not finite (or both)
/// \endcode
///
/// The definitions are core's `quote::is_crossed`, `is_locked` and `is_one_sided`, so the
/// validator and `market_snapshot` agree on what a usable quote is. O(n), no allocation.
#pragma once

#include <cstddef>
#include <string_view>

#include "bulwark/core/quote.hpp"
#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/finding.hpp"

namespace bulwark::validate {

/// bid > ask with both sides present.
struct crossed_quote {
  static constexpr std::string_view id = "crossed_quote";
  severity level = severity::error;

  void scan(quote_scan& s) const {
    const auto q = s.quotes();
    for (std::size_t i = s.begin(); i < s.end(); ++i) {
      if (q[i].is_crossed()) {
        s.flag(i, level, "bid above ask", {{"bid", q[i].bid}, {"ask", q[i].ask}});
      }
    }
  }
};

/// bid == ask with both sides present.
struct locked_quote {
  static constexpr std::string_view id = "locked_quote";
  severity level = severity::warning;

  void scan(quote_scan& s) const {
    const auto q = s.quotes();
    for (std::size_t i = s.begin(); i < s.end(); ++i) {
      if (q[i].is_locked()) s.flag(i, level, "bid equals ask", {{"price", q[i].bid}});
    }
  }
};

/// A side missing, zero or not finite.
struct one_sided_quote {
  static constexpr std::string_view id = "one_sided_quote";
  severity level = severity::warning;

  void scan(quote_scan& s) const {
    const auto q = s.quotes();
    for (std::size_t i = s.begin(); i < s.end(); ++i) {
      if (q[i].is_one_sided()) {
        s.flag(i, level, q[i].has_bid() ? "ask missing" : "bid missing",
               {{"bid", q[i].bid}, {"ask", q[i].ask}});
      } else if (!q[i].has_bid()) {
        s.flag(i, level, "both sides missing", {{"bid", q[i].bid}, {"ask", q[i].ask}});
      }
    }
  }
};

}  // namespace bulwark::validate
