import { binaryInput } from "./_binary.ts";

/** Options for {@linkcode confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /**
   * A row is predicted positive when its score is >= this value (so ties at the threshold are
   * positive, as in {@linkcode rocCurve}). Any number but NaN; `Infinity` predicts nobody
   * positive. Default 0.5.
   */
  threshold?: number;
}

/** Counts and rates of the rule "positive when score >= threshold"; see {@linkcode confusionMatrix}. */
export interface ConfusionMatrix {
  /** True positives: label 1, predicted positive. */
  readonly tp: number;
  /** False positives: label 0, predicted positive. */
  readonly fp: number;
  /** True negatives: label 0, predicted negative. */
  readonly tn: number;
  /** False negatives: label 1, predicted negative. */
  readonly fn: number;
  /** tp / (tp + fp); 0 when nobody is predicted positive. */
  readonly precision: number;
  /** Recall (sensitivity, true positive rate): tp / (tp + fn); 0 when there is no positive. */
  readonly recall: number;
  /** Specificity (true negative rate): tn / (tn + fp); 0 when there is no negative. */
  readonly specificity: number;
  /** (tp + tn) / n. */
  readonly accuracy: number;
  /** F1, the harmonic mean of precision and recall: 2 tp / (2 tp + fp + fn); 0 when tp = 0. */
  readonly f1: number;
  /** The threshold used. */
  readonly threshold: number;
}

/**
 * Confusion matrix of a scored classifier at one threshold: the counts of true/false
 * positives/negatives of the rule "predict positive (e.g. will churn) when score >= threshold",
 * with precision, recall, specificity, accuracy and F1, the numbers behind a contact list of
 * everyone scored at or above the threshold.
 *
 * Same counts as `sklearn.metrics.confusion_matrix(yTrue, scores >= threshold)` and the same
 * rates as `precision_score`, `recall_score`, `f1_score` with `zero_division=0` and
 * `accuracy_score`: a rate whose denominator is 0 (e.g. precision when nobody is predicted
 * positive) is 0, where scikit-learn's default `zero_division="warn"` also returns 0 with a
 * warning. Specificity (no scikit-learn function) follows the same rule.
 *
 * Cost: O(n) time, O(n) memory for the validated copy.
 * Reference: <https://en.wikipedia.org/wiki/Confusion_matrix>;
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.confusion_matrix.html>.
 *
 * @param yTrue One label per row: 1 for the positive class, 0 otherwise.
 * @param scores One finite score per row.
 * @param options The `threshold` (default 0.5).
 * @returns Counts, rates and the threshold.
 * @throws {TypeError} When an argument is not array-like or the threshold is not a number.
 * @throws {RangeError} When the lengths differ, the input is empty, a label is not 0 or 1, a
 * score is NaN, infinite or not a number, or the threshold is NaN. One class only is allowed.
 *
 * @example Four customers at threshold 0.5
 * ```ts
 * import assert from "node:assert/strict";
 * import { confusionMatrix } from "./confusion_matrix.ts";
 *
 * const m = confusionMatrix([1, 0, 1, 0], [0.9, 0.5, 0.3, 0.1], { threshold: 0.5 });
 * assert.deepEqual([m.tp, m.fp, m.tn, m.fn], [1, 1, 1, 1]);
 * assert.equal(m.precision, 0.5);
 * assert.equal(m.f1, 0.5);
 * ```
 */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: ConfusionMatrixOptions = {},
): ConfusionMatrix {
  const action = "compute confusion matrix";
  const { threshold = 0.5 } = options;
  if (typeof threshold !== "number") {
    throw new TypeError(`Cannot ${action} as threshold is not a number: ${String(threshold)}`);
  }
  if (Number.isNaN(threshold)) {
    throw new RangeError(`Cannot ${action} as threshold is NaN: ${threshold}`);
  }
  const { y, scores: s, n } = binaryInput(yTrue, scores, action);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < n; i++) {
    if (s[i] >= threshold) {
      if (y[i] === 1) tp++;
      else fp++;
    } else if (y[i] === 1) fn++;
    else tn++;
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    tp,
    fp,
    tn,
    fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    specificity: ratio(tn, tn + fp),
    accuracy: (tp + tn) / n,
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    threshold,
  };
}
