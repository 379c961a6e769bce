// SPDX-License-Identifier: MIT
// bulwark demo: simulate a small market, then build an equal-weight book at live prices
// through a paper broker. Every price comes from the market snapshot, and a symbol whose
// price is stale gets no order, with the reason printed.
//
// Usage: demo            (no arguments; deterministic output)
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include <bulwark/core.hpp>
#include <fmt/format.h>

namespace {

using namespace std::chrono_literals;

// Prices trade on a one-cent tick.
double to_cent(double price) { return std::round(price * 100.0) / 100.0; }

// Weekday bars from geometric Brownian motion with counter-based noise: bar d of symbol s
// uses draws (seed, stream = s, index = 4d .. 4d+3), so any bar can be regenerated alone.
bulwark::bar_series simulate(bulwark::symbol sym, std::uint64_t stream, double start_price,
                             double annual_drift, double annual_vol, std::size_t days,
                             bulwark::timestamp first_day) {
  const bulwark::counter_rng rng{2024, stream};
  const double dt = 1.0 / 252.0;
  const double daily_vol = annual_vol * std::sqrt(dt);
  bulwark::bar_series series{sym};
  series.reserve(days);
  double close = start_price;
  date::sys_days day = date::floor<date::days>(first_day);
  for (std::size_t d = 0; d < days; ++d, day += date::days{1}) {
    while (date::weekday{day} == date::Saturday || date::weekday{day} == date::Sunday) {
      day += date::days{1};
    }
    const std::uint64_t i = 4 * d;
    const double open = to_cent(close * std::exp(0.25 * daily_vol * rng.normal(i)));
    close = to_cent(open * std::exp((annual_drift - 0.5 * annual_vol * annual_vol) * dt +
                                    daily_vol * rng.normal(i + 1)));
    const double high =
        to_cent(std::max(open, close) * (1.0 + 0.5 * daily_vol * rng.uniform(i + 2)));
    const double low =
        to_cent(std::min(open, close) * (1.0 - 0.5 * daily_vol * rng.uniform(i + 3)));
    const double volume = std::round(1e6 * (0.5 + rng.uniform(i + 3)));
    series.push_back({bulwark::timestamp{day} + 14h + 30min, open, high, low, close, volume});
  }
  return series;
}

// A paper broker: fills a buy limit order at the ask when the ask is within the limit,
// charging $0.005 per share with a $1 minimum. It models bulwark::Broker.
class paper_broker {
 public:
  explicit paper_broker(const bulwark::market_snapshot& market, bulwark::timestamp now)
      : market_(market), now_(now) {}

  bulwark::submit_result submit(const bulwark::order& o) {
    const bulwark::market_data* d = market_.find(o.sym);
    if (d == nullptr) return bulwark::submit_result::reject("unknown symbol");
    const double price = o.side == bulwark::side::buy ? d->ask : d->bid;
    const bool marketable = o.type == bulwark::order_type::market ||
                            static_cast<double>(bulwark::sign(o.side)) * (o.limit_price - price) >= 0.0;
    if (!marketable) return bulwark::submit_result::reject("limit not marketable");
    fills_.push_back({.client_id = o.client_id, .sym = o.sym, .side = o.side,
                      .quantity = o.quantity, .price = price,
                      .fees = std::max(1.0, 0.005 * o.quantity), .time = now_});
    return bulwark::submit_result::accept();
  }
  bool cancel(bulwark::order_id) { return false; }  // every order fills at once
  std::optional<bulwark::fill> next_fill() {
    if (fills_.empty()) return std::nullopt;
    const bulwark::fill f = fills_.front();
    fills_.pop_front();
    return f;
  }

 private:
  const bulwark::market_snapshot& market_;
  bulwark::timestamp now_;
  std::deque<bulwark::fill> fills_;
};
static_assert(bulwark::Broker<paper_broker>);

}  // namespace

int main() {
  using namespace date;
  using namespace bulwark::literals;

  const auto first_day = bulwark::make_timestamp(2024_y / January / 2);
  const std::array<bulwark::bar_series, 3> market_history{
      simulate("ALPHA", 0, 100.0, 0.08, 0.20, 60, first_day),
      simulate("BRAVO", 1, 40.0, 0.05, 0.35, 60, first_day),
      simulate("CHARLIE", 2, 250.0, 0.10, 0.15, 60, first_day)};

  fmt::print("Simulated history (seeded; identical on every run):\n");
  for (const auto& s : market_history) {
    fmt::print("  {}\n    last bar: {}\n", s, s[s.size() - 1]);
  }

  // Live quotes around each last close: 2 bps half-spread, on the tick. CHARLIE's feed stalled
  // 30 minutes ago, so its quote is stale.
  const bulwark::timestamp now = market_history[0].times().back() + 6h;
  bulwark::market_snapshot market{market_history.size()};
  for (const auto& s : market_history) {
    const double mid = s.close().back();
    const auto quote_time = s.sym() == bulwark::symbol{"CHARLIE"} ? now - 30min : now - 1s;
    market.set_quote(s.sym(), to_cent(mid * (1.0 - (2_bps).fraction())),
                     to_cent(mid * (1.0 + (2_bps).fraction())), quote_time);
  }

  // Equal-weight $1M book, whole shares, limit 10 bps through the mid.
  const double equity = 1'000'000.0;
  const double weight = 1.0 / static_cast<double>(market_history.size());
  paper_broker broker{market, now};
  fmt::print("\nOrders at {} (equity {:.0f}, weight {:.4f} each):\n", bulwark::iso8601(now),
             equity, weight);
  bulwark::order_id next_id = 1;
  for (const auto& s : market_history) {
    const bulwark::price_check price = market.reference_price(s.sym(), now, 5s);
    if (!price.ok()) {
      fmt::print("  {:<8} no order: {}\n", s.sym(), price.status);
      continue;
    }
    const bulwark::order o{.client_id = next_id++, .sym = s.sym(), .side = bulwark::side::buy,
                           .type = bulwark::order_type::limit,
                           .quantity = std::floor(weight * equity / price.price),
                           .limit_price = to_cent(price.price * (1.0 + (10_bps).fraction())),
                           .created = now};
    fmt::print("  {:<8} {} -> {}\n", s.sym(), o, bulwark::submit_checked(broker, o));
  }

  fmt::print("\nFills:\n");
  double cash = equity;
  while (const auto f = broker.next_fill()) {
    cash -= f->cash_flow_out();
    fmt::print("  {}\n", *f);
  }
  fmt::print("\nCash left: {:.2f} of {:.2f}\n", cash, equity);
}
