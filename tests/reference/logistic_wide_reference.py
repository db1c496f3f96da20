#!/usr/bin/python3
"""Reference values for fitLogisticRegression at 80,000 x 20 (lib/churn/fit_logistic_regression.ts).

Run from the repository root with Debian's Python (scikit-learn 1.2.1, numpy 1.24):

    /usr/bin/python3 tests/reference/logistic_wide_reference.py

It writes tests/fixtures/logistic_wide_reference.json (commit it; the TypeScript test needs no
Python). The data are not stored: both languages generate them with the same integer generator
and the same exactly rounded operations (+, -, *, and division by 2^32), so the doubles agree
bit for bit. The generator is a 32-bit linear congruential generator,
`s -> (1664525 s + 1013904223) mod 2^32` (Numerical Recipes), starting from s = 20261203; each
draw is u = s / 2^32. Row by row, feature by feature (j = 0..19):
`z_j = (s1 + s2 + s3) / 2^32 - 1.5` from three draws (a sum of three uniforms, centred), and
`x_j = z_j + 0.5 z_{j-1}` (z_{-1} = 0), so neighbouring features are correlated. Then
`eta = 0.3 + sum_j b_j x_j` summed in order j = 0..19 with b_j = 0.5 ((j mod 5) - 2), one more
draw u and `y = 1 if eta + 4 (u - 0.5) > 0 else 0` (uniform noise, no transcendental function).

Reference: scikit-learn's `LogisticRegression(C=1.0, tol=1e-12, max_iter=10000,
solver="newton-cholesky")` (penalty "l2", l2 = 1 / C = 1, intercept unpenalised): coef_,
intercept_, predict_proba of the first 10 rows, and the standard errors as in
tests/reference/logistic_reference.py (square roots of the diagonal of the inverse penalised
Hessian at scikit-learn's solution, numpy). The script asserts that the penalised gradient at the
solution is below 1e-8.
"""

import json

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

M = 2**32
N, D = 80_000, 20
SEED = 20261203


def generate():
    state = SEED
    X = np.empty((N, D))
    y = np.empty(N, dtype=int)
    b = [0.5 * ((j % 5) - 2) for j in range(D)]
    for i in range(N):
        prev = 0.0
        eta = 0.3
        for j in range(D):
            s = 0
            for _ in range(3):
                state = (state * 1664525 + 1013904223) % M
                s += state
            z = s / M - 1.5
            x = z + 0.5 * prev
            prev = z
            X[i, j] = x
            eta = eta + b[j] * x
        state = (state * 1664525 + 1013904223) % M
        y[i] = 1 if eta + 4 * (state / M - 0.5) > 0 else 0
    return X, y


X, y = generate()
model = LogisticRegression(C=1.0, tol=1e-12, max_iter=10000, solver="newton-cholesky").fit(X, y)
params = np.concatenate([model.intercept_, model.coef_[0]])
A = np.column_stack([np.ones(N), X])
p = 1 / (1 + np.exp(-(A @ params)))
gradient = A.T @ (p - y) + np.concatenate([[0.0], params[1:]])
assert np.max(np.abs(gradient)) < 1e-8, gradient
H = A.T @ (A * (p * (1 - p))[:, None])
H[1:, 1:] += np.eye(D)
se = np.sqrt(np.diag(np.linalg.inv(H)))
out = {
    "generator": "tests/reference/logistic_wide_reference.py",
    "sklearn": sklearn.__version__,
    "model": "LogisticRegression(C=1.0, tol=1e-12, max_iter=10000, solver='newton-cholesky')",
    "n": N,
    "d": D,
    "seed": SEED,
    "positives": int(y.sum()),
    "first_row": [float(v) for v in X[0]],
    "last_row": [float(v) for v in X[-1]],
    "n_iter": int(model.n_iter_[0]),
    "max_abs_gradient": float(np.max(np.abs(gradient))),
    "coef": [float(v) for v in model.coef_[0]],
    "intercept": float(model.intercept_[0]),
    "predict_proba_first_rows": [float(v) for v in model.predict_proba(X[:10])[:, 1]],
    "standard_errors_intercept_first": [float(v) for v in se],
}
print(f"# scikit-learn {sklearn.__version__}, numpy {np.__version__}")
print(f"# {N} x {D}, {out['positives']} positives; n_iter {out['n_iter']}, "
      f"max |penalised gradient| {out['max_abs_gradient']:.3g}")
print("coef_ =", repr(out["coef"]))
print("intercept_ =", repr(out["intercept"]))
with open("tests/fixtures/logistic_wide_reference.json", "w") as f:
    json.dump(out, f)
    f.write("\n")
print("# written tests/fixtures/logistic_wide_reference.json")
