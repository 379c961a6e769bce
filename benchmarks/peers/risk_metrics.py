# SPDX-License-Identifier: MIT
"""numpy/pandas peers of benchmarks/bm_risk_metrics.cpp, on the same seeded returns."""
import numpy as np
import pandas as pd

from common import Kernel, STREAMING_SIZE, uniform_returns


def max_drawdown(n):
    # empyrical.max_drawdown: wealth with the start prepended, running peak, worst ratio
    r = uniform_returns(n)

    def run():
        cumulative = np.empty(n + 1)
        cumulative[0] = 1.0
        np.cumprod(1.0 + r, out=cumulative[1:])
        peak = np.maximum.accumulate(cumulative)
        return -np.min((cumulative - peak) / peak)
    return run


def sharpe_sortino(n):
    r = uniform_returns(n)

    def run():
        excess = r - 0.0001
        sharpe = excess.mean() / excess.std(ddof=1) * np.sqrt(252.0)
        downside = np.sqrt(np.mean(np.square(np.minimum(r, 0.0))))
        return sharpe, r.mean() * np.sqrt(252.0) / downside
    return run


def historical_var_es(n):
    r = uniform_returns(n)

    def run():
        q = np.quantile(r, 1.0 - 0.95)
        return -q, -r[r < q].mean()
    return run


def rolling_var(window):
    def setup(n):
        s = pd.Series(uniform_returns(n))
        return lambda: -s.rolling(window).quantile(1.0 - 0.95)
    return setup


KERNELS = [
    Kernel("risk/max_drawdown", STREAMING_SIZE, max_drawdown, bytes_per_item=8),
    Kernel("risk/sharpe_sortino", STREAMING_SIZE, sharpe_sortino, bytes_per_item=8),
    Kernel("risk/historical_var_es", STREAMING_SIZE, historical_var_es, bytes_per_item=8),
    Kernel("risk/rolling_var_252", 1_000_000, rolling_var(252), label="pandas"),
    Kernel("risk/rolling_var_16384", 1_000_000, rolling_var(16384), label="pandas"),
]
