"""Reference values for fitPca from scikit-learn's PCA.

    /usr/bin/python3 tests/reference/pca_reference.py

scikit-learn 1.2.1 (Debian bookworm): PCA(n_components=2) on the Mall customers' age, annual
income and spending score (raw units). Printed with repr(); pasted into fit_pca_test.ts.
Component signs are arbitrary in any SVD, so tests compare absolute values.
"""
import pandas as pd
from sklearn.decomposition import PCA

mall = pd.read_csv("data/Mall_Customers.csv")
X = mall[["Age", "Annual Income (k$)", "Spending Score (1-100)"]].to_numpy(float)
pca = PCA(n_components=2).fit(X)
print("ratio", [repr(v) for v in pca.explained_variance_ratio_])
print("components", [[repr(v) for v in row] for row in pca.components_])
Z = pca.transform(X)
print("first rows", [[repr(v) for v in row] for row in Z[:3]])
