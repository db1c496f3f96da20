"""Reference counts for frequentItemsets / associationRules on Online Retail, from pandas.

How it was run (Debian bookworm, pandas 1.5.3, /usr/bin/python3):

    deno run --allow-read --allow-write --allow-ffi --allow-env --allow-sys \
        bench/export_online_retail_csv.ts /tmp/online_retail.csv
    /usr/bin/python3 tests/reference/basket_reference.py /tmp/online_retail.csv

The CSV is the bundled Parquet file with its dates written as text. Cleaning re-implements the
cleanTransactions default removals (tests/reference/online_retail_clean.py: drop_duplicates,
CustomerID notna, the order lines cancellations reverse, InvoiceNo not starting with C,
Quantity > 0, UnitPrice > 0, non-product StockCodes dropped); descriptions are not needed because
the baskets are keyed by StockCode.

Baskets: transaction = InvoiceNo, item = StockCode, duplicate (invoice, code) lines counted once.
An itemset is frequent when its count >= min_support * n, tested exactly with fractions. Single
items and pairs are counted with pandas groupby / self-merge; longer itemsets by intersecting the
invoice sets of Apriori candidates (every subset frequent). No FP-growth involved, so the numbers
check lib/basket/frequent_itemsets.ts independently. The printed numbers are pasted into
lib/basket/frequent_itemsets_test.ts and lib/basket/association_rules_test.ts.
"""
import itertools
import re
import sys
from fractions import Fraction

import numpy as np
import pandas as pd
from online_retail_clean import clean

NON_PRODUCT = re.compile(
    r"^(POST|DOT|M|C2|D|S|B|CRUK|PADS|BANK CHARGES|AMAZONFEE|gift_0001_[0-9]+)$", re.I
)

df = pd.read_csv(sys.argv[1], dtype={"InvoiceNo": str, "StockCode": str, "Description": str})
df.loc[df["Description"] == "Unknown", "Description"] = np.nan
c = clean(df)
print("clean rows", len(c))

lines = c[["InvoiceNo", "StockCode"]].drop_duplicates()
n = lines["InvoiceNo"].nunique()
print("transactions", n, "distinct items", lines["StockCode"].nunique())
codes_per_desc = c.groupby("Description")["StockCode"].nunique()
descs_per_code = c.groupby("StockCode")["Description"].nunique()
print("descriptions", len(codes_per_desc), "codes with >1 description", (descs_per_code > 1).sum(),
      "descriptions with >1 code", (codes_per_desc > 1).sum())


def mine(min_support):
    threshold = Fraction(min_support) * n  # exact: Fraction("0.02") is 1/50
    item_counts = lines.groupby("StockCode")["InvoiceNo"].nunique()
    frequent = {(k,): int(v) for k, v in item_counts.items() if v >= threshold}
    # Pairs: self-merge of the lines restricted to frequent items.
    keep = lines[lines["StockCode"].isin([k[0] for k in frequent])]
    pairs = keep.merge(keep, on="InvoiceNo")
    pairs = pairs[pairs["StockCode_x"] < pairs["StockCode_y"]]
    pair_counts = pairs.groupby(["StockCode_x", "StockCode_y"]).size()
    level = {k: int(v) for k, v in pair_counts.items() if v >= threshold}
    frequent.update(level)
    # Longer itemsets: Apriori candidates counted by intersecting invoice sets.
    invoices = keep.groupby("StockCode")["InvoiceNo"].apply(set).to_dict()
    k = 3
    while level:
        prev = sorted(level)
        candidates = set()
        for a, b in itertools.combinations(prev, 2):
            if a[:-1] == b[:-1]:
                cand = tuple(sorted(set(a) | set(b)))
                if all(s in level for s in itertools.combinations(cand, k - 1)):
                    candidates.add(cand)
        level = {}
        for cand in sorted(candidates):
            count = len(set.intersection(*(invoices[i] for i in cand)))
            if count >= threshold:
                level[cand] = count
        frequent.update(level)
        k += 1
    return frequent


for min_support in ["0.02", "0.01"]:
    frequent = mine(min_support)
    by_len = pd.Series([len(k) for k in frequent]).value_counts().sort_index().to_dict()
    print(f"\nminSupport {min_support}: {len(frequent)} frequent itemsets, by length {by_len}")
    top_pairs = sorted(((v, k) for k, v in frequent.items() if len(k) == 2), key=lambda t: (-t[0], t[1]))
    for count, pair in top_pairs[:3]:
        print("  top pair", list(pair), "count", count, "support", repr(count / n))
    top_items = sorted(((v, k) for k, v in frequent.items() if len(k) == 1), key=lambda t: (-t[0], t[1]))
    for count, item in top_items[:3]:
        print("  top item", list(item), "count", count, "support", repr(count / n))
    # Rules with one-item consequents and confidence >= 0.3 (associationRules' default shape).
    n_rules = sum(
        1
        for itemset, count in frequent.items() if len(itemset) > 1
        for c in itemset
        if count / frequent[tuple(i for i in itemset if i != c)] >= 0.3
    )
    print("  rules with confidence >= 0.3 and one-item consequents", n_rules)
    # One rule, written out: A -> C for the top pair, with mlxtend's formulas.
    if top_pairs:
        count, (a, b) = top_pairs[0]
        s_ac, s_a, s_c = count / n, frequent[(a,)] / n, frequent[(b,)] / n
        conf = s_ac / s_a
        lift = conf / s_c
        leverage = s_ac - s_a * s_c
        conviction = (1 - s_c) / (1 - conf)
        zhang = leverage / max(s_ac * (1 - s_a), s_a * (s_c - s_ac))
        print(f"  rule {a} -> {b}: confidence {conf!r} lift {lift!r} leverage {leverage!r}"
              f" conviction {conviction!r} zhangs_metric {zhang!r}")
