// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/signal/mean_reversion.hpp"
#include "support/catch.hpp"

namespace mean_reversion_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;
}  // namespace mean_reversion_test

TEST_CASE("OU fit of a noiseless decay recovers phi, the mean and the half-life", "[signal][mean_reversion]") {
  // s_t = 2 + 3 * 0.8^t: exactly s_t = 0.4 + 0.8 s_{t-1}.
  std::vector<double> s(40);
  for (std::size_t t = 0; t < s.size(); ++t) s[t] = 2.0 + 3.0 * std::pow(0.8, static_cast<double>(t));
  const auto f = bulwark::signal::fit_ornstein_uhlenbeck(s);
  CHECK_THAT(f.phi, mean_reversion_test::WithinRel(0.8, 1e-9));
  CHECK_THAT(f.mean, mean_reversion_test::WithinRel(2.0, 1e-8));
  CHECK_THAT(f.half_life, mean_reversion_test::WithinRel(-std::numbers::ln2 / std::log(0.8), 1e-8));
  CHECK(f.mean_reverting());
  CHECK(f.n == 39);
  CHECK_THAT(f.sigma, mean_reversion_test::WithinAbs(0.0, 1e-9));
}

TEST_CASE("OU fit of a simulated AR(1) estimates its half-life", "[signal][mean_reversion]") {
  // phi = 0.95: half-life -ln 2 / ln 0.95 = 13.51 periods. With n = 20000 the OLS estimate
  // of phi has sd ~ sqrt((1 - phi^2) / n) = 0.0022, i.e. ~0.6 periods of half-life.
  const bulwark::counter_rng rng{4, 4};
  std::vector<double> s(20'000);
  double level = 0.0;
  for (std::size_t t = 0; t < s.size(); ++t) s[t] = level = 0.95 * level + 0.01 * rng.normal(t);
  const auto f = bulwark::signal::fit_ornstein_uhlenbeck(s);
  CHECK_THAT(f.phi, mean_reversion_test::WithinAbs(0.95, 0.008));
  CHECK_THAT(f.half_life, mean_reversion_test::WithinAbs(13.51, 2.5));
  CHECK_THAT(f.sigma, mean_reversion_test::WithinRel(0.01, 0.03));
}

TEST_CASE("OU fit: no reversion, overshooting, bad input", "[signal][mean_reversion]") {
  using mean_reversion_test::throws_error;
  std::vector<double> growth(20);
  for (std::size_t t = 0; t < growth.size(); ++t) growth[t] = std::pow(1.1, static_cast<double>(t));
  const auto g = bulwark::signal::fit_ornstein_uhlenbeck(growth);
  CHECK(g.half_life == std::numeric_limits<double>::infinity());
  CHECK(std::isnan(g.mean));
  CHECK(!g.mean_reverting());
  const std::vector<double> zigzag{1.0, -1.0, 1.0, -1.0, 1.0, -1.0};
  const auto z = bulwark::signal::fit_ornstein_uhlenbeck(zigzag);
  CHECK_THAT(z.phi, mean_reversion_test::WithinAbs(-1.0, 1e-12));
  CHECK(!z.mean_reverting());
  CHECK_THROWS_MATCHES(bulwark::signal::fit_ornstein_uhlenbeck(std::vector<double>{1.0, 2.0, 3.0}), bulwark::input_error,
                       throws_error("bulwark.signal.mean_reversion", "series has 3 value(s); expected at least 4"));
  CHECK_THROWS_MATCHES(bulwark::signal::fit_ornstein_uhlenbeck(std::vector<double>{1.0, 1.0, 1.0, 1.0}), bulwark::input_error,
                       throws_error("bulwark.signal.mean_reversion", "the series is constant"));
  CHECK_THROWS_MATCHES(bulwark::signal::fit_ornstein_uhlenbeck(std::vector<double>{1.0, 2.0, std::numeric_limits<double>::quiet_NaN(), 1.0}),
                       bulwark::input_error, throws_error("bulwark.signal.mean_reversion", "series[2] is nan"));
}
