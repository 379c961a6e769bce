// SPDX-License-Identifier: MIT
/// \file
/// \brief Returns from prices: `simple_returns` (r_i = p_{i+1} / p_i - 1, bulwark's default
/// kind of return) and `log_returns` (ln(p_{i+1} / p_i)).
///
/// Synopsis
/// \code
/// std::vector<double> simple_returns(std::span<const double> prices);
/// void simple_returns(std::span<const double> prices, std::span<double> out);  // no allocation
/// std::vector<double> log_returns(std::span<const double> prices);
/// void log_returns(std::span<const double> prices, std::span<double> out);
/// \endcode
///
/// n prices give n - 1 returns; return i is for the interval from price i to price i + 1.
/// Bad input is an `input_error` (id `bulwark.core.returns`): fewer than 2 prices, a price
/// that is not finite and > 0 (named with its index), or `out` of the wrong size.
/// Validation costs no extra pass over memory: it is fused into the return loop.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "bulwark/core/error.hpp"

namespace bulwark {

namespace detail {

inline constexpr auto returns_id = "bulwark.core.returns";

inline void require_returns_shape(std::span<const double> prices, std::span<double> out) {
  if (prices.size() < 2) {
    throw_input_error(returns_id, "{} price(s); expected at least 2", prices.size());
  }
  if (out.size() != prices.size() - 1) {
    throw_input_error(returns_id, "output has {} elements for {} prices; expected {}",
                      out.size(), prices.size(), prices.size() - 1);
  }
}

// Names the first price that is not finite and > 0. Called only once a kernel has seen one.
[[noreturn]] inline void throw_bad_price(std::span<const double> prices) {
  for (std::size_t i = 0; i < prices.size(); ++i) {
    if (!(prices[i] > 0.0 && prices[i] < HUGE_VAL)) {
      throw_input_error(returns_id, "prices[{}] is {}; expected a finite price > 0", i,
                        prices[i]);
    }
  }
  throw_input_error(returns_id, "a price is not finite and > 0");  // not reached
}

}  // namespace detail

/// out[i] = prices[i + 1] / prices[i] - 1. See the file comment for bad input; when it
/// throws, `out` holds unspecified values.
inline void simple_returns(std::span<const double> prices, std::span<double> out) {
  detail::require_returns_shape(prices, out);
  const double* __restrict p = prices.data();
  double* __restrict r = out.data();
  const std::size_t n = out.size();
  // The division bounds this loop, so the validation rides along in the same pass: the
  // running minimum catches prices <= 0, and p * 0 (NaN for NaN or inf, else 0) summed
  // catches non-finite ones. Blocks of 4 with restrict pointers let g++ -O2 vectorise the
  // division; two accumulators of each kind stay in registers.
  double low0 = HUGE_VAL, low1 = HUGE_VAL, nonfinite0 = 0.0, nonfinite1 = 0.0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    for (std::size_t j = 0; j < 4; ++j) r[i + j] = p[i + j + 1] / p[i + j] - 1.0;
    low0 = p[i] < low0 ? p[i] : low0;
    low1 = p[i + 1] < low1 ? p[i + 1] : low1;
    low0 = p[i + 2] < low0 ? p[i + 2] : low0;
    low1 = p[i + 3] < low1 ? p[i + 3] : low1;
    nonfinite0 += p[i] * 0.0 + p[i + 2] * 0.0;
    nonfinite1 += p[i + 1] * 0.0 + p[i + 3] * 0.0;
  }
  for (; i <= n; ++i) {  // the tail, and the last price (never a denominator)
    if (i < n) r[i] = p[i + 1] / p[i] - 1.0;
    low0 = p[i] < low0 ? p[i] : low0;
    nonfinite0 += p[i] * 0.0;
  }
  if (!(low0 > 0.0 && low1 > 0.0 && nonfinite0 + nonfinite1 == 0.0)) {
    detail::throw_bad_price(prices);
  }
}

/// The n - 1 simple returns of n prices.
[[nodiscard]] inline std::vector<double> simple_returns(std::span<const double> prices) {
  std::vector<double> out(prices.size() < 2 ? 0 : prices.size() - 1);
  simple_returns(prices, out);
  return out;
}

/// out[i] = ln(prices[i + 1] / prices[i]): the log of the ratio, which keeps full
/// relative precision for small moves (unlike ln p[i+1] - ln p[i]). See the file comment
/// for bad input; when it throws, `out` holds unspecified values.
inline void log_returns(std::span<const double> prices, std::span<double> out) {
  simple_returns(prices, out);  // validates, and log1p(simple return) == ln(ratio)
  for (double& r : out) r = std::log1p(r);
}

/// The n - 1 log returns of n prices.
[[nodiscard]] inline std::vector<double> log_returns(std::span<const double> prices) {
  std::vector<double> out(prices.size() < 2 ? 0 : prices.size() - 1);
  log_returns(prices, out);
  return out;
}

}  // namespace bulwark
