// SPDX-License-Identifier: MIT
/// \file
/// \brief `tiered_partial_fills`: how much of an order fills, with resting orders filling
/// only partly at random by the instrument's liquidity tier, and every order within a
/// volume-participation cap. Deterministic: the randomness of an order is keyed by
/// (seed, order id), so an order gets the same fill in any evaluation order.
///
/// Synopsis
/// \code
/// tiered_partial_fills model{.partial_probability = {0.05, 0.10, 0.20}, .seed = 7,
///                            .cap = participation_cap{.max_fraction = 0.1}};
/// fill_decision d = model.decide(order_id, ctx, /*tier=*/2);   // d.quantity, d.outcome
/// \endcode
///
/// For an order of Q units (ctx.quantity) in liquidity tier t (1 = most liquid):
/// - a maker fill (a resting order, `ctx.liq == liquidity::maker`) fills partly with
///   probability partial_probability[t - 1]: a fraction uniform in
///   [min_fill_fraction, max_fill_fraction) of Q, rounded down to whole lots; otherwise
///   all of Q;
/// - a taker fill (a market or marketable order) is never made partial at random;
/// - then, with a `cap`, at most the cap's room in the bar fills (`participation_cap`).
/// The draws are `counter_rng{seed, id}.uniform(2 attempt)` (partial or not) and
/// `.uniform(2 attempt + 1)` (the fraction): a pure function of (seed, order id, attempt),
/// so re-evaluating an order, or evaluating orders in another order or on other threads,
/// gives the same fills. `attempt` numbers the bars an order is worked over.
///
/// Bad configuration is a `config_error` (id `bulwark.cost.fills`); a bad context or tier
/// is an `input_error` (ids `bulwark.cost.fill_context`, `bulwark.cost.fills`).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/order.hpp"
#include "bulwark/core/random.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/cost/participation_cap.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/lots.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::cost {

/// Why a fill has the quantity it has.
enum class fill_outcome : std::uint8_t {
  full,           ///< the whole order fills
  partial,        ///< a resting order filled partly at random (its tier's probability)
  volume_capped,  ///< the participation cap bound
  none,           ///< nothing fills (no room in the bar, or less than one lot)
};

[[nodiscard]] constexpr std::string_view to_string(fill_outcome o) noexcept {
  switch (o) {
    case fill_outcome::full: return "full";
    case fill_outcome::partial: return "partial";
    case fill_outcome::volume_capped: return "volume_capped";
    case fill_outcome::none: return "none";
  }
  return "invalid";
}

/// The quantity that fills, and why.
struct fill_decision {
  double quantity = 0.0;
  fill_outcome outcome = fill_outcome::none;

  friend bool operator==(const fill_decision&, const fill_decision&) = default;
};

/// Defaults: tiers 1, 2, 3 fill partly with probability 5 %, 10 %, 20 %, filling 50 % to
/// 99 % of the order; no volume cap; whole units.
struct tiered_partial_fills {
  std::vector<double> partial_probability = {0.05, 0.10, 0.20};  ///< by tier, each in [0, 1]
  double min_fill_fraction = 0.50;  ///< of the order, in (0, 1]
  double max_fill_fraction = 0.99;  ///< of the order, in [min_fill_fraction, 1]
  double lot_size = 1.0;            ///< partial fills are whole multiples of this, > 0
  std::uint64_t seed = 0;
  std::optional<participation_cap> cap{};  ///< applies to every order when set

  void validate() const {
    constexpr auto id = "bulwark.cost.fills";
    if (partial_probability.empty()) throw_config_error(id, "no liquidity tiers");
    for (std::size_t i = 0; i < partial_probability.size(); ++i) {
      bulwark::detail::require_in_closed_range(partial_probability[i], 0.0, 1.0, id,
                                               fmt::format("partial_probability[{}]", i));
    }
    if (!(min_fill_fraction > 0.0 && min_fill_fraction <= max_fill_fraction &&
          max_fill_fraction <= 1.0)) {
      throw_config_error(id, "fill fractions [{}, {}) must satisfy 0 < min <= max <= 1",
                         min_fill_fraction, max_fill_fraction);
    }
    bulwark::detail::require_positive(lot_size, id, "lot_size");
    if (cap) cap->validate();
  }

  /// The fill of order `id` (tier 1-based) in the bar of `ctx`. Throws `input_error` for
  /// an invalid context, a tier outside 1..tiers, or a cap without bar volume.
  [[nodiscard]] fill_decision decide(order_id id, const fill_context& ctx, std::size_t tier,
                                     std::uint64_t attempt = 0) const {
    require_valid(ctx);
    if (tier == 0 || tier > partial_probability.size()) {
      throw_input_error("bulwark.cost.fills", "liquidity tier {} outside 1..{}", tier,
                        partial_probability.size());
    }
    double quantity = ctx.quantity;
    fill_outcome outcome = fill_outcome::full;
    if (ctx.liq == liquidity::maker) {
      const counter_rng rng{seed, id};
      if (rng.uniform(2 * attempt) < partial_probability[tier - 1]) {
        const double fraction = min_fill_fraction +
                                (max_fill_fraction - min_fill_fraction) * rng.uniform(2 * attempt + 1);
        quantity = bulwark::detail::round_toward_zero_to_lot(ctx.quantity * fraction, lot_size);
        outcome = fill_outcome::partial;
      }
    }
    if (cap) {
      fill_context wanted = ctx;
      wanted.quantity = quantity;
      const double room = cap->fill_quantity(wanted);
      if (room < quantity) {
        quantity = room;
        outcome = fill_outcome::volume_capped;
      }
    }
    return {quantity, quantity > 0.0 ? outcome : fill_outcome::none};
  }
};

}  // namespace bulwark::cost

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::cost::fill_outcome)

/// Formats as `37 (partial)`.
template <>
struct fmt::formatter<bulwark::cost::fill_decision> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::cost::fill_decision& d, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} ({})", d.quantity, d.outcome);
  }
};

/// Formats as `tiered_partial_fills{tiers 0.05 0.1 0.2, fill 0.5..0.99, lot 1, seed 7}`.
template <>
struct fmt::formatter<bulwark::cost::tiered_partial_fills> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::cost::tiered_partial_fills& m, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "tiered_partial_fills{{tiers");
    for (double p : m.partial_probability) out = fmt::format_to(out, " {}", p);
    out = fmt::format_to(out, ", fill {}..{}, lot {}, seed {}", m.min_fill_fraction,
                         m.max_fill_fraction, m.lot_size, m.seed);
    if (m.cap) out = fmt::format_to(out, ", {}", *m.cap);
    return fmt::format_to(out, "}}");
  }
};
