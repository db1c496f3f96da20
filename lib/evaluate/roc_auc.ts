import { binaryInput, thresholdCounts } from "./_binary.ts";

/**
 * ROC AUC, the area under the receiver operating characteristic curve: the probability that a
 * randomly chosen positive (churner) is scored above a randomly chosen negative, counting a tie
 * as half. 1 is a perfect ranking, 0.5 is no better than chance, 0 is a perfectly reversed
 * ranking. It measures ranking only, so it ignores calibration and the choice of threshold.
 *
 * Same as `sklearn.metrics.roc_auc_score(yTrue, scores)` including ties: the trapezoidal area
 * under the ROC curve built from the distinct score thresholds, so tied scores form one diagonal
 * step. That equals the Mann-Whitney U statistic with ties counted half, divided by
 * P × N:
 *
 *     AUC = Σₖ (FPₖ − FPₖ₋₁) (TPₖ + TPₖ₋₁) / (2 P N)
 *
 * over the distinct scores k in decreasing order (TP₀ = FP₀ = 0), for P positives and N
 * negatives. The sum runs on integer counts, so the only rounding is the final division.
 *
 * A sample with one class only has no pairs to compare: scikit-learn raises a `ValueError`, this
 * throws a `RangeError`.
 *
 * Cost: O(n log n) time (one sort), O(n) memory.
 * Reference: Hanley, J. A. and McNeil, B. J. (1982), "The meaning and use of the area under a
 * receiver operating characteristic (ROC) curve", Radiology 143, 29-36,
 * <https://doi.org/10.1148/radiology.143.1.7063747>;
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.roc_auc_score.html>.
 *
 * @param yTrue One label per row: 1 for the positive class (e.g. churned), 0 otherwise.
 * @param scores One finite score per row; higher means more likely positive. Any scale.
 * @returns The area, from 0 to 1.
 * @throws {TypeError} When an argument is not array-like.
 * @throws {RangeError} When the lengths differ, the input is empty, a label is not 0 or 1 (with
 * the count and the first rows, counted from 1), a score is NaN, infinite or not a number, or
 * only one class is present.
 *
 * @example Ties count half
 * ```ts
 * import assert from "node:assert/strict";
 * import { rocAuc } from "./roc_auc.ts";
 *
 * // Pairs (positive, negative): (0.9, 0.1) right, (0.9, 0.5) right, (0.5, 0.1) right,
 * // (0.5, 0.5) tied: (3 + 0.5) / 4.
 * assert.equal(rocAuc([1, 0, 1, 0], [0.9, 0.1, 0.5, 0.5]), 0.875);
 * ```
 */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const input = binaryInput(yTrue, scores, "compute ROC AUC", { requireBothClasses: "ROC AUC" });
  const { tps, fps } = thresholdCounts(input);
  let twiceArea = 0; // integer arithmetic: exact below 2^53
  let tpPrev = 0;
  let fpPrev = 0;
  for (let k = 0; k < tps.length; k++) {
    twiceArea += (fps[k] - fpPrev) * (tps[k] + tpPrev);
    tpPrev = tps[k];
    fpPrev = fps[k];
  }
  return twiceArea / (2 * input.positives * input.negatives);
}
