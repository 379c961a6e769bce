// SPDX-License-Identifier: MIT
#include "bulwark/risk/matrix_check.hpp"

#include <limits>

#include <Eigen/Core>
#include <fmt/format.h>

#include "support/catch.hpp"

using bulwark::test::throws_error;
using bulwark::test::WithinAbs;

TEST_CASE("check_covariance finds the first defect and where", "[risk][matrix_check]") {
  using bulwark::risk::check_covariance;
  using bulwark::risk::matrix_defect;

  CHECK(check_covariance(Eigen::MatrixXd::Identity(3, 3)).ok());
  CHECK(check_covariance(Eigen::MatrixXd(0, 0)).defect == matrix_defect::empty);
  CHECK(check_covariance(Eigen::MatrixXd::Zero(2, 3)).defect == matrix_defect::not_square);

  Eigen::MatrixXd m = Eigen::MatrixXd::Identity(3, 3);
  m(1, 2) = std::numeric_limits<double>::quiet_NaN();
  auto c = check_covariance(m);
  CHECK(c.defect == matrix_defect::non_finite);
  CHECK((c.row == 1 && c.col == 2));

  m = Eigen::MatrixXd::Identity(3, 3);
  m(1, 1) = std::numeric_limits<double>::infinity();
  c = check_covariance(m);
  CHECK(c.defect == matrix_defect::non_finite);
  CHECK((c.row == 1 && c.col == 1));
  m = Eigen::MatrixXd::Identity(3, 3);
  m(0, 2) = m(2, 0) = std::numeric_limits<double>::quiet_NaN();  // symmetric NaNs
  CHECK(check_covariance(m).defect == matrix_defect::non_finite);

  m = Eigen::MatrixXd::Identity(3, 3);
  m(2, 2) = -1e-6;
  c = check_covariance(m);
  CHECK(c.defect == matrix_defect::negative_variance);
  CHECK((c.row == 2 && c.col == 2 && c.value == -1e-6));

  // Daily variances ~1e-4: an asymmetry of 1e-17 is rounding, 1e-14 (1e-10 of a
  // correlation) is not.
  Eigen::MatrixXd daily(2, 2);
  daily << 4e-4, 1e-4, 1e-4 + 1e-17, 2.5e-4;
  CHECK(check_covariance(daily).ok());
  daily(1, 0) = 1e-4 + 1e-14;
  c = check_covariance(daily);
  CHECK(c.defect == matrix_defect::asymmetric);
  CHECK((c.row == 1 && c.col == 0));
  CHECK(check_covariance(daily, 1e-9).ok());  // a looser tolerance accepts it
}

TEST_CASE("check_positive_definite: Cholesky, and the smallest eigenvalue when it fails",
          "[risk][matrix_check]") {
  using bulwark::risk::check_positive_definite;
  using bulwark::risk::matrix_defect;

  Eigen::MatrixXd spd(3, 3);
  spd << 4, 2, 0.6, 2, 2, 0.5, 0.6, 0.5, 3;
  CHECK(check_positive_definite(spd).ok());
  CHECK(bulwark::risk::is_positive_definite(spd));

  // [[1, 1], [1, 1]]: positive semi-definite, eigenvalues 0 and 2.
  const Eigen::MatrixXd singular = Eigen::MatrixXd::Ones(2, 2);
  auto c = check_positive_definite(singular);
  CHECK(c.defect == matrix_defect::not_positive_definite);
  CHECK_THAT(c.value, WithinAbs(0.0, 1e-15));

  // [[1, 2], [2, 1]]: eigenvalues -1 and 3.
  Eigen::MatrixXd indefinite(2, 2);
  indefinite << 1, 2, 2, 1;
  c = check_positive_definite(indefinite);
  CHECK(c.defect == matrix_defect::not_positive_definite);
  CHECK_THAT(c.value, WithinAbs(-1.0, 1e-14));
  CHECK(!bulwark::risk::is_positive_definite(indefinite));

  // The cheaper checks run first: an asymmetric matrix is reported as such.
  Eigen::MatrixXd asymmetric = spd;
  asymmetric(0, 2) = 0.7;
  CHECK(check_positive_definite(asymmetric).defect == matrix_defect::asymmetric);
}

TEST_CASE("require_covariance and require_positive_definite throw with the caller's id",
          "[risk][matrix_check]") {
  Eigen::MatrixXd indefinite(2, 2);
  indefinite << 1, 2, 2, 1;
  CHECK_NOTHROW(bulwark::risk::require_covariance(indefinite, "bulwark.risk.covariance", "S"));
  CHECK_THROWS_MATCHES(
      bulwark::risk::require_positive_definite(indefinite, "bulwark.risk.covariance",
                                               "kelly: covariance"),
      bulwark::input_error,
      throws_error("bulwark.risk.covariance",
                   "kelly: covariance is not positive definite (2 x 2): Cholesky fails, "
                   "smallest eigenvalue -"));
  Eigen::MatrixXd nan = Eigen::MatrixXd::Identity(2, 2);
  nan(0, 1) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_MATCHES(
      bulwark::risk::require_covariance(nan, "bulwark.risk.portfolio_var", "f: covariance"),
      bulwark::input_error,
      throws_error("bulwark.risk.portfolio_var", "f: covariance is non-finite at (0, 1): inf"));
}

TEST_CASE("matrix checks print what is wrong", "[risk][matrix_check]") {
  using bulwark::risk::matrix_check;
  using bulwark::risk::matrix_defect;
  CHECK(fmt::format("{}", matrix_check{.rows = 3, .cols = 3}) == "ok (3 x 3)");
  CHECK(fmt::format("{}", matrix_check{.defect = matrix_defect::asymmetric,
                                       .rows = 3,
                                       .cols = 3,
                                       .row = 2,
                                       .col = 0,
                                       .value = 0.5}) ==
        "asymmetric at (2, 0): 0.5 differs from (0, 2)");
  CHECK(fmt::format("{}", matrix_check{.defect = matrix_defect::negative_variance,
                                       .rows = 2,
                                       .cols = 2,
                                       .row = 1,
                                       .col = 1,
                                       .value = -2.0}) == "negative variance at (1, 1): -2");
  CHECK(
      fmt::format("{}", matrix_check{.defect = matrix_defect::not_square, .rows = 2, .cols = 3}) ==
      "not square (2 x 3)");
  CHECK(fmt::format("{}", matrix_defect::not_positive_definite) == "not_positive_definite");
}
