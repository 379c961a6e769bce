// SPDX-License-Identifier: MIT
// Each stateless check in both directions, through a gate of that check alone (plus the
// required stale_market_data). Expected values are hand computations from the desk in
// gate_fixture.hpp: AAPL mid 150, MSFT mid 400, $1,000,000 of cash.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "bulwark/core/units.hpp"
#include "bulwark/risk/checks.hpp"
#include "bulwark/risk/gate.hpp"
#include "gate_fixture.hpp"
#include "support/catch.hpp"

namespace checks_test {

using namespace gate_fixture;
using namespace bulwark::risk;
using bulwark::order;
using bulwark::order_type;
using bulwark::side;
using bulwark::test::WithinRel;

// The verdict of a one-check gate for `o`.
template <class Check>
verdict judge(desk& d, Check check, const order& o) {
  risk_gate gate{fresh(), check};
  return gate.check(o, d.state());
}

TEST_CASE("max_order_quantity", "[risk][checks]") {
  desk d;
  const max_order_quantity c{.max_quantity = 1000};
  CHECK(judge(d, c, limit(1, "AAPL", side::buy, 1000, 150.0)).ok());  // the limit is allowed
  const verdict v = judge(d, c, limit(2, "AAPL", side::sell, 1001, 150.0));
  CHECK(v.reason == reject_reason::max_order_quantity);
  CHECK(v.value == 1001);
  CHECK(v.limit == 1000);
  CHECK(v.message() ==
        "#2 rejected by max_order_quantity: order quantity 1001 exceeds the limit 1000");
}

TEST_CASE("max_order_notional values the order at its most", "[risk][checks]") {
  desk d;
  const max_order_notional c{.max_notional = 150'000};
  CHECK(judge(d, c, market_order(1, "AAPL", side::buy, 1000)).ok());  // 1000 x 150
  // A sell limited below the market fills at the market: valued at the reference.
  CHECK(judge(d, c, limit(2, "AAPL", side::sell, 1000, 149.0)).ok());
  const verdict v = judge(d, c, limit(3, "AAPL", side::sell, 1001, 149.0));
  CHECK(v.reason == reject_reason::max_order_notional);
  CHECK(v.value == 150'150);
  // A buy limited above the market may pay its limit; a stop may trade at its stop.
  CHECK(judge(d, c, limit(4, "AAPL", side::buy, 1000, 150.01)).value == 150'010);
  const order stop{.client_id = 5, .sym = "AAPL", .side = side::buy, .type = order_type::stop,
                   .quantity = 1000, .stop_price = 151.0};
  CHECK(judge(d, c, stop).value == 151'000);
  // Used by hand on an order the gate would refuse as malformed, an infinite limit price
  // values the order at +inf, which the limit rejects rather than ignores.
  const order wild = limit(6, "AAPL", side::buy, 1, std::numeric_limits<double>::infinity());
  const check_result r = c.evaluate(make_check_context(wild, d.account, d.market, d.clock.now(),
                                                       5s, 60s, trading_state::active));
  CHECK(r.reason == reject_reason::max_order_notional);
  CHECK(r.value == std::numeric_limits<double>::infinity());
}

TEST_CASE("price_collar in both directions", "[risk][checks]") {
  desk d;
  const price_collar c{.max_deviation = bulwark::bps{50}};  // 0.75 around 150
  CHECK(judge(d, c, limit(1, "AAPL", side::buy, 10, 150.75)).ok());  // exactly 50 bps
  CHECK(judge(d, c, limit(2, "AAPL", side::sell, 10, 149.25)).ok());
  CHECK(judge(d, c, market_order(3, "AAPL", side::buy, 10)).ok());  // no limit price
  const verdict v = judge(d, c, limit(4, "AAPL", side::buy, 10, 150.76));
  CHECK(v.reason == reject_reason::price_collar);
  CHECK_THAT(v.value, WithinRel(0.76 / 150.0 * 1e4, 1e-12));
  CHECK(v.limit == 50);
  CHECK(v.message().starts_with(
      "#4 rejected by price_collar: limit price is 50.66666667 bps from the reference 150; the "
      "collar is 50 bps"));
  CHECK(judge(d, c, limit(5, "AAPL", side::sell, 10, 149.24)).reason ==
        reject_reason::price_collar);
}

TEST_CASE("position_limit by quantity, worst case, and never against a reduction",
          "[risk][checks]") {
  desk d;
  d.hold("AAPL", 300);
  const position_limit c{.max_quantity = 500};
  CHECK(judge(d, c, limit(1, "AAPL", side::buy, 200, 150.0)).ok());
  const verdict v = judge(d, c, limit(2, "AAPL", side::buy, 201, 150.0));
  CHECK(v.reason == reject_reason::position_quantity);
  CHECK(v.value == 501);
  CHECK(judge(d, c, limit(3, "AAPL", side::sell, 801, 150.0)).value == 501);  // short 501

  d.account.order_accepted(limit(4, "AAPL", side::buy, 150, 150.0), 150.0);
  CHECK(judge(d, c, limit(5, "AAPL", side::buy, 100, 150.0)).value == 550);  // 300 + 150 + 100

  desk over;
  over.hold("AAPL", 700);  // already above the limit
  CHECK(judge(over, c, limit(6, "AAPL", side::sell, 100, 150.0)).ok());  // 600: better
  CHECK(judge(over, c, limit(7, "AAPL", side::buy, 1, 150.0)).reason ==
        reject_reason::position_quantity);
}

TEST_CASE("position_limit by notional", "[risk][checks]") {
  desk d;
  d.hold("AAPL", 300);
  const position_limit c{.max_notional = 60'000};
  CHECK(judge(d, c, limit(1, "AAPL", side::buy, 100, 150.0)).ok());  // 400 x 150
  const verdict v = judge(d, c, limit(2, "AAPL", side::buy, 101, 150.0));
  CHECK(v.reason == reject_reason::position_notional);
  CHECK(v.value == 60'150);
  CHECK(v.limit == 60'000);
}

TEST_CASE("exposure_limit on gross exposure", "[risk][checks]") {
  desk d;
  d.hold("AAPL", 1000);  // +150,000
  d.hold("MSFT", -200);  //  -80,000: gross 230,000, net 70,000
  REQUIRE(d.account.gross_exposure() == 230'000);
  const exposure_limit c{.max_gross = 250'000};
  CHECK(judge(d, c, limit(1, "AAPL", side::buy, 100, 150.0)).ok());  // 80,000 + 165,000
  const verdict v = judge(d, c, limit(2, "AAPL", side::buy, 200, 150.0));
  CHECK(v.reason == reject_reason::gross_exposure);
  CHECK(v.value == 260'000);
  CHECK(judge(d, c, limit(3, "AAPL", side::sell, 200, 150.0)).ok());
  CHECK(judge(d, c, limit(4, "MSFT", side::sell, 100, 400.0)).value == 270'000);  // deeper short
  CHECK(judge(d, c, limit(5, "MSFT", side::buy, 100, 400.0)).ok());               // covering

  // The order's symbol is re-marked at the fresh reference (160), the rest at its marks.
  d.quote("AAPL", 159.99, 160.01);
  CHECK(judge(d, c, limit(6, "AAPL", side::buy, 100, 160.0)).value == 256'000);
}

TEST_CASE("exposure_limit on net exposure", "[risk][checks]") {
  desk d;
  d.hold("AAPL", 1000);
  d.hold("MSFT", -200);  // net 70,000
  const exposure_limit c{.max_net = 100'000};
  CHECK(judge(d, c, limit(1, "AAPL", side::buy, 200, 150.0)).ok());  // exactly 100,000
  const verdict v = judge(d, c, limit(2, "AAPL", side::buy, 201, 150.0));
  CHECK(v.reason == reject_reason::net_exposure);
  CHECK(v.value == 100'150);
  CHECK(judge(d, c, limit(3, "MSFT", side::sell, 100, 400.0)).ok());  // net 30,000

  const exposure_limit tight{.max_net = 50'000};  // already breached at 70,000
  CHECK(judge(d, tight, limit(4, "AAPL", side::sell, 100, 150.0)).ok());  // 55,000: better
  CHECK(judge(d, tight, limit(5, "AAPL", side::buy, 1, 150.0)).reason ==
        reject_reason::net_exposure);
}

TEST_CASE("leverage_limit", "[risk][checks]") {
  desk d;
  d.hold("AAPL", 1000);  // gross 150,000 on equity 1,000,000
  const leverage_limit c{.max_leverage = 0.25};
  CHECK(judge(d, c, limit(1, "AAPL", side::buy, 600, 150.0)).ok());  // 240,000 / 1e6
  const verdict v = judge(d, c, limit(2, "AAPL", side::buy, 700, 150.0));
  CHECK(v.reason == reject_reason::leverage);
  CHECK_THAT(v.value, WithinRel(0.255, 1e-12));
  CHECK(v.limit == 0.25);
  // Re-marked at 160: equity 1,010,000 and gross 1,600 x 160.
  d.quote("AAPL", 159.99, 160.01);
  CHECK_THAT(judge(d, c, limit(3, "AAPL", side::buy, 600, 160.0)).value,
             WithinRel(256'000.0 / 1'010'000.0, 1e-12));

  desk broke;
  broke.account = account_state{-1.0};  // equity <= 0: leverage means nothing
  broke.mark();
  CHECK(judge(broke, c, limit(4, "AAPL", side::buy, 1, 150.0)).account_problem() ==
        account_status::non_positive_equity);
}

TEST_CASE("exposure and leverage count working orders in other symbols",
          "[risk][checks]") {
  desk d;  // flat, $1,000,000
  d.quote("SPY", 499.99, 500.01);  // mid 500
  const exposure_limit gross{.max_gross = 1'000'000};
  // $900,000 resting to buy AAPL passes and is booked at the price it was judged at ...
  const order aapl = limit(1, "AAPL", side::buy, 6'000, 150.0);
  const verdict first = judge(d, gross, aapl);
  REQUIRE(first.ok());
  d.account.order_accepted(aapl, first.reference_price);
  // ... so a second $900,000 elsewhere, 1,800,000 if both filled, is rejected.
  const verdict second = judge(d, gross, limit(2, "MSFT", side::buy, 2'250, 400.0));
  CHECK(second.reason == reject_reason::gross_exposure);
  CHECK(second.value == 1'800'000);
  // A sell adds to the gross as a buy does.
  CHECK(judge(d, gross, limit(3, "SPY", side::sell, 1'000, 500.0)).value == 1'400'000);
  CHECK(judge(d, gross, limit(4, "SPY", side::sell, 200, 500.0)).ok());  // 1,000,000

  // Net: the resting buy may fill (+900,000) or not (0). A buy adds to the end where it
  // fills ...
  const exposure_limit net{.max_net = 1'000'000};
  CHECK(judge(d, net, limit(5, "MSFT", side::buy, 250, 400.0)).ok());  // 1,000,000
  const verdict long_msft = judge(d, net, limit(6, "MSFT", side::buy, 300, 400.0));
  CHECK(long_msft.reason == reject_reason::net_exposure);
  CHECK(long_msft.value == 1'020'000);
  // ... and a sell cannot lean on a buy that may never fill: -1,100,000 at the other end.
  const verdict short_msft = judge(d, net, limit(7, "MSFT", side::sell, 2'750, 400.0));
  CHECK(short_msft.reason == reject_reason::net_exposure);
  CHECK(short_msft.value == 1'100'000);
  CHECK(judge(d, net, limit(8, "MSFT", side::sell, 2'500, 400.0)).ok());  // -1,000,000

  // Leverage: 900,000 resting + 450,000 of MSFT on 1,000,000 of equity.
  const leverage_limit lev{.max_leverage = 1.25};
  const verdict levered = judge(d, lev, limit(9, "MSFT", side::buy, 1'125, 400.0));
  CHECK(levered.reason == reject_reason::leverage);
  CHECK(levered.value == 1.35);

  // An end already past the limit does not let an order push the other end past it:
  // a resting sell of 1,000,000 of SPY, then SPY at 550 puts the lower end at -1,100,000;
  // a buy of 1,099,950 of AAPL still breaks the limit at the upper end (the SPY sell
  // may not fill).
  desk e;
  e.quote("SPY", 499.99, 500.01);
  const order spy = limit(20, "SPY", side::sell, 2'000, 500.0);
  const verdict rested = judge(e, net, spy);
  REQUIRE(rested.ok());
  e.account.order_accepted(spy, rested.reference_price);
  e.quote("SPY", 549.99, 550.01);
  e.mark();
  REQUIRE(e.account.net_exposure_if_sells_fill() == -1'100'000);
  const verdict other_end = judge(e, net, limit(21, "AAPL", side::buy, 7'333, 150.0));
  CHECK(other_end.reason == reject_reason::net_exposure);
  CHECK(other_end.value == 1'099'950);
  CHECK(judge(e, net, limit(22, "AAPL", side::buy, 6'666, 150.0)).ok());  // 999,900

  // Once the resting buy is finished, the same orders pass.
  d.account.order_finished("AAPL", side::buy, 6'000);
  CHECK(judge(d, gross, limit(10, "MSFT", side::buy, 2'250, 400.0)).ok());
  CHECK(judge(d, net, limit(11, "MSFT", side::buy, 300, 400.0)).ok());
  CHECK(judge(d, lev, limit(12, "MSFT", side::buy, 1'125, 400.0)).ok());
}

TEST_CASE("a context's record is the position, or flat_position for a symbol without one",
          "[risk][checks]") {
  desk d;
  d.hold("AAPL", -300);
  // A context refers to its order and to the account's records: each order is named and
  // each context dropped before the account changes.
  const auto context = [&](const order& o) {
    return make_check_context(o, d.account, d.market, d.clock.now(), 5s, 60s,
                              trading_state::active);
  };
  {
    const order sell_aapl = limit(1, "AAPL", side::sell, 100, 150.0);
    const check_context ctx = context(sell_aapl);
    REQUIRE(ctx.pos() == d.account.find("AAPL"));
    CHECK(&ctx.record == ctx.pos());
    CHECK(ctx.position_quantity() == -300);
    CHECK(ctx.pre_trade_position == -300);
    CHECK(ctx.post_trade_position == -400);
    CHECK(ctx.booked_value == -45'000);  // -300 x 150
  }
  const order buy_msft = limit(2, "MSFT", side::buy, 100, 400.0);
  {
    const check_context ctx = context(buy_msft);
    CHECK(ctx.pos() == nullptr);
    CHECK(&ctx.record == &flat_position);
    CHECK(ctx.position_quantity() == 0);
    CHECK(ctx.pre_trade_position == 0);
    CHECK(ctx.post_trade_position == 100);
    CHECK(ctx.booked_value == 0);
  }
  // A record left flat by a finished order is a record, not the stand-in.
  d.account.order_accepted(limit(3, "MSFT", side::buy, 10, 400.0), 400.0);
  d.account.order_finished("MSFT", side::buy, 10);
  const check_context ctx = context(buy_msft);
  REQUIRE(ctx.pos() != nullptr);
  CHECK(&ctx.record == ctx.pos());
  CHECK(ctx.position_quantity() == 0);
}

TEST_CASE("long_only", "[risk][checks]") {
  desk d;
  d.hold("AAPL", 100);
  d.hold("MSFT", -50);  // a short from before the rule
  const long_only c{};
  CHECK(judge(d, c, limit(1, "AAPL", side::sell, 100, 150.0)).ok());
  const verdict v = judge(d, c, limit(2, "AAPL", side::sell, 101, 150.0));
  CHECK(v.reason == reject_reason::long_only);
  CHECK(v.value == -1);
  CHECK(judge(d, c, limit(3, "MSFT", side::buy, 20, 400.0)).ok());  // covering passes
  CHECK(judge(d, c, limit(4, "MSFT", side::sell, 1, 400.0)).reason == reject_reason::long_only);
}

TEST_CASE("restricted_list", "[risk][checks]") {
  desk d;
  d.hold("MSFT", 10);
  const restricted_list strict{.symbols = {"MSFT", "XYZ"}};
  CHECK(judge(d, strict, limit(1, "AAPL", side::buy, 1, 150.0)).ok());
  CHECK(judge(d, strict, limit(2, "MSFT", side::buy, 1, 400.0)).reason ==
        reject_reason::restricted_symbol);
  CHECK(judge(d, strict, limit(3, "MSFT", side::sell, 10, 400.0)).reason ==
        reject_reason::restricted_symbol);
  const restricted_list lenient{.symbols = {"MSFT"}, .allow_reducing = true};
  CHECK(judge(d, lenient, limit(4, "MSFT", side::sell, 10, 400.0)).ok());
  CHECK(judge(d, lenient, limit(5, "MSFT", side::buy, 1, 400.0)).reason ==
        reject_reason::restricted_symbol);
}

TEST_CASE("tick_size follows Rule 612's two increments", "[risk][checks]") {
  desk d;
  d.quote("PENNY", 0.5123, 0.5125);
  const tick_size c{};
  CHECK(judge(d, c, limit(1, "AAPL", side::buy, 1, 150.05)).ok());
  const verdict v = judge(d, c, limit(2, "AAPL", side::buy, 1, 150.055));
  CHECK(v.reason == reject_reason::tick_size);
  CHECK(v.value == 150.055);
  CHECK(v.limit == 0.01);
  CHECK(judge(d, c, limit(3, "PENNY", side::buy, 1, 0.5124)).ok());
  CHECK(judge(d, c, limit(4, "PENNY", side::buy, 1, 0.51245)).limit == 0.0001);
  const order stop{.client_id = 5, .sym = "AAPL", .side = side::sell, .type = order_type::stop,
                   .quantity = 1, .stop_price = 149.995};
  CHECK(judge(d, c, stop).reason == reject_reason::tick_size);
  CHECK(judge(d, c, market_order(6, "AAPL", side::buy, 1)).ok());
}

TEST_CASE("lot_size", "[risk][checks]") {
  desk d;
  CHECK(judge(d, lot_size{.lot = 100}, limit(1, "AAPL", side::buy, 300, 150.0)).ok());
  const verdict v = judge(d, lot_size{.lot = 100}, limit(2, "AAPL", side::buy, 250, 150.0));
  CHECK(v.reason == reject_reason::lot_size);
  CHECK(v.value == 250);
  CHECK(v.limit == 100);
  CHECK(judge(d, lot_size{.lot = 100}, limit(3, "AAPL", side::buy, 50, 150.0)).reason ==
        reject_reason::lot_size);  // below one lot
  CHECK(judge(d, lot_size{}, limit(4, "AAPL", side::buy, 10.5, 150.0)).reason ==
        reject_reason::lot_size);
  CHECK(judge(d, lot_size{.lot = 1e-8}, limit(5, "AAPL", side::buy, 0.12345678, 150.0)).ok());
}

TEST_CASE("lot_size near whole numbers and at the edge of double precision", "[risk][checks]") {
  desk d;
  const auto judged = [&](double quantity) {
    return judge(d, lot_size{}, limit(1, "AAPL", side::buy, quantity, 150.0)).reason;
  };
  // Within a millionth of a lot counts as whole; a hundred-thousandth does not.
  CHECK(judged(1.0 - 1e-7) == reject_reason::accepted);
  CHECK(judged(1.0 - 1e-5) == reject_reason::lot_size);
  CHECK(judged(1e-7) == reject_reason::lot_size);  // within a millionth of 0, not of a lot
  // Below 2^52 a double can still hold a half; from 2^52 every double is whole.
  CHECK(judged(0x1p51 + 0.5) == reject_reason::lot_size);
  CHECK(judged(0x1p52 - 1.0) == reject_reason::accepted);
  CHECK(judged(0x1p52 - 0.5) == reject_reason::lot_size);
  CHECK(judged(0x1p52) == reject_reason::accepted);
  CHECK(judged(0x1p52 + 1.0) == reject_reason::accepted);
  CHECK(judged(0x1p53 + 2.0) == reject_reason::accepted);
}

TEST_CASE("daily_loss_limit counts realised and unrealised loss", "[risk][checks]") {
  desk d;
  d.hold("AAPL", 1000);
  d.account.start_day();
  d.quote("AAPL", 100.99, 101.01);  // equity 951,000: a loss of 0.049
  d.mark();
  risk_gate gate{fresh(), daily_loss_limit{.max_loss = 0.05}};
  CHECK(gate.check(limit(1, "AAPL", side::buy, 1, 101.0), d.state()).ok());

  d.quote("AAPL", 99.99, 100.01);  // equity 950,000: exactly 5 %
  d.mark();
  const verdict v = gate.check(limit(2, "AAPL", side::buy, 1, 100.0), d.state());
  CHECK(v.reason == reject_reason::daily_loss);
  CHECK(v.value == 0.05);
  CHECK(v.state == trading_state::reducing);
  CHECK(gate.check(limit(3, "AAPL", side::sell, 500, 100.0), d.state()).ok());

  // Realised: selling at the loss keeps the loss in equity.
  d.account.apply_fill({.sym = "AAPL", .side = side::sell, .quantity = 1000, .price = 100.0});
  CHECK(d.account.realised_pnl() == -50'000);
  CHECK(d.account.daily_loss() == 0.05);
}

TEST_CASE("drawdown_limit: reject only, or move the state", "[risk][checks]") {
  desk d;
  d.hold("AAPL", 1000);
  d.quote("AAPL", 128.99, 129.01);  // equity 979,000: drawdown 0.021 from 1,000,000
  d.mark();
  const drawdown_limit only{.max_drawdown = 0.02, .on_breach = breach_action::reject_increasing};
  risk_gate gate{fresh(), only};
  const verdict v = gate.check(limit(1, "MSFT", side::buy, 1, 400.0), d.state());
  CHECK(v.reason == reject_reason::max_drawdown);
  CHECK_THAT(v.value, WithinRel(0.021, 1e-12));
  CHECK(v.state == trading_state::active);
  CHECK(gate.check(limit(2, "AAPL", side::sell, 10, 129.0), d.state()).ok());
  CHECK(judge(d, drawdown_limit{.max_drawdown = 0.03}, limit(3, "MSFT", side::buy, 1, 400.0)).ok());
}

TEST_CASE("loss limits fail closed on a day-start equity or high-water mark that is not > 0",
          "[risk][checks]") {
  // An account opened with no cash buys 100 AAPL at 150 (cash -15,000, equity 0); AAPL
  // then rises to 160: equity 1,000 > 0 and valued, but the day started at 0, so the
  // daily loss (0 - 1,000) / 0 is -inf. That must reject, not pass every order.
  desk d;
  d.account = account_state{0.0, 64};
  d.mark();
  d.hold("AAPL", 100);
  d.quote("AAPL", 159.99, 160.01);
  d.mark();
  REQUIRE(d.account.health(d.clock.now(), 60s) == account_status::ok);
  REQUIRE(d.account.equity() == 1'000);
  REQUIRE(d.account.day_start_equity() == 0);
  REQUIRE(std::isinf(d.account.daily_loss()));
  const verdict v = judge(d, daily_loss_limit{.max_loss = 0.05}, limit(1, "MSFT", side::buy, 1, 400.0));
  CHECK(v.reason == reject_reason::account_unavailable);
  CHECK(v.account_problem() == account_status::invalid_day_start_equity);
  // Selling (reducing) is refused too: the limit cannot be judged at all.
  CHECK(judge(d, daily_loss_limit{.max_loss = 0.05}, limit(2, "AAPL", side::sell, 10, 160.0))
            .account_problem() == account_status::invalid_day_start_equity);

  // A high-water mark of -1 (an account opened at -1 and read as if valued): the drawdown
  // 1 - (-1 / -1) = 0 used to pass.
  const account_state negative{-1.0};
  REQUIRE(negative.drawdown() == 0);
  const check_result dd = drawdown_limit{}.monitor(negative, account_status::ok);
  CHECK(dd.reason == reject_reason::account_unavailable);
  CHECK(dd.detail == static_cast<std::uint8_t>(account_status::invalid_high_water_mark));
  // The same account's day-start equity of -1 (its daily loss 1 - (-1) / (-1) = 0).
  const check_result dl = daily_loss_limit{.max_loss = 0.05}.monitor(negative, account_status::ok);
  CHECK(dl.detail == static_cast<std::uint8_t>(account_status::invalid_day_start_equity));
  CHECK(fmt::format("{}", account_status::invalid_day_start_equity) ==
        "day-start equity is not finite and > 0");
}

TEST_CASE("a day cannot start on an equity that is not > 0", "[risk][account]") {
  desk d;
  d.account = account_state{-1.0, 64};
  d.mark();
  REQUIRE(d.account.status() == account_status::ok);
  CHECK_THROWS_MATCHES(d.account.start_day(), bulwark::input_error,
                       bulwark::test::throws_error("bulwark.risk.account",
                                                   "start_day: equity -1 must be finite and > 0"));
}

TEST_CASE("checks reject nonsense configuration", "[risk][checks][config]") {
  using bulwark::test::throws_error;
  const auto bad = [](auto check, const char* fragment) {
    CHECK_THROWS_MATCHES(check.validate(), bulwark::config_error,
                         throws_error("bulwark.risk.checks", fragment));
  };
  bad(max_order_notional{.max_notional = -1}, "max_order_notional.max_notional -1 must be > 0");
  bad(position_limit{}, "position_limit: max_quantity and max_notional are both inf");
  bad(position_limit{.max_quantity = missing}, "position_limit.max_quantity nan");
  bad(exposure_limit{}, "max_gross and max_net are both inf");
  bad(leverage_limit{}, "leverage_limit.max_leverage nan must be finite and > 0");
  bad(tick_size{.tick = 0}, "tick_size.tick 0");
  bad(lot_size{.lot = unlimited}, "lot_size.lot inf");
  bad(daily_loss_limit{}, "daily_loss_limit.max_loss nan outside (0, 1]");
  bad(drawdown_limit{.max_drawdown = 1.5}, "drawdown_limit.max_drawdown 1.5 outside (0, 1]");
  bad(drawdown_limit{.on_breach = breach_action::halt, .liquidate = true},
      "drawdown_limit: liquidate with on_breach halt cannot work");
  drawdown_limit{.on_breach = breach_action::reduce, .liquidate = true}.validate();  // fine
  drawdown_limit{.on_breach = breach_action::halt}.validate();                       // fine
  bad(stale_market_data{.max_mark_age = 1s}, "stale_market_data.max_age 0 ns outside (0, 1e8 s]");
  bad(daily_loss_limit{.max_loss = 0.02, .on_breach = static_cast<breach_action>(7)},
      "daily_loss_limit.on_breach 7 is not a breach_action");
  bad(drawdown_limit{.on_breach = static_cast<breach_action>(3)},
      "drawdown_limit.on_breach 3 is not a breach_action");
}

}  // namespace checks_test
