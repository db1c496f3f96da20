"""Reference counts for checkTransactions / cleanTransactions on Online Retail, from pandas.

How it was run (Debian bookworm, pandas 1.5.3, /usr/bin/python3):

    deno run --allow-read --allow-write --allow-ffi --allow-env --allow-sys \
        bench/export_online_retail_csv.ts /tmp/online_retail.csv
    /usr/bin/python3 tests/reference/quality_reference.py /tmp/online_retail.csv

The CSV is the bundled Parquet file with its dates written as text (pandas here has no Parquet
engine). The literal "Unknown" description is read as missing, as loadOnlineRetail does. The rules
are re-implemented independently with pandas idioms; the printed numbers are pasted into
lib/quality/*_test.ts.
"""
import re
import sys

import numpy as np
import pandas as pd

NON_PRODUCT = re.compile(
    r"^(POST|DOT|M|C2|D|S|B|CRUK|PADS|BANK CHARGES|AMAZONFEE|gift_0001_[0-9]+)$", re.I
)

df = pd.read_csv(sys.argv[1], dtype={"InvoiceNo": str, "StockCode": str, "Description": str})
df.loc[df["Description"] == "Unknown", "Description"] = np.nan
n = len(df)
print("rows", n)
print("missing customer", df["CustomerID"].isna().sum())
print("missing description", df["Description"].isna().sum())
print("duplicate rows (later copies)", df.duplicated().sum())
print("cancellations", df["InvoiceNo"].str.startswith("C").sum())
print("quantity <= 0", (df["Quantity"] <= 0).sum())
print("price == 0", (df["UnitPrice"] == 0).sum())
print("price < 0", (df["UnitPrice"] < 0).sum())
print("non-product codes", df["StockCode"].str.match(NON_PRODUCT).sum())
padded = df["Description"].notna() & (df["Description"] != df["Description"].str.strip())
print("padded descriptions", padded.sum())


def log_fence(s, k=3.0):
    logs = np.log10(s[s > 0].astype(float))
    q1, q3 = logs.quantile(0.25), logs.quantile(0.75)
    return 10 ** (q1 - k * (q3 - q1)), 10 ** (q3 + k * (q3 - q1))


for col in ["Quantity", "UnitPrice"]:
    lo, hi = log_fence(df[col])
    s = df[col]
    print(f"extreme {col}", ((s > 0) & ((s < lo) | (s > hi))).sum(), "fences", lo, hi)

# Cleaning, in cleanTransactions' order.
steps = []
c = df.drop_duplicates()
steps.append(("duplicate_rows", n - len(c)))
m = c["CustomerID"].isna()
steps.append(("missing_customer", m.sum())); c = c[~m]
m = c["InvoiceNo"].str.startswith("C")
steps.append(("cancellations", m.sum())); c = c[~m]
m = c["Quantity"] <= 0
steps.append(("non_positive_quantity", m.sum())); c = c[~m]
m = c["UnitPrice"] <= 0
steps.append(("non_positive_price", m.sum())); c = c[~m]
m = c["StockCode"].str.match(NON_PRODUCT)
steps.append(("non_product_code", m.sum())); c = c[~m]
padded = c["Description"].notna() & (c["Description"] != c["Description"].str.strip())
steps.append(("padded_description (changed)", padded.sum()))
for name, count in steps:
    print("clean", name, count)
print("clean rows", len(c))
print("clean revenue", round(float((c["Quantity"] * c["UnitPrice"]).sum()), 2))
print("clean customers", c["CustomerID"].nunique(), "invoices", c["InvoiceNo"].nunique())

# Cancelled orders (cleanTransactions' dropCancelledOrders): after duplicates and missing
# customers are removed, each cancellation line (InvoiceNo starting with C, Quantity < 0) reverses
# the latest order line of the same customer and product with the opposite quantity, dated at or
# before it; each order line is reversed at most once; cancellations are taken in row order.
d = df.drop_duplicates()
d = d[d["CustomerID"].notna()].copy()
d["ts"] = pd.to_datetime(d["InvoiceDate"])
d["row"] = range(len(d))
canc = d[d["InvoiceNo"].str.startswith("C") & (d["Quantity"] < 0)]
orders = d[~d["InvoiceNo"].str.startswith("C") & (d["Quantity"] > 0)]
pairs = canc.assign(q=-canc["Quantity"]).merge(
    orders.assign(q=orders["Quantity"]), on=["CustomerID", "StockCode", "q"], suffixes=("_c", "_o"))
pairs = pairs[pairs["ts_o"] <= pairs["ts_c"]].sort_values(
    ["row_c", "ts_o", "row_o"], ascending=[True, False, False])
used, taken = set(), set()
for rc, ro in zip(pairs["row_c"], pairs["row_o"]):
    if rc in taken or ro in used:
        continue
    taken.add(rc)
    used.add(ro)
print("cancelled order lines", len(used))
kept = d[~d["row"].isin(used)]
kept = kept[~kept["InvoiceNo"].str.startswith("C")]
kept = kept[(kept["Quantity"] > 0) & (kept["UnitPrice"] > 0)]
kept = kept[~kept["StockCode"].str.match(NON_PRODUCT)]
print("clean rows with cancelled orders removed", len(kept))
print("clean revenue with cancelled orders removed", round(float((kept["Quantity"] * kept["UnitPrice"]).sum()), 2))
