#!/usr/bin/python3
"""The scipy peer of bench/clv.ts: fits BG/NBD and Pareto/NBD to a summary CSV (frequency,
recency, T) with scipy.optimize.minimize(method="L-BFGS-B") in log-parameters, from the same start
as the TypeScript fit (r = a = b = s = 1, alpha = sum T / sum frequency, beta = mean T), with the
likelihoods of tests/reference/clv_reference.py, vectorised with numpy over the distinct
(frequency, recency, T) rows weighted by their counts (as the TypeScript fit does).

    /usr/bin/python3 bench/clv_scipy.py summary.csv bgnbd|pareto [REPEATS]

Prints JSON: seconds (one per repeat; reading excluded, compression included), logLikelihood,
params.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import optimize, special


def bgnbd_ll(p, x, tx, T, w):
    r, alpha, a, b = p
    a12 = (special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + special.gammaln(a + b)
           + special.gammaln(b + x) - special.gammaln(b) - special.gammaln(a + b + x))
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return float(np.sum(w * (a12 + np.logaddexp(a3, a4))))


def pareto_ll(p, x, tx, T, w):
    r, alpha, s, beta = p
    maxab, absab = max(alpha, beta), abs(alpha - beta)
    second = s + 1 if alpha >= beta else r + x
    rsx = r + s + x
    l1 = np.log(special.hyp2f1(rsx, second, rsx + 1, absab / (maxab + tx))) - rsx * np.log(maxab + tx)
    l2 = np.log(special.hyp2f1(rsx, second, rsx + 1, absab / (maxab + T))) - rsx * np.log(maxab + T)
    with np.errstate(divide="ignore"):
        log_a0 = l1 + np.log(-np.expm1(np.minimum(l2 - l1, 0)))
    head = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    first = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
    return float(np.sum(w * (head + np.logaddexp(first, np.log(s) - np.log(rsx) + log_a0))))


def main():
    path, model = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    df = pd.read_csv(path)
    seconds = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        res = fit(df, model)
        seconds.append(time.perf_counter() - t0)
    print(json.dumps({"seconds": seconds, "logLikelihood": -float(res.fun),
                      "params": [float(v) for v in np.exp(res.x)], "success": bool(res.success)}))


def fit(df, model):
    g = df.groupby(["frequency", "recency", "T"]).size().reset_index(name="w")
    x, tx, T, w = (g[c].to_numpy(float) for c in ("frequency", "recency", "T", "w"))
    alpha0 = float((w * T).sum() / (w * x).sum())
    if model == "bgnbd":
        ll, start = bgnbd_ll, [1.0, alpha0, 1.0, 1.0]
    else:
        ll, start = pareto_ll, [1.0, alpha0, 1.0, float((w * T).sum() / w.sum())]
    return optimize.minimize(lambda z: -ll(np.exp(z), x, tx, T, w), np.log(start), method="L-BFGS-B",
                             options={"ftol": 1e-15, "gtol": 1e-8, "maxiter": 1000})


main()
