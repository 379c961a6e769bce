// SPDX-License-Identifier: MIT
/// \file
/// \brief Streaming risk statistics in the style of Boost.Accumulators: add one return at a
/// time, read the statistic at any moment, and get the same number as the batch function
/// on the returns seen so far.
///
/// Synopsis
/// \code
/// template <class S> concept StreamingStatistic;   // add(r) noexcept, count(), name, fmt
/// running_moments m;                               // Welford / Pebay: mean, variance, skew, kurt
/// running_drawdown d;                              // max_drawdown, current, episode()
/// running_sharpe s{risk_free_per_period, P};       // sharpe_ratio
/// running_sortino t{mar_per_period, P};            // sortino_ratio, downside_deviation
/// rolling_var_es v{window, confidence};            // historical VaR/ES of the last W returns
/// accumulator_set set{running_moments{}, running_drawdown{}, ...};
/// set.add(r); set.get<running_drawdown>().value(); fmt::print("{}", set);  // breakdown
/// \endcode
///
/// Each `add` is O(1) (O(log W) for `rolling_var_es`), noexcept, and allocates nothing:
/// only `rolling_var_es` allocates, once, in its constructor. A NaN or infinite return (or
/// one below -1 for the drawdown) is a data problem, not an exception: the statistic reports
/// NaN from then on (`broken()` is true), so a bad tick never yields a plausible number.
/// Before a statistic has the points it needs (2 for a standard deviation) it reports NaN.
///
/// Agreement with the batch functions (tested to 1e-12 relative, usually far closer):
/// running_drawdown compounds wealth in the same blocks of 8 (and chains of 4) as
/// max_drawdown and equals it bit for bit; rolling_var_es runs the same `window_quantile` as rolling_historical_var and
/// equals historical_var on the window bit for bit; the moments use Welford's update (Welford
/// 1962) and Pebay's for m3, m4 ("Formulas for robust, one-pass parallel computation of
/// covariances and arbitrary-order statistical moments", Sandia SAND2008-6212), stable where
/// the naive sums are not.
#pragma once

#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <string_view>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "bulwark/core/units.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/risk/drawdown.hpp"
#include "bulwark/risk/var.hpp"
#include "bulwark/risk/window_quantile.hpp"

namespace bulwark::risk {

/** @brief A statistic updated one return at a time (docs/risk_metrics.md#streamingstatistic).
 *
 * | expression            | type                     | requirement                          |
 * |-----------------------|--------------------------|--------------------------------------|
 * | `s.add(r)`            | (any)                    | `noexcept`; O(1) or O(log W); no allocation |
 * | `cs.count()`          | convertible to size_t    | `noexcept`; returns added so far     |
 * | `S::name`             | convertible to string_view | a short label for breakdowns       |
 * | `fmt::format("{}", cs)` | `std::string`          | S has an fmt formatter               |
 *
 * `s` is an `S&`, `cs` a `const S&`, `r` a `double` (a simple return).
 */
template <class S>
concept StreamingStatistic = requires(S& s, const S& cs, double r) {
  { s.add(r) } noexcept;
  { cs.count() } noexcept -> std::convertible_to<std::size_t>;
  { S::name } -> std::convertible_to<std::string_view>;
} && fmt::is_formattable<S>::value;

namespace detail {
inline constexpr double streaming_nan = std::numeric_limits<double>::quiet_NaN();
}  // namespace detail

/// Count, mean and central moments of the returns added (Welford; Pebay for m3 and m4).
class running_moments {
 public:
  static constexpr std::string_view name = "moments";

  void add(double r) noexcept {
    if (!std::isfinite(r)) broken_ = true;
    if (broken_) return;
    const double n1 = static_cast<double>(n_);
    ++n_;
    const double n = static_cast<double>(n_);
    const double delta = r - mean_;
    const double delta_n = delta / n;
    const double delta_n2 = delta_n * delta_n;
    const double term = delta * delta_n * n1;
    mean_ += delta_n;
    m4_ += term * delta_n2 * (n * n - 3.0 * n + 3.0) + 6.0 * delta_n2 * m2_ - 4.0 * delta_n * m3_;
    m3_ += term * delta_n * (n - 2.0) - 3.0 * delta_n * m2_;
    m2_ += term;
  }

  [[nodiscard]] std::size_t count() const noexcept { return n_; }
  [[nodiscard]] bool broken() const noexcept { return broken_; }
  /// mean(r); NaN before the first return.
  [[nodiscard]] double mean() const noexcept { return ok(1) ? mean_ : detail::streaming_nan; }
  /// Sample variance (n - 1), as bulwark::sample_variance; NaN before 2 returns.
  [[nodiscard]] double variance() const noexcept {
    return ok(2) ? m2_ / static_cast<double>(n_ - 1) : detail::streaming_nan;
  }
  [[nodiscard]] double stddev() const noexcept { return std::sqrt(variance()); }
  /// Population skewness m3 / m2^1.5, as risk::skewness.
  [[nodiscard]] double skewness() const noexcept {
    return ok(2) ? std::sqrt(static_cast<double>(n_)) * m3_ / (m2_ * std::sqrt(m2_))
                 : detail::streaming_nan;
  }
  /// Population excess kurtosis m4 / m2^2 - 3, as risk::excess_kurtosis.
  [[nodiscard]] double excess_kurtosis() const noexcept {
    return ok(2) ? static_cast<double>(n_) * m4_ / (m2_ * m2_) - 3.0 : detail::streaming_nan;
  }

 private:
  [[nodiscard]] bool ok(std::size_t minimum) const noexcept { return !broken_ && n_ >= minimum; }
  std::size_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations (n m2)
  double m3_ = 0.0;
  double m4_ = 0.0;
  bool broken_ = false;
};

/// Running maximum drawdown with the starting wealth counted as a peak (as max_drawdown).
class running_drawdown {
 public:
  static constexpr std::string_view name = "drawdown";

  void add(double r) noexcept {
    if (!(std::isfinite(r) && r >= -1.0)) broken_ = true;
    if (broken_) return;
    // drawdown.hpp's block_growth, one return at a time
    const std::size_t position = n_ % detail::wealth_block;
    if (position == 0) {
      block_wealth_ = wealth_;
      first_ = 1.0;
    }
    if (position < 4) {
      first_ *= 1.0 + r;
      second_ = 1.0;
    } else {
      second_ *= 1.0 + r;
    }
    ++n_;
    const double w = block_wealth_ * (position < 4 ? first_ : first_ * second_);
    tracker_.update_point(w, n_, n_ - 1 - position, block_wealth_);
    current_ = w < tracker_.peak() ? 1.0 - w / tracker_.peak() : 0.0;
    if (position + 1 == detail::wealth_block) wealth_ = w;
    last_wealth_ = w;
  }

  [[nodiscard]] std::size_t count() const noexcept { return n_; }
  [[nodiscard]] bool broken() const noexcept { return broken_; }
  /// The maximum drawdown so far (0 before any return), as max_drawdown.
  [[nodiscard]] double value() const noexcept {
    return broken_ ? detail::streaming_nan : tracker_.max_drawdown();
  }
  /// 1 - wealth / peak now.
  [[nodiscard]] double current() const noexcept { return broken_ ? detail::streaming_nan : current_; }
  /// Wealth now (1 at the start).
  [[nodiscard]] double wealth() const noexcept { return broken_ ? detail::streaming_nan : last_wealth_; }
  /// The maximum drawdown's episode so far, as max_drawdown_episode (the same after a
  /// broken input as before it).
  [[nodiscard]] drawdown_episode episode() const {
    return tracker_.episode(n_, [](std::size_t, double, std::size_t from, double) { return from; });
  }

 private:
  detail::drawdown_tracker tracker_;
  std::size_t n_ = 0;
  double wealth_ = 1.0;        // wealth at the end of the last complete block
  double block_wealth_ = 1.0;  // wealth at the start of the current block
  double first_ = 1.0;         // product of (1 + r) over the block's first four returns
  double second_ = 1.0;        // product of (1 + r) over its last four so far
  double last_wealth_ = 1.0;
  double current_ = 0.0;
  bool broken_ = false;
};

/// Running annualised Sharpe ratio mean(r - rf) / sd(r - rf) sqrt(P), as sharpe_ratio.
class running_sharpe {
 public:
  static constexpr std::string_view name = "sharpe";

  running_sharpe(double risk_free_per_period, periods_per_year periods)
      : risk_free_(risk_free_per_period), root_p_(std::sqrt(periods.value)) {
    bulwark::detail::require_finite_value(risk_free_per_period, "bulwark.risk.streaming",
                                          "running_sharpe: risk_free_per_period");
  }

  void add(double r) noexcept { excess_.add(r - risk_free_); }
  [[nodiscard]] std::size_t count() const noexcept { return excess_.count(); }
  [[nodiscard]] bool broken() const noexcept { return excess_.broken(); }
  /// NaN before 2 returns; +-inf (NaN for 0 / 0) when the returns do not vary.
  [[nodiscard]] double value() const noexcept {
    return excess_.mean() / excess_.stddev() * root_p_;
  }
  [[nodiscard]] const running_moments& excess_moments() const noexcept { return excess_; }

 private:
  running_moments excess_;
  double risk_free_;
  double root_p_;
};

/// Running annualised Sortino ratio and downside deviation, as sortino_ratio and
/// downside_deviation (n = all returns).
class running_sortino {
 public:
  static constexpr std::string_view name = "sortino";

  running_sortino(double mar_per_period, periods_per_year periods)
      : mar_(mar_per_period), root_p_(std::sqrt(periods.value)) {
    bulwark::detail::require_finite_value(mar_per_period, "bulwark.risk.streaming",
                                          "running_sortino: mar_per_period");
  }

  void add(double r) noexcept {
    if (!std::isfinite(r)) broken_ = true;
    if (broken_) return;
    ++n_;
    const double d = r - mar_;
    mean_ += (d - mean_) / static_cast<double>(n_);
    if (d < 0.0) {  // compensated (Neumaier) sum of the squared shortfalls
      const double x = d * d;
      const double t = downside_ + x;
      compensation_ += downside_ >= x ? (downside_ - t) + x : (x - t) + downside_;
      downside_ = t;
    }
  }
  [[nodiscard]] std::size_t count() const noexcept { return n_; }
  [[nodiscard]] bool broken() const noexcept { return broken_; }
  /// Annualised downside deviation; NaN before the first return.
  [[nodiscard]] double downside_deviation() const noexcept {
    if (broken_ || n_ == 0) return detail::streaming_nan;
    return std::sqrt((downside_ + compensation_) / static_cast<double>(n_)) * root_p_;
  }
  /// The Sortino ratio; NaN before the first return, +inf with no return below the MAR.
  [[nodiscard]] double value() const noexcept {
    if (broken_ || n_ == 0) return detail::streaming_nan;
    return mean_ * root_p_ / std::sqrt((downside_ + compensation_) / static_cast<double>(n_));
  }

 private:
  double mar_;
  double root_p_;
  std::size_t n_ = 0;
  double mean_ = 0.0;  // mean(r - MAR)
  double downside_ = 0.0;
  double compensation_ = 0.0;
  bool broken_ = false;
};

/// Historical VaR and ES of the last `window` returns (fewer while the window fills), as
/// historical_var / historical_es on those returns. Allocates in the constructor only.
class rolling_var_es {
 public:
  static constexpr std::string_view name = "rolling_var_es";

  /// Throws `config_error` (id `bulwark.risk.streaming`) for a confidence outside (0, 1),
  /// and (id `bulwark.risk.window`) for a window of 0.
  rolling_var_es(std::size_t window, double confidence,
                 quantile_convention convention = quantile_convention::numpy)
      : window_(window, checked(confidence), convention), confidence_(confidence) {}

  void add(double r) noexcept {
    window_.add(r);
    ++n_;
  }
  /// Returns added so far (the window holds the last min(count, window) of them).
  [[nodiscard]] std::size_t count() const noexcept { return n_; }
  [[nodiscard]] bool broken() const noexcept { return window_.broken(); }
  /// True once `window` returns have been added.
  [[nodiscard]] bool full() const noexcept { return window_.full(); }
  [[nodiscard]] double var() const noexcept { return -window_.quantile(); }
  [[nodiscard]] double es() const noexcept { return -window_.mean_below(); }
  [[nodiscard]] var_es value() const noexcept { return {var(), es()}; }
  [[nodiscard]] double confidence() const noexcept { return confidence_; }
  [[nodiscard]] std::size_t window() const noexcept { return window_.window(); }

 private:
  static double checked(double confidence) {
    if (!(confidence > 0.0 && confidence < 1.0)) {  // configuration, hence not input_error
      throw_config_error("bulwark.risk.streaming", "rolling_var_es: confidence {} outside (0, 1)",
                         confidence);
    }
    return 1.0 - confidence;
  }
  window_quantile window_;
  double confidence_;
  std::size_t n_ = 0;
};

/// Several streaming statistics fed together: `add` folds over them in order; `get<S>()`
/// reads one; the fmt formatter prints the per-statistic breakdown.
template <class... S>
class accumulator_set {
  static_assert((StreamingStatistic<S> && ...),
                "every statistic of an accumulator_set must model bulwark::risk::"
                "StreamingStatistic; see docs/risk_metrics.md#streamingstatistic");

 public:
  /// Each statistic default-constructed in place (no copy or move needed).
  accumulator_set() requires(std::default_initializable<S> && ...) = default;
  explicit accumulator_set(S... statistics) : parts_(std::move(statistics)...) {}

  void add(double r) noexcept {
    std::apply([r](auto&... part) { (part.add(r), ...); }, parts_);
  }

  /// The statistic of type T (which must appear once).
  template <class T>
  [[nodiscard]] const T& get() const noexcept {
    return std::get<T>(parts_);
  }

  /// Calls f(statistic) for each, in order.
  template <class F>
  void for_each(F f) const {
    std::apply([&f](const auto&... part) { (f(part), ...); }, parts_);
  }

  [[nodiscard]] static constexpr std::size_t size() noexcept { return sizeof...(S); }

 private:
  std::tuple<S...> parts_;
};

}  // namespace bulwark::risk

/// `moments n 252 mean 0.0004 sd 0.012 skew -0.3 exkurt 4.1`
template <>
struct fmt::formatter<bulwark::risk::running_moments> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::running_moments& m, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "moments n {} mean {:.6g} sd {:.6g} skew {:.6g} exkurt {:.6g}",
                          m.count(), m.mean(), m.stddev(), m.skewness(), m.excess_kurtosis());
  }
};

/// `drawdown max 0.21 current 0.05`
template <>
struct fmt::formatter<bulwark::risk::running_drawdown> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::running_drawdown& d, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "drawdown max {:.6g} current {:.6g}", d.value(), d.current());
  }
};

/// `sharpe 1.2`
template <>
struct fmt::formatter<bulwark::risk::running_sharpe> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::running_sharpe& s, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "sharpe {:.6g}", s.value());
  }
};

/// `sortino 1.7 downside 0.09`
template <>
struct fmt::formatter<bulwark::risk::running_sortino> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::running_sortino& s, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "sortino {:.6g} downside {:.6g}", s.value(),
                          s.downside_deviation());
  }
};

/// `rolling_var_es(252, 0.95) VaR 0.031 ES 0.045`
template <>
struct fmt::formatter<bulwark::risk::rolling_var_es> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::rolling_var_es& v, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "rolling_var_es({}, {}) VaR {:.6g} ES {:.6g}", v.window(),
                          v.confidence(), v.var(), v.es());
  }
};

/// The breakdown: each statistic's own format, separated by `; `.
template <class... S>
struct fmt::formatter<bulwark::risk::accumulator_set<S...>> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::accumulator_set<S...>& set, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = ctx.out();
    bool first = true;
    set.for_each([&](const auto& part) {
      out = fmt::format_to(out, "{}{}", first ? "" : "; ", part);
      first = false;
    });
    return out;
  }
};
