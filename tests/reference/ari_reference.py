"""Reference values for lib/segmentation/adjusted_rand_index.ts from scikit-learn.

Run with Debian's Python (scikit-learn 1.2.1, numpy 1.24):

    /usr/bin/python3 tests/reference/ari_reference.py > tests/fixtures/ari_reference.json

Each case is two labelings and sklearn.metrics.adjusted_rand_score(a, b), printed with full
precision (json.dumps of a Python float is repr: 17 significant digits).
"""
import json

import numpy as np
import sklearn
from sklearn.metrics import adjusted_rand_score

rng = np.random.default_rng(20261203)
cases = {
    "identical": ([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2]),
    "relabelled": ([0, 0, 1, 1, 2, 2], [2, 2, 0, 0, 1, 1]),
    "one_split": ([0, 0, 1, 1], [0, 0, 1, 2]),
    "sklearn_doc_negative": ([0, 0, 1, 1], [0, 1, 0, 1]),
    "with_noise": ([-1, 0, 0, 1, 1, -1, 2, 2], [0, 0, 0, 1, 1, 1, 2, -1]),
    "all_one_group": ([0, 0, 0, 0], [0, 0, 0, 0]),
    "all_singletons": ([0, 1, 2, 3], [3, 2, 1, 0]),
    "one_group_vs_split": ([0, 0, 0, 0], [0, 0, 1, 1]),
    "random_200_k5_k4": (
        rng.integers(0, 5, 200).tolist(),
        rng.integers(0, 4, 200).tolist(),
    ),
}
# A noisy copy: 300 rows in 4 groups, 15% of labels moved to another group.
base = rng.integers(0, 4, 300)
noisy = base.copy()
moved = rng.random(300) < 0.15
noisy[moved] = (noisy[moved] + rng.integers(1, 4, moved.sum())) % 4
cases["noisy_copy_300"] = (base.tolist(), ((noisy + 7) % 4).tolist())

out = {
    "sklearn": sklearn.__version__,
    "cases": [
        {"name": name, "a": a, "b": b, "ari": float(adjusted_rand_score(a, b))}
        for name, (a, b) in cases.items()
    ],
}
print(json.dumps(out))
