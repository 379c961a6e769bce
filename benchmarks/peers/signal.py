# SPDX-License-Identifier: MIT
"""numpy/pandas peers of benchmarks/bm_signal.cpp, on the same seeded panel (3000 symbols
per row; uniform_returns with seed 7 as bench.hpp generates it)."""
import numpy as np
import pandas as pd

from common import Kernel, STREAMING_SIZE, uniform_returns

SYMBOLS = 3000
PANEL_ELEMENTS = 2520 * SYMBOLS
K = 50


def panel(n):
    rows = max(1, n // SYMBOLS)
    return uniform_returns(rows * SYMBOLS, 7, 0).reshape(rows, SYMBOLS)


def zscore_long_short(n):
    x = panel(n)

    def run():
        z = (x - x.mean(axis=1, keepdims=True)) / x.std(axis=1, ddof=1, keepdims=True)
        # One partition per row puts the K smallest first and the K largest last.
        idx = np.argpartition(z, (K - 1, SYMBOLS - K), axis=1)
        w = np.zeros_like(z)
        np.put_along_axis(w, idx[:, -K:], 1.0 / K, axis=1)
        np.put_along_axis(w, idx[:, :K], -1.0 / K, axis=1)
        return w
    return run


def percentile_rank(n):
    x = pd.DataFrame(panel(n))
    return lambda: x.rank(axis=1, pct=True)


def rolling_zscore(n):
    x = pd.Series(uniform_returns(n, 3, 0))

    def run():
        r = x.rolling(60)
        return (x - r.mean()) / r.std()
    return run


KERNELS = [
    Kernel("signal/zscore_long_short", PANEL_ELEMENTS, zscore_long_short, bytes_per_item=16),
    Kernel("signal/percentile_rank", PANEL_ELEMENTS, percentile_rank, bytes_per_item=16,
           label="pandas"),
    Kernel("signal/rolling_zscore", STREAMING_SIZE, rolling_zscore, bytes_per_item=16,
           label="pandas"),
]
