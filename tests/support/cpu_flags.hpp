// SPDX-License-Identifier: MIT
// The processor's instruction-set flags as the operating system reports them: the
// independent truth for tests of kernels chosen at run time.
#pragma once

#include <fstream>
#include <initializer_list>
#include <optional>
#include <string>

namespace bulwark::test {

/// Whether the `flags` line of /proc/cpuinfo lists every one of `wanted`; nullopt where
/// there is no such line (not Linux), which leaves the test without a truth to read.
inline std::optional<bool> cpu_has_flags(std::initializer_list<const char*> wanted) {
  std::ifstream cpuinfo{"/proc/cpuinfo"};
  std::string line;
  while (std::getline(cpuinfo, line) && line.rfind("flags", 0) != 0) {
  }
  if (line.rfind("flags", 0) != 0) return std::nullopt;
  line += ' ';
  bool all = true;
  for (const char* flag : wanted) {
    all &= line.find(std::string{' '} + flag + ' ') != std::string::npos;
  }
  return all;
}

}  // namespace bulwark::test
