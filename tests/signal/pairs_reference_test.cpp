// SPDX-License-Identifier: MIT
// The pairs and time-series functions against numpy/pandas on real data: y = ln MSFT,
// x = ln AAPL (adjusted closes, 2016-01-04 .. 2020-12-31) from
// ../shared/data/daily/alphavantage_sp500. Reference values come from
// reference/make_pairs.py (numpy least squares written independently; see its docstring).
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "bulwark/signal/cointegration.hpp"
#include "bulwark/signal/ema.hpp"
#include "bulwark/signal/hedge_ratio.hpp"
#include "bulwark/signal/kalman_hedge.hpp"
#include "bulwark/signal/mean_reversion.hpp"
#include "bulwark/signal/rolling_zscore.hpp"
#include "signal/reference_data.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace pairs_reference_test {
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;

struct pair_data {
  std::vector<double> x, y;  // ln AAPL, ln MSFT
};

std::vector<double> log_closes(const std::filesystem::path& data, const char* symbol) {
  const bulwark::test::csv_table csv{data / "daily" / "alphavantage_sp500" / (std::string(symbol) + ".csv")};
  const auto dates = csv.text("timestamp");
  const auto closes = csv.numbers("adjusted_close");
  std::vector<double> out;
  for (std::size_t i = 0; i < dates.size(); ++i) {
    if (dates[i] >= "2016-01-04" && dates[i] <= "2020-12-31") out.push_back(std::log(closes[i]));
  }
  return out;
}

// (what, field, row) -> value
using reference = std::map<std::tuple<std::string, std::string, long>, double>;
reference load_reference() {
  const bulwark::test::csv_table csv{reference_data::reference_dir() / "pairs.csv"};
  reference r;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    r[{csv.cell(i, "what"), csv.cell(i, "field"), std::stol(csv.cell(i, "row"))}] =
        reference_data::number(csv.cell(i, "value"));
  }
  return r;
}
}  // namespace pairs_reference_test

TEST_CASE("ADF and Engle-Granger statistics equal numpy OLS on AAPL/MSFT", "[signal][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace pairs_reference_test;
  const auto x = log_closes(data, "AAPL");
  const auto y = log_closes(data, "MSFT");
  REQUIRE(x.size() == 1259);
  REQUIRE(y.size() == x.size());
  auto ref = load_reference();
  using bulwark::signal::adf_trend;
  using bulwark::signal::lag_selection;
  const auto check_adf = [&ref](const bulwark::signal::adf_result& a, const std::string& name) {
    INFO(name);
    CHECK_THAT(a.statistic, WithinRel(ref[{name, "statistic", -1}], 1e-9));
    CHECK(static_cast<double>(a.lags) == ref[{name, "lags", -1}]);
    CHECK(static_cast<double>(a.nobs) == ref[{name, "nobs", -1}]);
  };
  check_adf(bulwark::signal::augmented_dickey_fuller(x), "adf_x_c_aic");
  check_adf(bulwark::signal::augmented_dickey_fuller(x, {.trend = adf_trend::constant_trend, .lags = lag_selection::fixed, .max_lags = 2}),
            "adf_x_ct_fixed2");
  check_adf(bulwark::signal::augmented_dickey_fuller(y, {.lags = lag_selection::bic}), "adf_y_c_bic");

  const auto eg = bulwark::signal::engle_granger(y, x);
  CHECK_THAT(eg.relation.beta, WithinRel(ref[{"eg", "beta", -1}], 1e-11));
  CHECK_THAT(eg.relation.alpha, WithinRel(ref[{"eg", "alpha", -1}], 1e-11));
  check_adf(eg.adf, "eg_aic");
  check_adf(bulwark::signal::engle_granger(y, x, {.lags = lag_selection::fixed, .max_lags = 1}).adf, "eg_fixed");
  // Over these five years the pair is not cointegrated at 5 % (statistic about -1.6 against
  // a critical value about -3.34).
  CHECK(!eg.cointegrated());
  CHECK_THAT(eg.adf.critical.five_percent, WithinAbs(-3.33613 - 6.1101 / 1258.0 - 6.823 / (1258.0 * 1258.0), 1e-12));

  // OU fit of the cointegrating residual.
  std::vector<double> residual(x.size());
  for (std::size_t t = 0; t < x.size(); ++t) residual[t] = bulwark::signal::spread(y[t], x[t], eg.relation);
  const auto ou = bulwark::signal::fit_ornstein_uhlenbeck(residual);
  CHECK_THAT(ou.phi, WithinRel(ref[{"ou", "phi", -1}], 1e-10));
  CHECK_THAT(ou.intercept, WithinAbs(ref[{"ou", "intercept", -1}], 1e-12));
  CHECK_THAT(ou.half_life, WithinRel(ref[{"ou", "half_life", -1}], 1e-7));

  // Rolling z-score of the residual (pandas rolling mean and std).
  const auto z = bulwark::signal::rolling_zscore_series(residual, 60);
  for (long t : {59L, 60L, 61L, 250L, 700L, 1258L}) {
    INFO("t " << t);
    CHECK_THAT(z[static_cast<std::size_t>(t)], WithinAbs(ref[{"rolling_z", "z", t}], 1e-10));
  }
}

TEST_CASE("hedge ratios and EMAs equal numpy/pandas on AAPL/MSFT", "[signal][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace pairs_reference_test;
  const auto x = log_closes(data, "AAPL");
  const auto y = log_closes(data, "MSFT");
  auto ref = load_reference();
  const auto rolling = bulwark::signal::rolling_hedge_ratio_series(x, y, 60);
  for (long t : {59L, 60L, 61L, 250L, 700L, 1258L}) {
    INFO("t " << t);
    const auto& h = rolling[static_cast<std::size_t>(t)];
    CHECK_THAT(h.beta, WithinRel(ref[{"rolling_ols", "beta", t}], 1e-9));
    CHECK_THAT(h.alpha, WithinRel(ref[{"rolling_ols", "alpha", t}], 1e-9));
  }
  const auto kalman = bulwark::signal::kalman_hedge_series(x, y);
  for (long t : {0L, 1L, 2L, 100L, 1000L, 1258L}) {
    INFO("t " << t);
    const auto& s = kalman[static_cast<std::size_t>(t)];
    CHECK_THAT(s.posterior.beta, WithinRel(ref[{"kalman", "beta", t}], 1e-10) || WithinAbs(0.0, 0.0));
    CHECK_THAT(s.posterior.alpha, WithinRel(ref[{"kalman", "alpha", t}], 1e-10) || WithinAbs(0.0, 0.0));
    CHECK_THAT(s.forecast_error, WithinRel(ref[{"kalman", "error", t}], 1e-9));
    CHECK_THAT(s.forecast_variance, WithinRel(ref[{"kalman", "variance", t}], 1e-12));
  }
  // pandas ewm(adjust=False): the same operations in the same order, so equal bit for bit.
  const auto span20 = bulwark::signal::ema_series(x, bulwark::signal::exponential_moving_average::from_span(20.0));
  const auto half10 = bulwark::signal::ema_series(x, bulwark::signal::exponential_moving_average::from_halflife(10.0));
  for (long t : {0L, 1L, 2L, 500L, 1258L}) {
    INFO("t " << t);
    CHECK(span20[static_cast<std::size_t>(t)] == ref[{"ema_span20", "value", t}]);
    CHECK(half10[static_cast<std::size_t>(t)] == ref[{"ema_halflife10", "value", t}]);
  }
}
