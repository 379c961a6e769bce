#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The vcpkg port and the Conan recipe cannot be built here (no registry is reachable), so
check what can be checked: the JSON parses, the recipes compile, and every place that
states the version agrees with include/bulwark/core/version.hpp.

Usage: check_recipes.py <checkout>
"""
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
header = (root / "include/bulwark/core/version.hpp").read_text()
version = ".".join(re.search(rf"#define BULWARK_VERSION_{p} (\d+)", header).group(1)
                   for p in ("MAJOR", "MINOR", "PATCH"))
errors = []

for path in ["CMakePresets.json", "packaging/vcpkg/ports/bulwark/vcpkg.json"]:
    try:
        json.loads((root / path).read_text())
    except ValueError as e:
        errors.append(f"{path}: not valid JSON: {e}")

port = json.loads((root / "packaging/vcpkg/ports/bulwark/vcpkg.json").read_text())
if port.get("version-semver") != version:
    errors.append(f"vcpkg.json version {port.get('version-semver')} != header version {version}")
for dep in ("eigen3", "fmt", "date"):
    if dep not in port["dependencies"]:
        errors.append(f"vcpkg.json does not depend on {dep}")

for path in ["packaging/conan/conanfile.py", "packaging/conan/test_package/conanfile.py"]:
    try:
        compile((root / path).read_text(), path, "exec")  # what py_compile checks, no .pyc
    except SyntaxError as e:
        errors.append(f"{path}:{e.lineno}: {e.msg}")

recipe = (root / "packaging/conan/conanfile.py").read_text()
for needle in ['package_type = "header-library"', '"cmake_target_name", "bulwark::bulwark"',
               'requires("eigen/', 'requires("fmt/', 'requires("date/']:
    if needle not in recipe:
        errors.append(f"conanfile.py lacks {needle}")

for e in errors:
    print("error:", e)
print(f"recipes checked against version {version}: {'FAILED' if errors else 'ok'}")
sys.exit(1 if errors else 0)
