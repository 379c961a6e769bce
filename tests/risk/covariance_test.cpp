// SPDX-License-Identifier: MIT
#include "bulwark/risk/covariance.hpp"

#include <cmath>
#include <limits>
#include <type_traits>
#include <vector>

#include <Eigen/Core>
#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/risk/matrix_check.hpp"
#include "risk/portfolio_reference.hpp"
#include "support/catch.hpp"
#include "support/shared_data.hpp"

using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;

namespace covariance_test {

// A rows x cols panel of normal returns with daily-like scale, from counter_rng.
std::vector<double> random_returns(std::size_t rows, std::size_t cols, std::uint64_t seed) {
  std::vector<double> v(rows * cols);
  bulwark::counter_rng{seed, 7}.fill_normal(v);
  for (double& x : v) x *= 0.01;
  return v;
}

}  // namespace covariance_test

TEST_CASE("sample covariance and Ledoit-Wolf equal numpy and scikit-learn on a small panel",
          "[risk][covariance]") {
  using portfolio_reference::check_covariance_near;
  const auto& ref = portfolio_reference::reference();
  const auto panel = portfolio_reference::small_panel();

  check_covariance_near(bulwark::risk::sample_covariance(panel.view()),
                        ref.matrix("small", "sample_covariance"), 1e-14);
  const auto lw = bulwark::risk::ledoit_wolf(panel.view());
  CHECK_THAT(lw.shrinkage, WithinRel(ref.value("small", "ledoit_wolf_shrinkage"), 1e-13));
  CHECK_THAT(lw.target_variance, WithinRel(ref.value("small", "ledoit_wolf_target"), 1e-14));
  check_covariance_near(lw.covariance, ref.matrix("small", "ledoit_wolf"), 1e-14);

  // The same through an Eigen matrix (column-major, so summed in another order).
  const Eigen::MatrixXd m = ref.matrix("small", "returns");
  check_covariance_near(bulwark::risk::sample_covariance(m),
                        ref.matrix("small", "sample_covariance"), 1e-14);
  check_covariance_near(bulwark::risk::ledoit_wolf(m).covariance, lw.covariance, 1e-14);
}

TEST_CASE("sample covariance: closed forms and exact symmetry", "[risk][covariance]") {
  // x = 1, 2, 3, 4 and y = 2x - 1: var x = 5/3, cov = 10/3, var y = 20/3.
  const std::vector<double> v{1, 1, 2, 3, 3, 5, 4, 7};
  const auto s = bulwark::risk::sample_covariance(bulwark::panel_view{v, 4, 2});
  CHECK_THAT(s(0, 0), WithinRel(5.0 / 3.0, 1e-15));
  CHECK_THAT(s(0, 1), WithinRel(10.0 / 3.0, 1e-15));
  CHECK_THAT(s(1, 1), WithinRel(20.0 / 3.0, 1e-15));
  CHECK(s(0, 1) == s(1, 0));

  // Shift invariance, with the offset far above the spread (the corrected two-pass).
  const std::vector<double> r = covariance_test::random_returns(50, 4, 1);
  std::vector<double> shifted = r;
  for (double& x : shifted) x += 1e4;
  const auto a = bulwark::risk::sample_covariance(bulwark::panel_view{r, 50, 4});
  const auto b = bulwark::risk::sample_covariance(bulwark::panel_view{shifted, 50, 4});
  portfolio_reference::check_covariance_near(b, a, 1e-8);
  CHECK(a == a.transpose());
}

TEST_CASE("Ledoit-Wolf: boundary cases and invariants", "[risk][covariance]") {
  SECTION("one asset: no shrinkage, the variance divided by n (as scikit-learn)") {
    const std::vector<double> v{0.01, -0.02, 0.03, 0.0};  // mean 0.005
    const auto lw = bulwark::risk::ledoit_wolf(bulwark::panel_view{v, 4, 1});
    CHECK(lw.shrinkage == 0.0);
    // ((0.005)^2 + (0.025)^2 + (0.025)^2 + (0.005)^2) / 4 = 0.000325
    CHECK_THAT(lw.covariance(0, 0), WithinRel(0.000325, 1e-13));
  }
  SECTION("a sample covariance that is already mu I is kept (d^2 = 0)") {
    const std::vector<double> v{1, 1, 1, -1, -1, 1, -1, -1};  // centred, orthogonal columns
    const auto lw = bulwark::risk::ledoit_wolf(bulwark::panel_view{v, 4, 2});
    CHECK(lw.shrinkage == 0.0);
    CHECK(lw.covariance == Eigen::MatrixXd::Identity(2, 2));
  }
  SECTION("more assets than periods: the sample covariance is singular, Ledoit-Wolf is not") {
    const std::vector<double> r = covariance_test::random_returns(10, 30, 2);
    const bulwark::panel_view p{r, 10, 30};
    const auto s = bulwark::risk::sample_covariance(p);
    const auto check = bulwark::risk::check_positive_definite(s);
    CHECK(check.defect == bulwark::risk::matrix_defect::not_positive_definite);
    const auto lw = bulwark::risk::ledoit_wolf(p);
    CHECK(lw.shrinkage > 0.0);
    CHECK(lw.shrinkage <= 1.0);
    CHECK(bulwark::risk::is_positive_definite(lw.covariance));
  }
  SECTION("scale: returns x c gives covariance x c^2 and the same shrinkage; trace kept") {
    for (std::uint64_t seed = 3; seed < 13; ++seed) {
      const std::vector<double> r = covariance_test::random_returns(40, 6, seed);
      std::vector<double> scaled = r;
      for (double& x : scaled) x *= 3.0;
      const auto a = bulwark::risk::ledoit_wolf(bulwark::panel_view{r, 40, 6});
      const auto b = bulwark::risk::ledoit_wolf(bulwark::panel_view{scaled, 40, 6});
      CHECK_THAT(b.shrinkage, WithinRel(a.shrinkage, 1e-12));
      portfolio_reference::check_covariance_near(b.covariance, 9.0 * a.covariance, 1e-13);
      // tr((1 - d) S + d mu I) = tr(S) = p mu
      CHECK_THAT(a.covariance.trace(), WithinRel(6.0 * a.target_variance, 1e-14));
    }
  }
}

TEST_CASE("diagonal loading and the CovarianceEstimator policies", "[risk][covariance]") {
  using namespace bulwark::risk;
  static_assert(CovarianceEstimator<sample_covariance_estimator>);
  static_assert(CovarianceEstimator<ledoit_wolf_estimator>);
  static_assert(CovarianceEstimator<diagonal_loading<ledoit_wolf_estimator>>);

  const auto panel = portfolio_reference::small_panel();
  const auto p = panel.view();
  Eigen::MatrixXd loaded = sample_covariance(p);
  load_diagonal(loaded, 1e-4);
  CHECK(loaded == sample_covariance(p) + 1e-4 * Eigen::MatrixXd::Identity(3, 3));

  CHECK(estimate_covariance(sample_covariance_estimator{}, p) == sample_covariance(p));
  CHECK(estimate_covariance(ledoit_wolf_estimator{}, p) == ledoit_wolf(p).covariance);
  const diagonal_loading<ledoit_wolf_estimator> ridged{.ridge = 1e-4};
  CHECK(estimate_covariance(ridged, p) ==
        ledoit_wolf(p).covariance + 1e-4 * Eigen::MatrixXd::Identity(3, 3));
  // Loading makes a singular estimate positive definite.
  const std::vector<double> r = covariance_test::random_returns(10, 30, 2);
  const diagonal_loading<sample_covariance_estimator> sample_ridged{
      .base = sample_covariance_estimator{}, .ridge = 1e-6};
#if !defined(__clang__) || __clang_major__ >= 17
  // Where the compiler deduces an aggregate's template arguments (Clang from 17), `.base`
  // names the estimator; a declared deduction guide would turn that off.
  static_assert(std::is_same_v<decltype(diagonal_loading{.base = sample_covariance_estimator{},
                                                         .ridge = 1e-6}),
                               diagonal_loading<sample_covariance_estimator>>);
#endif
  CHECK(is_positive_definite(sample_ridged.estimate(bulwark::panel_view{r, 10, 30})));

  CHECK(fmt::format("{}", ridged) == "Ledoit-Wolf (toward mu I) + 0.0001 I");
  CHECK(fmt::format("{}", sample_covariance_estimator{}) == "sample covariance (n - 1)");
  CHECK(fmt::format("{}", shrunk_covariance{Eigen::MatrixXd::Identity(2, 2), 0.25, 1e-4}) ==
        "shrinkage 0.25 toward 0.0001 I (2 x 2)");
}

TEST_CASE("covariance estimators reject unusable input by name", "[risk][covariance]") {
  using bulwark::input_error;
  const std::vector<double> one_row{0.01, 0.02};
  CHECK_THROWS_MATCHES(bulwark::risk::sample_covariance(bulwark::panel_view{one_row, 1, 2}),
                       input_error,
                       throws_error("bulwark.risk.covariance",
                                    "sample_covariance: returns has 1 row(s) (periods); "
                                    "expected at least 2"));
  const std::vector<double> none;
  CHECK_THROWS_MATCHES(
      bulwark::risk::ledoit_wolf(bulwark::panel_view{none, 5, 0}), input_error,
      throws_error("bulwark.risk.covariance", "ledoit_wolf: returns has no columns"));
  std::vector<double> with_nan{0.01, 0.02, 0.0, -0.01, 0.03, 0.01};
  with_nan[5] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_MATCHES(
      bulwark::risk::ledoit_wolf(bulwark::panel_view{with_nan, 3, 2}), input_error,
      throws_error("bulwark.risk.covariance", "ledoit_wolf: returns(2, 1) is nan"));
  with_nan[5] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_MATCHES(
      bulwark::risk::sample_covariance(bulwark::panel_view{with_nan, 3, 2}), input_error,
      throws_error("bulwark.risk.covariance", "sample_covariance: returns(2, 1) is inf"));
  const std::vector<double> huge{1e200, -1e200};  // finite, but (x - mean)^2 overflows
  CHECK_THROWS_MATCHES(bulwark::risk::sample_covariance(bulwark::panel_view{huge, 2, 1}),
                       input_error,
                       throws_error("bulwark.risk.covariance",
                                    "sample_covariance: the returns are finite but so large "
                                    "that the result overflows"));

  Eigen::MatrixXd m = Eigen::MatrixXd::Identity(2, 2);
  CHECK_THROWS_MATCHES(bulwark::risk::load_diagonal(m, -1e-6), input_error,
                       throws_error("bulwark.risk.covariance",
                                    "load_diagonal: ridge -1e-06 must be finite and >= 0"));
  CHECK_THROWS_MATCHES(bulwark::risk::load_diagonal(m, std::numeric_limits<double>::quiet_NaN()),
                       input_error,
                       throws_error("bulwark.risk.covariance", "load_diagonal: ridge nan"));
  Eigen::MatrixXd wide(2, 3);
  wide.setZero();
  CHECK_THROWS_MATCHES(bulwark::risk::load_diagonal(wide, 0.0), input_error,
                       throws_error("bulwark.risk.covariance",
                                    "load_diagonal: covariance is 2 x 3; expected a square"));
}

TEST_CASE("covariance estimators equal numpy on real daily returns",
          "[risk][covariance][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using portfolio_reference::check_covariance_near;
  const auto& ref = portfolio_reference::reference();

  SECTION("AAPL, MSFT, KEY, SO, V on their common dates") {
    const auto panel = portfolio_reference::common_returns(data, portfolio_reference::five_symbols);
    REQUIRE(static_cast<double>(panel.rows) == ref.value("five", "rows"));
    CHECK(panel.first_date == "2008-03-19");
    const auto s = bulwark::risk::sample_covariance(panel.view());
    check_covariance_near(s, ref.matrix("five", "sample_covariance"), 1e-13);
    const auto lw = bulwark::risk::ledoit_wolf(panel.view());
    CHECK_THAT(lw.shrinkage, WithinRel(ref.value("five", "ledoit_wolf_shrinkage"), 1e-11));
    CHECK_THAT(lw.target_variance, WithinRel(ref.value("five", "ledoit_wolf_target"), 1e-13));
    check_covariance_near(lw.covariance, ref.matrix("five", "ledoit_wolf"), 1e-13);
    CHECK(bulwark::risk::is_positive_definite(s));
  }
  SECTION("all 40 symbols on their common dates") {
    const auto panel =
        portfolio_reference::common_returns(data, portfolio_reference::all_symbols(data));
    REQUIRE(panel.cols == 40);
    REQUIRE(static_cast<double>(panel.rows) == ref.value("all40", "rows"));
    CHECK(panel.first_date == "2017-02-01");
    const auto s = bulwark::risk::sample_covariance(panel.view());
    const auto lw = bulwark::risk::ledoit_wolf(panel.view());
    CHECK_THAT(lw.shrinkage, WithinRel(ref.value("all40", "ledoit_wolf_shrinkage"), 1e-10));
    CHECK_THAT(lw.target_variance, WithinRel(ref.value("all40", "ledoit_wolf_target"), 1e-13));
    const Eigen::VectorXd s_diagonal = ref.vector("all40", "sample_covariance_diagonal");
    const Eigen::VectorXd s_row = ref.vector("all40", "sample_covariance_row0");
    const Eigen::VectorXd lw_diagonal = ref.vector("all40", "ledoit_wolf_diagonal");
    const Eigen::VectorXd lw_row = ref.vector("all40", "ledoit_wolf_row0");
    for (Eigen::Index j = 0; j < 40; ++j) {
      INFO("column " << j);
      const double scale = std::sqrt(s_diagonal(0) * s_diagonal(j));
      CHECK_THAT(s(j, j), WithinRel(s_diagonal(j), 1e-13));
      CHECK_THAT(s(0, j), WithinAbs(s_row(j), 1e-13 * scale));
      CHECK_THAT(lw.covariance(j, j), WithinRel(lw_diagonal(j), 1e-11));
      CHECK_THAT(lw.covariance(0, j), WithinAbs(lw_row(j), 1e-11 * scale));
    }
    // numpy's smallest eigenvalue of S is > 0, so both are positive definite.
    REQUIRE(ref.value("all40", "sample_covariance_min_eigenvalue") > 0.0);
    CHECK(bulwark::risk::is_positive_definite(s));
    CHECK(bulwark::risk::is_positive_definite(lw.covariance));
  }
}
