// SPDX-License-Identifier: MIT
/// \file
/// \brief Exposure caps on a book of weights: per-asset |w| <= cap, gross leverage
/// sum |w| <= L (scaled down proportionally), net exposure |sum w| <= N. Applied to the
/// weights before sizing, so a Kelly or optimiser output that asks for 40x leverage is cut
/// to the caps before it becomes a target. They bound weights, not orders: a sizer's
/// targeting rule can still scale a capped weight (`volatility_target` by up to its
/// `max_leverage`, `fixed_fractional_risk` by f P / stop distance). To bound what is
/// ordered, end the sizer's scaling rules with `notional_cap` (per-symbol
/// |position| x price <= c x equity, after sizing).
///
/// Synopsis
/// \code
/// struct exposure_caps { double per_asset, gross, net; };   // each defaults to +inf (no cap)
/// caps_report apply_caps(std::span<double> weights, const exposure_caps&);
/// caps_report apply_caps(std::span<target_weight> book, const exposure_caps&);
/// \endcode
///
/// The caps act in this order, each only shrinking magnitudes, so a later step never undoes
/// an earlier one and the result meets all three:
///  1. per asset: w_i -> clamp(w_i, -cap, +cap);
///  2. gross: if G = sum |w_i| > L, every weight is multiplied by L / G (the book's shape is
///     kept, only its size changes);
///  3. net: if the net exposure L_long - S_short exceeds N, the long side alone is multiplied
///     by (N + S) / L_long (and symmetrically the short side when the book is net short
///     beyond N). Trimming only the excess side keeps the hedge intact and removes the least
///     exposure: among books with each side scaled down, it is the one with the largest
///     gross that meets the cap.
/// The sums are taken in index order and the factors are then nudged down by ulps until
/// those sums meet the caps exactly, so `gross_after <= gross` and `|net_after| <= net` hold
/// in floating point, not just in exact arithmetic. One exception: a net cap below the
/// rounding of the sum itself (0 on a book with both sides, "dollar neutral") can be
/// unreachable, as no factor may make the sum exactly 0. The excess side is then scaled
/// only until its net stops exceeding the cap, so the net lands past the cap by at most
/// the sum's rounding error: |net_after| <= max(net, n eps gross_after), eps = 2^-52
/// (about 2e-15 for ten weights and a gross of 1), for weights of normal magnitude. When
/// scaling underflows (sides 1e300 apart, or subnormal weights) the net can keep up to
/// the light side's own size.
///
/// Bad input: a cap that is NaN or negative is a `config_error`; a NaN or infinite weight is
/// an `input_error` naming its index, and so is a book whose gross sum |w| overflows (after
/// the per-asset cap); all with id `bulwark.sizing.caps`. O(n), no allocation.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/sizing/target_weight.hpp"

namespace bulwark::sizing {

/// The limits a book must meet; +infinity (the default) means no limit.
struct exposure_caps {
  double per_asset = std::numeric_limits<double>::infinity();  ///< largest |w_i|
  double gross = std::numeric_limits<double>::infinity();      ///< largest sum |w_i|
  double net = std::numeric_limits<double>::infinity();        ///< largest |sum w_i|

  /// Throws `config_error` (id `bulwark.sizing.caps`) unless each cap is >= 0 (infinity
  /// allowed, NaN not).
  void validate() const;
};

/// What `apply_caps` did. A factor of 1 means that cap did not bind.
struct caps_report {
  std::size_t clipped = 0;    ///< weights cut to the per-asset cap
  double gross_scale = 1.0;   ///< factor applied to every weight for the gross cap
  double long_scale = 1.0;    ///< factor applied to the long weights for the net cap
  double short_scale = 1.0;   ///< factor applied to the short weights for the net cap
  double gross_before = 0.0;  ///< sum |w| of the input
  double net_before = 0.0;    ///< sum w of the input
  double gross_after = 0.0;   ///< sum |w| of the result
  double net_after = 0.0;     ///< sum w of the result

  /// True when any cap changed a weight.
  [[nodiscard]] bool bound() const noexcept {
    return clipped > 0 || gross_scale < 1.0 || long_scale < 1.0 || short_scale < 1.0;
  }
};

namespace detail {

inline constexpr std::string_view caps_id = "bulwark.sizing.caps";

// sum of at(i) (or of |at(i)|) in index order, each term first passed through `scale`.
template <class At, class Scale>
[[nodiscard]] double sum_scaled(std::size_t n, const At& at, const Scale& scale,
                                bool absolute) noexcept {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = scale(at(i));
    s += absolute ? std::abs(w) : w;
  }
  return s;
}

// The largest k' in [0, k] with sum(k') <= limit, where `sum` does not decrease as k grows
// (true of a sum of terms w * k, since rounding is monotone) and sum(0) <= limit. k is
// the exact-arithmetic answer, so a few steps of one ulp usually reach k'; when they do
// not (rounding biased one way over a long sum), a bisection over the doubles in [0, k],
// ordered as their bit patterns, finishes in at most 64 more sums: O(n) either way.
template <class Sum>
[[nodiscard]] double tighten(double k, double limit, const Sum& sum) noexcept {
  for (int step = 0; step < 4; ++step) {
    if (!(k > 0.0) || sum(k) <= limit) return k;
    k = std::nextafter(k, 0.0);
  }
  if (!(k > 0.0) || sum(k) <= limit) return k;
  auto fits = std::uint64_t{0};                        // the bits of 0.0: sum(0) <= limit
  auto fails = std::bit_cast<std::uint64_t>(k);        // sum(k) > limit
  while (fails - fits > 1) {
    const std::uint64_t mid = fits + (fails - fits) / 2;
    (sum(std::bit_cast<double>(mid)) <= limit ? fits : fails) = mid;
  }
  return std::bit_cast<double>(fits);
}

// The three steps of the file comment over weights reached through at(i) -> double&.
template <class At>
caps_report cap_in_place(std::size_t n, const At& at, const exposure_caps& caps) {
  caps.validate();
  const double clipped_gross = sum_scaled(n, at, [&caps](double w) {
    return std::min(std::abs(w), caps.per_asset);
  }, false);
  if (!std::isfinite(clipped_gross)) {
    throw_input_error(caps_id, "apply_caps: the weights' gross exposure sum |w| is {} after "
                      "the per-asset cap; expected a finite sum", clipped_gross);
  }
  const auto identity = [](double w) { return w; };
  caps_report r;
  r.gross_before = sum_scaled(n, at, identity, true);
  r.net_before = sum_scaled(n, at, identity, false);

  for (std::size_t i = 0; i < n; ++i) {
    double& w = at(i);
    if (std::abs(w) > caps.per_asset) {
      w = std::copysign(caps.per_asset, w);
      ++r.clipped;
    }
  }

  const double gross = sum_scaled(n, at, identity, true);
  if (gross > caps.gross) {
    r.gross_scale = tighten(caps.gross / gross, caps.gross, [&](double k) {
      return sum_scaled(n, at, [k](double w) { return w * k; }, true);
    });
    for (std::size_t i = 0; i < n; ++i) at(i) *= r.gross_scale;
  }

  const double net = sum_scaled(n, at, identity, false);
  if (std::abs(net) > caps.net) {
    const bool long_heavy = net > 0.0;
    const double heavy = sum_scaled(n, at, [long_heavy](double w) {
      return (w > 0.0) == long_heavy ? std::abs(w) : 0.0;
    }, false);
    // Summed directly, not as heavy - |net|, whose cancellation would put an error of an
    // ulp of `heavy` into the starting factor.
    const double light = sum_scaled(n, at, [long_heavy](double w) {
      return (w > 0.0) == long_heavy ? 0.0 : std::abs(w);
    }, false);
    const auto scaled = [long_heavy](double k) {
      return [k, long_heavy](double w) { return (w > 0.0) == long_heavy ? w * k : w; };
    };
    // The heavy side's net, signed so that it grows with kk. Not |net|: below the balance
    // point |net| grows again as kk shrinks, so a cap smaller than the sum's rounding
    // (0, on a long/short book) would never be met and the search would not end.
    const double heavy_sign = long_heavy ? 1.0 : -1.0;
    const double k = tighten((caps.net + light) / heavy, caps.net, [&](double kk) {
      return heavy_sign * sum_scaled(n, at, scaled(kk), false);
    });
    for (std::size_t i = 0; i < n; ++i) at(i) = scaled(k)(at(i));
    (long_heavy ? r.long_scale : r.short_scale) = k;
  }

  r.gross_after = sum_scaled(n, at, identity, true);
  r.net_after = sum_scaled(n, at, identity, false);
  return r;
}

inline void require_cap(double cap, std::string_view name) {
  if (cap >= 0.0) return;
  throw_config_error(caps_id, "{} cap {} must be >= 0 (infinity for none)", name, cap);
}

}  // namespace detail

inline void exposure_caps::validate() const {
  detail::require_cap(per_asset, "per-asset");
  detail::require_cap(gross, "gross");
  detail::require_cap(net, "net");
}

/// Caps `weights` in place (see the file comment for the three steps). Throws
/// `config_error` for a bad cap and `input_error` for a NaN or infinite weight, before
/// changing anything.
inline caps_report apply_caps(std::span<double> weights, const exposure_caps& caps) {
  bulwark::detail::require_finite(weights, detail::caps_id, "apply_caps: weights");
  return detail::cap_in_place(weights.size(), [weights](std::size_t i) -> double& {
    return weights[i];
  }, caps);
}

/// Caps the weights of a book in place; symbols are kept. Throws as the overload above,
/// naming the symbol of a bad weight.
inline caps_report apply_caps(std::span<target_weight> book, const exposure_caps& caps) {
  for (std::size_t i = 0; i < book.size(); ++i) {
    if (!std::isfinite(book[i].weight)) {
      throw_input_error(detail::caps_id, "apply_caps: weight of {} (book[{}]) is {}; expected a "
                        "finite number", book[i].sym, i, book[i].weight);
    }
  }
  return detail::cap_in_place(book.size(), [book](std::size_t i) -> double& {
    return book[i].weight;
  }, caps);
}

}  // namespace bulwark::sizing

/// Formats as `per-asset 0.1, gross 2, net 0.3` (`inf` for no cap).
template <>
struct fmt::formatter<bulwark::sizing::exposure_caps> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::exposure_caps& c, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "per-asset {}, gross {}, net {}", c.per_asset, c.gross,
                          c.net);
  }
};

/// Formats as `gross 3.1 -> 2 (x0.645), net 0.9 -> 0.3 (longs x0.57), 2 clipped`.
template <>
struct fmt::formatter<bulwark::sizing::caps_report> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::sizing::caps_report& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "gross {:.4g} -> {:.4g}", r.gross_before, r.gross_after);
    if (r.gross_scale < 1.0) out = fmt::format_to(out, " (x{:.4g})", r.gross_scale);
    out = fmt::format_to(out, ", net {:.4g} -> {:.4g}", r.net_before, r.net_after);
    if (r.long_scale < 1.0) out = fmt::format_to(out, " (longs x{:.4g})", r.long_scale);
    if (r.short_scale < 1.0) out = fmt::format_to(out, " (shorts x{:.4g})", r.short_scale);
    return fmt::format_to(out, ", {} clipped", r.clipped);
  }
};
