// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/signal/topk_dropout.hpp"
#include "support/catch.hpp"

namespace topk_dropout_test {
using bulwark::test::throws_error;
constexpr double missing = std::numeric_limits<double>::quiet_NaN();

std::vector<std::size_t> held(const bulwark::signal::topk_dropout_selector& s) {
  return {s.holdings().begin(), s.holdings().end()};
}
}  // namespace topk_dropout_test

TEST_CASE("topk_dropout follows Qlib's rule step by step", "[signal][topk_dropout]") {
  using topk_dropout_test::held;
  using topk_dropout_test::missing;
  using V = std::vector<std::size_t>;
  bulwark::signal::topk_dropout_selector s{{.k = 3, .n_drop = 1}, 6};
  std::vector<double> w(6);

  // Empty book: today = best 1 + 3 - 0 = 4 names; nothing held to sell; buy the first 3.
  auto r = s.rebalance(std::vector<double>{0.9, 0.8, 0.7, 0.6, 0.5, 0.4}, w);
  CHECK(held(s) == V{0, 1, 2});
  CHECK(w == std::vector<double>{1.0 / 3, 1.0 / 3, 1.0 / 3, 0.0, 0.0, 0.0});
  CHECK(r.bought == 3);
  CHECK(r.turnover == 1.0);

  // Full book: today = the best 1 not held (4: 0.95); comb = 4, 1, 2, 0; its last 1 is 0,
  // held: sell 0, buy 4. Name 3 (0.9) beats 1 and 2 but only n_drop = 1 name turns over.
  r = s.rebalance(std::vector<double>{0.1, 0.8, 0.7, 0.9, 0.95, 0.2}, w);
  CHECK(held(s) == V{1, 2, 4});
  CHECK(V(s.sold().begin(), s.sold().end()) == V{0});
  CHECK(V(s.bought().begin(), s.bought().end()) == V{4});
  CHECK(r.turnover == 2.0 / 3.0);
  CHECK(fmt::format("{}", r) == fmt::format("3 held, 1 bought, 1 sold, turnover {}", 2.0 / 3.0));

  // today = 0 (0.99); comb = 0, 1, 4, 2: sell 2 (0.1), buy 0.
  s.rebalance(std::vector<double>{0.99, 0.98, 0.1, 0.2, 0.3, 0.97}, w);
  CHECK(held(s) == V{0, 1, 4});

  // The best outsider (5: 0.1) ranks below every holding: it is comb's last, not held, so
  // nothing is sold and nothing bought.
  r = s.rebalance(std::vector<double>{0.9, 0.8, 0.0, 0.0, 0.7, 0.1}, w);
  CHECK(held(s) == V{0, 1, 4});
  CHECK(r.bought + r.sold == 0);
  CHECK(r.turnover == 0.0);

  // A holding without a score ranks last and is dropped first.
  s.rebalance(std::vector<double>{0.9, missing, 0.5, 0.4, 0.8, 0.3}, w);
  CHECK(held(s) == V{0, 2, 4});

  s.reset();
  CHECK(s.holdings().empty());
}

TEST_CASE("topk_dropout invariants over random rebalances", "[signal][topk_dropout]") {
  const bulwark::counter_rng rng{17, 0};
  constexpr std::size_t n = 60;
  bulwark::signal::topk_dropout_selector s{{.k = 10, .n_drop = 3}, n};
  std::vector<double> scores(n), w(n);
  std::vector<std::size_t> before;
  for (std::uint64_t day = 0; day < 200; ++day) {
    for (std::size_t i = 0; i < n; ++i) {
      scores[i] = rng.uniform(day * n + i) < 0.05 ? topk_dropout_test::missing : rng.normal(day * n + i);
    }
    const auto r = s.rebalance(scores, w);
    REQUIRE(r.held <= 10);
    REQUIRE(r.sold <= 3);
    REQUIRE(r.bought == r.sold + r.held - before.size());
    // Every name bought ranks above every name sold (NaN last).
    for (std::size_t b : s.bought()) {
      REQUIRE(!std::isnan(scores[b]));
      for (std::size_t x : s.sold()) REQUIRE((std::isnan(scores[x]) || scores[b] > scores[x]));
    }
    double sum = 0.0;
    for (double v : w) sum += v;
    REQUIRE_THAT(sum, bulwark::test::WithinAbs(static_cast<double>(r.held) / 10.0, 1e-12));
    before.assign(s.holdings().begin(), s.holdings().end());
  }
  CHECK(before.size() == 10);
}

TEST_CASE("topk_dropout rejects bad rules and inputs", "[signal][topk_dropout]") {
  using topk_dropout_test::throws_error;
  using bulwark::signal::topk_dropout_selector;
  CHECK_THROWS_MATCHES(topk_dropout_selector({.k = 0, .n_drop = 0}, 5), bulwark::config_error,
                       throws_error("bulwark.signal.topk_dropout", "k 0 n_drop 0"));
  CHECK_THROWS_MATCHES(topk_dropout_selector({.k = 2, .n_drop = 3}, 5), bulwark::config_error,
                       throws_error("bulwark.signal.topk_dropout", "n_drop <= k"));
  topk_dropout_selector s{{.k = 2, .n_drop = 1}, 3};
  std::vector<double> w(3);
  CHECK_THROWS_MATCHES(s.rebalance(std::vector<double>{1.0, 2.0}, w), bulwark::input_error,
                       throws_error("bulwark.signal.topk_dropout", "2 scores for a universe of 3"));
  CHECK_THROWS_MATCHES(s.rebalance(std::vector<double>{1.0, std::numeric_limits<double>::infinity(), 0.0}, w),
                       bulwark::input_error, throws_error("bulwark.signal.topk_dropout", "scores[1] is inf"));
}
