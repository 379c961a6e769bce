# SPDX-License-Identifier: MIT
"""numpy peers of benchmarks/bm_core.cpp."""
from common import Kernel, STREAMING_SIZE, philox_uniform, price_path


def simple_returns(n):
    p = price_path(n + 1)
    return lambda: p[1:] / p[:-1] - 1.0


def uniform(n):
    return lambda: philox_uniform(n)


KERNELS = [
    Kernel("core/simple_returns", STREAMING_SIZE, simple_returns, bytes_per_item=16),
    Kernel("core/uniform", 1_000_000, uniform, bytes_per_item=8),
]
