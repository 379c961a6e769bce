// SPDX-License-Identifier: MIT
/// \file
/// \brief Argument checks shared by every batch function: they throw `input_error` or
/// `config_error` with the function's id, the offending value or index, and what was
/// expected (DESIGN.md §5), so no module words these messages twice.
#pragma once

#include <bit>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>

#include "bulwark/core/error.hpp"

namespace bulwark::detail {

/// True when every element is finite. One branch-free pass over the bit patterns (a
/// value is non-finite exactly when its exponent bits are all ones), which g++ -O2
/// vectorises; use it to validate on the fast path and `require_finite` to report.
[[nodiscard]] inline bool all_finite(std::span<const double> x) noexcept {
  constexpr std::uint64_t exponent = 0x7ff0000000000000ULL;
  std::uint64_t any_non_finite = 0;
  for (double v : x) {
    any_non_finite |= static_cast<std::uint64_t>((std::bit_cast<std::uint64_t>(v) & exponent) ==
                                                 exponent);
  }
  return any_non_finite == 0;
}

/// Throws `input_error` naming the first non-finite element of `x` as `name[i]`.
inline void require_finite(std::span<const double> x, std::string_view id,
                           std::string_view name) {
  if (all_finite(x)) return;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i])) {
      throw_input_error(id, "{}[{}] is {}; expected a finite number", name, i, x[i]);
    }
  }
}

/// Throws `input_error` unless `out` has as many elements as `in` (a batch function's output
/// and its input), naming the function and both sizes.
template <class In, class Out>
void require_same_size(std::span<In> in, std::span<Out> out, std::string_view id,
                       std::string_view function) {
  if (in.size() == out.size()) return;
  throw_input_error(id, "{}: output has {} elements for {} inputs; expected {}", function,
                    out.size(), in.size(), in.size());
}

/// Throws `input_error` unless `x` holds at least `minimum` values.
inline void require_size_at_least(std::span<const double> x, std::size_t minimum,
                                  std::string_view id, std::string_view name) {
  if (x.size() >= minimum) return;
  if (x.empty()) throw_input_error(id, "{} is empty; expected at least {} value(s)", name, minimum);
  throw_input_error(id, "{} has {} value(s); expected at least {}", name, x.size(), minimum);
}

/// The usual precondition of a batch statistic: at least `minimum` values, all finite.
inline void require_sample(std::span<const double> x, std::size_t minimum, std::string_view id,
                           std::string_view name) {
  require_size_at_least(x, minimum, id, name);
  require_finite(x, id, name);
}

/// Throws `input_error` naming `function` unless 0 < confidence < 1 (a confidence level
/// such as 0.95).
inline void require_confidence(double confidence, std::string_view id, std::string_view function) {
  if (confidence > 0.0 && confidence < 1.0) return;
  throw_input_error(id, "{}: confidence {} outside (0, 1)", function, confidence);
}

/// Throws `Error` (by default `config_error`; pass `input_error` for a function's
/// argument) with `name`, `value` and what was expected.
template <class Error, class... Args>
[[noreturn]] void throw_error(std::string_view id, fmt::format_string<Args...> format,
                              Args&&... args) {
  throw Error(id, fmt::format(format, std::forward<Args>(args)...));
}

/// Throws unless `value` is finite and > 0.
template <class Error = config_error>
void require_positive(double value, std::string_view id, std::string_view name) {
  if (std::isfinite(value) && value > 0.0) return;
  throw_error<Error>(id, "{} {} must be finite and > 0", name, value);
}

/// Throws unless `value` is finite and >= 0.
template <class Error = config_error>
void require_non_negative(double value, std::string_view id, std::string_view name) {
  if (std::isfinite(value) && value >= 0.0) return;
  throw_error<Error>(id, "{} {} must be finite and >= 0", name, value);
}

/// Throws unless `value` is finite (any sign).
template <class Error = config_error>
void require_finite_value(double value, std::string_view id, std::string_view name) {
  if (std::isfinite(value)) return;
  throw_error<Error>(id, "{} {} must be finite", name, value);
}

/// Throws unless lower <= value <= upper (both finite bounds, closed interval).
template <class Error = config_error>
void require_in_closed_range(double value, double lower, double upper, std::string_view id,
                             std::string_view name) {
  if (value >= lower && value <= upper) return;
  throw_error<Error>(id, "{} {} outside [{}, {}]", name, value, lower, upper);
}

/// Throws `config_error` unless 0 < d <= 1e8 s (about three years): a time limit such as a
/// largest price age or a window. Zero would reject everything and anything longer makes
/// no sense (`duration::max()` would silently disable a staleness check and overflow
/// timestamp arithmetic). `d` is a `bulwark::duration` (nanoseconds).
inline void require_duration(std::chrono::nanoseconds d, std::string_view id,
                             std::string_view name) {
  if (d > std::chrono::nanoseconds::zero() && d <= std::chrono::seconds{100'000'000}) return;
  throw_error<config_error>(id, "{} {} ns outside (0, 1e8 s]", name, d.count());
}

}  // namespace bulwark::detail
