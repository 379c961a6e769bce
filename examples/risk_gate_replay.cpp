// SPDX-License-Identifier: MIT
// Replays one trading day of orders through bulwark's pre-trade risk gate and prints every
// rejection with its reason.
//
// Market data: SPY's minute quotes of 2013-10-07 (bid and ask closes), extended hours
// 04:00-20:00 New York time, read from the shared data set. Orders: a small mean-reversion
// strategy trading 200 shares at a time during regular hours, plus the mistakes a real
// desk makes (a fat finger, a far-away limit, a sub-penny price, a resend, a runaway loop,
// an unknown symbol, an odd lot, orders into a quiet pre-market) and an operator's kill
// switch. Marketable orders fill at the quote at once; the others are cancelled a minute
// later. Every price comes from the market snapshot; nothing is hard-coded.
//
// Usage: risk_gate_replay <lean_spy_minute_quote_20131004_20131011.csv>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <bulwark/core.hpp>
#include <bulwark/risk.hpp>
#include <fmt/format.h>

namespace {

using namespace std::chrono_literals;
using bulwark::side;

// 2013-10-07 is in daylight saving time: New York is UTC-4.
const bulwark::timestamp midnight_new_york =
    bulwark::make_timestamp(date::year{2013} / 10 / 7) + 4h;

struct quote_row {
  bulwark::timestamp observed;  // the minute bar's end: when its closing quote was known
  double bid;
  double ask;
};

double number(std::string_view text) {
  double value = 0.0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// The day's rows of the LEAN quote file: timestamp,bid_open,bid_high,bid_low,bid_close,
// bid_size,ask_open,ask_high,ask_low,ask_close,ask_size, with times like
// 2013-10-07T09:30:00.000-04:00 (the bar's start, New York time).
std::vector<quote_row> read_day(const char* path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(fmt::format("cannot open {}", path));
  std::vector<quote_row> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("2013-10-07T")) continue;
    std::vector<std::string_view> f;
    for (std::size_t start = 0, comma = 0; comma != std::string::npos; start = comma + 1) {
      comma = line.find(',', start);
      f.push_back(std::string_view(line).substr(start, comma - start));
    }
    const auto minutes = std::chrono::hours{static_cast<int>(number(f[0].substr(11, 2)))} +
                         std::chrono::minutes{static_cast<int>(number(f[0].substr(14, 2)))};
    rows.push_back({midnight_new_york + minutes + 1min, number(f[4]), number(f[9])});
  }
  return rows;
}

// [audit-sink]
// An AuditSink: prints every rejection as it is decided, with the New York time.
struct print_rejections {
  std::uint64_t printed = 0;
  void record(const bulwark::order&, const bulwark::risk::verdict& v) noexcept {
    if (v.ok()) return;
    const auto ny = std::chrono::duration_cast<std::chrono::seconds>(v.time - midnight_new_york);
    fmt::print("{:02}:{:02}:{:02} {}\n", ny.count() / 3600, ny.count() / 60 % 60, ny.count() % 60,
               v);
    ++printed;
  }
};
// [audit-sink]

double to_cent(double price) { return std::round(price * 100.0) / 100.0; }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: risk_gate_replay <lean_spy_minute_quote_20131004_20131011.csv>\n", stderr);
    return 2;
  }
  const std::vector<quote_row> day = read_day(argv[1]);
  namespace risk = bulwark::risk;

  // [gate]
  using namespace bulwark::literals;
  risk::risk_gate gate{
      risk::stale_market_data{.max_age = 90s, .max_mark_age = 5min},  // minute data
      risk::max_order_quantity{.max_quantity = 5'000},
      risk::max_order_notional{.max_notional = 500'000},
      risk::price_collar{.max_deviation = 100_bps},
      risk::tick_size{},  // $0.01, $0.0001 below $1 (Reg NMS Rule 612)
      risk::lot_size{.lot = 100},
      risk::position_limit{.max_quantity = 1'000},
      risk::order_rate_throttle{.orders_per_second = 5, .burst = 10},
      risk::duplicate_order_filter{.window = 5s},
      risk::daily_loss_limit{.max_loss = 0.02},
      risk::drawdown_limit{.max_drawdown = 0.05, .liquidate = true}};
  // [gate]

  bulwark::market_snapshot market{16};
  risk::account_state account{1'000'000.0, 16};
  bulwark::manual_clock clock{midnight_new_york + 4h};
  // The clock type is named: Clang before 17 cannot deduce an aggregate's template arguments.
  const risk::risk_state<bulwark::manual_clock> state{account, market, clock};
  print_rejections printer;

  bulwark::order_id next_id = 1;
  std::vector<bulwark::order> working;  // resting orders, cancelled after a minute
  // [check]
  const auto send = [&](const bulwark::order& o) {
    const risk::verdict v = gate.check(o, state, printer);  // every decision is audited
    if (!v.ok()) return v;
    account.order_accepted(o, v.reference_price);
    const auto* q = market.find(o.sym);
    const bool marketable = o.side == side::buy ? o.limit_price >= q->ask : o.limit_price <= q->bid;
    if (marketable) {  // fills at once at the quote
      account.apply_fill({.client_id = o.client_id, .sym = o.sym, .side = o.side,
                          .quantity = o.quantity, .price = o.side == side::buy ? q->ask : q->bid,
                          .fees = 0.005 * o.quantity, .time = clock.now()});
    } else {
      working.push_back(o);
    }
    return v;
  };
  // [check]
  const auto limit_order = [&](side s, double quantity, double price) {
    return bulwark::order{.client_id = next_id++, .sym = "SPY", .side = s,
                          .type = bulwark::order_type::limit, .quantity = quantity,
                          .limit_price = price, .created = clock.now()};
  };

  std::size_t row = 0;
  double average = 0.0;  // exponential moving average of the mid (20 minutes)
  double target = 0.0;   // the strategy's wanted position
  for (auto now = midnight_new_york + 4h + 1min; now <= midnight_new_york + 20h; now += 1min) {
    clock.set(now);
    for (; row < day.size() && day[row].observed <= now; ++row) {
      market.set_quote("SPY", day[row].bid, day[row].ask, day[row].observed);
    }
    for (const auto& o : working) account.order_finished(o.sym, o.side, o.quantity);
    working.clear();
    account.mark_to_market(market, now, 90s);
    if (now == midnight_new_york + 9h + 30min) account.start_day();
    if (gate.review(state).liquidate) {
      for (const auto& o : risk::flatten_orders(account, next_id, now)) send(o);
      next_id += 10;
    }

    const auto minute = std::chrono::duration_cast<std::chrono::minutes>(now - midnight_new_york);
    const auto reference = market.reference_price("SPY", now, 90s);
    const double mid = reference.ok() ? reference.price : average;
    const double bid = to_cent(mid - 0.01);
    const double ask = to_cent(mid + 0.01);
    average = average == 0.0 ? mid : average + (mid - average) / 20.0;

    // The strategy, in regular hours: long 800 shares after a 5-cent dip below the average,
    // short 800 after a 5-cent rise, moving 200 shares a minute at the far touch.
    if (minute >= 9h + 31min && minute < 16h && reference.ok()) {
      if (mid < average - 0.05) target = 800;
      if (mid > average + 0.05) target = -800;
      const auto* held = account.find("SPY");
      const double position = held == nullptr ? 0.0 : held->quantity;
      if (position < target) send(limit_order(side::buy, 200, to_cent(market.find("SPY")->ask)));
      if (position > target) send(limit_order(side::sell, 200, to_cent(market.find("SPY")->bid)));
    }
    // The day's mistakes and interventions.
    if (minute == 5h + 57min || minute == 19h + 52min) send(limit_order(side::buy, 100, bid));
    if (minute == 10h) send(limit_order(side::buy, 50'000, bid));        // fat finger
    if (minute == 10h + 15min) send(limit_order(side::buy, 2'000, bid));  // beyond the limit
    if (minute == 10h + 30min) send(limit_order(side::buy, 100, to_cent(mid * 1.05)));
    if (minute == 11h) send(limit_order(side::sell, 100, ask + 0.005));  // sub-penny
    if (minute == 11h + 30min) {
      const bulwark::order first = limit_order(side::sell, 100, ask);
      send(first);
      bulwark::order resend = first;  // the same order again under a new id ...
      resend.client_id = next_id++;
      send(resend);
      send(first);  // ... and under its own id
    }
    if (minute == 12h) {  // a runaway loop: 30 orders in one second
      for (int i = 0; i < 30; ++i) send(limit_order(side::buy, 100, to_cent(bid - 0.01 * i)));
    }
    if (minute == 13h) {
      send({.client_id = next_id++, .sym = "QQQ", .side = side::buy,
            .type = bulwark::order_type::limit, .quantity = 100, .limit_price = 80.0});
    }
    if (minute == 14h) send(limit_order(side::sell, 150, ask));  // an odd lot
    if (minute == 15h) gate.halt(now);                           // the kill switch
    if (minute == 15h + 1min) send(limit_order(side::sell, 100, ask));
    if (minute == 15h + 5min) gate.reset(now);
  }

  const double pnl = account.equity() - 1'000'000.0;
  fmt::print("decisions: {} accepted, {} rejected ({} printed); equity {:.2f} ({:+.2f})\n",
             gate.accepted(), gate.rejected(), printer.printed, account.equity(), pnl);
  for (std::size_t i = 0; i < gate.size; ++i) {
    fmt::print("  {:<24} {:>4} rejections\n", gate.check_names()[i], gate.rejected_by_check(i));
  }
  fmt::print("  {:<24} {:>4} rejections\n", "gate (state, malformed)",
             gate.rejected(risk::reject_reason::halted) +
                 gate.rejected(risk::reject_reason::reducing_only) +
                 gate.rejected(risk::reject_reason::malformed_order));
  return 0;
}
