// SPDX-License-Identifier: MIT
/// \file
/// \brief `window_quantile`: the type-7 quantile of the last W values, and the mean of the
/// values strictly below it (expected shortfall), in O(log W) per value and no allocation
/// after construction. The engine of rolling VaR/ES and of the streaming `rolling_var_es`.
///
/// Synopsis
/// \code
/// window_quantile w{window, q, quantile_convention::numpy};
/// w.add(x);              // O(log W); the oldest value leaves once W are held
/// w.quantile();          // Q of the values held (numpy / pandas / R type 7)
/// w.mean_below();        // mean of the held values < Q, or Q when there is none
/// w.size(); w.full(); w.window(); w.q(); w.reset();
/// \endcode
///
/// Structure: two indexed binary heaps split at the quantile (as a running median does):
/// a max-heap holding the k + 1 smallest values (k = the quantile's lower rank, so its top is
/// x_(k)) and a min-heap holding the rest (its top is x_(k+1)). Each value remembers its
/// heap position, so the value leaving the window is overwritten in place by the one
/// arriving and sifted, followed by at most one exchange of the two tops: O(log W), and on
/// random data O(1) expected, because a replaced value rarely moves far. The sum of the
/// lower heap is kept in double-double arithmetic (Knuth's TwoSum), so the tail mean does
/// not drift however many values pass through.
///
/// Bad input: the constructor throws `config_error` (id `bulwark.risk.window`) for a window
/// of 0 or above 2^31, or q outside [0, 1]. `add` is noexcept: a NaN or infinite value
/// makes every later result NaN (until `reset`), so a bad tick can never yield a plausible
/// number.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/exact_sum.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/risk/var.hpp"

namespace bulwark::risk {

class window_quantile {
 public:
  /// The quantile q in [0, 1] (e.g. 1 - confidence) of the last `window` values.
  window_quantile(std::size_t window, double q,
                  quantile_convention convention = quantile_convention::numpy)
      : window_(window), q_(q), convention_(convention) {
    if (window == 0 || window > (std::size_t{1} << 31)) {
      throw_config_error(id, "window {} outside [1, 2^31]", window);
    }
    bulwark::detail::require_in_closed_range(q, 0.0, 1.0, id, "q");
    lower_.resize(window);
    upper_.resize(window);
    where_.resize(window);
    stack_.resize(window);
  }

  /// Adds x; once `window` values are held, the oldest leaves. O(log W), noexcept.
  void add(double x) noexcept {
    if (!std::isfinite(x)) broken_ = true;
    if (broken_) return;
    const auto slot = static_cast<std::uint32_t>(head_);
    head_ = head_ + 1 == window_ ? 0 : head_ + 1;
    if (count_ < window_) {
      ++count_;
      insert(x, slot);
      rebalance();
    } else {
      replace(slot, x);
    }
    order_tops();
  }

  /// The type-7 quantile of the values held (NaN when there are none, or after a bad value).
  [[nodiscard]] double quantile() const noexcept {
    if (broken_ || count_ == 0) return std::numeric_limits<double>::quiet_NaN();
    const double a = lower_[0].value;
    const double b = upper_size_ > 0 ? upper_[0].value : a;
    return interpolate_quantile(a, b, count_, q_, convention_);
  }

  /// The mean of the values held that are strictly below quantile() (the tail whose
  /// negation is the expected shortfall), or quantile() itself when none is. O(1), or
  /// O(ties) when the quantile equals x_(k) and that value repeats.
  [[nodiscard]] double mean_below() const noexcept {
    const double quantile_value = quantile();
    if (std::isnan(quantile_value)) return quantile_value;
    const double a = lower_[0].value;
    double sum = sum_.value();
    std::size_t count = lower_size_;
    if (!(quantile_value > a)) {  // Q == a: the values equal to a are not below it
      const std::size_t ties = count_equal_to_top();
      sum = (sum_.hi - static_cast<double>(ties) * a) + sum_.lo;
      count -= ties;
    }
    return count > 0 ? sum / static_cast<double>(count) : quantile_value;
  }

  [[nodiscard]] std::size_t size() const noexcept { return count_; }
  [[nodiscard]] bool full() const noexcept { return count_ == window_; }
  [[nodiscard]] std::size_t window() const noexcept { return window_; }
  [[nodiscard]] double q() const noexcept { return q_; }
  [[nodiscard]] quantile_convention convention() const noexcept { return convention_; }
  /// True after a NaN or infinite value (until reset()).
  [[nodiscard]] bool broken() const noexcept { return broken_; }

  /// Forgets every value (keeps the storage).
  void reset() noexcept {
    count_ = head_ = lower_size_ = upper_size_ = 0;
    sum_ = {};
    broken_ = false;
  }

  static constexpr auto id = "bulwark.risk.window";

 private:
  struct node {
    double value;
    std::uint32_t slot;
  };
  static constexpr std::uint32_t upper_tag = std::uint32_t{1} << 31;

  template <bool Max>
  static bool before(double a, double b) noexcept {
    return Max ? a > b : a < b;
  }

  template <bool Max>
  void sift_up(node* h, std::size_t i) noexcept {
    const std::uint32_t tag = Max ? 0 : upper_tag;
    const node x = h[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!before<Max>(x.value, h[parent].value)) break;
      h[i] = h[parent];
      where_[h[i].slot] = tag | static_cast<std::uint32_t>(i);
      i = parent;
    }
    h[i] = x;
    where_[x.slot] = tag | static_cast<std::uint32_t>(i);
  }

  template <bool Max>
  void sift_down(node* h, std::size_t size, std::size_t i) noexcept {
    const std::uint32_t tag = Max ? 0 : upper_tag;
    const node x = h[i];
    while (true) {
      std::size_t child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && before<Max>(h[child + 1].value, h[child].value)) ++child;
      if (!before<Max>(h[child].value, x.value)) break;
      h[i] = h[child];
      where_[h[i].slot] = tag | static_cast<std::uint32_t>(i);
      i = child;
    }
    h[i] = x;
    where_[x.slot] = tag | static_cast<std::uint32_t>(i);
  }

  void push_lower(node x) noexcept {
    lower_[lower_size_] = x;
    sum_.add(x.value);
    sift_up<true>(lower_.data(), lower_size_++);
  }
  void push_upper(node x) noexcept {
    upper_[upper_size_] = x;
    sift_up<false>(upper_.data(), upper_size_++);
  }
  node pop_lower() noexcept {
    const node top = lower_[0];
    sum_.add(-top.value);
    lower_[0] = lower_[--lower_size_];
    if (lower_size_ > 0) sift_down<true>(lower_.data(), lower_size_, 0);
    return top;
  }
  node pop_upper() noexcept {
    const node top = upper_[0];
    upper_[0] = upper_[--upper_size_];
    if (upper_size_ > 0) sift_down<false>(upper_.data(), upper_size_, 0);
    return top;
  }

  void insert(double x, std::uint32_t slot) noexcept {
    if (lower_size_ == 0 || x <= lower_[0].value) {
      push_lower({x, slot});
    } else {
      push_upper({x, slot});
    }
  }

  // While the window fills, the lower heap holds lower_rank(count) + 1 values.
  void rebalance() noexcept {
    const std::size_t target = detail::lower_rank(count_, q_, convention_) + 1;
    while (lower_size_ > target) push_upper(pop_lower());
    while (lower_size_ < target) push_lower(pop_upper());
  }

  void replace(std::uint32_t slot, double x) noexcept {
    const std::uint32_t w = where_[slot];
    const std::size_t i = w & ~upper_tag;
    if ((w & upper_tag) == 0) {
      const double old = lower_[i].value;
      sum_.add(x);
      sum_.add(-old);
      lower_[i].value = x;
      if (x > old) {
        sift_up<true>(lower_.data(), i);
      } else {
        sift_down<true>(lower_.data(), lower_size_, i);
      }
    } else {
      const double old = upper_[i].value;
      upper_[i].value = x;
      if (x < old) {
        sift_up<false>(upper_.data(), i);
      } else {
        sift_down<false>(upper_.data(), upper_size_, i);
      }
    }
  }

  // After one value changed, at most one pair is out of order across the split.
  void order_tops() noexcept {
    if (lower_size_ == 0 || upper_size_ == 0 || !(lower_[0].value > upper_[0].value)) return;
    const node from_lower = lower_[0];
    const node from_upper = upper_[0];
    sum_.add(from_upper.value);
    sum_.add(-from_lower.value);
    lower_[0] = from_upper;
    upper_[0] = from_lower;
    sift_down<true>(lower_.data(), lower_size_, 0);
    sift_down<false>(upper_.data(), upper_size_, 0);
  }

  // The values equal to the max-heap's top form a subtree at its root: a depth-first walk
  // over them, on the stack allocated at construction.
  [[nodiscard]] std::size_t count_equal_to_top() const noexcept {
    const double top = lower_[0].value;
    std::size_t ties = 0, depth = 0;
    stack_[depth++] = 0;
    while (depth > 0) {
      const std::size_t i = stack_[--depth];
      ++ties;
      for (std::size_t c = 2 * i + 1; c <= 2 * i + 2 && c < lower_size_; ++c) {
        if (lower_[c].value == top) stack_[depth++] = c;
      }
    }
    return ties;
  }

  std::size_t window_;
  double q_;
  quantile_convention convention_;
  std::vector<node> lower_;
  std::vector<node> upper_;
  std::vector<std::uint32_t> where_;       // slot -> heap position (upper_tag marks the upper)
  mutable std::vector<std::size_t> stack_;  // scratch for count_equal_to_top
  std::size_t count_ = 0;
  std::size_t head_ = 0;  // the slot the next value takes (the oldest once full)
  std::size_t lower_size_ = 0;
  std::size_t upper_size_ = 0;
  bulwark::detail::exact_sum sum_;  // the lower heap's sum, in double-double
  bool broken_ = false;
};

}  // namespace bulwark::risk
