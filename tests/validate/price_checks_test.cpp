// SPDX-License-Identifier: MIT
#include <limits>
#include <vector>

#include "bulwark/validate/price_checks.hpp"
#include "bulwark/validate/validator.hpp"
#include "support/catch.hpp"
#include "support/findings.hpp"

namespace price_checks_test {
using namespace bulwark;
using namespace bulwark::validate;
constexpr double not_a_number_value = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

// A clean bar at price p on day d, with the fields in `b` overriding it.
inline bar_series series(std::initializer_list<bar> bars) {
  bar_series s{"TEST"};
  std::int64_t day = 0;
  for (bar b : bars) {
    b.time = from_unix_seconds(86'400 * day++);
    s.push_back(b);
  }
  return s;
}
inline bar clean(double p) { return {.open = p, .high = p * 1.01, .low = p * 0.99, .close = p, .volume = 1000}; }
}  // namespace price_checks_test

TEST_CASE("positive_prices flags every non-finite or non-positive price once", "[validate][price_checks]") {
  using namespace price_checks_test;
  bar zero = clean(10), negative = clean(10), not_a_number = clean(10), infinite = clean(10);
  zero.open = 0.0;
  negative.low = -1.0;
  not_a_number.close = not_a_number_value;
  infinite.high = inf;
  // 40 rows, so the screen's full blocks and its tail are both exercised.
  std::vector<bar> bars(40, clean(10));
  bars[3] = zero;
  bars[17] = negative;
  bars[31] = not_a_number;
  bars[38] = infinite;
  bar_series s{"TEST"};
  for (std::size_t i = 0; i < bars.size(); ++i) {
    bars[i].time = from_unix_seconds(static_cast<std::int64_t>(i) * 86'400);
    s.push_back(bars[i]);
  }
  const report r = test::run_every_kernel(validator{positive_prices{}, ohlc_consistency{}}, s);
  CHECK(test::finding_rows(r) == std::vector<std::size_t>{3, 17, 31, 38});
  for (const finding& f : r.findings()) {
    CHECK(f.check == "non_positive_price");
    CHECK(f.level == severity::error);
    CHECK(r.quarantined(f.row));
  }
  CHECK(r.quarantined_rows() == 4);
  CHECK(r.findings()[1].values.find("low")->value == -1.0);
  CHECK(message(r.findings()[0]) == "price not finite and > 0 (open 0; high 10.1; low 9.9; close 10)");
}

TEST_CASE("non_negative_volume flags negative and non-finite volume", "[validate][price_checks]") {
  using namespace price_checks_test;
  bar a = clean(10), b = clean(10), c = clean(10);
  a.volume = -5;
  b.volume = not_a_number_value;
  c.volume = 0;  // zero is a volume (zero_volume_run judges it)
  const report r = test::run_every_kernel(validator{non_negative_volume{}}, series({clean(10), a, b, c}));
  CHECK(test::finding_rows(r) == std::vector<std::size_t>{1, 2});
}

TEST_CASE("ohlc_consistency: low <= open, close <= high, and a NaN is not reported twice", "[validate][price_checks]") {
  using namespace price_checks_test;
  bar low_above_open = clean(10), close_above_high = clean(10), nan_close = clean(10), tight = clean(10);
  low_above_open.low = 10.05;                // above open 10
  close_above_high.close = 10.2;             // above high 10.1
  nan_close.close = not_a_number_value;
  tight.low = tight.high = tight.open = tight.close = 10;  // a flat bar is consistent
  const report r = test::run_every_kernel(validator{ohlc_consistency{.level = severity::warning}}, 
      series({clean(10), low_above_open, close_above_high, nan_close, tight}));
  CHECK(test::finding_rows(r) == std::vector<std::size_t>{1, 2});
  CHECK(r.findings()[0].level == severity::warning);
  CHECK(r.quarantined_rows() == 0);  // warnings do not quarantine by default
}
