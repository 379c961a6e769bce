# SPDX-License-Identifier: MIT
"""Seeded inputs identical, bit for bit, to benchmarks/support/bench.hpp, and the kernel
registry that run_peers.py times."""
import numpy as np

STREAMING_SIZE = 10_000_000


def philox_uniform(n, seed=1, stream=0):
    """counter_rng{seed, stream}.fill_uniform: numpy increments the counter before each
    block, so starting from all ones makes the first block counter (0, 0, 0, 0)."""
    ones = np.array([2**64 - 1] * 4, dtype=np.uint64)
    bg = np.random.Philox(key=np.array([seed, stream], dtype=np.uint64), counter=ones)
    return np.random.Generator(bg).random(n)


def uniform_returns(n, seed=1, stream=0):
    return 0.04 * (philox_uniform(n, seed, stream) - 0.5)


def price_path(n, seed=1, stream=0):
    r = uniform_returns(n, seed, stream)
    r[0] = 0.0
    return 100.0 * np.cumprod(1.0 + r)


class Kernel:
    """One peer kernel. `setup(n)` returns a zero-argument callable to time; the name must
    equal the Google Benchmark name of bulwark's kernel (e.g. core/simple_returns/10000000)."""

    def __init__(self, name, n, setup, bytes_per_item=0, label="numpy"):
        self.name, self.n, self.setup = name, n, setup
        self.bytes_per_item, self.label = bytes_per_item, label
