// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/signal/normalize.hpp"
#include "support/catch.hpp"

namespace normalize_test {
using bulwark::test::throws_error;
using bulwark::test::WithinRel;
constexpr double missing = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
}  // namespace normalize_test

TEST_CASE("zscore: closed form, missing symbols excluded and passed through", "[signal][normalize]") {
  using namespace normalize_test;
  const std::vector<double> x{1.0, missing, 2.0, 3.0, 4.0};
  std::vector<double> z(x.size());
  const auto s = bulwark::signal::zscore{}.apply(x, z);
  // mean 2.5, sample sd sqrt(((1.5^2 + 0.5^2) * 2) / 3) = sqrt(5 / 3)
  const double sd = std::sqrt(5.0 / 3.0);
  CHECK(s.ok());
  CHECK(s.count == 4);
  CHECK_THAT(s.location, WithinRel(2.5, 1e-15));
  CHECK_THAT(s.scale, WithinRel(sd, 1e-15));
  CHECK_THAT(z[0], WithinRel(-1.5 / sd, 1e-15));
  CHECK(std::isnan(z[1]));
  CHECK_THAT(z[2], WithinRel(-0.5 / sd, 1e-14));
  CHECK_THAT(z[4], WithinRel(1.5 / sd, 1e-15));
}

TEST_CASE("zscore and demean have mean 0 and unit sd on random rows, in place", "[signal][normalize]") {
  using namespace normalize_test;
  const bulwark::counter_rng rng{7, 1};
  std::vector<double> x(1001);
  rng.fill_normal(x);
  for (std::size_t i = 0; i < x.size(); i += 17) x[i] = normalize_test::missing;  // missing symbols
  std::vector<double> z = x;
  const auto s = bulwark::signal::zscore{}.apply(z, z);  // out aliases x
  REQUIRE(s.ok());
  double sum = 0.0, squares = 0.0, n = 0.0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    REQUIRE(std::isnan(z[i]) == std::isnan(x[i]));
    if (std::isnan(z[i])) continue;
    sum += z[i];
    squares += z[i] * z[i];
    n += 1.0;
  }
  CHECK(static_cast<double>(s.count) == n);
  CHECK(std::abs(sum / n) < 1e-15);
  CHECK_THAT(squares / (n - 1.0), WithinRel(1.0, 1e-13));

  std::vector<double> d(x.size());
  const auto ds = bulwark::signal::demean{}.apply(x, d);
  CHECK(ds.ok());
  CHECK(std::isnan(ds.scale));
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i])) REQUIRE(d[i] == x[i] - ds.location);
  }
}

TEST_CASE("too few scores or no dispersion is an outcome: NaN everywhere", "[signal][normalize]") {
  using namespace normalize_test;
  std::vector<double> out(3, 7.0);
  const std::vector<double> one{missing, 3.0, missing};
  auto s = bulwark::signal::zscore{}.apply(one, out);
  CHECK(s.status == bulwark::signal::cross_section_status::too_few_scores);
  CHECK(s.count == 1);
  for (double v : out) CHECK(std::isnan(v));
  const std::vector<double> flat{2.0, 2.0, 2.0};
  s = bulwark::signal::zscore{}.apply(flat, out);
  CHECK(s.status == bulwark::signal::cross_section_status::no_dispersion);
  for (double v : out) CHECK(std::isnan(v));
  const std::vector<double> none{missing, missing, missing};
  CHECK(bulwark::signal::demean{}.apply(none, out).status ==
        bulwark::signal::cross_section_status::too_few_scores);
  // One score can be demeaned (to 0), not standardised.
  s = bulwark::signal::demean{}.apply(one, out);
  CHECK(s.ok());
  CHECK(out[1] == 0.0);
  s = bulwark::signal::robust_zscore{}.apply(flat, out);
  CHECK(s.status == bulwark::signal::cross_section_status::no_dispersion);
}

TEST_CASE("robust_zscore: median, MAD x 1.4826, clipped at 3", "[signal][normalize]") {
  using namespace normalize_test;
  const std::vector<double> x{1.0, 2.0, missing, 3.0, 4.0, 100.0};
  std::vector<double> z(x.size());
  const auto s = bulwark::signal::robust_zscore{}.apply(x, z);
  // median 3; |x - 3| = 2, 1, 0, 1, 97 -> MAD 1; sigma 1.4826.
  CHECK(s.ok());
  CHECK(s.count == 5);
  CHECK(s.location == 3.0);
  CHECK(s.scale == 1.4826);
  CHECK(z[0] == -2.0 / 1.4826);
  CHECK(z[1] == -1.0 / 1.4826);
  CHECK(std::isnan(z[2]));
  CHECK(z[3] == 0.0);
  CHECK(z[5] == 3.0);  // 97 / 1.4826 = 65.4, clipped
  CHECK(s.clipped == 1);
  CHECK(s.lower == -3.0);
  CHECK(s.upper == 3.0);
  // A wider clip, and none at all.
  bulwark::signal::robust_zscore{.clip = 100.0}.apply(x, z);
  CHECK(z[5] == 97.0 / 1.4826);
  const auto unclipped = bulwark::signal::robust_zscore{.clip = inf}.apply(x, z);
  CHECK(unclipped.clipped == 0);
  CHECK(fmt::format("{}", s) == "n=5 location=3 scale=1.4826 bounds=[-3, 3] clipped=1 ok");
}

TEST_CASE("normalisers reject infinite scores, wrong sizes and bad clips by name", "[signal][normalize]") {
  using namespace normalize_test;
  const std::vector<double> x{1.0, 2.0, -inf, 4.0};
  std::vector<double> out(4);
  CHECK_THROWS_MATCHES((bulwark::signal::zscore{}.apply(x, out)), bulwark::input_error,
                       throws_error("bulwark.signal.normalize", "zscore: scores[2] is -inf"));
  CHECK_THROWS_MATCHES((bulwark::signal::demean{}.apply(x, out)), bulwark::input_error,
                       throws_error("bulwark.signal.normalize", "demean: scores[2] is -inf"));
  CHECK_THROWS_MATCHES((bulwark::signal::robust_zscore{}.apply(x, out)), bulwark::input_error,
                       throws_error("bulwark.signal.normalize", "robust_zscore: scores[2] is -inf"));
  std::vector<double> short_out(3);
  const std::vector<double> ok{1.0, 2.0, 3.0, 4.0};
  CHECK_THROWS_MATCHES((bulwark::signal::zscore{}.apply(ok, short_out)), bulwark::input_error,
                       throws_error("bulwark.signal.normalize", "zscore: output has 3 elements for 4 inputs"));
  CHECK_THROWS_MATCHES((bulwark::signal::robust_zscore{.clip = 0.0}.apply(ok, out)), bulwark::config_error,
                       throws_error("bulwark.signal.normalize", "clip 0 must be > 0"));
  CHECK_THROWS_MATCHES((bulwark::signal::robust_zscore{.clip = missing}.apply(ok, out)), bulwark::config_error,
                       throws_error("bulwark.signal.normalize", "clip nan"));
  // Scores near the largest double: equal ones have no dispersion; opposite ones overflow.
  const std::vector<double> huge{1e308, 1e308, 1e308};
  std::vector<double> out3(3);
  CHECK(bulwark::signal::zscore{}.apply(huge, out3).status == bulwark::signal::cross_section_status::no_dispersion);
  const std::vector<double> spread{1e308, -1e308, 1e308};
  CHECK_THROWS_MATCHES((bulwark::signal::zscore{}.apply(spread, out3)), bulwark::input_error,
                       throws_error("bulwark.signal.normalize", "overflows"));
  const std::vector<double> sum_overflow{1e308, 1e308, 1e308, std::numeric_limits<double>::quiet_NaN()};
  std::vector<double> out4(4);
  CHECK_THROWS_MATCHES((bulwark::signal::demean{}.apply(sum_overflow, out4)), bulwark::input_error,
                       throws_error("bulwark.signal.normalize", "demean: the sum of the scores overflows"));
}

TEST_CASE("zscore is accurate whether or not the row starts near its mean", "[signal][normalize]") {
  using namespace normalize_test;
  // Far from zero (a price level): the naive sum of squares would lose most digits.
  std::vector<double> x(2001);
  bulwark::counter_rng{9, 9}.fill_normal(x);
  for (double& v : x) v = 1e4 + v;
  const auto check = [](const std::vector<double>& row) {
    // Reference: two passes in long double.
    long double mean = 0.0L;
    for (double v : row) mean += v;
    mean /= static_cast<long double>(row.size());
    long double ss = 0.0L;
    for (double v : row) ss += (v - mean) * (v - mean);
    const long double sd = std::sqrt(ss / static_cast<long double>(row.size() - 1));
    std::vector<double> z(row.size());
    const auto s = bulwark::signal::zscore{}.apply(row, z);
    REQUIRE(s.ok());
    CHECK_THAT(s.scale, WithinRel(static_cast<double>(sd), 1e-12));
    for (std::size_t i = 0; i < row.size(); i += 50) {
      REQUIRE_THAT(z[i], bulwark::test::WithinAbs(static_cast<double>((row[i] - mean) / sd), 1e-11));
    }
  };
  check(x);     // the first value is near the mean: one pass on shifted data
  x[0] = 1e7;   // an outlier first: the shift is far from the mean, two passes
  check(x);
}
