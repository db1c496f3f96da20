"""Reference counts for checkTransactions / cleanTransactions on Online Retail, from pandas.

How it was run (Debian bookworm, pandas 1.5.3, /usr/bin/python3):

    deno run --allow-read --allow-write --allow-ffi --allow-env --allow-sys \
        bench/export_online_retail_csv.ts /tmp/online_retail.csv
    /usr/bin/python3 tests/reference/quality_reference.py /tmp/online_retail.csv

The CSV is the bundled Parquet file with its dates written as text (pandas here has no Parquet
engine). The literal "Unknown" description is read as missing, as loadOnlineRetail does. The rules
are re-implemented independently with pandas idioms (the cleaning in online_retail_clean.py); the
printed numbers are pasted into tests/datasets/quality_test.ts.
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

# Cancelled orders (cleanTransactions' dropCancelledOrders, on by default): see
# tests/reference/online_retail_clean.py, shared with the other Online Retail reference scripts.
from online_retail_clean import cancelled_order_rows  # noqa: E402


# Cleaning, in cleanTransactions' order: first with the defaults (cancelled orders dropped), then
# with dropCancelledOrders: false (the tests that are explicitly about the option off).
def clean(drop_cancelled_orders, label):
    steps = []
    c = df.drop_duplicates()
    steps.append(("duplicate_rows", n - len(c)))
    m = c["CustomerID"].isna()
    steps.append(("missing_customer", m.sum())); c = c[~m]
    if drop_cancelled_orders:
        m = cancelled_order_rows(c)
        steps.append(("cancelled_orders", m.sum())); c = c[~m]
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
        print(label, name, count)
    print(label, "rows", len(c))
    print(label, "revenue", round(float((c["Quantity"] * c["UnitPrice"]).sum()), 2))
    print(label, "customers", c["CustomerID"].nunique(), "invoices", c["InvoiceNo"].nunique())


clean(True, "clean (default)")
clean(False, "clean (dropCancelledOrders off)")
