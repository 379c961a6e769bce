#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""numpy/pandas reference values for tests/signal/pairs_real_test.cpp.

Series: y = ln(adjusted close of MSFT), x = ln(adjusted close of AAPL) from
../shared/data/daily/alphavantage_sp500, rows dated 2016-01-04 .. 2020-12-31 (the same dates
for both). Each value below is computed here independently of bulwark, with numpy least
squares (np.linalg.lstsq, np.polyfit) and pandas:
  - ADF statistics: the regression dx_t = [1] [t] gamma x_{t-1} sum phi_j dx_{t-j}, with the
    lag order chosen as statsmodels' adfuller does (max lag ceil(12 (n/100)^0.25) capped at
    n//2 - terms - 1; every lag fitted on the common sample; min AIC/BIC; refit), the
    t statistic gamma / se from s^2 (X'X)^-1;
  - Engle-Granger: y on [1, x] by lstsq, then the ADF regression without terms on the
    residuals;
  - OU fit of the Engle-Granger residual: s_t on [1, s_{t-1}], half-life -ln 2 / ln phi;
  - rolling hedge ratio (window 60): np.polyfit(x[t-59:t+1], y[t-59:t+1], 1);
  - Kalman hedge ratio: Chan (2013) Example 3.3 in numpy matrix form, delta 1e-4, Ve 1e-3;
  - rolling z-score (window 60) of the residual: pandas (s - s.rolling(60).mean()) /
    s.rolling(60).std();
  - EMA of x: pandas x.ewm(span=20, adjust=False).mean() and ewm(halflife=10, adjust=False).

Run from the repository root with Debian's python (numpy 1.24, pandas 1.5):
    /usr/bin/python3 tests/signal/reference/make_pairs.py ../shared/data
"""
import math
import pathlib
import sys

import numpy as np
import pandas as pd

data = pathlib.Path(sys.argv[1]) / "daily" / "alphavantage_sp500"
here = pathlib.Path(__file__).resolve().parent


def load(sym):
    df = pd.read_csv(data / f"{sym}.csv", usecols=["timestamp", "adjusted_close"],
                     index_col="timestamp")
    return df["adjusted_close"].loc["2016-01-04":"2020-12-31"]


aapl, msft = load("AAPL"), load("MSFT")
assert (aapl.index == msft.index).all()
x = np.log(aapl.to_numpy())
y = np.log(msft.to_numpy())
n = len(x)


def ols(X, target):
    b, *_ = np.linalg.lstsq(X, target, rcond=None)
    resid = target - X @ b
    ssr = float(resid @ resid)
    nobs, k = X.shape
    se = np.sqrt(np.diag(ssr / (nobs - k) * np.linalg.inv(X.T @ X)))
    llf = -nobs / 2.0 * (math.log(2.0 * math.pi) + math.log(ssr / nobs) + 1.0)
    return b, se, -2.0 * llf + 2.0 * k, -2.0 * llf + math.log(nobs) * k


def adf(series, terms, select, maxlag=None):
    m = len(series)
    if maxlag is None:
        maxlag = min(m // 2 - terms - 1, int(math.ceil(12.0 * (m / 100.0) ** 0.25)))
    dx = np.diff(series)

    def design(p, start):
        t = np.arange(start, m - 1)
        cols = []
        if terms >= 1:
            cols.append(np.ones(len(t)))
        if terms >= 2:
            cols.append(np.arange(1, len(t) + 1, dtype=float))
        cols.append(series[t])
        cols += [dx[t - j] for j in range(1, p + 1)]
        return np.column_stack(cols), dx[t]

    p = maxlag
    if select != "fixed":
        which = 2 if select == "aic" else 3
        p = min((ols(*design(lag, maxlag))[which], lag) for lag in range(maxlag + 1))[1]
    X, target = design(p, p)
    b, se, _, _ = ols(X, target)
    return b[terms] / se[terms], p, len(target)


rows = []
for name, series, terms, select, maxlag in (
        ("adf_x_c_aic", x, 1, "aic", None), ("adf_x_ct_fixed2", x, 2, "fixed", 2),
        ("adf_y_c_bic", y, 1, "bic", None)):
    stat, p, nobs = adf(series, terms, select, maxlag)
    rows += [(name, "statistic", -1, stat), (name, "lags", -1, p), (name, "nobs", -1, nobs)]

b, *_ = np.linalg.lstsq(np.column_stack([np.ones(n), x]), y, rcond=None)
resid = y - b[0] - b[1] * x
rows += [("eg", "alpha", -1, b[0]), ("eg", "beta", -1, b[1])]
for select, maxlag in (("aic", None), ("fixed", 1)):
    stat, p, nobs = adf(resid, 0, select, maxlag)
    rows += [(f"eg_{select}", "statistic", -1, stat), (f"eg_{select}", "lags", -1, p),
             (f"eg_{select}", "nobs", -1, nobs)]

coef, *_ = np.linalg.lstsq(np.column_stack([np.ones(n - 1), resid[:-1]]), resid[1:], rcond=None)
rows += [("ou", "phi", -1, coef[1]), ("ou", "intercept", -1, coef[0]),
         ("ou", "half_life", -1, -math.log(2.0) / math.log(coef[1]))]

checkpoints = [59, 60, 61, 250, 700, n - 1]
for t in checkpoints:
    slope, intercept = np.polyfit(x[t - 59:t + 1], y[t - 59:t + 1], 1)
    rows += [("rolling_ols", "beta", t, slope), ("rolling_ols", "alpha", t, intercept)]

delta, ve = 1e-4, 1e-3
vw = delta / (1.0 - delta) * np.eye(2)
theta, P, R = np.zeros(2), np.zeros((2, 2)), np.zeros((2, 2))
for t in range(n):
    if t > 0:
        R = P + vw
    F = np.array([x[t], 1.0])
    q = F @ R @ F + ve
    e = y[t] - F @ theta
    K = R @ F / q
    theta = theta + K * e
    P = R - np.outer(K, F) @ R
    if t in (0, 1, 2, 100, 1000, n - 1):
        rows += [("kalman", "beta", t, theta[0]), ("kalman", "alpha", t, theta[1]),
                 ("kalman", "error", t, e), ("kalman", "variance", t, q)]

s = pd.Series(resid)
z = (s - s.rolling(60).mean()) / s.rolling(60).std()
for t in checkpoints:
    rows.append(("rolling_z", "z", t, z.iloc[t]))
ema_span = pd.Series(x).ewm(span=20, adjust=False).mean()
ema_half = pd.Series(x).ewm(halflife=10, adjust=False).mean()
for t in (0, 1, 2, 500, n - 1):
    rows += [("ema_span20", "value", t, ema_span.iloc[t]), ("ema_halflife10", "value", t, ema_half.iloc[t])]

with open(here / "pairs.csv", "w") as out:
    out.write("what,field,row,value\n")
    for what, field, row, value in rows:
        out.write(f"{what},{field},{row},{float(value)!r}\n")
