// SPDX-License-Identifier: MIT
/// \file
/// \brief `circuit_breaker`: stops opening new risk after a run of losing trades or a
/// volatility spike, for a cooldown, then re-arms by itself; and
/// `circuit_breaker_check`, which puts a breaker in front of a pre-trade gate.
///
/// Synopsis
/// \code
/// circuit_breaker breaker{{.max_consecutive_losses = 3, .volatility_spike = 4.0,
///                          .min_spike_range = 0.05, .cooldown = 30min}};
/// breaker.on_bar(b, now);              // true when this bar's range tripped it
/// breaker.record_trade(pnl, now);      // true when this loss tripped it
/// breaker.state(now);                  // armed, tripped or warming_up
/// breaker.allows_trading(now);  breaker.rearms_at();  breaker.rearm();
/// risk_gate gate{..., circuit_breaker_check{.breaker = &breaker}};
/// \endcode
///
/// Triggers:
/// - `max_consecutive_losses` trades in a row with P&L < 0 (a trade with P&L > 0 ends the
///   run; a scratch, P&L == 0, leaves it as it is). 0 disables the trigger.
/// - a bar whose true range exceeds `volatility_spike` x Wilder's ATR of the bars before
///   it (core's `true_range` and `wilder_atr`, window `atr_window`) and exceeds
///   `min_spike_range` (price units). A `volatility_spike` of +inf disables this
///   trigger. Until the ATR has `atr_window` true ranges the breaker cannot judge
///   volatility and reports `warming_up`, which does not allow trading (fail closed).
///   After flat bars (an illiquid name, a halt) the ATR is 0 and any range is a spike:
///   set `min_spike_range` to a few ticks to ignore those.
/// - bad data: a bar that is not ok() or a NaN P&L trips the breaker until an explicit
///   `rearm()` (the ATR cannot be trusted after a bad bar, so rearm starts it afresh).
///   A replay (`wilder_atr::is_replay`: a bar stamped before the last one, or that stamped
///   bar sent again, as feeds do after a reconnect) is skipped and counted
///   (`replayed_bars()`): measured again, its range would count twice or against a later
///   close. So are replays right after a `rearm()`: the ATR starts afresh but remembers
///   the last bar. A revision (`wilder_atr::is_revision`: the last bar's stamp, other
///   content, as a forming bar's updates) takes the last bar's place in the ATR and is
///   judged against the ATR before that bar; the updates of a bar that tripped the
///   breaker do not trip it again (one trip, one cooldown, and a `rearm()` holds).
/// A trip lasts `cooldown` from the time given with the event (a later trip extends it)
/// and resets the losing run; when it ends the breaker is armed again by itself.
///
/// Bad input: cooldown outside (0, 1e8 s], volatility_spike NaN or <= 0, min_spike_range
/// not finite and >= 0, atr_window 0 is a `config_error` (id
/// `bulwark.risk.circuit_breaker`). Not thread-safe: the thread that
/// owns the gate owns the breaker.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/atr.hpp"
#include "bulwark/core/bar.hpp"
#include "bulwark/core/error.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/risk/checks.hpp"
#include "bulwark/risk/reason.hpp"

namespace bulwark::risk {

/// A breaker's configuration (designated initialisers).
struct breaker_rules {
  std::size_t max_consecutive_losses = 0;  ///< 0: no loss trigger
  double volatility_spike = std::numeric_limits<double>::infinity();  ///< x ATR; inf: off
  double min_spike_range = 0.0;  ///< price units: a smaller true range is never a spike
  std::size_t atr_window = 14;  ///< Wilder's default
  duration cooldown{};          ///< required: how long a trip lasts
};

enum class breaker_state : std::uint8_t {
  armed = 0,       ///< trading allowed
  tripped = 1,     ///< cooling down (or latched by bad data)
  warming_up = 2,  ///< not enough bars to judge volatility yet
};

/// What tripped the breaker last. Values are stable.
enum class breaker_cause : std::uint8_t {
  none = 0,
  consecutive_losses = 1,
  volatility_spike = 2,
  bad_data = 3,
};

[[nodiscard]] constexpr std::string_view to_string(breaker_state s) noexcept {
  switch (s) {
    case breaker_state::armed: return "armed";
    case breaker_state::tripped: return "tripped";
    case breaker_state::warming_up: return "warming_up";
  }
  return "invalid";
}

[[nodiscard]] constexpr std::string_view to_string(breaker_cause c) noexcept {
  switch (c) {
    case breaker_cause::none: return "none";
    case breaker_cause::consecutive_losses: return "consecutive_losses";
    case breaker_cause::volatility_spike: return "volatility_spike";
    case breaker_cause::bad_data: return "bad_data";
  }
  return "invalid";
}

class circuit_breaker {
 public:
  /// Throws `config_error` (id `bulwark.risk.circuit_breaker`) for the rules the file
  /// comment lists.
  explicit circuit_breaker(breaker_rules rules)
      : rules_(rules),
        atr_(bulwark::detail::checked_atr_window(rules.atr_window, id, "circuit_breaker")) {
    detail::require_duration(rules_.cooldown, "cooldown", id);
    if (!(rules_.volatility_spike > 0.0)) {
      throw_config_error(id, "volatility_spike {} must be > 0 (inf: off)", rules_.volatility_spike);
    }
    if (!(std::isfinite(rules_.min_spike_range) && rules_.min_spike_range >= 0.0)) {
      throw_config_error(id, "min_spike_range {} must be finite and >= 0 (price units)",
                         rules_.min_spike_range);
    }
  }

  /// Records a closed trade's P&L (negative for a loss) at `now`. Returns true when this
  /// trade tripped the breaker.
  bool record_trade(double pnl, timestamp now) noexcept {
    if (std::isnan(pnl)) return trip(breaker_cause::bad_data, timestamp::max());
    if (pnl > 0.0) losses_ = 0;
    if (pnl < 0.0) ++losses_;
    if (rules_.max_consecutive_losses != 0 && losses_ >= rules_.max_consecutive_losses) {
      return trip(breaker_cause::consecutive_losses, now + rules_.cooldown);
    }
    return false;
  }

  /// Feeds the next bar, observed at `now`. Returns true when its true range tripped the
  /// breaker (or it was a bad bar). A replay (`wilder_atr::is_replay`) is skipped and
  /// counted in `replayed_bars()`.
  bool on_bar(const bar& b, timestamp now) noexcept {
    if (!b.ok()) {
      atr_.update(b);
      return trip(breaker_cause::bad_data, timestamp::max());
    }
    if (atr_.is_replay(b)) {
      ++replayed_bars_;
      return false;
    }
    // Against the ATR before the bar (before the bar it revises, for a revision); NaN
    // while warming up, and k x 0 = NaN with the trigger off (k = +inf), never trip.
    // A bar that tripped the breaker trips it once: its updates do not trip it again.
    const double range = atr_.next_true_range(b);
    const bool spike = range > rules_.min_spike_range &&
                       range > rules_.volatility_spike * atr_.value_before(b) &&
                       !(atr_.is_revision(b) && spiked_ && b.time == spiked_bar_);
    atr_.update(b);
    if (!spike) return false;
    spiked_ = true;
    spiked_bar_ = b.time;
    return trip(breaker_cause::volatility_spike, now + rules_.cooldown);
  }

  /// armed, tripped (now before rearms_at()) or warming_up (volatility trigger on and the
  /// ATR not ready).
  [[nodiscard]] breaker_state state(timestamp now) const noexcept {
    if (now < until_) return breaker_state::tripped;
    if (std::isfinite(rules_.volatility_spike) && !atr_.ready()) return breaker_state::warming_up;
    return breaker_state::armed;
  }
  [[nodiscard]] bool allows_trading(timestamp now) const noexcept {
    return state(now) == breaker_state::armed;
  }
  /// When the current trip ends (timestamp::max() when latched by bad data; in the past
  /// when not tripped).
  [[nodiscard]] timestamp rearms_at() const noexcept { return until_; }
  [[nodiscard]] breaker_cause last_cause() const noexcept { return cause_; }
  [[nodiscard]] std::uint64_t trips() const noexcept { return trips_; }
  /// Bars skipped as replays (stamped before the last bar taken, or that bar again).
  [[nodiscard]] std::uint64_t replayed_bars() const noexcept { return replayed_bars_; }
  [[nodiscard]] std::size_t consecutive_losses() const noexcept { return losses_; }
  [[nodiscard]] const breaker_rules& rules() const noexcept { return rules_; }

  /// Re-arms at once (an operator's decision): ends the trip and the losing run; after
  /// bad data the ATR starts afresh (and warms up again).
  void rearm() noexcept {
    until_ = timestamp::min();
    losses_ = 0;
    if (broken_) {
      atr_.restart();
      broken_ = false;
    }
  }

 private:
  static constexpr std::string_view id = "bulwark.risk.circuit_breaker";

  bool trip(breaker_cause cause, timestamp until) noexcept {
    until_ = std::max(until_, until);
    broken_ = broken_ || cause == breaker_cause::bad_data;
    cause_ = cause;
    losses_ = 0;
    ++trips_;
    return true;
  }

  breaker_rules rules_;
  wilder_atr atr_;
  std::size_t losses_ = 0;
  timestamp until_ = timestamp::min();
  breaker_cause cause_ = breaker_cause::none;
  std::uint64_t trips_ = 0;
  std::uint64_t replayed_bars_ = 0;
  timestamp spiked_bar_{};  // the stamp of the last bar that tripped for volatility
  bool spiked_ = false;     // whether there is one
  bool broken_ = false;
};

/// A `PreTradeCheck` that rejects orders while `*breaker` does not allow trading
/// (`circuit_breaker`, value: seconds until it re-arms, inf when latched or warming up).
/// With `allow_reducing` (the default) orders that reduce exposure still pass, so a
/// tripped breaker never traps a position. The breaker must outlive the gate.
struct circuit_breaker_check {
  static constexpr std::string_view name = "circuit_breaker";
  const circuit_breaker* breaker = nullptr;
  bool allow_reducing = true;

  void validate() const {
    if (breaker == nullptr) {
      throw_config_error("bulwark.risk.circuit_breaker",
                         "circuit_breaker_check.breaker is null; point it at a breaker");
    }
  }
  [[nodiscard]] check_result evaluate(const check_context& ctx) const noexcept {
    if (breaker->allows_trading(ctx.now)) return check_result::pass();
    if (allow_reducing && ctx.reduces_exposure()) return check_result::pass();
    const timestamp until = breaker->rearms_at();
    const double wait = breaker->state(ctx.now) == breaker_state::tripped &&
                                until != timestamp::max()
                            ? detail::seconds(until - ctx.now)
                            : std::numeric_limits<double>::infinity();
    return check_result::reject(reject_reason::circuit_breaker, wait,
                                std::numeric_limits<double>::quiet_NaN());
  }
};

}  // namespace bulwark::risk

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::risk::breaker_state)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::risk::breaker_cause)
