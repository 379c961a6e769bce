// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/signal/long_short.hpp"
#include "bulwark/signal/normalize.hpp"
#include "support/allocation_counter.hpp"
#include "support/catch.hpp"

namespace long_short_test {
using bulwark::test::throws_error;
using bulwark::test::WithinRel;
constexpr double missing = std::numeric_limits<double>::quiet_NaN();

// The documented definition, written the plain way: rank the present scores by a stable sort
// on descending score (pandas' sort_values(ascending=False, kind="mergesort")), longs are the
// head, shorts the tail.
struct ranking {
  std::vector<std::size_t> longs, shorts;
};
ranking by_stable_sort(const std::vector<double>& s, std::size_t n_long, std::size_t n_short) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!std::isnan(s[i])) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&s](std::size_t a, std::size_t b) { return s[a] > s[b]; });
  ranking r;
  r.longs.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n_long));
  r.shorts.assign(order.end() - static_cast<std::ptrdiff_t>(n_short), order.end());
  std::reverse(r.shorts.begin(), r.shorts.end());  // weakest first
  return r;
}
}  // namespace long_short_test

TEST_CASE("top_bottom: the strongest long, the weakest short, equal weight per side", "[signal][long_short]") {
  using long_short_test::missing;
  const std::vector<double> scores{0.5, missing, -1.0, 2.0, 0.1, -0.3};
  std::vector<double> w(scores.size(), 9.0);
  bulwark::signal::top_bottom_selector sel{{.n_long = 2, .n_short = 2}};
  const auto b = sel.select(scores, w);
  CHECK(b.ok());
  CHECK(b.longs == 2);
  CHECK(b.shorts == 2);
  CHECK(b.long_weight == 1.0);
  CHECK(b.short_weight == -1.0);
  CHECK(b.gross() == 2.0);
  CHECK(b.net() == 0.0);
  CHECK(w == std::vector<double>{0.5, 0.0, -0.5, 0.5, 0.0, -0.5});
  CHECK(std::vector<std::size_t>(sel.longs().begin(), sel.longs().end()) == std::vector<std::size_t>{3, 0});
  CHECK(std::vector<std::size_t>(sel.shorts().begin(), sel.shorts().end()) == std::vector<std::size_t>{2, 5});
  CHECK(fmt::format("{}", b) == "2 long (+1), 2 short (-1), ok");
}

TEST_CASE("top_bottom: ties follow universe order and the sides never overlap", "[signal][long_short]") {
  const std::vector<double> flat(6, 1.0);
  std::vector<double> w(flat.size());
  bulwark::signal::top_bottom_selector sel{{.n_long = 3, .n_short = 3}};
  sel.select(flat, w);
  CHECK(w == std::vector<double>{1.0 / 3, 1.0 / 3, 1.0 / 3, -1.0 / 3, -1.0 / 3, -1.0 / 3});
  CHECK(std::vector<std::size_t>(sel.shorts().begin(), sel.shorts().end()) == std::vector<std::size_t>{5, 4, 3});
}

TEST_CASE("top_bottom equals the stable-sort definition on random rows with ties and gaps", "[signal][long_short]") {
  const bulwark::counter_rng rng{5, 3};
  std::uint64_t draw = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = 20 + rng.below(draw++, 200);
    std::vector<double> s(n);
    for (double& v : s) {
      // Few distinct levels, so ties straddle the cut-offs often; 10 % missing.
      v = rng.uniform(draw++) < 0.1 ? long_short_test::missing : static_cast<double>(rng.below(draw++, 7)) - 3.0;
    }
    const std::size_t present = static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](double v) { return !std::isnan(v); }));
    const std::size_t n_long = 1 + rng.below(draw++, 8);
    const std::size_t n_short = 1 + rng.below(draw++, 8);
    if (present < n_long + n_short) continue;
    bulwark::signal::top_bottom_selector sel{{.n_long = n_long, .n_short = n_short}};
    std::vector<double> w(n);
    REQUIRE(sel.select(s, w).ok());
    const auto expected = long_short_test::by_stable_sort(s, n_long, n_short);
    REQUIRE(std::vector<std::size_t>(sel.longs().begin(), sel.longs().end()) == expected.longs);
    REQUIRE(std::vector<std::size_t>(sel.shorts().begin(), sel.shorts().end()) == expected.shorts);
    REQUIRE_THAT(std::accumulate(w.begin(), w.end(), 0.0), bulwark::test::WithinAbs(0.0, 1e-12));
  }
}

TEST_CASE("top_bottom: gross and net targets, long-only, too few scores", "[signal][long_short]") {
  using long_short_test::missing;
  const std::vector<double> s{0.1, 0.4, -0.2, 0.3, -0.5, 0.0};
  std::vector<double> w(s.size());
  // gross 1.5, net 0.5: longs sum to 1, shorts to -0.5.
  bulwark::signal::top_bottom_selector tilted{{.n_long = 2, .n_short = 2, .targets = {.gross = 1.5, .net = 0.5}}};
  const auto b = tilted.select(s, w);
  CHECK(w == std::vector<double>{0.0, 0.5, -0.25, 0.5, -0.25, 0.0});
  CHECK(b.gross() == 1.5);
  CHECK(b.net() == 0.5);
  bulwark::signal::top_bottom_selector long_only{{.n_long = 3, .n_short = 0, .targets = {.gross = 1.0, .net = 1.0}}};
  CHECK(long_only.select(s, w).ok());
  CHECK(w == std::vector<double>{1.0 / 3, 1.0 / 3, 0.0, 1.0 / 3, 0.0, 0.0});
  const std::vector<double> sparse{missing, 1.0, missing, 2.0, -1.0, missing};
  bulwark::signal::top_bottom_selector sel{{.n_long = 2, .n_short = 2}};
  const auto few = sel.select(sparse, w);
  CHECK(few.status == bulwark::signal::book_status::too_few_scores);
  CHECK(w == std::vector<double>(6, 0.0));
  CHECK(sel.longs().empty());
}

TEST_CASE("top_bottom rejects inconsistent rules, infinite scores and wrong sizes", "[signal][long_short]") {
  using long_short_test::throws_error;
  using bulwark::signal::top_bottom_selector;
  CHECK_THROWS_MATCHES(top_bottom_selector({.n_long = 0, .n_short = 0}), bulwark::config_error,
                       throws_error("bulwark.signal.long_short", "n_long and n_short are both 0"));
  CHECK_THROWS_MATCHES(top_bottom_selector({.n_long = 5, .n_short = 0}), bulwark::config_error,
                       throws_error("bulwark.signal.long_short", "short side has 0 names but a target of 1"));
  CHECK_THROWS_MATCHES((top_bottom_selector({.n_long = 5, .n_short = 5, .targets = {.gross = 1.0, .net = 2.0}})),
                       bulwark::config_error, throws_error("bulwark.signal.long_short", "gross 1 net 2"));
  top_bottom_selector sel{{.n_long = 1, .n_short = 1}};
  const std::vector<double> s{1.0, -std::numeric_limits<double>::infinity(), 0.0};
  std::vector<double> w(3);
  CHECK_THROWS_MATCHES(sel.select(s, w), bulwark::input_error,
                       throws_error("bulwark.signal.long_short", "top_bottom_selector: scores[1] is -inf"));
  std::vector<double> w2(2);
  CHECK_THROWS_MATCHES(sel.select(s, w2), bulwark::input_error,
                       throws_error("bulwark.signal.long_short", "output has 2 elements for 3 inputs"));
}

TEST_CASE("proportional_weights scales each side to its target", "[signal][long_short]") {
  using long_short_test::missing;
  const std::vector<double> s{2.0, -1.0, 1.0, missing, -3.0, 0.0};
  std::vector<double> w(s.size());
  auto b = bulwark::signal::proportional_weights(s, w);
  CHECK(b.ok());
  CHECK(w == std::vector<double>{2.0 / 3.0, -0.25, 1.0 / 3.0, 0.0, -0.75, 0.0});
  CHECK(b.longs == 2);
  CHECK(b.shorts == 2);
  b = bulwark::signal::proportional_weights(s, w, {.gross = 1.0, .net = 1.0});  // long only
  CHECK(b.ok());
  CHECK(b.shorts == 0);
  CHECK(w[1] == 0.0);
  CHECK_THAT(w[0] + w[2], long_short_test::WithinRel(1.0, 1e-15));
  const std::vector<double> positive{1.0, 3.0};
  std::vector<double> w2(2);
  b = bulwark::signal::proportional_weights(positive, w2);
  CHECK(b.status == bulwark::signal::book_status::one_sided);
  CHECK(w2 == std::vector<double>{0.25, 0.75});
  const std::vector<double> nothing{0.0, missing};
  CHECK(bulwark::signal::proportional_weights(nothing, w2).status == bulwark::signal::book_status::too_few_scores);
}

TEST_CASE("top_bottom: one selector over many changing rows stays exact", "[signal][long_short]") {
  // The selector carries a cut-off from row to row (a speed hint). Rows here change scale,
  // shift, ties and gaps, so its widening and fall-back paths run; every book must still
  // equal the definition.
  const bulwark::counter_rng rng{6, 1};
  bulwark::signal::top_bottom_selector sel{{.n_long = 12, .n_short = 9}};
  std::uint64_t draw = 0;
  for (int row = 0; row < 600; ++row) {
    const std::size_t n = 300 + rng.below(draw++, 50);
    const double scale = std::pow(10.0, static_cast<double>(row % 7) - 3.0);
    const double shift = row % 5 == 0 ? 5.0 : 0.0;
    std::vector<double> s(n);
    for (double& v : s) {
      const double u = rng.uniform(draw++);
      v = u < 0.05 ? long_short_test::missing
        : row % 3 == 0 ? std::round(rng.normal(draw++) * 3.0) * scale + shift  // many ties
                       : rng.normal(draw++) * scale + shift;
    }
    std::vector<double> w(n);
    REQUIRE(sel.select(s, w).ok());
    const auto expected = long_short_test::by_stable_sort(s, 12, 9);
    REQUIRE(std::vector<std::size_t>(sel.longs().begin(), sel.longs().end()) == expected.longs);
    REQUIRE(std::vector<std::size_t>(sel.shorts().begin(), sel.shorts().end()) == expected.shorts);
  }
}

TEST_CASE("top_bottom: an infinity is rejected even on a side with no names", "[signal][long_short]") {
  bulwark::signal::top_bottom_selector long_only{{.n_long = 1, .n_short = 0, .targets = {.gross = 1.0, .net = 1.0}}};
  std::vector<double> w(3);
  const std::vector<double> s{0.5, -std::numeric_limits<double>::infinity(), 0.1};
  CHECK_THROWS_MATCHES(long_only.select(s, w), bulwark::input_error,
                       long_short_test::throws_error("bulwark.signal.long_short", "scores[1] is -inf"));
  // And a NaN never is.
  const std::vector<double> gaps{long_short_test::missing, 0.2, long_short_test::missing};
  CHECK(long_only.select(gaps, w).ok());
  CHECK(w == std::vector<double>{0.0, 1.0, 0.0});
}

TEST_CASE("top_bottom: weights must not overlap the scores", "[signal][long_short]") {
  bulwark::signal::top_bottom_selector sel{{.n_long = 1, .n_short = 1}};
  std::vector<double> s{0.3, -0.2, 0.1};
  CHECK_THROWS_AS(sel.select(s, s), bulwark::contract_violation);
}

TEST_CASE("z-scoring a row and selecting its book allocate nothing after setup",
          "[signal][long_short]") {
  constexpr std::size_t symbols = 500;
  constexpr std::size_t rows = 40;
  std::vector<double> scores(rows * symbols);
  bulwark::counter_rng{11, 4}.fill_normal(scores);
  for (std::size_t i = 0; i < scores.size(); i += 37) scores[i] = std::nan("");  // missing names
  std::vector<double> z(symbols);
  std::vector<double> weights(symbols);
  bulwark::signal::top_bottom_selector book{{.n_long = 50, .n_short = 50}, symbols};
  const bulwark::test::allocations_since probe;
  double gross = 0.0;
  for (std::size_t t = 0; t < rows; ++t) {
    const std::span<const double> row(scores.data() + t * symbols, symbols);
    bulwark::signal::zscore{}.apply(row, z);
    book.select(z, weights);
    for (double w : weights) gross += std::abs(w);
  }
  CHECK(probe.count() == 0);
  CHECK_THAT(gross, bulwark::test::WithinRel(2.0 * rows, 1e-12));  // longs +1, shorts -1 a row
}
