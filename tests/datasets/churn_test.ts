/**
 * Whole-dataset tests of lib/churn on the bundled Online Retail and Telco data:
 * - churnDataset on cleaned Online Retail: the leakage check and pandas' values
 *   (tests/reference/churn_reference.py, pandas 1.5.3: cutoff 2011-09-01, 90-day window);
 * - fitLogisticRegression on Telco against scikit-learn 1.2.1
 *   (tests/reference/logistic_reference.py, see lib/churn/_test_fixtures.ts);
 * - the bar for the Telco model: test ROC AUC of at least 0.84 on a documented split
 *   (stratified 75/25, seed 42, one-hot with dropFirst and standard scaling fitted on the
 *   training rows, logistic regression l2 = 1), the split notebook 03 uses. Boosting is reported
 *   beside it;
 * - notebook 03's Telco contact list: out-of-fold probabilities for every customer, only active
 *   customers (churned = 0) above a threshold chosen by cross-validation on the training rows.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { root } from "../_helpers.ts";
import { churnDataset } from "../../lib/churn/churn_dataset.ts";
import { CHURN_FEATURE_COLUMNS, churnFeatures } from "../../lib/churn/churn_features.ts";
import { fitLogisticRegression } from "../../lib/churn/fit_logistic_regression.ts";
import { fitGradientBoosting } from "../../lib/churn/fit_gradient_boosting.ts";
import { assertMatchesReference, referenceCase } from "../../lib/churn/_test_fixtures.ts";
import { rocAuc } from "../../lib/evaluate/roc_auc.ts";
import {
  loadOnlineRetail,
  loadTelcoChurn,
  TELCO_CATEGORICAL_COLUMNS,
  TELCO_NUMERIC_COLUMNS,
} from "../../lib/io/datasets.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";
import { trainTestSplit } from "../../lib/prep/train_test_split.ts";
import { fitOneHotEncoder } from "../../lib/prep/one_hot_encoder.ts";
import { fitStandardScaler } from "../../lib/prep/standard_scaler.ts";
import { fitLogisticPipeline } from "../../lib/churn/fit_logistic_pipeline.ts";
import { contactList } from "../../lib/churn/contact_list.ts";
import { crossValidatedProbabilities } from "../../lib/evaluate/cross_validated_probabilities.ts";
import { expectedValueThreshold } from "../../lib/evaluate/expected_value_threshold.ts";

const d = (s: string) => new Date(s + "T00:00:00Z");

Deno.test("churnDataset features on Online Retail do not change when transactions after the cutoff are removed", () => {
  // The leakage test of the issue: every feature of every customer is the same with and without
  // the future; only the label reads it.
  const { data: tx } = cleanTransactions(loadOnlineRetail());
  const cutoff = d("2011-09-01");
  const full = churnDataset(tx, { cutoff, horizonDays: 90 });
  const pastOnly = tx.filter(
    pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64).ltEq(cutoff.getTime()),
  );
  const fromPast = churnFeatures(pastOnly, { cutoff });
  assert.deepEqual(full.drop("churned").toRecords(), fromPast.toRecords());
  // And a future that looks very different changes labels only.
  const inflated = tx.withColumns(
    pl.when(pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64).gt(cutoff.getTime()))
      .then(pl.col("quantity").mul(100)).otherwise(pl.col("quantity")).alias("quantity"),
  );
  assert.deepEqual(churnFeatures(inflated, { cutoff }).toRecords(), fromPast.toRecords());
});

Deno.test("churnDataset on Online Retail equals pandas", () => {
  // tests/reference/churn_reference.py (pandas 1.5.3): cutoff 2011-09-01, 90-day window,
  // cleanTransactions' defaults (the orders cancellations reverse are dropped).
  const { data: tx } = cleanTransactions(loadOnlineRetail());
  const t = churnDataset(tx, { cutoff: d("2011-09-01"), horizonDays: 90 });
  assert.equal(t.height, 3310);
  assert.equal(Number(t.getColumn("churned").sum()), 1455);
  const sums: Record<string, number> = {
    recency_days: 305570,
    frequency: 11262,
    monetary: 4946944.22,
    tenure_days: 581590,
    distinct_products: 161459,
    purchase_days: 10266,
    mean_interval_days: 120204.73485078814,
    std_interval_days: 34355.19404883351,
    spend_recent: 1775385.05,
    spend_before: 1629684.2999999998,
    spend_trend: -56.982160278686095,
  };
  for (const [column, expected] of Object.entries(sums)) {
    const actual = Number(t.getColumn(column).sum());
    assert.ok(
      Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
      `${column}: ${actual}`,
    );
  }
  const row = t.filter(pl.col("customer_id").eq(pl.lit("12347"))).toRecords()[0];
  assert.equal(row.recency_days, 29);
  assert.equal(row.mean_interval_days, 59.5);
  assert.ok(Math.abs(Number(row.std_interval_days) - 9.39858145324779) < 1e-12);
  assert.ok(Math.abs(Number(row.spend_trend) - 0.2065125212012372) < 1e-12);
  assert.equal(row.churned, 0);
});

Deno.test("fitLogisticRegression matches scikit-learn on the Telco churn data at l2 = 1", () => {
  // The same preparation as tests/reference/logistic_reference.py: drop the 11 blank
  // TotalCharges rows, standardise tenure, MonthlyCharges, TotalCharges (ddof = 0), Yes/No as
  // 1/0, one-hot Contract and InternetService with the first sorted category dropped.
  const c = referenceCase("telco_l2_1");
  const raw = pl.readCSV(root("data/WA_Fn-UseC_-Telco-Customer-Churn.csv"), {
    dtypes: { TotalCharges: pl.Utf8 },
  });
  const yes = (column: string) =>
    pl.col(column).eq(pl.lit("Yes")).cast(pl.Float64).alias(column === "Churn" ? "y" : column);
  const cleaned = raw
    .filter(pl.col("TotalCharges").str.strip().neq(pl.lit("")))
    .withColumns(
      pl.col("TotalCharges").cast(pl.Float64),
      pl.col("SeniorCitizen").cast(pl.Float64),
      ...["Partner", "Dependents", "PaperlessBilling", "PhoneService", "Churn"].map(yes),
    );
  assert.equal(cleaned.height, 7032);
  const encoder = fitOneHotEncoder(cleaned, {
    columns: ["Contract", "InternetService"],
    dropFirst: true,
  });
  const scaler = fitStandardScaler(cleaned, {
    features: ["tenure", "MonthlyCharges", "TotalCharges"],
  });
  const prepared = scaler.transform(encoder.transform(cleaned));
  assert.deepEqual(encoder.outputColumns, c.features.slice(-4));
  assertMatchesReference(prepared, c);
});

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

Deno.test("the Telco contact list holds only active customers, scored out of fold", () => {
  const telco = loadTelcoChurn({ blankTotalCharges: "zero" });
  const pipeline = {
    target: "churned",
    numeric: [...TELCO_NUMERIC_COLUMNS],
    categorical: [...TELCO_CATEGORICAL_COLUMNS],
    l2: 1,
  };
  const { train } = trainTestSplit(telco, { testSize: 0.25, seed: 42, stratify: "churned" });
  const trainOof = crossValidatedProbabilities(train, {
    fit: fitLogisticPipeline,
    fitOptions: pipeline,
    folds: 5,
    seed: 42,
    stratify: "churned",
  });
  const yTrain = train.getColumn("churned").toArray() as number[];
  const decision = expectedValueThreshold(yTrain, trainOof.probabilities, {
    contactCost: 20,
    retainedValue: 750,
    successRate: 0.3,
  });
  // Calibrated probabilities put the best threshold near the break-even 20 / (0.3 x 750) = 0.089.
  assert.ok(Math.abs(decision.threshold - 20 / 225) < 0.02, `threshold ${decision.threshold}`);
  const oof = crossValidatedProbabilities(telco, {
    fit: fitLogisticPipeline,
    fitOptions: pipeline,
    folds: 5,
    seed: 42,
    stratify: "churned",
  });
  // Out-of-fold scores rank about as well as a held-out test set, and are not in-sample scores.
  const y = telco.getColumn("churned").toArray() as number[];
  const auc = rocAuc(y, oof.probabilities);
  assert.ok(auc > 0.83 && auc < 0.86, `out-of-fold AUC ${auc}`);
  const inSample = fitLogisticPipeline(telco, pipeline).predictProba(telco);
  assert.ok(oof.probabilities.some((p, i) => Math.abs(p - inSample[i]) > 0.01));
  const list = contactList(telco, {
    id: "customer_id",
    scores: oof.probabilities,
    where: { column: "churned", equals: 0 },
    minProbability: decision.threshold,
    topN: telco.height,
  });
  const churnedIds = new Set(
    telco.filter(pl.col("churned").eq(1)).getColumn("customer_id").toArray() as string[],
  );
  const ids = list.getColumn("customer_id").toArray() as string[];
  assert.equal(ids.filter((id) => churnedIds.has(id)).length, 0);
  assert.ok(ids.length > 1000 && ids.length < 5174, `list of ${ids.length}`);
  const probabilities = list.getColumn("churn_probability").toArray() as number[];
  assert.ok(Math.min(...probabilities) >= decision.threshold);
});

Deno.test("an Online Retail model fitted on 1 June ranks 1 September customers but overstates churn", () => {
  const { data: tx } = cleanTransactions(loadOnlineRetail(), { dropCancelledOrders: true });
  const options = { horizonDays: 90, minHistoryDays: 30 };
  const june = churnDataset(tx, { cutoff: d("2011-06-01"), ...options });
  const september = churnDataset(tx, { cutoff: d("2011-09-01"), ...options });
  const features = [...CHURN_FEATURE_COLUMNS];
  const model = fitLogisticPipeline(june, {
    target: "churned",
    numeric: features,
    log1p: features.filter((f) => !["tenure_days", "single_purchase", "spend_trend"].includes(f)),
    l2: 1,
  });
  const p = model.predictProba(september);
  const y = september.getColumn("churned").toArray() as number[];
  const auc = rocAuc(y, p);
  assert.ok(auc > 0.72 && auc < 0.78, `out-of-time AUC ${auc}`);
  const meanPredicted = p.reduce((s, v) => s + v, 0) / p.length;
  const observed = y.reduce((s, v) => s + v, 0) / y.length;
  // June-August churn (49%) is higher than September-November (43%): the level shifts.
  assert.ok(meanPredicted - observed > 0.05, `${meanPredicted} vs ${observed}`);
  // Scoring today leaves out customers too new for the model: 251 of 4,324 on 10 December.
  const today = churnFeatures(tx, { cutoff: d("2011-12-10"), minHistoryDays: 30 });
  const everyone = churnFeatures(tx, { cutoff: d("2011-12-10") });
  assert.equal(everyone.height - today.height, 251);
});
