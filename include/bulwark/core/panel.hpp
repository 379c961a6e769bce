// SPDX-License-Identifier: MIT
/// \file
/// \brief `panel_view`: a non-owning, row-major view of a time x symbol table of doubles
/// (row i = one instant, column j = one symbol), the shape of cross-sectional data.
///
/// Synopsis
/// \code
/// panel_view p{values, rows, cols};     // input_error when values.size() != rows * cols
/// p(i, j); p.row(i);                     // element; one instant as a span
/// p.first_rows(n);                       // the view of rows [0, n): history up to row n-1
/// \endcode
#pragma once

#include <cstddef>
#include <span>

#include "bulwark/core/error.hpp"

namespace bulwark {

class panel_view {
 public:
  constexpr panel_view() noexcept = default;

  /// Views `values` as `rows` x `cols`, row-major. Throws `input_error`
  /// (id `bulwark.core.panel`) when the sizes disagree.
  panel_view(std::span<const double> values, std::size_t rows, std::size_t cols)
      : data_(values.data()), rows_(rows), cols_(cols) {
    if (values.size() != rows * cols) {
      throw_input_error("bulwark.core.panel", "{} values cannot form {} rows x {} columns",
                        values.size(), rows, cols);
    }
  }

  [[nodiscard]] constexpr std::size_t rows() const noexcept { return rows_; }
  [[nodiscard]] constexpr std::size_t cols() const noexcept { return cols_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return rows_ == 0 || cols_ == 0; }

  /// Element (i, j). Precondition: i < rows(), j < cols().
  [[nodiscard]] constexpr double operator()(std::size_t i, std::size_t j) const {
    BULWARK_EXPECTS(i < rows_ && j < cols_);
    return data_[i * cols_ + j];
  }

  /// Row i (one instant across all symbols). Precondition: i < rows().
  [[nodiscard]] constexpr std::span<const double> row(std::size_t i) const {
    BULWARK_EXPECTS(i < rows_);
    return {data_ + i * cols_, cols_};
  }

  /// The view of rows [0, n). Precondition: n <= rows().
  [[nodiscard]] constexpr panel_view first_rows(std::size_t n) const {
    BULWARK_EXPECTS(n <= rows_);
    panel_view v;
    v.data_ = data_;
    v.rows_ = n;
    v.cols_ = cols_;
    return v;
  }

  /// All values, row-major.
  [[nodiscard]] constexpr std::span<const double> values() const noexcept {
    return {data_, rows_ * cols_};
  }

 private:
  const double* data_ = nullptr;
  std::size_t rows_ = 0;
  std::size_t cols_ = 0;
};

}  // namespace bulwark
