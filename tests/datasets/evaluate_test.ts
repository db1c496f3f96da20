/**
 * Whole-dataset checks of lib/evaluate on the bundled Telco data, on the documented split of
 * notebook 03 (stratified 75/25, seed 42, one-hot with dropFirst and standard scaling fitted on
 * the training rows, logistic regression l2 = 1):
 * - bootstrap intervals of the test AUC and average precision, and the paired difference with the
 *   tenure-only baseline;
 * - the contact threshold chosen on out-of-fold training probabilities, valued on the test rows.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  loadTelcoChurn,
  TELCO_CATEGORICAL_COLUMNS,
  TELCO_NUMERIC_COLUMNS,
} from "../../lib/io/datasets.ts";
import { trainTestSplit } from "../../lib/prep/train_test_split.ts";
import { fitLogisticPipeline } from "../../lib/churn/fit_logistic_pipeline.ts";
import { bootstrapMetric } from "../../lib/evaluate/bootstrap_metric.ts";
import { campaignValue } from "../../lib/evaluate/campaign_value.ts";
import { crossValidatedProbabilities } from "../../lib/evaluate/cross_validated_probabilities.ts";
import { expectedValueThreshold } from "../../lib/evaluate/expected_value_threshold.ts";

const telco = loadTelcoChurn({ blankTotalCharges: "zero" });
const { train, test } = trainTestSplit(telco, { testSize: 0.25, seed: 42, stratify: "churned" });
const pipeline = {
  target: "churned",
  numeric: [...TELCO_NUMERIC_COLUMNS],
  categorical: [...TELCO_CATEGORICAL_COLUMNS],
  l2: 1,
};
const yTest = test.getColumn("churned").toArray() as number[];

Deno.test("Telco test AUC and average precision come with bootstrap intervals about 0.04 wide", () => {
  const scores = fitLogisticPipeline(train, pipeline).predictProba(test);
  const baseline = fitLogisticPipeline(train, {
    ...pipeline,
    numeric: ["tenure_months"],
    categorical: [],
  })
    .predictProba(test);
  const auc = bootstrapMetric(yTest, scores, { seed: 42, resamples: 1000, compareTo: baseline });
  assert.ok(auc.estimate > 0.84 && auc.lower < auc.estimate && auc.upper > auc.estimate);
  assert.ok(
    auc.upper - auc.lower > 0.02 && auc.upper - auc.lower < 0.06,
    `${auc.lower} ${auc.upper}`,
  );
  // The full model beats tenure alone by far more than the sampling noise.
  assert.ok(auc.difference!.lower > 0.05, `${auc.difference!.lower}`);
  const ap = bootstrapMetric(yTest, scores, {
    seed: 42,
    resamples: 1000,
    metric: "average_precision",
  });
  assert.ok(ap.lower > 0.265 && ap.upper - ap.lower < 0.12, `${ap.lower} ${ap.upper}`);
});

Deno.test("the Telco contact threshold is chosen out of fold on training rows and valued on the test rows", () => {
  const economics = { contactCost: 20, retainedValue: 750, successRate: 0.3 };
  const oof = crossValidatedProbabilities(train, {
    fit: fitLogisticPipeline,
    fitOptions: pipeline,
    folds: 5,
    seed: 42,
    stratify: "churned",
  });
  const yTrain = train.getColumn("churned").toArray() as number[];
  const decision = expectedValueThreshold(yTrain, oof.probabilities, economics);
  const scores = fitLogisticPipeline(train, pipeline).predictProba(test);
  const onTest = campaignValue(yTest, scores, { ...economics, threshold: decision.threshold });
  const best = expectedValueThreshold(yTest, scores, economics);
  // Choosing on the test rows can only look as good or better than the honest value.
  assert.ok(best.expectedValue >= onTest.expectedValue);
  assert.ok(onTest.expectedValue > 0.9 * best.expectedValue, `${onTest.expectedValue}`);
});
