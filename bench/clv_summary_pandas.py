#!/usr/bin/python3
"""The pandas peer of the clvSummary rows of bench/clv.ts: the per-customer CLV summary the way
lifetimes' `summary_data_from_transaction_data(freq="D", monetary_value_col=...)` builds it, written
out in pandas (lifetimes is not installed): keep purchases on or before as_of, put each on its
calendar day, sum the values of one customer's purchases on the same day, then per customer
frequency = purchase days - 1, recency = last day - first day, T = as_of's day - first day (days),
monetary_value = mean value of the purchase days after the first (0 for one-time buyers).

    /usr/bin/python3 bench/clv_summary_pandas.py csv PATH AS_OF REPEATS
        PATH: a CSV with customer_id, invoice_date (YYYY-MM-DD HH:MM:SS), quantity, unit_price;
        value = quantity x unit_price
    /usr/bin/python3 bench/clv_summary_pandas.py raw PREFIX AS_OF REPEATS
        PREFIX.id (int32), PREFIX.ms (float64, ms since 1970-01-01 UTC), PREFIX.value (float64),
        little-endian, one entry per transaction line

Reading the input is not timed (the TypeScript side starts from a DataFrame in memory too); the
value product, the filter, the day grouping and the per-customer aggregation are. Prints JSON:
seconds (one per repeat), customers, and the totals of frequency, recency, T and monetary_value.
"""
import json
import sys
import time

import numpy as np
import pandas as pd


def read(kind, path):
    if kind == "csv":
        tx = pd.read_csv(path, dtype={"customer_id": str}, parse_dates=["invoice_date"])
        return tx, True
    ids = np.fromfile(path + ".id", dtype="<i4")
    ms = np.fromfile(path + ".ms", dtype="<f8")
    value = np.fromfile(path + ".value", dtype="<f8")
    tx = pd.DataFrame({"customer_id": ids, "invoice_date": pd.to_datetime(ms.astype("int64"), unit="ms"),
                       "value": value})
    return tx, False


def summary(tx, as_of, product):
    tx = tx[tx["invoice_date"] <= as_of]
    value = tx["quantity"] * tx["unit_price"] if product else tx["value"]
    days = (pd.DataFrame({"customer_id": tx["customer_id"], "day": tx["invoice_date"].dt.floor("D"),
                          "value": value})
            .groupby(["customer_id", "day"], sort=True)["value"].sum().reset_index())
    first = ~days.duplicated("customer_id")
    g = days.groupby("customer_id")["day"].agg(["min", "max", "count"])
    out = pd.DataFrame(index=g.index)
    out["frequency"] = g["count"] - 1
    out["recency"] = (g["max"] - g["min"]).dt.days.astype(float)
    out["T"] = (as_of.floor("D") - g["min"]).dt.days.astype(float)
    out["monetary_value"] = (days[~first].groupby("customer_id")["value"].mean()
                             .reindex(out.index).fillna(0.0))
    return out


def main():
    kind, path, as_of, repeats = sys.argv[1], sys.argv[2], pd.Timestamp(sys.argv[3]), int(sys.argv[4])
    tx, product = read(kind, path)
    seconds = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = summary(tx, as_of, product)
        seconds.append(time.perf_counter() - t0)
    print(json.dumps({
        "seconds": seconds,
        "customers": len(out),
        "frequency": int(out["frequency"].sum()),
        "recency": float(out["recency"].sum()),
        "T": float(out["T"].sum()),
        "monetary": float(out["monetary_value"].sum()),
    }))


main()
