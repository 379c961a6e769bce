// SPDX-License-Identifier: MIT
// Sizing a long/short book: multivariate Kelly weights from return estimates, scaled to the
// fraction of Kelly that keeps the chance of ever halving the account at 1 in 8, capped per
// asset, in gross and in net, then turned into orders at live prices. Symbols whose price
// is missing or stale get no order, and the reason is printed.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

#include <Eigen/Core>
#include <fmt/format.h>

#include "bulwark/core.hpp"
#include "bulwark/sizing.hpp"

int main() {
  using namespace std::chrono_literals;
  using namespace bulwark::sizing;
  const bulwark::timestamp now = bulwark::from_unix_seconds(1'717'425'000);  // 14:30Z

  // Annual estimates: mean excess return, volatility, and correlations (0.5 within the
  // technology trio, 0.3 within the defensives, 0.2 across).
  const std::vector<bulwark::symbol> names{"AAPL", "MSFT", "NVDA", "XOM", "T", "KO"};
  const Eigen::VectorXd mu = (Eigen::VectorXd(6) << 0.08, 0.07, 0.12, -0.03, -0.04, 0.02).finished();
  const Eigen::VectorXd vol = (Eigen::VectorXd(6) << 0.28, 0.25, 0.45, 0.30, 0.22, 0.16).finished();
  Eigen::MatrixXd sigma(6, 6);
  for (Eigen::Index i = 0; i < 6; ++i) {
    for (Eigen::Index j = 0; j < 6; ++j) {
      const double rho = i == j ? 1.0 : ((i < 3) == (j < 3) ? (i < 3 ? 0.5 : 0.3) : 0.2);
      sigma(i, j) = rho * vol(i) * vol(j);
    }
  }

  // [kelly-book]
  // Full Kelly, w* = Sigma^-1 mu, is growth-optimal only for exact estimates. Take the
  // fraction of it that keeps P(wealth ever at half its current value) <= 1/8.
  const Eigen::VectorXd full_kelly = kelly_weights(mu, sigma);
  const double lambda = std::min(1.0, drawdown_kelly_multiplier(/*alpha=*/0.5, /*beta=*/0.125));
  std::vector<target_weight> book;
  for (std::size_t i = 0; i < names.size(); ++i) {
    book.push_back({names[i], lambda * full_kelly(static_cast<Eigen::Index>(i))});
  }
  const caps_report caps =
      apply_caps(book, exposure_caps{.per_asset = 0.40, .gross = 1.50, .net = 0.25});
  // [kelly-book]
  fmt::print("Kelly multiplier {:.3f}; caps: {}\n", lambda, caps);
  for (std::size_t i = 0; i < book.size(); ++i) {
    fmt::print("  {:<5} full Kelly {:+.3f} -> target weight {:+.3f}\n", names[i],
               full_kelly(static_cast<Eigen::Index>(i)), book[i].weight);
  }

  // Live market data: NVDA's quote is two minutes old and it has not traded since; KO is
  // not in the snapshot at all.
  bulwark::market_snapshot market;
  market.set_quote("AAPL", 189.98, 190.02, now - 1s);
  market.set_quote("MSFT", 414.90, 415.10, now - 2s);
  market.set_quote("NVDA", 1149.0, 1151.0, now - 120s);
  market.set_quote("XOM", 113.48, 113.52, now - 1s);
  market.set_last("T", 17.25, now - 3s);
  bulwark::symbol_map<double> held;
  held["AAPL"] = 1'000.0;
  held["XOM"] = -500.0;

  // [size-book]
  const sizer s{5s,  // a price older than 5 s is stale: no order
                target_fraction_of_equity{}, cash_buffer{.fraction = 0.02},
                lot_size{.lot = 1.0}, min_order{.notional = 1'000.0}};
  const auto result = s.size({.targets = book, .equity = 2'000'000.0, .positions = held,
                              .market = market, .now = now, .first_client_id = 1});
  for (const bulwark::order& o : result.orders) fmt::print("order     {}\n", o);
  for (const sizing_rejection& r : result.rejections) fmt::print("no order  {}\n", r);
  // [size-book]
  fmt::print("\n{}\n", result);
  return result.orders.empty() ? 1 : 0;
}
