import type { DataFrame } from "../core/frame.ts";
import { type AffineColumnFit, fitAffineScaler } from "./_affine_scaler.ts";

/** Options for {@linkcode fitStandardScaler}. */
export interface FitStandardScalerOptions {
  /** Columns to scale. Default: every numeric column of the frame the scaler is fitted on. */
  features?: readonly string[];
}

/**
 * A fitted standard scaler (read-only): the parameters of scikit-learn's `StandardScaler` with
 * `mean_`, `var_` and `scale_` as records keyed by feature name.
 */
export interface StandardScalerModel {
  /** The options it was fitted with, `features` resolved. */
  readonly options: Readonly<{ features: readonly string[] }>;
  /** The scaled columns, in order. */
  readonly features: readonly string[];
  /** Mean of each feature on the fitting frame. */
  readonly mean: Readonly<Record<string, number>>;
  /** Population variance (ddof = 0) of each feature on the fitting frame. */
  readonly variance: Readonly<Record<string, number>>;
  /** Divisor of each feature: the standard deviation (ddof = 0), or 1 for a constant feature. */
  readonly scale: Readonly<Record<string, number>>;
  /** Rows of the fitting frame. */
  readonly nSamples: number;
  /**
   * Returns a new frame with the same columns in which each feature `f` is replaced by
   * `(f - mean[f]) / scale[f]` (Float64; nulls stay null); other columns are untouched. Works on
   * any frame holding the features, e.g. new customers scored with the training parameters.
   * Cost: O(n d) in Polars.
   * @throws {TypeError} When a feature is missing or not numeric.
   */
  transform(df: DataFrame): DataFrame;
  /**
   * The inverse: `f * scale[f] + mean[f]`, e.g. to read cluster centres in original units.
   * @throws {TypeError} When a feature is missing or not numeric.
   */
  inverseTransform(df: DataFrame): DataFrame;
}

const EPS = 2 ** -52;

/**
 * Fits a standard scaler (z-scores): centres each feature on its mean and divides by its
 * population standard deviation (ddof = 0), as scikit-learn's `StandardScaler()` does, so
 * distance-based models (k-means, DBSCAN) weigh features equally. A constant feature gets scale 1
 * (it is only centred), with scikit-learn's test for "constant up to rounding":
 * `var <= n * eps * var + (n * mean * eps)^2`. For skewed RFM columns apply
 * {@linkcode log1pTransform} first.
 *
 * The mean and variance follow scikit-learn's formulas (`mean = sum / n`, then
 * `var = (sum(d^2) - sum(d)^2 / n) / n` with `d = x - mean`); results agree with it to about
 * 1e-15 relative (summation order differs).
 *
 * Cost: O(n d) to copy the features into a typed array and one pass over it.
 *
 * @param df The frame to fit on; never modified.
 * @param options `features` (default: every numeric column).
 * @returns A frozen {@linkcode StandardScalerModel}.
 * @throws {TypeError} When a feature is missing, not numeric or listed twice, or no column is
 * numeric.
 * @throws {RangeError} When the frame is empty or a feature has a missing, NaN or infinite value
 * (naming the column, the count and the first rows).
 *
 * @example Fit on one frame, apply to another
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitStandardScaler } from "./standard_scaler.ts";
 *
 * const train = pl.DataFrame({ id: ["a", "b", "c"], monetary: [10, 20, 30] });
 * const scaler = fitStandardScaler(train);
 * assert.deepEqual(scaler.features, ["monetary"]);
 * assert.equal(scaler.mean.monetary, 20);
 * const scaled = scaler.transform(pl.DataFrame({ id: ["d"], monetary: [20] }));
 * assert.deepEqual(scaled.toRecords(), [{ id: "d", monetary: 0 }]);
 * ```
 */
export function fitStandardScaler(
  df: DataFrame,
  options: FitStandardScalerOptions = {},
): StandardScalerModel {
  const fit = fitAffineScaler(df, {
    features: options.features,
    name: "StandardScaler",
    fitColumn: standardColumn,
  });
  return Object.freeze({
    options: Object.freeze({ features: fit.features }),
    features: fit.features,
    mean: fit.statistics.center,
    variance: fit.statistics.variance,
    scale: fit.statistics.scale,
    nSamples: fit.nSamples,
    transform: fit.transform,
    inverseTransform: fit.inverseTransform,
  });
}

/**
 * Mean, population variance and scale of one feature, by scikit-learn's formulas: `mean = sum / n`,
 * then `var = (sum(d^2) - sum(d)^2 / n) / n` with `d = x - mean`; scale 1 when the feature is
 * constant up to rounding (`var <= n * eps * var + (n * mean * eps)^2`).
 */
function standardColumn(x: Float64Array): AffineColumnFit {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const mean = sum / n;
  let correction = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const dev = x[i] - mean;
    correction += dev;
    squares += dev * dev;
  }
  const variance = Math.max(0, (squares - correction * correction / n) / n);
  const constant = variance <= n * EPS * variance + (n * mean * EPS) ** 2;
  return { center: mean, scale: constant ? 1 : Math.sqrt(variance), variance };
}
