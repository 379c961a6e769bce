// SPDX-License-Identifier: MIT
/// \file
/// \brief Private least-squares helpers of bulwark::signal: the simple regression
/// y = a + b x (hedge ratios, AR(1) fits) and a general OLS fit with coefficient standard
/// errors and information criteria (the Dickey-Fuller regressions).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstddef>
#include <numbers>
#include <span>

#include <Eigen/Core>
#include <Eigen/QR>

#include "bulwark/core/stats.hpp"

namespace bulwark::signal::detail {

/// y = intercept + slope x + residual, by least squares, from centred sums.
struct line_fit {
  double mean_x;
  double mean_y;
  double sxx;  ///< sum (x - mean x)^2; 0 means the slope is undefined
  double sxy;  ///< sum (x - mean x)(y - mean y)
  double syy;  ///< sum (y - mean y)^2

  [[nodiscard]] double slope() const noexcept {
    return sxx > 0.0 ? sxy / sxx : std::numeric_limits<double>::quiet_NaN();
  }
  [[nodiscard]] double intercept() const noexcept { return mean_y - slope() * mean_x; }
  /// Syy - Sxy^2 / Sxx, clamped at 0 against rounding.
  [[nodiscard]] double residual_sum_of_squares() const noexcept {
    return sxx > 0.0 ? std::max(syy - sxy * (sxy / sxx), 0.0) : syy;
  }
};

/// Least squares of y on x with an intercept: two passes (means with core's
/// four-accumulator sums, then centred products). Preconditions (checked by callers):
/// equal sizes >= 1, all finite.
[[nodiscard]] inline line_fit fit_line(std::span<const double> x, std::span<const double> y) noexcept {
  const double n = static_cast<double>(x.size());
  line_fit f{bulwark::detail::sum_of(x, [](double v) { return v; }) / n,
             bulwark::detail::sum_of(y, [](double v) { return v; }) / n, 0.0, 0.0, 0.0};
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double dx = x[i] - f.mean_x;
    const double dy = y[i] - f.mean_y;
    f.sxx += dx * dx;
    f.sxy += dx * dy;
    f.syy += dy * dy;
  }
  return f;
}

/// An OLS fit y = X b + e with what the Dickey-Fuller test needs.
struct ols_fit {
  Eigen::VectorXd coefficients;
  /// sqrt(s^2 [(X'X)^-1]_jj) with s^2 = RSS / (n - k).
  Eigen::VectorXd standard_errors;
  double residual_sum_of_squares = 0.0;
  Eigen::Index nobs = 0;
  Eigen::Index regressors = 0;
  bool full_rank = false;

  /// t statistic of coefficient j.
  [[nodiscard]] double t_statistic(Eigen::Index j) const {
    return coefficients(j) / standard_errors(j);
  }
  /// Akaike's criterion as statsmodels computes it: -2 log L + 2 k, with the Gaussian
  /// log-likelihood at the ML variance RSS / n.
  [[nodiscard]] double aic() const { return -2.0 * log_likelihood() + 2.0 * static_cast<double>(regressors); }
  /// Schwarz's criterion: -2 log L + k ln n.
  [[nodiscard]] double bic() const {
    return -2.0 * log_likelihood() +
           std::log(static_cast<double>(nobs)) * static_cast<double>(regressors);
  }
  [[nodiscard]] double log_likelihood() const {
    const double n = static_cast<double>(nobs);
    return -n / 2.0 * (std::log(2.0 * std::numbers::pi) + std::log(residual_sum_of_squares / n) + 1.0);
  }
};

/// OLS by Householder QR (no pivoting: the regressors of a Dickey-Fuller regression are of
/// full rank unless the data are degenerate, which `full_rank` reports). The diagonal of
/// (X'X)^-1 = R^-1 R^-T comes from solving R' v = e_j.
[[nodiscard]] inline ols_fit fit_ols(const Eigen::MatrixXd& design, const Eigen::VectorXd& y) {
  ols_fit fit;
  fit.nobs = design.rows();
  fit.regressors = design.cols();
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(design);
  const auto k = design.cols();
  const Eigen::MatrixXd r = qr.matrixQR().topLeftCorner(k, k).template triangularView<Eigen::Upper>();
  const double largest = r.diagonal().cwiseAbs().maxCoeff();
  fit.full_rank = largest > 0.0 &&
                  r.diagonal().cwiseAbs().minCoeff() > largest * 1e-12 * static_cast<double>(fit.nobs);
  fit.coefficients = qr.solve(y);
  fit.residual_sum_of_squares = (y - design * fit.coefficients).squaredNorm();
  const double s2 = fit.residual_sum_of_squares / static_cast<double>(fit.nobs - k);
  const Eigen::MatrixXd r_inverse_t =
      r.transpose().template triangularView<Eigen::Lower>().solve(Eigen::MatrixXd::Identity(k, k));
  fit.standard_errors = (r_inverse_t.colwise().squaredNorm().transpose() * s2).cwiseSqrt();
  return fit;
}

}  // namespace bulwark::signal::detail
