#!/usr/bin/python3
"""Reference intervals for bootstrapMetric (lib/evaluate/bootstrap_metric.ts).

Run from the repository root with Debian's Python (scipy 1.10, scikit-learn 1.2.1):

    /usr/bin/python3 tests/reference/bootstrap_reference.py

For the cases "continuous_500" and "tied_200" of tests/fixtures/evaluate_cases.json, it computes
95% percentile bootstrap intervals of ROC AUC and average precision with

    scipy.stats.bootstrap((y, scores), statistic, paired=True, vectorized=False,
                          n_resamples=20000, method="percentile", random_state=20261203)

(rows resampled as a whole, not stratified), and writes them to
tests/fixtures/bootstrap_reference.json. scipy draws with numpy's generator and the library with
its own, so the TypeScript test compares within Monte Carlo error (0.01), not exactly; at 20,000
resamples the endpoints' Monte Carlo standard error is about 0.002 here. A resample with one class
makes ROC AUC undefined; at these sizes and base rates it does not happen (the script checks).
"""

import json

import numpy as np
import scipy
import sklearn
from scipy.stats import bootstrap
from sklearn.metrics import average_precision_score, roc_auc_score

print(f"# scipy {scipy.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__}")
with open("tests/fixtures/evaluate_cases.json") as f:
    raw = json.load(f)
cases = raw["cases"] if isinstance(raw, dict) else raw
out = {"method": "scipy.stats.bootstrap(paired=True, method='percentile', n_resamples=20000, "
                  "confidence_level=0.95, random_state=20261203)", "cases": []}
for case in cases:
    if case["name"] not in ("continuous_500", "tied_200"):
        continue
    y = np.asarray(case["y"], dtype=int)
    s = np.asarray(case["scores"], dtype=float)
    entry = {"name": case["name"], "n": int(len(y)), "positives": int(y.sum())}
    for metric, fn in (("roc_auc", roc_auc_score), ("average_precision", average_precision_score)):
        def statistic(yy, ss, fn=fn):
            if yy.min() == yy.max():
                raise RuntimeError("one-class resample")
            return fn(yy, ss)
        res = bootstrap((y, s), statistic, paired=True, vectorized=False, n_resamples=20000,
                        method="percentile", confidence_level=0.95, random_state=20261203)
        entry[metric] = {
            "estimate": float(fn(y, s)),
            "lower": float(res.confidence_interval.low),
            "upper": float(res.confidence_interval.high),
            "standard_error": float(res.standard_error),
        }
        print(f"# {case['name']} {metric}: {entry[metric]}")
    out["cases"].append(entry)
with open("tests/fixtures/bootstrap_reference.json", "w") as f:
    json.dump(out, f, indent=1)
