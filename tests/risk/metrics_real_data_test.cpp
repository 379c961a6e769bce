// SPDX-License-Identifier: MIT
// Risk metrics on real daily returns against values computed from the references'
// definitions (PerformanceAnalytics, empyrical, numpy, pandas, scipy) by
// tests/risk/reference/make_risk_reference.py, whose output is risk_reference.csv.
#include <cmath>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "bulwark/core/returns.hpp"
#include "bulwark/risk/backtest.hpp"
#include "bulwark/risk/drawdown.hpp"
#include "bulwark/risk/returns_metrics.hpp"
#include "bulwark/risk/rolling.hpp"
#include "bulwark/risk/var.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace metrics_real_data_test {
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;

struct reference_row {
  std::string metric, params;
  double value;
};

std::vector<reference_row> reference_for(const std::string& symbol) {
  // beside this file (CMake compiles it by its absolute path)
  const bulwark::test::csv_table table{std::filesystem::path{__FILE__}.parent_path() /
                                       "reference/risk_reference.csv"};
  const auto values = table.numbers("value");
  std::vector<reference_row> rows;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table.cell(i, "symbol") == symbol) {
      rows.push_back({table.cell(i, "metric"), table.cell(i, "params"), values[i]});
    }
  }
  return rows;
}

// "W=252;c=0.95;i=468" -> 468
std::size_t index_param(const std::string& params) {
  return static_cast<std::size_t>(std::stoul(params.substr(params.rfind("i=") + 2)));
}
double confidence_param(const std::string& params) {
  return std::stod(params.substr(params.find("c=") + 2));
}
}  // namespace metrics_real_data_test

TEST_CASE("risk metrics equal the references on real daily returns", "[risk][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace metrics_real_data_test;
  using namespace bulwark::risk;
  using bulwark::risk::quantile_convention;
  const auto p = bulwark::trading_days_per_year;
  for (const std::string symbol : {"AAPL", "MSFT", "KEY", "UAL"}) {
    const bulwark::test::csv_table csv{data / "daily/alphavantage_sp500" / (symbol + ".csv")};
    const auto r = bulwark::simple_returns(csv.numbers("adjusted_close"));
    const std::span<const double> all{r};
    const auto episode = max_drawdown_episode(r);
    const auto var95 = rolling_historical_var(r, 252, 0.95);
    const auto var95_pandas = rolling_historical_var(r, 252, 0.95, quantile_convention::pandas);
    const auto es95 = rolling_historical_es(r, 252, 0.95);
    const auto vol = rolling_annual_volatility(r, 252, p);
    const auto sharpe = rolling_sharpe_ratio(r, 252, 0.0001, p);
    const auto dd = rolling_max_drawdown(r, 252);
    // Backtest: each day's forecast is the 95% VaR of the 250 returns before it.
    const auto forecasts = rolling_historical_var(all.first(r.size() - 1), 250, 0.95,
                                                  quantile_convention::pandas);
    const auto backtest = var_backtest(all.subspan(250), forecasts, 0.95);
    const auto rows = reference_for(symbol);
    REQUIRE(!rows.empty());
    for (const auto& row : rows) {
      INFO(symbol << " " << row.metric << " " << row.params << " expected " << row.value);
      const std::string& m = row.metric;
      const double x = row.value;
      const auto within = [x](double tolerance) { return WithinRel(x, tolerance); };
      if (m == "count") CHECK(static_cast<double>(r.size()) == x);
      else if (m == "cumulative_return") CHECK_THAT(cumulative_return(r), within(1e-12));
      else if (m == "annual_return") CHECK_THAT(annual_return(r, p), within(1e-12));
      else if (m == "annual_volatility") CHECK_THAT(annual_volatility(r, p), within(1e-14));
      else if (m == "sharpe_ratio") CHECK_THAT(sharpe_ratio(r, 0.0001, p), within(1e-13));
      else if (m == "downside_deviation") CHECK_THAT(downside_deviation(r, 0.0, p), within(1e-14));
      else if (m == "sortino_ratio") CHECK_THAT(sortino_ratio(r, 0.0, p), within(1e-13));
      else if (m == "max_drawdown") CHECK_THAT(max_drawdown(r), within(1e-13));
      else if (m == "drawdown_peak") CHECK(static_cast<double>(episode.peak) == x);
      else if (m == "drawdown_trough") CHECK(static_cast<double>(episode.trough) == x);
      else if (m == "drawdown_recovery") CHECK((episode.recovery ? static_cast<double>(*episode.recovery) : -1.0) == x);
      else if (m == "drawdown_duration") CHECK(static_cast<double>(episode.duration) == x);
      else if (m == "calmar_ratio") CHECK_THAT(calmar_ratio(r, p), within(1e-12));
      else if (m == "omega_ratio") CHECK_THAT(omega_ratio(r, 0.0), within(1e-13));
      else if (m == "skewness") CHECK_THAT(skewness(r), within(1e-12));
      else if (m == "excess_kurtosis") CHECK_THAT(excess_kurtosis(r), within(1e-12));
      else if (m == "probabilistic_sharpe_ratio") CHECK_THAT(probabilistic_sharpe_ratio(r, 0.0001, 0.0), within(1e-12));
      else if (m == "historical_var") CHECK(historical_var(r, confidence_param(row.params)) == x);
      else if (m == "historical_var_r") CHECK(historical_var(r, confidence_param(row.params), quantile_convention::r) == x);
      else if (m == "historical_var_pandas") CHECK(historical_var(r, confidence_param(row.params), quantile_convention::pandas) == x);
      else if (m == "historical_es") CHECK_THAT(historical_es(r, confidence_param(row.params)), within(1e-13));
      else if (m == "gaussian_var") CHECK_THAT(gaussian_var(r, confidence_param(row.params)), within(1e-13));
      else if (m == "gaussian_es") CHECK_THAT(gaussian_es(r, confidence_param(row.params)), within(1e-13));
      else if (m == "cornish_fisher_var") CHECK_THAT(cornish_fisher_var(r, confidence_param(row.params)), within(1e-12));
      else if (m == "cornish_fisher_es") CHECK_THAT(cornish_fisher_es(r, confidence_param(row.params)), within(1e-12));
      else if (m == "cornish_fisher_es_unfloored") CHECK_THAT(cornish_fisher_es(r, confidence_param(row.params), cornish_fisher_floor::none), within(1e-11));
      // The reference's first backtested day must be the one this test's alignment assumes
      // (forecast t from the 250 returns before it, so the first realised return is r[250]).
      else if (m == "backtest_first") CHECK(static_cast<double>(r.size() - backtest.observations) == x);
      else if (m == "backtest_exceptions") CHECK(static_cast<double>(backtest.exceptions) == x);
      else if (m == "backtest_n01") CHECK(static_cast<double>(backtest.transitions.n01) == x);
      else if (m == "backtest_n11") CHECK(static_cast<double>(backtest.transitions.n11) == x);
      else if (m == "kupiec_lr") CHECK_THAT(backtest.kupiec.statistic, within(1e-11));
      else if (m == "kupiec_p") CHECK_THAT(backtest.kupiec.p_value, within(1e-11));
      else if (m == "independence_lr") CHECK_THAT(backtest.independence.statistic, within(1e-11));
      else if (m == "independence_p") CHECK_THAT(backtest.independence.p_value, within(1e-10));
      else if (m == "conditional_coverage_p") CHECK_THAT(backtest.conditional_coverage.p_value, within(1e-10));
      else if (m == "rolling_var_pandas") CHECK(var95_pandas[index_param(row.params)] == x);
      else if (m == "rolling_var") CHECK(var95[index_param(row.params)] == x);
      else if (m == "rolling_es") CHECK_THAT(es95[index_param(row.params)], within(1e-13));
      else if (m == "rolling_volatility") CHECK_THAT(vol[index_param(row.params)], within(1e-12));
      else if (m == "rolling_sharpe") CHECK_THAT(sharpe[index_param(row.params)], within(1e-12));
      else if (m == "rolling_max_drawdown") CHECK_THAT(dd[index_param(row.params)], within(1e-12));
      else FAIL("unknown reference metric " << m);
    }
  }
}
