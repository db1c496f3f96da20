#!/usr/bin/python3
"""Reference values for crossValidatedProbabilities (lib/evaluate/cross_validated_probabilities.ts).

Run from the repository root with Debian's Python (scikit-learn 1.2.1, numpy 1.24):

    /usr/bin/python3 tests/reference/cross_validation_reference.py

It reads tests/fixtures/logistic_data.csv (500 rows, x1..x4, y; written by logistic_reference.py),
draws fold ids 0-4 with numpy (`default_rng(20261203).permutation(500) % 5`) and writes
tests/fixtures/cross_validation_reference.json with the fold ids and scikit-learn's

    cross_val_predict(LogisticRegression(C=1, tol=1e-12, max_iter=10000,
                      solver="newton-cholesky"), X, y, cv=PredefinedSplit(fold_ids),
                      method="predict_proba")[:, 1]

(the library's fitLogisticRegression with l2 = 1 is the same model: L2 penalty, unpenalised
intercept), and, for comparison, the in-sample probabilities of one model fitted on all rows.
JSON floats written by Python's json module round-trip exactly.
"""

import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import PredefinedSplit, cross_val_predict

print(f"# scikit-learn {sklearn.__version__}, numpy {np.__version__}")
data = pd.read_csv("tests/fixtures/logistic_data.csv")
X = data[["x1", "x2", "x3", "x4"]].to_numpy()
y = data["y"].to_numpy()
fold_ids = np.random.default_rng(20261203).permutation(len(data)) % 5
model = LogisticRegression(C=1.0, tol=1e-12, max_iter=10000, solver="newton-cholesky")
oof = cross_val_predict(model, X, y, cv=PredefinedSplit(fold_ids), method="predict_proba")[:, 1]
in_sample = model.fit(X, y).predict_proba(X)[:, 1]
out = {
    "sklearn": "cross_val_predict(LogisticRegression(C=1.0, tol=1e-12, max_iter=10000, "
               "solver='newton-cholesky'), X, y, cv=PredefinedSplit(fold_ids), "
               "method='predict_proba')[:, 1]",
    "features": ["x1", "x2", "x3", "x4"],
    "target": "y",
    "l2": 1.0,
    "fold_ids": [int(v) for v in fold_ids],
    "out_of_fold": [float(v) for v in oof],
    "in_sample": [float(v) for v in in_sample],
}
with open("tests/fixtures/cross_validation_reference.json", "w") as f:
    json.dump(out, f)
print(f"# out-of-fold mean {oof.mean()!r}, max |oof - in-sample| {np.abs(oof - in_sample).max()!r}")
