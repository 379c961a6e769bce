// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/risk/drawdown.hpp"
#include "bulwark/risk/returns_metrics.hpp"
#include "bulwark/risk/rolling.hpp"
#include "bulwark/risk/var.hpp"
#include "support/catch.hpp"

namespace rolling_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;
constexpr auto id = "bulwark.risk.rolling";

// The Sharpe ratio's mean can nearly cancel in a window; then the tolerance is 1e-12 of its
// condition scale, mean(|r - rf|) / sd sqrt(P), rather than of the tiny result.
bool sharpe_close(double actual, double expected, std::span<const double> r, double rf) {
  double abs_sum = 0.0;
  for (double v : r) abs_sum += std::abs(v - rf);
  const double scale = abs_sum / static_cast<double>(r.size()) /
                       bulwark::risk::annual_volatility(r, bulwark::trading_days_per_year) * 252.0;
  return std::abs(actual - expected) <= 1e-12 * std::max(std::abs(expected), scale);
}

std::vector<double> returns(std::size_t n, std::uint64_t seed) {
  std::vector<double> r(n);
  bulwark::counter_rng{seed, 5}.fill_normal(r);
  for (std::size_t i = 0; i < n; ++i) r[i] = 0.0003 + (i / 300 % 2 ? 0.02 : 0.008) * r[i];
  return r;
}
}  // namespace rolling_test

TEST_CASE("rolling VaR and ES equal the batch functions on every window", "[risk][rolling]") {
  using namespace rolling_test;
  const auto r = returns(2000, 1);
  for (std::size_t w : {std::size_t{1}, std::size_t{2}, std::size_t{20}, std::size_t{252}}) {
    for (double c : {0.95, 0.99}) {
      const auto var = bulwark::risk::rolling_historical_var(r, w, c);
      const auto es = bulwark::risk::rolling_historical_es(r, w, c);
      const auto both = bulwark::risk::rolling_historical_var_es(r, w, c);
      REQUIRE(var.size() == r.size() - w + 1);
      for (std::size_t i = 0; i < var.size(); ++i) {
        const auto window = std::span<const double>(r).subspan(i, w);
        const auto batch = bulwark::risk::historical_var_es(window, c);
        INFO("window " << w << " i " << i);
        REQUIRE(var[i] == batch.var);
        REQUIRE_THAT(es[i], WithinRel(batch.es, 1e-12));
        REQUIRE(both[i].var == var[i]);
        REQUIRE(both[i].es == es[i]);
      }
    }
  }
}

TEST_CASE("rolling volatility, Sharpe and drawdown equal the batch functions on every window",
          "[risk][rolling]") {
  using namespace rolling_test;
  const auto r = returns(3000, 2);
  const auto p = bulwark::trading_days_per_year;
  for (std::size_t w : {std::size_t{2}, std::size_t{3}, std::size_t{63}, std::size_t{252}}) {
    const auto vol = bulwark::risk::rolling_annual_volatility(r, w, p);
    const auto sharpe = bulwark::risk::rolling_sharpe_ratio(r, w, 0.0001, p);
    const auto dd = bulwark::risk::rolling_max_drawdown(r, w);
    REQUIRE(vol.size() == r.size() - w + 1);
    for (std::size_t i = 0; i < vol.size(); ++i) {
      const auto window = std::span<const double>(r).subspan(i, w);
      INFO("window " << w << " i " << i);
      REQUIRE_THAT(vol[i], WithinRel(bulwark::risk::annual_volatility(window, p), 1e-12));
      REQUIRE(sharpe_close(sharpe[i], bulwark::risk::sharpe_ratio(window, 0.0001, p), window, 0.0001));
      const double batch_dd = bulwark::risk::max_drawdown(window);
      REQUIRE_THAT(dd[i], WithinRel(batch_dd, 1e-12) || WithinAbs(batch_dd, 1e-15));
    }
  }
  // window == n: exactly one value, the whole series
  CHECK(bulwark::risk::rolling_max_drawdown(r, r.size()).size() == 1);
  CHECK_THAT(bulwark::risk::rolling_max_drawdown(r, r.size())[0],
             WithinRel(bulwark::risk::max_drawdown(r), 1e-12));
}

TEST_CASE("rolling functions reject bad input by name", "[risk][rolling]") {
  using namespace rolling_test;
  const auto r = returns(10, 3);
  auto bad = r;
  bad[4] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_MATCHES(bulwark::risk::rolling_historical_var(r, 11, 0.95), bulwark::input_error,
                       throws_error(id, "rolling_historical_var: r has 10 value(s), fewer than the window 11"));
  CHECK_THROWS_MATCHES(bulwark::risk::rolling_historical_es(r, 0, 0.95), bulwark::input_error,
                       throws_error(id, "rolling_historical_es: window 0 is below 1"));
  CHECK_THROWS_MATCHES(bulwark::risk::rolling_historical_var(bad, 3, 0.95), bulwark::input_error,
                       throws_error(id, "rolling_historical_var: r[4] is nan"));
  CHECK_THROWS_MATCHES(bulwark::risk::rolling_historical_var_es(r, 3, 1.5), bulwark::input_error,
                       throws_error(id, "rolling_historical_var_es: confidence 1.5 outside (0, 1)"));
  CHECK_THROWS_MATCHES(bulwark::risk::rolling_annual_volatility(r, 1, bulwark::trading_days_per_year),
                       bulwark::input_error,
                       throws_error(id, "rolling_annual_volatility: window 1 is below 2"));
  CHECK_THROWS_MATCHES(bulwark::risk::rolling_sharpe_ratio(bad, 3, 0.0, bulwark::trading_days_per_year),
                       bulwark::input_error, throws_error(id, "rolling_sharpe_ratio: r[4] is nan"));
  std::vector<double> out(7);
  CHECK_THROWS_MATCHES(bulwark::risk::rolling_historical_var(r, 3, 0.95, out), bulwark::input_error,
                       throws_error(id, "out has 7 element(s); expected n - window + 1 = 8"));
  auto wipe = r;
  wipe[2] = -3.0;
  CHECK_THROWS_MATCHES(bulwark::risk::rolling_max_drawdown(wipe, 3), bulwark::input_error,
                       throws_error(id, "rolling_max_drawdown: r[2] is -3"));
}
