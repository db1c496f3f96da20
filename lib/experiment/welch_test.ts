import { requireFinite, requireInteger } from "../core/errors.ts";
import {
  type Alternative,
  type RelativeEffect,
  relativeEffect,
  resolveTestOptions,
  type TestOptions,
  tTools,
} from "./_shared.ts";

/** One arm as experimentation engines store it: count, sum and sum of squares. */
export interface MeanSummary {
  /** Number of units (an integer >= 2). */
  n: number;
  /** Sum of the metric over the units. */
  sum: number;
  /** Sum of the squared metric over the units. */
  sumSquares: number;
}

/** An arm: the per-unit values, or their {@linkcode MeanSummary}. */
export type MeanArm = readonly number[] | ArrayLike<number> | MeanSummary;

/** Options for {@linkcode welchTest}. */
export type WelchTestOptions = TestOptions;

/** What {@linkcode welchTest} returns: the house shape of a statistical test. */
export interface WelchTestResult {
  /** Welch's t statistic. */
  readonly statistic: number;
  /** The p-value for `alternative` (Student t with `degreesOfFreedom`). */
  readonly pValue: number;
  /** Interval for the difference of means (one-sided alternatives give an infinite bound). */
  readonly confidenceInterval: readonly [number, number];
  /** Treatment mean minus control mean. */
  readonly effect: number;
  /** Units in both arms. */
  readonly n: number;
  /** Welch-Satterthwaite degrees of freedom (not an integer). */
  readonly degreesOfFreedom: number;
  /** The relative lift `treatment / control - 1` by the delta method; null when control is 0. */
  readonly relative: RelativeEffect | null;
  /** Control mean, variance (n - 1 denominator) and count. */
  readonly control: { readonly mean: number; readonly variance: number; readonly n: number };
  /** Treatment mean, variance and count. */
  readonly treatment: { readonly mean: number; readonly variance: number; readonly n: number };
  /** Standard error of the difference. */
  readonly standardError: number;
  /** The alternative tested. */
  readonly alternative: Alternative;
  /** The significance level. */
  readonly alpha: number;
}

const ACTION = "run a Welch test";

function summarize(
  arm: MeanArm | undefined,
  name: string,
): { mean: number; variance: number; n: number } {
  if (arm === null || typeof arm !== "object") {
    throw new TypeError(
      `Cannot ${ACTION} as ${name} is not an array of numbers or { n, sum, sumSquares }: got ${
        String(arm)
      }`,
    );
  }
  if ("sumSquares" in arm) {
    const n = requireInteger(arm.n, `${name}.n`, ACTION, 2);
    const sum = requireFinite(arm.sum, `${name}.sum`, ACTION);
    const sumSquares = requireFinite(arm.sumSquares, `${name}.sumSquares`, ACTION);
    const mean = sum / n;
    const centred = sumSquares - sum * mean;
    if (centred < -1e-9 * Math.abs(sumSquares)) {
      throw new RangeError(
        `Cannot ${ACTION} as ${name}.sumSquares is below sum^2 / n: ${sumSquares} < ${sum * mean}`,
      );
    }
    return { mean, variance: Math.max(centred, 0) / (n - 1), n };
  }
  const values = arm as ArrayLike<number>;
  const n = values.length;
  if (n < 2) {
    throw new RangeError(
      `Cannot ${ACTION} as ${name} needs at least 2 observations: got ${n}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += requireFinite(values[i], `${name}[${i}]`, ACTION);
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return { mean, variance: squares / (n - 1), n };
}

/**
 * Compares two means with Welch's unequal-variances t test, e.g. revenue per customer with and
 * without a campaign. Each arm is an array of per-unit values or the `{ n, sum, sumSquares }`
 * summary engines store; exactly R's `t.test(treatment, control, var.equal = FALSE)`.
 *
 * Formula: `t = (mt - mc) / se`, `se = sqrt(vt / nt + vc / nc)`, Welch-Satterthwaite
 * `df = se^4 / ((vt / nt)^2 / (nt - 1) + (vc / nc)^2 / (nc - 1))` (Welch 1947); interval
 * `mt - mc -/+ t_(1 - alpha/2, df) se`. The relative lift `mt / mc - 1` has a delta-method
 * interval (normal approximation). From summaries, the variance is `(sumSquares - sum^2 / n) /
 * (n - 1)`, which loses digits when the mean is large against the spread: pass the values when
 * you have them. Cost: O(n).
 *
 * @param arms `control` and `treatment`: arrays of numbers or `{ n, sum, sumSquares }`.
 * @param options `alternative` (default two-sided) and `alpha` (default 0.05).
 * @returns The house result plus `degreesOfFreedom`, `relative` and per-arm summaries.
 * @throws {RangeError} When an arm has fewer than 2 observations, a non-finite value, a sum of
 *   squares below `sum^2 / n`, or both arms have zero variance.
 * @throws {TypeError} When an arm is neither an array nor a summary.
 *
 * @example Revenue per customer, from values and from stored summaries
 * ```ts
 * import { welchTest } from "./welch_test.ts";
 * import assert from "node:assert/strict";
 *
 * const control = [12, 15, 9, 20, 14, 11];
 * const treatment = [18, 22, 13, 25, 19, 16, 21];
 * const result = welchTest({ control, treatment });
 * assert.ok(Math.abs(result.effect - (134 / 7 - 81 / 6)) < 1e-12);
 * assert.ok(result.pValue < 0.05);
 * const sumSquares = (xs: number[]) => xs.reduce((s, x) => s + x * x, 0);
 * const fromSummaries = welchTest({
 *   control: { n: 6, sum: 81, sumSquares: sumSquares(control) },
 *   treatment: { n: 7, sum: 134, sumSquares: sumSquares(treatment) },
 * });
 * assert.ok(Math.abs(fromSummaries.statistic - result.statistic) < 1e-12);
 * ```
 */
export function welchTest(
  arms: { control: MeanArm; treatment: MeanArm },
  options: WelchTestOptions = {},
): WelchTestResult {
  const { alternative, alpha } = resolveTestOptions(options, ACTION);
  const control = summarize(arms?.control, "control");
  const treatment = summarize(arms?.treatment, "treatment");
  const vc = control.variance / control.n;
  const vt = treatment.variance / treatment.n;
  const variance = vc + vt;
  if (!(variance > 0)) {
    throw new RangeError(
      `Cannot ${ACTION} as both arms have zero variance: every value in control is ${control.mean} and in treatment ${treatment.mean}`,
    );
  }
  const standardError = Math.sqrt(variance);
  const degreesOfFreedom = variance * variance /
    (vc * vc / (control.n - 1) + vt * vt / (treatment.n - 1));
  const effect = treatment.mean - control.mean;
  const statistic = effect / standardError;
  const tools = tTools(degreesOfFreedom);
  return {
    statistic,
    pValue: tools.pValue(statistic, alternative),
    confidenceInterval: tools.interval(effect, standardError, alternative, alpha),
    effect,
    n: control.n + treatment.n,
    degreesOfFreedom,
    relative: relativeEffect(treatment.mean, vt, control.mean, vc, alternative, alpha),
    control,
    treatment,
    standardError,
    alternative,
    alpha,
  };
}
