// SPDX-License-Identifier: MIT
/// \file
/// \brief Multivariate Kelly: the growth-optimal weights of a book of correlated assets,
/// w* = Sigma^-1 mu, by Cholesky factorisation, with Sigma given or estimated (sample,
/// Ledoit-Wolf or ridge) from a panel of returns.
///
/// Synopsis
/// \code
/// Eigen::VectorXd kelly_weights(mean_excess, covariance);              // Sigma^-1 mu
/// const Eigen::VectorXd& kelly_weights(mean_excess, covariance, workspace);
///   // the same, in a reused kelly_workspace: no allocation when p is unchanged
/// Eigen::VectorXd kelly_weights(mean_excess, returns, estimator);      // Sigma estimated
/// Eigen::VectorXd kelly_weights_from_returns(returns, risk_free_per_period, estimator);
///   // estimator: risk::ledoit_wolf_estimator{}, risk::sample_covariance_estimator{},
///   //            risk::diagonal_loading<E>{.ridge = 1e-6}, or any CovarianceEstimator
/// \endcode
///
/// Model (Merton 1969; Thorp 2006, §7): with per-period excess returns of mean mu and
/// covariance Sigma, continuously rebalanced weights w grow log wealth at
/// w'mu - w'Sigma w / 2, maximised by w* = Sigma^-1 mu. With one asset this is
/// `kelly_fraction_continuous` (mu / sigma^2). Units: mu and Sigma per the same period;
/// w* is period-free, a vector of fractions of equity (leverage when sum |w| > 1). These
/// weights are large and fragile when Sigma is estimated; take a fraction of them
/// (`fractional_kelly`), shrink Sigma (Ledoit-Wolf), and cap them (`apply_caps`).
///
/// Numerics: Sigma is checked (square, finite, symmetric to 1e-12 relative, variances >= 0,
/// by `risk::check_covariance`), its lower triangle factorised as L L' into the workspace
/// by a blocked right-looking Cholesky (Golub and Van Loan, "Matrix Computations", 4th
/// ed., Algorithm 4.2.4; `bulwark/detail/cholesky.hpp`), then w = L'^-1 L^-1 mu. Cost
/// p^3 / 3 + 2 p^2 flops; about p^2 + 97 p doubles of workspace (the factor, two packed
/// 48-column panels, the weights), a `kelly_workspace` that a caller can keep so that
/// repeated calls for p assets allocate nothing. The blocks are 48 columns wide; the panel
/// solves and the trailing updates, which at p = 500 carry all but about 1 % of the flops,
/// run in a register-tiled product kernel: on SSE2 pairs at the default x86-64 flags, on
/// four lanes with fused multiply-adds where the processor has AVX2 and FMA (chosen at run
/// time). Where the compiler fuses them (Clang, g++ at -O2), the weights then differ in the
/// last bits from those of an SSE2-only processor.
///
/// Bad input is an `input_error` with id `bulwark.sizing.kelly_weights`: sizes that do not
/// match, a non-finite mean (named by index), a covariance that fails the checks above
/// (the defect and where), or one that is not positive definite to working precision
/// (a Cholesky pivot <= 0; the message gives the smallest eigenvalue), one that is singular
/// to working precision (an asset whose variance the earlier assets explain but for a share
/// below p x epsilon: a pivot L(k, k)^2 < p eps Sigma(k, k)), or a solution that
/// overflows. A singular covariance (more assets than periods, or an asset that is a
/// combination of others) is rejected, not pseudo-inverted: shrink it or load its diagonal.
#pragma once

#include <limits>
#include <span>
#include <string_view>
#include <utility>

#include <Eigen/Core>

#include "bulwark/core/error.hpp"
#include "bulwark/core/panel.hpp"
#include "bulwark/detail/cholesky.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/risk/covariance.hpp"
#include "bulwark/risk/matrix_check.hpp"

namespace bulwark::sizing {

namespace detail {

inline constexpr std::string_view kelly_weights_id = "bulwark.sizing.kelly_weights";

// Sizes the factorisation's storage for `assets` assets: the factor and the kernel's
// packing buffer (each resized only when its size differs).
inline void size_factorisation(Eigen::MatrixXd& factor, Eigen::VectorXd& packed,
                               Eigen::Index assets) {
  factor.resize(assets, assets);
  packed.resize(bulwark::detail::cholesky_packing_size(assets));
}

// The factorisation as `kelly_weights` runs it: storage sized by `size_factorisation`, then
// L of `covariance` (lower triangle read) into `factor`'s lower triangle, with `packed` as
// the kernel's packing storage, by the kernels `kernel`. Returns false as
// `bulwark::detail::cholesky_into`.
inline bool factorise_into(
    Eigen::MatrixXd& factor, Eigen::VectorXd& packed,
    const Eigen::Ref<const Eigen::MatrixXd>& covariance,
    bulwark::detail::cholesky_kernel kernel = bulwark::detail::fastest_cholesky_kernel()) {
  size_factorisation(factor, packed, covariance.rows());
  return bulwark::detail::cholesky_into(covariance, factor, packed.data(), kernel);
}

}  // namespace detail

/// Reusable storage for `kelly_weights(mean_excess, covariance, workspace)`: the p x p
/// Cholesky factor, the factorisation's two packed panels and the p weights. A call for as many
/// assets as the previous one (or as `reserve(p)`) allocates nothing; a call for another
/// number resizes them, once.
class kelly_workspace {
 public:
  kelly_workspace() = default;
  /// Storage for `assets` assets, allocated now.
  explicit kelly_workspace(Eigen::Index assets) { reserve(assets); }

  /// Sizes the storage for `assets` assets (allocates unless it already is).
  void reserve(Eigen::Index assets) {
    detail::size_factorisation(factor_, packed_, assets);
    weights_.resize(assets);
  }

 private:
  friend const Eigen::VectorXd& kelly_weights(const Eigen::Ref<const Eigen::VectorXd>&,
                                              const Eigen::Ref<const Eigen::MatrixXd>&,
                                              kelly_workspace&);
  friend Eigen::VectorXd kelly_weights(const Eigen::Ref<const Eigen::VectorXd>&,
                                       const Eigen::Ref<const Eigen::MatrixXd>&);
  Eigen::MatrixXd factor_;   // L in the lower triangle; the strict upper one unused
  Eigen::VectorXd packed_;   // the factorisation's two packed panels
  Eigen::VectorXd weights_;
};

/// The multivariate Kelly weights w* = Sigma^-1 mu of assets with per-period mean excess
/// returns `mean_excess` and covariance `covariance` (see the file comment), computed in
/// `workspace`: the result is a reference into it, valid until its next use. O(p^3 / 3);
/// allocates nothing when `workspace` already holds p assets. Throws `input_error` on bad
/// input (see the file comment).
inline const Eigen::VectorXd& kelly_weights(const Eigen::Ref<const Eigen::VectorXd>& mean_excess,
                                            const Eigen::Ref<const Eigen::MatrixXd>& covariance,
                                            kelly_workspace& workspace) {
  if (covariance.rows() != mean_excess.size()) {
    throw_input_error(detail::kelly_weights_id,
                      "kelly_weights: {} mean(s) for a {} x {} covariance; expected one per row",
                      mean_excess.size(), covariance.rows(), covariance.cols());
  }
  bulwark::detail::require_finite(
      std::span<const double>(mean_excess.data(), static_cast<std::size_t>(mean_excess.size())),
      detail::kelly_weights_id, "kelly_weights: mean_excess");
  risk::require_covariance(covariance, detail::kelly_weights_id, "kelly_weights: covariance");
  Eigen::MatrixXd& factor = workspace.factor_;
  if (!detail::factorise_into(factor, workspace.packed_, covariance)) {
    // Names the smallest eigenvalue; computed only on this failure path.
    risk::require_positive_definite(covariance, detail::kelly_weights_id,
                                    "kelly_weights: covariance");
    throw_input_error(detail::kelly_weights_id,
                      "kelly_weights: covariance is not positive definite (a Cholesky pivot "
                      "is <= 0)");
  }
  // L(k, k)^2 / Sigma(k, k) = 1 - R^2 of asset k regressed on assets 0 .. k-1: the share of
  // its variance the others do not explain. Below p x machine epsilon the pivot is rounding
  // noise of a singular matrix, and w* would be that noise amplified.
  const double tolerance = static_cast<double>(covariance.rows()) *
                           std::numeric_limits<double>::epsilon();
  for (Eigen::Index k = 0; k < covariance.rows(); ++k) {
    const double unexplained = factor(k, k) * factor(k, k) / covariance(k, k);
    if (unexplained < tolerance) {
      throw_input_error(detail::kelly_weights_id,
                        "kelly_weights: covariance is numerically singular: asset {} is a linear "
                        "combination of assets 0..{} up to {:.3g} of its variance (at most {:.3g} "
                        "allowed); shrink the covariance or load its diagonal",
                        k, k - 1, unexplained, tolerance);
    }
  }
  Eigen::VectorXd& w = workspace.weights_;
  w = mean_excess;
  const auto lower = factor.triangularView<Eigen::Lower>();
  lower.solveInPlace(w);
  lower.adjoint().solveInPlace(w);
  if (!w.allFinite()) {  // overflow: entries near the ends of the double range
    throw_input_error(detail::kelly_weights_id,
                      "kelly_weights: the solution overflows; covariance entries span too wide a "
                      "range to factorise in double precision");
  }
  return w;
}

/// The multivariate Kelly weights w* = Sigma^-1 mu, in a fresh vector: the overload above
/// with a workspace of its own (about p^2 + 97 p doubles allocated per call; the weights
/// are moved out). Throws as it.
[[nodiscard]] inline Eigen::VectorXd kelly_weights(
    const Eigen::Ref<const Eigen::VectorXd>& mean_excess,
    const Eigen::Ref<const Eigen::MatrixXd>& covariance) {
  kelly_workspace workspace;
  kelly_weights(mean_excess, covariance, workspace);
  return std::move(workspace.weights_);
}

/// The Kelly weights with Sigma estimated from `returns` (rows = periods, columns = assets,
/// per-period returns in the period of `mean_excess`) by `estimator`, a
/// `risk::CovarianceEstimator`: `risk::ledoit_wolf_estimator{}` shrinks toward a scaled
/// identity, `risk::diagonal_loading<E>{...}` adds a ridge. Throws as `kelly_weights` and as
/// the estimator (id `bulwark.risk.covariance` for a bad panel).
template <class Estimator>
[[nodiscard]] Eigen::VectorXd kelly_weights(const Eigen::Ref<const Eigen::VectorXd>& mean_excess,
                                            panel_view returns, const Estimator& estimator) {
  return kelly_weights(mean_excess, risk::estimate_covariance(estimator, returns));
}

/// The Kelly weights with both moments estimated from `returns`: mu_j = mean of column j
/// minus `risk_free_per_period`, Sigma from `estimator`. Throws as the overload above, and
/// `input_error` (id `bulwark.sizing.kelly_weights`) for a non-finite risk-free rate.
template <class Estimator>
[[nodiscard]] Eigen::VectorXd kelly_weights_from_returns(panel_view returns,
                                                         double risk_free_per_period,
                                                         const Estimator& estimator) {
  bulwark::detail::require_finite_value<input_error>(
      risk_free_per_period, detail::kelly_weights_id,
      "kelly_weights_from_returns: risk-free rate");
  Eigen::MatrixXd sigma = risk::estimate_covariance(estimator, returns);
  const Eigen::VectorXd mu =
      (bulwark::detail::column_sums(bulwark::detail::matrix_of(returns)).array() /
           static_cast<double>(returns.rows()) -
       risk_free_per_period)
          .transpose();
  return kelly_weights(mu, sigma);
}

}  // namespace bulwark::sizing
