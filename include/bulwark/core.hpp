// SPDX-License-Identifier: MIT
/// \file
/// \brief Umbrella header of bulwark::core: the vocabulary every module shares.
#pragma once

#include "bulwark/core/atr.hpp"
#include "bulwark/core/bar.hpp"
#include "bulwark/core/broker.hpp"
#include "bulwark/core/clock.hpp"
#include "bulwark/core/error.hpp"
#include "bulwark/core/market.hpp"
#include "bulwark/core/order.hpp"
#include "bulwark/core/panel.hpp"
#include "bulwark/core/quote.hpp"
#include "bulwark/core/random.hpp"
#include "bulwark/core/returns.hpp"
#include "bulwark/core/side.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/core/signal_model.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/core/symbol_map.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/core/units.hpp"
#include "bulwark/core/version.hpp"
