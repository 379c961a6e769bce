// SPDX-License-Identifier: MIT
/// \file
/// \brief `finding`: one problem a validation check found in a series (which check, how
/// severe, where, the offending values and what is wrong), and `severity`.
///
/// Synopsis
/// \code
/// enum class severity { info, warning, error };
/// struct finding_value { std::string_view name; double value; };
/// struct finding { std::string_view check; severity level; std::size_t row, rows;
///                  timestamp time; std::string_view what; finding_values values;
///                  std::uint16_t check_index; };
/// fmt::format("{}", f);   // row 2941 2009-09-21T00:00:00Z error bad_tick: low far below ...
/// message(f);             // low far below the neighbours' range (low 10.59; reference 184.02)
/// \endcode
///
/// A finding is a small trivially copyable value: recording one allocates nothing beyond
/// the report's vector, and its text is composed only when it is printed. `what` and the
/// value names are string literals of the check. Messages never contain commas, so a CSV
/// line can end with one unquoted.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "bulwark/core/time.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark::validate {

/// How bad a finding is. `error`: the row is wrong and is quarantined by default;
/// `warning`: suspicious, often wrong, sometimes a real market event; `info`: notable.
enum class severity : std::uint8_t { info, warning, error };

[[nodiscard]] constexpr std::string_view to_string(severity s) noexcept {
  switch (s) {
    case severity::info: return "info";
    case severity::warning: return "warning";
    case severity::error: return "error";
  }
  return "?";
}

/// A named number that shows why a check fired, e.g. {"low", 10.59}.
struct finding_value {
  std::string_view name;
  double value = 0.0;
};

/// Up to four named values.
class finding_values {
 public:
  static constexpr std::size_t capacity = 4;

  constexpr finding_values() = default;
  /// Keeps the first `capacity` values (a check never passes more).
  constexpr finding_values(std::initializer_list<finding_value> values) noexcept {
    for (const finding_value& v : values) {
      if (size_ == capacity) break;
      values_[size_++] = v;
    }
  }

  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
  [[nodiscard]] constexpr const finding_value* begin() const noexcept { return values_.data(); }
  [[nodiscard]] constexpr const finding_value* end() const noexcept { return values_.data() + size_; }
  [[nodiscard]] constexpr const finding_value& operator[](std::size_t i) const noexcept {
    return values_[i];
  }
  /// The value called `name`, or nullptr.
  [[nodiscard]] constexpr const finding_value* find(std::string_view name) const noexcept {
    for (const finding_value& v : *this) {
      if (v.name == name) return &v;
    }
    return nullptr;
  }

 private:
  std::array<finding_value, capacity> values_{};
  std::size_t size_ = 0;
};

/// One problem found by one check.
struct finding {
  std::string_view check;    ///< the check's id, e.g. "bad_tick"
  severity level = severity::error;
  std::size_t row = 0;       ///< first row concerned (0-based index into the series)
  std::size_t rows = 1;      ///< rows concerned from `row` on (a streak, a run); >= 1
  timestamp time{};          ///< the time of `row`
  std::string_view what;     ///< what is wrong, e.g. "low far below the neighbours' range"
  finding_values values;     ///< the offending values
  std::uint16_t check_index = 0;  ///< position of the check in its validator
};

/// The human-readable message: `what`, then the values in parentheses separated by
/// semicolons: `low far below the neighbours' range (low 10.59; reference 184.02)`.
[[nodiscard]] inline std::string message(const finding& f) {
  std::string out{f.what};
  if (f.values.size() == 0) return out;
  out += " (";
  for (std::size_t i = 0; i < f.values.size(); ++i) {
    if (i != 0) out += "; ";
    fmt::format_to(std::back_inserter(out), "{} {}", f.values[i].name, f.values[i].value);
  }
  out += ')';
  return out;
}

}  // namespace bulwark::validate

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::validate::severity)

/// Formats as `row 2941 2009-09-21T00:00:00Z error bad_tick: low far below the neighbours'
/// range (low 10.59; reference 184.02)`; a finding over several rows says `rows 5..9`.
template <>
struct fmt::formatter<bulwark::validate::finding> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::validate::finding& f, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    auto out = f.rows > 1 ? fmt::format_to(ctx.out(), "rows {}..{}", f.row, f.row + f.rows - 1)
                          : fmt::format_to(ctx.out(), "row {}", f.row);
    return fmt::format_to(out, " {} {} {}: {}", bulwark::iso8601(f.time), f.level, f.check,
                          bulwark::validate::message(f));
  }
};
