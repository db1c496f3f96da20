"""Reference values for lib/segmentation/fit_gaussian_mixture.ts from scikit-learn.

Run with Debian's Python (scikit-learn 1.2.1, numpy 1.24):

    /usr/bin/python3 tests/reference/gaussian_mixture_reference.py

It writes tests/fixtures/gmm_data.csv (300 rows, 2 features, three Gaussian groups with
different shapes and sizes, seeded) and prints tests/fixtures/gmm_reference.json: for k = 3 with
"full" and "diag" covariances, GaussianMixture(n_components=3, covariance_type=...,
n_init=20, tol=1e-10, max_iter=5000, reg_covar=1e-6, random_state=0) fitted to convergence, and
its total log-likelihood (score(X) * n), bic(X), aic(X), weights and means (components sorted
by the first mean coordinate). Also k = 1 (a single Gaussian: a closed form, no optimum to find).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture

here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.join(here, "..", "fixtures")

rng = np.random.default_rng(20261203)
a = rng.multivariate_normal([0, 0], [[1.0, 0.6], [0.6, 1.0]], 140)
b = rng.multivariate_normal([5, 1], [[0.5, 0.0], [0.0, 2.0]], 100)
c = rng.multivariate_normal([2, 6], [[1.5, -0.7], [-0.7, 0.8]], 60)
X = np.round(np.vstack([a, b, c]), 6)
with open(os.path.join(fixtures, "gmm_data.csv"), "w") as f:
    f.write("x1,x2\n")
    for row in X:
        f.write(f"{row[0]:.6f},{row[1]:.6f}\n")
X = np.loadtxt(os.path.join(fixtures, "gmm_data.csv"), delimiter=",", skiprows=1)

cases = []
for k, cov in [(3, "full"), (3, "diag"), (1, "full"), (1, "diag")]:
    gm = GaussianMixture(
        n_components=k,
        covariance_type=cov,
        n_init=20,
        tol=1e-10,
        max_iter=5000,
        reg_covar=1e-6,
        random_state=0,
    ).fit(X)
    order = np.argsort(gm.means_[:, 0])
    cases.append({
        "k": k,
        "covariance": cov,
        "converged": bool(gm.converged_),
        "log_likelihood": float(gm.score(X) * X.shape[0]),
        "bic": float(gm.bic(X)),
        "aic": float(gm.aic(X)),
        "weights": gm.weights_[order].tolist(),
        "means": gm.means_[order].tolist(),
    })
print(json.dumps({"sklearn": sklearn.__version__, "n": int(X.shape[0]), "cases": cases}, indent=1))
