// SPDX-License-Identifier: MIT
/// \file
/// \brief Private helpers of bulwark::signal: the argument checks every cross-sectional and
/// time-series function shares, and the explicit exclusion of missing values (NaN).
///
/// The convention these encode: in a cross-section a NaN score is a missing symbol (no
/// view), excluded from every statistic and passed through as NaN; an infinite score is a
/// bug upstream and is rejected by index, never treated as a very strong view.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/detail/require.hpp"

namespace bulwark::signal::detail {

using bulwark::detail::require_same_size;

/// Throws `input_error` naming the first infinite element of `x` (NaN is allowed: missing).
inline void require_no_infinity(std::span<const double> x, std::string_view id,
                                std::string_view name) {
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (std::isinf(x[i])) {
      throw_input_error(id, "{}[{}] is {}; expected a finite score or NaN (missing)", name, i,
                        x[i]);
    }
  }
}

/// The non-missing values of `x`, in order, after rejecting infinities. The copy is what
/// the core statistics (which refuse NaN) are given: exclusion is explicit, never silent.
[[nodiscard]] inline std::vector<double> present_values(std::span<const double> x,
                                                        std::string_view id,
                                                        std::string_view name) {
  require_no_infinity(x, id, name);
  return bulwark::without_nan(x);
}

/// What a series may hold: only finite values, or finite values and NaN (missing).
enum class allowed_values { finite, finite_or_missing };

/// Two series that go together (y and x of a pair, current and target books, scores and the
/// returns that followed): throws `input_error` unless they have equal sizes and every value
/// is allowed, naming the series and the index as `function: name[i]`.
inline void require_matching(std::span<const double> a, std::string_view a_name,
                             std::span<const double> b, std::string_view b_name,
                             allowed_values allowed, std::string_view id,
                             std::string_view function) {
  if (a.size() != b.size()) {
    throw_input_error(id, "{}: {} has {} values and {} {}; expected equal lengths", function,
                      a_name, a.size(), b_name, b.size());
  }
  for (const auto& [values, name] : {std::pair{a, a_name}, std::pair{b, b_name}}) {
    const auto label = fmt::format("{}: {}", function, name);
    if (allowed == allowed_values::finite) {
      bulwark::detail::require_finite(values, id, label);
    } else {
      require_no_infinity(values, id, label);
    }
  }
}

/// Writes NaN to every element of `out`: the "no view" outcome of a cross-section.
inline void fill_missing(std::span<double> out) noexcept {
  for (double& v : out) v = std::numeric_limits<double>::quiet_NaN();
}

}  // namespace bulwark::signal::detail
