#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Reference values for tests/risk/metrics_real_data_test.cpp, computed from the definitions of
PerformanceAnalytics (PA), empyrical, numpy, pandas and scipy on real daily returns.

Usage (from the repository root, with Debian's python that has numpy, pandas and scipy):
    /usr/bin/python3 tests/risk/reference/make_risk_reference.py ../shared/data \
        > tests/risk/reference/risk_reference.csv

Returns are simple returns of the vendor's adjusted close, p[1:] / p[:-1] - 1 (the arithmetic
of bulwark::simple_returns). Quantile levels are 1 - confidence computed in double (1 - 0.95 is
0.050000000000000044), as PA, empyrical and bulwark compute them. Each line is `symbol,metric,params,value` with the value printed
with 17 significant digits. Every formula below is written from the reference's definition,
independently of bulwark's code; the comment on each says which reference.
"""
import math
import pathlib
import sys

import numpy as np
import pandas as pd
from scipy import stats

SYMBOLS = ["AAPL", "MSFT", "KEY", "UAL"]
P = 252.0
RF = 0.0001     # risk-free rate per period for the Sharpe ratio
MAR = 0.0       # minimum acceptable return per period for Sortino / downside deviation
OMEGA_L = 0.0
CONFIDENCES = [0.95, 0.99]
WINDOW = 252
ROLLING_SAMPLES = 12  # evenly spaced windows checked per rolling metric


def returns_of(data, symbol):
    frame = pd.read_csv(data / "daily" / "alphavantage_sp500" / f"{symbol}.csv")
    p = frame["adjusted_close"].to_numpy(dtype=float)
    return p[1:] / p[:-1] - 1.0


def max_drawdown_empyrical(r):
    # empyrical.max_drawdown: wealth from 100 with the start prepended, (cum - peak) / peak.
    cumulative = np.empty(len(r) + 1)
    cumulative[0] = 100.0
    cumulative[1:] = 100.0 * np.cumprod(1.0 + r)
    peak = np.fmax.accumulate(cumulative)
    return -np.min((cumulative - peak) / peak)


def drawdown_episode(r):
    # points 0..n; peak = running peak point, trough = first lowest point after it,
    # recovery = first point after the trough with wealth >= the peak's wealth.
    w = np.concatenate([[1.0], np.cumprod(1.0 + r)])
    peak_value = np.maximum.accumulate(w)
    dd = 1.0 - w / peak_value
    trough = int(np.argmax(dd))
    peak = int(np.flatnonzero(w[: trough + 1] == peak_value[trough])[-1])
    after = np.flatnonzero(w[trough:] >= w[peak])
    recovery = trough + int(after[0]) if len(after) else -1
    duration = (recovery if recovery >= 0 else len(r)) - peak
    return peak, trough, recovery, duration


def r_type7(x, q):
    # R's quantile(type = 7): index = 1 + (n - 1) q, (1 - h) x[lo] + h x[hi] unless equal.
    s = np.sort(x)
    n = len(s)
    index = 1.0 + (n - 1) * q
    lo = math.floor(index)
    hi = math.ceil(index)
    qs = s[lo - 1]
    h = index - lo
    if index > lo and s[hi - 1] != qs:
        qs = (1.0 - h) * qs + h * s[hi - 1]
    return qs


def pandas_type7(x, q):
    # pandas rolling quantile, 'linear': vlow + (vhigh - vlow) * (idx_with_fraction - idx).
    s = np.sort(x)
    h = q * (len(s) - 1)
    i = int(h)
    return s[i] if h == i else s[i] + (s[i + 1] - s[i]) * (h - i)


def es_below(x, q):
    below = x[x < q]
    return -below.mean() if len(below) else -q


def cornish_fisher(r, c):
    # PA VaR.CornishFisher / ES.CornishFisher (Boudt, Peterson and Croux 2008).
    m = r.mean()
    m2 = np.mean((r - m) ** 2)
    s = np.mean((r - m) ** 3) / m2 ** 1.5
    k = np.mean((r - m) ** 4) / m2 ** 2 - 3.0
    a = 1.0 - c
    z = stats.norm.ppf(a)
    h = z + (z**2 - 1) * s / 6 + (z**3 - 3 * z) * k / 24 - (2 * z**3 - 5 * z) * s**2 / 36
    var = -m - h * math.sqrt(m2)
    e = stats.norm.pdf(h) * (1 + h**3 * s / 6 + (h**6 - 9 * h**4 + 9 * h**2 + 3) * s**2 / 72
                             + (h**4 - 2 * h**2 - 1) * k / 24)
    es = -m - math.sqrt(m2) * min(-e / a, h)
    es_unfloored = -m + math.sqrt(m2) * e / a
    return var, es, es_unfloored


def kupiec(t, x, p):
    def xlogy(a, b):
        return 0.0 if a == 0 else a * math.log(b)
    lr = -2 * (xlogy(t - x, 1 - p) + xlogy(x, p)) + 2 * (xlogy(t - x, 1 - x / t) + xlogy(x, x / t))
    return max(lr, 0.0)


def christoffersen(e):
    def xlogy(a, b):
        return 0.0 if a == 0 else a * math.log(b)
    prev, cur = e[:-1], e[1:]
    n00 = int(np.sum(~prev & ~cur)); n01 = int(np.sum(~prev & cur))
    n10 = int(np.sum(prev & ~cur)); n11 = int(np.sum(prev & cur))
    pi = (n01 + n11) / (n00 + n01 + n10 + n11)
    pi0 = n01 / (n00 + n01) if n00 + n01 else 0.0
    pi1 = n11 / (n10 + n11) if n10 + n11 else 0.0
    lr = (-2 * (xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi))
          + 2 * (xlogy(n00, 1 - pi0) + xlogy(n01, pi0) + xlogy(n10, 1 - pi1) + xlogy(n11, pi1)))
    return max(lr, 0.0), (n00, n01, n10, n11)


def main():
    data = pathlib.Path(sys.argv[1])
    out = ["symbol,metric,params,value"]

    def emit(symbol, metric, params, value):
        out.append(f"{symbol},{metric},{params},{float(value)!r}")

    for symbol in SYMBOLS:
        r = returns_of(data, symbol)
        n = len(r)
        emit(symbol, "count", "", n)
        emit(symbol, "cumulative_return", "", np.prod(1.0 + r) - 1.0)          # PA Return.cumulative
        emit(symbol, "annual_return", "P=252", np.prod(1.0 + r) ** (P / n) - 1.0)  # empyrical
        emit(symbol, "annual_volatility", "P=252", np.std(r, ddof=1) * math.sqrt(P))
        x = r - RF
        emit(symbol, "sharpe_ratio", "rf=0.0001;P=252",                          # empyrical
             np.mean(x) / np.std(x, ddof=1) * math.sqrt(P))
        downside = math.sqrt(np.mean(np.square(np.clip(r - MAR, None, 0.0))))     # empyrical
        emit(symbol, "downside_deviation", "mar=0;P=252", downside * math.sqrt(P))
        emit(symbol, "sortino_ratio", "mar=0;P=252",
             np.mean(r - MAR) * P / (downside * math.sqrt(P)))
        mdd = max_drawdown_empyrical(r)
        emit(symbol, "max_drawdown", "", mdd)
        peak, trough, recovery, duration = drawdown_episode(r)
        emit(symbol, "drawdown_peak", "", peak)
        emit(symbol, "drawdown_trough", "", trough)
        emit(symbol, "drawdown_recovery", "", recovery)
        emit(symbol, "drawdown_duration", "", duration)
        emit(symbol, "calmar_ratio", "P=252", (np.prod(1.0 + r) ** (P / n) - 1.0) / mdd)
        emit(symbol, "omega_ratio", "L=0",                                       # PA Omega simple
             np.sum(np.maximum(r - OMEGA_L, 0)) / np.sum(np.maximum(OMEGA_L - r, 0)))
        emit(symbol, "skewness", "", stats.skew(r, bias=True))
        emit(symbol, "excess_kurtosis", "", stats.kurtosis(r, fisher=True, bias=True))
        sd = np.std(r, ddof=1)
        sr = (np.mean(r) - RF) / sd                                              # per period
        g3 = stats.skew(r, bias=True)
        g4 = stats.kurtosis(r, fisher=False, bias=True)
        emit(symbol, "probabilistic_sharpe_ratio", "rf=0.0001;sr*=0",             # Bailey-LdP
             stats.norm.cdf(sr * math.sqrt(n - 1) / math.sqrt(1 - g3 * sr + (g4 - 1) / 4 * sr**2)))
        for c in CONFIDENCES:
            a = 1.0 - c
            q = np.quantile(r, a)
            emit(symbol, "historical_var", f"c={c}", -q)                         # numpy type 7
            emit(symbol, "historical_es", f"c={c}", es_below(r, q))               # PA ES historical
            emit(symbol, "historical_var_r", f"c={c}", -r_type7(r, a))            # PA (R quantile)
            emit(symbol, "historical_var_pandas", f"c={c}", -pandas_type7(r, a))
            m = np.mean(r)
            m2 = np.mean((r - m) ** 2)
            z = stats.norm.ppf(a)
            emit(symbol, "gaussian_var", f"c={c}", -m - z * math.sqrt(m2))        # PA gaussian
            emit(symbol, "gaussian_es", f"c={c}", -m + stats.norm.pdf(z) * math.sqrt(m2) / a)
            cf_var, cf_es, cf_es_unfloored = cornish_fisher(r, c)
            emit(symbol, "cornish_fisher_var", f"c={c}", cf_var)
            emit(symbol, "cornish_fisher_es", f"c={c}", cf_es)
            emit(symbol, "cornish_fisher_es_unfloored", f"c={c}", cf_es_unfloored)

        # Backtest: the 95% historical VaR of the previous 250 returns as each day's forecast.
        s = pd.Series(r)
        forecast = -s.rolling(250).quantile(1.0 - 0.95).shift(1).to_numpy()
        valid = ~np.isnan(forecast)
        rr, ff = r[valid], forecast[valid]
        exc = rr < -ff
        t, xcount = len(rr), int(exc.sum())
        lr_pof = kupiec(t, xcount, 1.0 - 0.95)
        lr_ind, cells = christoffersen(exc)
        emit(symbol, "backtest_first", "W=250", int(np.argmax(valid)))
        emit(symbol, "backtest_exceptions", "W=250", xcount)
        emit(symbol, "backtest_n01", "W=250", cells[1])
        emit(symbol, "backtest_n11", "W=250", cells[3])
        emit(symbol, "kupiec_lr", "W=250", lr_pof)
        emit(symbol, "kupiec_p", "W=250", stats.chi2.sf(lr_pof, 1))
        emit(symbol, "independence_lr", "W=250", lr_ind)
        emit(symbol, "independence_p", "W=250", stats.chi2.sf(lr_ind, 1))
        emit(symbol, "conditional_coverage_p", "W=250", stats.chi2.sf(lr_pof + lr_ind, 2))

        # Rolling: pandas labels a window by its end; bulwark by its start.
        count = n - WINDOW + 1
        picks = sorted(set(np.linspace(0, count - 1, ROLLING_SAMPLES).astype(int).tolist()))
        pandas_var = -s.rolling(WINDOW).quantile(1.0 - 0.95).to_numpy()[WINDOW - 1:]
        pandas_vol = (s.rolling(WINDOW).std() * math.sqrt(P)).to_numpy()[WINDOW - 1:]
        for i in picks:
            window = r[i:i + WINDOW]
            emit(symbol, "rolling_var_pandas", f"W=252;c=0.95;i={i}", pandas_var[i])
            emit(symbol, "rolling_var", f"W=252;c=0.95;i={i}", -np.quantile(window, 1.0 - 0.95))
            emit(symbol, "rolling_es", f"W=252;c=0.95;i={i}",
                 es_below(window, np.quantile(window, 1.0 - 0.95)))
            emit(symbol, "rolling_volatility", f"W=252;P=252;i={i}", pandas_vol[i])
            wx = window - RF
            emit(symbol, "rolling_sharpe", f"W=252;rf=0.0001;P=252;i={i}",
                 np.mean(wx) / np.std(wx, ddof=1) * math.sqrt(P))
            emit(symbol, "rolling_max_drawdown", f"W=252;i={i}", max_drawdown_empyrical(window))
    print("\n".join(out))


if __name__ == "__main__":
    main()
