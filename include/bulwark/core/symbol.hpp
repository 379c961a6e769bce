// SPDX-License-Identifier: MIT
/// \file
/// \brief `symbol`: an instrument identifier stored inline (no heap) with its hash, so
/// orders, positions and quotes are trivially copyable and per-symbol lookups on hot paths
/// never allocate nor hash.
///
/// Synopsis
/// \code
/// symbol s = "AAPL";                    // a literal is checked at compile time
/// symbol t{std::string_view{text}};     // run time: input_error when invalid
/// s.view(); s.size(); s.hash();         // == <=> compare the text
/// \endcode
///
/// Valid text: 1 to 23 bytes of printable ASCII (0x20-0x7E) without leading or trailing
/// space. That admits tickers (`BRK.B`, `BTC-USD`, `ES=F`, `/ES`) and 21-character OSI
/// option symbols (`AAPL  240621C00190000`).
///
/// The hash is computed once, when the text is set, and kept beside it (32 bytes in all):
/// an order's symbol is looked up in several tables (quote, position, throttle), and
/// hashing it was the costliest part of each lookup.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"

// Clang 14 (Debian's) crashes compiling a consteval constructor's temporary passed by
// reference, as in `m.find(symbol{"S"})` (llvm/llvm-project#55871 and its relatives,
// fixed over later releases). With Clang before 17 the literal constructor is constexpr:
// checked at compile time where the symbol is a constant, at run time (input_error)
// elsewhere.
#if defined(__clang__) && __clang_major__ < 17
#define BULWARK_DETAIL_LITERAL_CTOR constexpr
#else
#define BULWARK_DETAIL_LITERAL_CTOR consteval
#endif

namespace bulwark {

template <class T>
class symbol_map;

class symbol {
 public:
  /// Longest symbol text, in bytes.
  static constexpr std::size_t max_size = 23;

  /// The empty symbol, which names no instrument. `ok()` is false for it.
  constexpr symbol() noexcept = default;

  /// From a string literal, validated at compile time: `symbol s = "AAPL";` (with Clang
  /// before 17, only where the symbol is a constant; see BULWARK_DETAIL_LITERAL_CTOR).
  template <std::size_t N>
  // NOLINTNEXTLINE(google-explicit-constructor)
  BULWARK_DETAIL_LITERAL_CTOR symbol(const char (&text)[N]) {
    assign(std::string_view{text, N - 1});
  }

  /// From run-time text. Throws `input_error` (id `bulwark.core.symbol`) when the text is
  /// empty, longer than 23 bytes, has a byte outside printable ASCII, or has leading or
  /// trailing space.
  constexpr explicit symbol(std::string_view text) { assign(text); }

  [[nodiscard]] constexpr std::string_view view() const noexcept {
    return {bytes_.data(), static_cast<std::size_t>(bytes_[max_size])};
  }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    return static_cast<std::size_t>(bytes_[max_size]);
  }
  [[nodiscard]] constexpr bool empty() const noexcept { return size() == 0; }
  /// True for a valid, non-empty symbol.
  [[nodiscard]] constexpr bool ok() const noexcept { return !empty(); }

  /// A well-mixed 64-bit hash of the text (for open-addressing tables), computed when the
  /// text was set. The three words are multiplied by odd constants side by side, and two
  /// of the products are rotated: a change confined to a word's high bits reaches only the
  /// high bits of its product, and the rotations put those bits where the other products'
  /// cannot cancel them; the sum is mixed once. Multiplying by an odd constant and the mix
  /// are bijections of the 64-bit integers, so symbols of up to 8 bytes with the same
  /// length never share a hash.
  [[nodiscard]] constexpr std::uint64_t hash() const noexcept { return hash_; }

  /// Equality and lexicographic order of the text (unused bytes are zero, so comparing
  /// the whole array orders "AB" before "ABC"). Equality compares three 64-bit words,
  /// without a call to memcmp: it runs on every probe of every symbol lookup.
  friend constexpr bool operator==(const symbol& a, const symbol& b) noexcept {
    return difference(a, b) == 0;
  }
  friend constexpr std::strong_ordering operator<=>(const symbol& a, const symbol& b) noexcept {
    for (std::size_t i = 0; i < max_size; ++i) {
      const auto x = static_cast<unsigned char>(a.bytes_[i]);
      const auto y = static_cast<unsigned char>(b.bytes_[i]);
      if (x != y) return x <=> y;
    }
    return std::strong_ordering::equal;
  }

 private:
  template <class T>
  friend class symbol_map;

  // Where a linear probe for `key` stops: this symbol (a slot's key) is `key`, or empty
  // (a free slot). One test, on the smaller of the texts' difference and this symbol's
  // length: written as `== key || empty()`, it compiles to two branches, and the first
  // goes one way or the other depending on whether `key` is in the table.
  [[nodiscard]] constexpr bool is_or_empty(const symbol& key) const noexcept {
    return std::min<std::uint64_t>(difference(*this, key), size()) == 0;
  }

  // 0 exactly when the two symbols are equal: the length and every byte (those past the
  // length are always 0) compared at once, without a branch per word.
  [[nodiscard]] static constexpr std::uint64_t difference(const symbol& a,
                                                          const symbol& b) noexcept {
    const auto x = a.as_words();
    const auto y = b.as_words();
    return (x[0] ^ y[0]) | (x[1] ^ y[1]) | (x[2] ^ y[2]);
  }

  // The text as three 64-bit words, for the hash and equality. At run time each word is
  // read from the symbol itself: `std::bit_cast` of the char array makes GCC copy the
  // text to a temporary with a 16-byte store and read it back in 8-byte halves, a
  // store-to-load round trip that doubled the time of a symbol_map lookup
  // (core/reference_price 18 -> 9 ns).
  [[nodiscard]] constexpr std::array<std::uint64_t, 3> as_words() const noexcept {
    if (std::is_constant_evaluated()) {
      return std::bit_cast<std::array<std::uint64_t, 3>>(bytes_);
    }
    std::array<std::uint64_t, 3> words;
    std::memcpy(&words[0], bytes_.data(), 8);
    std::memcpy(&words[1], bytes_.data() + 8, 8);
    std::memcpy(&words[2], bytes_.data() + 16, 8);
    return words;
  }

  constexpr void assign(std::string_view text) {
    if (text.empty()) throw_input_error("bulwark.core.symbol", "symbol text is empty");
    if (text.size() > max_size) {
      throw_input_error("bulwark.core.symbol", "symbol '{}' has {} bytes; at most {} allowed",
                        text, text.size(), max_size);
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x20 || c > 0x7e) {
        throw_input_error("bulwark.core.symbol",
                          "symbol byte {} is 0x{:02x}; expected printable ASCII", i,
                          static_cast<unsigned>(c));
      }
    }
    if (text.front() == ' ' || text.back() == ' ') {
      throw_input_error("bulwark.core.symbol", "symbol '{}' has leading or trailing space", text);
    }
    for (std::size_t i = 0; i < text.size(); ++i) bytes_[i] = text[i];
    bytes_[max_size] = static_cast<char>(text.size());
    hash_ = text_hash();
  }

  // See hash(). The empty text (three zero words) hashes to 0, the default of hash_.
  [[nodiscard]] constexpr std::uint64_t text_hash() const noexcept {
    const auto words = as_words();
    return mix(words[0] * 0x9e3779b97f4a7c15ULL +
               std::rotl(words[1] * 0xc2b2ae3d27d4eb4fULL, 29) +
               std::rotl(words[2] * 0x165667b19e3779f9ULL, 47));
  }

  // The shape of splitmix64's finaliser (Steele, Lea and Flood 2014) with one multiply
  // instead of two: xor-shift, multiply, xor-shift, with shifts of 32 so that each half
  // of z reaches the other before the multiply and after it, where a table's mask keeps
  // the low bits. Each step is a bijection. The cost of dropping the second multiply: two
  // values of z that differ in exactly bits j and j + 32, for j >= k, share their low k
  // bits (splitmix64 separates them). No set of real symbols tried, nor the spread tests
  // (tests/core/symbol_test.cpp), probes longer for it; it saves four cycles per hash.
  static constexpr std::uint64_t mix(std::uint64_t z) noexcept {
    z = (z ^ (z >> 32)) * 0xbf58476d1ce4e5b9ULL;
    return z ^ (z >> 32);
  }

  // Text in bytes [0, 23), zero padded; the length in byte 23.
  std::array<char, max_size + 1> bytes_{};
  std::uint64_t hash_ = 0;  // text_hash(), kept in step with bytes_ by assign()
};

}  // namespace bulwark

template <>
struct std::hash<bulwark::symbol> {
  std::size_t operator()(const bulwark::symbol& s) const noexcept {
    return static_cast<std::size_t>(s.hash());
  }
};

template <>
struct fmt::formatter<bulwark::symbol> : bulwark::detail::text_formatter {
  template <class FormatContext>
  auto format(const bulwark::symbol& s, FormatContext& ctx) const -> decltype(ctx.out()) {
    return write(s.view(), ctx);
  }
};
