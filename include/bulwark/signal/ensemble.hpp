// SPDX-License-Identifier: MIT
/// \file
/// \brief Ensembles of `SignalModel`s: a weighted average of the members' scores after
/// putting them on a common scale (z-scores, percentile ranks, or as they are), each
/// member weighted and switchable at run time. An ensemble is itself a `SignalModel`.
///
/// Synopsis
/// \code
/// ensemble e{member_scale::zscore, {0.6, 0.4}, momentum, reversal};  // lvalues by reference
/// ensemble r{member_scale::rank, {1.0, 1.0, 1.0}, a, b, c};          // rank-average
/// e.predict(ctx, scores);           // or predict_checked(e, ctx, scores)
/// e.enable(1, false);               // switch the second model off
/// e.set_weight(0, 0.8);
/// e.member_scores(0);               // model 0's scaled scores from the last predict
/// e.status(0);                      // member_status::ok, off, too_few_scores, no_dispersion
/// e.has_view();                     // false: the last predict wrote all NaN
/// e.model<0>();                     // the model itself
/// \endcode
///
/// For each enabled member i with weight w_i > 0, its scores s_i come from
/// `predict_checked` (so every member gets the same look-ahead-free context and its
/// infinite scores are rejected) and are put on the common scale cross-sectionally:
/// `zscore` (the default for a weighted ensemble: weights mean something only on a common
/// scale), `rank` (percentile ranks: a rank-average ensemble, robust to any monotone
/// rescaling of a member), or `raw`. Then for each symbol
///
///     score = sum_i w_i s_i / sum_i w_i    over the members with a present score there,
///
/// so a member with no view on a symbol (NaN) drops out of that symbol's average rather
/// than pulling it to 0; a symbol no enabled member scores stays NaN (no view). With every
/// member switched off or weighted 0 the ensemble has no view at all: all NaN, and so no
/// positions downstream (fail closed).
///
/// A member that is on but cannot score the cross-section as a whole (no present score, or,
/// on the z-score scale, all scores equal: the scaling step's `cross_section_status` is not
/// `ok`) fails closed too: the ensemble writes all NaN rather than silently handing its
/// weight to the others, and `status(i)` says which member and why. Dropping such a
/// member is the caller's explicit decision (`enable(i, false)`), after which the weights
/// of the members still on are renormalised as above.
///
/// Members are stored as given: an lvalue model is held by reference (it must outlive the
/// ensemble), an rvalue is moved in. Weights must be finite and >= 0 (`config_error`, id
/// `bulwark.signal.ensemble`, at construction and in `set_weight`); a member index out of
/// range is a contract violation. `predict` allocates only when the universe size changes.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/signal_model.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/signal/normalize.hpp"
#include "bulwark/signal/rank.hpp"

namespace bulwark::signal {

namespace detail {
inline constexpr auto ensemble_id = "bulwark.signal.ensemble";
}  // namespace detail

/// How each member's scores are put on a common scale before the weighted average.
enum class member_scale : std::uint8_t {
  raw,     ///< as the model wrote them
  zscore,  ///< cross-sectional z-score (`zscore`)
  rank,    ///< percentile rank (`percentile_rank`): a rank-average ensemble
};

[[nodiscard]] constexpr std::string_view to_string(member_scale s) noexcept {
  switch (s) {
    case member_scale::raw: return "raw";
    case member_scale::zscore: return "zscore";
    case member_scale::rank: return "rank";
  }
  return "unknown";
}

/// What member i did at the last `predict`.
enum class member_status : std::uint8_t {
  off,             ///< switched off or weighted 0: not called, takes no part
  ok,              ///< scored and scaled
  too_few_scores,  ///< no present score (or, on the z-score scale, fewer than 2)
  no_dispersion,   ///< on the z-score scale, every present score equal
};

[[nodiscard]] constexpr std::string_view to_string(member_status s) noexcept {
  switch (s) {
    case member_status::off: return "off";
    case member_status::ok: return "ok";
    case member_status::too_few_scores: return "too_few_scores";
    case member_status::no_dispersion: return "no_dispersion";
  }
  return "unknown";
}

template <class... Models>
class ensemble {
  static constexpr std::size_t size_ = sizeof...(Models);
  static_assert(size_ > 0, "an ensemble needs at least one model");
  static_assert((SignalModel<std::remove_reference_t<Models>> && ...),
                "bulwark::signal::ensemble: every member must model bulwark::SignalModel "
                "(predict(const model_context&, std::span<double>)); see "
                "docs/concepts.md#signalmodel");

 public:
  /// Throws `config_error` (id `bulwark.signal.ensemble`) for a weight that is not finite
  /// and >= 0. Use the deduction guide: `ensemble{scale, {w...}, models...}`.
  template <class... Ms>
  ensemble(member_scale scale, std::array<double, sizeof...(Models)> weights, Ms&&... models)
      : scale_(scale), weights_(weights), models_(std::forward<Ms>(models)...) {
    for (std::size_t i = 0; i < size_; ++i) check_weight(i, weights[i]);
    enabled_.fill(true);
  }

  /// Scores the universe: see the file comment. Throws `input_error` (id
  /// `bulwark.signal.ensemble`) when `scores` is not of the universe's size, and what
  /// `predict_checked` throws for a member (look-ahead, shapes, infinite scores).
  void predict(const model_context& ctx, std::span<double> scores) {
    const std::size_t n = ctx.universe.size();
    if (scores.size() != n) {
      throw_input_error(detail::ensemble_id, "scores has {} elements for a universe of {}",
                        scores.size(), n);
    }
    if (member_scores_.size() != size_ * n) member_scores_.assign(size_ * n, 0.0);
    run_members(ctx, std::index_sequence_for<Models...>{});
    // A view needs one member that scored, and no member on that could not (fail closed).
    bool scored = false;
    bool failed = false;
    for (const member_status st : status_) {
      scored = scored || st == member_status::ok;
      failed = failed || (st != member_status::ok && st != member_status::off);
    }
    has_view_ = scored && !failed;
    if (!has_view_) {
      detail::fill_missing(scores);
      return;
    }
    for (std::size_t j = 0; j < scores.size(); ++j) {
      double sum = 0.0;
      double weight = 0.0;
      for (std::size_t i = 0; i < size_; ++i) {
        const double s = member_scores_[i * n + j];
        if (!active(i) || std::isnan(s)) continue;
        sum += weights_[i] * s;
        weight += weights_[i];
      }
      scores[j] = weight > 0.0 ? sum / weight : std::numeric_limits<double>::quiet_NaN();
    }
  }

  static constexpr std::size_t size() noexcept { return size_; }

  /// Switches member i on or off (takes effect at the next predict).
  void enable(std::size_t i, bool on = true) {
    BULWARK_EXPECTS(i < size_);
    enabled_[i] = on;
  }
  [[nodiscard]] bool enabled(std::size_t i) const {
    BULWARK_EXPECTS(i < size_);
    return enabled_[i];
  }

  /// Sets member i's weight; throws `config_error` unless finite and >= 0.
  void set_weight(std::size_t i, double w) {
    BULWARK_EXPECTS(i < size_);
    check_weight(i, w);
    weights_[i] = w;
  }
  [[nodiscard]] double weight(std::size_t i) const {
    BULWARK_EXPECTS(i < size_);
    return weights_[i];
  }
  [[nodiscard]] member_scale scale() const noexcept { return scale_; }

  /// Member i's scores from the last predict, after scaling: the per-member breakdown.
  /// All NaN when the member was off (or weighted 0).
  [[nodiscard]] std::span<const double> member_scores(std::size_t i) const {
    BULWARK_EXPECTS(i < size_);
    const std::size_t n = member_scores_.size() / size_;
    return std::span<const double>(member_scores_).subspan(i * n, n);
  }

  /// What member i did at the last `predict` (`off` before the first).
  [[nodiscard]] member_status status(std::size_t i) const {
    BULWARK_EXPECTS(i < size_);
    return status_[i];
  }

  /// Whether the last `predict` wrote scores: at least one member on, and every member on
  /// able to score. False before the first `predict`.
  [[nodiscard]] bool has_view() const noexcept { return has_view_; }

  template <std::size_t I>
  [[nodiscard]] auto& model() noexcept {
    return std::get<I>(models_);
  }
  template <std::size_t I>
  [[nodiscard]] const auto& model() const noexcept {
    return std::get<I>(models_);
  }

 private:
  [[nodiscard]] bool active(std::size_t i) const noexcept {
    return enabled_[i] && weights_[i] > 0.0;
  }

  static void check_weight(std::size_t i, double w) {
    if (!(std::isfinite(w) && w >= 0.0)) {
      throw_config_error(detail::ensemble_id,
                         "weight of member {} is {}; expected finite and >= 0", i, w);
    }
  }

  template <std::size_t... I>
  void run_members(const model_context& ctx, std::index_sequence<I...>) {
    (run_member(I, std::get<I>(models_), ctx), ...);
  }

  template <class M>
  void run_member(std::size_t i, M& model, const model_context& ctx) {
    const std::size_t n = ctx.universe.size();
    const std::span<double> out = std::span<double>(member_scores_).subspan(i * n, n);
    if (!active(i)) {
      detail::fill_missing(out);
      status_[i] = member_status::off;
      return;
    }
    predict_checked(model, ctx, out);
    cross_section_status scaled = cross_section_status::too_few_scores;
    switch (scale_) {
      case member_scale::raw:
        for (double v : out) {
          if (!std::isnan(v)) scaled = cross_section_status::ok;
        }
        break;
      case member_scale::zscore: scaled = zscore{}.apply(out, out).status; break;
      case member_scale::rank: scaled = percentile_rank{}.apply(out, out).status; break;
    }
    switch (scaled) {
      case cross_section_status::ok: status_[i] = member_status::ok; break;
      case cross_section_status::too_few_scores: status_[i] = member_status::too_few_scores; break;
      case cross_section_status::no_dispersion: status_[i] = member_status::no_dispersion; break;
    }
  }

  member_scale scale_;
  std::array<double, size_> weights_;
  std::array<bool, size_> enabled_{};
  std::array<member_status, size_> status_{};  // value-initialised: off
  bool has_view_ = false;
  std::tuple<Models...> models_;
  std::vector<double> member_scores_;
};

/// Lvalue models are held by reference, rvalues by value.
template <class... Ms>
ensemble(member_scale, std::array<double, sizeof...(Ms)>, Ms&&...) -> ensemble<Ms...>;

}  // namespace bulwark::signal

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::signal::member_scale)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::signal::member_status)

/// Formats as `ensemble of 2 on zscore scale: 0.6 on, 0.4 off`.
template <class... Models>
struct fmt::formatter<bulwark::signal::ensemble<Models...>> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::signal::ensemble<Models...>& e, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "ensemble of {} on {} scale:", e.size(),
                              bulwark::signal::to_string(e.scale()));
    for (std::size_t i = 0; i < e.size(); ++i) {
      out = fmt::format_to(out, "{} {} {}", i == 0 ? "" : ",", e.weight(i),
                           e.enabled(i) ? "on" : "off");
    }
    return out;
  }
};
