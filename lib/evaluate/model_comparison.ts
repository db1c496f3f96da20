import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { rocAuc } from "./roc_auc.ts";
import { averagePrecision } from "./average_precision.ts";
import { brierScore } from "./brier_score.ts";
import { logLoss } from "./log_loss.ts";

/**
 * Compares models on the same held-out rows: one row per model with ROC AUC (ranking quality,
 * 0.5 = random), average precision (ranking quality focused on the churners; the base rate =
 * random), Brier score and log loss (quality of the probabilities themselves; lower is better).
 * Rows keep the order given, so put the baseline first.
 *
 * @param yTrue The 0/1 outcomes of the held-out rows.
 * @param scores Model name to its probabilities for those rows.
 * @returns A new frame: `model`, `roc_auc`, `average_precision`, `brier_score`, `log_loss`.
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
): DataFrame {
  const names = Object.keys(scores);
  if (names.length === 0) {
    throw new RangeError("Cannot compare models as none were given: 0 models");
  }
  return pl.DataFrame({
    model: pl.Series("model", names, pl.Utf8),
    roc_auc: names.map((n) => rocAuc(yTrue, scores[n])),
    average_precision: names.map((n) => averagePrecision(yTrue, scores[n])),
    brier_score: names.map((n) => brierScore(yTrue, scores[n])),
    log_loss: names.map((n) => logLoss(yTrue, scores[n])),
  });
}
