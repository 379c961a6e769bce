// SPDX-License-Identifier: MIT
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "bulwark/cost.hpp"
#include "support/catch.hpp"

namespace cost_model_test {

using namespace std::chrono_literals;
using bulwark::side;
using namespace bulwark::cost;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;

// 2024-06-03, a Monday, 14:30 UTC (10:30 in New York).
const bulwark::timestamp monday = bulwark::make_timestamp(date::year{2024} / 6 / 3, 14h + 30min);

fill_context aapl(side s, double quantity, double price = 100.0) {
  return {.side = s,
          .quantity = quantity,
          .price = price,
          .quote = bulwark::quote{.bid = price - 0.01, .ask = price + 0.01},
          .adv = 1'000'000.0,
          .daily_volatility = 0.02,
          .time = monday,
          .fee_class = fee_class::us_equity};
}

auto equity_model() {
  return cost_model{per_share_commission{}, sec_fee{}, finra_taf{}, half_spread{},
                    square_root_impact{}};
}

}  // namespace cost_model_test

TEST_CASE("a cost model sums its parts and breaks the total down by part", "[cost][model]") {
  using namespace cost_model_test;
  const auto model = equity_model();
  STATIC_REQUIRE(decltype(model)::size == 5);

  // Sell 10,000 shares at $100 = $1,000,000 on 2024-06-03:
  //   commission 10,000 x 0.005 = $50 (between the $1 minimum and 0.5 % x $1M = $5,000)
  //   SEC fee $1,000,000 x 27.80 / 1,000,000 = $27.80
  //   TAF min(10,000 x 0.000166, 8.30) = $1.66
  //   half spread 10,000 x 0.02 / 2 = $100
  //   impact $1,000,000 x 1 x 0.02 x sqrt(10,000 / 1,000,000) = $2,000
  const auto b = model.breakdown(aapl(side::sell, 10'000));
  CHECK_THAT(b[0], WithinRel(50.0, 1e-15));
  CHECK(b[1] == 27.80);
  CHECK(b[2] == 1.66);
  CHECK_THAT(b[3], WithinRel(100.0, 1e-9));
  CHECK_THAT(b[4], WithinRel(2000.0, 1e-12));
  CHECK(b.name[1] == "sec_fee");
  CHECK(b.kind[3] == cost_kind::slippage);
  CHECK_THAT(b.fees(), WithinRel(50.0 + 27.80 + 1.66, 1e-15));
  CHECK_THAT(b.slippage(), WithinRel(2100.0, 1e-12));
  CHECK(b.carry() == 0.0);
  // The total is the sum in part order, exactly as cost() computes it.
  CHECK(model.cost(aapl(side::sell, 10'000)) == b.total());
  CHECK(model.try_cost(aapl(side::sell, 10'000)) == b.total());

  // A buy pays no SEC fee and no TAF.
  const auto buy = model.breakdown(aapl(side::buy, 10'000));
  CHECK(buy[1] == 0.0);
  CHECK(buy[2] == 0.0);
  CHECK(buy[0] == b[0]);
}

TEST_CASE("the fill price moves against the trader by the slippage per unit", "[cost][model]") {
  using namespace cost_model_test;
  const auto model = equity_model();
  // Slippage per share: 0.01 (half spread) + 100 x 0.02 x 0.1 = 0.21.
  CHECK_THAT(model.fill_price(aapl(side::buy, 10'000)), WithinRel(100.21, 1e-12));
  CHECK_THAT(model.fill_price(aapl(side::sell, 10'000)), WithinRel(99.79, 1e-12));
  CHECK(model.fill_price(aapl(side::sell, 0)) == 100.0);
}

TEST_CASE("a fill of zero units costs nothing, minimums included", "[cost][model]") {
  using namespace cost_model_test;
  const auto model = cost_model{per_share_commission{.max_fraction = std::nullopt},
                                per_trade_commission{.amount = 4.95}, sec_fee{}};
  const auto b = model.breakdown(aapl(side::sell, 0));
  CHECK(b.total() == 0.0);
  CHECK(model.cost(aapl(side::sell, 0)) == 0.0);
  // The parts alone: a group of zero value pays nothing.
  CHECK(per_share_commission{.max_fraction = std::nullopt}.cost(aapl(side::sell, 0)) == 0.0);
}

TEST_CASE("a round trip costs both legs plus the carry", "[cost][model]") {
  using namespace cost_model_test;
  const auto model = cost_model{per_share_commission{}, sec_fee{}, finra_taf{}, half_spread{},
                                short_borrow{.annual_rate = dated_schedule<double>::always(0.0036)}};
  // Short 1,000 at $100 on Monday, cover on Friday (4 nights): borrow
  // $100,000 x 0.0036 x 4 / 360 = $4.00.
  const fill_context entry = aapl(side::sell, 1'000);
  fill_context exit = aapl(side::buy, 1'000, 98.0);
  exit.time = monday + 24h * 4;
  const auto r = model.round_trip(entry, exit);
  CHECK(r.entry.total() == model.cost(entry));
  CHECK(r.exit.total() == model.cost(exit));
  CHECK_THAT(r.carry[4], WithinRel(4.0, 1e-12));
  CHECK(r.carry.total() == r.carry[4]);
  CHECK(r.entry[4] == 0.0);  // a carry part costs nothing on a fill
  CHECK(r.total() == r.entry.total() + r.exit.total() + r.carry.total());
  CHECK(r.total() > r.entry.total());
  CHECK(r.total() > r.exit.total());

  // Closing at once in the same market: the exit is the entry on the other side, no carry.
  const auto now = model.round_trip(aapl(side::buy, 1'000));
  CHECK(now.exit.total() == model.cost(aapl(side::sell, 1'000)));
  CHECK(now.carry.total() == 0.0);
}

TEST_CASE("a malformed round trip is refused", "[cost][model]") {
  using namespace cost_model_test;
  using bulwark::test::throws_error;
  const auto model = equity_model();
  CHECK_THROWS_MATCHES(model.round_trip(aapl(side::buy, 100), aapl(side::buy, 100)),
                       bulwark::input_error,
                       throws_error("bulwark.cost.model", "exit side buy does not close entry side buy"));
  CHECK_THROWS_MATCHES(model.round_trip(aapl(side::buy, 100), aapl(side::sell, 50)),
                       bulwark::input_error,
                       throws_error("bulwark.cost.model", "exit quantity 50 differs from entry quantity 100"));
  fill_context early = aapl(side::sell, 100);
  early.time = monday - 1h;
  CHECK_THROWS_MATCHES(model.round_trip(aapl(side::buy, 100), early), bulwark::input_error,
                       throws_error("bulwark.cost.model", "exit at 2024-06-03T13:30:00Z precedes entry"));
  const auto borrowing = cost_model{short_borrow{
      .annual_rate = dated_schedule<double>{{{date::year{2024} / 6 / 4, 0.01}}}}};
  fill_context later = aapl(side::buy, 100);
  later.time = monday + 48h;
  CHECK_THROWS_MATCHES(borrowing.round_trip(aapl(side::sell, 100), later), bulwark::input_error,
                       throws_error("bulwark.cost.model", "part 0 (short_borrow) cannot price the holding period"));
}

TEST_CASE("a missing input is named, at configuration time and per fill", "[cost][model]") {
  using namespace cost_model_test;
  using bulwark::test::throws_error;
  const auto model = equity_model();
  CHECK(model.needs() == (fill_input::fee_class | fill_input::quote | fill_input::adv |
                          fill_input::daily_volatility));
  model.require_inputs(fill_input::fee_class | fill_input::quote | fill_input::adv |
                       fill_input::daily_volatility | fill_input::atr);
  CHECK_THROWS_MATCHES(model.require_inputs(fill_input::fee_class | fill_input::quote),
                       bulwark::config_error,
                       throws_error("bulwark.cost.model",
                                    "part 4 (square_root_impact) needs adv|daily_volatility, which the "
                                    "fill data does not provide (it provides quote|fee_class)"));

  fill_context no_adv = aapl(side::buy, 100);
  no_adv.adv.reset();
  CHECK(model.problem(no_adv).what == fill_problem::missing_input);
  CHECK(model.problem(no_adv).part == 4);
  CHECK(model.problem(no_adv).missing == fill_input::adv);
  CHECK(fmt::format("{}", model.problem(no_adv)) == "part 4: a needed input is missing (adv)");
  CHECK(fmt::format("{}", model.problem(aapl(side::buy, 100))) == "ok");
  CHECK_FALSE(model.try_cost(no_adv).has_value());
  CHECK_THROWS_MATCHES(model.cost(no_adv), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context",
                                    "fill context has no adv, which part 4 (square_root_impact) needs"));
  fill_context no_class = aapl(side::buy, 100);
  no_class.fee_class = fee_class::unspecified;
  CHECK_THROWS_MATCHES(model.breakdown(no_class), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context", "no fee_class, which part 1 (sec_fee)"));
  // A fallback is explicit configuration, not a silent zero: with it no quote is needed.
  const auto with_fallback = cost_model{half_spread{.fallback = bulwark::bps{2.5}}};
  fill_context no_quote = aapl(side::buy, 1'000);
  no_quote.quote.reset();
  CHECK_THAT(with_fallback.cost(no_quote), WithinRel(1'000 * 100.0 * 0.00025, 1e-12));
}

TEST_CASE("a part that cannot price a fill is named with the fill", "[cost][model]") {
  using namespace cost_model_test;
  using bulwark::test::throws_error;
  const auto model = equity_model();
  fill_context old = aapl(side::sell, 100);
  old.time = bulwark::make_timestamp(date::year{2021} / 3 / 1, 15h);
  CHECK(model.problem(old).what == fill_problem::no_rate_for_date);
  CHECK(model.problem(old).part == 1);
  CHECK_THROWS_MATCHES(model.cost(old), bulwark::input_error,
                       throws_error("bulwark.cost.model",
                                    "part 1 (sec_fee) cannot price the fill: no rate in the schedule "
                                    "for the fill's date (sell 100 @ 100 taker us_equity 2021-03-01T15:00:00Z"));
  // A buy on the same date pays neither fee, so no rate is needed.
  old.side = side::buy;
  CHECK(model.problem(old).ok());
  CHECK(model.breakdown(old)[1] == 0.0);
  // 2026: both default tables end on 2026-01-01; a sale then is refused, never charged $0.00.
  fill_context later = aapl(side::sell, 100);
  later.time = bulwark::make_timestamp(date::year{2026} / 2 / 2, 15h);
  CHECK_THROWS_MATCHES(model.cost(later), bulwark::input_error,
                       throws_error("bulwark.cost.model",
                                    "part 1 (sec_fee) cannot price the fill: no rate in the schedule "
                                    "for the fill's date"));
  CHECK_THROWS_MATCHES(model.cost(later), bulwark::input_error,
                       throws_error("bulwark.cost.model",
                                    "give the part a rate table that covers 2026-02-02T15:00:00Z"));
  CHECK_THROWS_MATCHES(cost_model{sec_fee{}}.cost(later), bulwark::input_error,
                       throws_error("bulwark.cost.model", "part 0 (sec_fee) cannot price the fill"));
  CHECK_FALSE(cost_model{sec_fee{}}.try_cost(later).has_value());
  CHECK_THROWS_MATCHES(cost_model{finra_taf{}}.cost(later), bulwark::input_error,
                       throws_error("bulwark.cost.model", "part 0 (finra_taf) cannot price the fill"));
  // The last day of 2025 is still in both tables: $0.00 SEC fee, TAF 100 x 0.000166 -> $0.02.
  later.time = bulwark::make_timestamp(date::year{2025} / 12 / 31, 15h);
  CHECK(model.breakdown(later)[1] == 0.0);
  CHECK(model.breakdown(later)[2] == 0.02);
  // A supplied table that goes on prices the later sale (here: the $0.00 rate, assumed on).
  const sec_fee own{.rate_per_million = dated_schedule<double>{{{date::year{2025} / 5 / 14, 0.0}}}};
  later.time = bulwark::make_timestamp(date::year{2026} / 2 / 2, 15h);
  CHECK(cost_model{own}.cost(later) == 0.0);
}

TEST_CASE("finite inputs whose product or cost overflows are input errors", "[cost][model]") {
  using namespace cost_model_test;
  using bulwark::test::throws_error;
  const auto model = equity_model();
  for (const side s : {side::buy, side::sell}) {
    // 1e200 shares at $1e200: each finite, the notional is not. Before the check the buy
    // path of the fees computed inf x 0 = NaN.
    const fill_context huge = aapl(s, 1e200, 1e200);
    CHECK(problem_of(huge) == fill_problem::bad_notional);
    CHECK(model.problem(huge).what == fill_problem::bad_notional);
    CHECK_FALSE(model.can_price(huge));
    CHECK_FALSE(model.try_cost(huge).has_value());
    CHECK_THROWS_MATCHES(model.cost(huge), bulwark::input_error,
                         throws_error("bulwark.cost.fill_context",
                                      "fill context: quantity x price must be finite "
                                      "(got 1e+200 x 1e+200 = inf)"));
    CHECK_THROWS_AS(model.breakdown(huge), bulwark::input_error);
    CHECK_THROWS_AS(model.fill_price(huge), bulwark::input_error);
    CHECK_THROWS_AS(model.round_trip(huge), bulwark::input_error);
    CHECK_THROWS_AS((cost_model{sec_fee{}, finra_taf{}}.cost(huge)), bulwark::input_error);
    // A finite notional of 1.5e308 whose parts sum past the largest double: each of two
    // 100 % slippages is 1.5e308, the total inf. Refused, never returned.
    fill_context edge = aapl(s, 1.5e154, 1e154);
    REQUIRE(problem_of(edge) == fill_problem::none);
    const cost_model two{fixed_slippage{.rate = bulwark::bps{10'000.0}},
                         fixed_slippage{.rate = bulwark::bps{10'000.0}}};
    CHECK(two.can_price(edge));
    CHECK_FALSE(two.try_cost(edge).has_value());
    CHECK_THROWS_MATCHES(two.cost(edge), bulwark::input_error,
                         throws_error("bulwark.cost.model", "the cost of the fill is not finite (total inf)"));
    CHECK_THROWS_AS(two.breakdown(edge), bulwark::input_error);
    decltype(two)::accrual order{}, day{};
    CHECK_THROWS_AS(two.charge(edge, order, day), bulwark::input_error);
    CHECK(order.notional == 0.0);  // a refused fill leaves the running totals alone
    // Half of it prices: 2 x 0.75e308.
    edge.quantity = 0.75e154;
    CHECK_THAT(two.cost(edge), WithinRel(1.5e308, 1e-15));
  }
}

TEST_CASE("a fill above a part's participation cap is refused, fill_quantity gives the cap",
          "[cost][model]") {
  using namespace cost_model_test;
  using bulwark::test::throws_error;
  const auto model = equity_model();
  // square_root_impact caps at 10 % of ADV = 100,000 shares.
  fill_context big = aapl(side::buy, 250'000);
  CHECK(model.problem(big).what == fill_problem::over_participation);
  CHECK(model.problem(big).part == 4);
  CHECK_FALSE(model.try_cost(big).has_value());
  CHECK_THROWS_MATCHES(model.cost(big), bulwark::input_error,
                       throws_error("bulwark.cost.model", "part 4 (square_root_impact) cannot price the fill: "
                                                          "the fill exceeds the participation cap"));
  CHECK(model.fill_quantity(big) == 100'000);
  big.quantity = model.fill_quantity(big);
  // Priced for what fills: impact $10,000,000 x 0.02 x sqrt(0.1).
  CHECK_THAT(model.breakdown(big)[4], WithinRel(1e7 * 0.02 * std::sqrt(0.1), 1e-12));
  // With a volume-share part too, the tighter cap wins: 2.5 % of a 1,000,000-share bar.
  const cost_model both{volume_share_slippage{}, square_root_impact{}};
  fill_context bar = aapl(side::sell, 250'000);
  bar.bar_volume = 1'000'000.0;
  CHECK(both.problem(bar).part == 0);
  CHECK(both.fill_quantity(bar) == 25'000);
  bar.quantity = 25'000;
  // 25,000 x 0.1 x 0.025^2 x $100 + $2,500,000 x 0.02 x sqrt(0.025).
  CHECK_THAT(both.cost(bar), WithinRel(25'000 * 0.1 * 0.025 * 0.025 * 100 + 2.5e6 * 0.02 * std::sqrt(0.025), 1e-12));
  // Wrapped in volatility scaling the cap still holds.
  const cost_model scaled{volatility_scaled<square_root_impact>{}};
  fill_context atr = aapl(side::buy, 250'000);
  atr.atr = 1.0;
  CHECK(scaled.problem(atr).what == fill_problem::over_participation);
  CHECK(scaled.fill_quantity(atr) == 100'000);
  // A model without a capping part fills the whole order.
  CHECK(cost_model{per_share_commission{}}.fill_quantity(big) == big.quantity);
  // fill_quantity checks the context and the parts' inputs.
  fill_context no_adv = aapl(side::buy, 10);
  no_adv.adv.reset();
  CHECK_THROWS_MATCHES(model.fill_quantity(no_adv), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context", "fill context has no adv"));
}

TEST_CASE("bad context values are input errors, never numbers", "[cost][model]") {
  using namespace cost_model_test;
  using bulwark::test::throws_error;
  const auto model = equity_model();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  fill_context c = aapl(side::buy, 100);
  c.quantity = -5;
  CHECK_THROWS_MATCHES(model.cost(c), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context",
                                    "fill context: quantity must be finite and >= 0 (got -5)"));
  c = aapl(side::buy, 100);
  c.price = nan;
  CHECK_THROWS_MATCHES(model.fill_price(c), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context", "reference price must be finite and > 0 (got nan)"));
  c = aapl(side::buy, 100);
  c.quote = bulwark::quote{.bid = 100.02, .ask = 99.98};
  CHECK_THROWS_MATCHES(model.breakdown(c), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context", "quote is not usable (one-sided, crossed or not finite) (got bid 100.02 ask 99.98)"));
  CHECK(model.problem(c).what == fill_problem::bad_quote);
  CHECK(model.problem(c).part == pricing_problem::context);
  CHECK(fmt::format("{}", model.problem(c)) == "context: quote is not usable (one-sided, crossed or not finite)");
}

TEST_CASE("fees settled per order or per day are charged as the group's increase",
          "[cost][model]") {
  using namespace cost_model_test;
  // SEC fee rounded per order, TAF per day, commission minimum per order (the default).
  const auto model = cost_model{per_share_commission{}, sec_fee{.basis = fee_basis::per_order},
                                finra_taf{.basis = fee_basis::per_day}};
  decltype(model)::accrual order, day;

  // Three fills of one sell order, 50 shares at $10 each ($500, exact SEC fee $0.0139):
  //   SEC per order: the order's total after each fill is ceil(0.0139) = 0.02,
  //   ceil(0.0278) = 0.03, ceil(0.0417) = 0.05 -> charges 0.02, 0.01, 0.02 ($0.05; per
  //   fill it would be 3 x 0.02 = $0.06).
  //   Commission: 50 x 0.005 = 0.25 a fill; the $1 minimum applies once per order:
  //   totals 1, 1, 1 -> charges 1, 0, 0.
  //   TAF per day: 50 x 0.000166 = 0.0083 a fill; totals ceil(0.0083) = 0.01,
  //   ceil(0.0166) = 0.02, ceil(0.0249) = 0.03 -> charges 0.01, 0.01, 0.01.
  const double sec[] = {0.02, 0.01, 0.02};
  const double commission[] = {1.00, 0.00, 0.00};
  const double taf[] = {0.01, 0.01, 0.01};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto b = model.charge(aapl(side::sell, 50, 10.0), order, day);
    CHECK_THAT(b[0], WithinAbs(commission[i], 1e-12));
    CHECK_THAT(b[1], WithinAbs(sec[i], 1e-12));
    CHECK_THAT(b[2], WithinAbs(taf[i], 1e-12));
  }
  CHECK(order.notional == 1'500.0);
  // A new order the same day: the commission minimum applies again, and the day's TAF
  // total goes on to ceil(0.0332) = 0.04: one more cent.
  order.reset();
  const auto b = model.charge(aapl(side::sell, 50, 10.0), order, day);
  CHECK_THAT(b[0], WithinAbs(1.00, 1e-12));
  CHECK_THAT(b[1], WithinAbs(0.02, 1e-12));
  CHECK_THAT(b[2], WithinAbs(0.01, 1e-12));
  CHECK(day.notional == 2'000.0);
  CHECK(fmt::format("{}", order) == fmt::format("notional 500, accrued [0.25, {}, 0], charged [1, 0.02, 0]",
                                                 500 * (27.80 * 1e-6)));
  // The same fill alone: commission $1, SEC 0.02, TAF 0.01.
  const auto alone = model.breakdown(aapl(side::sell, 50, 10.0));
  CHECK_THAT(alone.total(), WithinAbs(1.03, 1e-12));
}

TEST_CASE("grouped charges sum to what the group pays as a whole", "[cost][model]") {
  using namespace cost_model_test;
  const auto model = cost_model{per_share_commission{.max_fraction = 0.001},
                                sec_fee{.basis = fee_basis::per_order},
                                finra_taf{.basis = fee_basis::per_order}};
  const bulwark::counter_rng rng{11, 0};
  for (std::uint64_t order_number = 0; order_number < 200; ++order_number) {
    decltype(model)::accrual order, day;
    double charged[3] = {0, 0, 0};
    double quantity = 0.0, notional = 0.0, taf_exact = 0.0;
    const int fills = 1 + static_cast<int>(rng.below(4 * order_number, 6));
    for (int f = 0; f < fills; ++f) {
      const std::uint64_t k = 4 * order_number + 1 + static_cast<std::uint64_t>(f) * 1000;
      const double q = std::floor(1 + 3000 * rng.uniform(k));
      const double p = 5 + 100 * rng.uniform(k + 1);
      const auto b = model.charge(aapl(side::sell, q, p), order, day);
      for (int i = 0; i < 3; ++i) charged[i] += b[static_cast<std::size_t>(i)];
      quantity += q;
      notional += q * p;
      taf_exact += std::min(q * 0.000166, 8.30);
    }
    // One commission for the order: 0.005 x shares, at least $1, at most 0.1 % of value.
    CHECK_THAT(charged[0], WithinRel(std::min(std::max(0.005 * quantity, 1.0), 0.001 * notional), 1e-12));
    // One rounding to the cent for the order.
    CHECK_THAT(charged[1], WithinAbs(std::ceil(notional * 27.80 / 1e6 * 100 - 1e-6) / 100, 1e-9));
    CHECK_THAT(charged[2], WithinAbs(std::ceil(taf_exact * 100 - 1e-6) / 100, 1e-9));
  }
}

TEST_CASE("a model and its breakdowns print", "[cost][model]") {
  using namespace cost_model_test;
  const auto model = cost_model{per_share_commission{}, half_spread{.fallback = bulwark::bps{1}}};
  CHECK(fmt::format("{}", model) ==
        "cost_model{per_share_commission{0.005/unit, min 1, max 0.005 of value, per_order}, "
        "half_spread{quote, else 1 bps}}");
  const auto b = model.breakdown(aapl(side::buy, 1'000));
  CHECK(fmt::format("{:.2f}", b) == "total 15.00 = per_share_commission 5.00 + half_spread 10.00");
  const auto r = model.round_trip(aapl(side::buy, 1'000));
  CHECK(fmt::format("{:.1f}", r) ==
        "total 30.0 (entry: total 15.0 = per_share_commission 5.0 + half_spread 10.0; "
        "exit: total 15.0 = per_share_commission 5.0 + half_spread 10.0; "
        "carry: total 0.0 = per_share_commission 0.0 + half_spread 0.0)");
}

TEST_CASE("a part's bad configuration stops the model from being built", "[cost][model]") {
  using namespace cost_model_test;
  using bulwark::test::throws_error;
  CHECK_THROWS_MATCHES(cost_model(per_share_commission{.rate = -0.005}), bulwark::config_error,
                       throws_error("bulwark.cost.commission", "rate -0.005 must be finite and >= 0"));
  CHECK_THROWS_MATCHES(cost_model(short_borrow{}), bulwark::config_error,
                       throws_error("bulwark.cost.borrow", "the annual rate table is empty"));
}
