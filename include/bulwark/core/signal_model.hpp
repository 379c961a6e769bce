// SPDX-License-Identifier: MIT
/// \file
/// \brief The `SignalModel` concept (the user's predictive model) and `predict_checked`,
/// the entry point that hands a model only the past and checks what it returns.
///
/// Synopsis
/// \code
/// struct model_context { timestamp asof; span<const symbol> universe;
///                        span<const timestamp> times; panel_view close; };
/// template <class M> concept SignalModel;   // m.predict(ctx, scores)
/// void predict_checked(SignalModel auto& m, const model_context& ctx, span<double> scores);
/// \endcode
///
/// Scores are one number per symbol of the universe, larger = more attractive; NaN means
/// "no view" and is excluded downstream. Their scale is the model's business: signal::
/// normalises them.
#pragma once

#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <span>

#include "bulwark/core/error.hpp"
#include "bulwark/core/panel.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/core/time.hpp"

namespace bulwark {

/// What a model may see when it scores the universe at `asof`: only data observed at or
/// before `asof`, so look-ahead cannot happen by construction.
struct model_context {
  timestamp asof{};                    ///< the decision instant
  std::span<const symbol> universe;    ///< column j of `close`, and scores[j], are universe[j]
  std::span<const timestamp> times;    ///< row times of `close`, ascending, all <= asof
  panel_view close;                    ///< closes, times x universe; NaN where none
};

/**
 * @brief A predictive model: scores every symbol of a universe from past data.
 *
 * Requirements, for `m` an lvalue of type `M`, `ctx` a `const model_context&` and
 * `scores` a `std::span<double>` of `ctx.universe.size()` elements (pre-filled with NaN):
 * | expression              | semantics                                                 |
 * |-------------------------|-----------------------------------------------------------|
 * | `m.predict(ctx, scores)`| write a score (or leave NaN: no view) for each symbol;    |
 * |                         | must not read beyond `ctx`; the return value is ignored   |
 *
 * See docs/concepts.md#signalmodel.
 */
template <class M>
concept SignalModel = requires(M& m, const model_context& ctx, std::span<double> scores) {
  m.predict(ctx, scores);
};

/// Runs `model` on `ctx` into `scores` after checking the shapes and that no row of
/// history is later than `asof` (O(rows)); afterwards rejects infinite scores (a model bug that
/// would otherwise turn into an infinite weight). Throws `input_error`
/// (id `bulwark.core.predict`). Scores start as NaN, so a symbol the model skips has no view.
template <class M>
void predict_checked(M& model, const model_context& ctx, std::span<double> scores) {
  static_assert(SignalModel<M>,
                "bulwark::predict_checked: the model type does not model bulwark::SignalModel "
                "(it needs predict(const model_context&, std::span<double>)); "
                "see docs/concepts.md#signalmodel");
  if constexpr (SignalModel<M>) {
    constexpr auto id = "bulwark.core.predict";
    const std::size_t n = ctx.universe.size();
    if (scores.size() != n) {
      throw_input_error(id, "scores has {} elements for a universe of {}", scores.size(), n);
    }
    if (ctx.close.cols() != n || ctx.close.rows() != ctx.times.size()) {
      throw_input_error(id, "history is {} x {}; expected {} times x {} symbols",
                        ctx.close.rows(), ctx.close.cols(), ctx.times.size(), n);
    }
    for (std::size_t i = 0; i < ctx.times.size(); ++i) {
      if (ctx.times[i] > ctx.asof) {
        throw_input_error(id, "history row {} is at {}, after asof {}: look-ahead", i,
                          iso8601(ctx.times[i]), iso8601(ctx.asof));
      }
    }
    for (double& s : scores) s = std::numeric_limits<double>::quiet_NaN();
    model.predict(ctx, scores);
    for (std::size_t j = 0; j < n; ++j) {
      if (std::isinf(scores[j])) {
        throw_input_error(id, "model scored {} as {}; expected a finite score or NaN",
                          ctx.universe[j].view(), scores[j]);
      }
    }
  }
}

}  // namespace bulwark
