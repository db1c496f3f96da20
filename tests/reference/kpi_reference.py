"""Reference KPI tables (monthly and quarterly) for kpiTable on Online Retail, from pandas.

    deno run --allow-read --allow-write --allow-ffi --allow-env --allow-sys \
        bench/export_online_retail_csv.ts /tmp/online_retail.csv
    /usr/bin/python3 tests/reference/kpi_reference.py /tmp/online_retail.csv

pandas 1.5.3 (Debian bookworm). Cleaning: cleanTransactions' defaults, cancelled orders dropped
(tests/reference/online_retail_clean.py); as of 2011-12-10 00:00. Written with pandas idioms,
independently of lib/kpi: periods from `dt.to_period`, active customers from
`groupby(period).CustomerID.nunique()`, new customers from each customer's first period,
retained customers by merging each (customer, period) pair with the pair one period later,
orders as distinct InvoiceNo per customer and period. Writes tests/fixtures/kpi_reference.json
and prints the September 2011 retention figures (the textbook (end - new) / start and the
share of August's customers who bought again).
"""
import json
import sys

import pandas as pd

from online_retail_clean import clean

AS_OF = pd.Timestamp("2011-12-10 00:00:00")

df = pd.read_csv(sys.argv[1], dtype={"InvoiceNo": str, "StockCode": str, "Description": str})
df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"])
c = clean(df)
c = c.assign(CustomerID=c["CustomerID"].astype(int).astype(str))
c = c[c["InvoiceDate"] <= AS_OF].copy()
c["revenue"] = c["Quantity"] * c["UnitPrice"]


def kpis(freq):
    d = c.assign(period=c["InvoiceDate"].dt.to_period(freq))
    pairs = d.groupby(["period", "CustomerID"]).agg(
        orders=("InvoiceNo", "nunique"), revenue=("revenue", "sum")).reset_index()
    first = pairs.groupby("CustomerID")["period"].min().rename("first_period")
    pairs = pairs.join(first, on="CustomerID")
    prev = pairs[["CustomerID", "period"]].assign(period=lambda x: x["period"] + 1, was_active=True)
    pairs = pairs.merge(prev, on=["CustomerID", "period"], how="left")
    pairs["was_active"] = pairs["was_active"].fillna(False).astype(bool)
    pairs["is_new"] = pairs["period"] == pairs["first_period"]
    g = pairs.groupby("period")
    t = pd.DataFrame({
        "active_customers": g["CustomerID"].nunique(),
        "new_customers": g["is_new"].sum(),
        "retained_customers": g["was_active"].sum(),
        "repeat": g["orders"].apply(lambda o: (o >= 2).sum()),
        "orders": g["orders"].sum(),
        "revenue": g["revenue"].sum(),
    })
    t = t.reindex(pd.period_range(t.index.min(), t.index.max(), freq=freq), fill_value=0)
    t["returning_customers"] = t["active_customers"] - t["new_customers"]
    t["reactivated_customers"] = t["returning_customers"] - t["retained_customers"]
    previous = t["active_customers"].shift(1)
    t["churned_customers"] = previous - t["retained_customers"]
    t["retention_rate"] = t["retained_customers"] / previous
    t["churn_rate"] = t["churned_customers"] / previous
    t["textbook_retention"] = (t["active_customers"] - t["new_customers"]) / previous
    t["repeat_purchase_rate"] = t["repeat"] / t["active_customers"]
    t["average_order_value"] = t["revenue"] / t["orders"]
    t["purchase_frequency"] = t["orders"] / t["active_customers"]
    t["revenue_per_customer"] = t["revenue"] / t["active_customers"]
    t["complete"] = [(p + 1).start_time <= AS_OF for p in t.index]
    t["period"] = [p.start_time.strftime("%Y-%m-%d") for p in t.index]
    return t.drop(columns=["repeat"])


def records(t):
    out = {}
    for col in t.columns:
        values = t[col].tolist()
        out[col] = [None if isinstance(v, float) and v != v else
                    (bool(v) if isinstance(v, bool) else v) for v in values]
    return out


month = kpis("M")
quarter = kpis("Q")
sep = month.loc[pd.Period("2011-09", "M")]
aug = month.loc[pd.Period("2011-08", "M")]
print("rows", len(c))
print("September 2011: active", int(sep["active_customers"]), "new", int(sep["new_customers"]),
      "August active", int(aug["active_customers"]), "retained", int(sep["retained_customers"]),
      "reactivated", int(sep["reactivated_customers"]))
print("textbook (end - new) / start", sep["textbook_retention"],
      "retention (bought again)", sep["retention_rate"])
with open("tests/fixtures/kpi_reference.json", "w") as f:
    json.dump({"asOf": str(AS_OF), "rows": len(c), "month": records(month),
               "quarter": records(quarter)}, f)
    f.write("\n")
