// SPDX-License-Identifier: MIT
#include <cmath>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "bulwark/signal.hpp"
#include "support/catch.hpp"

namespace format_test {
struct constant_model {
  void predict(const bulwark::model_context&, std::span<double> scores) const {
    for (double& s : scores) s = 1.0;
  }
};
}  // namespace format_test

TEST_CASE("signal's configurations and results print as sentences", "[signal][format]") {
  using namespace bulwark::signal;
  CHECK(fmt::format("{}", winsorize_mad{} | zscore{} | percentile_rank{}) ==
        "winsorize median -+ 5 robust sd | zscore | percentile_rank");
  CHECK(fmt::format("{}", robust_zscore{}) == "robust_zscore clip 3");
  CHECK(fmt::format("{}", winsorize_quantile{}) == "winsorize quantiles [0.01, 0.99]");
  CHECK(fmt::format("{}", top_bottom{.n_long = 50, .n_short = 50}) == "top 50 / bottom 50, gross 2 net 0");
  CHECK(fmt::format("{}", topk_dropout_selector{{.k = 50, .n_drop = 5}, 100}) == "topk 50, drop at most 5: 0 held");
  CHECK(fmt::format("{}", min_change{.threshold = 0.002}) == "min change 0.002 (always close)");
  CHECK(fmt::format("{}", pair_band_machine{}) == "flat (entry 2 exit 0.5 stop 4)");
  CHECK(fmt::format("{}", kalman_hedge_options{}) == "delta 0.0001 Ve 0.001 prior (0, 0) variance 0");
  CHECK(fmt::format("{}", critical_values{-3.5, -2.9, -2.6}) == "1%: -3.5000, 5%: -2.9000, 10%: -2.6000");
  CHECK(fmt::format("{}", adf_options{.max_lags = 4}) == "constant, aic lags up to 4");
  CHECK(fmt::format("{}", rolling_zscore{20}) == "rolling z-score over 20: nan");
  CHECK(fmt::format("{}", exponential_moving_average{0.5}) == "EMA alpha 0.5: nan");
  format_test::constant_model a, b;
  ensemble e{member_scale::zscore, {0.6, 0.4}, a, b};
  e.enable(1, false);
  CHECK(fmt::format("{}", e) == "ensemble of 2 on zscore scale: 0.6 on, 0.4 off");
  const engle_granger_result eg{.relation = {2.0, 1.0}, .adf = {.statistic = -4.0, .lags = 1, .nobs = 98,
                                                               .critical = {-3.9, -3.3, -3.0}}};
  CHECK(fmt::format("{}", eg) ==
        "y = 1 + 2 x; ADF -4.0000 (1 lags, 98 obs; 1%: -3.9000, 5%: -3.3000, 10%: -3.0000) -> cointegrated at 5%");
}
