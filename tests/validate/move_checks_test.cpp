// SPDX-License-Identifier: MIT
#include <algorithm>
#include <vector>

#include "bulwark/validate/move_checks.hpp"
#include "bulwark/validate/validator.hpp"
#include "support/catch.hpp"
#include "support/findings.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace move_checks_test {
using namespace bulwark;
using namespace bulwark::validate;

inline bar_series closes(std::initializer_list<double> values) {
  bar_series s{"TEST"};
  std::int64_t day = 0;
  for (double c : values) {
    s.push_back({.time = from_unix_seconds(86'400 * day++), .open = c, .high = c, .low = c, .close = c, .volume = 1});
  }
  return s;
}
}  // namespace move_checks_test

TEST_CASE("extreme_move compares |return| with the threshold, net of events", "[validate][move_checks]") {
  using namespace move_checks_test;
  // Returns: +25%, -20% (exactly the threshold: not beyond), -30%, +10%.
  const bar_series s = closes({100, 125, 100, 70, 77});
  const report r = test::run_every_kernel(validator{extreme_move{}}, s);
  REQUIRE(r.findings().size() == 2);
  CHECK(r.findings()[0].row == 1);
  CHECK(r.findings()[0].values.find("return")->value == 0.25);
  CHECK(r.findings()[1].row == 3);
  CHECK(r.findings()[1].level == severity::warning);
  CHECK_THROWS_MATCHES(validator{extreme_move{.threshold = 0.0}}, config_error,
                       test::throws_error("bulwark.validate.moves", "threshold 0"));

  // A 2:1 split on row 2 (close 100 -> 51: +2% for holders) and a 30 dividend on row 3
  // ((21 + 30) / 51 = 1): no extreme move once the events are supplied.
  const bar_series with_events = closes({100, 100, 51, 21});
  const std::vector<double> split{1, 1, 2, 1};
  const std::vector<double> dividend{0, 0, 0, 30};
  CHECK(test::run_every_kernel(validator{extreme_move{}}, with_events).findings().size() == 2);
  CHECK(test::run_every_kernel(validator{extreme_move{}}, with_events, {split, dividend}).findings().empty());
}

TEST_CASE("unexplained_split: a split-sized jump without a split event", "[validate][move_checks]") {
  using namespace move_checks_test;
  // 100 -> 49.5 (1/2, 1% off), 49.5 -> 49 (small), 49 -> 16.5 (1/3 within 1.1%), 16.5 -> 33
  // (a 1:2 reverse split), 33 -> 20 (0.606: no common factor within 5%).
  const bar_series s = closes({100, 49.5, 49, 16.5, 33, 20});
  const report r = test::run_every_kernel(validator{unexplained_split{}}, s);
  std::vector<std::size_t> rows;
  for (const auto& f : r.findings()) rows.push_back(f.row);
  CHECK(rows == std::vector<std::size_t>{1, 3, 4});
  CHECK(r.findings()[0].values.find("split_factor")->value == 0.5);
  CHECK(r.findings()[2].values.find("split_factor")->value == 2.0);
  // The split supplied on row 1 explains it.
  const std::vector<double> split{1, 2, 1, 1, 1, 1};
  const report explained = test::run_every_kernel(validator{unexplained_split{}}, s, {split, {}});
  CHECK(explained.findings().size() == 2);
  CHECK(explained.findings()[0].row == 3);
}

TEST_CASE("unit_error: a 100x jump that reverts is an error over the rows between", "[validate][move_checks]") {
  using namespace move_checks_test;
  const bar_series s = closes({10, 10.1, 1015, 1020, 10.3, 10.2, 1030});
  const report r = test::run_every_kernel(validator{unit_error{}}, s);
  REQUIRE(r.findings().size() == 2);
  CHECK(r.findings()[0].row == 2);
  CHECK(r.findings()[0].rows == 2);
  CHECK(r.findings()[0].level == severity::error);
  CHECK(r.quarantined(2));
  CHECK(r.quarantined(3));
  CHECK_FALSE(r.quarantined(4));
  // Row 6 jumps and never returns: a warning.
  CHECK(r.findings()[1].row == 6);
  CHECK(r.findings()[1].level == severity::warning);
  CHECK(message(r.findings()[1]) == "prices jump by the unit factor and stay (jump 100.98039215686275)");
}

TEST_CASE("unit_error finds the pence/pounds switch in yfinance's AET.L file", "[validate][move_checks][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace move_checks_test;
  // The bad file is newest first; yfinance's repaired file shows which rows were off by
  // 100x: where the ratio bad/fixed changes between 1 and 1/100.
  const test::csv_table bad{data / "quality/yfinance_price_repair/AET-L-1d-100x-error.csv"};
  const test::csv_table fixed{data / "quality/yfinance_price_repair/AET-L-1d-100x-error-fixed.csv"};
  std::vector<double> close = bad.numbers("Close");
  std::vector<double> repaired = fixed.numbers("Close");
  std::reverse(close.begin(), close.end());
  std::reverse(repaired.begin(), repaired.end());
  bar_series s{"AET.L"};
  std::vector<std::size_t> changes;
  for (std::size_t i = 0; i < close.size(); ++i) {
    s.push_back({.time = from_unix_seconds(static_cast<std::int64_t>(i) * 86'400), .open = close[i],
                 .high = close[i], .low = close[i], .close = close[i], .volume = 1});
    const bool off = close[i] < 0.5 * repaired[i];
    if (i > 0 && off != (close[i - 1] < 0.5 * repaired[i - 1])) changes.push_back(i);
  }
  REQUIRE(changes.size() == 2);  // rows 4 (2022-05-09) and 13 (2022-05-20)
  const report r = test::run_every_kernel(validator{unit_error{}}, s);
  REQUIRE(r.findings().size() == 1);
  CHECK(r.findings()[0].row == changes[0]);
  CHECK(r.findings()[0].rows == changes[1] - changes[0]);
  CHECK_THAT(r.findings()[0].values.find("jump")->value, test::WithinRel(100.0, 1e-6));
}
