# SPDX-License-Identifier: MIT
"""numpy peers of benchmarks/bm_cost.cpp: the same cost formulas, vectorised, on inputs
bit-identical to equity_fills in bm_cost.cpp (Philox seed 3, streams 1..5)."""
import numpy as np

from common import Kernel, STREAMING_SIZE, philox_uniform, price_path

DAY_NS = 86_400 * 10**9
FIRST_NS = 1_704_153_600 * 10**9  # 2024-01-02T00:00:00Z


def day_ns(y, m, d, utc_offset_hours):
    """00:00 local time on y-m-d, in ns since the epoch (UTC), for a zone utc_offset_hours
    behind UTC."""
    return (np.datetime64(f"{y:04}-{m:02}-{d:02}", "ns").astype(np.int64)
            + utc_offset_hours * 3600 * 10**9)


EST, EDT = 5, 4  # New York's offsets behind UTC on the dates below

# The default rate tables of sec_fee and finra_taf (see their headers for the sources), in
# force from 00:00 New York time of each date.
SEC_FROM = np.array([day_ns(2023, 2, 27, EST), day_ns(2024, 5, 22, EDT), day_ns(2025, 5, 14, EDT)])
SEC_PER_MILLION = np.array([8.00, 27.80, 0.00])
TAF_FROM = np.array([day_ns(2022, 1, 1, EST), day_ns(2023, 1, 1, EST), day_ns(2024, 1, 1, EST)])
TAF_PER_SHARE = np.array([0.000130, 0.000145, 0.000166])
TAF_CAP = np.array([6.49, 7.27, 8.30])


def equity_fills(n):
    """The columns of bm_cost.cpp's equity_fills."""
    price = price_path(n)
    quantity = np.floor(1.0 + 5000.0 * philox_uniform(n, 3, 1))
    sell = philox_uniform(n, 3, 2) >= 0.5
    half = price * (0.0001 + 0.001 * philox_uniform(n, 3, 3))
    bid, ask = price - half, price + half
    adv = 1e5 + 1e7 * philox_uniform(n, 3, 4)
    sigma = 0.005 + 0.03 * philox_uniform(n, 3, 5)
    seconds = np.floor(np.arange(n, dtype=np.float64) * (729.0 * 86_400.0) / n).astype(np.int64)
    time = FIRST_NS + seconds * 10**9  # in time order, as a backtest produces fills
    return price, quantity, sell, bid, ask, adv, sigma, time


def round_up_to_cent(amount):
    """bulwark::cost::round_up_to_cent (cost/component.hpp), the same operations in the
    same order: the amount in cents reduced by 1e-12 of itself, then rounded up to a whole
    cent (adding and removing 2^52 rounds to the nearest integer); beyond 2^52 cents,
    ceil(amount x 100) / 100."""
    cents = amount * (100.0 * (1.0 - 1e-12))
    nearest = (cents + 2.0**52) - 2.0**52
    small = (nearest + (nearest < cents)) / 100.0
    return np.where(cents < 2.0**52, small, np.ceil(amount * 100.0) / 100.0)


def equity_model_total(price, quantity, sell, bid, ask, adv, sigma, time):
    notional = quantity * price
    commission = np.minimum(np.maximum(0.005 * quantity, 1.0), 0.005 * notional)
    k = np.searchsorted(SEC_FROM, time, side="right") - 1
    sec = np.where(sell, round_up_to_cent(notional * (SEC_PER_MILLION[k] * 1e-6)), 0.0)  # as sec_fee::accrue
    j = np.searchsorted(TAF_FROM, time, side="right") - 1
    taf = np.where(sell, round_up_to_cent(np.minimum(quantity * TAF_PER_SHARE[j], TAF_CAP[j])), 0.0)
    spread = quantity * (0.5 * (ask - bid))
    impact = notional * (1.0 * sigma * np.sqrt(quantity / adv))
    return commission + sec + taf + spread + impact


def equity_model(n):
    columns = equity_fills(n)
    return lambda: equity_model_total(*columns)


KERNELS = [
    Kernel("cost/equity_model", STREAMING_SIZE, equity_model, bytes_per_item=65),
    # bulwark prices the same fills one context at a time and as columns: one peer for both.
    Kernel("cost/equity_model_columns", STREAMING_SIZE, equity_model, bytes_per_item=65),
]
