#!/usr/bin/python3
"""Reference values for lib/rfm and lib/prep tests, computed with pandas and scikit-learn.

Run with Debian's Python (pandas 1.5.3, scikit-learn 1.2.1, numpy 1.24):

    /usr/bin/python3 tests/reference/rfm_reference.py
    # with the full-data check (the CSV export of the bundled Parquet file):
    deno run --allow-read --allow-write --allow-ffi --allow-env --allow-sys \
        bench/export_online_retail_csv.ts /tmp/online_retail.csv
    /usr/bin/python3 tests/reference/rfm_reference.py /tmp/online_retail.csv

The small transaction table below is copied from lib/rfm/_test_fixtures.ts; keep them in step.
Every number is printed with repr() (17 significant digits). The RFM rules are re-implemented with
the usual pandas idioms, independently of the TypeScript code:

- rows after AS_OF and rows without a customer are dropped;
- recency_days / tenure_days = (AS_OF - last / first purchase).dt.days (whole days, floored);
- frequency = nunique(InvoiceNo); monetary = sum(Quantity * UnitPrice);
- score = ceil(rank(method="average") * bins / n), recency ranked descending;
- segment from the 5 x 5 grid of (r_score, floor((f_score + m_score) / 2)) in GRID below.
"""
import re
import sys

import numpy as np
import pandas as pd
from online_retail_clean import clean
import sklearn
from sklearn.preprocessing import RobustScaler, StandardScaler

print(f"# pandas {pd.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__}")

# ---------------------------------------------------------------- small transaction table
# (customer_id, invoice_id, invoice_date, product_id, quantity, unit_price); None = no customer.
ROWS = [
    ("c01", "1001", "2011-01-05 10:00:00", "P1", 2, 3.5),
    ("c01", "1001", "2011-01-05 10:00:00", "P2", 1, 10.0),
    ("c01", "1010", "2011-02-20 09:30:00", "P1", 4, 3.5),
    ("c01", "1020", "2011-02-28 23:59:00", "P3", 1, 25.0),
    ("c02", "1002", "2011-01-10 12:00:00", "P2", 3, 10.0),
    ("c02", "1011", "2011-02-01 08:00:00", "P2", 1, 10.0),
    ("c03", "1003", "2011-01-15 15:00:00", "P4", 10, 0.85),
    ("c03", "1003", "2011-01-15 15:00:00", "P5", 6, 1.25),
    ("c04", "1004", "2011-02-14 11:11:00", "P8", 1, 7.0),
    ("c04", "1030", "2011-03-01 00:00:01", "P3", 5, 25.0),  # one second after AS_OF: ignored
    ("c05", "1005", "2010-12-01 09:00:00", "P6", 2, 15.0),
    ("c05", "1013", "2011-02-14 11:11:00", "P6", 1, 15.0),  # same last purchase as c04
    ("c06", "1006", "2010-12-20 10:00:00", "P7", 12, 2.1),
    ("c07", "1007", "2011-03-01 00:00:00", "P1", 2, 3.5),  # exactly at AS_OF: counted
    ("c08", "1009", "2011-01-03 16:45:00", "P5", 3, 2.5),
    ("c08", "1008", "2011-02-28 00:00:01", "P5", 3, 2.5),  # 23:59:59 before AS_OF: 0 days
    (None, "1040", "2011-02-10 10:00:00", "P1", 100, 3.5),  # no customer: ignored
    ("c09", "1050", "2011-03-05 10:00:00", "P2", 1, 10.0),  # only after AS_OF: absent
    ("c10", "1060", "2010-12-05 08:00:00", "P9", 24, 0.42),
    ("c10", "1061", "2010-12-05 08:00:00", "P9", 24, 0.42),  # two invoices, same minute
    ("c10", "1062", "2011-01-28 13:00:00", "P2", 2, 10.0),
    ("c11", "1070", "2011-02-27 12:00:00", "P4", 40, 0.85),
]
AS_OF = pd.Timestamp("2011-03-01 00:00:00")

tx = pd.DataFrame(
    ROWS, columns=["CustomerID", "InvoiceNo", "InvoiceDate", "StockCode", "Quantity", "UnitPrice"]
)
tx["InvoiceDate"] = pd.to_datetime(tx["InvoiceDate"])


def rfm_table(tx, as_of):
    """Textbook pandas RFM: one row per customer, sorted by customer id."""
    t = tx[tx["CustomerID"].notna() & (tx["InvoiceDate"] <= as_of)].copy()
    t["Revenue"] = t["Quantity"] * t["UnitPrice"]
    g = t.groupby("CustomerID").agg(
        last=("InvoiceDate", "max"),
        first=("InvoiceDate", "min"),
        frequency=("InvoiceNo", "nunique"),
        monetary=("Revenue", "sum"),
    )
    out = pd.DataFrame(
        {
            "recency_days": (as_of - g["last"]).dt.days,
            "frequency": g["frequency"],
            "monetary": g["monetary"],
            "tenure_days": (as_of - g["first"]).dt.days,
        }
    )
    out["avg_order_value"] = out["monetary"] / out["frequency"]
    return out.sort_index()


# The 5 x 5 segment grid: GRID[r - 1][fm - 1], r = recency score, fm = floor((f + m) / 2).
GRID = [
    ["Lost", "Lost", "At risk", "Cannot lose them", "Cannot lose them"],  # r = 1
    ["Hibernating", "Hibernating", "Needs attention", "At risk", "At risk"],  # r = 2
    ["About to sleep", "About to sleep", "Needs attention", "Loyal", "Loyal"],  # r = 3
    ["Promising", "Potential loyalist", "Potential loyalist", "Champions", "Champions"],  # r = 4
    ["New", "Potential loyalist", "Potential loyalist", "Champions", "Champions"],  # r = 5
]


def rank_score(s, bins, ascending=True):
    """ceil(average rank * bins / n): tied values share a rank and therefore a score."""
    return np.ceil(s.rank(method="average", ascending=ascending) * bins / len(s)).astype(int)


def score(rfm, bins=5):
    out = rfm.copy()
    out["r_score"] = rank_score(rfm["recency_days"], bins, ascending=False)
    out["f_score"] = rank_score(rfm["frequency"], bins)
    out["m_score"] = rank_score(rfm["monetary"], bins)
    out["rfm_score"] = (
        out["r_score"].astype(str) + out["f_score"].astype(str) + out["m_score"].astype(str)
    )
    r5 = rank_score(rfm["recency_days"], 5, ascending=False)
    fm5 = (rank_score(rfm["frequency"], 5) + rank_score(rfm["monetary"], 5)) // 2
    out["segment"] = [GRID[r - 1][fm - 1] for r, fm in zip(r5, fm5)]
    return out


rfm = rfm_table(tx, AS_OF)
print("\n## small table: rfm_table(tx, AS_OF) (groupby agg, (AS_OF - last).dt.days)")
print("customer_id", repr(list(rfm.index)))
for col in rfm.columns:
    print(col, repr([v.item() for v in rfm[col].to_numpy()]))

for bins in [5, 3]:
    s = score(rfm, bins)
    print(f"\n## small table: scores, bins={bins}: np.ceil(x.rank(method='average') * bins / n)")
    for col in ["r_score", "f_score", "m_score", "rfm_score", "segment"]:
        print(col, repr([v if isinstance(v, str) else int(v) for v in s[col]]))

scored = score(rfm)
summary = (
    scored.groupby("segment")
    .agg(
        customers=("recency_days", "size"),
        recency_days_mean=("recency_days", "mean"),
        frequency_mean=("frequency", "mean"),
        monetary_mean=("monetary", "mean"),
        monetary_total=("monetary", "sum"),
    )
    .reset_index()
)
summary["customer_share"] = summary["customers"] / summary["customers"].sum()
summary["monetary_share"] = summary["monetary_total"] / summary["monetary_total"].sum()
summary = summary.sort_values(["monetary_total", "segment"], ascending=[False, True])
print("\n## small table: segment summary (groupby('segment').agg, sorted by monetary_total desc)")
for col in summary.columns:
    print(col, repr([v.item() if hasattr(v, "item") else v for v in summary[col].to_numpy()]))

# ---------------------------------------------------------------- scalers on a small frame
X = pd.DataFrame(
    {
        "recency_days": rfm["recency_days"].astype(float).to_numpy(),
        "frequency": rfm["frequency"].astype(float).to_numpy(),
        "monetary": rfm["monetary"].to_numpy(),
        "constant": [4.2] * len(rfm),
    }
)
print("\n## scalers: X = rfm[recency_days, frequency, monetary] + constant 4.2 column")
std = StandardScaler().fit(X)
print("StandardScaler().fit(X).mean_", repr(list(std.mean_)))
print("StandardScaler().fit(X).scale_", repr(list(std.scale_)))
print("StandardScaler().fit(X).var_", repr(list(std.var_)))
Z = std.transform(X)
for j, col in enumerate(X.columns):
    print(f"StandardScaler transform {col}", repr(list(Z[:, j])))
rob = RobustScaler().fit(X)
print("RobustScaler().fit(X).center_", repr(list(rob.center_)))
print("RobustScaler().fit(X).scale_", repr(list(rob.scale_)))
print("RobustScaler(quantile_range=(10, 90)).fit(X).scale_",
      repr(list(RobustScaler(quantile_range=(10, 90)).fit(X).scale_)))
R = rob.transform(X)
for j, col in enumerate(X.columns):
    print(f"RobustScaler transform {col}", repr(list(R[:, j])))
# Fit on X, apply to a second frame.
X2 = pd.DataFrame(
    {"recency_days": [0.0, 100.0], "frequency": [1.0, 10.0], "monetary": [5.0, 1000.0],
     "constant": [4.2, 5.2]}
)
print("StandardScaler fit X, transform X2", repr(std.transform(X2).tolist()))
print("RobustScaler fit X, transform X2", repr(rob.transform(X2).tolist()))
L = np.log1p(X[["recency_days", "frequency", "monetary"]])
print("np.log1p(X) monetary", repr(list(L["monetary"])))
print("StandardScaler on np.log1p(X) mean_", repr(list(StandardScaler().fit(L).mean_)))
print("StandardScaler on np.log1p(X) scale_", repr(list(StandardScaler().fit(L).scale_)))

# ---------------------------------------------------------------- full data (optional)
if len(sys.argv) < 2:
    sys.exit(0)

NON_PRODUCT = re.compile(
    r"^(POST|DOT|M|C2|D|S|B|CRUK|PADS|BANK CHARGES|AMAZONFEE|gift_0001_[0-9]+)$", re.I
)
df = pd.read_csv(sys.argv[1], dtype={"InvoiceNo": str, "StockCode": str, "Description": str})
df.loc[df["Description"] == "Unknown", "Description"] = np.nan
df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"])
# cleanTransactions defaults (cancelled orders dropped), tests/reference/online_retail_clean.py.
c = clean(df)
c = c.assign(CustomerID=c["CustomerID"].astype(int).astype(str))
FULL_AS_OF = pd.Timestamp("2011-12-10 00:00:00")
full = rfm_table(c, FULL_AS_OF)
print(f"\n## Online Retail, cleaned ({len(c)} rows), as of {FULL_AS_OF}")
print("customers", len(full))
for col in full.columns:
    print(f"{col} sum", repr(full[col].sum().item()), "mean", repr(full[col].mean().item()))
for cid in ["12347", "14646", "17850", "18287"]:
    print("customer", cid, repr([v.item() for v in full.loc[cid].to_numpy()]))
full_scored = score(full)
counts = full_scored["segment"].value_counts().sort_index()
print("segments", repr({k: int(v) for k, v in counts.items()}))
print("rfm_score 14646", repr(full_scored.loc["14646", "rfm_score"]))
print("rfm_score 17850", repr(full_scored.loc["17850", "rfm_score"]))
for col in ["r_score", "f_score", "m_score"]:
    counts = full_scored[col].value_counts().sort_index()
    print(f"{col} counts", repr({int(k): int(v) for k, v in counts.items()}))
