#!/usr/bin/python3
"""Reference values for fitLogisticRegression (lib/churn/fit_logistic_regression.ts).

Run from the repository root with Debian's Python (scikit-learn 1.2.1, numpy 1.24, scipy 1.10,
pandas 1.5.3):

    /usr/bin/python3 tests/reference/logistic_reference.py

It writes (commit the output; the TypeScript tests read these files and need no Python):

- tests/fixtures/logistic_data.csv: 500 rows, features x1..x4 and a 0/1 target y, drawn with a
  fixed numpy seed (`default_rng(20240501)`): correlated normal features with different scales, a
  logistic model with intercept -0.4 and coefficients (1.2, -0.8, 0.5, 0.0). Every value is
  rounded to 6 decimals so both languages read exactly the same doubles.
- tests/fixtures/logistic_separable.csv: 40 rows (x1, x2, y) that a line separates perfectly.
- tests/fixtures/logistic_reference.json: for each case, scikit-learn's
  `LogisticRegression(C=1/l2, tol=1e-12, max_iter=10000, solver="newton-cholesky")` (penalty
  "l2", intercept unpenalised), or `penalty=None` for l2 = 0, with `coef_`, `intercept_`,
  `predict_proba(X)[:, 1]` for the first 10 rows and standard errors. The script asserts that
  the penalised gradient at the solution is below 1e-8 (it is ~1e-12 or less). lbfgs (the
  default solver) stops earlier even with tol=1e-12 (up to ~1e-4 away here, recorded as
  `lbfgs_max_abs_difference`), so it is not the reference.

Standard errors: statsmodels is not installed on these machines (and PyPI is not reachable), so
they are computed here with numpy as the square roots of the diagonal of the inverse of the
penalised Hessian `X'WX + l2 * diag(0, 1, ..., 1)` (X with a leading column of ones for the
intercept, W = p(1 - p)) at scikit-learn's solution. With l2 = 0 this is exactly what statsmodels'
`Logit(y, add_constant(X)).fit().bse` computes (the inverse observed Fisher information at the
maximum-likelihood estimate). z = coef / se and two-sided p = 2 * norm.sf(|z|) (scipy).

Telco case: data/WA_Fn-UseC_-Telco-Customer-Churn.csv; the 11 rows whose TotalCharges is blank
(tenure 0) are dropped, leaving 7,032 rows. Features: `tenure`, `MonthlyCharges`, `TotalCharges`
standardised with the population standard deviation (ddof = 0, as StandardScaler and the
library's fitStandardScaler do); `SeniorCitizen` (0/1 as is); `Partner`, `Dependents`,
`PaperlessBilling`, `PhoneService` as 1 for "Yes", 0 otherwise; `Contract` and `InternetService`
one-hot encoded with the first (sorted) category dropped, named like the library's
fitOneHotEncoder (`Contract_one_year`, `Contract_two_year`, `InternetService_fiber_optic`,
`InternetService_no`). Target `Churn` = 1 for "Yes". Fitted at l2 = 1.

Every number is also printed with repr() (17 significant digits); JSON floats written by Python's
json module round-trip exactly.
"""

import json

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.stats import norm
from sklearn.linear_model import LogisticRegression

print(f"# scikit-learn {sklearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__}, "
      f"pandas {pd.__version__}")
try:
    import statsmodels  # noqa: F401
    print("# statsmodels is installed but not used: standard errors come from numpy (see docstring)")
except ImportError:
    print("# statsmodels is not installed: standard errors come from numpy (see docstring)")

# ---------------------------------------------------------------- synthetic data
rng = np.random.default_rng(20240501)
n = 500
z = rng.normal(size=(n, 4))
X = np.empty((n, 4))
X[:, 0] = z[:, 0]
X[:, 1] = 0.6 * z[:, 0] + 0.8 * z[:, 1]  # correlated with x1
X[:, 2] = 2.0 * z[:, 2] + 1.0  # different scale and mean
X[:, 3] = 0.5 * z[:, 3]
X = np.round(X, 6)
eta = -0.4 + X @ np.array([1.2, -0.8, 0.5, 0.0])
y = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(int)
with open("tests/fixtures/logistic_data.csv", "w") as f:
    f.write("x1,x2,x3,x4,y\n")
    for row, label in zip(X, y):
        f.write(",".join(f"{v:.6f}" for v in row) + f",{label}\n")
print(f"# logistic_data.csv: {n} rows, {y.sum()} positives")

# A perfectly separable set: y = 1 exactly when x1 + 0.5 x2 > 0.2, with a gap around the line.
rs = np.random.default_rng(7)
S = np.round(rs.uniform(-2, 2, size=(200, 2)), 6)
score = S[:, 0] + 0.5 * S[:, 1] - 0.2
S = S[np.abs(score) > 0.3][:40]
ys = (S[:, 0] + 0.5 * S[:, 1] - 0.2 > 0).astype(int)
with open("tests/fixtures/logistic_separable.csv", "w") as f:
    f.write("x1,x2,y\n")
    for row, label in zip(S, ys):
        f.write(f"{row[0]:.6f},{row[1]:.6f},{label}\n")
print(f"# logistic_separable.csv: {len(S)} rows, {ys.sum()} positives")


def fit(X, y, l2, solver="newton-cholesky"):
    if l2 == 0:
        model = LogisticRegression(penalty=None, tol=1e-12, max_iter=10000, solver=solver)
    else:
        model = LogisticRegression(C=1 / l2, tol=1e-12, max_iter=10000, solver=solver)
    return model.fit(X, y)


def penalised_gradient(X, y, params, l2):
    """Gradient of sum(log-loss) + l2/2 ||w||^2 (intercept first): ~0 at the optimum."""
    A = np.column_stack([np.ones(len(X)), X])
    p = 1 / (1 + np.exp(-(A @ params)))
    return A.T @ (p - y) + l2 * np.concatenate([[0.0], params[1:]])


def standard_errors(X, coef, intercept, l2):
    A = np.column_stack([np.ones(len(X)), X])
    p = 1 / (1 + np.exp(-(A @ np.concatenate([[intercept], coef]))))
    H = A.T @ (A * (p * (1 - p))[:, None])
    H[1:, 1:] += l2 * np.eye(X.shape[1])
    return np.sqrt(np.diag(np.linalg.inv(H)))


def case(name, X, y, features, l2, note, rows=10):
    model = fit(X, y, l2)
    other = fit(X, y, l2, solver="lbfgs")
    params = np.concatenate([model.intercept_, model.coef_[0]])
    params_lbfgs = np.concatenate([other.intercept_, other.coef_[0]])
    gradient = penalised_gradient(X, y, params, l2)
    assert np.max(np.abs(gradient)) < 1e-8, (name, gradient)
    se = standard_errors(X, model.coef_[0], model.intercept_[0], l2)
    zs = params / se
    out = {
        "name": name,
        "note": note,
        "features": features,
        "l2": l2,
        "sklearn": (f"LogisticRegression(penalty=None, tol=1e-12, max_iter=10000, "
                    f"solver='newton-cholesky')" if l2 == 0 else
                    f"LogisticRegression(C={1 / l2!r}, tol=1e-12, max_iter=10000, "
                    f"solver='newton-cholesky')"),
        "n_iter": int(model.n_iter_[0]),
        "max_abs_gradient": float(np.max(np.abs(gradient))),
        "lbfgs_max_abs_difference": float(np.max(np.abs(params - params_lbfgs))),
        "coef": [float(v) for v in model.coef_[0]],
        "intercept": float(model.intercept_[0]),
        "predict_proba_first_rows": [float(v) for v in model.predict_proba(X[:rows])[:, 1]],
        "standard_errors_intercept_first": [float(v) for v in se],
        "z_intercept_first": [float(v) for v in zs],
        "p_values_intercept_first": [float(v) for v in 2 * norm.sf(np.abs(zs))],
    }
    print(f"\n# {name} (l2 = {l2!r}, sklearn n_iter {out['n_iter']})")
    print(f"# max |penalised gradient| {out['max_abs_gradient']:.3g}; lbfgs (tol=1e-12) differs "
          f"by up to {out['lbfgs_max_abs_difference']:.3g}")
    print("coef_ =", repr(model.coef_[0].tolist()))
    print("intercept_ =", repr(float(model.intercept_[0])))
    print("predict_proba[:10, 1] =", repr(out["predict_proba_first_rows"]))
    print("standard errors (intercept first) =", repr(out["standard_errors_intercept_first"]))
    print("p-values (intercept first) =", repr(out["p_values_intercept_first"]))
    return out


cases = []
for l2 in [1.0, 0.1, 10.0, 0.0]:
    cases.append(case(f"synthetic_l2_{l2:g}", X, y, ["x1", "x2", "x3", "x4"], l2,
                      "tests/fixtures/logistic_data.csv"))
for l2 in [1.0, 0.1]:
    cases.append(case(f"separable_l2_{l2:g}", S, ys, ["x1", "x2"], l2,
                      "tests/fixtures/logistic_separable.csv (perfectly separable)"))

# ---------------------------------------------------------------- Telco
telco = pd.read_csv("data/WA_Fn-UseC_-Telco-Customer-Churn.csv")
blank = telco["TotalCharges"].str.strip() == ""
assert blank.sum() == 11
telco = telco[~blank].copy()
telco["TotalCharges"] = telco["TotalCharges"].astype(float)
features = {}
for col in ["tenure", "MonthlyCharges", "TotalCharges"]:
    x = telco[col].to_numpy(dtype=float)
    features[col] = (x - x.mean()) / x.std(ddof=0)
features["SeniorCitizen"] = telco["SeniorCitizen"].to_numpy(dtype=float)
for col in ["Partner", "Dependents", "PaperlessBilling", "PhoneService"]:
    features[col] = (telco[col] == "Yes").to_numpy(dtype=float)
for value, name in [("One year", "Contract_one_year"), ("Two year", "Contract_two_year")]:
    features[name] = (telco["Contract"] == value).to_numpy(dtype=float)
for value, name in [("Fiber optic", "InternetService_fiber_optic"),
                    ("No", "InternetService_no")]:
    features[name] = (telco["InternetService"] == value).to_numpy(dtype=float)
names = list(features)
XT = np.column_stack([features[k] for k in names])
yT = (telco["Churn"] == "Yes").to_numpy(dtype=int)
cases.append(case("telco_l2_1", XT, yT, names, 1.0,
                  "data/WA_Fn-UseC_-Telco-Customer-Churn.csv, 11 blank TotalCharges rows dropped; "
                  "tenure, MonthlyCharges, TotalCharges standardised (ddof = 0); Yes/No as 1/0; "
                  "Contract and InternetService one-hot, first sorted category dropped"))

with open("tests/fixtures/logistic_reference.json", "w") as f:
    json.dump({"generator": "tests/reference/logistic_reference.py", "sklearn": sklearn.__version__,
               "cases": cases}, f)
    f.write("\n")
print("\n# written tests/fixtures/logistic_reference.json")
