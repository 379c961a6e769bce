// SPDX-License-Identifier: MIT
/// \file
/// \brief Umbrella header of bulwark::risk.
#pragma once

// Pre-trade gate, trading state, stops and circuit breakers.
#include "bulwark/risk/account.hpp"
#include "bulwark/risk/audit.hpp"
#include "bulwark/risk/checks.hpp"
#include "bulwark/risk/circuit_breaker.hpp"
#include "bulwark/risk/gate.hpp"
#include "bulwark/risk/reason.hpp"
#include "bulwark/risk/stops.hpp"
#include "bulwark/risk/throttle.hpp"
#include "bulwark/risk/trading_state.hpp"
#include "bulwark/risk/verdict.hpp"
