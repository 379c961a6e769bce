// SPDX-License-Identifier: MIT
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/market.hpp"
#include "bulwark/cost/commission.hpp"
#include "bulwark/cost/cost_model.hpp"
#include "bulwark/cost/spread.hpp"
#include "bulwark/cost/square_root_impact.hpp"
#include "bulwark/sizing/cost_trim.hpp"
#include "bulwark/sizing/order_size.hpp"
#include "bulwark/sizing/sizer.hpp"
#include "bulwark/sizing/targeting.hpp"
#include "sizing/proposal.hpp"
#include "support/catch.hpp"

namespace cost_trim_test {
using namespace std::chrono_literals;
using namespace bulwark::literals;
using bulwark::symbol_map;
using bulwark::cost::fill_context;
using bulwark::sizing::sizing_reason;
using bulwark::test::throws_error;

const bulwark::timestamp t0 = sizing_test_support::instant;

// A proposal to trade `trade` units from flat at `price`.
bulwark::sizing::sizing_proposal proposing(bulwark::symbol sym, double trade, double price,
                                           bool quoted) {
  return sizing_test_support::proposal(sym, trade, 0.0, price, quoted);
}
}  // namespace cost_trim_test

TEST_CASE("cost_trim skips trades whose commission is too large a share", "[sizing][cost_trim]") {
  using namespace cost_trim_test;
  namespace cost = bulwark::cost;
  // $0.005 a share, at least $1, at most 0.5 % of the order.
  const cost::cost_model costs{cost::per_share_commission{}};
  const symbol_map<fill_context> no_data;
  const bulwark::sizing::cost_trim<decltype(costs)> trim{
      .model = costs, .max_cost = 20_bps, .fill_data = no_data};
  trim.validate();
  // 10 shares at $20: the $1 minimum on $200 is 50 bps.
  auto small = proposing("KO", 10.0, 20.0, true);
  CHECK(trim.apply(small) == sizing_reason::cost_above_limit);
  // 1000 shares at $20: $5 on $20,000 is 2.5 bps.
  auto large = proposing("KO", -1000.0, 20.0, true);
  CHECK(trim.apply(large) == sizing_reason::ok);
  CHECK(large.trade() == -1000.0);  // trimming never resizes, it only skips
  // No trade, nothing to price.
  auto none = proposing("KO", 0.0, 20.0, true);
  CHECK(trim.apply(none) == sizing_reason::ok);
  CHECK(fmt::format("{}", trim) == "cost_trim(max_cost 20 bps, 0 symbols of fill data)");
}

TEST_CASE("cost_trim prices the spread from the live quote only", "[sizing][cost_trim]") {
  using namespace cost_trim_test;
  namespace cost = bulwark::cost;
  const cost::cost_model costs{cost::half_spread{}};  // needs a quote
  const symbol_map<fill_context> no_data;
  const bulwark::sizing::cost_trim<decltype(costs)> trim{
      .model = costs, .max_cost = 1.5_bps, .fill_data = no_data};
  // Half of a 2-cent spread on a $100 stock is 1 bp.
  auto quoted = proposing("AAPL", 100.0, 100.0, true);
  const fill_context fill = trim.prospective_fill(quoted);
  CHECK(fill.side == bulwark::side::buy);
  CHECK(fill.quantity == 100.0);
  CHECK(fill.price == 100.0);
  CHECK(fill.quote.has_value());
  CHECK(fill.time == t0);
  CHECK(trim.apply(quoted) == sizing_reason::ok);
  // On a $10 stock it is 10 bp.
  auto cheap = proposing("F", 100.0, 10.0, true);
  CHECK(trim.apply(cheap) == sizing_reason::cost_above_limit);
  // Priced from the last trade there is no live quote: the spread is unknown, not zero.
  auto unquoted = proposing("AAPL", 100.0, 100.0, false);
  CHECK_FALSE(trim.prospective_fill(unquoted).quote.has_value());
  CHECK(trim.apply(unquoted) == sizing_reason::cost_unavailable);
  // A close is never held back for its cost, known or not: 30 shares of $10 at 10 bp, and
  // an unquoted close.
  auto close_cheap = sizing_test_support::proposal("F", 0.0, 30.0, 10.0, true);
  CHECK(trim.apply(close_cheap) == sizing_reason::ok);
  auto close_unquoted = sizing_test_support::proposal("AAPL", 0.0, -5.0, 100.0, false);
  CHECK(trim.apply(close_unquoted) == sizing_reason::ok);
  // A partial reduction is judged like any trade.
  auto reduce_unquoted = sizing_test_support::proposal("AAPL", 10.0, 20.0, 100.0, false);
  CHECK(trim.apply(reduce_unquoted) == sizing_reason::cost_unavailable);
}

TEST_CASE("cost_trim reads per-symbol fill data for market impact", "[sizing][cost_trim]") {
  using namespace cost_trim_test;
  namespace cost = bulwark::cost;
  const cost::cost_model costs{cost::square_root_impact{}};  // needs adv and daily volatility
  symbol_map<fill_context> data;
  data["AAPL"] = fill_context{.adv = 1e6, .daily_volatility = 0.02};
  const bulwark::sizing::cost_trim<decltype(costs)> trim{
      .model = costs, .max_cost = 15_bps, .fill_data = data};
  // Impact 1 x 0.02 x sqrt(Q / 1e6): 10,000 shares -> 20 bps, 1,000 shares -> 6.3 bps.
  auto big = proposing("AAPL", 10000.0, 100.0, true);
  CHECK(trim.apply(big) == sizing_reason::cost_above_limit);
  auto modest = proposing("AAPL", -1000.0, 100.0, true);
  CHECK(trim.apply(modest) == sizing_reason::ok);
  CHECK(trim.prospective_fill(modest).side == bulwark::side::sell);
  // No ADV for MSFT: the impact cannot be estimated, so the trade is not sent.
  auto unknown = proposing("MSFT", 100.0, 400.0, true);
  CHECK(trim.apply(unknown) == sizing_reason::cost_unavailable);
}

TEST_CASE("cost_trim needs a limit", "[sizing][cost_trim]") {
  using namespace cost_trim_test;
  namespace cost = bulwark::cost;
  const cost::cost_model costs{cost::per_share_commission{}};
  const symbol_map<fill_context> no_data;
  using trim_type = bulwark::sizing::cost_trim<decltype(costs)>;
  CHECK_THROWS_MATCHES((trim_type{.model = costs, .fill_data = no_data}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "cost_trim: max_cost is not set"));
  CHECK_THROWS_MATCHES((trim_type{.model = costs, .max_cost = -1_bps, .fill_data = no_data}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "max_cost -1 bps must be >= 0"));
}

namespace cost_trim_test {
// A user's model that always answers `value`.
struct constant_cost {
  double value;
  [[nodiscard]] std::optional<double> try_cost(const fill_context&) const noexcept {
    return value;
  }
};
}  // namespace cost_trim_test

TEST_CASE("cost_trim takes a model's NaN for no estimate", "[sizing][cost_trim]") {
  using namespace cost_trim_test;
  const symbol_map<fill_context> no_data;
  const auto verdict = [&](double cost) {
    const bulwark::sizing::cost_trim<constant_cost> trim{
        .model = constant_cost{cost}, .max_cost = 20_bps, .fill_data = no_data};
    auto p = proposing("KO", 1000.0, 20.0, true);  // $20,000: the limit is $40
    return trim.apply(p);
  };
  CHECK(verdict(std::nan("")) == sizing_reason::cost_unavailable);
  CHECK(verdict(std::numeric_limits<double>::infinity()) == sizing_reason::cost_above_limit);
  CHECK(verdict(39.99) == sizing_reason::ok);
  CHECK(verdict(40.01) == sizing_reason::cost_above_limit);
  CHECK(verdict(-5.0) == sizing_reason::ok);  // a rebate
}

TEST_CASE("a sizer with cost_trim skips uneconomic rebalancing trades", "[sizing][cost_trim]") {
  using namespace cost_trim_test;
  namespace cost = bulwark::cost;
  using namespace bulwark::sizing;
  const cost::cost_model costs{cost::per_share_commission{}, cost::half_spread{}};
  const symbol_map<fill_context> no_data;
  const sizer s{5s, target_fraction_of_equity{}, lot_size{.lot = 1.0},
                cost_trim<decltype(costs)>{.model = costs, .max_cost = 10_bps, .fill_data = no_data}};
  bulwark::market_snapshot market;
  market.set_quote("AAPL", 189.98, 190.02, t0);
  market.set_last("MSFT", 400.0, t0);  // no quote: the spread cannot be priced
  symbol_map<double> held;
  held["AAPL"] = 260.0;
  const std::vector<target_weight> book{{"AAPL", 0.05}, {"MSFT", 0.03}};
  const auto result = s.size({.targets = book, .equity = 1e6, .positions = held,
                              .market = market, .now = t0, .first_client_id = 1});
  // AAPL: 263 - 260 = 3 shares ($570): the $1 minimum commission alone is 17.5 bps.
  CHECK(result.orders.empty());
  REQUIRE(result.rejections.size() == 2);
  CHECK(result.rejections[0].reason == sizing_reason::cost_above_limit);
  CHECK(result.rejections[0].rule == "cost_trim");
  CHECK(result.rejections[1].reason == sizing_reason::cost_unavailable);
  // From flat, 263 shares ($49,970): $1.32 commission + $2.63 half spread = 0.8 bps.
  held["AAPL"] = 0.0;
  const auto from_flat = s.size({.targets = book, .equity = 1e6, .positions = held,
                                 .market = market, .now = t0, .first_client_id = 1});
  REQUIRE(from_flat.orders.size() == 1);
  CHECK(from_flat.orders[0].quantity == 263.0);
}
