import type { DataFrame } from "../core/frame.ts";
import { quantileSorted } from "../core/quantile.ts";
import { fitAffineScaler } from "./_affine_scaler.ts";

/** Options for {@linkcode fitRobustScaler}. */
export interface FitRobustScalerOptions {
  /** Columns to scale. Default: every numeric column of the frame the scaler is fitted on. */
  features?: readonly string[];
  /**
   * Percentiles whose difference is the scale, as scikit-learn's `quantile_range`. Default
   * `[25, 75]` (the interquartile range). Both from 0 to 100, the first below the second.
   */
  quantileRange?: readonly [number, number];
}

/**
 * A fitted robust scaler (read-only): the parameters of scikit-learn's `RobustScaler` with
 * `center_` and `scale_` as records keyed by feature name.
 */
export interface RobustScalerModel {
  /** The options it was fitted with, defaults resolved. */
  readonly options: Readonly<
    { features: readonly string[]; quantileRange: readonly [number, number] }
  >;
  /** The scaled columns, in order. */
  readonly features: readonly string[];
  /** Median of each feature on the fitting frame. */
  readonly center: Readonly<Record<string, number>>;
  /** Divisor of each feature: the quantile range (IQR by default), or 1 when it is 0. */
  readonly scale: Readonly<Record<string, number>>;
  /** Rows of the fitting frame. */
  readonly nSamples: number;
  /**
   * Returns a new frame with the same columns in which each feature `f` is replaced by
   * `(f - center[f]) / scale[f]` (Float64; nulls stay null); other columns are untouched. Works on
   * any frame holding the features. Cost: O(n d) in Polars.
   * @throws {TypeError} When a feature is missing or not numeric.
   */
  transform(df: DataFrame): DataFrame;
  /**
   * The inverse: `f * scale[f] + center[f]`.
   * @throws {TypeError} When a feature is missing or not numeric.
   */
  inverseTransform(df: DataFrame): DataFrame;
}

const EPS = 2 ** -52;

/**
 * Fits a robust scaler: centres each feature on its median and divides by its interquartile range
 * (75th minus 25th percentile), as scikit-learn's `RobustScaler()` does. Medians and quartiles
 * ignore how far the extreme values lie, so a few huge wholesale customers do not squash everyone
 * else towards 0 as they do with {@linkcode fitStandardScaler}. Percentiles use linear
 * interpolation between order statistics (numpy's default `percentile`, R's type 7, through the
 * library's one `quantileSorted`); the median of an even count is the mean of the two middle values
 * (numpy `median`). A feature whose range is
 * below `10 * eps` gets scale 1, as in scikit-learn.
 *
 * Cost: O(n log n) per feature (a sort of each column in a typed array).
 *
 * @param df The frame to fit on; never modified.
 * @param options `features` (default: every numeric column) and `quantileRange` (default
 * `[25, 75]`).
 * @returns A frozen {@linkcode RobustScalerModel}.
 * @throws {TypeError} When a feature is missing, not numeric or listed twice, or no column is
 * numeric.
 * @throws {RangeError} When `quantileRange` is not two percentiles from 0 to 100 in increasing
 * order, the frame is empty, or a feature has a missing, NaN or infinite value.
 *
 * @example Median and IQR, unmoved by an outlier
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitRobustScaler } from "./robust_scaler.ts";
 *
 * const df = pl.DataFrame({ monetary: [10, 20, 30, 40, 10_000] });
 * const scaler = fitRobustScaler(df);
 * assert.deepEqual([scaler.center.monetary, scaler.scale.monetary], [30, 20]);
 * const scaled = scaler.transform(df).getColumn("monetary").toArray();
 * assert.deepEqual(scaled, [-1, -0.5, 0, 0.5, 498.5]);
 * ```
 */
export function fitRobustScaler(
  df: DataFrame,
  options: FitRobustScalerOptions = {},
): RobustScalerModel {
  const range = options.quantileRange ?? [25, 75];
  const [low, high] = range;
  if (!Array.isArray(range) || range.length !== 2 || !(low >= 0 && low < high && high <= 100)) {
    throw new RangeError(
      `Cannot fit RobustScaler as quantileRange must be two percentiles with 0 <= low < high <= 100: [${
        Array.isArray(range) ? range.join(", ") : String(range)
      }]`,
    );
  }
  const fit = fitAffineScaler(df, {
    features: options.features,
    name: "RobustScaler",
    fitColumn: (values) => {
      const sorted = values.sort();
      // numpy's median: the middle value, or the mean of the two middle ones ("midpoint").
      const center = quantileSorted(sorted, 0.5, { method: "midpoint" });
      const spread = quantileSorted(sorted, high / 100) - quantileSorted(sorted, low / 100);
      return { center, scale: spread < 10 * EPS ? 1 : spread };
    },
  });
  return Object.freeze({
    options: Object.freeze({
      features: fit.features,
      quantileRange: Object.freeze([low, high] as [number, number]),
    }),
    features: fit.features,
    center: fit.statistics.center,
    scale: fit.statistics.scale,
    nSamples: fit.nSamples,
    transform: fit.transform,
    inverseTransform: fit.inverseTransform,
  });
}
