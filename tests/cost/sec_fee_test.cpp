// SPDX-License-Identifier: MIT
#include <chrono>

#include <fmt/format.h>

#include "bulwark/cost/cost_model.hpp"
#include "bulwark/cost/sec_fee.hpp"
#include "support/catch.hpp"

namespace sec_fee_test {
using namespace bulwark::cost;
using namespace std::chrono_literals;

fill_context sale(double quantity, double price, date::year_month_day day,
                  bulwark::side s = bulwark::side::sell) {
  return {.side = s, .quantity = quantity, .price = price,
          .time = bulwark::make_timestamp(day, 15h), .fee_class = fee_class::us_equity};
}
}  // namespace sec_fee_test

TEST_CASE("the SEC fee on a $1,000,000 sale on 2024-06-03 is $27.80, on a purchase $0",
          "[cost][sec_fee]") {
  using namespace sec_fee_test;
  using date::year;
  const sec_fee fee{};
  CHECK(fee.cost(sale(10'000, 100.0, year{2024} / 6 / 3)) == 27.80);
  CHECK(fee.cost(sale(10'000, 100.0, year{2024} / 6 / 3, bulwark::side::buy)) == 0.0);
  // The rate table: $8.00 the day before 2024-05-22, $27.80 from it, $0.00 from 2025-05-14.
  CHECK(fee.cost(sale(10'000, 100.0, year{2024} / 5 / 21)) == 8.00);
  CHECK(fee.cost(sale(10'000, 100.0, year{2024} / 5 / 22)) == 27.80);
  CHECK(fee.cost(sale(10'000, 100.0, year{2025} / 5 / 13)) == 27.80);
  CHECK(fee.cost(sale(10'000, 100.0, year{2025} / 5 / 14)) == 0.00);
  CHECK(fee.cost(sale(10'000, 100.0, year{2023} / 2 / 27)) == 8.00);
  // Rounded up to the cent: $1,000 x 27.80 / 1e6 = $0.0278 -> $0.03; $12,345 -> $0.343191 -> $0.35.
  CHECK(fee.cost(sale(10, 100.0, year{2024} / 6 / 3)) == 0.03);
  CHECK(fee.cost(sale(123.45, 100.0, year{2024} / 6 / 3)) == 0.35);
  CHECK_THAT(fee.accrue(sale(123.45, 100.0, year{2024} / 6 / 3)),
             bulwark::test::WithinRel(12'345.0 * 27.80 / 1e6, 1e-15));
  // Other fee classes pay no Section 31 fee.
  fill_context btc = sale(1, 60'000, year{2024} / 6 / 3);
  btc.fee_class = fee_class::crypto;
  CHECK(fee.cost(btc) == 0.0);
}

TEST_CASE("the SEC fee takes the rate of the New York trade date, after hours too", "[cost][sec_fee]") {
  using namespace sec_fee_test;
  using date::year;
  const sec_fee fee{};
  // 2024-05-22T01:30Z is 21:30 on 2024-05-21 in New York (EDT): an after-hours sale on the
  // last day of the $8.00 rate. 04:00Z is midnight in New York: $27.80 from then.
  fill_context late = sale(10'000, 100.0, year{2024} / 5 / 22);
  late.time = bulwark::make_timestamp(year{2024} / 5 / 22, 1h + 30min);
  CHECK(fee.cost(late) == 8.00);
  late.time = bulwark::make_timestamp(year{2024} / 5 / 22, 4h);
  CHECK(fee.cost(late) == 27.80);
  // 2026-01-01T03:00Z is 22:00 on 2025-12-31 in New York (EST): inside the table.
  late.time = bulwark::make_timestamp(year{2026} / 1 / 1, 3h);
  CHECK(fee.check(late) == fill_problem::none);
  CHECK(fee.cost(late) == 0.00);
  late.time = bulwark::make_timestamp(year{2026} / 1 / 1, 5h);
  CHECK(fee.check(late) == fill_problem::no_rate_for_date);
}

TEST_CASE("the SEC fee refuses a sale outside its table and a context with no class",
          "[cost][sec_fee]") {
  using namespace sec_fee_test;
  using bulwark::test::throws_error;
  using date::year;
  const sec_fee fee{};
  CHECK(fee.check(sale(100, 10.0, year{2023} / 2 / 26)) == fill_problem::no_rate_for_date);
  CHECK(fee.check(sale(100, 10.0, year{2023} / 2 / 26, bulwark::side::buy)) == fill_problem::none);
  const cost_model model{sec_fee{}};
  fill_context unknown = sale(100, 10.0, year{2024} / 6 / 3);
  unknown.fee_class = fee_class::unspecified;
  CHECK_THROWS_MATCHES(model.cost(unknown), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context", "has no fee_class, which part 0 (sec_fee) needs"));
  CHECK_THROWS_MATCHES(sec_fee{.rate_per_million = dated_schedule<double>{}}.validate(),
                       bulwark::config_error, throws_error("bulwark.cost.sec_fee", "the rate table is empty"));
  CHECK_THROWS_MATCHES((sec_fee{.rate_per_million = {{{year{2024} / 1 / 1, -2.0}}}}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.cost.sec_fee", "rate from 2024-01-01 -2 must be finite and >= 0"));
  CHECK(fmt::format("{}", fee) ==
        "sec_fee{$ per $1M sold: 2023-02-27: 8, 2024-05-22: 27.8, 2025-05-14: 0 (until 2026-01-01, New York dates); "
        "rounded up to the cent per_fill}");
  // The table ends on 2026-01-01 (00:00 in New York): a sale from then on is refused, not charged $0.
  CHECK(fee.check(sale(100, 10.0, year{2025} / 12 / 31)) == fill_problem::none);
  CHECK(fee.check(sale(100, 10.0, year{2026} / 1 / 1)) == fill_problem::no_rate_for_date);
  CHECK(fee.check(sale(100, 10.0, year{2026} / 1 / 1, bulwark::side::buy)) == fill_problem::none);
  CHECK(fee.rate_per_million.until() == date::sys_days{year{2026} / 1 / 1});
  CHECK_THROWS_MATCHES(model.cost(sale(100, 10.0, year{2027} / 3 / 1)), bulwark::input_error,
                       throws_error("bulwark.cost.model",
                                    "part 0 (sec_fee) cannot price the fill: no rate in the schedule for "
                                    "the fill's date"));
}
