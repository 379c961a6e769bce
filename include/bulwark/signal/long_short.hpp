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
/// top_bottom_selector sel{{.n_long = 50, .n_short = 50}};    // allocates here, never after
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

namespace bulwark::signal {

namespace detail {
inline constexpr auto long_short_id = "bulwark.signal.long_short";
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
/// the rule and allocates the two selection heaps; `select` never allocates.
class top_bottom_selector {
 public:
  /// Throws `config_error` (id `bulwark.signal.long_short`) when both counts are 0, the
  /// targets are invalid, or a side has a non-zero target but a count of 0 (or the reverse).
  explicit top_bottom_selector(top_bottom rule) : rule_(rule) {
    rule.targets.validate();
    if (rule.n_long + rule.n_short == 0) {
      throw_config_error(detail::long_short_id, "top_bottom: n_long and n_short are both 0");
    }
    check_side("long", rule.n_long, rule.targets.long_side());
    check_side("short", rule.n_short, rule.targets.short_side());
    long_heap_.reserve(rule.n_long);
    short_heap_.reserve(rule.n_short);
    longs_.reserve(rule.n_long);
    shorts_.reserve(rule.n_short);
  }

  /// Writes the weights of the book chosen from `scores` (one per symbol; NaN = missing).
  /// One pass with two comparisons per score; a score that enters a heap costs O(log k).
  /// For scores in random order about k ln(n / k) enter, so the pass is O(n) in practice
  /// (O(n log k) at worst, for sorted input).
  book_summary select(std::span<const double> scores, std::span<double> weights) {
    detail::require_same_size(scores, weights, detail::long_short_id, "top_bottom_selector");
    long_heap_.clear();
    short_heap_.clear();
    longs_.clear();
    shorts_.clear();
    constexpr double inf = std::numeric_limits<double>::infinity();
    // A score enters the long heap when it beats the weakest long kept so far; a later
    // equal score does not (the lower index ranks first). It enters the short heap when it
    // is at or below the strongest short kept: an equal score with a higher index ranks
    // lower. Until a heap is full its threshold admits every present score; the threshold
    // of a side with no names is NaN, which admits nothing.
    constexpr double none = std::numeric_limits<double>::quiet_NaN();
    double long_bar = rule_.n_long == 0 ? none : -inf;
    double short_bar = rule_.n_short == 0 ? none : inf;
    std::size_t present = 0;
    std::size_t infinite = 0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
      const double v = scores[i];
      present += v == v ? 1U : 0U;
      infinite += std::abs(v) == inf ? 1U : 0U;
      if (v > long_bar) long_bar = admit(long_heap_, rule_.n_long, {v, i}, stronger, -inf);
      if (v <= short_bar) short_bar = admit(short_heap_, rule_.n_short, {v, i}, weaker, inf);
    }
    if (infinite != 0) {
      detail::require_no_infinity(scores, detail::long_short_id, "top_bottom_selector: scores");
    }
    std::fill(weights.begin(), weights.end(), 0.0);
    book_summary b;
    if (present < rule_.n_long + rule_.n_short) return b;
    std::sort_heap(long_heap_.begin(), long_heap_.end(), stronger);  // strongest first
    std::sort_heap(short_heap_.begin(), short_heap_.end(), weaker);   // weakest first
    const double long_each =
        rule_.n_long == 0 ? 0.0 : rule_.targets.long_side() / static_cast<double>(rule_.n_long);
    const double short_each =
        rule_.n_short == 0 ? 0.0 : rule_.targets.short_side() / static_cast<double>(rule_.n_short);
    for (const entry& e : long_heap_) {
      weights[e.index] = long_each;
      longs_.push_back(e.index);
    }
    for (const entry& e : short_heap_) {
      weights[e.index] = -short_each;
      shorts_.push_back(e.index);
    }
    b.longs = longs_.size();
    b.shorts = shorts_.size();
    b.long_weight = long_each * static_cast<double>(b.longs);
    b.short_weight = -short_each * static_cast<double>(b.shorts);
    b.status = book_status::ok;
    return b;
  }

  /// Indices of the longs of the last `select`, strongest score first (empty when it
  /// returned `too_few_scores`).
  [[nodiscard]] std::span<const std::size_t> longs() const noexcept { return longs_; }
  /// Indices of the shorts of the last `select`, weakest score first.
  [[nodiscard]] std::span<const std::size_t> shorts() const noexcept { return shorts_; }
  [[nodiscard]] const top_bottom& rule() const noexcept { return rule_; }

 private:
  struct entry {
    double value;
    std::size_t index;
  };

  // Heap orders. With "stronger" the heap's front is the weakest long kept; with
  // "weaker" it is the strongest short kept: in both, the first to be replaced.
  static bool stronger(const entry& a, const entry& b) noexcept {
    return a.value > b.value || (a.value == b.value && a.index < b.index);
  }
  static bool weaker(const entry& a, const entry& b) noexcept {
    return a.value < b.value || (a.value == b.value && a.index > b.index);
  }

  // Puts `e` in the heap (replacing its front when full) and returns the new threshold:
  // the front's value once the heap holds `capacity` entries, else `while_filling`.
  template <class Order>
  static double admit(std::vector<entry>& heap, std::size_t capacity, entry e, Order order,
                      double while_filling) {
    if (heap.size() == capacity) {
      std::pop_heap(heap.begin(), heap.end(), order);
      heap.back() = e;
    } else {
      heap.push_back(e);  // within the capacity reserved at construction
    }
    std::push_heap(heap.begin(), heap.end(), order);
    return heap.size() < capacity ? while_filling : heap.front().value;
  }

  static void check_side(std::string_view side, std::size_t count, double target) {
    if ((count == 0) != (target == 0.0)) {
      throw_config_error(detail::long_short_id,
                         "top_bottom: {} side has {} names but a target of {}; expected both "
                         "zero or both non-zero",
                         side, count, target);
    }
  }

  top_bottom rule_;
  std::vector<entry> long_heap_;
  std::vector<entry> short_heap_;
  std::vector<std::size_t> longs_;
  std::vector<std::size_t> shorts_;
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
template <>
struct fmt::formatter<bulwark::signal::book_summary> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::signal::book_summary& b, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} long ({:+}), {} short ({:+}), {}", b.longs,
                          b.long_weight, b.shorts, b.short_weight,
                          bulwark::signal::to_string(b.status));
  }
};
