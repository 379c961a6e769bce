# SPDX-License-Identifier: MIT
# Overlay port: builds the checkout that contains it.
#   vcpkg install bulwark --overlay-ports=<checkout>/packaging/vcpkg/ports
# For a registry, replace SOURCE_PATH with
#   vcpkg_from_github(OUT_SOURCE_PATH SOURCE_PATH REPO <owner>/bulwark REF "v${VERSION}"
#                     SHA512 <archive hash> HEAD_REF main)
get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../../../.." ABSOLUTE)

set(VCPKG_BUILD_TYPE release)  # header-only: no debug variant to build

vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS -DBULWARK_BUILD_TESTS=OFF -DBULWARK_BUILD_EXAMPLES=OFF -DBULWARK_BUILD_BENCHMARKS=OFF
          -DBULWARK_INSTALL=ON)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(CONFIG_PATH share/cmake/bulwark)
vcpkg_fixup_pkgconfig()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/share/doc")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
