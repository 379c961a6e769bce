// SPDX-License-Identifier: MIT
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/LU>

#include "bulwark/core/panel.hpp"
#include "bulwark/core/random.hpp"
#include "bulwark/risk/covariance.hpp"
#include "bulwark/sizing/kelly.hpp"
#include "bulwark/sizing/kelly_weights.hpp"
#include "support/catch.hpp"
#include "support/cpu_flags.hpp"

namespace kelly_weights_test {
using bulwark::sizing::kelly_weights;
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;

// Six periods of three assets' returns, and their means, for the estimator overloads.
const std::vector<double> panel_values{0.010,  -0.004, 0.002,  0.003,  0.006, -0.001,
                                       -0.007, 0.002,  0.004,  0.012,  -0.009, 0.000,
                                       -0.002, 0.001,  -0.006, 0.005,  0.004, 0.003};
const bulwark::panel_view panel{panel_values, 6, 3};

Eigen::VectorXd vec(std::initializer_list<double> values) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (double x : values) v(i++) = x;
  return v;
}

void check_vector(const Eigen::VectorXd& got, const std::vector<double>& expected, double rel) {
  REQUIRE(got.size() == static_cast<Eigen::Index>(expected.size()));
  for (Eigen::Index i = 0; i < got.size(); ++i) {
    INFO("w[" << i << "]");
    CHECK_THAT(got(i), WithinRel(expected[static_cast<std::size_t>(i)], rel));
  }
}

// Sigma = A A' / k + 0.1 I with A p x k standard normal (k = p + 10), symmetrised exactly:
// SPD, condition number < 1e3. Draws from `rng` at `draw`, which it advances.
Eigen::MatrixXd random_spd(Eigen::Index p, const bulwark::counter_rng& rng, std::uint64_t& draw) {
  const Eigen::Index k = p + 10;
  Eigen::MatrixXd a(p, k);
  for (Eigen::Index j = 0; j < k; ++j) {
    for (Eigen::Index i = 0; i < p; ++i) a(i, j) = rng.normal(draw++);
  }
  Eigen::MatrixXd sigma = a * a.transpose() / static_cast<double>(k);
  sigma.diagonal().array() += 0.1;
  return (0.5 * (sigma + sigma.transpose())).eval();
}
}  // namespace kelly_weights_test

TEST_CASE("kelly_weights solves a two-asset case by hand", "[sizing][kelly_weights]") {
  using namespace kelly_weights_test;
  // Sigma = [0.04 0.006; 0.006 0.09], det = 0.003564; Sigma^-1 mu with mu = (0.05, 0.07):
  // w1 = (0.09 * 0.05 - 0.006 * 0.07) / det = 340/297, w2 = (0.04 * 0.07 - 0.006 * 0.05) / det
  // = 625/891.
  Eigen::MatrixXd sigma(2, 2);
  sigma << 0.04, 0.006, 0.006, 0.09;
  const Eigen::VectorXd w = kelly_weights(vec({0.05, 0.07}), sigma);
  check_vector(w, {340.0 / 297.0, 625.0 / 891.0}, 1e-14);
}

TEST_CASE("uncorrelated assets get their own continuous Kelly fractions",
          "[sizing][kelly_weights]") {
  using namespace kelly_weights_test;
  const Eigen::VectorXd variances = vec({0.04, 0.01, 0.09, 0.0025});
  const Eigen::VectorXd mu = vec({0.1, -0.02, 0.05, 0.01});
  const Eigen::VectorXd w = kelly_weights(mu, Eigen::MatrixXd(variances.asDiagonal()));
  for (Eigen::Index i = 0; i < 4; ++i) {
    CHECK_THAT(w(i), WithinRel(bulwark::sizing::kelly_fraction_continuous(mu(i), variances(i)),
                               1e-15));
  }
  CHECK_THAT(w(0), WithinRel(2.5, 1e-15));  // mu = 0.1, sigma^2 = 0.04
}

TEST_CASE("kelly_weights equals Eigen's LU solve on random SPD matrices",
          "[sizing][kelly_weights]") {
  using namespace kelly_weights_test;
  const bulwark::counter_rng rng{17, 3};
  std::uint64_t draw = 0;
  // Sizes around and across the 48-column block of the factorisation.
  for (const Eigen::Index p : {1, 2, 5, 47, 48, 49, 97, 150}) {
    const Eigen::MatrixXd sigma = random_spd(p, rng, draw);
    Eigen::VectorXd mu(p);
    for (Eigen::Index i = 0; i < p; ++i) mu(i) = 0.01 * rng.normal(draw++);
    const Eigen::VectorXd w = kelly_weights(mu, sigma);
    const Eigen::VectorXd reference = sigma.fullPivLu().solve(mu);
    INFO("p = " << p);
    CHECK((w - reference).norm() <= 1e-11 * reference.norm());
    CHECK((sigma * w - mu).norm() <= 1e-12 * mu.norm() * sigma.norm());
  }
}

TEST_CASE("the blocked factorisation reproduces Sigma and Eigen's own Cholesky",
          "[sizing][kelly_weights]") {
  using namespace kelly_weights_test;
  using bulwark::detail::cholesky_kernel;
  // Every kernel this program can run on this processor.
  std::vector<cholesky_kernel> kernels{cholesky_kernel::build};
  if (bulwark::detail::avx2_fma_kernel_runs()) kernels.push_back(cholesky_kernel::avx2_fma);
  const bulwark::counter_rng rng{29, 7};
  std::uint64_t draw = 0;
  // Past one 48-column block, the rows left below it take every remainder modulo the
  // kernels' tiles (6 x 4 or 12 x 4: 1 .. 13 rows), then several blocks.
  for (const Eigen::Index p :
       {1, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 101, 203}) {
    const Eigen::MatrixXd sigma = random_spd(p, rng, draw);
    for (const cholesky_kernel kernel : kernels) {
      Eigen::MatrixXd factor = Eigen::MatrixXd::Constant(p, p, 7.0);
      Eigen::VectorXd packed;
      INFO("p = " << p << ", kernel " << static_cast<int>(kernel));
      REQUIRE(bulwark::sizing::detail::factorise_into(factor, packed, sigma, kernel));
      const Eigen::MatrixXd lower = factor.triangularView<Eigen::Lower>();
      CHECK((lower * lower.transpose() - sigma).norm() <= 1e-14 * sigma.norm());
      const Eigen::MatrixXd reference = sigma.llt().matrixL();
      CHECK((lower - reference).norm() <= 1e-13 * reference.norm());
      // The strict upper triangle is storage the factorisation neither reads nor writes.
      bool upper_untouched = true;
      for (Eigen::Index j = 1; j < p; ++j) {
        for (Eigen::Index i = 0; i < j; ++i) upper_untouched &= factor(i, j) == 7.0;
      }
      CHECK(upper_untouched);
      // In place (the source is the factor's own storage), the same factor to the bit: the
      // first trailing update reads what it writes instead of the source.
      Eigen::MatrixXd in_place = sigma;
      packed.resize(bulwark::detail::cholesky_packing_size(p));
      REQUIRE(bulwark::detail::cholesky_into(in_place, in_place, packed.data(), kernel));
      CHECK(Eigen::MatrixXd(in_place.triangularView<Eigen::Lower>()) == lower);
      CHECK(Eigen::MatrixXd(in_place.triangularView<Eigen::StrictlyUpper>()) ==
            Eigen::MatrixXd(sigma.triangularView<Eigen::StrictlyUpper>()));
      // Source and factor inside larger matrices (column strides other than p, and other
      // than each other's): the same factor, and nothing written outside its triangle.
      Eigen::MatrixXd big_source = Eigen::MatrixXd::Constant(p + 3, p + 5, 9.0);
      big_source.block(2, 1, p, p) = sigma;
      Eigen::MatrixXd big_factor = Eigen::MatrixXd::Constant(p + 4, p + 2, 7.0);
      REQUIRE(bulwark::detail::cholesky_into(big_source.block(2, 1, p, p),
                                             big_factor.block(1, 2, p, p), packed.data(),
                                             kernel));
      Eigen::MatrixXd expected = Eigen::MatrixXd::Constant(p + 4, p + 2, 7.0);
      expected.block(1, 2, p, p).triangularView<Eigen::Lower>() = lower;
      CHECK(big_factor == expected);
    }
  }
}

TEST_CASE("the four-lane FMA kernel runs exactly where the processor has AVX2 and FMA",
          "[sizing][kelly_weights]") {
  using bulwark::detail::cholesky_kernel;
  const bool runs = bulwark::detail::avx2_fma_kernel_runs();
  CHECK(bulwark::detail::fastest_cholesky_kernel() ==
        (runs ? cholesky_kernel::avx2_fma : cholesky_kernel::build));
  if (!bulwark::detail::avx2_fma_kernel_compiled) {
    CHECK_FALSE(runs);
    return;
  }
  // The kernel is compiled in; the operating system's account of the processor decides
  // whether it must run (Linux; elsewhere this part has no independent truth to read).
  const std::optional<bool> has = bulwark::test::cpu_has_flags({"avx2", "fma"});
  if (!has) return;
  CHECK(runs == *has);
}

TEST_CASE("kelly_weights estimates Sigma from a panel", "[sizing][kelly_weights]") {
  using namespace kelly_weights_test;
  namespace risk = bulwark::risk;
  const Eigen::VectorXd mu = vec({0.001, 0.0005, -0.0002});
  // numpy 1.24: X = np.array(panel_values).reshape(6, 3); S = np.cov(X.T)
  //   np.linalg.solve(S, mu)                          (sample)
  //   np.linalg.solve(S + 1e-5 * np.eye(3), mu)       (ridge)
  //   np.linalg.solve(S + 1e-5 * np.eye(3), X.mean(0) - 0.0001)
  // and for Ledoit-Wolf, scikit-learn's ledoit_wolf transcribed (assume_centered=False):
  //   Xc = X - X.mean(0); S = Xc.T @ Xc / n; X2 = Xc**2; tr = X2.sum(0) / n; m = tr.sum() / p
  //   beta = (np.sum(X2.T @ X2) / n - np.sum((Xc.T @ Xc)**2) / n**2) / (p * n)
  //   delta = (np.sum((Xc.T @ Xc)**2) / n**2 - 2 * m * tr.sum() + p * m**2) / p
  //   s = min(beta, delta) / delta   (0.589064106468096)
  //   np.linalg.solve((1 - s) * S + s * m * np.eye(p), mu)
  check_vector(kelly_weights(mu, panel, risk::sample_covariance_estimator{}),
               {46.89719077136445, 54.60419504670079, -21.766449749116532}, 1e-12);
  check_vector(kelly_weights(mu, panel,
                             risk::diagonal_loading<risk::sample_covariance_estimator>{
                                 .ridge = 1e-5}),
               {28.920959351839063, 30.11784744280256, -10.927358099709986}, 1e-12);
  check_vector(kelly_weights(mu, panel, risk::ledoit_wolf_estimator{}),
               {38.556698522330215, 31.841840097199857, -11.144094048926487}, 1e-12);
  check_vector(bulwark::sizing::kelly_weights_from_returns(
                   panel, 0.0001,
                   risk::diagonal_loading<risk::sample_covariance_estimator>{.ridge = 1e-5}),
               {72.49785792671065, 42.327108327282076, 4.458259641557261}, 1e-12);
}

TEST_CASE("more assets than periods: the sample covariance is singular, Ledoit-Wolf is not",
          "[sizing][kelly_weights]") {
  using namespace kelly_weights_test;
  namespace risk = bulwark::risk;
  // 3 periods of 6 assets (the transpose of the panel above): rank 2 at most.
  std::vector<double> wide(18);
  for (std::size_t i = 0; i < 6; ++i) {
    for (std::size_t j = 0; j < 3; ++j) wide[j * 6 + i] = panel_values[i * 3 + j];
  }
  const bulwark::panel_view short_history{wide, 3, 6};
  const Eigen::VectorXd mu = Eigen::VectorXd::Constant(6, 0.001);
  CHECK_THROWS_MATCHES(kelly_weights(mu, short_history, risk::sample_covariance_estimator{}),
                       bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights",
                                    "kelly_weights: covariance is not positive definite (6 x 6)"));
  const Eigen::VectorXd w = kelly_weights(mu, short_history, risk::ledoit_wolf_estimator{});
  CHECK(w.allFinite());
}

TEST_CASE("kelly_weights rejects what it cannot factorise", "[sizing][kelly_weights]") {
  using namespace kelly_weights_test;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Eigen::MatrixXd ok(2, 2);
  ok << 0.04, 0.006, 0.006, 0.09;
  CHECK_THROWS_MATCHES(kelly_weights(vec({0.05, 0.07, 0.01}), ok), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights",
                                    "3 mean(s) for a 2 x 2 covariance"));
  CHECK_THROWS_MATCHES(kelly_weights(vec({0.05, nan}), ok), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights", "mean_excess[1] is nan"));
  Eigen::MatrixXd asymmetric = ok;
  asymmetric(1, 0) = 0.007;
  CHECK_THROWS_MATCHES(kelly_weights(vec({0.05, 0.07}), asymmetric), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights",
                                    "kelly_weights: covariance is asymmetric at (1, 0)"));
  Eigen::MatrixXd with_nan = ok;
  with_nan(0, 1) = nan;
  CHECK_THROWS_MATCHES(kelly_weights(vec({0.05, 0.07}), with_nan), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights", "non-finite at (0, 1)"));
  Eigen::MatrixXd indefinite(2, 2);
  indefinite << 1.0, 2.0, 2.0, 1.0;  // eigenvalues 3 and -1
  CHECK_THROWS_MATCHES(kelly_weights(vec({0.05, 0.07}), indefinite), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights", "smallest eigenvalue -"));
  Eigen::MatrixXd singular(2, 2);
  singular << 0.04, 0.04, 0.04, 0.04;  // two copies of one asset: the pivot is rounding noise
  CHECK_THROWS_MATCHES(kelly_weights(vec({0.05, 0.07}), singular), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights",
                                    "numerically singular: asset 1 is a linear combination of "
                                    "assets 0..0"));
  // A third asset that is the sum of the first two: rounding makes its last pivot a tiny
  // negative number here (so "not positive definite"), or a tiny positive one elsewhere
  // (so "numerically singular"); either way it is refused.
  Eigen::MatrixXd combination(3, 3);
  combination << 0.04, 0.006, 0.046, 0.006, 0.09, 0.096, 0.046, 0.096, 0.142;
  CHECK_THROWS_MATCHES(kelly_weights(vec({0.05, 0.07, 0.12}), combination), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights", "kelly_weights: covariance is "));
  CHECK_THROWS_MATCHES(kelly_weights(Eigen::VectorXd{}, Eigen::MatrixXd{}), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights", "empty"));
  // A failure deep in the factorisation (past the first block) is found too.
  Eigen::MatrixXd big = Eigen::MatrixXd::Identity(100, 100);
  big(70, 71) = big(71, 70) = 1.5;
  CHECK_THROWS_MATCHES(kelly_weights(Eigen::VectorXd::Ones(100), big), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights", "smallest eigenvalue -"));
  CHECK_THROWS_MATCHES(bulwark::sizing::kelly_weights_from_returns(
                           panel, nan, bulwark::risk::ledoit_wolf_estimator{}),
                       bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights", "risk-free rate nan"));
}

TEST_CASE("kelly_weights through a reused workspace equals the plain call bit for bit",
          "[sizing][kelly_weights]") {
  using namespace kelly_weights_test;
  const bulwark::counter_rng rng{23, 5};
  std::uint64_t draw = 0;
  bulwark::sizing::kelly_workspace workspace;
  // One workspace through sizes that grow and shrink, across the factorisation's block
  // (48 columns), and a size repeated (the warm path).
  for (const Eigen::Index p : {3, 97, 97, 1, 400, 48, 150, 400, 2}) {
    const Eigen::MatrixXd sigma = random_spd(p, rng, draw);
    Eigen::VectorXd mu(p);
    for (Eigen::Index i = 0; i < p; ++i) mu(i) = 0.01 * rng.normal(draw++);
    const Eigen::VectorXd plain = kelly_weights(mu, sigma);
    const Eigen::VectorXd& reused = kelly_weights(mu, sigma, workspace);
    INFO("p = " << p);
    REQUIRE(reused.size() == p);
    CHECK((reused.array() == plain.array()).all());
    // And both solve the system (the reference is Eigen's LU, independent of the Cholesky).
    const Eigen::VectorXd reference = sigma.fullPivLu().solve(mu);
    CHECK((reused - reference).norm() <= 1e-11 * reference.norm());
  }
}

TEST_CASE("kelly_weights through a workspace rejects bad input with the same errors",
          "[sizing][kelly_weights]") {
  using namespace kelly_weights_test;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  bulwark::sizing::kelly_workspace workspace{2};
  Eigen::MatrixXd ok(2, 2);
  ok << 0.04, 0.006, 0.006, 0.09;
  CHECK_THROWS_MATCHES(kelly_weights(vec({0.05, 0.07, 0.01}), ok, workspace),
                       bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights",
                                    "kelly_weights: 3 mean(s) for a 2 x 2 covariance"));
  CHECK_THROWS_MATCHES(kelly_weights(vec({0.05, nan}), ok, workspace), bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights", "mean_excess[1] is nan"));
  Eigen::MatrixXd asymmetric = ok;
  asymmetric(1, 0) = 0.007;
  CHECK_THROWS_MATCHES(kelly_weights(vec({0.05, 0.07}), asymmetric, workspace),
                       bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights",
                                    "kelly_weights: covariance is asymmetric at (1, 0)"));
  Eigen::MatrixXd indefinite(2, 2);
  indefinite << 1.0, 2.0, 2.0, 1.0;
  CHECK_THROWS_MATCHES(kelly_weights(vec({0.05, 0.07}), indefinite, workspace),
                       bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights", "smallest eigenvalue -"));
  Eigen::MatrixXd singular(2, 2);
  singular << 0.04, 0.04, 0.04, 0.04;
  CHECK_THROWS_MATCHES(kelly_weights(vec({0.05, 0.07}), singular, workspace),
                       bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights",
                                    "numerically singular: asset 1 is a linear combination of "
                                    "assets 0..0"));
  CHECK_THROWS_MATCHES(kelly_weights(Eigen::VectorXd{}, Eigen::MatrixXd{}, workspace),
                       bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights", "empty"));
  Eigen::MatrixXd big = Eigen::MatrixXd::Identity(100, 100);
  big(70, 71) = big(71, 70) = 1.5;
  CHECK_THROWS_MATCHES(kelly_weights(Eigen::VectorXd::Ones(100), big, workspace),
                       bulwark::input_error,
                       throws_error("bulwark.sizing.kelly_weights", "smallest eigenvalue -"));
  // Word for word the plain overload's messages.
  const auto message = [](auto&& call) -> std::string {
    try {
      call();
    } catch (const bulwark::input_error& e) {
      return e.what();
    }
    return "no error";
  };
  const Eigen::VectorXd two = vec({0.05, 0.07});
  for (const Eigen::MatrixXd* bad : {&asymmetric, &indefinite, &singular}) {
    const std::string expected = message([&] { (void)kelly_weights(two, *bad); });
    CHECK(expected != "no error");
    CHECK(message([&] { (void)kelly_weights(two, *bad, workspace); }) == expected);
  }
  // After the failures the workspace still works: 340/297 and 625/891 as solved by hand.
  check_vector(kelly_weights(vec({0.05, 0.07}), ok, workspace), {340.0 / 297.0, 625.0 / 891.0},
               1e-14);
}
