import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireNonNegative, requireProbability } from "../core/errors.ts";
import { binaryInput, thresholdCounts } from "./_binary.ts";
import { CompensatedSum, retainedValueInput } from "./_retained_value.ts";

/** Options for {@linkcode expectedValueThreshold}. */
export interface ExpectedValueThresholdOptions {
  /** Cost of contacting one customer (offer, call, discount), a finite number >= 0. Required. */
  contactCost: number;
  /**
   * Value kept when a churner is retained (e.g. margin over the horizon), finite >= 0: one number
   * for every customer, or one value per row (e.g. each customer's lifetime value), row-aligned
   * with `yTrue`. Required.
   */
  retainedValue: number | ArrayLike<number>;
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
 * **Per-customer values.** When `retainedValue` holds one value per row (`value_i`, e.g. each
 * customer's lifetime value), a saved churner is worth their own value:
 *
 *     EV(t) = successRate × Σ_{contacted churners i} value_i − contactCost × contacted(t)
 *
 * The candidate thresholds are still the distinct scores (the list is still "everyone scored at
 * or above t"; it is not re-ranked by value). The sums of values are accumulated down the sorted
 * scores with compensated (Neumaier) summation, so their error stays at a few units in the last
 * place. When every per-row value is the same number, the scalar formula above is used, so the
 * result is identical to passing that number.
 *
 * Cost: O(n log n) time (one sort), O(n) memory.
 * Reference: Verbeke, W., Dejaeger, K., Martens, D., Hur, J. and Baesens, B. (2012), "New
 * insights into churn prediction in the telecommunication sector: a profit driven data mining
 * approach", European Journal of Operational Research 218, 211-229,
 * <https://doi.org/10.1016/j.ejor.2011.09.031>.
 *
 * @param yTrue One label per row: 1 for a churner, 0 otherwise.
 * @param scores One finite score per row; higher means more likely to churn.
 * @param options `contactCost` and `retainedValue` (required; a number or one value per row) and
 * `successRate` (default 1).
 * @returns The best threshold, its expected value and contact count, and the candidate table.
 * @throws {TypeError} When an argument is not array-like, or a required option is missing or not
 * a number.
 * @throws {RangeError} When the lengths differ, the input is empty, a label is not 0 or 1, a
 * score is NaN, infinite or not a number, a cost or value is negative or not finite, per-row
 * values differ in length from `yTrue`, or `successRate` is outside [0, 1]. One class only is
 * allowed.
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
 *
 * @example Each churner worth their own value
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectedValueThreshold } from "./expected_value_threshold.ts";
 *
 * // Churners worth 40 and 300; a contact costs 10; saved with probability 0.5.
 * // Top 1: 20 - 10 = 10; top 2: 20 - 20 = 0; top 3: 170 - 30 = 140; all: 170 - 40 = 130.
 * const best = expectedValueThreshold([1, 0, 1, 0], [0.9, 0.7, 0.4, 0.1], {
 *   contactCost: 10,
 *   retainedValue: [40, 500, 300, 80],
 *   successRate: 0.5,
 * });
 * assert.deepEqual([best.threshold, best.expectedValue, best.contacted], [0.4, 140, 3]);
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
  if (typeof options.retainedValue !== "object" || options.retainedValue === null) {
    requireNonNegative(options.retainedValue, "retainedValue", action);
  }
  const successRate = requireProbability(options.successRate ?? 1, "successRate", action, true);
  const input = binaryInput(yTrue, scores, action);
  const value = retainedValueInput(options.retainedValue, input.n, action);
  const { thresholds, tps, fps } = thresholdCounts(input);
  const churnerValue = value.perRow === undefined
    ? undefined
    : churnerValueSums(input, value.perRow);
  const retainedValue = value.scalar ?? 0;
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
    expectedValue[r] = churnerValue === undefined
      ? tps[k] * successRate * retainedValue - contactCost * contacted[r]
      : successRate * churnerValue[k] - contactCost * contacted[r];
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

/**
 * The summed value of the churners scored at or above each distinct score, in the order of
 * `thresholdCounts` (distinct scores, decreasing).
 */
function churnerValueSums(
  input: { y: Uint8Array; scores: Float64Array; n: number },
  values: Float64Array,
): Float64Array {
  const { y, scores, n } = input;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const sums: number[] = [];
  const sum = new CompensatedSum();
  let i = 0;
  while (i < n) {
    const score = scores[order[i]];
    while (i < n && scores[order[i]] === score) {
      if (y[order[i]] === 1) sum.add(values[order[i]]);
      i++;
    }
    sums.push(sum.value);
  }
  return Float64Array.from(sums);
}
