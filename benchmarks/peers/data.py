# SPDX-License-Identifier: MIT
"""pandas peers of benchmarks/bm_data.cpp: read_csv on the very bytes bulwark parses."""
import io

import numpy as np
import pandas as pd

from common import Kernel, philox_uniform

ROWS = 1_000_000


def bar_csv(n, iso):
    """The bytes of bm_data.cpp's bar_csv(n, iso), from the same counter_rng{8, 0} draws."""
    u = philox_uniform(4 * n, seed=8, stream=0).reshape(n, 4)
    open_ = 5000 + (u[:, 0] * 10000.0).astype(np.int64)
    close = 5000 + (u[:, 1] * 10000.0).astype(np.int64)
    wick = (u[:, 2] * 100.0).astype(np.int64)
    high = np.maximum(open_, close) + wick
    low = np.minimum(open_, close) - wick
    volume = (u[:, 3] * 1e7).astype(np.int64)
    millis = 1_600_000_000_000 + 60_000 * np.arange(n, dtype=np.int64)
    if iso:
        times = pd.to_datetime(millis, unit="ms").strftime("%Y-%m-%dT%H:%M:%SZ")
    else:
        times = millis.astype(str)
    lines = ["timestamp,open,high,low,close,volume\n"]
    for t, o, h, lo, c, v in zip(times, open_.tolist(), high.tolist(), low.tolist(),
                                 close.tolist(), volume.tolist()):
        lines.append(f"{t},{o // 100}.{o % 100:02d},{h // 100}.{h % 100:02d},"
                     f"{lo // 100}.{lo % 100:02d},{c // 100}.{c % 100:02d},{v}\n")
    return "".join(lines).encode()


def parse_bars(n):
    data = bar_csv(n, iso=False)
    return lambda: pd.read_csv(io.BytesIO(data))


def parse_bars_iso(n):
    data = bar_csv(n, iso=True)
    return lambda: pd.read_csv(io.BytesIO(data), parse_dates=["timestamp"])


# bytes_per_item: the file's mean row length (header included), so bytes/s compares directly.
KERNELS = [
    Kernel("data/parse_bars", ROWS, parse_bars, bytes_per_item=len(bar_csv(1000, False)) / 1000,
           label="pandas"),
    Kernel("data/parse_bars_iso", ROWS, parse_bars_iso,
           bytes_per_item=len(bar_csv(1000, True)) / 1000, label="pandas"),
]
