// SPDX-License-Identifier: MIT
/// \file
/// \brief Long/short books from a cross-section of scores: top-N long / bottom-N short at
/// equal weight (`top_bottom_selector`), and score-proportional weights
/// (`proportional_weights`), each scaled to gross and net targets.
///
/// Synopsis
/// \code
/// struct book_targets { double gross = 2.0, net = 0.0; };   // longs sum to +1, shorts to -1
/// struct top_bottom { std::size_t n_long, n_short; book_targets targets; };
/// top_bottom_selector sel{{.n_long = 50, .n_short = 50}, 3000};  // allocates here only
/// book_summary b = sel.select(scores, weights);             // no allocation, O(n)
/// sel.longs(); sel.shorts();                                // chosen indices, strongest first
/// book_summary p = proportional_weights(scores, weights, {.gross = 1.0, .net = 0.0});
/// \endcode
///
/// Weights are fractions of capital, longs > 0, shorts < 0. The long side sums to
/// (gross + net) / 2 and the short side to -(gross - net) / 2, so the defaults give +1 and
/// -1 (a dollar-neutral book at 200 % gross).
///
/// Ties are broken deterministically by one ranking: score descending, equal scores in
/// universe order (the lower index first). Longs are the first `n_long` of the ranking,
/// shorts the last `n_short`: pandas' `s.dropna().sort_values(ascending=False,
/// kind="mergesort")` head and tail. With at least n_long + n_short present scores the two
/// sides never share a symbol, whatever the ties.
///
/// NaN scores (missing symbols) are never chosen and get weight 0. Bad input: an infinite
/// score or `weights` of another size is an `input_error` (id `bulwark.signal.long_short`);
/// inconsistent rules or targets are a `config_error`. Fewer present scores than
/// n_long + n_short is an outcome: all weights 0, status `too_few_scores`.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/signal/detail/checks.hpp"
#include "bulwark/signal/detail/formatter.hpp"

namespace bulwark::signal {

namespace detail {
inline constexpr auto long_short_id = "bulwark.signal.long_short";

// Rearranges a[0, n) so that a[k] is the element `before` puts at position k, everything
// before it ranks before it and everything after it does not: std::nth_element's contract.
// Quickselect with a median-of-three pivot and a Lomuto partition written without
// data-dependent branches (each element is swapped, the boundary advances by the
// comparison's result), so a partition costs no mispredictions, which dominate
// nth_element on a few hundred elements. `before` must be a strict weak order computed
// without branches. Falls back to std::nth_element after 2 log2(n) + 4 rounds, which
// bounds the worst case at O(n log n). Precondition: k < n.
template <class T, class Before>
void select_nth(T* a, std::size_t n, std::size_t k, Before before) noexcept {
  std::size_t lo = 0;
  std::size_t hi = n;  // the k-th lies in [lo, hi)
  int rounds = 4;
  for (std::size_t m = n; m > 1; m >>= 1) rounds += 2;
  while (hi - lo > 8) {
    if (--rounds == 0) {
      std::nth_element(a + lo, a + k, a + hi, before);
      return;
    }
    // Median of three, moved to the end.
    const std::size_t mid = lo + (hi - lo) / 2;
    if (before(a[mid], a[lo])) std::swap(a[mid], a[lo]);
    if (before(a[hi - 1], a[mid])) std::swap(a[hi - 1], a[mid]);
    if (before(a[mid], a[lo])) std::swap(a[mid], a[lo]);
    std::swap(a[mid], a[hi - 1]);
    const T pivot = a[hi - 1];
    std::size_t store = lo;
    for (std::size_t i = lo; i + 1 < hi; ++i) {
      const T e = a[i];
      const bool goes_left = before(e, pivot);
      a[i] = a[store];
      a[store] = e;
      store += goes_left ? 1U : 0U;
    }
    std::swap(a[store], a[hi - 1]);  // the pivot at its final place
    if (store == k) return;
    if (k < store) {
      hi = store;
    } else {
      lo = store + 1;
    }
  }
  std::sort(a + lo, a + hi, before);  // a few left: insertion sort inside std::sort
}
}  // namespace detail

/// Gross (sum of |w|) and net (sum of w) exposure targets, as fractions of capital.
struct book_targets {
  double gross = 2.0;  ///< finite, > 0
  double net = 0.0;    ///< |net| <= gross

  /// What the long side sums to: (gross + net) / 2.
  [[nodiscard]] constexpr double long_side() const noexcept { return (gross + net) / 2.0; }
  /// The magnitude the short side sums to: (gross - net) / 2 (the weights are negative).
  [[nodiscard]] constexpr double short_side() const noexcept { return (gross - net) / 2.0; }

  /// Throws `config_error` (id `bulwark.signal.long_short`) unless gross is finite and > 0
  /// and |net| <= gross.
  void validate() const {
    if (!(std::isfinite(gross) && gross > 0.0 && std::abs(net) <= gross)) {
      throw_config_error(detail::long_short_id,
                         "book targets gross {} net {}; expected gross finite > 0 and "
                         "|net| <= gross",
                         gross, net);
    }
  }
};

/// Whether a book could be built as asked.
enum class book_status : std::uint8_t {
  ok,              ///< both sides as configured
  too_few_scores,  ///< not enough present scores: all weights 0
  one_sided,       ///< a side with a target had no candidates and is empty
};

[[nodiscard]] constexpr std::string_view to_string(book_status s) noexcept {
  switch (s) {
    case book_status::ok: return "ok";
    case book_status::too_few_scores: return "too_few_scores";
    case book_status::one_sided: return "one_sided";
  }
  return "unknown";
}

/// The book that was built: how many names on each side and what each side sums to.
struct book_summary {
  std::size_t longs = 0;
  std::size_t shorts = 0;
  double long_weight = 0.0;   ///< sum of the positive weights
  double short_weight = 0.0;  ///< sum of the negative weights (<= 0)
  book_status status = book_status::too_few_scores;

  [[nodiscard]] constexpr bool ok() const noexcept { return status == book_status::ok; }
  [[nodiscard]] constexpr double gross() const noexcept { return long_weight - short_weight; }
  [[nodiscard]] constexpr double net() const noexcept { return long_weight + short_weight; }
};

/// The rule: the `n_long` strongest scores long and the `n_short` weakest short, equal
/// weight within a side, sides scaled to `targets`.
struct top_bottom {
  std::size_t n_long = 0;
  std::size_t n_short = 0;
  book_targets targets{};
};

/// Applies a `top_bottom` rule to one cross-section after another. Construction validates
/// the rule; `select` allocates only when it meets a larger universe than before (pass the
/// universe size to the constructor to allocate there), so a loop over a panel does not.
///
/// Algorithm (exact for any input; only the speed depends on the data): one pass collects
/// each side's candidates, the scores at or beyond a cut-off, and an exact selection
/// (a quickselect under the ranking) picks the names among them. The cut-off is placed
/// where about 2k + 8 scores of the previous cross-section would have passed, so for
/// cross-sections alike in distribution (z-scores, ranks) a few dozen candidates pass
/// instead of thousands, and the pass costs two comparisons per score. When fewer than k
/// pass, a second pass widens the cut-off; failing that, every present score is a
/// candidate. The result never depends on the cut-off.
class top_bottom_selector {
 public:
  /// Throws `config_error` (id `bulwark.signal.long_short`) when both counts are 0, the
  /// targets are invalid, or a side has a non-zero target but a count of 0 (or the reverse).
  explicit top_bottom_selector(top_bottom rule, std::size_t universe_size = 0)
      : rule_(rule), long_side_(rule.n_long), short_side_(rule.n_short) {
    rule.targets.validate();
    if (rule.n_long + rule.n_short == 0) {
      throw_config_error(detail::long_short_id, "top_bottom: n_long and n_short are both 0");
    }
    check_side("long", rule.n_long, rule.targets.long_side());
    check_side("short", rule.n_short, rule.targets.short_side());
    reserve(universe_size);
  }

  /// Makes room for universes of up to `universe_size` symbols.
  void reserve(std::size_t universe_size) {
    long_side_.reserve(universe_size);
    short_side_.reserve(universe_size);
  }

  /// Writes the weights of the book chosen from `scores` (one per symbol; NaN = missing).
  /// `weights` must not overlap `scores` (contract). O(n) expected.
  book_summary select(std::span<const double> scores, std::span<double> weights) {
    detail::require_same_size(scores, weights, detail::long_short_id, "top_bottom_selector");
    BULWARK_EXPECTS(weights.empty() || weights.data() + weights.size() <= scores.data() ||
                    scores.data() + scores.size() <= weights.data());
    reserve(scores.size());
    const std::size_t present = gather(scores, weights);
    book_summary b;
    if (present < rule_.n_long + rule_.n_short) {
      long_side_.clear();
      short_side_.clear();
      return b;
    }
    long_side_.finish(scores);
    short_side_.finish(scores);
    const double long_each =
        rule_.n_long == 0 ? 0.0 : rule_.targets.long_side() / static_cast<double>(rule_.n_long);
    const double short_each =
        rule_.n_short == 0 ? 0.0 : rule_.targets.short_side() / static_cast<double>(rule_.n_short);
    for (const entry& e : long_side_.chosen()) weights[e.index] = long_each;
    for (const entry& e : short_side_.chosen()) weights[e.index] = -short_each;
    b.longs = rule_.n_long;
    b.shorts = rule_.n_short;
    b.long_weight = long_each * static_cast<double>(b.longs);
    b.short_weight = -short_each * static_cast<double>(b.shorts);
    b.status = book_status::ok;
    return b;
  }

  /// Indices of the longs of the last `select`, strongest score first (empty when it
  /// returned `too_few_scores`). O(k log k) on the first call after a select.
  [[nodiscard]] std::span<const std::size_t> longs() { return long_side_.ranked(); }
  /// Indices of the shorts of the last `select`, weakest score first.
  [[nodiscard]] std::span<const std::size_t> shorts() { return short_side_.ranked(); }
  [[nodiscard]] const top_bottom& rule() const noexcept { return rule_; }

 private:
  struct entry {
    double value;
    std::size_t index;
  };

  // The ranking as seen from each side: `first` orders a side's candidates best first.
  // Long: larger score first; short: smaller first. Equal scores rank in universe order,
  // so for the short side the higher index is the weaker (it comes later in the ranking).
  struct long_order {
    static bool first(const entry& a, const entry& b) noexcept {  // no branch: see select_nth
      return (a.value > b.value) | ((a.value == b.value) & (a.index < b.index));
    }
    static bool passes(double v, double cut) noexcept { return v >= cut; }
    static double beyond(double from, double by) noexcept { return from - by; }  // looser
  };
  struct short_order {
    static bool first(const entry& a, const entry& b) noexcept {
      return (a.value < b.value) | ((a.value == b.value) & (a.index > b.index));
    }
    static bool passes(double v, double cut) noexcept { return v <= cut; }
    static double beyond(double from, double by) noexcept { return from + by; }
  };

  // One side: its candidates, its cut-off, and the names chosen.
  template <class Order>
  class side {
   public:
    explicit side(std::size_t k) : k_(k) {}
    void reserve(std::size_t n) {
      if (buffer_.size() < n) buffer_.resize(n);
      ranked_.reserve(k_);
    }
    void clear() noexcept { count_ = 0; }
    [[nodiscard]] std::size_t k() const noexcept { return k_; }
    // The cut-off for the gathering pass: every present score before the first
    // cross-section; for a side with no names, only an infinity on its side (which the
    // caller then rejects).
    [[nodiscard]] double gathering_cut() const noexcept {
      constexpr double inf = std::numeric_limits<double>::infinity();
      if (k_ == 0) return Order::beyond(0.0, -inf);
      return std::isnan(cutoff_) ? Order::beyond(0.0, inf) : cutoff_;
    }
    [[nodiscard]] std::size_t count() const noexcept { return count_; }
    // True when a candidate is infinite (an infinite score always passes its side's cut).
    [[nodiscard]] bool has_infinity() const noexcept {
      for (std::size_t j = 0; j < count_; ++j) {
        if (std::isinf(buffer_[j].value)) return true;
      }
      return false;
    }
    void add(double v, std::size_t i) noexcept { buffer_[count_++] = {v, i}; }

    // Puts the k best candidates first, and places the cut-off for the next cross-section
    // where about 2k + 8 of this one's scores pass: exactly when every present score
    // was a candidate, else extrapolated from the k-th best and the spacing per rank of
    // the candidates beyond it. The margin over k is a few standard deviations of the
    // count for cross-sections alike in distribution, so the second pass is rare.
    void finish(std::span<const double> scores) {
      ranked_.clear();
      sorted_ = false;
      if (k_ == 0) return;
      bool every_score = std::isnan(cutoff_) || std::isinf(cutoff_);
      if (count_ < k_ && !every_score) widen(scores);
      if (count_ < k_) {
        take_every_score(scores);
        every_score = true;
      }
      const auto order = [](const entry& a, const entry& b) noexcept { return Order::first(a, b); };
      detail::select_nth(buffer_.data(), count_, k_ - 1, order);
      const double kth = buffer_[k_ - 1].value;
      const std::size_t target = 2 * k_ + 8;
      if (every_score) {
        if (count_ > target) {
          detail::select_nth(buffer_.data() + k_, count_ - k_, target - 1 - k_, order);
          cutoff_ = buffer_[target - 1].value;
        } else {
          cutoff_ = Order::beyond(0.0, std::numeric_limits<double>::infinity());  // a small universe
        }
      } else {
        const double per_rank = count_ > k_ ? std::abs(kth - cutoff_) / static_cast<double>(count_ - k_)
                                            : spread_per_rank();
        cutoff_ = Order::beyond(kth, per_rank * static_cast<double>(target - k_));
      }
      count_ = k_;
    }

    [[nodiscard]] std::span<const entry> chosen() const noexcept {
      return std::span<const entry>(buffer_).first(count_ == k_ ? k_ : 0);
    }

    std::span<const std::size_t> ranked() {
      if (!sorted_ && count_ == k_ && k_ > 0) {
        std::sort(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(k_),
                  [](const entry& a, const entry& b) noexcept { return Order::first(a, b); });
        ranked_.clear();
        for (std::size_t j = 0; j < k_; ++j) ranked_.push_back(buffer_[j].index);
        sorted_ = true;
      }
      if (count_ != k_) ranked_.clear();
      return ranked_;
    }

   private:
    // Score distance per rank among the k best (the first k of the buffer).
    [[nodiscard]] double spread_per_rank() const noexcept {
      if (k_ < 2) return 0.0;
      const auto first = buffer_.begin();
      const auto last = first + static_cast<std::ptrdiff_t>(k_);
      const auto [lo, hi] = std::minmax_element(first, last, [](const entry& a, const entry& b) {
        return a.value < b.value;
      });
      return (hi->value - lo->value) / static_cast<double>(k_ - 1);
    }

    // Too few passed: a second pass admits the scores between the cut-off and one moved
    // outward by twice the expected shortfall, at the spacing the candidates show.
    void widen(std::span<const double> scores) noexcept {
      if (count_ == 0) return;
      const auto first = buffer_.begin();
      const auto best = std::min_element(first, first + static_cast<std::ptrdiff_t>(count_),
                                         [](const entry& a, const entry& b) noexcept { return Order::first(a, b); });
      const double per_rank = std::abs(best->value - cutoff_) / static_cast<double>(count_);
      if (!(per_rank > 0.0)) return;
      const std::size_t target = 2 * k_ + 8;
      const double old = cutoff_;
      cutoff_ = Order::beyond(old, 2.0 * per_rank * static_cast<double>(target - count_));
      for (std::size_t i = 0; i < scores.size(); ++i) {
        const double v = scores[i];
        if (Order::passes(v, cutoff_) && !Order::passes(v, old)) add(v, i);
      }
    }

    void take_every_score(std::span<const double> scores) noexcept {
      count_ = 0;
      for (std::size_t i = 0; i < scores.size(); ++i) {
        if (scores[i] == scores[i]) add(scores[i], i);
      }
    }

    std::size_t k_;
    std::vector<entry> buffer_;
    std::size_t count_ = 0;
    double cutoff_ = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::size_t> ranked_;
    bool sorted_ = false;
  };

  // The one pass over the scores: two comparisons per score collect each side's
  // candidates. NaN passes neither. An infinity passes its side's cut-off, so looking for
  // one among the candidates finds it. When the two cut-offs leave the sides disjoint and
  // each side has its k, there are at least n_long + n_short present scores; only
  // otherwise are they counted. Returns that count, or n when it is known to suffice.
  // The same pass zeroes the weights, so their stores stream out while it computes.
  std::size_t gather(std::span<const double> scores, std::span<double> weights) {
    long_side_.clear();
    short_side_.clear();
    const double long_cut = long_side_.gathering_cut();
    const double short_cut = short_side_.gathering_cut();
    const double* __restrict x = scores.data();
    double* __restrict w = weights.data();
    const std::size_t n = scores.size();
    const auto visit = [&](double v, std::size_t i) noexcept {
      w[i] = 0.0;
      if (v >= long_cut) long_side_.add(v, i);
      if (v <= short_cut) short_side_.add(v, i);
    };
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {  // written out, to spend the loop's overhead once per four
      visit(x[i], i);
      visit(x[i + 1], i + 1);
      visit(x[i + 2], i + 2);
      visit(x[i + 3], i + 3);
    }
    for (; i < n; ++i) visit(x[i], i);
    if (long_side_.has_infinity() || short_side_.has_infinity()) {
      long_side_.clear();
      short_side_.clear();
      detail::require_no_infinity(scores, detail::long_short_id, "top_bottom_selector: scores");
    }
    if (long_cut > short_cut && long_side_.count() >= long_side_.k() &&
        short_side_.count() >= short_side_.k()) {
      return n;
    }
    std::size_t present = 0;
    for (const double v : scores) present += v == v ? 1U : 0U;
    return present;
  }

  static void check_side(std::string_view side_name, std::size_t count, double target) {
    if ((count == 0) != (target == 0.0)) {
      throw_config_error(detail::long_short_id,
                         "top_bottom: {} side has {} names but a target of {}; expected both "
                         "zero or both non-zero",
                         side_name, count, target);
    }
  }

  top_bottom rule_;
  side<long_order> long_side_;
  side<short_order> short_side_;
};

/// Weights proportional to the scores, each side scaled to its target: a positive score s
/// gets long_side * s / (sum of positive scores), a negative one -short_side * |s| / (sum
/// of |negative scores|). Zero and NaN scores get 0. Pass demeaned or z-scored scores for
/// a book with both sides. A side with a target but no scores of its sign stays empty
/// (status `one_sided`); no non-zero score at all gives `too_few_scores`. O(n), no
/// allocation. Bad input as in the file comment.
inline book_summary proportional_weights(std::span<const double> scores,
                                         std::span<double> weights, book_targets targets = {}) {
  targets.validate();
  detail::require_same_size(scores, weights, detail::long_short_id, "proportional_weights");
  detail::require_no_infinity(scores, detail::long_short_id, "proportional_weights: scores");
  double positive = 0.0;
  double negative = 0.0;
  book_summary b;
  for (double v : scores) {
    if (v > 0.0) {
      positive += v;
      ++b.longs;
    } else if (v < 0.0) {
      negative -= v;
      ++b.shorts;
    }
  }
  const double long_scale = b.longs == 0 ? 0.0 : targets.long_side() / positive;
  const double short_scale = b.shorts == 0 ? 0.0 : targets.short_side() / negative;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const double v = scores[i];
    weights[i] = v > 0.0 ? v * long_scale : v < 0.0 ? v * short_scale : 0.0;
  }
  if (targets.long_side() == 0.0) b.longs = 0;
  if (targets.short_side() == 0.0) b.shorts = 0;
  b.long_weight = b.longs == 0 ? 0.0 : targets.long_side();
  b.short_weight = b.shorts == 0 ? 0.0 : -targets.short_side();
  const bool long_missing = targets.long_side() > 0.0 && b.longs == 0;
  const bool short_missing = targets.short_side() > 0.0 && b.shorts == 0;
  b.status = long_missing && short_missing ? book_status::too_few_scores
             : long_missing || short_missing ? book_status::one_sided
                                             : book_status::ok;
  return b;
}

}  // namespace bulwark::signal

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::signal::book_status)

/// Formats as `20 long (+1), 20 short (-1), ok`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::book_summary, b,
                                "{} long ({:+}), {} short ({:+}), {}", b.longs, b.long_weight,
                                b.shorts, b.short_weight, bulwark::signal::to_string(b.status))

/// Formats as `gross 2 net 0`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::book_targets, t, "gross {} net {}", t.gross, t.net)
/// Formats as `top 50 / bottom 50, gross 2 net 0`.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::top_bottom, r, "top {} / bottom {}, {}", r.n_long,
                                r.n_short, r.targets)

/// Formats as its rule.
BULWARK_SIGNAL_DETAIL_FORMATTER(bulwark::signal::top_bottom_selector, s, "{}", s.rule())
