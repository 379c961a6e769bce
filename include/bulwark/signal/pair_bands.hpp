// SPDX-License-Identifier: MIT
/// \file
/// \brief The entry / exit / stop band state machine of a pairs trade, with hysteresis:
/// `pair_band_machine` turns a spread z-score, one value at a time, into a position in the
/// spread.
///
/// Synopsis
/// \code
/// struct pair_bands { double entry = 2.0, exit = 0.5, stop = 4.0; };
/// pair_band_machine m{{}};                  // or {{.entry = 1.5, .exit = 0.0, .stop = 3.0}}
/// band_step s = m.update(z_t);             // s.position: long_spread / flat / short_spread
/// std::vector<band_step> steps = run_pair_bands(z, pair_bands{});
/// \endcode
///
/// The spread is y - beta x - alpha; long the spread = long y, short beta x. From flat:
/// z >= entry enters short (the spread is rich), z <= -entry enters long, as long as
/// |z| < stop. In a position: the trade exits when the spread has come back, z inside
/// [-exit, exit] or beyond it on the other side (short exits at z <= exit, long at
/// z >= -exit), and stops out when it runs on to |z| >= stop on its own side.
///
/// Hysteresis: entry and exit differ, so a z hovering near one level cannot flip the
/// position each period. After a stop, or when flat with |z| >= stop, the machine is
/// "cooling": it does not enter again until |z| < entry, so a spread that has broken away
/// is not re-entered at the next tick. Defaults: entry 2, the opening threshold of Gatev,
/// Goetzmann and Rouwenhorst (2006); exit 0.5, closing before full reversion, where the last
/// half standard deviation rarely pays for the wait; stop 4, twice the entry, a move that
/// suggests the relation itself has broken.
///
/// Missing data: a NaN z changes nothing (no order on no information) and is reported as
/// `band_event::missing`; an infinite z is treated the same way by the `noexcept` update and
/// rejected by `run_pair_bands` (`input_error`, id `bulwark.signal.pair_bands`). Bands
/// that do not satisfy 0 <= exit < entry < stop are a `config_error` (stop may be +inf:
/// no stop).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/signal/detail/checks.hpp"
#include "bulwark/signal/detail/formatter.hpp"

namespace bulwark::signal {

namespace detail {
inline constexpr auto pair_bands_id = "bulwark.signal.pair_bands";
}  // namespace detail

/// The three bands, in standard deviations of the spread.
struct pair_bands {
  double entry = 2.0;  ///< open at |z| >= entry
  double exit = 0.5;   ///< close at |z| <= exit (or beyond, on the other side)
  double stop = 4.0;   ///< stop out at |z| >= stop; +inf for none

  /// Throws `config_error` (id `bulwark.signal.pair_bands`) unless 0 <= exit < entry < stop
  /// with exit and entry finite.
  void validate() const {
    if (!(exit >= 0.0 && exit < entry && std::isfinite(entry) && entry < stop)) {
      throw_config_error(detail::pair_bands_id,
                         "bands entry {} exit {} stop {}; expected 0 <= exit < entry < stop",
                         entry, exit, stop);
    }
  }
};

/// The position in the spread: +1 long (long y, short beta x), -1 short, 0 flat.
enum class pair_position : std::int8_t { short_spread = -1, flat = 0, long_spread = 1 };

/// What an update did.
enum class band_event : std::uint8_t {
  none,         ///< no change
  enter_long,   ///< flat -> long spread
  enter_short,  ///< flat -> short spread
  exit,         ///< closed at the exit band (the spread came back)
  stop,         ///< closed at the stop band (the spread ran away); cooling starts
  missing,      ///< z was not finite; nothing changed
};

[[nodiscard]] constexpr std::string_view to_string(pair_position p) noexcept {
  switch (p) {
    case pair_position::short_spread: return "short_spread";
    case pair_position::flat: return "flat";
    case pair_position::long_spread: return "long_spread";
  }
  return "unknown";
}

[[nodiscard]] constexpr std::string_view to_string(band_event e) noexcept {
  switch (e) {
    case band_event::none: return "none";
    case band_event::enter_long: return "enter_long";
    case band_event::enter_short: return "enter_short";
    case band_event::exit: return "exit";
    case band_event::stop: return "stop";
    case band_event::missing: return "missing";
  }
  return "unknown";
}

/// The position after an update, and what changed.
struct band_step {
  pair_position position = pair_position::flat;
  band_event event = band_event::none;

  friend bool operator==(const band_step&, const band_step&) = default;
};

class pair_band_machine {
 public:
  /// Throws `config_error` (id `bulwark.signal.pair_bands`) for invalid bands.
  explicit pair_band_machine(pair_bands bands = {}) : bands_(bands) { bands.validate(); }

  /// Advances on the spread's z-score. O(1), noexcept.
  band_step update(double z) noexcept {
    if (!std::isfinite(z)) return {position_, band_event::missing};
    switch (position_) {
      case pair_position::flat:
        if (cooling_) {
          cooling_ = std::abs(z) >= bands_.entry;
          return {position_, band_event::none};
        }
        if (std::abs(z) >= bands_.stop) {
          cooling_ = true;
          return {position_, band_event::none};
        }
        if (z >= bands_.entry) return move(pair_position::short_spread, band_event::enter_short);
        if (z <= -bands_.entry) return move(pair_position::long_spread, band_event::enter_long);
        return {position_, band_event::none};
      case pair_position::short_spread:
        if (z >= bands_.stop) return stop_out();
        if (z <= bands_.exit) return move(pair_position::flat, band_event::exit);
        return {position_, band_event::none};
      case pair_position::long_spread:
        if (z <= -bands_.stop) return stop_out();
        if (z >= -bands_.exit) return move(pair_position::flat, band_event::exit);
        return {position_, band_event::none};
    }
    return {position_, band_event::none};
  }

  [[nodiscard]] pair_position position() const noexcept { return position_; }
  /// True while re-entry is blocked after a stop (until |z| < entry).
  [[nodiscard]] bool cooling() const noexcept { return cooling_; }
  [[nodiscard]] const pair_bands& bands() const noexcept { return bands_; }

  /// Flat, not cooling.
  void reset() noexcept {
    position_ = pair_position::flat;
    cooling_ = false;
  }

 private:
  band_step move(pair_position to, band_event why) noexcept {
    position_ = to;
    return {position_, why};
  }
  band_step stop_out() noexcept {
    cooling_ = true;
    return move(pair_position::flat, band_event::stop);
  }

  pair_bands bands_;
  pair_position position_ = pair_position::flat;
  bool cooling_ = false;
};

/// The machine run over a series of z-scores. NaN is allowed (a `missing` step); an
/// infinite z is an `input_error` (id `bulwark.signal.pair_bands`) naming its index. O(n).
[[nodiscard]] inline std::vector<band_step> run_pair_bands(std::span<const double> z,
                                                           pair_bands bands = {}) {
  pair_band_machine machine{bands};
  detail::require_no_infinity(z, detail::pair_bands_id, "run_pair_bands: z");
  std::vector<band_step> out(z.size());
  for (std::size_t t = 0; t < z.size(); ++t) out[t] = machine.update(z[t]);
  return out;
}

}  // namespace bulwark::signal

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::signal::pair_position)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::signal::band_event)

/// Formats as `long_spread (enter_long)`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::band_step, s, "{} ({})",
                                bulwark::signal::to_string(s.position),
                                bulwark::signal::to_string(s.event))

/// Formats as `entry 2 exit 0.5 stop 4`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::pair_bands, b, "entry {} exit {} stop {}", b.entry,
                                b.exit, b.stop)

/// Formats as `long_spread (entry 2 exit 0.5 stop 4)`, with `, cooling` after a stop.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::pair_band_machine, m, "{} ({}){}",
                                bulwark::signal::to_string(m.position()), m.bands(),
                                m.cooling() ? ", cooling" : "")
