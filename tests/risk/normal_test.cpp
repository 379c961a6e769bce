// SPDX-License-Identifier: MIT
#include "bulwark/risk/normal.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include "bulwark/core/random.hpp"
#include "support/catch.hpp"

using bulwark::test::throws_error;
using bulwark::test::WithinRel;
using bulwark::test::WithinULP;

TEST_CASE("normal_quantile equals R's qnorm and Python's NormalDist.inv_cdf (AS 241)",
          "[risk][normal]") {
  // /usr/bin/python3 -c "from statistics import NormalDist as N; print(repr(N().inv_cdf(p)))"
  // (Python 3.11 implements Wichura's AS 241, as R's qnorm does).
  const std::pair<double, double> expected[] = {
      {0.95, 1.6448536269514715},     {0.975, 1.9599639845400536},
      {0.99, 2.3263478740408408},     {0.999, 3.090232306167813},
      {0.05, -1.6448536269514726},    {0.01, -2.3263478740408408},
      {1e-10, -6.361340902404056},    {0.3, -0.5244005127080407},
      {0.5, 0.0},                     {1.0 - 0.95, -1.6448536269514715},
  };
  for (const auto& [p, z] : expected) {
    INFO("p = " << p);
    CHECK_THAT(bulwark::risk::normal_quantile(p), WithinULP(z, 2));
  }
  // An independent algorithm (Cephes' ndtri):
  // /usr/bin/python3 -c "from scipy.special import ndtri; print(repr(ndtri(p)))" (scipy 1.10)
  const std::pair<double, double> cephes[] = {
      {0.95, 1.6448536269514722}, {0.975, 1.959963984540054}, {0.99, 2.3263478740408408},
      {0.05, -1.6448536269514729}, {1e-10, -6.361340902404056}};
  for (const auto& [p, z] : cephes) {
    INFO("p = " << p);
    CHECK_THAT(bulwark::risk::normal_quantile(p), WithinRel(z, 1e-15));
  }
}

TEST_CASE("normal_quantile inverts normal_cdf across (0, 1)", "[risk][normal]") {
  const bulwark::counter_rng rng{11, 0};
  for (std::uint64_t i = 0; i < 2000; ++i) {
    // log-uniform over (1e-15, 1), mirrored, to cover both tails and the centre
    const double u = std::pow(10.0, -15.0 * rng.uniform_open(i));
    const double p = i % 2 == 0 ? u : 1.0 - u;
    if (p >= 1.0) continue;
    INFO("p = " << p);
    const double z = bulwark::risk::normal_quantile(p);
    // Phi^-1 is accurate to ~1e-16 relative; Phi(z) then carries its conditioning
    // |z phi(z) / Phi(z)|, which stays below ~40 in this range.
    CHECK_THAT(bulwark::risk::normal_cdf(z), WithinRel(p, 5e-14));
  }
}

TEST_CASE("normal pdf and cdf closed forms", "[risk][normal]") {
  CHECK_THAT(bulwark::risk::normal_pdf(0.0),
             WithinRel(1.0 / std::sqrt(2.0 * std::numbers::pi), 1e-15));
  CHECK_THAT(bulwark::risk::normal_pdf(1.0),
             WithinRel(std::exp(-0.5) / std::sqrt(2.0 * std::numbers::pi), 1e-15));
  CHECK(bulwark::risk::normal_cdf(0.0) == 0.5);
  // scipy.special.ndtr (Cephes): the lower tail keeps its relative precision through erfc
  // (to the accuracy of the C library's erfc, ~1e-14 this far out).
  CHECK_THAT(bulwark::risk::normal_cdf(-1.959963984540054), WithinRel(0.025, 1e-15));
  CHECK_THAT(bulwark::risk::normal_cdf(-8.2), WithinRel(1.2019351542735735e-16, 1e-13));
}

TEST_CASE("normal_quantile rejects p outside (0, 1)", "[risk][normal]") {
  for (double p : {0.0, 1.0, -0.1, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
    INFO("p = " << p);
    CHECK_THROWS_MATCHES(bulwark::risk::normal_quantile(p), bulwark::input_error,
                         throws_error("bulwark.risk.normal", "normal_quantile: p"));
  }
}
