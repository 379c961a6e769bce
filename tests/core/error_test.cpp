// SPDX-License-Identifier: MIT
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/require.hpp"
#include "support/catch.hpp"

using bulwark::test::throws_error;

static_assert(std::is_base_of_v<std::invalid_argument, bulwark::config_error>);
static_assert(std::is_base_of_v<std::invalid_argument, bulwark::input_error>);
static_assert(std::is_base_of_v<std::logic_error, bulwark::contract_violation>);

TEST_CASE("errors carry a stable id and a message naming the value", "[core][error]") {
  try {
    bulwark::throw_config_error("bulwark.sizing.kelly", "fraction {} outside (0, 1]", 1.7);
    FAIL("no exception");
  } catch (const bulwark::config_error& e) {
    CHECK(e.id() == "bulwark.sizing.kelly");
    CHECK(std::string(e.what()) == "[bulwark.sizing.kelly] fraction 1.7 outside (0, 1]");
  }
  CHECK_THROWS_MATCHES(bulwark::throw_input_error("bulwark.x", "{} rows", 3), bulwark::error,
                       throws_error("bulwark.x", "[bulwark.x] 3 rows"));
}

TEST_CASE("BULWARK_EXPECTS throws in throw mode and names the condition", "[core][error]") {
  const auto check = [](int n) { BULWARK_EXPECTS(n > 0); };
  CHECK_NOTHROW(check(1));
  CHECK_THROWS_WITH(check(0), bulwark::test::contains("precondition `n > 0` violated"));
}

TEST_CASE("all_finite sees every kind of non-finite value", "[core][error]") {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> x{1.0, -2.0, std::numeric_limits<double>::max(),
                        std::numeric_limits<double>::denorm_min(), -0.0};
  CHECK(bulwark::detail::all_finite(x));
  CHECK(bulwark::detail::all_finite({}));
  for (double bad : {inf, -inf, nan, -nan, std::numeric_limits<double>::signaling_NaN()}) {
    x[2] = bad;
    CHECK_FALSE(bulwark::detail::all_finite(x));
  }
}

TEST_CASE("sample checks name the function, the index and the value", "[core][error]") {
  using namespace bulwark::detail;
  const std::vector<double> ok{0.01, -0.02, 0.03};
  CHECK_NOTHROW(require_sample(ok, 3, "bulwark.test.f", "returns"));
  CHECK_THROWS_MATCHES(require_sample({}, 1, "bulwark.test.f", "returns"), bulwark::input_error,
                       throws_error("bulwark.test.f", "returns is empty; expected at least 1"));
  CHECK_THROWS_MATCHES(require_sample(ok, 4, "bulwark.test.f", "returns"), bulwark::input_error,
                       throws_error("bulwark.test.f", "returns has 3 value(s); expected at least 4"));
  const std::vector<double> bad{0.01, 0.02, std::numeric_limits<double>::quiet_NaN()};
  CHECK_THROWS_MATCHES(require_sample(bad, 1, "bulwark.test.f", "returns"), bulwark::input_error,
                       throws_error("bulwark.test.f", "returns[2] is nan; expected a finite number"));
}

TEST_CASE("scalar checks throw the requested error type", "[core][error]") {
  using namespace bulwark::detail;
  CHECK_NOTHROW(require_confidence(0.95, "bulwark.test.var", "var"));
  CHECK_THROWS_MATCHES(require_confidence(1.0, "bulwark.test.var", "var"), bulwark::input_error,
                       throws_error("bulwark.test.var", "var: confidence 1 outside (0, 1)"));
  CHECK_THROWS_AS(require_confidence(0.0, "bulwark.test.var", "var"), bulwark::input_error);
  CHECK_THROWS_AS(require_confidence(std::numeric_limits<double>::quiet_NaN(), "x", "var"),
                  bulwark::input_error);
  CHECK_THROWS_MATCHES(require_positive(0.0, "bulwark.test.cfg", "rate"), bulwark::config_error,
                       throws_error("bulwark.test.cfg", "rate 0 must be finite and > 0"));
  CHECK_THROWS_AS(require_positive<bulwark::input_error>(-1.0, "x", "n"), bulwark::input_error);
  CHECK_NOTHROW(require_non_negative(0.0, "x", "fee"));
  CHECK_THROWS_AS(require_non_negative(-0.5, "x", "fee"), bulwark::config_error);
  CHECK_THROWS_AS(require_finite_value(std::numeric_limits<double>::infinity(), "x", "v"),
                  bulwark::config_error);
  CHECK_THROWS_MATCHES(require_in_closed_range(1.7, 0.0, 1.0, "bulwark.test.k", "fraction"),
                       bulwark::config_error,
                       throws_error("bulwark.test.k", "fraction 1.7 outside [0, 1]"));
}
