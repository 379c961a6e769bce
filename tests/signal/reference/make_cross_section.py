#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""pandas/numpy/scipy reference values for tests/signal/cross_section_real_test.cpp.

Universe: the 40 symbols of ../shared/data/daily/alphavantage_sp500, in alphabetical order.
Returns: r = p / p.shift(1) - 1 on the vendor's adjusted closes, over the union of dates
(NaN before a symbol's first date). Written for selected rows (dates), one line per symbol:
    the return; rank(pct=True); (x - x.mean()) / x.std(ddof=1); clip at the 5 %/95 %
    quantiles; the robust z-score (median, MAD x 1.4826, clipped at 3, in numpy);
    long/short membership of the top-5 / bottom-5 by
    z.dropna().sort_values(ascending=False, kind="mergesort").
and, per selected row, the IC (pandas corrwith) and rank IC (scipy spearmanr on the
complete pairs) of the return against the next row's return; finally the summary of both IC
series over every row (mean, std ddof=1, ICIR).

Run from the repository root with Debian's python (numpy 1.24, pandas 1.5, scipy 1.10):
    /usr/bin/python3 tests/signal/reference/make_cross_section.py ../shared/data
"""
import pathlib
import sys

import numpy as np
import pandas as pd
from scipy import stats

data = pathlib.Path(sys.argv[1]) / "daily" / "alphavantage_sp500"
here = pathlib.Path(__file__).resolve().parent
closes = {}
for path in sorted(data.glob("*.csv")):
    df = pd.read_csv(path, usecols=["timestamp", "adjusted_close"], index_col="timestamp")
    closes[path.stem] = df["adjusted_close"]
prices = pd.DataFrame(closes).sort_index()
returns = prices / prices.shift(1) - 1.0
forward = returns.shift(-1)

N = 5
rows = list(range(1, len(returns), 450))[:12]
with open(here / "cross_section.csv", "w") as out:
    out.write("row,date,symbol,ret,pct_rank,zscore,winsorized,robust_z,long,short\n")
    for i in rows:
        x = returns.iloc[i]
        rank = x.rank(pct=True)
        z = (x - x.mean()) / x.std(ddof=1)
        w = x.clip(x.quantile(0.05), x.quantile(0.95))
        present = x.dropna().to_numpy()
        med = np.median(present)
        sigma = np.median(np.abs(present - med)) * 1.4826
        robust = ((x - med) / sigma).clip(-3.0, 3.0)
        order = z.dropna().sort_values(ascending=False, kind="mergesort").index
        longs, shorts = set(order[:N]), set(order[-N:])
        for sym in returns.columns:
            out.write(f"{i},{returns.index[i]},{sym},{x[sym]!r},{rank[sym]!r},{z[sym]!r},"
                      f"{w[sym]!r},{robust[sym]!r},{int(sym in longs)},{int(sym in shorts)}\n")


def spearman(a, b):
    ok = a.notna() & b.notna()
    if ok.sum() < 2:
        return np.nan
    return stats.spearmanr(a[ok], b[ok]).correlation


ic = returns.corrwith(forward, axis=1)
rank_ic = pd.Series([spearman(returns.iloc[i], forward.iloc[i]) for i in range(len(returns))],
                    index=returns.index)
with open(here / "ic.csv", "w") as out:
    out.write("what,row,value\n")
    for i in rows:
        out.write(f"ic,{i},{ic.iloc[i]!r}\n")
        out.write(f"rank_ic,{i},{rank_ic.iloc[i]!r}\n")
    for name, series in (("ic", ic), ("rank_ic", rank_ic)):
        s = series.dropna()
        out.write(f"{name}_periods,-1,{len(s)}\n")
        out.write(f"{name}_mean,-1,{s.mean()!r}\n")
        out.write(f"{name}_std,-1,{s.std(ddof=1)!r}\n")
        out.write(f"{name}_icir,-1,{(s.mean() / s.std(ddof=1))!r}\n")
