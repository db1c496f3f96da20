/**
 * Shared pieces of the experiment tests: the alternative hypothesis, p-values and intervals from
 * a z or t statistic, the delta-method relative effect, and the result shape.
 *
 * @module
 */
import { requireOneOf, requireProbability } from "../core/errors.ts";
import { normal } from "../stats/normal.ts";
import { studentT } from "../stats/student_t.ts";

/** Which alternative hypothesis a test takes: treatment differs, is greater, or is less. */
export type Alternative = "two-sided" | "greater" | "less";

/** Options every test takes. */
export interface TestOptions {
  /** `"two-sided"` (default), `"greater"` (treatment > control) or `"less"`. */
  alternative?: Alternative;
  /** Significance level in (0, 1) (default 0.05): intervals have coverage `1 - alpha`. */
  alpha?: number;
}

/** The relative effect `treatment / control - 1`, by the delta method. */
export interface RelativeEffect {
  /** `treatment / control - 1`, e.g. 0.05 for a 5% lift. */
  readonly effect: number;
  /** Its interval (normal approximation, delta-method standard error). */
  readonly confidenceInterval: readonly [number, number];
  /** The p-value of the relative effect being 0 (Wald z test on the delta-method error). */
  readonly pValue: number;
  /** The delta-method standard error. */
  readonly standardError: number;
}

/** The alternatives, for checks. */
export const ALTERNATIVES: readonly Alternative[] = ["two-sided", "greater", "less"];

/** Resolves and checks `alternative` and `alpha`. */
export function resolveTestOptions(
  options: TestOptions | undefined,
  action: string,
): { alternative: Alternative; alpha: number } {
  return {
    alternative: requireOneOf(
      options?.alternative ?? "two-sided",
      ALTERNATIVES,
      "alternative",
      action,
    ),
    alpha: requireProbability(options?.alpha ?? 0.05, "alpha", action),
  };
}

/** A p-value from a statistic and its distribution's CDF and survival function. */
export function pValueOf(
  statistic: number,
  alternative: Alternative,
  cdf: (x: number) => number,
  sf: (x: number) => number,
): number {
  if (alternative === "greater") return sf(statistic);
  if (alternative === "less") return cdf(statistic);
  return Math.min(1, 2 * sf(Math.abs(statistic)));
}

/** An interval `estimate -/+ critical * se` for the alternative (one-sided ones are open). */
export function intervalOf(
  estimate: number,
  standardError: number,
  alternative: Alternative,
  alpha: number,
  quantile: (p: number) => number,
): [number, number] {
  if (alternative === "two-sided") {
    const critical = quantile(1 - alpha / 2);
    return [estimate - critical * standardError, estimate + critical * standardError];
  }
  const critical = quantile(1 - alpha);
  return alternative === "greater"
    ? [estimate - critical * standardError, Infinity]
    : [-Infinity, estimate + critical * standardError];
}

/** z-statistic p-value and interval helpers. */
export const zTools = {
  pValue: (z: number, alternative: Alternative): number =>
    pValueOf(z, alternative, (x) => normal.cdf(x), (x) => normal.sf(x)),
  interval: (estimate: number, se: number, alternative: Alternative, alpha: number) =>
    intervalOf(estimate, se, alternative, alpha, (p) => normal.quantile(p)),
};

/** t-statistic p-value and interval helpers for `df` degrees of freedom. */
export function tTools(df: number): typeof zTools {
  return {
    pValue: (t: number, alternative: Alternative): number =>
      pValueOf(t, alternative, (x) => studentT.cdf(x, { df }), (x) => studentT.sf(x, { df })),
    interval: (estimate: number, se: number, alternative: Alternative, alpha: number) =>
      intervalOf(estimate, se, alternative, alpha, (p) => studentT.quantile(p, { df })),
  };
}

/**
 * The delta-method relative effect `mt / mc - 1` of two independent means with variances of
 * the means `vt` and `vc`: `Var(mt / mc) ~ vt / mc^2 + mt^2 vc / mc^4` (first-order Taylor
 * expansion; as GrowthBook's gbstats and Deng et al., "Applying the Delta Method in Metric
 * Analytics", KDD 2018, compute it). Null when the control mean is 0.
 */
export function relativeEffect(
  mt: number,
  vt: number,
  mc: number,
  vc: number,
  alternative: Alternative,
  alpha: number,
): RelativeEffect | null {
  if (mc === 0) return null;
  const effect = mt / mc - 1;
  const standardError = Math.sqrt(vt / (mc * mc) + mt * mt * vc / (mc * mc * mc * mc));
  return {
    effect,
    confidenceInterval: zTools.interval(effect, standardError, alternative, alpha),
    pValue: zTools.pValue(effect / standardError, alternative),
    standardError,
  };
}
