"""Reference inertia for fitKMeans from scikit-learn's KMeans.

    /usr/bin/python3 tests/reference/kmeans_reference.py

Debian bookworm: scikit-learn 1.2.1, numpy 1.24. For each dataset and k, ten fits of
KMeans(n_clusters=k, n_init=10, init="k-means++", algorithm="lloyd", random_state=s),
s = 0..9, on the raw features (no scaling). Printed: the ten inertias' median and maximum, with
repr(); pasted into lib/segmentation/fit_kmeans_test.ts. k-means has many local optima on some of
these (the Mall data with k = 2 or 8), so one fit of either library is luck; the test compares
medians over ten seeds, and requires every seed to reach scikit-learn's median x 1.001 where the
optimum is easy to find.
"""
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans

mall = pd.read_csv("data/Mall_Customers.csv")
mall_x = mall[["Annual Income (k$)", "Spending Score (1-100)"]].to_numpy(float)
mall_3 = mall[["Age", "Annual Income (k$)", "Spending Score (1-100)"]].to_numpy(float)
blobs = pd.read_csv("tests/fixtures/blobs_600.csv")[["x1", "x2", "x3"]].to_numpy(float)

for name, X, ks in [("mall_income_score", mall_x, [2, 3, 4, 5, 6, 8]),
                    ("mall_age_income_score", mall_3, [4, 6]),
                    ("blobs_600", blobs, [3, 5, 8])]:
    for k in ks:
        r = [KMeans(n_clusters=k, n_init=10, init="k-means++", algorithm="lloyd",
                    random_state=s).fit(X).inertia_ for s in range(10)]
        print(f'["{name}", {k}, {np.median(r)!r}, {max(r)!r}],')
