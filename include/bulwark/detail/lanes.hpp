// SPDX-License-Identifier: MIT
/// \file
/// \brief Private: `lanes`, the doubles of one vector register, for the kernels that g++ -O2
/// does not vectorise by itself (a blocked factorisation, column-wise fill costs).
///
/// GCC and Clang get a vector type: two doubles at the x86-64 baseline (SSE2) and on
/// AArch64 (NEON), four where the build allows AVX. Arithmetic, comparisons (a `lane_mask`,
/// every bit set in a lane where the comparison holds) and `mask ? a : b` work lane by
/// lane with the scalar's IEEE semantics. Other compilers get a two-double struct with the
/// few operators the factorisation uses.
///
/// The width is fixed when a file is compiled, so every file of a program must be built with
/// the same instruction-set flags (as with Eigen): an inline function compiled for four
/// lanes in one file and two in another breaks the one-definition rule. (The Cholesky of
/// `cholesky.hpp` and the validator's scans also compile their kernels for AVX2, as
/// functions of their own marked for that target over `four_lanes`, and choose them at
/// run time; see isa.hpp.)
///
/// `for_each_lane_group` runs a generic body over `lanes` for whole groups of rows and over
/// `double` for the rest (every row, where there are no vector types), so one formula,
/// written once for both types with the helpers below, serves a vector kernel, its scalar
/// tail, and the one-fill path that calls it with doubles: the same operations in the same
/// order, so the same results bit for bit.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstring>
#include <type_traits>

#if defined(__AVX__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__GNUC__) || defined(__clang__)
#define BULWARK_DETAIL_VECTOR_LANES 1
// Forces inlining where g++ -O2's heuristics stop: a lane helper left as a call passes
// its vectors through memory, and a kernel's body must inline into its loop. It goes
// before a function's declaration, or after a lambda's parameters.
#define BULWARK_DETAIL_ALWAYS_INLINE __attribute__((always_inline))
// Unrolls a loop over the lanes of one register: left as a loop (four lanes), g++ moves
// the lanes through memory.
#define BULWARK_DETAIL_EACH_LANE _Pragma("GCC unroll 8")
#else
#define BULWARK_DETAIL_VECTOR_LANES 0
#define BULWARK_DETAIL_ALWAYS_INLINE
#define BULWARK_DETAIL_EACH_LANE
#endif

namespace bulwark::detail {

#if BULWARK_DETAIL_VECTOR_LANES
#if defined(__AVX__)
/// Doubles per vector register: four where the build allows AVX (-mavx, -march=native).
inline constexpr std::ptrdiff_t lane_count = 4;
#else
/// Doubles per vector register: two at the x86-64 baseline (SSE2) and on AArch64 (NEON).
inline constexpr std::ptrdiff_t lane_count = 2;
#endif
/// `lane_count` doubles in one vector register.
using lanes = double __attribute__((vector_size(lane_count * sizeof(double))));
/// What comparing two `lanes` gives: a lane of all ones where the comparison holds.
using lane_mask = decltype(lanes{} < lanes{});
#else
inline constexpr std::ptrdiff_t lane_count = 2;
/// Two doubles, lane by lane, where the compiler has no vector types.
struct lanes {
  double lane[2];
  friend lanes operator*(lanes x, lanes y) noexcept {
    return {{x.lane[0] * y.lane[0], x.lane[1] * y.lane[1]}};
  }
  friend lanes operator-(lanes x, lanes y) noexcept {
    return {{x.lane[0] - y.lane[0], x.lane[1] - y.lane[1]}};
  }
  lanes& operator+=(lanes y) noexcept {
    lane[0] += y.lane[0];
    lane[1] += y.lane[1];
    return *this;
  }
};
#endif

#if BULWARK_DETAIL_VECTOR_LANES
/// Four doubles whatever the build's flags, for kernels compiled a second time for AVX2
/// (`[[gnu::target]]`, see isa.hpp) and chosen at run time. Outside AVX code a function
/// that takes or returns one by value has another calling convention (-Wpsabi), and the
/// kernels' helpers are templates compiled outside it too: the helpers below take vectors
/// by reference.
using four_lanes = double __attribute__((vector_size(4 * sizeof(double))));
#endif

/// Doubles in a `V`: 1 for `double`, `lane_count` for `lanes`, 4 for `four_lanes`.
template <class V>
inline constexpr std::size_t width_of = sizeof(V) / sizeof(double);

/// The `V` at `from` (a double, or a vector's worth), and `value` stored at `to`.
template <class V>
BULWARK_DETAIL_ALWAYS_INLINE inline void load_into(V& to, const double* from) noexcept {
  std::memcpy(&to, from, sizeof to);
}
template <class V>
BULWARK_DETAIL_ALWAYS_INLINE inline void store_from(double* to, const V& value) noexcept {
  std::memcpy(to, &value, sizeof value);
}

#if BULWARK_DETAIL_VECTOR_LANES
/// `value` in every lane of the vector `to`, lane by lane, which g++ turns into one
/// shuffle; a copy through memory (lane stores, then a vector load) stalls on store
/// forwarding for each call left in a loop.
template <class V>
BULWARK_DETAIL_ALWAYS_INLINE inline void splat_into(V& to, double value) noexcept {
  BULWARK_DETAIL_EACH_LANE
  for (std::size_t k = 0; k < width_of<V>; ++k) to[k] = value;
}
#else
/// `value` in both lanes of the two-double struct.
inline void splat_into(lanes& to, double value) noexcept { to = {{value, value}}; }
#endif

inline lanes load_lanes(const double* from) noexcept {
  lanes value;
  load_into(value, from);
  return value;
}

inline void store_lanes(double* to, lanes value) noexcept { store_from(to, value); }

inline lanes broadcast(double value) noexcept {
  lanes copies;
  splat_into(copies, value);
  return copies;
}

/// `value` as a `V`: itself for `double`, in every lane for `lanes`.
template <class V>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline V splat(double value) noexcept {
  if constexpr (std::is_same_v<V, double>) {
    return value;
  } else {
    return broadcast(value);
  }
}

/// The `V` at `from`: one double, or `lane_count` of them.
template <class V>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline V load(const double* from) noexcept {
  if constexpr (std::is_same_v<V, double>) {
    return *from;
  } else {
    return load_lanes(from);
  }
}

template <class V>
BULWARK_DETAIL_ALWAYS_INLINE inline void store(double* to, V value) noexcept {
  if constexpr (std::is_same_v<V, double>) {
    *to = value;
  } else {
    store_lanes(to, value);
  }
}

/// 1.0 where `from[i] == wanted`, else 0.0, for the rows of a `V` (an enum column read as
/// a factor that multiplies a charge). Without a branch: the lanes convert from integers
/// in one instruction, where a conversion lane by lane becomes a branch per lane that a
/// random mix of buys and sells mispredicts.
template <class V, class E>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline V indicator(const E* from, E wanted) noexcept {
  if constexpr (std::is_same_v<V, double>) {
    return static_cast<double>(*from == wanted);
  } else {
#if BULWARK_DETAIL_VECTOR_LANES
    using int_lanes = int __attribute__((vector_size(lane_count * sizeof(int))));
    int_lanes equal;
    BULWARK_DETAIL_EACH_LANE
    for (std::ptrdiff_t k = 0; k < lane_count; ++k) equal[k] = -static_cast<int>(from[k] == wanted);
    return __builtin_convertvector(-equal, lanes);
#endif
  }
}

/// `when ? a : b`, lane by lane for `lanes` (`when` a `lane_mask`).
template <class C, class V>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline V select(C when, V a, V b) noexcept {
  return when ? a : b;
}

/// Both conditions: `a && b` for one double's comparisons, `a & b` lane by lane for masks.
template <class C>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline C both(C a, C b) noexcept {
  if constexpr (std::is_same_v<C, bool>) {
    return a && b;
  } else {
    return a & b;
  }
}

/// std::min(a, b) lane by lane: `b < a ? b : a`, so a NaN in `a` stays.
template <class V>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline V minimum(V a, V b) noexcept {
  return b < a ? b : a;
}

/// std::max(a, b) lane by lane: `a < b ? b : a`.
template <class V>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline V maximum(V a, V b) noexcept {
  return a < b ? b : a;
}

/// std::sqrt lane by lane (correctly rounded, as the scalar): one instruction on x86-64,
/// where std::sqrt per lane also tests each lane for errno's sake.
template <class V>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline V square_root(V x) noexcept {
  if constexpr (std::is_same_v<V, double>) {
    return std::sqrt(x);
  } else {
#if BULWARK_DETAIL_VECTOR_LANES && defined(__AVX__)
    return _mm256_sqrt_pd(x);
#elif BULWARK_DETAIL_VECTOR_LANES && defined(__SSE2__)
    return _mm_sqrt_pd(x);
#else
#if BULWARK_DETAIL_VECTOR_LANES
    BULWARK_DETAIL_EACH_LANE
    for (std::ptrdiff_t k = 0; k < lane_count; ++k) x[k] = std::sqrt(x[k]);
#endif
    return x;
#endif
  }
}

/// True when the condition holds in every lane (a `bool` or `int` for one double).
template <class C>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline bool all_of(C holds) noexcept {
  if constexpr (std::is_arithmetic_v<C>) {
    return holds != 0;
  } else {
#if BULWARK_DETAIL_VECTOR_LANES && defined(__AVX__)
    return _mm256_movemask_pd(reinterpret_cast<__m256d>(holds)) == 0xF;
#elif BULWARK_DETAIL_VECTOR_LANES && defined(__SSE2__)
    return _mm_movemask_pd(reinterpret_cast<__m128d>(holds)) == 0x3;
#else
    bool all = true;
#if BULWARK_DETAIL_VECTOR_LANES
    BULWARK_DETAIL_EACH_LANE
    for (std::ptrdiff_t k = 0; k < lane_count; ++k) all &= holds[k] != 0;
#endif
    return all;
#endif
  }
}

/// The end of the whole groups of `width` rows in [first, end): vector loops run
/// `i < whole_groups_end(first, end, width)`, not `i + width <= end`. That sum could wrap
/// for all g++ knows, and it then warns that the scalar loop after the vector one may run
/// 2^61 times. Precondition: first <= end.
template <class Index>
[[nodiscard]] constexpr Index whole_groups_end(Index first, Index end, Index width) noexcept {
  return end - (end - first) % width;
}

/// True when `holds.template operator()<V>(i)` (a `lane_mask` for `lanes`, a `bool` or `int`
/// for `double`) holds for every row of [0, n), groups of lanes first as in
/// `for_each_lane_group`. The groups' verdicts gather in one register, reduced once.
template <class Holds>
[[nodiscard]] BULWARK_DETAIL_ALWAYS_INLINE inline bool all_rows(std::size_t n, Holds&& holds) {
  std::size_t i = 0;
  bool all = true;
#if BULWARK_DETAIL_VECTOR_LANES
  constexpr auto width = static_cast<std::size_t>(lane_count);
  // 1.0 in a lane once a row failed there. Gathered as doubles by a select: g++ -O2 turns
  // `mask &= mask` in a loop into a branchless select per lane through general registers.
  const lanes failed = broadcast(1.0);
  lanes seen = broadcast(0.0);
  for (const std::size_t whole = whole_groups_end(std::size_t{0}, n, width); i < whole;
       i += width) {
    seen = holds.template operator()<lanes>(i) ? seen : failed;
  }
  all = all_of(seen == broadcast(0.0));
#endif
  for (; i < n; ++i) all &= holds.template operator()<double>(i) != 0;
  return all;
}

/// Calls `body.template operator()<lanes>(i)` for i = 0, lane_count, ... while a whole
/// group of lanes fits in [0, n), then `body.template operator()<double>(i)` for each row
/// left. `body` is a generic lambda, `[&]<class V>(std::size_t i) { ... }`.
template <class Body>
BULWARK_DETAIL_ALWAYS_INLINE inline void for_each_lane_group(std::size_t n, Body&& body) {
  std::size_t i = 0;
#if BULWARK_DETAIL_VECTOR_LANES
  constexpr auto width = static_cast<std::size_t>(lane_count);
  for (const std::size_t whole = whole_groups_end(std::size_t{0}, n, width); i < whole;
       i += width) {
    body.template operator()<lanes>(i);
  }
#endif
  for (; i < n; ++i) body.template operator()<double>(i);
}

}  // namespace bulwark::detail
