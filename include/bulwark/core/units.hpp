// SPDX-License-Identifier: MIT
/// \file
/// \brief Unit types that keep the classic unit bugs out of signatures: `bps` (basis
/// points, the only way a basis-point number enters the API) and `periods_per_year` (the
/// explicit annualisation factor).
///
/// Synopsis
/// \code
/// class bps;                          // explicit bps{12.5}; .value() == 12.5; .fraction() == 0.00125
/// bps bps::from_fraction(double);     // bps::from_fraction(0.0005) == bps{5}
/// 5.0_bps, 5_bps                      // in namespace bulwark::literals
/// struct periods_per_year;            // explicit periods_per_year{252}
/// trading_days_per_year (252), calendar_days_per_year (365), weeks_per_year (52),
/// months_per_year (12)
/// \endcode
///
/// Everything else in bulwark is a plain fraction: 0.05 is five percent. No API takes a
/// percent number.
#pragma once

#include <cmath>
#include <compare>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"

namespace bulwark {

/// Basis points: 1 bps = 0.0001 = 0.01 %. Construction is explicit, so a bare `double`
/// can never be mistaken for basis points, nor basis points for a fraction. May be
/// negative (a maker rebate). A non-finite value is a `config_error`
/// (`bulwark.core.bps`).
class bps {
 public:
  constexpr bps() noexcept = default;

  constexpr explicit bps(double value) : value_(value) {
    if (!(value - value == 0.0)) {  // NaN or +-inf; std::isfinite is not constexpr in C++20
      throw_config_error("bulwark.core.bps", "{} bps is not a finite number", value);
    }
  }

  /// The basis-point number, e.g. 12.5.
  [[nodiscard]] constexpr double value() const noexcept { return value_; }

  /// The same quantity as a fraction, e.g. 0.00125.
  [[nodiscard]] constexpr double fraction() const noexcept { return value_ / 10'000.0; }

  /// bps from a fraction: from_fraction(0.0005) == bps{5}.
  [[nodiscard]] static constexpr bps from_fraction(double fraction) {
    return bps{fraction * 10'000.0};
  }

  friend constexpr auto operator<=>(bps, bps) noexcept = default;

  /// Sums and differences are checked like construction: one that overflows (two values
  /// near the largest double) is a `config_error`, so bps stay finite.
  friend constexpr bps operator+(bps a, bps b) { return bps{a.value_ + b.value_}; }
  friend constexpr bps operator-(bps a, bps b) { return bps{a.value_ - b.value_}; }
  friend constexpr bps operator-(bps a) noexcept { return from_raw(-a.value_); }
  /// Scaling by a dimensionless factor (e.g. a volatility multiplier).
  friend constexpr bps operator*(bps a, double k) { return bps{a.value_ * k}; }
  friend constexpr bps operator*(double k, bps a) { return bps{a.value_ * k}; }

 private:
  static constexpr bps from_raw(double v) noexcept {
    bps b;
    b.value_ = v;
    return b;
  }
  double value_ = 0.0;
};

inline namespace literals {
/// `12.5_bps`
constexpr bps operator""_bps(long double value) { return bps{static_cast<double>(value)}; }
/// `5_bps`
constexpr bps operator""_bps(unsigned long long value) { return bps{static_cast<double>(value)}; }
}  // namespace literals

/// How many return periods make a year, for annualising (`sd * sqrt(P)`, `(1+r)^(P/n)`).
/// Explicit, so it cannot be swapped with a rate argument; bulwark never assumes one.
/// Must be finite and > 0 (`config_error`, id `bulwark.core.periods_per_year`).
struct periods_per_year {
  constexpr explicit periods_per_year(double periods) : value(periods) {
    if (!(periods > 0.0 && periods - periods == 0.0)) {
      throw_config_error("bulwark.core.periods_per_year", "{} must be finite and > 0", periods);
    }
  }
  double value;

  friend constexpr bool operator==(periods_per_year, periods_per_year) noexcept = default;
};

inline constexpr periods_per_year trading_days_per_year{252.0};
inline constexpr periods_per_year calendar_days_per_year{365.0};
inline constexpr periods_per_year weeks_per_year{52.0};
inline constexpr periods_per_year months_per_year{12.0};

}  // namespace bulwark

/// Formats as `12.5 bps`; the format spec applies to the number (`{:.1f}` -> `12.5 bps`).
template <>
struct fmt::formatter<bulwark::bps> : fmt::formatter<double> {
  template <class FormatContext>
  auto format(bulwark::bps b, FormatContext& ctx) const -> decltype(ctx.out()) {
    auto out = fmt::formatter<double>::format(b.value(), ctx);
    return fmt::format_to(out, " bps");
  }
};

/// Formats as `252/year`.
template <>
struct fmt::formatter<bulwark::periods_per_year> : fmt::formatter<double> {
  template <class FormatContext>
  auto format(bulwark::periods_per_year p, FormatContext& ctx) const -> decltype(ctx.out()) {
    auto out = fmt::formatter<double>::format(p.value, ctx);
    return fmt::format_to(out, "/year");
  }
};
