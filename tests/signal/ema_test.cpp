// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/signal/ema.hpp"
#include "support/catch.hpp"

namespace ema_test {
using bulwark::test::throws_error;
}  // namespace ema_test

TEST_CASE("EMA: closed form and pandas' alpha conventions", "[signal][ema]") {
  using bulwark::signal::exponential_moving_average;
  exponential_moving_average e{0.5};
  CHECK(std::isnan(e.value()));
  CHECK(e.update(0.0) == 0.0);  // y0 = x0
  CHECK(e.update(2.0) == 1.0);  // (0.5 * 0 + 0.5 * 2) / 1
  CHECK(e.update(4.0) == 2.5);
  CHECK(e.update(2.5) == 2.5);  // equal: unchanged
  // span 3 -> com 1 -> alpha 1/2; com 9 -> alpha 0.1; half-life 1 -> alpha 1/2.
  CHECK(exponential_moving_average::from_span(3.0).alpha() == 0.5);
  CHECK(exponential_moving_average::from_com(9.0).alpha() == 1.0 / 10.0);
  CHECK(exponential_moving_average::from_halflife(1.0).alpha() == 0.5);
  // pandas: 1 / (1 + (20 - 1) / 2) = 0.09523809523809523, not always 2 / 21 to the last bit.
  CHECK(exponential_moving_average::from_span(20.0).alpha() == 1.0 / (1.0 + 19.0 / 2.0));
}

TEST_CASE("EMA has no look-ahead", "[signal][ema]") {
  std::vector<double> x(500);
  bulwark::counter_rng{8, 0}.fill_normal(x);
  auto changed = x;
  for (std::size_t t = 300; t < 500; ++t) changed[t] += 1.0;
  const auto ema = bulwark::signal::exponential_moving_average::from_span(10.0);
  const auto a = bulwark::signal::ema_series(x, ema);
  const auto b = bulwark::signal::ema_series(changed, ema);
  for (std::size_t t = 0; t < 300; ++t) REQUIRE(a[t] == b[t]);
  CHECK(a[300] != b[300]);
}

TEST_CASE("EMA skips a missing value as pandas ewm(adjust=False) does, and recovers", "[signal][ema]") {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  // pandas' documented convention (ewm, ignore_na=False, the default): "the weights of x0 and
  // x2 used in calculating the final weighted average of [x0, None, x2] are (1-alpha)**2 and
  // alpha if adjust=False"; the NaN step itself shows the carried average.
  bulwark::signal::exponential_moving_average e{0.5};
  CHECK(e.update(1.0) == 1.0);
  CHECK(e.update(nan) == 1.0);  // carried, not NaN
  CHECK(e.ready());
  CHECK(e.update(3.0) == (0.25 * 1.0 + 0.5 * 3.0) / (0.25 + 0.5));  // 2.333..., not 2
  const double before = e.value();
  CHECK(e.update(5.0) == (0.5 * before + 0.5 * 5.0) / (0.5 + 0.5));  // no gap: weight back to 1
  CHECK(e.skipped() == 1);
  // An infinite tick is skipped too (streaming is noexcept), counted, and ages the average.
  bulwark::signal::exponential_moving_average g{0.5};
  g.update(2.0);
  CHECK(g.update(std::numeric_limits<double>::infinity()) == 2.0);
  CHECK(g.update(nan) == 2.0);
  CHECK(g.update(4.0) == (0.125 * 2.0 + 0.5 * 4.0) / (0.125 + 0.5));  // (1 - alpha)^3 after two gaps
  CHECK(g.skipped() == 2);
  g.reset();
  CHECK(g.skipped() == 0);
  CHECK(g.update(7.0) == 7.0);

  // Batch: leading NaN stays NaN (no value yet), then the same convention.
  const std::vector<double> x{nan, 2.0, nan, nan, 4.0};
  const auto y = bulwark::signal::ema_series(x, bulwark::signal::exponential_moving_average{0.5});
  CHECK(std::isnan(y[0]));
  CHECK(y[1] == 2.0);
  CHECK(y[2] == 2.0);
  CHECK(y[3] == 2.0);
  CHECK(y[4] == (0.125 * 2.0 + 0.5 * 4.0) / (0.125 + 0.5));
  // Without a gap the old weight is (1 - alpha) as before: unchanged results.
  const std::vector<double> plain{1.0, 3.0};
  CHECK(bulwark::signal::ema_series(plain, bulwark::signal::exponential_moving_average{0.2})[1] ==
        (0.8 * 1.0 + 0.2 * 3.0) / (0.8 + 0.2));
}

TEST_CASE("EMA rejects bad parameters and, in batch, non-finite values", "[signal][ema]") {
  using bulwark::signal::exponential_moving_average;
  using ema_test::throws_error;
  CHECK_THROWS_MATCHES(exponential_moving_average{0.0}, bulwark::config_error,
                       throws_error("bulwark.signal.ema", "alpha 0 outside (0, 1]"));
  CHECK_THROWS_MATCHES(exponential_moving_average{1.5}, bulwark::config_error,
                       throws_error("bulwark.signal.ema", "alpha 1.5 outside (0, 1]"));
  CHECK_THROWS_MATCHES(exponential_moving_average::from_span(0.5), bulwark::config_error,
                       throws_error("bulwark.signal.ema", "span 0.5 must be finite and >= 1"));
  CHECK_THROWS_MATCHES(exponential_moving_average::from_halflife(0.0), bulwark::config_error,
                       throws_error("bulwark.signal.ema", "half-life 0"));
  CHECK_THROWS_MATCHES(exponential_moving_average::from_com(-1.0), bulwark::config_error,
                       throws_error("bulwark.signal.ema", "centre of mass -1"));
  const std::vector<double> x{1.0, std::numeric_limits<double>::infinity()};
  CHECK_THROWS_MATCHES(bulwark::signal::ema_series(x, exponential_moving_average{0.5}), bulwark::input_error,
                       throws_error("bulwark.signal.ema", "ema_series: x[1] is inf"));
}
