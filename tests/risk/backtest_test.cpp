// SPDX-License-Identifier: MIT
#include <cmath>
#include <vector>

#include "bulwark/risk/backtest.hpp"
#include "support/catch.hpp"

namespace backtest_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;
constexpr auto id = "bulwark.risk.backtest";
}  // namespace backtest_test

TEST_CASE("Kupiec's test equals its closed form", "[risk][backtest]") {
  using namespace backtest_test;
  // No exception in T: LR = -2 T ln(1 - p); chi2(1) sf = erfc(sqrt(LR / 2)).
  const auto none = bulwark::risk::kupiec_test(250, 0, 0.99);
  CHECK_THAT(none.statistic, WithinRel(-2.0 * 250.0 * std::log(0.99), 1e-14));
  CHECK_THAT(none.p_value, WithinRel(std::erfc(std::sqrt(none.statistic / 2.0)), 1e-13));
  // Exactly the expected rate: LR = 0, p = 1.
  const auto exact = bulwark::risk::kupiec_test(1000, 50, 0.95);
  CHECK_THAT(exact.statistic, WithinAbs(0.0, 1e-12));
  CHECK_THAT(exact.p_value, WithinAbs(1.0, 1e-6));
  CHECK_FALSE(exact.rejects(0.05));
  // scipy: x, T, p = 17, 250, 0.05; lr = -2*((T-x)*log(1-p) + x*log(p)) + 2*((T-x)*log(1-x/T)
  // + x*log(x/T)) = 1.5402866138388163; scipy.stats.chi2.sf(lr, 1) = 0.21457514830975571
  const auto k = bulwark::risk::kupiec_test(250, 17, 0.95);
  CHECK_THAT(k.statistic, WithinRel(1.5402866138388163, 1e-12));
  CHECK_THAT(k.p_value, WithinRel(0.21457514830975571, 1e-12));
  CHECK(fmt::format("{}", bulwark::risk::lr_test{3.84, 0.05, 1}) == "LR 3.84 (chi2(1)) p 0.05");
}

TEST_CASE("Christoffersen's independence test equals its closed form", "[risk][backtest]") {
  using namespace backtest_test;
  // Independent-looking counts: pi0 = pi1 = pi gives LR = 0.
  const auto flat = bulwark::risk::christoffersen_independence_test({.n00 = 90, .n01 = 10, .n10 = 9, .n11 = 1});
  CHECK_THAT(flat.statistic, WithinAbs(0.0, 1e-12));
  // Clustered: n00 = 200, n01 = 5, n10 = 5, n11 = 5: pi0 = 5/205, pi1 = 5/10, pi = 10/215,
  // and the statistic from the definition in closed form; chi2(1) sf = erfc(sqrt(LR / 2)).
  const double pi0 = 5.0 / 205.0, pi1 = 0.5, pi = 10.0 / 215.0;
  const double lr = -2.0 * (205.0 * std::log(1.0 - pi) + 10.0 * std::log(pi)) +
                    2.0 * (200.0 * std::log(1.0 - pi0) + 5.0 * std::log(pi0) +
                           5.0 * std::log(1.0 - pi1) + 5.0 * std::log(pi1));
  const auto clustered = bulwark::risk::christoffersen_independence_test({200, 5, 5, 5});
  CHECK_THAT(clustered.statistic, WithinRel(lr, 1e-13));
  CHECK_THAT(clustered.p_value, WithinRel(std::erfc(std::sqrt(lr / 2.0)), 1e-12));
  CHECK(clustered.rejects(0.01));
  // No exception after an exception (n10 + n11 = 0 is fine: 0 ln 0 = 0).
  CHECK(bulwark::risk::christoffersen_independence_test({100, 0, 0, 0}).statistic == 0.0);
}

TEST_CASE("var_backtest counts exceptions and transitions", "[risk][backtest]") {
  using namespace backtest_test;
  // VaR 2% every day; losses beyond 2% on days 1, 2 and 5 (a loss of exactly 2% is not one).
  const std::vector<double> r{0.01, -0.03, -0.025, 0.0, -0.02, -0.05, 0.01, 0.002};
  const std::vector<double> var(r.size(), 0.02);
  const auto b = bulwark::risk::var_backtest(r, var, 0.95);
  CHECK(b.observations == 8);
  CHECK(b.exceptions == 3);
  CHECK(b.transitions == bulwark::risk::exception_transitions{.n00 = 2, .n01 = 2, .n10 = 2, .n11 = 1});
  CHECK(b.kupiec == bulwark::risk::kupiec_test(8, 3, 0.95));
  CHECK(b.independence == bulwark::risk::christoffersen_independence_test(b.transitions));
  CHECK_THAT(b.conditional_coverage.statistic,
             WithinRel(b.kupiec.statistic + b.independence.statistic, 1e-15));
  // chi2(2) sf = exp(-x / 2)
  CHECK_THAT(b.conditional_coverage.p_value, WithinRel(std::exp(-b.conditional_coverage.statistic / 2.0), 1e-13));
  CHECK(b.conditional_coverage.degrees_of_freedom == 2);
  CHECK_THAT(fmt::format("{}", b), bulwark::test::contains("3 exceptions in 8 (rate 0.375, expected 0.05)"));
}

TEST_CASE("backtests reject bad input by name", "[risk][backtest]") {
  using namespace backtest_test;
  const std::vector<double> r{0.01, -0.02, 0.0};
  CHECK_THROWS_MATCHES(bulwark::risk::var_backtest(r, std::vector{0.02, 0.02}, 0.95),
                       bulwark::input_error, throws_error(id, "3 returns but 2 VaR forecasts"));
  CHECK_THROWS_MATCHES(bulwark::risk::var_backtest(r, std::vector{0.02, std::nan(""), 0.02}, 0.95),
                       bulwark::input_error, throws_error(id, "var_backtest: var_forecasts[1] is nan"));
  CHECK_THROWS_MATCHES(bulwark::risk::var_backtest(std::vector{0.01}, std::vector{0.02}, 0.95),
                       bulwark::input_error, throws_error(id, "var_backtest: returns has 1 value(s)"));
  CHECK_THROWS_MATCHES(bulwark::risk::kupiec_test(10, 11, 0.95), bulwark::input_error,
                       throws_error(id, "kupiec_test: 11 exceptions in 10 observations"));
  CHECK_THROWS_MATCHES(bulwark::risk::kupiec_test(10, 1, 0.0), bulwark::input_error,
                       throws_error(id, "kupiec_test: confidence 0 outside (0, 1)"));
}
