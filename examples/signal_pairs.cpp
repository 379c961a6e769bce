// SPDX-License-Identifier: MIT
// A pairs trade on MSFT against AAPL from the shared daily data: the Engle-Granger test and
// the spread's half-life over a formation period, then a Kalman-filter hedge ratio and the
// entry / exit / stop band machine over the years after it: the first trades of each kind,
// and a count of all of them.
//
// Usage: signal_pairs <data-dir>      (the shared data directory, ../shared/data)
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <bulwark/core.hpp>
#include <bulwark/data.hpp>
#include <bulwark/signal.hpp>
#include <fmt/format.h>

namespace {

// date -> adjusted close of one file of the shared daily data, with bulwark's CSV reader.
std::map<bulwark::timestamp, double> adjusted_closes(const std::filesystem::path& file) {
  const bulwark::data::numeric_table table =
      bulwark::data::read_table(file, {.columns = {"adjusted_close"}});
  const auto closes = table.column("adjusted_close");
  std::map<bulwark::timestamp, double> out;
  for (std::size_t i = 0; i < table.size(); ++i) out[table.times()[i]] = closes[i];
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <data-dir>\n", argv[0]);
    return 2;
  }
  const auto dir = std::filesystem::path(argv[1]) / "daily" / "alphavantage_sp500";
  const auto aapl = adjusted_closes(dir / "AAPL.csv");
  const auto msft = adjusted_closes(dir / "MSFT.csv");
  const bulwark::timestamp first_day = bulwark::make_timestamp(date::year{2014} / 1 / 1);
  std::vector<std::string> dates;
  std::vector<double> x, y;  // ln AAPL, ln MSFT, on the dates both have
  for (const auto& [day, a] : aapl) {
    const auto m = msft.find(day);
    if (day < first_day || m == msft.end()) continue;
    dates.push_back(fmt::format("{}", bulwark::iso8601(std::chrono::floor<date::days>(day))));
    x.push_back(std::log(a));
    y.push_back(std::log(m->second));
  }
  const std::size_t formation = 504;  // two years to estimate, the rest to trade

  // [formation]
  const std::span<const double> fx = std::span(x).first(formation);
  const std::span<const double> fy = std::span(y).first(formation);
  const auto eg = bulwark::signal::engle_granger(fy, fx);
  std::vector<double> residual(formation);
  for (std::size_t t = 0; t < formation; ++t) residual[t] = bulwark::signal::spread(fy[t], fx[t], eg.relation);
  const auto ou = bulwark::signal::fit_ornstein_uhlenbeck(residual);
  fmt::print("formation {} .. {}: ln MSFT = {:.4f} + {:.4f} ln AAPL\n", dates.front(),
             dates[formation - 1], eg.relation.alpha, eg.relation.beta);
  fmt::print("Engle-Granger {} -> {} at 5%\n", eg.adf, eg.cointegrated() ? "cointegrated" : "not cointegrated");
  fmt::print("spread half-life {:.1f} days (phi {:.4f})\n", ou.half_life, ou.phi);
  // [formation]

  // [trading]
  // Kalman hedge ratio, its noise scaled to log prices (daily tracking noise of about 1 %;
  // Chan's defaults, delta 1e-4 and Ve 1e-3, suit prices of order 10).
  bulwark::signal::kalman_hedge_ratio hedge{{.delta = 1e-6, .observation_variance = 1e-4}};
  bulwark::signal::pair_band_machine bands;   // enter at |z| >= 2, exit at 0.5, stop at 4
  bulwark::signal::pair_position held = bulwark::signal::pair_position::flat;
  double pnl = 0.0;  // in log-return units of one unit of MSFT
  double beta = 0.0;
  std::map<bulwark::signal::band_event, int> events;
  for (std::size_t t = 0; t < x.size(); ++t) {
    if (t > 0 && t > formation) {  // yesterday's position earns today's spread move
      pnl += static_cast<double>(held) * ((y[t] - y[t - 1]) - beta * (x[t] - x[t - 1]));
    }
    const auto k = hedge.update(x[t], y[t]);  // forecast from the prior: no look-ahead
    beta = k.posterior.beta;
    if (t < formation) continue;  // the filter warms up over the formation period
    const auto step = bands.update(k.zscore());
    if (step.event != bulwark::signal::band_event::none && ++events[step.event] <= 3) {
      fmt::print("{} z {:+.2f} beta {:.3f}: {}\n", dates[t], k.zscore(), beta, step);
    }
    held = step.position;
  }
  // [trading]
  fmt::print("over {} trading days:", x.size() - formation);
  for (const auto& [event, count] : events) fmt::print(" {} {}", count, event);
  fmt::print("; spread P&L {:+.4f}\n", pnl);
  return 0;
}
