// SPDX-License-Identifier: MIT
#include <chrono>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "bulwark/core/market.hpp"
#include "support/catch.hpp"

using bulwark::market_snapshot;
using bulwark::price_status;
using namespace std::chrono_literals;

namespace market_test {
const bulwark::timestamp t0 = bulwark::from_unix_seconds(1'717'425'000);
const double nan = std::numeric_limits<double>::quiet_NaN();
const double inf = std::numeric_limits<double>::infinity();
}  // namespace market_test

TEST_CASE("the reference price is the fresh mid, else the fresh last", "[core][market]") {
  using market_test::t0;
  market_snapshot m{4};
  m.set_quote("AAPL", 189.98, 190.02, t0);
  m.set_last("AAPL", 190.10, t0 + 2s);

  auto p = m.reference_price("AAPL", t0 + 1s, 5s);
  CHECK(p.ok());
  CHECK(p.price == 0.5 * (189.98 + 190.02));
  CHECK(p.time == t0);

  // The quote is 6 s old at t0 + 6 s (stale for a 5 s limit); the trade is 4 s old.
  p = m.reference_price("AAPL", t0 + 6s, 5s);
  CHECK(p.ok());
  CHECK(p.price == 190.10);
  CHECK(p.time == t0 + 2s);

  // Exactly max_age old is still fresh; one nanosecond more is stale.
  CHECK(m.reference_price("AAPL", t0 + 7s, 5s).ok());
  CHECK(m.reference_price("AAPL", t0 + 7s + 1ns, 5s).status == price_status::stale);
}

TEST_CASE("every unusable price fails closed with its reason", "[core][market]") {
  using market_test::t0, market_test::nan, market_test::inf;
  market_snapshot m;
  const auto status = [&](bulwark::symbol s) { return m.reference_price(s, t0, 1s).status; };

  CHECK(status("NONE") == price_status::unknown_symbol);
  CHECK(std::isnan(m.reference_price("NONE", t0, 1s).price));

  m.set_quote("EMPTY", nan, nan, t0);
  CHECK(status("EMPTY") == price_status::no_price);
  m.set_quote("INF", inf, 10.0, t0);
  CHECK(status("INF") == price_status::non_finite);
  m.set_quote("ONESIDED", 10.0, nan, t0);
  CHECK(status("ONESIDED") == price_status::non_finite);
  m.set_last("ZERO", 0.0, t0);
  CHECK(status("ZERO") == price_status::non_positive);
  m.set_quote("CROSSED", 10.2, 10.0, t0);
  CHECK(status("CROSSED") == price_status::crossed);
  m.set_last("FUTURE", 10.0, t0 + 1ms);
  CHECK(status("FUTURE") == price_status::from_future);
  m.set_last("OLD", 10.0, t0 - 2s);
  CHECK(status("OLD") == price_status::stale);
  // Instants more than 292 years before now, whose age overflows a signed difference.
  m.set_quote("NEVER", 9.99, 10.01, bulwark::timestamp::min());
  CHECK(status("NEVER") == price_status::stale);
  m.set_last("Y1700", 10.0, bulwark::make_timestamp(date::year{1700} / 1 / 1));
  CHECK(status("Y1700") == price_status::stale);

  // A stale result is timed by the newest price judged stale: the trade when both are
  // stale, the quote when the fresh trade is unusable.
  m.set_quote("BOTH", 9.99, 10.01, t0 - 10s);
  m.set_last("BOTH", 10.0, t0 - 6s);
  CHECK(m.reference_price("BOTH", t0, 5s).status == price_status::stale);
  CHECK(m.reference_price("BOTH", t0, 5s).time == t0 - 6s);
  m.set_quote("BADLAST", 9.99, 10.01, t0 - 10s);
  m.set_last("BADLAST", 0.0, t0);
  CHECK(m.reference_price("BADLAST", t0, 5s).status == price_status::stale);
  CHECK(m.reference_price("BADLAST", t0, 5s).time == t0 - 10s);
  CHECK(m.reference_price("CROSSED", t0, 1s).time == bulwark::timestamp{});  // not stale

  // A broken quote with a fresh trade falls back to the trade; with a stale trade it
  // reports the quote's problem.
  m.set_last("CROSSED", 10.1, t0);
  CHECK(m.reference_price("CROSSED", t0, 1s).price == 10.1);
  m.set_last("CROSSED", 10.1, t0 - 5s);
  CHECK(status("CROSSED") == price_status::crossed);
}

TEST_CASE("a quote is used exactly when it is finite, positive, uncrossed and fresh",
          "[core][market]") {
  // Every pair of these bids and asks (subnormal and huge ones among them), at times
  // before, at, after and far before now: the mid is used exactly when the documented
  // rule holds, and otherwise the lookup fails with the reason the rule names first (no
  // trade is set, so nothing falls back).
  using market_test::t0, market_test::nan, market_test::inf;
  const double max = std::numeric_limits<double>::max();
  const double tiny = std::numeric_limits<double>::denorm_min();
  const double least_normal = std::numeric_limits<double>::min();
  const double values[] = {nan,    -inf, -1.0, 0.0,        tiny, 3 * tiny, least_normal,
                           1e-300, 1.0,  2.0,  0.75 * max, max,  inf};
  const bulwark::timestamp times[] = {t0 - 2s, t0 - 1s, t0, t0 + 1ns};
  for (const double bid : values) {
    for (const double ask : values) {
      for (const bulwark::timestamp t : times) {
        market_snapshot m;
        m.set_quote("Q", bid, ask, t);
        const bulwark::price_check p = m.reference_price("Q", t0, 1s);
        price_status expected = price_status::ok;
        if (std::isnan(bid) && std::isnan(ask)) {
          expected = price_status::no_price;
        } else if (!std::isfinite(bid) || !std::isfinite(ask)) {
          expected = price_status::non_finite;
        } else if (bid <= 0.0 || ask <= 0.0) {
          expected = price_status::non_positive;
        } else if (bid > ask) {
          expected = price_status::crossed;
        } else if (t > t0) {
          expected = price_status::from_future;
        } else if (t0 - t > 1s) {
          expected = price_status::stale;
        }
        INFO("bid " << bid << " ask " << ask << " at t0 " << (t - t0).count() << " ns");
        CHECK(p.status == expected);
        if (expected == price_status::ok) {
          // The mid: the rounded half-sum whenever the sum is finite, and always a finite
          // price > 0 between the bid and the ask (subnormal and huge quotes included).
          if (std::isfinite(bid + ask)) CHECK(p.price == (bid + ask) / 2);
          CHECK(p.price > 0.0);
          CHECK(bid <= p.price);
          CHECK(p.price <= ask);
        } else {
          CHECK(std::isnan(p.price));
        }
      }
    }
  }
}

TEST_CASE("price statuses, checks and market data format for people", "[core][market][format]") {
  using market_test::t0;
  CHECK(fmt::format("{}", price_status::stale) == "stale price");
  CHECK(fmt::format("{}", price_status::unknown_symbol) == "unknown symbol");
  market_snapshot m;
  m.set_quote("X", 9.5, 10.5, t0);
  CHECK(fmt::format("{}", m.reference_price("X", t0, 1s)) == "10 @ 2024-06-03T14:30:00Z");
  CHECK(fmt::format("{}", m.reference_price("Y", t0, 1s)) == "no price: unknown symbol");
  CHECK(fmt::format("{}", *m.find("X")) ==
        "bid 9.5 ask 10.5 @ 2024-06-03T14:30:00Z, last nan @ 1970-01-01T00:00:00Z");
}
