#!/usr/bin/python3
"""Reference values for lib/clv/customer_lifetime_value.ts: lifetimes' customer_lifetime_value
algorithm, re-implemented with scipy (lifetimes is not installable here: PyPI is not reachable),
at the scipy maximum-likelihood parameters committed in tests/fixtures/clv_reference.json (BG/NBD
on data/cdnow_customers_summary.csv, Gamma-Gamma on the 946 repeat customers of
data/cdnow_customers_summary_with_transactions.csv).

lifetimes 0.11 (`lifetimes/utils.py::_customer_lifetime_value`): for steps i = 1..time, with
`factor` time units per step,

    clv += monetary * (predict(i * factor) - predict((i - 1) * factor)) / (1 + d) ** i

where `predict` is the BG/NBD conditional expectation E[Y(t) | x, t_x, T] (Fader, Hardie and Lee
2005, equation 10) and `monetary` Gamma-Gamma's conditional expected average profit (FHL 2005 JMR,
equation 5). Here factor = 30 / 7 weeks (a 30-day month in weeks), time = 12, d = 0.01.

    /usr/bin/python3 tests/reference/clv_value_reference.py > tests/fixtures/clv_value_reference.json
"""
import json

import numpy as np
import pandas as pd
import scipy
from scipy import special

ref = json.load(open("tests/fixtures/clv_reference.json"))
r, alpha, a, b = ref["bgnbd"]["params"]
p, q, v = ref["gammaGamma"]["params"]
df = pd.read_csv("data/cdnow_customers_summary_with_transactions.csv")
x, tx, T, zbar = (df[c].to_numpy(float) for c in ["x", "t_x", "T", "zbar"])


def predict(t):
    """FHL 2005 equation 10."""
    if t == 0:
        return np.zeros_like(x)
    c = a + b + x - 1
    hyp = special.hyp2f1(r + x, b + x, c, t / (alpha + T + t))
    numerator = c / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp)
    odds = np.where(x > 0, a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x), 0.0)
    return numerator / (1 + odds)


spend = np.where(x > 0, p * (v + x * zbar) / (p * x + q - 1), p * v / (q - 1))
FACTOR, TIME, RATE = 30 / 7, 12, 0.01
clv = np.zeros_like(x)
for i in range(1, TIME + 1):
    clv += spend * (predict(i * FACTOR) - predict((i - 1) * FACTOR)) / (1 + RATE) ** i

json.dump(
    {
        "source": "tests/reference/clv_value_reference.py (numpy %s, scipy %s, pandas %s)"
        % (np.__version__, scipy.__version__, pd.__version__),
        "horizonWeeks": FACTOR * TIME,
        "discountPeriodWeeks": FACTOR,
        "discountRate": RATE,
        "first": [float(c) for c in clv[:20]],
        "total": float(clv.sum()),
        "max": float(clv.max()),
        "expectedSpend": [float(s) for s in spend[:20]],
    },
    __import__("sys").stdout,
    indent=1,
)
print()
