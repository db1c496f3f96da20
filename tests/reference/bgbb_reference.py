#!/usr/bin/python3
"""Reference values for lib/clv/fit_bg_bb.ts: the BG/BB model of Fader, Hardie and Shang (2010),
"Customer-base analysis in a discrete-time noncontractual setting", Marketing Science 29(6),
fitted with scipy on the paper's donation data (tests/fixtures/bgbb_donations.csv: 11,104 donors of
the 1995 cohort, 6 opportunities, tabulated by frequency and recency as in the paper and in
lifetimes' datasets/donations.csv), and the model's expressions evaluated at scipy's maximum:

- log-likelihood: equation 5 (a sum of beta functions);
- expected transactions of a new customer in n opportunities: equation 7;
- P(alive at n + 1 | x, t_x, n): equation 11;
- expected transactions in the next n* opportunities given (x, t_x, n): equation 13.

Run with Debian's Python (numpy 1.24, scipy 1.10):

    /usr/bin/python3 tests/reference/bgbb_reference.py > tests/fixtures/bgbb_reference.json
"""
import json
import sys

import numpy as np
import scipy
from scipy import optimize
from scipy.special import betaln, gammaln

rows = np.loadtxt("tests/fixtures/bgbb_donations.csv", delimiter=",", skiprows=1)
x, tx, n, w = rows.T


def loglik_rows(a, b, g, d, x, tx, n):
    out = np.empty(len(x))
    for k in range(len(x)):
        terms = [betaln(a + x[k], b + n[k] - x[k]) - betaln(a, b) + betaln(g, d + n[k]) - betaln(g, d)]
        for i in range(int(n[k] - tx[k])):
            terms.append(
                betaln(a + x[k], b + tx[k] - x[k] + i) - betaln(a, b)
                + betaln(g + 1, d + tx[k] + i) - betaln(g, d)
            )
        out[k] = np.logaddexp.reduce(terms)
    return out


def negll(z):
    a, b, g, d = np.exp(z)
    return -np.sum(w * loglik_rows(a, b, g, d, x, tx, n))


best = None
for method in ["Nelder-Mead", "L-BFGS-B"]:
    start = np.zeros(4) if best is None else best.x
    res = optimize.minimize(negll, start, method=method, options={"maxiter": 20000, "xatol": 1e-10, "fatol": 1e-12} if method == "Nelder-Mead" else {"maxiter": 20000, "gtol": 1e-10})
    if best is None or res.fun <= best.fun:
        best = res
a, b, g, d = np.exp(best.x)
ll = loglik_rows(a, b, g, d, x, tx, n)


def future(observed, t):
    return d / (g - 1) * np.exp(gammaln(g + d) - gammaln(1 + d)) * (
        np.exp(gammaln(1 + d + observed) - gammaln(g + d + observed))
        - np.exp(gammaln(1 + d + observed + t) - gammaln(g + d + observed + t))
    )


expected = {str(m): float(a / (a + b) * future(0, m)) for m in [1, 5, 6, 11]}
alive = np.exp(betaln(a + x, b + n - x) - betaln(a, b) + betaln(g, d + n + 1) - betaln(g, d) - ll)
conditional = np.exp(betaln(a + x + 1, b + n - x) - betaln(a, b) - ll) * future(n, 5)

json.dump(
    {
        "source": "tests/reference/bgbb_reference.py (numpy %s, scipy %s)" % (np.__version__, scipy.__version__),
        "published": {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783, "logLikelihood": -33225.6},
        "params": [float(v) for v in (a, b, g, d)],
        "logLikelihood": float(-best.fun),
        "expectedPurchases": expected,
        "probabilityAlive": [float(v) for v in alive],
        "conditionalExpectedPurchases5": [float(v) for v in conditional],
    },
    sys.stdout,
    indent=1,
)
print()
