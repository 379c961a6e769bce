// SPDX-License-Identifier: MIT
// A symbol literal longer than 23 bytes is rejected at compile time, not at run time.
// expect: (not a constant expression|throw_input_error)
#include "bulwark/core/symbol.hpp"

bulwark::symbol make() {
#if defined(BULWARK_COMPILE_FAIL) && defined(__clang__) && __clang_major__ < 17
  // Clang before 17 checks a literal at compile time only where the symbol is a constant
  // (see BULWARK_DETAIL_LITERAL_CTOR); elsewhere it throws input_error at run time.
  constexpr bulwark::symbol s = "THIS-SYMBOL-IS-FAR-TOO-LONG";
  return s;
#elif defined(BULWARK_COMPILE_FAIL)
  return "THIS-SYMBOL-IS-FAR-TOO-LONG";
#else
  return "AAPL";
#endif
}
