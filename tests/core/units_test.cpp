// SPDX-License-Identifier: MIT
#include <limits>
#include <type_traits>

#include <fmt/format.h>

#include "bulwark/core/units.hpp"
#include "support/catch.hpp"

using bulwark::bps;
using bulwark::periods_per_year;
using bulwark::test::throws_error;
using bulwark::test::WithinULP;
using namespace bulwark::literals;

static_assert(!std::is_convertible_v<double, bps>, "a double never becomes bps implicitly");
static_assert(!std::is_convertible_v<bps, double>, "bps never becomes a fraction implicitly");
static_assert(!std::is_convertible_v<double, periods_per_year>);
static_assert(std::is_trivially_copyable_v<bps>);

TEST_CASE("bps converts to and from fractions", "[core][units]") {
  CHECK_THAT(bps{12.5}.fraction(), WithinULP(0.00125, 1));
  CHECK_THAT(bps::from_fraction(0.0005).value(), WithinULP(5.0, 1));
  CHECK(5_bps == bps{5.0});
  CHECK(2.5_bps == bps{2.5});
  CHECK(bps{}.value() == 0.0);
  CHECK(bps{-2.0}.fraction() == -0.0002);  // a maker rebate
}

TEST_CASE("bps arithmetic and ordering", "[core][units]") {
  CHECK(bps{3} + bps{4} == bps{7});
  CHECK(bps{3} - bps{4} == bps{-1});
  CHECK(-bps{3} == bps{-3});
  CHECK(bps{10} * 1.5 == bps{15});
  CHECK(0.5 * bps{10} == bps{5});
  CHECK(bps{1} < bps{2});
}

TEST_CASE("bps rejects non-finite values", "[core][units]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK_THROWS_MATCHES(bps{nan}, bulwark::config_error, throws_error("bulwark.core.bps", "nan bps"));
  CHECK_THROWS_MATCHES(bps{-inf}, bulwark::config_error, throws_error("bulwark.core.bps", "-inf"));
  CHECK_THROWS_MATCHES(bps::from_fraction(inf), bulwark::config_error,
                       throws_error("bulwark.core.bps"));
  CHECK_THROWS_AS(bps{1.0} * nan, bulwark::config_error);
  // Sums and differences that overflow, from finite values.
  const double big = std::numeric_limits<double>::max();
  CHECK_THROWS_MATCHES(bps{big} + bps{big}, bulwark::config_error,
                       throws_error("bulwark.core.bps", "inf bps is not a finite number"));
  CHECK_THROWS_MATCHES(bps{-big} - bps{big}, bulwark::config_error,
                       throws_error("bulwark.core.bps", "-inf bps"));
  CHECK((-bps{big}).value() == -big);
}

TEST_CASE("periods_per_year is explicit and positive", "[core][units]") {
  CHECK(bulwark::trading_days_per_year.value == 252.0);
  CHECK(bulwark::calendar_days_per_year.value == 365.0);
  CHECK(bulwark::weeks_per_year.value == 52.0);
  CHECK(bulwark::months_per_year.value == 12.0);
  CHECK_THROWS_MATCHES(periods_per_year{0.0}, bulwark::config_error,
                       throws_error("bulwark.core.periods_per_year", "0 must be finite and > 0"));
  CHECK_THROWS_AS(periods_per_year{-12.0}, bulwark::config_error);
  CHECK_THROWS_AS(periods_per_year{std::numeric_limits<double>::infinity()},
                  bulwark::config_error);
}

TEST_CASE("units format with fmt", "[core][units][format]") {
  CHECK(fmt::format("{}", bps{12.5}) == "12.5 bps");
  CHECK(fmt::format("{:.2f}", bps{3}) == "3.00 bps");
  CHECK(fmt::format("{}", bulwark::trading_days_per_year) == "252/year");
}
