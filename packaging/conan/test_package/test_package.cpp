// SPDX-License-Identifier: MIT
#include <bulwark/bulwark.hpp>
#include <fmt/format.h>

int main() {
  using namespace bulwark::literals;
  fmt::print("bulwark {}: {}\n", bulwark::version_string, 5_bps);
}
