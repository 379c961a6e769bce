// SPDX-License-Identifier: MIT
#include <chrono>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "bulwark/core/signal_model.hpp"
#include "support/catch.hpp"

using bulwark::model_context;
using bulwark::symbol;
using bulwark::test::throws_error;
using namespace std::chrono_literals;

namespace signal_model_test {
// Scores each symbol by its return over the history: last / first - 1. Skips symbols
// with a missing price (leaves NaN).
struct momentum {
  void predict(const model_context& ctx, std::span<double> scores) const {
    const auto first = ctx.close.row(0);
    const auto last = ctx.close.row(ctx.close.rows() - 1);
    for (std::size_t j = 0; j < scores.size(); ++j) {
      if (!std::isnan(first[j]) && !std::isnan(last[j])) scores[j] = last[j] / first[j] - 1.0;
    }
  }
};
struct writes_infinity {
  void predict(const model_context&, std::span<double> scores) const {
    scores[1] = std::numeric_limits<double>::infinity();
  }
};

struct fixture {
  std::vector<symbol> universe{"AAA", "BBB", "CCC"};
  std::vector<bulwark::timestamp> times{bulwark::from_unix_seconds(0), bulwark::from_unix_seconds(86400)};
  std::vector<double> close{100, 50, std::numeric_limits<double>::quiet_NaN(),  //
                            110, 45, 20};
  model_context context() const {
    return {.asof = times.back(), .universe = universe, .times = times,
            .close = bulwark::panel_view{close, 2, 3}};
  }
};
}  // namespace signal_model_test

static_assert(bulwark::SignalModel<signal_model_test::momentum>);

TEST_CASE("predict_checked runs a model on the past and keeps its NaN for no view", "[core][signal_model]") {
  const signal_model_test::fixture f;
  signal_model_test::momentum model;
  std::vector<double> scores(3, 123.0);  // stale values from a previous call are cleared
  bulwark::predict_checked(model, f.context(), scores);
  CHECK(scores[0] == 110.0 / 100.0 - 1.0);
  CHECK(scores[1] == 45.0 / 50.0 - 1.0);
  CHECK(std::isnan(scores[2]));
}

TEST_CASE("predict_checked rejects look-ahead, wrong shapes and infinite scores", "[core][signal_model]") {
  const signal_model_test::fixture f;
  signal_model_test::momentum model;
  std::vector<double> scores(3);

  auto ctx = f.context();
  ctx.asof = f.times.back() - 1s;
  CHECK_THROWS_MATCHES(bulwark::predict_checked(model, ctx, scores), bulwark::input_error,
                       throws_error("bulwark.core.predict", "history row 1 is at 1970-01-02T00:00:00Z, after asof"));

  std::vector<double> short_scores(2);
  CHECK_THROWS_MATCHES(bulwark::predict_checked(model, f.context(), short_scores), bulwark::input_error,
                       throws_error("bulwark.core.predict", "scores has 2 elements for a universe of 3"));

  ctx = f.context();
  ctx.times = std::span(f.times).first(1);
  CHECK_THROWS_MATCHES(bulwark::predict_checked(model, ctx, scores), bulwark::input_error,
                       throws_error("bulwark.core.predict", "history is 2 x 3; expected 1 times x 3 symbols"));

  signal_model_test::writes_infinity bad_model;
  CHECK_THROWS_MATCHES(bulwark::predict_checked(bad_model, f.context(), scores), bulwark::input_error,
                       throws_error("bulwark.core.predict", "model scored BBB as inf"));
}
