// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/core/stats.hpp"
#include "support/catch.hpp"

using bulwark::test::throws_error;
using bulwark::test::WithinRel;

namespace stats_test {
// Values checked against numpy 1.24: np.mean, np.var(ddof=1), np.quantile, np.median.
const std::vector<double> x{0.013, -0.021, 0.004, 0.0, -0.007, 0.031, -0.044, 0.009, 0.002, -0.015};
}  // namespace stats_test

TEST_CASE("mean, variance and moments equal numpy's", "[core][stats]") {
  using stats_test::x;
  CHECK_THAT(bulwark::mean(x), WithinRel(-0.0027999999999999995, 1e-15));
  CHECK_THAT(bulwark::sample_variance(x), WithinRel(0.0004226222222222222, 1e-14));
  CHECK_THAT(bulwark::sample_stddev(x), WithinRel(std::sqrt(0.0004226222222222222), 1e-14));
  const auto m = bulwark::central_moments(x);
  CHECK(m.n == 10);
  CHECK_THAT(m.m2, WithinRel(0.00038036, 1e-14));
  CHECK_THAT(m.m3, WithinRel(-3.320424000000001e-06, 1e-13));
  CHECK_THAT(m.m4, WithinRel(4.4030945119999996e-07, 1e-13));
}

TEST_CASE("quantile equals numpy.quantile bit for bit", "[core][stats]") {
  using stats_test::x;
  // np.quantile(x, q) for q in (0, .01, .05, .25, .5, .75, .95, 1)
  const std::pair<double, double> expected[] = {
      {0.0, -0.044},   {0.01, -0.041929999999999995}, {0.05, -0.03365}, {0.25, -0.013},
      {0.5, 0.001},    {0.75, 0.00775},               {0.95, 0.02289999999999998}, {1.0, 0.031}};
  for (const auto& [q, value] : expected) {
    INFO("q = " << q);
    CHECK(bulwark::quantile(x, q) == value);
  }
  CHECK(bulwark::median(x) == 0.001);
  CHECK(bulwark::median_absolute_deviation(x) == 0.01);
  std::vector<double> sorted = x;
  std::sort(sorted.begin(), sorted.end());
  CHECK(bulwark::quantile_sorted(sorted, 0.05) == -0.03365);
}

TEST_CASE("quantile agrees with full sorting on larger random samples", "[core][stats]") {
  const bulwark::counter_rng rng{99, 1};
  std::vector<double> v(1001);
  rng.fill_normal(v);
  std::vector<double> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  for (double q : {0.001, 0.01, 0.05, 0.3333, 0.5, 0.95, 0.999}) {
    CHECK(bulwark::quantile(v, q) == bulwark::quantile_sorted(sorted, q));
  }
  // n = 1001: q = 0.5 is exactly the 501st order statistic.
  CHECK(bulwark::median(v) == sorted[500]);
}

TEST_CASE("the corrected two-pass variance survives a large offset", "[core][stats]") {
  // Variance of {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16} is exactly 30 (shift invariance).
  const std::vector<double> v{1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};
  CHECK_THAT(bulwark::sample_variance(v), WithinRel(30.0, 1e-12));
}

TEST_CASE("statistics reject empty, short and non-finite input by name", "[core][stats]") {
  const std::vector<double> empty;
  const std::vector<double> one{1.0};
  const std::vector<double> with_nan{1.0, std::numeric_limits<double>::quiet_NaN(), 2.0};
  CHECK_THROWS_MATCHES(bulwark::mean(empty), bulwark::input_error,
                       throws_error("bulwark.core.stats", "mean: x is empty"));
  CHECK_THROWS_MATCHES(bulwark::sample_variance(one), bulwark::input_error,
                       throws_error("bulwark.core.stats", "sample_variance: x has 1 value(s); expected at least 2"));
  CHECK_THROWS_MATCHES(bulwark::median(with_nan), bulwark::input_error,
                       throws_error("bulwark.core.stats", "quantile: x[1] is nan"));
  CHECK_THROWS_MATCHES(bulwark::quantile(one, 1.5), bulwark::input_error,
                       throws_error("bulwark.core.stats", "quantile: q 1.5 outside [0, 1]"));
  CHECK_THROWS_AS(bulwark::central_moments(empty), bulwark::input_error);
}

TEST_CASE("moments format for people", "[core][stats][format]") {
  const bulwark::moments m{.n = 2, .mean = 0.5, .m2 = 0.25, .m3 = 0.0, .m4 = 0.0625};
  CHECK(fmt::format("{}", m) == "n 2 mean 0.5 m2 0.25 m3 0 m4 0.0625");
}
