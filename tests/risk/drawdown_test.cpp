// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/risk/drawdown.hpp"
#include "support/catch.hpp"

namespace drawdown_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;

// The textbook definition, point by point with a running product (PA Drawdowns): an
// independent reference for the blocked kernel.
struct naive_result {
  double max_drawdown = 0.0;
  std::size_t peak = 0, trough = 0;
  std::optional<std::size_t> recovery;
};
naive_result naive(const std::vector<double>& r) {
  std::vector<double> w(r.size() + 1, 1.0);
  for (std::size_t i = 0; i < r.size(); ++i) w[i + 1] = w[i] * (1.0 + r[i]);
  naive_result out;
  double peak = w[0];
  std::size_t peak_point = 0;
  for (std::size_t j = 1; j < w.size(); ++j) {
    if (w[j] >= peak) {
      peak = w[j];
      peak_point = j;
    }
    const double dd = 1.0 - w[j] / peak;
    if (dd > out.max_drawdown) {
      out.max_drawdown = dd;
      out.peak = peak_point;
      out.trough = j;
    }
  }
  for (std::size_t j = out.trough + 1; j < w.size() && out.max_drawdown > 0; ++j) {
    if (w[j] >= w[out.peak]) {
      out.recovery = j;
      break;
    }
  }
  return out;
}

std::vector<double> random_returns(std::size_t n, std::uint64_t seed, double drift, double vol) {
  std::vector<double> r(n);
  bulwark::counter_rng{seed, 0}.fill_normal(r);
  for (double& x : r) x = drift + vol * x;
  return r;
}
}  // namespace drawdown_test

TEST_CASE("max_drawdown equals the closed form and counts the start as a peak", "[risk][drawdown]") {
  using namespace drawdown_test;
  using namespace bulwark::risk;
  // wealth 1.1, 0.55, 0.66: half of the 1.1 peak is lost.
  const std::vector<double> r{0.1, -0.5, 0.2};
  CHECK(max_drawdown(r) == 0.5);
  const auto e = max_drawdown_episode(r);
  CHECK(e.max_drawdown == 0.5);
  CHECK(e.peak == 1);
  CHECK(e.trough == 2);
  CHECK_FALSE(e.recovery.has_value());
  CHECK(e.duration == 2);
  CHECK(fmt::format("{}", e) == "max drawdown 0.5 from point 1 to 2, not recovered (2 periods)");
  // A first-period loss is a drawdown from the starting wealth.
  CHECK_THAT(max_drawdown(std::vector{-0.1}), WithinRel(0.1, 1e-15));
  CHECK(max_drawdown(std::vector{0.01, 0.0, 0.02}) == 0.0);
  CHECK(max_drawdown_episode(std::vector{0.01, 0.02}) == drawdown_episode{});
  CHECK(max_drawdown(std::vector{0.2, -1.0, 0.5}) == 1.0);
  // Recovery: 1.1 * 0.5 * 2 regains the 1.1 peak exactly.
  const auto rec = max_drawdown_episode(std::vector{0.1, -0.5, 1.0, -0.01});
  CHECK(rec.recovery == std::optional<std::size_t>{3});
  CHECK(rec.duration == 2);
  // Calmar: P = 3 periods a year over 3 periods: annual return 1.1 * 0.5 * 1.2 - 1 = -0.34.
  CHECK_THAT(calmar_ratio(r, bulwark::periods_per_year{3.0}), WithinRel(-0.34 / 0.5, 1e-14));
  CHECK(calmar_ratio(std::vector{0.01, 0.02}, bulwark::trading_days_per_year) == HUGE_VAL);
}

TEST_CASE("max_drawdown and its episode equal the point-by-point definition", "[risk][drawdown]") {
  using namespace drawdown_test;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const std::size_t n = 1 + seed * 37 % 900;
    const double drift = (static_cast<double>(seed % 7) - 3.0) * 0.0008;
    const auto r = random_returns(n, seed, drift, 0.01 + 0.002 * static_cast<double>(seed % 5));
    const auto expected = naive(r);
    INFO("seed " << seed << " n " << n);
    const auto e = bulwark::risk::max_drawdown_episode(r);
    CHECK_THAT(bulwark::risk::max_drawdown(r), WithinRel(expected.max_drawdown, 1e-13));
    CHECK(e.max_drawdown == bulwark::risk::max_drawdown(r));
    CHECK(e.peak == expected.peak);
    CHECK(e.trough == expected.trough);
    CHECK(e.recovery == expected.recovery);
    const auto series = bulwark::risk::drawdowns(r);
    REQUIRE(series.size() == n);
    CHECK(*std::max_element(series.begin(), series.end()) == bulwark::risk::max_drawdown(r));
  }
}

TEST_CASE("max_drawdown rejects bad input by name", "[risk][drawdown]") {
  using drawdown_test::throws_error;
  constexpr auto id = "bulwark.risk.metrics";
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> r(100, 0.001);
  r[42] = nan;
  CHECK_THROWS_MATCHES(bulwark::risk::max_drawdown(r), bulwark::input_error,
                       throws_error(id, "max_drawdown: r[42] is nan"));
  r[42] = -HUGE_VAL;
  CHECK_THROWS_MATCHES(bulwark::risk::max_drawdown_episode(r), bulwark::input_error,
                       throws_error(id, "max_drawdown_episode: r[42] is -inf"));
  r[42] = -1.25;
  CHECK_THROWS_MATCHES(bulwark::risk::max_drawdown(r), bulwark::input_error,
                       throws_error(id, "max_drawdown: r[42] is -1.25; a simple return cannot be below -1"));
  r[42] = -1.0;  // a wipe-out, then a loss beyond everything: still rejected
  r[43] = -2.0;
  CHECK_THROWS_MATCHES(bulwark::risk::calmar_ratio(r, bulwark::trading_days_per_year),
                       bulwark::input_error, throws_error(id, "r[43] is -2"));
  CHECK_THROWS_MATCHES(bulwark::risk::max_drawdown(std::vector<double>{}), bulwark::input_error,
                       throws_error(id, "max_drawdown: r is empty"));
  CHECK_THROWS_MATCHES(bulwark::risk::calmar_ratio(std::vector{0.0, 0.0}, bulwark::trading_days_per_year),
                       bulwark::input_error, throws_error(id, "calmar_ratio: undefined (0 / 0)"));
}
