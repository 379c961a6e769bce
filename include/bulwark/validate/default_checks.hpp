// SPDX-License-Identifier: MIT
/// \file
/// \brief `default_validator()`: every bar check that needs no outside information (no
/// calendar, no clock), with its default settings, in the order findings are listed.
///
/// Synopsis
/// \code
/// auto v = default_validator();          // validator<positive_prices, ..., volume_spike>
/// report r = v.run(series, events);
/// default_validator_type                 // its type, to hold one as a member
/// \endcode
///
/// Calendar and staleness checks need a calendar and a clock; compose them with these
/// (`validator{positive_prices{}, ..., missing_sessions<calendar::xnys>{.calendar = &nyse}}`).
#pragma once

#include "bulwark/validate/bad_tick.hpp"
#include "bulwark/validate/move_checks.hpp"
#include "bulwark/validate/price_checks.hpp"
#include "bulwark/validate/run_checks.hpp"
#include "bulwark/validate/spike_checks.hpp"
#include "bulwark/validate/time_checks.hpp"
#include "bulwark/validate/validator.hpp"

namespace bulwark::validate {

using default_validator_type =
    validator<time_order, duplicate_times, positive_prices, non_negative_volume, ohlc_consistency,
              bad_tick, unit_error, unexplained_split, extreme_move, return_spike, stuck_price,
              zero_volume_run, volume_spike>;

/// The default checks with their default settings.
[[nodiscard]] inline default_validator_type default_validator() {
  return default_validator_type{time_order{},    duplicate_times{},   positive_prices{},
                                non_negative_volume{}, ohlc_consistency{}, bad_tick{},
                                unit_error{},    unexplained_split{}, extreme_move{},
                                return_spike{},  stuck_price{},       zero_volume_run{},
                                volume_spike{}};
}

}  // namespace bulwark::validate
