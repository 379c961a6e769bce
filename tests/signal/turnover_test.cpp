// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/panel.hpp"
#include "bulwark/signal/turnover.hpp"
#include "support/catch.hpp"

namespace turnover_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
}  // namespace turnover_test

TEST_CASE("turnover counts both sides of every trade", "[signal][turnover]") {
  // Sell 10 % of A, buy 10 % of B: 0.2.
  CHECK_THAT(bulwark::signal::turnover(std::vector<double>{0.5, 0.0, -0.5}, std::vector<double>{0.4, 0.1, -0.5}),
             turnover_test::WithinAbs(0.2, 1e-15));
  // From cash to a +1/-1 book: 2; and a full reversal of it: 4.
  const std::vector<double> book{0.5, 0.5, -0.5, -0.5};
  const std::vector<double> reversed{-0.5, -0.5, 0.5, 0.5};
  const std::vector<double> rows{0.5, 0.5, -0.5, -0.5, -0.5, -0.5, 0.5, 0.5};
  const auto series = bulwark::signal::turnover_series(bulwark::panel_view{rows, 2, 4});
  CHECK(series == std::vector<double>{2.0, 4.0});
  CHECK(bulwark::signal::turnover(book, reversed) == 4.0);
}

TEST_CASE("min_change skips small trades but always closes", "[signal][turnover]") {
  const std::vector<double> current{0.100, 0.050, 0.001, -0.200, 0.0};
  const std::vector<double> target{0.101, 0.080, 0.000, -0.150, 0.0};
  std::vector<double> out(5);
  const auto s = bulwark::signal::min_change{.threshold = 0.005}.apply(current, target, out);
  // 0.001 change: skipped; 0.03: traded; closing 0.001: traded (always_close);
  // 0.05: traded; no change: nothing.
  CHECK(out == std::vector<double>{0.100, 0.080, 0.000, -0.150, 0.0});
  CHECK(s.trades == 3);
  CHECK(s.skipped == 1);
  CHECK_THAT(s.turnover, turnover_test::WithinAbs(0.03 + 0.001 + 0.05, 1e-15));
  const auto kept = bulwark::signal::min_change{.threshold = 0.005, .always_close = false}.apply(current, target, out);
  CHECK(out[2] == 0.001);
  CHECK(kept.skipped == 2);
  CHECK(fmt::format("{}", s) == fmt::format("3 trades, 1 skipped, turnover {}", s.turnover));
  // In place over the current book.
  std::vector<double> book = current;
  bulwark::signal::min_change{.threshold = 0.005}.apply(book, target, book);
  CHECK(book == std::vector<double>{0.100, 0.080, 0.000, -0.150, 0.0});
}

TEST_CASE("turnover rejects NaN weights, mismatched books and bad thresholds", "[signal][turnover]") {
  using turnover_test::throws_error;
  const std::vector<double> a{0.1, std::numeric_limits<double>::quiet_NaN()};
  const std::vector<double> b{0.1, 0.2};
  CHECK_THROWS_MATCHES(bulwark::signal::turnover(a, b), bulwark::input_error,
                       throws_error("bulwark.signal.turnover", "turnover: current[1] is nan"));
  CHECK_THROWS_MATCHES(bulwark::signal::turnover(b, std::vector<double>{0.1}), bulwark::input_error,
                       throws_error("bulwark.signal.turnover", "turnover: current has 2 values and target 1"));
  std::vector<double> out(2);
  CHECK_THROWS_MATCHES(bulwark::signal::min_change{.threshold = -0.1}.apply(b, b, out), bulwark::config_error,
                       throws_error("bulwark.signal.turnover", "min_change: threshold -0.1 must be finite and >= 0"));
}
