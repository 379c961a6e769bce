// SPDX-License-Identifier: MIT
/// \file
/// \brief `validator<Checks...>`: the composer that runs `BarCheck` policies over a
/// `bar_series` and collects their findings in a `report`; `quote_validator<Checks...>`
/// does the same for quotes.
///
/// Synopsis
/// \code
/// validator v{positive_prices{}, extreme_move{.threshold = 0.15}, bad_tick{}};
/// report r = v.run(series);                   // or v.run(series, events)
/// v.run(series, events, r);                   // reuses r's memory: no allocation once warm
/// v.quarantine_level(severity::warning);      // quarantine warnings too (default: errors)
/// v.check<1>().threshold;  v.check_ids();     // the policies, and their ids in order
/// v.kernel(scan_kernel::build);               // the build's instructions, not AVX2
/// quote_validator q{crossed_quote{}, one_sided_quote{}};  q.run(quotes);
/// \endcode
///
/// The series is processed in tiles of `tile_rows` rows; every check scans a tile before
/// the next tile is read, so the data streams from memory once however many checks run.
/// The checks that have a screen (screen.hpp: all the default checks but the two spike
/// checks) are screened together, in one pass over the tile that reads each column once
/// for all of them.
/// Findings are sorted by row, then by the check's position. Rows covered by a finding at
/// or above the quarantine level are marked in the report's quarantine mask; nothing is
/// dropped or altered.
///
/// Bad input: `event_columns` whose length is neither 0 nor the series' length, or with a
/// split ratio that is not finite and > 0 or a dividend that is not finite and >= 0, is an
/// `input_error` (id `bulwark.validate.events`). Bad data in the series itself is never an
/// exception: it is what the findings report. A policy's bad setting is a `config_error`
/// when the validator is built.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <concepts>
#include <cstdint>
#include <span>
#include <string_view>
#include <tuple>
#include <utility>

#include "bulwark/core/bar.hpp"
#include "bulwark/core/error.hpp"
#include "bulwark/core/quote.hpp"
#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/finding.hpp"
#include "bulwark/validate/report.hpp"
#include "bulwark/validate/screen.hpp"

namespace bulwark::validate {

namespace detail {

inline void require_event_column(std::span<const double> column, std::size_t rows,
                                 const char* name, bool is_split) {
  if (column.empty()) return;
  if (column.size() != rows) {
    throw_input_error("bulwark.validate.events",
                      "{} has {} values for {} rows; expected 0 or {}", name, column.size(),
                      rows, rows);
  }
  for (std::size_t i = 0; i < rows; ++i) {
    const double v = column[i];
    const bool ok = std::isfinite(v) && (is_split ? v > 0.0 : v >= 0.0);
    if (!ok) {
      throw_input_error("bulwark.validate.events", "{}[{}] is {}; expected a finite value {}",
                        name, i, v, is_split ? "> 0" : ">= 0");
    }
  }
}

}  // namespace detail

/// The composer, for a kind of scan (`bar_scan` or `quote_scan`). Use `validator` and
/// `quote_validator`.
template <class Scan, class... Checks>
class basic_validator {
 public:
  /// Rows per tile: 8192 bars are 384 kB of OHLCV and time, which stay in the L2 cache
  /// while the spike checks read again the closes and volumes the screens have read. (On
  /// a Zen 4 core 8192 rows ran 7-10 % faster than 2048 or 4096.)
  static constexpr std::size_t tile_rows = 8192;

  /// The checks, moved in.
  explicit basic_validator(Checks... checks) : checks_(std::move(checks)...) { prepare_all(); }

  /// Each check default-constructed (for checks that need neither copying nor moving).
  basic_validator()
    requires(std::default_initializable<Checks> && ...)
  {
    prepare_all();
  }

  /// Validates `bars`; `events` (optional) explain the jumps that splits and dividends
  /// cause. See the file comment for bad input.
  [[nodiscard]] report run(const bar_series& bars, event_columns events = {}) const
    requires std::same_as<Scan, bar_scan>
  {
    report out;
    run(bars, events, out);
    return out;
  }

  /// As above, into `out`, whose memory is reused.
  void run(const bar_series& bars, event_columns events, report& out) const
    requires std::same_as<Scan, bar_scan>
  {
    detail::require_event_column(events.split_ratio, bars.size(), "split_ratio", true);
    detail::require_event_column(events.dividend, bars.size(), "dividend", false);
    bar_scan scan{bars, events};
    run_tiles(scan, bars.size(), out);
  }

  /// Validates `quotes`.
  [[nodiscard]] report run(std::span<const quote> quotes) const
    requires std::same_as<Scan, quote_scan>
  {
    report out;
    run(quotes, out);
    return out;
  }

  /// As above, into `out`, whose memory is reused.
  void run(std::span<const quote> quotes, report& out) const
    requires std::same_as<Scan, quote_scan>
  {
    quote_scan scan{quotes};
    run_tiles(scan, quotes.size(), out);
  }

  /// The instructions the scans run with (default: `fastest_scan_kernel()`). Both kernels
  /// give the same findings; `build` is there to compare them. A kernel that cannot run
  /// here (`scan_kernel_runs`) is a `config_error` (id `bulwark.validate.kernel`).
  void kernel(scan_kernel k) {
    if (scan_kernel_runs(k)) {
      kernel_ = k;
      return;
    }
    const std::string_view cause =
        k != scan_kernel::avx2      ? "no such kernel"
        : avx2_scan_kernel_compiled ? "this processor lacks AVX2"
                                    : "this program has no AVX2 scans";
    throw_config_error("bulwark.validate.kernel",
                       "validator::kernel(scan_kernel {} = {}): {}; expected a kernel "
                       "scan_kernel_runs accepts (scan_kernel::build always runs)",
                       static_cast<int>(k), to_string(k), cause);
  }
  [[nodiscard]] scan_kernel kernel() const noexcept { return kernel_; }

  /// Findings at or above `level` quarantine their rows (default: error).
  void quarantine_level(severity level) noexcept { quarantine_level_ = level; }
  [[nodiscard]] severity quarantine_level() const noexcept { return quarantine_level_; }

  /// The I-th policy.
  template <std::size_t I>
  [[nodiscard]] const auto& check() const noexcept {
    return std::get<I>(checks_);
  }

  /// The ids of the checks, in order.
  [[nodiscard]] static constexpr std::array<std::string_view, sizeof...(Checks)> check_ids() noexcept {
    return {std::string_view{Checks::id}...};
  }

 private:
  void prepare_all() {
    static_assert(sizeof...(Checks) > 0, "bulwark::validate: a validator needs a check");
    static_assert(sizeof...(Checks) < 65536);
    std::apply([this](const auto&... c) { (this->prepare(c), ...); }, checks_);
  }

  template <class C>
  void prepare(const C& c) {
    if constexpr (requires { c.check_config(); }) c.check_config();
    if constexpr (requires { c.scratch_size(); }) {
      scratch_size_ = std::max<std::size_t>(scratch_size_, c.scratch_size());
    }
  }

  void run_tiles(Scan& scan, std::size_t n, report& out) const {
    out.findings_.clear();
    out.quarantine_.assign(n, 0);
    const auto ids = check_ids();
    out.checks_.assign(ids.begin(), ids.end());
    out.scratch_.resize(scratch_size_);
    scan.scratch_ = out.scratch_;
    scan.out_ = &out.findings_;
    scan.kernel_ = kernel_;
    for (std::size_t begin = 0; begin < n; begin += tile_rows) {
      scan.begin_ = begin;
      scan.end_ = std::min(n, begin + tile_rows);
      scan_tile(scan, std::index_sequence_for<Checks...>{});
    }
    std::sort(out.findings_.begin(), out.findings_.end(), [](const finding& a, const finding& b) {
      return a.row != b.row ? a.row < b.row : a.check_index < b.check_index;
    });
    for (const finding& f : out.findings_) {
      if (f.level < quarantine_level_) continue;
      const std::size_t last = std::min(n, f.row + f.rows);
      for (std::size_t r = f.row; r < last; ++r) out.quarantine_[r] = 1;
    }
  }

  // Bar checks that have a screen (`screen(bar_scan&)`, screen.hpp) are run together:
  // their screens are fused into one pass over the tile. The others scan the tile one by
  // one.
  template <class C>
  static constexpr bool has_screen =
      std::same_as<Scan, bar_scan> && requires(const C& c, Scan& s) { c.screen(s); };
  static constexpr std::size_t screened_count = (std::size_t{has_screen<Checks>} + ...);
  static constexpr std::array<std::size_t, screened_count> screened_checks = [] {
    constexpr std::array<bool, sizeof...(Checks)> screened{has_screen<Checks>...};
    std::array<std::size_t, screened_count> indices{};
    std::size_t k = 0;
    for (std::size_t i = 0; i < screened.size(); ++i) {
      if (screened[i]) indices[k++] = i;
    }
    return indices;
  }();

  static void enter(Scan& scan, std::size_t i) {
    scan.check_ = check_ids()[i];
    scan.check_index_ = static_cast<std::uint16_t>(i);
  }

  template <std::size_t... I>
  void scan_tile(Scan& scan, std::index_sequence<I...>) const {
    const auto scan_unscreened = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
      if constexpr (!has_screen<std::tuple_element_t<J, std::tuple<Checks...>>>) {
        enter(scan, J);
        std::get<J>(checks_).scan(scan);
      }
    };
    if constexpr (screened_count > 0) {
      scan_screens(scan, std::make_index_sequence<screened_count>{});
    }
    (scan_unscreened(std::integral_constant<std::size_t, I>{}), ...);
  }

  template <std::size_t... J>
  void scan_screens(Scan& scan, std::index_sequence<J...>) const {
    // Each check's screen is made (and its exact rows examined) in turn, left to right.
    const std::tuple screens{(enter(scan, screened_checks[J]),
                              std::get<screened_checks[J]>(checks_).screen(scan))...};
    std::apply([&](const auto&... s) { (detail::expect_within_tile(s, scan), ...); }, screens);
    detail::run_screens(scan.kernel_, bar_columns{scan.bars()}, screens,
                        [&](std::size_t j) { enter(scan, screened_checks[j]); });
  }

  std::tuple<Checks...> checks_;
  std::size_t scratch_size_ = 0;
  severity quarantine_level_ = severity::error;
  scan_kernel kernel_ = fastest_scan_kernel();
};

/// Runs `BarCheck` policies over a `bar_series`: `validator v{check_a{}, check_b{...}}`.
template <class... Checks>
class validator : public basic_validator<bar_scan, Checks...> {
  static_assert((BarCheck<Checks> && ...),
                "bulwark::validate::validator: every check must model "
                "bulwark::validate::BarCheck (a static `id` and `void scan(bar_scan&) const`); "
                "see docs/validate.md#barcheck");

 public:
  using basic_validator<bar_scan, Checks...>::basic_validator;
};
template <class... Checks>
validator(Checks...) -> validator<Checks...>;

/// Runs `QuoteCheck` policies over quotes: `quote_validator q{crossed_quote{}}`.
template <class... Checks>
class quote_validator : public basic_validator<quote_scan, Checks...> {
  static_assert((QuoteCheck<Checks> && ...),
                "bulwark::validate::quote_validator: every check must model "
                "bulwark::validate::QuoteCheck (a static `id` and `void scan(quote_scan&) "
                "const`); see docs/validate.md#quotecheck");

 public:
  using basic_validator<quote_scan, Checks...>::basic_validator;
};
template <class... Checks>
quote_validator(Checks...) -> quote_validator<Checks...>;

}  // namespace bulwark::validate
