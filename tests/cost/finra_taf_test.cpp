// SPDX-License-Identifier: MIT
#include <chrono>

#include <fmt/format.h>

#include "bulwark/cost/finra_taf.hpp"
#include "support/catch.hpp"

namespace finra_taf_test {
using namespace bulwark::cost;
using namespace std::chrono_literals;

fill_context sale(double quantity, date::year_month_day day, bulwark::side s = bulwark::side::sell) {
  return {.side = s, .quantity = quantity, .price = 20.0,
          .time = bulwark::make_timestamp(day, 15h), .fee_class = fee_class::us_equity};
}
}  // namespace finra_taf_test

TEST_CASE("the TAF is per share sold, capped per trade, rounded up to the cent", "[cost][taf]") {
  using namespace finra_taf_test;
  using date::year;
  const finra_taf taf{};
  const auto day = year{2024} / 6 / 3;
  // 2024: $0.000166 per share, at most $8.30 per trade.
  CHECK(taf.cost(sale(100, day)) == 0.02);        // 0.0166 -> 0.02
  CHECK(taf.cost(sale(1, day)) == 0.01);          // 0.000166 -> the minimum cent
  CHECK(taf.cost(sale(10'000, day)) == 1.66);
  // The cap is reached at 8.30 / 0.000166 = 50,000 shares and holds above.
  CHECK(taf.cost(sale(49'999, day)) == 8.30);     // 8.299834 -> 8.30
  CHECK(taf.cost(sale(50'000, day)) == 8.30);
  CHECK(taf.cost(sale(1'000'000, day)) == 8.30);
  CHECK(taf.cost(sale(1'000'000, day, bulwark::side::buy)) == 0.0);
  // 2023: $0.000145 per share, at most $7.27: 1,000 shares -> 0.145 -> 0.15.
  CHECK(taf.cost(sale(1'000, year{2023} / 12 / 29)) == 0.15);
  CHECK(taf.cost(sale(1'000'000, year{2023} / 12 / 29)) == 7.27);
  CHECK(taf.cost(sale(1'000'000, year{2022} / 7 / 1)) == 6.49);
  // Trade dates are New York dates: 2024-01-01T04:30Z is 23:30 on 2023-12-31 there (EST),
  // so the 2023 rate and cap apply; from 05:00Z, 2024's.
  fill_context eve = sale(1'000'000, year{2024} / 1 / 1);
  eve.time = bulwark::make_timestamp(year{2024} / 1 / 1, 4h + 30min);
  CHECK(taf.cost(eve) == 7.27);
  eve.time = bulwark::make_timestamp(year{2024} / 1 / 1, 5h);
  CHECK(taf.cost(eve) == 8.30);
  CHECK(taf.check(sale(100, year{2026} / 1 / 2)) == fill_problem::no_rate_for_date);
  CHECK(taf.check(sale(100, year{2021} / 12 / 31)) == fill_problem::no_rate_for_date);
  CHECK(taf.check(sale(100, year{2021} / 12 / 31, bulwark::side::buy)) == fill_problem::none);
}

TEST_CASE("the TAF table and its configuration errors", "[cost][taf]") {
  using namespace finra_taf_test;
  using bulwark::test::throws_error;
  using date::year;
  CHECK(fmt::format("{}", finra_taf{}) ==
        "finra_taf{2022-01-01: 0.00013/share max 6.49, 2023-01-01: 0.000145/share max 7.27, "
        "2024-01-01: 0.000166/share max 8.3 (until 2026-01-01, New York dates); rounded up to the cent per_fill}");
  CHECK_THROWS_MATCHES((finra_taf{.rates = {{{year{2024} / 1 / 1, {0.000166, -1}}}}}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.cost.finra_taf", "cap from 2024-01-01 -1 must be finite and >= 0"));
  CHECK_THROWS_MATCHES(finra_taf{.rates = {}}.validate(), bulwark::config_error,
                       throws_error("bulwark.cost.finra_taf", "the per-share rate table is empty"));
}
