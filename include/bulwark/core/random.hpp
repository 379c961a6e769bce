// SPDX-License-Identifier: MIT
/// \file
/// \brief `counter_rng`: seeded, counter-based random numbers keyed by
/// (seed, stream, index). A draw is a pure function of those three integers, so results
/// are identical in any evaluation order and with any number of threads, and any draw can
/// be recomputed alone (e.g. "the fill of order 42").
///
/// Synopsis
/// \code
/// counter_rng rng{seed, stream};
/// rng.block(k);          // Philox4x64-10 of counter (k, 0, 0, 0), key (seed, stream)
/// rng.bits(i);           // word i % 4 of block i / 4
/// rng.uniform(i);        // [0, 1), 53 bits
/// rng.uniform_open(i);   // (0, 1)
/// rng.below(i, n);       // integer in [0, n)
/// rng.normal(i);         // standard normal (Box-Muller)
/// rng.fill_uniform(out, first); rng.fill_normal(out, first);  // i = first .. first+n-1
/// \endcode
///
/// The generator is Philox4x64-10 (Salmon, Moraes, Dror and Shaw, "Parallel random
/// numbers: as easy as 1, 2, 3", SC 2011), which passes BigCrush. The word stream equals
/// numpy's: `np.random.Philox(key=[seed, stream], counter=[2**64 - 1] * 4).random_raw(n)`
/// (numpy increments the counter before each block), and `uniform` equals numpy's
/// `Generator(...).random()`; the tests check both.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <span>

#include "bulwark/core/error.hpp"

namespace bulwark {

class counter_rng {
 public:
  using block_type = std::array<std::uint64_t, 4>;

  constexpr explicit counter_rng(std::uint64_t seed, std::uint64_t stream = 0) noexcept
      : key_{seed, stream} {}

  [[nodiscard]] constexpr std::uint64_t seed() const noexcept { return key_[0]; }
  [[nodiscard]] constexpr std::uint64_t stream() const noexcept { return key_[1]; }

  /// The four 64-bit words of Philox4x64-10 at counter (k, 0, 0, 0).
  [[nodiscard]] constexpr block_type block(std::uint64_t k) const noexcept {
    return philox(block_type{k, 0, 0, 0}, key_);
  }

  /// The i-th 64-bit word of the stream (word i % 4 of block i / 4).
  [[nodiscard]] constexpr std::uint64_t bits(std::uint64_t i) const noexcept {
    return block(i / 4)[i % 4];
  }

  /// A uniform double in [0, 1): the top 53 bits of word i times 2^-53.
  [[nodiscard]] constexpr double uniform(std::uint64_t i) const noexcept {
    return to_unit(bits(i));
  }

  /// A uniform double in (0, 1): the top 53 bits of word i, plus one half, times 2^-53.
  [[nodiscard]] constexpr double uniform_open(std::uint64_t i) const noexcept {
    return (static_cast<double>(bits(i) >> 11) + 0.5) * 0x1.0p-53;
  }

  /// An integer in [0, n) from word i by multiply-shift (Lemire 2019): floor(w * n / 2^64).
  /// The bias is below n / 2^64 (under 1e-10 for n < 2^30). Precondition: n > 0.
  [[nodiscard]] constexpr std::uint64_t below(std::uint64_t i, std::uint64_t n) const {
    BULWARK_EXPECTS(n > 0);
    return mulhi(bits(i), n);
  }

  /// A standard normal from the Box-Muller transform. Block i / 4 gives four normals:
  /// words (0, 1) -> draws 0 and 1 (cos, sin); words (2, 3) -> draws 2 and 3.
  /// Tails are truncated at |z| = sqrt(-2 ln 2^-53) ~ 8.57.
  [[nodiscard]] double normal(std::uint64_t i) const noexcept {
    const block_type w = block(i / 4);
    const std::size_t pair = (i % 4) / 2;
    const auto [radius, angle] = polar(w[2 * pair], w[2 * pair + 1]);
    return i % 2 == 0 ? radius * std::cos(angle) : radius * std::sin(angle);
  }

  /// out[j] = uniform(first + j), computing each block's four words once.
  void fill_uniform(std::span<double> out, std::uint64_t first = 0) const noexcept {
    for (std::size_t j = 0; j < out.size();) {
      const std::uint64_t i = first + j;
      const block_type w = block(i / 4);
      for (std::uint64_t word = i % 4; word < 4 && j < out.size(); ++word) out[j++] = to_unit(w[word]);
    }
  }

  /// out[j] = normal(first + j), computing each block's four normals once.
  void fill_normal(std::span<double> out, std::uint64_t first = 0) const noexcept {
    for (std::size_t j = 0; j < out.size();) {
      const std::uint64_t i = first + j;
      if (i % 4 != 0 || out.size() - j < 4) {
        out[j++] = normal(i);
        continue;
      }
      const block_type w = block(i / 4);
      for (std::size_t pair = 0; pair < 2; ++pair) {
        const auto [radius, angle] = polar(w[2 * pair], w[2 * pair + 1]);
        out[j++] = radius * std::cos(angle);
        out[j++] = radius * std::sin(angle);
      }
    }
  }

 private:
  struct polar_pair {
    double radius;
    double angle;
  };
  // Box-Muller: radius sqrt(-2 ln u1) with u1 in (0, 1], angle 2 pi u2 with u2 in [0, 1).
  static polar_pair polar(std::uint64_t w1, std::uint64_t w2) noexcept {
    const double u1 = (static_cast<double>(w1 >> 11) + 1.0) * 0x1.0p-53;
    return {std::sqrt(-2.0 * std::log(u1)), 2.0 * std::numbers::pi * to_unit(w2)};
  }

  static constexpr double to_unit(std::uint64_t w) noexcept {
    return static_cast<double>(w >> 11) * 0x1.0p-53;
  }

  static constexpr std::uint64_t mulhi(std::uint64_t a, std::uint64_t b) noexcept {
    __extension__ using u128 = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<u128>(a) * b) >> 64);
  }

  // Philox4x64 with 10 rounds; constants from the paper (Random123's philox.h).
  static constexpr block_type philox(block_type ctr, std::array<std::uint64_t, 2> key) noexcept {
    constexpr std::uint64_t m0 = 0xD2E7470EE14C6C93ULL;
    constexpr std::uint64_t m1 = 0xCA5A826395121157ULL;
    constexpr std::uint64_t w0 = 0x9E3779B97F4A7C15ULL;  // golden ratio
    constexpr std::uint64_t w1 = 0xBB67AE8584CAA73BULL;  // sqrt(3) - 1
    for (int round = 0; round < 10; ++round) {
      if (round > 0) {
        key[0] += w0;
        key[1] += w1;
      }
      const std::uint64_t hi0 = mulhi(m0, ctr[0]);
      const std::uint64_t lo0 = m0 * ctr[0];
      const std::uint64_t hi1 = mulhi(m1, ctr[2]);
      const std::uint64_t lo1 = m1 * ctr[2];
      ctr = {hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0};
    }
    return ctr;
  }

  std::array<std::uint64_t, 2> key_;
};

}  // namespace bulwark
