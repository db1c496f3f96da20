#!/usr/bin/python3
"""Reference values for lib/clv tests: the CDNOW calibration summary rebuilt with pandas, and
maximum-likelihood fits of BG/NBD, Gamma-Gamma and Pareto/NBD with scipy, written to
tests/fixtures/clv_reference.json.

Run with Debian's Python (numpy 1.24, scipy 1.10, pandas 1.5.3):

    /usr/bin/python3 tests/reference/clv_reference.py > tests/fixtures/clv_reference.json

lifetimes is not installed here (PyPI is not reachable), so its two summary functions are
re-implemented with pandas after lifetimes 0.11 (`lifetimes/utils.py`), with `freq="D"` (purchases
on the same day merged) and `freq_multiplier=7` (weeks as days / 7), and the log-likelihoods are
written out from the papers:

- BG/NBD: Fader, Hardie and Lee (2005), "Counting your customers the easy way", Marketing Science
  24(2), equation 6 (lifetimes' `BetaGeoFitter._negative_log_likelihood`);
- Pareto/NBD: Fader and Hardie (2005), "A note on deriving the Pareto/NBD model and related
  expressions", equations 22-24, with scipy.special.hyp2f1;
- Modified BG/NBD: Batislam, Denizel and Filiztekin (2007), IJRM 24(3) (lifetimes'
  `ModifiedBetaGeoFitter._negative_log_likelihood`);
- Gamma-Gamma: Fader, Hardie and Lee (2005), "RFM and CLV: using iso-value curves for customer
  base analysis", JMR 42(4), density of the mean spend zbar of x transactions (lifetimes'
  `GammaGammaFitter`).

Each fit: scipy.optimize.minimize in log-parameter space, Nelder-Mead then L-BFGS-B from its
result (the better of the two is kept). Every number is written with repr() (17 digits).
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy import optimize, special

DATA = "data/"

# ------------------------------------------------------------------ summary (pandas)


def summary(tx, as_of, unit_days):
    """lifetimes' summary_data_from_transaction_data(freq="D", freq_multiplier=unit_days)."""
    tx = tx[tx["date"] <= as_of].copy()
    days = tx.groupby(["id", "date"], sort=True)["value"].sum().reset_index()
    days["first"] = ~days.duplicated("id")
    g = days.groupby("id")["date"].agg(["min", "max", "count"])
    out = pd.DataFrame(index=g.index)
    out["frequency"] = g["count"] - 1
    out["recency"] = (g["max"] - g["min"]).dt.days / unit_days
    out["T"] = (as_of - g["min"]).dt.days / unit_days
    repeat = days[~days["first"]]
    out["monetary_value"] = repeat.groupby("id")["value"].mean().reindex(out.index).fillna(0)
    return out


def holdout(tx, calibration_end, observation_end, unit_days):
    """calibration_and_holdout_data, but monetary_holdout is the mean of per-day sums."""
    cal = summary(tx, calibration_end, unit_days)
    h = tx[(tx["date"] > calibration_end) & (tx["date"] <= observation_end)]
    hd = h.groupby(["id", "date"])["value"].sum().reset_index()
    cal["frequency_holdout"] = hd.groupby("id").size().reindex(cal.index).fillna(0)
    cal["monetary_holdout"] = hd.groupby("id")["value"].mean().reindex(cal.index).fillna(0)
    cal["duration_holdout"] = (observation_end - calibration_end).days / unit_days
    return cal


def read_sample():
    rows = []
    with open(DATA + "CDNOW_sample.txt") as f:
        for line in f:
            parts = line.split()
            if parts:
                rows.append((int(parts[1]), parts[2], float(parts[4])))
    tx = pd.DataFrame(rows, columns=["id", "ymd", "value"])
    tx["date"] = pd.to_datetime(tx["ymd"], format="%Y%m%d")
    return tx


tx = read_sample()
CAL_END = pd.Timestamp("1997-09-30")
OBS_END = pd.Timestamp("1998-06-30")
weeks = holdout(tx, CAL_END, OBS_END, 7.0)
published = pd.read_csv(DATA + "cdnow_customers_summary.csv").set_index("ID")
published_tx = pd.read_csv(DATA + "cdnow_customers_summary_with_transactions.csv").set_index("ID")
rebuilt_matches = {
    "frequency": bool((weeks["frequency"] == published["frequency"]).all()),
    "recency": float((weeks["recency"] - published["recency"]).abs().max()),
    "T": float((weeks["T"] - published["T"]).abs().max()),
    "monetary_value": float((weeks["monetary_value"] - published_tx["zbar"]).abs().max()),
}


def totals(df):
    return {c: float(df[c].sum()) for c in df.columns}


def first_rows(df, n=5):
    return [{"id": int(i), **{c: float(df.loc[i, c]) for c in df.columns}} for i in df.index[:n]]


# ------------------------------------------------------------------ likelihoods


def bgnbd_ll(params, x, tx_, T):
    r, alpha, a, b = params
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a2 = special.gammaln(a + b) + special.gammaln(b + x) - special.gammaln(b) - special.gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx_), -np.inf)
    return float(np.sum(a1 + a2 + np.logaddexp(a3, a4)))


def pareto_ll(params, x, tx_, T):
    r, alpha, s, beta = params
    maxab = max(alpha, beta)
    absab = abs(alpha - beta)
    param2 = s + 1 if alpha >= beta else r + x
    rsx = r + s + x
    f1 = special.hyp2f1(rsx, param2, rsx + 1, absab / (maxab + tx_))
    f2 = special.hyp2f1(rsx, param2, rsx + 1, absab / (maxab + T))
    a0 = f1 / (maxab + tx_) ** rsx - f2 / (maxab + T) ** rsx
    head = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    inner = 1.0 / ((alpha + T) ** (r + x) * (beta + T) ** s) + s / rsx * a0
    return float(np.sum(head + np.log(inner)))


def mbgnbd_ll(params, x, tx_, T):
    """Modified BG/NBD (Batislam, Denizel and Filiztekin 2007; lifetimes' ModifiedBetaGeoFitter)."""
    r, alpha, a, b = params
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a2 = special.gammaln(a + b) + special.gammaln(b + x + 1) - special.gammaln(b) - special.gammaln(a + b + x + 1)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.log(a) - np.log(b + x) + (r + x) * (np.log(alpha + T) - np.log(alpha + tx_))
    return float(np.sum(a1 + a2 + a3 + np.logaddexp(a4, 0)))


def gg_ll(params, x, m):
    p, q, v = params
    return float(np.sum(
        special.gammaln(p * x + q) - special.gammaln(p * x) - special.gammaln(q) + q * np.log(v)
        + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(x * m + v)
    ))


def fit(ll, start):
    neg = lambda z: -ll(np.exp(z))
    best = None
    for method in ("Nelder-Mead", "L-BFGS-B"):
        x0 = np.log(start) if best is None else best.x
        opts = {"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000, "maxfev": 40000} if method == "Nelder-Mead" else {"ftol": 1e-15, "gtol": 1e-10, "maxiter": 10000}
        res = optimize.minimize(neg, x0, method=method, options=opts)
        if best is None or res.fun <= best.fun:
            best = res
    return {"params": [float(v) for v in np.exp(best.x)], "logLikelihood": float(-best.fun)}


x = published["frequency"].to_numpy(float)
t_x = published["recency"].to_numpy(float)
T = published["T"].to_numpy(float)
bg = fit(lambda p: bgnbd_ll(p, x, t_x, T), [1.0, 1.0, 1.0, 1.0])
pnbd = fit(lambda p: pareto_ll(p, x, t_x, T), [1.0, 1.0, 1.0, 1.0])
mbg = fit(lambda p: mbgnbd_ll(p, x, t_x, T), [1.0, 1.0, 1.0, 1.0])
rep = published_tx[published_tx["x"] > 0]
gg = fit(lambda p: gg_ll(p, rep["x"].to_numpy(float), rep["zbar"].to_numpy(float)), [1.0, 1.0, 1.0])
# The log-likelihoods at the published parameters, for comparison.
at_published = {
    "bgnbd": bgnbd_ll([0.243, 4.414, 0.793, 2.426], x, t_x, T),
    "paretoNbd": pareto_ll([0.553, 10.578, 0.606, 11.669], x, t_x, T),
    "gammaGamma": gg_ll([6.25, 3.74, 15.44], rep["x"].to_numpy(float), rep["zbar"].to_numpy(float)),
}
# 2F1 spot values (scipy.special.hyp2f1), for the TypeScript implementation's tests.
hyp_cases = [
    (1.0, 1.0, 2.0, 0.5), (0.243, 2.426, 2.219, 0.9), (2.243, 4.426, 4.219, 0.5),
    (3.159, 1.606, 4.159, 0.08), (0.5, 0.5, 1.5, 0.99), (10.5, 3.2, 11.5, 0.97),
    (1.2, 3.4, 5.6, 0.0), (20.6, 21.6, 21.6, 0.3), (0.553, 1.606, 2.159, 0.999),
]
hyp = [{"a": a, "b": b, "c": c, "z": z, "value": float(special.hyp2f1(a, b, c, z))} for a, b, c, z in hyp_cases]



def bgnbd_methods(params):
    """FHL 2005 equations 8, 9 and 10 and P(alive), at the scipy fit, for the first customers."""
    r, alpha, a, b = params
    t = 39.0
    expected = (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * special.hyp2f1(r, b, a + b - 1, t / (alpha + t)))
    rows = published.iloc[:5]
    out = []
    for _, row in rows.iterrows():
        x_, tx_, T_ = row["frequency"], row["recency"], row["T"]
        odds = (a / (b + x_ - 1)) * ((alpha + T_) / (alpha + tx_)) ** (r + x_) if x_ > 0 else 0.0
        cond = ((a + b + x_ - 1) / (a - 1)) * (1 - ((alpha + T_) / (alpha + T_ + t)) ** (r + x_) * special.hyp2f1(r + x_, b + x_, a + b + x_ - 1, t / (alpha + T_ + t))) / (1 + odds)
        out.append({"frequency": float(x_), "recency": float(tx_), "T": float(T_), "conditionalExpectedPurchases39": float(cond), "probabilityAlive": float(1 / (1 + odds))})
    probs = []
    for n in range(4):
        first = np.exp(special.betaln(a, b + n) - special.betaln(a, b) + special.gammaln(r + n) - special.gammaln(r) - special.gammaln(n + 1) + r * np.log(alpha / (alpha + t)) + n * np.log(t / (alpha + t)))
        if n > 0:
            partial = sum(np.exp(special.gammaln(r + j) - special.gammaln(r) - special.gammaln(j + 1)) * (alpha / (alpha + t)) ** r * (t / (alpha + t)) ** j for j in range(n))
            first += np.exp(special.betaln(a + 1, b + n - 1) - special.betaln(a, b)) * (1 - partial)
        probs.append(float(first))
    return {"t": t, "expectedPurchases": float(expected), "customers": out, "probabilityOfPurchases": probs}


def standard_errors(ll, params, h=1e-4):
    """Delta-method standard errors from a central-difference Hessian in log-parameters."""
    z0 = np.log(params)
    k = len(z0)
    f = lambda z: -ll(np.exp(z))
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            e_i = np.eye(k)[i] * h
            e_j = np.eye(k)[j] * h
            H[i, j] = (f(z0 + e_i + e_j) - f(z0 + e_i - e_j) - f(z0 - e_i + e_j) + f(z0 - e_i - e_j)) / (4 * h * h)
    cov = np.linalg.inv(H)
    return [float(v) for v in np.asarray(params) * np.sqrt(np.diag(cov))]


bg["standardErrors"] = standard_errors(lambda p: bgnbd_ll(p, x, t_x, T), bg["params"])
bg["methods"] = bgnbd_methods(bg["params"])
gg["standardErrors"] = standard_errors(lambda p: gg_ll(p, rep["x"].to_numpy(float), rep["zbar"].to_numpy(float)), gg["params"])
p_, q_, v_ = gg["params"]
gg["conditionalExpectedAverageProfit"] = [
    float(p_ * v_ / (q_ - 1)) if xx == 0 else float(p_ * (v_ + xx * zz) / (p_ * xx + q_ - 1))
    for xx, zz in zip(published_tx["x"].iloc[:5], published_tx["zbar"].iloc[:5])
]
gg["frequencySpendCorrelation"] = float(np.corrcoef(rep["x"], rep["zbar"])[0, 1])


def pareto_methods(params):
    """Fader and Hardie (2005) note: P(alive), E[X(t)] and E[Y(t) | x, t_x, T], with hyp2f1."""
    r, alpha, s, beta = params
    t = 39.0
    out = []
    for _, row in published.iloc[:5].iterrows():
        x_, tx_, T_ = row["frequency"], row["recency"], row["T"]
        maxab, absab = max(alpha, beta), abs(alpha - beta)
        param2 = s + 1 if alpha >= beta else r + x_
        rsx = r + s + x_
        a0 = special.hyp2f1(rsx, param2, rsx + 1, absab / (maxab + tx_)) / (maxab + tx_) ** rsx - special.hyp2f1(rsx, param2, rsx + 1, absab / (maxab + T_)) / (maxab + T_) ** rsx
        alive = 1 / (1 + s / rsx * (alpha + T_) ** (r + x_) * (beta + T_) ** s * a0)
        cond = (r + x_) * (beta + T_) / ((alpha + T_) * (s - 1)) * (1 - ((beta + T_) / (beta + T_ + t)) ** (s - 1)) * alive
        out.append({"frequency": float(x_), "recency": float(tx_), "T": float(T_), "conditionalExpectedPurchases39": float(cond), "probabilityAlive": float(alive)})
    expected = r * beta / (alpha * (s - 1)) * (1 - (beta / (beta + t)) ** (s - 1))
    return {"t": t, "expectedPurchases": float(expected), "customers": out}


pnbd["standardErrors"] = standard_errors(lambda p: pareto_ll(p, x, t_x, T), pnbd["params"])
pnbd["methods"] = pareto_methods(pnbd["params"])


def mbg_methods(params):
    """lifetimes' ModifiedBetaGeoFitter formulas, at the scipy fit."""
    r, alpha, a, b = params
    t = 39.0
    out = []
    for _, row in published.iloc[:5].iterrows():
        x_, tx_, T_ = row["frequency"], row["recency"], row["T"]
        odds = (a / (b + x_)) * ((alpha + T_) / (alpha + tx_)) ** (r + x_)
        cond = (a + b + x_) / (a - 1) * (1 - special.hyp2f1(r + x_, b + x_ + 1, a + b + x_, t / (alpha + T_ + t)) * ((alpha + T_) / (alpha + t + T_)) ** (r + x_)) / (1 + odds)
        out.append({"conditionalExpectedPurchases39": float(cond), "probabilityAlive": float(1 / (1 + odds))})
    expected = b / (a - 1) * (1 - special.hyp2f1(r, b + 1, a + b, t / (alpha + t)) * (alpha / (alpha + t)) ** r)
    return {"t": t, "expectedPurchases": float(expected), "customers": out}


mbg["standardErrors"] = standard_errors(lambda p: mbgnbd_ll(p, x, t_x, T), mbg["params"])
mbg["methods"] = mbg_methods(mbg["params"])
days = summary(tx, CAL_END, 1.0)
json.dump({
    "source": "tests/reference/clv_reference.py (numpy %s, scipy %s, pandas %s)" % (np.__version__, __import__("scipy").__version__, pd.__version__),
    "summary": {
        "rebuiltMatchesPublished": rebuilt_matches,
        "weeksHoldout": {"calibrationEnd": "1997-09-30", "observationEnd": "1998-06-30", "n": int(len(weeks)), "totals": totals(weeks), "firstRows": first_rows(weeks)},
        "daysAsOf": {"asOf": "1997-09-30", "n": int(len(days)), "totals": totals(days), "firstRows": first_rows(days)},
    },
    "bgnbd": bg,
    "paretoNbd": pnbd,
    "modifiedBgNbd": mbg,
    "gammaGamma": {**gg, "n": int(len(rep))},
    "atPublished": at_published,
    "hyp2f1": hyp,
}, sys.stdout, indent=1)
print()
