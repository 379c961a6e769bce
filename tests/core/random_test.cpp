// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "bulwark/core/random.hpp"
#include "support/catch.hpp"

using bulwark::counter_rng;

namespace random_test {
// Standard normal CDF, closed form through erfc.
double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
}  // namespace random_test

TEST_CASE("Philox4x64-10 matches the Random123 known-answer vector", "[core][random]") {
  // Random123 kat_vectors: philox4x64 10, counter 0, key 0.
  constexpr auto block = counter_rng{0, 0}.block(0);
  static_assert(block[0] == 0x16554d9eca36314cULL, "usable in constant expressions");
  CHECK(block[1] == 0xdb20fe9d672d0fdcULL);
  CHECK(block[2] == 0xd7e772cee186176bULL);
  CHECK(block[3] == 0x7e68b68aec7ba23bULL);
}

TEST_CASE("the word stream equals numpy's Philox for the same key", "[core][random]") {
  // np.random.Philox(key=[42, 7], counter=[2**64 - 1] * 4).random_raw(8)
  const counter_rng rng{42, 7};
  const std::uint64_t expected[] = {0x2fd1bc0d2c8697bbULL, 0x8ee17f67a549bba6ULL,
                                    0x1bdce1f847e7df47ULL, 0xe123b6bbe4e89f03ULL,
                                    0xa64064f34e84b9a3ULL, 0xe287959a866a08fdULL,
                                    0x8dc181f009b96c03ULL, 0xf3f6001d4fa83454ULL};
  for (std::uint64_t i = 0; i < 8; ++i) CHECK(rng.bits(i) == expected[i]);

  // Far into the stream: block 250000 of key (2024, 3), i.e. words 1,000,000 .. 1,000,003.
  const counter_rng far{2024, 3};
  CHECK(far.bits(1'000'000) == 0x05eff6aa6eb30accULL);
  CHECK(far.bits(1'000'001) == 0xb6dff942e600fb64ULL);
  CHECK(far.bits(1'000'002) == 0xd3f1bdf4211b5cb3ULL);
  CHECK(far.bits(1'000'003) == 0x7ad4b5852d98871cULL);
}

TEST_CASE("uniform equals numpy Generator.random() bit for bit", "[core][random]") {
  // np.random.Generator(np.random.Philox(key=[42, 7], counter=[2**64 - 1] * 4)).random(6)
  const counter_rng rng{42, 7};
  const double expected[] = {0.18679404565457447, 0.5581283214608338, 0.10883915244622189,
                             0.8794511994100581,  0.649420079613736,  0.8848813535936771};
  for (std::uint64_t i = 0; i < 6; ++i) CHECK(rng.uniform(i) == expected[i]);
  CHECK(counter_rng{2024, 3}.uniform(1'000'001) == 0.7143550670934963);
}

TEST_CASE("a draw depends only on (seed, stream, index)", "[core][random]") {
  const counter_rng a{7, 1};
  const counter_rng b{7, 1};
  CHECK(a.normal(123456) == b.normal(123456));
  CHECK(a.bits(99) != counter_rng(7, 2).bits(99));
  CHECK(a.bits(99) != counter_rng(8, 1).bits(99));

  SECTION("bulk fills equal single draws at any offset") {
    std::vector<double> u(11), z(11);
    a.fill_uniform(u, 3);
    a.fill_normal(z, 3);
    for (std::size_t j = 0; j < u.size(); ++j) {
      CHECK(u[j] == a.uniform(3 + j));
      CHECK(z[j] == a.normal(3 + j));
    }
  }
  SECTION("reverse evaluation order gives the same draws") {
    std::vector<double> forward(64), backward(64);
    for (std::size_t i = 0; i < 64; ++i) forward[i] = a.normal(i);
    for (std::size_t i = 64; i-- > 0;) backward[i] = a.normal(i);
    CHECK(forward == backward);
  }
}

TEST_CASE("uniform draws lie in their intervals and are evenly spread", "[core][random]") {
  const counter_rng rng{2026, 0};
  constexpr std::uint64_t n = 100'000;
  std::vector<std::uint64_t> counts(10, 0);
  for (std::uint64_t i = 0; i < n; ++i) {
    const double u = rng.uniform(i);
    const double open = rng.uniform_open(i);
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    REQUIRE(open > 0.0);
    REQUIRE(open < 1.0);
    const auto k = rng.below(i, 10);
    REQUIRE(k < 10);
    ++counts[k];
  }
  // Chi-square goodness of fit, 9 degrees of freedom: 27.88 is the 0.1% critical value.
  double chi2 = 0.0;
  for (auto c : counts) {
    const double e = static_cast<double>(n) / 10.0;
    chi2 += (static_cast<double>(c) - e) * (static_cast<double>(c) - e) / e;
  }
  CHECK(chi2 < 27.88);
}

TEST_CASE("normal draws have the moments and distribution of N(0, 1)", "[core][random]") {
  const counter_rng rng{11, 5};
  constexpr std::size_t n = 200'000;
  std::vector<double> z(n);
  rng.fill_normal(z);
  double mean = 0.0;
  for (double v : z) mean += v;
  mean /= static_cast<double>(n);
  double var = 0.0;
  for (double v : z) var += (v - mean) * (v - mean);
  var /= static_cast<double>(n - 1);
  // Standard errors: 1/sqrt(n) for the mean, sqrt(2/n) for the variance; allow 4.5 of them.
  CHECK(std::abs(mean) < 4.5 / std::sqrt(static_cast<double>(n)));
  CHECK(std::abs(var - 1.0) < 4.5 * std::sqrt(2.0 / static_cast<double>(n)));

  // Kolmogorov-Smirnov against the normal CDF: 1.63 / sqrt(n) is the 1% critical value.
  std::sort(z.begin(), z.end());
  double ks = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double f = random_test::normal_cdf(z[i]);
    ks = std::max({ks, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  CHECK(ks < 1.63 / std::sqrt(static_cast<double>(n)));
}
