// SPDX-License-Identifier: MIT
// A monthly long/short equity book from a toy model over the 40 stocks of the shared daily
// data: a 1-month reversal signal, winsorised and z-scored across the universe, 5 names
// long and 5 short at equal weight, with a minimum-change threshold on trades. Prints each
// year's book statistics, the information coefficient of the signal and the final book.
//
// Usage: signal_long_short <data-dir>      (the shared data directory, ../shared/data)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

#include <bulwark/core.hpp>
#include <bulwark/data.hpp>
#include <bulwark/signal.hpp>
#include <fmt/format.h>

namespace {

// The universe: one column of adjusted closes per symbol, on the union of the dates
// (NaN before a stock's first day).
struct universe_history {
  std::vector<bulwark::symbol> symbols;
  std::vector<bulwark::timestamp> times;  // 21:00 UTC (after the US close) of each date
  std::vector<double> close;              // times x symbols, row-major
};

// Reads the `adjusted_close` column of every file with bulwark's CSV reader.
universe_history load(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".csv") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::map<bulwark::timestamp, std::vector<double>> rows;  // date (00:00 UTC) -> closes
  universe_history u;
  for (std::size_t j = 0; j < files.size(); ++j) {
    u.symbols.emplace_back(files[j].stem().string());
    const bulwark::data::numeric_table table =
        bulwark::data::read_table(files[j], {.columns = {"adjusted_close"}});
    const auto closes = table.column("adjusted_close");
    for (std::size_t i = 0; i < table.size(); ++i) {
      auto& row = rows[table.times()[i]];
      row.resize(files.size(), std::nan(""));
      row[j] = closes[i];
    }
  }
  for (auto& [day, row] : rows) {
    u.times.push_back(day + std::chrono::hours{21});
    row.resize(files.size(), std::nan(""));
    u.close.insert(u.close.end(), row.begin(), row.end());
  }
  return u;
}

// [toy-model]
// A toy SignalModel: 1-month reversal. Last month's losers score high. It sees only the
// history predict_checked hands it, so it cannot look ahead.
struct reversal_model {
  std::size_t lookback = 21;

  void predict(const bulwark::model_context& ctx, std::span<double> scores) const {
    const std::size_t t = ctx.close.rows() - 1;
    if (t < lookback) return;  // no view yet: scores stay NaN
    const auto now = ctx.close.row(t);
    const auto then = ctx.close.row(t - lookback);
    for (std::size_t j = 0; j < scores.size(); ++j) {
      scores[j] = -(now[j] / then[j] - 1.0);  // NaN when either price is missing
    }
  }
};
static_assert(bulwark::SignalModel<reversal_model>);
// [toy-model]

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <data-dir>\n", argv[0]);
    return 2;
  }
  const auto u = load(std::filesystem::path(argv[1]) / "daily" / "alphavantage_sp500");
  const std::size_t n = u.symbols.size();
  const std::size_t days = u.times.size();
  const bulwark::panel_view close{u.close, days, n};
  fmt::print("universe: {} stocks, {} days ({} .. {})\n", n, days, bulwark::iso8601(u.times.front()),
             bulwark::iso8601(u.times.back()));

  // [book]
  reversal_model model;
  const auto normalise = bulwark::signal::winsorize_mad{.k = 5.0} | bulwark::signal::zscore{};
  bulwark::signal::top_bottom_selector book{{.n_long = 5, .n_short = 5}, n};
  const bulwark::signal::min_change no_dust{.threshold = 0.01};

  std::vector<double> scores(n), z(n), target(n), weights(n, 0.0);
  std::vector<double> ics, book_returns;
  double traded = 0.0;
  std::size_t rebalances = 0;
  constexpr std::size_t month = 21;
  for (std::size_t t = month; t + month < days; t += month) {
    const bulwark::model_context ctx{.asof = u.times[t],
                                     .universe = u.symbols,
                                     .times = std::span(u.times).first(t + 1),
                                     .close = close.first_rows(t + 1)};
    bulwark::predict_checked(model, ctx, scores);
    normalise.apply(scores, z);
    if (!book.select(z, target).ok()) continue;  // too few stocks with a score
    traded += no_dust.apply(weights, target, weights).turnover;
    ++rebalances;
    // How well did the scores rank the next month's returns? (Evaluation only: the
    // forward returns are known here because this is a study of the past.)
    std::vector<double> forward(n);
    for (std::size_t j = 0; j < n; ++j) forward[j] = close(t + month, j) / close(t, j) - 1.0;
    ics.push_back(bulwark::signal::rank_information_coefficient(scores, forward));
    double r = 0.0;
    for (std::size_t j = 0; j < n; ++j) r += weights[j] != 0.0 ? weights[j] * forward[j] : 0.0;
    book_returns.push_back(r);
  }
  // [book]

  const auto ic = bulwark::signal::summarize_ic(ics);
  fmt::print("rebalances: {}, mean turnover {:.3f} per rebalance\n", rebalances,
             traded / static_cast<double>(rebalances));
  fmt::print("rank IC of 1-month reversal: {}\n", ic);
  // Rebalances are about a month apart: annualise with an explicit 12 periods per year.
  const double periods = bulwark::months_per_year.value;
  fmt::print("book: mean return {:+.4f} a year, volatility {:.4f} a year, over {} months\n",
             bulwark::mean(book_returns) * periods,
             bulwark::sample_stddev(book_returns) * std::sqrt(periods), book_returns.size());
  fmt::print("final book:");
  for (std::size_t j = 0; j < n; ++j) {
    if (weights[j] != 0.0) fmt::print(" {} {:+.2f}", u.symbols[j], weights[j]);
  }
  fmt::print("\n");
  return 0;
}
