// SPDX-License-Identifier: MIT
/// \file
/// \brief Bases of bulwark's fmt formatters: `plain_formatter` for composite types, which
/// take no format spec (`{:>10}` is a format error, not ignored), and `text_formatter` for
/// types that print as a word (enums, symbols), which take a string spec (`{:<8}`).
#pragma once

#include <string_view>

#include <fmt/format.h>

namespace bulwark::detail {

struct plain_formatter {
  constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
    auto it = ctx.begin();
    if (it != ctx.end() && *it != '}') {
      throw fmt::format_error("bulwark types take no format spec; use {}");
    }
    return it;
  }
};

struct text_formatter : fmt::formatter<fmt::string_view> {
  template <class FormatContext>
  auto write(std::string_view text, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::formatter<fmt::string_view>::format(fmt::string_view(text.data(), text.size()),
                                                    ctx);
  }
};

}  // namespace bulwark::detail

/// Defines `fmt::formatter<E>` for an enum `E` whose `to_string(E)` is declared in E's
/// namespace (found by argument-dependent lookup). Use at global scope.
#define BULWARK_DETAIL_ENUM_FORMATTER(E)                                    \
  template <>                                                               \
  struct fmt::formatter<E> : bulwark::detail::text_formatter {              \
    template <class FormatContext>                                          \
    auto format(E value, FormatContext& ctx) const -> decltype(ctx.out()) { \
      return write(to_string(value), ctx);                                  \
    }                                                                       \
  };
