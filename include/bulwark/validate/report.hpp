// SPDX-License-Identifier: MIT
/// \file
/// \brief `report`: the outcome of validating a series: every finding in row order, a
/// quarantine mask over the rows, a per-check breakdown, and CSV output.
///
/// Synopsis
/// \code
/// report r = validator.run(series);
/// r.findings();            // span<const finding>, by row, then by the check's position
/// r.quarantined(i);        // row i is covered by a finding at or above the quarantine level
/// r.quarantine();          // span<const std::uint8_t>, one byte per row (1 = quarantined)
/// r.count(severity::error);  r.ok();          // ok(): no error-severity finding
/// r.breakdown();           // per check: id and counts by severity
/// r.to_csv();              // "row,time,check,severity,rows,message\n" then one line each
/// \endcode
///
/// Nothing in the series is dropped or changed: the report only says what is wrong and
/// where. Using the quarantine mask to skip rows is the caller's explicit decision.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/validate/finding.hpp"

namespace bulwark::validate {

/// The findings of one check, by severity.
struct check_summary {
  std::string_view check;
  std::size_t infos = 0;
  std::size_t warnings = 0;
  std::size_t errors = 0;

  friend bool operator==(const check_summary&, const check_summary&) = default;
};

template <class Scan, class... Checks>
class basic_validator;

class report {
 public:
  /// Findings sorted by row, then by the position of their check in the validator.
  [[nodiscard]] std::span<const finding> findings() const noexcept { return findings_; }
  /// One byte per row of the series: 1 when a finding at or above the quarantine level
  /// covers the row, else 0.
  [[nodiscard]] std::span<const std::uint8_t> quarantine() const noexcept { return quarantine_; }
  /// Rows in the series that was validated.
  [[nodiscard]] std::size_t rows() const noexcept { return quarantine_.size(); }
  /// Row `i` is quarantined. Precondition: i < rows().
  [[nodiscard]] bool quarantined(std::size_t i) const {
    BULWARK_EXPECTS(i < rows());
    return quarantine_[i] != 0;
  }
  /// The number of quarantined rows.
  [[nodiscard]] std::size_t quarantined_rows() const noexcept {
    std::size_t n = 0;
    for (std::uint8_t q : quarantine_) n += q;
    return n;
  }
  /// Findings of severity `level`.
  [[nodiscard]] std::size_t count(severity level) const noexcept {
    std::size_t n = 0;
    for (const finding& f : findings_) n += f.level == level ? 1U : 0U;
    return n;
  }
  /// Findings of the check `id`.
  [[nodiscard]] std::size_t count(std::string_view check) const noexcept {
    std::size_t n = 0;
    for (const finding& f : findings_) n += f.check == check ? 1U : 0U;
    return n;
  }
  /// True when no finding has severity error.
  [[nodiscard]] bool ok() const noexcept { return count(severity::error) == 0; }

  /// Every check of the validator in order, with its counts (zero counts included).
  [[nodiscard]] std::vector<check_summary> breakdown() const {
    std::vector<check_summary> out;
    out.reserve(checks_.size());
    for (std::string_view id : checks_) out.push_back({id});
    for (const finding& f : findings_) {
      check_summary& s = out[f.check_index];
      (f.level == severity::error ? s.errors : f.level == severity::warning ? s.warnings : s.infos)++;
    }
    return out;
  }

  /// The findings as CSV with a header: `row,time,check,severity,rows,message` (row is
  /// 0-based, time ISO 8601 UTC; messages contain no commas or quotes).
  [[nodiscard]] std::string to_csv() const {
    std::string out = "row,time,check,severity,rows,message\n";
    for (const finding& f : findings_) {
      fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{}\n", f.row, iso8601(f.time),
                     f.check, f.level, f.rows, message(f));
    }
    return out;
  }

 private:
  template <class Scan, class... Checks>
  friend class basic_validator;

  std::vector<finding> findings_;
  std::vector<std::uint8_t> quarantine_;
  std::vector<std::string_view> checks_;
  std::vector<double> scratch_;  // working memory of the checks, kept for the next run
};

}  // namespace bulwark::validate

/// Formats as a summary line, `5402 rows, 3 quarantined: 3 errors, 12 warnings, 40 infos`,
/// then one line per finding.
template <>
struct fmt::formatter<bulwark::validate::report> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::validate::report& r, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    using bulwark::validate::severity;
    auto out = fmt::format_to(ctx.out(), "{} rows, {} quarantined: {} errors, {} warnings, {} infos",
                              r.rows(), r.quarantined_rows(), r.count(severity::error),
                              r.count(severity::warning), r.count(severity::info));
    for (const auto& f : r.findings()) out = fmt::format_to(out, "\n{}", f);
    return out;
  }
};

/// Formats as `bad_tick: 3 errors, 0 warnings, 0 infos`.
template <>
struct fmt::formatter<bulwark::validate::check_summary> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::validate::check_summary& s, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{}: {} errors, {} warnings, {} infos", s.check, s.errors,
                          s.warnings, s.infos);
  }
};
