// SPDX-License-Identifier: MIT
/// \file
/// \brief `participation_cap`: how much of an order may fill in one bar, as a fraction of
/// the bar's volume, in whole lots.
///
/// Synopsis
/// \code
/// participation_cap cap{.max_fraction = 0.025, .lot_size = 1};
/// double q = cap.fill_quantity(ctx);   // 0 .. ctx.quantity
/// \endcode
///
/// With V the bar volume and U the units of that bar already filled by earlier orders
/// (`fill_context::bar_volume_used`), the room left is R = max_fraction x V - U; nothing
/// fills when R < one lot, else min(R, quantity) rounded down to whole lots fills
/// (`detail::round_toward_zero_to_lot`: 0.29 in lots of 0.01 is 0.29, not 0.28). With
/// lot_size 1 this is zipline's VolumeShareSlippage fill rule exactly
/// (`remaining_volume = volume_limit * volume - volume_for_bar`; no fill when
/// `remaining_volume < 1`; `cur_volume = int(min(remaining_volume, abs(open_amount)))`).
///
/// Bad configuration is a `config_error` (id `bulwark.cost.fills`): max_fraction outside
/// (0, 1], lot_size not finite and > 0. A context that is not valid or has no bar volume
/// is an `input_error` (id `bulwark.cost.fill_context`).
#pragma once

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/lots.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::cost {

struct participation_cap {
  double max_fraction = 0.025;  ///< of the bar's volume, in (0, 1]; zipline's default volume_limit
  double lot_size = 1.0;        ///< fills are whole multiples of this, > 0 (1: whole shares)

  void validate() const {
    constexpr auto id = "bulwark.cost.fills";
    if (!(max_fraction > 0.0 && max_fraction <= 1.0)) {
      throw_config_error(id, "max_fraction {} outside (0, 1]", max_fraction);
    }
    bulwark::detail::require_positive(lot_size, id, "lot_size");
  }

  [[nodiscard]] fill_inputs needs() const noexcept { return fill_input::bar_volume; }

  /// The units of `ctx.quantity` that may fill in the bar: 0 when less than one lot of
  /// room is left. Throws `input_error` for an invalid context or one without bar volume.
  [[nodiscard]] double fill_quantity(const fill_context& ctx) const {
    require_valid(ctx);
    if (!ctx.bar_volume) {
      throw_input_error(detail::fill_context_id,
                        "fill context has no bar_volume, which participation_cap needs");
    }
    return fill_quantity_unchecked(ctx);
  }

  /// The units the bar has room for, max_fraction x V - U (< 0 when earlier orders took
  /// more). Precondition: ctx.bar_volume given.
  [[nodiscard]] double room(const fill_context& ctx) const noexcept {
    return max_fraction * *ctx.bar_volume - ctx.bar_volume_used;
  }

  /// As fill_quantity, for a context already checked (valid, with bar volume). Rounded
  /// toward zero to whole lots with `detail::round_toward_zero_to_lot`, which never loses
  /// a lot to binary representation (0.3 in lots of 0.1 stays 0.3) and never exceeds the
  /// quantity or the room.
  [[nodiscard]] double fill_quantity_unchecked(const fill_context& ctx) const noexcept {
    const double r = room(ctx);
    if (r < lot_size) return 0.0;
    const double wanted = r < ctx.quantity ? r : ctx.quantity;
    return bulwark::detail::round_toward_zero_to_lot(wanted, lot_size);
  }
};

}  // namespace bulwark::cost

/// Formats as `participation_cap{0.025 of bar volume, lot 1}`.
template <>
struct fmt::formatter<bulwark::cost::participation_cap> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::cost::participation_cap& c, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "participation_cap{{{} of bar volume, lot {}}}",
                          c.max_fraction, c.lot_size);
  }
};
