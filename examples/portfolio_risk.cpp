// SPDX-License-Identifier: MIT
// portfolio_risk: the one-day risk of a five-stock portfolio from daily closes.
//
// Reads the adjusted closes of AAPL, MSFT, KEY, SO and V from the Alpha Vantage files of the
// data directory (with bulwark's CSV reader), keeps the dates all five have, builds daily simple returns, then prints
// the sample and Ledoit-Wolf covariance estimates, Gaussian and historical VaR/ES, and the
// component VaR table (an Euler allocation: the components add up to the total).
//
// Usage: portfolio_risk DATA_DIR      (DATA_DIR holds daily/alphavantage_sp500/<SYM>.csv)
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <bulwark/core.hpp>
#include <bulwark/data.hpp>
#include <bulwark/risk.hpp>
#include <fmt/format.h>

namespace {

// Returns (rows = dates after the first common one, columns = symbols), row-major.
struct return_table {
  std::vector<bulwark::timestamp> dates;  // the date of each return
  std::vector<double> values;
};

return_table common_date_returns(const std::filesystem::path& data,
                                 const std::vector<std::string>& symbols) {
  std::vector<std::map<bulwark::timestamp, double>> closes;  // date -> adjusted close
  for (const auto& s : symbols) {
    const auto file = data / "daily" / "alphavantage_sp500" / (s + ".csv");
    const bulwark::data::numeric_table table =
        bulwark::data::read_table(file, {.columns = {"adjusted_close"}});
    auto& by_date = closes.emplace_back();
    for (std::size_t i = 0; i < table.size(); ++i) {
      by_date[table.times()[i]] = table.column("adjusted_close")[i];
    }
  }
  std::vector<bulwark::timestamp> common;
  for (const auto& entry : closes.front()) {
    const bool everywhere = std::all_of(closes.begin() + 1, closes.end(),
                                        [&](const auto& c) { return c.count(entry.first) != 0; });
    if (everywhere) common.push_back(entry.first);
  }
  if (common.size() < 3) throw std::runtime_error("fewer than 3 common dates");
  return_table table{{common.begin() + 1, common.end()},
                     std::vector<double>((common.size() - 1) * symbols.size())};
  for (std::size_t j = 0; j < symbols.size(); ++j) {
    std::vector<double> prices;
    for (const auto& d : common) prices.push_back(closes[j].at(d));
    const std::vector<double> r = bulwark::simple_returns(prices);  // checks every price
    for (std::size_t t = 0; t < r.size(); ++t) table.values[t * symbols.size() + j] = r[t];
  }
  return table;
}

void print_matrix(const char* title, const Eigen::MatrixXd& m,
                  const std::vector<std::string>& symbols) {
  fmt::print("{} (daily, x 1e-4)\n{:>6}", title, "");
  for (const auto& s : symbols) fmt::print("{:>9}", s);
  fmt::print("\n");
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    fmt::print("{:>6}", symbols[static_cast<std::size_t>(i)]);
    for (Eigen::Index j = 0; j < m.cols(); ++j) fmt::print("{:>9.4f}", 1e4 * m(i, j));
    fmt::print("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: portfolio_risk DATA_DIR\n");
    return 2;
  }
  try {
    const std::vector<std::string> symbols{"AAPL", "MSFT", "KEY", "SO", "V"};
    const return_table table = common_date_returns(argv[1], symbols);
    const std::size_t rows = table.dates.size();
    fmt::print("{} daily returns of {} stocks on their common dates, {} to {}\n\n", rows,
               symbols.size(), bulwark::iso8601(bulwark::utc_date(table.dates.front())),
               bulwark::iso8601(bulwark::utc_date(table.dates.back())));

    // [portfolio-risk]
    const bulwark::panel_view returns{table.values, rows, symbols.size()};
    const Eigen::VectorXd weights{{0.30, 0.25, 0.15, 0.20, 0.10}};  // fractions of value

    const Eigen::MatrixXd sample = bulwark::risk::sample_covariance(returns);
    const bulwark::risk::shrunk_covariance shrunk = bulwark::risk::ledoit_wolf(returns);

    const bulwark::risk::gaussian_portfolio gaussian{weights, shrunk.covariance};
    const double var_99 = gaussian.var(0.99);  // positive: a loss, fraction of value
    const double es_99 = gaussian.es(0.99);
    const bulwark::risk::risk_contributions parts = gaussian.var_contributions(0.99);

    const double historical_var_99 =
        bulwark::risk::historical_portfolio_var(returns, weights, 0.99);
    const double historical_es_99 = bulwark::risk::historical_portfolio_es(returns, weights, 0.99);
    // [portfolio-risk]

    print_matrix("Sample covariance (n - 1)", sample, symbols);
    fmt::print("\n");
    const std::string title = fmt::format("Ledoit-Wolf, shrinkage {:.4f} toward {:.4g} I",
                                          shrunk.shrinkage, shrunk.target_variance);
    print_matrix(title.c_str(), shrunk.covariance, symbols);
    fmt::print("positive definite: sample {}, Ledoit-Wolf {}\n\n",
               bulwark::risk::is_positive_definite(sample),
               bulwark::risk::is_positive_definite(shrunk.covariance));

    const bulwark::risk::gaussian_portfolio gaussian_sample{weights, sample};
    fmt::print("One-day risk at 99 %, fraction of portfolio value (positive = loss)\n");
    fmt::print("{:<34}{:>10}{:>10}\n", "method", "VaR", "ES");
    fmt::print("{:<34}{:>10.5f}{:>10.5f}\n", "Gaussian, sample covariance",
               gaussian_sample.var(0.99), gaussian_sample.es(0.99));
    fmt::print("{:<34}{:>10.5f}{:>10.5f}\n", "Gaussian, Ledoit-Wolf", var_99, es_99);
    fmt::print("{:<34}{:>10.5f}{:>10.5f}\n\n", "historical (type-7 quantile)", historical_var_99,
               historical_es_99);

    fmt::print("Component VaR at 99 % (Gaussian, Ledoit-Wolf)\n");
    fmt::print("{:<8}{:>8}{:>14}{:>14}{:>10}\n", "symbol", "weight", "marginal VaR",
               "component VaR", "share");
    for (std::size_t i = 0; i < symbols.size(); ++i) {
      const auto k = static_cast<Eigen::Index>(i);
      fmt::print("{:<8}{:>8.2f}{:>14.5f}{:>14.5f}{:>9.1f}%\n", symbols[i], weights(k),
                 parts.marginal(k), parts.component(k), 100.0 * parts.fraction()(k));
    }
    fmt::print("{:<8}{:>8.2f}{:>14}{:>14.5f}{:>9.1f}%\n", "total", weights.sum(), "",
               parts.component.sum(), 100.0 * parts.fraction().sum());
    fmt::print("components add up to the VaR: {}\n",
               std::abs(parts.component.sum() - parts.total) <= 1e-12 * parts.total);
  } catch (const std::exception& e) {
    fmt::print(stderr, "portfolio_risk: {}\n", e.what());
    return 1;
  }
  return 0;
}
