/**
 * The bar for the Telco model: test ROC AUC of at least 0.84 on a documented split
 * (stratified 75/25, seed 42, one-hot with dropFirst and standard scaling fitted on the training
 * rows, logistic regression l2 = 1), the split notebook 03 uses. Boosting is reported beside it.
 */
import assert from "node:assert/strict";
import {
  loadTelcoChurn,
  TELCO_CATEGORICAL_COLUMNS,
  TELCO_NUMERIC_COLUMNS,
} from "../io/datasets.ts";
import { trainTestSplit } from "../prep/train_test_split.ts";
import { fitOneHotEncoder } from "../prep/one_hot_encoder.ts";
import { fitStandardScaler } from "../prep/standard_scaler.ts";
import { fitLogisticRegression } from "./fit_logistic_regression.ts";
import { fitGradientBoosting } from "./fit_gradient_boosting.ts";
import { rocAuc } from "../evaluate/roc_auc.ts";

Deno.test("Telco logistic regression reaches a test AUC of at least 0.84 on the documented split", () => {
  const numeric = [...TELCO_NUMERIC_COLUMNS];
  const categorical = [...TELCO_CATEGORICAL_COLUMNS];
  const telco = loadTelcoChurn({ blankTotalCharges: "zero" });
  const { train, test } = trainTestSplit(telco, { testSize: 0.25, seed: 42, stratify: "churned" });
  const encoder = fitOneHotEncoder(train, { columns: categorical, dropFirst: true });
  const scaler = fitStandardScaler(encoder.transform(train), { features: numeric });
  const tr = scaler.transform(encoder.transform(train));
  const te = scaler.transform(encoder.transform(test));
  const features = [...numeric, ...encoder.outputColumns];
  const y = te.getColumn("churned").toArray() as number[];
  const logistic = fitLogisticRegression(tr, { features, target: "churned", l2: 1 });
  assert.ok(logistic.converged);
  const auc = rocAuc(y, logistic.predictProba(te));
  assert.ok(auc >= 0.84, `logistic test AUC ${auc}`);
  const boosting = fitGradientBoosting(tr, { features, target: "churned", seed: 42 });
  const boostingAuc = rocAuc(y, boosting.predictProba(te));
  assert.ok(boostingAuc >= 0.80, `boosting test AUC ${boostingAuc}`);
});
