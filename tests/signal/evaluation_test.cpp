// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/panel.hpp"
#include "bulwark/signal/evaluation.hpp"
#include "support/catch.hpp"

namespace evaluation_test {
using bulwark::test::throws_error;
using bulwark::test::WithinRel;
constexpr double missing = std::numeric_limits<double>::quiet_NaN();
}  // namespace evaluation_test

TEST_CASE("IC and rank IC equal scipy's pearsonr and spearmanr on the complete pairs", "[signal][evaluation]") {
  using namespace evaluation_test;
  // s = [0.5, -0.2, 0.1, nan, 0.3, 0.3, -0.4]; r = [0.01, -0.02, 0.0, 0.05, 0.02, -0.01, nan]
  // ok = ~isnan(s) & ~isnan(r); stats.pearsonr(s[ok], r[ok])[0] -> 0.7171371656006361
  // stats.spearmanr(s[ok], r[ok]).correlation -> 0.6668859288553503 (ties in s)
  const std::vector<double> s{0.5, -0.2, 0.1, missing, 0.3, 0.3, -0.4};
  const std::vector<double> r{0.01, -0.02, 0.0, 0.05, 0.02, -0.01, missing};
  CHECK_THAT(bulwark::signal::information_coefficient(s, r), WithinRel(0.7171371656006361, 1e-14));
  CHECK_THAT(bulwark::signal::rank_information_coefficient(s, r), WithinRel(0.6668859288553503, 1e-14));
  // Fewer than 2 complete pairs, or no dispersion: no IC.
  CHECK(std::isnan(bulwark::signal::information_coefficient(std::vector<double>{1.0, missing}, std::vector<double>{missing, 2.0})));
  CHECK(std::isnan(bulwark::signal::information_coefficient(std::vector<double>{1.0, 1.0, 1.0}, std::vector<double>{1.0, 2.0, 3.0})));
  CHECK(bulwark::signal::rank_information_coefficient(std::vector<double>{1.0, 2.0, 3.0}, std::vector<double>{10.0, 20.0, 900.0}) == 1.0);
}

TEST_CASE("IC per period over panels, and the ICIR", "[signal][evaluation]") {
  using namespace evaluation_test;
  const std::vector<double> scores{1.0, 2.0, 3.0, /**/ 3.0, 2.0, 1.0, /**/ 1.0, missing, 2.0};
  const std::vector<double> returns{0.1, 0.2, 0.3, /**/ 0.1, 0.2, 0.3, /**/ 0.5, 0.1, missing};
  const auto ics = bulwark::signal::information_coefficients(bulwark::panel_view{scores, 3, 3},
                                                             bulwark::panel_view{returns, 3, 3},
                                                             bulwark::signal::correlation_method::pearson);
  REQUIRE(ics.size() == 3);
  CHECK_THAT(ics[0], WithinRel(1.0, 1e-15));
  CHECK_THAT(ics[1], WithinRel(-1.0, 1e-15));
  CHECK(std::isnan(ics[2]));  // one complete pair
  // pd.Series([0.1, nan, -0.05, 0.2, 0.07]): mean 0.08, std 0.10295630140987003,
  // mean / std 0.7770286898858112
  const auto s = bulwark::signal::summarize_ic(std::vector<double>{0.1, missing, -0.05, 0.2, 0.07});
  CHECK(s.periods == 4);
  CHECK_THAT(s.mean, WithinRel(0.08, 1e-15));
  CHECK_THAT(s.stddev, WithinRel(0.10295630140987003, 1e-14));
  CHECK_THAT(s.icir, WithinRel(0.7770286898858112, 1e-14));
  CHECK_THAT(s.t_statistic, WithinRel(0.7770286898858112 * 2.0, 1e-14));
  CHECK(fmt::format("{}", s) == "IC mean 0.0800 sd 0.1030 ICIR 0.7770 t 1.55 over 4 periods");
  const auto one = bulwark::signal::summarize_ic(std::vector<double>{0.1, missing});
  CHECK(one.periods == 1);
  CHECK(std::isnan(one.icir));
}

TEST_CASE("evaluation rejects infinities and mismatched shapes", "[signal][evaluation]") {
  using namespace evaluation_test;
  const std::vector<double> a{1.0, 2.0};
  CHECK_THROWS_MATCHES(bulwark::signal::information_coefficient(a, std::vector<double>{1.0}), bulwark::input_error,
                       throws_error("bulwark.signal.evaluation", "information_coefficient: scores has 2 values and returns 1"));
  CHECK_THROWS_MATCHES(bulwark::signal::rank_information_coefficient(a, std::vector<double>{1.0, std::numeric_limits<double>::infinity()}),
                       bulwark::input_error, throws_error("bulwark.signal.evaluation", "rank_information_coefficient: returns[1] is inf"));
  const std::vector<double> six(6, 1.0);
  CHECK_THROWS_MATCHES(bulwark::signal::information_coefficients(bulwark::panel_view{six, 2, 3}, bulwark::panel_view{six, 3, 2},
                                                                   bulwark::signal::correlation_method::spearman),
                       bulwark::input_error, throws_error("bulwark.signal.evaluation", "scores are 2 x 3 and returns 3 x 2"));
  CHECK_THROWS_MATCHES(bulwark::signal::summarize_ic(std::vector<double>{0.1, -std::numeric_limits<double>::infinity()}),
                       bulwark::input_error, throws_error("bulwark.signal.evaluation", "summarize_ic: ic[1] is -inf"));
}
