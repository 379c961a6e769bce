# SPDX-License-Identifier: MIT
"""numpy peers of benchmarks/bm_risk_portfolio.cpp, on the same 2520 x p panel (items are
the p assets, as there). numpy on Debian links the reference BLAS unless an optimised one
(OpenBLAS, BLIS) is installed as the libblas.so.3 alternative."""
from statistics import NormalDist

import numpy as np

from common import Kernel, uniform_returns

PERIODS = 2520


def panel(p):
    return uniform_returns(PERIODS * p).reshape(PERIODS, p)


def weights(p):
    return 1.0 / p + uniform_returns(p, 1, 1)


def sample_covariance(p):
    R = panel(p)
    return lambda: np.cov(R.T)


def sklearn_ledoit_wolf(X):
    """sklearn.covariance.ledoit_wolf(X) (scikit-learn 1.x) for fewer than 1000 features."""
    n_samples, n_features = X.shape
    Xc = X - X.mean(0)
    X2 = Xc ** 2
    emp_cov_trace = np.sum(X2, axis=0) / n_samples
    mu = np.sum(emp_cov_trace) / n_features
    beta_ = np.sum(np.dot(X2.T, X2))
    delta_ = np.sum(np.dot(Xc.T, Xc) ** 2) / n_samples ** 2
    beta = 1.0 / (n_features * n_samples) * (beta_ / n_samples - delta_)
    delta = (delta_ - 2.0 * mu * emp_cov_trace.sum() + n_features * mu ** 2) / n_features
    beta = min(beta, delta)
    shrinkage = 0 if beta == 0 else beta / delta
    emp_cov = np.cov(X.T, bias=1)
    mu = np.trace(emp_cov) / n_features
    shrunk_cov = (1.0 - shrinkage) * emp_cov
    shrunk_cov.flat[:: n_features + 1] += shrinkage * mu
    return shrunk_cov, shrinkage


def ledoit_wolf(p):
    R = panel(p)
    return lambda: sklearn_ledoit_wolf(R)


def component_var(p):
    R = panel(p)
    S, w, mu = np.cov(R.T), weights(p), R.mean(0)
    z = NormalDist().inv_cdf(1.0 - 0.99)

    def run():  # PerformanceAnalytics' VaR.Gaussian.portfolio
        Sw = S @ w
        sigma = np.sqrt(w @ Sw)
        marginal = -mu - z * Sw / sigma
        return -w @ mu - z * sigma, marginal, w * marginal
    return run


def historical_portfolio_var(p):
    R, w = panel(p), weights(p)
    return lambda: -np.quantile(R @ w, 1.0 - 0.99)


KERNELS = [
    Kernel("risk/sample_covariance", 500, sample_covariance),
    Kernel("risk/ledoit_wolf", 500, ledoit_wolf),
    Kernel("risk/component_var", 500, component_var),
    Kernel("risk/historical_portfolio_var", 500, historical_portfolio_var),
]
