// SPDX-License-Identifier: MIT
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/random.hpp"
#include "bulwark/sizing/caps.hpp"
#include "support/catch.hpp"

namespace caps_test {
using bulwark::sizing::apply_caps;
using bulwark::sizing::exposure_caps;
using bulwark::test::throws_error;
using bulwark::test::WithinRel;
const double nan = std::numeric_limits<double>::quiet_NaN();
const double inf = std::numeric_limits<double>::infinity();
const double eps = std::numeric_limits<double>::epsilon();

// A book of min_size + rng.below(size_spread) weights 0.4 (u - centre), u uniform in
// [0, 1), drawn from `rng` at `draw` onwards.
std::vector<double> random_book(const bulwark::counter_rng& rng, std::uint64_t& draw,
                                std::size_t min_size, std::uint64_t size_spread, double centre) {
  std::vector<double> w(min_size + rng.below(draw++, size_spread));
  for (double& x : w) x = 0.4 * (rng.uniform(draw++) - centre);
  return w;
}

void check_weights(const std::vector<double>& got, const std::vector<double>& expected) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("weight " << i);
    CHECK_THAT(got[i], WithinRel(expected[i], 1e-14));
  }
}
}  // namespace caps_test

TEST_CASE("the per-asset cap clips each weight, keeping its sign", "[sizing][caps]") {
  using namespace caps_test;
  std::vector<double> w{0.3, -0.25, 0.05, -0.2};
  const auto r = apply_caps(w, exposure_caps{.per_asset = 0.2});
  CHECK(w == std::vector<double>{0.2, -0.2, 0.05, -0.2});
  CHECK(r.clipped == 2);
  CHECK(r.gross_scale == 1.0);
  CHECK(r.bound());
  CHECK_THAT(r.gross_before, WithinRel(0.8, 1e-15));
  CHECK_THAT(r.gross_after, WithinRel(0.65, 1e-15));
}

TEST_CASE("the gross cap scales the whole book proportionally", "[sizing][caps]") {
  using namespace caps_test;
  std::vector<double> w{0.5, -0.5, 1.0};
  const auto r = apply_caps(w, exposure_caps{.gross = 1.0});
  check_weights(w, {0.25, -0.25, 0.5});
  CHECK(r.gross_scale == 0.5);
  CHECK(r.gross_after <= 1.0);
  CHECK(r.clipped == 0);
}

TEST_CASE("the net cap trims only the side in excess", "[sizing][caps]") {
  using namespace caps_test;
  // Longs 1.0, shorts 0.2: net 0.8 > 0.2, so longs x (0.2 + 0.2) / 1.0 = 0.4.
  std::vector<double> w{0.6, 0.4, -0.2};
  auto r = apply_caps(w, exposure_caps{.net = 0.2});
  check_weights(w, {0.24, 0.16, -0.2});
  CHECK_THAT(r.long_scale, WithinRel(0.4, 1e-15));
  CHECK(r.short_scale == 1.0);
  CHECK(r.net_after <= 0.2);
  CHECK_THAT(r.net_after, WithinRel(0.2, 1e-15));

  std::vector<double> s{-0.6, -0.4, 0.2};
  r = apply_caps(s, exposure_caps{.net = 0.2});
  check_weights(s, {-0.24, -0.16, 0.2});
  CHECK_THAT(r.short_scale, WithinRel(0.4, 1e-15));
  CHECK(r.long_scale == 1.0);
  CHECK(r.net_after >= -0.2);

  // Market neutral: net cap 0 on a long-only book flattens it.
  std::vector<double> longs{0.1, 0.2};
  r = apply_caps(longs, exposure_caps{.net = 0.0});
  CHECK(longs == std::vector<double>{0.0, 0.0});
}

TEST_CASE("the three caps compose in order", "[sizing][caps]") {
  using namespace caps_test;
  // Per asset 0.2: {0.2, 0.2, -0.1, -0.05, 0.2}, gross 0.75 > 0.6: x0.8 ->
  // {0.16, 0.16, -0.08, -0.04, 0.16}, net 0.36 > 0.2: longs x (0.2 + 0.12) / 0.48 = 2/3.
  std::vector<double> w{0.5, 0.3, -0.1, -0.05, 0.25};
  const auto r = apply_caps(w, exposure_caps{.per_asset = 0.2, .gross = 0.6, .net = 0.2});
  check_weights(w, {0.32 / 3.0, 0.32 / 3.0, -0.08, -0.04, 0.32 / 3.0});
  CHECK(r.clipped == 3);
  CHECK_THAT(r.gross_scale, WithinRel(0.8, 1e-15));
  CHECK_THAT(r.long_scale, WithinRel(2.0 / 3.0, 1e-15));
  CHECK_THAT(r.gross_after, WithinRel(0.44, 1e-14));
  CHECK_THAT(r.net_after, WithinRel(0.2, 1e-14));
  CHECK(fmt::format("{}", r) ==
        "gross 1.2 -> 0.44 (x0.8), net 0.9 -> 0.2 (longs x0.6667), 3 clipped");
}

TEST_CASE("caps hold exactly in floating point on random books", "[sizing][caps]") {
  using namespace caps_test;
  const bulwark::counter_rng rng{11, 0};
  std::uint64_t draw = 0;
  for (int book = 0; book < 300; ++book) {
    std::vector<double> w = random_book(rng, draw, 1, 60, 0.35);
    const std::size_t n = w.size();
    const exposure_caps caps{.per_asset = 0.02 + 0.2 * rng.uniform(draw++),
                             .gross = 0.1 + 3.0 * rng.uniform(draw++),
                             .net = 0.5 * rng.uniform(draw++)};
    const std::vector<double> before = w;
    const auto r = apply_caps(w, caps);
    double gross = 0.0, net = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      INFO("book " << book << " weight " << i);
      CHECK(std::abs(w[i]) <= caps.per_asset);
      CHECK(std::abs(w[i]) <= std::abs(before[i]));
      CHECK(w[i] * before[i] >= 0.0);  // never flips a side
      gross += std::abs(w[i]);
      net += w[i];
    }
    INFO("book " << book);
    CHECK(gross <= caps.gross);
    CHECK(std::abs(net) <= caps.net);
    CHECK(gross == r.gross_after);
    CHECK(net == r.net_after);
  }
}

TEST_CASE("a book that meets its caps is unchanged", "[sizing][caps]") {
  using namespace caps_test;
  std::vector<double> w{0.1, -0.1, 0.05};
  const auto r = apply_caps(w, exposure_caps{.per_asset = 0.1, .gross = 0.25, .net = 0.05});
  CHECK(w == std::vector<double>{0.1, -0.1, 0.05});
  CHECK_FALSE(r.bound());
  std::vector<double> empty;
  CHECK_FALSE(apply_caps(empty, exposure_caps{.gross = 1.0}).bound());
}

TEST_CASE("caps apply to a book of symbols", "[sizing][caps]") {
  using namespace caps_test;
  using bulwark::sizing::target_weight;
  std::vector<target_weight> book{{"AAPL", 0.5}, {"MSFT", -0.5}, {"SPY", 1.0}};
  apply_caps(book, exposure_caps{.gross = 1.0});
  CHECK(book[0] == target_weight{"AAPL", 0.25});
  CHECK(book[1] == target_weight{"MSFT", -0.25});
  CHECK(book[2] == target_weight{"SPY", 0.5});
  CHECK(fmt::format("{}", book[1]) == "MSFT -0.25");
}

TEST_CASE("caps reject bad caps and bad weights before changing anything", "[sizing][caps]") {
  using namespace caps_test;
  using bulwark::sizing::target_weight;
  std::vector<double> w{0.5, caps_test::nan, 0.1};
  CHECK_THROWS_MATCHES(apply_caps(w, exposure_caps{}), bulwark::input_error,
                       throws_error("bulwark.sizing.caps", "apply_caps: weights[1] is nan"));
  std::vector<double> ok{0.5, -0.5};
  CHECK_THROWS_MATCHES(apply_caps(ok, exposure_caps{.gross = -1.0}), bulwark::config_error,
                       throws_error("bulwark.sizing.caps", "gross cap -1 must be >= 0"));
  CHECK_THROWS_MATCHES(apply_caps(ok, exposure_caps{.per_asset = caps_test::nan}), bulwark::config_error,
                       throws_error("bulwark.sizing.caps", "per-asset cap nan"));
  CHECK(ok == std::vector<double>{0.5, -0.5});
  std::vector<target_weight> book{{"AAPL", 0.1}, {"MSFT", caps_test::inf}};
  CHECK_THROWS_MATCHES(apply_caps(book, exposure_caps{}), bulwark::input_error,
                       throws_error("bulwark.sizing.caps", "weight of MSFT (book[1]) is inf"));
  // Finite weights whose gross overflows: the net step would compute inf - inf.
  std::vector<double> huge{1e308, 1e308, -1e308};
  CHECK_THROWS_MATCHES(apply_caps(huge, exposure_caps{.net = 0.5}), bulwark::input_error,
                       throws_error("bulwark.sizing.caps",
                                    "apply_caps: the weights' gross exposure sum |w| is inf"));
  CHECK(huge == std::vector<double>{1e308, 1e308, -1e308});
  // The same weights under a per-asset cap have a finite gross once clipped.
  apply_caps(huge, exposure_caps{.per_asset = 1.0, .net = 0.5});
  CHECK(huge == std::vector<double>{0.75, 0.75, -1.0});  // {1, 1, -1}, longs x (0.5 + 1) / 2
  CHECK(fmt::format("{}", exposure_caps{.per_asset = 0.1, .gross = 2.0}) ==
        "per-asset 0.1, gross 2, net inf");
}

TEST_CASE("the net search stays O(n) when the starting factor is far off", "[sizing][caps]") {
  using namespace caps_test;
  // A short of 1, a long of 1 and 40,000 longs of 0.75 x 2^-53. The long side's sum
  // rounds every small weight away (each is below half an ulp of 1), while the net, which
  // runs near 0, keeps them all (3.3e-12): the factor computed from the sides is 1, some
  // 30,000 ulps above the answer. One ulp per pass over the book took 30,000 passes.
  std::vector<double> w{-1.0, 1.0};
  w.resize(40'002, 0.75 * 0x1p-53);
  std::size_t reads = 0;
  const auto r = bulwark::sizing::detail::cap_in_place(
      w.size(),
      [&](std::size_t i) -> double& {
        ++reads;
        return w[i];
      },
      exposure_caps{.net = 0.0});
  CHECK(reads <= 100 * w.size());  // 4 steps, at most 64 halvings, the other sums
  CHECK(r.long_scale < 1.0);
  CHECK(std::abs(r.net_after) <= static_cast<double>(w.size()) * eps * r.gross_after);
}

TEST_CASE("a net cap of 0 on a book with both sides ends, within the sum's rounding",
          "[sizing][caps]") {
  using namespace caps_test;
  // Longs 0.821, shorts 0.1: the longs x 0.1 / 0.821, which no double makes exact.
  std::vector<double> w{0.351, 0.470, -0.1};
  const auto r = apply_caps(w, exposure_caps{.net = 0.0});
  CHECK_THAT(r.long_scale, WithinRel(0.1 / 0.821, 1e-15));
  CHECK(r.short_scale == 1.0);
  CHECK(w[2] == -0.1);
  CHECK(std::abs(r.net_after) <= 3 * eps * r.gross_after);
  // The documented bound, |net| <= n eps gross, on random long/short books.
  const bulwark::counter_rng rng{29, 0};
  std::uint64_t draw = 0;
  for (int book = 0; book < 2000; ++book) {
    std::vector<double> v = random_book(rng, draw, 2, 100, 0.5);
    const auto c = apply_caps(v, exposure_caps{.net = 0.0});
    INFO("book " << book);
    CHECK(std::abs(c.net_after) <= static_cast<double>(v.size()) * eps * c.gross_after);
  }
}
