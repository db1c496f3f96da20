/**
 * A/B tests a statistician would trust: the two-proportion z test, Welch's t test (from values
 * or from stored count/sum/sum-of-squares summaries), a delta-method ratio-metric test
 * (revenue per visitor), a sequential test with always-valid p-values (mSPRT), the
 * sample-ratio-mismatch check, sample size and power for proportions and means, Holm and
 * Benjamini-Hochberg adjustments, CUPED variance reduction, and an exact beta-binomial
 * (Bayesian) summary. Every test returns the house shape
 * `{ statistic, pValue, confidenceInterval, effect, n }` with `effect = treatment - control`,
 * plus a delta-method `relative` effect where one is defined. Checked against R
 * (`tests/reference/experiment_reference.R`) and numpy (`tests/reference/ratio_reference.py`).
 *
 * @example Plan, check the split, then test
 * ```ts
 * import { sampleSize, srmTest, twoProportionTest } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const plan = sampleSize({ baseline: 0.1, mde: 0.02, power: 0.8 });
 * assert.ok(plan.perGroupRounded > 3000);
 * assert.equal(srmTest([4001, 3999]).mismatch, false);
 * const result = twoProportionTest({
 *   control: { successes: 400, trials: 4001 },
 *   treatment: { successes: 480, trials: 3999 },
 * });
 * assert.ok(result.pValue < 0.01 && result.effect > 0);
 * ```
 *
 * @module
 */
export * from "./two_proportion_test.ts";
export * from "./welch_test.ts";
export * from "./srm_test.ts";
export * from "./sample_size.ts";
export * from "./adjust_p_values.ts";
export * from "./cuped_adjust.ts";
export * from "./beta_binomial_summary.ts";
export * from "./ratio_test.ts";
export * from "./sequential_test.ts";
export * from "./aa_simulation.ts";
export * from "./simulate_experiment.ts";
export * from "./experiment_arms.ts";
export type { Alternative, RelativeEffect, TestOptions } from "./_shared.ts";
