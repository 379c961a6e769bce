// SPDX-License-Identifier: MIT
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "bulwark/core/panel.hpp"
#include "bulwark/core/random.hpp"
#include "bulwark/signal/neutralize.hpp"
#include "support/catch.hpp"

namespace neutralize_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
constexpr double missing = std::numeric_limits<double>::quiet_NaN();
}  // namespace neutralize_test

TEST_CASE("group_demean removes each group's mean of its present scores", "[signal][neutralize]") {
  using neutralize_test::missing;
  const std::vector<double> x{1.0, 10.0, 3.0, missing, 20.0, 5.0};
  const std::vector<std::uint32_t> sector{0, 7, 0, 7, 7, 3};  // ids need not be contiguous
  std::vector<double> out(x.size());
  const auto s = bulwark::signal::group_demean{.groups = sector}.apply(x, out);
  CHECK(s.ok());
  CHECK(s.count == 5);
  CHECK(out[0] == -1.0);  // group 0: mean 2
  CHECK(out[2] == 1.0);
  CHECK(out[1] == -5.0);  // group 7: mean 15 (the NaN is left out)
  CHECK(std::isnan(out[3]));
  CHECK(out[4] == 5.0);
  CHECK(out[5] == 0.0);   // a group of one
}

TEST_CASE("regression_neutralize: residual orthogonal to exposures, dummies give group_demean", "[signal][neutralize]") {
  using neutralize_test::missing;
  using neutralize_test::WithinAbs;
  const bulwark::counter_rng rng{11, 2};
  constexpr std::size_t n = 200;
  constexpr std::size_t k = 3;
  std::vector<double> exposures(n * k);
  rng.fill_normal(exposures);
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = 0.5 * exposures[i * k] - 2.0 * exposures[i * k + 2] + 0.1 * rng.normal(10'000 + i) + 3.0;
  }
  x[17] = missing;
  exposures[40 * k + 1] = missing;  // symbol 40 has a missing exposure: left out
  std::vector<double> out(n);
  const auto s = bulwark::signal::regression_neutralize{.exposures = bulwark::panel_view{exposures, n, k}}.apply(x, out);
  CHECK(s.ok());
  CHECK(s.count == n - 2);
  CHECK(std::isnan(out[17]));
  CHECK(std::isnan(out[40]));
  // Normal equations: the residual sums to 0 and is orthogonal to every exposure column.
  double sum = 0.0;
  std::vector<double> dot(k, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(out[i])) continue;
    sum += out[i];
    for (std::size_t f = 0; f < k; ++f) dot[f] += out[i] * exposures[i * k + f];
  }
  CHECK_THAT(sum, WithinAbs(0.0, 1e-12));
  for (double d : dot) CHECK_THAT(d, WithinAbs(0.0, 1e-12));

  // Sector dummies plus an intercept are collinear; the residual is still the projection,
  // and equals group demeaning.
  const std::vector<double> y{1.0, 10.0, 3.0, 20.0, 5.0, 6.0};
  const std::vector<std::uint32_t> sector{0, 1, 0, 1, 2, 2};
  std::vector<double> dummies(y.size() * 3, 0.0);
  for (std::size_t i = 0; i < y.size(); ++i) dummies[i * 3 + sector[i]] = 1.0;
  std::vector<double> by_regression(y.size());
  std::vector<double> by_group(y.size());
  bulwark::signal::regression_neutralize{.exposures = bulwark::panel_view{dummies, y.size(), 3}}.apply(y, by_regression);
  bulwark::signal::group_demean{.groups = sector}.apply(y, by_group);
  for (std::size_t i = 0; i < y.size(); ++i) CHECK_THAT(by_regression[i], WithinAbs(by_group[i], 1e-12));
}

TEST_CASE("regression_neutralize matches numpy lstsq on a small case", "[signal][neutralize]") {
  // import numpy as np
  // y = np.array([0.3, -0.1, 0.4, 0.2, -0.5]); b = np.array([1.2, 0.8, 1.0, 1.5, 0.5])
  // X = np.column_stack([np.ones(5), b]); y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
  // -> [0.09172413793103446, -0.011724137931034578, 0.33999999999999997,
  //     -0.23068965517241385, -0.18931034482758619]
  const std::vector<double> y{0.3, -0.1, 0.4, 0.2, -0.5};
  const std::vector<double> beta{1.2, 0.8, 1.0, 1.5, 0.5};
  const std::vector<double> expected{0.09172413793103446, -0.011724137931034578, 0.33999999999999997,
                                     -0.23068965517241385, -0.18931034482758619};
  std::vector<double> out(5);
  bulwark::signal::regression_neutralize{.exposures = bulwark::panel_view{beta, 5, 1}}.apply(y, out);
  for (std::size_t i = 0; i < 5; ++i) CHECK_THAT(out[i], neutralize_test::WithinAbs(expected[i], 1e-15));
  // Without the intercept: b = sum(y beta) / sum(beta^2) = 0.73 / 5.58; numpy:
  // (y - b * np.linalg.lstsq(b[:, None], y, rcond=None)[0])[0] -> 0.14301075268817207
  bulwark::signal::regression_neutralize{.exposures = bulwark::panel_view{beta, 5, 1}, .intercept = false}.apply(y, out);
  CHECK_THAT(out[0], neutralize_test::WithinAbs(0.14301075268817207, 1e-15));
  CHECK_THAT(out[0], neutralize_test::WithinAbs(0.3 - 1.2 * 0.73 / 5.58, 1e-15));
}

TEST_CASE("neutralisers reject wrong shapes and infinities, too few symbols is an outcome", "[signal][neutralize]") {
  using neutralize_test::throws_error;
  const std::vector<double> x{1.0, 2.0, 3.0};
  std::vector<double> out(3);
  const std::vector<std::uint32_t> two_groups{0, 1};
  CHECK_THROWS_MATCHES((bulwark::signal::group_demean{.groups = two_groups}.apply(x, out)), bulwark::input_error,
                       throws_error("bulwark.signal.neutralize", "group_demean: 2 group ids for 3 scores"));
  const std::vector<double> e{1.0, 2.0};
  CHECK_THROWS_MATCHES((bulwark::signal::regression_neutralize{.exposures = bulwark::panel_view{e, 2, 1}}.apply(x, out)),
                       bulwark::input_error, throws_error("bulwark.signal.neutralize", "exposures have 2 rows for 3 scores"));
  const std::vector<double> e_inf{1.0, std::numeric_limits<double>::infinity(), 2.0};
  CHECK_THROWS_MATCHES((bulwark::signal::regression_neutralize{.exposures = bulwark::panel_view{e_inf, 3, 1}}.apply(x, out)),
                       bulwark::input_error, throws_error("bulwark.signal.neutralize", "exposures (row-major)[1] is inf"));
  // 3 symbols cannot be neutralised against 2 factors plus a constant.
  const std::vector<double> e2{1.0, 0.0, 0.0, 1.0, 1.0, 1.0};
  const auto s = bulwark::signal::regression_neutralize{.exposures = bulwark::panel_view{e2, 3, 2}}.apply(x, out);
  CHECK(s.status == bulwark::signal::cross_section_status::too_few_scores);
  CHECK(std::isnan(out[0]));
}
