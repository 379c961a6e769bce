// SPDX-License-Identifier: MIT
/// \file
/// \brief Drawdown: the loss from the running peak of compounded wealth. Maximum drawdown
/// (with the peak, trough and recovery of its episode), the drawdown series, and the Calmar
/// ratio.
///
/// Synopsis
/// \code
/// double max_drawdown(r);                     // max_j 1 - w_j / max_{i<=j} w_i, w_0 = 1
/// drawdown_episode max_drawdown_episode(r);   // the same, with peak, trough, recovery
/// std::vector<double> drawdowns(r);           // 1 - w_j / peak_j for j = 1..n
/// double calmar_ratio(r, P);                  // annual_return / max_drawdown
/// \endcode
///
/// Convention (PerformanceAnalytics maxDrawdown, empyrical max_drawdown): wealth starts at
/// w_0 = 1, which counts as a peak, so a loss in the first period is a drawdown; w_j =
/// prod_{i<j} (1 + r_i) is the wealth after j returns ("point" j, 0..n). Drawdowns are
/// positive fractions (0.25 = a quarter of the peak's wealth lost); PA and empyrical report
/// them negative. quantstats and a pandas `cummax` on the wealth alone do not count the
/// start, and report no drawdown for a first-period loss.
///
/// Arithmetic: wealth is compounded in blocks of 8 returns, w_j = W_b * q_j with W_b the
/// wealth at the block's start b and q_j its growth since: the product of (1 + r) left to
/// right over the block's first four returns, and for the last four that product times the
/// left-to-right product over the last four from their start. The two multiply chains run
/// side by side and off the critical path (one multiply per block carries wealth from block
/// to block), and the result differs from a plain running product in the last bits only;
/// `running_drawdown` (streaming.hpp) uses the same scheme, so streaming and batch agree
/// bit for bit.
///
/// Bad input (`input_error`, id `bulwark.risk.metrics`, naming the function and index): an
/// empty series, a NaN or infinite return, a return below -1. A return of exactly -1 wipes
/// the wealth out: the drawdown is 1 from there on.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/units.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/risk/returns_metrics.hpp"

namespace bulwark::risk {

/// The episode of the maximum drawdown. Indices are wealth points: 0 is the start (before
/// the first return), j the wealth after j returns.
struct drawdown_episode {
  double max_drawdown = 0.0;              ///< 1 - trough wealth / peak wealth, >= 0
  std::size_t peak = 0;                   ///< the point of the running peak it fell from
  std::size_t trough = 0;                 ///< the first point of lowest wealth after the peak
  std::optional<std::size_t> recovery;    ///< first point after it with wealth >= the peak's
  std::size_t duration = 0;               ///< points from peak to recovery, or to the end (n)

  friend bool operator==(const drawdown_episode&, const drawdown_episode&) = default;
};

namespace detail {

// The wealth block of the file comment: 8 returns compounded left to right from 1.
inline constexpr std::size_t wealth_block = 8;

// Tracks the running peak, the trough since it, and the worst episode, point by point or a
// block at a time. `update_point` is the exact rule; `fold_block` is its fast path for a
// block whose wealth never reaches the peak (then only the block's minimum can matter).
class drawdown_tracker {
 public:
  // Wealth w at point p (after p returns).
  void update_point(double w, std::size_t p, std::size_t block_start, double block_wealth) noexcept {
    if (w >= peak_) {
      close_episode(p);
      peak_ = w;
      peak_point_ = p;
      trough_ = w;
    } else if (w < trough_) {
      trough_ = w;
      trough_point_ = p;
      trough_block_ = block_start;
      trough_block_wealth_ = block_wealth;
    }
  }
  // A block whose highest wealth is below the peak: its lowest wealth may be a new trough.
  void fold_block(double lowest, std::size_t block_start, double block_wealth) noexcept {
    if (lowest < trough_) {
      trough_ = lowest;
      trough_point_ = unresolved;
      trough_block_ = block_start;
      trough_block_wealth_ = block_wealth;
    }
  }
  [[nodiscard]] double peak() const noexcept { return peak_; }
  [[nodiscard]] double trough() const noexcept { return trough_; }

  // The worst drawdown so far, the open episode included.
  [[nodiscard]] double max_drawdown() const noexcept {
    const double open = trough_ < peak_ ? 1.0 - trough_ / peak_ : 0.0;
    return open > best_.drawdown ? open : best_.drawdown;
  }

  // The worst episode so far (the open one included); when its trough was folded in by
  // block, `find_trough(block_start, block_wealth, from_point, value)` returns the first
  // point >= from_point of that block whose wealth is `value`.
  template <class FindTrough>
  [[nodiscard]] drawdown_episode episode(std::size_t n, FindTrough find_trough) const {
    worst w = best_;
    if (trough_ < peak_ && 1.0 - trough_ / peak_ > w.drawdown) w = current(std::nullopt);
    drawdown_episode e;
    if (!(w.drawdown > 0.0)) return e;
    e.max_drawdown = w.drawdown;
    e.peak = w.peak_point;
    e.trough = w.trough_point != unresolved
                   ? w.trough_point
                   : find_trough(w.trough_block, w.trough_block_wealth,
                                 std::max(w.trough_block + 1, w.peak_point + 1), w.trough);
    e.recovery = w.recovery;
    e.duration = (w.recovery ? *w.recovery : n) - w.peak_point;
    return e;
  }

 private:
  static constexpr std::size_t unresolved = static_cast<std::size_t>(-1);
  struct worst {
    double drawdown = 0.0;
    double trough = 1.0;
    std::size_t trough_point = unresolved;
    std::size_t peak_point = 0;
    std::size_t trough_block = 0;
    double trough_block_wealth = 1.0;
    std::optional<std::size_t> recovery;
  };
  [[nodiscard]] worst current(std::optional<std::size_t> recovery) const noexcept {
    return {1.0 - trough_ / peak_, trough_, trough_point_, peak_point_, trough_block_,
            trough_block_wealth_, recovery};
  }
  void close_episode(std::size_t recovery_point) noexcept {
    if (trough_ < peak_ && 1.0 - trough_ / peak_ > best_.drawdown) best_ = current(recovery_point);
  }

  double peak_ = 1.0;
  double trough_ = 1.0;
  std::size_t peak_point_ = 0;
  std::size_t trough_point_ = unresolved;
  std::size_t trough_block_ = 0;
  double trough_block_wealth_ = 1.0;
  worst best_;
};

// The growth q[j] of wealth from a block's start to its j-th return, as the file comment
// defines it: the first four factors left to right, the next four left to right from 1,
// times the first four's product (two independent multiply chains). len <= 8.
inline void block_growth(const double* x, std::size_t len, double* q) noexcept {
  const std::size_t half = len < 4 ? len : 4;
  double first = 1.0;
  for (std::size_t j = 0; j < half; ++j) {
    first *= 1.0 + x[j];
    q[j] = first;
  }
  double second = 1.0;
  for (std::size_t j = half; j < len; ++j) {
    second *= 1.0 + x[j];
    q[j] = first * second;
  }
}

// One pass over r: the drawdown tracker after every point, and the smallest growth factor
// 1 + r (negative when some r < -1) for validation. Full blocks of 8 take the fast path
// unless their highest wealth reaches the running peak.
struct drawdown_pass {
  drawdown_tracker tracker;
  double final_wealth = 1.0;
  double lowest_growth = 1.0;  // negative only if some 1 + r < 0
};

[[nodiscard]] inline drawdown_pass run_drawdown(std::span<const double> r) noexcept {
  drawdown_pass s;
  const double* x = r.data();
  const std::size_t n = r.size();
  double wealth = 1.0;
  double lowest = 1.0;
  std::size_t b = 0;
  for (; b + wealth_block <= n; b += wealth_block) {
    // The two chains of block_growth, each with its running extremes: the block's highest
    // and lowest growth without storing it (a > 0 makes c -> a c monotone, so
    // max_j a c_j = a max_j c_j exactly).
    double a = 1.0 + x[b];
    double c = 1.0 + x[b + 4];
    double a_hi = a, a_lo = a, c_hi = c, c_lo = c;
    for (std::size_t j = 1; j < 4; ++j) {
      a *= 1.0 + x[b + j];
      c *= 1.0 + x[b + 4 + j];
      a_hi = std::max(a_hi, a);
      a_lo = std::min(a_lo, a);
      c_hi = std::max(c_hi, c);
      c_lo = std::min(c_lo, c);
    }
    const double hi = std::max(a_hi, a * c_hi);
    const double lo = std::min(a_lo, a * c_lo);
    lowest = std::min(lowest, lo);
    // wealth > 0 makes g -> wealth g monotone, so these are the block's extremes exactly.
    if (wealth * hi >= s.tracker.peak()) {
      double q[wealth_block];
      block_growth(x + b, wealth_block, q);
      for (std::size_t j = 0; j < wealth_block; ++j) {
        s.tracker.update_point(wealth * q[j], b + j + 1, b, wealth);
      }
    } else {
      s.tracker.fold_block(wealth * lo, b, wealth);
    }
    wealth *= a * c;
  }
  if (b < n) {
    double q[wealth_block];
    block_growth(x + b, n - b, q);
    for (std::size_t j = 0; j < n - b; ++j) {
      lowest = std::min(lowest, q[j]);
      s.tracker.update_point(wealth * q[j], b + j + 1, b, wealth);
    }
    wealth *= q[n - b - 1];
  }
  s.final_wealth = wealth;
  s.lowest_growth = lowest;
  return s;
}

// run_drawdown plus validation, at no extra pass: a non-finite return makes the final wealth
// non-finite (inf and NaN survive every later factor), and a return below -1 makes a
// block's growth negative where it enters (unless an earlier factor was 0, which leaves
// the final wealth 0; only then, or on a problem, is r scanned again to name the index).
[[nodiscard]] inline drawdown_pass checked_drawdown(std::span<const double> r,
                                                    std::string_view function,
                                                    std::string_view name) {
  bulwark::detail::require_size_at_least(r, 1, metrics_id, name);
  drawdown_pass s = run_drawdown(r);
  if (!std::isfinite(s.final_wealth) || !(s.lowest_growth >= 0.0) || s.final_wealth == 0.0) {
    bulwark::detail::require_finite(r, metrics_id, name);
    require_no_return_below_minus_one(r, metrics_id, function);
    if (s.final_wealth != 0.0) {
      throw_input_error(metrics_id, "{}: the compounded wealth overflows a double", function);
    }
  }
  return s;
}

}  // namespace detail

/// The maximum drawdown max_j (1 - w_j / max_{i<=j} w_i), a positive fraction (0 when wealth
/// never falls below a previous peak), with the starting wealth counted as a peak. One pass,
/// O(n), no allocation; see the file comment for conventions and bad input.
[[nodiscard]] inline double max_drawdown(std::span<const double> r) {
  return detail::checked_drawdown(r, "max_drawdown", "max_drawdown: r").tracker.max_drawdown();
}

/// The maximum drawdown with its episode: the peak it fell from, the first point of its
/// trough, the first point that regains the peak's wealth (if any), and the duration in
/// periods from peak to recovery (or to the end). All zero when there is no drawdown. O(n).
[[nodiscard]] inline drawdown_episode max_drawdown_episode(std::span<const double> r) {
  const auto s = detail::checked_drawdown(r, "max_drawdown_episode", "max_drawdown_episode: r");
  return s.tracker.episode(r.size(), [r](std::size_t block_start, double block_wealth,
                                         std::size_t from_point, double value) {
    const std::size_t len = std::min(detail::wealth_block, r.size() - block_start);
    double q[detail::wealth_block];
    detail::block_growth(r.data() + block_start, len, q);
    for (std::size_t j = 0; j < len; ++j) {
      const std::size_t point = block_start + j + 1;
      if (point >= from_point && block_wealth * q[j] == value) return point;
    }
    return from_point;  // not reached: the tracker saw this value in this block
  });
}

/// The drawdown after each return: out[j - 1] = 1 - w_j / max_{i<=j} w_i for j = 1..n
/// (PA Drawdowns, negated). Same arithmetic as max_drawdown, so max(drawdowns(r)) ==
/// max_drawdown(r) exactly. O(n).
[[nodiscard]] inline std::vector<double> drawdowns(std::span<const double> r) {
  bulwark::detail::require_sample(r, 1, detail::metrics_id, "drawdowns: r");
  detail::require_no_return_below_minus_one(r, detail::metrics_id, "drawdowns");
  std::vector<double> out(r.size());
  double wealth = 1.0;
  double peak = 1.0;
  for (std::size_t b = 0; b < r.size(); b += detail::wealth_block) {
    const std::size_t len = std::min(detail::wealth_block, r.size() - b);
    double q[detail::wealth_block];
    detail::block_growth(r.data() + b, len, q);
    for (std::size_t j = 0; j < len; ++j) {
      const double w = wealth * q[j];
      peak = w > peak ? w : peak;
      out[b + j] = w < peak ? 1.0 - w / peak : 0.0;
    }
    wealth *= q[len - 1];
  }
  return out;
}

/// The Calmar ratio annual_return(r, P) / max_drawdown(r) (PA CalmarRatio over the whole
/// series; empyrical calmar_ratio). +inf when there is no drawdown and the return is
/// positive (empyrical gives NaN there); an input_error when both are 0.
[[nodiscard]] inline double calmar_ratio(std::span<const double> r, periods_per_year periods) {
  const double dd = detail::checked_drawdown(r, "calmar_ratio", "calmar_ratio: r").tracker.max_drawdown();
  return detail::ratio_or_inf(annual_return(r, periods), dd, "calmar_ratio",
                              "no drawdown and no return");
}

}  // namespace bulwark::risk

/// Formats as `max drawdown 0.3342 from point 120 to 388, recovered at 1034 (914 periods)`.
template <>
struct fmt::formatter<bulwark::risk::drawdown_episode> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::drawdown_episode& e, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "max drawdown {:.6g} from point {} to {}, ",
                              e.max_drawdown, e.peak, e.trough);
    if (e.recovery) {
      return fmt::format_to(out, "recovered at {} ({} periods)", *e.recovery, e.duration);
    }
    return fmt::format_to(out, "not recovered ({} periods)", e.duration);
  }
};
