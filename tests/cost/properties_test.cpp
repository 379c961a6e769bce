// SPDX-License-Identifier: MIT
// Invariants of every component, over many random fill contexts drawn from counter_rng:
// costs are >= 0, zero quantity costs zero, slippage never falls as quantity or volatility
// rises, regulatory fees fall on sells only, a round trip costs more than either leg, the
// fill price is direction-correct, and NaN, infinite or negative inputs are input errors.
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/cost.hpp"
#include "support/catch.hpp"
#include "support/random_fills.hpp"

namespace properties_test {

using namespace bulwark::cost;
using namespace std::chrono_literals;
using bulwark::side;

constexpr std::size_t contexts = 20'000;
using bulwark::test::draws_per_context;
using bulwark::test::random_context;

// Every component, in one model.
auto everything() {
  return cost_model{per_share_commission{},
                    tiered_commission{},
                    maker_taker_commission{},
                    sec_fee{},
                    finra_taf{},
                    half_spread{},
                    fixed_slippage{},
                    volume_share_slippage{},
                    square_root_impact{},
                    volatility_scaled<fixed_slippage>{},
                    volatility_scaled<square_root_impact>{},
                    short_borrow{.annual_rate = dated_schedule<double>::always(0.01)}};
}
using model_type = decltype(everything());

// A random fill the caps of the volume-share and square-root parts let through: the
// drawn quantity capped by the model's fill_quantity (the bar always has room for 5 units).
fill_context random_fill(const bulwark::counter_rng& rng, std::uint64_t i) {
  static const auto model = everything();
  fill_context ctx = random_context(rng, i);
  ctx.quantity = model.fill_quantity(ctx);
  return ctx;
}

constexpr std::size_t sec_part = 3, taf_part = 4;

// Fails naming the first part that costs less for `more` than for `less`.
void require_no_part_falls(const model_type& model, const fill_context& less, const fill_context& more) {
  const auto a = model.breakdown(less);
  const auto b = model.breakdown(more);
  for (std::size_t k = 0; k < model_type::size; ++k) {
    if (b[k] < a[k]) FAIL(fmt::format("{}: {} for {} but {} for {}", a.name[k], a[k], less, b[k], more));
  }
  CHECK(b.slippage() >= a.slippage());
  CHECK(b.total() >= a.total());
}

}  // namespace properties_test

TEST_CASE("every cost is >= 0 and finite, zero quantity costs zero", "[cost][properties]") {
  using namespace properties_test;
  const auto model = everything();
  const bulwark::counter_rng rng{2024, 1};
  for (std::uint64_t i = 0; i < contexts; ++i) {
    fill_context ctx = random_fill(rng, i);
    const auto b = model.breakdown(ctx);
    for (std::size_t k = 0; k < model_type::size; ++k) {
      if (!(std::isfinite(b[k]) && b[k] >= 0.0)) FAIL(fmt::format("part {} costs {} for {}", b.name[k], b[k], ctx));
    }
    CHECK(b.total() >= 0.0);
    CHECK(model.cost(ctx) == b.total());
    CHECK(model.can_price(ctx));
    CHECK(model.problem(ctx).ok());
    ctx.quantity = 0.0;
    CHECK(model.breakdown(ctx).total() == 0.0);
    CHECK(model.cost(ctx) == 0.0);
  }
}

TEST_CASE("no cost falls as the quantity grows", "[cost][properties]") {
  using namespace properties_test;
  const auto model = everything();
  const bulwark::counter_rng rng{2024, 2};
  for (std::uint64_t i = 0; i < contexts; ++i) {
    fill_context small = random_fill(rng, i);
    fill_context large = small;
    large.quantity = std::floor(small.quantity * (1.0 + 3.0 * rng.uniform(draws_per_context * i + 15)));
    large.quantity = model.fill_quantity(large);  // within the caps, never below small
    require_no_part_falls(model, small, large);
  }
}

TEST_CASE("slippage never falls as volatility rises", "[cost][properties]") {
  using namespace properties_test;
  const auto model = everything();
  const bulwark::counter_rng rng{2024, 3};
  for (std::uint64_t i = 0; i < contexts; ++i) {
    const fill_context calm = random_fill(rng, i);
    fill_context wild = calm;
    const double factor = 1.0 + 4.0 * rng.uniform(draws_per_context * i + 15);
    *wild.daily_volatility *= factor;
    *wild.atr *= factor;
    require_no_part_falls(model, calm, wild);
    CHECK(model.breakdown(wild).fees() == model.breakdown(calm).fees());
  }
}

TEST_CASE("regulatory fees fall on sells of US equities only", "[cost][properties]") {
  using namespace properties_test;
  const auto model = everything();
  const bulwark::counter_rng rng{2024, 4};
  const bulwark::timestamp zero_rate_from = bulwark::make_timestamp(date::year{2025} / 5 / 14);
  for (std::uint64_t i = 0; i < contexts; ++i) {
    const fill_context ctx = random_fill(rng, i);
    const auto b = model.breakdown(ctx);
    const bool charged = ctx.side == side::sell && ctx.fee_class == fee_class::us_equity;
    if (!charged) {
      CHECK(b[sec_part] == 0.0);
      CHECK(b[taf_part] == 0.0);
      continue;
    }
    CHECK(b[taf_part] >= 0.01);
    CHECK((b[sec_part] >= 0.01) == (ctx.time < zero_rate_from));
  }
}

TEST_CASE("a round trip costs more than either leg, fills are direction-correct",
          "[cost][properties]") {
  using namespace properties_test;
  const auto model = everything();
  const bulwark::counter_rng rng{2024, 5};
  for (std::uint64_t i = 0; i < contexts; ++i) {
    const fill_context entry = random_fill(rng, i);
    fill_context exit = entry;
    exit.side = bulwark::opposite(entry.side);
    exit.price = entry.price * (0.8 + 0.4 * rng.uniform(draws_per_context * i + 13));
    exit.quote = bulwark::quote{.bid = exit.price * 0.999, .ask = exit.price * 1.001};
    exit.time = entry.time + 24h * static_cast<int>(30 * rng.uniform(draws_per_context * i + 14));
    if (exit.time >= bulwark::make_timestamp(date::year{2026} / 1 / 1)) exit.time = entry.time;
    const auto r = model.round_trip(entry, exit);
    // Both legs pay the per-share commission's minimum at least, so both are > 0.
    CHECK(r.total() > r.entry.total());
    CHECK(r.total() > r.exit.total());
    CHECK(r.carry.total() >= 0.0);
    CHECK((r.carry.total() > 0.0) == (entry.side == side::sell && exit.time > entry.time));
    const double p = model.fill_price(entry);
    CHECK(bulwark::sign(entry.side) * (p - entry.price) >= 0.0);
  }
}

TEST_CASE("NaN, infinite and negative inputs are input errors, never numbers",
          "[cost][properties]") {
  using namespace properties_test;
  const auto model = everything();
  const bulwark::counter_rng rng{2024, 6};
  const double bad_values[] = {std::numeric_limits<double>::quiet_NaN(),
                               std::numeric_limits<double>::infinity(),
                               -std::numeric_limits<double>::infinity(), -1.0};
  const std::function<void(fill_context&, double)> corrupt[] = {
      [](fill_context& c, double v) { c.quantity = v; },
      [](fill_context& c, double v) { c.price = v; },
      [](fill_context& c, double v) { c.quote->bid = v; },
      [](fill_context& c, double v) { c.quote->ask = v; },
      [](fill_context& c, double v) { c.bar_volume = v; },
      [](fill_context& c, double v) { c.bar_volume_used = v; },
      [](fill_context& c, double v) { c.adv = v; },
      [](fill_context& c, double v) { c.daily_volatility = v; },
      [](fill_context& c, double v) { c.atr = v; },
      [](fill_context& c, double v) { c.month_to_date_volume = v; },
  };
  for (std::uint64_t i = 0; i < 2'000; ++i) {
    const fill_context good = random_fill(rng, i);
    for (const auto& change : corrupt) {
      for (double v : bad_values) {
        fill_context bad = good;
        change(bad, v);
        CHECK_FALSE(model.try_cost(bad).has_value());
        CHECK_FALSE(model.can_price(bad));
        CHECK_FALSE(model.problem(bad).ok());
        CHECK_THROWS_AS(model.cost(bad), bulwark::input_error);
        CHECK_THROWS_AS(model.breakdown(bad), bulwark::input_error);
        CHECK_THROWS_AS(model.fill_price(bad), bulwark::input_error);
        CHECK_THROWS_AS(model.round_trip(bad), bulwark::input_error);
      }
    }
  }
}
