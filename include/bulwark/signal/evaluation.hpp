// SPDX-License-Identifier: MIT
/// \file
/// \brief How good a signal is: the information coefficient (IC, Pearson), the rank IC
/// (Spearman) between scores and the returns that followed, per cross-section and over
/// time, and the IC summary with the ICIR.
///
/// Synopsis
/// \code
/// double ic  = information_coefficient(scores, forward_returns);        // Pearson
/// double ric = rank_information_coefficient(scores, forward_returns);   // Spearman
/// std::vector<double> ics = information_coefficients(score_panel, return_panel,
///                                                    correlation_method::spearman);
/// ic_summary s = summarize_ic(ics);    // s.mean, s.stddev, s.icir, s.t_statistic, s.periods
/// \endcode
///
/// A cross-section uses the symbols where both the score and the forward return are
/// present (not NaN); the rest are left out, as pandas' `corrwith` and scipy's
/// `spearmanr(..., nan_policy="omit")` do. The rank IC is the Pearson correlation of the
/// average ranks (ties share their mean rank) of those complete pairs, so it equals
/// `scipy.stats.spearmanr`. Fewer than 2 complete pairs, or no dispersion in either, gives
/// NaN: there is no IC for that period, and `summarize_ic` leaves it out and says how many
/// periods it used.
///
/// ICIR = mean(IC) / sd(IC) (sample sd, n - 1) over the periods with an IC; it is per
/// period, not annualised. t = ICIR sqrt(n), the t statistic of mean IC = 0 for
/// independent periods. Forward returns must not overlap in time for that t to hold.
///
/// Bad input (`input_error`, id `bulwark.signal.evaluation`): an infinite value, inputs of
/// different sizes or shapes.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/panel.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/signal/detail/checks.hpp"
#include "bulwark/signal/detail/formatter.hpp"
#include "bulwark/signal/rank.hpp"

namespace bulwark::signal {

enum class correlation_method : std::uint8_t { pearson, spearman };

[[nodiscard]] constexpr std::string_view to_string(correlation_method m) noexcept {
  return m == correlation_method::pearson ? "pearson" : "spearman";
}

namespace detail {

inline constexpr auto evaluation_id = "bulwark.signal.evaluation";

// Pearson correlation over the pairs where both are present. Two passes (means, then
// centred products): no cancellation from raw sums of squares.
[[nodiscard]] inline double pearson_of_complete(std::span<const double> a,
                                                std::span<const double> b) noexcept {
  double n = 0.0, sum_a = 0.0, sum_b = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) || std::isnan(b[i])) continue;
    n += 1.0;
    sum_a += a[i];
    sum_b += b[i];
  }
  if (n < 2.0) return std::numeric_limits<double>::quiet_NaN();
  const double mean_a = sum_a / n;
  const double mean_b = sum_b / n;
  double saa = 0.0, sbb = 0.0, sab = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) || std::isnan(b[i])) continue;
    const double da = a[i] - mean_a;
    const double db = b[i] - mean_b;
    saa += da * da;
    sbb += db * db;
    sab += da * db;
  }
  if (!(saa > 0.0 && sbb > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  return sab / std::sqrt(saa * sbb);
}

[[nodiscard]] inline double spearman_of_complete(std::span<const double> a,
                                                 std::span<const double> b) {
  std::vector<double> ra, rb;
  ra.reserve(a.size());
  rb.reserve(b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) || std::isnan(b[i])) continue;
    ra.push_back(a[i]);
    rb.push_back(b[i]);
  }
  average_ranks(ra, ra);
  average_ranks(rb, rb);
  return pearson_of_complete(ra, rb);
}

}  // namespace detail

/// Pearson correlation of scores and forward returns over the complete pairs (NaN when
/// there is none to compute; see the file comment). O(n), no allocation.
[[nodiscard]] inline double information_coefficient(std::span<const double> scores,
                                                    std::span<const double> forward_returns) {
  detail::require_matching(scores, "scores", forward_returns, "returns",
                           detail::allowed_values::finite_or_missing, detail::evaluation_id,
                           "information_coefficient");
  return detail::pearson_of_complete(scores, forward_returns);
}

/// Spearman rank correlation over the complete pairs. O(n log n); allocates the ranks.
[[nodiscard]] inline double rank_information_coefficient(std::span<const double> scores,
                                                         std::span<const double> forward_returns) {
  detail::require_matching(scores, "scores", forward_returns, "returns",
                           detail::allowed_values::finite_or_missing, detail::evaluation_id,
                           "rank_information_coefficient");
  return detail::spearman_of_complete(scores, forward_returns);
}

/// The IC of each row (period) of two panels of the same shape: row t of `scores` against
/// row t of `forward_returns`. Throws `input_error` for other shapes.
[[nodiscard]] inline std::vector<double> information_coefficients(
    panel_view scores, panel_view forward_returns, correlation_method method) {
  if (scores.rows() != forward_returns.rows() || scores.cols() != forward_returns.cols()) {
    throw_input_error(detail::evaluation_id,
                      "information_coefficients: scores are {} x {} and returns {} x {}; "
                      "expected the same shape",
                      scores.rows(), scores.cols(), forward_returns.rows(),
                      forward_returns.cols());
  }
  std::vector<double> out(scores.rows());
  for (std::size_t t = 0; t < scores.rows(); ++t) {
    out[t] = method == correlation_method::pearson
                 ? information_coefficient(scores.row(t), forward_returns.row(t))
                 : rank_information_coefficient(scores.row(t), forward_returns.row(t));
  }
  return out;
}

/// The IC over time. Fields are NaN when fewer than 2 periods have an IC (the ratios also
/// when the IC never varies).
struct ic_summary {
  std::size_t periods = 0;  ///< periods with an IC (NaN ones left out)
  double mean = std::numeric_limits<double>::quiet_NaN();
  double stddev = std::numeric_limits<double>::quiet_NaN();  ///< sample sd, n - 1
  double icir = std::numeric_limits<double>::quiet_NaN();    ///< mean / stddev, per period
  double t_statistic = std::numeric_limits<double>::quiet_NaN();  ///< icir * sqrt(periods)
};

/// Summarises an IC series (NaN periods left out, with core's mean and sample_stddev).
[[nodiscard]] inline ic_summary summarize_ic(std::span<const double> ic) {
  const auto present = detail::present_values(ic, detail::evaluation_id, "summarize_ic: ic");
  ic_summary s;
  s.periods = present.size();
  if (present.size() < 2) return s;
  s.mean = mean(present);
  s.stddev = sample_stddev(present);
  if (!(s.stddev > 0.0)) return s;  // every period the same IC: no ratio
  s.icir = s.mean / s.stddev;
  s.t_statistic = s.icir * std::sqrt(static_cast<double>(s.periods));
  return s;
}

}  // namespace bulwark::signal

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::signal::correlation_method)

/// Formats as `IC mean 0.021 sd 0.11 ICIR 0.19 t 4.2 over 250 periods`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::ic_summary, s,
                                "IC mean {:.4f} sd {:.4f} ICIR {:.4f} t {:.2f} over {} periods",
                                s.mean, s.stddev, s.icir, s.t_statistic, s.periods)
