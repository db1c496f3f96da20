import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { rocAuc } from "./roc_auc.ts";
import { averagePrecision } from "./average_precision.ts";
import { brierScore } from "./brier_score.ts";
import { logLoss } from "./log_loss.ts";
import { bootstrapMetric } from "./bootstrap_metric.ts";
import type { BootstrapOptions } from "./_bootstrap.ts";

/** Options for {@linkcode modelComparison}. */
export interface ModelComparisonOptions {
  /**
   * Add percentile bootstrap confidence intervals of ROC AUC and average precision
   * (`bootstrapMetric`, rows resampled as a whole; every model on the same resamples):
   * `{ seed, resamples?, level?, threads? }`. Default: no intervals.
   */
  confidence?: BootstrapOptions;
}

/**
 * Compares models on the same held-out rows: one row per model with ROC AUC (ranking quality,
 * 0.5 = random), average precision (ranking quality focused on the churners; the base rate =
 * random), Brier score and log loss (quality of the probabilities themselves; lower is better).
 * Rows keep the order given, so put the baseline first. With `confidence`, each ranking metric
 * gets a bootstrap interval (`roc_auc_lower`, `roc_auc_upper`, `average_precision_lower`,
 * `average_precision_upper`): when two models' intervals overlap, the sample does not show which
 * is better (`bootstrapMetric` with `compareTo` gives the interval of their difference).
 *
 * @param yTrue The 0/1 outcomes of the held-out rows.
 * @param scores Model name to its probabilities for those rows.
 * @param options `confidence` to add bootstrap intervals.
 * @returns A new frame: `model`, `roc_auc`, `average_precision`, `brier_score`, `log_loss`, then
 * with `confidence` the four interval columns.
 * @throws {RangeError} As the underlying metrics do (single class, lengths, values outside
 * [0, 1] for the probability scores).
 *
 * @example Two models
 * ```ts
 * import assert from "node:assert/strict";
 * import { modelComparison } from "./model_comparison.ts";
 *
 * const y = [0, 0, 1, 1];
 * const table = modelComparison(y, { coin: [0.5, 0.5, 0.5, 0.5], good: [0.1, 0.2, 0.8, 0.9] });
 * assert.deepEqual(table.getColumn("roc_auc").toArray(), [0.5, 1]);
 * ```
 */
export function modelComparison(
  yTrue: ArrayLike<number>,
  scores: Readonly<Record<string, ArrayLike<number>>>,
  options: ModelComparisonOptions = {},
): DataFrame {
  const names = Object.keys(scores);
  if (names.length === 0) {
    throw new RangeError("Cannot compare models as none were given: 0 models");
  }
  const table = pl.DataFrame({
    model: pl.Series("model", names, pl.Utf8),
    roc_auc: names.map((n) => rocAuc(yTrue, scores[n])),
    average_precision: names.map((n) => averagePrecision(yTrue, scores[n])),
    brier_score: names.map((n) => brierScore(yTrue, scores[n])),
    log_loss: names.map((n) => logLoss(yTrue, scores[n])),
  });
  if (options.confidence === undefined) return table;
  const intervals = (metric: "roc_auc" | "average_precision") =>
    names.map((n) => bootstrapMetric(yTrue, scores[n], { ...options.confidence!, metric }));
  const auc = intervals("roc_auc");
  const ap = intervals("average_precision");
  return table.withColumns(
    pl.Series("roc_auc_lower", auc.map((c) => c.lower), pl.Float64),
    pl.Series("roc_auc_upper", auc.map((c) => c.upper), pl.Float64),
    pl.Series("average_precision_lower", ap.map((c) => c.lower), pl.Float64),
    pl.Series("average_precision_upper", ap.map((c) => c.upper), pl.Float64),
  );
}
