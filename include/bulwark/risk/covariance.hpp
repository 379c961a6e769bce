// SPDX-License-Identifier: MIT
/// \file
/// \brief Covariance estimators from a panel of returns (rows = periods, columns = assets):
/// the sample covariance, Ledoit-Wolf shrinkage toward a scaled identity, and diagonal
/// loading (ridge), as free functions and as policies of the `CovarianceEstimator` concept.
///
/// Synopsis
/// \code
/// Eigen::MatrixXd sample_covariance(panel_view returns);   // divides by n - 1
/// shrunk_covariance ledoit_wolf(panel_view returns);       // .covariance, .shrinkage,
///                                                          // .target_variance
///   // both also take any Eigen matrix expression with rows = periods
/// void load_diagonal(Eigen::MatrixXd& covariance, double ridge);  // covariance += ridge I
///
/// template <class E> concept CovarianceEstimator;  // e.estimate(panel_view) -> MatrixXd
/// sample_covariance_estimator{}   ledoit_wolf_estimator{}
/// diagonal_loading<ledoit_wolf_estimator>{.ridge = 1e-8}   // or {.base = e, .ridge = 1e-8}
/// Eigen::MatrixXd estimate_covariance(const E& estimator, panel_view returns);
/// \endcode
///
/// Units: returns are per period (e.g. daily simple returns), so a covariance is in
/// return^2 per period; annualise by multiplying by `periods_per_year` where you need to.
///
/// Sample covariance: S_ij = sum_k (x_ki - m_i)(x_kj - m_j) / (n - 1), as `numpy.cov` and
/// R's `cov` (and so PerformanceAnalytics' portfolio VaR, which calls `cov(R)`). Computed
/// with the corrected two-pass algorithm of core's `sample_variance` (Chan, Golub and
/// LeVeque 1983): sum d d' - s s' / n with d = x - mean and s = sum d, which removes the
/// rounding error of the means. O(n p^2 / 2) flops (a symmetric rank-n update, Eigen's
/// blocked kernel), O(n p + p^2) memory.
///
/// Ledoit-Wolf (Ledoit and Wolf 2004, "A well-conditioned estimator for large-dimensional
/// covariance matrices", J. Multivariate Analysis 88(2), 365-411, Lemmas 3.2-3.4 and
/// Theorem 3.2), exactly as scikit-learn's `sklearn.covariance.ledoit_wolf`
/// (`assume_centered=False`): with d_k the k-th row centred by the column means,
///   S     = sum_k d_k d_k' / n                        (note: n, not n - 1)
///   mu    = tr(S) / p                                 (the target is mu I)
///   d^2   = ||S - mu I||^2 / p                        (||.|| the Frobenius norm)
///   b^2   = min( (sum_k ||d_k||^4 / n - ||S||^2) / (n p), d^2 )
///   delta = b^2 / d^2   (0 when d^2 = 0, i.e. S is already a multiple of I)
///   Sigma = (1 - delta) S + delta mu I.
/// scikit-learn computes sum_k ||d_k||^4 as the sum of (X^2)'(X^2), an O(n p^2) product;
/// here it is the O(n p) sum of squared row norms, and d^2 is summed entry by entry rather
/// than expanded, so results agree to rounding. The shrinkage is clamped to [0, 1], which
/// matters only if rounding makes b^2 negative.
///
/// Bad input (id `bulwark.risk.covariance`, message naming the function): no columns,
/// fewer than 2 rows, a NaN or infinite return (named by (row, column)) or returns so large
/// that the products overflow, a ridge that is negative or not finite, a non-square matrix
/// to `load_diagonal`. Finiteness is verified on the p variances computed anyway (a bad
/// return makes its column's variance non-finite), not by a separate pass over the panel.
#pragma once

#include <algorithm>
#include <concepts>
#include <cmath>
#include <string_view>
#include <utility>

#include <Eigen/Core>
#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/panel.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::detail {

inline constexpr auto covariance_id = "bulwark.risk.covariance";

using row_major_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// A panel as an Eigen matrix, without copying.
[[nodiscard]] inline Eigen::Map<const row_major_matrix> matrix_of(panel_view p) noexcept {
  return {p.values().data(), static_cast<Eigen::Index>(p.rows()),
          static_cast<Eigen::Index>(p.cols())};
}

/// Throws `input_error` unless the return panel `x` has a column and at least `min_rows`
/// rows. Finiteness is checked on the results instead (a NaN or infinite return makes them
/// non-finite), which costs nothing on good input; `throw_non_finite_return` then names
/// the culprit.
template <class Derived>
void require_return_panel_shape(const Eigen::MatrixBase<Derived>& x, Eigen::Index min_rows,
                                std::string_view id, std::string_view function) {
  if (x.cols() == 0) {
    throw_input_error(id, "{}: returns has no columns (assets); expected at least 1", function);
  }
  if (x.rows() < min_rows) {
    throw_input_error(id, "{}: returns has {} row(s) (periods); expected at least {}", function,
                      x.rows(), min_rows);
  }
}

/// Throws `input_error` naming the first non-finite return of `x` (row by row), or, when
/// every return is finite, saying that the computation overflowed.
template <class Derived>
[[noreturn]] void throw_non_finite_return(const Eigen::MatrixBase<Derived>& x, std::string_view id,
                                          std::string_view function) {
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      if (!std::isfinite(x(i, j))) {
        throw_input_error(id, "{}: returns({}, {}) is {}; expected a finite number", function, i, j,
                          x(i, j));
      }
    }
  }
  throw_input_error(id, "{}: the returns are finite but so large that the result overflows",
                    function);
}

/// The sum of each column. For a row-major matrix, rows are added as vectors (contiguous,
/// vectorised), several times faster than Eigen's column-wise reduction across the stride.
template <class Derived>
[[nodiscard]] Eigen::RowVectorXd column_sums(const Eigen::MatrixBase<Derived>& x) {
  if constexpr (Derived::IsRowMajor) {
    Eigen::RowVectorXd sums = Eigen::RowVectorXd::Zero(x.cols());
    for (Eigen::Index i = 0; i < x.rows(); ++i) sums += x.row(i);
    return sums;
  } else {
    return x.colwise().sum();
  }
}

/// C = sum_k d_k d_k' - s s' / n (full, symmetric), d_k = x_k - mean, s = sum_k d_k: the
/// corrected two-pass cross-product. With `fourth`, also sum_k ||d_k||^4 (Ledoit-Wolf).
/// Throws `input_error` (with `id`, naming `function`) for fewer than 2 rows, no columns,
/// or a non-finite return.
struct centred_cross_product {
  Eigen::MatrixXd cross;
  double fourth_power_sum = 0.0;
};

template <class Derived>
[[nodiscard]] centred_cross_product centred_cross_product_of(const Eigen::MatrixBase<Derived>& x,
                                                             bool fourth, std::string_view id,
                                                             std::string_view function) {
  require_return_panel_shape(x, 2, id, function);
  const Eigen::Index n = x.rows();
  const Eigen::Index p = x.cols();
  const Eigen::RowVectorXd mean = column_sums(x) / static_cast<double>(n);
  const row_major_matrix d = x.rowwise() - mean;  // streams a row-major panel in order
  const Eigen::VectorXd s = column_sums(d).transpose();
  centred_cross_product r{Eigen::MatrixXd::Zero(p, p)};
  r.cross.selfadjointView<Eigen::Lower>().rankUpdate(d.transpose());
  r.cross.selfadjointView<Eigen::Lower>().rankUpdate(s, -1.0 / static_cast<double>(n));
  for (Eigen::Index j = 1; j < p; ++j) {
    for (Eigen::Index i = 0; i < j; ++i) r.cross(i, j) = r.cross(j, i);
  }
  if (fourth) r.fourth_power_sum = d.rowwise().squaredNorm().squaredNorm();
  // A non-finite x_ki makes mean_i, then all of column i of d, then C_ii non-finite.
  if (!r.cross.diagonal().allFinite()) throw_non_finite_return(x, id, function);
  return r;
}

}  // namespace bulwark::detail

namespace bulwark::risk {

/// The sample covariance (divisor n - 1) of the columns of `returns` (rows = periods).
/// Needs at least 2 rows. Returns a p x p symmetric matrix (exactly: the upper triangle is
/// a copy of the lower).
template <class Derived>
[[nodiscard]] Eigen::MatrixXd sample_covariance(const Eigen::MatrixBase<Derived>& returns) {
  Eigen::MatrixXd c = bulwark::detail::centred_cross_product_of(
                          returns, false, bulwark::detail::covariance_id, "sample_covariance")
                          .cross;
  c /= static_cast<double>(returns.rows() - 1);
  return c;
}

/// The sample covariance of a panel (rows = periods, columns = assets).
[[nodiscard]] inline Eigen::MatrixXd sample_covariance(panel_view returns) {
  return sample_covariance(bulwark::detail::matrix_of(returns));
}

/// A covariance matrix shrunk toward `target_variance` I, and how far.
struct shrunk_covariance {
  Eigen::MatrixXd covariance;    ///< (1 - shrinkage) S + shrinkage * target_variance * I
  double shrinkage = 0.0;        ///< delta in [0, 1]: 0 keeps S, 1 is the target
  double target_variance = 0.0;  ///< mu = tr(S) / p, the average variance
};

/// Ledoit-Wolf shrinkage of the covariance of `returns` (rows = periods) toward the scaled
/// identity mu I; equal to scikit-learn's `ledoit_wolf(returns)` (see the file comment for
/// the formula). S divides by n. Needs at least 2 rows. O(n p^2 / 2).
template <class Derived>
[[nodiscard]] shrunk_covariance ledoit_wolf(const Eigen::MatrixBase<Derived>& returns) {
  auto [s, fourth_power_sum] = bulwark::detail::centred_cross_product_of(
      returns, true, bulwark::detail::covariance_id, "ledoit_wolf");
  const auto n = static_cast<double>(returns.rows());
  const Eigen::Index p = returns.cols();
  s /= n;
  const double mu = s.trace() / static_cast<double>(p);
  double off_diagonal = 0.0;  // sum over i != j of S_ij^2
  for (Eigen::Index j = 0; j + 1 < p; ++j) off_diagonal += s.col(j).tail(p - j - 1).squaredNorm();
  off_diagonal *= 2.0;
  const double diagonal = s.diagonal().squaredNorm();
  const double to_target = off_diagonal + (s.diagonal().array() - mu).square().sum();
  const double d2 = to_target / static_cast<double>(p);
  const double b2_bar =
      (fourth_power_sum / n - (off_diagonal + diagonal)) / (n * static_cast<double>(p));
  const double b2 = std::min(b2_bar, d2);
  const double shrinkage = d2 > 0.0 ? std::clamp(b2 / d2, 0.0, 1.0) : 0.0;
  s *= 1.0 - shrinkage;
  s.diagonal().array() += shrinkage * mu;
  return {std::move(s), shrinkage, mu};
}

/// Ledoit-Wolf shrinkage of a panel's covariance (rows = periods, columns = assets).
[[nodiscard]] inline shrunk_covariance ledoit_wolf(panel_view returns) {
  return ledoit_wolf(bulwark::detail::matrix_of(returns));
}

/// Diagonal loading (ridge): covariance += ridge I. `ridge` is a variance in the units of
/// the matrix (return^2 per period), finite and >= 0; to load by a fraction f of the
/// average variance, pass f * covariance.trace() / p. Makes a positive semi-definite matrix
/// positive definite when ridge > 0, at the cost of biasing every variance up by `ridge`.
/// Throws `input_error` for a bad ridge or a non-square matrix. O(p).
inline void load_diagonal(Eigen::MatrixXd& covariance, double ridge) {
  bulwark::detail::require_non_negative<input_error>(ridge, bulwark::detail::covariance_id,
                                                     "load_diagonal: ridge");
  if (covariance.rows() != covariance.cols()) {
    throw_input_error(bulwark::detail::covariance_id,
                      "load_diagonal: covariance is {} x {}; expected a square matrix",
                      covariance.rows(), covariance.cols());
  }
  covariance.diagonal().array() += ridge;
}

/**
 * @brief A covariance estimator: turns a panel of returns into a covariance matrix.
 *
 * Requirements, for `e` a `const E&` and `returns` a `panel_view` (rows = periods,
 * columns = assets, per-period returns):
 * | expression            | type              | semantics                                    |
 * |-----------------------|-------------------|----------------------------------------------|
 * | `e.estimate(returns)` | `Eigen::MatrixXd` | a cols x cols symmetric matrix in return^2   |
 * |                       |                   | per period; `input_error` on unusable input  |
 *
 * Models: `sample_covariance_estimator`, `ledoit_wolf_estimator`, `diagonal_loading<E>`.
 * See docs/risk_portfolio.md#covarianceestimator.
 */
template <class E>
concept CovarianceEstimator = requires(const E& e, panel_view returns) {
  { e.estimate(returns) } -> std::same_as<Eigen::MatrixXd>;
};

/// The sample covariance (n - 1) as a `CovarianceEstimator`.
struct sample_covariance_estimator {
  [[nodiscard]] Eigen::MatrixXd estimate(panel_view returns) const {
    return sample_covariance(returns);
  }
};

/// Ledoit-Wolf shrinkage toward mu I as a `CovarianceEstimator`.
struct ledoit_wolf_estimator {
  [[nodiscard]] Eigen::MatrixXd estimate(panel_view returns) const {
    return ledoit_wolf(returns).covariance;
  }
};

/// Any estimator's result plus `ridge` I:
/// `diagonal_loading<sample_covariance_estimator>{.ridge = 1e-8}`, or
/// `diagonal_loading<E>{.base = e, .ridge = 1e-8}` for a base `e` with settings. Bad ridge:
/// `input_error` when `estimate` is called.
///
/// Name E: Clang before 17 cannot deduce it from `.base` (it lacks C++20's deduction for
/// aggregates). GCC and later Clang can, and `diagonal_loading{.base = e, .ridge = 1e-8}`
/// works there; there is deliberately no deduction guide, since a declared guide turns that
/// aggregate deduction off.
template <CovarianceEstimator E>
struct diagonal_loading {
  E base{};
  double ridge = 0.0;

  [[nodiscard]] Eigen::MatrixXd estimate(panel_view returns) const {
    Eigen::MatrixXd c = base.estimate(returns);
    load_diagonal(c, ridge);
    return c;
  }
};

/// Runs `estimator` on `returns`. The entry point for generic code: a type that does not
/// model `CovarianceEstimator` gets one readable error here.
template <class E>
[[nodiscard]] Eigen::MatrixXd estimate_covariance(const E& estimator, panel_view returns) {
  static_assert(CovarianceEstimator<E>,
                "bulwark::risk::estimate_covariance: the estimator type does not model "
                "bulwark::risk::CovarianceEstimator (it needs a const member "
                "estimate(panel_view) -> Eigen::MatrixXd); see "
                "docs/risk_portfolio.md#covarianceestimator");
  if constexpr (CovarianceEstimator<E>) {
    return estimator.estimate(returns);
  } else {
    return {};
  }
}

}  // namespace bulwark::risk

/// `shrinkage 0.0123 toward 0.000241 I (5 x 5)`.
template <>
struct fmt::formatter<bulwark::risk::shrunk_covariance> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::shrunk_covariance& s, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "shrinkage {} toward {} I ({} x {})", s.shrinkage,
                          s.target_variance, s.covariance.rows(), s.covariance.cols());
  }
};

template <>
struct fmt::formatter<bulwark::risk::sample_covariance_estimator>
    : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::sample_covariance_estimator&, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "sample covariance (n - 1)");
  }
};

template <>
struct fmt::formatter<bulwark::risk::ledoit_wolf_estimator> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::ledoit_wolf_estimator&, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "Ledoit-Wolf (toward mu I)");
  }
};

/// `<base> + 1e-08 I`; needs a formatter for the base estimator.
template <class E>
struct fmt::formatter<bulwark::risk::diagonal_loading<E>> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::diagonal_loading<E>& e, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} + {} I", e.base, e.ridge);
  }
};
