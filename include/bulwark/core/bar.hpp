// SPDX-License-Identifier: MIT
/// \file
/// \brief `bar` (one OHLCV interval) and `bar_series` (one symbol's bars as a
/// struct of arrays, so each column is a contiguous `std::span<const double>` for the
/// batch functions).
///
/// Synopsis
/// \code
/// struct bar { timestamp time; double open, high, low, close, volume; bool ok() const; };
/// bar_series s{"AAPL"};
/// s.push_back(bar{...});              // keeps the bar as given; validation is validate::'s job
/// s.close();  s.times();  s[i];       // columns as spans; one bar by value
/// bar_series::from_columns(sym, times, open, high, low, close, volume);
/// \endcode
///
/// A series stores what it is given, in the order given: it never drops, sorts or fixes a
/// bar, because a silent repair hides the problem. Finding bad bars (non-positive prices,
/// OHLC inconsistency, out-of-order times) is the validator's job.
#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark {

/// One open-high-low-close-volume interval. `time` is the start of the interval (UTC).
struct bar {
  timestamp time{};
  double open = 0.0;
  double high = 0.0;
  double low = 0.0;
  double close = 0.0;
  double volume = 0.0;  ///< units traded (shares, contracts, coins); >= 0

  /// True when every price is finite and > 0, low <= min(open, close),
  /// max(open, close) <= high, and volume is finite and >= 0.
  [[nodiscard]] bool ok() const noexcept {
    const bool prices_ok = std::isfinite(open) && std::isfinite(high) && std::isfinite(low) &&
                           std::isfinite(close) && low > 0.0;
    return prices_ok && low <= open && low <= close && open <= high && close <= high &&
           std::isfinite(volume) && volume >= 0.0;
  }

  friend bool operator==(const bar&, const bar&) = default;
};

/// The bars of one symbol as parallel columns.
class bar_series {
 public:
  bar_series() = default;
  explicit bar_series(symbol sym) : symbol_(sym) {}

  /// A series from columns of equal length. Throws `input_error`
  /// (id `bulwark.core.bar_series`) naming the column whose length differs.
  static bar_series from_columns(symbol sym, std::vector<timestamp> times,
                                 std::vector<double> open, std::vector<double> high,
                                 std::vector<double> low, std::vector<double> close,
                                 std::vector<double> volume) {
    const std::size_t n = times.size();
    const auto check = [n](std::size_t size, const char* name) {
      if (size != n) {
        throw_input_error("bulwark.core.bar_series",
                          "column '{}' has {} values but 'time' has {}; expected equal lengths",
                          name, size, n);
      }
    };
    check(open.size(), "open");
    check(high.size(), "high");
    check(low.size(), "low");
    check(close.size(), "close");
    check(volume.size(), "volume");
    bar_series s{sym};
    s.time_ = std::move(times);
    s.open_ = std::move(open);
    s.high_ = std::move(high);
    s.low_ = std::move(low);
    s.close_ = std::move(close);
    s.volume_ = std::move(volume);
    return s;
  }

  [[nodiscard]] const symbol& sym() const noexcept { return symbol_; }
  [[nodiscard]] std::size_t size() const noexcept { return time_.size(); }
  [[nodiscard]] bool empty() const noexcept { return time_.empty(); }

  void reserve(std::size_t n) {
    time_.reserve(n);
    open_.reserve(n);
    high_.reserve(n);
    low_.reserve(n);
    close_.reserve(n);
    volume_.reserve(n);
  }

  /// Appends `b` as given (no validation; see the file comment).
  void push_back(const bar& b) {
    time_.push_back(b.time);
    open_.push_back(b.open);
    high_.push_back(b.high);
    low_.push_back(b.low);
    close_.push_back(b.close);
    volume_.push_back(b.volume);
  }

  /// Bar `i` by value. Precondition: i < size() (`BULWARK_EXPECTS`).
  [[nodiscard]] bar operator[](std::size_t i) const {
    BULWARK_EXPECTS(i < size());
    return {time_[i], open_[i], high_[i], low_[i], close_[i], volume_[i]};
  }

  [[nodiscard]] std::span<const timestamp> times() const noexcept { return time_; }
  [[nodiscard]] std::span<const double> open() const noexcept { return open_; }
  [[nodiscard]] std::span<const double> high() const noexcept { return high_; }
  [[nodiscard]] std::span<const double> low() const noexcept { return low_; }
  [[nodiscard]] std::span<const double> close() const noexcept { return close_; }
  [[nodiscard]] std::span<const double> volume() const noexcept { return volume_; }

 private:
  symbol symbol_;
  std::vector<timestamp> time_;
  std::vector<double> open_, high_, low_, close_, volume_;
};

}  // namespace bulwark

/// Formats as `2024-06-03T13:30:00Z O 100 H 101 L 99 C 100.5 V 12000`.
template <>
struct fmt::formatter<bulwark::bar> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::bar& b, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} O {} H {} L {} C {} V {}", bulwark::iso8601(b.time),
                          b.open, b.high, b.low, b.close, b.volume);
  }
};

/// Formats as `AAPL: 252 bars, 2024-01-02T14:30:00Z .. 2024-12-31T14:30:00Z`.
template <>
struct fmt::formatter<bulwark::bar_series> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::bar_series& s, FormatContext& ctx) const -> decltype(ctx.out()) {
    if (s.empty()) return fmt::format_to(ctx.out(), "{}: 0 bars", s.sym());
    return fmt::format_to(ctx.out(), "{}: {} bars, {} .. {}", s.sym(), s.size(),
                          bulwark::iso8601(s.times().front()),
                          bulwark::iso8601(s.times().back()));
  }
};
