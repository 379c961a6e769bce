// SPDX-License-Identifier: MIT
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/signal/rolling_zscore.hpp"
#include "support/catch.hpp"

namespace rolling_zscore_test {
using bulwark::test::throws_error;
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;
constexpr double missing = std::numeric_limits<double>::quiet_NaN();

// The definition, one window at a time (two passes over the window).
double direct_z(const std::vector<double>& x, std::size_t t, std::size_t w) {
  double mean = 0.0;
  for (std::size_t i = t + 1 - w; i <= t; ++i) mean += x[i];
  mean /= static_cast<double>(w);
  double ss = 0.0;
  for (std::size_t i = t + 1 - w; i <= t; ++i) ss += (x[i] - mean) * (x[i] - mean);
  return (x[t] - mean) / std::sqrt(ss / static_cast<double>(w - 1));
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// A random walk far from 0 (a price of 1000 moving by about 1), where a naive sum of
// squares would lose most digits.
std::vector<double> walk(std::size_t n, std::uint64_t stream) {
  std::vector<double> x(n);
  bulwark::counter_rng{31, stream}.fill_normal(x);
  double level = 1e3;
  for (double& v : x) v = level += v;
  return x;
}
}  // namespace rolling_zscore_test

TEST_CASE("rolling_zscore: closed form on a short series", "[signal][rolling]") {
  using rolling_zscore_test::WithinRel;
  bulwark::signal::rolling_zscore z{3};
  CHECK(std::isnan(z.update(1.0)));
  CHECK(std::isnan(z.update(2.0)));
  CHECK(z.update(3.0) == 1.0);  // window 1, 2, 3: mean 2, sd 1
  CHECK(z.update(4.0) == 1.0);
  // window 3, 4, 10: mean 17/3, sd sqrt(((8/3)^2 + (5/3)^2 + (13/3)^2) / 2) = sqrt(43/3)
  CHECK_THAT(z.update(10.0), WithinRel((10.0 - 17.0 / 3.0) / std::sqrt(43.0 / 3.0), 1e-14));
  CHECK_THAT(z.mean(), WithinRel(17.0 / 3.0, 1e-15));
  CHECK(z.ready());
}

TEST_CASE("rolling_zscore equals the per-window definition over a long series", "[signal][rolling]") {
  const auto x = rolling_zscore_test::walk(20'000, 1);
  for (std::size_t w : {2UL, 5UL, 60UL, 250UL}) {
    const auto z = bulwark::signal::rolling_zscore_series(x, w);
    for (std::size_t t = 0; t + 1 < w; ++t) REQUIRE(std::isnan(z[t]));
    for (std::size_t t = w - 1; t < x.size(); t += 7) {
      INFO("window " << w << " t " << t);
      REQUIRE_THAT(z[t], rolling_zscore_test::WithinAbs(rolling_zscore_test::direct_z(x, t, w), 1e-8));
    }
  }
}

TEST_CASE("rolling_zscore has no look-ahead: changing the future leaves the past as it was", "[signal][rolling]") {
  const auto x = rolling_zscore_test::walk(3'000, 2);
  auto future_changed = x;
  const auto other = rolling_zscore_test::walk(1'000, 3);
  for (std::size_t t = 2'000; t < 3'000; ++t) future_changed[t] = other[t - 2'000];
  const auto a = bulwark::signal::rolling_zscore_series(x, 50);
  const auto b = bulwark::signal::rolling_zscore_series(future_changed, 50);
  for (std::size_t t = 0; t < 2'000; ++t) REQUIRE(rolling_zscore_test::same_bits(a[t], b[t]));
  CHECK(a[2'000] != b[2'000]);
}

TEST_CASE("rolling_zscore: a missing value blanks the windows that hold it, then recovers", "[signal][rolling]") {
  using rolling_zscore_test::missing;
  auto x = rolling_zscore_test::walk(200, 4);
  x[100] = missing;
  bulwark::signal::rolling_zscore z{10};
  std::vector<double> out;
  for (double v : x) out.push_back(z.update(v));
  for (std::size_t t = 100; t < 110; ++t) CHECK(std::isnan(out[t]));
  for (std::size_t t = 110; t < 200; ++t) {
    REQUIRE_THAT(out[t], rolling_zscore_test::WithinAbs(rolling_zscore_test::direct_z(x, t, 10), 1e-8));
  }
  CHECK(std::isnan(out[99]) == false);
  // A constant window has no z-score.
  bulwark::signal::rolling_zscore flat{3};
  for (int i = 0; i < 5; ++i) CHECK(std::isnan(flat.update(2.5)));
  flat.reset();
  CHECK(!flat.ready());
}

TEST_CASE("rolling_zscore rejects a short window, the batch form rejects missing values", "[signal][rolling]") {
  using rolling_zscore_test::throws_error;
  CHECK_THROWS_MATCHES(bulwark::signal::rolling_zscore{1}, bulwark::config_error,
                       throws_error("bulwark.signal.rolling", "rolling_zscore: window 1; expected >= 2"));
  const std::vector<double> x{1.0, 2.0, rolling_zscore_test::missing, 4.0};
  CHECK_THROWS_MATCHES(bulwark::signal::rolling_zscore_series(x, 2), bulwark::input_error,
                       throws_error("bulwark.signal.rolling", "rolling_zscore_series: x[2] is nan"));
  std::vector<double> out(3);
  CHECK_THROWS_MATCHES(bulwark::signal::rolling_zscore_series(std::vector<double>{1.0, 2.0}, 2, out),
                       bulwark::input_error, throws_error("bulwark.signal.rolling", "output has 3 elements for 2 inputs"));
}
