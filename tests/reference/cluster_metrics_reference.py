#!/usr/bin/python3
"""Reference values for the cluster metrics, DBSCAN and k-distance in lib/segmentation.

Run from the repository root with Debian's Python (scikit-learn 1.2.1, numpy 1.24, pandas 1.5.3):

    /usr/bin/python3 tests/reference/cluster_metrics_reference.py

It writes (commit the output; the TypeScript tests read these files and need no Python):

- tests/fixtures/cluster_reference_metrics.json: for each case, the input labels (k-means labels
  from `KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict`, the fixtures' `true_label`
  column, or hand-made labels) with `silhouette_score`, `silhouette_samples`,
  `davies_bouldin_score` and `calinski_harabasz_score` (sklearn.metrics, euclidean).
- tests/fixtures/cluster_reference_dbscan.json: `DBSCAN(eps, min_samples).fit(X)` `labels_` and
  `core_sample_indices_` for several settings, including one where a border point lies within eps
  of core points of two clusters and one where eps equals an exact inter-point distance.
- tests/fixtures/cluster_reference_kdistance.json: the k-th nearest-neighbour distance of each
  point, the point itself excluded, i.e. `NearestNeighbors(n_neighbors=k + 1).kneighbors(X)`
  distances column k (sklearn counts the point itself as neighbour 0), sorted descending.

Every number is also printed with repr() (17 significant digits) so the JSON can be compared by
eye; JSON floats written by Python's json module round-trip exactly.
"""

import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import DBSCAN, KMeans
from sklearn.metrics import (
    calinski_harabasz_score,
    davies_bouldin_score,
    silhouette_samples,
    silhouette_score,
)
from sklearn.neighbors import NearestNeighbors

print(f"# scikit-learn {sklearn.__version__}, numpy {np.__version__}, pandas {pd.__version__}")

INCOME, SCORE, AGE = "Annual Income (k$)", "Spending Score (1-100)", "Age"
mall = pd.read_csv("data/Mall_Customers.csv")
blobs = pd.read_csv("tests/fixtures/blobs_600.csv")
moons = pd.read_csv("tests/fixtures/moons_400.csv")
frames = {
    "data/Mall_Customers.csv": mall,
    "tests/fixtures/blobs_600.csv": blobs,
    "tests/fixtures/moons_400.csv": moons,
}


def matrix(file, features):
    return frames[file][features].to_numpy(dtype=np.float64)


def kmeans_labels(X, k):
    return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(X)


# ---------------------------------------------------------------- metrics
metric_cases = []


def metric_case(name, file, features, labels, note):
    X = matrix(file, features)
    labels = np.asarray(labels, dtype=np.int64)
    case = {
        "name": name,
        "file": file,
        "features": features,
        "note": note,
        "labels": labels.tolist(),
        "silhouette_score": float(silhouette_score(X, labels)),
        "davies_bouldin_score": float(davies_bouldin_score(X, labels)),
        "calinski_harabasz_score": float(calinski_harabasz_score(X, labels)),
        "silhouette_samples": silhouette_samples(X, labels).tolist(),
    }
    print(f"{name}: silhouette_score={case['silhouette_score']!r} "
          f"davies_bouldin_score={case['davies_bouldin_score']!r} "
          f"calinski_harabasz_score={case['calinski_harabasz_score']!r}")
    metric_cases.append(case)


MALL = "data/Mall_Customers.csv"
BLOBS = "tests/fixtures/blobs_600.csv"
MOONS = "tests/fixtures/moons_400.csv"

metric_case("mall_income_score_kmeans5", MALL, [INCOME, SCORE],
            kmeans_labels(matrix(MALL, [INCOME, SCORE]), 5),
            "KMeans(n_clusters=5, n_init=10, random_state=0).fit_predict")
metric_case("mall_age_income_score_kmeans6", MALL, [AGE, INCOME, SCORE],
            kmeans_labels(matrix(MALL, [AGE, INCOME, SCORE]), 6),
            "KMeans(n_clusters=6, n_init=10, random_state=0).fit_predict")
metric_case("blobs_true_label", BLOBS, ["x1", "x2", "x3"], blobs["true_label"].to_numpy(),
            "the fixture's true_label column")
metric_case("blobs_kmeans4", BLOBS, ["x1", "x2", "x3"],
            kmeans_labels(matrix(BLOBS, ["x1", "x2", "x3"]), 4),
            "KMeans(n_clusters=4, n_init=10, random_state=0).fit_predict")
metric_case("moons_true_label", MOONS, ["x", "y"], moons["true_label"].to_numpy(),
            "the fixture's true_label column")
# Hand-made: labels 7, -1 and 3 (unsorted, one negative: -1 is an ordinary label for the metrics)
# by row number modulo 3, plus a singleton cluster 42 at row 0 (its silhouette is 0).
hand = np.array([(7, -1, 3)[i % 3] for i in range(len(mall))])
hand[0] = 42
metric_case("mall_income_score_hand_singleton", MALL, [INCOME, SCORE], hand,
            "labels (7, -1, 3)[row % 3], row 0 relabelled 42 (a singleton)")

# ---------------------------------------------------------------- DBSCAN
dbscan_cases = []


def dbscan_case(name, file, features, eps, min_samples, note):
    X = matrix(file, features)
    model = DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    labels = model.labels_
    case = {
        "name": name,
        "file": file,
        "features": features,
        "eps": eps,
        "min_samples": min_samples,
        "note": note,
        "n_clusters": int(labels.max() + 1),
        "labels": labels.tolist(),
        "core_sample_indices": model.core_sample_indices_.tolist(),
    }
    print(f"{name}: eps={eps!r} min_samples={min_samples} n_clusters={case['n_clusters']} "
          f"noise={int((labels == -1).sum())} core={len(case['core_sample_indices'])}")
    print("  labels=" + "".join("." if v < 0 else chr(ord("0") + v) if v < 10 else "+"
                                for v in labels))
    dbscan_cases.append(case)
    return model


def contested_border_points(X, eps, model):
    """Non-core points within eps of core points of at least two different clusters."""
    core = np.zeros(len(X), dtype=bool)
    core[model.core_sample_indices_] = True
    d2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    out = []
    for i in np.where(~core & (model.labels_ >= 0))[0]:
        near = np.where((d2[i] <= eps * eps) & core)[0]
        if len(set(model.labels_[near].tolist())) >= 2:
            out.append(int(i))
    return out


dbscan_case("moons_eps0.2_min5", MOONS, ["x", "y"], 0.2, 5, "well separated moons")
dbscan_case("moons_eps0.1_min6", MOONS, ["x", "y"], 0.1, 6, "tight: many clusters and noise")
dbscan_case("blobs_eps1.0_min8", BLOBS, ["x1", "x2", "x3"], 1.0, 8, "3-D")
dbscan_case("mall_eps10_min5", MALL, [INCOME, SCORE], 10.0, 5, "integer data")
dbscan_case("mall_eps1_min1", MALL, [INCOME, SCORE], 1.0, 1,
            "min_samples=1: every point is core, no noise")

# A border point contested by two clusters: search a small deterministic grid on Mall.
Xm = matrix(MALL, [INCOME, SCORE])
contested_setting = None
for eps in [4.0, 5.0, 6.0, 7.0, 8.0, 9.0]:
    for min_samples in [3, 4, 5, 6]:
        m = DBSCAN(eps=eps, min_samples=min_samples).fit(Xm)
        points = contested_border_points(Xm, eps, m)
        if points:
            contested_setting = (eps, min_samples, points)
            break
    if contested_setting:
        break
assert contested_setting, "no contested border point found"
eps, min_samples, points = contested_setting
dbscan_case(f"mall_eps{eps:g}_min{min_samples}_contested", MALL, [INCOME, SCORE], eps,
            min_samples, f"border points {points} (0-based rows) are within eps of core points "
            "of two clusters; sklearn gives them the first cluster that reaches them")
dbscan_cases[-1]["contested_rows"] = points
print(f"  contested border rows: {points}")

# eps equal to an exact inter-point distance (integer data, axis-aligned and 3-4-5 pairs): the
# neighbourhood is inclusive (distance <= eps), so shrinking eps by a hair must change the result.
# The first setting of a small deterministic list (other than the contested one) that shows it.
d2 = ((Xm[:, None, :] - Xm[None, :, :]) ** 2).sum(axis=2)
exact_setting = None
for eps in [6.0, 7.0, 8.0, 4.0, 3.0]:
    for min_samples in [5, 4, 6, 3]:
        if (eps, min_samples) == contested_setting[:2]:
            continue
        exact_pairs = int(((d2 == eps * eps).sum()) // 2)
        base = DBSCAN(eps=eps, min_samples=min_samples).fit(Xm)
        shrunk = DBSCAN(eps=eps - 1e-9, min_samples=min_samples).fit(Xm)
        if exact_pairs > 0 and (
            (base.labels_ != shrunk.labels_).any()
            or len(base.core_sample_indices_) != len(shrunk.core_sample_indices_)
        ):
            exact_setting = (eps, min_samples, exact_pairs)
            break
    if exact_setting:
        break
assert exact_setting, "no setting where eps equal to a distance matters"
eps, min_samples, exact_pairs = exact_setting
dbscan_case(f"mall_eps{eps:g}_min{min_samples}_exact", MALL, [INCOME, SCORE], eps, min_samples,
            f"{exact_pairs} pairs are exactly eps apart; eps - 1e-9 gives different labels")
dbscan_cases[-1]["exact_pairs"] = exact_pairs
dbscan_case(f"mall_eps{eps:g}-1e-9_min{min_samples}_exact", MALL, [INCOME, SCORE], eps - 1e-9,
            min_samples, "the same pairs are now just outside eps")

# ---------------------------------------------------------------- k-distance
kdistance_cases = []
for name, file, features, k in [
    ("moons_k4", MOONS, ["x", "y"], 4),
    ("mall_income_score_k4", MALL, [INCOME, SCORE], 4),
    ("blobs_k7", BLOBS, ["x1", "x2", "x3"], 7),
]:
    X = matrix(file, features)
    dist, _ = NearestNeighbors(n_neighbors=k + 1).fit(X).kneighbors(X)
    k_distance = np.sort(dist[:, k])[::-1]
    kdistance_cases.append({
        "name": name, "file": file, "features": features, "k": k,
        "note": f"NearestNeighbors(n_neighbors={k + 1}).fit(X).kneighbors(X)[0][:, {k}], "
                "sorted descending",
        "k_distance": k_distance.tolist(),
    })
    print(f"{name}: max={k_distance[0]!r} median={float(np.median(k_distance))!r}")

for path, cases in [
    ("tests/fixtures/cluster_reference_metrics.json", metric_cases),
    ("tests/fixtures/cluster_reference_dbscan.json", dbscan_cases),
    ("tests/fixtures/cluster_reference_kdistance.json", kdistance_cases),
]:
    with open(path, "w") as f:
        json.dump({"generator": "tests/reference/cluster_metrics_reference.py",
                   "sklearn": sklearn.__version__, "cases": cases}, f)
        f.write("\n")
    print(f"wrote {path}")
