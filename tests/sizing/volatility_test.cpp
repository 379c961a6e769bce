// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "bulwark/core/returns.hpp"
#include "bulwark/sizing/volatility.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace volatility_test {
using bulwark::test::throws_error;
using bulwark::test::WithinRel;
const double nan = std::numeric_limits<double>::quiet_NaN();
}  // namespace volatility_test

TEST_CASE("realised volatility is the sample deviation times sqrt(periods per year)",
          "[sizing][volatility]") {
  using volatility_test::WithinRel;
  using bulwark::sizing::realised_volatility;
  // +-1 % alternating, mean 0: sum of squares 4e-4 over n - 1 = 3.
  const std::vector<double> r{0.01, -0.01, 0.01, -0.01};
  CHECK_THAT(realised_volatility(r, bulwark::trading_days_per_year),
             WithinRel(std::sqrt(4e-4 / 3.0 * 252.0), 1e-14));
  CHECK_THAT(realised_volatility(r, bulwark::months_per_year),
             WithinRel(std::sqrt(4e-4 / 3.0 * 12.0), 1e-14));
}

TEST_CASE("the volatility-target leverage is min(target / realised, max)",
          "[sizing][volatility]") {
  using volatility_test::WithinRel;
  using bulwark::sizing::volatility_target_leverage;
  CHECK_THAT(volatility_target_leverage(0.20, 0.10, 3.0), WithinRel(0.5, 1e-15));
  CHECK_THAT(volatility_target_leverage(0.05, 0.10, 3.0), WithinRel(2.0, 1e-15));
  CHECK(volatility_target_leverage(0.02, 0.10, 3.0) == 3.0);  // would be 5: capped
  // From a series: sd of +-1 % alternating daily returns is 0.01 * sqrt(4/3) per day.
  const std::vector<double> r{0.01, -0.01, 0.01, -0.01};
  const double realised = 0.01 * std::sqrt(4.0 / 3.0 * 252.0);
  CHECK_THAT(volatility_target_leverage(r, bulwark::trading_days_per_year, 0.10, 3.0),
             WithinRel(0.10 / realised, 1e-14));
}

TEST_CASE("volatility targeting rejects unusable input", "[sizing][volatility]") {
  using volatility_test::throws_error, volatility_test::nan;
  using bulwark::sizing::realised_volatility;
  using bulwark::sizing::volatility_target_leverage;
  const std::vector<double> one{0.01};
  CHECK_THROWS_MATCHES(realised_volatility(one, bulwark::trading_days_per_year),
                       bulwark::input_error,
                       throws_error("bulwark.risk.metrics",
                                    "annual_volatility: r has 1 value(s); expected at least 2"));
  const std::vector<double> with_nan{0.01, nan, 0.02};
  CHECK_THROWS_MATCHES(realised_volatility(with_nan, bulwark::trading_days_per_year),
                       bulwark::input_error,
                       throws_error("bulwark.risk.metrics", "r[1] is nan"));
  const std::vector<double> flat{0.01, 0.01, 0.01};
  CHECK_THROWS_MATCHES(
      volatility_target_leverage(flat, bulwark::trading_days_per_year, 0.1, 2.0),
      bulwark::input_error,
      throws_error("bulwark.sizing.volatility", "realised annual volatility 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES(volatility_target_leverage(0.2, 0.0, 2.0), bulwark::input_error,
                       throws_error("bulwark.sizing.volatility", "annual target 0"));
  CHECK_THROWS_MATCHES(volatility_target_leverage(0.2, 0.1, nan), bulwark::input_error,
                       throws_error("bulwark.sizing.volatility", "max leverage nan"));
}

TEST_CASE("AAPL's realised volatility in 2020 equals pandas'", "[sizing][volatility][real-data]") {
  using volatility_test::WithinRel;
  BULWARK_REQUIRE_SHARED_DATA(data);
  const bulwark::test::csv_table csv(data / "daily/alphavantage_sp500/AAPL.csv");
  std::vector<double> closes;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const std::string& day = csv.cell(i, "timestamp");
    if (day >= "2020-01-01" && day <= "2020-12-31") {
      closes.push_back(std::stod(csv.cell(i, "adjusted_close")));
    }
  }
  REQUIRE(closes.size() == 253);
  const std::vector<double> r = bulwark::simple_returns(closes);
  // pandas 1.5.3: d = pd.read_csv("AAPL.csv"); d = d[(d.timestamp >= "2020-01-01") &
  // (d.timestamp <= "2020-12-31")]; r = d.adjusted_close.pct_change().dropna();
  // r.std(ddof=1) * np.sqrt(252) -> 0.46698682446051076, and min(0.2 / that, 1.5).
  CHECK_THAT(bulwark::sizing::realised_volatility(r, bulwark::trading_days_per_year),
             WithinRel(0.46698682446051076, 1e-13));
  CHECK_THAT(bulwark::sizing::volatility_target_leverage(r, bulwark::trading_days_per_year, 0.2,
                                                         1.5),
             WithinRel(0.42827760768422357, 1e-13));
}
