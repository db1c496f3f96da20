#!/usr/bin/python3
"""The numpy/scipy peer of bench/experiment.ts: the same A/A simulation as simulateAaTests, written
the way an analyst would vectorise it. Both arms draw per-look conversion increments from
numpy's exact binomial sampler (Generator.binomial, BTPE/inversion), take running sums, and at each
look compute (a) the pooled two-proportion z test, (b) the first look with p < alpha (peeking),
(c) the normal-mixture mSPRT always-valid p-value (running minimum of 1 / likelihood ratio, with
the plug-in variance, from `minimum_units` units per arm on).

    /usr/bin/python3 bench/experiment_numpy.py experiments users_per_arm baseline looks alpha tau seed

Prints JSON: seconds (the simulation and the three procedures; imports excluded) and the three
false-positive rates.
"""
import json
import sys
import time

import numpy as np
from scipy import stats


def simulate(experiments, users, baseline, looks, alpha, tau, seed, minimum_units=30):
    rng = np.random.default_rng(seed)
    sizes = np.round(np.arange(1, looks + 1) * users / looks).astype(np.int64)
    increments = np.diff(np.concatenate([[0], sizes]))
    xc = np.cumsum(rng.binomial(increments, baseline, size=(experiments, looks)), axis=1)
    xt = np.cumsum(rng.binomial(increments, baseline, size=(experiments, looks)), axis=1)
    n = sizes.astype(float)
    d = (xt - xc) / n
    pooled = (xc + xt) / (2 * n)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = d / np.sqrt(pooled * (1 - pooled) * 2 / n)
        significant = np.abs(z) > stats.norm.ppf(1 - alpha / 2)
        fixed = significant[:, -1].mean()
        peeking = significant.any(axis=1).mean()
        v = (xc * (n - xc) + xt * (n - xt)) / (n * n * (n - 1))
        tau2 = tau * tau
        ratio = np.sqrt(v / (v + tau2)) * np.exp(tau2 * d * d / (2 * v * (v + tau2)))
        ratio = np.where((v > 0) & (n >= minimum_units), ratio, 1.0)
    p = np.minimum.accumulate(1 / ratio, axis=1)
    sequential = (p <= alpha).any(axis=1).mean()
    return float(fixed), float(peeking), float(sequential)


def main():
    experiments, users = int(sys.argv[1]), int(sys.argv[2])
    baseline, looks = float(sys.argv[3]), int(sys.argv[4])
    alpha, tau, seed = float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
    t0 = time.perf_counter()
    fixed, peeking, sequential = simulate(experiments, users, baseline, looks, alpha, tau, seed)
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "fixedHorizon": fixed, "peeking": peeking,
                      "sequential": sequential}))


main()
