// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "bulwark/core/version.hpp"
#include "support/catch.hpp"

TEST_CASE("the version string spells the version macros", "[core][version]") {
  CHECK(bulwark::version_string ==
        fmt::format("{}.{}.{}", BULWARK_VERSION_MAJOR, BULWARK_VERSION_MINOR, BULWARK_VERSION_PATCH));
  CHECK(BULWARK_VERSION ==
        BULWARK_VERSION_MAJOR * 10000 + BULWARK_VERSION_MINOR * 100 + BULWARK_VERSION_PATCH);
}
