// SPDX-License-Identifier: MIT
#include "bulwark/risk/portfolio_var.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/risk/covariance.hpp"
#include "risk/portfolio_reference.hpp"
#include "support/catch.hpp"
#include "support/shared_data.hpp"

using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;

namespace portfolio_var_test {

// Compares every Gaussian and historical quantity of a reference case, computed here from
// the panel `returns` with the sample covariance, against the numpy values.
void check_against_reference(const std::string& name, bulwark::panel_view returns,
                             double tolerance) {
  const auto& ref = portfolio_reference::reference();
  const Eigen::VectorXd w = ref.vector(name, "weights");
  const Eigen::MatrixXd s = bulwark::risk::sample_covariance(returns);
  const Eigen::VectorXd mu = bulwark::detail::matrix_of(returns).colwise().mean().transpose();
  portfolio_reference::check_vector_near(mu, ref.vector(name, "mean"), tolerance);

  const bulwark::risk::gaussian_portfolio g{w, s, mu};
  CHECK_THAT(g.volatility(), WithinRel(ref.value(name, "volatility"), tolerance));
  for (double c : {0.95, 0.99}) {
    const std::string at = fmt::format("@{}", c);
    INFO("confidence " << c);
    CHECK_THAT(g.var(c), WithinRel(ref.value(name, "gaussian_var" + at), tolerance));
    CHECK_THAT(g.es(c), WithinRel(ref.value(name, "gaussian_es" + at), tolerance));
    CHECK_THAT(bulwark::risk::gaussian_portfolio_var(w, s, c),
               WithinRel(ref.value(name, "gaussian_var_zero_mean" + at), tolerance));
    CHECK_THAT(bulwark::risk::gaussian_portfolio_es(w, s, c),
               WithinRel(ref.value(name, "gaussian_es_zero_mean" + at), tolerance));
    const auto var = g.var_contributions(c);
    portfolio_reference::check_vector_near(var.marginal, ref.vector(name, "marginal_var" + at),
                                           tolerance);
    portfolio_reference::check_vector_near(var.component, ref.vector(name, "component_var" + at),
                                           tolerance);
    const auto es = g.es_contributions(c);
    portfolio_reference::check_vector_near(es.marginal, ref.vector(name, "marginal_es" + at),
                                           tolerance);
    portfolio_reference::check_vector_near(es.component, ref.vector(name, "component_es" + at),
                                           tolerance);
  }
  for (double c : {0.9, 0.95, 0.99}) {
    const std::string at = fmt::format("@{}", c);
    INFO("historical, confidence " << c);
    CHECK_THAT(bulwark::risk::historical_portfolio_var(returns, w, c),
               WithinRel(ref.value(name, "historical_var" + at), tolerance));
    CHECK_THAT(bulwark::risk::historical_portfolio_es(returns, w, c),
               WithinRel(ref.value(name, "historical_es" + at), tolerance));
    const auto es = bulwark::risk::historical_portfolio_es_contributions(returns, w, c);
    CHECK_THAT(es.total, WithinRel(ref.value(name, "historical_es" + at), tolerance));
    portfolio_reference::check_vector_near(
        es.component, ref.vector(name, "historical_es_component" + at), tolerance);
  }
}

// A random p x p covariance A A' / p (A standard normal, scaled to daily returns), and
// weights in [-0.5, 1.5) / p (shorts included), from counter_rng.
struct random_portfolio {
  Eigen::MatrixXd covariance;
  Eigen::VectorXd weights;
  Eigen::VectorXd mean;
};

random_portfolio make_random_portfolio(Eigen::Index p, std::uint64_t seed) {
  const bulwark::counter_rng rng{seed, 3};
  Eigen::MatrixXd a(p, p);
  rng.fill_normal(std::span<double>(a.data(), static_cast<std::size_t>(a.size())));
  random_portfolio r;
  r.covariance = 1e-4 * a * a.transpose() / static_cast<double>(p);
  r.covariance = 0.5 * (r.covariance + r.covariance.transpose()).eval();
  r.weights.resize(p);
  r.mean.resize(p);
  for (Eigen::Index i = 0; i < p; ++i) {
    const auto k = static_cast<std::uint64_t>(1'000'000 + 2 * i);
    r.weights(i) = (2.0 * rng.uniform(k) - 0.5) / static_cast<double>(p);
    r.mean(i) = 1e-3 * (rng.uniform(k + 1) - 0.5);
  }
  return r;
}

}  // namespace portfolio_var_test

TEST_CASE(
    "Gaussian and historical portfolio VaR/ES equal PerformanceAnalytics' formulas "
    "(numpy) on a small panel",
    "[risk][portfolio_var]") {
  const auto panel = portfolio_reference::small_panel();
  portfolio_var_test::check_against_reference("small", panel.view(), 1e-13);
}

TEST_CASE("Gaussian portfolio VaR/ES: closed forms", "[risk][portfolio_var]") {
  using bulwark::risk::gaussian_portfolio;
  // -Phi^-1(1 - 0.95) and phi(z) / (1 - 0.95), from Python's statistics module:
  // N = NormalDist(); z = N.inv_cdf(1 - 0.95); print(repr(-z), repr(N.pdf(z) / (1 - 0.95)))
  constexpr double z95 = 1.6448536269514715;
  constexpr double es95 = 2.062712807507429;

  SECTION("one asset") {
    const Eigen::VectorXd w = Eigen::VectorXd::Constant(1, 2.0);
    const Eigen::MatrixXd s = Eigen::MatrixXd::Constant(1, 1, 0.0004);  // sigma 2 %
    const gaussian_portfolio g{w, s};
    CHECK_THAT(g.volatility(), WithinRel(0.04, 1e-15));
    CHECK_THAT(g.var(0.95), WithinRel(z95 * 0.04, 1e-15));
    CHECK_THAT(g.es(0.95), WithinRel(es95 * 0.04, 1e-15));
    const auto c = g.var_contributions(0.95);
    CHECK_THAT(c.marginal(0), WithinRel(z95 * 0.02, 1e-15));
    CHECK_THAT(c.fraction()(0), WithinRel(1.0, 1e-15));
  }
  SECTION("uncorrelated assets: component i = z w_i^2 sigma_i^2 / sigma_p") {
    Eigen::VectorXd w(3);
    w << 0.5, 0.3, -0.2;
    const Eigen::Vector3d variances(4e-4, 1e-4, 9e-4);
    const Eigen::MatrixXd s = variances.asDiagonal();
    const double sigma_p = std::sqrt(0.25 * 4e-4 + 0.09 * 1e-4 + 0.04 * 9e-4);
    const auto c = gaussian_portfolio{w, s}.var_contributions(0.95);
    CHECK_THAT(c.total, WithinRel(z95 * sigma_p, 1e-15));
    for (Eigen::Index i = 0; i < 3; ++i) {
      CHECK_THAT(c.component(i), WithinRel(z95 * w(i) * w(i) * variances(i) / sigma_p, 1e-14));
    }
  }
  SECTION("perfectly correlated assets: VaR is the sum of the stand-alone VaRs") {
    Eigen::VectorXd w(2);
    w << 0.6, 0.4;
    Eigen::MatrixXd s(2, 2);
    s << 4e-4, 6e-4, 6e-4, 9e-4;  // sigma 2 % and 3 %, correlation 1
    CHECK_THAT(bulwark::risk::gaussian_portfolio_var(w, s, 0.95),
               WithinRel(z95 * (0.6 * 0.02 + 0.4 * 0.03), 1e-14));
  }
  SECTION("a mean shifts VaR and ES by -w'mu") {
    Eigen::VectorXd w(2), mu(2);
    w << 0.6, 0.4;
    mu << 0.001, -0.0005;
    const Eigen::MatrixXd s = Eigen::Vector2d(4e-4, 9e-4).asDiagonal();
    const gaussian_portfolio zero{w, s};
    const gaussian_portfolio shifted{w, s, mu};
    CHECK_THAT(shifted.expected_return(), WithinRel(0.0004, 1e-14));
    CHECK_THAT(shifted.var(0.99), WithinRel(zero.var(0.99) - 0.0004, 1e-14));
    CHECK_THAT(shifted.es(0.99), WithinRel(zero.es(0.99) - 0.0004, 1e-14));
    CHECK_THAT(bulwark::risk::gaussian_portfolio_var(w, s, mu, 0.99),
               WithinRel(shifted.var(0.99), 1e-15));
    CHECK_THAT(bulwark::risk::gaussian_portfolio_es(w, s, mu, 0.99),
               WithinRel(shifted.es(0.99), 1e-15));
  }
  SECTION("a singular covariance with weights along its null space: zero volatility") {
    const Eigen::MatrixXd s = Eigen::MatrixXd::Constant(2, 2, 1e-4);  // two identical assets
    Eigen::VectorXd w(2);
    w << 1.0, -1.0;  // a perfect hedge
    const gaussian_portfolio g{w, s};
    CHECK(g.volatility() == 0.0);
    CHECK(g.var(0.99) == 0.0);
    CHECK_THROWS_MATCHES(g.var_contributions(0.99), bulwark::input_error,
                         throws_error("bulwark.risk.portfolio_var",
                                      "gaussian_portfolio::var_contributions: portfolio "
                                      "volatility is 0"));
  }
}

TEST_CASE("Gaussian portfolio VaR/ES: Euler allocation and invariants on random portfolios",
          "[risk][portfolio_var]") {
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    INFO("seed " << seed);
    const auto p = static_cast<Eigen::Index>(2 + seed % 40);
    const auto r = portfolio_var_test::make_random_portfolio(p, seed);
    const bulwark::risk::gaussian_portfolio g{r.weights, r.covariance, r.mean};

    double previous_var = -std::numeric_limits<double>::infinity();
    for (double c : {0.5, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999}) {
      const auto var = g.var_contributions(c);
      const auto es = g.es_contributions(c);
      // Euler: the components add up to the total
      CHECK_THAT(var.component.sum(), WithinAbs(var.total, 1e-13 * g.volatility()));
      CHECK_THAT(es.component.sum(), WithinAbs(es.total, 1e-13 * g.volatility()));
      CHECK_THAT(var.fraction().sum(), WithinRel(1.0, 1e-9));
      CHECK(var.total == g.var(c));
      // VaR non-decreasing in confidence; ES >= VaR
      CHECK(var.total >= previous_var);
      CHECK(es.total >= var.total);
      previous_var = var.total;
    }
    // Homogeneity of degree one: doubling every weight doubles VaR.
    const bulwark::risk::gaussian_portfolio doubled{2.0 * r.weights, r.covariance, r.mean};
    CHECK_THAT(doubled.var(0.99), WithinRel(2.0 * g.var(0.99), 1e-13));
    // The marginal VaR is the derivative: a central difference in each weight.
    const auto marginal = g.var_contributions(0.99).marginal;
    const double h = 1e-6;
    for (Eigen::Index i = 0; i < std::min<Eigen::Index>(p, 4); ++i) {
      Eigen::VectorXd up = r.weights, down = r.weights;
      up(i) += h;
      down(i) -= h;
      const double derivative =
          (bulwark::risk::gaussian_portfolio{up, r.covariance, r.mean}.var(0.99) -
           bulwark::risk::gaussian_portfolio{down, r.covariance, r.mean}.var(0.99)) /
          (2.0 * h);
      CHECK_THAT(marginal(i), WithinAbs(derivative, 1e-6 * marginal.cwiseAbs().maxCoeff()));
    }
  }
}

TEST_CASE("historical portfolio VaR/ES: definitions and the no-tail case",
          "[risk][portfolio_var]") {
  const auto panel = portfolio_reference::small_panel();
  const Eigen::Vector3d w(0.6, 0.7, -0.3);
  const std::vector<double> r = bulwark::risk::portfolio_returns(panel.view(), w);
  REQUIRE(r.size() == 8);
  for (std::size_t t = 0; t < r.size(); ++t) {
    const auto row = panel.view().row(t);
    CHECK_THAT(r[t], WithinAbs(0.6 * row[0] + 0.7 * row[1] - 0.3 * row[2], 1e-17));
  }
  for (double c : {0.6, 0.9, 0.95}) {
    INFO("confidence " << c);
    const double var = bulwark::risk::historical_portfolio_var(panel.view(), w, c);
    CHECK(var == -bulwark::quantile(r, 1.0 - c));
    const double es = bulwark::risk::historical_portfolio_es(panel.view(), w, c);
    CHECK(es >= var);
    const auto contributions =
        bulwark::risk::historical_portfolio_es_contributions(panel.view(), w, c);
    CHECK(contributions.total == es);
    CHECK_THAT(contributions.component.sum(), WithinAbs(es, 1e-16));
  }

  // Portfolio returns -1 %, -1 %, 0, 1 %, 2 % at 80 %: the quantile (position 0.8) is -1 %
  // and nothing is strictly below it, so ES = VaR and the tail is the two returns equal to it.
  const Eigen::Vector2d half(0.5, 0.5);
  const std::vector<double> flat{-0.01, -0.01, -0.01, -0.01, 0.0, 0.0, 0.01, 0.01, 0.02, 0.02};
  const bulwark::panel_view flat_panel{flat, 5, 2};
  CHECK(bulwark::risk::historical_portfolio_var(flat_panel, half, 0.8) == 0.01);
  CHECK(bulwark::risk::historical_portfolio_es(flat_panel, half, 0.8) == 0.01);
  const auto tail = bulwark::risk::historical_portfolio_es_contributions(flat_panel, half, 0.8);
  CHECK(tail.total == 0.01);
  CHECK(tail.marginal == Eigen::Vector2d(0.01, 0.01));
}

TEST_CASE("portfolio VaR functions reject unusable input by name", "[risk][portfolio_var]") {
  using bulwark::input_error;
  using bulwark::risk::gaussian_portfolio;
  const std::string id = "bulwark.risk.portfolio_var";
  const Eigen::Vector2d w(0.5, 0.5);
  const Eigen::Matrix2d s = Eigen::Vector2d(4e-4, 9e-4).asDiagonal();

  CHECK_THROWS_MATCHES((gaussian_portfolio{Eigen::VectorXd(0), Eigen::MatrixXd(0, 0)}), input_error,
                       throws_error(id, "gaussian_portfolio: weights is empty"));
  CHECK_THROWS_MATCHES((gaussian_portfolio{w, Eigen::Matrix3d::Identity()}), input_error,
                       throws_error(id, "gaussian_portfolio: covariance is 3 x 3; expected 2 x 2"));
  CHECK_THROWS_MATCHES((gaussian_portfolio{w, s, Eigen::Vector3d::Zero()}), input_error,
                       throws_error(id, "gaussian_portfolio: mean has 3 value(s); expected 2"));
  const Eigen::Vector2d nan_weight(0.5, std::numeric_limits<double>::quiet_NaN());
  CHECK_THROWS_MATCHES((gaussian_portfolio{nan_weight, s}), input_error,
                       throws_error(id, "gaussian_portfolio: weights[1] is nan"));
  const Eigen::Vector2d inf_mean(std::numeric_limits<double>::infinity(), 0.0);
  CHECK_THROWS_MATCHES((gaussian_portfolio{w, s, inf_mean}), input_error,
                       throws_error(id, "gaussian_portfolio: mean[0] is inf"));
  Eigen::Matrix2d asymmetric = s;
  asymmetric(0, 1) = 1e-4;
  CHECK_THROWS_MATCHES((gaussian_portfolio{w, asymmetric}), input_error,
                       throws_error(id, "gaussian_portfolio: covariance is asymmetric at (1, 0)"));
  Eigen::Matrix2d negative = s;
  negative(1, 1) = -1e-4;
  CHECK_THROWS_MATCHES((gaussian_portfolio{w, negative}), input_error,
                       throws_error(id,
                                    "gaussian_portfolio: covariance is negative variance at "
                                    "(1, 1): -0.0001"));
  Eigen::Matrix2d indefinite;
  indefinite << 1.0, 2.0, 2.0, 1.0;
  CHECK_THROWS_MATCHES((gaussian_portfolio{Eigen::Vector2d(1.0, -1.0), indefinite}), input_error,
                       throws_error(id, "gaussian_portfolio: w' covariance w is -2 < 0"));

  const gaussian_portfolio g{w, s};
  for (double c : {0.0, 1.0, -0.5, 95.0, std::numeric_limits<double>::quiet_NaN()}) {
    INFO("confidence " << c);
    CHECK_THROWS_MATCHES(g.var(c), input_error,
                         throws_error(id, "gaussian_portfolio::var: confidence"));
    CHECK_THROWS_MATCHES(g.es_contributions(c), input_error,
                         throws_error(id, "gaussian_portfolio::es_contributions: confidence"));
  }
  CHECK_THROWS_MATCHES(g.var(95.0), input_error, throws_error(id, "confidence 95 outside (0, 1)"));

  const auto panel = portfolio_reference::small_panel();
  CHECK_THROWS_MATCHES(bulwark::risk::historical_portfolio_var(panel.view(), w, 0.95), input_error,
                       throws_error(id, "portfolio_returns: weights has 2 value(s); expected 3"));
  const Eigen::Vector3d w3(0.2, 0.3, 0.5);
  CHECK_THROWS_MATCHES(bulwark::risk::historical_portfolio_es(panel.view(), w3, 1.0), input_error,
                       throws_error(id, "historical_portfolio_es: confidence 1 outside (0, 1)"));
  CHECK_THROWS_MATCHES(bulwark::risk::historical_portfolio_var(panel.view(), w3, 0.0), input_error,
                       throws_error(id, "historical_portfolio_var: confidence 0 outside (0, 1)"));
  std::vector<double> out(7);
  CHECK_THROWS_MATCHES(bulwark::risk::portfolio_returns(panel.view(), w3, out), input_error,
                       throws_error(id, "portfolio_returns: output has 7 value(s); expected 8"));
  std::vector<double> with_nan = panel.values;
  with_nan[4] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_MATCHES(bulwark::risk::historical_portfolio_es_contributions(
                           bulwark::panel_view{with_nan, 8, 3}, w3, 0.9),
                       input_error, throws_error(id, "portfolio_returns: returns(1, 1) is nan"));
  // An infinite return in an asset of weight 0 is still caught (0 * inf is NaN).
  std::vector<double> with_inf = panel.values;
  with_inf[5] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_MATCHES(bulwark::risk::portfolio_returns(bulwark::panel_view{with_inf, 8, 3},
                                                        Eigen::Vector3d(0.5, 0.5, 0.0)),
                       input_error, throws_error(id, "portfolio_returns: returns(1, 2) is inf"));
  const std::vector<double> empty;
  CHECK_THROWS_MATCHES(
      bulwark::risk::historical_portfolio_var(bulwark::panel_view{empty, 0, 3}, w3, 0.9),
      input_error, throws_error(id, "portfolio_returns: returns has 0 row(s) (periods)"));
}

TEST_CASE("portfolio VaR types print a summary", "[risk][portfolio_var]") {
  const Eigen::Vector2d w(0.5, 0.5);
  const Eigen::Matrix2d s = Eigen::Vector2d(4e-4, 4e-4).asDiagonal();
  const bulwark::risk::gaussian_portfolio g{w, s};
  CHECK(fmt::format("{}", g) ==
        fmt::format("N(mean 0, volatility {}) over 2 assets", std::sqrt(2e-4)));
  CHECK(fmt::format("{}", bulwark::risk::risk_contributions{0.25, {}, Eigen::Vector3d::Zero()}) ==
        "total 0.25 over 3 assets");
}

TEST_CASE("portfolio VaR/ES equal PerformanceAnalytics' formulas (numpy) on real daily returns",
          "[risk][portfolio_var][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  const auto panel = portfolio_reference::common_returns(data, portfolio_reference::five_symbols);
  const auto& ref = portfolio_reference::reference();
  REQUIRE(static_cast<double>(panel.rows) == ref.value("five", "rows"));
  portfolio_reference::check_vector_near(
      Eigen::Map<const Eigen::VectorXd>(panel.view().row(0).data(), 5),
      ref.vector("five", "first_returns"), 1e-15);
  portfolio_var_test::check_against_reference("five", panel.view(), 1e-12);

  // With the Ledoit-Wolf estimate instead, the Euler components still add up.
  const auto lw = bulwark::risk::ledoit_wolf(panel.view());
  const bulwark::risk::gaussian_portfolio g{ref.vector("five", "weights"), lw.covariance};
  const auto c = g.var_contributions(0.99);
  CHECK_THAT(c.component.sum(), WithinRel(c.total, 1e-14));
}
