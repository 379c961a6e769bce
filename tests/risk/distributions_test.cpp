// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/risk/distributions.hpp"
#include "support/catch.hpp"

namespace distributions_test {
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;
}  // namespace distributions_test

TEST_CASE("normal_quantile equals scipy's ndtri to the last bits", "[risk][distributions]") {
  using distributions_test::WithinRel;
  // scipy.stats.norm.ppf(p) (Cephes ndtri, an independent algorithm), printed with repr().
  const std::pair<double, double> expected[] = {
      {0.975, 1.959963984540054},       {0.95, 1.6448536269514722},
      {0.99, 2.3263478740408408},       {0.05, -1.6448536269514729},
      {0.01, -2.3263478740408408},      {1e-10, -6.361340902404056},
      {1e-300, -37.0470962993612},      {0.3, -0.5244005127080409},
      {0.02425, -1.972961051311885},    {0.999999, 4.753424308817087}};
  for (const auto& [p, z] : expected) {
    INFO("p = " << p);
    CHECK_THAT(bulwark::risk::normal_quantile(p), WithinRel(z, 4e-16));
  }
  CHECK(bulwark::risk::normal_quantile(0.5) == 0.0);
  CHECK(bulwark::risk::normal_quantile(0.0) == -HUGE_VAL);
  CHECK(bulwark::risk::normal_quantile(1.0) == HUGE_VAL);
  CHECK(std::isnan(bulwark::risk::normal_quantile(1.5)));
  CHECK(std::isnan(bulwark::risk::normal_quantile(std::nan(""))));
}

TEST_CASE("normal_cdf and normal_pdf equal the closed forms and scipy", "[risk][distributions]") {
  using distributions_test::WithinRel;
  CHECK(bulwark::risk::normal_cdf(0.0) == 0.5);
  CHECK_THAT(bulwark::risk::normal_pdf(0.0), WithinRel(1.0 / std::sqrt(2.0 * std::numbers::pi), 1e-16));
  // scipy.stats.norm.cdf(x)
  CHECK_THAT(bulwark::risk::normal_cdf(-1.96), WithinRel(0.024997895148220435, 1e-15));
  CHECK_THAT(bulwark::risk::normal_cdf(1.0), WithinRel(0.8413447460685429, 1e-15));
  CHECK_THAT(bulwark::risk::normal_cdf(-10.0), WithinRel(7.61985302416047e-24, 1e-14));
  // scipy.stats.norm.pdf(scipy.stats.norm.ppf(0.05))
  CHECK_THAT(bulwark::risk::normal_pdf(bulwark::risk::normal_quantile(0.05)),
             WithinRel(0.10313564037537128, 1e-15));
  // The quantile inverts the cdf over the whole range, tails included. A relative error e
  // in z becomes z^2 e in Phi(z) (d ln Phi / d ln z ~ z^2 in the tail), hence the tolerance.
  for (double p = 1e-300; p < 1.0; p = p < 1e-3 ? p * 1000.0 : p + 0.0173) {
    const double z = bulwark::risk::normal_quantile(p);
    INFO("p = " << p);
    CHECK_THAT(bulwark::risk::normal_cdf(z), WithinRel(p, 1e-15 * std::max(4.0, z * z)));
  }
}

TEST_CASE("the chi-square distribution equals its closed forms", "[risk][distributions]") {
  using distributions_test::WithinRel;
  using bulwark::risk::chi_square_cdf;
  using bulwark::risk::chi_square_sf;
  for (double x : {0.001, 0.1, 0.5, 1.0, 2.0, 3.841458820694124, 7.5, 15.0, 40.0}) {
    INFO("x = " << x);
    // dof 1: erf(sqrt(x / 2)); dof 2: 1 - exp(-x / 2); dof 4: 1 - exp(-x/2)(1 + x/2);
    // dof 3: erf(sqrt(x/2)) - sqrt(2x / pi) exp(-x/2).
    CHECK_THAT(chi_square_cdf(x, 1.0), WithinRel(std::erf(std::sqrt(x / 2.0)), 1e-14));
    CHECK_THAT(chi_square_sf(x, 1.0), WithinRel(std::erfc(std::sqrt(x / 2.0)), 1e-13));
    CHECK_THAT(chi_square_sf(x, 2.0), WithinRel(std::exp(-x / 2.0), 1e-13));
    CHECK_THAT(chi_square_sf(x, 4.0), WithinRel(std::exp(-x / 2.0) * (1.0 + x / 2.0), 1e-13));
    CHECK_THAT(chi_square_cdf(x, 3.0),
               WithinRel(std::erf(std::sqrt(x / 2.0)) -
                             std::sqrt(2.0 * x / std::numbers::pi) * std::exp(-x / 2.0),
                         1e-13));
  }
  // scipy.stats.chi2: sf(3.841458820694124, 1), sf(100, 2), cdf(2.5, 3), cdf(7, 5.5), sf(40, 10)
  CHECK_THAT(chi_square_sf(3.841458820694124, 1.0), WithinRel(0.04999999999999989, 1e-14));
  CHECK_THAT(chi_square_sf(100.0, 2.0), WithinRel(1.9287498479639183e-22, 1e-13));
  CHECK_THAT(chi_square_cdf(2.5, 3.0), WithinRel(0.5247089166569795, 1e-14));
  CHECK_THAT(chi_square_cdf(7.0, 5.5), WithinRel(0.7307442128278716, 1e-14));
  CHECK_THAT(chi_square_sf(40.0, 10.0), WithinRel(1.694474393006737e-05, 1e-13));
  // scipy.special.gammainc(0.5, 0.3), gammaincc(30, 45)
  CHECK_THAT(bulwark::risk::regularized_gamma_p(0.5, 0.3), WithinRel(0.5614219739190003, 1e-14));
  CHECK_THAT(bulwark::risk::regularized_gamma_q(30.0, 45.0), WithinRel(0.007337199297796568, 1e-13));
  CHECK(chi_square_cdf(-1.0, 2.0) == 0.0);
  CHECK(chi_square_sf(0.0, 2.0) == 1.0);
  CHECK(std::isnan(chi_square_cdf(1.0, 0.0)));
  CHECK(std::isnan(bulwark::risk::regularized_gamma_p(-1.0, 1.0)));
}

TEST_CASE("gamma variates have the gamma distribution's mean and variance", "[risk][distributions]") {
  using distributions_test::WithinAbs;
  const bulwark::counter_rng rng{2024, 7};
  constexpr std::size_t n = 200'000;
  for (double shape : {0.5, 1.0, 3.7, 40.0}) {
    INFO("shape = " << shape);
    std::vector<double> g(n);
    for (std::size_t i = 0; i < n; ++i) g[i] = bulwark::risk::gamma_variate(rng, i, shape);
    // mean = variance = shape; the standard error of the mean is sqrt(shape / n).
    CHECK_THAT(bulwark::mean(g), WithinAbs(shape, 5.0 * std::sqrt(shape / n)));
    // var of the sample variance ~ (m4 - sigma^4) / n with m4 = 3 shape^2 + 6 shape.
    CHECK_THAT(bulwark::sample_variance(g),
               WithinAbs(shape, 5.0 * std::sqrt((2.0 * shape * shape + 6.0 * shape) / n)));
  }
  CHECK(std::isnan(bulwark::risk::gamma_variate(rng, 0, 0.0)));
}

TEST_CASE("Student-t variates have scipy's quantiles and are pure functions of the counter",
          "[risk][distributions]") {
  using distributions_test::WithinAbs;
  const bulwark::counter_rng rng{11, 3};
  constexpr std::size_t n = 400'000;
  std::vector<double> t(n);
  for (std::size_t i = 0; i < n; ++i) t[i] = bulwark::risk::student_t_variate(rng, i, 5.0);
  // scipy.stats.t.ppf(p, 5) and t.pdf at it; the sample quantile's standard error is
  // sqrt(p (1 - p) / n) / pdf.
  const struct { double p, q, pdf; } expected[] = {{0.05, -2.0150483726691575, 0.06379679895149029},
                                                   {0.01, -3.3649299989072756, 0.010910975291950254},
                                                   {0.5, 0.0, 0.3796066898224944}};
  for (const auto& e : expected) {
    INFO("p = " << e.p);
    CHECK_THAT(bulwark::quantile(t, e.p), WithinAbs(e.q, 5.0 * std::sqrt(e.p * (1 - e.p) / n) / e.pdf));
  }
  CHECK(bulwark::risk::student_t_variate(rng, 12345, 5.0) == t[12345]);
  CHECK(bulwark::risk::student_t_variate(rng, 12345, 5.0) != t[12346]);
  // dof 8: variance dof / (dof - 2) = 4 / 3.
  for (std::size_t i = 0; i < n; ++i) t[i] = bulwark::risk::student_t_variate(rng, i, 8.0);
  CHECK_THAT(bulwark::sample_variance(t), WithinAbs(4.0 / 3.0, 0.02));
}
