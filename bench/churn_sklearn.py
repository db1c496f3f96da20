"""scikit-learn peer for bench/churn.ts: fit both churn models on prepared CSVs and time them.

    /usr/bin/python3 bench/churn_sklearn.py TRAIN.csv TEST.csv TARGET REPEATS EARLY_STOPPING [MODELS]

Every column except TARGET is a feature, already encoded and scaled exactly as our models see it.
- LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-8): the solver that matches our
  fitLogisticRegression to 1e-12 (tests/reference/logistic_reference.py); the default lbfgs is
  timed too.
- HistGradientBoostingClassifier(max_iter=200, early_stopping=EARLY_STOPPING ("1"/"0"),
  random_state=0), other options at their defaults (learning_rate 0.1, max_leaf_nodes 31,
  min_samples_leaf 20, max_bins 255).
MODELS: comma-separated subset of logistic, lbfgs, boosting (default: all three), so that
bench/churn.ts can alternate single fits of each side. Prints JSON with the fit times and test ROC
AUCs. scikit-learn 1.2.1 (Debian), all cores (its default: OpenMP for the boosting, the BLAS
threads for the linear algebra).
"""
import json
import sys
import time

import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

train, test, target = sys.argv[1], sys.argv[2], sys.argv[3]
repeats, early = int(sys.argv[4]), sys.argv[5] == "1"
models = sys.argv[6].split(",") if len(sys.argv) > 6 else ["logistic", "lbfgs", "boosting"]
tr, te = pd.read_csv(train), pd.read_csv(test)
X, y = tr.drop(columns=[target]).to_numpy(float), tr[target].to_numpy()
Xt, yt = te.drop(columns=[target]).to_numpy(float), te[target].to_numpy()
out = {"logistic": [], "lbfgs": [], "boosting": []}
for _ in range(repeats):
    if "logistic" in models:
        t0 = time.perf_counter()
        lr = LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-8, max_iter=1000).fit(X, y)
        out["logistic"].append(time.perf_counter() - t0)
    if "lbfgs" in models:
        t0 = time.perf_counter()
        LogisticRegression(C=1.0, max_iter=1000).fit(X, y)
        out["lbfgs"].append(time.perf_counter() - t0)
    if "boosting" in models:
        t0 = time.perf_counter()
        gb = HistGradientBoostingClassifier(max_iter=200, early_stopping=early, random_state=0)
        gb.fit(X, y)
        out["boosting"].append(time.perf_counter() - t0)
if "logistic" in models:
    out["logistic_auc"] = roc_auc_score(yt, lr.predict_proba(Xt)[:, 1])
    out["logistic_params"] = [float(lr.intercept_[0])] + [float(v) for v in lr.coef_[0]]
if "boosting" in models:
    out["boosting_auc"] = roc_auc_score(yt, gb.predict_proba(Xt)[:, 1])
    out["boosting_iterations"] = int(gb.n_iter_)
print(json.dumps(out))
