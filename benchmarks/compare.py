#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Puts bulwark's kernels beside their numpy/pandas peers and this machine's roofline.

Usage: compare.py OURS.json PEERS.json

For each bulwark kernel prints its time per item, the peer's, the speed-up (peer time /
ours), and the fraction of the roofline named by the kernel's label
(roofline=sum|triad|fma|fma_avx2): bytes/s over the roofline's bytes/s, or flops/s over its
flops/s for the fma entries. With repetitions, medians are used.
"""
import json
import re
import sys


def load(path):
    """name -> benchmark entry, preferring the median aggregate when there is one."""
    entries = {}
    for b in json.load(open(path))["benchmarks"]:
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") != "median":
                continue
            entries[b["run_name"]] = b
        else:
            entries.setdefault(b.get("run_name", b["name"]), b)
    return entries


def per_item_ns(b):
    items = b.get("items_per_second")
    return 1e9 / items if items else None


def size_of(name):
    m = re.search(r"/(\d+)$", name)
    return int(m.group(1)) if m else None


def roofline_fraction(name, b, ours):
    label = b.get("label", "")
    m = re.search(r"roofline=(\w+)", label)
    if not m:
        return None, None
    kind = m.group(1)
    candidates = [n for n in ours if n == f"roofline/{kind}" or n.startswith(f"roofline/{kind}/")]
    if not candidates:
        return kind, None
    same = [n for n in candidates if size_of(n) == size_of(name)]
    roof = ours[(same or candidates)[0]]
    key = "flops" if kind.startswith("fma") else "bytes_per_second"
    if key not in b or key not in roof:
        return kind, None
    return kind, b[key] / roof[key]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    ours, peers = load(sys.argv[1]), load(sys.argv[2])
    print(f"{'kernel':<46}{'ours ns/item':>13}{'peer ns/item':>13}{'peer/ours':>10}"
          f"{'roofline':>10}{'of roof':>9}")
    for name, b in ours.items():
        if name.startswith("roofline/"):
            continue
        mine, peer = per_item_ns(b), peers.get(name)
        theirs = per_item_ns(peer) if peer else None
        kind, fraction = roofline_fraction(name, b, ours)
        def cell(value, width, decimals):
            return f"{value:{width}.{decimals}f}" if value is not None else f"{'-':>{width}}"
        speedup = theirs / mine if theirs and mine else None
        percent = f"{fraction * 100:8.0f}%" if fraction else f"{'-':>9}"
        print(f"{name:<46}{cell(mine, 13, 3)}{cell(theirs, 13, 3)}{cell(speedup, 10, 1)}"
              f"{kind or '-':>10}{percent}")
    for name, b in ours.items():
        if name.startswith("roofline/"):
            rate = b.get("flops") or b.get("bytes_per_second")
            unit = "GFLOP/s" if "flops" in b else "GB/s"
            print(f"{name:<46}{rate / 1e9:13.2f} {unit}")


if __name__ == "__main__":
    main()
