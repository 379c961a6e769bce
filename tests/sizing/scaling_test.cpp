// SPDX-License-Identifier: MIT
#include <cmath>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"

#include "bulwark/sizing/scaling.hpp"
#include "sizing/proposal.hpp"
#include "support/catch.hpp"

namespace scaling_test {
using bulwark::sizing::sizing_reason;
using bulwark::test::throws_error;
using bulwark::test::WithinRel;

bulwark::sizing::sizing_proposal targeted(double target, double current = 0.0) {
  return sizing_test_support::proposal("AAPL", target, current);
}
}  // namespace scaling_test

TEST_CASE("fractional_kelly multiplies the target", "[sizing][scaling]") {
  using namespace scaling_test;
  const bulwark::sizing::fractional_kelly half{.multiplier = 0.5};
  half.validate();
  auto p = targeted(1000.0, 200.0);
  CHECK(half.apply(p) == sizing_reason::ok);
  CHECK(p.target() == 500.0);
  CHECK(p.trade() == 300.0);
  auto s = targeted(-800.0);
  CHECK(half.apply(s) == sizing_reason::ok);
  CHECK(s.target() == -400.0);
  CHECK(fmt::format("{}", half) == "fractional_kelly(multiplier 0.5)");

  using bulwark::sizing::fractional_kelly;
  CHECK_THROWS_MATCHES(fractional_kelly{.multiplier = 1.7}.validate(), bulwark::config_error,
                       throws_error("bulwark.sizing.kelly", "multiplier 1.7 outside (0, 1]"));
  CHECK_THROWS_MATCHES(fractional_kelly{.multiplier = 0.0}.validate(), bulwark::config_error,
                       throws_error("bulwark.sizing.kelly", "multiplier 0 outside (0, 1]"));
  CHECK_THROWS_MATCHES(fractional_kelly{}.validate(), bulwark::config_error,
                       throws_error("bulwark.sizing.kelly", "multiplier nan"));
  CHECK_NOTHROW(fractional_kelly{.multiplier = 1.0}.validate());
}

TEST_CASE("drawdown_constrained_kelly takes the largest safe fraction, at most 1",
          "[sizing][scaling]") {
  using namespace scaling_test;
  using bulwark::sizing::drawdown_constrained_kelly;
  // alpha = 0.5, beta = 1/8: half Kelly.
  const drawdown_constrained_kelly halving{.wealth_floor = 0.5, .probability = 0.125};
  halving.validate();
  CHECK_THAT(halving.multiplier(), WithinRel(0.5, 1e-15));
  auto p = targeted(1000.0);
  CHECK(halving.apply(p) == sizing_reason::ok);
  CHECK_THAT(p.target(), WithinRel(500.0, 1e-15));
  // alpha = 0.8, beta = 0.8^5: a third of Kelly.
  const drawdown_constrained_kelly third{.wealth_floor = 0.8, .probability = 0.32768};
  CHECK_THAT(third.multiplier(), WithinRel(1.0 / 3.0, 1e-13));
  // beta > alpha: full Kelly already meets it, and more than Kelly is never taken.
  const drawdown_constrained_kelly loose{.wealth_floor = 0.5, .probability = 0.6};
  CHECK(loose.multiplier() == 1.0);
  CHECK(fmt::format("{}", halving) ==
        "drawdown_constrained_kelly(wealth_floor 0.5, probability 0.125)");

  CHECK_THROWS_MATCHES((drawdown_constrained_kelly{.wealth_floor = 1.0, .probability = 0.1}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.sizing.kelly", "wealth_floor 1 outside (0, 1)"));
  CHECK_THROWS_MATCHES((drawdown_constrained_kelly{.wealth_floor = 0.5}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.sizing.kelly", "probability nan outside (0, 1)"));
}

TEST_CASE("cash_buffer sizes from the rest of equity", "[sizing][scaling]") {
  using namespace scaling_test;
  using bulwark::sizing::cash_buffer;
  const cash_buffer buffer{.fraction = 0.02};
  buffer.validate();
  auto p = targeted(1000.0);
  CHECK(buffer.apply(p) == sizing_reason::ok);
  CHECK_THAT(p.target(), WithinRel(980.0, 1e-15));
  CHECK(fmt::format("{}", buffer) == "cash_buffer(fraction 0.02)");
  CHECK_NOTHROW(cash_buffer{.fraction = 0.0}.validate());
  CHECK_THROWS_MATCHES(cash_buffer{.fraction = 1.0}.validate(), bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "cash_buffer: fraction 1 outside [0, 1)"));
  CHECK_THROWS_MATCHES(cash_buffer{}.validate(), bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "fraction nan"));
}

TEST_CASE("notional_cap trims |position| x price to a fraction of equity", "[sizing][scaling]") {
  using namespace scaling_test;
  // $1M equity at $100: 10 % is $100k, 1000 units.
  const bulwark::sizing::notional_cap cap{.max_fraction = 0.1};
  cap.validate();
  auto big = targeted(5000.0, 200.0);
  CHECK(cap.apply(big) == sizing_reason::ok);
  CHECK(big.target() == 1000.0);
  CHECK(big.trade() == 800.0);
  auto short_big = targeted(-2500.0);
  CHECK(cap.apply(short_big) == sizing_reason::ok);
  CHECK(short_big.target() == -1000.0);
  auto inside = targeted(800.0);
  CHECK(cap.apply(inside) == sizing_reason::ok);
  CHECK(inside.target() == 800.0);
  auto overflow = targeted(std::numeric_limits<double>::infinity());
  CHECK(cap.apply(overflow) == sizing_reason::ok);
  CHECK(overflow.target() == 1000.0);
  auto nan = targeted(std::numeric_limits<double>::quiet_NaN());
  CHECK(cap.apply(nan) == sizing_reason::ok);
  CHECK(std::isnan(nan.target()));  // left for the sizer to reject
  CHECK(fmt::format("{}", cap) == "notional_cap(max_fraction 0.1)");

  using bulwark::sizing::notional_cap;
  CHECK_THROWS_MATCHES(notional_cap{}.validate(), bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "notional_cap: max_fraction nan"));
  CHECK_THROWS_MATCHES(notional_cap{.max_fraction = 0.0}.validate(), bulwark::config_error,
                       throws_error("bulwark.sizing.rule", "max_fraction 0 must be finite and > 0"));
}

TEST_CASE("notional_cap holds in floating point on random cases", "[sizing][scaling]") {
  const bulwark::counter_rng rng{77};
  for (std::uint64_t i = 0; i < 20'000; ++i) {
    const double price = std::exp(rng.uniform(5 * i) * 20.0 - 10.0);   // e^-10 .. e^10
    const double equity = std::exp(rng.uniform(5 * i + 1) * 20.0);     // 1 .. e^20
    const double fraction = rng.uniform_open(5 * i + 2) * 3.0;         // (0, 3)
    const double target = (rng.uniform(5 * i + 3) - 0.5) * 4.0 * fraction * equity / price;
    bulwark::sizing::sizing_proposal p{"X", 0.1, price, equity, 0.0};
    p.set_target(target);
    const bulwark::sizing::notional_cap cap{.max_fraction = fraction};
    REQUIRE(cap.apply(p) == bulwark::sizing::sizing_reason::ok);
    INFO("price " << price << " equity " << equity << " cap " << fraction << " target " << target);
    CHECK(std::abs(p.target()) * price <= fraction * equity);
    CHECK(p.target() * target >= 0.0);
    CHECK(std::abs(p.target()) <= std::abs(target));
    if (std::abs(target) * price <= fraction * equity) {
      CHECK(p.target() == target);
    } else {
      CHECK_THAT(std::abs(p.target()), bulwark::test::WithinRel(fraction * equity / price, 1e-14));
    }
  }
}
