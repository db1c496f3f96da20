#!/usr/bin/python3
"""Reference values for lib/stats: normal, Student t, chi-square and beta CDF, survival function
and quantile over a wide grid, far tails and large degrees of freedom included.

Run with Debian's Python (scipy 1.10.1, mpmath 1.2.1):

    /usr/bin/python3 tests/reference/stats_reference.py    # about 8 minutes (mpmath)

writes tests/fixtures/stats_reference.json: a list of points [distribution, function,
parameters, argument, scipy value, mpmath value]. The mpmath value (50 significant digits,
rounded to double) is the exact reference for the CDF and survival function. For a quantile it
is mpmath's CDF at scipy's quantile (its survival function above the median), so a test can
tell where scipy's quantile itself is off (scipy 1.10's t.ppf, cephes stdtri, is off by 1e-11
to 1e-9 at many points and returns -1e100 in the far tail, e.g. p = 1e-100 at df = 0.5);
null where mpmath gave up. Values that scipy underflows to 0 or below 1e-300 are left out.
Where mpmath's betainc gives up (shapes near 1e5) the hypergeometric form is used instead.
"""
import json
import math
import os

import mpmath
import numpy as np
from scipy import stats

mpmath.mp.dps = 50
OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "stats_reference.json")

points = []


def add(dist, fn, params, arg, value, exact=None):
    if callable(exact):
        try:
            exact = exact()
        except (ValueError, mpmath.libmp.NoConvergence):
            exact = None  # mpmath gave up (large parameters): scipy's value only
    value = float(value)
    if not math.isfinite(value) or abs(value) < 1e-300:
        return
    if exact is not None:
        exact = float(exact)
        if abs(exact) < 1e-300 and fn != "quantile":
            return
    points.append([dist, fn, params, float(arg), value, exact])


PROBS = sorted(set(
    [10.0 ** -k for k in (300, 200, 100, 50, 20, 15, 10, 8, 6, 5, 4, 3, 2)]
    + [0.025, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.45, 0.49, 0.5, 0.51, 0.6, 0.75, 0.8, 0.9, 0.95,
       0.975, 0.99, 0.999, 1 - 1e-6, 1 - 1e-10, 1 - 1e-15]
))


def mp_ibeta(a, b, x):
    """Regularized I_x(a, b); where mpmath's betainc gives up (parameters near 1e5), the
    hypergeometric form I_x(a, b) = x^a (1-x)^b / (a B(a, b)) 2F1(a + b, 1; a + 1; x)
    (DLMF 8.17.8)."""
    a, b, x = mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(x)
    try:
        return mpmath.betainc(a, b, 0, x, regularized=True)
    except (ValueError, mpmath.libmp.NoConvergence):
        return x ** a * (1 - x) ** b / (a * mpmath.beta(a, b)) * mpmath.hyp2f1(
            a + b, 1, a + 1, x, maxterms=10 ** 6)


def mp_norm_cdf(x):
    return mpmath.ncdf(mpmath.mpf(x))


# Normal
for x in list(np.linspace(-38, 38, 77)) + [-8.0, -1e-10, 1e-10, -0.3, 0.3, -1.5, 1.7, -37.5]:
    x = float(x)
    add("normal", "cdf", {}, x, stats.norm.cdf(x), lambda: mp_norm_cdf(x))
    add("normal", "sf", {}, x, stats.norm.sf(x), lambda: mp_norm_cdf(-x))
for p in PROBS:
    q = stats.norm.ppf(p)
    add("normal", "quantile", {}, p, q, lambda: mp_norm_cdf(q) if p <= 0.5 else mp_norm_cdf(-q))
add("normal", "cdf", {"mean": 100, "sd": 15}, 130.0, stats.norm.cdf(130, 100, 15), lambda: mp_norm_cdf(2))


# Student t
def mp_t_cdf(t, df):
    t = mpmath.mpf(t)
    df = mpmath.mpf(df)
    x = df / (df + t * t)
    tail = mp_ibeta(df / 2, mpmath.mpf(1) / 2, x) / 2
    return tail if t < 0 else 1 - tail


T_DFS = [0.5, 1, 2, 3, 5, 10, 30, 100, 1e3, 1e4, 1e5, 1e6]
T_ARGS = [0, 1e-8, 0.1, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 100, 1e4]
for df in T_DFS:
    for a in T_ARGS:
        for t in ([-a, a] if a else [0.0]):
            add("studentT", "cdf", {"df": df}, t, stats.t.cdf(t, df), lambda: mp_t_cdf(t, df))
            add("studentT", "sf", {"df": df}, t, stats.t.sf(t, df), lambda: mp_t_cdf(-t, df))
    for p in PROBS:
        if df < 1 and p < 1e-100:
            continue
        q = stats.t.ppf(p, df)
        add("studentT", "quantile", {"df": df}, p, q,
            lambda: mp_t_cdf(q, df) if p <= 0.5 else mp_t_cdf(-q, df))


# Chi-square
def mp_chi2(x, df, upper):
    a = mpmath.mpf(df) / 2
    x = mpmath.mpf(x) / 2
    if upper:
        return mpmath.gammainc(a, x, mpmath.inf, regularized=True)
    return mpmath.gammainc(a, 0, x, regularized=True)


C_DFS = [0.5, 1, 2, 3, 5, 10, 50, 100, 1e3, 1e4, 1e5, 1e6]
for df in C_DFS:
    xs = [df * m for m in (0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 1, 1.01, 1.1, 1.5, 2, 5)]
    xs += [1e-5, 1e-3, 0.1, 1.0, 10.0, 100.0, 1000.0]
    for x in sorted(set(float(v) for v in xs)):
        add("chiSquare", "cdf", {"df": df}, x, stats.chi2.cdf(x, df), lambda: mp_chi2(x, df, False))
        add("chiSquare", "sf", {"df": df}, x, stats.chi2.sf(x, df), lambda: mp_chi2(x, df, True))
    for p in PROBS:
        q = stats.chi2.ppf(p, df)
        add("chiSquare", "quantile", {"df": df}, p, q, lambda: mp_chi2(q, df, p > 0.5))

# Beta
B_SHAPES = [(0.5, 0.5), (0.5, 5), (2, 3), (1, 1), (10, 10), (1, 1000), (31, 971), (100, 0.5),
            (1000, 1000), (1e4, 2e4), (1e5, 1e5), (0.5, 1e5), (5, 1e5)]
for a, b in B_SHAPES:
    params = {"alpha": a, "beta": b}
    for p in PROBS:
        if p < 1e-50:
            continue
        x = float(stats.beta.ppf(p, a, b))
        if 0 < x < 1:
            mx = mpmath.mpf(x)
            add("beta", "cdf", params, x, stats.beta.cdf(x, a, b),
                lambda: mp_ibeta(a, b, mx))
            add("beta", "sf", params, x, stats.beta.sf(x, a, b),
                lambda: mp_ibeta(b, a, 1 - mx))
        q = float(stats.beta.ppf(p, a, b))
        add("beta", "quantile", params, p, q,
            lambda: mp_ibeta(a, b, q) if p <= 0.5 else mp_ibeta(b, a, 1 - mpmath.mpf(q)))

with open(OUT, "w") as f:
    json.dump({
        "generator": "tests/reference/stats_reference.py (scipy 1.10.1, mpmath 1.2.1 at 50 digits)",
        "columns": ["distribution", "function", "parameters", "argument", "scipy", "mpmath"],
        "points": points,
    }, f, indent=0)
print(len(points), "points written to", OUT)
