#!/usr/bin/python3
"""Reference values for lib/eda tests, computed with pandas and scipy.

Run with Debian's Python (pandas 1.5.3, scipy 1.10.1, numpy 1.24):

    /usr/bin/python3 tests/reference/eda_reference.py

The two datasets below are copied from lib/eda/_test_fixtures.ts; keep them in step. Every number is
printed with repr() (17 significant digits) so tests can compare at a relative tolerance of 1e-12.
"""

import numpy as np
import pandas as pd
import scipy
import scipy.stats

print(f"# pandas {pd.__version__}, scipy {scipy.__version__}, numpy {np.__version__}")

# ---------------------------------------------------------------- sample frame (16 rows)
sample = pd.DataFrame(
    {
        "x": [2.5, 3.1, None, 4.0, 4.0, 6.5, 3.3, 2.9, 40.0, 3.8, None, 4.4, 3.1, 2.2, 5.0, 3.6],
        "y": pd.array([10, 12, 12, None, 15, 18, 11, 9, 30, 14, 13, 16, 12, 8, 17, 14], dtype="Int64"),
        "z": [1.0, -0.5, 2.25, 0.75, 3.0, 1.5, -1.0, 0.0, 2.0, 1.25, 0.5, 2.75, -0.25, 1.75, 3.5, 0.25],
        "segment": ["a", "b", "a", None, "c", "b", "a", "a", "c", None, "b", "a", "c", "b", "a", "b"],
        "seen_at": pd.to_datetime(
            [
                "2024-01-05 08:00:00", "2024-01-06 09:30:00", "2024-01-06 17:45:10", None,
                "2024-01-09 12:00:00", "2024-01-12 23:59:59", "2024-01-15 00:00:01", "2024-01-15 06:30:00",
                "2024-01-20 10:10:10", "2024-01-21 11:11:11", "2024-01-25 13:00:00", "2024-01-31 18:20:00",
                "2024-02-02 07:07:07", "2024-02-10 19:00:00", "2024-02-14 14:14:14", "2024-02-29 21:00:00",
            ]
        ),
        "joined": pd.to_datetime(
            [
                "2023-03-01", "2023-03-15", "2023-04-02", "2023-04-02", "2023-05-20", "2023-06-30",
                "2023-07-04", "2023-08-08", "2023-09-09", "2023-10-10", "2023-11-11", None,
                "2023-12-12", "2024-01-01", "2024-01-02", "2024-02-29",
            ]
        ),
    }
)


def fmt(value, digits=6):
    """Mirror of describe()'s number formatting: `digits` significant digits, shortest form."""
    text = repr(float("%.*g" % (digits, value)))
    return text[:-2] if text.endswith(".0") else text


def fmt_time(ts, date_only):
    ts = pd.Timestamp(ts)
    return ts.floor("D").strftime("%Y-%m-%d") if date_only else ts.floor("s").strftime("%Y-%m-%d %H:%M:%S")


print("\n## describe: Series.count / isna().sum() / nunique / mean / std / min / quantile / max")
for name in ["x", "y", "z"]:
    s = sample[name].astype("float64")
    q = s.quantile([0.25, 0.5, 0.75])
    print(
        name,
        dict(
            count=int(s.count()), nulls=int(s.isna().sum()), distinct=int(s.nunique()),
            mean=repr(s.mean()), std=repr(s.std()), min=repr(s.min()), q25=repr(q[0.25]),
            median=repr(q[0.5]), q75=repr(q[0.75]), max=repr(s.max()),
        ),
    )
    print("  6 digits:", [fmt(v) for v in [s.mean(), s.std(), s.min(), q[0.25], q[0.5], q[0.75], s.max()]])
s = sample["segment"]
print("segment", dict(count=int(s.count()), nulls=int(s.isna().sum()), distinct=int(s.nunique())))
for name, date_only in [("seen_at", False), ("joined", True)]:
    s = sample[name]
    q = s.quantile([0.25, 0.5, 0.75])
    print(
        name,
        dict(
            count=int(s.count()), nulls=int(s.isna().sum()), distinct=int(s.nunique()),
            mean=fmt_time(s.mean(), date_only), std=fmt(s.std() / pd.Timedelta(days=1)) + " days",
            min=fmt_time(s.min(), date_only), q25=fmt_time(q[0.25], date_only),
            median=fmt_time(q[0.5], date_only), q75=fmt_time(q[0.75], date_only),
            max=fmt_time(s.max(), date_only),
        ),
    )
    print("  std days repr:", repr(s.std() / pd.Timedelta(days=1)))

print("\n## correlationMatrix: DataFrame.corr (pairwise-complete)")
num = sample[["x", "y", "z"]].astype("float64")
for method in ["pearson", "spearman"]:
    c = num.corr(method=method)
    print(method)
    for a in c.index:
        print(" ", a, [repr(v) for v in c.loc[a]])
both = num[["x", "y"]].dropna()
print("scipy.stats.pearsonr(x, y) on complete pairs:", repr(scipy.stats.pearsonr(both.x, both.y)[0]))
print("scipy.stats.spearmanr(x, y) on complete pairs:", repr(scipy.stats.spearmanr(both.x, both.y)[0]))

print("\n## flagOutliers / outlierSummary on x")
x = sample["x"]
xv = x.dropna()
q1, q3 = xv.quantile(0.25), xv.quantile(0.75)
iqr = q3 - q1
for t in [1.5, 3.0]:
    lo, hi = q1 - t * iqr, q3 + t * iqr
    flagged = list(x.index[(x < lo) | (x > hi)])
    print(f"iqr t={t}: Series.quantile fences lower={lo!r} upper={hi!r} flagged rows={flagged}")
mean, sd = xv.mean(), xv.std()
z = scipy.stats.zscore(x, ddof=1, nan_policy="omit")
for t in [3.0, 2.0]:
    flagged = list(np.where(np.abs(np.asarray(z)) > t)[0])
    print(f"zscore t={t}: scipy.stats.zscore(ddof=1) bounds lower={mean - t * sd!r} upper={mean + t * sd!r} flagged rows={flagged}")
med = xv.median()
mad = scipy.stats.median_abs_deviation(xv, scale=1.0)
for t in [3.5, 2.0]:
    mz = 0.6745 * (x - med).abs() / mad
    flagged = list(x.index[mz > t])
    print(f"mad t={t}: scipy.stats.median_abs_deviation(scale=1)={mad!r} median={med!r} "
          f"bounds lower={med - t * mad / 0.6745!r} upper={med + t * mad / 0.6745!r} flagged rows={flagged}")
yv = sample["y"].astype("float64")
ymz = 0.6745 * (yv - yv.median()).abs() / scipy.stats.median_abs_deviation(yv.dropna(), scale=1.0)
print(f"mad y t=3.5: flagged rows={list(yv.index[ymz > 3.5])}")
for name in ["y", "z"]:
    v = sample[name].astype("float64")
    vv = v.dropna()
    a, b = vv.quantile(0.25), vv.quantile(0.75)
    lo, hi = a - 1.5 * (b - a), b + 1.5 * (b - a)
    print(f"iqr {name}: lower={lo!r} upper={hi!r} outliers={int(((v < lo) | (v > hi)).sum())}")

# ---------------------------------------------------------------- transactions (18 rows)
rows = [
    ("1001", "C1", "2023-12-29 09:15:00", "P1", "Mug", 2, 3.5),
    ("1001", "C1", "2023-12-29 09:15:00", "P2", "Plate", 1, 7.25),
    ("1001", "C1", "2023-12-29 09:15:00", "P1", "Mug", 1, 3.5),
    ("1002", "C2", "2023-12-31 14:40:00", "P3", "Bowl", 4, 2.1),
    ("1003", None, "2024-01-01 10:05:00", "P2", "Plate", 2, 7.25),
    ("1003", None, "2024-01-01 10:05:00", "P4", None, 1, 12.0),
    ("1004", "C3", "2024-01-03 16:20:00", "P5", "Vase", 1, 25.0),
    ("1005", "C1", "2024-01-08 09:50:00", "P3", "Bowl", 6, 2.1),
    ("1005", "C1", "2024-01-08 09:50:00", "P1", "Mug", 3, 3.5),
    ("1006", "C2", "2024-01-14 18:30:00", "P2", "Plate", -1, 7.25),
    ("1007", "C4", "2024-01-15 09:10:00", "P4", "Lamp", 2, 12.0),
    ("1007", "C4", "2024-01-15 09:10:00", "P6", "Rug", 1, 49.9),
    ("1008", "C3", "2024-02-02 11:45:00", "P1", "Mug", 10, 3.2),
    ("1009", "C2", "2024-02-05 14:05:00", "P5", "Vase", 2, 25.0),
    ("1009", "C2", "2024-02-05 14:05:00", "P3", "Bowl", 2, 2.1),
    ("1010", "C5", "2024-02-05 09:30:00", "P6", "Rug", 1, 49.9),
    ("1011", None, "2024-02-11 14:55:00", "P1", "Mug", 1, 3.5),
    ("1012", "C1", "2024-02-12 10:00:00", "P2", "Plate", 3, 7.25),
]
tx = pd.DataFrame(
    rows,
    columns=["invoice_id", "customer_id", "invoice_date", "product_id", "description", "quantity", "unit_price"],
)
tx["invoice_date"] = pd.to_datetime(tx["invoice_date"])
tx["revenue"] = tx["quantity"] * tx["unit_price"]


def by_time(keys):
    g = tx.groupby(keys).agg(
        revenue=("revenue", "sum"), orders=("invoice_id", "nunique"),
        customers=("customer_id", "nunique"), lines=("invoice_id", "size"),
    )
    for key, r in g.sort_index().iterrows():
        print(" ", key, repr(r.revenue), int(r.orders), int(r.customers), int(r.lines))


print("\n## revenueByTime: groupby(...).agg(sum, nunique, nunique, size)")
d = tx["invoice_date"]
print("day (dt.floor('D'))")
by_time(d.dt.floor("D").dt.strftime("%Y-%m-%d"))
print("week (dt.to_period('W-SUN').dt.start_time: weeks start Monday)")
by_time(d.dt.to_period("W-SUN").dt.start_time.dt.strftime("%Y-%m-%d"))
print("month (dt.to_period('M').dt.start_time)")
by_time(d.dt.to_period("M").dt.start_time.dt.strftime("%Y-%m-%d"))
print("weekday (dt.dayofweek + 1, Monday = 1)")
by_time(d.dt.dayofweek + 1)
print("hour (dt.hour)")
by_time(d.dt.hour)
print("weekday_hour")
by_time([d.dt.dayofweek + 1, d.dt.hour])

print("\n## topN: groupby(by)[value].sum().sort_values (nulls dropped by groupby)")
for by, value in [("product_id", "revenue"), ("customer_id", "revenue"), ("product_id", None)]:
    if value is None:
        s = tx.groupby(by).size().astype("float64")
    else:
        s = tx.groupby(by)[value].sum()
    f = s.rename("value").reset_index().sort_values(["value", by], ascending=[False, True])
    total = f["value"].sum()
    f["share"] = f["value"] / total
    f["cumulative_share"] = f["share"].cumsum()
    print(f"by={by} value={value} total={total!r}")
    for _, r in f.iterrows():
        print("  ", r[by], repr(r.value), repr(r.share), repr(r.cumulative_share))

print("\n## concentration of revenue over product_id")
totals = tx.groupby("product_id")["revenue"].sum().to_numpy()
print("per-product totals:", [repr(v) for v in sorted(totals, reverse=True)])
n = len(totals)
mad_all = np.abs(totals[:, None] - totals[None, :]).sum()
gini = mad_all / (2 * n * n * totals.mean())
print("gini (mean absolute difference / (2 * mean)):", repr(gini))
desc = np.sort(totals)[::-1]
xs = np.arange(n + 1) / n
ys = np.concatenate([[0.0], np.cumsum(desc)]) / desc.sum()
for share in [0.2, 0.5, 1 / 3, 0.9]:
    print(f"topShare({share!r}) = np.interp -> {np.interp(share, xs, ys)!r}")
print("curve with points=4:", [(repr(p), repr(np.interp(p, xs, ys))) for p in np.linspace(0, 1, 5)])
cust = tx.groupby("customer_id")["revenue"].sum().to_numpy()
m = len(cust)
print("gini over customer_id:", repr(np.abs(cust[:, None] - cust[None, :]).sum() / (2 * m * m * cust.mean())))

print("\n## basketSizes: groupby('invoice_id').agg(first, first, size, nunique, sum, sum)")
b = tx.groupby("invoice_id").agg(
    customer_id=("customer_id", "first"), invoice_date=("invoice_date", "first"),
    lines=("product_id", "size"), distinct_products=("product_id", "nunique"),
    units=("quantity", "sum"), value=("revenue", "sum"),
).sort_index()
for inv, r in b.iterrows():
    print(" ", inv, r.customer_id, r.invoice_date, int(r.lines), int(r.distinct_products), int(r.units), repr(r.value))
