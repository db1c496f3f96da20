import { requireFinite } from "../core/errors.ts";
import {
  type Alternative,
  type RelativeEffect,
  relativeEffect,
  resolveTestOptions,
  type TestOptions,
  zTools,
} from "./_shared.ts";

/** One arm of a ratio metric: per-unit numerators and denominators (e.g. revenue and visits). */
export interface RatioArm {
  /** Per-unit numerators, e.g. revenue per visitor. */
  numerator: readonly number[] | ArrayLike<number>;
  /** Per-unit denominators of the same length, e.g. sessions or orders per visitor. */
  denominator: readonly number[] | ArrayLike<number>;
}

/** Options for {@linkcode ratioTest}. */
export type RatioTestOptions = TestOptions;

/** Per-arm summary of a ratio metric. */
export interface RatioArmSummary {
  /** The ratio `sum(numerator) / sum(denominator)`. */
  readonly ratio: number;
  /** Its delta-method variance. */
  readonly variance: number;
  /** Number of units. */
  readonly n: number;
}

/** What {@linkcode ratioTest} returns: the house shape of a statistical test. */
export interface RatioTestResult {
  /** The z statistic `(Rt - Rc) / se`. */
  readonly statistic: number;
  /** The p-value for `alternative` (standard normal). */
  readonly pValue: number;
  /** Interval for `Rt - Rc` (one-sided alternatives give an infinite bound). */
  readonly confidenceInterval: readonly [number, number];
  /** Treatment ratio minus control ratio. */
  readonly effect: number;
  /** Units in both arms. */
  readonly n: number;
  /** The relative lift `Rt / Rc - 1` by the delta method; null when the control ratio is 0. */
  readonly relative: RelativeEffect | null;
  /** Control ratio, its delta-method variance and unit count. */
  readonly control: RatioArmSummary;
  /** Treatment ratio, its delta-method variance and unit count. */
  readonly treatment: RatioArmSummary;
  /** Standard error of the difference. */
  readonly standardError: number;
  /** The alternative tested. */
  readonly alternative: Alternative;
  /** The significance level. */
  readonly alpha: number;
}

const ACTION = "run a ratio test";

function summarize(arm: RatioArm | undefined, name: string): RatioArmSummary {
  if (arm === null || typeof arm !== "object" || !arm.numerator || !arm.denominator) {
    throw new TypeError(
      `Cannot ${ACTION} as ${name} is not { numerator, denominator } arrays: got ${String(arm)}`,
    );
  }
  const y = arm.numerator;
  const x = arm.denominator;
  const n = y.length;
  if (x.length !== n) {
    throw new RangeError(
      `Cannot ${ACTION} as ${name}.numerator and ${name}.denominator differ in length: ${n} and ${x.length}`,
    );
  }
  if (n < 2) {
    throw new RangeError(`Cannot ${ACTION} as ${name} needs at least 2 units: got ${n}`);
  }
  let sy = 0;
  let sx = 0;
  for (let i = 0; i < n; i++) {
    sy += requireFinite(y[i], `${name}.numerator[${i}]`, ACTION);
    sx += requireFinite(x[i], `${name}.denominator[${i}]`, ACTION);
  }
  const my = sy / n;
  const mx = sx / n;
  if (!(mx > 0)) {
    throw new RangeError(
      `Cannot ${ACTION} as ${name}.denominator must have a positive mean: got ${mx}`,
    );
  }
  let vy = 0;
  let vx = 0;
  let cxy = 0;
  for (let i = 0; i < n; i++) {
    const dy = y[i] - my;
    const dx = x[i] - mx;
    vy += dy * dy;
    vx += dx * dx;
    cxy += dx * dy;
  }
  vy /= n - 1;
  vx /= n - 1;
  cxy /= n - 1;
  const ratio = my / mx;
  const variance = Math.max(
    0,
    (vy - 2 * ratio * cxy + ratio * ratio * vx) / (mx * mx * n),
  );
  return { ratio, variance, n };
}

/**
 * Compares a ratio metric between two arms by the delta method, e.g. revenue per session when
 * the unit of randomisation is the visitor (numerator and denominator both vary per visitor, so
 * the sessions are not independent and a plain t test on sessions understates the error).
 *
 * Formula (Deng, Knoblich and Lu, "Applying the Delta Method in Metric Analytics", KDD 2018,
 * section 3): for an arm of `n` units with per-unit numerators `y` and denominators `x`,
 * `R = mean(y) / mean(x)` and
 * `Var(R) ~ (s_y^2 - 2 R s_xy + R^2 s_x^2) / (n mean(x)^2)` (sample variances and covariance,
 * `n - 1` denominator). The test is a Wald z test on `Rt - Rc` with
 * `se = sqrt(Var(Rt) + Var(Rc))`; the relative lift `Rt / Rc - 1` gets a second delta-method
 * interval (as in {@linkcode welchTest}). Cost: O(n).
 *
 * @param arms `control` and `treatment`, each `{ numerator, denominator }` per-unit arrays.
 * @param options `alternative` (default two-sided) and `alpha` (default 0.05).
 * @returns The house result plus `relative`, per-arm ratios and variances, and `standardError`.
 * @throws {RangeError} When an arm has fewer than 2 units, arrays of different lengths, a
 *   non-finite value, a non-positive mean denominator, or both arms have zero variance.
 * @throws {TypeError} When an arm is not `{ numerator, denominator }`.
 *
 * @example Revenue per session, randomised by visitor
 * ```ts
 * import { ratioTest } from "./ratio_test.ts";
 * import assert from "node:assert/strict";
 *
 * const result = ratioTest({
 *   control: { numerator: [10, 0, 25, 5, 0, 12], denominator: [2, 1, 3, 1, 1, 2] },
 *   treatment: { numerator: [14, 3, 30, 9, 2, 20], denominator: [2, 1, 3, 2, 1, 2] },
 * });
 * assert.ok(Math.abs(result.control.ratio - 52 / 10) < 1e-12);
 * assert.ok(Math.abs(result.effect - (78 / 11 - 52 / 10)) < 1e-12);
 * assert.ok(result.confidenceInterval[0] < result.effect);
 * ```
 */
export function ratioTest(
  arms: { control: RatioArm; treatment: RatioArm },
  options: RatioTestOptions = {},
): RatioTestResult {
  const { alternative, alpha } = resolveTestOptions(options, ACTION);
  const control = summarize(arms?.control, "control");
  const treatment = summarize(arms?.treatment, "treatment");
  const variance = control.variance + treatment.variance;
  if (!(variance > 0)) {
    throw new RangeError(
      `Cannot ${ACTION} as both arms have zero variance: ratio ${control.ratio} in control and ${treatment.ratio} in treatment`,
    );
  }
  const standardError = Math.sqrt(variance);
  const effect = treatment.ratio - control.ratio;
  const statistic = effect / standardError;
  return {
    statistic,
    pValue: zTools.pValue(statistic, alternative),
    confidenceInterval: zTools.interval(effect, standardError, alternative, alpha),
    effect,
    n: control.n + treatment.n,
    relative: relativeEffect(
      treatment.ratio,
      treatment.variance,
      control.ratio,
      control.variance,
      alternative,
      alpha,
    ),
    control,
    treatment,
    standardError,
    alternative,
    alpha,
  };
}
