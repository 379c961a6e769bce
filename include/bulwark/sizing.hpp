// SPDX-License-Identifier: MIT
/// \file
/// \brief Umbrella header of bulwark::sizing: Kelly in every form, volatility targeting,
/// exposure caps, and the sizer that turns target weights into orders at live prices.
#pragma once

#include "bulwark/sizing/caps.hpp"
#include "bulwark/sizing/cost_trim.hpp"
#include "bulwark/sizing/kelly.hpp"
#include "bulwark/sizing/kelly_weights.hpp"
#include "bulwark/sizing/order_size.hpp"
#include "bulwark/sizing/rule.hpp"
#include "bulwark/sizing/scaling.hpp"
#include "bulwark/sizing/sizer.hpp"
#include "bulwark/sizing/target_weight.hpp"
#include "bulwark/sizing/targeting.hpp"
#include "bulwark/sizing/volatility.hpp"
