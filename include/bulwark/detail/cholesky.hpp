// SPDX-License-Identifier: MIT
/// \file
/// \brief Private: a blocked Cholesky factorisation whose level-3 work runs in a
/// register-tiled product kernel, for `sizing::kelly_weights`.
///
/// Right-looking blocked Cholesky (Golub and Van Loan, "Matrix Computations", 4th ed.,
/// Algorithm 4.2.4) over blocks of 48 columns. Per block column k:
///   1. L_kk L_kk' = A_kk, the 48 x 48 diagonal block, by the unblocked outer-product
///      (right-looking) algorithm, then L_kk^-1 by forward substitution on all its columns
///      at once, both with their inner loops in vector registers (Eigen's LLT and
///      triangular solve took twice as long on these blocks);
///   2. the panel below it, L_ik = A_ik L_kk^-T, as a product with that inverse. Its
///      forward error is of the order of substitution's, cond(L_kk) u (Higham, "Accuracy
///      and Stability of Numerical Algorithms", 2nd ed., chapters 8 and 14), and
///      cond(L_kk)^2 = cond(S_kk) <= cond(A), S the Schur complement being factorised;
///   3. the trailing matrix's lower triangle, A_ij -= L_ik L_jk'.
/// At p = 500, steps 2 and 3 carry all but ~1 % of the p^3 / 3 flops. They run in one
/// kernel that keeps a (3 x lanes) x 4 tile of the product in twelve vector registers of
/// the sixteen (twelve accumulators, three for a column of A, one for B), with A packed in
/// micro-panels of 3 x lanes rows and B packed with every value in every lane, so that a
/// broadcast is a plain load, not a shuffle: per step of the depth, a tile is 3 + 4 loads,
/// 12 multiplies and 12 adds. The lanes use GCC/Clang vector types: two doubles (a 6 x 4
/// tile) at the x86-64 baseline (SSE2) and on AArch64 (NEON), four (12 x 4) where the
/// build allows AVX. Other compilers get a two-double struct with the same arithmetic,
/// lane by lane.
///
/// Only the lower triangle is read and written; the strict upper triangle of the storage is
/// left as it was. No heap: the packed copy of the panel is the caller's (see
/// `cholesky_packing_size`), the rest lives on the stack (the 48 x 48 inverse and one
/// packed B micro-panel: 21 kB with two lanes, 24 kB with four).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>

#include <Eigen/Core>

#include "bulwark/detail/lanes.hpp"

// The product kernel must stay a call of its own: inlined into its loops, g++ -O2 runs out
// of the sixteen vector registers and spills the accumulators.
#if defined(__GNUC__) || defined(__clang__)
#define BULWARK_DETAIL_NOINLINE [[gnu::noinline]]
#define BULWARK_DETAIL_PREFETCH(address) __builtin_prefetch(address, 1, 3)
#else
#define BULWARK_DETAIL_NOINLINE
#define BULWARK_DETAIL_PREFETCH(address)
#endif

namespace bulwark::detail {

inline constexpr Eigen::Index cholesky_block = 48;     // columns per block column
inline constexpr Eigen::Index cholesky_tile_rows = 3 * lane_count;  // three registers
inline constexpr Eigen::Index cholesky_tile_cols = 4;  // columns of a kernel tile

/// Doubles of packing storage `cholesky_in_place` needs for an n x n matrix: one block
/// column of n rows (more than any panel below a diagonal block), in whole micro-panels.
constexpr Eigen::Index cholesky_packing_size(Eigen::Index n) noexcept {
  return (n + cholesky_tile_rows - 1) / cholesky_tile_rows * cholesky_tile_rows * cholesky_block;
}

/// Copies `rows` x `depth` of the column-major `source` (column stride `stride`) into
/// micro-panels of `cholesky_tile_rows` rows, each stored depth-major ([k][row]), the last one
/// padded with zeros.
inline void pack_rows(const double* source, Eigen::Index stride, Eigen::Index rows,
                      Eigen::Index depth, double* packed) noexcept {
  for (Eigen::Index first = 0; first < rows; first += cholesky_tile_rows) {
    const Eigen::Index valid = std::min(cholesky_tile_rows, rows - first);
    for (Eigen::Index k = 0; k < depth; ++k, packed += cholesky_tile_rows) {
      const double* column = source + k * stride + first;
      if (valid == cholesky_tile_rows) {  // a whole micro-panel: three register copies
        for (Eigen::Index r = 0; r < cholesky_tile_rows; r += lane_count) {
          store_lanes(packed + r, load_lanes(column + r));
        }
        continue;
      }
      Eigen::Index i = 0;
      for (; i < valid; ++i) packed[i] = column[i];
      for (; i < cholesky_tile_rows; ++i) packed[i] = 0.0;
    }
  }
}

/// Copies rows 0 .. `cols` - 1 (at most `cholesky_tile_cols`) of `depth` columns of
/// `source` into one B micro-panel, depth-major ([k][col][lane]), each value in every lane,
/// padded with zeros.
inline void pack_duplicated(const double* source, Eigen::Index stride, Eigen::Index cols,
                            Eigen::Index depth, double* packed) noexcept {
  for (Eigen::Index k = 0; k < depth; ++k, packed += lane_count * cholesky_tile_cols) {
    for (Eigen::Index j = 0; j < cholesky_tile_cols; ++j) {
      store_lanes(packed + lane_count * j, broadcast(j < cols ? source[k * stride + j] : 0.0));
    }
  }
}

enum class tile_write { subtract, assign };

/// The product of an A micro-panel and a B micro-panel over `depth`, P = A B', into the
/// `rows` x `cols` tile of `c` (column stride `stride`): c -= P (`subtract`) or c = P
/// (`assign`). Only entries with i - j >= -`diagonal_offset` are written (the part of a
/// tile on or below the diagonal of the matrix it lies in); `cholesky_tile_cols` writes them all.
template <tile_write Mode>
BULWARK_DETAIL_NOINLINE void multiply_tile(Eigen::Index depth, const double* a, const double* b,
                                           double* c, Eigen::Index stride, Eigen::Index rows,
                                           Eigen::Index cols,
                                           Eigen::Index diagonal_offset) noexcept {
  // The tile of c is read only after the product, from a matrix that may not fit the L2
  // cache: asked for now, its lines arrive while the loop runs.
  for (Eigen::Index j = 0; j < cols; ++j) {  // every line of the column's rows
    for (Eigen::Index r = 0; r < rows; r += 8) BULWARK_DETAIL_PREFETCH(c + j * stride + r);
    BULWARK_DETAIL_PREFETCH(c + j * stride + rows - 1);
  }
  lanes c00{}, c01{}, c02{}, c03{}, c10{}, c11{}, c12{}, c13{}, c20{}, c21{}, c22{}, c23{};
  constexpr Eigen::Index l = lane_count;
  for (Eigen::Index k = 0; k < depth; ++k, a += cholesky_tile_rows, b += l * cholesky_tile_cols) {
    const lanes a0 = load_lanes(a);
    const lanes a1 = load_lanes(a + l);
    const lanes a2 = load_lanes(a + 2 * l);
    lanes bj = load_lanes(b);
    c00 += a0 * bj;
    c10 += a1 * bj;
    c20 += a2 * bj;
    bj = load_lanes(b + l);
    c01 += a0 * bj;
    c11 += a1 * bj;
    c21 += a2 * bj;
    bj = load_lanes(b + 2 * l);
    c02 += a0 * bj;
    c12 += a1 * bj;
    c22 += a2 * bj;
    bj = load_lanes(b + 3 * l);
    c03 += a0 * bj;
    c13 += a1 * bj;
    c23 += a2 * bj;
  }
  const lanes product[cholesky_tile_cols][3] = {
      {c00, c10, c20}, {c01, c11, c21}, {c02, c12, c22}, {c03, c13, c23}};
  if (rows == cholesky_tile_rows && cols == cholesky_tile_cols &&
      diagonal_offset >= cholesky_tile_cols - 1) {
    for (Eigen::Index j = 0; j < cholesky_tile_cols; ++j) {
      for (Eigen::Index r = 0; r < 3; ++r) {
        double* out = c + j * stride + l * r;
        if constexpr (Mode == tile_write::subtract) {
          store_lanes(out, load_lanes(out) - product[j][r]);
        } else {
          store_lanes(out, product[j][r]);
        }
      }
    }
    return;
  }
  double values[cholesky_tile_cols][cholesky_tile_rows];
  for (Eigen::Index j = 0; j < cholesky_tile_cols; ++j) {
    for (Eigen::Index r = 0; r < 3; ++r) store_lanes(&values[j][l * r], product[j][r]);
  }
  for (Eigen::Index j = 0; j < cols; ++j) {
    for (Eigen::Index i = std::max<Eigen::Index>(0, j - diagonal_offset); i < rows; ++i) {
      if constexpr (Mode == tile_write::subtract) {
        c[j * stride + i] -= values[j][i];
      } else {
        c[j * stride + i] = values[j][i];
      }
    }
  }
}

/// y[i] -= s v[i] for i in [first, end), `lane_count` at a time.
inline void subtract_scaled(double* y, const double* v, double s, Eigen::Index first,
                            Eigen::Index end) noexcept {
  const lanes scale = broadcast(s);
  Eigen::Index i = first;
  for (const Eigen::Index whole = whole_groups_end(first, end, Eigen::Index{lane_count}); i < whole;
       i += lane_count) {
    store_lanes(y + i, load_lanes(y + i) - scale * load_lanes(v + i));
  }
  for (; i < end; ++i) y[i] -= s * v[i];
}

/// Factorises the n x n block at `a` (column stride `stride`, lower triangle read) in place
/// into L with L L' = a, column by column: each pivot's square root, the column below it
/// divided by it, then its outer product subtracted from the columns to its right. Returns
/// false at a pivot <= 0 or NaN.
inline bool factor_diagonal_block(double* a, Eigen::Index stride, Eigen::Index n) noexcept {
  for (Eigen::Index j = 0; j < n; ++j) {
    double* column = a + j * stride;
    const double pivot = column[j];
    if (!(pivot > 0.0)) return false;
    const double root = std::sqrt(pivot);
    column[j] = root;
    for (Eigen::Index i = j + 1; i < n; ++i) column[i] /= root;
    for (Eigen::Index m = j + 1; m < n; ++m) {
      subtract_scaled(a + m * stride, column, column[m], m, n);
    }
  }
  return true;
}

/// inverse := L^-1 for the n x n lower triangular L at `l` (column stride `stride`), into
/// `inverse` (column stride n, lower triangle and zeros above), row by row: row m of the
/// inverse is final once divided by L(m, m), and is then eliminated from the rows below it.
inline void invert_lower(const double* l, Eigen::Index stride, Eigen::Index n,
                         double* inverse) noexcept {
  std::fill(inverse, inverse + n * n, 0.0);
  for (Eigen::Index m = 0; m < n; ++m) {
    const double* column = l + m * stride;
    const double reciprocal = 1.0 / column[m];
    for (Eigen::Index c = 0; c < m; ++c) inverse[c * n + m] *= reciprocal;
    inverse[m * n + m] = reciprocal;
    for (Eigen::Index c = 0; c <= m; ++c) {
      subtract_scaled(inverse + c * n, column, inverse[c * n + m], m + 1, n);
    }
  }
}

/// Factorises the symmetric positive definite `a` (lower triangle read) in place into L,
/// lower triangular, with L L' = a (see the file comment). `packed` holds at least
/// `cholesky_packing_size(a.rows())` doubles. Returns false at the first pivot <= 0 or
/// NaN, with `a` part-factorised.
inline bool cholesky_in_place(Eigen::Ref<Eigen::MatrixXd> a, double* packed) {
  constexpr Eigen::Index block = cholesky_block;
  const Eigen::Index n = a.rows();
  const Eigen::Index stride = a.outerStride();
  alignas(32) double b_panel[lane_count * cholesky_tile_cols * block];
  alignas(32) double inverse[block * block];
  for (Eigen::Index k = 0; k < n; k += block) {
    const Eigen::Index width = std::min(block, n - k);
    const Eigen::Index rest = n - k - width;
    double* diagonal = &a(k, k);
    if (!factor_diagonal_block(diagonal, stride, width)) return false;
    if (rest == 0) break;
    // rest > 0, so this block is whole: width == block.
    invert_lower(diagonal, stride, block, inverse);

    // The panel: L_ik = A_ik L_kk^-T. Column j of the product needs columns 0 .. j of
    // L_kk^-1's row j (it is lower triangular), so each B micro-panel stops at its depth.
    double* panel = &a(k + width, k);
    pack_rows(panel, stride, rest, block, packed);
    for (Eigen::Index j = 0; j < block; j += cholesky_tile_cols) {
      const Eigen::Index depth = j + cholesky_tile_cols;
      pack_duplicated(inverse + j, block, cholesky_tile_cols, depth, b_panel);
      for (Eigen::Index i = 0; i < rest; i += cholesky_tile_rows) {
        multiply_tile<tile_write::assign>(
            depth, packed + i * block, b_panel, panel + j * stride + i, stride,
            std::min(cholesky_tile_rows, rest - i), cholesky_tile_cols, cholesky_tile_cols);
      }
    }

    // The trailing matrix's lower triangle: A_ij -= L_ik L_jk', tile columns left to right,
    // each from the first tile that reaches its diagonal.
    pack_rows(panel, stride, rest, block, packed);
    double* trailing = &a(k + width, k + width);
    for (Eigen::Index j = 0; j < rest; j += cholesky_tile_cols) {
      const Eigen::Index cols = std::min(cholesky_tile_cols, rest - j);
      pack_duplicated(panel + j, stride, cols, block, b_panel);
      for (Eigen::Index i = j / cholesky_tile_rows * cholesky_tile_rows; i < rest;
           i += cholesky_tile_rows) {
        multiply_tile<tile_write::subtract>(block, packed + i * block, b_panel,
                                            trailing + j * stride + i, stride,
                                            std::min(cholesky_tile_rows, rest - i), cols, i - j);
      }
    }
  }
  return true;
}

}  // namespace bulwark::detail

#undef BULWARK_DETAIL_NOINLINE
#undef BULWARK_DETAIL_PREFETCH
