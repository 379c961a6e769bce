// SPDX-License-Identifier: MIT
// Real data and reference values shared by the signal tests that compare with
// numpy/pandas (the generating scripts are in reference/).
#pragma once

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "support/csv.hpp"

namespace reference_data {

inline std::filesystem::path reference_dir() {
  return std::filesystem::path(__FILE__).parent_path() / "reference";
}

/// Adjusted closes of every file in daily/alphavantage_sp500 (symbols in alphabetical
/// order), on the union of their dates (ISO dates sort as text), NaN where a symbol has no
/// row; and the simple returns p_t / p_{t-1} - 1 on that grid (row 0 and the first row of
/// each symbol NaN): pandas' `prices / prices.shift(1) - 1`.
struct universe_panel {
  std::vector<std::string> symbols;
  std::vector<std::string> dates;
  std::vector<double> prices;   // dates x symbols, row-major
  std::vector<double> returns;  // same shape
  [[nodiscard]] std::size_t rows() const { return dates.size(); }
  [[nodiscard]] std::size_t cols() const { return symbols.size(); }
  [[nodiscard]] std::span<const double> return_row(std::size_t t) const {
    return std::span<const double>(returns).subspan(t * cols(), cols());
  }
};

inline universe_panel load_universe(const std::filesystem::path& data) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(data / "daily" / "alphavantage_sp500")) {
    if (entry.path().extension() == ".csv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  universe_panel u;
  std::vector<std::map<std::string, double>> by_date;
  std::vector<std::string> all_dates;
  for (const auto& f : files) {
    const bulwark::test::csv_table csv{f};
    u.symbols.push_back(f.stem().string());
    const auto dates = csv.text("timestamp");
    const auto closes = csv.numbers("adjusted_close");
    std::map<std::string, double> m;
    for (std::size_t i = 0; i < dates.size(); ++i) m[dates[i]] = closes[i];
    by_date.push_back(std::move(m));
    all_dates.insert(all_dates.end(), dates.begin(), dates.end());
  }
  std::sort(all_dates.begin(), all_dates.end());
  all_dates.erase(std::unique(all_dates.begin(), all_dates.end()), all_dates.end());
  u.dates = all_dates;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  u.prices.assign(u.rows() * u.cols(), nan);
  u.returns.assign(u.rows() * u.cols(), nan);
  for (std::size_t j = 0; j < u.cols(); ++j) {
    for (std::size_t t = 0; t < u.rows(); ++t) {
      const auto it = by_date[j].find(u.dates[t]);
      if (it != by_date[j].end()) u.prices[t * u.cols() + j] = it->second;
    }
  }
  for (std::size_t t = 1; t < u.rows(); ++t) {
    for (std::size_t j = 0; j < u.cols(); ++j) {
      u.returns[t * u.cols() + j] = u.prices[t * u.cols() + j] / u.prices[(t - 1) * u.cols() + j] - 1.0;
    }
  }
  return u;
}

/// `what,field,row,value` or similar: a numeric column looked up by key columns.
inline double number(const std::string& text) {
  if (text == "nan") return std::numeric_limits<double>::quiet_NaN();
  return std::stod(text);
}

}  // namespace reference_data
