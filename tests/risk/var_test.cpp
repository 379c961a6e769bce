// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/risk/var.hpp"
#include "support/catch.hpp"

namespace var_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;
constexpr auto id = "bulwark.risk.var";
// The sample of tests/core/stats_test.cpp; numpy 1.24: -np.quantile(x, 1 - 0.95) ==
// 0.03364999999999999, -np.quantile(x, 1 - 0.99) == 0.041929999999999995 (1 - 0.95 is
// 0.050000000000000044, one ulp from 0.05, and the interpolation shows it).
const std::vector<double> x{0.013, -0.021, 0.004, 0.0, -0.007, 0.031, -0.044, 0.009, 0.002, -0.015};

// ES from its definition: the mean of the values strictly below the quantile.
double es_reference(const std::vector<double>& r, double q) {
  double sum = 0.0;
  std::size_t count = 0;
  for (double v : r) {
    if (v < q) {
      sum += v;
      ++count;
    }
  }
  return count ? -sum / static_cast<double>(count) : -q;
}
}  // namespace var_test

TEST_CASE("historical VaR and ES equal numpy and the definition", "[risk][var]") {
  using namespace var_test;
  CHECK(bulwark::risk::historical_var(x, 0.95) == 0.03364999999999999);
  CHECK(bulwark::risk::historical_es(x, 0.95) == 0.044);
  // position 0.09: only -0.044 lies below the quantile
  CHECK(bulwark::risk::historical_var(x, 0.99) == 0.041929999999999995);
  CHECK(bulwark::risk::historical_es(x, 0.99) == 0.044);
  // confidence 0.5: the median 0.001; below it -0.044, -0.021, -0.015, -0.007, 0
  CHECK(bulwark::risk::historical_var(x, 0.5) == -0.001);
  CHECK_THAT(bulwark::risk::historical_es(x, 0.5), WithinRel(0.087 / 5.0, 1e-15));
  // Nothing below the quantile (it is the minimum): ES equals VaR.
  const auto one = bulwark::risk::historical_var_es(std::vector{-0.02}, 0.95);
  CHECK(one.var == 0.02);
  CHECK(one.es == 0.02);
  CHECK(fmt::format("{}", bulwark::risk::var_es{0.03, 0.05}) == "VaR 0.03 ES 0.05");
}

TEST_CASE("historical VaR is exact on large inputs, whatever their order", "[risk][var]") {
  using namespace var_test;
  const std::size_t n = (std::size_t{1} << 18) + 123;  // large enough for the one-pass selection
  std::vector<double> r(n);
  bulwark::counter_rng{77, 2}.fill_normal(r);
  for (double& v : r) v *= 0.01;
  std::vector<std::vector<double>> cases{r};
  std::vector<double> sorted = r;  // the bracket from a chunk sample misses: exact fallback
  std::sort(sorted.begin(), sorted.end());
  cases.push_back(sorted);
  std::vector<double> ties = r;  // heavy ties, as rounded prices give
  for (double& v : ties) v = std::round(v * 1000.0) / 1000.0;
  cases.push_back(ties);
  cases.emplace_back(n, 0.001);  // constant
  for (const auto& data : cases) {
    for (double c : {0.5, 0.9, 0.95, 0.99, 0.999, 0.99999}) {
      INFO("confidence " << c);
      const auto v = bulwark::risk::historical_var_es(data, c);
      const double q = bulwark::quantile(data, 1.0 - c);  // numpy-exact, by full selection
      CHECK(v.var == -q);
      // the reference sums ~1e5 values one by one: its own error is up to ~1e-11 relative
      CHECK_THAT(v.es, WithinRel(es_reference(data, q), 1e-12));
    }
  }
  std::vector<double> bad = r;
  bad[n - 5] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_MATCHES(bulwark::risk::historical_var(bad, 0.95), bulwark::input_error,
                       throws_error(id, fmt::format("historical_var: r[{}] is nan", n - 5)));
  bad[n - 5] = HUGE_VAL;
  CHECK_THROWS_MATCHES(bulwark::risk::historical_es(bad, 0.95), bulwark::input_error,
                       throws_error(id, fmt::format("historical_es: r[{}] is inf", n - 5)));
  // -inf deep in the tail, at confidences whose sample bracket has no lower bound.
  bad[n - 5] = -HUGE_VAL;
  for (double c : {0.95, 0.999, 0.9999}) {
    INFO("confidence " << c);
    CHECK_THROWS_MATCHES(bulwark::risk::historical_var(bad, c), bulwark::input_error,
                         throws_error(id, fmt::format("historical_var: r[{}] is -inf", n - 5)));
    CHECK_THROWS_MATCHES(bulwark::risk::historical_es(bad, c), bulwark::input_error,
                         throws_error(id, fmt::format("historical_es: r[{}] is -inf", n - 5)));
  }  // Many -inf, also inside the chunks the selection samples (every 50th value).
  std::vector<double> many = r;
  for (std::size_t i = 0; i < n; i += 50) many[i] = -HUGE_VAL;
  for (double c : {0.95, 0.99, 0.999}) {
    INFO("confidence " << c);
    CHECK_THROWS_AS(bulwark::risk::historical_var(many, c), bulwark::input_error);
    CHECK_THROWS_AS(bulwark::risk::historical_es(many, c), bulwark::input_error);
  }
}

TEST_CASE("the three type-7 conventions differ only in the last bits", "[risk][var]") {
  using namespace var_test;
  using bulwark::risk::quantile_convention;
  std::vector<double> r(1000);
  bulwark::counter_rng{1, 1}.fill_normal(r);
  for (double c : {0.95, 0.99, 0.975}) {
    const double numpy = bulwark::risk::historical_var(r, c, quantile_convention::numpy);
    const double pandas = bulwark::risk::historical_var(r, c, quantile_convention::pandas);
    const double rr = bulwark::risk::historical_var(r, c, quantile_convention::r);
    CHECK(numpy == -bulwark::quantile(r, 1.0 - c));
    CHECK_THAT(pandas, WithinRel(numpy, 1e-15));
    CHECK_THAT(rr, WithinRel(numpy, 1e-15));
  }
  // interpolate_quantile: a = 1, b = 2 between ranks 0 and 1 of n = 5 at q = 0.1 (h = 0.4).
  CHECK(bulwark::risk::interpolate_quantile(1.0, 2.0, 5, 0.1, quantile_convention::pandas) == 1.0 + 0.4);
  CHECK(bulwark::risk::interpolate_quantile(1.0, 2.0, 5, 0.1, quantile_convention::r) ==
        (1.0 - (1.0 + 4 * 0.1 - 1.0)) * 1.0 + (1.0 + 4 * 0.1 - 1.0) * 2.0);
  CHECK(fmt::format("{}", quantile_convention::pandas) == "pandas");
}

TEST_CASE("parametric VaR and ES equal the closed forms", "[risk][var]") {
  using namespace var_test;
  // {-1, +1} %: mean 0, population sd 1 %. scipy: norm.ppf(0.05) = -1.6448536269514729,
  // norm.pdf(norm.ppf(0.05)) = 0.10313564037537128.
  const std::vector<double> pm{-0.01, 0.01};
  CHECK_THAT(bulwark::risk::gaussian_var(pm, 0.95), WithinRel(0.016448536269514729, 1e-15));
  CHECK_THAT(bulwark::risk::gaussian_es(pm, 0.95), WithinRel(0.10313564037537128 * 0.01 / 0.05, 1e-14));
  // Symmetric two-point data: S = 0, K = m4 / m2^2 - 3 = -2, so
  // h = z + (z^3 - 3z)(-2) / 24 and the modified VaR is -h sd.
  const double z = -1.6448536269514729;
  const double h = z - (z * z * z - 3.0 * z) / 12.0;
  CHECK_THAT(bulwark::risk::cornish_fisher_var(pm, 0.95), WithinRel(-h * 0.01, 1e-14));
  // E = phi(h) [1 + (h^4 - 2h^2 - 1)(-2) / 24]
  const double phi_h = std::exp(-0.5 * h * h) / std::sqrt(2.0 * 3.141592653589793);
  const double e = phi_h * (1.0 - (h * h * h * h - 2.0 * h * h - 1.0) / 12.0);
  CHECK_THAT(bulwark::risk::cornish_fisher_es(pm, 0.95, bulwark::risk::cornish_fisher_floor::none),
             WithinRel(0.01 * e / 0.05, 1e-13));
  CHECK_THAT(bulwark::risk::cornish_fisher_es(pm, 0.95),
             WithinRel(-0.01 * std::min(-e / 0.05, h), 1e-13));
}

TEST_CASE("VaR grows with confidence and ES is at least VaR", "[risk][var]") {
  std::vector<double> r(5000);
  const bulwark::counter_rng rng{3, 9};
  for (std::size_t i = 0; i < r.size(); ++i) {
    r[i] = 0.0003 + 0.01 * bulwark::risk::student_t_variate(rng, i, 4.0);
  }
  double previous_h = -HUGE_VAL, previous_g = -HUGE_VAL;
  for (double c = 0.80; c < 0.9995; c += 0.0025) {
    INFO("confidence " << c);
    const auto h = bulwark::risk::historical_var_es(r, c);
    const double g = bulwark::risk::gaussian_var(r, c);
    CHECK(h.var >= previous_h);
    CHECK(g >= previous_g);
    CHECK(h.es >= h.var);
    CHECK(bulwark::risk::gaussian_es(r, c) >= g);
    CHECK(bulwark::risk::cornish_fisher_es(r, c) >= bulwark::risk::cornish_fisher_var(r, c));
    previous_h = h.var;
    previous_g = g;
  }
}

TEST_CASE("VaR functions reject bad input by name", "[risk][var]") {
  using namespace var_test;
  const std::vector<double> empty;
  const std::vector<double> with_nan{0.01, std::numeric_limits<double>::quiet_NaN()};
  CHECK_THROWS_MATCHES(bulwark::risk::historical_var(empty, 0.95), bulwark::input_error,
                       throws_error(id, "historical_var: r is empty"));
  CHECK_THROWS_MATCHES(bulwark::risk::historical_es(with_nan, 0.95), bulwark::input_error,
                       throws_error(id, "historical_es: r[1] is nan"));
  CHECK_THROWS_MATCHES(bulwark::risk::historical_var(x, 1.0), bulwark::input_error,
                       throws_error(id, "historical_var: confidence 1 outside (0, 1)"));
  CHECK_THROWS_MATCHES(bulwark::risk::historical_var_es(x, 0.0), bulwark::input_error,
                       throws_error(id, "historical_var_es: confidence 0 outside (0, 1)"));
  CHECK_THROWS_MATCHES(bulwark::risk::gaussian_var(x, 95.0), bulwark::input_error,
                       throws_error(id, "gaussian_var: confidence 95 outside (0, 1)"));
  CHECK_THROWS_MATCHES(bulwark::risk::gaussian_es(with_nan, 0.95), bulwark::input_error,
                       throws_error(id, "gaussian_es: r[1] is nan"));
  CHECK_THROWS_MATCHES(bulwark::risk::cornish_fisher_var(std::vector{0.01, 0.01}, 0.95),
                       bulwark::input_error,
                       throws_error(id, "cornish_fisher_var: undefined for returns that do not vary"));
  CHECK_THROWS_MATCHES(bulwark::risk::cornish_fisher_es(empty, 0.95), bulwark::input_error,
                       throws_error(id, "cornish_fisher_es: r is empty"));
}
