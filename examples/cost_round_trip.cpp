// SPDX-License-Identifier: MIT
// What a round trip really costs: a US equity through Interactive Brokers-style
// commissions, SEC and FINRA fees, the spread and square-root impact; and a crypto trade
// with maker/taker fees. Prints each leg's breakdown, the fill prices, and the total in
// basis points of the position. Then asks a model for the expected cost of prospective
// orders, the way a sizing step trims trades that cost too much, and prices a day of fills
// given as columns.
//
// Usage: cost_round_trip   (no arguments; deterministic output)
#include <chrono>
#include <cstddef>
#include <iterator>
#include <optional>

#include <bulwark/cost.hpp>
#include <fmt/format.h>

namespace {

using namespace std::chrono_literals;
using namespace bulwark::cost;

template <class Model>
void print_round_trip(const char* title, const Model& model, const fill_context& entry,
                      const fill_context& exit) {
  const auto trip = model.round_trip(entry, exit);
  fmt::print("{}\n", title);
  fmt::print("  entry  {}\n         fills at {:.4f}: {:.2f}\n", entry, model.fill_price(entry),
             trip.entry);
  fmt::print("  exit   {}\n         fills at {:.4f}: {:.2f}\n", exit, model.fill_price(exit),
             trip.exit);
  fmt::print("  fees {:.2f}, slippage {:.2f}, carry {:.2f}: round trip {:.2f} = {:.1f} bps of {:.2f}\n\n",
             trip.entry.fees() + trip.exit.fees(), trip.entry.slippage() + trip.exit.slippage(),
             trip.carry.total(), trip.total(), trip.total() / entry.notional() * 1e4,
             entry.notional());
}

}  // namespace

int main() {
  // [equity]
  // A US equity: $0.005/share (min $1, max 0.5 % of value), SEC Section 31 and FINRA TAF
  // on the sale, half the quoted spread, and square-root impact on 2,000 of 55M a day.
  const cost_model equity{per_share_commission{}, sec_fee{}, finra_taf{}, half_spread{},
                          square_root_impact{}};
  const fill_context buy{.side = bulwark::side::buy,
                         .quantity = 2'000,
                         .price = 190.00,
                         .quote = bulwark::quote{.bid = 189.98, .ask = 190.02},
                         .adv = 55e6,
                         .daily_volatility = 0.016,
                         .time = bulwark::make_timestamp(date::year{2024} / 6 / 3, 14h + 30min),
                         .fee_class = fee_class::us_equity};
  fill_context sell = buy;
  sell.side = bulwark::side::sell;
  sell.price = 195.50;
  sell.quote = bulwark::quote{.bid = 195.48, .ask = 195.52};
  sell.time = bulwark::make_timestamp(date::year{2024} / 6 / 10, 19h + 45min);
  print_round_trip("US equity, 2,000 shares:", equity, buy, sell);
  // [equity]

  // [crypto]
  // Crypto: 0.75 BTC, bought as a taker (60 bps) and sold with a resting order (40 bps).
  const cost_model crypto{maker_taker_commission{.maker = bulwark::bps{40}, .taker = bulwark::bps{60}},
                          half_spread{}, square_root_impact{}};
  const fill_context btc_buy{.side = bulwark::side::buy,
                             .quantity = 0.75,
                             .price = 67'000.0,
                             .quote = bulwark::quote{.bid = 66'995.0, .ask = 67'005.0},
                             .adv = 15'000.0,
                             .daily_volatility = 0.03,
                             .time = bulwark::make_timestamp(date::year{2024} / 6 / 3, 9h),
                             .liq = bulwark::liquidity::taker,
                             .fee_class = fee_class::crypto};
  fill_context btc_sell = btc_buy;
  btc_sell.side = bulwark::side::sell;
  btc_sell.price = 68'500.0;
  btc_sell.quote = bulwark::quote{.bid = 68'499.0, .ask = 68'501.0};
  btc_sell.liq = bulwark::liquidity::maker;
  btc_sell.time = bulwark::make_timestamp(date::year{2024} / 6 / 4, 9h);
  print_round_trip("Crypto, 0.75 BTC:", crypto, btc_buy, btc_sell);
  // [crypto]

  // [expected-cost]
  // Cost-aware trimming: skip a prospective order whose expected cost exceeds 10 bps of
  // its value. try_cost never throws or allocates; nullopt means "cannot price it", and
  // an order that cannot be priced is not sent.
  for (const double shares : {500.0, 20'000.0, 400'000.0}) {
    fill_context order = buy;
    order.quantity = shares;
    const std::optional<double> expected = equity.try_cost(order);
    if (!expected) {
      fmt::print("{:>9} shares: cannot be priced -> skip\n", shares);
      continue;
    }
    const bool send = *expected <= 0.0010 * order.notional();
    fmt::print("{:>9} shares: expected cost {:10.2f} ({:4.1f} bps) -> {}\n", shares, *expected,
               *expected / order.notional() * 1e4, send ? "send" : "skip");
  }
  // [expected-cost]

  // [columns]
  // A backtest's fills as columns (five here, millions in practice): the same model, the
  // same checks and the same totals as cost(ctx) fill by fill, priced in blocks of rows in
  // vector registers. The first two rows are the round trip above.
  using bulwark::side;
  const side sides[] = {side::buy, side::sell, side::buy, side::sell, side::sell};
  const double shares[] = {2'000, 2'000, 500, 500, 30'000};
  const double prices[] = {190.00, 195.50, 191.20, 193.10, 194.00};
  const double bids[] = {189.98, 195.48, 191.18, 193.08, 193.97};
  const double asks[] = {190.02, 195.52, 191.22, 193.12, 194.03};
  const double advs[] = {55e6, 55e6, 55e6, 55e6, 55e6};
  const double sigmas[] = {0.016, 0.016, 0.016, 0.016, 0.021};
  const bulwark::timestamp times[] = {buy.time, sell.time, sell.time + 5min, sell.time + 7min,
                                      sell.time + 9min};
  double totals[5];
  equity.cost(fill_columns{.side = sides, .quantity = shares, .price = prices, .bid = bids,
                           .ask = asks, .adv = advs, .daily_volatility = sigmas, .time = times,
                           .fee_class = fee_class::us_equity},
              totals);
  fmt::print("\nThe day's fills as columns:\n");
  for (std::size_t i = 0; i < std::size(totals); ++i) {
    fmt::print("  {:<4} {:>6} @ {:.2f}: {:7.2f}\n", sides[i], shares[i], prices[i], totals[i]);
  }
  fmt::print("  first two rows: {:.2f}, the round trip's legs\n", totals[0] + totals[1]);
  // [columns]
  return 0;
}
