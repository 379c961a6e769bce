// SPDX-License-Identifier: MIT
/// \file
/// \brief The cross-sectional composition pattern: `cross_section_stats` (what a step saw and
/// did), the `CrossSectionStep` concept, and `cross_section_pipeline`, the composer that
/// runs steps left to right (`winsorize_mad{} | zscore{}`) and reports each step's stats.
///
/// Synopsis
/// \code
/// enum class cross_section_status { ok, too_few_scores, no_dispersion };
/// struct cross_section_stats { count, location, scale, lower, upper, clipped, status; ok(); };
/// template <class S> concept CrossSectionStep;     // s.apply(x, out) -> cross_section_stats
/// auto p = step_a | step_b | step_c;               // cross_section_pipeline<A, B, C>
/// std::array<cross_section_stats, 3> per_step = p.apply(scores, out);
/// \endcode
///
/// A cross-section is one row of scores over a universe (one instant). NaN marks a missing
/// symbol: every step excludes it from its statistics and writes NaN in its place, and
/// `count` says how many symbols took part. An infinite score is rejected (`input_error`
/// naming its index): it is a bug upstream, not a strong view.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "bulwark/detail/format.hpp"

namespace bulwark::signal {

/// Whether a step could produce values for the cross-section.
enum class cross_section_status : std::uint8_t {
  ok,              ///< outputs hold values
  too_few_scores,  ///< fewer present scores than the step needs; outputs are NaN
  no_dispersion,   ///< the scale is 0 (e.g. all scores equal); see each step for the output
};

[[nodiscard]] constexpr std::string_view to_string(cross_section_status s) noexcept {
  switch (s) {
    case cross_section_status::ok: return "ok";
    case cross_section_status::too_few_scores: return "too_few_scores";
    case cross_section_status::no_dispersion: return "no_dispersion";
  }
  return "unknown";
}

/// What one step saw and did: the breakdown a report prints. Fields a step does not use
/// stay NaN (numbers) or 0 (`clipped`).
struct cross_section_stats {
  std::size_t count = 0;  ///< present (non-NaN) scores used
  double location = std::numeric_limits<double>::quiet_NaN();  ///< centre subtracted
  double scale = std::numeric_limits<double>::quiet_NaN();     ///< divisor applied
  double lower = std::numeric_limits<double>::quiet_NaN();     ///< lower clip bound
  double upper = std::numeric_limits<double>::quiet_NaN();     ///< upper clip bound
  std::size_t clipped = 0;  ///< outputs moved to a clip bound
  cross_section_status status = cross_section_status::too_few_scores;

  [[nodiscard]] constexpr bool ok() const noexcept { return status == cross_section_status::ok; }
};

/**
 * @brief One cross-sectional transform: scores in, transformed scores out.
 *
 * Requirements, for `s` a `const S&`, `x` a `std::span<const double>` and `out` a
 * `std::span<double>`:
 * | expression      | type                  | semantics                                      |
 * |-----------------|-----------------------|------------------------------------------------|
 * | `s.apply(x, out)` | `cross_section_stats` | writes one value per element of `x`; NaN in, NaN out; |
 * |                 |                       | must work when `out` aliases `x` exactly (in place) |
 *
 * Models: `demean`, `zscore`, `robust_zscore`, `percentile_rank`, `winsorize_quantile`,
 * `winsorize_mad`, `group_demean`, `regression_neutralize`. See docs/signal.md#pipelines.
 */
template <class S>
concept CrossSectionStep =
    requires(const S& s, std::span<const double> x, std::span<double> out) {
      { s.apply(x, out) } -> std::same_as<cross_section_stats>;
    };

/// Steps run left to right: the first reads `x` and writes `out`, the others transform
/// `out` in place. `apply` returns each step's stats, in order.
template <class... Steps>
class cross_section_pipeline {
  static_assert(sizeof...(Steps) > 0, "a cross_section_pipeline needs at least one step");
  static_assert((CrossSectionStep<Steps> && ...),
                "bulwark::signal::cross_section_pipeline: every step must model "
                "bulwark::signal::CrossSectionStep (apply(span<const double>, span<double>) "
                "-> cross_section_stats); see docs/signal.md#pipelines");

 public:
  constexpr explicit cross_section_pipeline(Steps... steps) : steps_(std::move(steps)...) {}

  /// Runs every step; throws what the steps throw (bad input, bad configuration).
  std::array<cross_section_stats, sizeof...(Steps)> apply(std::span<const double> x,
                                                          std::span<double> out) const {
    std::array<cross_section_stats, sizeof...(Steps)> stats{};
    run(x, out, stats, std::index_sequence_for<Steps...>{});
    return stats;
  }

  [[nodiscard]] constexpr const std::tuple<Steps...>& steps() const noexcept { return steps_; }

 private:
  template <std::size_t... I>
  void run(std::span<const double> x, std::span<double> out,
           std::array<cross_section_stats, sizeof...(Steps)>& stats,
           std::index_sequence<I...>) const {
    ((stats[I] = std::get<I>(steps_).apply(I == 0 ? x : std::span<const double>(out), out)),
     ...);
  }

  std::tuple<Steps...> steps_;
};

/// `a | b`: a pipeline of two steps.
template <CrossSectionStep A, CrossSectionStep B>
[[nodiscard]] constexpr cross_section_pipeline<A, B> operator|(A a, B b) {
  return cross_section_pipeline<A, B>{std::move(a), std::move(b)};
}

/// `pipeline | step`: the pipeline with one more step at the end.
template <class... Steps, CrossSectionStep B>
[[nodiscard]] constexpr cross_section_pipeline<Steps..., B> operator|(
    cross_section_pipeline<Steps...> p, B b) {
  return std::apply(
      [&b](const Steps&... steps) { return cross_section_pipeline<Steps..., B>{steps..., std::move(b)}; },
      p.steps());
}

}  // namespace bulwark::signal

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::signal::cross_section_status)

/// Formats as `n=38 location=0.0012 scale=0.021 clipped=2 ok` (fields a step does not use
/// are left out).
template <>
struct fmt::formatter<bulwark::signal::cross_section_stats> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::signal::cross_section_stats& s, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "n={}", s.count);
    if (s.location == s.location) out = fmt::format_to(out, " location={}", s.location);
    if (s.scale == s.scale) out = fmt::format_to(out, " scale={}", s.scale);
    if (s.lower == s.lower) out = fmt::format_to(out, " bounds=[{}, {}]", s.lower, s.upper);
    if (s.clipped != 0) out = fmt::format_to(out, " clipped={}", s.clipped);
    return fmt::format_to(out, " {}", bulwark::signal::to_string(s.status));
  }
};

/// Formats a pipeline as its steps joined by ` | `, e.g.
/// `winsorize median -+ 5 robust sd | zscore` (each step must be formattable).
template <class... Steps>
struct fmt::formatter<bulwark::signal::cross_section_pipeline<Steps...>>
    : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::signal::cross_section_pipeline<Steps...>& p, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = ctx.out();
    bool first = true;
    std::apply(
        [&](const auto&... step) {
          ((out = fmt::format_to(out, "{}{}", first ? "" : " | ", step), first = false), ...);
        },
        p.steps());
    return out;
  }
};
