// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/signal_model.hpp"
#include "bulwark/signal/ensemble.hpp"
#include "support/archetypes.hpp"
#include "support/catch.hpp"

namespace ensemble_test {
using bulwark::test::throws_error;
using bulwark::test::WithinRel;
constexpr double missing = std::numeric_limits<double>::quiet_NaN();

// A model that writes fixed scores and counts its calls.
struct fixed_scores {
  std::vector<double> values;
  int calls = 0;
  void predict(const bulwark::model_context&, std::span<double> scores) {
    ++calls;
    for (std::size_t j = 0; j < scores.size(); ++j) scores[j] = values[j];
  }
};

struct fixture {
  std::vector<bulwark::symbol> universe{"AAA", "BBB", "CCC", "DDD"};
  std::vector<bulwark::timestamp> times{bulwark::from_unix_seconds(0)};
  std::vector<double> close{1.0, 2.0, 3.0, 4.0};
  bulwark::model_context context() const {
    return {.asof = times.back(), .universe = universe, .times = times,
            .close = bulwark::panel_view{close, 1, 4}};
  }
};
}  // namespace ensemble_test

static_assert(bulwark::SignalModel<bulwark::signal::ensemble<ensemble_test::fixed_scores>>);
static_assert(bulwark::SignalModel<bulwark::signal::ensemble<bulwark::test::signal_model_archetype&>>);

TEST_CASE("a raw weighted ensemble averages present scores, renormalising the weights", "[signal][ensemble]") {
  using namespace ensemble_test;
  const fixture f;
  fixed_scores a{{1.0, 2.0, 3.0, missing}};
  fixed_scores b{{4.0, missing, 2.0, missing}};
  bulwark::signal::ensemble e{bulwark::signal::member_scale::raw, {0.6, 0.4}, a, b};
  std::vector<double> s(4);
  bulwark::predict_checked(e, f.context(), s);
  CHECK_THAT(s[0], WithinRel(0.6 * 1.0 + 0.4 * 4.0, 1e-15));
  CHECK(s[1] == 2.0);  // b has no view: a alone
  CHECK_THAT(s[2], WithinRel(0.6 * 3.0 + 0.4 * 2.0, 1e-15));
  CHECK(std::isnan(s[3]));  // nobody has a view
  CHECK(a.calls == 1);      // held by reference: the caller's model ran
  CHECK(e.member_scores(1)[0] == 4.0);

  e.enable(1, false);
  e.predict(f.context(), s);
  CHECK(s[0] == 1.0);
  CHECK(b.calls == 1);  // switched off: not even called
  CHECK(std::isnan(e.member_scores(1)[0]));
  e.enable(1);
  e.set_weight(0, 0.0);  // weight 0 is off too
  e.predict(f.context(), s);
  CHECK(s[0] == 4.0);
  e.enable(1, false);
  e.predict(f.context(), s);
  for (double v : s) CHECK(std::isnan(v));  // nothing on: no view, fail closed
}

TEST_CASE("z-score and rank-average ensembles put members on a common scale", "[signal][ensemble]") {
  using namespace ensemble_test;
  const fixture f;
  // b is a scaled copy of reversed a: on the common scale the two cancel exactly.
  bulwark::signal::ensemble z{bulwark::signal::member_scale::zscore, {1.0, 1.0},
                              fixed_scores{{1.0, 2.0, 3.0, 4.0}}, fixed_scores{{400.0, 300.0, 200.0, 100.0}}};
  std::vector<double> s(4);
  z.predict(f.context(), s);
  for (double v : s) CHECK(std::abs(v) < 1e-15);
  // a's z-scores: (x - 2.5) / sqrt(5 / 3).
  CHECK_THAT(z.member_scores(0)[3], WithinRel(1.5 / std::sqrt(5.0 / 3.0), 1e-15));
  CHECK(z.model<1>().calls == 1);  // an rvalue member is owned

  bulwark::signal::ensemble r{bulwark::signal::member_scale::rank, {3.0, 1.0},
                              fixed_scores{{0.1, 0.4, 0.3, 0.2}}, fixed_scores{{-5.0, 9.0, 100.0, 0.0}}};
  r.predict(f.context(), s);
  // ranks: a -> 0.25, 1, 0.75, 0.5; b -> 0.25, 0.75, 1, 0.5; weights 3:1.
  CHECK(s[0] == (3.0 * 0.25 + 1.0 * 0.25) / 4.0);
  CHECK(s[1] == (3.0 * 1.0 + 1.0 * 0.75) / 4.0);
  CHECK(s[2] == (3.0 * 0.75 + 1.0 * 1.0) / 4.0);
  CHECK(s[3] == (3.0 * 0.5 + 1.0 * 0.5) / 4.0);
}

TEST_CASE("an ensemble passes look-ahead checks to its members and checks its weights", "[signal][ensemble]") {
  using namespace ensemble_test;
  fixture f;
  fixed_scores a{{1.0, 2.0, 3.0, 4.0}};
  bulwark::signal::ensemble inner{bulwark::signal::member_scale::raw, {1.0}, a};
  bulwark::signal::ensemble outer{bulwark::signal::member_scale::zscore, {1.0, 1.0}, inner,
                                  fixed_scores{{4.0, 3.0, 2.0, 1.0}}};  // ensembles nest
  std::vector<double> s(4);
  auto ctx = f.context();
  ctx.asof = f.times.back() - std::chrono::seconds{1};
  CHECK_THROWS_MATCHES(outer.predict(ctx, s), bulwark::input_error, throws_error("bulwark.core.predict", "look-ahead"));
  std::vector<double> three(3);
  CHECK_THROWS_MATCHES(outer.predict(f.context(), three), bulwark::input_error,
                       throws_error("bulwark.signal.ensemble", "scores has 3 elements for a universe of 4"));
  using bulwark::signal::ensemble;
  CHECK_THROWS_MATCHES((ensemble{bulwark::signal::member_scale::raw, {-1.0}, a}), bulwark::config_error,
                       throws_error("bulwark.signal.ensemble", "weight of member 0 is -1"));
  CHECK_THROWS_MATCHES(inner.set_weight(0, missing), bulwark::config_error,
                       throws_error("bulwark.signal.ensemble", "weight of member 0 is nan"));
  CHECK_THROWS_AS(inner.enable(1), bulwark::contract_violation);
}

TEST_CASE("an ensemble member on that cannot score blocks the ensemble and says why", "[signal][ensemble]") {
  using namespace ensemble_test;
  using bulwark::signal::member_status;
  const fixture f;
  fixed_scores a{{1.0, 2.0, 3.0, 4.0}};
  fixed_scores flat{{5.0, 5.0, 5.0, 5.0}};  // constant: no z-score
  bulwark::signal::ensemble z{bulwark::signal::member_scale::zscore, {0.6, 0.4}, a, flat};
  CHECK(!z.has_view());  // nothing predicted yet
  CHECK(z.status(0) == member_status::off);
  std::vector<double> s(4, 0.0);
  z.predict(f.context(), s);
  // Not 0/1 silently: no view at all, and the reason per member.
  for (double v : s) CHECK(std::isnan(v));
  CHECK(!z.has_view());
  CHECK(z.status(0) == member_status::ok);
  CHECK(z.status(1) == member_status::no_dispersion);
  CHECK_THAT(z.member_scores(0)[3], WithinRel(1.5 / std::sqrt(5.0 / 3.0), 1e-15));  // kept for the report
  CHECK(fmt::format("{}", z.status(1)) == "no_dispersion");

  // Dropping the member is the caller's explicit decision; then a alone carries the view.
  z.enable(1, false);
  z.predict(f.context(), s);
  CHECK(z.has_view());
  CHECK(z.status(1) == member_status::off);
  CHECK_THAT(s[3], WithinRel(1.5 / std::sqrt(5.0 / 3.0), 1e-15));

  // Fewer than two present scores on the z-score scale, and none at all on the raw scale.
  fixed_scores lone{{missing, 7.0, missing, missing}};
  bulwark::signal::ensemble zl{bulwark::signal::member_scale::zscore, {1.0, 1.0}, a, lone};
  zl.predict(f.context(), s);
  CHECK(zl.status(1) == member_status::too_few_scores);
  for (double v : s) CHECK(std::isnan(v));
  fixed_scores none{{missing, missing, missing, missing}};
  bulwark::signal::ensemble raw{bulwark::signal::member_scale::raw, {1.0, 1.0}, a, none};
  raw.predict(f.context(), s);
  CHECK(raw.status(1) == member_status::too_few_scores);
  CHECK(!raw.has_view());
  for (double v : s) CHECK(std::isnan(v));
  // The next predict in which the member scores again gives the view back.
  none.values = {1.0, missing, missing, missing};
  raw.predict(f.context(), s);
  CHECK(raw.has_view());
  CHECK(s[0] == 1.0);  // (1 * 1 + 1 * 1) / 2
  CHECK(s[1] == 2.0);  // a alone on a symbol the other has no view of
}
