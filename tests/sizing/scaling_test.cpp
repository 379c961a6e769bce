// SPDX-License-Identifier: MIT
#include <fmt/format.h>

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
