import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { binaryInput, thresholdCounts } from "./_binary.ts";

/**
 * ROC curve (receiver operating characteristic): the false positive rate and true positive rate
 * (recall) of the rule "positive when score >= threshold", for each threshold from the highest
 * score down, the data behind a ROC chart and {@linkcode rocAuc}.
 *
 * Same rows as `sklearn.metrics.roc_curve(yTrue, scores)` in scikit-learn 1.2.1 (the Debian
 * version the references come from), with its default `drop_intermediate=True`:
 * - one candidate point per distinct score, in decreasing order (tied scores form one step);
 * - interior points where the curve does not turn (second differences of both the FP and TP
 *   counts are zero, i.e. collinear on a horizontal or vertical run) are dropped;
 * - a first row (fpr 0, tpr 0) is added with threshold = highest score + 1. scikit-learn 1.3 and
 *   later use `Infinity` there instead; only that one value differs.
 *
 * fpr = FP / N and tpr = TP / P, for P positives and N negatives.
 *
 * Cost: O(n log n) time (one sort), O(n) memory.
 * Reference: Fawcett, T. (2006), "An introduction to ROC analysis", Pattern Recognition Letters
 * 27, 861-874, <https://doi.org/10.1016/j.patrec.2005.10.010>;
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.roc_curve.html>.
 *
 * @param yTrue One label per row: 1 for the positive class, 0 otherwise.
 * @param scores One finite score per row; higher means more likely positive.
 * @returns A frame with Float64 columns `threshold` (decreasing), `fpr` and `tpr` (both
 * non-decreasing from 0 to 1).
 * @throws {TypeError} When an argument is not array-like.
 * @throws {RangeError} When the lengths differ, the input is empty, a label is not 0 or 1, a
 * score is NaN, infinite or not a number, or only one class is present (scikit-learn warns and
 * returns NaN rates).
 *
 * @example The tied pair forms one diagonal step
 * ```ts
 * import assert from "node:assert/strict";
 * import { rocCurve } from "./roc_curve.ts";
 *
 * const curve = rocCurve([1, 0, 1, 0], [0.9, 0.1, 0.5, 0.5]);
 * assert.deepEqual(curve.getColumn("threshold").toArray(), [1.9, 0.9, 0.5, 0.1]);
 * assert.deepEqual(curve.getColumn("fpr").toArray(), [0, 0, 0.5, 1]);
 * assert.deepEqual(curve.getColumn("tpr").toArray(), [0, 0.5, 1, 1]);
 * ```
 */
export function rocCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>): DataFrame {
  const input = binaryInput(yTrue, scores, "compute ROC curve", {
    requireBothClasses: "ROC curve",
  });
  const { thresholds, tps, fps } = thresholdCounts(input);
  const m = thresholds.length;
  // Keep the ends and every point where either count's second difference is non-zero.
  const keep: number[] = [];
  for (let k = 0; k < m; k++) {
    if (
      m <= 2 || k === 0 || k === m - 1 ||
      fps[k + 1] - 2 * fps[k] + fps[k - 1] !== 0 || tps[k + 1] - 2 * tps[k] + tps[k - 1] !== 0
    ) keep.push(k);
  }
  const threshold = new Float64Array(keep.length + 1);
  const fpr = new Float64Array(keep.length + 1);
  const tpr = new Float64Array(keep.length + 1);
  threshold[0] = thresholds[0] + 1;
  keep.forEach((k, r) => {
    threshold[r + 1] = thresholds[k];
    fpr[r + 1] = fps[k] / input.negatives;
    tpr[r + 1] = tps[k] / input.positives;
  });
  return pl.DataFrame({ threshold, fpr, tpr });
}
