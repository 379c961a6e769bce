// SPDX-License-Identifier: MIT
/// \file
/// \brief Checks that a matrix can serve as a covariance matrix: square, finite, symmetric,
/// non-negative variances, and (when asked) positive definite by Cholesky. The result names
/// the first defect and where it is, so callers can report it or fail closed.
///
/// Synopsis
/// \code
/// enum class matrix_defect { none, empty, not_square, non_finite, asymmetric,
///                            negative_variance, not_positive_definite };
/// struct matrix_check { matrix_defect defect; Index row, col; double value; bool ok(); };
/// matrix_check check_covariance(m, symmetry_tolerance = 1e-12);         // O(p^2)
/// matrix_check check_positive_definite(m, symmetry_tolerance = 1e-12);  // O(p^3): + Cholesky
/// bool is_positive_definite(m, symmetry_tolerance = 1e-12);
/// void require_covariance(m, id, name);          // input_error naming the defect
/// void require_positive_definite(m, id, name);
/// \endcode
///
/// Symmetry is judged on the scale of each entry's own variances, the scale of a
/// correlation: m(i, j) and m(j, i) must satisfy |m(i, j) - m(j, i)| <=
/// tolerance * sqrt(|m(i, i) m(j, j)|), so a covariance matrix of tiny daily variances
/// and one of large annual variances are judged alike. Positive definiteness is "to working
/// precision": Eigen's LLT (Cholesky) succeeds, i.e. every pivot is > 0; a singular
/// positive semi-definite matrix (an asset that is a combination of others, or more assets
/// than periods) fails. When it fails, `value` holds the smallest eigenvalue, computed
/// only then, to say how far the matrix is from definite.
#pragma once

#include <cmath>
#include <limits>
#include <string_view>

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark::risk {

/// What keeps a matrix from being a (positive definite) covariance matrix.
enum class matrix_defect {
  none,               ///< usable
  empty,              ///< 0 x 0
  not_square,         ///< rows != cols
  non_finite,         ///< an entry is NaN or infinite (`row`, `col`, `value`)
  asymmetric,         ///< m(row, col) != m(col, row) beyond the tolerance (`value` = m(row, col))
  negative_variance,  ///< a diagonal entry is < 0 (`row` = `col`, `value`)
  not_positive_definite,  ///< Cholesky fails (`value` = the smallest eigenvalue)
};

[[nodiscard]] constexpr std::string_view to_string(matrix_defect d) noexcept {
  switch (d) {
    case matrix_defect::none: return "none";
    case matrix_defect::empty: return "empty";
    case matrix_defect::not_square: return "not_square";
    case matrix_defect::non_finite: return "non_finite";
    case matrix_defect::asymmetric: return "asymmetric";
    case matrix_defect::negative_variance: return "negative_variance";
    case matrix_defect::not_positive_definite: return "not_positive_definite";
  }
  return "unknown";
}

/// The outcome of a check: the first defect found and where. Entries are visited row by
/// row, each diagonal entry before the pairs (i, j < i) of its row.
struct matrix_check {
  matrix_defect defect = matrix_defect::none;
  Eigen::Index rows = 0;  ///< the matrix's shape, for messages
  Eigen::Index cols = 0;
  Eigen::Index row = -1;  ///< where the defect is, or -1
  Eigen::Index col = -1;
  double value = 0.0;  ///< the offending value (see matrix_defect)

  [[nodiscard]] constexpr bool ok() const noexcept { return defect == matrix_defect::none; }
};

/// Checks that `m` is square, non-empty, finite, symmetric within `symmetry_tolerance`
/// (see the file comment) and has variances >= 0: everything a covariance matrix needs
/// except positive semi-definiteness. O(p^2), no allocation.
[[nodiscard]] inline matrix_check check_covariance(const Eigen::Ref<const Eigen::MatrixXd>& m,
                                                   double symmetry_tolerance = 1e-12) noexcept {
  matrix_check c{.rows = m.rows(), .cols = m.cols()};
  const auto fail = [&c](matrix_defect d, Eigen::Index i, Eigen::Index j, double v) {
    c.defect = d;
    c.row = i;
    c.col = j;
    c.value = v;
    return c;
  };
  if (m.rows() == 0 || m.cols() == 0) return fail(matrix_defect::empty, -1, -1, 0.0);
  if (m.rows() != m.cols()) return fail(matrix_defect::not_square, -1, -1, 0.0);
  // One pass over the pairs (i, j <= i): a non-finite entry makes its pair's gap NaN or
  // infinite, which fails the symmetry test and is then told apart from an asymmetry.
  const double tolerance_squared = symmetry_tolerance * symmetry_tolerance;
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    const double variance = m(i, i);
    if (!std::isfinite(variance)) return fail(matrix_defect::non_finite, i, i, variance);
    if (variance < 0.0) return fail(matrix_defect::negative_variance, i, i, variance);
    for (Eigen::Index j = 0; j < i; ++j) {
      const double gap = m(i, j) - m(j, i);
      if (!(gap * gap <= tolerance_squared * std::abs(variance * m(j, j)))) {
        if (!std::isfinite(m(j, i))) return fail(matrix_defect::non_finite, j, i, m(j, i));
        if (!std::isfinite(m(i, j))) return fail(matrix_defect::non_finite, i, j, m(i, j));
        return fail(matrix_defect::asymmetric, i, j, m(i, j));
      }
    }
  }
  return c;
}

/// `check_covariance`, then a Cholesky factorisation of the lower triangle: ok() when every
/// pivot is > 0. O(p^3 / 3); allocates the factor.
[[nodiscard]] inline matrix_check check_positive_definite(
    const Eigen::Ref<const Eigen::MatrixXd>& m, double symmetry_tolerance = 1e-12) {
  matrix_check c = check_covariance(m, symmetry_tolerance);
  if (!c.ok()) return c;
  const Eigen::LLT<Eigen::MatrixXd> cholesky(m);
  if (cholesky.info() != Eigen::Success) {
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(m, Eigen::EigenvaluesOnly);
    c.defect = matrix_defect::not_positive_definite;
    c.value = eigen.info() == Eigen::Success ? eigen.eigenvalues().minCoeff()
                                             : std::numeric_limits<double>::quiet_NaN();
  }
  return c;
}

/// True when `check_positive_definite(m, symmetry_tolerance).ok()`.
[[nodiscard]] inline bool is_positive_definite(const Eigen::Ref<const Eigen::MatrixXd>& m,
                                               double symmetry_tolerance = 1e-12) {
  return check_positive_definite(m, symmetry_tolerance).ok();
}

}  // namespace bulwark::risk

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::risk::matrix_defect)

/// Prints what is wrong and where, e.g. `asymmetric at (2, 0): 0.0031 vs 0.0030`.
template <>
struct fmt::formatter<bulwark::risk::matrix_check> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::matrix_check& c, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    using bulwark::risk::matrix_defect;
    switch (c.defect) {
      case matrix_defect::none: return fmt::format_to(ctx.out(), "ok ({} x {})", c.rows, c.cols);
      case matrix_defect::empty:
        return fmt::format_to(ctx.out(), "empty ({} x {})", c.rows, c.cols);
      case matrix_defect::not_square:
        return fmt::format_to(ctx.out(), "not square ({} x {})", c.rows, c.cols);
      case matrix_defect::non_finite:
        return fmt::format_to(ctx.out(), "non-finite at ({}, {}): {}", c.row, c.col, c.value);
      case matrix_defect::asymmetric:
        return fmt::format_to(ctx.out(), "asymmetric at ({}, {}): {} differs from ({}, {})", c.row,
                              c.col, c.value, c.col, c.row);
      case matrix_defect::negative_variance:
        return fmt::format_to(ctx.out(), "negative variance at ({}, {}): {}", c.row, c.col,
                              c.value);
      case matrix_defect::not_positive_definite:
        return fmt::format_to(ctx.out(),
                              "not positive definite ({} x {}): Cholesky fails, smallest "
                              "eigenvalue {}",
                              c.rows, c.cols, c.value);
    }
    return fmt::format_to(ctx.out(), "{}", c.defect);
  }
};

namespace bulwark::detail {
[[noreturn]] inline void throw_matrix_defect(const risk::matrix_check& c, std::string_view id,
                                             std::string_view name) {
  throw_input_error(id, "{} is {}", name, c);
}
}  // namespace bulwark::detail

namespace bulwark::risk {

/// Throws `input_error` with `id` unless `check_covariance(m)` is ok; the message names
/// `name` (e.g. "gaussian_portfolio: covariance"), the defect, where, and the value.
inline void require_covariance(const Eigen::Ref<const Eigen::MatrixXd>& m, std::string_view id,
                               std::string_view name, double symmetry_tolerance = 1e-12) {
  const matrix_check c = check_covariance(m, symmetry_tolerance);
  if (!c.ok()) bulwark::detail::throw_matrix_defect(c, id, name);
}

/// Throws `input_error` with `id` unless `check_positive_definite(m)` is ok.
inline void require_positive_definite(const Eigen::Ref<const Eigen::MatrixXd>& m,
                                      std::string_view id, std::string_view name,
                                      double symmetry_tolerance = 1e-12) {
  const matrix_check c = check_positive_definite(m, symmetry_tolerance);
  if (!c.ok()) bulwark::detail::throw_matrix_defect(c, id, name);
}

}  // namespace bulwark::risk
