// SPDX-License-Identifier: MIT
// A deliberately small CSV reader for tests: comma-separated, a header row, no quoting
// (the shape of every file in ../shared/data). Independent of bulwark's own reader, so
// tests of other modules do not depend on it. Any problem throws std::runtime_error
// naming the file and line.
#pragma once

#include <charconv>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bulwark::test {

class csv_table {
 public:
  explicit csv_table(const std::filesystem::path& file) : file_(file.string()) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot open " + file_);
    std::string line;
    std::size_t line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      auto fields = split(line);
      if (header_.empty()) {
        header_ = std::move(fields);
        continue;
      }
      if (fields.size() != header_.size()) {
        throw std::runtime_error(file_ + ":" + std::to_string(line_number) + ": " +
                                 std::to_string(fields.size()) + " fields, header has " +
                                 std::to_string(header_.size()));
      }
      rows_.push_back(std::move(fields));
    }
  }

  [[nodiscard]] std::size_t size() const noexcept { return rows_.size(); }
  [[nodiscard]] const std::vector<std::string>& header() const noexcept { return header_; }
  [[nodiscard]] const std::string& cell(std::size_t row, std::string_view name) const {
    return rows_.at(row)[index(name)];
  }

  /// The column `name` as text.
  [[nodiscard]] std::vector<std::string> text(std::string_view name) const {
    const std::size_t j = index(name);
    std::vector<std::string> out;
    out.reserve(rows_.size());
    for (const auto& r : rows_) out.push_back(r[j]);
    return out;
  }

  /// The column `name` as numbers.
  [[nodiscard]] std::vector<double> numbers(std::string_view name) const {
    const std::size_t j = index(name);
    std::vector<double> out;
    out.reserve(rows_.size());
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const std::string& s = rows_[i][j];
      double v = 0.0;
      const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc{} || end != s.data() + s.size()) {
        throw std::runtime_error(file_ + ": row " + std::to_string(i + 1) + " column " +
                                 std::string(name) + ": '" + s + "' is not a number");
      }
      out.push_back(v);
    }
    return out;
  }

 private:
  [[nodiscard]] std::size_t index(std::string_view name) const {
    for (std::size_t j = 0; j < header_.size(); ++j) {
      if (header_[j] == name) return j;
    }
    throw std::runtime_error(file_ + ": no column '" + std::string(name) + "'");
  }

  static std::vector<std::string> split(std::string_view line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = line.find(',', start);
      fields.emplace_back(line.substr(start, comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    return fields;
  }

  std::string file_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace bulwark::test
