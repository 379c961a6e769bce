// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/risk/returns_metrics.hpp"
#include "support/catch.hpp"

namespace returns_metrics_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;
constexpr auto id = "bulwark.risk.metrics";
const bulwark::periods_per_year daily = bulwark::trading_days_per_year;
const double root252 = std::sqrt(252.0);
const double not_a_number = std::numeric_limits<double>::quiet_NaN();
}  // namespace returns_metrics_test

TEST_CASE("returns metrics equal their closed forms", "[risk][metrics]") {
  using namespace returns_metrics_test;
  using namespace bulwark::risk;
  CHECK_THAT(cumulative_return(std::vector{0.1, -0.1}), WithinRel(1.1 * 0.9 - 1.0, 1e-15));
  // 12 months of 1%: (1.01^12)^(12/12) - 1
  const std::vector<double> monthly(12, 0.01);
  CHECK_THAT(annual_return(monthly, bulwark::months_per_year), WithinRel(std::pow(1.01, 12) - 1.0, 1e-14));
  // 24 months of 1%: one year's worth per year
  CHECK_THAT(annual_return(std::vector<double>(24, 0.01), bulwark::months_per_year),
             WithinRel(std::pow(1.01, 12) - 1.0, 1e-14));
  CHECK(annual_return(std::vector{0.5, -1.0, 0.2}, daily) == -1.0);

  // {1, 2, 3, 4} %: mean 0.025, sample sd sqrt(5/3) %.
  const std::vector<double> up{0.01, 0.02, 0.03, 0.04};
  const double sd = std::sqrt(5.0 / 3.0) * 0.01;
  CHECK_THAT(annual_volatility(up, daily), WithinRel(sd * root252, 1e-14));
  CHECK_THAT(sharpe_ratio(up, 0.0, daily), WithinRel(0.025 / sd * root252, 1e-14));
  CHECK_THAT(sharpe_ratio(up, 0.005, daily), WithinRel(0.02 / sd * root252, 1e-14));

  // {-2, 1, -1, 3} %, MAR 0: downside sqrt((4 + 1) / 4) %, mean 0.25 %.
  const std::vector<double> mixed{-0.02, 0.01, -0.01, 0.03};
  const double dd = std::sqrt(1.25e-4);
  CHECK_THAT(downside_deviation(mixed, 0.0, daily), WithinRel(dd * root252, 1e-14));
  CHECK_THAT(sortino_ratio(mixed, 0.0, daily), WithinRel(0.0025 / dd * root252, 1e-13));
  // MAR 1%: shortfalls 3, 0, 2, 0 %; mean excess -0.75 %.
  CHECK_THAT(downside_deviation(mixed, 0.01, daily), WithinRel(std::sqrt(13e-4 / 4) * root252, 1e-14));
  CHECK_THAT(sortino_ratio(mixed, 0.01, daily), WithinRel(-0.0075 / std::sqrt(13e-4 / 4) * root252, 1e-13));
  // gains 1 + 3, losses 2 + 1
  CHECK_THAT(omega_ratio(mixed, 0.0), WithinRel(4.0 / 3.0, 1e-14));
  CHECK_THAT(omega_ratio(mixed, 0.01), WithinRel(0.02 / 0.05, 1e-14));

  // Bernoulli(1/4): skewness 2 / sqrt(3), excess kurtosis -2/3 (population moments).
  const std::vector<double> bernoulli{0.0, 0.0, 0.0, 1.0};
  CHECK_THAT(skewness(bernoulli), WithinRel(2.0 / std::sqrt(3.0), 1e-14));
  CHECK_THAT(excess_kurtosis(bernoulli), WithinRel(-2.0 / 3.0, 1e-14));
}

TEST_CASE("sharpe_sortino gives both ratios from one pass", "[risk][metrics]") {
  using namespace returns_metrics_test;
  std::vector<double> r(10'001);
  bulwark::counter_rng{5, 1}.fill_normal(r);
  for (double& x : r) x = 0.0004 + 0.012 * x;
  const auto s = bulwark::risk::sharpe_sortino(r, 0.0001, 0.0, daily);
  CHECK(s.sharpe == bulwark::risk::sharpe_ratio(r, 0.0001, daily));
  CHECK(s.sortino == bulwark::risk::sortino_ratio(r, 0.0, daily));
  // independent two-pass statistics from core
  CHECK_THAT(s.mean_return, WithinRel(bulwark::mean(r), 1e-13));
  CHECK_THAT(s.volatility, WithinRel(bulwark::sample_stddev(r), 1e-13));
  CHECK_THAT(s.sharpe, WithinRel((bulwark::mean(r) - 0.0001) / bulwark::sample_stddev(r) * root252, 1e-12));
  // A large offset: the shifted one-pass variance keeps its digits.
  std::vector<double> offset = r;
  for (double& x : offset) x += 1000.0;
  CHECK_THAT(bulwark::risk::sharpe_sortino(offset, 1000.0, 0.0, daily).volatility,
             WithinRel(bulwark::sample_stddev(offset), 1e-9));
}

TEST_CASE("probabilistic Sharpe ratio", "[risk][metrics]") {
  using namespace returns_metrics_test;
  std::vector<double> r(2000);
  bulwark::counter_rng{9, 0}.fill_normal(r);
  for (double& x : r) x = 0.0005 + 0.01 * x;
  const double sr = (bulwark::mean(r) - 0.0) / bulwark::sample_stddev(r);
  // At the estimated Sharpe ratio itself the probability is exactly one half.
  CHECK_THAT(bulwark::risk::probabilistic_sharpe_ratio(r, 0.0, sr), WithinAbs(0.5, 1e-15));
  const double psr0 = bulwark::risk::probabilistic_sharpe_ratio(r, 0.0, 0.0);
  const double psr1 = bulwark::risk::probabilistic_sharpe_ratio(r, 0.0, 0.05);
  CHECK(psr0 > 0.5);
  CHECK(psr1 < psr0);
  // Normal data: g3 ~ 0, g4 ~ 3, so PSR ~ Phi(SR sqrt(n - 1) / sqrt(1 + SR^2 / 2)).
  CHECK_THAT(psr0, WithinAbs(0.5 * std::erfc(-sr * std::sqrt(1999.0) / std::sqrt(1.0 + sr * sr / 2.0) /
                                             std::numbers::sqrt2),
                             0.01));
}

TEST_CASE("returns metrics reject bad input by name", "[risk][metrics]") {
  using namespace returns_metrics_test;
  using namespace bulwark::risk;
  const std::vector<double> empty;
  const std::vector<double> one{0.01};
  const std::vector<double> with_nan{0.01, not_a_number, 0.02};
  const std::vector<double> with_inf{0.01, 0.02, HUGE_VAL, 0.0};
  const std::vector<double> wipeout{0.01, -1.5};
  const std::vector<double> flat{0.01, 0.01, 0.01};
  CHECK_THROWS_MATCHES(cumulative_return(empty), bulwark::input_error,
                       throws_error(id, "cumulative_return: r is empty"));
  CHECK_THROWS_MATCHES(annual_return(with_nan, daily), bulwark::input_error,
                       throws_error(id, "annual_return: r[1] is nan"));
  CHECK_THROWS_MATCHES(cumulative_return(wipeout), bulwark::input_error,
                       throws_error(id, "cumulative_return: r[1] is -1.5"));
  CHECK_THROWS_MATCHES(annual_volatility(one, daily), bulwark::input_error,
                       throws_error(id, "annual_volatility: r has 1 value(s); expected at least 2"));
  CHECK_THROWS_MATCHES(sharpe_ratio(with_inf, 0.0, daily), bulwark::input_error,
                       throws_error(id, "sharpe_ratio: r[2] is inf"));
  CHECK_THROWS_MATCHES(sharpe_ratio(with_nan, 0.0, daily), bulwark::input_error,
                       throws_error(id, "sharpe_ratio: r[1] is nan"));
  CHECK_THROWS_MATCHES(sharpe_ratio(flat, 0.01, daily), bulwark::input_error,
                       throws_error(id, "sharpe_ratio: undefined (0 / 0)"));
  CHECK(sharpe_ratio(flat, 0.0, daily) == HUGE_VAL);
  CHECK_THROWS_MATCHES(sharpe_ratio(one, not_a_number, daily), bulwark::input_error,
                       throws_error(id, "risk_free_per_period nan must be finite"));
  CHECK_THROWS_MATCHES(sortino_ratio(flat, 0.01, daily), bulwark::input_error,
                       throws_error(id, "sortino_ratio: undefined (0 / 0)"));
  CHECK(sortino_ratio(flat, 0.0, daily) == HUGE_VAL);
  CHECK_THROWS_MATCHES(downside_deviation(with_nan, 0.0, daily), bulwark::input_error,
                       throws_error(id, "downside_deviation: r[1] is nan"));
  CHECK_THROWS_MATCHES(omega_ratio(flat, 0.01), bulwark::input_error,
                       throws_error(id, "omega_ratio: undefined (0 / 0)"));
  CHECK(omega_ratio(flat, 0.0) == HUGE_VAL);
  CHECK_THROWS_MATCHES(skewness(flat), bulwark::input_error,
                       throws_error(id, "skewness: undefined for returns that do not vary"));
  CHECK_THROWS_MATCHES(excess_kurtosis(with_nan), bulwark::input_error,
                       throws_error(id, "excess_kurtosis: r[1] is nan"));
  CHECK_THROWS_MATCHES(probabilistic_sharpe_ratio(std::vector{0.01, 0.02}, 0.0, 0.0),
                       bulwark::input_error,
                       throws_error(id, "probabilistic_sharpe_ratio: r has 2 value(s)"));
  CHECK_THROWS_MATCHES(sharpe_sortino(with_nan, 0.0, 0.0, daily), bulwark::input_error,
                       throws_error(id, "sharpe_sortino: r[1] is nan"));
  // overflowing squares are named, not returned as inf
  CHECK_THROWS_MATCHES(sharpe_ratio(std::vector{1e200, -1e200, 0.0}, 0.0, daily),
                       bulwark::input_error, throws_error(id, "overflow"));
}

TEST_CASE("without_nan drops NaN explicitly and keeps the order", "[risk][metrics]") {
  using returns_metrics_test::not_a_number;
  const std::vector<double> r{0.01, not_a_number, -0.02, not_a_number, HUGE_VAL};
  const auto kept = bulwark::risk::without_nan(r);
  REQUIRE(kept.size() == 3);
  CHECK(kept[0] == 0.01);
  CHECK(kept[1] == -0.02);
  CHECK(kept[2] == HUGE_VAL);
  CHECK_THAT(bulwark::risk::cumulative_return(bulwark::risk::without_nan(std::vector{0.1, not_a_number, -0.1})),
             returns_metrics_test::WithinRel(1.1 * 0.9 - 1.0, 1e-15));
}

TEST_CASE("result types format", "[risk][metrics]") {
  const bulwark::risk::sharpe_sortino_result s{1.5, 2.0, 0.001, 0.01, 0.008};
  CHECK(fmt::format("{}", s) ==
        "sharpe 1.5 sortino 2 (mean 0.001, sd 0.01, downside 0.008 per period)");
}
