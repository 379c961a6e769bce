// SPDX-License-Identifier: MIT
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/market.hpp"
#include "bulwark/core/random.hpp"
#include "bulwark/sizing/order_size.hpp"
#include "bulwark/sizing/scaling.hpp"
#include "bulwark/sizing/sizer.hpp"
#include "bulwark/sizing/targeting.hpp"
#include "support/catch.hpp"

namespace sizer_test {
using namespace std::chrono_literals;
using bulwark::price_status;
using bulwark::side;
using bulwark::symbol_map;
using bulwark::sizing::sizing_reason;
using bulwark::sizing::target_weight;
using bulwark::test::throws_error;
using bulwark::test::WithinRel;

const bulwark::timestamp t0 = bulwark::from_unix_seconds(1'717'425'000);  // 2024-06-03T14:30Z
const double quiet_nan = std::numeric_limits<double>::quiet_NaN();
const double infinity = std::numeric_limits<double>::infinity();

// The sizer most tests use: weights as fractions of $1M, whole shares, $100 minimum.
auto whole_shares() {
  using namespace bulwark::sizing;
  return sizer{5s, target_fraction_of_equity{}, lot_size{.lot = 1.0},
               min_order{.notional = 100.0}};
}
}  // namespace sizer_test

TEST_CASE("the sizer turns a long/short book into market orders at live prices",
          "[sizing][sizer]") {
  using namespace sizer_test;
  bulwark::market_snapshot market;
  market.set_quote("AAPL", 189.98, 190.02, t0 - 1s);  // mid 190
  market.set_quote("MSFT", 399.9, 400.1, t0 - 2s);    // mid 400
  market.set_last("SPY", 500.0, t0 - 3s);             // no quote: the fresh last trade
  symbol_map<double> held;
  held["AAPL"] = 100.0;
  held["SPY"] = 20.0;
  held["IBM"] = 50.0;  // not in the book: untouched
  const std::vector<target_weight> book{{"AAPL", 0.05}, {"MSFT", -0.03}, {"SPY", 0.01}};
  const auto s = whole_shares();
  const auto result = s.size({.targets = book, .equity = 1e6, .positions = held,
                              .market = market, .now = t0, .first_client_id = 41});

  // AAPL: 0.05 x 1e6 / 190 = 263.16 -> buy 163 more. MSFT: -75 -> sell 75.
  // SPY: 0.01 x 1e6 / 500 = 20, already held: no order, no rejection.
  REQUIRE(result.orders.size() == 2);
  CHECK(result.rejections.empty());
  const bulwark::order& aapl = result.orders[0];
  CHECK(aapl.client_id == 41);
  CHECK(aapl.sym == bulwark::symbol{"AAPL"});
  CHECK(aapl.side == side::buy);
  CHECK(aapl.quantity == 163.0);
  CHECK(aapl.type == bulwark::order_type::market);
  CHECK(aapl.created == t0);
  CHECK(aapl.ok());
  const bulwark::order& msft = result.orders[1];
  CHECK(msft.client_id == 42);
  CHECK(msft.side == side::sell);
  CHECK(msft.quantity == 75.0);
  CHECK(msft.ok());

  // The breakdown: one line per target, the target after each rule.
  REQUIRE(result.lines.size() == 3);
  const auto& line = result.lines[0];
  CHECK(line.price == 190.0);
  CHECK(line.current == 100.0);
  CHECK_THAT(line.targets[0], WithinRel(1e6 * 0.05 / 190.0, 1e-15));
  CHECK(line.targets[1] == 263.0);
  CHECK(line.targets[2] == 263.0);
  CHECK(line.trade == 163.0);
  CHECK(result.lines[2].trade == 0.0);
  CHECK(result.lines[2].reason == sizing_reason::ok);
  CHECK(result.rule_names[0] == "target_fraction_of_equity");
  CHECK(fmt::format("{}", line) ==
        "AAPL w 0.05 @ 190 held 100: 263.158 > 263 > 263 => buy 163");
  CHECK(fmt::format("{}", result.lines[2]) ==
        "SPY w 0.01 @ 500 held 20: 20 > 20 > 20 => no trade");
}

TEST_CASE("every unusable price rejects its symbol with the snapshot's reason",
          "[sizing][sizer]") {
  using namespace sizer_test;
  bulwark::market_snapshot market;
  market.set_quote("OK", 99.99, 100.01, t0 - 1s);
  market.set_quote("EMPTY", quiet_nan, quiet_nan, t0);
  market.set_quote("INF", infinity, 10.0, t0);
  market.set_last("ZERO", 0.0, t0);
  market.set_last("NEG", -5.0, t0);
  market.set_quote("CROSSED", 10.2, 10.0, t0);
  market.set_quote("STALE", 9.99, 10.01, t0 - 5s - 1ns);
  market.set_last("FUTURE", 10.0, t0 + 1ms);
  const symbol_map<double> held;
  const std::vector<target_weight> book{{"OK", 0.01},     {"UNKNOWN", 0.01}, {"EMPTY", 0.01},
                                        {"INF", 0.01},    {"ZERO", 0.01},    {"NEG", 0.01},
                                        {"CROSSED", 0.01}, {"STALE", 0.01},  {"FUTURE", 0.01}};
  const auto result = whole_shares().size(
      {.targets = book, .equity = 1e6, .positions = held, .market = market, .now = t0,
       .first_client_id = 1});
  REQUIRE(result.orders.size() == 1);
  CHECK(result.orders[0].sym == bulwark::symbol{"OK"});
  CHECK(result.orders[0].quantity == 100.0);
  const price_status expected[] = {price_status::unknown_symbol, price_status::no_price,
                                   price_status::non_finite,     price_status::non_positive,
                                   price_status::non_positive,   price_status::crossed,
                                   price_status::stale,          price_status::from_future};
  REQUIRE(result.rejections.size() == 8);
  for (std::size_t i = 0; i < 8; ++i) {
    const auto& r = result.rejections[i];
    INFO(fmt::format("{}", r));
    CHECK(r.sym == book[i + 1].sym);
    CHECK(r.reason == sizing_reason::price_unavailable);
    CHECK(r.price == expected[i]);
    CHECK(r.rule == "sizer");
    CHECK(std::isnan(result.lines[i + 1].price));
    CHECK(std::isnan(result.lines[i + 1].targets[0]));  // no rule ran
  }
  CHECK(fmt::format("{}", result.rejections[6]) == "STALE: no usable price (stale price)");
}

TEST_CASE("a stale price never sizes an order: the symbol is rejected instead",
          "[sizing][sizer]") {
  using namespace sizer_test;
  const symbol_map<double> held;
  const std::vector<target_weight> book{{"AAPL", 0.05}};
  const auto s = whole_shares();
  bulwark::market_snapshot market;
  market.set_quote("AAPL", 189.98, 190.02, t0);
  // Fresh: 263 shares at 190.
  auto fresh = s.size({.targets = book, .equity = 1e6, .positions = held, .market = market,
                       .now = t0 + 5s, .first_client_id = 1});
  REQUIRE(fresh.orders.size() == 1);
  CHECK(fresh.orders[0].quantity == 263.0);
  // One nanosecond later the same quote is stale. Had it been used, the order would be the
  // same 263 shares whatever the price is now (say 95 after a halving, where 526 is right):
  // the sizer rejects instead.
  auto stale = s.size({.targets = book, .equity = 1e6, .positions = held, .market = market,
                       .now = t0 + 5s + 1ns, .first_client_id = 1});
  CHECK(stale.orders.empty());
  REQUIRE(stale.rejections.size() == 1);
  CHECK(stale.rejections[0].price == price_status::stale);
  // A fresh trade print rescues the symbol at the trade's price, not the stale quote's.
  market.set_last("AAPL", 95.0, t0 + 5s);
  stale = s.size({.targets = book, .equity = 1e6, .positions = held, .market = market,
                  .now = t0 + 5s + 1ns, .first_client_id = 1});
  REQUIRE(stale.orders.size() == 1);
  CHECK(stale.orders[0].quantity == 526.0);
}

TEST_CASE("on random markets, every order is sized at a fresh price and nothing else",
          "[sizing][sizer]") {
  using namespace sizer_test;
  const bulwark::counter_rng rng{5, 0};
  std::uint64_t draw = 0;
  const auto s = whole_shares();
  const bulwark::duration max_age = 5s;
  for (int round = 0; round < 50; ++round) {
    bulwark::market_snapshot market;
    symbol_map<double> held;
    std::vector<target_weight> book;
    std::vector<double> fresh_price;  // NaN when the symbol has no usable price
    for (std::size_t j = 0; j < 40; ++j) {
      const bulwark::symbol sym{std::string_view{fmt::format("S{}", j)}};
      const double price = 5.0 + 500.0 * rng.uniform(draw++);
      // Ages from 0 to 10 s (half of them stale), or 1 s in the future.
      const double u = rng.uniform(draw++);
      const auto age = std::chrono::duration_cast<bulwark::duration>(
          std::chrono::duration<double>(u < 0.9 ? 10.0 * u / 0.9 : -1.0));
      market.set_quote(sym, price * 0.9999, price * 1.0001, t0 - age);
      held[sym] = std::floor(200.0 * (rng.uniform(draw++) - 0.5));
      book.push_back({sym, 0.1 * (rng.uniform(draw++) - 0.5)});
      const bool usable = age >= bulwark::duration::zero() && age <= max_age;
      fresh_price.push_back(usable ? 0.5 * (price * 0.9999 + price * 1.0001) : quiet_nan);
    }
    const auto result = s.size({.targets = book, .equity = 1e6, .positions = held,
                                .market = market, .now = t0, .first_client_id = 1});
    std::size_t orders = 0;
    for (std::size_t j = 0; j < book.size(); ++j) {
      const auto& line = result.lines[j];
      INFO("round " << round << ": " << fmt::format("{}", line));
      if (std::isnan(fresh_price[j])) {
        CHECK(line.reason == sizing_reason::price_unavailable);
        CHECK((line.price_reason == price_status::stale ||
               line.price_reason == price_status::from_future));
        CHECK(line.trade == 0.0);
        continue;
      }
      // The independent computation: the position goes to the whole-share part of w E / P,
      // toward zero; a trade under $100 is sent only when it closes the position.
      const double now_held = held[book[j].sym];
      const double target = std::trunc(book[j].weight * 1e6 / fresh_price[j]);
      const double trade = target - now_held;
      const bool closes = target == 0.0 && now_held != 0.0;
      const bool big_enough = closes || std::abs(trade) * fresh_price[j] >= 100.0;
      if (trade != 0.0 && big_enough) {
        CHECK(line.reason == sizing_reason::ok);
        CHECK(line.trade == trade);
        REQUIRE(orders < result.orders.size());
        CHECK(result.orders[orders].sym == book[j].sym);
        CHECK(result.orders[orders].signed_quantity() == trade);
        ++orders;
      } else {
        CHECK(line.trade == 0.0);
      }
    }
    CHECK(orders == result.orders.size());
  }
}

TEST_CASE("bad weights, equity, positions and symbols reject, never size", "[sizing][sizer]") {
  using namespace sizer_test;
  bulwark::market_snapshot market;
  for (const char* name : {"A", "B", "C", "D"}) {
    market.set_quote(bulwark::symbol{std::string_view{name}}, 9.99, 10.01, t0);
  }
  symbol_map<double> held;
  held["C"] = quiet_nan;
  const std::vector<target_weight> book{
      {"A", 0.1}, {"B", quiet_nan}, {"C", 0.1}, {"D", 0.1}, {"A", 0.2}, {bulwark::symbol{}, 0.1}};
  const auto s = whole_shares();
  auto result = s.size({.targets = book, .equity = 1e6, .positions = held, .market = market,
                        .now = t0, .first_client_id = 1});
  REQUIRE(result.orders.size() == 1);
  CHECK(result.orders[0].sym == bulwark::symbol{"D"});
  REQUIRE(result.rejections.size() == 5);
  CHECK(result.rejections[0].reason == sizing_reason::duplicate_symbol);  // A, both times
  CHECK(result.rejections[1].reason == sizing_reason::bad_weight);
  CHECK(result.rejections[2].reason == sizing_reason::bad_position);
  CHECK(result.rejections[3].reason == sizing_reason::duplicate_symbol);
  CHECK(result.rejections[4].reason == sizing_reason::no_symbol);
  CHECK(fmt::format("{}", result.rejections[1]) == "B: weight is not finite [sizer]");

  for (double equity : {0.0, -1e6, quiet_nan, infinity}) {
    INFO("equity " << equity);
    result = s.size({.targets = book, .equity = equity, .positions = held, .market = market,
                     .now = t0, .first_client_id = 1});
    CHECK(result.orders.empty());
    CHECK(result.rejections[3].reason == sizing_reason::bad_equity);
  }
  // Forgetting .equity and .now fails closed too.
  result = s.size({.targets = book, .positions = held, .market = market});
  CHECK(result.orders.empty());
}

TEST_CASE("a rule's rejection names the rule and stops the pipeline", "[sizing][sizer]") {
  using namespace sizer_test;
  using namespace bulwark::sizing;
  bulwark::market_snapshot market;
  market.set_quote("AAPL", 189.5, 190.5, t0);  // mid 190
  market.set_quote("MSFT", 399.9, 400.1, t0);
  market.set_quote("TINY", 0.5, 1.5, t0);      // mid 1
  market.set_quote("GONE", 49.5, 50.5, t0);    // mid 50
  symbol_map<double> stops;
  stops["AAPL"] = 185.0;  // $5 below the live price
  stops["TINY"] = 0.5;    // $0.50 below
  stops["GONE"] = 51.0;   // a long whose stop is above the live price: already through it
  const symbol_map<double> held;
  const sizer s{5s, fixed_fractional_risk{.risk_fraction = 0.01, .stop_levels = stops},
                fractional_kelly{.multiplier = 0.5}, lot_size{.lot = 100.0},
                min_order{.notional = 5000.0}};
  const std::vector<target_weight> book{
      {"AAPL", 1.0}, {"MSFT", 1.0}, {"TINY", 0.01}, {"GONE", 1.0}};
  const auto result = s.size({.targets = book, .equity = 1e6, .positions = held,
                              .market = market, .now = t0, .first_client_id = 7});
  // AAPL: 1 % of $1M over $190 - $185 = 2000, half Kelly 1000, 10 round lots, $190k.
  REQUIRE(result.orders.size() == 1);
  CHECK(result.orders[0].quantity == 1000.0);
  REQUIRE(result.rejections.size() == 3);
  CHECK(result.rejections[0].reason == sizing_reason::missing_stop);
  CHECK(result.rejections[0].rule == "fixed_fractional_risk");
  CHECK(std::isnan(result.lines[1].targets[1]));  // later rules did not run
  // TINY: 0.01 x 0.01 x 1e6 / 0.5 = 200, half 100, one lot = $100 < $5000.
  CHECK(result.rejections[1].reason == sizing_reason::below_min_notional);
  CHECK(result.rejections[1].rule == "min_order");
  CHECK(result.lines[2].targets[2] == 100.0);
  CHECK(fmt::format("{}", result.rejections[1]) ==
        "TINY: trade below the minimum notional [min_order]");
  CHECK(fmt::format("{}", result.lines[2]) ==
        "TINY w 0.01 @ 1 held 0: 200 > 100 > 100 > 100 => rejected: trade below the minimum "
        "notional [min_order]");
  CHECK(result.rejections[2].reason == sizing_reason::price_through_stop);
  CHECK(fmt::format("{}", result.rejections[2]) ==
        "GONE: live price at or through the stop [fixed_fractional_risk]");
}

TEST_CASE("a notional cap bounds what a tiny stop or a leverage multiplier orders",
          "[sizing][sizer]") {
  using namespace sizer_test;
  using namespace bulwark::sizing;
  bulwark::market_snapshot market;
  market.set_quote("AAPL", 99.5, 100.5, t0);  // mid 100
  market.set_quote("TLT", 99.5, 100.5, t0);
  symbol_map<double> stops;
  stops["AAPL"] = 100.0 - 1e-6;  // a stop a millionth of a dollar away: ~1e10 shares uncapped
  symbol_map<double> vols;
  vols["TLT"] = 0.01;  // 10 % target over 1 % vol: leverage 10, capped at 4
  const symbol_map<double> held;
  const std::vector<target_weight> aapl{{"AAPL", 1.0}};
  const std::vector<target_weight> tlt{{"TLT", 0.2}};
  // 5 % of $1M at $100 is 500 shares.
  const sizer risk{5s, fixed_fractional_risk{.risk_fraction = 0.01, .stop_levels = stops},
                   notional_cap{.max_fraction = 0.05}, lot_size{.lot = 1.0}};
  const auto r = risk.size({.targets = aapl, .equity = 1e6, .positions = held, .market = market,
                            .now = t0});
  REQUIRE(r.orders.size() == 1);
  CHECK(r.orders[0].quantity == 500.0);
  CHECK(r.lines[0].targets[0] > 1e9);  // what the stop alone asked for
  // 0.2 x 4 x $1M / $100 = 8000 units ($800k), capped at 10 %: 1000 units.
  const sizer vol{5s,
                  volatility_target{.annual_target = 0.1, .max_leverage = 4.0,
                                    .annual_volatilities = vols},
                  notional_cap{.max_fraction = 0.1}};
  const auto v = vol.size({.targets = tlt, .equity = 1e6, .positions = held, .market = market,
                           .now = t0});
  REQUIRE(v.orders.size() == 1);
  CHECK(v.lines[0].targets[0] == 8000.0);
  CHECK(v.orders[0].quantity == 1000.0);
}

TEST_CASE("without a lot rule quantities stay fractional, as crypto needs", "[sizing][sizer]") {
  using namespace sizer_test;
  using namespace bulwark::sizing;
  bulwark::market_snapshot market;
  market.set_quote("BTC-USD", 59999.0, 60001.0, t0);
  symbol_map<double> held;
  held["BTC-USD"] = 0.1;
  const std::vector<target_weight> book{{"BTC-USD", 0.5}};
  // 0.5 x $100k / $60k = 0.8333... BTC, of which 0.1 is held.
  const sizer fractional{5s, target_fraction_of_equity{}};
  const auto result = fractional.size({.targets = book, .equity = 1e5, .positions = held,
                                       .market = market, .now = t0, .first_client_id = 1});
  REQUIRE(result.orders.size() == 1);
  CHECK_THAT(result.orders[0].quantity, WithinRel(0.5 * 1e5 / 60000.0 - 0.1, 1e-15));
  // On a satoshi grid: 73,333,333 satoshis.
  const sizer satoshis{5s, target_fraction_of_equity{}, lot_size{.lot = 1e-8}};
  const auto rounded = satoshis.size({.targets = book, .equity = 1e5, .positions = held,
                                      .market = market, .now = t0, .first_client_id = 1});
  REQUIRE(rounded.orders.size() == 1);
  CHECK(rounded.orders[0].quantity == 73333333 * 1e-8);
}

TEST_CASE("an overflowing target is rejected, not ordered", "[sizing][sizer]") {
  using namespace sizer_test;
  bulwark::market_snapshot market;
  market.set_last("PENNY", 1e-300, t0);
  const symbol_map<double> held;
  const std::vector<target_weight> book{{"PENNY", 10.0}};
  using namespace bulwark::sizing;
  const sizer s{5s, target_fraction_of_equity{}};
  const auto result = s.size({.targets = book, .equity = 1e300, .positions = held,
                              .market = market, .now = t0, .first_client_id = 1});
  CHECK(result.orders.empty());
  REQUIRE(result.rejections.size() == 1);
  CHECK(result.rejections[0].reason == sizing_reason::non_finite_target);
}

TEST_CASE("a reused result is refilled without reallocating", "[sizing][sizer]") {
  using namespace sizer_test;
  bulwark::market_snapshot market{64};
  symbol_map<double> held{64};
  std::vector<target_weight> book;
  for (int j = 0; j < 50; ++j) {
    const bulwark::symbol sym{std::string_view{fmt::format("S{}", j)}};
    market.set_quote(sym, 9.99, 10.01, t0);
    book.push_back({sym, j % 2 == 0 ? 0.01 : -0.01});
  }
  const auto s = whole_shares();
  decltype(s)::result_type result;
  result.reserve(book.size());
  const auto* orders = result.orders.data();
  const auto* lines = result.lines.data();
  for (int call = 0; call < 3; ++call) {
    s.size({.targets = book, .equity = 1e6, .positions = held, .market = market, .now = t0,
            .first_client_id = 1},
           result);
    CHECK(result.orders.size() == 50);
    CHECK(result.orders.data() == orders);
    CHECK(result.lines.data() == lines);
  }
  static_assert(noexcept(s.size(std::declval<const bulwark::sizing::sizing_request&>(), result)));
}

TEST_CASE("the sizer checks its configuration when built", "[sizing][sizer]") {
  using namespace sizer_test;
  using namespace bulwark::sizing;
  CHECK_THROWS_MATCHES((sizer{-1s, target_fraction_of_equity{}}), bulwark::config_error,
                       throws_error("bulwark.sizing.sizer",
                                    "sizer: max_price_age -1000000000 ns outside (0, 1e8 s]"));
  // Zero would reject every price; duration::max() would switch the staleness check off.
  CHECK_THROWS_MATCHES((sizer{0s, target_fraction_of_equity{}}), bulwark::config_error,
                       throws_error("bulwark.sizing.sizer", "max_price_age 0 ns outside"));
  CHECK_THROWS_MATCHES((sizer{bulwark::duration::max(), target_fraction_of_equity{}}),
                       bulwark::config_error,
                       throws_error("bulwark.sizing.sizer", "max_price_age 9223372036854775807 ns"));
  CHECK_THROWS_MATCHES((sizer{100'000'001s, target_fraction_of_equity{}}), bulwark::config_error,
                       throws_error("bulwark.sizing.sizer", "outside (0, 1e8 s]"));
  CHECK_NOTHROW(sizer{100'000'000s, target_fraction_of_equity{}});
  CHECK_THROWS_MATCHES((sizer{5s, target_fraction_of_equity{}, fractional_kelly{.multiplier = 2.0}}),
                       bulwark::config_error,
                       throws_error("bulwark.sizing.kelly", "multiplier 2 outside (0, 1]"));
  CHECK_THROWS_MATCHES((sizer{5s, target_fraction_of_equity{}, lot_size{}}), bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "lot_size: lot nan"));
  const sizer s{1ns, target_fraction_of_equity{}, cash_buffer{.fraction = 0.1}};
  CHECK(s.max_price_age() == 1ns);
  CHECK(std::get<1>(s.rules()).fraction == 0.1);
  CHECK(s.rule_names[1] == "cash_buffer");
}

TEST_CASE("a whole result formats as its rules and one line per symbol", "[sizing][sizer]") {
  using namespace sizer_test;
  bulwark::market_snapshot market;
  market.set_quote("AAPL", 189.98, 190.02, t0);
  const symbol_map<double> held;
  const std::vector<target_weight> book{{"AAPL", 0.05}, {"MSFT", -0.03}};
  const auto result = whole_shares().size({.targets = book, .equity = 1e6, .positions = held,
                                           .market = market, .now = t0, .first_client_id = 1});
  CHECK(fmt::format("{}", result) ==
        "rules: target_fraction_of_equity > lot_size > min_order\n"
        "1 orders, 1 rejections\n"
        "  AAPL w 0.05 @ 190 held 0: 263.158 > 263 > 263 => buy 263\n"
        "  MSFT w -0.03 @ nan held 0: => rejected: no usable price (unknown symbol)");
}
