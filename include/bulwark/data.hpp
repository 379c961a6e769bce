// SPDX-License-Identifier: MIT
/// \file
/// \brief Umbrella header of bulwark::data: reading market data from CSV and adjusting it
/// for corporate actions.
#pragma once

#include "bulwark/data/adjust.hpp"
#include "bulwark/data/bar_reader.hpp"
#include "bulwark/data/corporate_actions.hpp"
#include "bulwark/data/csv.hpp"
#include "bulwark/data/factor_table.hpp"
#include "bulwark/data/parse_time.hpp"
#include "bulwark/data/quote_bar_reader.hpp"
