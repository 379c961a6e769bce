// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "bulwark/cost/partial_fills.hpp"
#include "support/catch.hpp"

namespace partial_fills_test {

using bulwark::cost::fill_context;
using bulwark::cost::fill_decision;
using bulwark::cost::fill_outcome;
using bulwark::cost::tiered_partial_fills;

fill_context resting(double quantity, bulwark::liquidity liq = bulwark::liquidity::maker) {
  return {.quantity = quantity, .price = 50.0, .bar_volume = 100'000.0, .liq = liq};
}

}  // namespace partial_fills_test

TEST_CASE("a resting order fills partly with its tier's probability, from numpy's Philox",
          "[cost][fills]") {
  using namespace partial_fills_test;
  const tiered_partial_fills model{.seed = 7};
  // The draws of order i are counter_rng{7, i}.uniform(0) and .uniform(1), equal to
  //   np.random.Generator(np.random.Philox(key=[7, i], counter=[2**64 - 1] * 4)).random(2)
  // Among orders 0..39 the first draw is below 0.2 for orders 12, 13, 16, 17, 20, 27, 38;
  // below 0.10 for 12, 27, 38; below 0.05 for 27, 38 (27: 0.0300..., 38: 0.0483...).
  // The filled fraction is 0.5 + 0.49 u1: order 12 u1 = 0.05356807602888214 -> 526 of
  // 1,000 shares; order 27 u1 = 0.6310415323402269 -> 809; order 38 u1 = 0.5236293087764897
  // -> 756.
  const std::vector<std::uint64_t> partial_in_tier[] = {
      {27, 38}, {12, 27, 38}, {12, 13, 16, 17, 20, 27, 38}};
  for (std::size_t tier = 1; tier <= 3; ++tier) {
    std::vector<std::uint64_t> partial;
    for (std::uint64_t id = 0; id < 40; ++id) {
      const fill_decision d = model.decide(id, resting(1'000), tier);
      if (d.outcome == fill_outcome::partial) partial.push_back(id);
      if (d.outcome == fill_outcome::full) CHECK(d.quantity == 1'000);
    }
    CHECK(partial == partial_in_tier[tier - 1]);
  }
  CHECK(model.decide(12, resting(1'000), 3) == fill_decision{526, fill_outcome::partial});
  CHECK(model.decide(27, resting(1'000), 1) == fill_decision{809, fill_outcome::partial});
  CHECK(model.decide(38, resting(1'000), 2) == fill_decision{756, fill_outcome::partial});
}

TEST_CASE("the same order gets the same fill in any evaluation order", "[cost][fills]") {
  using namespace partial_fills_test;
  const tiered_partial_fills model{.seed = 2024};
  constexpr std::size_t orders = 2'000;
  std::vector<fill_decision> forward(orders), backward(orders), strided(orders);
  for (std::size_t i = 0; i < orders; ++i) forward[i] = model.decide(i, resting(777), 3);
  for (std::size_t i = orders; i-- > 0;) backward[i] = model.decide(i, resting(777), 3);
  for (std::size_t start = 0; start < 7; ++start) {
    for (std::size_t i = start; i < orders; i += 7) strided[i] = model.decide(i, resting(777), 3);
  }
  CHECK(forward == backward);
  CHECK(forward == strided);
  // Another seed changes the fills; another attempt (the next bar) draws afresh.
  const tiered_partial_fills other{.seed = 2025};
  std::size_t differ = 0, next_bar_differs = 0;
  for (std::size_t i = 0; i < orders; ++i) {
    differ += other.decide(i, resting(777), 3) != forward[i];
    next_bar_differs += model.decide(i, resting(777), 3, 1) != forward[i];
  }
  CHECK(differ > 100);
  CHECK(next_bar_differs > 100);
}

TEST_CASE("partial fills occur at the configured rate, within 50-99 %", "[cost][fills]") {
  using namespace partial_fills_test;
  const tiered_partial_fills model{.seed = 99};
  constexpr std::size_t orders = 100'000;
  const double probability[] = {0.05, 0.10, 0.20};
  for (std::size_t tier = 1; tier <= 3; ++tier) {
    std::size_t partial = 0;
    for (std::size_t id = 0; id < orders; ++id) {
      const fill_decision d = model.decide(id, resting(10'000), tier);
      if (d.outcome != fill_outcome::partial) continue;
      ++partial;
      CHECK(d.quantity >= 5'000);
      CHECK(d.quantity <= 9'900);
    }
    // Binomial(n, p): within 5 standard deviations.
    const double p = probability[tier - 1];
    const double sd = std::sqrt(orders * p * (1 - p));
    CHECK(std::abs(static_cast<double>(partial) - orders * p) < 5 * sd);
  }
}

TEST_CASE("taker orders never fill partly unless volume-capped", "[cost][fills]") {
  using namespace partial_fills_test;
  const tiered_partial_fills model{.partial_probability = {1.0}, .seed = 1};
  for (std::uint64_t id = 0; id < 1'000; ++id) {
    CHECK(model.decide(id, resting(100, bulwark::liquidity::taker), 1) ==
          fill_decision{100, fill_outcome::full});
    CHECK(model.decide(id, resting(100), 1).outcome == fill_outcome::partial);
  }
  // With a 1 % cap on a 100,000-unit bar, at most 1,000 units fill, taker or not.
  const tiered_partial_fills capped{.partial_probability = {0.0},
                                    .cap = bulwark::cost::participation_cap{.max_fraction = 0.01}};
  CHECK(capped.decide(5, resting(5'000, bulwark::liquidity::taker), 1) ==
        fill_decision{1'000, fill_outcome::volume_capped});
  CHECK(capped.decide(5, resting(500, bulwark::liquidity::taker), 1) ==
        fill_decision{500, fill_outcome::full});
  fill_context used_up = resting(500, bulwark::liquidity::taker);
  used_up.bar_volume_used = 1'000;
  CHECK(capped.decide(5, used_up, 1) == fill_decision{0, fill_outcome::none});
}

TEST_CASE("partial fills in decimal lots lose no lot and never exceed the order", "[cost][fills]") {
  using namespace partial_fills_test;
  using bulwark::cost::participation_cap;
  // A fill fraction of exactly f (min = max), always partial: 1 coin x f in lots of 0.01.
  const auto partial = [](double f, double lot) {
    const tiered_partial_fills m{.partial_probability = {1.0}, .min_fill_fraction = f,
                                 .max_fill_fraction = f, .lot_size = lot};
    return m.decide(9, resting(1.0), 1);
  };
  CHECK(partial(0.29, 0.01) == fill_decision{0.29, fill_outcome::partial});  // floor: 0.28
  CHECK(partial(0.7, 0.01) == fill_decision{0.7, fill_outcome::partial});    // not 0.7000000000000001
  CHECK(partial(0.3, 0.1) == fill_decision{0.3, fill_outcome::partial});     // floor: 0.2
  // A 0.3 order in lots of 0.1 under a cap with room for 50,000: filled whole, not
  // reported volume-capped at 0.2.
  const tiered_partial_fills capped{.partial_probability = {0.0}, .lot_size = 0.1,
                                    .cap = participation_cap{.max_fraction = 0.5, .lot_size = 0.1}};
  CHECK(capped.decide(3, resting(0.3, bulwark::liquidity::taker), 1) ==
        fill_decision{0.3, fill_outcome::full});
  CHECK(capped.decide(3, resting(0.3), 1) == fill_decision{0.3, fill_outcome::full});
}

TEST_CASE("partial-fill configuration and inputs are checked", "[cost][fills]") {
  using namespace partial_fills_test;
  using bulwark::test::throws_error;
  CHECK_THROWS_MATCHES((tiered_partial_fills{.partial_probability = {}}.validate()),
                       bulwark::config_error, throws_error("bulwark.cost.fills", "no liquidity tiers"));
  CHECK_THROWS_MATCHES((tiered_partial_fills{.partial_probability = {0.1, 1.5}}.validate()),
                       bulwark::config_error,
                       throws_error("bulwark.cost.fills", "partial_probability[1] 1.5 outside [0, 1]"));
  CHECK_THROWS_MATCHES((tiered_partial_fills{.min_fill_fraction = 0.9, .max_fill_fraction = 0.5}.validate()),
                       bulwark::config_error, throws_error("bulwark.cost.fills", "fill fractions [0.9, 0.5)"));
  const tiered_partial_fills model{};
  model.validate();
  CHECK_THROWS_MATCHES(model.decide(1, resting(10), 4), bulwark::input_error,
                       throws_error("bulwark.cost.fills", "liquidity tier 4 outside 1..3"));
  CHECK_THROWS_MATCHES(model.decide(1, resting(10), 0), bulwark::input_error,
                       throws_error("bulwark.cost.fills", "liquidity tier 0 outside 1..3"));
  CHECK_THROWS_MATCHES(model.decide(1, resting(-10), 1), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context", "quantity must be finite and >= 0 (got -10)"));
  const tiered_partial_fills capped{.cap = bulwark::cost::participation_cap{}};
  fill_context no_volume = resting(10);
  no_volume.bar_volume.reset();
  CHECK_THROWS_MATCHES(capped.decide(1, no_volume, 1), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context", "no bar_volume, which participation_cap needs"));
  CHECK(fmt::format("{}", capped) ==
        "tiered_partial_fills{tiers 0.05 0.1 0.2, fill 0.5..0.99, lot 1, seed 0, "
        "participation_cap{0.025 of bar volume, lot 1}}");
  CHECK(fmt::format("{}", fill_decision{37, fill_outcome::partial}) == "37 (partial)");
}
