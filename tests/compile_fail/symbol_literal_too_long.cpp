// SPDX-License-Identifier: MIT
// A symbol literal longer than 23 bytes is rejected at compile time, not at run time.
// expect: (not a constant expression|throw_input_error)
#include "bulwark/core/symbol.hpp"

bulwark::symbol make() {
#ifdef BULWARK_COMPILE_FAIL
  return "THIS-SYMBOL-IS-FAR-TOO-LONG";
#else
  return "AAPL";
#endif
}
