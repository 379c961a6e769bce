// SPDX-License-Identifier: MIT
/// \file
/// \brief The `BarCheck` and `QuoteCheck` concepts (one kind of validation policy each),
/// what a check sees when it runs (`bar_scan`, `quote_scan`), and `event_columns`, the
/// corporate actions that explain price jumps.
///
/// Synopsis
/// \code
/// struct event_columns { std::span<const double> split_ratio, dividend; };  // per row
/// class bar_scan {   // handed to BarCheck::scan
///   const bar_series& bars() const;  std::size_t begin() const, end() const;
///   double split_ratio(i) const;  double dividend(i) const;  double event_adjusted_close(i) const;
///   std::span<double> scratch() const;  scan_kernel kernel() const;
///   void flag(row, severity, what, finding_values, rows = 1);
/// };
/// enum class scan_kernel { build, avx2 };  // the scans' instructions, chosen at run time
/// fastest_scan_kernel();  scan_kernel_runs(k);  avx2_scan_kernel_compiled;  to_string(k);
/// template <class C> concept BarCheck;    // C::id, c.scan(bar_scan&)
/// template <class C> concept QuoteCheck;  // C::id, c.scan(quote_scan&)
/// \endcode
///
/// The validator hands each check the rows of one tile at a time (a few thousand, so the
/// tile stays in cache while every check reads it). A check examines rows
/// [begin(), end()), may read any other row of the series (its neighbours, the rest of a
/// streak), and reports each problem once, at the first row it concerns, with at most one
/// finding per row. It never changes the data.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "bulwark/core/bar.hpp"
#include "bulwark/core/quote.hpp"
#include "bulwark/detail/isa.hpp"
#include "bulwark/validate/finding.hpp"

// The scans are compiled a second time for AVX2 on x86-64 builds without it (see
// scan_kernel), and not where the build has FMA: the second copy would inherit it, and
// contracted expressions could round otherwise than the build's.
#if BULWARK_DETAIL_ISA_DISPATCH && !defined(__AVX2__) && !defined(__FMA__)
#define BULWARK_DETAIL_AVX2_SCANS 1
#else
#define BULWARK_DETAIL_AVX2_SCANS 0
#endif

namespace bulwark::validate {

/// Corporate actions aligned with the rows of a series, in the shape of vendor files (Alpha
/// Vantage's `split_coefficient` and `dividend_amount`): each column is empty (no such
/// events) or has one value per row, set on ex-date rows.
struct event_columns {
  std::span<const double> split_ratio;  ///< new shares per old share on the ex-date; 1 elsewhere
  std::span<const double> dividend;     ///< cash per share going ex on that row; 0 elsewhere
};

/// The instructions a validator's scans run with (the screens of screen.hpp and the spike
/// checks' block statistics): `build`, the build's own; `avx2`, AVX2 instructions: the
/// build's own scans where the build has AVX2, else a second copy compiled for AVX2
/// whatever the build's flags, which runs only where the processor has AVX2. Both give the
/// same findings: each row's screen is the same arithmetic (no fused multiply-adds), and
/// the spike statistics' sums, grouped otherwise over four lanes, only decide whether a
/// block's certificate clears it or its exact median and MAD are computed, from the same
/// values either way.
enum class scan_kernel : unsigned char { build, avx2 };

/// The kernel's name: `build`, `avx2`, or `unknown` for a value that names neither.
[[nodiscard]] constexpr std::string_view to_string(scan_kernel kernel) noexcept {
  switch (kernel) {
    case scan_kernel::build: return "build";
    case scan_kernel::avx2: return "avx2";
  }
  return "unknown";
}

/// True when the build itself has AVX2 (-mavx2, -march=native on such a processor): its
/// own scans are then the `avx2` kernel.
#if defined(__AVX2__)
inline constexpr bool build_scans_use_avx2 = true;
#else
inline constexpr bool build_scans_use_avx2 = false;
#endif

/// True when this program has AVX2 scans: the build's own, or the second copy (x86-64
/// with GCC or Clang, not clang-cl, built without AVX2 or FMA).
inline constexpr bool avx2_scan_kernel_compiled =
    build_scans_use_avx2 || BULWARK_DETAIL_AVX2_SCANS != 0;

/// True when `kernel` can run here: `build` always; `avx2` where the build has AVX2, or
/// where the second copy is compiled in and the processor has AVX2.
[[nodiscard]] inline bool scan_kernel_runs(scan_kernel kernel) noexcept {
  switch (kernel) {
    case scan_kernel::build: return true;
    case scan_kernel::avx2:
      return build_scans_use_avx2 ||
             (BULWARK_DETAIL_AVX2_SCANS != 0 && bulwark::detail::processor_extensions().avx2);
  }
  return false;
}

/// `avx2` where it runs, else `build`: what a validator uses unless told otherwise.
[[nodiscard]] inline scan_kernel fastest_scan_kernel() noexcept {
  return scan_kernel_runs(scan_kernel::avx2) ? scan_kernel::avx2 : scan_kernel::build;
}

template <class Scan, class... Checks>
class basic_validator;

namespace detail {

// What every scan has: the rows to examine, scratch memory and where findings go.
class scan_core {
 public:
  /// The first row to examine.
  [[nodiscard]] std::size_t begin() const noexcept { return begin_; }
  /// One past the last row to examine.
  [[nodiscard]] std::size_t end() const noexcept { return end_; }
  /// Working memory of `scratch_size()` doubles, when the check declares that member.
  [[nodiscard]] std::span<double> scratch() const noexcept { return scratch_; }
  /// The instructions the validator chose (a check may ignore it; see `scan_kernel`).
  [[nodiscard]] scan_kernel kernel() const noexcept { return kernel_; }

 protected:
  void add(std::size_t row, std::size_t rows, timestamp time, severity level,
           std::string_view what, const finding_values& values) {
    out_->push_back({check_, level, row, rows, time, what, values, check_index_});
  }

 private:
  template <class Scan, class... Checks>
  friend class validate::basic_validator;

  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::span<double> scratch_;
  std::vector<finding>* out_ = nullptr;
  std::string_view check_;
  std::uint16_t check_index_ = 0;
  scan_kernel kernel_ = scan_kernel::build;
};

}  // namespace detail

/// What a `BarCheck` sees: the series, its corporate actions, the rows to examine.
class bar_scan : public detail::scan_core {
 public:
  bar_scan(const bar_series& bars, event_columns events) noexcept
      : bars_(&bars), events_(events) {}

  [[nodiscard]] const bar_series& bars() const noexcept { return *bars_; }
  [[nodiscard]] const event_columns& events() const noexcept { return events_; }
  [[nodiscard]] bool has_events() const noexcept {
    return !events_.split_ratio.empty() || !events_.dividend.empty();
  }
  /// The split ratio going ex on row i (1 when none).
  [[nodiscard]] double split_ratio(std::size_t i) const noexcept {
    return events_.split_ratio.empty() ? 1.0 : events_.split_ratio[i];
  }
  /// The cash dividend going ex on row i (0 when none).
  [[nodiscard]] double dividend(std::size_t i) const noexcept {
    return events_.dividend.empty() ? 0.0 : events_.dividend[i];
  }
  /// close[i] * split_ratio(i) + dividend(i): what one share held at row i - 1's close is
  /// worth at row i's close, so event_adjusted_close(i) / close[i - 1] - 1 is the total
  /// return over row i, free of the jumps that splits and dividends cause.
  [[nodiscard]] double event_adjusted_close(std::size_t i) const noexcept {
    return bars_->close()[i] * split_ratio(i) + dividend(i);
  }

  /// Reports a problem at `row` (covering `rows` rows from it).
  void flag(std::size_t row, severity level, std::string_view what, const finding_values& values,
            std::size_t rows = 1) {
    add(row, rows, bars_->times()[row], level, what, values);
  }

 private:
  const bar_series* bars_;
  event_columns events_;
};

/// What a `QuoteCheck` sees: the quotes and the rows to examine.
class quote_scan : public detail::scan_core {
 public:
  explicit quote_scan(std::span<const quote> quotes) noexcept : quotes_(quotes) {}

  [[nodiscard]] std::span<const quote> quotes() const noexcept { return quotes_; }

  /// Reports a problem at `row` (covering `rows` rows from it).
  void flag(std::size_t row, severity level, std::string_view what, const finding_values& values,
            std::size_t rows = 1) {
    add(row, rows, quotes_[row].time, level, what, values);
  }

 private:
  std::span<const quote> quotes_;
};

/**
 * @brief A validation policy over bars: one kind of problem it finds and reports.
 *
 * Requirements, for `c` a `const C&` and `s` a `bar_scan&`:
 * | expression          | type                         | semantics                               |
 * |---------------------|------------------------------|-----------------------------------------|
 * | `C::id`             | convertible to `string_view` | the check's stable id (snake_case); the |
 * |                     |                              | `check` column of its findings          |
 * | `c.scan(s)`         | `void`                       | examine rows [s.begin(), s.end()) and   |
 * |                     |                              | `s.flag(...)` each problem once, at the |
 * |                     |                              | first row it concerns, at most one      |
 * |                     |                              | finding per row; never throws for bad   |
 * |                     |                              | data                                    |
 * | `c.scratch_size()`  | `std::size_t` (optional)     | doubles of working memory `s.scratch()` |
 * |                     |                              | must provide                            |
 * | `c.check_config()`  | `void` (optional)            | throw `config_error` for bad settings;  |
 * |                     |                              | called when the validator is built      |
 * | `c.screen(s)`       | a `row_screen` (optional)    | the check as a screen (screen.hpp): the |
 * |                     |                              | validator runs the screens of all its   |
 * |                     |                              | checks together, in one pass over each  |
 * |                     |                              | tile; `scan` must report the same       |
 * |                     |                              | (`run_screen(s, screen(s))`)            |
 *
 * See docs/validate.md#barcheck.
 */
template <class C>
concept BarCheck = requires(const C& c, bar_scan& s) {
  { C::id } -> std::convertible_to<std::string_view>;
  { c.scan(s) } -> std::same_as<void>;
};

/**
 * @brief A validation policy over quotes; as `BarCheck` with a `quote_scan&`.
 * See docs/validate.md#quotecheck.
 */
template <class C>
concept QuoteCheck = requires(const C& c, quote_scan& s) {
  { C::id } -> std::convertible_to<std::string_view>;
  { c.scan(s) } -> std::same_as<void>;
};

}  // namespace bulwark::validate
