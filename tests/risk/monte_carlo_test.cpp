// SPDX-License-Identifier: MIT
#include <cmath>
#include <numbers>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/risk/monte_carlo.hpp"
#include "support/catch.hpp"

namespace monte_carlo_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;
constexpr auto id = "bulwark.risk.monte_carlo";

// Returns with mean 0.0005 and population sd 0.01 exactly: +-0.01 around the mean.
std::vector<double> two_point() {
  std::vector<double> r;
  for (int i = 0; i < 500; ++i) {
    r.push_back(0.0005 + 0.01);
    r.push_back(0.0005 - 0.01);
  }
  return r;
}
}  // namespace monte_carlo_test

TEST_CASE("Monte Carlo VaR of a normal fit converges to the Gaussian closed form", "[risk][monte_carlo]") {
  using namespace monte_carlo_test;
  const auto r = two_point();
  const bulwark::risk::monte_carlo_config config{.simulations = 400'000, .seed = 42};
  const auto v = bulwark::risk::monte_carlo_var_es(r, 0.95, bulwark::risk::normal_model{}, config);
  // -mean - z sd and -mean + phi(z) sd / 0.05 (scipy: z = -1.6448536269514729,
  // phi(z) = 0.10313564037537128). Standard error of the 5% quantile: sqrt(.05 .95 / N) sd /
  // phi(z) = 3.4e-5; of the tail mean about twice that.
  CHECK_THAT(v.var, WithinAbs(-0.0005 + 1.6448536269514729 * 0.01, 2e-4));
  CHECK_THAT(v.es, WithinAbs(-0.0005 + 0.10313564037537128 * 0.01 / 0.05, 3e-4));
  // A pure function of (seed, stream): the same again; another stream differs.
  CHECK(bulwark::risk::monte_carlo_var_es(r, 0.95, bulwark::risk::normal_model{}, config) == v);
  auto other = config;
  other.stream = 1;
  CHECK(bulwark::risk::monte_carlo_var_es(r, 0.95, bulwark::risk::normal_model{}, other) != v);
}

TEST_CASE("Monte Carlo with a Student-t fit matches the t quantile", "[risk][monte_carlo]") {
  using namespace monte_carlo_test;
  // Fixed dof 5: scale = sd sqrt(3 / 5); scipy.stats.t.ppf(0.01, 5) = -3.3649299989072756.
  const auto r = two_point();
  const bulwark::risk::monte_carlo_config config{.simulations = 400'000, .seed = 7};
  const auto v = bulwark::risk::monte_carlo_var_es(
      r, 0.99, bulwark::risk::student_t_model{.degrees_of_freedom = 5.0}, config);
  const double scale = 0.01 * std::sqrt(3.0 / 5.0);
  CHECK_THAT(v.var, WithinAbs(-0.0005 + 3.3649299989072756 * scale, 5e-4));
  // ES of a location-scale t (McNeil, Frey and Embrechts, Quantitative Risk Management,
  // ex. 2.19): -mean + scale (dof + t^2) / (dof - 1) f(t) / alpha, with f the t density at
  // t = 3.3649... and alpha = 0.01: (5 + t^2) / 4 * 0.010910975291950254 / 0.01 =
  // 4.45242911181776 (scipy's t.expect over the tail agrees to 1e-15). About 4000 draws lie
  // in the tail; their mean's standard error is ~2.5e-4 here.
  const double f = std::tgamma(3.0) / (std::sqrt(5.0 * std::numbers::pi) * std::tgamma(2.5)) *
                   std::pow(1.0 + 3.3649299989072756 * 3.3649299989072756 / 5.0, -3.0);
  CHECK_THAT(f, WithinRel(0.010910975291950254, 1e-13));
  CHECK_THAT(v.es, WithinAbs(-0.0005 + 4.45242911181776 * scale, 1e-3));
  // Moment fit: dof = 4 + 6 / K for returns with excess kurtosis K > 0.
  std::vector<double> heavy(20'000);
  const bulwark::counter_rng rng{1, 2};
  for (std::size_t i = 0; i < heavy.size(); ++i) heavy[i] = 0.01 * bulwark::risk::student_t_variate(rng, i, 6.0);
  const auto fitted = bulwark::risk::student_t_model{}.fit(heavy);
  const auto m = bulwark::central_moments(heavy);
  CHECK_THAT(fitted.dof, WithinRel(4.0 + 6.0 / (m.m4 / (m.m2 * m.m2) - 3.0), 1e-14));
  CHECK_THAT(fitted.scale * fitted.scale * fitted.dof / (fitted.dof - 2.0), WithinRel(m.m2, 1e-14));
  CHECK_THROWS_MATCHES(bulwark::risk::student_t_model{}.fit(r), bulwark::input_error,
                       throws_error(id, "student_t_model: excess kurtosis -1.99"));
  CHECK_THROWS_MATCHES(bulwark::risk::student_t_model{.degrees_of_freedom = 2.0}.fit(r),
                       bulwark::config_error, throws_error(id, "degrees_of_freedom 2 must be 0 (fit) or > 2"));
}

TEST_CASE("bootstrap Monte Carlo resamples the observed returns", "[risk][monte_carlo]") {
  using namespace monte_carlo_test;
  // Five equally likely returns: the 10% quantile of many draws is the smallest, -5% (its
  // probability 0.2 > 0.1), and nothing lies below it, so ES = VaR = 0.05.
  const std::vector<double> r{-0.05, -0.01, 0.0, 0.01, 0.02};
  const bulwark::risk::monte_carlo_config config{.simulations = 100'000, .seed = 3};
  const auto v = bulwark::risk::monte_carlo_var_es(r, 0.90, bulwark::risk::bootstrap_model{}, config);
  const double worst = 1.0 + -0.05;  // the horizon return is (1 + r) - 1, rounded as such
  CHECK(v.var == -(worst - 1.0));
  CHECK(v.es == v.var);
  // Each return drawn with frequency 1/5: the mean of the draws converges to the mean.
  std::vector<double> draws(100'000);
  const auto sampler = bulwark::risk::bootstrap_model{}.fit(r);
  bulwark::risk::simulate_horizon_returns(sampler, config, draws);
  CHECK_THAT(bulwark::mean(draws), WithinAbs(bulwark::mean(r), 5.0 * 0.0235 / std::sqrt(1e5)));
  // A two-period horizon compounds two draws: the worst case is 0.95^2 - 1.
  const auto two = bulwark::risk::monte_carlo_var_es(
      r, 0.99, bulwark::risk::bootstrap_model{},
      bulwark::risk::monte_carlo_config{.simulations = 100'000, .horizon = 2, .seed = 3});
  CHECK(two.var == -(worst * worst - 1.0));
}

TEST_CASE("Monte Carlo rejects bad input and configuration", "[risk][monte_carlo]") {
  using namespace monte_carlo_test;
  const std::vector<double> r{0.01, -0.02, std::nan("")};
  CHECK_THROWS_MATCHES(bulwark::risk::monte_carlo_var_es(r, 0.95, bulwark::risk::normal_model{}),
                       bulwark::input_error, throws_error(id, "monte_carlo_var_es: r[2] is nan"));
  const std::vector<double> ok{0.01, -0.02};
  CHECK_THROWS_MATCHES(bulwark::risk::monte_carlo_var_es(ok, 1.0, bulwark::risk::normal_model{}),
                       bulwark::input_error, throws_error(id, "confidence 1 outside (0, 1)"));
  CHECK_THROWS_MATCHES(
      bulwark::risk::monte_carlo_var_es(ok, 0.95, bulwark::risk::normal_model{},
                                        bulwark::risk::monte_carlo_config{.simulations = 0}),
      bulwark::config_error, throws_error(id, "simulations 0 and horizon 1 must both be >= 1"));
  static_assert(bulwark::risk::ReturnModel<bulwark::risk::normal_model>);
  static_assert(bulwark::risk::ReturnModel<bulwark::risk::student_t_model>);
  static_assert(bulwark::risk::ReturnModel<bulwark::risk::bootstrap_model>);
}
