// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <vector>

#include "bulwark/core/returns.hpp"
#include <fmt/format.h>

#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

using bulwark::test::throws_error;
using bulwark::test::WithinULP;
using bulwark::test::WithinRel;

TEST_CASE("simple and log returns of a short series", "[core][returns]") {
  const std::vector<double> p{100.0, 110.0, 99.0};
  const auto r = bulwark::simple_returns(p);
  REQUIRE(r.size() == 2);
  // The division rounds to 1/2 ulp of ~1; subtracting 1 makes that ~1e-16 absolute.
  CHECK_THAT(r[0], WithinRel(0.1, 1e-14));   // 110 / 100 - 1
  CHECK_THAT(r[1], WithinRel(-0.1, 1e-14));  // 99 / 110 - 1
  const auto l = bulwark::log_returns(p);
  CHECK_THAT(l[0], WithinULP(std::log(1.1), 4));
  CHECK_THAT(l[1], WithinULP(std::log(0.9), 4));
}

TEST_CASE("returns over many blocks equal the definition element by element", "[core][returns]") {
  std::vector<double> p(1003);
  for (std::size_t i = 0; i < p.size(); ++i) p[i] = 50.0 + static_cast<double>((i * 37) % 101);
  const auto r = bulwark::simple_returns(p);
  for (std::size_t i = 0; i < r.size(); ++i) REQUIRE(r[i] == p[i + 1] / p[i] - 1.0);
}

TEST_CASE("a bad price anywhere is named with its index", "[core][returns]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> out(1002);
  // Positions in the vectorised body, in the tail, and the last price (never a divisor).
  for (const std::size_t at : {0UL, 5UL, 517UL, 1001UL, 1002UL}) {
    for (const double bad : {0.0, -3.0, nan, inf}) {
      std::vector<double> p(1003, 10.0);
      p[at] = bad;
      CHECK_THROWS_MATCHES(bulwark::simple_returns(p, out), bulwark::input_error,
                           throws_error("bulwark.core.returns",
                                        fmt::format("prices[{}] is {}; expected a finite price > 0", at, bad)));
    }
  }
}

TEST_CASE("too few prices or a wrong output size is an input_error", "[core][returns]") {
  const std::vector<double> one{100.0};
  CHECK_THROWS_MATCHES(bulwark::simple_returns(one), bulwark::input_error,
                       throws_error("bulwark.core.returns", "1 price(s); expected at least 2"));
  const std::vector<double> p{1.0, 2.0, 3.0};
  std::vector<double> out(3);
  CHECK_THROWS_MATCHES(bulwark::log_returns(p, out), bulwark::input_error,
                       throws_error("bulwark.core.returns", "output has 3 elements for 3 prices; expected 2"));
}

TEST_CASE("compounding the returns of real closes recovers the last close", "[core][returns][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  const bulwark::test::csv_table csv{data / "daily/alphavantage_sp500/MSFT.csv"};
  const auto close = csv.numbers("close");
  const auto r = bulwark::simple_returns(close);
  const auto l = bulwark::log_returns(close);
  double wealth = close.front();
  double log_sum = 0.0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    wealth *= 1.0 + r[i];
    log_sum += l[i];
  }
  // 5,401 compounding steps: rounding error grows like sqrt(n) ulps; 1e-11 is generous.
  CHECK_THAT(wealth, WithinRel(close.back(), 1e-11));
  CHECK_THAT(std::log(close.back() / close.front()), WithinRel(log_sum, 1e-10));
}
