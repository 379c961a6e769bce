// SPDX-License-Identifier: MIT
/// \file
/// \brief The CSV engine under every market-data reader: a header row, one time column
/// and any number of numeric columns chosen by header name, read in one pass with
/// `std::from_chars`, into columns. Anything malformed is an `input_error` naming the
/// file, line and column; no row is ever skipped, reordered or repaired.
///
/// Synopsis
/// \code
/// struct csv_format { char delimiter = ','; time_format time = automatic; bool naive_times_are_utc = false; };
/// struct table_spec { std::string time_column; std::vector<std::string> columns{}; csv_format format; };
/// numeric_table parse_table(std::string_view text, const table_spec&, std::string_view source = "<memory>");
/// numeric_table read_table(const std::filesystem::path&, const table_spec&);
/// std::string read_file(const std::filesystem::path&);           // whole file, or input_error
///
/// t.size(); t.times(); t.utc_offsets(); t.column("close"); t.local_date(i); t.line(i);
/// \endcode
///
/// The format, precisely:
/// - UTF-8 text (an optional byte-order mark is skipped); any byte sequence that is not
///   UTF-8 is an error at its line and column, wherever it is.
/// - Line 1 is the header. Lines end in LF or CRLF; the last may lack one. Every later line
///   is one data row, so data row `i` (from 0) is always line `i + 2`. A blank line is an
///   error, not a skipped row.
/// - Fields are split at `delimiter`; there is no quoting (a `"` is an ordinary byte, so a
///   quoted number is a bad number). Every row has exactly the header's number of fields.
/// - Header names match the requested names ASCII case-insensitively, ignoring spaces
///   around them. A requested name that is missing or appears twice is an error.
/// - Numeric fields are `std::from_chars` general format: `12`, `-0.5`, `1e-3`, `nan`,
///   `inf`, correctly rounded (plain decimals of up to 15 digits take Clinger's exact fast
///   path, which gives the same double). Nothing else: no spaces, no `+`, no thousands separators, no empty field. NaN
///   and infinity are well-formed numbers here; finding them is the validator's job.
/// - Unrequested columns are not parsed, only checked for UTF-8 and counted.
///
/// Errors: `input_error` with id `bulwark.data.csv` and a message that starts with
/// `file:line:` and names the column by number (from 1) and header name:
/// `[bulwark.data.csv] AAPL.csv:17: column 5 'close': '1O2.5' is not a number`.
///
/// Cost: one pass over the text plus one vectorisable pass to count lines (to reserve the
/// columns exactly) and one to check UTF-8 (8 bytes per step while the text is ASCII).
/// Memory: the output columns only; the text is not copied.
#pragma once

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/data/parse_time.hpp"

namespace bulwark::data {

/// How the bytes of a file are laid out.
struct csv_format {
  char delimiter = ',';                       ///< field separator (',' ';' '\t' '|' ...)
  time_format time = time_format::automatic;  ///< how the time column is written
  bool naive_times_are_utc = false;  ///< read a date-time without an offset as UTC
};

/// What to read from a table: the time column and the numeric columns, by header name.
struct table_spec {
  /// The time column's header name; empty means the first header named `timestamp`,
  /// `date`, `datetime` or `time` (in that order of preference).
  std::string time_column{};
  /// Numeric columns to read, in the order `numeric_table` keeps them.
  std::vector<std::string> columns{};
  csv_format format{};
};

/// The result of `parse_table`: the time column and the requested numeric columns, row for
/// row as in the file.
class numeric_table {
 public:
  numeric_table() = default;

  /// The name the text was read from (a path, or what the caller passed).
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  [[nodiscard]] std::size_t size() const noexcept { return times_.size(); }
  [[nodiscard]] bool empty() const noexcept { return times_.empty(); }

  /// The time of each row (UTC).
  [[nodiscard]] std::span<const timestamp> times() const noexcept { return times_; }
  /// The UTC offset written in each row's time text, in seconds east of UTC (0 for a date,
  /// `Z` or an epoch number).
  [[nodiscard]] std::span<const std::int32_t> utc_offsets() const noexcept { return offsets_; }
  /// The requested column names, as requested.
  [[nodiscard]] std::span<const std::string> names() const noexcept { return names_; }

  /// Whether `name` was requested (ASCII case-insensitive).
  [[nodiscard]] bool has_column(std::string_view name) const noexcept {
    return find(name) < names_.size();
  }
  /// The column `name`. Throws `input_error` (id `bulwark.data.csv`) naming the columns
  /// that were read when `name` is not one of them.
  [[nodiscard]] std::span<const double> column(std::string_view name) const {
    return columns_[index_of(name)];
  }

  /// The civil date written in row `i`'s time text: the UTC date of time + offset. For a
  /// file of dates this is the date as written; for `2022-06-06 00:00:00+01:00` it is
  /// 2022-06-06 although the instant falls on 2022-06-05 in UTC.
  /// Precondition: i < size().
  [[nodiscard]] date::year_month_day local_date(std::size_t i) const {
    BULWARK_EXPECTS(i < size());
    return utc_date(times_[i] + std::chrono::seconds{offsets_[i]});
  }

  /// The line of the file that holds data row `i` (from 1; the header is line 1).
  [[nodiscard]] static constexpr std::size_t line(std::size_t i) noexcept { return i + 2; }

  /// Moves column `name` out of the table, which then no longer has it (so it cannot be
  /// read twice by mistake). Throws like `column`.
  [[nodiscard]] std::vector<double> release(std::string_view name) {
    const std::size_t k = index_of(name);
    std::vector<double> values = std::move(columns_[k]);
    columns_.erase(columns_.begin() + static_cast<std::ptrdiff_t>(k));
    names_.erase(names_.begin() + static_cast<std::ptrdiff_t>(k));
    return values;
  }

 private:
  friend numeric_table parse_table(std::string_view, const table_spec&, std::string_view);

  [[nodiscard]] std::size_t find(std::string_view name) const noexcept;
  [[nodiscard]] std::size_t index_of(std::string_view name) const;

  std::string source_;
  std::vector<timestamp> times_;
  std::vector<std::int32_t> offsets_;
  std::vector<std::string> names_;
  std::vector<std::vector<double>> columns_;
};

namespace detail {

/// ASCII case-insensitive equality, ignoring spaces at either end of `header`.
[[nodiscard]] inline bool header_matches(std::string_view header, std::string_view name) noexcept {
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  while (!header.empty() && header.back() == ' ') header.remove_suffix(1);
  if (header.size() != name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(header[i]) != lower(name[i])) return false;
  }
  return true;
}

/// The offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF), or `text.size()` when all is.
/// ASCII runs go 8 bytes per step.
[[nodiscard]] inline std::size_t first_invalid_utf8(std::string_view text) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t word = 0;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;  // allowed range of the second byte
    unsigned char high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;   // no overlong 3-byte forms
      if (c == 0xED) high = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;   // no overlong 4-byte forms
      if (c == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
      return i;
    }
    if (i + length > n) return i;
    if (s[i + 1] < low || s[i + 1] > high) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return n;
}

/// Clinger's exact fast path (W. D. Clinger, "How to read floating point numbers
/// accurately", PLDI 1990) for the plain decimals that fill market-data files: an optional
/// '-', at most 15 digits with at most one '.', no exponent. The digits form an integer
/// m < 10^15 < 2^53 and the scale is 10^k with k <= 15, both exact doubles, so the one
/// IEEE division m / 10^k is the correctly rounded value: the same double `std::from_chars`
/// returns. Returns the end of the number, or null when the text is not of that form (the
/// caller then uses `std::from_chars`, which decides everything else).
[[nodiscard]] inline const char* parse_plain_decimal(const char* p, const char* end,
                                                     double& out) noexcept {
  static constexpr double powers_of_ten[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                             1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const bool negative = p != end && *p == '-';
  const char* q = negative ? p + 1 : p;
  std::uint64_t mantissa = 0;
  int digits = 0;
  while (q != end && is_digit(*q)) {
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(*q - '0');
    ++q;
    ++digits;
  }
  int fraction_digits = 0;
  if (q != end && *q == '.') {
    ++q;
    while (q != end && is_digit(*q)) {
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(*q - '0');
      ++q;
      ++fraction_digits;
    }
    digits += fraction_digits;
  }
  if (digits == 0 || digits > 15 || (q != end && (*q == 'e' || *q == 'E'))) return nullptr;
  const double value = static_cast<double>(mantissa) / powers_of_ten[fraction_digits];
  out = negative ? -value : value;
  return q;
}

/// `text` for a message, quoted: at most `limit` bytes (then "..."), bytes outside
/// printable ASCII as \xNN, so a message is one short line whatever the file holds.
[[nodiscard]] inline std::string quoted_excerpt(std::string_view text, std::size_t limit = 40) {
  std::string out = "'";
  const std::size_t shown = std::min(text.size(), limit);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("\\x{:02X}", static_cast<unsigned>(c));
    }
  }
  out += shown < text.size() ? "'..." : "'";
  return out;
}

/// The reader's state while it walks the text; owns the error messages.
class csv_cursor {
 public:
  csv_cursor(std::string_view source, std::string_view text, char delimiter)
      : source_(source), text_(text), delimiter_(delimiter) {}

  /// Throws `input_error` "source:line: message".
  template <class... Args>
  [[noreturn]] void fail(std::size_t line, fmt::format_string<Args...> format, Args&&... args) const {
    throw_input_error("bulwark.data.csv", "{}:{}: {}", source_, line,
                      fmt::format(format, std::forward<Args>(args)...));
  }

  /// Throws `input_error` "source:line: column j 'name': message" (j from 0 here, shown from 1).
  template <class... Args>
  [[noreturn]] void fail_at(std::size_t line, std::size_t field,
                            std::span<const std::string_view> header,
                            fmt::format_string<Args...> format, Args&&... args) const {
    const std::string_view name = field < header.size() ? header[field] : std::string_view{};
    throw_input_error("bulwark.data.csv", "{}:{}: column {} '{}': {}", source_, line, field + 1,
                      name, fmt::format(format, std::forward<Args>(args)...));
  }

  /// Reports the first byte of `text` that is not UTF-8, if any, at its line and column.
  void require_utf8(std::span<const std::string_view> header) const {
    const std::size_t bad = first_invalid_utf8(text_);
    if (bad == text_.size()) return;
    const std::string_view before = text_.substr(0, bad);
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t newline = before.rfind('\n');
    const std::string_view in_line = before.substr(newline == std::string_view::npos ? 0 : newline + 1);
    const auto field = static_cast<std::size_t>(std::count(in_line.begin(), in_line.end(), delimiter_));
    const auto byte = static_cast<unsigned>(static_cast<unsigned char>(text_[bad]));
    if (line == 1) fail(line, "byte 0x{:02X} in column {} of the header is not UTF-8", byte, field + 1);
    fail_at(line, field, header, "byte 0x{:02X} is not UTF-8; expected UTF-8 text", byte);
  }

 private:
  std::string_view source_;
  std::string_view text_;
  char delimiter_;
};

/// Where each field of a row goes.
inline constexpr int skip_field = -1;
inline constexpr int time_field = -2;

}  // namespace detail

inline std::size_t numeric_table::find(std::string_view name) const noexcept {
  for (std::size_t k = 0; k < names_.size(); ++k) {
    if (detail::header_matches(names_[k], name)) return k;
  }
  return names_.size();
}

inline std::size_t numeric_table::index_of(std::string_view name) const {
  const std::size_t k = find(name);
  if (k == names_.size()) {
    throw_input_error("bulwark.data.csv", "{}: no column '{}' was read; read: {}", source_, name,
                      fmt::join(names_, ", "));
  }
  return k;
}

/// Reads `text` (the whole file) as described in the file comment. `source` names it in
/// messages. Throws `input_error` (id `bulwark.data.csv`) on the first problem, naming the
/// line and column; `config_error` (same id) when `spec` asks for a column twice or uses a
/// line break, '"' or a digit as delimiter.
[[nodiscard]] inline numeric_table parse_table(std::string_view text, const table_spec& spec,
                                               std::string_view source = "<memory>") {
  const char delimiter = spec.format.delimiter;
  if (delimiter == '\n' || delimiter == '\r' || delimiter == '"' || delimiter == '.' ||
      delimiter == '-' || detail::is_digit(delimiter)) {
    throw_config_error("bulwark.data.csv", "delimiter {} cannot separate fields of numbers",
                       detail::quoted_excerpt(std::string_view(&delimiter, 1)));
  }
  for (std::size_t a = 0; a < spec.columns.size(); ++a) {
    for (std::size_t b = a + 1; b < spec.columns.size(); ++b) {
      if (detail::header_matches(spec.columns[a], spec.columns[b])) {
        throw_config_error("bulwark.data.csv", "column '{}' is requested twice", spec.columns[a]);
      }
    }
  }

  numeric_table table;
  table.source_ = std::string(source);
  detail::csv_cursor cursor(source, text, delimiter);

  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // byte-order mark
  if (text.empty()) cursor.fail(1, "the file is empty; expected a header line");

  // Header.
  const std::size_t header_end = std::min(text.find('\n'), text.size());
  std::string_view header_line = text.substr(0, header_end);
  if (header_line.ends_with('\r')) header_line.remove_suffix(1);
  std::vector<std::string_view> header;
  for (std::size_t start = 0;;) {
    const std::size_t stop = std::min(header_line.find(delimiter, start), header_line.size());
    header.push_back(header_line.substr(start, stop - start));
    if (stop == header_line.size()) break;
    start = stop + 1;
  }
  cursor.require_utf8(header);

  std::vector<int> slot(header.size(), detail::skip_field);
  const auto locate = [&](std::string_view name, int destination) {
    std::size_t found = header.size();
    for (std::size_t j = 0; j < header.size(); ++j) {
      if (!detail::header_matches(header[j], name)) continue;
      if (found != header.size()) {
        cursor.fail(1, "columns {} and {} are both named '{}'; expected one", found + 1, j + 1, name);
      }
      found = j;
    }
    if (found != header.size()) {
      if (slot[found] != detail::skip_field) {
        cursor.fail(1, "column {} '{}' is requested both as time and as a number", found + 1,
                    header[found]);
      }
      slot[found] = destination;
    }
    return found != header.size();
  };
  if (!spec.time_column.empty()) {
    if (!locate(spec.time_column, detail::time_field)) {
      cursor.fail(1, "no column named '{}' for the time; the header is {}", spec.time_column,
                  detail::quoted_excerpt(header_line, 200));
    }
  } else {
    bool found = false;
    for (std::string_view name : {"timestamp", "date", "datetime", "time"}) {
      if ((found = locate(name, detail::time_field))) break;
    }
    if (!found) {
      cursor.fail(1, "no time column (timestamp, date, datetime or time); the header is {}",
                  detail::quoted_excerpt(header_line, 200));
    }
  }
  for (std::size_t k = 0; k < spec.columns.size(); ++k) {
    if (!locate(spec.columns[k], static_cast<int>(k))) {
      cursor.fail(1, "no column named '{}'; the header is {}", spec.columns[k],
                  detail::quoted_excerpt(header_line, 200));
    }
  }

  // Rows. Every line after the header is a row: count them to reserve exactly.
  const std::string_view body =
      header_end < text.size() ? text.substr(header_end + 1) : std::string_view{};
  const char* const end = body.data() + body.size();
  std::size_t rows = 0;
  for (const char* q = body.data(); q != end; ++rows) {
    const void* newline = std::memchr(q, '\n', static_cast<std::size_t>(end - q));
    q = newline == nullptr ? end : static_cast<const char*>(newline) + 1;
  }
  if (rows == 0) cursor.fail(2, "the file has a header but no data rows");

  table.names_.assign(spec.columns.begin(), spec.columns.end());
  table.columns_.resize(spec.columns.size());
  table.times_.resize(rows);
  table.offsets_.resize(rows);
  for (auto& c : table.columns_) c.resize(rows);
  std::vector<double*> out(spec.columns.size());
  for (std::size_t k = 0; k < out.size(); ++k) out[k] = table.columns_[k].data();

  time_format format = spec.format.time;
  const bool naive_utc = spec.format.naive_times_are_utc;
  const std::size_t fields = header.size();
  const char* p = body.data();
  for (std::size_t row = 0; row < rows; ++row) {
    const std::size_t line = row + 2;
    const void* newline = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    const char* const line_end = newline == nullptr ? end : static_cast<const char*>(newline);
    const char* const stop = line_end != p && line_end[-1] == '\r' ? line_end - 1 : line_end;
    if (stop == p) cursor.fail(line, "the line is empty; expected {} fields", fields);
    for (std::size_t j = 0; j < fields; ++j) {
      if (j > 0) {
        if (p == stop) {
          cursor.fail_at(line, j, header, "missing: the row has {} field(s); the header has {}", j,
                         fields);
        }
        ++p;  // the delimiter
      }
      const int where = slot[j];
      if (where >= 0) {
        double v = 0.0;
        const char* fast = detail::parse_plain_decimal(p, stop, v);
        if (fast != nullptr && (fast == stop || *fast == delimiter)) {
          out[static_cast<std::size_t>(where)][row] = v;
          p = fast;
          continue;
        }
        const auto [after, ec] = std::from_chars(p, stop, v);
        if (ec == std::errc{} && (after == stop || *after == delimiter)) {
          out[static_cast<std::size_t>(where)][row] = v;
          p = after;
          continue;
        }
        const char* field_end = std::find(p, stop, delimiter);
        const std::string_view field(p, static_cast<std::size_t>(field_end - p));
        if (field.empty()) cursor.fail_at(line, j, header, "the field is empty; expected a number");
        if (ec == std::errc::result_out_of_range) {
          cursor.fail_at(line, j, header, "{} is out of the range of a double",
                         detail::quoted_excerpt(field));
        }
        cursor.fail_at(line, j, header, "{} is not a number", detail::quoted_excerpt(field));
      }
      const char* field_end = std::find(p, stop, delimiter);
      if (where == detail::time_field) {
        const std::string_view field(p, static_cast<std::size_t>(field_end - p));
        if (format == time_format::automatic) format = detect_time_format(field);
        const parsed_time t = parse_time(field, format, naive_utc);
        if (!t.ok()) {
          if (field.empty()) cursor.fail_at(line, j, header, "the field is empty; expected a time");
          cursor.fail_at(line, j, header, "{} {} (reading {})", detail::quoted_excerpt(field),
                         to_string(t.error), to_string(format));
        }
        table.times_[row] = t.time;
        table.offsets_[row] = t.utc_offset_seconds;
      }
      p = field_end;
    }
    if (p != stop) {
      cursor.fail(line, "column {}: an extra field; the header has {} fields", fields + 1, fields);
    }
    p = line_end == end ? end : line_end + 1;
  }
  return table;
}

/// The whole content of `file`. Throws `input_error` (id `bulwark.data.csv`) naming the
/// file when it cannot be opened or read.
[[nodiscard]] inline std::string read_file(const std::filesystem::path& file) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(file.c_str(), "rb"), &std::fclose);
  if (!in) {
    throw_input_error("bulwark.data.csv", "{}: cannot open the file: {}", file.string(),
                      std::generic_category().message(errno));
  }
  std::string text;
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, in.get())) > 0) text.append(buffer, got);
  if (std::ferror(in.get()) != 0) {
    throw_input_error("bulwark.data.csv", "{}: cannot read the file", file.string());
  }
  return text;
}

/// `parse_table(read_file(file), spec, file.string())`.
[[nodiscard]] inline numeric_table read_table(const std::filesystem::path& file,
                                              const table_spec& spec) {
  return parse_table(read_file(file), spec, file.string());
}

}  // namespace bulwark::data
