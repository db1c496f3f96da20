/**
 * Evaluate: how good a churn (or any binary) model's scores are, and what to do with them.
 * Ranking metrics and curves ({@linkcode rocAuc}, {@linkcode averagePrecision},
 * {@linkcode rocCurve}, {@linkcode precisionRecallCurve}), a thresholded
 * {@linkcode confusionMatrix}, a decile {@linkcode gainsTable}, calibration
 * ({@linkcode calibrationTable}, {@linkcode brierScore}, {@linkcode logLoss}), the
 * {@linkcode expectedValueThreshold} of a retention campaign and the {@linkcode campaignValue} of
 * a threshold chosen elsewhere, {@linkcode permutationImportance}, out-of-fold
 * {@linkcode crossValidatedProbabilities}, and percentile bootstrap intervals
 * ({@linkcode bootstrapMetric}, {@linkcode bootstrapMean}). The metrics and curves match scikit-learn 1.2.1 to 1e-12,
 * ties included (`tests/reference/evaluate_reference.py`).
 *
 * Every metric takes scikit-learn's two data arguments, `(yTrue, scores)`, as any
 * `ArrayLike<number>` (labels 0/1, finite scores), then an optional options object, and throws a
 * `RangeError` naming the count and first rows of bad values. {@linkcode permutationImportance}
 * takes `(df, { model, seed })`.
 *
 * @example Rank, cut and price a contact list
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectedValueThreshold, gainsTable, rocAuc } from "./mod.ts";
 *
 * const churned = [1, 0, 1, 0, 0, 1, 0, 0, 0, 0];
 * const score = [0.9, 0.8, 0.7, 0.3, 0.2, 0.6, 0.1, 0.4, 0.15, 0.05];
 * assert.ok(rocAuc(churned, score) > 0.9);
 * assert.equal(gainsTable(churned, score, { bins: 5 }).height, 5);
 * const best = expectedValueThreshold(churned, score, { contactCost: 5, retainedValue: 50 });
 * assert.equal(best.threshold, 0.6);
 * ```
 *
 * @module
 */
export { rocAuc } from "./roc_auc.ts";
export { averagePrecision } from "./average_precision.ts";
export { rocCurve } from "./roc_curve.ts";
export { precisionRecallCurve } from "./precision_recall_curve.ts";
export {
  type ConfusionMatrix,
  confusionMatrix,
  type ConfusionMatrixOptions,
} from "./confusion_matrix.ts";
export { gainsTable, type GainsTableOptions } from "./gains_table.ts";
export { calibrationTable, type CalibrationTableOptions } from "./calibration_table.ts";
export { brierScore } from "./brier_score.ts";
export { logLoss, type LogLossOptions } from "./log_loss.ts";
export {
  type ExpectedValueThreshold,
  expectedValueThreshold,
  type ExpectedValueThresholdOptions,
} from "./expected_value_threshold.ts";
export {
  permutationImportance,
  type PermutationImportanceOptions,
} from "./permutation_importance.ts";
export * from "./model_comparison.ts";
export * from "./cross_validated_probabilities.ts";
export * from "./campaign_value.ts";
export * from "./bootstrap_metric.ts";
export * from "./bootstrap_mean.ts";
