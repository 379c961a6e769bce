// SPDX-License-Identifier: MIT
/// \file
/// \brief Umbrella header of bulwark::cost: commissions, regulatory fees, spread,
/// slippage and market impact, short borrow, partial fills, and the `cost_model` composer.
#pragma once

#include "bulwark/cost/commission.hpp"
#include "bulwark/cost/component.hpp"
#include "bulwark/cost/cost_model.hpp"
#include "bulwark/cost/fill_columns.hpp"
#include "bulwark/cost/fill_context.hpp"
#include "bulwark/cost/finra_taf.hpp"
#include "bulwark/cost/participation_cap.hpp"
#include "bulwark/cost/partial_fills.hpp"
#include "bulwark/cost/schedule.hpp"
#include "bulwark/cost/sec_fee.hpp"
#include "bulwark/cost/short_borrow.hpp"
#include "bulwark/cost/slippage.hpp"
#include "bulwark/cost/spread.hpp"
#include "bulwark/cost/square_root_impact.hpp"
#include "bulwark/cost/tiered_commission.hpp"
#include "bulwark/cost/volatility_scaling.hpp"
