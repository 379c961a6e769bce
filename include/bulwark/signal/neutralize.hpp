// SPDX-License-Identifier: MIT
/// \file
/// \brief Neutralisation: remove group means (`group_demean`, e.g. sector-neutral scores)
/// or the part of the scores explained by factor exposures (`regression_neutralize`, the
/// least-squares residual). Both are `CrossSectionStep`s.
///
/// Synopsis
/// \code
/// group_demean{.groups = sector_ids}.apply(x, out);                // x - mean of x's group
/// regression_neutralize{.exposures = betas}.apply(x, out);         // x - X b, b = argmin |x - X b|
/// regression_neutralize{.exposures = betas, .intercept = false}.apply(x, out);
/// \endcode
///
/// `group_demean`: `groups[i]` is symbol i's group id (any unsigned number; ids need not be
/// contiguous but the work is O(max id)). Each group's mean is over its present scores.
///
/// `regression_neutralize`: `exposures` is a symbols x factors `panel_view` (row i =
/// symbol i's exposures). A symbol with a NaN score or any NaN exposure is left out of the
/// regression and gets NaN. The residual is orthogonal to every exposure column (and to
/// the constant, with `intercept`); it is well defined even when the exposures are
/// collinear (sector dummies plus an intercept), because it is a projection: the solve is
/// Eigen's complete orthogonal decomposition, which determines the numerical rank and
/// gives the minimum-norm least-squares solution. Dummy exposures reproduce
/// `group_demean`.
///
/// Bad input (`input_error`, id `bulwark.signal.neutralize`): an infinite score or
/// exposure, `groups`, `exposures` or `out` of the wrong size. Outcome, not exception: no
/// present score, or not more usable symbols than regressors, gives NaN everywhere with
/// status `too_few_scores`. `out` may alias `x`. Allocates (group sums; the regression).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <Eigen/Core>
#include <Eigen/QR>

#include "bulwark/core/error.hpp"
#include "bulwark/core/panel.hpp"
#include "bulwark/signal/cross_section.hpp"
#include "bulwark/signal/detail/checks.hpp"
#include "bulwark/signal/detail/formatter.hpp"

namespace bulwark::signal {

namespace detail {
inline constexpr auto neutralize_id = "bulwark.signal.neutralize";
}  // namespace detail

/// x minus the mean of its group's present scores. O(n + max id).
struct group_demean {
  std::span<const std::uint32_t> groups;  ///< group id of each symbol, same size as the scores

  cross_section_stats apply(std::span<const double> x, std::span<double> out) const {
    detail::require_same_size(x, out, detail::neutralize_id, "group_demean");
    if (groups.size() != x.size()) {
      throw_input_error(detail::neutralize_id,
                        "group_demean: {} group ids for {} scores; expected one per score",
                        groups.size(), x.size());
    }
    detail::require_no_infinity(x, detail::neutralize_id, "group_demean: scores");
    const std::uint32_t most = groups.empty() ? 0U : *std::max_element(groups.begin(), groups.end());
    std::vector<double> sum(std::size_t{most} + 1, 0.0);
    std::vector<double> count(std::size_t{most} + 1, 0.0);
    cross_section_stats s;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (std::isnan(x[i])) continue;
      sum[groups[i]] += x[i];
      count[groups[i]] += 1.0;
      ++s.count;
    }
    if (s.count == 0) {
      detail::fill_missing(out);
      return s;
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
      out[i] = x[i] - sum[groups[i]] / count[groups[i]];  // NaN stays NaN
    }
    s.status = cross_section_status::ok;
    return s;
  }
};

/// The least-squares residual of the present scores on the exposures (plus a constant,
/// by default). O(n k^2).
struct regression_neutralize {
  panel_view exposures;   ///< symbols x factors, row-major
  bool intercept = true;  ///< also remove the cross-sectional mean

  cross_section_stats apply(std::span<const double> x, std::span<double> out) const {
    detail::require_same_size(x, out, detail::neutralize_id, "regression_neutralize");
    if (exposures.rows() != x.size()) {
      throw_input_error(detail::neutralize_id,
                        "regression_neutralize: exposures have {} rows for {} scores; "
                        "expected one row per score",
                        exposures.rows(), x.size());
    }
    detail::require_no_infinity(x, detail::neutralize_id, "regression_neutralize: scores");
    detail::require_no_infinity(exposures.values(), detail::neutralize_id,
                                "regression_neutralize: exposures (row-major)");
    const std::size_t factors = exposures.cols();
    std::vector<std::size_t> used;
    used.reserve(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      const auto row = exposures.row(i);
      const bool complete = std::none_of(row.begin(), row.end(), [](double v) { return std::isnan(v); });
      if (!std::isnan(x[i]) && complete) used.push_back(i);
    }
    const std::size_t regressors = factors + (intercept ? 1U : 0U);
    cross_section_stats s;
    s.count = used.size();
    if (used.size() <= regressors) {
      detail::fill_missing(out);
      return s;
    }
    const auto rows = static_cast<Eigen::Index>(used.size());
    Eigen::MatrixXd design(rows, static_cast<Eigen::Index>(regressors));
    Eigen::VectorXd y(rows);
    for (Eigen::Index r = 0; r < rows; ++r) {
      const std::size_t i = used[static_cast<std::size_t>(r)];
      y(r) = x[i];
      Eigen::Index c = 0;
      if (intercept) design(r, c++) = 1.0;
      for (std::size_t f = 0; f < factors; ++f) design(r, c++) = exposures(i, f);
    }
    const Eigen::VectorXd residual = y - design * design.completeOrthogonalDecomposition().solve(y);
    detail::fill_missing(out);  // x is fully read above, so writing `out` is alias-safe
    for (Eigen::Index r = 0; r < rows; ++r) out[used[static_cast<std::size_t>(r)]] = residual(r);
    s.status = cross_section_status::ok;
    return s;
  }
};

}  // namespace bulwark::signal

/// Formats as `group_demean over 500 symbols`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::group_demean, g, "group_demean over {} symbols",
                                g.groups.size())
/// Formats as `regression_neutralize on 3 exposures and a constant`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::regression_neutralize, r,
                                "regression_neutralize on {} exposures{}", r.exposures.cols(),
                                r.intercept ? " and a constant" : "")
