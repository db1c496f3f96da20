#!/usr/bin/python3
"""Reference values for the classifier evaluation metrics in lib/evaluate.

Run from the repository root with Debian's Python (scikit-learn 1.2.1, numpy 1.24, pandas 1.5.3):

    /usr/bin/python3 tests/reference/evaluate_reference.py

It writes tests/fixtures/evaluate_cases.json (commit it; the TypeScript tests read it and need no
Python). For each case it stores the inputs `y` (0/1) and `scores`, and scikit-learn's output of:

- `roc_auc_score(y, scores)` and `average_precision_score(y, scores)`;
- `roc_curve(y, scores)` (default drop_intermediate=True; 1.2.1 sets the first threshold to
  `thresholds[1] + 1`, not `inf` as 1.3+ does);
- `precision_recall_curve(y, scores)` (1.2.1: every threshold, plus the final precision 1 /
  recall 0 point that has no threshold);
- `calibration_curve(y, scores, n_bins=b, strategy=s)` for b in (10, 5) and both strategies,
  with the bin edges numpy computes inside it (`np.linspace(0, 1, b + 1)` or
  `np.percentile(scores, np.linspace(0, 1, b + 1) * 100)`), the 0-based bin of each non-empty bin
  (`np.searchsorted(edges[1:-1], scores)`) and its row count (`np.bincount`);
- `brier_score_loss(y, scores)`, `log_loss(y, scores)` (1.2.1 default eps="auto", i.e.
  `np.finfo(np.float64).eps`) and `log_loss(y, scores, eps=1e-15)` (the pre-1.2 default);
- `confusion_matrix(y, scores >= t)` with `precision_score`, `recall_score`, `f1_score`
  (zero_division=0) and `accuracy_score` at a few thresholds;
- a gains table computed independently with pandas (stable sort by score descending, then
  `np.array_split` of the row order into 10 bins: the first n % 10 bins get one extra row).

Single-class cases are not given to roc_auc_score (it raises ValueError) and the curves.

Every number is also printed with repr() (17 significant digits) so the JSON can be compared by
eye; JSON floats written by Python's json module round-trip exactly.
"""

import json
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    log_loss,
    precision_recall_curve,
    precision_score,
    recall_score,
    roc_auc_score,
    roc_curve,
)

print(f"# scikit-learn {sklearn.__version__}, numpy {np.__version__}, pandas {pd.__version__}")

rng = np.random.RandomState(20240611)


def logistic(x):
    return 1.0 / (1.0 + np.exp(-x))


def tied_case(n, decimals, seed):
    """A weak churn-like model: y ~ Bernoulli(p), scores = a noisy p rounded (many ties)."""
    r = np.random.RandomState(seed)
    x = r.normal(size=n)
    p = logistic(-1.0 + 1.5 * x)
    y = (r.uniform(size=n) < p).astype(int)
    scores = np.clip(np.round(logistic(-1.0 + 1.2 * x + r.normal(scale=0.8, size=n)), decimals),
                     0.0, 1.0)
    return y, scores


cases_in = []
y, s = tied_case(200, 1, 1)
cases_in.append(("tied_200", "200 rows, scores rounded to 1 decimal (many ties)", y, s))
y, s = tied_case(201, 2, 2)
cases_in.append(("tied_201", "201 rows, scores rounded to 2 decimals", y, s))
y, s = tied_case(500, 17, 3)
cases_in.append(("continuous_500", "500 rows, unrounded scores (few or no ties)", y, s))
cases_in.append((
    "hand_8",
    "tiny hand case with a three-way tie at 0.4",
    np.array([0, 0, 1, 1, 0, 1, 0, 1]),
    np.array([0.1, 0.4, 0.35, 0.8, 0.4, 0.7, 0.2, 0.4]),
))
cases_in.append((
    "all_equal",
    "every score 0.5: AUC 0.5, AP = positive rate",
    np.array([0, 1, 1, 0, 0, 1, 0, 0, 0, 1]),
    np.full(10, 0.5),
))
cases_in.append((
    "separated",
    "perfectly separated: AUC 1, AP 1",
    np.array([0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1]),
    np.array([0.05, 0.1, 0.2, 0.3, 0.9, 0.85, 0.95, 0.35, 0.6, 0.7, 0.4, 0.65]),
))
cases_in.append((
    "extremes",
    "scores of exactly 0 and 1 (log loss clipping) and a wrong confident prediction",
    np.array([0, 1, 1, 0, 1, 0, 0, 1, 0, 1]),
    np.array([0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.3, 0.7, 0.5, 0.5]),
))
cases_in.append((
    "reversed",
    "scores ranked backwards: AUC 0",
    np.array([1, 1, 1, 0, 0, 0]),
    np.array([0.1, 0.2, 0.3, 0.7, 0.8, 0.9]),
))


def calibration(y, scores, n_bins, strategy):
    prob_true, prob_pred = calibration_curve(y, scores, n_bins=n_bins, strategy=strategy)
    # The same edges and bin ids as inside calibration_curve (sklearn/calibration.py, 1.2.1).
    if strategy == "quantile":
        edges = np.percentile(scores, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        edges = np.linspace(0.0, 1.0, n_bins + 1)
    binids = np.searchsorted(edges[1:-1], scores)
    total = np.bincount(binids, minlength=len(edges))
    nonzero = np.nonzero(total)[0]
    return {
        "n_bins": n_bins,
        "strategy": strategy,
        "edges": edges.tolist(),
        "bin": nonzero.tolist(),
        "count": total[nonzero].tolist(),
        "prob_true": prob_true.tolist(),
        "prob_pred": prob_pred.tolist(),
    }


def gains(y, scores, bins=10):
    df = pd.DataFrame({"y": y, "score": scores})
    order = df.sort_values("score", ascending=False, kind="mergesort").index.to_numpy()
    parts = np.array_split(order, bins)
    rate = df["y"].mean()
    rows = []
    cum_n = cum_pos = 0
    for b, idx in enumerate(parts, start=1):
        pos = int(df["y"].to_numpy()[idx].sum())
        cum_n += len(idx)
        cum_pos += pos
        rows.append({
            "bin": b,
            "customers": len(idx),
            "positives": pos,
            "positive_rate": pos / len(idx),
            "cumulative_customers_share": cum_n / len(df),
            "cumulative_positives_share": cum_pos / df["y"].sum(),
            "lift": (pos / len(idx)) / rate,
            "cumulative_lift": (cum_pos / cum_n) / rate,
        })
    return rows


cases = []
for name, note, y, scores in cases_in:
    y = np.asarray(y, dtype=np.int64)
    scores = np.asarray(scores, dtype=np.float64)
    fpr, tpr, roc_thresholds = roc_curve(y, scores)
    precision, recall, pr_thresholds = precision_recall_curve(y, scores)
    case = {
        "name": name,
        "note": note,
        "y": y.tolist(),
        "scores": scores.tolist(),
        "roc_auc_score": float(roc_auc_score(y, scores)),
        "average_precision_score": float(average_precision_score(y, scores)),
        "roc_curve": {
            "fpr": fpr.tolist(),
            "tpr": tpr.tolist(),
            "thresholds": roc_thresholds.tolist(),
        },
        "precision_recall_curve": {
            "precision": precision.tolist(),
            "recall": recall.tolist(),
            "thresholds": pr_thresholds.tolist(),
        },
        "calibration_curve": [
            calibration(y, scores, b, s) for b in (10, 5) for s in ("uniform", "quantile")
        ],
        "brier_score_loss": float(brier_score_loss(y, scores)),
        "log_loss": float(log_loss(y, scores)),
        "log_loss_eps_1e-15": float(log_loss(y, scores, eps=1e-15)),
        "confusion": [],
        # lib/evaluate's gainsTable rejects more bins than rows, so small cases have none.
        "gains_table": gains(y, scores) if len(y) >= 10 else None,
    }
    for t in (0.0, 0.3, 0.5, 0.75, 2.0):
        pred = (scores >= t).astype(int)
        tn, fp, fn, tp = confusion_matrix(y, pred, labels=[0, 1]).ravel()
        case["confusion"].append({
            "threshold": t,
            "tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn),
            "precision": float(precision_score(y, pred, zero_division=0)),
            "recall": float(recall_score(y, pred, zero_division=0)),
            "f1": float(f1_score(y, pred, zero_division=0)),
            "accuracy": float(accuracy_score(y, pred)),
        })
    print(f"{name} (n={len(y)}, positives={int(y.sum())}): "
          f"roc_auc_score={case['roc_auc_score']!r} "
          f"average_precision_score={case['average_precision_score']!r} "
          f"brier_score_loss={case['brier_score_loss']!r} log_loss={case['log_loss']!r} "
          f"roc_curve points={len(fpr)} precision_recall_curve thresholds={len(pr_thresholds)}")
    cases.append(case)

# Single-class samples: what scikit-learn 1.2.1 does (lib/evaluate throws RangeError instead).
single = {}
for label in (0, 1):
    y = np.full(25, label)
    scores = np.linspace(0.0, 1.0, 25)
    try:
        roc_auc_score(y, scores)
        auc = "no error"
    except ValueError as error:
        auc = f"ValueError: {error}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ap = float(average_precision_score(y, scores))
    single[f"all_{label}"] = {"roc_auc_score": auc, "average_precision_score": ap,
                              "brier_score_loss": float(brier_score_loss(y, scores))}
    print(f"single class all {label}: roc_auc_score -> {auc}; average_precision_score -> {ap!r}")

with open("tests/fixtures/evaluate_cases.json", "w") as f:
    json.dump({
        "generator": "tests/reference/evaluate_reference.py",
        "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__,
                     "pandas": pd.__version__},
        "cases": cases,
        "single_class": single,
    }, f, indent=1)
    f.write("\n")
print("wrote tests/fixtures/evaluate_cases.json")
