// SPDX-License-Identifier: MIT
/// \file
/// \brief Umbrella header of bulwark::validate: `BarCheck`/`QuoteCheck` policies composed
/// by `validator<Checks...>`, findings with a quarantine mask, and every check bulwark
/// ships.
#pragma once

#include "bulwark/validate/bad_tick.hpp"
#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/calendar_checks.hpp"
#include "bulwark/validate/default_checks.hpp"
#include "bulwark/validate/finding.hpp"
#include "bulwark/validate/move_checks.hpp"
#include "bulwark/validate/price_checks.hpp"
#include "bulwark/validate/quote_checks.hpp"
#include "bulwark/validate/report.hpp"
#include "bulwark/validate/run_checks.hpp"
#include "bulwark/validate/screen.hpp"
#include "bulwark/validate/spike_checks.hpp"
#include "bulwark/validate/staleness.hpp"
#include "bulwark/validate/time_checks.hpp"
#include "bulwark/validate/validator.hpp"
