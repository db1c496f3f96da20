import { requireInteger } from "../core/errors.ts";
import {
  type Alternative,
  type RelativeEffect,
  relativeEffect,
  resolveTestOptions,
  type TestOptions,
  zTools,
} from "./_shared.ts";

/** One arm of a conversion experiment. */
export interface ProportionArm {
  /** Units that converted (an integer from 0 to `trials`). */
  successes: number;
  /** Units exposed (an integer >= 1). */
  trials: number;
}

/** Options for {@linkcode twoProportionTest}. */
export type TwoProportionTestOptions = TestOptions;

/** What {@linkcode twoProportionTest} returns: the house shape of a statistical test. */
export interface TwoProportionTestResult {
  /** The z statistic with the pooled standard error (R's `prop.test` X-squared is its square). */
  readonly statistic: number;
  /** The p-value for `alternative`. */
  readonly pValue: number;
  /**
   * Interval for the difference of rates (unpooled Wald error, clipped to [-1, 1] as R's
   * `prop.test` does; one-sided alternatives give one bound of -1 or 1).
   */
  readonly confidenceInterval: readonly [number, number];
  /** Treatment rate minus control rate. */
  readonly effect: number;
  /** Total trials in both arms. */
  readonly n: number;
  /** The relative lift `treatment / control - 1` by the delta method; null when control is 0. */
  readonly relative: RelativeEffect | null;
  /** Control conversion rate. */
  readonly controlRate: number;
  /** Treatment conversion rate. */
  readonly treatmentRate: number;
  /** The unpooled standard error of the difference, used by the interval. */
  readonly standardError: number;
  /** The alternative tested. */
  readonly alternative: Alternative;
  /** The significance level. */
  readonly alpha: number;
}

const ACTION = "run a two-proportion test";

function checkArm(arm: ProportionArm | undefined, name: string): ProportionArm {
  if (arm === null || typeof arm !== "object") {
    throw new TypeError(
      `Cannot ${ACTION} as ${name} is not { successes, trials }: got ${String(arm)}`,
    );
  }
  const trials = requireInteger(arm.trials, `${name}.trials`, ACTION, 1);
  const successes = requireInteger(arm.successes, `${name}.successes`, ACTION, 0);
  if (successes > trials) {
    throw new RangeError(
      `Cannot ${ACTION} as ${name}.successes exceeds ${name}.trials: ${successes} > ${trials}`,
    );
  }
  return { successes, trials };
}

/**
 * Compares two conversion rates with the two-proportion z test, e.g. whether a retention
 * offer raised the share of customers who bought again. The statistic uses the pooled rate
 * (the test of equal rates); the interval for the difference uses the unpooled Wald error;
 * exactly R's `prop.test(c(xt, xc), c(nt, nc), correct = FALSE)` (whose X-squared is `z^2`).
 *
 * Formula: `z = (pt - pc) / sqrt(p (1 - p) (1 / nt + 1 / nc))` with the pooled
 * `p = (xt + xc) / (nt + nc)`; interval `pt - pc -/+ z_(1 - alpha/2) sqrt(pt (1 - pt) / nt +
 * pc (1 - pc) / nc)`. The relative lift `pt / pc - 1` has a delta-method interval. Cost: O(1).
 *
 * @param arms `control` and `treatment`, each `{ successes, trials }`.
 * @param options `alternative` (default two-sided) and `alpha` (default 0.05).
 * @returns The house result: `statistic` (z), `pValue`, `confidenceInterval`, `effect`, `n`,
 *   `relative`, and both rates.
 * @throws {RangeError} When a count is not an integer, trials are below 1, successes exceed
 *   trials, or no arm has any success or failure (the pooled rate is 0 or 1).
 *
 * @example 230 of 2000 customers bought again with an offer, against 200 of 2000 without
 * ```ts
 * import { twoProportionTest } from "./two_proportion_test.ts";
 * import assert from "node:assert/strict";
 *
 * const result = twoProportionTest({
 *   control: { successes: 200, trials: 2000 },
 *   treatment: { successes: 230, trials: 2000 },
 * });
 * assert.ok(Math.abs(result.effect - 0.015) < 1e-15);
 * assert.ok(Math.abs(result.pValue - 0.1256756) < 1e-7); // R prop.test(correct = FALSE)
 * assert.ok(Math.abs(result.relative!.effect - 0.15) < 1e-12);
 * ```
 */
export function twoProportionTest(
  arms: { control: ProportionArm; treatment: ProportionArm },
  options: TwoProportionTestOptions = {},
): TwoProportionTestResult {
  const { alternative, alpha } = resolveTestOptions(options, ACTION);
  const control = checkArm(arms?.control, "control");
  const treatment = checkArm(arms?.treatment, "treatment");
  const pc = control.successes / control.trials;
  const pt = treatment.successes / treatment.trials;
  const pooled = (control.successes + treatment.successes) / (control.trials + treatment.trials);
  if (pooled === 0 || pooled === 1) {
    throw new RangeError(
      `Cannot ${ACTION} as the pooled rate is ${pooled}: every unit in both arms ${
        pooled === 0 ? "failed" : "succeeded"
      }, so the rates cannot differ`,
    );
  }
  const effect = pt - pc;
  const pooledError = Math.sqrt(
    pooled * (1 - pooled) * (1 / control.trials + 1 / treatment.trials),
  );
  const statistic = effect / pooledError;
  const vc = pc * (1 - pc) / control.trials;
  const vt = pt * (1 - pt) / treatment.trials;
  const standardError = Math.sqrt(vc + vt);
  const [low, high] = zTools.interval(effect, standardError, alternative, alpha);
  return {
    statistic,
    pValue: zTools.pValue(statistic, alternative),
    confidenceInterval: [Math.max(low, -1), Math.min(high, 1)],
    effect,
    n: control.trials + treatment.trials,
    relative: relativeEffect(pt, vt, pc, vc, alternative, alpha),
    controlRate: pc,
    treatmentRate: pt,
    standardError,
    alternative,
    alpha,
  };
}
