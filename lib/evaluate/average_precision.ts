import { binaryInput, thresholdCounts } from "./_binary.ts";

/**
 * Average precision (AP): a one-number summary of the precision-recall curve, the mean of the
 * precision reached at each recall step, weighted by how much recall the step adds. It rewards
 * putting positives (churners) at the very top of the ranking, and unlike ROC AUC it depends on
 * the positive rate: a random ranking scores about the share of positives, not 0.5.
 *
 * Same as `sklearn.metrics.average_precision_score(yTrue, scores)` including ties, without
 * interpolation:
 *
 *     AP = Σₖ (Rₖ − Rₖ₋₁) Pₖ,  Rₖ = TPₖ / P,  Pₖ = TPₖ / (TPₖ + FPₖ)
 *
 * over the distinct scores k in decreasing order (R₀ = 0), so tied scores form one step whose
 * precision counts every tied row.
 *
 * Single-class samples throw: scikit-learn 1.2.1 warns and returns -0 when there is no positive
 * and returns 1 when there is no negative; neither says anything about the ranking, so both are
 * treated like `roc_auc_score`'s single-class error.
 *
 * Cost: O(n log n) time (one sort), O(n) memory.
 * Reference: <https://en.wikipedia.org/wiki/Evaluation_measures_(information_retrieval)#Average_precision>;
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.average_precision_score.html>.
 *
 * @param yTrue One label per row: 1 for the positive class, 0 otherwise.
 * @param scores One finite score per row; higher means more likely positive.
 * @returns The average precision, from 0 to 1.
 * @throws {TypeError} When an argument is not array-like.
 * @throws {RangeError} When the lengths differ, the input is empty, a label is not 0 or 1, a
 * score is NaN, infinite or not a number, or only one class is present.
 *
 * @example A hand-checked ranking
 * ```ts
 * import assert from "node:assert/strict";
 * import { averagePrecision } from "./average_precision.ts";
 *
 * // Ranked: 0.9 (hit, precision 1), 0.8 (miss), 0.7 (hit, precision 2/3): (1 + 2/3) / 2.
 * const ap = averagePrecision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]);
 * assert.ok(Math.abs(ap - 5 / 6) < 1e-15);
 * ```
 */
export function averagePrecision(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const input = binaryInput(yTrue, scores, "compute average precision", {
    requireBothClasses: "average precision",
  });
  const { tps, fps } = thresholdCounts(input);
  let sum = 0;
  let tpPrev = 0;
  for (let k = 0; k < tps.length; k++) {
    sum += (tps[k] - tpPrev) * (tps[k] / (tps[k] + fps[k]));
    tpPrev = tps[k];
  }
  return sum / input.positives;
}
