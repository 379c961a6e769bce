// SPDX-License-Identifier: MIT
/// \file
/// \brief Corporate actions as events on ex-dates (splits and cash dividends), and the
/// dividend conventions that turn a dividend into a backward price factor.
///
/// Synopsis
/// \code
/// struct corporate_action { date::sys_days ex_date; double split_ratio = 1; double dividend = 0; };
/// struct dividend_context { double dividend, prior_close, ex_date_close; };
/// template <class P> concept DividendConvention;   // P{}.reference_price(dividend_context) -> double
/// struct prior_close;     // reference = close of the session before the ex-date (CRSP, Yahoo, Lean)
/// struct ex_date_close;   // reference = ex-date close + dividend (Alpha Vantage)
/// std::vector<corporate_action> events_from_columns(dates, dividends, split_ratios);
/// void require_valid_events(std::span<const corporate_action>);
/// \endcode
///
/// A dividend D with reference price R moves every earlier price by the factor 1 - D / R,
/// so that the total return across the ex-date is unchanged:
///
/// | convention | R | factor | used by |
/// |---|---|---|---|
/// | `prior_close` | close on the last session before the ex-date | 1 - D / C[e-1] | CRSP, Yahoo, Lean factor files |
/// | `ex_date_close` | close on the ex-date + D | C[e] / (C[e] + D) | Alpha Vantage `adjusted_close` |
///
/// A split of `split_ratio` new shares per old share (2 for a 2-for-1, 0.1 for a 1-for-10
/// reverse split) divides earlier prices and multiplies earlier volumes by the ratio.
/// A spin-off that a vendor encodes as a split (ABT 2004-05-03, 1.06883) is just a split here.
#pragma once

#include <cmath>
#include <concepts>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark::data {

/// One corporate action: what happens at the open of `ex_date`. Both a split and a dividend
/// may fall on the same date; the dividend is then per post-split share (the vendor's
/// convention: it is compared with post-split prices).
struct corporate_action {
  date::sys_days ex_date{};
  double split_ratio = 1.0;  ///< new shares per old share; 1 = no split; finite and > 0
  double dividend = 0.0;     ///< cash per share, in the price currency; finite and >= 0

  friend bool operator==(const corporate_action&, const corporate_action&) = default;
};

/// The prices a dividend convention may use for one event.
struct dividend_context {
  double dividend = 0.0;     ///< the cash amount, > 0
  double prior_close = 0.0;  ///< close of the last bar before the ex-date (NaN if none)
  double ex_date_close = 0.0;  ///< close of the first bar on or after the ex-date (NaN if none)
};

/**
 * @brief A rule that says what price a cash dividend is measured against.
 *
 * | expression | type | meaning |
 * |---|---|---|
 * | `P::name` | convertible to `std::string_view` | the convention's name, for messages |
 * | `p.reference_price(c)` (`const P& p`, `const dividend_context& c`), noexcept | `double` | R in the factor 1 - D / R; NaN when the prices it needs are missing |
 *
 * The library checks R: it must be finite and greater than the dividend, else the event is
 * reported as an `input_error` (id `bulwark.data.corporate_actions`).
 * Models: `prior_close`, `ex_date_close`. See docs/data.md#dividend-conventions.
 */
template <class P>
concept DividendConvention = requires(const P& p, const dividend_context& c) {
  { P::name } -> std::convertible_to<std::string_view>;
  { p.reference_price(c) } noexcept -> std::same_as<double>;
};

/// Factor 1 - D / C[e-1]: CRSP's and Yahoo's convention, and Lean's factor files.
struct prior_close {
  static constexpr std::string_view name = "prior_close";
  [[nodiscard]] double reference_price(const dividend_context& c) const noexcept { return c.prior_close; }
};

/// Factor C[e] / (C[e] + D): the convention of Alpha Vantage's `adjusted_close`.
struct ex_date_close {
  static constexpr std::string_view name = "ex_date_close";
  [[nodiscard]] double reference_price(const dividend_context& c) const noexcept {
    return c.ex_date_close + c.dividend;
  }
};

/// Throws `input_error` (id `bulwark.data.corporate_actions`) naming the first event whose
/// ex-date is not after the previous one's, whose split ratio is not finite and > 0, or
/// whose dividend is not finite and >= 0.
inline void require_valid_events(std::span<const corporate_action> events) {
  for (std::size_t k = 0; k < events.size(); ++k) {
    const corporate_action& e = events[k];
    if (!(std::isfinite(e.split_ratio) && e.split_ratio > 0.0)) {
      throw_input_error("bulwark.data.corporate_actions",
                        "events[{}] ({}): split ratio {} must be finite and > 0", k,
                        iso8601(e.ex_date), e.split_ratio);
    }
    if (!(std::isfinite(e.dividend) && e.dividend >= 0.0)) {
      throw_input_error("bulwark.data.corporate_actions",
                        "events[{}] ({}): dividend {} must be finite and >= 0", k,
                        iso8601(e.ex_date), e.dividend);
    }
    if (k > 0 && !(events[k - 1].ex_date < e.ex_date)) {
      throw_input_error("bulwark.data.corporate_actions",
                        "events[{}] ex-date {} is not after events[{}] ex-date {}; expected strictly "
                        "increasing ex-dates (one event per date)",
                        k, iso8601(e.ex_date), k - 1, iso8601(events[k - 1].ex_date));
    }
  }
}

/// The events in per-row columns such as Alpha Vantage's `dividend_amount` and
/// `split_coefficient`: one event for each row whose dividend is not 0 or whose split ratio
/// is not 1, dated that row. Rows must be in increasing date order. Throws `input_error`
/// (id `bulwark.data.corporate_actions`) for columns of different lengths, and for a bad
/// value or an out-of-order date (see `require_valid_events`).
[[nodiscard]] inline std::vector<corporate_action> events_from_columns(
    std::span<const date::sys_days> dates, std::span<const double> dividends,
    std::span<const double> split_ratios) {
  if (dividends.size() != dates.size() || split_ratios.size() != dates.size()) {
    throw_input_error("bulwark.data.corporate_actions",
                      "{} dates, {} dividends and {} split ratios; expected equal lengths",
                      dates.size(), dividends.size(), split_ratios.size());
  }
  std::vector<corporate_action> events;
  for (std::size_t i = 0; i < dates.size(); ++i) {
    if (dividends[i] != 0.0 || split_ratios[i] != 1.0) {
      events.push_back({.ex_date = dates[i], .split_ratio = split_ratios[i], .dividend = dividends[i]});
    }
  }
  require_valid_events(events);
  return events;
}

}  // namespace bulwark::data

/// Formats as `2014-06-09 split 7 dividend 0`.
template <>
struct fmt::formatter<bulwark::data::corporate_action> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::data::corporate_action& e, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} split {} dividend {}", bulwark::iso8601(e.ex_date),
                          e.split_ratio, e.dividend);
  }
};
