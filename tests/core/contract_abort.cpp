// SPDX-License-Identifier: MIT
// BULWARK_EXPECTS in its default mode: prints the violated condition and calls abort().
#include <csignal>
#include <cstdlib>
#include <unistd.h>

#include "bulwark/core/bar.hpp"

extern "C" void report_abort(int) {
  constexpr char message[] = "abort() called\n";
  [[maybe_unused]] auto written = ::write(STDERR_FILENO, message, sizeof message - 1);
  std::_Exit(0);
}

int main() {
  std::signal(SIGABRT, report_abort);
  const bulwark::bar_series empty;
  [[maybe_unused]] const auto b = empty[0];  // out of range: a contract violation
  return 1;                                   // not reached when the contract fires
}
