import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireNonNegative, requireProbability } from "../core/errors.ts";
import { binaryInput, thresholdCounts } from "./_binary.ts";

/** Options for {@linkcode expectedValueThreshold}. */
export interface ExpectedValueThresholdOptions {
  /** Cost of contacting one customer (offer, call, discount), a finite number >= 0. Required. */
  contactCost: number;
  /** Value kept when a churner is retained (e.g. margin over the horizon), finite >= 0. Required. */
  retainedValue: number;
  /** Probability that contacting a churner keeps them, in [0, 1]. Default 1. */
  successRate?: number;
}

/** The best contact threshold and every candidate; see {@linkcode expectedValueThreshold}. */
export interface ExpectedValueThreshold {
  /**
   * Contact every customer scored >= this value. `Infinity` when contacting nobody is best
   * (every candidate loses money).
   */
  readonly threshold: number;
  /** Expected value of that contact list, in the units of the costs (0 for nobody). */
  readonly expectedValue: number;
  /** Number of customers contacted at that threshold. */
  readonly contacted: number;
  /**
   * One row per candidate threshold, from "contact nobody" (`threshold` Infinity) down through
   * every distinct score: `threshold` (Float64), `contacted`, `true_positives` (Int32) and
   * `expected_value` (Float64).
   */
  readonly table: DataFrame;
}

/**
 * Expected-value threshold for a retention campaign: the score cut-off that maximises the
 * expected value of contacting every customer scored at or above it, given what a contact costs
 * and what a retained churner is worth. It turns a churn model's ranking into a contact list
 * size, which accuracy-based thresholds (0.5, best F1) ignore.
 *
 * Assumptions: a contacted churner (label 1) is saved with probability `successRate` and is then
 * worth `retainedValue`; a contacted non-churner only costs the contact (no gain, no harm, e.g.
 * no subsidised discount counted); customers not contacted cost and gain nothing relative to
 * doing nothing. Labels are the outcomes without a campaign (from a hold-out period). So for the
 * rule "contact when score >= t":
 *
 *     EV(t) = TP(t) × successRate × retainedValue − contactCost × contacted(t)
 *
 * evaluated at every distinct score (tied scores are contacted together) and at "contact
 * nobody" (EV 0, threshold Infinity). The best is the largest EV; among equal EVs the highest
 * threshold (fewest contacts) wins. Values are computed from the integer counts at each
 * candidate, not accumulated, so they carry no running rounding error.
 *
 * Cost: O(n log n) time (one sort), O(n) memory.
 * Reference: Verbeke, W., Dejaeger, K., Martens, D., Hur, J. and Baesens, B. (2012), "New
 * insights into churn prediction in the telecommunication sector: a profit driven data mining
 * approach", European Journal of Operational Research 218, 211-229,
 * <https://doi.org/10.1016/j.ejor.2011.09.031>.
 *
 * @param yTrue One label per row: 1 for a churner, 0 otherwise.
 * @param scores One finite score per row; higher means more likely to churn.
 * @param options `contactCost` and `retainedValue` (required) and `successRate` (default 1).
 * @returns The best threshold, its expected value and contact count, and the candidate table.
 * @throws {TypeError} When an argument is not array-like, or a required option is missing or not
 * a number.
 * @throws {RangeError} When the lengths differ, the input is empty, a label is not 0 or 1, a
 * score is NaN, infinite or not a number, a cost or value is negative or not finite, or
 * `successRate` is outside [0, 1]. One class only is allowed.
 *
 * @example Contact the top two
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectedValueThreshold } from "./expected_value_threshold.ts";
 *
 * // Saving a churner is worth 100 with probability 0.5; a contact costs 10.
 * // Nobody: 0; top 1: 50 - 10 = 40; top 2: 100 - 20 = 80; top 3: 100 - 30 = 70; all: 60.
 * const best = expectedValueThreshold([1, 1, 0, 0], [0.9, 0.7, 0.4, 0.1], {
 *   contactCost: 10,
 *   retainedValue: 100,
 *   successRate: 0.5,
 * });
 * assert.deepEqual([best.threshold, best.expectedValue, best.contacted], [0.7, 80, 2]);
 * assert.deepEqual(best.table.getColumn("expected_value").toArray(), [0, 40, 80, 70, 60]);
 * ```
 */
export function expectedValueThreshold(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: ExpectedValueThresholdOptions,
): ExpectedValueThreshold {
  const action = "find expected-value threshold";
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Cannot ${action} as options are missing: pass { contactCost, retainedValue }`,
    );
  }
  const contactCost = requireNonNegative(options.contactCost, "contactCost", action);
  const retainedValue = requireNonNegative(options.retainedValue, "retainedValue", action);
  const successRate = requireProbability(options.successRate ?? 1, "successRate", action, true);
  const input = binaryInput(yTrue, scores, action);
  const { thresholds, tps, fps } = thresholdCounts(input);
  const m = thresholds.length;
  const threshold = new Float64Array(m + 1);
  const contacted = new Int32Array(m + 1);
  const truePositives = new Int32Array(m + 1);
  const expectedValue = new Float64Array(m + 1);
  threshold[0] = Infinity;
  let best = 0;
  for (let k = 0; k < m; k++) {
    const r = k + 1;
    threshold[r] = thresholds[k];
    contacted[r] = tps[k] + fps[k];
    truePositives[r] = tps[k];
    expectedValue[r] = tps[k] * successRate * retainedValue - contactCost * contacted[r];
    if (expectedValue[r] > expectedValue[best]) best = r;
  }
  return {
    threshold: threshold[best],
    expectedValue: expectedValue[best],
    contacted: contacted[best],
    table: pl.DataFrame({
      threshold,
      contacted,
      true_positives: truePositives,
      expected_value: expectedValue,
    }),
  };
}
