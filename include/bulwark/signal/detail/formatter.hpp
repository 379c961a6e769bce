// SPDX-License-Identifier: MIT
/// \file
/// \brief Private: the one-line fmt formatters of bulwark::signal's value types, which take
/// no format spec (core's `plain_formatter`) and print their fields in a fixed sentence.
#pragma once

#include <fmt/format.h>

#include "bulwark/detail/format.hpp"

/// Defines `fmt::formatter<T>` printing `value` (a `const T&`) with the format string and
/// arguments that follow. Use at global scope.
#define BULWARK_SIGNAL_DETAIL_FORMATTER(T, value, ...)                                      \
  template <>                                                                               \
  struct fmt::formatter<T> : bulwark::detail::plain_formatter {                             \
    template <class FormatContext>                                                          \
    auto format(const T& value, FormatContext& ctx) const -> decltype(ctx.out()) {          \
      return fmt::format_to(ctx.out(), __VA_ARGS__);                                        \
    }                                                                                       \
  };
