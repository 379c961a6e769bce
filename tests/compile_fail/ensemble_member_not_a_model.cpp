// SPDX-License-Identifier: MIT
// An ensemble member must be a SignalModel: a model that returns its scores does not fit.
// expect: every member must model bulwark::SignalModel
#include <span>
#include <vector>

#include "bulwark/signal/ensemble.hpp"
#include "support/archetypes.hpp"

namespace {
struct returns_scores {
  std::vector<double> predict(const bulwark::model_context&) { return {}; }
};
}  // namespace

void score(const bulwark::model_context& ctx, std::span<double> scores) {
  bulwark::test::signal_model_archetype good;
#ifdef BULWARK_COMPILE_FAIL
  returns_scores bad;
  bulwark::signal::ensemble e{bulwark::signal::member_scale::zscore, {0.5, 0.5}, good, bad};
#else
  bulwark::signal::ensemble e{bulwark::signal::member_scale::zscore, {1.0}, good};
#endif
  e.predict(ctx, scores);
}
