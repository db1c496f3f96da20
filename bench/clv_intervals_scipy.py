#!/usr/bin/python3
"""The numpy/scipy peer of bench/clv.ts's CLV-interval rows: customerLifetimeValue's p10/p50/p90
from parameter draws, vectorised the way an analyst would write it with scipy.special.hyp2f1.
Each draw takes BG/NBD's and Gamma-Gamma's log-parameters from the normal approximation (mean:
the fitted log-parameters, covariance: the inverse observed information; draws outside the
formulas' domain, a = 1 or a + b - 1 a whole number <= 0, or with q <= 1, are drawn again, as ours), values every distinct history over the discounted
steps (lifetimes' customer_lifetime_value, BG/NBD equation 10), then every customer; the band
is numpy's linear percentiles per customer.

    /usr/bin/python3 bench/clv_intervals_scipy.py input.json

input.json: x, tx, T, monetary (per customer), bg [r, alpha, a, b], bgCov (4 x 4), gg [p, q, v],
ggCov (3 x 3), ends, discounts, margin, draws, seed. Prints JSON: seconds (one run; loading
excluded) and the medians over customers of clv_p10, clv_p50 and clv_p90.
"""
import json
import sys
import time

import numpy as np
from scipy.special import hyp2f1


def conditional(r, alpha, a, b, x, tx, T, t):
    """BG/NBD E[Y(t) | x, t_x, T] (Fader, Hardie and Lee 2005, equation 10), vectorised."""
    c = a + b + x - 1
    tail = np.exp((r + x) * np.log((alpha + T) / (alpha + T + t)))
    numerator = (c / (a - 1)) * (1 - tail * hyp2f1(r + x, b + x, c, t / (alpha + T + t)))
    odds = np.where(
        x > 0,
        np.exp(np.log(a) - np.log(np.maximum(b + x - 1, 1e-300))
               + (r + x) * (np.log(alpha + T) - np.log(alpha + tx))),
        0.0,
    )
    return numerator / (1 + odds)


def run(d, rng):
    x, tx, T, m = (np.asarray(d[k], dtype=float) for k in ("x", "tx", "T", "monetary"))
    keys = np.stack([x, tx, T], axis=1)
    unique, row = np.unique(keys, axis=0, return_inverse=True)
    ux, utx, uT = unique[:, 0:1], unique[:, 1:2], unique[:, 2:3]
    ends = np.asarray(d["ends"])[None, :]
    discounts = np.asarray(d["discounts"])
    bg_mean, gg_mean = np.log(d["bg"]), np.log(d["gg"])
    draws = d["draws"]
    values = np.empty((draws, len(x)))
    for k in range(draws):
        while True:
            p, q, v = np.exp(rng.multivariate_normal(gg_mean, d["ggCov"]))
            if q > 1:
                break
        while True:
            r, alpha, a, b = np.exp(rng.multivariate_normal(bg_mean, d["bgCov"]))
            c = a + b - 1
            if a != 1 and not (c <= 0 and float(c).is_integer()):
                break
        cumulative = conditional(r, alpha, a, b, ux, utx, uT, ends)
        steps = np.diff(np.concatenate([np.zeros((len(ux), 1)), cumulative], axis=1), axis=1)
        future = steps @ discounts
        spend = np.where(x == 0, p * v / (q - 1), p * (v + x * m) / (p * x + q - 1))
        values[k] = d["margin"] * future[row.ravel()] * spend
    return np.percentile(values, [10, 50, 90], axis=0)


def main():
    d = json.load(open(sys.argv[1]))
    rng = np.random.default_rng(d["seed"])
    t0 = time.perf_counter()
    bands = run(d, rng)
    seconds = time.perf_counter() - t0
    print(json.dumps({
        "seconds": seconds,
        "p10": float(np.median(bands[0])),
        "p50": float(np.median(bands[1])),
        "p90": float(np.median(bands[2])),
    }))


main()
