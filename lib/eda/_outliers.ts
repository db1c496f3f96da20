/**
 * Internal outlier rules shared by flagOutliers and outlierSummary.
 *
 * @module
 */
import { quantileSorted, sortedPresent } from "../core/quantile.ts";
import { requireOneOf, requirePositive } from "../core/errors.ts";
import { mean, sampleStd } from "./_util.ts";

/** The outlier rules: Tukey's fences, z-score, and modified z-score on the median absolute deviation. */
export type OutlierMethod = "iqr" | "zscore" | "mad";

const OUTLIER_METHODS: readonly OutlierMethod[] = ["iqr", "zscore", "mad"];

/** Default threshold of each rule. */
export const DEFAULT_THRESHOLDS: Readonly<Record<OutlierMethod, number>> = {
  iqr: 1.5,
  zscore: 3,
  mad: 3.5,
};

/** The constant of the modified z-score: Φ⁻¹(0.75), so MAD / 0.6745 estimates σ for normal data. */
export const MAD_CONSTANT = 0.6745;

/** A rule fitted to one column: value bounds (null when the rule flags nothing) and the flags. */
export interface OutlierRule {
  lower: number | null;
  upper: number | null;
  flags: boolean[];
  outliers: number;
}

/**
 * Validates method and threshold, returning them with defaults filled in.
 *
 * @throws {TypeError} When the threshold is not a number.
 * @throws {RangeError} For an unknown method or a threshold that is not a finite number > 0.
 */
export function resolveOutlierOptions(
  method: string | undefined,
  threshold: number | undefined,
  action: string,
): { method: OutlierMethod; threshold: number } {
  const m = requireOneOf(method ?? "iqr", OUTLIER_METHODS, "method", action);
  const t = requirePositive(threshold ?? DEFAULT_THRESHOLDS[m], "the threshold", action);
  return { method: m, threshold: t };
}

/**
 * Fits a rule to `values` (NaN = missing) and flags each value. Missing values are never flagged.
 * O(n log n).
 */
export function fitOutlierRule(
  values: Float64Array,
  method: OutlierMethod,
  threshold: number,
): OutlierRule {
  const sorted = sortedPresent(values);
  let lower: number | null = null;
  let upper: number | null = null;
  let isOutlier: (v: number) => boolean = () => false;
  if (method === "iqr" && sorted.length > 0) {
    const q1 = quantileSorted(sorted, 0.25);
    const q3 = quantileSorted(sorted, 0.75);
    const lo = q1 - threshold * (q3 - q1);
    const hi = q3 + threshold * (q3 - q1);
    [lower, upper] = [lo, hi];
    isOutlier = (v) => v < lo || v > hi;
  } else if (method === "zscore") {
    const m = mean(sorted);
    const sd = sampleStd(sorted);
    if (sd > 0) {
      [lower, upper] = [m - threshold * sd, m + threshold * sd];
      isOutlier = (v) => Math.abs(v - m) / sd > threshold;
    }
  } else if (method === "mad" && sorted.length > 0) {
    const median = quantileSorted(sorted, 0.5);
    const deviations = sorted.map((v) => Math.abs(v - median)).sort();
    const mad = quantileSorted(deviations, 0.5);
    if (mad > 0) {
      const reach = threshold * mad / MAD_CONSTANT;
      [lower, upper] = [median - reach, median + reach];
      isOutlier = (v) => MAD_CONSTANT * Math.abs(v - median) / mad > threshold;
    }
  }
  let outliers = 0;
  const flags = Array.from(values, (v) => {
    const flag = !Number.isNaN(v) && isOutlier(v);
    if (flag) outliers++;
    return flag;
  });
  return { lower, upper, flags, outliers };
}
