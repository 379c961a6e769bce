#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Times the numpy/pandas version of each bulwark kernel on the same seeded data and writes
Google Benchmark JSON, so compare.py can put both side by side.

Usage: run_peers.py [--out FILE] [--filter REGEX] [--repetitions N] [--smoke]

Every module's kernels live in peers/<module>.py as a KERNELS list. Run it with the python
that has numpy and pandas (on Debian, /usr/bin/python3).
"""
import argparse
import datetime
import importlib
import json
import os
import pathlib
import re
import statistics
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
try:
    import pandas as pd  # noqa: E402
    PANDAS = pd.__version__
except ImportError:  # pragma: no cover - only numpy kernels then
    PANDAS = None


def modules():
    for path in sorted(HERE.glob("*.py")):
        if path.stem not in ("run_peers", "common"):
            yield importlib.import_module(path.stem)


def time_kernel(fn, min_time, repetitions):
    """Median seconds per call over `repetitions` runs of at least `min_time` each."""
    fn()  # warm up (page faults, caches)
    samples = []
    for _ in range(repetitions):
        calls, start = 0, time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_time:
                break
        samples.append(elapsed / calls)
    return statistics.median(samples), calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="peers.json")
    parser.add_argument("--filter", default=".")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--min-time", type=float, default=0.5)
    parser.add_argument("--smoke", action="store_true",
                        help="tiny sizes and one short repetition: checks the peers still run")
    args = parser.parse_args()
    if args.smoke:
        args.repetitions, args.min_time = 1, 0.001

    results = []
    for module in modules():
        for k in module.KERNELS:
            n = min(k.n, 4096) if args.smoke else k.n
            name = f"{k.name}/{n}" if n else k.name
            if not re.search(args.filter, name):
                continue
            seconds, calls = time_kernel(k.setup(n), args.min_time, args.repetitions)
            entry = {
                "name": name, "run_name": name, "run_type": "iteration",
                "repetitions": args.repetitions, "iterations": calls,
                "real_time": seconds * 1e9, "cpu_time": seconds * 1e9, "time_unit": "ns",
                "label": f"peer={k.label}",
            }
            if n:
                entry["items_per_second"] = n / seconds
                if k.bytes_per_item:
                    entry["bytes_per_second"] = n * k.bytes_per_item / seconds
            results.append(entry)
            print(f"{name:<48} {seconds * 1e3:10.3f} ms  ({k.label})", flush=True)

    context = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "executable": sys.executable, "python": sys.version.split()[0],
        "numpy": np.__version__, "pandas": PANDAS, "num_cpus": os.cpu_count(),
    }
    pathlib.Path(args.out).write_text(json.dumps({"context": context, "benchmarks": results},
                                                 indent=2))


if __name__ == "__main__":
    main()
