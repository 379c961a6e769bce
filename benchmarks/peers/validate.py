# SPDX-License-Identifier: MIT
"""numpy peer of benchmarks/bm_validate.cpp: the default checks written as vectorised numpy
over the same bars (make_bars equals bm_validate.cpp's bit for bit). Each check computes its
boolean mask over all rows, as a numpy user would; the robust spikes use np.median per block
of 252 (full blocks; the remainder joins the last one, as bulwark does)."""
import numpy as np

from common import Kernel, STREAMING_SIZE, philox_uniform, price_path

WINDOW = 252


def make_bars(n):
    p = price_path(n)
    u1, u2, u3 = (philox_uniform(n, seed=2, stream=k) for k in (1, 2, 3))
    t = 60 * np.arange(n, dtype=np.int64) * 1_000_000_000
    open_ = np.concatenate(([p[0]], p[:-1]))
    close = p
    high = np.maximum(open_, close) * (1.0 + 0.002 * u1)
    low = np.minimum(open_, close) * (1.0 - 0.002 * u2)
    volume = 1e6 * (0.5 + u3)
    return t, open_, high, low, close, volume


def robust_spikes(x, threshold, two_sided):
    n = x.size
    blocks = max(1, n // WINDOW if n % WINDOW < WINDOW // 2 else n // WINDOW + 1)
    full = (blocks - 1) * WINDOW
    flagged = np.zeros(n, dtype=bool)
    if full:
        b = x[:full].reshape(-1, WINDOW)
        m = np.median(b, axis=1, keepdims=True)
        s = 1.4826 * np.median(np.abs(b - m), axis=1, keepdims=True)
        z = (b - m) / s
        flagged[:full] = ((np.abs(z) if two_sided else z) > threshold).ravel()
    rest = x[full:]
    m = np.median(rest)
    s = 1.4826 * np.median(np.abs(rest - m))
    z = (rest - m) / s
    flagged[full:] = (np.abs(z) if two_sided else z) > threshold
    return flagged


def default_validator(n):
    t, o, h, lo, c, v = make_bars(n)

    def run():
        bad = ~((o > 0) & (h > 0) & (lo > 0) & (c > 0) & np.isfinite(o) & np.isfinite(h)
                & np.isfinite(lo) & np.isfinite(c))                              # prices
        bad |= ~((v >= 0) & np.isfinite(v))                                       # volume
        bad |= (lo > np.minimum(o, c)) | (h < np.maximum(o, c))                   # OHLC
        step = np.diff(t)
        findings = int(np.count_nonzero(step < 0)) + int(np.count_nonzero(step == 0))  # times
        g = c[1:] / c[:-1]
        findings += int(np.count_nonzero(np.abs(g - 1) > 0.2))                    # extreme move
        findings += int(np.count_nonzero((g > 50) | (g < 0.02)))                  # unit error
        findings += int(np.count_nonzero((g < 2 / 3 * 1.05) | (g > 2 * 0.95)))   # split-like
        floor = np.minimum(np.minimum(o[1:-1], c[1:-1]), np.minimum(lo[:-2], lo[2:]))
        ceiling = np.maximum(np.maximum(o[1:-1], c[1:-1]), np.maximum(h[:-2], h[2:]))
        rng = 0.5 * ((h[:-2] - lo[:-2]) + (h[2:] - lo[2:]))
        findings += int(np.count_nonzero((lo[1:-1] * 2 < floor) | (h[1:-1] > 2 * ceiling)
                                         | (floor - lo[1:-1] > 6 * rng)
                                         | (h[1:-1] - ceiling > 6 * rng)))        # bad tick
        findings += int(np.count_nonzero(robust_spikes(g - 1, 10.0, True)))       # return spike
        findings += int(np.count_nonzero(robust_spikes(v, 10.0, False)))          # volume spike
        same = np.diff(c) == 0
        findings += int(np.count_nonzero(same))                                   # stuck (screen)
        findings += int(np.count_nonzero(v == 0))                                 # zero volume
        return findings + int(np.count_nonzero(bad))

    return run


KERNELS = [
    Kernel("validate/default_validator", STREAMING_SIZE, default_validator, bytes_per_item=49),
]
