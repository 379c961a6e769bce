// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "bulwark/core/quote.hpp"
#include "support/catch.hpp"

using bulwark::quote;
using bulwark::test::WithinULP;

TEST_CASE("a two-sided quote has a mid and a spread", "[core][quote]") {
  const quote q{.bid = 99.98, .ask = 100.02, .bid_size = 100, .ask_size = 300};
  CHECK(q.ok());
  CHECK_THAT(q.mid(), WithinULP(100.0, 1));
  CHECK_THAT(q.spread(), WithinULP(100.02 - 99.98, 0));
  CHECK_THAT(q.relative_spread(), WithinULP((100.02 - 99.98) / 100.0, 2));
  CHECK_FALSE(q.is_crossed());
  CHECK_FALSE(q.is_locked());
  CHECK_FALSE(q.is_one_sided());

  // Near the largest double the mid stays finite (bid + ask would overflow to inf), and
  // a subnormal quote keeps its mid (halving each side first would round it to 0).
  const double max = std::numeric_limits<double>::max();
  const double tiny = std::numeric_limits<double>::denorm_min();
  CHECK(quote{.bid = max, .ask = max}.mid() == max);
  CHECK(quote{.bid = tiny, .ask = tiny}.mid() == tiny);
}

TEST_CASE("broken quotes are detected and give NaN, not a price", "[core][quote]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const quote crossed{.bid = 100.05, .ask = 100.0};
  CHECK(crossed.is_crossed());
  CHECK_FALSE(crossed.ok());
  CHECK(std::isnan(crossed.mid()));
  CHECK(std::isnan(crossed.spread()));

  const quote locked{.bid = 100.0, .ask = 100.0};
  CHECK(locked.is_locked());
  CHECK(locked.ok());
  CHECK(locked.spread() == 0.0);

  for (const quote& one_sided : {quote{.bid = 0.0, .ask = 100.0}, quote{.bid = 99.0, .ask = nan},
                                 quote{.bid = -1.0, .ask = 100.0}}) {
    CHECK(one_sided.is_one_sided());
    CHECK_FALSE(one_sided.ok());
    CHECK(std::isnan(one_sided.mid()));
  }
  CHECK_FALSE(quote{}.ok());
  CHECK_FALSE(quote{}.is_one_sided());
}

TEST_CASE("quotes format as bid x size / ask x size @ time", "[core][quote][format]") {
  const quote q{.bid = 99.5, .ask = 100.5, .bid_size = 2, .ask_size = 3,
                .time = bulwark::from_unix_seconds(0)};
  CHECK(fmt::format("{}", q) == "99.5 x 2 / 100.5 x 3 @ 1970-01-01T00:00:00Z");
}
