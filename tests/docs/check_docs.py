#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Keeps the documentation honest.

1. Every code block in README.md and docs/**/*.md that is preceded by
   `<!-- snippet: PATH#NAME -->` must equal, line for line, the region of PATH between two
   marker lines `// [NAME]` (or `# [NAME]`), dedented. Every ```cpp block must have one, so
   docs show only code that compiles and runs (the examples are built and run as tests).
2. README's `sudo apt-get install -y ...` line installs exactly the packages in .ci/packages.
3. Every `cmake --workflow --preset X` in README.md names a workflow preset that exists.
4. Every error id the library throws (a "bulwark.<module>..." string in include/) is
   documented in docs/errors.md.

Usage: check_docs.py <checkout>
"""
import json
import pathlib
import re
import sys
import textwrap

root = pathlib.Path(sys.argv[1])
errors = []

SNIPPET = re.compile(r"<!--\s*snippet:\s*(\S+?)#(\S+)\s*-->")
FENCE = re.compile(r"^```(\w*)\s*$")


def region(path, name):
    lines = (root / path).read_text().splitlines()
    marks = [i for i, line in enumerate(lines)
             if re.fullmatch(rf"\s*(//|#)\s*\[{re.escape(name)}\]\s*", line)]
    if len(marks) != 2:
        raise ValueError(f"{path}: expected 2 '[{name}]' marker lines, found {len(marks)}")
    return textwrap.dedent("\n".join(lines[marks[0] + 1:marks[1]])).strip("\n")


def check_markdown(md):
    lines = md.read_text().splitlines()
    pending = None  # (path, name) from the last snippet comment
    i = 0
    while i < len(lines):
        m = SNIPPET.search(lines[i])
        if m:
            pending = (m.group(1), m.group(2))
            i += 1
            continue
        fence = FENCE.match(lines[i])
        if fence and fence.group(1):
            lang, start = fence.group(1), i + 1
            end = start
            while end < len(lines) and not lines[end].startswith("```"):
                end += 1
            block = "\n".join(lines[start:end]).strip("\n")
            where = f"{md.relative_to(root)}:{i + 1}"
            if pending:
                try:
                    expected = region(*pending)
                    if block != expected:
                        errors.append(f"{where}: block differs from {pending[0]}#{pending[1]}")
                except (OSError, ValueError) as e:
                    errors.append(f"{where}: {e}")
            elif lang == "cpp":
                errors.append(f"{where}: C++ block without a <!-- snippet: ... --> source")
            pending = None
            i = end + 1
            continue
        if lines[i].strip():
            pending = None
        i += 1


for md in [root / "README.md", *sorted((root / "docs").rglob("*.md"))]:
    check_markdown(md)

readme = (root / "README.md").read_text()
wanted = {line.strip() for line in (root / ".ci/packages").read_text().splitlines()
          if line.strip() and not line.startswith("#")}
installs = re.findall(r"^sudo apt-get install -y (.+)$", readme, re.M)
if len(installs) != 1:
    errors.append(f"README.md: expected one 'sudo apt-get install -y' line, found {len(installs)}")
elif set(installs[0].split()) != wanted:
    errors.append(f"README.md install line differs from .ci/packages: "
                  f"missing {sorted(wanted - set(installs[0].split()))}, "
                  f"extra {sorted(set(installs[0].split()) - wanted)}")

presets = {w["name"] for w in json.loads((root / "CMakePresets.json").read_text())
           ["workflowPresets"]}
for name in re.findall(r"cmake --workflow --preset ([\w-]+)", readme):
    if name not in presets:
        errors.append(f"README.md: workflow preset '{name}' does not exist")

catalogue = (root / "docs/errors.md").read_text()
for header in sorted((root / "include").rglob("*.hpp")):
    for error_id in sorted(set(re.findall(r'"(bulwark\.[a-z0-9_]+\.[a-z0-9_.]+)"',
                                          header.read_text()))):
        if f"`{error_id}`" not in catalogue:
            errors.append(f"{header.relative_to(root)}: error id {error_id} is not in docs/errors.md")

for e in errors:
    print("error:", e)
print("docs:", "FAILED" if errors else "ok")
sys.exit(1 if errors else 0)
