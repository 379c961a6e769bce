// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/signal/hedge_ratio.hpp"
#include "support/catch.hpp"

namespace hedge_ratio_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;

// The least-squares line over x[t-w+1 .. t], two passes.
bulwark::signal::hedge_ratio direct(const std::vector<double>& x, const std::vector<double>& y,
                                    std::size_t t, std::size_t w) {
  double mx = 0.0, my = 0.0;
  for (std::size_t i = t + 1 - w; i <= t; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(w);
  my /= static_cast<double>(w);
  double sxx = 0.0, sxy = 0.0;
  for (std::size_t i = t + 1 - w; i <= t; ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  return {sxy / sxx, my - sxy / sxx * mx};
}

struct pair_series {
  std::vector<double> x, y;
};
// y = 3 + 0.8 x + noise, x a random walk around 100.
pair_series simulated(std::size_t n, std::uint64_t stream) {
  const bulwark::counter_rng rng{12, stream};
  pair_series p{std::vector<double>(n), std::vector<double>(n)};
  double level = 100.0;
  for (std::size_t t = 0; t < n; ++t) {
    level += rng.normal(2 * t);
    p.x[t] = level;
    p.y[t] = 3.0 + 0.8 * level + 0.5 * rng.normal(2 * t + 1);
  }
  return p;
}
}  // namespace hedge_ratio_test

TEST_CASE("rolling hedge ratio recovers an exact line", "[signal][hedge_ratio]") {
  bulwark::signal::rolling_hedge_ratio r{4};
  bulwark::signal::hedge_ratio h;
  for (int i = 0; i < 10; ++i) {
    const double x = 1.5 * i * i - 3.0;  // not evenly spaced
    h = r.update(x, 2.0 * x + 1.0);
    if (i < 3) CHECK(!h.ok());
  }
  CHECK_THAT(h.beta, hedge_ratio_test::WithinRel(2.0, 1e-13));
  CHECK_THAT(h.alpha, hedge_ratio_test::WithinAbs(1.0, 1e-11));
  CHECK(bulwark::signal::spread(7.0, 2.0, {2.0, 1.0}) == 2.0);
  CHECK(fmt::format("{}", bulwark::signal::hedge_ratio{2.0, 1.0}) == "beta 2 alpha 1");
}

TEST_CASE("rolling hedge ratio equals the per-window regression and has no look-ahead", "[signal][hedge_ratio]") {
  const auto p = hedge_ratio_test::simulated(5'000, 1);
  const auto h = bulwark::signal::rolling_hedge_ratio_series(p.x, p.y, 60);
  for (std::size_t t = 59; t < p.x.size(); t += 13) {
    const auto d = hedge_ratio_test::direct(p.x, p.y, t, 60);
    REQUIRE_THAT(h[t].beta, hedge_ratio_test::WithinAbs(d.beta, 1e-9));
    REQUIRE_THAT(h[t].alpha, hedge_ratio_test::WithinAbs(d.alpha, 1e-7));
  }
  auto changed = p;
  for (std::size_t t = 3'000; t < 5'000; ++t) changed.y[t] = -changed.y[t];
  const auto g = bulwark::signal::rolling_hedge_ratio_series(changed.x, changed.y, 60);
  for (std::size_t t = 0; t < 3'000; ++t) {
    REQUIRE(((h[t].beta == g[t].beta && h[t].alpha == g[t].alpha) || (!h[t].ok() && !g[t].ok())));
  }
}

TEST_CASE("rolling hedge ratio: missing values, flat x, bad input", "[signal][hedge_ratio]") {
  using hedge_ratio_test::throws_error;
  bulwark::signal::rolling_hedge_ratio r{3};
  r.update(1.0, 1.0);
  r.update(2.0, 3.0);
  CHECK(!r.update(std::numeric_limits<double>::quiet_NaN(), 4.0).ok());
  CHECK(!r.update(4.0, 5.0).ok());
  CHECK(!r.update(5.0, 7.0).ok());
  CHECK(r.update(6.0, 9.0).ok());  // the NaN has left the window
  CHECK_THAT(r.value().beta, hedge_ratio_test::WithinRel(2.0, 1e-14));
  bulwark::signal::rolling_hedge_ratio flat{3};
  for (int i = 0; i < 4; ++i) CHECK(!flat.update(2.0, 1.0 * i).ok());
  CHECK_THROWS_MATCHES(bulwark::signal::rolling_hedge_ratio{2}, bulwark::config_error,
                       throws_error("bulwark.signal.rolling", "rolling_hedge_ratio: window 2; expected >= 3"));
  const std::vector<double> a{1.0, 2.0, 3.0};
  const std::vector<double> b{1.0, std::numeric_limits<double>::infinity(), 3.0};
  CHECK_THROWS_MATCHES(bulwark::signal::rolling_hedge_ratio_series(a, std::vector<double>{1.0}, 3), bulwark::input_error,
                       throws_error("bulwark.signal.hedge_ratio", "y has 1 values and x 3"));
  CHECK_THROWS_MATCHES(bulwark::signal::rolling_hedge_ratio_series(a, b, 3), bulwark::input_error,
                       throws_error("bulwark.signal.hedge_ratio", "rolling_hedge_ratio_series: y[1] is inf"));
}
