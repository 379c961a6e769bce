// SPDX-License-Identifier: MIT
// Access to ../shared/data for tests tagged [real-data]:
//
//   TEST_CASE("...", "[real-data]") {
//     BULWARK_REQUIRE_SHARED_DATA(data);          // std::filesystem::path
//     auto csv = bulwark::test::read_csv(data / "daily/alphavantage_sp500/MSFT.csv");
//
// When the directory is missing (a user's clone) the test prints BULWARK-SKIPPED, which
// CTest reports as skipped. With BULWARK_REQUIRE_SHARED_DATA=1 in the environment (CI) a
// missing directory fails the test, so real-data tests can never skip silently there.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string_view>

#include "support/catch.hpp"

namespace bulwark::test {

inline std::optional<std::filesystem::path> shared_data_dir() {
  const std::filesystem::path dir{BULWARK_SHARED_DATA_DIR};
  if (std::filesystem::is_directory(dir)) return dir;
  const char* required = std::getenv("BULWARK_REQUIRE_SHARED_DATA");
  if (required != nullptr && std::string_view{required} != "" && std::string_view{required} != "0") {
    FAIL("shared data required (BULWARK_REQUIRE_SHARED_DATA is set) but not found at "
         << dir.string());
  }
  std::cout << "BULWARK-SKIPPED: shared data not found at " << dir.string() << '\n';
  return std::nullopt;
}

}  // namespace bulwark::test

#define BULWARK_REQUIRE_SHARED_DATA(dir)                                          \
  const auto dir##_if_present = ::bulwark::test::shared_data_dir();              \
  if (!dir##_if_present) return;                                                 \
  const std::filesystem::path& dir = *dir##_if_present
