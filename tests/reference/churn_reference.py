"""Reference churn features and labels for churnDataset, from pandas.

    deno run --allow-read --allow-write --allow-ffi --allow-env --allow-sys \
        bench/export_online_retail_csv.ts /tmp/online_retail.csv
    /usr/bin/python3 tests/reference/churn_reference.py /tmp/online_retail.csv

pandas 1.5.3 (Debian bookworm). Cleaning: cleanTransactions' defaults, cancelled orders dropped
(tests/reference/online_retail_clean.py); cutoff
2011-09-01 00:00, label window 90 days, spend-trend windows 90 days, no history filter. Printed
with repr(); pasted into lib/churn/churn_dataset_test.ts.
"""
import re
import sys

import numpy as np
import pandas as pd
from online_retail_clean import clean

NON_PRODUCT = re.compile(
    r"^(POST|DOT|M|C2|D|S|B|CRUK|PADS|BANK CHARGES|AMAZONFEE|gift_0001_[0-9]+)$", re.I)

df = pd.read_csv(sys.argv[1], dtype={"InvoiceNo": str, "StockCode": str, "Description": str},
                 parse_dates=["InvoiceDate"])
df = clean(df)
df["customer"] = df["CustomerID"].astype(int).astype(str)
df["value"] = df["Quantity"] * df["UnitPrice"]

cutoff = pd.Timestamp("2011-09-01")
end = cutoff + pd.Timedelta(days=90)
past = df[df["InvoiceDate"] <= cutoff]
g = past.groupby("customer")
out = pd.DataFrame({
    "recency_days": (cutoff - g["InvoiceDate"].max()).dt.days,
    "frequency": g["InvoiceNo"].nunique(),
    "monetary": g["value"].sum(),
    "tenure_days": (cutoff - g["InvoiceDate"].min()).dt.days,
    "distinct_products": g["StockCode"].nunique(),
})
days = past.assign(day=past["InvoiceDate"].dt.normalize()).drop_duplicates(["customer", "day"])
days = days.sort_values(["customer", "day"])
gaps = days.groupby("customer")["day"].diff().dt.days
days = days.assign(gap=gaps)
rh = days.groupby("customer").agg(purchase_days=("day", "size"), mean_gap=("gap", "mean"),
                                  std_gap=("gap", "std"))
out = out.join(rh)
out["mean_interval_days"] = out["mean_gap"].fillna(0)
out["std_interval_days"] = out["std_gap"].fillna(0)
recent = past[past["InvoiceDate"] > cutoff - pd.Timedelta(days=90)].groupby("customer")["value"].sum()
before = past[(past["InvoiceDate"] > cutoff - pd.Timedelta(days=180)) &
              (past["InvoiceDate"] <= cutoff - pd.Timedelta(days=90))].groupby("customer")["value"].sum()
out["spend_recent"] = recent.reindex(out.index).fillna(0)
out["spend_before"] = before.reindex(out.index).fillna(0)
tot = out["spend_recent"] + out["spend_before"]
out["spend_trend"] = np.where(tot > 0, (out["spend_recent"] - out["spend_before"]) / tot.where(tot > 0, 1), 0)
buyers = set(df[(df["InvoiceDate"] > cutoff) & (df["InvoiceDate"] <= end)]["customer"])
out["churned"] = [0 if c in buyers else 1 for c in out.index]

print("customers", len(out), "churned", int(out["churned"].sum()))
for col in ["recency_days", "frequency", "monetary", "tenure_days", "distinct_products",
            "purchase_days", "mean_interval_days", "std_interval_days", "spend_recent",
            "spend_before", "spend_trend"]:
    print(col, repr(float(out[col].sum())))
for c in ["12347", "12748", "17850", "14911"]:
    if c in out.index:
        r = out.loc[c]
        print(c, {k: repr(float(r[k])) for k in ["recency_days", "frequency", "monetary",
              "purchase_days", "mean_interval_days", "std_interval_days", "spend_recent",
              "spend_before", "spend_trend", "churned"]})
