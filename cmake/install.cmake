# SPDX-License-Identifier: MIT
# Install rules: headers, the exported target, a relocatable package config with its
# version file, a pkg-config file, and an export of the build tree.
include(CMakePackageConfigHelpers)

# A header-only library is architecture independent, so its package files go under
# share/ (found by find_package and pkg-config on every architecture).
set(BULWARK_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/bulwark" CACHE STRING
    "Where bulwarkConfig.cmake is installed, relative to the prefix")
set(BULWARK_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_DATADIR}/pkgconfig" CACHE STRING
    "Where bulwark.pc is installed, relative to the prefix")

install(TARGETS bulwark EXPORT bulwarkTargets FILE_SET HEADERS
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(EXPORT bulwarkTargets NAMESPACE bulwark:: DESTINATION "${BULWARK_INSTALL_CMAKEDIR}")

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/bulwarkConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/bulwarkConfig.cmake"
  INSTALL_DESTINATION "${BULWARK_INSTALL_CMAKEDIR}")
# While the major version is 0 a minor release may break the API, so only the same
# MAJOR.MINOR is compatible.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/bulwarkConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/bulwarkConfig.cmake"
              "${PROJECT_BINARY_DIR}/bulwarkConfigVersion.cmake"
        DESTINATION "${BULWARK_INSTALL_CMAKEDIR}")

# ../.. for share/pkgconfig: one ".." per component of the pkgconfig directory.
string(REGEX REPLACE "[^/]+" ".." BULWARK_PC_PREFIX_FROM_PCDIR "${BULWARK_INSTALL_PKGCONFIGDIR}")
configure_file("${PROJECT_SOURCE_DIR}/cmake/bulwark.pc.in" "${PROJECT_BINARY_DIR}/bulwark.pc"
               @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/bulwark.pc" DESTINATION "${BULWARK_INSTALL_PKGCONFIGDIR}")
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/bulwark")

# Build-tree export: find_package(bulwark) with bulwark_DIR pointing at this build tree
# works without installing.
export(EXPORT bulwarkTargets NAMESPACE bulwark::
       FILE "${PROJECT_BINARY_DIR}/bulwarkTargets.cmake")
