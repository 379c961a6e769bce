// SPDX-License-Identifier: MIT
/// \file
/// \brief The library version, as macros (for the preprocessor and for CMake, which
/// reads them) and as a constant.
#pragma once

#include <string_view>

#define BULWARK_VERSION_MAJOR 0
#define BULWARK_VERSION_MINOR 1
#define BULWARK_VERSION_PATCH 0

/// MAJOR * 10000 + MINOR * 100 + PATCH, for `#if BULWARK_VERSION >= ...` tests.
#define BULWARK_VERSION \
  (BULWARK_VERSION_MAJOR * 10000 + BULWARK_VERSION_MINOR * 100 + BULWARK_VERSION_PATCH)

#define BULWARK_DETAIL_STRINGIZE_(x) #x
#define BULWARK_DETAIL_STRINGIZE(x) BULWARK_DETAIL_STRINGIZE_(x)

namespace bulwark {

/// The version as "MAJOR.MINOR.PATCH". While MAJOR is 0, a MINOR change may break the API.
inline constexpr std::string_view version_string =
    BULWARK_DETAIL_STRINGIZE(BULWARK_VERSION_MAJOR) "." BULWARK_DETAIL_STRINGIZE(
        BULWARK_VERSION_MINOR) "." BULWARK_DETAIL_STRINGIZE(BULWARK_VERSION_PATCH);

}  // namespace bulwark
