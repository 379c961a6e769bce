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
/// micro-panels of 3 x lanes rows: per step of the depth, a tile is three loads of A, four
/// values of B each broadcast to every lane, 12 multiplies and 12 adds. B is read where it
/// already lies, at a stride: in step 2 a column of L_kk^-1 (four of its rows), in step 3
/// four rows of the packed L_ik, which step 2 writes as it goes (so the panel is packed
/// once, as A_ik; the two-lane kernels, whose 6-row micro-panels split those four rows,
/// copy them for each tile column). Out of place, the first block column reads A_ik and
/// A_ij from the caller's source matrix and writes the factor, so only the first diagonal
/// block is copied. (At p = 500 the copies cost about a fifth of the factorisation:
/// Eigen's triangular assignment, and a B packed with every value in every lane.) With
/// four lanes each broadcast is one load (AVX vbroadcastsd) as the kernel spells it; see
/// there for why the spelling matters to g++. The lanes use GCC/Clang vector types: two
/// doubles (a 6 x 4 tile) at the x86-64 baseline (SSE2) and on AArch64 (NEON), four
/// (12 x 4) where the build allows AVX. Other compilers get a two-double struct with the
/// same arithmetic, lane by lane.
///
/// The default x86-64 flags stop at SSE2: two lanes, no fused multiply-add, and
/// two-operand instructions, so g++ spends about 3.7 instructions (a copy or a reload, a
/// multiply, an add, a share of the loads) on each multiply-add of two lanes, and the SSE2
/// peak is half the FP64 peak of a processor with FMA. So on x86-64 with GCC or Clang, built
/// without FMA, the kernels (the product's tile, the diagonal block's factorisation and
/// inverse) are compiled a second time for AVX2 + FMA, a 12 x 4 tile of four-lane
/// registers, and `cholesky_into` runs them where the processor has both
/// (`fastest_cholesky_kernel`): the factorisation takes about half the time. Each
/// `c + a * b` there becomes one fused multiply-add where the compiler contracts
/// expressions (Clang by default, g++ at -O2 and above, neither with -ffp-contract=off);
/// it then rounds once, and the factor differs from the SSE2 kernels' in the last bits. So
/// one program factorises a covariance to the same bits every time on one kind of
/// processor, not across kinds.
///
/// Only the lower triangle is read and written; the strict upper triangle of the storage is
/// left as it was. No heap: the two packed panels are the caller's (see
/// `cholesky_packing_size`), the rest lives on the stack (the 48 x 48 inverse, 18 kB, and
/// with the two-lane kernels one B micro-panel, 1.5 kB: their 6-row micro-panels split
/// the four rows B needs).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include <Eigen/Core>

#include "bulwark/detail/isa.hpp"
#include "bulwark/detail/lanes.hpp"

// The product kernel (a column of tiles) must stay a call of its own: inlined into
// `factorise_blocked`'s loops, g++ -O2 runs out of the sixteen vector registers and spills
// the accumulators.
#if defined(__GNUC__) || defined(__clang__)
#define BULWARK_DETAIL_NOINLINE [[gnu::noinline]]
#define BULWARK_DETAIL_PREFETCH(address, for_write) __builtin_prefetch(address, for_write, 3)
#else
#define BULWARK_DETAIL_NOINLINE
#define BULWARK_DETAIL_PREFETCH(address, for_write)
#endif

// On x86-64 built without FMA (the default flags), the kernels are compiled a second time for
// AVX2 and FMA and chosen at run time where the processor has them (see the file comment).
#if BULWARK_DETAIL_ISA_DISPATCH && !defined(__FMA__)
#define BULWARK_DETAIL_FMA_DISPATCH 1
#else
#define BULWARK_DETAIL_FMA_DISPATCH 0
#endif

namespace bulwark::detail {

/// The product kernels `cholesky_into` can run.
enum class cholesky_kernel : unsigned char {
  build,     ///< `lanes`: the vector width and instructions the build was compiled for
  avx2_fma,  ///< four lanes with fused multiply-adds (see `avx2_fma_kernel_compiled`)
};

/// True when this program carries the `avx2_fma` kernels (x86-64, GCC or Clang but not
/// clang-cl, built without FMA; a build with FMA compiles the `build` kernels for it).
inline constexpr bool avx2_fma_kernel_compiled = BULWARK_DETAIL_FMA_DISPATCH != 0;

/// True when this program carries the `avx2_fma` kernel and the processor can run it.
[[nodiscard]] inline bool avx2_fma_kernel_runs() noexcept {
#if BULWARK_DETAIL_FMA_DISPATCH
  const isa_extensions has = processor_extensions();
  return has.avx2 && has.fma;
#else
  return false;
#endif
}

/// The kernel `cholesky_into` runs by default: `avx2_fma` where it runs, else `build`.
[[nodiscard]] inline cholesky_kernel fastest_cholesky_kernel() noexcept {
  return avx2_fma_kernel_runs() ? cholesky_kernel::avx2_fma : cholesky_kernel::build;
}

inline constexpr Eigen::Index cholesky_block = 48;    // columns per block column
inline constexpr Eigen::Index cholesky_tile_cols = 4;  // columns of a kernel tile
/// Copies `rows` x `depth` of the column-major `source` (column stride `stride`) into
/// micro-panels of `TileRows` rows, each stored depth-major ([k][row]), the last one
/// padded with zeros.
template <Eigen::Index TileRows>
void pack_rows(const double* source, Eigen::Index stride, Eigen::Index rows, Eigen::Index depth,
               double* packed) noexcept {
  static_assert(TileRows % lane_count == 0);
  for (Eigen::Index first = 0; first < rows; first += TileRows) {
    const Eigen::Index valid = std::min(TileRows, rows - first);
    for (Eigen::Index k = 0; k < depth; ++k, packed += TileRows) {
      const double* column = source + k * stride + first;
      if (valid == TileRows) {  // a whole micro-panel: register copies
        for (Eigen::Index r = 0; r < TileRows; r += lane_count) {
          store_lanes(packed + r, load_lanes(column + r));
        }
        continue;
      }
      Eigen::Index i = 0;
      for (; i < valid; ++i) packed[i] = column[i];
      for (; i < TileRows; ++i) packed[i] = 0.0;
    }
  }
}

/// Copies rows 0 .. `cols` - 1 (at most `cholesky_tile_cols`) of `depth` columns of
/// `source` into one B micro-panel, depth-major ([k][col]), padded with zeros.
inline void pack_columns(const double* source, Eigen::Index stride, Eigen::Index cols,
                         Eigen::Index depth, double* packed) noexcept {
  for (Eigen::Index k = 0; k < depth; ++k, packed += cholesky_tile_cols) {
    for (Eigen::Index j = 0; j < cholesky_tile_cols; ++j) {
      packed[j] = j < cols ? source[k * stride + j] : 0.0;
    }
  }
}

enum class tile_write { subtract, assign };

/// Where a product tile goes: the `rows` x `cols` tile of C at `out` (column stride
/// `out_stride`), read at `in` (column stride `in_stride`) when it is subtracted from.
/// `in` is `out` except in the first trailing update of a factorisation out of place,
/// which reads the caller's source matrix. Only entries with i - j >= -`diagonal_offset`
/// are written (the part of a tile on or below the diagonal of the matrix it lies in);
/// `cholesky_tile_cols` writes them all. Unless it is null, `packed_out` receives the whole
/// tile (padding rows included) as the next `cholesky_tile_cols` depths of a micro-panel.
/// `Kernels::multiply` takes the top tile of a column with the column's rows (see
/// `multiply_column`).
struct product_tile {
  double* out;
  Eigen::Index out_stride;
  const double* in;
  Eigen::Index in_stride;
  Eigen::Index rows;
  Eigen::Index cols;
  Eigen::Index diagonal_offset;
  double* packed_out;
};

/// The product of an A micro-panel and B over `depth`, P = A B', into `tile`:
/// out = in - P (`subtract`) or out = P (`assign`). B's `cholesky_tile_cols` values for
/// depth k are b[k * b_stride + 0 .. 3], each broadcast to every lane. `V` is the vector
/// type (a tile has 3 of them per column); the callers below compile it for their
/// instruction set. `tile` comes by value, so that its fields stay in registers: through a
/// reference they are reloaded after each store.
template <class V, tile_write Mode>
BULWARK_DETAIL_ALWAYS_INLINE inline void multiply_tile(Eigen::Index depth, const double* a,
                                                       const double* b, Eigen::Index b_stride,
                                                       const product_tile tile) noexcept {
  constexpr Eigen::Index l = sizeof(V) / sizeof(double);
  constexpr Eigen::Index tile_rows = 3 * l;
  const Eigen::Index rows = tile.rows;
  const Eigen::Index cols = tile.cols;
  // The tile of C is read (or written) only after the product, in a matrix that may not fit
  // the L2 cache: asked for now, its lines arrive while the loop runs.
  for (Eigen::Index j = 0; j < cols; ++j) {  // every line of the column's rows
    const double* in = tile.in + j * tile.in_stride;
    double* out = tile.out + j * tile.out_stride;
    if (out == in) {  // read, then written in place
      for (Eigen::Index r = 0; r < rows; r += 8) BULWARK_DETAIL_PREFETCH(out + r, 1);
      BULWARK_DETAIL_PREFETCH(out + rows - 1, 1);
    } else {  // the caller's source only read
      for (Eigen::Index r = 0; r < rows; r += 8) {
        BULWARK_DETAIL_PREFETCH(in + r, 0);
        BULWARK_DETAIL_PREFETCH(out + r, 1);
      }
      BULWARK_DETAIL_PREFETCH(in + rows - 1, 0);
      BULWARK_DETAIL_PREFETCH(out + rows - 1, 1);
    }
  }
  V c00{}, c01{}, c02{}, c03{}, c10{}, c11{}, c12{}, c13{}, c20{}, c21{}, c22{}, c23{};
  // B's value `column` of this depth in every lane of `bj`. With four lanes it is spelt as a
  // named double and an initialiser of equal lanes, here in the loop: g++ 12 then loads it
  // with one broadcast (vbroadcastsd). Spelt any other way that was tried (the initialiser
  // reading b[column] itself, `splat_into`, a lambda), it merges the four neighbouring
  // loads into one vector load and three lane permutes, and the factorisation's best time
  // is about 6 % longer.
#define BULWARK_DETAIL_SPREAD_B(column)    \
  if constexpr (l == 4) {                  \
    const double value = bk[column];       \
    bj = V{value, value, value, value};    \
  } else {                                 \
    splat_into(bj, bk[column]);            \
  }
  // Indexed from the start at each step rather than stepped, so that no pointer moves
  // past the end of A's micro-panel or of B's storage after the last step.
  for (Eigen::Index k = 0; k < depth; ++k) {
    const double* ak = a + k * tile_rows;
    const double* bk = b + k * b_stride;
    V a0, a1, a2, bj;
    load_into(a0, ak);
    load_into(a1, ak + l);
    load_into(a2, ak + 2 * l);
    BULWARK_DETAIL_SPREAD_B(0)
    c00 += a0 * bj;
    c10 += a1 * bj;
    c20 += a2 * bj;
    BULWARK_DETAIL_SPREAD_B(1)
    c01 += a0 * bj;
    c11 += a1 * bj;
    c21 += a2 * bj;
    BULWARK_DETAIL_SPREAD_B(2)
    c02 += a0 * bj;
    c12 += a1 * bj;
    c22 += a2 * bj;
    BULWARK_DETAIL_SPREAD_B(3)
    c03 += a0 * bj;
    c13 += a1 * bj;
    c23 += a2 * bj;
  }
#undef BULWARK_DETAIL_SPREAD_B
  const V product[cholesky_tile_cols][3] = {
      {c00, c10, c20}, {c01, c11, c21}, {c02, c12, c22}, {c03, c13, c23}};
  if (tile.packed_out != nullptr) {
    for (Eigen::Index j = 0; j < cholesky_tile_cols; ++j) {
      for (Eigen::Index r = 0; r < 3; ++r) {
        store_from(tile.packed_out + j * tile_rows + l * r, product[j][r]);
      }
    }
  }
  if (rows == tile_rows && cols == cholesky_tile_cols &&
      tile.diagonal_offset >= cholesky_tile_cols - 1) {
    for (Eigen::Index j = 0; j < cholesky_tile_cols; ++j) {
      for (Eigen::Index r = 0; r < 3; ++r) {
        double* out = tile.out + j * tile.out_stride + l * r;
        if constexpr (Mode == tile_write::subtract) {
          V before;
          load_into(before, tile.in + j * tile.in_stride + l * r);
          store_from(out, before - product[j][r]);
        } else {
          store_from(out, product[j][r]);
        }
      }
    }
    return;
  }
  double values[cholesky_tile_cols][static_cast<std::size_t>(tile_rows)];
  for (Eigen::Index j = 0; j < cholesky_tile_cols; ++j) {
    for (Eigen::Index r = 0; r < 3; ++r) store_from(&values[j][l * r], product[j][r]);
  }
  for (Eigen::Index j = 0; j < cols; ++j) {
    double* out = tile.out + j * tile.out_stride;
    const double* in = tile.in + j * tile.in_stride;
    for (Eigen::Index i = std::max<Eigen::Index>(0, j - tile.diagonal_offset); i < rows; ++i) {
      if constexpr (Mode == tile_write::subtract) {
        out[i] = in[i] - values[j][i];
      } else {
        out[i] = values[j][i];
      }
    }
  }
}

/// `multiply_tile` down a column of tiles, in one call: `column` is its top tile, except
/// that `column.rows` counts the rows of the whole column. The tile `i` rows lower reads
/// A's micro-panel `i` rows on (`i` x `cholesky_block` doubles), writes C `i` rows lower
/// and `packed_out` as many doubles on as A, and lies `i` rows further below the diagonal.
/// (One call per tile cost about 5 % of the factorisation.)
template <class V, tile_write Mode>
BULWARK_DETAIL_ALWAYS_INLINE inline void multiply_column(Eigen::Index depth, const double* a,
                                                         const double* b, Eigen::Index b_stride,
                                                         const product_tile column) noexcept {
  constexpr Eigen::Index tile_rows = 3 * static_cast<Eigen::Index>(width_of<V>);
  for (Eigen::Index i = 0; i < column.rows; i += tile_rows) {
    // Each tile from the top one, so that no pointer steps past the last tile.
    product_tile tile = column;
    tile.out += i;
    tile.in += i;
    tile.rows = std::min(tile_rows, column.rows - i);
    tile.diagonal_offset += i;
    if (tile.packed_out != nullptr) tile.packed_out += i * cholesky_block;
    multiply_tile<V, Mode>(depth, a + i * cholesky_block, b, b_stride, tile);
  }
}

/// y[i] -= s v[i] for i in [first, end), a `V` (`width_of<V>` lanes) at a time.
template <class V>
BULWARK_DETAIL_ALWAYS_INLINE inline void subtract_scaled(double* y, const double* v, double s,
                                                         Eigen::Index first,
                                                         Eigen::Index end) noexcept {
  constexpr auto width = static_cast<Eigen::Index>(width_of<V>);
  V scale;
  splat_into(scale, s);
  Eigen::Index i = first;
  for (const Eigen::Index whole = whole_groups_end(first, end, width); i < whole; i += width) {
    V yi;
    V vi;
    load_into(yi, y + i);
    load_into(vi, v + i);
    store_from(y + i, yi - scale * vi);
  }
  for (; i < end; ++i) y[i] -= s * v[i];
}

/// Factorises the n x n block at `a` (column stride `stride`, lower triangle read) in place
/// into L with L L' = a, column by column: each pivot's square root, the column below it
/// divided by it, then its outer product subtracted from the columns to its right, a `V`
/// at a time. Returns false at a pivot <= 0 or NaN.
template <class V>
BULWARK_DETAIL_ALWAYS_INLINE inline bool factor_diagonal_block(double* a, Eigen::Index stride,
                                                               Eigen::Index n) noexcept {
  for (Eigen::Index j = 0; j < n; ++j) {
    double* column = a + j * stride;
    const double pivot = column[j];
    if (!(pivot > 0.0)) return false;
    const double root = std::sqrt(pivot);
    column[j] = root;
    for (Eigen::Index i = j + 1; i < n; ++i) column[i] /= root;
    for (Eigen::Index m = j + 1; m < n; ++m) {
      subtract_scaled<V>(a + m * stride, column, column[m], m, n);
    }
  }
  return true;
}

/// inverse := L^-1 for the n x n lower triangular L at `l` (column stride `stride`), into
/// `inverse` (column stride n, lower triangle and zeros above), row by row: row m of the
/// inverse is final once divided by L(m, m), and is then eliminated from the rows below it,
/// a `V` at a time.
template <class V>
BULWARK_DETAIL_ALWAYS_INLINE inline void invert_lower(const double* l, Eigen::Index stride,
                                                      Eigen::Index n, double* inverse) noexcept {
  std::fill(inverse, inverse + n * n, 0.0);
  for (Eigen::Index m = 0; m < n; ++m) {
    const double* column = l + m * stride;
    const double reciprocal = 1.0 / column[m];
    for (Eigen::Index c = 0; c < m; ++c) inverse[c * n + m] *= reciprocal;
    inverse[m * n + m] = reciprocal;
    for (Eigen::Index c = 0; c <= m; ++c) {
      subtract_scaled<V>(inverse + c * n, column, inverse[c * n + m], m + 1, n);
    }
  }
}

/// The kernels of the factorisation over the build's own `lanes`. The product kernel stays
/// a call of its own (see `BULWARK_DETAIL_NOINLINE`).
struct build_kernels {
  static constexpr Eigen::Index vector_lanes = lane_count;
  template <tile_write Mode>
  BULWARK_DETAIL_NOINLINE static void multiply(Eigen::Index depth, const double* a,
                                               const double* b, Eigen::Index b_stride,
                                               const product_tile& column) noexcept {
    multiply_column<lanes, Mode>(depth, a, b, b_stride, column);
  }
  static bool factor_block(double* a, Eigen::Index stride, Eigen::Index n) noexcept {
    return factor_diagonal_block<lanes>(a, stride, n);
  }
  static void invert_block(const double* l, Eigen::Index stride, Eigen::Index n,
                           double* inverse) noexcept {
    invert_lower<lanes>(l, stride, n, inverse);
  }
};

#if BULWARK_DETAIL_FMA_DISPATCH
/// The same kernels over four lanes, compiled for AVX2 and FMA whatever the build's flags
/// (each `c + a * b` fused where the compiler contracts, see the file comment). Called
/// only where `avx2_fma_kernel_runs()`.
struct avx2_fma_kernels {
  static constexpr Eigen::Index vector_lanes = 4;
  using vector = four_lanes;
  template <tile_write Mode>
  [[gnu::noinline, gnu::target("avx2,fma")]] static void multiply(
      Eigen::Index depth, const double* a, const double* b, Eigen::Index b_stride,
      const product_tile& column) noexcept {
    multiply_column<vector, Mode>(depth, a, b, b_stride, column);
  }
  [[gnu::target("avx2,fma")]] static bool factor_block(double* a, Eigen::Index stride,
                                                       Eigen::Index n) noexcept {
    return factor_diagonal_block<vector>(a, stride, n);
  }
  [[gnu::target("avx2,fma")]] static void invert_block(const double* l, Eigen::Index stride,
                                                       Eigen::Index n, double* inverse) noexcept {
    invert_lower<vector>(l, stride, n, inverse);
  }
};

/// Lanes of the widest kernels, whose tiles are the tallest (three registers).
inline constexpr Eigen::Index cholesky_max_vector_lanes = avx2_fma_kernels::vector_lanes;
#else
inline constexpr Eigen::Index cholesky_max_vector_lanes = build_kernels::vector_lanes;
#endif

/// Doubles of one packed panel for an n x n matrix: a block column of n rows (more than
/// any panel below a diagonal block), in whole micro-panels of any kernels' tiles.
constexpr Eigen::Index cholesky_panel_size(Eigen::Index n) noexcept {
  constexpr Eigen::Index tile_rows = 3 * cholesky_max_vector_lanes;
  return (n + tile_rows - 1) / tile_rows * tile_rows * cholesky_block;
}

/// Doubles of packing storage `cholesky_into` needs for an n x n matrix: two panels,
/// A_ik as read and L_ik as the panel product writes it.
constexpr Eigen::Index cholesky_packing_size(Eigen::Index n) noexcept {
  return 2 * cholesky_panel_size(n);
}

/// `cholesky_into` with the kernels `Kernels` (see the file comment for the steps).
template <class Kernels>
bool factorise_blocked(const Eigen::Ref<const Eigen::MatrixXd>& source,
                       Eigen::Ref<Eigen::MatrixXd> a, double* packed) noexcept {
  constexpr Eigen::Index block = cholesky_block;
  constexpr Eigen::Index vector_lanes = Kernels::vector_lanes;
  constexpr Eigen::Index tile_rows = 3 * vector_lanes;
  // B for the trailing update is read straight from the packed L_ik where a micro-panel
  // holds whole groups of `cholesky_tile_cols` rows; else (two-lane tiles of 6 rows) it is
  // copied into `b_panel` first.
  constexpr bool b_in_panel = tile_rows % cholesky_tile_cols == 0;
  const Eigen::Index n = a.rows();
  const Eigen::Index stride = a.outerStride();
  double* const packed_l = packed + cholesky_panel_size(n);
  [[maybe_unused]] double b_panel[cholesky_tile_cols * block];
  alignas(32) double inverse[block * block];
  eigen_assert(a.rows() == a.cols() && source.rows() == n && source.cols() == n);
  // Out of place, only the first diagonal block is copied from `source`: the first block
  // column reads the rest of it there (the panel as it is packed, the trailing matrix in
  // its update) and writes it to `a`.
  const bool copy = source.data() != a.data();
  eigen_assert(copy || source.outerStride() == stride);
  if (copy) {
    const Eigen::Index first_block = std::min(block, n);
    for (Eigen::Index j = 0; j < first_block; ++j) {
      std::copy_n(source.data() + j * source.outerStride() + j, first_block - j, &a(j, j));
    }
  }
  for (Eigen::Index k = 0; k < n; k += block) {
    const Eigen::Index columns = std::min(block, n - k);
    const Eigen::Index rest = n - k - columns;
    const bool from_source = copy && k == 0;
    const Eigen::Index in_stride = from_source ? source.outerStride() : stride;
    const double* in = from_source ? source.data() : a.data();  // A_ik and A_ij read here
    double* diagonal = &a(k, k);
    if (!Kernels::factor_block(diagonal, stride, columns)) return false;
    if (rest == 0) break;
    // rest > 0, so this block is whole: columns == block.
    Kernels::invert_block(diagonal, stride, block, inverse);

    // The panel: L_ik = A_ik L_kk^-T, written to the matrix and packed into `packed_l`.
    // Column j of the product needs columns 0 .. j of L_kk^-1's row j (it is lower
    // triangular), so each product stops at its depth; B is L_kk^-1's rows j .. j + 3, a
    // column of `inverse` at each depth.
    double* panel = &a(k + columns, k);
    pack_rows<tile_rows>(in + k * in_stride + k + columns, in_stride, rest, block, packed);
    for (Eigen::Index j = 0; j < block; j += cholesky_tile_cols) {
      const Eigen::Index depth = j + cholesky_tile_cols;
      double* out = panel + j * stride;
      Kernels::template multiply<tile_write::assign>(
          depth, packed, inverse + j, block,
          {.out = out, .out_stride = stride, .in = out, .in_stride = stride, .rows = rest,
           .cols = cholesky_tile_cols, .diagonal_offset = cholesky_tile_cols,
           .packed_out = packed_l + j * tile_rows});
    }

    // The trailing matrix's lower triangle: A_ij -= L_ik L_jk', tile columns left to right,
    // each from the first tile that reaches its diagonal. B is L_ik's rows j .. j + 3 (zero
    // past the last row).
    double* trailing = &a(k + columns, k + columns);
    const double* trailing_in = in + (k + columns) * in_stride + k + columns;
    for (Eigen::Index j = 0; j < rest; j += cholesky_tile_cols) {
      const Eigen::Index cols = std::min(cholesky_tile_cols, rest - j);
      const Eigen::Index top = j / tile_rows * tile_rows;  // the tile reaching the diagonal
      const double* b = packed_l + top * block + (j - top);  // in the micro-panel at `top`
      Eigen::Index b_stride = tile_rows;
      if constexpr (!b_in_panel) {
        pack_columns(panel + j, stride, cols, block, b_panel);
        b = b_panel;
        b_stride = cholesky_tile_cols;
      }
      Kernels::template multiply<tile_write::subtract>(
          block, packed_l + top * block, b, b_stride,
          {.out = trailing + j * stride + top, .out_stride = stride,
           .in = trailing_in + j * in_stride + top, .in_stride = in_stride, .rows = rest - top,
           .cols = cols, .diagonal_offset = top - j, .packed_out = nullptr});
    }
  }
  return true;
}

/// Factorises the symmetric positive definite `source` (lower triangle read) into L, lower
/// triangular, with L L' = source, in the lower triangle of `a`, the same size (see the
/// file comment), with the kernels `kernel` (`avx2_fma` where `avx2_fma_kernel_runs()`,
/// else `build`). `source` and `a` are the same storage (in place) or do not overlap.
/// `packed` holds at least `cholesky_packing_size(a.rows())` doubles. Returns false at the
/// first pivot <= 0 or NaN, with `a` part-written.
inline bool cholesky_into(const Eigen::Ref<const Eigen::MatrixXd>& source,
                          Eigen::Ref<Eigen::MatrixXd> a, double* packed,
                          [[maybe_unused]] cholesky_kernel kernel =
                              fastest_cholesky_kernel()) noexcept {
#if BULWARK_DETAIL_FMA_DISPATCH
  if (kernel == cholesky_kernel::avx2_fma && avx2_fma_kernel_runs()) {
    return factorise_blocked<avx2_fma_kernels>(source, a, packed);
  }
#endif
  return factorise_blocked<build_kernels>(source, a, packed);
}

}  // namespace bulwark::detail

#undef BULWARK_DETAIL_NOINLINE
#undef BULWARK_DETAIL_PREFETCH
#undef BULWARK_DETAIL_FMA_DISPATCH
