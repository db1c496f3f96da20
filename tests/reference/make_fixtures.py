"""Writes the small synthetic fixtures used by the segmentation tests (commit the output).

    /usr/bin/python3 tests/reference/make_fixtures.py

scikit-learn 1.2.1 (Debian bookworm). Values are rounded to 6 decimals so the CSV is exact in
both languages.
"""
import numpy as np
from sklearn.datasets import make_blobs

X, y = make_blobs(n_samples=600, centers=5, n_features=3, cluster_std=[0.6, 1.0, 1.5, 0.8, 2.0],
                  random_state=7)
X = np.round(X, 6)
with open("tests/fixtures/blobs_600.csv", "w") as f:
    f.write("x1,x2,x3,true_label\n")
    for row, label in zip(X, y):
        f.write(f"{row[0]:.6f},{row[1]:.6f},{row[2]:.6f},{label}\n")

# Two moons with noise, for DBSCAN (2-D).
from sklearn.datasets import make_moons
M, my = make_moons(n_samples=400, noise=0.08, random_state=3)
M = np.round(M, 6)
with open("tests/fixtures/moons_400.csv", "w") as f:
    f.write("x,y,true_label\n")
    for row, label in zip(M, my):
        f.write(f"{row[0]:.6f},{row[1]:.6f},{label}\n")
print("written")
