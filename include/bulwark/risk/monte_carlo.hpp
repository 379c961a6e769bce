// SPDX-License-Identifier: MIT
/// \file
/// \brief Monte Carlo VaR and ES: fit a return model, simulate horizon returns with
/// counter-based randomness, and take the historical VaR/ES of the simulation.
///
/// Synopsis
/// \code
/// template <class M> concept ReturnModel;   // m.fit(r) -> a ReturnSampler
/// template <class S> concept ReturnSampler; // s.draw(rng, i) -> one-period return, noexcept
/// normal_model{}                            // N(mean, m2) fitted by maximum likelihood
/// student_t_model{.degrees_of_freedom = 0}  // location-scale t; 0: dof from the kurtosis
/// bootstrap_model{}                         // resample the observed returns
/// var_es monte_carlo_var_es(r, confidence, model, monte_carlo_config{...});
/// \endcode
///
/// Simulation s (0-based) of a horizon of h periods compounds h one-period draws with
/// indices s h .. s h + h - 1: R_s = prod (1 + draw) - 1, so every number is a pure function
/// of (seed, stream, r) and identical in any order or thread count. VaR and ES are then
/// historical_var_es of the R_s (type-7 quantile; ES = mean of the R_s strictly below it),
/// positive for losses. Their sampling error shrinks like 1 / sqrt(simulations).
///
/// Bad input: an empty or non-finite r, a confidence outside (0, 1), or r that a model
/// cannot fit is an `input_error` (id `bulwark.risk.monte_carlo`); zero simulations or
/// horizon, or a Student-t dof <= 2 (no variance to match), a `config_error`.
#pragma once

#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "bulwark/core/error.hpp"
#include "bulwark/core/random.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/risk/distributions.hpp"
#include "bulwark/risk/var.hpp"

namespace bulwark::risk {

/** @brief A fitted return distribution that Monte Carlo draws from
 * (docs/risk_metrics.md#returnmodel).
 *
 * | expression       | type     | requirement                                                |
 * |------------------|----------|------------------------------------------------------------|
 * | `s.draw(rng, i)` | `double` | `noexcept`; the i-th one-period simple return, a pure function of (rng, i) |
 *
 * `s` is a `const S&`, `rng` a `const counter_rng&`, `i` a `std::uint64_t`.
 */
template <class S>
concept ReturnSampler = requires(const S& s, const counter_rng& rng, std::uint64_t i) {
  { s.draw(rng, i) } noexcept -> std::same_as<double>;
};

/** @brief A return model: fits a ReturnSampler to observed returns
 * (docs/risk_metrics.md#returnmodel).
 *
 * | expression  | type                  | requirement                                        |
 * |-------------|-----------------------|----------------------------------------------------|
 * | `m.fit(r)`  | models ReturnSampler  | throws `input_error` for returns it cannot fit; the sampler may refer to r |
 *
 * `m` is a `const M&`, `r` a `std::span<const double>` of finite returns.
 */
template <class M>
concept ReturnModel = requires(const M& m, std::span<const double> r) {
  { m.fit(r) } -> ReturnSampler;
};

namespace detail {
inline constexpr auto monte_carlo_id = "bulwark.risk.monte_carlo";
}  // namespace detail

/// Normal returns with the sample's mean and population variance m2 (the maximum-likelihood
/// fit, and the moments of gaussian_var).
struct normal_model {
  struct sampler {
    double mean;
    double sd;
    [[nodiscard]] double draw(const counter_rng& rng, std::uint64_t i) const noexcept {
      return mean + sd * rng.normal(i);
    }
  };
  [[nodiscard]] sampler fit(std::span<const double> r) const {
    const moments m = central_moments(r);
    return {m.mean, std::sqrt(m.m2)};
  }
};

/// Location-scale Student-t returns: location = mean, and scale chosen so the variance
/// s^2 dof / (dof - 2) equals the population variance m2. With `degrees_of_freedom` 0 the
/// dof comes from the method of moments on the excess kurtosis K = 6 / (dof - 4), i.e.
/// dof = 4 + 6 / K, which needs K > 0 (an input_error otherwise); else it must be > 2.
struct student_t_model {
  double degrees_of_freedom = 0.0;

  struct sampler {
    double location;
    double scale;
    double dof;
    [[nodiscard]] double draw(const counter_rng& rng, std::uint64_t i) const noexcept {
      return location + scale * student_t_variate(rng, i, dof);
    }
  };
  [[nodiscard]] sampler fit(std::span<const double> r) const {
    const moments m = central_moments(r);
    double dof = degrees_of_freedom;
    if (dof == 0.0) {
      const double excess = m.m2 > 0.0 ? m.m4 / (m.m2 * m.m2) - 3.0 : 0.0;
      if (!(excess > 0.0)) {
        throw_input_error(detail::monte_carlo_id,
                          "student_t_model: excess kurtosis {} is not > 0, so no Student-t "
                          "matches it; use normal_model or set degrees_of_freedom",
                          excess);
      }
      dof = 4.0 + 6.0 / excess;
    } else if (!(dof > 2.0 && std::isfinite(dof))) {
      throw_config_error(detail::monte_carlo_id,
                         "student_t_model: degrees_of_freedom {} must be 0 (fit) or > 2", dof);
    }
    return {m.mean, std::sqrt(m.m2 * (dof - 2.0) / dof), dof};
  }
};

/// The empirical distribution: draw i is r[rng.below(i, n)] (resampling with replacement).
/// The sampler refers to r, which must outlive it.
struct bootstrap_model {
  struct sampler {
    std::span<const double> returns;
    [[nodiscard]] double draw(const counter_rng& rng, std::uint64_t i) const noexcept {
      return returns[static_cast<std::size_t>(rng.below(i, returns.size()))];
    }
  };
  [[nodiscard]] sampler fit(std::span<const double> r) const { return {r}; }
};

/// How many simulations, over what horizon, from which random numbers.
struct monte_carlo_config {
  std::size_t simulations = 100'000;  ///< number of simulated horizon returns, >= 1
  std::size_t horizon = 1;            ///< periods compounded per simulation, >= 1
  std::uint64_t seed = 0;             ///< counter_rng key
  std::uint64_t stream = 0;           ///< counter_rng key
};

/// The horizon returns of a Monte Carlo run (see the file comment): out[s] = prod_{h < H}
/// (1 + s.draw(rng, s H + h)) - 1. O(simulations x horizon), no allocation.
template <ReturnSampler S>
void simulate_horizon_returns(const S& sampler, const monte_carlo_config& config,
                              std::span<double> out) noexcept {
  const counter_rng rng{config.seed, config.stream};
  const std::uint64_t horizon = config.horizon;
  for (std::size_t s = 0; s < out.size(); ++s) {
    double growth = 1.0;
    for (std::uint64_t h = 0; h < horizon; ++h) growth *= 1.0 + sampler.draw(rng, s * horizon + h);
    out[s] = growth - 1.0;
  }
}

/// Monte Carlo VaR and ES of the horizon return at `confidence`, from `model` fitted to r.
template <class M>
[[nodiscard]] var_es monte_carlo_var_es(std::span<const double> r, double confidence,
                                        const M& model, const monte_carlo_config& config = {}) {
  static_assert(ReturnModel<M>,
                "the model of monte_carlo_var_es must model bulwark::risk::ReturnModel; see "
                "docs/risk_metrics.md#returnmodel");
  bulwark::detail::require_sample(r, 1, detail::monte_carlo_id, "monte_carlo_var_es: r");
  bulwark::detail::require_confidence(confidence, detail::monte_carlo_id, "monte_carlo_var_es");
  if (config.simulations == 0 || config.horizon == 0) {
    throw_config_error(detail::monte_carlo_id,
                       "monte_carlo_var_es: simulations {} and horizon {} must both be >= 1",
                       config.simulations, config.horizon);
  }
  const auto sampler = model.fit(r);
  std::vector<double> simulated(config.simulations);
  simulate_horizon_returns(sampler, config, simulated);
  if (!bulwark::detail::all_finite(simulated)) {
    throw_input_error(detail::monte_carlo_id,
                      "monte_carlo_var_es: the fitted model produced a non-finite horizon return");
  }
  return historical_var_es(simulated, confidence);
}

}  // namespace bulwark::risk
