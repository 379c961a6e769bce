// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
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

// The rows a block Hampel identifier flags, computed the slow way; a value that is not
// finite is not usable, and a block of fewer than 20 usable values is not scored.
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
    std::vector<double> x;  // the usable values: finite ones
    for (std::size_t i = first; i < last; ++i) {
      if (std::isfinite(value[i])) x.push_back(value[i]);
    }
    if (x.size() < 20) continue;
    const double m = sorted_median(x);
    std::vector<double> d;
    for (double v : x) d.push_back(std::abs(v - m));
    const double scale = 1.4826 * sorted_median(d);
    if (!(scale > 0.0)) continue;
    for (std::size_t i = first; i < last; ++i) {
      if (!std::isfinite(value[i])) continue;
      const double z = (value[i] - m) / scale;
      if ((two_sided ? std::abs(z) : z) > threshold) flagged.push_back(i);
    }
  }
  return flagged;
}

// A series whose closes and volumes are the given columns (open = high = low = close).
inline bar_series series_of(const std::vector<double>& close, const std::vector<double>& volume) {
  bar_series s{"TEST"};
  for (std::size_t i = 0; i < close.size(); ++i) {
    s.push_back({.time = from_unix_seconds(static_cast<std::int64_t>(i) * 60), .open = close[i],
                 .high = close[i], .low = close[i], .close = close[i], .volume = volume[i]});
  }
  return s;
}

// Close-to-close returns, NaN where either close is not finite and > 0 (not usable).
inline std::vector<double> usable_returns(const std::vector<double>& close) {
  std::vector<double> r(close.size(), std::nan(""));
  const auto usable = [](double p) { return std::isfinite(p) && p > 0.0; };
  for (std::size_t i = 1; i < close.size(); ++i) {
    if (usable(close[i - 1]) && usable(close[i])) r[i] = close[i] / close[i - 1] - 1.0;
  }
  return r;
}

// Volumes as volume_spike reads them: NaN where not finite and >= 0.
inline std::vector<double> usable_volumes(std::vector<double> volume) {
  for (double& v : volume) {
    if (!(v >= 0.0)) v = std::nan("");
  }
  return volume;
}

// For 60 seeds: a series of `make(rng, n)` = {closes, volumes} with n random, run through
// `Check{.window = w}` with w random; its findings must equal the brute force on
// `values(closes, volumes)` from row `base`. Returns how many findings there were.
template <class Check, class Make, class Values>
std::size_t agree_on_random_series(std::uint64_t stream, std::size_t base, bool two_sided,
                                   Make make, Values values) {
  std::size_t findings = 0;
  for (std::uint64_t seed = 0; seed < 60; ++seed) {
    const counter_rng rng{seed, stream};
    const std::size_t n = 100 + rng.below(0, 2000);
    const std::size_t window = 40 + rng.below(1, 300);
    const auto [close, volume] = make(rng, n);
    const report r = test::run_every_kernel(validator{Check{.window = window}}, series_of(close, volume));
    INFO("seed " << seed << " n " << n << " window " << window);
    CHECK(test::finding_rows(r) ==
          brute_force(values(close, volume), base, window, 10.0, two_sided));
    findings += r.findings().size();
  }
  return findings;
}

using columns = std::pair<std::vector<double>, std::vector<double>>;

}  // namespace spike_checks_test

TEST_CASE("return_spike equals a brute-force block Hampel identifier", "[validate][spike_checks]") {
  using namespace spike_checks_test;
  // Heavy tails and planted spikes of every size around the threshold, so both the
  // certificate and the exact path decide.
  const std::size_t spikes = agree_on_random_series<return_spike>(
      7, 1, true,
      [](const counter_rng& rng, std::size_t n) {
        columns c{std::vector<double>(n), std::vector<double>(n, 1.0)};
        double price = 100.0;
        for (std::size_t i = 0; i < n; ++i) {
          double r = 0.01 * rng.normal(10 + i);
          if (rng.uniform(100'000 + i) < 0.01) r *= 4.0 + 12.0 * rng.uniform(200'000 + i);
          if (i > 0) price *= 1.0 + std::max(r, -0.9);
          c.first[i] = price;
        }
        return c;
      },
      [](const std::vector<double>& close, const std::vector<double>&) {
        return usable_returns(close);
      });
  CHECK(spikes > 60);  // the planted spikes were found, not just agreed upon
}

TEST_CASE("volume_spike equals a brute-force block Hampel identifier", "[validate][spike_checks]") {
  using namespace spike_checks_test;
  // Log-normal volumes with planted bursts of every size around the threshold.
  const std::size_t spikes = agree_on_random_series<volume_spike>(
      8, 0, false,
      [](const counter_rng& rng, std::size_t n) {
        columns c{std::vector<double>(n, 50.0), std::vector<double>(n)};
        for (std::size_t i = 0; i < n; ++i) {
          c.second[i] = 1e6 * std::exp(0.4 * rng.normal(10 + i));
          if (rng.uniform(100'000 + i) < 0.01) c.second[i] *= 2.0 + 10.0 * rng.uniform(200'000 + i);
        }
        return c;
      },
      [](const std::vector<double>&, const std::vector<double>& volume) { return volume; });
  CHECK(spikes > 30);
}

TEST_CASE("volume_spike flags upward spikes only, per block", "[validate][spike_checks]") {
  using namespace spike_checks_test;
  const counter_rng rng{5, 1};
  std::vector<double> volume(1000);
  for (std::size_t i = 0; i < volume.size(); ++i) {
    volume[i] = 1e6 * (1.0 + 0.2 * rng.normal(i));
    if (i == 100) volume[i] = 2e7;   // a spike
    if (i == 700) volume[i] = 1.0;   // a drought: not a spike
  }
  const report r = test::run_every_kernel(validator{volume_spike{}}, series_of(std::vector<double>(1000, 1.0), volume));
  CHECK(test::finding_rows(r) == brute_force(volume, 0, 252, 10.0, false));
  CHECK(test::finding_rows(r) == std::vector<std::size_t>{100});
  CHECK(r.findings()[0].level == severity::info);
  CHECK_THROWS_MATCHES(validator{volume_spike{.window = 10}}, config_error,
                       test::throws_error("bulwark.validate.spikes", "window 10 must be >= 40"));
}

TEST_CASE("a block with MAD 0 or too few values is not scored", "[validate][spike_checks]") {
  using namespace spike_checks_test;
  std::vector<double> flat(100, 100.0);  // most returns are exactly 0
  flat[50] = 200.0;
  const report flat_report =
      test::run_every_kernel(validator{return_spike{}}, series_of(flat, std::vector<double>(100, 1.0)));
  CHECK(flat_report.findings().empty());
  std::vector<double> short_volume(15, 1.0);
  short_volume[7] = 1e9;
  const report short_report =
      test::run_every_kernel(validator{volume_spike{}}, series_of(std::vector<double>(15, 1.0), short_volume));
  CHECK(short_report.findings().empty());
}

TEST_CASE("spike checks leave out values that are not usable, wherever they fall", "[validate][spike_checks]") {
  using namespace spike_checks_test;
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  // Each edge value goes to one place of a 300-row series (window 100): a block's first
  // row, its last, its middle, the series' ends. Most are not usable; the extremes that are
  // (1e-300, 1e300, 1e306, a volume of -0) may give returns or sums the fast path refuses.
  // A close of 0 on a block's last row gives that row a return of exactly -1 computed from
  // finite closes; it must still be left out.
  const std::vector<double> edge_closes = {nan, inf, -inf, 0.0, -0.0, -5.0, 1e-300, 1e300};
  const std::vector<double> edge_volumes = {nan, inf, -inf, -1.0, -0.0, 1e306};
  const std::vector<std::size_t> places = {0, 1, 50, 99, 100, 101, 199, 200, 298, 299};
  const counter_rng rng{9, 1};
  std::vector<double> close(300), volume(300);
  double price = 100.0;
  for (std::size_t i = 0; i < close.size(); ++i) {
    price *= 1.0 + 0.01 * rng.normal(i);
    close[i] = price;
    volume[i] = 1e6 * (1.0 + 0.1 * rng.normal(1000 + i));
  }
  close[150] *= 1.5;   // a spike, so a block reaches the exact path
  volume[250] *= 4.0;  // likewise
  for (std::size_t at : places) {
    for (double bad : edge_closes) {
      std::vector<double> c = close;
      c[at] = bad;
      const report r = test::run_every_kernel(validator{return_spike{.window = 100}}, series_of(c, volume));
      INFO("close " << bad << " at row " << at);
      CHECK(test::finding_rows(r) == brute_force(usable_returns(c), 1, 100, 10.0, true));
    }
    for (double bad : edge_volumes) {
      std::vector<double> v = volume;
      v[at] = bad;
      const report r = test::run_every_kernel(validator{volume_spike{.window = 100}}, series_of(close, v));
      INFO("volume " << bad << " at row " << at);
      CHECK(test::finding_rows(r) == brute_force(usable_volumes(v), 0, 100, 10.0, false));
    }
  }
}

TEST_CASE("spike checks score blocks whose sums overflow", "[validate][spike_checks]") {
  using namespace spike_checks_test;
  // Volumes near the largest double: a block's sum (and sum of squares) is infinite, so
  // the certificate has no finite numbers to work with, and the exact path decides.
  const counter_rng rng{10, 1};
  std::vector<double> volume(200), close(200, 10.0);
  for (std::size_t i = 0; i < volume.size(); ++i) volume[i] = 5e306 * (1.0 + 0.1 * rng.normal(i));
  volume[77] = 1.7e308;
  const report r = test::run_every_kernel(validator{volume_spike{.window = 100}}, series_of(close, volume));
  CHECK(test::finding_rows(r) == brute_force(volume, 0, 100, 10.0, false));
  CHECK(test::finding_rows(r) == std::vector<std::size_t>{77});
}

TEST_CASE("a return of -1 from a zero close is not counted in its block", "[validate][spike_checks]") {
  using namespace spike_checks_test;
  // Block [1, 41) of window 40 ends at row 40, whose close is 0: 0 / close - 1 is exactly -1,
  // computed from finite numbers, yet the close is not usable. Counting that -1 moves the
  // block's median and MAD; a spike at row 20 is sized between the thresholds with and
  // without it, so the verdict tells whether it was counted.
  const counter_rng rng{11, 1};
  std::size_t decided = 0;
  for (double spike = 0.02; spike < 0.2; spike += 0.0005) {
    std::vector<double> close(81), volume(81, 1e6);
    double price = 100.0;
    for (std::size_t i = 0; i < close.size(); ++i) {
      price *= 1.0 + (i == 20 ? spike : 0.004 * rng.normal(i));
      close[i] = price;
    }
    close[40] = 0.0;
    const std::vector<double> usable = usable_returns(close);
    std::vector<double> counting_it = usable;
    counting_it[40] = close[40] / close[39] - 1.0;
    const std::vector<std::size_t> expected = brute_force(usable, 1, 40, 10.0, true);
    if (expected == brute_force(counting_it, 1, 40, 10.0, true)) continue;
    ++decided;
    const report r = test::run_every_kernel(validator{return_spike{.window = 40}}, series_of(close, volume));
    INFO("spike " << spike);
    CHECK(test::finding_rows(r) == expected);
  }
  CHECK(decided > 0);
}

TEST_CASE("the certificate holds for values a few units in the last place apart", "[validate][spike_checks]") {
  using namespace spike_checks_test;
  // Median M, MAD 1, and a last value 15 above: z = 15 / 1.4826 > 10. With values near
  // 2^52, tau (about 1) is one unit in the last place of the bracket, and a band whose ends
  // were rounded to nearest would leave out the 19 values at M - 1 and clear the block.
  const double m = 4503599627371496.0;  // 2^52 + 1000
  std::vector<double> volume;
  volume.insert(volume.end(), 19, m - 1.0);
  volume.insert(volume.end(), 2, m);
  volume.insert(volume.end(), 18, m + 1.0);
  volume.push_back(m + 15.0);
  const std::vector<double> close(volume.size(), 10.0);
  const report r = test::run_every_kernel(validator{volume_spike{.window = 40}}, series_of(close, volume));
  CHECK(test::finding_rows(r) == brute_force(volume, 0, 40, 10.0, false));
  CHECK(test::finding_rows(r) == std::vector<std::size_t>{39});
  // Whether the check reaches that band depends on how its summary rounds (with two lanes
  // and no fused multiply-adds: mean M, spread 0; four lanes group the sums otherwise),
  // so the band is also tested directly:
  // with c1 = c2 = M and tau just above 1, the values at M - 1 and M + 1 are near. With
  // the build's lanes and with the AVX2 scans' four (here in the build's instructions).
  const auto check_counts = [&]<class W>() {
    const auto counts = bulwark::validate::detail::count_around<W>(volume.data(), volume.size(),
                                                                  m, m, 1.0117);
    CHECK(counts.below == 19);
    CHECK(counts.above == 19);
    CHECK(counts.near == 39);
  };
  check_counts.template operator()<bulwark::detail::lanes>();
#if BULWARK_DETAIL_VECTOR_LANES
  check_counts.template operator()<bulwark::detail::four_lanes>();
#endif
}

TEST_CASE("return_spike leaves out a block whose closes are all negative", "[validate][spike_checks]") {
  using namespace spike_checks_test;
  // Rows 40 to 80 have negative closes, so block [41, 81) has no usable return, yet each
  // of its returns, a ratio of two negative closes less 1, is finite and > -1. A spike
  // planted in it must not be reported; one in block [1, 41) must.
  const counter_rng rng{12, 1};
  std::vector<double> close(121), volume(121, 1e6);
  double price = 100.0;
  for (std::size_t i = 0; i < close.size(); ++i) {
    price *= 1.0 + (i == 20 || i == 60 ? 0.5 : 0.005 * rng.normal(i));
    close[i] = i >= 40 && i <= 80 ? -price : price;
  }
  const report r = test::run_every_kernel(validator{return_spike{.window = 40}}, series_of(close, volume));
  CHECK(test::finding_rows(r) == brute_force(usable_returns(close), 1, 40, 10.0, true));
  CHECK(test::finding_rows(r) == std::vector<std::size_t>{20});
}
