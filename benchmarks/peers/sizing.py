# SPDX-License-Identifier: MIT
"""numpy peers of benchmarks/bm_sizing.cpp."""
import numpy as np

from common import Kernel, uniform_returns


def kms_covariance(n):
    """The Kac-Murdock-Szego matrix 0.5^|i-j|, exact in binary (bm_sizing.cpp's Sigma)."""
    i = np.arange(n)
    return np.ldexp(1.0, -np.abs(i[:, None] - i[None, :]))


def kelly_weights(n):
    """Sigma^-1 mu as a numpy user writes it: np.linalg.solve (LAPACK's LU, dgesv; numpy
    has no Cholesky solve without scipy). The work is 2n^3/3 flops against our n^3/3, so
    this is the time to the same answer, not the same algorithm."""
    sigma = np.asfortranarray(kms_covariance(n))
    mu = uniform_returns(n, 7)
    return lambda: np.linalg.solve(sigma, mu)


KERNELS = [
    Kernel("sizing/kelly_weights", 500, kelly_weights),
]
