// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/risk/window_quantile.hpp"
#include "support/catch.hpp"

namespace window_quantile_test {
using bulwark::risk::quantile_convention;
using bulwark::test::WithinRel;

// The quantile of sorted values by each convention, written from its source's definition:
// numpy through core's quantile_sorted (numpy-exact), pandas' aggregations.pyx roll_quantile
// and R's quantile.default(type = 7).
double reference_quantile(const std::vector<double>& sorted, double q, quantile_convention c) {
  const std::size_t n = sorted.size();
  if (c == quantile_convention::numpy) return bulwark::quantile_sorted(sorted, q);
  if (c == quantile_convention::pandas) {
    if (n == 1) return sorted[0];
    const double h = q * static_cast<double>(n - 1);
    const auto i = static_cast<std::size_t>(h);
    if (h == static_cast<double>(i)) return sorted[i];
    return sorted[i] + (sorted[i + 1] - sorted[i]) * (h - static_cast<double>(i));
  }
  const double index = 1.0 + static_cast<double>(n - 1) * q;
  const double lo = std::floor(index);
  const double hi = std::ceil(index);
  const double qs = sorted[static_cast<std::size_t>(lo) - 1];
  const double x_hi = sorted[static_cast<std::size_t>(hi) - 1];
  const double h = index - lo;
  return index > lo && x_hi != qs ? (1.0 - h) * qs + h * x_hi : qs;
}

double reference_mean_below(const std::vector<double>& values, double q) {
  double sum = 0.0;
  std::size_t count = 0;
  for (double v : values) {
    if (v < q) {
      sum += v;
      ++count;
    }
  }
  return count ? sum / static_cast<double>(count) : q;
}
}  // namespace window_quantile_test

TEST_CASE("window_quantile equals sorting every window, while filling and after",
          "[risk][window]") {
  using namespace window_quantile_test;
  const bulwark::counter_rng rng{8, 4};
  std::vector<double> data(1500);
  rng.fill_normal(data);
  for (std::size_t i = 0; i < data.size(); ++i) {
    // every third stretch rounded hard, so that ties (and ties at the quantile) are common
    if (i / 100 % 3 == 1) data[i] = std::round(data[i] * 2.0) / 2.0;
  }
  for (std::size_t window : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{64}, std::size_t{251}}) {
    for (double q : {0.0, 0.01, 0.05, 0.25, 0.5, 0.95, 1.0}) {
      for (auto c : {quantile_convention::numpy, quantile_convention::pandas, quantile_convention::r}) {
        bulwark::risk::window_quantile w{window, q, c};
        for (std::size_t i = 0; i < data.size(); ++i) {
          w.add(data[i]);
          const std::size_t first = i + 1 >= window ? i + 1 - window : 0;
          std::vector<double> held(data.begin() + static_cast<std::ptrdiff_t>(first),
                                   data.begin() + static_cast<std::ptrdiff_t>(i) + 1);
          std::sort(held.begin(), held.end());
          const double expected = reference_quantile(held, q, c);
          if (w.quantile() != expected || i % 97 == 0) {
            INFO("window " << window << " q " << q << " convention " << fmt::format("{}", c) << " i " << i);
            REQUIRE(w.quantile() == expected);
            REQUIRE_THAT(w.mean_below(), WithinRel(reference_mean_below(held, expected), 1e-13));
          }
          CHECK(w.size() == i + 1 - first);
        }
      }
    }
  }
}

TEST_CASE("window_quantile's tail mean does not drift over long runs", "[risk][window]") {
  using window_quantile_test::WithinRel;
  std::vector<double> data(200'000);
  bulwark::counter_rng{12, 0}.fill_normal(data);
  // A volatile first half (x 1000) then a calm one (x 0.001): a plain running sum would keep
  // the first half's rounding errors, 1e6 times the calm tail's size.
  for (std::size_t i = 0; i < data.size(); ++i) data[i] *= i < 100'000 ? 1000.0 : 0.001;
  bulwark::risk::window_quantile w{500, 0.05};
  for (double v : data) w.add(v);
  std::vector<double> last(data.end() - 500, data.end());
  std::sort(last.begin(), last.end());
  const double q = bulwark::quantile_sorted(last, 0.05);
  CHECK(w.quantile() == q);
  CHECK_THAT(w.mean_below(), WithinRel(window_quantile_test::reference_mean_below(last, q), 1e-14));
}

TEST_CASE("window_quantile turns NaN for good on a bad value, and rejects bad configuration",
          "[risk][window]") {
  bulwark::risk::window_quantile w{3, 0.5};
  CHECK(std::isnan(w.quantile()));
  w.add(1.0);
  w.add(2.0);
  CHECK(w.quantile() == 1.5);
  w.add(std::numeric_limits<double>::quiet_NaN());
  CHECK(w.broken());
  w.add(3.0);
  CHECK(std::isnan(w.quantile()));
  CHECK(std::isnan(w.mean_below()));
  w.reset();
  w.add(4.0);
  CHECK(w.quantile() == 4.0);
  CHECK(w.mean_below() == 4.0);  // nothing below: the quantile itself
  CHECK_THROWS_MATCHES(bulwark::risk::window_quantile(0, 0.5), bulwark::config_error,
                       bulwark::test::throws_error("bulwark.risk.window", "window 0"));
  CHECK_THROWS_MATCHES(bulwark::risk::window_quantile(10, 1.5), bulwark::config_error,
                       bulwark::test::throws_error("bulwark.risk.window", "q 1.5 outside [0, 1]"));
}
