"""Prepares the Telco churn fixture and the scikit-learn reference AUC for fitGradientBoosting.

    /usr/bin/python3 tests/reference/boosting_reference.py          # from the repository root
    /usr/bin/python3 tests/reference/boosting_reference.py --write  # also rewrites the fixture

Debian bookworm: scikit-learn 1.2.1, pandas 1.5.3, numpy 1.24.

Fixture (tests/fixtures/telco_prepared.csv, so that both languages use identical rows): the
bundled data/WA_Fn-UseC_-Telco-Customer-Churn.csv (7,043 customers) as 40 numeric features:
tenure, monthly_charges, total_charges (blank for the 11 customers with tenure 0: set to 0),
senior_citizen, five yes/no columns as 0/1 (gender_male, partner, dependents, phone_service,
paperless_billing) and one 0/1 column per level of the ten other categorical columns; the target
churn (Churn == "Yes" -> 1); and split: "train" or "test", a stratified 70/30 split
(train_test_split(test_size=0.3, stratify=churn, random_state=0)). File order is the data's.

Binning reference: scikit-learn's _BinMapper(n_bins=256) thresholds on the train rows of three
columns, printed as [column, distinct thresholds, their sum, first, last] (ours drops duplicate
thresholds, which only removes empty bins), also pasted into the test.

Reference: HistGradientBoostingClassifier with the settings in PARAMS (no early stopping, so no
randomness), fitted on the train rows; printed: its ROC AUC on the test rows, with repr(),
pasted into lib/churn/fit_gradient_boosting_test.ts. The trees cannot match ours bit for bit
(float32 gradients, tie-breaking, heap order), so the test compares AUCs within 0.01.
"""
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.ensemble._hist_gradient_boosting.binning import _BinMapper
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

PARAMS = dict(learning_rate=0.05, max_iter=200, max_leaf_nodes=15, min_samples_leaf=20,
              l2_regularization=0.0, max_bins=255, early_stopping=False, random_state=0)

raw = pd.read_csv("data/WA_Fn-UseC_-Telco-Customer-Churn.csv")
out = pd.DataFrame({"customer_id": raw["customerID"]})
out["tenure"] = raw["tenure"].astype(float)
out["monthly_charges"] = raw["MonthlyCharges"].astype(float)
out["total_charges"] = pd.to_numeric(raw["TotalCharges"].str.strip().replace("", "0")).astype(float)
out["senior_citizen"] = raw["SeniorCitizen"].astype(int)
out["gender_male"] = (raw["gender"] == "Male").astype(int)
for column, name in [("Partner", "partner"), ("Dependents", "dependents"),
                     ("PhoneService", "phone_service"), ("PaperlessBilling", "paperless_billing")]:
    out[name] = (raw[column] == "Yes").astype(int)
for column, name in [("MultipleLines", "multiple_lines"), ("InternetService", "internet_service"),
                     ("OnlineSecurity", "online_security"), ("OnlineBackup", "online_backup"),
                     ("DeviceProtection", "device_protection"), ("TechSupport", "tech_support"),
                     ("StreamingTV", "streaming_tv"), ("StreamingMovies", "streaming_movies"),
                     ("Contract", "contract"), ("PaymentMethod", "payment_method")]:
    for level in sorted(raw[column].unique()):
        slug = level.lower().replace("(automatic)", "").strip().replace(" ", "_").replace("-", "_")
        out[f"{name}_{slug}"] = (raw[column] == level).astype(int)
out["churn"] = (raw["Churn"] == "Yes").astype(int)
rows = np.arange(len(out))
train_rows, test_rows = train_test_split(rows, test_size=0.3, stratify=out["churn"],
                                         random_state=0)
split = np.full(len(out), "train", dtype=object)
split[test_rows] = "test"
out.insert(1, "split", split)
if "--write" in sys.argv:
    out.to_csv("tests/fixtures/telco_prepared.csv", index=False)

features = [c for c in out.columns if c not in ("customer_id", "split", "churn")]
X = out[features].to_numpy(float)
y = out["churn"].to_numpy(int)
train = out["split"].to_numpy() == "train"
model = HistGradientBoostingClassifier(**PARAMS).fit(X[train], y[train])
auc = roc_auc_score(y[~train], model.predict_proba(X[~train])[:, 1])
print(f"features ({len(features)}): {', '.join(features)}")
print(f"rows: {train.sum()} train, {(~train).sum()} test; test churn rate {y[~train].mean():.4f}")
print(f"test AUC: {auc!r}")

binned = ["monthly_charges", "total_charges", "tenure"]
mapper = _BinMapper(n_bins=256, random_state=0).fit(out.loc[train, binned].to_numpy(float))
for name, thresholds in zip(binned, mapper.bin_thresholds_):
    u = np.unique(thresholds)
    print(f'["{name}", {len(u)}, {float(u.sum())!r}, {float(u[0])!r}, {float(u[-1])!r}],')
