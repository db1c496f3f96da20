#!/usr/bin/python3
"""The scikit-learn peer of bench/recommend.ts's item-item similarity row: each item's k most
similar items by plain cosine over the customer x item matrix, with
NearestNeighbors(metric="cosine", algorithm="brute", n_jobs=-1) on the item x customer sparse
matrix (brute force over sparse rows, chunked over both cores by joblib), the way an analyst
would get item neighbours from scikit-learn.

    /usr/bin/python3 bench/item_knn_sklearn.py DIR k repeats

DIR holds row_ptr.i32, col_idx.i32 and values.f64 (the customer x item CSR matrix, written by
bench/recommend.ts) and ours.i32 (our neighbour lists: for each item, its count then its
neighbours). Prints JSON: seconds (median of `repeats` fits + queries; loading excluded) and
`agreement`, the share of items whose top-10 positive-similarity neighbours (as sets) match ours.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.neighbors import NearestNeighbors


def main():
    folder, k, repeats = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    row_ptr = np.fromfile(folder / "row_ptr.i32", dtype=np.int32)
    col_idx = np.fromfile(folder / "col_idx.i32", dtype=np.int32)
    values = np.fromfile(folder / "values.f64", dtype=np.float64)
    n_items = int(col_idx.max()) + 1
    x = sparse.csr_matrix((values, col_idx, row_ptr), shape=(len(row_ptr) - 1, n_items))
    items = x.T.tocsr()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        model = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute", n_jobs=-1)
        distance, index = model.fit(items).kneighbors(items)
        times.append(time.perf_counter() - t0)
    ours = np.fromfile(folder / "ours.i32", dtype=np.int32)
    agree = 0
    at = 0
    for i in range(n_items):
        count = ours[at]
        mine = ours[at + 1: at + 1 + count]
        at += 1 + count
        keep = (index[i] != i) & (distance[i] < 1 - 1e-12)
        theirs = index[i][keep][:10]
        agree += set(mine[:10].tolist()) == set(theirs.tolist())
    print(json.dumps({"seconds": float(np.median(times)), "agreement": agree / n_items}))


main()
