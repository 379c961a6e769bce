// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
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

// An independent transcription of Qlib's TopkDropoutStrategy.generate_trade_decision
// (qlib/contrib/strategy/signal_strategy.py; method_sell="bottom", method_buy="top", every
// stock tradable), written with plain loops:
//   last  = pred_score.reindex(held).sort_values(ascending=False).index
//   today = first (n_drop + topk - len(last)) of pred_score[~isin(last)].sort_values(desc)
//   comb  = pred_score.reindex(last.union(today)).sort_values(ascending=False).index
//   sell  = last[last.isin(last n_drop of comb)]
//   buy   = today[: len(sell) + topk - len(last)]
// A NaN score means the name has no prediction: it is not in pred_score, so it is never
// in `today`, and a held name without one gets NaN from reindex and sorts last (pandas puts
// NaN last, in index order).
struct qlib_step {
  std::vector<std::size_t> sell;
  std::vector<std::size_t> buy;
};

// Names in pandas' sort_values(ascending=False) order: score descending, NaN last, equal
// keys in index order. Insertion sort, so no library ordering is shared with the code tested.
std::vector<std::size_t> sorted_descending(std::vector<std::size_t> names, const std::vector<double>& score) {
  const auto before = [&score](std::size_t a, std::size_t b) {
    const bool na = std::isnan(score[a]), nb = std::isnan(score[b]);
    if (na || nb) return !na && nb ? true : (na && nb ? a < b : false);
    return score[a] > score[b] || (score[a] == score[b] && a < b);
  };
  for (std::size_t i = 1; i < names.size(); ++i) {
    for (std::size_t j = i; j > 0 && before(names[j], names[j - 1]); --j) std::swap(names[j], names[j - 1]);
  }
  return names;
}

qlib_step qlib_topk_dropout(const std::vector<std::size_t>& holding, const std::vector<double>& score,
                            std::size_t topk, std::size_t n_drop) {
  const std::vector<std::size_t> last = sorted_descending(holding, score);
  std::vector<std::size_t> others;
  for (std::size_t i = 0; i < score.size(); ++i) {
    bool in_last = false;
    for (std::size_t h : last) in_last = in_last || h == i;
    if (!in_last && !std::isnan(score[i])) others.push_back(i);
  }
  std::vector<std::size_t> today = sorted_descending(others, score);
  if (today.size() > n_drop + topk - last.size()) today.resize(n_drop + topk - last.size());
  std::vector<std::size_t> both = last;
  both.insert(both.end(), today.begin(), today.end());
  const std::vector<std::size_t> comb = sorted_descending(both, score);
  qlib_step step;
  const std::size_t tail_from = comb.size() > n_drop ? comb.size() - n_drop : 0;
  for (std::size_t h : last) {
    for (std::size_t j = tail_from; j < comb.size(); ++j) {
      if (comb[j] == h) step.sell.push_back(h);
    }
  }
  const std::size_t n_buy = std::min(step.sell.size() + topk - last.size(), today.size());
  step.buy.assign(today.begin(), today.begin() + static_cast<std::ptrdiff_t>(n_buy));
  return step;
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

TEST_CASE("topk_dropout follows a transcription of Qlib's steps over random rebalances", "[signal][topk_dropout]") {
  using topk_dropout_test::qlib_topk_dropout;
  const bulwark::counter_rng rng{17, 0};
  constexpr std::size_t n = 60;
  for (const auto rule : {bulwark::signal::topk_dropout{.k = 10, .n_drop = 3},
                          bulwark::signal::topk_dropout{.k = 5, .n_drop = 5},
                          bulwark::signal::topk_dropout{.k = 20, .n_drop = 1}}) {
    bulwark::signal::topk_dropout_selector s{rule, n};
    std::vector<double> scores(n), w(n);
    std::vector<std::size_t> reference;  // the reference's own book, ascending
    std::size_t sales = 0;
    for (std::uint64_t day = 0; day < 200; ++day) {
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t key = (rule.k * 1000 + day) * n + i;
        scores[i] = rng.uniform(key) < 0.05 ? topk_dropout_test::missing : rng.normal(key);
      }
      const auto expected = qlib_topk_dropout(reference, scores, rule.k, rule.n_drop);
      const auto r = s.rebalance(scores, w);
      std::vector<std::size_t> sold(s.sold().begin(), s.sold().end());
      std::vector<std::size_t> bought(s.bought().begin(), s.bought().end());
      auto sell = expected.sell;
      auto buy = expected.buy;
      std::sort(sold.begin(), sold.end());
      std::sort(bought.begin(), bought.end());
      std::sort(sell.begin(), sell.end());
      std::sort(buy.begin(), buy.end());
      REQUIRE(sold == sell);
      REQUIRE(bought == buy);
      for (std::size_t x : expected.sell) reference.erase(std::find(reference.begin(), reference.end(), x));
      reference.insert(reference.end(), expected.buy.begin(), expected.buy.end());
      std::sort(reference.begin(), reference.end());
      REQUIRE(topk_dropout_test::held(s) == reference);
      REQUIRE(r.held == reference.size());
      REQUIRE(r.sold == expected.sell.size());
      REQUIRE(r.bought == expected.buy.size());
      for (std::size_t i = 0; i < n; ++i) {
        const bool in = std::find(reference.begin(), reference.end(), i) != reference.end();
        REQUIRE(w[i] == (in ? 1.0 / static_cast<double>(rule.k) : 0.0));
      }
      sales += expected.sell.size();
    }
    CHECK(reference.size() == rule.k);
    CHECK(sales > 0);  // the comparison covered real replacements, not only the first fill
  }
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
