// SPDX-License-Identifier: MIT
/// \file
/// \brief Umbrella header of bulwark::calendar: exchange calendars from rules (the NYSE's
/// `xnys`), US Eastern time without a time-zone database, and the `TradingCalendar` concept.
#pragma once

#include "bulwark/calendar/holiday_rules.hpp"
#include "bulwark/calendar/trading_calendar.hpp"
#include "bulwark/calendar/us_eastern.hpp"
#include "bulwark/calendar/xnys.hpp"
