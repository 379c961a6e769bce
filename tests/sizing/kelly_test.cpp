// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/sizing/kelly.hpp"
#include "support/catch.hpp"

namespace kelly_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;

const double nan = std::numeric_limits<double>::quiet_NaN();
const double inf = std::numeric_limits<double>::infinity();

// Share of `paths` paths of log wealth (a Brownian motion with drift (1 - lambda / 2) lambda
// and volatility lambda per unit time: betting lambda times Kelly on an asset with
// mu / sigma = 1) that touch ln(alpha) before `horizon`. Between two grid points the path
// is a Brownian bridge, which crosses a level a below both ends x0, x1 with probability
// exp(-2 (x0 - a)(x1 - a) / (s^2 dt)); drawing that event makes the simulated hitting law
// exact on the grid, with no discretisation bias. An independent check of
// alpha^(2 / lambda - 1): nothing here uses the library's formula.
double simulated_ruin_share(double lambda, double alpha, int paths) {
  const double drift = lambda * (1.0 - lambda / 2.0);
  const double vol = lambda;
  const double level = std::log(alpha);
  const double dt = 0.05;
  const int steps = 800;  // horizon 40: hitting later has probability below e^-40
  const bulwark::counter_rng normals{2024, 1};
  const bulwark::counter_rng uniforms{2024, 2};
  int hits = 0;
  for (int path = 0; path < paths; ++path) {
    double x = 0.0;
    for (int step = 0; step < steps; ++step) {
      const auto i = static_cast<std::uint64_t>(path) * steps + static_cast<std::uint64_t>(step);
      const double next = x + drift * dt + vol * std::sqrt(dt) * normals.normal(i);
      const double bridge = std::exp(-2.0 * (x - level) * (next - level) / (vol * vol * dt));
      if (next <= level || uniforms.uniform(i) < bridge) {
        ++hits;
        break;
      }
      x = next;
    }
  }
  return static_cast<double>(hits) / paths;
}
}  // namespace kelly_test

TEST_CASE("kelly_fraction is p - (1 - p) / b", "[sizing][kelly]") {
  using kelly_test::WithinRel;
  using bulwark::sizing::kelly_fraction;
  CHECK_THAT(kelly_fraction(0.6, 1.0), WithinRel(0.2, 1e-15));
  CHECK_THAT(kelly_fraction(0.55, 2.0), WithinRel(0.325, 1e-15));
  // A fair coin at even odds has no edge; a worse one says "take the other side".
  CHECK(kelly_fraction(0.5, 1.0) == 0.0);
  CHECK_THAT(kelly_fraction(0.4, 1.0), WithinRel(-0.2, 1e-15));
  CHECK(kelly_fraction(1.0, 3.0) == 1.0);
  CHECK(kelly_fraction(0.0, 3.0) == -1.0 / 3.0);
}

TEST_CASE("kelly_fraction rejects probabilities and odds out of range", "[sizing][kelly]") {
  using kelly_test::throws_error, kelly_test::nan, kelly_test::inf;
  using bulwark::sizing::kelly_fraction;
  CHECK_THROWS_MATCHES(kelly_fraction(1.2, 1.0), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "win probability p 1.2 outside [0, 1]"));
  CHECK_THROWS_MATCHES(kelly_fraction(-0.1, 1.0), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "-0.1 outside [0, 1]"));
  CHECK_THROWS_MATCHES(kelly_fraction(nan, 1.0), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "nan outside [0, 1]"));
  CHECK_THROWS_MATCHES(kelly_fraction(0.6, 0.0), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "net odds b 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES(kelly_fraction(0.6, -1.0), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "b -1 must be"));
  CHECK_THROWS_MATCHES(kelly_fraction(0.6, inf), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "b inf must be"));
}

TEST_CASE("kelly_fraction_from_trades uses win rate and payoff ratio", "[sizing][kelly]") {
  using kelly_test::WithinRel;
  using bulwark::sizing::kelly_fraction_from_trades;
  // Wins 0.1, 0.2, 0.1 (mean 0.4/3), losses 0.05, 0.05 (mean 0.05), one scratch trade:
  // W = 3/5, R = 8/3, f = 0.6 - 0.4 * 3/8 = 0.45.
  const std::vector<double> trades{0.1, -0.05, 0.2, 0.0, -0.05, 0.1};
  CHECK_THAT(kelly_fraction_from_trades(trades), WithinRel(0.45, 1e-14));
  // A two-point history is the discrete bet: p = 0.6, b = 1 -> 0.2 whatever the size.
  const std::vector<double> coin{0.03, 0.03, -0.03, 0.03, -0.03};
  CHECK_THAT(kelly_fraction_from_trades(coin), WithinRel(0.2, 1e-14));
  // The same with p = 0.55, b = 2 over 20 trades (11 wins of 2%, 9 losses of 1%).
  std::vector<double> odds(20, -0.01);
  std::fill(odds.begin(), odds.begin() + 11, 0.02);
  CHECK_THAT(kelly_fraction_from_trades(odds), WithinRel(0.325, 1e-14));
}

TEST_CASE("kelly_fraction_from_trades needs wins and losses", "[sizing][kelly]") {
  using kelly_test::throws_error, kelly_test::nan;
  using bulwark::sizing::kelly_fraction_from_trades;
  const std::vector<double> only_wins{0.01, 0.02, 0.0};
  CHECK_THROWS_MATCHES(kelly_fraction_from_trades(only_wins), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "2 winning and 0 losing trade(s) among 3"));
  const std::vector<double> only_losses{-0.01};
  CHECK_THROWS_MATCHES(kelly_fraction_from_trades(only_losses), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "0 winning and 1 losing"));
  CHECK_THROWS_MATCHES(kelly_fraction_from_trades({}), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "returns_per_trade is empty"));
  const std::vector<double> with_nan{0.01, nan, -0.01};
  CHECK_THROWS_MATCHES(kelly_fraction_from_trades(with_nan), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "returns_per_trade[1] is nan"));
}

TEST_CASE("kelly_fraction_continuous is mu / sigma^2", "[sizing][kelly]") {
  using kelly_test::WithinRel, kelly_test::throws_error, kelly_test::nan, kelly_test::inf;
  using bulwark::sizing::kelly_fraction_continuous;
  CHECK_THAT(kelly_fraction_continuous(0.1, 0.04), WithinRel(2.5, 1e-15));
  CHECK_THAT(kelly_fraction_continuous(-0.02, 0.04), WithinRel(-0.5, 1e-15));
  CHECK_THROWS_MATCHES(kelly_fraction_continuous(0.1, 0.0), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "variance 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES(kelly_fraction_continuous(0.1, -0.04), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "variance -0.04"));
  CHECK_THROWS_MATCHES(kelly_fraction_continuous(nan, 0.04), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "mean excess return nan must be finite"));
  CHECK_THROWS_MATCHES(kelly_fraction_continuous(0.1, inf), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "variance inf"));
}

TEST_CASE("kelly_fraction_continuous on a sample is PerformanceAnalytics' full KellyRatio",
          "[sizing][kelly]") {
  using kelly_test::WithinRel, kelly_test::throws_error, kelly_test::nan;
  using bulwark::sizing::kelly_fraction_continuous;
  // KellyRatio(R, Rf, method = "full") = mean(R - Rf) / var(R) with R's n - 1 variance.
  // numpy: x = np.array([...]); (x.mean() - rf) / x.var(ddof=1) for rf = 0 and 0.001.
  const std::vector<double> x{0.013, -0.021, 0.004, 0.0,   -0.007,
                              0.031, -0.044, 0.009, 0.002, -0.015};
  CHECK_THAT(kelly_fraction_continuous(x, 0.0), WithinRel(-6.625302345146702, 1e-13));
  CHECK_THAT(kelly_fraction_continuous(x, 0.001), WithinRel(-8.991481754127667, 1e-13));

  const std::vector<double> flat{0.01, 0.01, 0.01};
  CHECK_THROWS_MATCHES(kelly_fraction_continuous(flat, 0.0), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "3 returns have zero variance"));
  const std::vector<double> one{0.01};
  CHECK_THROWS_MATCHES(kelly_fraction_continuous(one, 0.0), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "returns has 1 value(s); expected at least 2"));
  CHECK_THROWS_MATCHES(kelly_fraction_continuous(x, nan), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "risk-free rate nan"));
}

TEST_CASE("the drawdown-constrained multiplier solves alpha^(2/lambda - 1) = beta",
          "[sizing][kelly]") {
  using kelly_test::WithinRel;
  using bulwark::sizing::drawdown_kelly_multiplier;
  using bulwark::sizing::drawdown_probability;
  // Half Kelly halves the account with probability 1/8.
  CHECK_THAT(drawdown_kelly_multiplier(0.5, 0.125), WithinRel(0.5, 1e-15));
  CHECK_THAT(drawdown_probability(0.5, 0.5), WithinRel(0.125, 1e-15));
  // Full Kelly: P(ever at alpha) = alpha, so beta = alpha gives exactly 1.
  CHECK_THAT(drawdown_kelly_multiplier(0.7, 0.7), WithinRel(1.0, 1e-15));
  CHECK_THAT(drawdown_probability(1.0, 0.7), WithinRel(0.7, 1e-15));
  // One third Kelly: alpha^5; lose 20% with probability 0.8^5 = 0.32768.
  CHECK_THAT(drawdown_probability(1.0 / 3.0, 0.8), WithinRel(0.32768, 1e-13));
  CHECK_THAT(drawdown_kelly_multiplier(0.8, 0.32768), WithinRel(1.0 / 3.0, 1e-13));
  // Twice Kelly and beyond: ruin to any floor is certain.
  CHECK(drawdown_probability(2.0, 0.5) == 1.0);
  CHECK(drawdown_probability(3.5, 0.01) == 1.0);

  const bulwark::counter_rng rng{7, 0};
  for (std::uint64_t i = 0; i < 200; ++i) {
    const double alpha = rng.uniform_open(2 * i);
    const double beta = rng.uniform_open(2 * i + 1);
    const double lambda = drawdown_kelly_multiplier(alpha, beta);
    INFO("alpha " << alpha << " beta " << beta);
    CHECK(lambda > 0.0);
    CHECK(lambda < 2.0);
    CHECK((lambda <= 1.0) == (beta <= alpha));
    CHECK_THAT(drawdown_probability(lambda, alpha), WithinRel(beta, 1e-9));
  }
}

TEST_CASE("the drawdown probability matches a simulation of the log-wealth process",
          "[sizing][kelly]") {
  using kelly_test::WithinAbs;
  const int paths = 4000;
  // Binomial standard errors: 0.0052 at p = 1/8, 0.0079 at p = 1/2; allow 4.5 of them.
  CHECK_THAT(kelly_test::simulated_ruin_share(0.5, 0.5, paths),
             WithinAbs(bulwark::sizing::drawdown_probability(0.5, 0.5), 0.024));
  CHECK_THAT(kelly_test::simulated_ruin_share(1.0, 0.5, paths),
             WithinAbs(bulwark::sizing::drawdown_probability(1.0, 0.5), 0.036));
}

TEST_CASE("the drawdown functions reject arguments out of range", "[sizing][kelly]") {
  using kelly_test::throws_error, kelly_test::nan;
  using bulwark::sizing::drawdown_kelly_multiplier;
  using bulwark::sizing::drawdown_probability;
  CHECK_THROWS_MATCHES(drawdown_kelly_multiplier(1.0, 0.1), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "alpha 1 outside (0, 1)"));
  CHECK_THROWS_MATCHES(drawdown_kelly_multiplier(0.0, 0.1), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "alpha 0 outside (0, 1)"));
  CHECK_THROWS_MATCHES(drawdown_kelly_multiplier(0.5, 1.0), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "beta 1 outside (0, 1)"));
  CHECK_THROWS_MATCHES(drawdown_kelly_multiplier(0.5, nan), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "beta nan outside (0, 1)"));
  CHECK_THROWS_MATCHES(drawdown_probability(0.0, 0.5), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "multiplier 0 must be finite and > 0"));
  CHECK_THROWS_MATCHES(drawdown_probability(0.5, 1.5), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly", "alpha 1.5 outside (0, 1)"));
}
