import { requireFinite, requireNonNegative, requireProbability } from "../core/errors.ts";
import { binaryInput } from "./_binary.ts";
import { CompensatedSum, retainedValueInput } from "./_retained_value.ts";

/** Options for {@linkcode campaignValue}. */
export interface CampaignValueOptions {
  /** Contact every customer scored at or above this value (a number; Infinity: nobody). Required. */
  threshold: number;
  /** Cost of contacting one customer, a finite number >= 0. Required. */
  contactCost: number;
  /**
   * Value kept when a churner is retained, finite >= 0: one number for every customer, or one
   * value per row (e.g. each customer's lifetime value), row-aligned with `yTrue`. Required.
   */
  retainedValue: number | ArrayLike<number>;
  /** Probability that contacting a churner keeps them, in [0, 1]. Default 1. */
  successRate?: number;
}

/** What a fixed contact threshold earns on labelled rows; see {@linkcode campaignValue}. */
export interface CampaignValue {
  /** The threshold applied. */
  readonly threshold: number;
  /** Customers scored at or above it. */
  readonly contacted: number;
  /** Churners among them. */
  readonly truePositives: number;
  /** Churners in all rows. */
  readonly positives: number;
  /**
   * `truePositives × successRate × retainedValue − contactCost × contacted`; with per-row values,
   * `successRate × (sum of the contacted churners' values) − contactCost × contacted`.
   */
  readonly expectedValue: number;
}

/**
 * Expected value of a retention campaign at a **given** threshold: the same formula as
 * {@linkcode expectedValueThreshold}, but for a threshold chosen elsewhere (on training rows by
 * cross-validation), so that its value can be reported on untouched test rows. Reporting the best
 * threshold's value on the rows it was chosen on is optimistic.
 *
 *     EV = TP × successRate × retainedValue − contactCost × contacted
 *
 * With one value per row (`value_i`), a saved churner is worth their own value:
 *
 *     EV = successRate × Σ_{contacted churners i} value_i − contactCost × contacted
 *
 * (the sum compensated, Neumaier); when every per-row value is the same number, the scalar
 * formula is used, so the result is identical to passing that number.
 *
 * Cost: O(n).
 *
 * @param yTrue One label per row: 1 for a churner, 0 otherwise.
 * @param scores One finite score per row.
 * @param options `threshold`, `contactCost`, `retainedValue` (required; a number or one value per
 * row) and `successRate` (default 1).
 * @returns The counts and the expected value.
 * @throws {TypeError} When an argument is not array-like or an option is not a number.
 * @throws {RangeError} When the lengths differ, the input is empty, a label is not 0 or 1, a score
 * is not finite, the threshold is NaN, a cost or value is negative or not finite, per-row values
 * differ in length from `yTrue`, or `successRate` is outside [0, 1].
 *
 * @example Two contacted, one churner saved half the time
 * ```ts
 * import assert from "node:assert/strict";
 * import { campaignValue } from "./campaign_value.ts";
 *
 * const value = campaignValue([1, 0, 1, 0], [0.9, 0.7, 0.4, 0.1], {
 *   threshold: 0.5,
 *   contactCost: 10,
 *   retainedValue: 100,
 *   successRate: 0.5,
 * });
 * assert.deepEqual([value.contacted, value.truePositives, value.expectedValue], [2, 1, 30]);
 * // Per customer: the contacted churner is worth 300, so 0.5 x 300 - 2 x 10 = 130.
 * const perCustomer = campaignValue([1, 0, 1, 0], [0.9, 0.7, 0.4, 0.1], {
 *   threshold: 0.5,
 *   contactCost: 10,
 *   retainedValue: [300, 50, 80, 20],
 *   successRate: 0.5,
 * });
 * assert.equal(perCustomer.expectedValue, 130);
 * ```
 */
export function campaignValue(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: CampaignValueOptions,
): CampaignValue {
  const action = "compute campaign value";
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Cannot ${action} as options are missing: pass { threshold, contactCost, retainedValue }`,
    );
  }
  const threshold = options.threshold === Infinity
    ? Infinity
    : requireFinite(options.threshold, "threshold", action);
  const contactCost = requireNonNegative(options.contactCost, "contactCost", action);
  if (typeof options.retainedValue !== "object" || options.retainedValue === null) {
    requireNonNegative(options.retainedValue, "retainedValue", action);
  }
  const successRate = requireProbability(options.successRate ?? 1, "successRate", action, true);
  const input = binaryInput(yTrue, scores, action);
  const value = retainedValueInput(options.retainedValue, input.n, action);
  let contacted = 0;
  let truePositives = 0;
  const churnerValue = new CompensatedSum();
  for (let i = 0; i < input.n; i++) {
    if (input.scores[i] >= threshold) {
      contacted++;
      truePositives += input.y[i];
      if (value.perRow !== undefined && input.y[i] === 1) churnerValue.add(value.perRow[i]);
    }
  }
  return {
    threshold,
    contacted,
    truePositives,
    positives: input.positives,
    expectedValue: value.perRow === undefined
      ? truePositives * successRate * value.scalar - contactCost * contacted
      : successRate * churnerValue.value - contactCost * contacted,
  };
}
