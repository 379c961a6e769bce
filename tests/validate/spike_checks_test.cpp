// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <vector>

#include "bulwark/core/random.hpp"
#include "bulwark/validate/spike_checks.hpp"
#include "bulwark/validate/validator.hpp"
#include "support/catch.hpp"
#include "support/findings.hpp"

namespace spike_checks_test {
using namespace bulwark;
using namespace bulwark::validate;

// Median and MAD by full sorting: independent of the selection and of the certificate.
inline double sorted_median(std::vector<double> x) {
  std::sort(x.begin(), x.end());
  const std::size_t n = x.size();
  return n % 2 == 1 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

// The rows a block Hampel identifier flags, computed the slow way.
inline std::vector<std::size_t> brute_force(const std::vector<double>& value, std::size_t base,
                                            std::size_t window, double threshold, bool two_sided) {
  std::vector<std::size_t> flagged;
  const std::size_t n = value.size();
  const std::size_t rows = n - base;
  const std::size_t full = rows / window;
  const std::size_t blocks = full == 0 ? 1 : (rows % window >= window / 2 ? full + 1 : full);
  for (std::size_t k = 0; k < blocks; ++k) {
    const std::size_t first = base + k * window;
    const std::size_t last = k + 1 == blocks ? n : first + window;
    std::vector<double> x(value.begin() + static_cast<std::ptrdiff_t>(first), value.begin() + static_cast<std::ptrdiff_t>(last));
    const double m = sorted_median(x);
    std::vector<double> d;
    for (double v : x) d.push_back(std::abs(v - m));
    const double scale = 1.4826 * sorted_median(d);
    if (!(scale > 0.0)) continue;
    for (std::size_t i = first; i < last; ++i) {
      const double z = (value[i] - m) / scale;
      if ((two_sided ? std::abs(z) : z) > threshold) flagged.push_back(i);
    }
  }
  return flagged;
}

}  // namespace spike_checks_test

TEST_CASE("return_spike equals a brute-force block Hampel identifier", "[validate][spike_checks]") {
  using namespace spike_checks_test;
  // Many random series with heavy tails and planted spikes of every size around the
  // threshold, so both the certificate and the exact path decide: results must be equal.
  std::size_t spikes = 0;
  for (std::uint64_t seed = 0; seed < 60; ++seed) {
    const counter_rng rng{seed, 7};
    const std::size_t n = 200 + rng.below(0, 2000);
    const std::size_t window = 40 + rng.below(1, 300);
    bar_series s{"TEST"};
    std::vector<double> returns(n, std::nan(""));
    double price = 100.0;
    for (std::size_t i = 0; i < n; ++i) {
      double r = 0.01 * rng.normal(10 + i);
      if (rng.uniform(100'000 + i) < 0.01) r *= 4.0 + 12.0 * rng.uniform(200'000 + i);  // spikes
      if (i > 0) {
        const double next = price * (1.0 + std::max(r, -0.9));
        returns[i] = next / price - 1.0;
        price = next;
      }
      s.push_back({.time = from_unix_seconds(static_cast<std::int64_t>(i) * 86'400), .open = price,
                   .high = price, .low = price, .close = price, .volume = 1});
    }
    const report r = validator{return_spike{.window = window}}.run(s);
    INFO("seed " << seed << " n " << n << " window " << window);
    CHECK(test::finding_rows(r) == brute_force(returns, 1, window, 10.0, true));
    spikes += r.findings().size();
  }
  CHECK(spikes > 60);  // the planted spikes were found, not just agreed upon
}

TEST_CASE("volume_spike flags upward spikes only, per block", "[validate][spike_checks]") {
  using namespace spike_checks_test;
  const counter_rng rng{5, 1};
  bar_series s{"TEST"};
  std::vector<double> volume(1000);
  for (std::size_t i = 0; i < volume.size(); ++i) {
    volume[i] = 1e6 * (1.0 + 0.2 * rng.normal(i));
    if (i == 100) volume[i] = 2e7;   // a spike
    if (i == 700) volume[i] = 1.0;   // a drought: not a spike
    s.push_back({.time = from_unix_seconds(static_cast<std::int64_t>(i) * 60), .open = 1, .high = 1, .low = 1, .close = 1,
                 .volume = volume[i]});
  }
  const report r = validator{volume_spike{}}.run(s);
  CHECK(test::finding_rows(r) == brute_force(volume, 0, 252, 10.0, false));
  CHECK(test::finding_rows(r) == std::vector<std::size_t>{100});
  CHECK(r.findings()[0].level == severity::info);
  CHECK_THROWS_MATCHES(validator{volume_spike{.window = 10}}, config_error,
                       test::throws_error("bulwark.validate.spikes", "window 10 must be >= 40"));
}

TEST_CASE("a block with MAD 0 or too few values is not scored", "[validate][spike_checks]") {
  using namespace spike_checks_test;
  bar_series flat{"TEST"};
  for (std::int64_t i = 0; i < 100; ++i) {
    const double p = i == 50 ? 200.0 : 100.0;  // most returns are exactly 0
    flat.push_back({.time = from_unix_seconds(i * 60), .open = p, .high = p, .low = p, .close = p, .volume = 1});
  }
  CHECK(validator{return_spike{}}.run(flat).findings().empty());
  bar_series short_series{"TEST"};
  for (std::int64_t i = 0; i < 15; ++i) {
    short_series.push_back({.time = from_unix_seconds(i * 60), .open = 1, .high = 1, .low = 1, .close = 1, .volume = i == 7 ? 1e9 : 1});
  }
  CHECK(validator{volume_spike{}}.run(short_series).findings().empty());
}
