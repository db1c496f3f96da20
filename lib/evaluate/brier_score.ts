import { binaryInput } from "./_binary.ts";

/**
 * Brier score: the mean squared difference between the predicted probability and the 0/1
 * outcome, a proper scoring rule that rewards both ranking and calibration (lower is better;
 * 0 is perfect; always predicting the positive rate p scores p (1 − p)).
 *
 *     Brier = (1 / n) Σᵢ (yᵢ − pᵢ)²
 *
 * Same as `sklearn.metrics.brier_score_loss(yTrue, scores)`, which also allows a sample with one
 * class only.
 *
 * Cost: O(n) time, O(n) memory for the validated copy.
 * Reference: Brier, G. W. (1950), "Verification of forecasts expressed in terms of
 * probability", Monthly Weather Review 78, 1-3,
 * <https://doi.org/10.1175/1520-0493(1950)078%3C0001:VOFEIT%3E2.0.CO;2>;
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.brier_score_loss.html>.
 *
 * @param yTrue One label per row: 1 for the positive class, 0 otherwise.
 * @param scores One predicted probability per row, in [0, 1].
 * @returns The mean squared error, from 0 to 1.
 * @throws {TypeError} When an argument is not array-like.
 * @throws {RangeError} When the lengths differ, the input is empty, a label is not 0 or 1, or a
 * score is not a probability in [0, 1] (scikit-learn raises too).
 *
 * @example scikit-learn's documented example
 * ```ts
 * import assert from "node:assert/strict";
 * import { brierScore } from "./brier_score.ts";
 *
 * // (0.1² + 0.1² + 0.2² + 0.3²) / 4 = 0.0375
 * assert.ok(Math.abs(brierScore([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) - 0.0375) < 1e-15);
 * ```
 */
export function brierScore(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { y, scores: p, n } = binaryInput(yTrue, scores, "compute Brier score", {
    probabilities: true,
  });
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (y[i] - p[i]) ** 2;
  return sum / n;
}
