// SPDX-License-Identifier: MIT
/// \file
/// \brief TopkDropout, the rebalancing rule of Qlib's `TopkDropoutStrategy`: hold k names,
/// and at each rebalance replace at most n_drop of them, the worst held, by the best not
/// held, only when those rank higher.
///
/// Synopsis
/// \code
/// topk_dropout_selector s{{.k = 50, .n_drop = 5}, universe_size};  // allocates here only
/// rebalance_summary r = s.rebalance(scores, weights);   // weights: 1/k per held name
/// s.holdings(); s.bought(); s.sold();                   // universe indices
/// \endcode
///
/// Semantics (Qlib, `qlib/contrib/strategy/signal_strategy.py`, method_sell="bottom",
/// method_buy="top"), with h the number held:
/// 1. `today`: the best n_drop + k - h names not held, by score;
/// 2. `comb`: held and `today` together, ranked by score;
/// 3. sell the held names among the last n_drop of `comb`;
/// 4. buy the first (sold + k - h) names of `today`.
/// A held name is sold only to make room for a better one, so turnover is at most n_drop
/// names per rebalance once the book is full (the point of the rule: Qlib's default is
/// k = 50, n_drop = 5).
///
/// Ranking: score descending, equal scores in universe order (lower index first), as in
/// top_bottom_selector. A held name whose score is NaN ranks last (sold first, within the
/// n_drop limit); a name with a NaN score is never bought. Differences from Qlib: no
/// tradability or holding-period checks (bulwark's risk gate and sizing do that), and
/// weights are equal, 1/k per held name (Qlib splits the cash left after sales among the
/// buys), so the book is fully invested when k names are held.
///
/// Bad input: k = 0 or n_drop > k is a `config_error` (id `bulwark.signal.topk_dropout`);
/// scores or weights not of the universe's size, or an infinite score, an `input_error`.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/signal/detail/checks.hpp"
#include "bulwark/signal/detail/formatter.hpp"

namespace bulwark::signal {

namespace detail {
inline constexpr auto topk_dropout_id = "bulwark.signal.topk_dropout";
}  // namespace detail

/// The rule: hold `k` names, replace at most `n_drop` per rebalance.
struct topk_dropout {
  std::size_t k = 0;
  std::size_t n_drop = 0;
};

/// What one rebalance did.
struct rebalance_summary {
  std::size_t held = 0;    ///< names held after the rebalance
  std::size_t bought = 0;
  std::size_t sold = 0;
  double turnover = 0.0;   ///< sum |w_new - w_old|
};

class topk_dropout_selector {
 public:
  /// Throws `config_error` (id `bulwark.signal.topk_dropout`) when k is 0 or n_drop > k.
  topk_dropout_selector(topk_dropout rule, std::size_t universe_size)
      : rule_(rule), held_flag_(universe_size, 0) {
    if (rule.k == 0 || rule.n_drop > rule.k) {
      throw_config_error(detail::topk_dropout_id,
                         "topk_dropout: k {} n_drop {}; expected k >= 1 and n_drop <= k",
                         rule.k, rule.n_drop);
    }
    holdings_.reserve(rule.k);
    bought_.reserve(rule.k);
    sold_.reserve(rule.k);
    candidates_.reserve(universe_size);
    combined_.reserve(universe_size);
  }

  /// One rebalance on `scores` (one per universe symbol; NaN = no score). Writes the new
  /// weights (1/k per held name, 0 elsewhere). No allocation. O(n log(n_drop + k)).
  rebalance_summary rebalance(std::span<const double> scores, std::span<double> weights) {
    const std::size_t n = held_flag_.size();
    if (scores.size() != n) {
      throw_input_error(detail::topk_dropout_id,
                        "topk_dropout: {} scores for a universe of {}", scores.size(), n);
    }
    detail::require_same_size(scores, weights, detail::topk_dropout_id, "topk_dropout");
    detail::require_no_infinity(scores, detail::topk_dropout_id, "topk_dropout: scores");
    const auto ranks_before = [scores](std::size_t a, std::size_t b) {
      const double sa = scores[a];
      const double sb = scores[b];
      const bool na = std::isnan(sa);
      const bool nb = std::isnan(sb);
      if (na || nb) return na == nb ? a < b : nb;  // NaN ranks last, in universe order
      if (sa != sb) return sa > sb;
      return a < b;
    };
    const std::size_t h = holdings_.size();
    // 1. today: the best (n_drop + k - h) names not held, with a score.
    candidates_.clear();
    for (std::size_t i = 0; i < n; ++i) {
      if (held_flag_[i] == 0 && !std::isnan(scores[i])) candidates_.push_back(i);
    }
    const std::size_t wanted = std::min(rule_.n_drop + rule_.k - h, candidates_.size());
    std::partial_sort(candidates_.begin(), candidates_.begin() + static_cast<std::ptrdiff_t>(wanted),
                      candidates_.end(), ranks_before);
    candidates_.resize(wanted);
    // 2-3. comb = held + today, ranked; sell the held among its last n_drop.
    combined_.assign(holdings_.begin(), holdings_.end());
    combined_.insert(combined_.end(), candidates_.begin(), candidates_.end());
    std::sort(combined_.begin(), combined_.end(), ranks_before);
    const std::size_t bottom = std::min(rule_.n_drop, combined_.size());
    sold_.clear();
    for (std::size_t j = combined_.size() - bottom; j < combined_.size(); ++j) {
      if (held_flag_[combined_[j]] != 0) sold_.push_back(combined_[j]);
    }
    // 4. buy the first (sold + k - h) of today.
    bought_.assign(candidates_.begin(),
                   candidates_.begin() + static_cast<std::ptrdiff_t>(
                                             std::min(sold_.size() + rule_.k - h, candidates_.size())));

    for (std::size_t i : sold_) held_flag_[i] = 0;
    for (std::size_t i : bought_) held_flag_[i] = 1;
    const double each = 1.0 / static_cast<double>(rule_.k);
    holdings_.clear();
    for (std::size_t i = 0; i < n; ++i) {
      weights[i] = held_flag_[i] != 0 ? each : 0.0;
      if (held_flag_[i] != 0) holdings_.push_back(i);
    }
    // Names kept hold 1/k before and after: only the trades move weight.
    return {holdings_.size(), bought_.size(), sold_.size(),
            static_cast<double>(bought_.size() + sold_.size()) * each};
  }

  /// Universe indices held after the last rebalance, ascending.
  [[nodiscard]] std::span<const std::size_t> holdings() const noexcept { return holdings_; }
  /// Bought at the last rebalance, best score first.
  [[nodiscard]] std::span<const std::size_t> bought() const noexcept { return bought_; }
  /// Sold at the last rebalance, best score first.
  [[nodiscard]] std::span<const std::size_t> sold() const noexcept { return sold_; }
  [[nodiscard]] const topk_dropout& rule() const noexcept { return rule_; }

  /// Back to an empty book.
  void reset() noexcept {
    std::fill(held_flag_.begin(), held_flag_.end(), std::uint8_t{0});
    holdings_.clear();
    bought_.clear();
    sold_.clear();
  }

 private:
  topk_dropout rule_;
  std::vector<std::uint8_t> held_flag_;
  std::vector<std::size_t> holdings_;
  std::vector<std::size_t> bought_;
  std::vector<std::size_t> sold_;
  std::vector<std::size_t> candidates_;
  std::vector<std::size_t> combined_;
};

}  // namespace bulwark::signal

/// Formats as `50 held, 5 bought, 5 sold, turnover 0.2`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::rebalance_summary, r,
                                "{} held, {} bought, {} sold, turnover {}", r.held, r.bought,
                                r.sold, r.turnover)

/// Formats as `topk 50, drop at most 5`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::topk_dropout, r, "topk {}, drop at most {}", r.k,
                                r.n_drop)

/// Formats as `topk 50, drop at most 5: 50 held`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::topk_dropout_selector, s, "{}: {} held", s.rule(),
                                s.holdings().size())
