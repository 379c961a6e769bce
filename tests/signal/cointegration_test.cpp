// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/signal/cointegration.hpp"
#include "support/catch.hpp"

namespace cointegration_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;

std::vector<double> random_walk(std::size_t n, std::uint64_t seed, std::uint64_t stream) {
  std::vector<double> x(n);
  bulwark::counter_rng{seed, stream}.fill_normal(x);
  double level = 0.0;
  for (double& v : x) v = level += v;
  return x;
}
}  // namespace cointegration_test

TEST_CASE("MacKinnon (2010) critical values from the published response surfaces", "[signal][cointegration]") {
  using bulwark::signal::adf_trend;
  using bulwark::signal::mackinnon_critical_values;
  using cointegration_test::WithinAbs;
  // Asymptotic values (T -> inf) are the tables' first coefficients.
  const auto adf = mackinnon_critical_values(1, adf_trend::constant, std::numeric_limits<double>::infinity());
  CHECK(adf.one_percent == -3.43035);
  CHECK(adf.five_percent == -2.86154);
  CHECK(adf.ten_percent == -2.56677);
  const auto eg = mackinnon_critical_values(2, adf_trend::constant, std::numeric_limits<double>::infinity());
  CHECK(eg.five_percent == -3.33613);
  CHECK(mackinnon_critical_values(6, adf_trend::constant_trend, std::numeric_limits<double>::infinity()).ten_percent == -4.70233);
  // T = 100, N = 1, "c", 5 %: -2.86154 - 2.8903 / 100 - 4.234 / 100^2 - 40.040 / 100^3.
  CHECK_THAT(mackinnon_critical_values(1, adf_trend::constant, 100.0).five_percent,
             WithinAbs(-2.86154 - 0.028903 - 0.0004234 - 0.00004004, 1e-12));
  // T = 250, N = 2, "ct", 1 %: -4.32762 - 15.4387 / 250 - 35.679 / 250^2.
  CHECK_THAT(mackinnon_critical_values(2, adf_trend::constant_trend, 250.0).one_percent,
             WithinAbs(-4.32762 - 15.4387 / 250.0 - 35.679 / 62500.0, 1e-12));
  using cointegration_test::throws_error;
  CHECK_THROWS_MATCHES(mackinnon_critical_values(7, adf_trend::constant, 100.0), bulwark::input_error,
                       throws_error("bulwark.signal.cointegration", "7 variables; tabulated for 1 to 6"));
  CHECK_THROWS_MATCHES(mackinnon_critical_values(1, adf_trend::constant, 0.0), bulwark::input_error,
                       throws_error("bulwark.signal.cointegration", "T 0 must be > 0"));
}

TEST_CASE("Engle-Granger holds its size on independent random walks and finds cointegration", "[signal][cointegration]") {
  // Under the null (two independent random walks) the 5 % test rejects about 5 % of the time:
  // with 400 trials a binomial sd of 1.1 points, so [1.5 %, 9 %] is a 3-sd band.
  int false_rejections = 0;
  int true_rejections = 0;
  constexpr int trials = 400;
  for (int i = 0; i < trials; ++i) {
    const auto stream = static_cast<std::uint64_t>(i);
    const auto x = cointegration_test::random_walk(250, 100, stream);
    const auto y = cointegration_test::random_walk(250, 200, stream);
    false_rejections += bulwark::signal::engle_granger(y, x).cointegrated() ? 1 : 0;
    // y2 = 1 + 0.5 x + AR(1) noise with phi = 0.5: cointegrated.
    std::vector<double> y2(x.size());
    const bulwark::counter_rng noise{300, stream};
    double u = 0.0;
    for (std::size_t t = 0; t < x.size(); ++t) {
      u = 0.5 * u + noise.normal(t);
      y2[t] = 1.0 + 0.5 * x[t] + u;
    }
    true_rejections += bulwark::signal::engle_granger(y2, x).cointegrated() ? 1 : 0;
  }
  INFO("false " << false_rejections << " true " << true_rejections);
  CHECK(false_rejections >= 6);
  CHECK(false_rejections <= 36);
  CHECK(true_rejections >= trials * 99 / 100);
}

TEST_CASE("ADF holds its size on random walks and rejects a stationary AR(1)", "[signal][cointegration]") {
  int walk_rejections = 0;
  int ar_rejections = 0;
  constexpr int trials = 400;
  for (int i = 0; i < trials; ++i) {
    const auto stream = static_cast<std::uint64_t>(i);
    const auto walk = cointegration_test::random_walk(300, 400, stream);
    walk_rejections += bulwark::signal::augmented_dickey_fuller(walk).rejects_unit_root() ? 1 : 0;
    std::vector<double> ar(300);
    const bulwark::counter_rng rng{500, stream};
    double level = 0.0;
    for (std::size_t t = 0; t < ar.size(); ++t) ar[t] = level = 0.8 * level + rng.normal(t);
    ar_rejections += bulwark::signal::augmented_dickey_fuller(ar, {.lags = bulwark::signal::lag_selection::bic})
                             .rejects_unit_root()
                         ? 1
                         : 0;
  }
  INFO("walk " << walk_rejections << " ar " << ar_rejections);
  CHECK(walk_rejections >= 6);
  CHECK(walk_rejections <= 36);
  CHECK(ar_rejections >= trials * 99 / 100);
}

TEST_CASE("Engle-Granger: an exact relation, options, and bad input", "[signal][cointegration]") {
  using cointegration_test::throws_error;
  const auto x = cointegration_test::random_walk(100, 7, 0);
  std::vector<double> y(x.size());
  for (std::size_t t = 0; t < x.size(); ++t) y[t] = 3.0 + 2.0 * x[t];
  const auto exact = bulwark::signal::engle_granger(y, x);
  CHECK(exact.adf.statistic == -std::numeric_limits<double>::infinity());
  CHECK(exact.cointegrated(bulwark::signal::significance::one_percent));
  CHECK_THAT(exact.relation.beta, cointegration_test::WithinRel(2.0, 1e-12));
  CHECK_THAT(exact.relation.alpha, cointegration_test::WithinAbs(3.0, 1e-10));
  // Fixed lags use exactly max_lags; nobs = n - 1 - p.
  const auto z = cointegration_test::random_walk(100, 8, 0);
  const auto fixed = bulwark::signal::engle_granger(z, x, {.lags = bulwark::signal::lag_selection::fixed, .max_lags = 3});
  CHECK(fixed.adf.lags == 3);
  CHECK(fixed.adf.nobs == 96);
  // The default maximum lag (Schwert): ceil(12 (100 / 100)^(1/4)) = 12.
  const auto adf = bulwark::signal::augmented_dickey_fuller(z, {.lags = bulwark::signal::lag_selection::fixed});
  CHECK(adf.lags == 12);
  CHECK(adf.nobs == 87);
  CHECK(fmt::format("{}", adf).starts_with("ADF "));

  CHECK_THROWS_MATCHES(bulwark::signal::engle_granger(y, std::vector<double>(99, 1.0)), bulwark::input_error,
                       throws_error("bulwark.signal.cointegration", "y has 100 values and x 99"));
  CHECK_THROWS_MATCHES(bulwark::signal::engle_granger(y, std::vector<double>(100, 1.0)), bulwark::input_error,
                       throws_error("bulwark.signal.cointegration", "engle_granger: x is constant"));
  CHECK_THROWS_MATCHES(bulwark::signal::augmented_dickey_fuller(std::vector<double>{1.0, 2.0, 1.5}), bulwark::input_error,
                       throws_error("bulwark.signal.cointegration", "3 values are too few"));
  CHECK_THROWS_MATCHES(bulwark::signal::augmented_dickey_fuller(z, {.max_lags = 49}), bulwark::input_error,
                       throws_error("bulwark.signal.cointegration", "max_lags 49 needs more data; with 100 values at most 48"));
  // 12 values, no deterministic term: the largest lag (Schwert's 8, capped at 12 / 2 - 1 = 5)
  // leaves 6 rows for 6 regressors, an exact fit; an error, not a NaN statistic.
  const std::vector<double> short_x(x.begin(), x.begin() + 12);
  const std::vector<double> short_z(z.begin(), z.begin() + 12);
  CHECK_THROWS_MATCHES(bulwark::signal::engle_granger(short_z, short_x, {.lags = bulwark::signal::lag_selection::fixed}),
                       bulwark::input_error,
                       throws_error("bulwark.signal.cointegration",
                                    "engle_granger: 12 values are too few: the ADF regression with 5 lag(s) has 6 rows "
                                    "for 6 regressors"));
  CHECK_THROWS_MATCHES(bulwark::signal::engle_granger(short_z, short_x), bulwark::input_error,
                       throws_error("bulwark.signal.cointegration", "12 values are too few"));
  auto bad = z;
  bad[10] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_MATCHES(bulwark::signal::augmented_dickey_fuller(bad), bulwark::input_error,
                       throws_error("bulwark.signal.cointegration", "augmented_dickey_fuller: x[10] is nan"));
}
