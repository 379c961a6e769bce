// SPDX-License-Identifier: MIT
#include <filesystem>
#include <vector>

#include "bulwark/validate/run_checks.hpp"
#include "bulwark/validate/validator.hpp"
#include "support/catch.hpp"
#include "support/findings.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace run_checks_test {
using namespace bulwark;
using namespace bulwark::validate;

inline bar_series closes_and_volumes(const std::vector<double>& c, const std::vector<double>& v) {
  bar_series s{"TEST"};
  for (std::size_t i = 0; i < c.size(); ++i) {
    s.push_back({.time = from_unix_seconds(static_cast<std::int64_t>(i) * 60), .open = c[i], .high = c[i],
                 .low = c[i], .close = c[i], .volume = v[i]});
  }
  return s;
}
}  // namespace run_checks_test

TEST_CASE("stuck_price reports runs of at least `run` identical closes once", "[validate][run_checks]") {
  using namespace run_checks_test;
  // Closes: 1 2 2 2 2 2 3 4 4 4 4 : a run of 5 twos (rows 1..5) and of 4 fours.
  const std::vector<double> c{1, 2, 2, 2, 2, 2, 3, 4, 4, 4, 4};
  const report r = test::run_every_kernel(validator{stuck_price{}}, closes_and_volumes(c, std::vector<double>(c.size(), 1)));
  REQUIRE(r.findings().size() == 1);
  CHECK(r.findings()[0].row == 1);
  CHECK(r.findings()[0].rows == 5);
  CHECK(test::run_every_kernel(validator{stuck_price{.run = 4}}, closes_and_volumes(c, std::vector<double>(c.size(), 1))).findings().size() == 2);
  CHECK_THROWS_MATCHES(validator{stuck_price{.run = 1}}, config_error,
                       test::throws_error("bulwark.validate.runs", "stuck_price: run 1; expected >= 2"));
}

TEST_CASE("zero_volume_run reports streaks of zero volume", "[validate][run_checks]") {
  using namespace run_checks_test;
  const std::vector<double> v{5, 0, 0, 7, 0, 8};
  const std::vector<double> c{1, 2, 3, 4, 5, 6};
  const report one = test::run_every_kernel(validator{zero_volume_run{}}, closes_and_volumes(c, v));
  REQUIRE(one.findings().size() == 2);
  CHECK(one.findings()[0].rows == 2);
  CHECK(one.findings()[1].row == 4);
  CHECK(test::run_every_kernel(validator{zero_volume_run{.run = 2}}, closes_and_volumes(c, v)).findings().size() == 1);
}

TEST_CASE("zero-volume days and stuck closes in the shared Alpha Vantage files", "[validate][run_checks][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace run_checks_test;
  // The data README: NRG and VRTX have one zero-volume day each, the other 38 none; no
  // file has five identical closes in a row (checked here independently by counting).
  for (const auto& entry : std::filesystem::directory_iterator(data / "daily/alphavantage_sp500")) {
    const test::csv_table t{entry.path()};
    const auto c = t.numbers("close");
    const auto v = t.numbers("volume");
    const std::string name = entry.path().stem().string();
    INFO(name);
    std::size_t zero_days = 0, stuck_runs = 0, same = 1;
    for (std::size_t i = 0; i < v.size(); ++i) {
      zero_days += v[i] == 0 ? 1U : 0U;
      same = i > 0 && c[i] == c[i - 1] ? same + 1 : 1;
      stuck_runs += same == 5 ? 1U : 0U;
    }
    const report r = test::run_every_kernel(validator{zero_volume_run{}, stuck_price{}}, closes_and_volumes(c, v));
    CHECK(r.count("zero_volume") == zero_days);
    CHECK(zero_days == (name == "NRG" || name == "VRTX" ? 1U : 0U));
    CHECK(r.count("stuck_price") == stuck_runs);
  }
}
