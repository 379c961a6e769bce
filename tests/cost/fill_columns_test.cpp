// SPDX-License-Identifier: MIT
// Pricing fills as columns: every total equals the one-fill `cost` of the same row, bit for
// bit (vector path, its scalar tail, parts priced row by row, blocks that fall back to rows);
// a bad row is named with the one-fill error; a column of the wrong shape is refused.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/cost.hpp"
#include "support/allocation_counter.hpp"
#include "support/catch.hpp"
#include "support/random_fills.hpp"

namespace fill_columns_test {

using namespace bulwark::cost;
using namespace std::chrono_literals;
using bulwark::side;
using bulwark::test::throws_error;

// Owns the columns of a set of fills and views them as `fill_columns`.
struct fill_table {
  std::vector<side> side_of;
  std::vector<double> quantity, price, bid, ask, bar_volume, bar_volume_used, adv, sigma, atr, mtd;
  std::vector<bulwark::timestamp> time;
  std::vector<bulwark::liquidity> liq;

  void push(const fill_context& f) {
    side_of.push_back(f.side);
    quantity.push_back(f.quantity);
    price.push_back(f.price);
    bid.push_back(f.quote->bid);
    ask.push_back(f.quote->ask);
    bar_volume.push_back(*f.bar_volume);
    bar_volume_used.push_back(f.bar_volume_used);
    adv.push_back(*f.adv);
    sigma.push_back(*f.daily_volatility);
    atr.push_back(*f.atr);
    mtd.push_back(*f.month_to_date_volume);
    time.push_back(f.time);
    liq.push_back(f.liq);
  }
  [[nodiscard]] fill_columns columns(fee_class c = fee_class::us_equity) const {
    return {.side = side_of, .quantity = quantity, .price = price, .bid = bid, .ask = ask,
            .bar_volume = bar_volume, .bar_volume_used = bar_volume_used, .adv = adv,
            .daily_volatility = sigma, .atr = atr, .month_to_date_volume = mtd, .time = time,
            .liq = liq, .fee_class = c};
  }
};

// How far apart in time consecutive fills are.
enum class spacing {
  over_two_years,   // 2024-01-02 .. 2025-12-30: both SEC rate changes fall inside a block
  in_one_period,    // an hour apart from 2024-06-03: every block in one period of both tables
};

// 805 random fills (three whole blocks of 256 and 37 more, an odd count for the scalar
// tail) in time order, capped at 10 % of ADV (square_root_impact's default cap). Every
// 50th fill is of zero units, and fill 401 is a sale so large that its SEC fee passes
// 2^52 cents, which rounds by the slow branch, in a group of lanes with an ordinary fill.
fill_table random_fills(std::uint64_t stream, std::size_t n = 805, spacing apart = spacing::over_two_years) {
  const bulwark::counter_rng rng{7, stream};
  const bool far = apart == spacing::over_two_years;
  const date::sys_days first = far ? date::sys_days{date::year{2024} / 1 / 2} : date::sys_days{date::year{2024} / 6 / 3};
  fill_table t;
  for (std::size_t i = 0; i < n; ++i) {
    fill_context f = bulwark::test::random_context(rng, i);
    f.time = bulwark::timestamp{first} + std::chrono::minutes{static_cast<std::int64_t>(i) * (far ? 1'300 : 60)} + 14h;
    f.quantity = i % 50 == 7 ? 0.0 : std::min(f.quantity, std::floor(0.1 * *f.adv));
    if (i == 401) {
      f.quantity = 1e12;
      f.price = 2e6;
      f.quote = bulwark::quote{.bid = 2e6 - 1.0, .ask = 2e6 + 1.0};
      f.adv = 1e14;
      f.side = side::sell;
    }
    t.push(f);
  }
  return t;
}

// Checks totals[i] == model.cost(fills.row(i)) for every row, naming the first that differs.
template <class Model>
void require_row_costs(const Model& model, const fill_columns& fills, const std::vector<double>& totals) {
  for (std::size_t i = 0; i < fills.rows(); ++i) {
    const double expected = model.cost(fills.row(i));
    if (totals[i] != expected) {
      FAIL(fmt::format("row {}: {:.17g} from the columns, {:.17g} from the row ({})", i, totals[i],
                       expected, fills.row(i)));
    }
  }
}

auto equity_model() {
  return cost_model{per_share_commission{}, sec_fee{}, finra_taf{}, half_spread{},
                    square_root_impact{}};
}

}  // namespace fill_columns_test

TEST_CASE("a row of fill columns is the context its fields make", "[cost][columns]") {
  using namespace fill_columns_test;
  const fill_table t = random_fills(1, 3);
  const fill_columns all = t.columns();
  const fill_context r = all.row(1);
  CHECK(r.side == t.side_of[1]);
  CHECK(r.quantity == t.quantity[1]);
  CHECK(r.price == t.price[1]);
  CHECK(r.quote->bid == t.bid[1]);
  CHECK(r.quote->ask == t.ask[1]);
  CHECK(*r.bar_volume == t.bar_volume[1]);
  CHECK(r.bar_volume_used == t.bar_volume_used[1]);
  CHECK(*r.adv == t.adv[1]);
  CHECK(*r.daily_volatility == t.sigma[1]);
  CHECK(*r.atr == t.atr[1]);
  CHECK(*r.month_to_date_volume == t.mtd[1]);
  CHECK(r.time == t.time[1]);
  CHECK(r.liq == t.liq[1]);
  CHECK(r.fee_class == fee_class::us_equity);
  CHECK(all.available() == r.available());
  // An empty optional column is an input the fills do not have, as an unset field.
  const fill_columns bare{.side = t.side_of, .quantity = t.quantity, .price = t.price};
  const fill_context b = bare.row(2);
  CHECK_FALSE(b.quote.has_value());
  CHECK_FALSE(b.adv.has_value());
  CHECK(b.bar_volume_used == 0.0);
  CHECK(b.time == bulwark::timestamp{});
  CHECK(b.liq == bulwark::liquidity::taker);
  CHECK(b.fee_class == fee_class::unspecified);
  CHECK(bare.available().empty());
  // Past the last row is a broken precondition, not a read out of bounds.
  CHECK_THROWS_AS(bare.row(bare.rows()), bulwark::contract_violation);
}

TEST_CASE("columns cost what each row costs alone, bit for bit", "[cost][columns]") {
  using namespace fill_columns_test;
  const fill_table t = random_fills(2);
  std::vector<double> totals(t.quantity.size(), -1.0);

  SECTION("parts that price a block in vector registers") {
    const auto model = equity_model();
    model.cost(t.columns(), totals);
    require_row_costs(model, t.columns(), totals);
    CHECK(totals[7] == 0.0);        // zero units
    CHECK(totals[401] > 0x1p52 / 100.0);  // the SEC fee alone passes 2^52 cents
  }
  SECTION("every block in one period of the rate tables") {
    const fill_table near = random_fills(2, 805, spacing::in_one_period);
    const auto model = equity_model();
    model.cost(near.columns(), totals);
    require_row_costs(model, near.columns(), totals);
  }
  SECTION("parts without a block form, priced row by row inside the block") {
    const auto model = cost_model{per_share_commission{}, tiered_commission{}, maker_taker_commission{},
                                  half_spread{}, fixed_slippage{}, volatility_scaled<fixed_slippage>{},
                                  short_borrow{.annual_rate = dated_schedule<double>::always(0.01)}};
    model.cost(t.columns(fee_class::crypto), totals);
    require_row_costs(model, t.columns(fee_class::crypto), totals);
  }
  SECTION("a quote-less half spread uses its bps fallback") {
    const auto model = cost_model{half_spread{.fallback = bulwark::bps{3.0}}};
    const fill_columns no_quote{.side = t.side_of, .quantity = t.quantity, .price = t.price,
                                .liq = t.liq};
    model.cost(no_quote, totals);
    require_row_costs(model, no_quote, totals);
  }
  SECTION("fees are charged on US-equity sales only") {
    const auto model = cost_model{sec_fee{}, finra_taf{}};
    model.cost(t.columns(fee_class::crypto), totals);
    for (double total : totals) CHECK(total == 0.0);
    model.cost(t.columns(), totals);
    require_row_costs(model, t.columns(), totals);
  }
  SECTION("fills out of time order") {
    fill_table shuffled = t;
    for (std::size_t i = 0; i + 1 < shuffled.time.size(); i += 2) std::swap(shuffled.time[i], shuffled.time[i + 1]);
    std::swap(shuffled.time.front(), shuffled.time.back());
    const auto model = equity_model();
    model.cost(shuffled.columns(), totals);
    require_row_costs(model, shuffled.columns(), totals);
  }
  SECTION("no rows") {
    std::vector<double> none;
    cost_model{per_share_commission{}, sec_fee{}}.cost(fill_columns{.fee_class = fee_class::us_equity}, none);
    CHECK(none.empty());
  }
}

TEST_CASE("pricing columns allocates nothing", "[cost][columns]") {
  using namespace fill_columns_test;
  const fill_table t = random_fills(3);
  std::vector<double> totals(t.quantity.size());
  const auto model = equity_model();
  const fill_columns fills = t.columns();
  const bulwark::test::allocations_since probe;
  model.cost(fills, totals);
  CHECK(probe.count() == 0);
}

TEST_CASE("a row that cannot be priced is named with the one-fill error", "[cost][columns]") {
  using namespace fill_columns_test;
  const auto model = equity_model();
  fill_table t = random_fills(4);
  std::vector<double> totals(t.quantity.size(), -1.0);

  SECTION("a bad value") {
    t.quantity[600] = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_MATCHES(model.cost(t.columns(), totals), bulwark::input_error,
                         throws_error("bulwark.cost.fill_context",
                                      "fill row 600: fill context: quantity must be finite and >= 0 (got nan)"));
    // The blocks before the bad row's were priced.
    for (std::size_t i = 0; i < 512; ++i) REQUIRE(totals[i] == model.cost(t.columns().row(i)));
    t.quantity[600] = 1.0;
    std::swap(t.bid[300], t.ask[300]);
    CHECK_THROWS_MATCHES(model.cost(t.columns(), totals), bulwark::input_error,
                         throws_error("bulwark.cost.fill_context", "fill row 300: fill context: quote is not usable"));
    std::swap(t.bid[300], t.ask[300]);
    t.adv[801] = -1.0;
    CHECK_THROWS_MATCHES(model.cost(t.columns(), totals), bulwark::input_error,
                         throws_error("bulwark.cost.fill_context",
                                      "fill row 801: fill context: average daily volume must be finite and > 0"));
    t.adv[801] = 1e9;
    t.atr[5] = std::numeric_limits<double>::infinity();
    CHECK_THROWS_MATCHES(model.cost(t.columns(), totals), bulwark::input_error,
                         throws_error("bulwark.cost.fill_context", "fill row 5: fill context: ATR"));
  }
  SECTION("a fill over a part's participation cap") {
    t.quantity[9] = 0.2 * t.adv[9];
    CHECK_THROWS_MATCHES(model.cost(t.columns(), totals), bulwark::input_error,
                         throws_error("bulwark.cost.model",
                                      "fill row 9: part 4 (square_root_impact) cannot price the fill: "
                                      "the fill exceeds the participation cap"));
  }
  SECTION("a sale the rate table does not cover") {
    const fill_table late = random_fills(5, 40);
    fill_table moved = late;
    for (auto& time : moved.time) time += date::days{730};  // 2026 on: past both tables
    std::size_t first_sale = 0;
    while (moved.side_of[first_sale] != side::sell) ++first_sale;  // of any quantity, as `cost`
    CHECK_THROWS_MATCHES(model.cost(moved.columns(), std::span<double>(totals).first(40)),
                         bulwark::input_error,
                         throws_error("bulwark.cost.model",
                                      fmt::format("fill row {}: part 1 (sec_fee) cannot price the fill",
                                                  first_sale)));
    // Buys need no rate: they are priced.
    for (auto& s : moved.side_of) s = side::buy;
    model.cost(moved.columns(), std::span<double>(totals).first(40));
    require_row_costs(model, moved.columns(), totals);
  }
  SECTION("a bad side or liquidity value") {
    t.side_of[3] = static_cast<side>(0);
    CHECK_THROWS_MATCHES(model.cost(t.columns(), totals), bulwark::input_error,
                         throws_error("bulwark.cost.fill_context", "fill row 3: fill context: side"));
    t.side_of[3] = side::buy;
    t.liq[700] = static_cast<bulwark::liquidity>(9);
    CHECK_THROWS_MATCHES(model.cost(t.columns(), totals), bulwark::input_error,
                         throws_error("bulwark.cost.fill_context", "fill row 700: fill context: liquidity"));
  }
}

TEST_CASE("columns of the wrong shape, or without an input a part needs, are refused",
          "[cost][columns]") {
  using namespace fill_columns_test;
  const auto model = equity_model();
  const fill_table t = random_fills(6, 4);
  std::vector<double> totals(4);
  fill_columns fills = t.columns();

  fills.adv = std::span<const double>(t.adv).first(3);
  CHECK_THROWS_MATCHES(model.cost(fills, totals), bulwark::input_error,
                       throws_error("bulwark.cost.fill_columns",
                                    "column adv has 3 rows, expected 4 (the quantity column's) or none"));
  fills = t.columns();
  fills.price = {};
  CHECK_THROWS_MATCHES(model.cost(fills, totals), bulwark::input_error,
                       throws_error("bulwark.cost.fill_columns",
                                    "column price has 0 rows, expected 4 (the quantity column's)"));
  fills = t.columns();
  fills.ask = {};
  CHECK_THROWS_MATCHES(model.cost(fills, totals), bulwark::input_error,
                       throws_error("bulwark.cost.fill_columns", "a quote needs both columns: bid has 4 rows, ask 0"));
  fills = t.columns();
  CHECK_THROWS_MATCHES(model.cost(fills, std::span<double>(totals).first(3)), bulwark::input_error,
                       throws_error("bulwark.cost.fill_columns", "3 totals for 4 rows of fills"));
  fills.adv = {};
  CHECK_THROWS_MATCHES(model.cost(fills, totals), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context",
                                    "fill columns have no adv, which part 4 (square_root_impact) needs"));
  fills = t.columns(fee_class::unspecified);
  CHECK_THROWS_MATCHES(model.cost(fills, totals), bulwark::input_error,
                       throws_error("bulwark.cost.fill_context",
                                    "fill columns have no fee_class, which part 1 (sec_fee) needs"));
}

TEST_CASE("a dated schedule gives the one value across a span of instants", "[cost][columns]") {
  const auto rates = bulwark::cost::sec_section31_rates();
  const auto at = [](date::year_month_day d) { return bulwark::make_timestamp(d, std::chrono::hours{15}); };
  const bulwark::timestamp june = at(date::year{2024} / 6 / 3);
  const bulwark::timestamp july = at(date::year{2024} / 7 / 1);
  const bulwark::timestamp spring = at(date::year{2024} / 3 / 1);
  const bulwark::timestamp late = at(date::year{2026} / 3 / 1);
  const std::vector<bulwark::timestamp> inside{july, june, july};
  REQUIRE(rates.across(inside) != nullptr);
  CHECK(*rates.across(inside) == 27.80);
  const std::vector<bulwark::timestamp> straddling{june, spring};
  CHECK(rates.across(straddling) == nullptr);
  const std::vector<bulwark::timestamp> after{late};
  CHECK(rates.across(after) == nullptr);
  CHECK(rates.across({}) == nullptr);
}

TEST_CASE("each part's add_costs adds what its cost gives for each row", "[cost][columns]") {
  using namespace fill_columns_test;
  const fill_table t = random_fills(8, 805, spacing::in_one_period);
  const fill_columns fills = t.columns();
  const std::size_t first = 5;  // an odd start: loads not aligned to a register
  const std::size_t count = fills.rows() - first;
  const auto require_adds_cost = [&](const auto& part) {
    std::vector<double> total(count, 0.25);
    REQUIRE(part.add_costs(fills, first, count, total.data()));
    for (std::size_t i = 0; i < count; ++i) {
      const fill_context row = fills.row(first + i);
      if (total[i] != 0.25 + part.cost(row)) {
        FAIL(fmt::format("{}: row {}: {:.17g}, cost gives 0.25 + {:.17g} ({})", part.name, first + i,
                         total[i], part.cost(row), row));
      }
    }
  };
  require_adds_cost(per_share_commission{});
  require_adds_cost(per_share_commission{.rate = 0.01, .min = 0.0, .max_fraction = std::nullopt});
  require_adds_cost(sec_fee{});
  require_adds_cost(finra_taf{});
  require_adds_cost(half_spread{});
  require_adds_cost(square_root_impact{.coefficient = 0.7});
  fill_columns no_quote = fills;
  no_quote.bid = {};
  no_quote.ask = {};
  const half_spread fallback{.fallback = bulwark::bps{4.0}};
  std::vector<double> total(count, 0.25);
  REQUIRE(fallback.add_costs(no_quote, first, count, total.data()));
  for (std::size_t i = 0; i < count; ++i) REQUIRE(total[i] == 0.25 + fallback.cost(no_quote.row(first + i)));

  // Where `check` would refuse a row, add_costs says so.
  const fill_table far = random_fills(8, 805, spacing::over_two_years);
  CHECK_FALSE(sec_fee{}.add_costs(far.columns(), 0, 256, total.data()));  // straddles 2024-05-22
  CHECK(sec_fee{}.add_costs(far.columns(), 256, 256, total.data()));     // one period
  fill_table over = t;
  over.quantity[300] = 0.2 * over.adv[300];
  CHECK_FALSE(square_root_impact{}.add_costs(over.columns(), 256, 256, total.data()));
  CHECK(square_root_impact{}.add_costs(over.columns(), 0, 256, total.data()));
}

TEST_CASE("usable accepts exactly the rows problem_of accepts", "[cost][columns]") {
  using namespace fill_columns_test;
  fill_table t = random_fills(9, 601, spacing::in_one_period);
  // Breaks one field of every third row, in turn each way problem_of refuses a value.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < t.quantity.size(); i += 3) {
    switch ((i / 3) % 16) {
      case 0: t.quantity[i] = nan; break;
      case 1: t.quantity[i] = -1.0; break;
      case 2: t.price[i] = 0.0; break;
      case 3: t.price[i] = inf; break;
      case 4: t.quantity[i] = 1e200; t.price[i] = 1e200; break;  // the notional overflows
      case 5: std::swap(t.bid[i], t.ask[i]); break;
      case 6: t.bid[i] = 0.0; break;
      case 7: t.adv[i] = 0.0; break;
      case 8: t.sigma[i] = -0.1; break;
      case 9: t.atr[i] = nan; break;
      case 10: t.mtd[i] = inf; break;
      case 11: t.bar_volume[i] = -1.0; break;
      case 12: t.bar_volume_used[i] = nan; break;
      case 13: t.side_of[i] = static_cast<side>(2); break;
      case 14: t.liq[i] = static_cast<bulwark::liquidity>(5); break;
      default: break;  // left valid
    }
  }
  const fill_columns fills = t.columns();
  std::vector<bool> valid(fills.rows());
  for (std::size_t i = 0; i < fills.rows(); ++i) valid[i] = problem_of(fills.row(i)) == fill_problem::none;
  // Every third row of 601 is a slot (201), and every 16th slot is left valid (12).
  CHECK(std::count(valid.begin(), valid.end(), false) == 201 - 12);
  // Spans of 1, 2, 4 and 5 rows: scalar only, whole registers, and registers with a tail.
  for (const std::size_t width : {1U, 2U, 4U, 5U}) {
    for (std::size_t i = 0; i + width <= fills.rows(); ++i) {
      const bool expected = std::all_of(valid.begin() + static_cast<std::ptrdiff_t>(i),
                                        valid.begin() + static_cast<std::ptrdiff_t>(i + width),
                                        [](bool v) { return v; });
      if (fills.usable(i, width) != expected) FAIL(fmt::format("rows {} .. {}: usable says {}", i, i + width - 1, !expected));
    }
  }
}
