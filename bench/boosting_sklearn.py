"""scikit-learn peer for the gradient-boosting benchmark (lib/churn/fit_gradient_boosting.ts).

    /usr/bin/python3 bench/boosting_sklearn.py make DATA.csv         # 100,000 x 20, binary
    /usr/bin/python3 bench/boosting_sklearn.py fit DATA.csv REPEATS

`make` writes make_classification(n_samples=100_000, n_features=20, random_state=0) rounded to 6
decimals (exact in both languages) as columns f1..f20 and y. `fit` trains
HistGradientBoostingClassifier(max_iter=200, early_stopping=False, random_state=0) (every other
option at its default: learning_rate 0.1, max_leaf_nodes 31, min_samples_leaf 20, max_bins 255,
l2_regularization 0) on the first 80,000 rows, REPEATS times, and prints JSON
{"seconds": [...], "auc": ...}: the fit times and the ROC AUC on the last 20,000 rows.
scikit-learn 1.2.1 from Debian on /usr/bin/python3; threads: its default (OpenMP, every core).
"""
import json
import sys
import time

import numpy as np
import pandas as pd

mode = sys.argv[1]
if mode == "make":
    from sklearn.datasets import make_classification
    X, y = make_classification(n_samples=100_000, n_features=20, random_state=0)
    df = pd.DataFrame(np.round(X, 6), columns=[f"f{j + 1}" for j in range(20)])
    df["y"] = y
    df.to_csv(sys.argv[2], index=False, float_format="%.6f")
    sys.exit(0)

if mode == "fit":
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import roc_auc_score
    df = pd.read_csv(sys.argv[2])
    repeats = int(sys.argv[3])
    X = df[[f"f{j + 1}" for j in range(20)]].to_numpy(float)
    y = df["y"].to_numpy(int)
    X_train, y_train, X_test, y_test = X[:80_000], y[:80_000], X[80_000:], y[80_000:]
    seconds, auc = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        model = HistGradientBoostingClassifier(max_iter=200, early_stopping=False, random_state=0)
        model.fit(X_train, y_train)
        seconds.append(time.perf_counter() - t0)
        auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
    print(json.dumps({"seconds": seconds, "auc": auc}))
    sys.exit(0)

sys.exit(f"unknown mode {mode!r}: use make or fit")
