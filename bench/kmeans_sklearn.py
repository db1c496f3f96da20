"""scikit-learn peer for bench/segmentation.ts.

    /usr/bin/python3 bench/kmeans_sklearn.py make DATA.csv [ROWS]     # ROWS x 4 blobs (100,000)
    /usr/bin/python3 bench/kmeans_sklearn.py kmeans DATA.csv REPEATS [N_INIT [SEED]]
    /usr/bin/python3 bench/kmeans_sklearn.py silhouette DATA.csv LABELS.csv REPEATS

Prints JSON: {"seconds": [...], "inertia": ..., "threads": ...} (kmeans) or
{"seconds": [...], "score": ...} (silhouette). scikit-learn 1.2.1 from Debian; threads: its
default, every core through OpenMP (reported as "threads", from threadpoolctl when available).
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd


def openmp_threads():
    try:
        from threadpoolctl import threadpool_info

        return max((p["num_threads"] for p in threadpool_info() if p["user_api"] == "openmp"),
                   default=None)
    except Exception:
        return os.cpu_count()


mode = sys.argv[1]
if mode == "make":
    from sklearn.datasets import make_blobs
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    X, _ = make_blobs(n_samples=rows, centers=8, n_features=4, cluster_std=1.5, random_state=0)
    pd.DataFrame(np.round(X, 6), columns=["f1", "f2", "f3", "f4"]).to_csv(sys.argv[2], index=False)
    sys.exit(0)

X = pd.read_csv(sys.argv[2]).to_numpy(float)
if mode == "kmeans":
    from sklearn.cluster import KMeans
    repeats = int(sys.argv[3])
    n_init = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    seconds, inertia = [], None
    for r in range(repeats):
        t0 = time.perf_counter()
        km = KMeans(n_clusters=8, n_init=n_init, algorithm="lloyd", random_state=seed + r).fit(X)
        seconds.append(time.perf_counter() - t0)
        inertia = km.inertia_
    print(json.dumps({"seconds": seconds, "inertia": inertia, "threads": openmp_threads()}))
elif mode == "silhouette":
    from sklearn.metrics import silhouette_score
    labels = pd.read_csv(sys.argv[3])["label"].to_numpy()
    repeats = int(sys.argv[4])
    X = X[: len(labels)]
    seconds, score = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        score = silhouette_score(X, labels)
        seconds.append(time.perf_counter() - t0)
    print(json.dumps({"seconds": seconds, "score": score}))
