// SPDX-License-Identifier: MIT
/// \file
/// \brief Umbrella header: everything in bulwark. Prefer a module's umbrella
/// (`bulwark/core.hpp`, ...) or a single component's header to keep compile times down.
#pragma once

#include "bulwark/calendar.hpp"
#include "bulwark/core.hpp"
#include "bulwark/cost.hpp"
#include "bulwark/data.hpp"
#include "bulwark/risk.hpp"
#include "bulwark/signal.hpp"
#include "bulwark/sizing.hpp"
#include "bulwark/validate.hpp"
