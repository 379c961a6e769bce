# SPDX-License-Identifier: MIT
"""Conan 2 recipe for bulwark (header-only).

    conan create packaging/conan --build=missing

Conan's CMakeDeps generates its own bulwark-config.cmake and ignores ours, so package_info
repeats what our config file declares: the package bulwark and the target bulwark::bulwark.
"""
import os
import re

from conan import ConanFile
from conan.tools.build import check_min_cppstd
from conan.tools.files import copy, load
from conan.tools.layout import basic_layout

required_conan_version = ">=2.0"


class BulwarkConan(ConanFile):
    name = "bulwark"
    package_type = "header-library"
    license = "MIT"
    description = ("Header-only C++20 trading-system components: market-data validation, "
                   "cost and slippage models, position sizing, VaR and drawdown risk with "
                   "pre-trade checks, signal construction.")
    topics = ("trading", "risk", "finance", "backtesting", "header-only")
    settings = "os", "arch", "compiler", "build_type"
    no_copy_source = True

    @property
    def _checkout(self):
        # This recipe lives in <checkout>/packaging/conan.
        return os.path.join(self.recipe_folder, "..", "..")

    def set_version(self):
        header = load(self, os.path.join(self._checkout, "include", "bulwark", "core",
                                         "version.hpp"))
        parts = [re.search(rf"#define BULWARK_VERSION_{p} (\d+)", header).group(1)
                 for p in ("MAJOR", "MINOR", "PATCH")]
        self.version = ".".join(parts)

    def export_sources(self):
        copy(self, "include/*", self._checkout, self.export_sources_folder)
        copy(self, "LICENSE", self._checkout, self.export_sources_folder)

    def layout(self):
        basic_layout(self, src_folder=".")

    def requirements(self):
        self.requires("eigen/[>=3.4 <6]")
        self.requires("fmt/[>=9 <12]")
        self.requires("date/[>=3.0.1 <4]")

    def package_id(self):
        self.info.clear()

    def validate(self):
        check_min_cppstd(self, 20)

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"),
             os.path.join(self.package_folder, "include"))

    def package_info(self):
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
        self.cpp_info.set_property("cmake_file_name", "bulwark")
        self.cpp_info.set_property("cmake_target_name", "bulwark::bulwark")
        self.cpp_info.set_property("pkg_config_name", "bulwark")
