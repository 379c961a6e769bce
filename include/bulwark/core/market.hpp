// SPDX-License-Identifier: MIT
/// \file
/// \brief `market_snapshot`: the latest quote and trade per symbol, and the one
/// fail-closed way to get a price from it. Sizing, the risk gate and the simulated broker
/// all price orders through `reference_price`, so none of them can use a hard-coded,
/// missing, non-finite, stale or future price.
///
/// Synopsis
/// \code
/// market_snapshot m{500};
/// m.set_quote("AAPL", 189.98, 190.02, t);   m.set_last("AAPL", 190.00, t);
/// price_check p = m.reference_price("AAPL", now, std::chrono::seconds{5});
/// if (!p.ok()) reject(p.status);            // unknown_symbol, stale, crossed, ...
/// \endcode
///
/// The reference price is the mid of the quote when the quote is usable and fresh, else
/// the last trade when that is usable and fresh. Otherwise the lookup fails with the
/// reason found on the quote when one was ever set, else on the last trade.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/quote.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/core/symbol_map.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark {

/// Why a price lookup failed (or `ok`). Values are stable.
enum class price_status : std::uint8_t {
  ok = 0,
  unknown_symbol = 1,  ///< the snapshot has never seen the symbol
  no_price = 2,        ///< the symbol is known but has neither quote nor trade
  non_finite = 3,      ///< a price (or one side of the quote) is NaN or infinite
  non_positive = 4,    ///< a price is <= 0
  crossed = 5,         ///< bid > ask
  stale = 6,           ///< older than the allowed age
  from_future = 7,     ///< timestamped after `now` (clock skew or look-ahead)
};

[[nodiscard]] constexpr std::string_view to_string(price_status s) noexcept {
  switch (s) {
    case price_status::ok: return "ok";
    case price_status::unknown_symbol: return "unknown symbol";
    case price_status::no_price: return "no price";
    case price_status::non_finite: return "non-finite price";
    case price_status::non_positive: return "non-positive price";
    case price_status::crossed: return "crossed quote";
    case price_status::stale: return "stale price";
    case price_status::from_future: return "price timestamped in the future";
  }
  return "invalid";
}

/// The outcome of a price lookup: a usable price, or NaN and the reason.
struct price_check {
  double price = std::numeric_limits<double>::quiet_NaN();
  price_status status = price_status::unknown_symbol;
  /// When the price was observed; for a stale price, when the newest price judged stale
  /// was (its age is how stale the data is); zero otherwise.
  timestamp time{};

  [[nodiscard]] constexpr bool ok() const noexcept { return status == price_status::ok; }
};

/// The latest market data for one symbol. NaN means "never set".
struct market_data {
  double bid = std::numeric_limits<double>::quiet_NaN();
  double ask = std::numeric_limits<double>::quiet_NaN();
  double last = std::numeric_limits<double>::quiet_NaN();
  timestamp quote_time{};
  timestamp trade_time{};

  /// A quote was set (one side at least is not NaN); `quote_time` means nothing otherwise.
  [[nodiscard]] bool has_quote() const noexcept { return !std::isnan(bid) || !std::isnan(ask); }
  /// A trade was set; `trade_time` means nothing otherwise.
  [[nodiscard]] bool has_last() const noexcept { return !std::isnan(last); }
};

class market_snapshot {
 public:
  market_snapshot() = default;
  /// A snapshot that holds `expected_symbols` without reallocating.
  explicit market_snapshot(std::size_t expected_symbols) : data_(expected_symbols) {}

  /// Records the top of book. Any values are stored as given; lookups judge them.
  void set_quote(const symbol& sym, double bid, double ask, timestamp time) {
    market_data& d = data_[sym];
    d.bid = bid;
    d.ask = ask;
    d.quote_time = time;
  }
  void set_quote(const symbol& sym, const quote& q) { set_quote(sym, q.bid, q.ask, q.time); }

  /// Records the last trade price.
  void set_last(const symbol& sym, double price, timestamp time) {
    market_data& d = data_[sym];
    d.last = price;
    d.trade_time = time;
  }

  /// The stored data, or nullptr for an unknown symbol.
  [[nodiscard]] const market_data* find(const symbol& sym) const noexcept {
    return data_.find(sym);
  }
  [[nodiscard]] std::size_t size() const noexcept { return data_.size(); }

  /// The price to value or check an order at `now`: the quote's mid when usable and no
  /// older than `max_age`, else the last trade under the same conditions. Never throws,
  /// never allocates. Precondition: max_age >= 0.
  [[nodiscard]] price_check reference_price(const symbol& sym, timestamp now,
                                            duration max_age) const noexcept {
    BULWARK_EXPECTS(max_age >= duration::zero());
    const market_data* d = data_.find(sym);
    if (d == nullptr) [[unlikely]] return {};
    // The common case, a usable fresh quote, in one test before any diagnosis.
    if (usable(d->bid, d->ask, d->quote_time, now, max_age)) [[likely]] {
      return {detail::mid_of(d->bid, d->ask), price_status::ok, d->quote_time};
    }
    const bool has_quote = d->has_quote();
    const price_status quote_status =
        has_quote ? judge(d->bid, d->ask, d->quote_time, now, max_age) : price_status::no_price;
    const price_status last_status = d->has_last()
                                         ? judge(d->last, d->last, d->trade_time, now, max_age)
                                         : price_status::no_price;
    if (last_status == price_status::ok) return {d->last, price_status::ok, d->trade_time};
    const price_status status = has_quote ? quote_status : last_status;
    if (status != price_status::stale) return {std::numeric_limits<double>::quiet_NaN(), status, {}};
    // Stale: the quote (when it is the one reported), and the trade too when it is stale.
    const bool quote_stale = quote_status == price_status::stale;
    const bool last_stale = last_status == price_status::stale;
    const timestamp newest = quote_stale && last_stale ? std::max(d->quote_time, d->trade_time)
                             : quote_stale             ? d->quote_time
                                                       : d->trade_time;
    return {std::numeric_limits<double>::quiet_NaN(), status, newest};
  }

 private:
  // True exactly when judge() gives ok: 0 < low <= high <= the largest double makes both
  // finite, positive and uncrossed (NaN fails every comparison) in three comparisons.
  static bool usable(double low, double high, timestamp time, timestamp now,
                     duration max_age) noexcept {
    return low > 0.0 && low <= high && high <= std::numeric_limits<double>::max() &&
           within_age(time, now, max_age);
  }
  // The status of a price pair (bid/ask, or last twice) observed at `time`.
  static price_status judge(double low, double high, timestamp time, timestamp now,
                            duration max_age) noexcept {
    if (!std::isfinite(low) || !std::isfinite(high)) return price_status::non_finite;
    if (low <= 0.0 || high <= 0.0) return price_status::non_positive;
    if (low > high) return price_status::crossed;
    if (time > now) return price_status::from_future;
    if (!within_age(time, now, max_age)) return price_status::stale;
    return price_status::ok;
  }

  symbol_map<market_data> data_;
};

}  // namespace bulwark

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::price_status)

/// Formats as `190 @ 2024-06-03T14:29:58Z`, or the reason when the lookup failed.
template <>
struct fmt::formatter<bulwark::price_check> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::price_check& p, FormatContext& ctx) const -> decltype(ctx.out()) {
    if (!p.ok()) return fmt::format_to(ctx.out(), "no price: {}", p.status);
    return fmt::format_to(ctx.out(), "{} @ {}", p.price, bulwark::iso8601(p.time));
  }
};

/// Formats as `bid 189.98 ask 190.02 @ <time>, last 190.1 @ <time>`.
template <>
struct fmt::formatter<bulwark::market_data> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::market_data& d, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "bid {} ask {} @ {}, last {} @ {}", d.bid, d.ask,
                          bulwark::iso8601(d.quote_time), d.last, bulwark::iso8601(d.trade_time));
  }
};
