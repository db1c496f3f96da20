"""pandas peer for bench/online_retail_quality.ts: read the Online Retail CSV, run the same checks
as checkTransactions and the same cleaning as cleanTransactions, the way an analyst would in pandas.
Prints a JSON list of wall-clock seconds, one per repeat.

    /usr/bin/python3 bench/quality_pandas.py online_retail.csv REPEATS
"""
import json
import re
import sys
import time

import numpy as np
import pandas as pd

NON_PRODUCT = r"^(?:POST|DOT|M|C2|D|S|B|CRUK|PADS|BANK CHARGES|AMAZONFEE|gift_0001_[0-9]+)$"
MOJIBAKE = "Â|Ã[\u0080-\u00bf]"


def log_fence(s, k=3.0):
    logs = np.log10(s[s > 0].astype(float))
    q1, q3 = logs.quantile(0.25), logs.quantile(0.75)
    return 10 ** (q1 - k * (q3 - q1)), 10 ** (q3 + k * (q3 - q1))


def run(path):
    df = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str, "Description": str},
                     parse_dates=["InvoiceDate"])
    df.loc[df["Description"] == "Unknown", "Description"] = np.nan
    df["CustomerID"] = df["CustomerID"].astype("Int64").astype("string")
    # checks
    findings = {c: int(df[c].isna().sum()) for c in df.columns}
    findings["dup"] = int(df.duplicated().sum())
    findings["cancel"] = int(df["InvoiceNo"].str.startswith("C").sum())
    findings["qty"] = int((df["Quantity"] <= 0).sum())
    findings["zero"] = int((df["UnitPrice"] == 0).sum())
    findings["neg"] = int((df["UnitPrice"] < 0).sum())
    findings["nonprod"] = int(df["StockCode"].str.match(NON_PRODUCT, flags=re.I).sum())
    for col in ["Quantity", "UnitPrice"]:
        lo, hi = log_fence(df[col])
        findings[col] = int(((df[col] > 0) & ((df[col] < lo) | (df[col] > hi))).sum())
    d = df["Description"]
    findings["pad"] = int((d.notna() & (d != d.str.strip())).sum())
    findings["moji"] = int(d.str.contains(MOJIBAKE, na=False).sum())
    # cleaning
    c = df.drop_duplicates()
    c = c[c["CustomerID"].notna()]
    c = c[~c["InvoiceNo"].str.startswith("C")]
    c = c[c["Quantity"] > 0]
    c = c[c["UnitPrice"] > 0]
    c = c[~c["StockCode"].str.match(NON_PRODUCT, flags=re.I)]
    c = c.assign(Description=c["Description"].str.strip())
    return len(c)


path, repeats = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(repeats):
    t0 = time.perf_counter()
    rows = run(path)
    times.append(time.perf_counter() - t0)
assert rows == 391150, rows
print(json.dumps(times))
