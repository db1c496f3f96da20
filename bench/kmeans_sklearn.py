"""scikit-learn peer for bench/segmentation.ts.

    /usr/bin/python3 bench/kmeans_sklearn.py make DATA.csv        # 100,000 x 4 blobs
    /usr/bin/python3 bench/kmeans_sklearn.py kmeans DATA.csv REPEATS
    /usr/bin/python3 bench/kmeans_sklearn.py silhouette DATA.csv LABELS.csv REPEATS

Prints JSON: {"seconds": [...], "inertia": ...} (kmeans) or {"seconds": [...], "score": ...}.
scikit-learn 1.2.1 from Debian; threads: its default (both cores).
"""
import json
import sys
import time

import numpy as np
import pandas as pd

mode = sys.argv[1]
if mode == "make":
    from sklearn.datasets import make_blobs
    X, _ = make_blobs(n_samples=100_000, centers=8, n_features=4, cluster_std=1.5, random_state=0)
    pd.DataFrame(np.round(X, 6), columns=["f1", "f2", "f3", "f4"]).to_csv(sys.argv[2], index=False)
    sys.exit(0)

X = pd.read_csv(sys.argv[2]).to_numpy(float)
if mode == "kmeans":
    from sklearn.cluster import KMeans
    repeats = int(sys.argv[3])
    seconds, inertia = [], None
    for r in range(repeats):
        t0 = time.perf_counter()
        km = KMeans(n_clusters=8, n_init=10, algorithm="lloyd", random_state=r).fit(X)
        seconds.append(time.perf_counter() - t0)
        inertia = km.inertia_
    print(json.dumps({"seconds": seconds, "inertia": inertia}))
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
