import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { binaryInput, thresholdCounts } from "./_binary.ts";

/**
 * Precision-recall curve: the precision and recall of the rule "positive when score >=
 * threshold" for every distinct score, the data behind a precision-recall chart and
 * {@linkcode averagePrecision}. More telling than the ROC curve when positives are rare.
 *
 * Same rows as `sklearn.metrics.precision_recall_curve(yTrue, scores)` in scikit-learn 1.2.1:
 * - one row per distinct score, thresholds in increasing order (recall non-increasing);
 *   precision = TP / (TP + FP) and recall = TP / P at that threshold, tied scores together;
 * - a final row with precision 1 and recall 0 (contact nobody) that has no threshold in
 *   scikit-learn (its `thresholds` array is one shorter than `precision`); here its `threshold`
 *   is `null`, so the frame keeps one row per point.
 *
 * Cost: O(n log n) time (one sort), O(n) memory.
 * Reference: Davis, J. and Goadrich, M. (2006), "The relationship between precision-recall and
 * ROC curves", ICML '06, <https://doi.org/10.1145/1143844.1143874>;
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.precision_recall_curve.html>.
 *
 * @param yTrue One label per row: 1 for the positive class, 0 otherwise.
 * @param scores One finite score per row; higher means more likely positive.
 * @returns A frame with Float64 columns `threshold` (increasing; `null` in the last row),
 * `precision` and `recall` (from 1 down to 0).
 * @throws {TypeError} When an argument is not array-like.
 * @throws {RangeError} When the lengths differ, the input is empty, a label is not 0 or 1, a
 * score is NaN, infinite or not a number, or only one class is present (scikit-learn warns and
 * sets recall to 1 when there is no positive).
 *
 * @example scikit-learn's documented example
 * ```ts
 * import assert from "node:assert/strict";
 * import { precisionRecallCurve } from "./precision_recall_curve.ts";
 *
 * const curve = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * assert.deepEqual(curve.getColumn("threshold").toArray(), [0.1, 0.35, 0.4, 0.8, null]);
 * assert.deepEqual(curve.getColumn("precision").toArray(), [0.5, 2 / 3, 0.5, 1, 1]);
 * assert.deepEqual(curve.getColumn("recall").toArray(), [1, 1, 0.5, 0.5, 0]);
 * ```
 */
export function precisionRecallCurve(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
): DataFrame {
  const input = binaryInput(yTrue, scores, "compute precision-recall curve", {
    requireBothClasses: "precision-recall curve",
  });
  const { thresholds, tps, fps } = thresholdCounts(input);
  const m = thresholds.length;
  const threshold: (number | null)[] = new Array(m + 1);
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  for (let r = 0; r < m; r++) {
    const k = m - 1 - r; // increasing thresholds
    threshold[r] = thresholds[k];
    precision[r] = tps[k] / (tps[k] + fps[k]);
    recall[r] = tps[k] / input.positives;
  }
  threshold[m] = null;
  precision[m] = 1;
  recall[m] = 0;
  return pl.DataFrame([
    pl.Series("threshold", threshold, pl.Float64),
    pl.Series("precision", precision),
    pl.Series("recall", recall),
  ]);
}
