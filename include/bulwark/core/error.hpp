// SPDX-License-Identifier: MIT
/// \file
/// \brief Errors in the layers of DESIGN.md §5: `config_error` and `input_error` (bad
/// configuration, unusable input to a batch function), each with a stable id, and
/// `BULWARK_EXPECTS` for contract violations by the caller.
///
/// Synopsis
/// \code
/// class error;                // std::invalid_argument with a stable id() and its detail()
/// class config_error;         // : error — a policy or limit configured out of range
/// class input_error;          // : error — data a function cannot use (empty, NaN, ...)
/// class contract_violation;   // : std::logic_error — BULWARK_EXPECTS in throw mode
/// [[noreturn]] void throw_config_error(id, fmt, args...);
/// [[noreturn]] void throw_input_error(id, fmt, args...);
/// BULWARK_EXPECTS(condition)
/// \endcode
///
/// Messages read `[bulwark.sizing.kelly] fraction 1.7 outside (0, 1]`: the id in brackets,
/// then the offending value and what was expected. Ids are part of the API (docs/errors.md
/// lists them) and never change meaning; the text after them may be reworded.
#pragma once

// Every fail-closed check relies on NaN and IEEE arithmetic: a missing price is NaN and must
// compare false, `!(x <= limit)` must reject a NaN. -ffast-math and -ffinite-math-only let
// the compiler assume no NaN exists and fold those tests away, so that orders pass.
#if defined(__FAST_MATH__) || (defined(__FINITE_MATH_ONLY__) && __FINITE_MATH_ONLY__)
#error "bulwark needs NaN and IEEE arithmetic: no -ffast-math, -Ofast or -ffinite-math-only"
#endif

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace bulwark {

/// Base of bulwark's exceptions for bad configuration and bad input. Catch this (or
/// `std::invalid_argument`) to handle both; `id()` tells which check fired.
class error : public std::invalid_argument {
 public:
  error(std::string_view id, std::string_view detail)
      : std::invalid_argument(fmt::format("[{}] {}", id, detail)), id_(id) {}

  /// The stable identifier, e.g. `bulwark.sizing.kelly`.
  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  /// The message without its `[id] ` prefix.
  [[nodiscard]] std::string_view detail() const noexcept {
    return std::string_view(what()).substr(id_.size() + 3);
  }

 private:
  std::string id_;
};

/// A policy, limit or parameter configured outside its valid range. Thrown when a
/// component is configured or first used, never from a hot path.
class config_error : public error {
 public:
  using error::error;
};

/// Input data that a function cannot use: empty, NaN or infinite values, too few points,
/// a malformed file. Names the function (through the id), the value or index, and what
/// was expected.
class input_error : public error {
 public:
  using error::error;
};

/// A precondition broken by the caller (a programming error), reported by
/// `BULWARK_EXPECTS` when the library is built in throw mode.
class contract_violation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// Throws `config_error` with the message formatted by fmt.
template <class... Args>
[[noreturn]] void throw_config_error(std::string_view id, fmt::format_string<Args...> format,
                                     Args&&... args) {
  throw config_error(id, fmt::format(format, std::forward<Args>(args)...));
}

/// Throws `input_error` with the message formatted by fmt.
template <class... Args>
[[noreturn]] void throw_input_error(std::string_view id, fmt::format_string<Args...> format,
                                    Args&&... args) {
  throw input_error(id, fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace bulwark

// Contract checks. Choose the mode for the whole program (like NDEBUG) by defining
// BULWARK_CONTRACT_MODE to one of the values below before any bulwark header, or with the
// CMake option BULWARK_CONTRACT_MODE. Mixing modes in one program is an ODR violation.
#define BULWARK_CONTRACT_MODE_IGNORE 0  ///< do not evaluate the condition
#define BULWARK_CONTRACT_MODE_ABORT 1   ///< print the violation to stderr and abort (default)
#define BULWARK_CONTRACT_MODE_THROW 2   ///< throw bulwark::contract_violation

#ifndef BULWARK_CONTRACT_MODE
#define BULWARK_CONTRACT_MODE BULWARK_CONTRACT_MODE_ABORT
#endif

namespace bulwark::detail {

[[noreturn]] inline void contract_failed(const char* condition, const char* file, int line,
                                         const char* function) {
  auto message = fmt::format("bulwark: precondition `{}` violated in {} ({}:{})", condition,
                             function, file, line);
#if BULWARK_CONTRACT_MODE == BULWARK_CONTRACT_MODE_THROW
  throw contract_violation(message);
#else
  std::fputs(message.c_str(), stderr);
  std::fputc('\n', stderr);
  std::abort();
#endif
}

}  // namespace bulwark::detail

#if BULWARK_CONTRACT_MODE == BULWARK_CONTRACT_MODE_IGNORE
#define BULWARK_EXPECTS(condition) static_cast<void>(0)
#else
/// Checks a precondition the caller must guarantee (see BULWARK_CONTRACT_MODE).
#define BULWARK_EXPECTS(condition)                                                       \
  ((condition) ? static_cast<void>(0)                                                    \
               : ::bulwark::detail::contract_failed(#condition, __FILE__, __LINE__, \
                                                     static_cast<const char*>(__func__)))
#endif
