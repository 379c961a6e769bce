// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/signal/kalman_hedge.hpp"
#include "support/catch.hpp"

namespace kalman_hedge_test {
using bulwark::test::throws_error;
using bulwark::test::WithinRel;
}  // namespace kalman_hedge_test

TEST_CASE("Kalman with no state noise is Bayesian least squares (ridge)", "[signal][hedge_ratio]") {
  // theta_n = (P0^-1 I + X'X / Ve)^-1 (P0^-1 theta0 + X'y / Ve), X rows [x_t, 1].
  const bulwark::counter_rng rng{21, 0};
  constexpr std::size_t n = 300;
  const double p0 = 2.0, ve = 0.25, b0 = 0.3, a0 = -0.2;
  bulwark::signal::kalman_hedge_ratio k{{.delta = 0.0, .observation_variance = ve,
                                         .initial_beta = b0, .initial_alpha = a0,
                                         .initial_variance = p0}};
  double sxx = 0.0, sx = 0.0, sxy = 0.0, sy = 0.0;
  bulwark::signal::kalman_step last;
  for (std::size_t t = 0; t < n; ++t) {
    const double x = 10.0 + 3.0 * rng.normal(2 * t);
    const double y = 1.5 * x + 4.0 + rng.normal(2 * t + 1);
    last = k.update(x, y);
    sxx += x * x;
    sx += x;
    sxy += x * y;
    sy += y;
  }
  // Solve [[1/p0 + sxx/ve, sx/ve], [sx/ve, 1/p0 + n/ve]] theta = [b0/p0 + sxy/ve, a0/p0 + sy/ve].
  const double m00 = 1.0 / p0 + sxx / ve, m01 = sx / ve, m11 = 1.0 / p0 + static_cast<double>(n) / ve;
  const double r0 = b0 / p0 + sxy / ve, r1 = a0 / p0 + sy / ve;
  const double det = m00 * m11 - m01 * m01;
  CHECK_THAT(last.posterior.beta, kalman_hedge_test::WithinRel((m11 * r0 - m01 * r1) / det, 1e-9));
  CHECK_THAT(last.posterior.alpha, kalman_hedge_test::WithinRel((m00 * r1 - m01 * r0) / det, 1e-9));
}

TEST_CASE("Kalman: Chan's first step, forecasts from the prior only, missing observations", "[signal][hedge_ratio]") {
  bulwark::signal::kalman_hedge_ratio k;  // Chan's defaults: prior 0 with covariance 0
  auto s = k.update(2.0, 5.0);
  CHECK(s.prior.beta == 0.0);
  CHECK(s.forecast_error == 5.0);
  CHECK(s.forecast_variance == 1e-3);  // R = 0: Q = Ve, K = 0
  CHECK(s.posterior.beta == 0.0);
  s = k.update(2.0, 5.0);
  // R = Vw = 1e-4 / (1 - 1e-4) I; Q = (4 + 1) w + Ve.
  const double w = 1e-4 / (1.0 - 1e-4);
  CHECK_THAT(s.forecast_variance, kalman_hedge_test::WithinRel(5.0 * w + 1e-3, 1e-15));
  CHECK_THAT(s.posterior.beta, kalman_hedge_test::WithinRel(2.0 * w / (5.0 * w + 1e-3) * 5.0, 1e-14));
  CHECK_THAT(s.zscore(), kalman_hedge_test::WithinRel(5.0 / std::sqrt(5.0 * w + 1e-3), 1e-15));
  // A missing observation propagates the state without updating it.
  const auto before = k.value();
  s = k.update(std::numeric_limits<double>::quiet_NaN(), 1.0);
  CHECK(std::isnan(s.forecast_error));
  CHECK(k.value().beta == before.beta);
  // ... and the uncertainty it left shows in the next forecast variance.
  bulwark::signal::kalman_hedge_ratio twin;
  twin.update(2.0, 5.0);
  twin.update(2.0, 5.0);
  CHECK(k.update(2.0, 5.0).forecast_variance > twin.update(2.0, 5.0).forecast_variance);
}

TEST_CASE("Kalman has no look-ahead and rejects bad options and input", "[signal][hedge_ratio]") {
  using kalman_hedge_test::throws_error;
  std::vector<double> x(400), y(400);
  const bulwark::counter_rng rng{22, 0};
  for (std::size_t t = 0; t < 400; ++t) {
    x[t] = 50.0 + rng.normal(2 * t);
    y[t] = 0.7 * x[t] + rng.normal(2 * t + 1);
  }
  auto changed = y;
  for (std::size_t t = 200; t < 400; ++t) changed[t] += 10.0;
  const auto a = bulwark::signal::kalman_hedge_series(x, y);
  const auto b = bulwark::signal::kalman_hedge_series(x, changed);
  for (std::size_t t = 0; t < 200; ++t) {
    REQUIRE(a[t].posterior.beta == b[t].posterior.beta);
    REQUIRE(a[t].forecast_error == b[t].forecast_error);
  }
  CHECK(a[200].prior.beta == b[200].prior.beta);  // the prior at t knows nothing of y_t
  CHECK(a[200].forecast_error != b[200].forecast_error);
  using bulwark::signal::kalman_hedge_ratio;
  CHECK_THROWS_MATCHES(kalman_hedge_ratio({.delta = 1.0}), bulwark::config_error,
                       throws_error("bulwark.signal.hedge_ratio", "kalman: delta 1 outside [0, 1)"));
  CHECK_THROWS_MATCHES(kalman_hedge_ratio({.observation_variance = 0.0}), bulwark::config_error,
                       throws_error("bulwark.signal.hedge_ratio", "kalman: observation_variance 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES(kalman_hedge_ratio({.initial_variance = -1.0}), bulwark::config_error,
                       throws_error("bulwark.signal.hedge_ratio", "initial_variance -1"));
  x[5] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_MATCHES(bulwark::signal::kalman_hedge_series(x, y), bulwark::input_error,
                       throws_error("bulwark.signal.hedge_ratio", "kalman_hedge_series: x[5] is nan"));
}
