"""pandas peer for bench/rfm.ts: read a transactions CSV and compute RFM the usual pandas way.

    /usr/bin/python3 bench/rfm_pandas.py TRANSACTIONS.csv REPEATS

Columns: customer_id, invoice_id, invoice_date (YYYY-MM-DD HH:MM:SS), product_id, quantity,
unit_price. asOf = 2011-12-10. Prints JSON {"seconds": [...], "customers": n, "monetary": sum}.
"""
import json
import sys
import time

import pandas as pd

path, repeats = sys.argv[1], int(sys.argv[2])
as_of = pd.Timestamp("2011-12-10")
seconds = []
for _ in range(repeats):
    t0 = time.perf_counter()
    tx = pd.read_csv(path, dtype={"customer_id": str, "invoice_id": str, "product_id": str},
                     parse_dates=["invoice_date"])
    tx = tx[tx["customer_id"].notna() & (tx["invoice_date"] <= as_of)]
    tx["value"] = tx["quantity"] * tx["unit_price"]
    rfm = tx.groupby("customer_id").agg(
        last=("invoice_date", "max"), first=("invoice_date", "min"),
        frequency=("invoice_id", "nunique"), monetary=("value", "sum"))
    rfm["recency_days"] = (as_of - rfm["last"]).dt.days
    rfm["tenure_days"] = (as_of - rfm["first"]).dt.days
    rfm["avg_order_value"] = rfm["monetary"] / rfm["frequency"]
    seconds.append(time.perf_counter() - t0)
print(json.dumps({"seconds": seconds, "customers": len(rfm), "monetary": float(rfm["monetary"].sum())}))
