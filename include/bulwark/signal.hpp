// SPDX-License-Identifier: MIT
/// \file
/// \brief Umbrella header of bulwark::signal: from a model's scores to target weights.
/// Cross-sectional steps (normalise, rank, winsorise, neutralise) and their pipeline;
/// long/short, proportional and TopkDropout books; turnover; rolling z-score, EMA; pairs
/// (hedge ratios, bands, half-life, cointegration); ensembles of models; IC evaluation.
#pragma once

#include "bulwark/signal/cointegration.hpp"
#include "bulwark/signal/cross_section.hpp"
#include "bulwark/signal/ema.hpp"
#include "bulwark/signal/ensemble.hpp"
#include "bulwark/signal/evaluation.hpp"
#include "bulwark/signal/hedge_ratio.hpp"
#include "bulwark/signal/kalman_hedge.hpp"
#include "bulwark/signal/long_short.hpp"
#include "bulwark/signal/mean_reversion.hpp"
#include "bulwark/signal/neutralize.hpp"
#include "bulwark/signal/normalize.hpp"
#include "bulwark/signal/pair_bands.hpp"
#include "bulwark/signal/rank.hpp"
#include "bulwark/signal/rolling_zscore.hpp"
#include "bulwark/signal/topk_dropout.hpp"
#include "bulwark/signal/turnover.hpp"
#include "bulwark/signal/winsorize.hpp"
