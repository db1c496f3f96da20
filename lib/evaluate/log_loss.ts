import { binaryInput } from "./_binary.ts";

/** Options for {@linkcode logLoss}. */
export interface LogLossOptions {
  /**
   * Probabilities are clipped to [eps, 1 − eps] so that a confident mistake costs a finite
   * amount. A number in (0, 0.5). Default `Number.EPSILON` (2.2e-16), scikit-learn 1.2's
   * `eps="auto"` for float64 input; scikit-learn 1.1 and earlier used 1e-15.
   */
  eps?: number;
}

/**
 * Log loss (logistic loss, binary cross-entropy): the mean negative log-likelihood of the
 * outcomes under the predicted probabilities, the proper scoring rule that logistic regression
 * minimises. Lower is better; always predicting 0.5 scores ln 2 ≈ 0.693; one confident mistake
 * can dominate it.
 *
 *     LogLoss = −(1 / n) Σᵢ [yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ)],  pᵢ clipped to [eps, 1 − eps]
 *
 * Same as `sklearn.metrics.log_loss(yTrue, scores)` in scikit-learn 1.2.1, including its
 * clipping (default eps = machine epsilon, not the older 1e-15) and its renormalisation of the
 * pair (1 − p, p) by its sum. Differences: scores must be probabilities in [0, 1] (scikit-learn
 * silently clips any value), and a sample with one class only is scored as scikit-learn does with
 * `labels=[0, 1]` (without `labels` it raises).
 *
 * Cost: O(n) time, O(n) memory for the validated copy.
 * Reference: Bishop, C. M. (2006), "Pattern Recognition and Machine Learning", Springer,
 * section 4.3.2 (cross-entropy error);
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.log_loss.html>.
 *
 * @param yTrue One label per row: 1 for the positive class, 0 otherwise.
 * @param scores One predicted probability per row, in [0, 1].
 * @param options The clipping `eps` (default `Number.EPSILON`).
 * @returns The mean loss in nats, >= 0.
 * @throws {TypeError} When an argument is not array-like or `eps` is not a number.
 * @throws {RangeError} When the lengths differ, the input is empty, a label is not 0 or 1, a
 * score is not a probability in [0, 1], or `eps` is not in (0, 0.5).
 *
 * @example Predicting 0.5 for everyone costs ln 2
 * ```ts
 * import assert from "node:assert/strict";
 * import { logLoss } from "./log_loss.ts";
 *
 * assert.ok(Math.abs(logLoss([0, 1, 1, 0], [0.5, 0.5, 0.5, 0.5]) - Math.LN2) < 1e-15);
 * // A confident mistake is clipped to eps, costing about -ln(2.2e-16) = 36.04.
 * assert.ok(Math.abs(logLoss([1], [0]) - -Math.log(Number.EPSILON)) < 1e-12);
 * ```
 */
export function logLoss(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: LogLossOptions = {},
): number {
  const action = "compute log loss";
  const { eps = Number.EPSILON } = options;
  if (typeof eps !== "number") {
    throw new TypeError(`Cannot ${action} as eps is not a number: ${String(eps)}`);
  }
  if (!(eps > 0 && eps < 0.5)) {
    throw new RangeError(`Cannot ${action} as eps must be in (0, 0.5): ${eps}`);
  }
  const { y, scores: s, n } = binaryInput(yTrue, scores, action, { probabilities: true });
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(s[i], eps), 1 - eps);
    const q = 1 - p;
    // scikit-learn renormalises each row (q, p) by its sum, which can differ from 1 by an ulp.
    sum -= Math.log((y[i] === 1 ? p : q) / (q + p));
  }
  return sum / n;
}
