// SPDX-License-Identifier: MIT
/// \file
/// \brief Portfolio VaR and ES: Gaussian (parametric) from weights, a covariance matrix and
/// an optional mean vector, with marginal and component VaR/ES by Euler allocation; and
/// historical, from a panel of returns.
///
/// Synopsis
/// \code
/// gaussian_portfolio g{weights, covariance};             // or {weights, covariance, mean}
/// g.expected_return(); g.volatility();                    // w'mu, sqrt(w' Sigma w)
/// g.var(confidence);   g.es(confidence);                  // positive = loss
/// risk_contributions c = g.var_contributions(confidence); // c.marginal, c.component
/// risk_contributions c = g.es_contributions(confidence);  // sum(c.component) == c.total
/// double gaussian_portfolio_var(weights, covariance[, mean], confidence);
/// double gaussian_portfolio_es(weights, covariance[, mean], confidence);
///
/// std::vector<double> portfolio_returns(panel_view returns, weights);  // R w
/// double historical_portfolio_var(panel_view returns, weights, confidence);
/// double historical_portfolio_es(panel_view returns, weights, confidence);
/// risk_contributions historical_portfolio_es_contributions(returns, weights, confidence);
/// \endcode
///
/// Units and signs. Weights are fractions of portfolio value (negative = short; they need
/// not sum to 1); returns, means and covariances are per period. VaR and ES are positive
/// fractions of portfolio value lost over one period (multiply by the portfolio's value
/// for money). alpha = 1 - confidence and z = Phi^-1(alpha) (negative for confidence > 1/2).
///
/// Gaussian (PerformanceAnalytics' `VaR.Gaussian.portfolio` and `ES.Gaussian.portfolio`,
/// i.e. `VaR(R, p, method = "gaussian", portfolio_method = "component")`):
///   sigma_p = sqrt(w' Sigma w),  VaR = -w'mu - z sigma_p,  ES = -w'mu + sigma_p phi(z) / alpha.
/// Both are homogeneous of degree one in w, so by Euler's theorem (Tasche 1999; Garman 1997)
/// the components w_i dVaR/dw_i add up to the total:
///   marginal VaR_i = -mu_i - z (Sigma w)_i / sigma_p,  component VaR_i = w_i marginal VaR_i,
/// and for ES the same with phi(z) / alpha in place of -z. Which covariance to pass is the
/// caller's choice: PerformanceAnalytics passes `cov(R)` (divisor n - 1) here, but uses
/// the population variance (divisor n) in its single-asset Gaussian VaR, so its VaR of a
/// one-asset "portfolio" is sqrt(n / (n - 1)) times its single-asset VaR. The mean is zero
/// unless given. Only the quadratic form w' Sigma w is checked for positivity (O(p^2));
/// use `check_positive_definite` to check the whole matrix (O(p^3)).
///
/// Historical: r_t = sum_j w_j R_tj, i.e. constant weights, rebalanced every period, then
/// the single-series `historical_var` / `historical_es` of var.hpp: VaR = -Q(r, alpha) with Q
/// the type-7 quantile (equal to numpy.quantile bit for bit); ES = -mean(r_t : r_t < Q),
/// strictly below, equal to the VaR when no return is below. Where the references differ:
/// PerformanceAnalytics' `VaR.historical.portfolio` builds r with `Return.portfolio`, which
/// lets the weights drift (buy and hold) when no rebalancing dates are given, and its
/// `ES.historical.portfolio` averages r_t <= -VaR (including the quantile itself when it is
/// an observation), while its single-asset `ES.historical` and bulwark use strictly below.
/// Historical ES contributions are the tail means -mean_{t in T} w_i R_ti over that same
/// tail T (Tasche 2002), which add up to the ES; historical VaR has no such exact
/// decomposition and is not decomposed here.
///
/// Bad input (id `bulwark.risk.portfolio_var`, message naming the function): empty weights,
/// shapes that do not match, NaN or infinite entries (named by index), an asymmetric
/// covariance or a negative variance, w' Sigma w < 0 beyond rounding, confidence outside
/// (0, 1), and contributions of a portfolio with zero volatility (undefined derivative).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include <Eigen/Core>
#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/panel.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/risk/covariance.hpp"
#include "bulwark/risk/distributions.hpp"
#include "bulwark/risk/matrix_check.hpp"
#include "bulwark/risk/var.hpp"

namespace bulwark::risk {

/// An Euler allocation of a portfolio risk measure (VaR or ES) across its assets.
struct risk_contributions {
  double total = 0.0;         ///< the measure (positive = loss), = sum of `component`
  Eigen::VectorXd marginal;   ///< d total / d w_i: the change per unit of weight in asset i
  Eigen::VectorXd component;  ///< w_i * marginal_i: asset i's share of the total

  /// component_i / total: the fraction of the total from asset i (sums to 1; not finite
  /// when total is 0).
  [[nodiscard]] Eigen::VectorXd fraction() const { return component / total; }
};

}  // namespace bulwark::risk

namespace bulwark::detail {

inline constexpr auto portfolio_var_id = "bulwark.risk.portfolio_var";

inline void require_portfolio_confidence(double confidence, std::string_view function) {
  bulwark::detail::require_confidence(confidence, portfolio_var_id, function);
}

/// Throws `input_error` naming `function`, `name` and the index of the first non-finite
/// entry of `v`.
inline void require_finite_vector(const Eigen::Ref<const Eigen::VectorXd>& v,
                                  std::string_view function, std::string_view name) {
  if (v.allFinite()) return;
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) {
      throw_input_error(portfolio_var_id, "{}: {}[{}] is {}; expected a finite number", function,
                        name, i, v[i]);
    }
  }
}

inline void require_weights(const Eigen::Ref<const Eigen::VectorXd>& weights,
                            std::string_view function) {
  if (weights.size() == 0) {
    throw_input_error(portfolio_var_id, "{}: weights is empty; expected at least 1 asset",
                      function);
  }
  require_finite_vector(weights, function, "weights");
}

}  // namespace bulwark::detail

namespace bulwark::risk {

/// A one-period Gaussian model of a portfolio's return: N(w'mu, w' Sigma w). Construction
/// validates the inputs and computes Sigma w once (O(p^2)); afterwards VaR and ES at any
/// confidence are O(1) and their contributions O(p). Keeps copies of w, mu and Sigma w
/// (O(p) memory), not of Sigma.
class gaussian_portfolio {
 public:
  /// Zero mean. See the three-argument constructor for the checks.
  gaussian_portfolio(const Eigen::Ref<const Eigen::VectorXd>& weights,
                     const Eigen::Ref<const Eigen::MatrixXd>& covariance)
      : gaussian_portfolio(weights, covariance, Eigen::VectorXd::Zero(weights.size())) {}

  /// Throws `input_error` (id `bulwark.risk.portfolio_var`) when `weights` is empty, the
  /// covariance is not p x p or the mean not of size p, any entry is not finite, the
  /// covariance is asymmetric or has a negative variance (see `check_covariance`), or
  /// w' Sigma w is negative beyond rounding.
  gaussian_portfolio(const Eigen::Ref<const Eigen::VectorXd>& weights,
                     const Eigen::Ref<const Eigen::MatrixXd>& covariance,
                     const Eigen::Ref<const Eigen::VectorXd>& mean) {
    constexpr std::string_view function = "gaussian_portfolio";
    bulwark::detail::require_weights(weights, function);
    const Eigen::Index p = weights.size();
    if (covariance.rows() != p || covariance.cols() != p) {
      throw_input_error(bulwark::detail::portfolio_var_id,
                        "{}: covariance is {} x {}; expected {} x {} to match the weights",
                        function, covariance.rows(), covariance.cols(), p, p);
    }
    if (mean.size() != p) {
      throw_input_error(bulwark::detail::portfolio_var_id,
                        "{}: mean has {} value(s); expected {} to match the weights", function,
                        mean.size(), p);
    }
    require_covariance(covariance, bulwark::detail::portfolio_var_id,
                       "gaussian_portfolio: covariance");
    bulwark::detail::require_finite_vector(mean, function, "mean");

    weights_ = weights;
    mean_ = mean;
    covariance_weights_.noalias() = covariance * weights;
    expected_return_ = weights.dot(mean);
    double variance = weights.dot(covariance_weights_);
    if (variance < 0.0) {
      // A dot product of p terms is exact to p eps sum|terms|; below that, w' Sigma w < 0
      // is rounding of a singular (positive semi-definite) matrix, not a defect.
      const double scale = weights.cwiseAbs().dot(covariance.cwiseAbs() * weights.cwiseAbs());
      if (-variance >
          2.0 * static_cast<double>(p) * std::numeric_limits<double>::epsilon() * scale) {
        throw_input_error(bulwark::detail::portfolio_var_id,
                          "{}: w' covariance w is {} < 0; the covariance is not positive "
                          "semi-definite",
                          function, variance);
      }
      variance = 0.0;
    }
    volatility_ = std::sqrt(variance);
  }

  /// The number of assets p.
  [[nodiscard]] Eigen::Index size() const noexcept { return weights_.size(); }
  /// The weights w.
  [[nodiscard]] const Eigen::VectorXd& weights() const noexcept { return weights_; }
  /// The expected portfolio return per period, w'mu.
  [[nodiscard]] double expected_return() const noexcept { return expected_return_; }
  /// The portfolio's standard deviation per period, sqrt(w' Sigma w).
  [[nodiscard]] double volatility() const noexcept { return volatility_; }

  /// VaR = -w'mu - Phi^-1(1 - confidence) sigma_p. Throws `input_error` for a confidence
  /// outside (0, 1).
  [[nodiscard]] double var(double confidence) const {
    return -expected_return_ + var_multiplier(confidence, "gaussian_portfolio::var") * volatility_;
  }

  /// ES = -w'mu + sigma_p phi(z) / alpha, z = Phi^-1(alpha), alpha = 1 - confidence.
  [[nodiscard]] double es(double confidence) const {
    return -expected_return_ + es_multiplier(confidence, "gaussian_portfolio::es") * volatility_;
  }

  /// Marginal and component VaR; the components add up to `var(confidence)`. Throws
  /// `input_error` for a bad confidence, or when the volatility is 0 (the derivative of
  /// sigma_p does not exist there). O(p).
  [[nodiscard]] risk_contributions var_contributions(double confidence) const {
    constexpr std::string_view function = "gaussian_portfolio::var_contributions";
    return contributions(var_multiplier(confidence, function), function);
  }

  /// Marginal and component ES; the components add up to `es(confidence)`. As
  /// `var_contributions` for bad input. O(p).
  [[nodiscard]] risk_contributions es_contributions(double confidence) const {
    constexpr std::string_view function = "gaussian_portfolio::es_contributions";
    return contributions(es_multiplier(confidence, function), function);
  }

 private:
  // Both measures are -w'mu + k sigma_p: k = -z for VaR, phi(z) / alpha for ES.
  static double var_multiplier(double confidence, std::string_view function) {
    bulwark::detail::require_portfolio_confidence(confidence, function);
    return -normal_quantile(1.0 - confidence);
  }
  static double es_multiplier(double confidence, std::string_view function) {
    bulwark::detail::require_portfolio_confidence(confidence, function);
    const double alpha = 1.0 - confidence;
    return normal_pdf(normal_quantile(alpha)) / alpha;
  }

  [[nodiscard]] risk_contributions contributions(double k, std::string_view function) const {
    if (!(volatility_ > 0.0)) {
      throw_input_error(bulwark::detail::portfolio_var_id,
                        "{}: portfolio volatility is {}; marginal contributions are undefined "
                        "at zero volatility",
                        function, volatility_);
    }
    risk_contributions c;
    c.total = -expected_return_ + k * volatility_;
    c.marginal = (k / volatility_) * covariance_weights_ - mean_;
    c.component = weights_.cwiseProduct(c.marginal);
    return c;
  }

  Eigen::VectorXd weights_;
  Eigen::VectorXd mean_;
  Eigen::VectorXd covariance_weights_;  // Sigma w
  double expected_return_ = 0.0;
  double volatility_ = 0.0;
};

/// Gaussian portfolio VaR with zero mean: -Phi^-1(1 - confidence) sqrt(w' Sigma w).
[[nodiscard]] inline double gaussian_portfolio_var(
    const Eigen::Ref<const Eigen::VectorXd>& weights,
    const Eigen::Ref<const Eigen::MatrixXd>& covariance, double confidence) {
  return gaussian_portfolio{weights, covariance}.var(confidence);
}

/// Gaussian portfolio VaR with mean vector `mean`.
[[nodiscard]] inline double gaussian_portfolio_var(
    const Eigen::Ref<const Eigen::VectorXd>& weights,
    const Eigen::Ref<const Eigen::MatrixXd>& covariance,
    const Eigen::Ref<const Eigen::VectorXd>& mean, double confidence) {
  return gaussian_portfolio{weights, covariance, mean}.var(confidence);
}

/// Gaussian portfolio ES with zero mean: sqrt(w' Sigma w) phi(z) / alpha.
[[nodiscard]] inline double gaussian_portfolio_es(
    const Eigen::Ref<const Eigen::VectorXd>& weights,
    const Eigen::Ref<const Eigen::MatrixXd>& covariance, double confidence) {
  return gaussian_portfolio{weights, covariance}.es(confidence);
}

/// Gaussian portfolio ES with mean vector `mean`.
[[nodiscard]] inline double gaussian_portfolio_es(
    const Eigen::Ref<const Eigen::VectorXd>& weights,
    const Eigen::Ref<const Eigen::MatrixXd>& covariance,
    const Eigen::Ref<const Eigen::VectorXd>& mean, double confidence) {
  return gaussian_portfolio{weights, covariance, mean}.es(confidence);
}

/// Writes the portfolio return of each period, out[t] = sum_j weights[j] returns(t, j)
/// (constant weights), into `out` (size = returns.rows()). No allocation. Throws
/// `input_error` for an empty panel, weights of the wrong size, non-finite values, or an
/// output of the wrong size.
inline void portfolio_returns(panel_view returns, const Eigen::Ref<const Eigen::VectorXd>& weights,
                              std::span<double> out) {
  constexpr std::string_view function = "portfolio_returns";
  const auto r = bulwark::detail::matrix_of(returns);
  bulwark::detail::require_return_panel_shape(r, 1, bulwark::detail::portfolio_var_id, function);
  bulwark::detail::require_weights(weights, function);
  if (weights.size() != r.cols()) {
    throw_input_error(bulwark::detail::portfolio_var_id,
                      "{}: weights has {} value(s); expected {} to match the columns of returns",
                      function, weights.size(), r.cols());
  }
  if (out.size() != returns.rows()) {
    throw_input_error(bulwark::detail::portfolio_var_id,
                      "{}: output has {} value(s); expected {} (one per row of returns)", function,
                      out.size(), returns.rows());
  }
  Eigen::Map<Eigen::VectorXd>(out.data(), r.rows()).noalias() = r * weights;
  // With finite weights, a NaN or infinite return makes its row's result non-finite
  // (0 * inf is NaN), so checking the n results validates the n x p inputs.
  if (!bulwark::detail::all_finite(out)) {
    bulwark::detail::throw_non_finite_return(r, bulwark::detail::portfolio_var_id, function);
  }
}

/// The portfolio return of each period (see the span overload).
[[nodiscard]] inline std::vector<double> portfolio_returns(
    panel_view returns, const Eigen::Ref<const Eigen::VectorXd>& weights) {
  std::vector<double> out(returns.rows());
  portfolio_returns(returns, weights, out);
  return out;
}

/// Historical VaR of the constant-weight portfolio: `historical_var(R w, confidence)`,
/// -Q(R w, 1 - confidence) with Q the type-7 quantile (equal to
/// `-numpy.quantile(R @ w, 1 - confidence)`). O(rows x cols).
[[nodiscard]] inline double historical_portfolio_var(
    panel_view returns, const Eigen::Ref<const Eigen::VectorXd>& weights, double confidence) {
  bulwark::detail::require_portfolio_confidence(confidence, "historical_portfolio_var");
  return historical_var(portfolio_returns(returns, weights), confidence);
}

/// Historical ES of the constant-weight portfolio: `historical_es(R w, confidence)`,
/// -mean(r_t : r_t < Q(r, alpha)), or the VaR when no return is strictly below the quantile.
/// O(rows x cols).
[[nodiscard]] inline double historical_portfolio_es(
    panel_view returns, const Eigen::Ref<const Eigen::VectorXd>& weights, double confidence) {
  bulwark::detail::require_portfolio_confidence(confidence, "historical_portfolio_es");
  return historical_es(portfolio_returns(returns, weights), confidence);
}

/// Historical ES with its Euler allocation: over the tail T of `historical_portfolio_es`
/// (the periods whose portfolio return is strictly below the quantile Q, or, when there
/// are none, equal to it), marginal_i = -mean_{t in T} returns(t, i) and component_i =
/// weights_i * marginal_i, which add up to the ES. O(rows x cols).
[[nodiscard]] inline risk_contributions historical_portfolio_es_contributions(
    panel_view returns, const Eigen::Ref<const Eigen::VectorXd>& weights, double confidence) {
  bulwark::detail::require_portfolio_confidence(confidence,
                                                "historical_portfolio_es_contributions");
  const std::vector<double> r = portfolio_returns(returns, weights);
  const var_es measures = historical_var_es(r, confidence);
  const double q = -measures.var;
  const bool strict = std::any_of(r.begin(), r.end(), [q](double v) { return v < q; });
  const auto panel = bulwark::detail::matrix_of(returns);
  risk_contributions c;
  c.total = measures.es;
  c.marginal = Eigen::VectorXd::Zero(panel.cols());
  std::size_t count = 0;
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (strict ? r[t] < q : r[t] <= q) {
      c.marginal -= panel.row(static_cast<Eigen::Index>(t)).transpose();
      ++count;
    }
  }
  c.marginal /= static_cast<double>(count);
  c.component = weights.cwiseProduct(c.marginal);
  return c;
}

}  // namespace bulwark::risk

/// `VaR/ES 0.0213 over 5 assets`.
template <>
struct fmt::formatter<bulwark::risk::risk_contributions> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::risk_contributions& c, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "total {} over {} assets", c.total, c.component.size());
  }
};

/// `N(mean 0.0004, volatility 0.0112) over 5 assets`.
template <>
struct fmt::formatter<bulwark::risk::gaussian_portfolio> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::gaussian_portfolio& g, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "N(mean {}, volatility {}) over {} assets",
                          g.expected_return(), g.volatility(), g.size());
  }
};
