// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/risk/drawdown.hpp"
#include "bulwark/risk/returns_metrics.hpp"
#include "bulwark/risk/streaming.hpp"
#include "bulwark/risk/var.hpp"
#include "support/allocation_counter.hpp"
#include "support/catch.hpp"

namespace streaming_test {
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;
using bulwark::test::throws_error;

// A ratio of a mean to a dispersion: its mean can nearly cancel, and then no two summation
// orders agree to 1e-12 of the (tiny) result. The tolerance is 1e-12 of the result or of
// its condition scale, the same ratio with mean(|r - level|) on top.
bool ratio_close(double actual, double expected, std::span<const double> r, double level,
                 double dispersion, double root_p) {
  double abs_sum = 0.0;
  for (double v : r) abs_sum += std::abs(v - level);
  const double scale = abs_sum / static_cast<double>(r.size()) / dispersion * root_p;
  return std::abs(actual - expected) <= 1e-12 * std::max(std::abs(expected), scale);
}

std::vector<double> returns(std::size_t n, std::uint64_t seed) {
  std::vector<double> r(n);
  const bulwark::counter_rng rng{seed, 3};
  for (std::size_t i = 0; i < n; ++i) r[i] = 0.0002 + 0.011 * bulwark::risk::student_t_variate(rng, i, 5.0);
  return r;
}
}  // namespace streaming_test

TEST_CASE("streaming statistics equal the batch functions after every return", "[risk][streaming]") {
  using namespace streaming_test;
  using namespace bulwark::risk;
  const auto r = returns(3000, 4);
  const auto p = bulwark::trading_days_per_year;
  accumulator_set set{running_moments{}, running_drawdown{}, running_sharpe{0.0001, p},
                      running_sortino{0.0, p}, rolling_var_es{250, 0.95}};
  for (std::size_t i = 0; i < r.size(); ++i) {
    set.add(r[i]);
    const std::span<const double> seen(r.data(), i + 1);
    INFO("after " << i + 1 << " returns");
    const auto& d = set.get<running_drawdown>();
    REQUIRE(d.value() == max_drawdown(seen));  // same blocked arithmetic: bit for bit
    if (i % 7 != 0 && i + 1 != r.size()) continue;
    REQUIRE(d.episode() == max_drawdown_episode(seen));
    const auto& v = set.get<rolling_var_es>();
    const auto last = seen.subspan(i + 1 > 250 ? i + 1 - 250 : 0);
    REQUIRE(v.var() == historical_var(last, 0.95));
    REQUIRE_THAT(v.es(), WithinRel(historical_es(last, 0.95), 1e-12));
    if (i < 2) continue;
    const auto& m = set.get<running_moments>();
    // The mean and the third moment can cancel too: compare them to 1e-12 of their condition
    // scales, mean |r| and mean |r - mean|^3 / m2^1.5.
    double abs1 = 0.0, abs3 = 0.0;
    const double mu = bulwark::mean(seen);
    for (double x : seen) {
      abs1 += std::abs(x);
      abs3 += std::abs((x - mu) * (x - mu) * (x - mu));
    }
    const double n = static_cast<double>(seen.size());
    const double m2 = bulwark::central_moments(seen).m2;
    REQUIRE_THAT(m.mean(), WithinAbs(mu, 1e-12 * abs1 / n));
    REQUIRE_THAT(m.variance(), WithinRel(bulwark::sample_variance(seen), 1e-12));
    REQUIRE_THAT(m.skewness(), WithinAbs(skewness(seen), 1e-12 * abs3 / n / (m2 * std::sqrt(m2))));
    REQUIRE_THAT(m.excess_kurtosis(), WithinRel(excess_kurtosis(seen), 1e-12));
    const double root_p = std::sqrt(252.0);
    REQUIRE(ratio_close(set.get<running_sharpe>().value(), sharpe_ratio(seen, 0.0001, p), seen,
                        0.0001, bulwark::sample_stddev(seen), root_p));
    REQUIRE(ratio_close(set.get<running_sortino>().value(), sortino_ratio(seen, 0.0, p), seen, 0.0,
                        downside_deviation(seen, 0.0, p) / root_p, root_p));
    REQUIRE_THAT(set.get<running_sortino>().downside_deviation(),
                 WithinRel(downside_deviation(seen, 0.0, p), 1e-12));
  }
  CHECK(set.get<rolling_var_es>().count() == r.size());
  CHECK(set.get<rolling_var_es>().full());
  const auto text = fmt::format("{}", set);
  CHECK_THAT(text, bulwark::test::contains("moments n 3000 mean "));
  CHECK_THAT(text, bulwark::test::contains("; drawdown max "));
  CHECK_THAT(text, bulwark::test::contains("; rolling_var_es(250, 0.95) VaR "));
}

TEST_CASE("streaming statistics report NaN before they have enough data and after bad data",
          "[risk][streaming]") {
  using namespace bulwark::risk;
  running_moments m;
  CHECK(std::isnan(m.mean()));
  m.add(0.01);
  CHECK(m.mean() == 0.01);
  CHECK(std::isnan(m.variance()));
  m.add(std::numeric_limits<double>::quiet_NaN());
  m.add(0.02);
  CHECK(m.broken());
  CHECK(std::isnan(m.mean()));
  CHECK(m.count() == 1);

  running_drawdown d;
  CHECK(d.value() == 0.0);
  d.add(0.1);
  d.add(-0.5);
  CHECK(d.value() == 0.5);
  CHECK(d.current() == 0.5);
  CHECK(d.wealth() == 1.1 * 0.5);
  d.add(-1.5);
  CHECK(std::isnan(d.value()));

  running_sortino s{0.0, bulwark::trading_days_per_year};
  s.add(0.01);
  CHECK(s.value() == HUGE_VAL);
  CHECK_THROWS_MATCHES(rolling_var_es(10, 1.0), bulwark::config_error,
                       streaming_test::throws_error("bulwark.risk.streaming", "confidence 1 outside (0, 1)"));
  CHECK_THROWS_MATCHES(running_sharpe(HUGE_VAL, bulwark::trading_days_per_year), bulwark::config_error,
                       streaming_test::throws_error("bulwark.risk.streaming", "risk_free_per_period inf"));
}

TEST_CASE("the streaming statistics model StreamingStatistic", "[risk][streaming]") {
  using namespace bulwark::risk;
  static_assert(StreamingStatistic<running_moments>);
  static_assert(StreamingStatistic<running_drawdown>);
  static_assert(StreamingStatistic<running_sharpe>);
  static_assert(StreamingStatistic<running_sortino>);
  static_assert(StreamingStatistic<rolling_var_es>);
  static_assert(!StreamingStatistic<double>);
  CHECK(accumulator_set<running_moments, running_drawdown>::size() == 2);
}

TEST_CASE("streaming updates and reads allocate nothing", "[risk][streaming]") {
  using namespace streaming_test;
  using namespace bulwark::risk;
  const auto r = returns(5000, 9);
  // Constructed (and the window's storage reserved) before counting.
  accumulator_set set{running_moments{}, running_drawdown{}, running_sharpe{0.0001, bulwark::trading_days_per_year},
                      running_sortino{0.0, bulwark::trading_days_per_year}, rolling_var_es{250, 0.99}};
  const bulwark::test::allocations_since probe;
  double sink = 0.0;
  for (double v : r) {
    set.add(v);
    sink += set.get<rolling_var_es>().es() + set.get<running_drawdown>().value();
  }
  sink += set.get<running_sortino>().value() + set.get<running_sharpe>().value();
  CHECK(probe.count() == 0);
  CHECK(std::isfinite(sink));
}
