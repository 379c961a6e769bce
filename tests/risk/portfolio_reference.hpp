// SPDX-License-Identifier: MIT
// Shared by covariance_test.cpp and portfolio_var_test.cpp: the numpy reference values of
// reference/make_portfolio_reference.py (see that script for how each was computed), the
// same return panels built from ../shared/data the way the script builds them, and the
// tolerance checks both use.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <Eigen/Core>

#include "bulwark/core/panel.hpp"
#include "bulwark/core/returns.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"

namespace portfolio_reference {

/// reference/portfolio_reference.csv: (case, quantity, i, j) -> value.
class table {
 public:
  table() {
    const auto file =
        std::filesystem::path(__FILE__).parent_path() / "reference" / "portfolio_reference.csv";
    const bulwark::test::csv_table csv(file);
    const auto cases = csv.text("case");
    const auto quantities = csv.text("quantity");
    const auto is = csv.numbers("i");
    const auto js = csv.numbers("j");
    const auto values = csv.numbers("value");
    for (std::size_t k = 0; k < csv.size(); ++k) {
      values_[{cases[k], quantities[k], static_cast<int>(is[k]), static_cast<int>(js[k])}] =
          values[k];
    }
  }

  /// A scalar (i = j = -1), a vector element (j = -1) or a matrix element.
  [[nodiscard]] double value(const std::string& c, const std::string& q, int i = -1,
                             int j = -1) const {
    const auto it = values_.find({c, q, i, j});
    if (it == values_.end()) {
      throw std::runtime_error("no reference value " + c + "," + q + "," + std::to_string(i) + "," +
                               std::to_string(j));
    }
    return it->second;
  }

  [[nodiscard]] Eigen::VectorXd vector(const std::string& c, const std::string& q) const {
    std::vector<double> v;
    for (int i = 0; values_.count({c, q, i, -1}) != 0; ++i) v.push_back(value(c, q, i));
    return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
  }

  [[nodiscard]] Eigen::MatrixXd matrix(const std::string& c, const std::string& q) const {
    Eigen::Index rows = 0, cols = 0;
    while (values_.count({c, q, static_cast<int>(rows), 0}) != 0) ++rows;
    while (values_.count({c, q, 0, static_cast<int>(cols)}) != 0) ++cols;
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i) {
      for (Eigen::Index j = 0; j < cols; ++j) {
        m(i, j) = value(c, q, static_cast<int>(i), static_cast<int>(j));
      }
    }
    return m;
  }

 private:
  std::map<std::tuple<std::string, std::string, int, int>, double> values_;
};

inline const table& reference() {
  static const table t;
  return t;
}

/// A row-major panel of returns with its first date (the date of the first close).
struct return_panel {
  std::vector<double> values;
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::string first_date;

  [[nodiscard]] bulwark::panel_view view() const { return {values, rows, cols}; }
};

/// The "small" case's panel, as the script wrote it.
inline return_panel small_panel() {
  const Eigen::MatrixXd m = reference().matrix("small", "returns");
  return_panel p{{}, static_cast<std::size_t>(m.rows()), static_cast<std::size_t>(m.cols()), {}};
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    for (Eigen::Index j = 0; j < m.cols(); ++j) p.values.push_back(m(i, j));
  }
  return p;
}

/// Simple returns of the adjusted closes of `symbols` (files of
/// daily/alphavantage_sp500) on the dates all of them have, as the script computes them.
inline return_panel common_returns(const std::filesystem::path& data,
                                   const std::vector<std::string>& symbols) {
  std::vector<std::map<std::string, double>> closes;
  for (const auto& s : symbols) {
    const bulwark::test::csv_table csv(data / "daily" / "alphavantage_sp500" / (s + ".csv"));
    const auto dates = csv.text("timestamp");
    const auto adjusted = csv.numbers("adjusted_close");
    auto& by_date = closes.emplace_back();
    for (std::size_t k = 0; k < dates.size(); ++k) by_date[dates[k]] = adjusted[k];
  }
  std::vector<std::string> common;
  // A named key, not a structured binding: a lambda cannot capture a binding before
  // Clang 16.
  for (const auto& entry : closes.front()) {
    const std::string& date = entry.first;
    if (std::all_of(closes.begin(), closes.end(),
                    [&](const auto& c) { return c.count(date) != 0; })) {
      common.push_back(date);
    }
  }
  return_panel p{std::vector<double>((common.size() - 1) * symbols.size()), common.size() - 1,
                 symbols.size(), common.front()};
  for (std::size_t j = 0; j < symbols.size(); ++j) {
    std::vector<double> prices;
    for (const auto& d : common) prices.push_back(closes[j].at(d));
    const std::vector<double> r = bulwark::simple_returns(prices);
    for (std::size_t t = 0; t < r.size(); ++t) p.values[t * p.cols + j] = r[t];
  }
  return p;
}

/// The 40 symbols of daily/alphavantage_sp500, sorted.
inline std::vector<std::string> all_symbols(const std::filesystem::path& data) {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(data / "daily" / "alphavantage_sp500")) {
    if (e.path().extension() == ".csv") names.insert(e.path().stem().string());
  }
  return {names.begin(), names.end()};
}

inline const std::vector<std::string> five_symbols{"AAPL", "MSFT", "KEY", "SO", "V"};

// Entry (i, j) of `actual` equals `expected` to `tolerance` on the scale of a correlation:
// |a - e| <= tolerance * sqrt(e_ii e_jj).
inline void check_covariance_near(const Eigen::MatrixXd& actual, const Eigen::MatrixXd& expected,
                                  double tolerance) {
  REQUIRE(actual.rows() == expected.rows());
  REQUIRE(actual.cols() == expected.cols());
  for (Eigen::Index i = 0; i < expected.rows(); ++i) {
    for (Eigen::Index j = 0; j < expected.cols(); ++j) {
      INFO("entry (" << i << ", " << j << ")");
      const double scale = std::sqrt(expected(i, i) * expected(j, j));
      CHECK_THAT(actual(i, j), bulwark::test::WithinAbs(expected(i, j), tolerance * scale));
    }
  }
}

// Each value of `actual` equals `expected` to `relative` of the largest |expected|.
inline void check_vector_near(const Eigen::VectorXd& actual, const Eigen::VectorXd& expected,
                              double relative) {
  REQUIRE(actual.size() == expected.size());
  const double scale = expected.cwiseAbs().maxCoeff();
  for (Eigen::Index i = 0; i < expected.size(); ++i) {
    INFO("element " << i);
    CHECK_THAT(actual(i), bulwark::test::WithinAbs(expected(i), relative * scale));
  }
}

}  // namespace portfolio_reference
