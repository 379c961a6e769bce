#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Reference values for tests/risk/{covariance,portfolio_var}_test.cpp, computed with numpy
from the definitions the references use, independently of bulwark:

  sample covariance   numpy.cov (divisor n - 1)
  Ledoit-Wolf         scikit-learn's sklearn.covariance.ledoit_wolf (1.x), transcribed below
                      line for line (scikit-learn itself is not a Debian dependency), and
                      checked here against the formulas of Ledoit and Wolf (2004) written
                      out directly
  Gaussian VaR/ES     PerformanceAnalytics' VaR.Gaussian.portfolio / ES.Gaussian.portfolio,
                      with z from Python's statistics.NormalDist (Wichura's AS 241, as R)
  historical VaR/ES   -numpy.quantile(R @ w, alpha) and the mean of R @ w strictly below it

Cases: "small", an 8 x 3 panel written below; "five", daily simple returns of the adjusted
closes of AAPL, MSFT, KEY, SO and V on their common dates; "all40", the same for all 40
symbols of ../shared/data/daily/alphavantage_sp500 (summary values only).

Run from the repository root with Debian's python (numpy 1.24):
    /usr/bin/python3 tests/risk/reference/make_portfolio_reference.py
It writes tests/risk/reference/portfolio_reference.csv (case,quantity,i,j,value; values
printed with repr, so they round-trip exactly).
"""
import csv
import pathlib
from statistics import NormalDist

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "data" / "daily" / "alphavantage_sp500"
OUT = pathlib.Path(__file__).resolve().parent / "portfolio_reference.csv"

SMALL = np.array([
    [0.0125, -0.0040, 0.0210],
    [-0.0230, 0.0110, -0.0150],
    [0.0045, 0.0020, 0.0005],
    [0.0310, -0.0180, 0.0260],
    [-0.0095, 0.0070, -0.0120],
    [0.0000, -0.0015, 0.0035],
    [-0.0410, 0.0250, -0.0330],
    [0.0175, 0.0030, 0.0090],
])
SMALL_WEIGHTS = np.array([0.6, 0.7, -0.3])
FIVE = ["AAPL", "MSFT", "KEY", "SO", "V"]
FIVE_WEIGHTS = np.array([0.30, 0.25, 0.15, 0.20, 0.10])
CONFIDENCES = [0.95, 0.99]
HISTORICAL_CONFIDENCES = [0.9, 0.95, 0.99]


def sklearn_ledoit_wolf(X):
    """sklearn.covariance.ledoit_wolf(X, assume_centered=False, block_size=1000): for
    fewer than 1000 features its block loops reduce to the single terms below."""
    X = np.asarray(X)
    n_samples, n_features = X.shape
    if n_features == 1:
        return np.atleast_2d(((X - X.mean()) ** 2).mean()), 0.0
    # ledoit_wolf_shrinkage(X, assume_centered=False)
    Xc = X - X.mean(0)
    X2 = Xc ** 2
    emp_cov_trace = np.sum(X2, axis=0) / n_samples
    mu = np.sum(emp_cov_trace) / n_features
    beta_ = np.sum(np.dot(X2.T, X2))
    delta_ = np.sum(np.dot(Xc.T, Xc) ** 2)
    delta_ /= n_samples ** 2
    beta = 1.0 / (n_features * n_samples) * (beta_ / n_samples - delta_)
    delta = delta_ - 2.0 * mu * emp_cov_trace.sum() + n_features * mu ** 2
    delta /= n_features
    beta = min(beta, delta)
    shrinkage = 0 if beta == 0 else beta / delta
    # ledoit_wolf: empirical_covariance(X) is np.cov(X.T, bias=1)
    emp_cov = np.cov(X.T, bias=1)
    mu = np.sum(np.trace(emp_cov)) / n_features
    shrunk_cov = (1.0 - shrinkage) * emp_cov
    shrunk_cov.flat[:: n_features + 1] += shrinkage * mu
    return shrunk_cov, shrinkage


def paper_ledoit_wolf(X):
    """Ledoit and Wolf (2004), Lemmas 3.2-3.4, with <A, B> = tr(A B') / p."""
    n, p = X.shape
    Y = X - X.mean(0)
    S = Y.T @ Y / n
    norm2 = lambda A: np.trace(A @ A.T) / p
    m = np.trace(S) / p
    d2 = norm2(S - m * np.eye(p))
    b2_bar = sum(norm2(np.outer(y, y) - S) for y in Y) / n ** 2
    b2 = min(b2_bar, d2)
    return b2 / d2 * m * np.eye(p) + (1 - b2 / d2) * S, b2 / d2


def read_adjusted_closes(symbol):
    with open(DATA / f"{symbol}.csv") as f:
        rows = list(csv.DictReader(f))
    return {r["timestamp"]: float(r["adjusted_close"]) for r in rows}


def common_returns(symbols):
    """Simple returns of the adjusted closes on the dates every symbol has."""
    closes = [read_adjusted_closes(s) for s in symbols]
    dates = sorted(set.intersection(*(set(c) for c in closes)))
    prices = np.array([[c[d] for c in closes] for d in dates])
    return dates, prices[1:] / prices[:-1] - 1.0


rows = []


def put(case, quantity, value, i=-1, j=-1):
    rows.append((case, quantity, i, j, repr(float(value))))


def put_vector(case, quantity, v):
    for i, x in enumerate(v):
        put(case, quantity, x, i)


def put_matrix(case, quantity, m):
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            put(case, quantity, m[i, j], i, j)


def covariances(case, X):
    S = np.cov(X.T)
    lw, shrinkage = sklearn_ledoit_wolf(X)
    lw_paper, shrinkage_paper = paper_ledoit_wolf(X)
    assert np.allclose(lw, lw_paper, rtol=1e-12, atol=0) and abs(shrinkage - shrinkage_paper) < 1e-12
    put(case, "rows", X.shape[0])
    put(case, "cols", X.shape[1])
    put(case, "ledoit_wolf_shrinkage", shrinkage)
    put(case, "ledoit_wolf_target", np.trace(np.cov(X.T, bias=1)) / X.shape[1])
    return S, lw


def portfolio(case, X, w):
    S, lw = covariances(case, X)
    put_matrix(case, "sample_covariance", S)
    put_matrix(case, "ledoit_wolf", lw)
    mu = X.mean(0)
    put_vector(case, "mean", mu)
    put_vector(case, "weights", w)
    sigma = np.sqrt(w @ S @ w)
    put(case, "volatility", sigma)
    for c in CONFIDENCES:
        alpha = 1.0 - c
        z = NormalDist().inv_cdf(alpha)
        k_var, k_es = -z, NormalDist().pdf(z) / alpha
        for name, k in (("var", k_var), ("es", k_es)):
            total = -w @ mu + k * sigma
            marginal = -mu + k * (S @ w) / sigma
            put(case, f"gaussian_{name}@{c}", total)
            put(case, f"gaussian_{name}_zero_mean@{c}", k * sigma)
            put_vector(case, f"marginal_{name}@{c}", marginal)
            put_vector(case, f"component_{name}@{c}", w * marginal)
    r = X @ w
    for c in HISTORICAL_CONFIDENCES:
        q = np.quantile(r, 1.0 - c)
        tail = r < q
        put(case, f"historical_var@{c}", -q)
        put(case, f"historical_es@{c}", -r[tail].mean())
        put_vector(case, f"historical_es_component@{c}", -(X[tail] * w).mean(0))


portfolio("small", SMALL, SMALL_WEIGHTS)
put_matrix("small", "returns", SMALL)

dates, X = common_returns(FIVE)
put("five", "first_date", int(dates[0].replace("-", "")))
put_vector("five", "first_returns", X[0])
put_vector("five", "last_returns", X[-1])
portfolio("five", X, FIVE_WEIGHTS)

symbols = sorted(p.stem for p in DATA.glob("*.csv"))
dates, X = common_returns(symbols)
S, lw = covariances("all40", X)
put("all40", "first_date", int(dates[0].replace("-", "")))
put_vector("all40", "sample_covariance_diagonal", np.diag(S))
put_vector("all40", "sample_covariance_row0", S[0])
put_vector("all40", "ledoit_wolf_diagonal", np.diag(lw))
put_vector("all40", "ledoit_wolf_row0", lw[0])
put("all40", "sample_covariance_min_eigenvalue", np.linalg.eigvalsh(S).min())

with open(OUT, "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["case", "quantity", "i", "j", "value"])
    out.writerows(rows)
print(f"wrote {len(rows)} values to {OUT.relative_to(ROOT)}")
