#!/usr/bin/python3
"""Reference values for lib/survival tests: Kaplan-Meier, Greenwood, log-log bands, log-rank and
monthly / weekly cohort retention, computed independently of the TypeScript code.

Run with Debian's Python (numpy 1.24, scipy 1.10, pandas 1.5.3):

    /usr/bin/python3 tests/reference/survival_reference.py
    # with the Online Retail cohort section (the CSV export of the bundled Parquet file):
    deno run --allow-read --allow-write --allow-ffi --allow-env --allow-sys \
        bench/export_online_retail_csv.ts /tmp/online_retail.csv
    /usr/bin/python3 tests/reference/survival_reference.py /tmp/online_retail.csv

lifelines and R are not installed here (PyPI is not reachable), so the estimators are written out
with numpy, straight from their textbook definitions (Kleinbaum & Klein, "Survival Analysis: A
Self-Learning Text", 3rd ed., 2012, chapter 2; Klein & Moeschberger, "Survival Analysis", 2nd ed.,
2003, sections 4.2 and 7.3):

- product-limit: S(t) = prod over event times t_j <= t of (1 - d_j / n_j), n_j = #{duration >= t_j};
- Greenwood: se(S(t)) = S(t) * sqrt(sum d_j / (n_j (n_j - d_j)));
- log-log band (R survfit conf.type="log-log", lifelines' default, Stata's sts list):
  S(t) ** exp(+-z * sqrt(sum d/(n(n-d))) / log S(t)), z = norm.ppf((1 + confidence) / 2);
- log-rank: U = O - E over the first K-1 groups, V_gh = sum d (n-d)/(n-1) n_g/n (delta_gh - n_h/n),
  statistic = U' V^-1 U ~ chi-square with K-1 df (p from scipy.stats.chi2.sf).

The small data sets below are copied into lib/survival/_test_fixtures.ts; keep them in step.
Every number is printed with repr() (17 significant digits).
"""
import re
import sys

import numpy as np
from scipy import stats

print(f"# numpy {np.__version__}, scipy {__import__('scipy').__version__}")

# ------------------------------------------------------------------ data
# Freireich et al. (1963) leukaemia remission, weeks; 1 = relapse, 0 = censored (Gehan 1965;
# Kleinbaum & Klein table 2.1 / Klein & Moeschberger table 1.1).
FREIREICH = {
    "6-MP": (
        [6, 6, 6, 7, 10, 13, 16, 22, 23, 6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35],
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ),
    "placebo": (
        [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23],
        [1] * 21,
    ),
}
# A small churn table: tenure in months (fractional, zeros, ties of events and censorings, one
# plan whose last customer churns so S reaches 0).
PLANS = {
    "basic": ([0, 0, 1.5, 3, 3, 3, 5, 7, 7, 10], [1, 0, 1, 1, 0, 1, 0, 1, 1, 0]),
    "plus": ([2, 4, 4, 6, 6, 8, 9, 12], [0, 1, 1, 0, 1, 0, 1, 1]),
    "pro": ([1, 5, 5, 11, 11, 11, 14], [0, 0, 1, 1, 0, 0, 0]),
}


def kaplan_meier(durations, events, confidence=0.95):
    t = np.asarray(durations, dtype=float)
    e = np.asarray(events, dtype=bool)
    times = np.unique(np.concatenate([[0.0], t]))
    n = np.array([(t >= s).sum() for s in times], dtype=float)
    d = np.array([((t == s) & e).sum() for s in times], dtype=float)
    c = np.array([((t == s) & ~e).sum() for s in times], dtype=float)
    surv = np.cumprod(1.0 - d / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        gw = np.cumsum(np.where(d > 0, d / (n * (n - d)), 0.0))
        se = surv * np.sqrt(gw)
        z = stats.norm.ppf((1 + confidence) / 2)
        log_s = np.log(surv)
        lower = surv ** np.exp(-z * np.sqrt(gw) / log_s)
        upper = surv ** np.exp(z * np.sqrt(gw) / log_s)
    one = surv == 1.0
    lower[one], upper[one] = 1.0, 1.0
    zero = surv == 0.0
    se[zero], lower[zero], upper[zero] = np.nan, np.nan, np.nan
    return times, n, d, c, surv, se, lower, upper


def median(times, surv):
    below = np.nonzero(surv <= 0.5)[0]
    return None if len(below) == 0 else times[below[0]]


def log_rank(groups):
    names = list(groups)
    t = np.concatenate([np.asarray(groups[g][0], dtype=float) for g in names])
    e = np.concatenate([np.asarray(groups[g][1], dtype=bool) for g in names])
    g = np.concatenate([np.full(len(groups[k][0]), i) for i, k in enumerate(names)])
    k = len(names)
    observed, expected = np.zeros(k), np.zeros(k)
    var = np.zeros((k, k))
    for s in np.unique(t[e]):
        at_risk = t >= s
        n = at_risk.sum()
        d = ((t == s) & e).sum()
        ng = np.array([(at_risk & (g == i)).sum() for i in range(k)], dtype=float)
        dg = np.array([((t == s) & e & (g == i)).sum() for i in range(k)], dtype=float)
        observed += dg
        expected += d * ng / n
        if n > 1:
            p = ng / n
            var += d * (n - d) / (n - 1) * (np.diag(p) - np.outer(p, p))
    u = (observed - expected)[: k - 1]
    statistic = float(u @ np.linalg.solve(var[: k - 1, : k - 1], u))
    return statistic, float(stats.chi2.sf(statistic, k - 1)), observed, expected


def show_km(label, groups, confidence=0.95):
    print(f"\n## kaplanMeier {label}, confidence {confidence!r}")
    for name, (durations, events) in groups.items():
        times, n, d, c, surv, se, lower, upper = kaplan_meier(durations, events, confidence)
        print(f"group {name!r}")
        print("time", repr(times.tolist()))
        print("at_risk", repr(n.astype(int).tolist()))
        print("events", repr(d.astype(int).tolist()))
        print("censored", repr(c.astype(int).tolist()))
        print("survival", repr(surv.tolist()))
        print("std_error", repr(se.tolist()))
        print("lower", repr(lower.tolist()))
        print("upper", repr(upper.tolist()))
        print("median", repr(median(times, surv)))


def show_log_rank(label, groups):
    statistic, p, observed, expected = log_rank(groups)
    print(f"\n## logRankTest {label}")
    print("statistic", repr(statistic))
    print("pValue", repr(p))
    print("observed", repr(observed.tolist()))
    print("expected", repr(expected.tolist()))


show_km("Freireich", FREIREICH)
show_km("Freireich", {"6-MP": FREIREICH["6-MP"]}, confidence=0.9)
show_km("plans", PLANS)
show_log_rank("Freireich", FREIREICH)
show_log_rank("plans", PLANS)
show_log_rank("plans basic vs pro", {k: PLANS[k] for k in ["basic", "pro"]})

# ------------------------------------------------------------------ cohort retention
if len(sys.argv) > 1:
    import pandas as pd

    print(f"\n# pandas {pd.__version__}")
    # Cleaning: cleanTransactions' defaults, tests/reference/online_retail_clean.py.
    from online_retail_clean import clean

    NON_PRODUCT = re.compile(
        r"^(POST|DOT|M|C2|D|S|B|CRUK|PADS|BANK CHARGES|AMAZONFEE|gift_0001_[0-9]+)$", re.I
    )
    df = pd.read_csv(sys.argv[1], dtype={"InvoiceNo": str, "StockCode": str, "Description": str})
    df.loc[df["Description"] == "Unknown", "Description"] = np.nan
    c = clean(df)
    c = c.assign(InvoiceDate=pd.to_datetime(c["InvoiceDate"]))
    print("## Online Retail cleaned rows", len(c), "customers", c["CustomerID"].nunique())

    # The classic monthly cohort recipe.
    c["order_month"] = c["InvoiceDate"].dt.to_period("M")
    c["cohort"] = c.groupby("CustomerID")["order_month"].transform("min")
    c["period_index"] = (c["order_month"].dt.year - c["cohort"].dt.year) * 12 + (
        c["order_month"].dt.month - c["cohort"].dt.month
    )
    counts = c.groupby(["cohort", "period_index"])["CustomerID"].nunique()
    matrix = counts.unstack("period_index")
    sizes = matrix[0]
    print("\n## monthly cohorts: cohort, size, customers per period_index (NaN: none)")
    for cohort, row in matrix.iterrows():
        values = [None if np.isnan(v) else int(v) for v in row.tolist()]
        while values and values[-1] is None:
            values.pop()
        print(repr(str(cohort)), repr(values))
    retention = matrix.div(sizes, axis=0)
    print("retention 2010-12 period 1", repr(float(retention.iloc[0, 1])))
    print("retention 2011-01 period 11", repr(float(retention.iloc[1, 11])))
    print("retention 2011-06 period 3", repr(float(retention.iloc[6, 3])))

    # ISO weeks starting on Monday.
    week = c["InvoiceDate"].dt.normalize() - pd.to_timedelta(c["InvoiceDate"].dt.weekday, unit="D")
    c["order_week"] = week
    c["cohort_week"] = c.groupby("CustomerID")["order_week"].transform("min")
    c["week_index"] = (c["order_week"] - c["cohort_week"]).dt.days // 7
    wk = c.groupby(["cohort_week", "week_index"])["CustomerID"].nunique().reset_index()
    wk["cohort_ordinal"] = wk["cohort_week"].rank(method="dense").astype(int)
    print("\n## weekly cohorts (non-empty cells)")
    print("cohorts", wk["cohort_week"].nunique(), "first", str(wk["cohort_week"].min().date()),
          "last", str(wk["cohort_week"].max().date()))
    print("cells", len(wk), "customers sum", int(wk["CustomerID"].sum()))
    print("checksum sum(customers * (week_index + 1) * cohort_ordinal)",
          int((wk["CustomerID"] * (wk["week_index"] + 1) * wk["cohort_ordinal"]).sum()))
    print("max week_index", int(wk["week_index"].max()))
