// SPDX-License-Identifier: MIT
/// \file
/// \brief Umbrella header of bulwark::risk.
#pragma once

// Risk metrics and VaR/ES: batch, rolling and streaming (docs/risk_metrics.md).
#include "bulwark/risk/backtest.hpp"
#include "bulwark/risk/distributions.hpp"
#include "bulwark/risk/drawdown.hpp"
#include "bulwark/risk/monte_carlo.hpp"
#include "bulwark/risk/returns_metrics.hpp"
#include "bulwark/risk/rolling.hpp"
#include "bulwark/risk/streaming.hpp"
#include "bulwark/risk/var.hpp"
#include "bulwark/risk/window_quantile.hpp"

// Portfolio risk (Eigen): covariance estimators, matrix checks, portfolio VaR/ES
// (docs/risk_portfolio.md).
#include "bulwark/risk/covariance.hpp"
#include "bulwark/risk/matrix_check.hpp"
#include "bulwark/risk/portfolio_var.hpp"
