"""cleanTransactions' default removals on Online Retail, in pandas, shared by the reference scripts.

Imported by quality_reference.py, rfm_reference.py, basket_reference.py and
survival_reference.py (run as `/usr/bin/python3 tests/reference/<name>.py`, so this folder is on
sys.path). The rules are re-implemented independently of lib/quality with pandas idioms, in
cleanTransactions' order: exact duplicates, missing CustomerID, the order lines that cancellations
reverse (dropCancelledOrders, on by default), cancellation lines (InvoiceNo starting with C),
Quantity <= 0, UnitPrice <= 0, non-product StockCodes.
"""
import re

import pandas as pd

NON_PRODUCT = re.compile(
    r"^(POST|DOT|M|C2|D|S|B|CRUK|PADS|BANK CHARGES|AMAZONFEE|gift_0001_[0-9]+)$", re.I
)


def cancelled_order_rows(d):
    """Boolean mask of the order lines of `d` that a cancellation reverses.

    Each cancellation line (InvoiceNo starting with C, Quantity < 0) reverses the latest order
    line of the same customer and product with the opposite quantity, dated at or before it; each
    order line is reversed at most once; cancellations are taken in row order.
    """
    d = d.copy()
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
    return d["row"].isin(used).to_numpy()


def clean(df, drop_cancelled_orders=True):
    """The cleaned rows of `df` (columns as in the CSV export), with cleanTransactions' defaults."""
    c = df.drop_duplicates()
    c = c[c["CustomerID"].notna()]
    if drop_cancelled_orders:
        c = c[~cancelled_order_rows(c)]
    c = c[~c["InvoiceNo"].str.startswith("C")]
    c = c[c["Quantity"] > 0]
    c = c[c["UnitPrice"] > 0]
    c = c[~c["StockCode"].str.match(NON_PRODUCT)]
    return c
