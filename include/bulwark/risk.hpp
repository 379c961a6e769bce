// SPDX-License-Identifier: MIT
/// \file
/// \brief Umbrella header of bulwark::risk: risk metrics, VaR and ES.
#pragma once

// Portfolio risk (Eigen): covariance estimators, matrix checks, portfolio VaR/ES.
#include "bulwark/risk/covariance.hpp"
#include "bulwark/risk/matrix_check.hpp"
#include "bulwark/risk/normal.hpp"
#include "bulwark/risk/portfolio_var.hpp"
