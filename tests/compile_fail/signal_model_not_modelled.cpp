// SPDX-License-Identifier: MIT
// A model whose predict returns scores instead of writing them is not a SignalModel.
// expect: does not model bulwark::SignalModel
#include <span>
#include <vector>

#include "bulwark/core/signal_model.hpp"
#include "support/archetypes.hpp"

namespace {
struct returns_scores {
  std::vector<double> predict(const bulwark::model_context&) { return {}; }
};
}  // namespace

void score(const bulwark::model_context& ctx, std::span<double> scores) {
#ifdef BULWARK_COMPILE_FAIL
  returns_scores model;
#else
  bulwark::test::signal_model_archetype model;
#endif
  bulwark::predict_checked(model, ctx, scores);
}
